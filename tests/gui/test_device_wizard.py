"""The device wizard driven step by step offscreen, with screenshots of every page.

The audio I/O is replaced by a scripted service (inventory from the lab's recorded pactl
dump, synthetic captures, a thread writing speech-like audio into the meter's ring); the
pages, EngineOp, the watcher relay and the verdict rules are the real ones.
"""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

from softdiag.audio import dsp
from softdiag.audio.devices import Inventory
from softdiag.audio.providers import pulse
from softdiag.audio.runner import CheckPlan, RunOutcome
from softdiag.audio.service import DeviceService, LiveRing
from softdiag.events import DeviceCheckResult, DeviceInfo, Finding
from softdiag.media.levels import PeakHold, reading
from softdiag.session import Recorder, Session
from ui.windows.device_wizard import DeviceWizard, LevelBar

from .helpers import SCREENSHOTS

pytestmark = pytest.mark.gui
DATA = Path(__file__).resolve().parents[1] / "data"
RATE = 48_000


def lab_inventory(*, default_output: str = "speaker") -> Inventory:
    dump = json.loads((DATA / "pactl_audio_lab.json").read_text())
    dump["info"]["default_sink_name"] = default_output
    devices = pulse.parse_pactl(dump["sinks"], dump["sources"], dump["info"])
    return Inventory("pulse", tuple(d for d in devices if d.monitor_of is None))


class FakeStream:
    def __init__(self, ring: LiveRing, level_dbfs: float) -> None:
        self._stop = threading.Event()
        rng = np.random.default_rng(1)

        def feed() -> None:
            t = 0
            while not self._stop.wait(0.01):
                block = rng.standard_normal(480) * 10 ** (-65 / 20)
                if (t // 25) % 2 == 0:  # 250 ms syllables
                    block += dsp.tone(220, 0.01, RATE, level_dbfs=level_dbfs, fade_s=0)[:480]
                ring.write(block.astype(np.float32))
                t += 1

        self._thread = threading.Thread(target=feed, daemon=True)
        self._thread.start()

    def start(self) -> None:
        pass

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)


class ScriptedService(DeviceService):
    """DeviceService with the I/O scripted: what each microphone 'hears'."""

    def __init__(self, inventory: Inventory, mic: str = "room", speech_dbfs: float = -22) -> None:
        super().__init__(provider=lambda: self.current)
        self.current = inventory
        self.mic = mic
        self.speech_dbfs = speech_dbfs
        self.runs: list[tuple[str, str, str]] = []

    def run(self, output: DeviceInfo, input: DeviceInfo) -> RunOutcome:
        self.runs.append((output.id, input.id, __import__("threading").current_thread().name))
        time.sleep(0.2)  # a real run takes 3-5 s; long enough to see the progress bar
        plan = CheckPlan()
        sweep = plan.signal()
        start = int(0.6 * RATE)
        rng = np.random.default_rng(2)
        if self.mic == "dead":
            capture = np.zeros(start + sweep.size + RATE // 2, np.float32)
        else:
            capture = (
                rng.standard_normal(start + sweep.size + RATE // 2) * 10 ** (-65 / 20)
            ).astype(np.float32)
        return RunOutcome(output=output, input=input, rate=RATE, capture=capture, reference=sweep,
                          signal_start=start, first_audio_ms=20.0, played_dbfs=-12.0, seconds=3.4)  # fmt: skip

    def open_live_input(self, input: DeviceInfo, ring: LiveRing) -> FakeStream:  # type: ignore[override]
        return FakeStream(ring, -120 if self.mic == "dead" else self.speech_dbfs)


def shoot(widget: QWizard, name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"wizard_{name}.png"
    assert widget.grab().save(str(path))
    return path


def make(qtbot: QtBot, service: ScriptedService, session: Session | None = None) -> DeviceWizard:
    wizard = DeviceWizard(service, session=session)
    qtbot.addWidget(wizard)
    wizard.resize(680, 600)
    wizard.show()
    qtbot.waitExposed(wizard)
    qtbot.waitUntil(lambda: wizard.devices_page.outputs.count() > 0, timeout=5000)
    return wizard


def select(view: object, device_id: str) -> None:
    from PySide6.QtCore import Qt

    for i in range(view.count()):  # type: ignore[attr-defined]
        item = view.item(i)  # type: ignore[attr-defined]
        if item.data(Qt.ItemDataRole.UserRole).id == device_id:
            view.setCurrentItem(item)  # type: ignore[attr-defined]
            return
    raise AssertionError(device_id)


def play_and_answer(qtbot: QtBot, wizard: DeviceWizard, answer: str) -> None:
    page = wizard.tone_page
    page.play.click()
    assert page.progress.isVisible()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=5000)
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # answer first
    page.answer(answer)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()


def test_case_2_handset_in_the_headset_jack_step_by_step(qtbot: QtBot) -> None:
    """The agent listens on a handset; the default output is the headset jack; they hear
    nothing. Every step is photographed for the support note."""
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    service = ScriptedService(lab_inventory(default_output="headset"))
    wizard = make(qtbot, service, session)
    page = wizard.devices_page
    assert wizard.output is not None and wizard.output.id == "headset"  # the default
    assert wizard.input is not None and wizard.input.id == "headset_mic"
    page.listen.setCurrentIndex(page.listen.findData("handset"))
    assert wizard.expected == "handset"
    shoot(wizard, "1_devices")

    wizard.next()
    assert "handset" in wizard.tone_page.question.title()
    shoot(wizard, "2_tone_before")
    play_and_answer(qtbot, wizard, "no")
    assert service.runs[0][:2] == ("headset", "headset_mic")
    assert service.runs[0][2] != threading.current_thread().name  # off the GUI thread
    shoot(wizard, "2_tone_answered")

    wizard.next()
    meter = wizard.speak_page.meter
    qtbot.waitUntil(lambda: meter.rms_dbfs > -40, timeout=5000)
    qtbot.wait(300)
    shoot(wizard, "3_speak")

    wizard.next()
    result = wizard.check_result
    assert result is not None
    assert [v.id for v in result.verdicts] == [
        "device.tone_not_heard",
        "device.form_factor_mismatch",
    ]
    assert wizard.result_page.headline.text() == "Problem found"
    assert not wizard.result_page.use_devices.isChecked()
    shoot(wizard, "4_result_case2")
    # Everything the user saw is recorded for the bundle.
    assert [type(e).__name__ for e in recorder.of_type(DeviceCheckResult)] == ["DeviceCheckResult"]
    assert {f.id for f in recorder.of_type(Finding)} == {
        "device.tone_not_heard", "device.form_factor_mismatch"
    }  # fmt: skip


def test_all_good_and_use_these_devices(qtbot: QtBot) -> None:
    service = ScriptedService(lab_inventory())
    wizard = make(qtbot, service)
    page = wizard.devices_page
    select(page.outputs, "speaker")
    select(page.inputs, "headset_mic")
    page.listen.setCurrentIndex(page.listen.findData("speaker"))
    wizard.next()
    play_and_answer(qtbot, wizard, "yes")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.speak_page.meter.rms_dbfs > -40, timeout=5000)
    qtbot.wait(300)
    wizard.next()
    assert wizard.check_result is not None
    assert [v.id for v in wizard.check_result.verdicts] == ["device.ok"]
    assert (
        wizard.check_result.figures is not None
        and wizard.check_result.figures.speech_dbfs is not None
    )
    assert wizard.result_page.use_devices.isChecked()
    shoot(wizard, "4_result_ok")
    chosen: list[tuple[DeviceInfo, DeviceInfo]] = []
    wizard.devices_chosen.connect(lambda o, i: chosen.append((o, i)))
    wizard.accept()
    assert [(o.id, i.id) for o, i in chosen] == [("speaker", "headset_mic")]


def test_flat_line_microphone_in_chinese(qtbot: QtBot, chinese: object) -> None:
    service = ScriptedService(lab_inventory(), mic="dead")
    wizard = make(qtbot, service)
    select(wizard.devices_page.inputs, "dead_mic")
    wizard.next()
    play_and_answer(qtbot, wizard, "yes")
    wizard.next()
    qtbot.wait(200)
    wizard.next()
    assert wizard.check_result is not None
    assert [v.id for v in wizard.check_result.verdicts] == ["device.mic_flat_line"]
    assert wizard.result_page.headline.text() != "Problem found"  # translated
    shoot(wizard, "4_result_flat_line_zh_CN")


def test_hot_plug_is_named_on_the_devices_page(qtbot: QtBot) -> None:
    service = ScriptedService(lab_inventory())
    wizard = make(qtbot, service)
    before = wizard.devices_page.outputs.count()
    new = DeviceInfo(id="dock_handset", name="Dock Handset", direction="output",
                     host_api="PulseAudio", form_factor="handset", bus="usb")  # fmt: skip
    original = service.current
    # The real watcher polls the service's provider on its own thread (every second).
    service.current = Inventory("pulse", (*original.devices, new))
    qtbot.waitUntil(lambda: wizard.devices_page.outputs.count() == before + 1, timeout=5000)
    assert "Plugged in: Dock Handset" in wizard.devices_page.news.text()
    shoot(wizard, "1_devices_hotplug")
    service.current = original
    qtbot.waitUntil(
        lambda: "Unplugged: Dock Handset" in wizard.devices_page.news.text(), timeout=5000
    )
    assert wizard.devices_page.outputs.count() == before


def test_a_failed_device_skips_the_speaking_step(qtbot: QtBot) -> None:
    from softdiag.audio.check import CheckFailure

    class Busy(ScriptedService):
        def run(self, output: DeviceInfo, input: DeviceInfo) -> RunOutcome:
            return RunOutcome(output=output, input=input, rate=RATE,
                              failure=CheckFailure(kind="busy", device=output, error="Device unavailable"))  # fmt: skip

    wizard = make(qtbot, Busy(lab_inventory()))
    wizard.next()
    wizard.tone_page.play.click()
    qtbot.waitUntil(lambda: wizard.outcome is not None, timeout=5000)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # no question to answer
    wizard.next()
    assert wizard.currentPage() is wizard.result_page
    assert wizard.check_result is not None and [v.id for v in wizard.check_result.verdicts] == [
        "device.busy"
    ]


def test_level_bar_is_fed_at_25_hz_or_more_and_draws_the_engines_reading(qtbot: QtBot) -> None:
    from ui.windows.device_wizard import METER_INTERVAL_MS

    assert 1000 / METER_INTERVAL_MS >= 25
    bar = LevelBar()
    qtbot.addWidget(bar)
    hold = PeakHold()  # the ballistics are the engine's (the call meters' too), not the bar's
    loud = dsp.tone(1000, 0.05, 16000, level_dbfs=-20.0, fade_s=0.0)
    quiet = dsp.tone(1000, 0.05, 16000, level_dbfs=-60.0, fade_s=0.0)
    for samples, now in ((loud, 10.0), (quiet, 11.0), (quiet, 12.0)):
        level = reading(samples, hold, now)
        bar.set_reading(level)
        assert (bar.rms_dbfs, bar.peak_dbfs, bar.hold_dbfs) == (
            level.rms_dbfs, level.peak_dbfs, level.peak_hold_dbfs,
        )  # fmt: skip
    assert bar.rms_dbfs == pytest.approx(-60, abs=0.1)  # the bar follows the signal at once
    assert bar.hold_dbfs == pytest.approx(-17 - 0.5 * 20, abs=0.1)  # held 1.5 s, then 20 dB/s
    assert not bar.grab().isNull()


def test_the_wizard_closes_cleanly_while_the_meter_runs(qtbot: QtBot) -> None:
    wizard = make(qtbot, ScriptedService(lab_inventory()))
    wizard.next()
    play_and_answer(qtbot, wizard, "yes")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.speak_page.stream is not None, timeout=5000)
    stream = wizard.speak_page.stream
    wizard.reject()
    assert wizard.speak_page.stream is None
    assert not stream._thread.is_alive()  # type: ignore[union-attr]
    QApplication.processEvents()
