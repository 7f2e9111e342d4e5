"""The SIP ladder: a sequence diagram of every SIP message between softdiag and each server.

Model/view, no widget per message: :class:`LadderModel` keeps one small precomputed row per
message (lanes, label, colour, transaction) and the diagram column is painted by
:class:`LadderDelegate` only for the rows on screen, so 10 000 messages scroll as smoothly
as 10. Lanes: softdiag's SIP engine, its OPTIONS prober (its own sockets, another NAT
mapping), then every server in order of appearance. Failover decisions and NAT mapping
changes are rows of their own on the same time axis, painted across the diagram.

Rows are grouped by transaction (Call-ID and CSeq, shaded per dialog), coloured by method
(requests) and status class (responses); a filter narrows the rows, a search finds text
anywhere in a message (bodies included), and a click shows the whole message with its
headers highlighted.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QRegularExpression,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from softdiag.events import Event, FailoverDecision, NatMappingChanged, SipMessage
from softdiag.failover.prober import USER_AGENT as PROBE_AGENT
from ui.panels.widgets import monospace_font

__all__ = ["LadderModel", "LadderWindow", "SipHighlighter", "ladder_row"]

ModelIndex = QModelIndex | QPersistentModelIndex
COL_TIME, COL_DIAGRAM, COL_TRANSACTION = range(3)
ROW_HEIGHT = 22
CHUNK = 200  # events turned into rows per turn of the event loop (~5 ms)
MAX_ROWS = 50_000  # the journal keeps everything; the ladder keeps the newest, bounded
LANE_ENGINE, LANE_PROBER = 0, 1

METHOD_COLOURS = {
    "INVITE": "#1565c0", "ACK": "#00838f", "BYE": "#6d4c41", "CANCEL": "#6d4c41",
    "REGISTER": "#6a1b9a", "OPTIONS": "#757575", "SUBSCRIBE": "#283593", "NOTIFY": "#283593",
}  # fmt: skip
STATUS_COLOURS = {
    1: "#9e9e9e",
    2: "#2e7d32",
    3: "#1565c0",
    4: "#ef6c00",
    5: "#c62828",
    6: "#c62828",
}
MARK_COLOURS = {"failover": QColor("#e3f2fd"), "nat": QColor("#fff3e0")}
DIALOG_TINTS = (QColor(0, 0, 0, 0), QColor(21, 101, 192, 14))


@dataclass(frozen=True, slots=True)
class LadderRow:
    kind: str  # "sip", "failover", "nat"
    wall: float
    src: int  # lane indexes (sip only)
    dst: int
    label: str
    colour: str
    call_id: str
    cseq: str
    dialog: int  # index of the dialog (Call-ID) in order of appearance, for shading
    search: str  # lower-case text the filter looks at
    event: Event
    seq: int = 0  # order of arrival (rows are dropped oldest first)


_CALL_ID = re.compile(r"^(?:call-id|i)[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)
_CSEQ = re.compile(r"^cseq[ \t]*:[ \t]*([^\r\n]*)", re.IGNORECASE | re.MULTILINE)


def _header(pattern: re.Pattern[str], text: str) -> str:
    m = pattern.search(text)
    return m.group(1).strip() if m else ""


def ladder_row(event: Event, lane_of: dict[str, int], dialogs: dict[str, int],
               probe_calls: set[str], seq: int = 0) -> LadderRow | None:  # fmt: skip
    """One row for an event the ladder shows (None for the others); adds lanes as needed."""
    if isinstance(event, SipMessage):
        first = (
            event.text[: event.text.find("\n")].rstrip("\r") if "\n" in event.text else event.text
        )
        call_id = _header(_CALL_ID, event.text)
        cseq = _header(_CSEQ, event.text)
        if first.startswith("SIP/"):
            parts = first.split(" ", 2)
            code = (
                int(parts[1]) if len(parts) > 1 and parts[1].isascii() and parts[1].isdigit() else 0
            )
            label = " ".join(parts[1:3]) or first
            colour = STATUS_COLOURS.get(code // 100, "#424242")
        else:
            method = first.split(" ", 1)[0]
            label = method
            colour = METHOD_COLOURS.get(method, "#424242")
            if event.direction == "out" and PROBE_AGENT in event.text:
                probe_calls.add(call_id)
        local = LANE_PROBER if call_id in probe_calls else LANE_ENGINE
        server = lane_of.setdefault(event.remote, len(lane_of) + 2)
        src, dst = (local, server) if event.direction == "out" else (server, local)
        dialog = dialogs.setdefault(call_id, len(dialogs))
        search = f"{first} {call_id} {cseq} {event.remote} {event.local}".lower()
        return LadderRow(
            "sip", event.wall, src, dst, label, colour, call_id, cseq, dialog, search, event
        )
    if isinstance(event, FailoverDecision):
        text = f"⇄ {event.from_target or '—'} → {event.to_target or '—'}: {event.reason}"
        return LadderRow(
            "failover", event.wall, 0, 0, text, "#1565c0", "", "", -1, text.lower(), event
        )
    if isinstance(event, NatMappingChanged):
        text = f"NAT {event.server}: {event.old or '—'} → {event.new}"
        return LadderRow(
            "nat", event.wall, 0, 0, text, "#ef6c00", "", "", -1, text.lower(), event, seq
        )
    return None


class LadderModel(QAbstractTableModel):
    """Rows of the ladder, filtered in place; ``lane_names`` names the diagram's lines.

    The filter lives here rather than in a QSortFilterProxyModel: a Python
    ``filterAcceptsRow`` costs a call per row per change, while one list comprehension over
    10 000 precomputed search strings takes a few milliseconds (and a reset redraws only
    the rows on screen).
    """

    def __init__(self, parent: QWidget | None = None, *, limit: int = MAX_ROWS) -> None:
        super().__init__(parent)
        self._all: list[LadderRow] = []
        self._visible: list[LadderRow] = []
        self._lane_of: dict[str, int] = {}
        self._dialogs: dict[str, int] = {}
        self._probe_calls: set[str] = set()
        self._limit = limit
        self._seq = 0
        self.text = ""
        self.hide_probes = False
        self.lane_names: list[str] = ["softdiag", "prober"]
        self._headers = ["", "", ""]

    def set_headers(self, time_: str, diagram: str, transaction: str) -> None:
        self._headers = [time_, diagram, transaction]

    @property
    def lanes(self) -> int:
        return 2 + len(self._lane_of)

    @property
    def total(self) -> int:
        return len(self._all)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def row(self, index: int) -> LadderRow:
        return self._visible[index]

    def _accepts(self, row: LadderRow) -> bool:
        if self.hide_probes and row.kind == "sip" and LANE_PROBER in (row.src, row.dst):
            return False
        return not self.text or self.text in row.search

    def set_filter(self, text: str, *, hide_probes: bool) -> None:
        self.beginResetModel()
        self.text, self.hide_probes = text.strip().lower(), hide_probes
        self._visible = [r for r in self._all if self._accepts(r)]
        self.endResetModel()

    def extend(self, events: Iterable[Event]) -> int:
        """Append the ladder's events of a batch; returns how many rows were added."""
        lanes_before = len(self._lane_of)
        new: list[LadderRow] = []
        for e in events:
            r = ladder_row(e, self._lane_of, self._dialogs, self._probe_calls, self._seq + 1)
            if r is not None:
                self._seq += 1
                new.append(r)
        if not new:
            return 0
        if len(self._lane_of) != lanes_before:
            self.lane_names = ["softdiag", "prober", *self._lane_of]
        self._all.extend(new)
        overflow = len(self._all) - self._limit
        if overflow > 0:  # the oldest go, from both lists
            del self._all[:overflow]
            first_kept = self._all[0].seq
            gone = next(
                (i for i, r in enumerate(self._visible) if r.seq >= first_kept), len(self._visible)
            )
            if gone:
                self.beginRemoveRows(QModelIndex(), 0, gone - 1)
                del self._visible[:gone]
                self.endRemoveRows()
        shown = [r for r in new[-self._limit :] if self._accepts(r)]
        if shown:
            first = len(self._visible)
            self.beginInsertRows(QModelIndex(), first, first + len(shown) - 1)
            self._visible.extend(shown)
            self.endInsertRows()
        return len(new)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        row = self._visible[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == COL_TIME:
                stamp = time.strftime("%H:%M:%S", time.localtime(row.wall))
                return f"{stamp}.{int(row.wall % 1 * 1000):03d}"
            if col == COL_TRANSACTION:
                return f"{row.call_id[:12]} · {row.cseq}" if row.kind == "sip" else ""
            return None
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_DIAGRAM:
            if isinstance(row.event, SipMessage):
                return f"{row.event.first_line}\n{row.event.local} ⇄ {row.event.remote}"
            return row.label
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.kind != "sip":
                return QBrush(MARK_COLOURS[row.kind])
            return QBrush(DIALOG_TINTS[row.dialog % 2])
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:  # fmt: skip
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        return None


class LadderDelegate(QStyledItemDelegate):
    """Paints the diagram column: lane lines, one arrow per message, marks across."""

    def __init__(self, model: LadderModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._lane_pen = QPen(QColor("#cfd8dc"))
        self._font = QFont()
        self._font.setPointSizeF(max(self._font.pointSizeF() - 1, 7))

    @staticmethod
    def lane_x(rect: QRect, lane: int, lanes: int) -> float:
        return rect.left() + (lane + 0.5) * rect.width() / max(lanes, 1)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ModelIndex) -> None:
        if index.column() != COL_DIAGRAM:
            super().paint(painter, option, index)
            return
        row = self._model.row(index.row())
        rect: QRect = option.rect
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, option.palette.highlight().color().lighter(170))
        elif row.kind != "sip":
            painter.fillRect(rect, MARK_COLOURS[row.kind])
        else:
            painter.fillRect(rect, DIALOG_TINTS[row.dialog % 2])
        lanes = self._model.lanes
        painter.setPen(self._lane_pen)
        for lane in range(lanes):
            x = self.lane_x(rect, lane, lanes)
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
        painter.setFont(self._font)
        colour = QColor(row.colour)
        if row.kind != "sip":
            painter.setPen(QPen(colour, 2))
            painter.drawLine(
                QPointF(rect.left(), rect.center().y()), QPointF(rect.left() + 6, rect.center().y())
            )
            painter.drawText(rect.adjusted(10, 0, -4, 0), Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                             row.label)  # fmt: skip
            painter.restore()
            return
        x1, x2 = self.lane_x(rect, row.src, lanes), self.lane_x(rect, row.dst, lanes)
        y = rect.top() + rect.height() * 0.72
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(colour, 1.6))
        painter.drawLine(QPointF(x1, y), QPointF(x2, y))
        head = 6.0 if x2 > x1 else -6.0
        arrow = QPolygonF(
            [QPointF(x2, y), QPointF(x2 - head, y - 3.5), QPointF(x2 - head, y + 3.5)]
        )
        path = QPainterPath()
        path.addPolygon(arrow)
        painter.fillPath(path, colour)
        label_rect = QRectF(min(x1, x2), rect.top(), abs(x2 - x1), y - rect.top())
        painter.drawText(label_rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                         painter.fontMetrics().elidedText(row.label, Qt.TextElideMode.ElideRight,
                                                          int(label_rect.width()) - 4))  # fmt: skip
        painter.restore()


class LaneHeader(QWidget):
    """The lane names above the diagram column, at the delegate's x positions."""

    def __init__(self, view: QTableView, model: LadderModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._view = view
        self._model = model
        self.setFixedHeight(self.fontMetrics().height() + 8)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        # The viewport is not our ancestor: map through global coordinates.
        left = self.mapFromGlobal(self._view.viewport().mapToGlobal(QPoint(0, 0))).x()
        x0 = left + self._view.columnViewportPosition(COL_DIAGRAM)
        rect = QRect(x0, 0, self._view.columnWidth(COL_DIAGRAM), self.height())
        lanes = self._model.lanes
        width = rect.width() / max(lanes, 1)
        for lane, name in enumerate(self._model.lane_names):
            x = LadderDelegate.lane_x(rect, lane, lanes)
            text = painter.fontMetrics().elidedText(
                name, Qt.TextElideMode.ElideMiddle, int(width) - 4
            )
            painter.drawText(
                QRectF(x - width / 2, 0, width, self.height()), Qt.AlignmentFlag.AlignCenter, text
            )
        painter.end()


class SipHighlighter(QSyntaxHighlighter):
    """Start line bold, header names coloured, SDP lines and redactions marked."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.start = QTextCharFormat()
        self.start.setFontWeight(QFont.Weight.Bold)
        self.name = QTextCharFormat()
        self.name.setForeground(QColor("#1565c0"))
        self.name.setFontWeight(QFont.Weight.Bold)
        self.sdp = QTextCharFormat()
        self.sdp.setForeground(QColor("#6a1b9a"))
        self.redacted = QTextCharFormat()
        self.redacted.setForeground(QColor("#c62828"))
        self.redacted.setFontItalic(True)
        self._header = QRegularExpression(r"^[A-Za-z][A-Za-z0-9\-]*(?=\s*:)")
        self._sdp = QRegularExpression(r"^[a-z]=")
        self._secret = QRegularExpression(r"<redacted>")

    def highlightBlock(self, text: str) -> None:
        block = self.currentBlock()
        previous = self.previousBlockState()
        in_body = previous == 1
        if block.blockNumber() == 0:
            self.setFormat(0, len(text), self.start)
        elif not text.strip():
            in_body = True
        elif in_body:
            if self._sdp.match(text).hasMatch():
                self.setFormat(0, 2, self.sdp)
        else:
            m = self._header.match(text)
            if m.hasMatch():
                self.setFormat(0, m.capturedLength(), self.name)
        it = self._secret.globalMatch(text)
        while it.hasNext():
            m = it.next()
            self.setFormat(m.capturedStart(), m.capturedLength(), self.redacted)
        self.setCurrentBlockState(1 if in_body else 0)


class LadderWindow(QWidget):
    """The ladder with its filter, search and message pane (a window of its own)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("SIP ladder"))
        self.model = LadderModel(self)
        self.model.set_headers(self.tr("Time"), "", self.tr("Call-ID · CSeq"))
        self._pending: list[Event] = []  # arrived, not yet in the model (see add_events)
        self._drain_timer = QTimer(self)
        self._drain_timer.setSingleShot(True)
        self._drain_timer.setInterval(1)  # not 0: other timers (repaints, meters) get their turn
        self._drain_timer.timeout.connect(self._drain)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter: method, status, Call-ID, address…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.hide_probes = QCheckBox(self.tr("Hide probes"))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(self.tr("Find in messages…"))
        self.find_button = QPushButton(self.tr("Find next"))
        self.count_label = QLabel()

        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setItemDelegate(LadderDelegate(self.model, self.view))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setShowGrid(False)
        self.view.setWordWrap(False)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.view.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(COL_TIME, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_DIAGRAM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_TRANSACTION, QHeaderView.ResizeMode.Interactive)
        self.view.setColumnWidth(
            COL_TIME, self.fontMetrics().horizontalAdvance("00:00:00.000") + 16
        )
        self.view.setColumnWidth(
            COL_TRANSACTION, self.fontMetrics().horizontalAdvance("x" * 24) + 30
        )
        self.lane_header = LaneHeader(self.view, self.model)

        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFont(monospace_font())
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.highlighter = SipHighlighter(self.detail.document())

        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 2)
        bar.addWidget(self.hide_probes)
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.find_button)
        bar.addWidget(self.count_label)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(0)
        top_layout.addWidget(self.lane_header)
        top_layout.addWidget(self.view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.detail)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        split.setSizes([520, 200])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(split)

        self._filter_timer = QTimer(self)  # typing does not refilter 10 000 rows per key
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_edit.textChanged.connect(lambda _t: self._filter_timer.start())
        self.hide_probes.toggled.connect(lambda _on: self._apply_filter())
        self.search_edit.returnPressed.connect(self.find_next)
        self.find_button.clicked.connect(self.find_next)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        header.sectionResized.connect(lambda *_: self.lane_header.update())
        self.view.horizontalScrollBar().valueChanged.connect(lambda _v: self.lane_header.update())
        self._follow = True  # keep the newest row in view until the user scrolls up
        self.view.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.resize(1100, 760)
        self._update_count()

    # -- data ------------------------------------------------------------------------

    def add_events(self, events: Sequence[Event]) -> None:
        """Take a batch; at most CHUNK events are turned into rows per turn of the event loop,
        so a burst of thousands never holds the GUI thread for long."""
        self._pending.extend(events)
        self._drain()

    def _drain(self) -> None:
        batch, self._pending = self._pending[:CHUNK], self._pending[CHUNK:]
        lanes = self.model.lanes
        if batch and self.model.extend(batch):
            if self.model.lanes != lanes:
                self.lane_header.update()
                self.view.viewport().update()
            self._update_count()
            if self._follow:
                self.view.scrollToBottom()
        if self._pending:
            self._drain_timer.start()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.view.verticalScrollBar().maximum() - 2

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("Rows: %1").replace("%1", str(self.model.rowCount())))

    # -- filter, search, detail ------------------------------------------------------

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter_edit.text(), hide_probes=self.hide_probes.isChecked())
        self.detail.clear()
        self._update_count()

    def find_next(self) -> bool:
        """Select the next row (after the current one, wrapping) whose text holds the search."""
        needle = self.search_edit.text().strip().lower()
        count = self.model.rowCount()
        if not needle or not count:
            return False
        start = self.view.currentIndex().row() + 1
        for step in range(count):
            number = (start + step) % count
            row = self.model.row(number)
            text = row.event.text if isinstance(row.event, SipMessage) else row.label
            if needle in text.lower():
                index = self.model.index(number, COL_DIAGRAM)
                self.view.setCurrentIndex(index)
                self.view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
                return True
        return False

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        row = self.model.row(current.row())
        if isinstance(row.event, SipMessage):
            arrow = "→" if row.event.direction == "out" else "←"
            head = f"{row.event.local} {arrow} {row.event.remote} ({row.event.transport})"
            self.detail.setPlainText(row.event.text.replace("\r\n", "\n") + f"\n\n# {head}")
        else:
            self.detail.setPlainText(row.label)
