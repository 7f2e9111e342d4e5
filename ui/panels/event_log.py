"""The live event log: a capped table of every event, and a pane with the selected one.

The model stores the events themselves and formats a cell only when the view asks for it,
so a burst of SIP messages costs one ``beginInsertRows`` per batch and no formatting for
rows nobody scrolls to. Old rows are dropped in one block when the cap is exceeded (the
recorder keeps everything for the bundle; the log is for looking).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from softdiag.events import (
    EngineState,
    Event,
    FailoverDecision,
    Finding,
    Log,
    NatMappingChanged,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    SipMessage,
)
from ui.texts.events import detail_text, event_kind, event_summary, time_text

from .widgets import monospace_font, mute

__all__ = ["DEFAULT_LIMIT", "EventLogModel", "EventLogPanel"]

DEFAULT_LIMIT = 5000
EVENT_ROLE = Qt.ItemDataRole.UserRole + 1
COL_TIME, COL_TYPE, COL_SUMMARY = range(3)
ERROR_BRUSH = QBrush(QColor("#c5221f"))
WARNING_BRUSH = QBrush(QColor("#a65e00"))
ModelIndex = QModelIndex | QPersistentModelIndex


def _severity(event: Event) -> str | None:
    if isinstance(event, Finding):
        return event.severity
    if isinstance(event, Log):
        return event.level
    if isinstance(event, RegistrationChanged) and event.state == "failed":
        return "error"
    if isinstance(event, EngineState) and event.state == "failed":
        return "error"
    if isinstance(event, ProbeResult) and event.status != "ok":
        return "warning"
    if isinstance(event, FailoverDecision):
        if event.to_target is None:
            return "error"  # nowhere left to register
        return "warning" if event.from_target else None  # a move, not the first choice
    if isinstance(event, NatMappingChanged) and event.old is not None:
        return "warning"  # a mapping changed: incoming calls may miss us until re-REGISTER
    return None


class EventLogModel(QAbstractTableModel):
    def __init__(self, limit: int = DEFAULT_LIMIT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._limit = limit
        self._events: list[Event] = []
        self._mono_font = monospace_font()

    # -- feeding -----------------------------------------------------------------------

    def append(self, events: Sequence[Event]) -> None:
        if not events:
            return
        events = list(events)[-self._limit :]
        overflow = len(self._events) + len(events) - self._limit
        if overflow > 0:
            self.beginRemoveRows(QModelIndex(), 0, overflow - 1)
            del self._events[:overflow]
            self.endRemoveRows()
        first = len(self._events)
        self.beginInsertRows(QModelIndex(), first, first + len(events) - 1)
        self._events.extend(events)
        self.endInsertRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._events.clear()
        self.endResetModel()

    def event_at(self, row: int) -> Event:
        return self._events[row]

    # -- Qt model API ------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt's API)
        return 0 if parent.isValid() else len(self._events)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 3

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (self.tr("Time"), self.tr("Type"), self.tr("Summary"))[section]

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        event = self._events[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == COL_TIME:
                return time_text(event.wall)
            if column == COL_TYPE:
                return event_kind(event)
            return event_summary(event)
        if role == EVENT_ROLE:
            return event
        if role == Qt.ItemDataRole.ForegroundRole:
            severity = _severity(event)
            if severity == "error":
                return ERROR_BRUSH
            if severity == "warning":
                return WARNING_BRUSH
            return None
        if role == Qt.ItemDataRole.FontRole and column == COL_TIME:
            return self._mono_font
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_SUMMARY:
            if isinstance(event, SipMessage):
                return None  # the detail pane shows it; a tooltip of a whole message is noise
            return event_summary(event)
        return None


class EventFilter(QSortFilterProxyModel):
    """The filter text, plus health probes and the policy's server reports hidden unless
    asked for (one per target and second, and one every 2 s: they would bury the SIP
    messages; the Servers panel shows them)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._show_probes = False

    def set_show_probes(self, show: bool) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.10+; invalidateRowsFilter is deprecated
            self.beginFilterChange()
            self._show_probes = show
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._show_probes = show
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        model = self.sourceModel()
        if (
            not self._show_probes
            and isinstance(model, EventLogModel)
            and isinstance(model.event_at(source_row), ProbeResult | ServersChanged)
        ):
            return False
        return super().filterAcceptsRow(source_row, source_parent)


class EventLogPanel(QWidget):
    """Filter box, the table, and the detail pane beside it."""

    event_selected = Signal(object)

    def __init__(self, limit: int = DEFAULT_LIMIT, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = EventLogModel(limit, self)
        self.proxy = EventFilter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)  # match the text of any column
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter, e.g. REGISTER or 401"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.count_label = mute(QLabel())
        self.probes_check = QCheckBox(self.tr("Show probes"))
        self.probes_check.setToolTip(
            self.tr(
                "Show the OPTIONS health probes of every server and the failover policy's "
                "periodic server reports"
            )
        )
        self.probes_check.toggled.connect(self.proxy.set_show_probes)

        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vheader = self.table.verticalHeader()
        vheader.hide()
        # Fixed row heights: the view never measures rows, which keeps big models cheap.
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 6)
        hheader = self.table.horizontalHeader()
        hheader.setHighlightSections(False)
        hheader.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        hheader.setStretchLastSection(True)
        mono = monospace_font()
        # Widths from the fonts, not ResizeToContents: that one scans every row on insert.
        self.table.setColumnWidth(
            COL_TIME, QFontMetrics(mono).horizontalAdvance("00:00:00.000") + 16
        )
        metrics = QFontMetrics(self.font())
        self.table.setColumnWidth(
            COL_TYPE, max(metrics.horizontalAdvance(k) for k in _kinds()) + 24
        )
        # Follow the newest row while the user is at the bottom; stay put once they scroll
        # up to read. rangeChanged also covers the view being resized.
        self._follow = True
        bar = self.table.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(self._double_clicked)

        self.detail = QPlainTextEdit()
        self.detail.setReadOnly(True)
        self.detail.setFont(mono)
        self.detail.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.detail.setPlaceholderText(self.tr("Select an event to see all of it here."))

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.probes_check)
        top.addSpacing(8)
        top.addWidget(self.count_label)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(top)
        left_layout.addWidget(self.table, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self._update_count()

    def append(self, events: Sequence[Event]) -> None:
        self.model.append(events)
        self._update_count()

    def _scrolled(self, value: int) -> None:
        self._follow = value >= self.table.verticalScrollBar().maximum() - 1

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self._follow:
            self.table.verticalScrollBar().setValue(maximum)

    def show_detail(self, event: Event) -> None:
        self.detail.setPlainText(detail_text(event))

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("{count} events").format(count=self.model.rowCount()))

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        if indexes:
            event = indexes[0].data(EVENT_ROLE)
            self.show_detail(event)
            self.event_selected.emit(event)

    def _double_clicked(self, index: QModelIndex) -> None:
        self.show_detail(index.data(EVENT_ROLE))
        self.detail.setFocus()


def _kinds() -> list[str]:
    """Every name the "Type" column can show, in the current language."""
    samples: list[Event] = [
        SipMessage(direction="in", transport="udp", local="", remote="", text=""),
        RegistrationChanged(state="registered", aor="", server="", transport="udp"),
        Resolved(domain="", transport="udp", nameserver="", targets=()),
        Finding(id="", severity="info", title=""),
        Log(level="info", source="", message=""),
        EngineState(state="running"),
        ProbeResult(target="", transport="udp", status="ok"),
        FailoverDecision(policy="", from_target=None, to_target=None, reason=""),
        ServersChanged(policy="", servers=()),
    ]
    return [event_kind(e) for e in samples]
