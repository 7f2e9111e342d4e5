"""For smoke tests and the cold-start benchmark: report the main window's first paint.

``SOFTDIAG_EXIT_WHEN_DRAWN=1`` makes the app print one line on stdout when the main
window has been painted for the first time (``softdiag: main window drawn``), then close
it the way a user does (engine shut down first) and exit with the usual code. A launcher
measuring cold start reads that line; a packaged app is proven to open and close.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

__all__ = ["ENV", "FirstPaintProbe", "install_if_asked"]

ENV = "SOFTDIAG_EXIT_WHEN_DRAWN"
LINE = "softdiag: main window drawn"


class FirstPaintProbe(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self.drawn = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.drawn and watched is self._window and event.type() == QEvent.Type.Paint:
            self.drawn = True
            # After this paint is done: the line means "on screen", then a normal close.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"{LINE} ({self._window.width()}x{self._window.height()})", flush=True)
        self._window.removeEventFilter(self)
        self._window.close()


def install_if_asked(window: QWidget) -> FirstPaintProbe | None:
    if os.environ.get(ENV) != "1":
        return None
    if sys.stdout is None:  # a windowed build without a console: nowhere to report
        return None
    return FirstPaintProbe(window)
