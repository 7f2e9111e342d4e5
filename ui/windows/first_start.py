"""First start for an end user: the welcome screen, the demo lab, what the machine lacks.

Kept out of ``ui/app.py`` and ``ui/windows/main_window.py``: the app calls :func:`offer_welcome`
when no account is set up; the window only gains :meth:`MainWindow.use_demo_account`.
Starting the lab takes seconds (Kamailio, dnsmasq and sipp must answer), so it runs off the
GUI thread through :class:`~ui.plumbing.ops.EngineOp`, with the status line saying so.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt

from softdiag.environment import Missing
from softdiag.settings import Settings
from ui.plumbing.ops import EngineOp

from .welcome import WelcomeDialog, lab_installed

if TYPE_CHECKING:
    from softdiag.lab import Lab

    from .main_window import MainWindow

__all__ = ["offer_welcome", "report_no_log", "start_demo_lab"]


def _default_lab() -> Lab:
    from softdiag.lab import Lab

    return Lab()


def start_demo_lab(window: MainWindow, lab_factory: Callable[[], Lab] = _default_lab) -> None:
    """Start the local lab off the GUI thread, then register its demo account."""
    from softdiag.lab import LAB_PASSWORD

    lab = lab_factory()
    topology = lab.topology
    window.show_status(
        QCoreApplication.translate("FirstStart", "Starting the demo lab…"), progress=True
    )

    def started(_result: object) -> None:
        settings = Settings(domain=topology.domain, user="alice", dns=topology.dns, expires=60)
        text = QCoreApplication.translate(
            "FirstStart", "Demo lab running: registering alice@{domain}"
        )
        window.show_status(text.format(domain=topology.domain))
        window.use_demo_account(settings, LAB_PASSWORD)

    def failed(exc: Exception) -> None:
        window.show_status(
            QCoreApplication.translate(
                "FirstStart", "The demo lab could not start: {error}"
            ).format(error=exc),
            error=True,
        )

    EngineOp(window, lab.up).success(started).failure(failed).run()


def report_no_log(window: MainWindow, folder: Path) -> None:
    """A read-only or missing home: the app runs on, and says it keeps no log file."""
    text = QCoreApplication.translate(
        "FirstStart", "No log file: {folder} cannot be written (is the home folder read-only?)"
    )
    window.show_status(text.format(folder=folder), error=True)


def _focus_account(window: MainWindow) -> None:
    window.activateWindow()
    window.domain_edit.setFocus(Qt.FocusReason.OtherFocusReason)


def offer_welcome(
    window: MainWindow,
    missing: Sequence[Missing],
    *,
    demo_available: bool | None = None,
    lab_factory: Callable[[], Lab] = _default_lab,
) -> WelcomeDialog:
    """Show the welcome screen over ``window`` (window-modal, so the window still draws)."""
    dialog = WelcomeDialog(
        missing,
        demo_available=lab_installed() if demo_available is None else demo_available,
        parent=window,
    )
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.account_chosen.connect(lambda: _focus_account(window))
    dialog.demo_chosen.connect(lambda: start_demo_lab(window, lab_factory))
    dialog.profile_chosen.connect(lambda: window.open_guided_check(choose_profile=True))
    dialog.open()
    return dialog
