"""The servers table: every target of the domain, what the failover policy thinks of it,
and which one holds the registration.

One row per target (an address, port and transport from DNS), in a stable order (SRV
priority, then name): DNS may shuffle its answer at every query, the rows must not jump.
It draws the account's snapshot (:class:`~softdiag.events.AccountSnapshot`: every server
with the policy's health, back-off and current target, and its role: registered here, a
REGISTER in flight, failed, or a binding that may remain after a move) and the newest
``ProbeResult`` per server (its RTT between two snapshots). It keeps no registration state
of its own: which row is "registered here" is the snapshot's word.

Feeding only updates the rows' state; :meth:`ServersView.redraw` writes it into the cells
(once per batch, and only for cells whose text changed). The back-off countdown is
computed from the monotonic time of the event, so it is right however late the event is
drawn; a 1 s timer refreshes it only while the table is visible and something is avoided.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QHideEvent,
    QIcon,
    QPalette,
    QPixmap,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QWidget,
)

from softdiag.events import AccountSnapshot, ProbeResult, ServerState, Target
from ui.texts.events import NONE, probe_text
from ui.texts.failover_texts import health_state_text, health_why

from .widgets import ERROR_COLOR, OK_COLOR, STATE_COLORS, dot_pixmap

__all__ = ["COLUMNS", "ServerRow", "ServersView"]

(
    COL_HOST,
    COL_ADDRESS,
    COL_TRANSPORT,
    COL_PRIORITY,
    COL_RTT,
    COL_HEALTH,
    COL_CODE,
    COL_AVOIDED,
    COL_REGISTRATION,
) = range(9)
COLUMNS = 9
DOT = 8
MIN_ROWS, MAX_ROWS = 3, 6  # more targets scroll instead of pushing the log down
HEALTH_COLORS = {"up": OK_COLOR, "down": ERROR_COLOR}
MOVING_COLOR = "#a65e00"  # amber text: readable on a light background


@dataclass(slots=True)
class ServerRow:
    """What the table knows of one target."""

    target: Target
    state: ServerState | None = None  # the account owner's word
    probe: ProbeResult | None = None
    registrar: str = ""

    @property
    def key(self) -> str:
        return self.target.key

    def avoided_for(self, now: float) -> int:
        """Whole seconds the policy still avoids this target (0: not avoided)."""
        if self.state is None or self.state.dirty_until <= 0:
            return 0
        return max(0, math.ceil(self.state.dirty_until - now - 1e-6))

    def rtt_ms(self) -> float | None:
        """The newest round-trip time; none for a target that stopped answering."""
        probe = self.probe
        if probe is not None and probe.status in ("ok", "error"):
            return probe.rtt_ms
        return None


def _sort_key(target: Target) -> tuple[int, str, str, int, str]:
    return (target.priority, target.host, target.ip, target.port, target.transport)


class ServersView(QTreeWidget):
    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self._rows: dict[str, ServerRow] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._account = AccountSnapshot()  # the snapshot drawn
        self._stale = False  # state changed while hidden: redraw when shown
        self._version = 0  # bumped when the set of rows or a row's target changes
        self._built = -1  # the version the items were built for

        self.setColumnCount(COLUMNS)
        self.setHeaderLabels(
            [
                self.tr("Server"),
                self.tr("Address"),
                self.tr("Transport"),
                self.tr("Prio/weight"),
                self.tr("RTT"),
                self.tr("Health"),
                self.tr("Last code"),
                self.tr("Back-off"),
                self.tr("Registration"),
            ]
        )
        header_item = self.headerItem()
        tips = {
            COL_HOST: self.tr("The name DNS gave for this address (SRV target)"),
            COL_PRIORITY: self.tr("SRV priority / weight: lower priority is tried first"),
            COL_RTT: self.tr("Round-trip time of the latest SIP OPTIONS probe"),
            COL_HEALTH: self.tr("What the failover policy believes; hover a cell for why"),
            COL_CODE: self.tr("The last SIP answer from this server (probe or REGISTER)"),
            COL_AVOIDED: self.tr(
                "How long the policy still avoids this server (back-off or Retry-After)"
            ),
            COL_REGISTRATION: self.tr("Where the account is registered, or being moved to"),
        }
        for column, tip in tips.items():
            header_item.setToolTip(column, tip)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setIconSize(QSize(DOT, DOT))
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        ratio = self.devicePixelRatioF()
        blank = QPixmap(DOT, DOT)
        blank.fill(Qt.GlobalColor.transparent)
        self._blank_icon = QIcon(blank)  # same width as a dot, so texts stay aligned
        self._icons = {
            name: QIcon(dot_pixmap(color, DOT, ratio))
            for name, color in (
                ("up", STATE_COLORS["registered"]),
                ("down", STATE_COLORS["failed"]),
                ("unknown", STATE_COLORS["unregistered"]),
                ("registered", STATE_COLORS["registered"]),
                ("moving", STATE_COLORS["registering"]),
            )
        }
        self._fit_fixed_columns()
        self._fit_height()

        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)

    # -- state from events --------------------------------------------------------------

    def show_account(self, snapshot: AccountSnapshot) -> None:
        """The owner's snapshot: its servers are the rows (what is known of each stays)."""
        self._account = snapshot
        self._set_targets(tuple(x.target for x in snapshot.servers))
        for server in snapshot.servers:
            self._rows[server.target.key].state = server

    def show_probe(self, event: ProbeResult) -> None:
        row = self._rows.get(f"{event.target}/{event.transport}")
        if row is None:
            return
        if row.probe is None or event.mono >= row.probe.mono:
            row.probe = event
        if event.server:
            row.registrar = event.server

    def _set_targets(self, targets: tuple[Target, ...]) -> None:
        keys = [t.key for t in targets]
        if set(keys) == set(self._rows) and all(self._rows[t.key].target == t for t in targets):
            return
        old = self._rows
        self._version += 1
        self._rows = {
            t.key: ServerRow(t) if t.key not in old else _retarget(old[t.key], t)
            for t in sorted(targets, key=_sort_key)
        }
        if not self._rows:
            self.clear()
            self._items.clear()
            self._built = self._version
            self._fit_height()

    # -- reading (tests, the screenshots) ------------------------------------------------

    @property
    def registered_key(self) -> str | None:
        return next(
            (k for k, r in self._rows.items() if r.state and r.state.role == "registered"), None
        )

    def server_keys(self) -> list[str]:
        return list(self._rows)

    def row(self, key: str) -> ServerRow:
        return self._rows[key]

    def cell(self, key: str, column: int) -> str:
        return self._items[key].text(column)

    def item(self, key: str) -> QTreeWidgetItem:
        return self._items[key]

    # -- drawing -----------------------------------------------------------------------

    def redraw(self) -> None:
        """Write the state into the cells; skipped while hidden (done when shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        if self._built != self._version:
            self._rebuild()
        now = self._clock()
        avoided = False
        for key, row in self._rows.items():
            self._draw_row(self._items[key], row, now)
            avoided = avoided or row.avoided_for(now) > 0
        if avoided and not self._timer.isActive():
            self._timer.start()
        elif not avoided:
            self._timer.stop()

    def _rebuild(self) -> None:
        self._built = self._version
        self.clear()
        self._items = {}
        for key, row in self._rows.items():
            item = QTreeWidgetItem([""] * COLUMNS)
            target = row.target
            item.setText(COL_HOST, target.host or NONE)
            item.setText(COL_ADDRESS, target.hostport)
            item.setText(COL_TRANSPORT, target.transport.upper())
            item.setText(COL_PRIORITY, f"{target.priority}/{target.weight}")
            item.setToolTip(
                COL_HOST,
                self.tr("{host} (from {source}, TTL {ttl} s)").format(
                    host=target.host, source=target.source.upper(), ttl=target.ttl
                ),
            )
            self._items[key] = item
            self.addTopLevelItem(item)
        # Measured in bold with the dot: the registered row is drawn so.
        bold = QFont(self.font())
        bold.setBold(True)
        metrics = QFontMetrics(bold)
        header = self.headerItem()
        for column in (COL_HOST, COL_ADDRESS):
            texts = [header.text(column), *(item.text(column) for item in self._items.values())]
            width = max(metrics.horizontalAdvance(t) for t in texts)
            self.setColumnWidth(column, width + DOT + 28)
        self._fit_height()

    def _draw_row(self, item: QTreeWidgetItem, row: ServerRow, now: float) -> None:
        server, probe = row.state, row.probe
        code = server.last_code if server is not None else 0
        if server is not None and (server.health != "unknown" or probe is None):
            state, why = server.health, health_why(server)
        elif probe is not None:  # no policy report yet: the probe is all we know
            state = "up" if probe.status == "ok" else "down"
            why, code = probe_text(probe), probe.code
        else:
            state, why = "unknown", ""

        rtt = row.rtt_ms()
        _set(item, COL_RTT, self.tr("{ms} ms").format(ms=f"{rtt:.1f}") if rtt is not None else NONE)

        _set(item, COL_HEALTH, health_state_text(state))
        item.setIcon(COL_HEALTH, self._icons.get(state, self._icons["unknown"]))
        color = HEALTH_COLORS.get(state)
        item.setForeground(
            COL_HEALTH,
            QBrush(QColor(color))
            if color
            else QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)),
        )
        tip = [why or (self.tr("Not probed yet") if state == "unknown" else "")]
        if row.probe is not None:
            tip.append(self.tr("Last probe: {result}").format(result=probe_text(row.probe)))
        if row.registrar:
            tip.append(self.tr("Answered by: {name}").format(name=row.registrar))
        tooltip = "\n".join(line for line in tip if line)
        item.setToolTip(COL_HEALTH, tooltip)
        item.setToolTip(COL_ADDRESS, tooltip)

        _set(item, COL_CODE, str(code) if code else NONE)
        item.setToolTip(COL_CODE, why)

        seconds = row.avoided_for(now)
        _set(item, COL_AVOIDED, self._avoided_text(seconds))
        item.setForeground(COL_AVOIDED, QBrush(QColor(ERROR_COLOR)) if seconds else QBrush())

        role = server.role if server is not None else ""
        registered, failed = role == "registered", role == "failed"
        current = server is not None and server.current and self._account.policy_live
        moving = role == "attempt" or (
            current and not role and self._account.state == "registering"
        )
        elsewhere = any(r.state and r.state.role in ("registered", "stale")
                        for r in self._rows.values())  # fmt: skip
        if registered:
            text, icon, color = self.tr("registered here"), "registered", OK_COLOR
            tip_text = self.tr("The last REGISTER through this server was accepted")
        elif failed:
            text, icon, color = self.tr("REGISTER failed"), "down", ERROR_COLOR
            tip_text = self.tr("The last REGISTER through this server failed")
            if current:
                tip_text += "\n" + self.tr("The failover policy still sends the account here")
        elif moving and not elsewhere:
            text, icon, color = self.tr("registering here"), "moving", MOVING_COLOR
            tip_text = self.tr("The failover policy registers the account through this server")
        elif moving:
            text, icon, color = self.tr("moving here"), "moving", MOVING_COLOR
            tip_text = self.tr(
                "The failover policy is moving the account to this server; "
                "its REGISTER has not been accepted yet"
            )
        elif role == "stale":
            text, icon, color = self.tr("binding may remain"), "down", MOVING_COLOR
            tip_text = self.tr(
                "The account was registered through this server and has left it since; "
                "the server may keep the old binding until it expires"
            )
        else:
            text, icon, color, tip_text = "", "", None, ""
        _set(item, COL_REGISTRATION, text)
        item.setIcon(COL_REGISTRATION, self._icons[icon] if icon else QIcon())
        item.setForeground(COL_REGISTRATION, QBrush(QColor(color)) if color else QBrush())
        item.setToolTip(COL_REGISTRATION, tip_text)
        item.setIcon(COL_HOST, self._icons["registered"] if registered else self._blank_icon)
        if item.font(COL_HOST).bold() != registered:
            for column in range(COLUMNS):
                font = item.font(column)
                font.setBold(registered)
                item.setFont(column, font)

    def _tick(self) -> None:
        if not self.isVisible():
            self._timer.stop()  # showEvent redraws, which restarts it if needed
            return
        now = self._clock()
        avoided = False
        for key, row in self._rows.items():
            item = self._items.get(key)
            if item is None:
                continue
            seconds = row.avoided_for(now)
            avoided = avoided or seconds > 0
            _set(item, COL_AVOIDED, self._avoided_text(seconds))
            if not seconds:
                item.setForeground(COL_AVOIDED, QBrush())
        if not avoided:
            self._timer.stop()

    def _avoided_text(self, seconds: int) -> str:
        return self.tr("avoided for {seconds} s").format(seconds=seconds) if seconds else ""

    @property
    def counting_down(self) -> bool:
        return self._timer.isActive()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.redraw()
        elif self._rows and not self._timer.isActive():
            self.redraw()  # restart the countdown if something is still avoided

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    # -- sizes -------------------------------------------------------------------------

    def _fit_fixed_columns(self) -> None:
        fm = self.fontMetrics()
        header = self.headerItem()
        pad = 24

        def widest(*texts: str) -> int:
            return max(fm.horizontalAdvance(t) for t in texts) + pad

        samples = {
            COL_HOST: ("sip1.voip.example.com",),
            COL_ADDRESS: ("255.255.255.255:5060",),
            COL_TRANSPORT: ("TLS",),
            COL_PRIORITY: ("10/100",),
            COL_RTT: (self.tr("{ms} ms").format(ms="999.9"),),
            COL_HEALTH: tuple(health_state_text(s) + "   " for s in ("up", "down", "unknown")),
            COL_CODE: ("503",),
            COL_AVOIDED: (self.tr("avoided for {seconds} s").format(seconds=120),),
        }
        for column, texts in samples.items():
            self.setColumnWidth(column, widest(header.text(column), *texts))

    def _fit_height(self) -> None:
        rows = min(MAX_ROWS, max(MIN_ROWS, len(self._rows)))
        row_height = max(self.fontMetrics().height() + 6, DOT + 6)
        header = self.header().sizeHint().height()
        self.setFixedHeight(header + rows * row_height + 2 * self.frameWidth() + 2)


def _set(item: QTreeWidgetItem, column: int, text: str) -> None:
    if item.text(column) != text:  # an unchanged text costs no relayout
        item.setText(column, text)


def _retarget(row: ServerRow, target: Target) -> ServerRow:
    row.target = target
    return row
