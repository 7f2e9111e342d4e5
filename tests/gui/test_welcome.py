"""First start: the welcome screen, the demo lab, and what the machine lacks."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softdiag.account import AccountSpec
from softdiag.environment import Missing
from softdiag.lab import Lab

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS, StubSoftphone

pytestmark = pytest.mark.gui

ALL_MISSING = [
    Missing(id="network", evidence="test"),
    Missing(id="sound_server", evidence="test"),
    Missing(id="keychain", evidence="test"),
]


def test_welcome_offers_three_ways_in(qtbot: QtBot, make_window: WindowFactory) -> None:
    from ui.windows.first_start import offer_welcome

    window = make_window(start=False)
    dialog = offer_welcome(window, ALL_MISSING, demo_available=True)
    qtbot.waitExposed(dialog)
    assert len(dialog.lines) == 3
    assert dialog.account_button.isEnabled()
    assert dialog.profile_button.isEnabled()
    assert "guided check" in dialog.profile_button.toolTip()
    assert dialog.demo_button.isVisible()
    text = dialog.missing_label.text()
    for words in ("No network", "No sound server", "No keychain"):
        assert words in text
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "welcome.png"))
    dialog.account_button.click()
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: window.focusWidget() is window.domain_edit, timeout=2000)


def test_no_demo_without_the_lab_and_nothing_missing_says_nothing(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    from ui.windows.first_start import offer_welcome

    window = make_window(start=False)
    dialog = offer_welcome(window, [], demo_available=False)
    qtbot.waitExposed(dialog)
    assert not dialog.demo_button.isVisible()
    assert not dialog.missing_label.isVisible()
    dialog.close()


def test_lab_installed_follows_the_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.windows.welcome import lab_installed

    monkeypatch.setenv("PATH", "/nonexistent")
    assert lab_installed() is False


@pytest.mark.lab
def test_demo_starts_the_lab_and_registers_its_account(
    qtbot: QtBot, make_window: WindowFactory, lab: Lab
) -> None:
    from ui.windows.first_start import offer_welcome

    softphone = StubSoftphone()
    window = make_window(softphone=softphone)
    dialog = offer_welcome(window, [], demo_available=True, lab_factory=lambda: lab)
    qtbot.waitExposed(dialog)
    dialog.demo_button.click()
    qtbot.waitUntil(lambda: "register" in softphone.names(), timeout=15000)
    spec = softphone.last("register")
    assert isinstance(spec, AccountSpec)
    assert (spec.domain, spec.user, spec.dns) == ("voip.test", "alice", lab.topology.dns)
    assert all(s.alive for s in lab.status())


def test_no_log_file_is_said(make_window: WindowFactory) -> None:
    from pathlib import Path

    from ui.windows.first_start import report_no_log

    window = make_window(start=False)
    report_no_log(window, Path("/read-only/log"))
    assert "/read-only/log" in window.status_message()


def test_welcome_and_about_in_chinese(
    qtbot: QtBot, make_window: WindowFactory, chinese: object
) -> None:
    from ui.windows.about_dialog import AboutDialog
    from ui.windows.first_start import offer_welcome

    window = make_window(start=False)
    dialog = offer_welcome(window, ALL_MISSING[1:], demo_available=True)
    qtbot.waitExposed(dialog)
    assert dialog.account_button.text() == "输入我的账号"
    assert "没有声音服务器" in dialog.missing_label.text()
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / "welcome_zh_CN.png"))
    dialog.close()
    about = AboutDialog(window)
    about.show()
    qtbot.waitExposed(about)
    assert about.windowTitle() == "关于 softdiag"
    assert about.grab().save(str(SCREENSHOTS / "about_zh_CN.png"))
    about.close()
    about.deleteLater()


def test_a_check_profile_opens_the_guided_check_filled_in(
    qtbot: QtBot, make_window: WindowFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QApplication

    from ui.windows import check_dialog
    from ui.windows.first_start import offer_welcome

    profile = Path(__file__).resolve().parents[2] / "resources" / "profiles" / "lab.toml"
    monkeypatch.setattr(
        check_dialog.QFileDialog, "getOpenFileName", lambda *a, **k: (str(profile), "")
    )
    window = make_window(start=False)
    dialog = offer_welcome(window, [], demo_available=False)
    qtbot.waitExposed(dialog)
    dialog.profile_button.click()
    opened = [w for w in QApplication.topLevelWidgets()
              if isinstance(w, check_dialog.CheckDialog) and w.isVisible()]  # fmt: skip
    assert len(opened) == 1
    check = opened[0]
    assert check.profile is not None and check.profile.domain == "voip.test"
    assert "lab.toml" in check.profile_label.text()
    check.close()
