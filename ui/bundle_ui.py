"""The diagnostic bundle in the GUI: the run journal, *File → Export diagnostic bundle…*,
the offer to export a run that crashed, and *Tools → SIP ladder…*.

The export runs off the GUI thread (:class:`~ui.ops.EngineOp`); its progress reaches the
dialog through :func:`~ui.threads.gui_callback`. Everything here hangs off the main window
through :func:`install_bundle_actions`, so the window itself only gains a line.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from softdiag.bundle.export import BundleError, BundleSummary, export_bundle
from softdiag.bundle.journal import Journal, RunInfo, crashed_runs, list_runs
from softdiag.session import Session

from .bridge import EventBridge
from .ladder import LadderWindow
from .ops import EngineOp
from .threads import gui_callback

if TYPE_CHECKING:
    from .main_window import MainWindow

__all__ = [
    "BundleActions",
    "ExportDialog",
    "offer_crashed_run",
    "report_language",
    "start_gui_journal",
]

OFFERED_FILE = "offered"  # in a crashed run's folder: the user was asked once


def report_language() -> str:
    return "zh_CN" if QLocale().name().startswith("zh") else "en"


def start_gui_journal(session: Session) -> Journal | None:
    """Journal this GUI run (closed by the caller at exit); None when it cannot be written."""
    from softdiag.bundle.journal import open_journal

    journal = open_journal("gui")
    if journal is not None:
        session.subscribe(journal)
    return journal


class ExportDialog(QDialog):
    """Choose where, export with a progress bar, then offer to show the bundle's folder."""

    def __init__(self, runs: Sequence[RunInfo], parent: QWidget | None = None, *,
                 before: Callable[[], object] | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export diagnostic bundle"))
        self.runs = list(runs)
        self._before = before  # e.g. flush the journal first
        self.summary: BundleSummary | None = None
        self.error: str | None = None
        self.label = QLabel(self.tr("The bundle holds a report, every event, the SIP messages as "
                                    "a pcap, the settings and the logs. Passwords and other "
                                    "secrets are removed."))  # fmt: skip
        self.label.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.stage = QLabel()
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.show_button = QPushButton(self.tr("Show in folder"))
        self.show_button.setEnabled(False)
        self.buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.show_button.clicked.connect(self.show_in_folder)
        layout = QVBoxLayout(self)
        for w in (self.label, self.progress, self.stage, self.result_label, self.buttons):
            layout.addWidget(w)
        self.resize(520, 220)

    def default_path(self) -> Path:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        base = Path(folder) if folder else Path.home()
        return base / time.strftime("softdiag-bundle-%Y%m%d-%H%M%S.zip")

    def choose_and_export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export diagnostic bundle"),
            str(self.default_path()),
            self.tr("Zip files (*.zip)"),
        )
        if path:
            self.export_to(Path(path))
        else:
            self.reject()

    def export_to(self, out: Path) -> None:
        """Export in the background; the dialog shows progress, then the result."""
        self.progress.setValue(0)
        self.show_button.setEnabled(False)
        self.result_label.setText("")
        progress = gui_callback(self._progress)
        runs, before, lang = self.runs, self._before, report_language()

        def work() -> BundleSummary:
            if before is not None:
                before()
            return export_bundle(runs, out, lang=lang, progress=progress)

        EngineOp(self, work).success(self._done).failure(self._failed).run()

    def _progress(self, fraction: float, what: str) -> None:
        self.progress.setValue(int(fraction * 100))
        self.stage.setText(what)

    def _done(self, summary: BundleSummary) -> None:
        self.summary = summary
        self.progress.setValue(100)
        self.stage.setText("")
        self.result_label.setText(
            self.tr("Saved %1 (%2 events, %3 SIP messages, %4 kB).")
            .replace("%1", str(summary.path))
            .replace("%2", str(summary.events))
            .replace("%3", str(summary.sip_messages))
            .replace("%4", str(max(1, summary.size // 1024)))
        )
        self.show_button.setEnabled(True)

    def _failed(self, exc: Exception) -> None:
        self.error = (
            str(exc) if isinstance(exc, BundleError) else f"{exc.__class__.__name__}: {exc}"
        )
        self.progress.setValue(0)
        self.stage.setText("")
        self.result_label.setText(
            self.tr("The bundle could not be written: %1").replace("%1", self.error)
        )

    def show_in_folder(self) -> None:
        if self.summary is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.summary.path.parent)))


class BundleActions(QObject):
    """File → Export diagnostic bundle…, Tools → SIP ladder… of the main window."""

    def __init__(self, window: MainWindow, tools: QMenu) -> None:
        super().__init__(window)
        self.window = window
        self.journal: Journal | None = None  # this run's journal (set by the app)
        self.ladder_window: LadderWindow | None = None
        self.crash_offer: QMessageBox | None = None  # the question after a crash, if shown
        bar = window.menuBar()
        self.file_menu = QMenu(self.tr("&File"), window)
        first = bar.actions()[0] if bar.actions() else None
        if first is not None:
            bar.insertMenu(first, self.file_menu)
        else:
            bar.addMenu(self.file_menu)
        self.export_action = self.file_menu.addAction(self.tr("Export diagnostic bundle…"))
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self._export_clicked)
        self.ladder_action = tools.addAction(self.tr("SIP ladder…"))
        self.ladder_action.setShortcut(QKeySequence("Ctrl+L"))
        self.ladder_action.triggered.connect(self.open_ladder)

    def _export_clicked(self) -> None:
        self.open_export()

    def current_runs(self) -> list[RunInfo]:
        if self.journal is not None:
            return [r for r in list_runs(self.journal.base) if r.id == self.journal.run_id]
        return list_runs()[-1:]

    def open_export(
        self, runs: Sequence[RunInfo] | None = None, out: Path | None = None
    ) -> ExportDialog:
        """The export dialog for ``runs`` (default: this run); ``out`` skips the file chooser."""
        chosen = list(runs) if runs is not None else self.current_runs()
        flush = self.journal.flush if self.journal is not None and runs is None else None
        dialog = ExportDialog(chosen, self.window, before=flush)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        if not chosen:
            dialog.result_label.setText(self.tr("Nothing has been journalled yet."))
        elif out is None:
            dialog.choose_and_export()
        else:
            dialog.export_to(out)
        return dialog

    def open_ladder(self) -> LadderWindow:
        """The ladder window, filled with what the recorder holds and kept up to date."""
        ladder = self.ladder_window
        if ladder is None:
            ladder = self.ladder_window = LadderWindow(self.window)
            ladder.setWindowFlag(Qt.WindowType.Window, True)
            recorder = self.window.recorder
            if recorder is not None:
                ladder.add_events(recorder.snapshot())
            bridge = EventBridge(ladder)
            bridge.events_received.connect(ladder.add_events, Qt.ConnectionType.QueuedConnection)
            unsubscribe = self.window.session.subscribe(bridge)
            ladder.destroyed.connect(lambda *_: unsubscribe())
        ladder.show()
        ladder.raise_()
        return ladder


def offer_crashed_run(
    actions: BundleActions, *, ask: Callable[[RunInfo], bool] | None = None
) -> RunInfo | None:
    """At start: a run that ended without closing its journal crashed; offer it, once.

    The question is not modal (the window stays usable, and nothing waits on it); ``ask``
    replaces it with a direct answer (tests). Yes opens the export dialog for that run.
    """
    runs = [r for r in crashed_runs() if not (r.path / OFFERED_FILE).exists()]
    if not runs:
        return None
    run = runs[-1]
    with contextlib.suppress(OSError):
        (run.path / OFFERED_FILE).write_text(str(time.time()), encoding="utf-8")
    if ask is not None:
        if ask(run):
            actions.open_export([run])
        return run
    stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(run.started))
    box = QMessageBox(actions.window)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(QCoreApplication.translate("BundleActions", "softdiag stopped unexpectedly"))
    box.setText(
        QCoreApplication.translate(
            "BundleActions",
            "The previous run (started %1) ended without closing properly. Export what it "
            "recorded as a diagnostic bundle for support?",
        ).replace("%1", stamp)
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setModal(False)
    box.accepted.connect(lambda: actions.open_export([run]))
    actions.crash_offer = box
    box.show()
    return run
