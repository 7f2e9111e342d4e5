"""The whole app with the real engine: start, show, close; the engine stops before exit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from softdiag.events import EngineState
from ui import app as app_module
from ui.windows.main_window import MainWindow
from ui.windows.welcome import WelcomeDialog

pytestmark = pytest.mark.gui


def test_icon_renders(qapp: QApplication) -> None:
    icon = QIcon(str(app_module.ICON_PATH))
    assert not icon.isNull()
    assert not icon.pixmap(64, 64).isNull()


def test_help_exits_cleanly(qapp: QApplication, capsys: pytest.CaptureFixture[str]) -> None:
    assert app_module.run(["--help"]) == 0
    assert "--lab" in capsys.readouterr().out


def test_bad_option_is_exit_2(qapp: QApplication) -> None:
    assert app_module.run(["--no-such-option"]) == 2


def test_run_starts_and_stops_the_real_engine(
    qapp: QApplication, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("pjsua2")
    monkeypatch.setenv("SOFTDIAG_CONFIG_DIR", str(tmp_path))
    monkeypatch.setenv("SOFTDIAG_LOG_DIR", str(tmp_path / "log"))
    monkeypatch.setattr("softdiag.settings._keyring_usable", lambda: False)
    (tmp_path / "settings.json").write_text("not json", encoding="utf-8")  # and a damaged file
    seen: dict[str, object] = {}

    def poll() -> None:
        windows = [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        if not windows:
            return
        window = windows[0]
        seen["window"] = window
        seen["icon"] = not qapp.windowIcon().isNull()
        seen.setdefault("welcome", bool(window.findChildren(WelcomeDialog)))
        if window.engine_label.text() == "SIP engine running" and "status" not in seen:
            seen["status"] = window.status_message()
            seen["button"] = window.register_button.isEnabled()
            window.close()

    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(50)
    watchdog = QTimer()
    watchdog.setSingleShot(True)
    fired: list[bool] = []
    watchdog.timeout.connect(lambda: fired.append(True))
    watchdog.timeout.connect(qapp.quit)  # never hang the suite
    watchdog.start(30_000)
    try:
        code = app_module.run([])
    finally:
        timer.stop()
        watchdog.stop()

    assert not fired, "the window did not close by itself within 30 s: the watchdog quit the app"
    assert code == 0
    assert seen.get("button") is True
    assert seen.get("icon") is True
    assert "damaged" in str(seen.get("status"))
    assert seen.get("welcome") is True  # no account yet: the first-start screen
    assert (tmp_path / "log" / "softdiag.log").exists()  # logs where the platform keeps them
    window = seen["window"]
    assert isinstance(window, MainWindow)
    assert window.recorder is not None
    states = [e.state for e in window.recorder.of_type(EngineState)]
    assert states[:2] == ["starting", "running"]
    assert states[-1] == "stopped"  # the engine was stopped before the window closed
    window.deleteLater()
