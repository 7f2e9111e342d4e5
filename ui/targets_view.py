"""The resolved targets of the domain, which one holds the registration, and their health.

One row per target in the order the failover policy would try them (RFC 3263 order), with
the latest OPTIONS probe of each. A row is updated in place when its probe arrives.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from softdiag.events import ProbeResult, Resolved

from .texts import probe_text
from .widgets import ERROR_COLOR, STATE_COLORS, dot_pixmap

__all__ = ["TargetsView"]

COL_ADDRESS, COL_PRIORITY, COL_TTL, COL_HEALTH = range(4)
DOT = 8
VISIBLE_ROWS = 4  # more targets scroll instead of pushing the log down


class TargetsView(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._active = ""
        self.setColumnCount(4)
        # No transport column: all targets share the account's, shown above the list.
        self.setHeaderLabels(
            [self.tr("Address"), self.tr("Prio/weight"), self.tr("TTL"), self.tr("Health")]
        )
        self.headerItem().setToolTip(COL_PRIORITY, self.tr("SRV priority / weight"))
        self.headerItem().setToolTip(COL_HEALTH, self.tr("The latest SIP OPTIONS probe"))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setIconSize(QSize(DOT, DOT))
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # a few rows only
        header.setSectionResizeMode(COL_HEALTH, QHeaderView.ResizeMode.Stretch)
        row = self.fontMetrics().height() + 6
        self.setFixedHeight(header.sizeHint().height() + VISIBLE_ROWS * row + 2 * self.frameWidth())
        blank = QPixmap(DOT, DOT)
        blank.fill(Qt.GlobalColor.transparent)
        self._idle_icon = QIcon(blank)  # same width as the dot, so addresses stay aligned
        self._active_icon = QIcon(
            dot_pixmap(STATE_COLORS["registered"], DOT, self.devicePixelRatioF())
        )

    def show_resolved(self, event: Resolved) -> None:
        self.clear()
        for target in event.targets:
            item = QTreeWidgetItem(
                [
                    target.hostport,
                    f"{target.priority}/{target.weight}",
                    self.tr("{0} s").format(target.ttl),
                    "",
                ]
            )
            item.setData(COL_ADDRESS, Qt.ItemDataRole.UserRole, target.hostport)
            item.setToolTip(
                COL_ADDRESS, f"{target.host} ({target.source}, {target.transport.upper()})"
            )
            self.addTopLevelItem(item)
        self._mark_active()

    def set_active(self, hostport: str) -> None:
        if hostport != self._active:
            self._active = hostport
            self._mark_active()

    def show_probe(self, event: ProbeResult) -> None:
        item = self._item(event.target)
        if item is None:
            return
        item.setText(COL_HEALTH, probe_text(event))
        bad = event.status != "ok"
        item.setForeground(COL_HEALTH, QBrush(QColor(ERROR_COLOR)) if bad else QBrush())
        item.setToolTip(COL_HEALTH, f"{probe_text(event)}  {event.server or ''}".strip())

    def rows(self) -> list[QTreeWidgetItem]:
        items = (self.topLevelItem(i) for i in range(self.topLevelItemCount()))
        return [item for item in items if item is not None]

    def addresses(self) -> list[str]:
        return [item.text(COL_ADDRESS) for item in self.rows()]

    def active_row(self) -> int | None:
        """The row of the target holding the registration, if it is one of the targets."""
        for i, item in enumerate(self.rows()):
            if item.data(COL_ADDRESS, Qt.ItemDataRole.UserRole) == self._active:
                return i
        return None

    def _item(self, hostport: str) -> QTreeWidgetItem | None:
        for item in self.rows():
            if item.data(COL_ADDRESS, Qt.ItemDataRole.UserRole) == hostport:
                return item
        return None

    def _mark_active(self) -> None:
        """Bold, with a green dot: which server holds the registration is the question."""
        for item in self.rows():
            active = item.data(COL_ADDRESS, Qt.ItemDataRole.UserRole) == self._active
            for column in range(self.columnCount() - 1):
                font = item.font(column)
                font.setBold(active)
                item.setFont(column, font)
            item.setIcon(COL_ADDRESS, self._active_icon if active else self._idle_icon)
