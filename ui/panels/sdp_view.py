"""The call window's "SDP" tab: offer and answer side by side, the lines the analyser
blames highlighted, and its findings, each linked to its lines.

The engine sends the exchange (``SdpExchanged``: both bodies as sent and received) and the
verdict (``SdpAnalysed``: findings, worst first, and the lines each rests on); this view
only draws them. Choosing a finding highlights its own lines more strongly and scrolls both
sides to them; the other findings' lines stay tinted by severity.
"""

from __future__ import annotations

import textwrap

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QSplitter,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softdiag.events import Finding, SdpAnalysed, SdpExchanged
from ui.texts.finding_texts import finding_advice, finding_title

from .widgets import monospace_font, mute, severity_icon

__all__ = ["SdpView"]

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
ADVICE_COLUMNS = 110
_TINT = {"error": "#fce8e6", "warning": "#fef7e0", "info": "#e8f0fe"}
_STRONG = {"error": "#f6aea9", "warning": "#fdd663", "info": "#aecbfa"}
_RANK = {"error": 0, "warning": 1, "info": 2}


class _SdpText(QPlainTextEdit):
    """One SDP body, read-only, each line prefixed with its number (as the evidence says)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setFont(monospace_font())
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setMinimumWidth(260)
        self.line_count = 0

    def set_sdp(self, text: str) -> None:
        lines = text.replace("\r\n", "\n").rstrip("\n").split("\n") if text else []
        self.line_count = len(lines)
        width = len(str(len(lines)))
        self.setPlainText("\n".join(f"{i:>{width}}  {line}" for i, line in enumerate(lines, 1)))

    def highlight(self, lines: dict[int, str], focus: set[int]) -> None:
        """Tint ``lines`` (number -> colour); scroll to the first line in ``focus``."""
        selections: list[QTextEdit.ExtraSelection] = []
        document = self.document()
        for number, color in sorted(lines.items()):
            block = document.findBlockByNumber(number - 1)
            if not block.isValid():
                continue
            selection = QTextEdit.ExtraSelection()
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(color))
            fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
            if number in focus:
                fmt.setFontWeight(700)
            selection.format = fmt
            cursor = QTextCursor(block)
            cursor.clearSelection()
            selection.cursor = cursor
            selections.append(selection)
        self.setExtraSelections(selections)
        if focus:
            block = document.findBlockByNumber(min(focus) - 1)
            if block.isValid():
                self.setTextCursor(QTextCursor(block))
                self.centerCursor()


class SdpView(QWidget):
    """Feed it ``SdpExchanged`` and ``SdpAnalysed`` events of one call (GUI thread)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.analysis: SdpAnalysed | None = None
        self.offerer = "local"
        self.offer_title = QLabel()
        self.answer_title = QLabel()
        self.offer_text = _SdpText()
        self.answer_text = _SdpText()
        self.status = mute(QLabel())
        self.status.setWordWrap(True)

        offer_box, answer_box = QWidget(), QWidget()
        for box, title, text in ((offer_box, self.offer_title, self.offer_text),
                                 (answer_box, self.answer_title, self.answer_text)):  # fmt: skip
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(title)
            column.addWidget(text, 1)
        sides = QSplitter(Qt.Orientation.Horizontal)
        sides.addWidget(offer_box)
        sides.addWidget(answer_box)

        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setRootIsDecorated(True)
        self.tree.currentItemChanged.connect(self._current_changed)
        findings_box = QGroupBox(self.tr("What the SDP says"))
        findings_layout = QVBoxLayout(findings_box)
        findings_layout.addWidget(self.status)
        findings_layout.addWidget(self.tree, 1)

        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(sides)
        split.addWidget(findings_box)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.clear()

    # -- events ----------------------------------------------------------------------------

    def clear(self) -> None:
        self.analysis = None
        self.offer_text.set_sdp("")
        self.answer_text.set_sdp("")
        self.tree.clear()
        self._titles()
        self.status.setText(self.tr("No SDP yet: the offer and the answer appear here."))

    def show_exchange(self, event: SdpExchanged) -> None:
        self.offerer = event.offerer
        self._titles()
        self.offer_text.set_sdp(event.offer)
        self.answer_text.set_sdp(event.answer)
        self.status.setText(self.tr("Analysing the offer and the answer…"))
        self._highlight(None)

    def show_analysis(self, event: SdpAnalysed) -> None:
        self.analysis = event
        self.tree.clear()
        if not event.findings:
            self.status.setText(self.tr("Nothing wrong in this offer and answer."))
        else:
            self.status.setText(self.tr("{count} finding(s), the worst first. Choose one to see "
                                        "its lines.").format(count=len(event.findings)))  # fmt: skip
        for finding in sorted(event.findings, key=lambda f: _RANK.get(f.severity, 3)):
            self._add(finding)
        self._highlight(None)

    # -- drawing ---------------------------------------------------------------------------

    def _titles(self) -> None:
        if self.offerer == "local":
            self.offer_title.setText(self.tr("Offer (sent by softdiag)"))
            self.answer_title.setText(self.tr("Answer (received)"))
        else:
            self.offer_title.setText(self.tr("Offer (received)"))
            self.answer_title.setText(self.tr("Answer (sent by softdiag)"))

    def _add(self, finding: Finding) -> None:
        item = QTreeWidgetItem([finding_title(finding)])
        item.setIcon(0, severity_icon(finding.severity))
        item.setData(0, FINDING_ROLE, finding)
        item.setToolTip(0, finding_advice(finding))
        # Item views do not wrap text by themselves: break the advice into lines.
        advice = QTreeWidgetItem([textwrap.fill(finding_advice(finding), ADVICE_COLUMNS)])
        advice.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.addChild(advice)
        for line in finding.evidence:
            child = QTreeWidgetItem([line])
            child.setFont(0, monospace_font())
            child.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.addChild(child)
        self.tree.addTopLevelItem(item)

    def select(self, finding_id: str) -> bool:
        """Choose (and expand) the first finding with this id; False when there is none."""
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            finding = item.data(0, FINDING_ROLE) if item is not None else None
            if item is not None and isinstance(finding, Finding) and finding.id == finding_id:
                item.setExpanded(True)
                self.tree.setCurrentItem(item)
                return True
        return False

    def marked_lines(self, side: str, finding_id: str | None = None) -> set[int]:
        """The line numbers highlighted on one side (for one finding, or all)."""
        if self.analysis is None:
            return set()
        return {m.line for m in self.analysis.marks
                if m.side == side and (finding_id is None or m.finding == finding_id)}  # fmt: skip

    def _current_changed(self, current: QTreeWidgetItem | None, _previous: object) -> None:
        while current is not None and current.parent() is not None:
            current = current.parent()
        finding = current.data(0, FINDING_ROLE) if current is not None else None
        self._highlight(finding if isinstance(finding, Finding) else None)

    def _highlight(self, chosen: Finding | None) -> None:
        analysis = self.analysis
        rank = {f.id: _RANK.get(f.severity, 2) for f in analysis.findings} if analysis else {}
        levels = ("error", "warning", "info")
        for side, text in (("offer", self.offer_text), ("answer", self.answer_text)):
            worst: dict[int, int] = {}  # line -> the most severe finding resting on it
            focus: set[int] = set()
            for mark in analysis.marks if analysis else ():
                if mark.side == side:
                    worst[mark.line] = min(worst.get(mark.line, 2), rank.get(mark.finding, 2))
                    if chosen is not None and mark.finding == chosen.id:
                        focus.add(mark.line)
            colors = {
                line: (_STRONG if line in focus else _TINT)[levels[r]] for line, r in worst.items()
            }
            text.highlight(colors, focus)
