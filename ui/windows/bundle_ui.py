"""The diagnostic bundle in the GUI: the run journal, *File → Export diagnostic bundle…*,
the offer to export a run that crashed, and *Tools → SIP ladder…*.

The export runs off the GUI thread (:class:`~ui.plumbing.ops.EngineOp`); its progress reaches the
dialog through :func:`~ui.plumbing.threads.gui_callback`. Everything here hangs off the main window
through :func:`install_bundle_actions`, so the window itself only gains a line.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from softdiag.bundle.export import BundleError, BundleSummary, export_bundle
from softdiag.bundle.hep import HepMirror, parse_hep_address
from softdiag.bundle.journal import Journal, RunInfo, crashed_runs, list_runs
from softdiag.session import Session
from ui.plumbing.bridge import EventBridge
from ui.plumbing.ops import EngineOp
from ui.plumbing.threads import gui_callback

from .ladder import LadderWindow

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
        stages = {  # the exporter's stage names, in the user's language
            "reading the journal": self.tr("Reading the journal…"),
            "environment": self.tr("Collecting facts about this computer…"),
            "report": self.tr("Writing the report…"),
            "events": self.tr("Writing the events…"),
            "pcap": self.tr("Writing the SIP capture…"),
            "checking for secrets": self.tr("Checking that no secret is left…"),
            "writing": self.tr("Writing the zip file…"),
        }
        self.stage.setText(stages.get(what, ""))

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

    def __init__(self, window: MainWindow, tools: QMenu, save: Callable[[], object]) -> None:
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
        self.hep_action = tools.addAction(self.tr("HEP mirror…"))
        self.hep_action.triggered.connect(self.open_hep_dialog)
        self.hep: HepMirror | None = None
        self._unsubscribe_hep: Callable[[], None] | None = None
        self._save = save
        if window.settings.hep:  # mirror from the start, as the user set it up
            self.set_hep(window.settings.hep, window.settings.hep_id, "")

    def _export_clicked(self) -> None:
        self.open_export()

    # -- HEP mirror -----------------------------------------------------------------------

    def set_hep(self, address: str, capture_id: int, key: str, *,
                done: Callable[[str | None], object] | None = None) -> None:  # fmt: skip
        """Mirror to ``address`` (host:port; "" stops the mirror). Resolving the host may
        block, so it runs off the GUI thread; ``done`` gets None or the reason it failed."""
        self.stop_hep()
        if not address:
            if done is not None:
                done(None)
            return

        def resolve() -> tuple[str, int]:
            return parse_hep_address(address)

        def started(hostport: tuple[str, int]) -> None:
            self.stop_hep()
            mirror = HepMirror(
                hostport[0], hostport[1], capture_id=capture_id, auth_key=key
            ).start()
            self.hep = mirror
            self._unsubscribe_hep = self.window.session.subscribe(mirror)
            if done is not None:
                done(None)

        def failed(exc: Exception) -> None:
            if done is not None:
                done(str(exc))

        EngineOp(self, resolve).success(started).failure(failed).run()

    def stop_hep(self) -> None:
        if self._unsubscribe_hep is not None:
            self._unsubscribe_hep()
            self._unsubscribe_hep = None
        mirror, self.hep = self.hep, None
        if mirror is not None:  # its thread drains for at most a second: not on this thread
            EngineOp(self, lambda: mirror.close(timeout=1.0)).run()

    def open_hep_dialog(self) -> HepDialog:
        dialog = HepDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def apply_hep(
        self, address: str, capture_id: int, key: str, done: Callable[[str | None], object]
    ) -> None:
        """Set the mirror up and remember the collector in the settings (not the key)."""

        def applied(problem: str | None) -> None:
            if problem is None:
                self.window.settings = dataclasses.replace(
                    self.window.settings, hep=address, hep_id=capture_id
                )
                self._save()
            done(problem)

        self.set_hep(address, capture_id, key, done=applied)

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


class HepDialog(QDialog):
    """Where the HEP mirror sends, with its live figures (sent, dropped, errors)."""

    def __init__(self, actions: BundleActions) -> None:
        super().__init__(actions.window)
        self.owner = actions
        self.setWindowTitle(self.tr("HEP mirror"))
        settings = actions.window.settings
        self.address_edit = QLineEdit(settings.hep)
        self.address_edit.setPlaceholderText(self.tr("host:port, empty for off"))
        self.id_spin = QSpinBox()
        self.id_spin.setRange(0, 2_000_000_000)
        self.id_spin.setValue(settings.hep_id)
        self.key_edit = QLineEdit()
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("only if the collector asks for one"))
        form = QFormLayout()
        form.addRow(self.tr("Collector"), self.address_edit)
        form.addRow(self.tr("Capture id"), self.id_spin)
        form.addRow(self.tr("Auth key"), self.key_edit)
        note = QLabel(self.tr("Every SIP message is also sent, as HEPv3 over UDP, to a Homer or "
                              "heplify-server collector. A collector that is down never slows the "
                              "phone: messages it cannot take are dropped and counted. The auth "
                              "key is kept for this run only."))  # fmt: skip
        note.setWordWrap(True)
        self.figures = QLabel()
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Apply | QDialogButtonBox.StandardButton.Close
        )
        buttons.rejected.connect(self.reject)
        self.apply_button = buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.figures)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(1000)
        self.refresh()
        self.setMinimumWidth(520)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)  # wrapped text fits

    def apply(self) -> None:
        self.apply_button.setEnabled(False)
        self.problem.setText("")
        address = self.address_edit.text().strip()
        self.owner.apply_hep(address, self.id_spin.value(), self.key_edit.text(), self._applied)

    def _applied(self, problem: str | None) -> None:
        self.apply_button.setEnabled(True)
        self.problem.setText(problem or "")
        self.refresh()

    def refresh(self) -> None:
        mirror = self.owner.hep
        if mirror is None:
            self.figures.setText(self.tr("The mirror is off."))
            return
        host, port = mirror.address
        self.figures.setText(
            self.tr("Mirroring to %1: %2 sent, %3 dropped, %4 send errors.")
            .replace("%1", f"{host}:{port}")
            .replace("%2", str(mirror.sent))
            .replace("%3", str(mirror.dropped))
            .replace("%4", str(mirror.errors))
        )


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
