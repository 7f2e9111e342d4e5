"""The "Servers" tab: the failover view of the domain's servers and the registration
timeline under it (the window puts it in a tab beside the NAT panel).

The window hands it, per batch of engine events, the failover-related events in order
(``Resolved``, ``ServersChanged``, ``RegistrationChanged``, ``FailoverDecision`` and the
policy-change ``Log``) and the newest probe of each target. The panel updates its state
from all of them and redraws once: the table writes only changed cells, the timeline
repaints on its own timer. Both skip the drawing while hidden.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from softdiag.events import (
    AccountChanged,
    AccountSnapshot,
    Event,
    FailoverDecision,
    IncomingCall,
    PolicyChanged,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    ServersChanged,
)
from ui.texts.events import NONE
from ui.texts.failover_texts import policy_text

from .servers_view import ServersView
from .timeline import DEFAULT_SPAN, SPANS, RegistrationTimeline, legend_pixmap
from .widgets import mute

__all__ = ["ServersPanel", "is_failover_event"]


def is_failover_event(event: Event) -> bool:
    """The events this panel needs in order (probes go separately, newest only)."""
    return isinstance(
        event,
        AccountChanged
        | Resolved
        | ServersChanged
        | RegistrationChanged
        | FailoverDecision
        | IncomingCall
        | PolicyChanged,
    )


class ServersPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policy: str | None = None

        self.dns_label = mute(QLabel())
        self.dns_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.order_label = mute(QLabel())
        self.order_label.setToolTip(
            self.tr("The order the DNS server returned the addresses in; it may change per query")
        )
        self.policy_label = QLabel()
        self.policy_label.setToolTip(
            self.tr("Change it in the Account group: it applies at once, without re-registering")
        )
        self.table = ServersView()

        self.timeline_title = QLabel(self.tr("Registration timeline"))
        bold = QFont(self.timeline_title.font())
        bold.setBold(True)
        self.timeline_title.setFont(bold)
        self.span_combo = QComboBox()
        for seconds in SPANS:
            self.span_combo.addItem(
                self.tr("last {minutes} min").format(minutes=int(seconds // 60)), seconds
            )
        self.span_combo.setCurrentIndex(self.span_combo.findData(DEFAULT_SPAN))
        self.span_combo.setToolTip(self.tr("How much time the timeline shows"))
        self.timeline = RegistrationTimeline()
        self.span_combo.currentIndexChanged.connect(
            lambda _i: self.timeline.set_span(float(self.span_combo.currentData()))
        )

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.dns_label)
        top.addWidget(self.order_label, 1)
        top.addWidget(self.policy_label)

        legend = QHBoxLayout()
        legend.setSpacing(4)
        legend.addWidget(self.timeline_title)
        legend.addSpacing(12)
        ratio = self.devicePixelRatioF()
        entries = (
            ("bar", self.tr("registered")),
            ("attempt", self.tr("REGISTER in flight")),
            ("decision", self.tr("failover decision")),
            ("failure", self.tr("failed REGISTER")),
            ("policy", self.tr("policy changed")),
            ("inbound", self.tr("incoming call")),
            ("inbound-other", self.tr("… through another server")),
        )
        self.legend_labels: list[QLabel] = []
        for kind, text in entries:
            icon = QLabel()
            icon.setPixmap(legend_pixmap(kind, 14, ratio))
            label = mute(QLabel(text))
            self.legend_labels.append(label)
            legend.addWidget(icon)
            legend.addWidget(label)
            legend.addSpacing(10)
        legend.addStretch(1)
        legend.addWidget(self.span_combo)

        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.table)
        layout.addSpacing(2)
        layout.addLayout(legend)
        layout.addWidget(self.timeline)

        self._show_resolved_labels(None)
        self._show_policy()

    # -- feeding -----------------------------------------------------------------------

    def feed(
        self,
        events: Sequence[Event],
        probes: Iterable[ProbeResult] = (),
        account: AccountSnapshot | None = None,
    ) -> None:
        """One batch: ``events`` in order (see :func:`is_failover_event`) for the timeline
        and the DNS labels, ``probes`` the newest per target, ``account`` the newest
        snapshot (the table's rows). Redraws once."""
        resolved: Resolved | None = None
        probes = list(probes)
        for event in events:
            if isinstance(event, Resolved):
                resolved = event
            elif isinstance(event, PolicyChanged):
                self._policy = event.policy
        if account is not None:
            self.table.show_account(account)
            if account.policy:
                self._policy = account.policy
        for probe in probes:
            self.table.show_probe(probe)
        self.timeline.add([*events, *probes])
        if resolved is not None:
            self._show_resolved_labels(resolved)
        self._show_policy()
        self.table.redraw()

    def start_attempt(self) -> None:
        """A new registration: the previous DNS answer goes; the timeline stays."""
        self._show_resolved_labels(None)

    def account_ended(self) -> None:
        """The account is gone, maybe without the engine's last word (it stopped)."""
        self.timeline.end_account()

    def set_policy(self, policy: str) -> None:
        """The policy chosen in the form: it applies at once (the engine confirms it)."""
        self._policy = policy
        self._show_policy()

    # -- labels ------------------------------------------------------------------------

    def _show_resolved_labels(self, event: Resolved | None) -> None:
        if event is None:
            self.dns_label.setText(self.tr("No DNS answer yet"))
            self.order_label.setText(self.tr("DNS answer order: {order}").format(order=NONE))
            return
        self.dns_label.setText(
            self.tr("{domain} ({transport}): {count} target(s) from DNS {nameserver}").format(
                domain=event.domain,
                transport=event.transport.upper(),
                count=len(event.targets),
                nameserver=event.nameserver,
            )
        )
        order = ", ".join(event.answer_order) or NONE
        self.order_label.setText(self.tr("DNS answer order: {order}").format(order=order))

    def _show_policy(self) -> None:
        name = policy_text(self._policy) if self._policy else NONE
        self.policy_label.setText(self.tr("Failover policy: {policy}").format(policy=name))
