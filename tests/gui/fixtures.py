"""GUI test fixtures (loaded by conftest.py): a real Session, a recording stand-in for the
softphone, the window.

The stand-in replaces only the engine's I/O (pjsua2 and DNS) for the window's own unit
tests: the events still come from a real Session, published from real threads. The
end-to-end test against the lab's Kamailio drives the real Softphone instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from softdiag.session import Session
from softdiag.settings import LoadResult, PasswordStore, Settings
from ui.app import install_translators
from ui.windows.main_window import MainWindow

from .helpers import StubSoftphone


@pytest.fixture
def memory_passwords(monkeypatch: pytest.MonkeyPatch) -> PasswordStore:
    """A PasswordStore that never touches the developer's real keychain."""
    monkeypatch.setattr("softdiag.settings._keyring_usable", lambda: False)
    return PasswordStore()


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "settings.json"


WindowFactory = Callable[..., MainWindow]


@pytest.fixture
def make_window(
    qtbot: QtBot, memory_passwords: PasswordStore, settings_file: Path
) -> Iterator[WindowFactory]:
    windows: list[MainWindow] = []

    def make(
        *,
        session: Session | None = None,
        softphone: StubSoftphone | None = None,
        loaded: LoadResult | None = None,
        start: bool = True,
        **kwargs: object,
    ) -> MainWindow:
        window = MainWindow(
            session or Session(),
            softphone or StubSoftphone(),
            loaded or LoadResult(Settings()),
            memory_passwords,
            settings_file,
            **kwargs,  # type: ignore[arg-type]
        )
        # Not qtbot.addWidget: pytest-qt would deleteLater() the window right after close(),
        # before the engine shutdown it waits for could report back.
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        if start:
            window.start_engine()
            qtbot.waitUntil(lambda: not window._starting, timeout=5000)
        return window

    yield make
    for window in windows:
        # Close the way a user does: the engine is shut down before the window goes.
        window.close()
        qtbot.waitUntil(lambda w=window: w._close_done, timeout=15000)  # type: ignore[misc]
        assert not window.isVisible()
        window.deleteLater()


@pytest.fixture
def chinese(qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QTranslator]]:
    """Install the zh_CN translations the way the app does for SOFTDIAG_LANG=zh_CN."""
    monkeypatch.setenv("SOFTDIAG_LANG", "zh_CN")
    previous = QLocale()
    translators = install_translators(qapp, QLocale("zh_CN"))
    assert any(t.filePath().endswith("softdiag_zh_CN.qm") for t in translators), (
        "resources/translations/softdiag_zh_CN.qm is missing: run packaging/update_translations.sh"
    )
    yield translators
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous)


__all__ = ["WindowFactory", "chinese", "make_window", "memory_passwords", "settings_file"]
