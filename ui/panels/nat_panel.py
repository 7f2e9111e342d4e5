"""The "NAT" tab: what each server sees of us, what kind of NAT that makes, and every change.

CASES.md case 1: behind NAT, every destination may get its own public port, and a NAT that
forgets or rebuilds a mapping silently breaks incoming calls. The panel shows

- a summary: our local address (the REGISTER's socket), the NAT class the engine derived
  (``NatStatus``), the STUN verdict (``StunBehaviour``: mapping, filtering, idle lifetime,
  with the STUN check's findings: ``nat.none``, ``nat.mapping_*``, ``nat.alg``...) and the
  keep-alive verdict (the newest other ``nat.*`` finding: ``nat.keepalive_*``,
  ``nat.lifetime_unknown``);
- a table: one row per server with the public address:port it sees, since when and from
  what (REGISTER, probe, STUN); a row whose mapping changed live turns amber, says
  "changed" in bold, and fades back within :data:`HIGHLIGHT_S` seconds;
- the list of mapping changes, newest first, with the cause in a few words; hovering an
  entry gives the whole explanation and the tracker's evidence.

Sources: ``RegistrationChanged`` (Via received/rport of every 2xx: a server that sees the
same mapping as the previous one brings no ``NatMappingChanged``, but it is a row),
``NatMappingChanged`` (the engine's verdict on a change, with its cause), ``NatStatus``
(the classification and the full table for our socket), ``StunBehaviour`` and the
``nat.*`` findings; probes only lend the registrars' names (each probe uses a socket of its own,
so its mapping says nothing about the account's).

:class:`NatModel` keeps the state (plain Python, no Qt); :class:`NatPanel` draws it once
per batch, and nothing while hidden: a change that arrives then is highlighted from the
moment the tab is shown, and the window marks the tab's title meanwhile.
"""

from __future__ import annotations

import html
import ipaddress
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QHideEvent, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softdiag.events import (
    Event,
    Finding,
    NatMappingChanged,
    NatStatus,
    ProbeResult,
    RegistrationChanged,
    StunBehaviour,
)
from ui.texts.events import NONE
from ui.texts.finding_texts import finding_advice, finding_title
from ui.texts.nat_texts import (
    cause_name,
    cause_text,
    class_name,
    class_text,
    source_text,
    stun_summary,
    unknown_class_text,
)

from .widgets import OK_COLOR, STATE_COLORS, dot_pixmap, severity_icon

__all__ = [
    "CHANGE_COLUMNS",
    "COLUMNS",
    "HIGHLIGHT_S",
    "STUN_KEY",
    "MappingRow",
    "NatModel",
    "NatPanel",
    "is_nat_event",
]

(COL_SERVER, COL_PUBLIC, COL_SINCE, COL_SOURCE, COL_CHANGE) = range(5)
COLUMNS = 5
(CH_TIME, CH_SERVER, CH_MAPPING, CH_CAUSE) = range(4)
CHANGE_COLUMNS = 4

STUN_KEY = "stun"  # NatMappingChanged.server of STUN results
MAX_CHANGES = 200  # the tracker keeps as many
HIGHLIGHT_S = 10.0  # a live change stays highlighted this long...
HOLD_S = 2.0  # ...at full strength first, then it fades
FADE_MS = 100
HIGHLIGHT_RGB = (255, 186, 40)  # amber, like "moving here" in the servers table
HIGHLIGHT_ALPHA = 150  # over the base colour: dark text stays readable on it
TAG_COLOR = "#a65e00"  # amber text readable on a light background
CLASS_COLORS = {
    "no_nat": STATE_COLORS["registered"],
    "stable": STATE_COLORS["registered"],
    "address_dependent": STATE_COLORS["registering"],
}
MIN_ROWS, MAX_ROWS = 2, 5  # more servers scroll
DOT = 10
COLUMN_PAD = 24


# softdiag.findings ids: the STUN check's verdicts on the mapping (one per check) and the
# router ALG; every other "nat.*" finding is keep-alive advice (softdiag.nat.keepalive).
MAPPING_VERDICTS = frozenset(
    {"nat.none", "nat.mapping_stable", "nat.mapping_per_destination", "nat.behaviour_unknown"}
)
STUN_FINDINGS = MAPPING_VERDICTS | {"nat.alg"}
SHOWN_STUN_FINDINGS = ("nat.alg",)  # not in StunBehaviour's words: said in the header too
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def is_keepalive_finding(finding: Finding) -> bool:
    return finding.id.startswith("nat.") and finding.id not in STUN_FINDINGS


def is_nat_event(event: Event) -> bool:
    """The events the NAT panel needs, in order (probes go separately, newest only)."""
    return isinstance(
        event, NatMappingChanged | NatStatus | StunBehaviour | RegistrationChanged
    ) or (isinstance(event, Finding) and event.id.startswith("nat."))


def _public(received: str, rport: int | None, local: str | None) -> str:
    """What the tracker calls the public address: received:rport (or the local port)."""
    if rport:
        return f"{received}:{rport}"
    if local:
        return f"{received}:{local.rsplit(':', 1)[-1]}"
    return received


def _name_without(registrar: str, server: str) -> str:
    """ "kam2 127.0.0.3" -> "kam2": the row already shows the address."""
    ip = server.rsplit(":", 1)[0].strip("[]")
    return " ".join(w for w in registrar.split() if w.strip("[]") != ip)


def _sort_key(key: str) -> tuple[int, int, int, str]:
    """Servers by address (numerically), STUN last: rows must not jump around."""
    if key == STUN_KEY:
        return (1, 0, 0, key)
    host, _, port = key.rpartition(":")
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return (0, 9, 0, key)
    return (0, address.version, int(address), port)


def _hhmmss(wall: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(wall))


# -- the state ----------------------------------------------------------------------------


@dataclass(slots=True)
class MappingRow:
    """One server (or the STUN server) and the public address it sees for us."""

    key: str  # server ip:port, or STUN_KEY
    public: str
    source: str  # register, probe, stun
    since_wall: float  # when this mapping was first seen
    last_wall: float  # when a server last confirmed it
    local: str | None = None
    change: NatMappingChanged | None = None  # the engine's verdict that brought it


@dataclass(slots=True)
class NatModel:
    """Everything the panel shows, from events in order. GUI thread only; no Qt."""

    local: str | None = None  # the registration's socket
    status: NatStatus | None = None
    stun: StunBehaviour | None = None
    keepalive: Finding | None = None  # the newest keep-alive verdict
    stun_findings: dict[str, Finding] = field(default_factory=dict)  # id -> the newest
    rows: dict[str, MappingRow] = field(default_factory=dict)
    registrars: dict[str, str] = field(default_factory=dict)  # server -> name
    # (sequence number, change), oldest first; the number identifies it in the list.
    changes: deque[tuple[int, NatMappingChanged]] = field(
        default_factory=lambda: deque(maxlen=MAX_CHANGES)
    )
    total_changes: int = 0  # ever added: the next sequence number
    version: int = 0  # bumped when the set of rows changes

    def add(self, event: Event) -> NatMappingChanged | None:
        """Take one event in; returns it when it is a real change (not a first answer)."""
        if isinstance(event, RegistrationChanged):
            self._registration(event)
        elif isinstance(event, NatMappingChanged):
            return self._change(event)
        elif isinstance(event, NatStatus):
            if event.local:
                self._set_local(event.local)
            self.status = event
            for server, public in event.mappings:
                source = "stun" if server == STUN_KEY else "register"
                self._observe(server, public, source, event.wall, event.local, confirm=False)
        elif isinstance(event, StunBehaviour):
            self.stun = event
            if event.mapped:
                self._observe(STUN_KEY, event.mapped, "stun", event.wall, event.local)
        elif isinstance(event, ProbeResult):
            self.learn_name(event)
        elif isinstance(event, Finding) and event.id.startswith("nat."):
            if is_keepalive_finding(event):
                self.keepalive = event
            else:
                if event.id in MAPPING_VERDICTS:  # a new check's verdict replaces the last
                    for old in MAPPING_VERDICTS:
                        self.stun_findings.pop(old, None)
                self.stun_findings[event.id] = event
        return None

    def learn_name(self, probe: ProbeResult) -> bool:
        """Who answers at a server (X-Registrar or Server header); True when it is news."""
        if not probe.server or probe.target in self.registrars:
            return False
        name = _name_without(probe.server, probe.target)
        if not name:
            return False
        self.registrars[probe.target] = name
        return True

    def new_account(self) -> None:
        """A new registration: a new tracker will report every mapping again."""
        self.status = None
        if any(key != STUN_KEY for key in self.rows):
            self.rows = {k: r for k, r in self.rows.items() if k == STUN_KEY}
            self.version += 1

    def registrar(self, key: str) -> str:
        return self.registrars.get(key, "")

    def ordered_rows(self) -> list[MappingRow]:
        return [self.rows[k] for k in sorted(self.rows, key=_sort_key)]

    # -- rules -------------------------------------------------------------------------

    def _registration(self, event: RegistrationChanged) -> None:
        if event.registrar:
            name = _name_without(event.registrar, event.server)
            if name:
                self.registrars[event.server] = name
        if event.state != "registered" or not event.received:
            return
        if event.local:
            self._set_local(event.local)
        public = _public(event.received, event.rport, event.local)
        self._observe(event.server, public, "register", event.wall, event.local)

    def _change(self, event: NatMappingChanged) -> NatMappingChanged | None:
        if event.source == "register":
            self._set_local(event.local)
        key = STUN_KEY if event.source == "stun" else event.server
        row = self._observe(key, event.new, event.source, event.wall, event.local)
        row.change = event
        self.changes.append((self.total_changes, event))
        self.total_changes += 1
        return event if event.old is not None else None

    def _set_local(self, local: str) -> None:
        if local == self.local:
            return
        if self.local is not None:
            # Another socket (a network switch): the old mappings belong to the old one.
            self.status = None
            if any(key != STUN_KEY for key in self.rows):
                self.rows = {k: r for k, r in self.rows.items() if k == STUN_KEY}
                self.version += 1
        self.local = local

    def _observe(
        self,
        key: str,
        public: str,
        source: str,
        wall: float,
        local: str | None,
        *,
        confirm: bool = True,
    ) -> MappingRow:
        row = self.rows.get(key)
        if row is None:
            row = MappingRow(key, public, source, wall, wall, local)
            self.rows[key] = row
            self.version += 1
        elif row.public != public:
            row.public, row.source, row.since_wall, row.last_wall = public, source, wall, wall
            row.local, row.change = local, None  # until the engine says why
        elif confirm:
            row.last_wall = max(row.last_wall, wall)
        return row


# -- drawing ------------------------------------------------------------------------------


class _ChangeList(QTreeWidget):
    """The list of changes: small by default, it takes the room the page has left."""

    def sizeHint(self) -> QSize:
        rows = 3
        height = self.header().sizeHint().height() + rows * (self.fontMetrics().height() + 6)
        return QSize(600, height + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        height = self.header().sizeHint().height() + 2 * (self.fontMetrics().height() + 6)
        return QSize(300, height + 2 * self.frameWidth())


class NatPanel(QWidget):
    """The NAT tab. ``mapping_changed`` fires once per batch with a live mapping change."""

    mapping_changed = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__(parent)
        self._clock = clock
        self.model = NatModel()
        self._stale = False  # state changed while hidden: redraw when shown
        self._built = -1  # the model version the table items were built for
        self._items: dict[str, QTreeWidgetItem] = {}
        self._drawn_changes = 0  # model.total_changes when the list was last drawn
        self._change_items: dict[int, QTreeWidgetItem] = {}  # sequence number -> item
        # Live changes: when their highlight started (monotonic), None until first shown.
        self._highlights: dict[str, float | None] = {}
        self._change_highlights: dict[int, float | None] = {}  # sequence number -> start

        self._build()
        self._fade = QTimer(self)
        self._fade.setInterval(FADE_MS)
        self._fade.timeout.connect(self._tick)
        self.redraw()

    def _build(self) -> None:
        def value_label(tip: str) -> QLabel:
            label = QLabel()
            label.setWordWrap(True)
            label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setToolTip(tip)
            return label

        self.local_label = value_label(
            self.tr("Our own address and port the REGISTER leaves from (the SIP socket)")
        )
        self.local_label.setTextFormat(Qt.TextFormat.PlainText)
        self.class_dot = QLabel()
        self.class_label = value_label("")
        self.class_label.setTextFormat(Qt.TextFormat.PlainText)
        self.stun_icon = QLabel()
        self.stun_icon.hide()
        self.stun_label = value_label("")
        self.stun_label.setTextFormat(Qt.TextFormat.RichText)
        self.keepalive_icon = QLabel()
        self.keepalive_label = value_label("")
        self.keepalive_label.setTextFormat(Qt.TextFormat.RichText)

        def with_icon(icon: QLabel, label: QLabel) -> QHBoxLayout:
            row = QHBoxLayout()
            row.setSpacing(6)
            row.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
            row.addWidget(label, 1)
            return row

        # The summary: a narrow column on the left where the sentences wrap; the table
        # and the changes get the width their columns need.
        summary = QWidget()
        grid = QGridLayout(summary)
        grid.setContentsMargins(0, 0, 4, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(8)
        self.field_labels: list[QLabel] = []
        fields: tuple[tuple[str, QLabel | QHBoxLayout], ...] = (
            (self.tr("Local address:"), self.local_label),
            (self.tr("NAT:"), with_icon(self.class_dot, self.class_label)),
            (self.tr("STUN:"), with_icon(self.stun_icon, self.stun_label)),
            (self.tr("Keep-alive:"), with_icon(self.keepalive_icon, self.keepalive_label)),
        )
        for row, (text, value) in enumerate(fields):
            name = QLabel(text)
            self.field_labels.append(name)
            grid.addWidget(name, row, 0, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
            if isinstance(value, QLabel):
                grid.addWidget(value, row, 1)
            else:
                grid.addLayout(value, row, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(len(fields), 1)
        # Long sentences (three servers' ports, a long verdict) scroll rather than push
        # the log off a small screen.
        self.summary = QScrollArea()
        self.summary.setWidget(summary)
        self.summary.setWidgetResizable(True)
        self.summary.setFrameShape(QFrame.Shape.NoFrame)
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.summary.viewport().setAutoFillBackground(False)
        summary.setAutoFillBackground(False)

        self.table = QTreeWidget()
        self.table.setColumnCount(COLUMNS)
        self.table.setHeaderLabels(
            [
                self.tr("Server"),
                self.tr("Public address it sees"),
                self.tr("Since"),
                self.tr("Learnt from"),
                self.tr("Change"),
            ]
        )
        tips = {
            COL_SERVER: self.tr("The server that answered, and its name when it said it"),
            COL_PUBLIC: self.tr(
                "Our address and port as this server saw them (Via received/rport): the NAT "
                "mapping that incoming calls through this server depend on"
            ),
            COL_SINCE: self.tr("When this server first saw this mapping"),
            COL_SOURCE: self.tr("Which answer told us: REGISTER, an OPTIONS probe or STUN"),
            COL_CHANGE: self.tr("Why the mapping last changed; hover a row for the evidence"),
        }
        self._setup_tree(self.table, tips)

        self.changes_title = QLabel(self.tr("Mapping changes"))
        bold = QFont(self.changes_title.font())
        bold.setBold(True)
        self.changes_title.setFont(bold)
        self.changes_hint = QLabel(self.tr("newest first; hover an entry for why and the evidence"))
        self._mute(self.changes_hint, True)
        self.changes = _ChangeList()
        self.changes.setColumnCount(CHANGE_COLUMNS)
        self.changes.setHeaderLabels(
            [self.tr("Time"), self.tr("Server"), self.tr("Old → new"), self.tr("Likely cause")]
        )
        self._setup_tree(self.changes, {})
        self.changes.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._placeholder: QTreeWidgetItem | None = None
        self._show_placeholder()

        title_row = QHBoxLayout()
        title_row.setSpacing(12)
        title_row.addWidget(self.changes_title)
        title_row.addWidget(self.changes_hint, 1)

        mappings = QVBoxLayout()
        mappings.setSpacing(6)
        mappings.addWidget(self.table)
        mappings.addSpacing(2)
        mappings.addLayout(title_row)
        mappings.addWidget(self.changes, 1)

        line = QFrame()
        line.setFrameShape(QFrame.Shape.VLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)

        layout = QHBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(self.summary, 2)
        layout.addWidget(line)
        layout.addLayout(mappings, 5)

        self._fit_columns()
        self._fit_table_height(0)

    def _setup_tree(self, tree: QTreeWidget, tips: dict[int, str]) -> None:
        header_item = tree.headerItem()
        for column, tip in tips.items():
            header_item.setToolTip(column, tip)
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

    def _fit_columns(self) -> None:
        """Every column but the last as wide as its widest text; the last takes the rest."""
        fm = self.fontMetrics()
        clock = fm.horizontalAdvance("00:00:00")
        for tree, columns in ((self.table, COLUMNS), (self.changes, CHANGE_COLUMNS)):
            header = tree.headerItem()
            widths = [fm.horizontalAdvance(header.text(c)) for c in range(columns - 1)]
            widths[COL_SINCE if tree is self.table else CH_TIME] = clock
            for index in range(tree.topLevelItemCount()):
                item = tree.topLevelItem(index)
                if item is None or item is self._placeholder:
                    continue
                for column in range(columns - 1):
                    widths[column] = max(widths[column], fm.horizontalAdvance(item.text(column)))
            for column, width in enumerate(widths):
                if tree.columnWidth(column) != width + COLUMN_PAD:
                    tree.setColumnWidth(column, width + COLUMN_PAD)

    def _fit_table_height(self, rows: int) -> None:
        rows = min(MAX_ROWS, max(MIN_ROWS, rows))
        row_height = self.table.fontMetrics().height() + 6
        header = self.table.header().sizeHint().height()
        self.table.setFixedHeight(header + rows * row_height + 2 * self.table.frameWidth() + 2)

    # -- feeding -----------------------------------------------------------------------

    def feed(self, events: Sequence[Event], probes: Iterable[ProbeResult] = ()) -> None:
        """One batch, in order (see :func:`is_nat_event`); ``probes`` only name the
        servers. Redraws once; says ``mapping_changed`` once if a mapping changed live."""
        live = False
        now = self._clock()
        visible = self.isVisible()
        for event in events:
            change = self.model.add(event)
            if change is not None and now - change.mono <= HIGHLIGHT_S:
                live = True
                start = max(change.mono, now - HIGHLIGHT_S) if visible else None
                key = STUN_KEY if change.source == "stun" else change.server
                self._highlights[key] = start
                self._change_highlights[self.model.total_changes - 1] = start
        named = False
        for probe in probes:
            named |= self.model.learn_name(probe)
        if events or named:
            self.redraw()
        if live:
            self.mapping_changed.emit()

    def start_attempt(self) -> None:
        """A new registration: its servers and NAT class come anew; the changes stay."""
        self.model.new_account()
        self._highlights = {k: v for k, v in self._highlights.items() if k == STUN_KEY}
        self.redraw()

    # -- reading (tests, the window) ------------------------------------------------------

    def row_keys(self) -> list[str]:
        return [row.key for row in self.model.ordered_rows()]

    def item(self, key: str) -> QTreeWidgetItem:
        return self._items[key]

    def cell(self, key: str, column: int) -> str:
        return self._items[key].text(column)

    def change_item(self, index: int) -> QTreeWidgetItem:
        """The ``index``-th entry of the change list, newest first."""
        item = self.changes.topLevelItem(index)
        assert item is not None and item is not self._placeholder
        return item

    def change_count(self) -> int:
        return len(self._change_items)

    def change_highlight_level(self, index: int) -> float:
        """The highlight of the ``index``-th entry of the change list, newest first."""
        item = self.change_item(index)
        seq = next((s for s, i in self._change_items.items() if i is item), None)
        if seq is None or seq not in self._change_highlights:
            return 0.0
        return self._level(self._change_highlights[seq], self._clock())

    def highlight_level(self, key: str) -> float:
        """1.0 just after a live change of this row, fading to 0.0 over HIGHLIGHT_S."""
        if key not in self._highlights:
            return 0.0
        return self._level(self._highlights[key], self._clock())

    @property
    def fading(self) -> bool:
        return self._fade.isActive()

    # -- drawing -----------------------------------------------------------------------

    def redraw(self) -> None:
        """Write the state into the widgets; skipped while hidden (done when shown)."""
        if not self.isVisible():
            self._stale = True
            return
        self._stale = False
        now = self._clock()
        self._draw_header()
        if self._built != self.model.version:
            self._rebuild_rows()
        for row in self.model.rows.values():
            self._draw_row(row, now)
        self._draw_changes(now)
        self._fit_columns()
        self._update_timer()

    def _draw_header(self) -> None:
        model = self.model
        local = model.local or (model.stun.local if model.stun else None)
        _set_label(self.local_label, local or NONE)

        status = model.status
        if status is None:
            text, tip, color = unknown_class_text(), "", STATE_COLORS["unregistered"]
        else:
            text = class_text(status)
            tip = "\n".join([class_name(status.classification), *status.evidence])
            color = CLASS_COLORS.get(status.classification, STATE_COLORS["unregistered"])
        _set_label(self.class_label, text)
        self.class_label.setToolTip(tip)
        if self.class_dot.property("color") != color:
            self.class_dot.setProperty("color", color)
            self.class_dot.setPixmap(dot_pixmap(color, DOT, self.devicePixelRatioF()))
            self.class_dot.setContentsMargins(0, 3, 0, 0)

        stun = model.stun
        findings = sorted(model.stun_findings.values(), key=lambda f: f.wall)
        if stun is None and not findings:
            command = "<code>softdiag nat</code>"
            _set_label(self.stun_label, self.tr("not tested yet — run {command}").format(
                command=command))  # fmt: skip
            self._mute(self.stun_label, True)
            self.stun_label.setToolTip(
                self.tr("STUN tells the NAT's mapping and filtering behaviour (RFC 5780)")
            )
        else:
            if stun is not None:
                lines = [html.escape(stun_summary(stun))]
            else:
                lines = [html.escape(finding_title(findings[-1]))]
            lines += [
                html.escape(finding_title(f)) for f in findings if f.id in SHOWN_STUN_FINDINGS
            ]
            _set_label(self.stun_label, "<br>".join(lines))
            self._mute(self.stun_label, False)
            stun_tip: list[str] = []
            if stun is not None:
                stun_tip.append(
                    self.tr("STUN server {server}, asked from our socket {local}").format(
                        server=stun.stun_server, local=stun.local
                    )
                )
                if stun.mapped:
                    stun_tip.append(self.tr("It sees us as {public}").format(public=stun.mapped))
                stun_tip += [f"• {line}" for line in stun.evidence]
            for stun_finding in findings:
                stun_tip += ["", finding_title(stun_finding), finding_advice(stun_finding)]
            self.stun_label.setToolTip("\n".join(stun_tip).strip())
        self._show_severity(self.stun_icon, findings)

        finding = model.keepalive
        if finding is None:
            # Its own line: Qt would break the command at "--" (it has no inline nowrap).
            command = "<br><code>softdiag nat --lifetime</code>"
            _set_label(self.keepalive_label, self.tr("not measured yet — run {command}").format(
                command=command))  # fmt: skip
            self._mute(self.keepalive_label, True)
            self.keepalive_label.setToolTip(
                self.tr(
                    "Whether the keep-alives come often enough for the NAT's idle mapping lifetime"
                )
            )
            self._show_severity(self.keepalive_icon, [])
        else:
            _set_label(self.keepalive_label, html.escape(finding_title(finding)))
            self._mute(self.keepalive_label, False)
            lines = [finding_advice(finding), *(f"• {line}" for line in finding.evidence)]
            self.keepalive_label.setToolTip("\n".join(line for line in lines if line))
            self._show_severity(self.keepalive_icon, [finding])

    def _show_severity(self, icon: QLabel, findings: Sequence[Finding]) -> None:
        """The worst severity of ``findings`` as a badge; nothing without findings."""
        if not findings:
            icon.setProperty("severity", None)
            icon.clear()
            icon.hide()
            return
        severity = max((f.severity for f in findings), key=lambda s: SEVERITY_ORDER.get(s, 0))
        if icon.property("severity") != severity:
            icon.setProperty("severity", severity)
            icon.setPixmap(severity_icon(severity).pixmap(16, 16))
        icon.show()

    def _rebuild_rows(self) -> None:
        self._built = self.model.version
        self.table.clear()
        self._items = {}
        for row in self.model.ordered_rows():
            item = QTreeWidgetItem([""] * COLUMNS)
            self._items[row.key] = item
            self.table.addTopLevelItem(item)
        self._fit_table_height(len(self._items))

    def _server_text(self, key: str) -> str:
        if key == STUN_KEY:
            stun = self.model.stun
            name = stun.stun_server if stun else ""
            return self.tr("STUN {server}").format(server=name) if name else "STUN"
        name = self.model.registrar(key)
        return f"{key} ({name})" if name else key

    def _draw_row(self, row: MappingRow, now: float) -> None:
        item = self._items.get(row.key)
        if item is None:
            return
        _set(item, COL_SERVER, self._server_text(row.key))
        _set(item, COL_PUBLIC, row.public)
        _set(item, COL_SINCE, _hhmmss(row.since_wall))
        _set(item, COL_SOURCE, source_text(row.source))

        change = row.change
        level = 0.0
        if row.key in self._highlights:
            level = self._level(self._highlights[row.key], now)
            if level <= 0.0:
                del self._highlights[row.key]
        live = level > 0.0
        if change is None or change.old is None:
            tag = ""
        elif live:
            tag = self.tr("changed: {cause}").format(cause=cause_name(change.likely_cause))
        else:
            tag = cause_name(change.likely_cause)
        _set(item, COL_CHANGE, tag)
        font = item.font(COL_CHANGE)
        if font.bold() != live:
            font.setBold(live)
            item.setFont(COL_CHANGE, font)
        item.setForeground(COL_CHANGE, QBrush(QColor(TAG_COLOR)) if live else QBrush())
        self._paint_background(item, COLUMNS, level)

        lines = [
            self.tr("{server} sees us as {public}").format(
                server=self._server_text(row.key), public=row.public
            ),
            self.tr("Since {since}; last confirmed {last}").format(
                since=_hhmmss(row.since_wall), last=_hhmmss(row.last_wall)
            ),
        ]
        if row.local:
            lines.append(self.tr("Our socket: {local}").format(local=row.local))
        if row.local and row.public == row.local:
            lines.append(self.tr("The server sees our own address: no NAT on this path"))
        if change is not None and change.old is not None:
            lines += ["", _change_tip(change)]
        tooltip = "\n".join(lines)
        for column in range(COLUMNS):
            if item.toolTip(column) != tooltip:
                item.setToolTip(column, tooltip)
        public_color = QBrush(QColor(OK_COLOR)) if row.public == row.local else QBrush()
        item.setForeground(COL_PUBLIC, public_color)

    def _draw_changes(self, now: float) -> None:
        model = self.model
        new = model.total_changes - self._drawn_changes
        if new <= 0:
            self._fade_changes(now)
            return
        self._drawn_changes = model.total_changes
        if self._placeholder is not None:
            self.changes.takeTopLevelItem(0)
            self._placeholder = None
        entries = list(model.changes)
        if new >= len(entries):
            self.changes.clear()
            self._change_items.clear()
        else:
            entries = entries[-new:]
        items = []
        for seq, event in reversed(entries):  # newest first
            item = self._change_item(event)
            self._change_items[seq] = item
            items.append(item)
        self.changes.insertTopLevelItems(0, items)
        oldest = model.changes[0][0]
        for seq in [s for s in self._change_items if s < oldest]:
            index = self.changes.indexOfTopLevelItem(self._change_items.pop(seq))
            if index >= 0:
                self.changes.takeTopLevelItem(index)
        for seq in [s for s in self._change_highlights if s < oldest]:
            del self._change_highlights[seq]
        self._fade_changes(now)

    def _change_item(self, event: NatMappingChanged) -> QTreeWidgetItem:
        key = STUN_KEY if event.source == "stun" else event.server
        mapping = f"{event.old} → {event.new}" if event.old else f"→ {event.new}"
        item = QTreeWidgetItem(
            [_hhmmss(event.wall), self._server_text(key), mapping, cause_name(event.likely_cause)]
        )
        tip = _change_tip(event)
        for column in range(CHANGE_COLUMNS):
            item.setToolTip(column, tip)
        if event.old is None:  # learnt, not changed
            muted = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))
            for column in range(CHANGE_COLUMNS):
                item.setForeground(column, muted)
        return item

    def _fade_changes(self, now: float) -> None:
        for seq, start in list(self._change_highlights.items()):
            level = self._level(start, now)
            item = self._change_items.get(seq)
            if item is not None:
                self._paint_background(item, CHANGE_COLUMNS, level)
            if level <= 0.0:
                del self._change_highlights[seq]

    def _show_placeholder(self) -> None:
        item = QTreeWidgetItem(
            [self.tr("No mapping changes yet: they appear here as they happen.")]
        )
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        item.setForeground(0, QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
        self.changes.addTopLevelItem(item)
        item.setFirstColumnSpanned(True)
        self._placeholder = item

    # -- the highlight -------------------------------------------------------------------

    @staticmethod
    def _level(start: float | None, now: float) -> float:
        if start is None:
            return 1.0  # not shown yet: it starts when the panel is
        age = now - start
        if age < HOLD_S:
            return 1.0
        return max(0.0, 1.0 - (age - HOLD_S) / (HIGHLIGHT_S - HOLD_S))

    def _paint_background(self, item: QTreeWidgetItem, columns: int, level: float) -> None:
        alpha = round(HIGHLIGHT_ALPHA * level)
        if item.data(0, Qt.ItemDataRole.UserRole) == alpha:
            return
        item.setData(0, Qt.ItemDataRole.UserRole, alpha)
        brush = QBrush(QColor(*HIGHLIGHT_RGB, alpha)) if alpha else QBrush()
        for column in range(columns):
            item.setBackground(column, brush)

    def _update_timer(self) -> None:
        active = bool(self._highlights or self._change_highlights) and self.isVisible()
        if active and not self._fade.isActive():
            self._fade.start()
        elif not active:
            self._fade.stop()

    def _tick(self) -> None:
        if not self.isVisible():
            self._fade.stop()
            return
        now = self._clock()
        for key in list(self._highlights):
            row = self.model.rows.get(key)
            if row is None:
                del self._highlights[key]
            else:
                self._draw_row(row, now)
        self._fade_changes(now)
        self._update_timer()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        now = self._clock()
        # Changes that arrived while nobody looked are highlighted from now.
        self._highlights = {k: now if v is None else v for k, v in self._highlights.items()}
        self._change_highlights = {
            k: now if v is None else v for k, v in self._change_highlights.items()
        }
        if self._stale:
            self.redraw()
        else:
            self._update_timer()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._fade.stop()

    def _mute(self, label: QLabel, muted: bool) -> None:
        if label.property("muted") == muted:
            return
        label.setProperty("muted", muted)
        palette = self.palette()
        if muted:
            palette.setColor(
                QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText)
            )
        label.setPalette(palette)


def _change_tip(event: NatMappingChanged) -> str:
    """The whole story of one change: the sentence, then the evidence."""
    lines = [
        QCoreApplication.translate("NatPanel", "{time}  {cause}").format(
            time=_hhmmss(event.wall), cause=cause_text(event)
        ),
        QCoreApplication.translate("NatPanel", "Learnt from: {source}").format(
            source=source_text(event.source)
        ),
    ]
    if event.evidence:
        lines.append(QCoreApplication.translate("NatPanel", "Evidence:"))
        lines += [f"  • {line}" for line in event.evidence]
    return "\n".join(lines)


def _set(item: QTreeWidgetItem, column: int, text: str) -> None:
    if item.text(column) != text:  # an unchanged text costs no relayout
        item.setText(column, text)


def _set_label(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
