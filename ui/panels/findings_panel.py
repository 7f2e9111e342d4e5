"""The "Findings" group: what softdiag concluded, worst first (errors, warnings, then
information), newest first within each, one row per distinct finding.

A finding that repeats (the same id with the same values, e.g. a timeout on every refresh)
moves to the top with a count instead of flooding the list.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from softdiag.events import Finding
from ui.texts.events import severity_text, time_text
from ui.texts.finding_texts import finding_advice, finding_title

from .widgets import severity_icon

__all__ = ["FindingsPanel"]

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
Key = tuple[str, tuple[tuple[str, str], ...]]
_RANK = {"error": 0, "warning": 1, "info": 2}


class FindingsPanel(QGroupBox):
    finding_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Findings"), parent)
        self._items: dict[Key, QListWidgetItem] = {}
        self._counts: dict[Key, int] = {}
        self._icons = {s: severity_icon(s) for s in ("info", "warning", "error")}

        self.list = QListWidget()
        self.list.setIconSize(QSize(16, 16))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.currentItemChanged.connect(self._current_changed)

        self.placeholder: QListWidgetItem | None = QListWidgetItem(
            self.tr("No findings yet: they appear here as they are made.")
        )
        self.placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(self.placeholder)

        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def add(self, finding: Finding) -> None:
        if self.placeholder is not None:
            self.list.takeItem(self.list.row(self.placeholder))
            self.placeholder = None
        key: Key = (finding.id, finding.params or (("title", finding.title),))
        count = self._counts.get(key, 0) + 1
        self._counts[key] = count
        item = self._items.get(key)
        if item is None:
            item = QListWidgetItem()
            self._items[key] = item
        else:
            self.list.takeItem(self.list.row(item))
        title = finding_title(finding)
        item.setText(title if count == 1 else f"{title}  (×{count})")
        item.setIcon(self._icons.get(finding.severity, self._icons["info"]))
        item.setData(FINDING_ROLE, finding)
        item.setToolTip(self._tooltip(finding))
        self.list.insertItem(self._row_for(finding.severity), item)

    def _row_for(self, severity: str) -> int:
        """Worst first, newest first within a severity: above the first row as good or better."""
        rank = _RANK.get(severity, len(_RANK))
        for row in range(self.list.count()):
            shown = self.list.item(row).data(FINDING_ROLE)
            if isinstance(shown, Finding) and _RANK.get(shown.severity, len(_RANK)) >= rank:
                return row
        return self.list.count()

    def findings(self) -> list[Finding]:
        """The distinct findings shown, worst first, then newest first."""
        result: list[Finding] = []
        for row in range(self.list.count()):
            finding = self.list.item(row).data(FINDING_ROLE)
            if isinstance(finding, Finding):
                result.append(finding)
        return result

    def _tooltip(self, finding: Finding) -> str:
        lines = [
            f"{severity_text(finding.severity)} · {time_text(finding.wall)}",
            finding_advice(finding),
        ]
        lines += [f"• {e}" for e in finding.evidence]
        return "\n".join(line for line in lines if line)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            finding = current.data(FINDING_ROLE)
            if isinstance(finding, Finding):
                self.finding_selected.emit(finding)
