"""The "Findings" group: what softdiag concluded, worst first (errors, warnings, then
information), newest first within each, one row per distinct finding; below them, greyed,
the findings whose condition has ended, with the time it ended.

It draws a list of :class:`~softdiag.events.FindingState` (raised, repeated, resolved):
the account's come from its one owner's snapshot (:meth:`FindingsPanel.show_findings`); a
call window lists its call's own through :meth:`FindingsPanel.add`, with a ledger of the
same kind. A finding that repeats shows its count instead of flooding the list.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QBrush, QPalette
from PySide6.QtWidgets import QGroupBox, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from softdiag.events import Finding, FindingState
from softdiag.state.findings import FindingLedger
from ui.texts.events import severity_text, time_text
from ui.texts.finding_texts import finding_advice, finding_title

from .widgets import severity_icon

__all__ = ["FindingsPanel"]

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class FindingsPanel(QGroupBox):
    finding_selected = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Findings"), parent)
        self._icons = {s: severity_icon(s) for s in ("info", "warning", "error")}
        self._ledger: FindingLedger | None = None  # add(): a call's own findings
        self._shown: Sequence[FindingState] = ()

        self.list = QListWidget()
        self.list.setIconSize(QSize(16, 16))
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.currentItemChanged.connect(self._current_changed)
        self._show_placeholder()

        layout = QVBoxLayout(self)
        layout.addWidget(self.list)

    def add(self, finding: Finding) -> None:
        """One more finding of this panel's own scope (a call's)."""
        if self._ledger is None:
            self._ledger = FindingLedger()
        self._ledger.raise_(finding)
        self.show_findings(self._ledger.states)

    def show_findings(self, states: Sequence[FindingState]) -> None:
        """Current findings first (worst, then newest), then the resolved ones."""
        if states == self._shown:
            return
        self._shown = states
        selected = self.list.currentItem()
        chosen = selected.data(FINDING_ROLE) if selected is not None else None
        self.list.blockSignals(True)
        self.list.clear()
        if not states:
            self._show_placeholder()
        ended_header = False
        for state in states:
            if state.resolved_at is not None and not ended_header:
                ended_header = True
                header = QListWidgetItem(self.tr("Resolved"))
                header.setFlags(Qt.ItemFlag.NoItemFlags)
                font = header.font()
                font.setBold(True)
                header.setFont(font)
                self.list.addItem(header)
            item = self._item(state)
            self.list.addItem(item)
            if chosen is not None and _same(item.data(FINDING_ROLE), chosen):
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)

    def findings(self) -> list[Finding]:
        """The distinct findings shown: current (worst first, then newest), then resolved."""
        return [state.finding for state in self._shown]

    def current(self) -> list[Finding]:
        return [state.finding for state in self._shown if state.resolved_at is None]

    def _item(self, state: FindingState) -> QListWidgetItem:
        finding = state.finding
        title = finding_title(finding)
        text = title if state.count == 1 else f"{title}  (×{state.count})"
        item = QListWidgetItem()
        if state.resolved_wall is not None:
            ended = time_text(state.resolved_wall).split(".")[0]
            text = self.tr("{finding} — resolved at {time}").format(finding=text, time=ended)
            item.setForeground(QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText)))
        item.setText(text)
        item.setIcon(self._icons.get(finding.severity, self._icons["info"]))
        item.setData(FINDING_ROLE, finding)
        item.setToolTip(self._tooltip(state))
        return item

    def _show_placeholder(self) -> None:
        placeholder = QListWidgetItem(
            self.tr("No findings yet: they appear here as they are made.")
        )
        placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(placeholder)

    def _tooltip(self, state: FindingState) -> str:
        finding = state.finding
        lines = [
            f"{severity_text(finding.severity)} · {time_text(finding.wall)}",
            finding_advice(finding),
        ]
        if state.resolved_wall is not None:
            lines.append(
                self.tr("Resolved at {time}: its condition has ended.").format(
                    time=time_text(state.resolved_wall)
                )
            )
        lines += [f"• {e}" for e in finding.evidence]
        return "\n".join(line for line in lines if line)

    def _current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            finding = current.data(FINDING_ROLE)
            if isinstance(finding, Finding):
                self.finding_selected.emit(finding)


def _same(a: object, b: object) -> bool:
    return (
        isinstance(a, Finding)
        and isinstance(b, Finding)
        and (a.id, a.params, a.title) == (b.id, b.params, b.title)
    )
