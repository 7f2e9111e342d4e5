"""Start the GUI: ``softdiag`` with no arguments (or ``softdiag gui``) ends up in :func:`run`.

Order matters: settings first (they may name the language), then the translator, then any
widget (widgets translate their texts when they are built).
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from softdiag.account import Softphone
from softdiag.environment import check_environment, log_dir, start_file_log, stop_file_log
from softdiag.failover.policy import POLICIES
from softdiag.session import Recorder, Session
from softdiag.settings import LoadResult, PasswordStore, Settings, load_settings

from .plumbing.drawn_probe import install_if_asked
from .plumbing.ops import wait_for_ops
from .plumbing.threads import GuiThreadCollector, install_dispatcher
from .windows.bundle_ui import offer_crashed_run, start_gui_journal
from .windows.first_start import offer_welcome, report_no_log
from .windows.main_window import MainWindow

__all__ = ["ICON_PATH", "RESOURCES", "TRANSLATIONS", "install_translators", "run"]

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
TRANSLATIONS = RESOURCES / "translations"
ICON_PATH = RESOURCES / "icons" / "softdiag.svg"


def choose_language(settings: Settings) -> QLocale:
    """SOFTDIAG_LANG (e.g. zh_CN) wins, then the settings, then the system's locale."""
    name = os.environ.get("SOFTDIAG_LANG") or settings.language
    return QLocale(name) if name else QLocale.system()


def install_translators(app: QApplication, locale: QLocale) -> list[QTranslator]:
    """Install softdiag's and Qt's own translations for ``locale``; returns what loaded.

    Qt's ``qtbase`` catalogue translates the standard context menus (Copy, Select All).
    Keep the returned translators referenced: a collected translator stops translating.
    """
    installed: list[QTranslator] = []
    sources = (
        ("softdiag", str(TRANSLATIONS)),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    )
    for name, directory in sources:
        translator = QTranslator(app)
        if translator.load(locale, name, "_", directory) and app.installTranslator(translator):
            installed.append(translator)
    QLocale.setDefault(locale)
    return installed


def _parse(args: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="softdiag gui", description="the softdiag window")
    parser.add_argument(
        "--lab",
        action="store_true",
        help="fill in the local lab's account (alice@voip.test) and register at once; "
        "nothing is saved",
    )
    return parser.parse_args(args)


def _lab_account() -> tuple[LoadResult, str]:
    from softdiag.lab import LAB_PASSWORD, LabTopology

    topology = LabTopology()
    settings = Settings(domain=topology.domain, user="alice", dns=topology.dns, expires=60)
    return LoadResult(settings), LAB_PASSWORD


def run(argv: list[str] | None = None) -> int:
    """Show the window until it is closed; returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):  # embedded (tests): the caller owns Qt's options
        app, args = existing, argv
    else:
        # QApplication takes its own options (-platform, -style, ...) out of the list.
        app = QApplication([sys.argv[0] if sys.argv else "softdiag", *argv])
        args = app.arguments()[1:]
    app.setApplicationName("softdiag")
    app.setOrganizationName("softdiag")
    app.setApplicationDisplayName("softdiag")
    app.setDesktopFileName("softdiag")
    try:
        options = _parse(args)
    except SystemExit as exc:  # --help, or a bad option (argparse already said why)
        return int(exc.code or 0)

    log_file = start_file_log()  # under platformdirs' log folder; None: a read-only home
    lab_password: str | None = None
    if options.lab:
        loaded, lab_password = _lab_account()
    else:
        loaded = load_settings()
    translators = install_translators(app, choose_language(loaded.settings))
    if ICON_PATH.exists():
        app.setWindowIcon(QIcon(str(ICON_PATH)))

    install_dispatcher()
    collector = GuiThreadCollector()  # cyclic garbage is collected on this thread only
    collector.start()
    session = Session()
    recorder = Recorder()  # everything the user sees, for the diagnostic bundle
    session.subscribe(recorder)
    journal = start_gui_journal(session)  # this run on disk, for a bundle even after a crash
    policy = loaded.settings.policy if loaded.settings.policy in POLICIES else "sticky"
    softphone = Softphone(session, policy=policy)
    window = MainWindow(
        session, softphone, loaded, PasswordStore(), persist=not options.lab, recorder=recorder
    )
    if lab_password is not None:
        window.password_edit.setText(lab_password)
    window.bundle_actions.journal = journal
    window.show()
    window.start_engine(register_when_running=options.lab)
    QTimer.singleShot(500, window, lambda: offer_crashed_run(window.bundle_actions))
    # First start: no account yet. Say what softdiag does and what this machine lacks.
    missing = check_environment(keychain=window.passwords.persistent)
    if not options.lab and not loaded.settings.domain:
        offer_welcome(window, missing)
    if log_file is None and not loaded.problem:
        report_no_log(window, log_dir())
    probe = install_if_asked(window)  # smoke tests and the cold-start benchmark

    # Ctrl+C in the terminal closes the window the normal way (engine shut down first).
    # Python runs signal handlers only between bytecodes: an idle timer gives it the chance.
    previous_sigint = signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, window.close))
    wake = QTimer()
    wake.timeout.connect(lambda: None)
    wake.start(250)
    try:
        code = app.exec()
    finally:
        wake.stop()
        del probe
        stop_file_log(log_file)
        signal.signal(signal.SIGINT, previous_sigint)
        # The window shut the engine down before it closed; this is the safety net for a
        # quit that bypassed it (idempotent), so pjsua2 is never alive at interpreter exit.
        try:
            softphone.shutdown()
        except Exception as exc:
            print(f"softdiag: engine shutdown: {exc}", file=sys.stderr)
        window.bundle_actions.stop_hep()
        wait_for_ops()
        if journal is not None:
            journal.close()
        collector.stop()
        for translator in translators:
            app.removeTranslator(translator)
    return int(code)
