"""Tools → Guided check…: the checklist fills in live from a real run against the lab.

Screenshots land in artifacts/screenshots/: while running, after a healthy run, and after
a run with two failures in English and in Chinese.
"""

from __future__ import annotations

import re
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from softdiag.check.profile import CheckProfile
from softdiag.check.steps import SUMMARIES
from softdiag.events import DeviceInfo
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Session
from softdiag.settings import LoadResult, PasswordStore, Settings
from tests.labfixtures import TEST_TOPOLOGY
from ui.plumbing.threads import gui_callback
from ui.windows.check_dialog import CheckDialog, make_asker

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS

pytestmark = pytest.mark.gui

DNS = TEST_TOPOLOGY.dns
RUN_TIMEOUT_MS = 60_000


def test_every_summary_speaks_the_clis_words(chinese: list[object]) -> None:
    from softdiag.check.steps import CheckStep, summary_text
    from ui.texts.check_texts import summary_of

    for summary_id in SUMMARIES:
        params = (("count", "3"), ("server", "127.0.0.2:5060"), ("held", "2"))
        step = CheckStep(step="dns", index=0, total=1, status="pass", summary="",
                         summary_id=summary_id, summary_params=params)  # fmt: skip
        assert summary_of(step) == summary_text(summary_id, params, "zh_CN")


def test_a_bad_profile_is_named_with_its_line(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = CheckDialog(Session())
    qtbot.addWidget(dialog)
    bad = tmp_path / "acme.toml"
    bad.write_text('domain = "voip.test"\nuser = "alice"\nsteps = ["dsn"]\n', encoding="utf-8")
    assert not dialog.open_profile(bad)
    assert dialog.problem_label.text().startswith("acme.toml line 3: unknown step 'dsn'")
    good = tmp_path / "good.toml"
    good.write_text('domain = "voip.test"\nuser = "carol"\ncall = "echo"\nsteps = ["dns", "call"]\n'
                    'expect_output = "handset"\n', encoding="utf-8")  # fmt: skip
    assert dialog.open_profile(good)
    assert dialog.problem_label.isHidden()
    assert (dialog.user_edit.text(), dialog.call_edit.text()) == ("carol", "echo")
    assert [s for s, box in dialog.step_boxes.items() if box.isChecked()] == ["dns", "call"]
    assert dialog.listen_combo.currentData() == "handset"


def _dialog(qtbot: QtBot, profile: CheckProfile, password: str) -> CheckDialog:
    dialog = CheckDialog(Session(), defaults=profile)
    qtbot.addWidget(dialog)
    dialog.password_edit.setText(password)
    dialog.show()
    return dialog


def _shot(dialog: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert dialog.grab().save(str(SCREENSHOTS / name))


def _status(dialog: CheckDialog) -> dict[str, str]:
    return {step: event.status for step, event in dialog.steps.items()}


def test_a_healthy_run_fills_the_checklist_live(qtbot: QtBot, lab: Lab) -> None:
    profile = CheckProfile(domain="voip.test", user="gina", dns=DNS, expires=10,
                           register_refreshes=1, call="echo", call_duration_s=3.0,
                           steps=("network", "dns", "servers", "register", "nat", "call"))  # fmt: skip
    dialog = _dialog(qtbot, profile, LAB_PASSWORD)
    dialog.start()
    assert not dialog.start_button.isEnabled() and dialog.cancel_button.isEnabled()
    # While running: the finished steps are filled in, the registration is running.
    qtbot.waitUntil(lambda: "servers" in dialog.steps and "running" in
                    dialog._items["register"].text(1), timeout=RUN_TIMEOUT_MS)  # fmt: skip
    assert 3 <= dialog.progress.value() < 6
    qtbot.wait(50)
    _shot(dialog, "check_running.png")
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=RUN_TIMEOUT_MS)
    assert _status(dialog) == dict.fromkeys(profile.steps, "pass")
    assert dialog.progress.value() == dialog.progress.maximum() == 6
    assert dialog.verdict_label.text().startswith("PASS")
    assert dialog.copy_button.isEnabled() and dialog.start_button.isEnabled()
    # Each step opens to its evidence.
    dns_item = dialog._items["dns"]
    assert dns_item.childCount() >= 3
    assert any("answer order" in dns_item.child(i).text(1) for i in range(dns_item.childCount()))
    dialog._items["call"].setExpanded(True)
    qtbot.wait(50)
    _shot(dialog, "check_healthy.png")
    dialog.copy_summary()
    copied = QGuiApplication.clipboard().text()
    assert "gina@voip.test" in copied and "PASS" in copied
    assert LAB_PASSWORD not in copied


def _two_failures(qtbot: QtBot, name: str) -> CheckDialog:
    """The wrong password and a microphone that is not there: two steps fail."""
    profile = CheckProfile(domain="voip.test", user="hank", dns=DNS, expires=10, call="echo",
                           steps=("network", "dns", "servers", "register", "nat", "call", "devices"),
                           input_device="Broken Microphone 16")  # fmt: skip
    dialog = _dialog(qtbot, profile, "not-the-password")
    dialog.start()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=RUN_TIMEOUT_MS)
    assert _status(dialog) == {"network": "pass", "dns": "pass", "servers": "pass",
                               "register": "fail", "nat": "pass", "call": "skipped",
                               "devices": "fail"}  # fmt: skip
    assert dialog.summary is not None and dialog.summary.status == "fail"
    assert dialog.summary.first_fixes[0].id == "registration.credentials_rejected"
    assert dialog._items["register"].isExpanded()
    qtbot.wait(50)
    _shot(dialog, name)
    return dialog


def test_two_failures_are_shown_with_what_to_fix_first(qtbot: QtBot, lab: Lab) -> None:
    dialog = _two_failures(qtbot, "check_two_failures.png")
    assert dialog.verdict_label.text().startswith("FAIL")
    assert "Fix first 1: The server rejected the credentials" in dialog.fixes_label.text()


def test_two_failures_in_chinese(qtbot: QtBot, lab: Lab, chinese: object) -> None:
    dialog = _two_failures(qtbot, "check_two_failures_zh_CN.png")
    texts = [dialog.verdict_label.text(), dialog.fixes_label.text(),
             dialog._items["register"].text(1), dialog._items["call"].text(1)]  # fmt: skip
    for text in texts:
        assert re.search(r"[\u4e00-\u9fff]", text), text  # Chinese, not English left over


def test_cancel_from_the_window_stops_the_run(qtbot: QtBot, lab: Lab) -> None:
    profile = CheckProfile(domain="voip.test", user="ivan", dns=DNS, expires=10,
                           register_refreshes=3, call="echo")  # fmt: skip
    dialog = _dialog(qtbot, profile, LAB_PASSWORD)
    dialog.start()
    qtbot.waitUntil(lambda: "running" in dialog._items["register"].text(1), timeout=RUN_TIMEOUT_MS)
    qtbot.wait(500)
    dialog.cancel()
    qtbot.waitUntil(lambda: dialog.summary is not None, timeout=3000)
    assert dialog.summary is not None and dialog.summary.summary_id == "verdict.cancelled"
    assert _status(dialog)["call"] == "skipped"


def test_the_tools_menu_opens_it_with_the_window_s_account(
    make_window: WindowFactory, memory_passwords: PasswordStore
) -> None:
    memory_passwords.set("alice", "voip.test", "from-the-keychain")
    loaded = LoadResult(Settings(domain="voip.test", user="alice", dns="127.0.0.1:5353",
                                 echo_uri="sip:echo@voip.test"))  # fmt: skip
    window = make_window(loaded=loaded)
    assert window.guided_check_action.text() == "Guided check…"
    window.guided_check_action.trigger()
    [dialog] = window.findChildren(CheckDialog)
    assert dialog.isVisible() and dialog.phone is window.softphone
    assert (dialog.user_edit.text(), dialog.domain_edit.text(), dialog.dns_edit.text()) == (
        "alice", "voip.test", "127.0.0.1:5353",
    )  # fmt: skip
    assert dialog.call_edit.text() == "sip:echo@voip.test"
    assert dialog.password_edit.text() == "from-the-keychain"
    dialog.close()


def test_the_device_step_asks_the_user_without_blocking_the_window(qtbot: QtBot) -> None:
    dialog = CheckDialog(Session())
    qtbot.addWidget(dialog)
    dialog.show()
    handset = DeviceInfo(id="handset", name="USB Handset", direction="output",
                         host_api="PulseAudio", form_factor="handset")  # fmt: skip
    ask = make_asker(gui_callback(dialog._show_question), lambda: False, timeout=20)
    answers: list[str | None] = []
    worker = threading.Thread(target=lambda: answers.append(ask(handset, "handset")))
    worker.start()  # the runner's thread: it waits, the GUI does not
    qtbot.waitUntil(lambda: dialog.question is not None and dialog.question.isVisible(),
                    timeout=5000)  # fmt: skip
    question = dialog.question
    assert question is not None and "USB Handset" in question.text()
    assert "in your handset" in question.text()
    _shot(question, "check_ask_tone.png")
    [elsewhere] = [b for b in question.buttons() if b.text() == "Somewhere else"]
    elsewhere.click()
    worker.join(5)
    assert answers == ["elsewhere"]
    # Cancel ends the wait at once, answered or not.
    cancelled = make_asker(gui_callback(dialog._show_question), lambda: True, timeout=20)
    started = time.monotonic()
    assert cancelled(handset, None) is None
    assert time.monotonic() - started < 1.0
