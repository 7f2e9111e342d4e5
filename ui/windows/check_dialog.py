"""Tools → Guided check…: one run from the network and DNS to the audio devices.

Open a profile a support engineer sent, or fill the form; Start runs
:class:`softdiag.check.runner.CheckRunner` off the GUI thread (``EngineOp``). The
checklist fills in live from the ``CheckStep`` events the runner publishes (through an
``EventBridge``: queued, batched, on the GUI thread), with a progress bar; each step opens
to its findings and the facts behind them. Cancel asks the runner to stop (it stops
everything it started within 2 s) and never blocks the GUI. At the end: the verdict with
the one or two things to fix first, "Copy summary" (a printable text in the user's
language) and "Export bundle" (enabled when the diagnostic bundle module is present).
"""

from __future__ import annotations

import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from softdiag.check.profile import STEPS, CheckProfile, ProfileError, load_profile
from softdiag.check.runner import CheckRunner, find_bundle_exporter
from softdiag.check.steps import CheckStep, CheckSummary
from softdiag.events import DeviceInfo, Event
from softdiag.session import Session
from softdiag.settings import PasswordStore
from ui.panels.widgets import SEVERITY_COLORS, dot_pixmap, monospace_font, mute, severity_icon
from ui.plumbing.bridge import EventBridge
from ui.plumbing.ops import EngineOp
from ui.plumbing.threads import gui_callback
from ui.texts.check_texts import status_text, step_name, summary_of, verdict_of
from ui.texts.finding_texts import finding_advice, finding_title

__all__ = ["CheckDialog"]

STATUS_COLORS = {
    "pass": "#1e7e34",
    "warn": SEVERITY_COLORS["warning"],
    "fail": SEVERITY_COLORS["error"],
    "skipped": "#80868b",
    "running": SEVERITY_COLORS["info"],
    "pending": "#80868b",
}


def status_icon(status: str, ratio: float = 1.0) -> QIcon:
    return QIcon(dot_pixmap(STATUS_COLORS.get(status, "#80868b"), 12, ratio))


LISTEN_CHOICES = ("", "handset", "headset", "speaker")
ASK_TIMEOUT_S = 120.0  # nobody answers: the device step goes on without the answer
ADVICE_WIDTH = 110  # characters per line of advice in the checklist


def _wrap(text: str) -> str:
    """Wrap by width; CJK characters are twice as wide and need no spaces to break."""
    wide = sum(1 for c in text if "\u2e80" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
    width = ADVICE_WIDTH // 2 if wide > len(text) // 3 else ADVICE_WIDTH
    return textwrap.fill(text, width)


def make_asker(
    show: Callable[..., None], cancelled: Callable[[], bool], timeout: float = ASK_TIMEOUT_S
) -> Callable[[DeviceInfo, str | None], str | None]:
    """The device step's question for the runner's thread: shown on the GUI thread.

    ``show`` is a :func:`ui.plumbing.threads.gui_callback` (it holds the window weakly); the runner's
    thread waits for the answer, bounded by ``timeout`` and by cancel.
    """

    def ask(output: DeviceInfo, expected: str | None) -> str | None:
        box: list[str] = []
        done = threading.Event()
        show(output.name, expected, box, done)
        deadline = time.monotonic() + timeout
        while not done.wait(0.1):
            if cancelled() or time.monotonic() > deadline:
                return None
        return box[0] if box else None

    return ask


class CheckDialog(QWidget):
    """The guided check window (non-modal: the main window's log stays usable beside it)."""

    def __init__(
        self,
        session: Session,
        *,
        phone: Any = None,
        passwords: PasswordStore | None = None,
        defaults: CheckProfile | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setWindowTitle(self.tr("softdiag — guided check"))
        self.resize(980, 760)
        self.session = session
        self.phone = phone
        self.passwords = passwords
        self.profile: CheckProfile | None = defaults
        self.runner: CheckRunner | None = None
        self.question: QMessageBox | None = None  # the device step's question, while open
        self.summary: CheckSummary | None = None
        self.steps: dict[str, CheckStep] = {}
        self._items: dict[str, QTreeWidgetItem] = {}
        self._started_at = 0.0
        self._bridge = EventBridge(self)
        self._bridge.event_received.connect(self._on_event)
        self._unsubscribe = session.subscribe(self._bridge)
        self._build()
        if defaults is not None:
            self.fill(defaults)

    # -- layout ------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        form_box = QGroupBox(self.tr("What to check"))
        form = QFormLayout(form_box)
        row = QHBoxLayout()
        self.open_button = QPushButton(self.tr("Open profile…"))
        self.open_button.clicked.connect(self.choose_profile)
        self.profile_label = mute(QLabel(self.tr("no profile: fill in the account below")))
        row.addWidget(self.open_button)
        row.addWidget(self.profile_label, 1)
        form.addRow(row)
        self.domain_edit = QLineEdit()
        self.domain_edit.setPlaceholderText("voip.example.com")
        self.user_edit = QLineEdit()
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("from the keychain, or type it"))
        self.dns_edit = QLineEdit()
        self.dns_edit.setPlaceholderText(self.tr("the system's DNS server"))
        self.transport_combo = QComboBox()
        self.transport_combo.addItems(["udp", "tcp", "tls"])
        self.call_edit = QLineEdit()
        self.call_edit.setPlaceholderText("sip:echo@voip.example.com")
        self.listen_combo = QComboBox()
        self.listen_combo.addItem(self.tr("not asked"), "")
        for choice, label in (("handset", self.tr("a handset")), ("headset", self.tr("a headset")),
                              ("speaker", self.tr("speakers"))):  # fmt: skip
            self.listen_combo.addItem(label, choice)
        account = QHBoxLayout()
        account.addWidget(self.user_edit, 1)
        account.addWidget(QLabel("@"))
        account.addWidget(self.domain_edit, 2)
        form.addRow(self.tr("Account:"), account)
        form.addRow(self.tr("Password:"), self.password_edit)
        server = QHBoxLayout()
        server.addWidget(self.dns_edit, 2)
        server.addWidget(QLabel(self.tr("Transport:")))
        server.addWidget(self.transport_combo)
        form.addRow(self.tr("DNS server:"), server)
        form.addRow(self.tr("Test call to:"), self.call_edit)
        form.addRow(self.tr("The customer listens on:"), self.listen_combo)
        steps_row = QHBoxLayout()
        self.step_boxes: dict[str, QCheckBox] = {}
        for step in STEPS:
            box = QCheckBox(step_name(step))
            box.setChecked(step != "devices")
            self.step_boxes[step] = box
            steps_row.addWidget(box)
        steps_row.addStretch(1)
        form.addRow(self.tr("Steps:"), steps_row)
        layout.addWidget(form_box)

        buttons = QHBoxLayout()
        self.start_button = QPushButton(self.tr("Start check"))
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setTextVisible(True)
        self.progress.setFormat(self.tr("%v of %m steps"))
        self.progress.setValue(0)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        layout.addLayout(buttons)
        self.problem_label = QLabel()
        self.problem_label.setStyleSheet(f"color: {SEVERITY_COLORS['error']}")
        self.problem_label.setWordWrap(True)
        self.problem_label.hide()
        layout.addWidget(self.problem_label)

        self.tree = QTreeWidget()
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels([self.tr("Step"), self.tr("Result"), self.tr("Time")])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        # The step column fits the longest step name with its arrow, icon and bold font.
        bold = QFont(self.tree.font())
        bold.setBold(True)
        longest = max(QFontMetrics(bold).horizontalAdvance(step_name(s)) for s in STEPS)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Fixed)
        header.resizeSection(0, longest + self.tree.indentation() + 40)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree, 1)

        self.verdict_label = QLabel()
        font = QFont(self.verdict_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setWordWrap(True)
        self.fixes_label = QLabel()
        self.fixes_label.setWordWrap(True)
        self.fixes_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.fixes_label)

        end = QHBoxLayout()
        end.addStretch(1)
        self.copy_button = QPushButton(self.tr("Copy summary"))
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_summary)
        self.bundle_button = QPushButton(self.tr("Export bundle"))
        self.bundle_button.setEnabled(False)
        self.bundle_button.clicked.connect(self.export_bundle)
        if find_bundle_exporter() is None:
            self.bundle_button.setToolTip(self.tr("The diagnostic bundle is not available in "
                                                  "this version."))  # fmt: skip
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.close)
        end.addWidget(self.copy_button)
        end.addWidget(self.bundle_button)
        end.addWidget(close)
        layout.addLayout(end)

    # -- the form ----------------------------------------------------------------------

    def fill(self, profile: CheckProfile) -> None:
        self.domain_edit.setText(profile.domain)
        self.user_edit.setText(profile.user)
        self.dns_edit.setText(profile.dns or "")
        self.transport_combo.setCurrentText(profile.transport)
        self.call_edit.setText(profile.call or "")
        index = self.listen_combo.findData(profile.expect_output or "")
        self.listen_combo.setCurrentIndex(max(0, index))
        for step, box in self.step_boxes.items():
            box.setChecked(step in profile.steps)
        if self.passwords is not None and not self.password_edit.text():
            self.password_edit.setText(self.passwords.get(profile.user, profile.domain) or "")

    def open_profile(self, path: str | Path) -> bool:
        """Load a profile into the form; a bad one is named with its line."""
        try:
            profile = load_profile(path)
        except ProfileError as exc:
            self._show_problem(str(exc))
            return False
        self.profile = profile
        self.profile_label.setText(self.tr("profile: %1").replace("%1", Path(path).name))
        self._show_problem("")
        self.fill(profile)
        return True

    def choose_profile(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Open a check profile"), "", self.tr("Check profiles (*.toml)")
        )
        if path:
            self.open_profile(path)

    def _show_problem(self, text: str) -> None:
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def profile_from_form(self) -> CheckProfile | None:
        from softdiag.account import validate_spec
        from softdiag.commands import AccountSpec

        steps = tuple(s for s in STEPS if self.step_boxes[s].isChecked())
        if not steps:
            self._show_problem(self.tr("Choose at least one step."))
            return None
        base = self.profile or CheckProfile(domain="", user="")
        profile = base.with_changes(
            domain=self.domain_edit.text().strip(), user=self.user_edit.text().strip(),
            dns=self.dns_edit.text().strip() or None, transport=self.transport_combo.currentText(),
            call=self.call_edit.text().strip() or None, steps=steps,
            expect_output=self.listen_combo.currentData() or None,
        )  # fmt: skip
        spec = AccountSpec(domain=profile.domain, user=profile.user, password="",
                           dns=profile.dns, expires=profile.expires)  # fmt: skip
        problem = validate_spec(spec)
        if problem:
            self._show_problem(problem)
            return None
        return profile

    # -- running -----------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.runner is not None and self.summary is None

    def start(self) -> None:
        if self.running:
            return
        profile = self.profile_from_form()
        if profile is None:
            return
        self._show_problem("")
        self.summary = None
        self.steps.clear()
        self._items.clear()
        self.tree.clear()
        for step in profile.steps:
            item = QTreeWidgetItem([step_name(step), status_text("pending"), ""])
            item.setIcon(0, status_icon("pending", self.devicePixelRatioF()))
            item.setForeground(1, QBrush(QColor(STATUS_COLORS["pending"])))
            self.tree.addTopLevelItem(item)
            self._items[step] = item
        self.progress.setRange(0, len(profile.steps))
        self.progress.setValue(0)
        self.verdict_label.clear()
        self.fixes_label.clear()
        self.copy_button.setEnabled(False)
        self.bundle_button.setEnabled(False)
        self.start_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.open_button.setEnabled(False)
        self._started_at = time.monotonic()
        runner = CheckRunner(self.session, profile, self.password_edit.text(),
                             phone=self.phone,
                             # A profile that names a destination gets its bundle at the end;
                             # otherwise "Export bundle" writes one on request.
                             bundle_exporter=find_bundle_exporter() if profile.bundle else None)  # fmt: skip
        runner.ask = make_asker(gui_callback(self._show_question), lambda: runner.cancelled)
        self.runner = runner
        EngineOp(self, self.runner.run).success(self._finished).failure(self._failed).run()

    def _show_question(
        self, output: str, expected: str | None, box: list[str], done: threading.Event
    ) -> None:
        """Did the user hear the tone? Non-modal: the checklist stays live meanwhile."""
        where = {
            "handset": self.tr("in your handset"), "headset": self.tr("in your headset"),
            "speaker": self.tr("from your speakers"),
        }.get(expected or "", self.tr("on %1").replace("%1", output))  # fmt: skip
        question = QMessageBox(self)
        question.setIcon(QMessageBox.Icon.Question)
        question.setWindowTitle(self.tr("softdiag — guided check"))
        question.setText(self.tr("A test sweep just played on %1. Did you hear it %2?")
                         .replace("%1", output).replace("%2", where))  # fmt: skip
        answers = {
            question.addButton(self.tr("Yes"), QMessageBox.ButtonRole.YesRole): "yes",
            question.addButton(self.tr("No"), QMessageBox.ButtonRole.NoRole): "no",
            question.addButton(self.tr("Somewhere else"), QMessageBox.ButtonRole.ActionRole): (
                "elsewhere"
            ),
        }
        self.question = question

        def answered() -> None:
            clicked = question.clickedButton()
            if clicked in answers:
                box.append(answers[clicked])
            done.set()

        question.finished.connect(answered)
        question.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        question.open()

    def cancel(self) -> None:
        """Ask the runner to stop; it reports back (skipped steps, a summary) on its own."""
        if self.runner is not None and self.running:
            self.runner.cancel()
            self.cancel_button.setEnabled(False)
            self.cancel_button.setText(self.tr("Cancelling…"))

    def _on_event(self, event: Event) -> None:
        if isinstance(event, CheckStep) and self.runner is not None:
            item = self._items.get(event.step)
            if item is None:
                return
            self._show_step(item, event)

    def _show_step(self, item: QTreeWidgetItem, event: CheckStep) -> None:
        color = STATUS_COLORS.get(event.status, "#000000")
        if event.status == "running":
            text = status_text("running") + "…"
        elif event.status == "skipped":
            text = summary_of(event)  # its sentence says "skipped" and why
        else:
            text = f"{status_text(event.status)} — {summary_of(event)}"
        item.setText(1, text)
        item.setForeground(1, QBrush(QColor(color)))
        item.setToolTip(1, summary_of(event))
        item.setIcon(0, status_icon(event.status, self.devicePixelRatioF()))
        if event.status == "running":
            font = item.font(0)
            font.setBold(True)
            item.setFont(0, font)
            return
        font = item.font(0)
        font.setBold(False)
        item.setFont(0, font)
        self.steps[event.step] = event
        item.setText(2, f"{event.duration_s:.1f} s")
        item.takeChildren()
        for finding in event.findings:
            child = QTreeWidgetItem(["", finding_title(finding), ""])
            child.setIcon(1, severity_icon(finding.severity))
            child.setToolTip(1, finding_advice(finding))
            # Tree cells elide instead of wrapping: wrap long advice by hand.
            advice = QTreeWidgetItem(["", _wrap(finding_advice(finding)), ""])
            advice.setForeground(1, QBrush(QColor("#5f6368")))
            child.addChild(advice)
            item.addChild(child)
            child.setExpanded(finding.severity != "info")
        mono = monospace_font()
        for line in event.evidence:
            child = QTreeWidgetItem(["", line, ""])
            child.setFont(1, mono)
            child.setForeground(1, QBrush(QColor("#5f6368")))
            item.addChild(child)
        # Problems open by themselves; a pass stays one tidy line until asked.
        item.setExpanded(event.status in ("warn", "fail") and bool(event.findings))
        self.progress.setValue(len(self.steps))

    def _finished(self, summary: CheckSummary) -> None:
        self.summary = summary
        # The op's answer can overtake the bridge's last batch: the runner's own results
        # are final, so show what the checklist has not drawn yet.
        if self.runner is not None:
            for step, event in self.runner.checklist.results.items():
                item = self._items.get(step)
                if item is not None and step not in self.steps:
                    self._show_step(item, event)
        self.progress.setValue(self.progress.maximum())
        self.start_button.setEnabled(True)
        self.start_button.setText(self.tr("Run again"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.setText(self.tr("Cancel"))
        self.open_button.setEnabled(True)
        self.copy_button.setEnabled(True)
        self.bundle_button.setEnabled(find_bundle_exporter() is not None)
        color = STATUS_COLORS[summary.status]
        self.verdict_label.setStyleSheet(f"color: {color}")
        self.verdict_label.setText(f"{status_text(summary.status).upper()} — {verdict_of(summary)}")
        lines = [
            self.tr("Fix first %1: %2 — %3").replace("%1", str(i))
            .replace("%2", finding_title(f)).replace("%3", finding_advice(f))
            for i, f in enumerate(summary.first_fixes, 1)
        ]  # fmt: skip
        if summary.bundle:
            lines.append(self.tr("Bundle: %1").replace("%1", summary.bundle))
        self.fixes_label.setText("\n".join(lines))

    def _failed(self, exc: Exception) -> None:
        self._finished_without_summary()
        self._show_problem(self.tr("The check stopped: %1").replace("%1", str(exc)))

    def _finished_without_summary(self) -> None:
        self.runner = None
        self.start_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
        self.open_button.setEnabled(True)

    # -- results -----------------------------------------------------------------------

    def summary_text(self) -> str:
        """The printable result, in the user's language."""
        runner, summary = self.runner, self.summary
        if runner is None or summary is None:
            return ""
        p = runner.profile
        lines = [self.tr("softdiag guided check: %1").replace("%1", f"{p.user}@{p.domain}"),
                 time.strftime("%Y-%m-%d %H:%M:%S"), ""]  # fmt: skip
        for step in p.steps:
            event = self.steps.get(step)
            if event is None:
                continue
            lines.append(f"[{status_text(event.status)}] {step_name(step)} "
                         f"({event.duration_s:.1f} s): {summary_of(event)}")  # fmt: skip
            for f in event.findings:
                if f.severity != "info":
                    lines.append(f"    - {finding_title(f)}")
        lines += ["", f"{status_text(summary.status).upper()}: {verdict_of(summary)}"]
        for i, f in enumerate(summary.first_fixes, 1):
            lines.append(self.tr("Fix first %1: %2").replace("%1", str(i))
                         .replace("%2", finding_title(f)))  # fmt: skip
            lines.append(f"    {finding_advice(f)}")
        if summary.bundle:
            lines.append(self.tr("Bundle: %1").replace("%1", summary.bundle))
        return "\n".join(lines) + "\n"

    def copy_summary(self) -> None:
        QGuiApplication.clipboard().setText(self.summary_text())

    def export_bundle(self) -> None:
        exporter = find_bundle_exporter()
        runner = self.runner
        if exporter is None or runner is None:
            return
        events = runner.recorder.snapshot()
        destination = runner.profile.bundle or str(Path.home())  # a time-stamped name in it

        def written(path: str) -> None:
            self.fixes_label.setText(
                self.fixes_label.text() + "\n" + self.tr("Bundle: %1").replace("%1", path)
            )

        EngineOp(self, lambda: exporter(events, destination)).success(written).failure(
            lambda exc: self._show_problem(str(exc))
        ).run()

    def closeEvent(self, event: Any) -> None:
        self.cancel()  # the runner stops what it started; its op reports to nobody
        self._unsubscribe()
        self._bridge.close()
        super().closeEvent(event)
