"""The "Registration" group: where the account is registered, and what the server saw.

It draws the account's snapshot (:class:`~softdiag.events.AccountSnapshot`: the state, the
last answer, when the registration runs out), and the details of the newest REGISTER answer
(``RegistrationChanged``: the registrar, what it saw of us) and failover decision; the
servers themselves are in :mod:`ui.panels.servers_panel`. The expiry countdown is computed
from the snapshot's monotonic expiry, so it stays right however late it was drawn; a 1 s
timer redraws only that one label and runs only while registered and visible.
"""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from softdiag.events import AccountSnapshot, FailoverDecision, RegistrationChanged
from ui.texts.events import NONE, hostport, registration_state_text, response_text, time_text
from ui.texts.failover_texts import decision_reason

from .widgets import ERROR_COLOR, OK_COLOR, STATE_COLORS, dot_pixmap, mute, set_text_color

__all__ = ["RegistrationPanel"]

DOT_SIZE = 14


class RegistrationPanel(QGroupBox):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Registration"), parent)
        self._drawn = AccountSnapshot()  # the snapshot on screen (the countdown reads it)
        self._server = ""  # the server of the newest REGISTER answer shown
        self._expires = 0

        self.dot_label = QLabel()
        self.state_label = QLabel()
        big = QFont(self.state_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.4)
        big.setBold(True)
        self.state_label.setFont(big)
        self.aor_label = mute(QLabel())
        self.aor_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.server_label = self._value_label()
        self.transport_label = self._value_label()
        self.code_label = self._value_label()
        self.expires_label = self._value_label()
        self.public_label = self._value_label()
        self.public_label.setToolTip(
            self.tr("Our address as the server saw it (Via received/rport): the NAT mapping")
        )

        self.failover_label = self._value_label()

        header = QHBoxLayout()
        header.setSpacing(8)
        header.addWidget(self.dot_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addWidget(self.state_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addStretch(1)

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Server:"), self.server_label)
        form.addRow(self.tr("Transport:"), self.transport_label)
        form.addRow(self.tr("Last response:"), self.code_label)
        form.addRow(self.tr("Expires in:"), self.expires_label)
        form.addRow(self.tr("Public address:"), self.public_label)
        form.addRow(self.tr("Last failover:"), self.failover_label)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.aor_label)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addStretch(1)

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

        self._show_state("unregistered")
        for label in (self.server_label, self.transport_label, self.code_label):
            label.setText(NONE)
        self.expires_label.setText(NONE)
        self.public_label.setText(NONE)
        self.failover_label.setText(NONE)

    def _value_label(self) -> QLabel:
        label = QLabel()
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Wrap rather than widen: a long reason must not squeeze the rest of the window.
        label.setWordWrap(True)
        return label

    # -- updates from events -----------------------------------------------------------

    @property
    def state(self) -> str:
        return self._drawn.state

    def show_account(self, snapshot: AccountSnapshot) -> None:
        """The account's state, its last answer and its expiry, from the one owner."""
        self._drawn = snapshot
        self._show_state(snapshot.state)
        if snapshot.aor:
            self.aor_label.setText(snapshot.aor)
        if snapshot.state == "registering":
            self.code_label.setText(self.tr("waiting for an answer…"))
            set_text_color(self.code_label, None)
        elif snapshot.code or snapshot.reason:
            text = response_text(snapshot.code, snapshot.reason) or NONE
            if snapshot.state == "failed" and snapshot.retry_after:
                text = self.tr("{response} (retry after {seconds} s)").format(
                    response=text, seconds=snapshot.retry_after
                )
            self.code_label.setText(text)
            failed = snapshot.state == "failed"
            set_text_color(self.code_label, ERROR_COLOR if failed else _code_color(snapshot.code))
        if snapshot.state == "registered" and snapshot.expires_at is not None:
            self._tick()
            self._timer.start()
        else:
            self._timer.stop()
            self.expires_label.setText(NONE)

    def show_note(self, note: str) -> None:
        """A word from the window on how the last request ended (no answer came)."""
        self.code_label.setText(note)
        set_text_color(self.code_label, None)

    def show_registration(self, event: RegistrationChanged) -> None:
        """The details of the newest REGISTER answer: who answered, what it saw of us."""
        self.aor_label.setText(event.aor)
        server = event.server
        if event.registrar:
            server = self.tr("{server} (registrar {name})").format(
                server=event.server, name=event.registrar
            )
        self.server_label.setText(server or NONE)
        self.transport_label.setText(event.transport.upper())
        if event.received or event.rport:
            self.public_label.setText(hostport(event.received, event.rport))
        elif event.state == "registering" and event.server != self._server:
            self.public_label.setText(NONE)  # another server will see another mapping
        self._server = event.server
        if event.state == "registered" and event.expires > 0:
            self._expires = event.expires

    def start_attempt(self, aor: str) -> None:
        """A new registration attempt: forget every fact of the previous account."""
        self.aor_label.setText(aor)
        self._server = ""
        for label in (self.server_label, self.transport_label, self.public_label):
            label.setText(NONE)
        self.failover_label.setText(NONE)
        self.failover_label.setToolTip("")
        self.code_label.setText(self.tr("waiting for an answer…"))
        set_text_color(self.code_label, None)

    def show_failover(self, event: FailoverDecision) -> None:
        """Where the policy moved the registration and why (case 3: which proxy, since when)."""
        destination = (event.to_target or "").split("/")[0] or self.tr("nowhere")
        source = (event.from_target or "").split("/")[0] or NONE
        self.failover_label.setText(
            self.tr("{time} {source} → {destination}: {reason}").format(
                time=time_text(event.wall).split(".")[0],
                source=source,
                destination=destination,
                reason=decision_reason(event),
            )
        )
        self.failover_label.setToolTip("\n".join(event.evidence))

    def expires_remaining(self) -> int | None:
        expiry = self._drawn.expires_at if self._drawn.state == "registered" else None
        if expiry is None:
            return None
        return max(0, round(expiry - time.monotonic()))

    # -- drawing -----------------------------------------------------------------------

    def _show_state(self, state: str) -> None:
        color = STATE_COLORS.get(state, STATE_COLORS["unregistered"])
        self.dot_label.setPixmap(dot_pixmap(color, DOT_SIZE, self.devicePixelRatioF()))
        self.state_label.setText(registration_state_text(state))

    def _tick(self) -> None:
        remaining = self.expires_remaining()
        if remaining is None:
            self._timer.stop()
            return
        if not self.isVisible() and remaining > 0:
            return  # nobody looks; the next visible tick computes from the clock anyway
        if remaining == 0:
            self.expires_label.setText(self.tr("refresh due"))
        else:
            self.expires_label.setText(
                self.tr("{remaining} s (of {expires} s)").format(
                    remaining=remaining, expires=self._expires
                )
            )


def _code_color(code: int) -> str | None:
    """Green for a final success, red for a failure, the theme's colour for no answer."""
    if 200 <= code < 300:
        return OK_COLOR
    return ERROR_COLOR if code >= 300 else None
