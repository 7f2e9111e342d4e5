"""The device check against real PulseAudio virtual devices (softdiag.lab.audio).

A private daemon with its own socket, started for this module and stopped after it even
when a test fails; the user's own sound server is never touched. Needs the Debian
packages pulseaudio, pulseaudio-utils, libportaudio2 and libasound2-plugins; not the SIP lab.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from softdiag.audio.devices import InventoryWatcher, find_device, take_inventory
from softdiag.audio.runner import conclude, run_check
from softdiag.events import DeviceCheckResult, DeviceInfo, DeviceInventory, Event
from softdiag.lab.audio import AudioLab

pytestmark = pytest.mark.audio
ROOT = Path(__file__).resolve().parents[2]
BUDGET_S = 10.0
TIMINGS: list[tuple[str, float]] = []


@pytest.fixture(scope="module", autouse=True)
def _print_timings() -> Iterator[None]:
    yield
    if TIMINGS:
        print("\ndevice check timings (budget 10 s):")
        for name, seconds in TIMINGS:
            print(f"  {name:<34} {seconds:5.2f} s")


def backend() -> object:
    from softdiag.audio.streams import SoundDeviceBackend

    return SoundDeviceBackend()


def present(device: DeviceInfo) -> bool:
    return take_inventory(include_monitors=True).get(device.key) is not None


def check(output: str, input: str, name: str) -> DeviceCheckResult:
    inventory = take_inventory()
    out = find_device(inventory.devices, output, "output")
    inp = find_device(inventory.devices, input, "input")
    assert out is not None and inp is not None
    started = time.monotonic()
    outcome = run_check(backend(), out, inp, present=present)  # type: ignore[arg-type]
    result = conclude(outcome, outputs=inventory.outputs())
    elapsed = time.monotonic() - started
    TIMINGS.append((name, elapsed))
    print(f"{name}: {elapsed:.2f} s {[v.id for v in result.verdicts]} {outcome.timings}")
    assert elapsed <= BUDGET_S
    return result


def test_inventory_reports_the_three_form_factors(audio_lab: AudioLab) -> None:
    inventory = take_inventory()
    assert inventory.provider == "pulse"
    outputs = {d.id: d for d in inventory.outputs()}
    assert {i: outputs[i].form_factor for i in ("handset", "headset", "speaker")} == {
        "handset": "handset",
        "headset": "headset",
        "speaker": "speaker",
    }
    assert outputs["speaker"].is_default
    assert outputs["handset"].bus == "usb"
    assert not any(d.monitor_of for d in inventory.devices)  # monitors hidden by default


@pytest.mark.parametrize(
    ("microphone", "verdict"),
    [
        ("headset_mic", "device.ok"),
        ("dead_mic", "device.mic_flat_line"),
        ("noisy_mic", "device.mic_noise_only"),
        ("clipping_mic", "device.mic_clipping"),
        ("muted_mic", "device.mic_muted"),
        ("stalled_mic", "device.input_stalled"),
    ],
)
def test_each_microphone_gets_its_verdict_and_no_other(
    audio_lab: AudioLab, microphone: str, verdict: str
) -> None:
    result = check("speaker", microphone, f"speaker -> {microphone}")
    assert [v.id for v in result.verdicts] == [verdict]


def test_the_coupled_pair_is_detected(audio_lab: AudioLab) -> None:
    result = check("handset", "handset_mic", "handset -> handset_mic (coupled)")
    found = [v.id for v in result.verdicts]
    assert "device.coupled" in found
    assert not [f for f in found if f.startswith("device.mic_")]
    assert result.figures is not None
    assert result.figures.coupling > 0.9
    assert result.figures.coupling_gain_db is not None
    assert abs(result.figures.coupling_gain_db) < 1.0  # a wire, not a room
    # The handset is not the default output (the speaker is): said, not hidden.
    assert "device.output_not_default" in found


def test_no_coupling_between_unrelated_devices(audio_lab: AudioLab) -> None:
    result = check("headset", "handset_mic", "headset -> handset_mic (unrelated)")
    assert "device.coupled" not in [v.id for v in result.verdicts]
    assert result.figures is not None and result.figures.silent  # nothing plays on the handset


def _unplug_later(audio_lab: AudioLab, names: list[str], delay: float) -> threading.Thread:
    def unplug() -> None:
        time.sleep(delay)
        for name in names:
            audio_lab.remove(name)

    thread = threading.Thread(target=unplug)
    thread.start()
    return thread


def test_input_removed_during_the_check_is_a_clear_verdict(audio_lab: AudioLab) -> None:
    audio_lab.add_output("usb_headset", "USB Headset", "headset")
    audio_lab.add_coupled_input("usb_headset_mic", "USB Headset Microphone", "usb_headset")
    try:
        thread = _unplug_later(audio_lab, ["usb_headset_mic"], 1.5)
        result = check("usb_headset", "usb_headset_mic", "input unplugged mid-check")
        thread.join()
        assert [v.id for v in result.verdicts] == ["device.gone"]
        assert "USB Headset Microphone" in result.verdicts[0].title
    finally:
        for name in ("usb_headset_mic", "usb_headset"):
            if name in audio_lab._added:
                audio_lab.remove(name)


def test_output_removed_during_the_check_is_a_clear_verdict(audio_lab: AudioLab) -> None:
    audio_lab.add_output("bt_speaker", "Bluetooth Speaker", "speaker", bus="bluetooth")
    try:
        thread = _unplug_later(audio_lab, ["bt_speaker"], 1.5)
        result = check("bt_speaker", "headset_mic", "output unplugged mid-check")
        thread.join()
        assert [v.id for v in result.verdicts] == ["device.gone"]
        assert "Bluetooth Speaker" in result.verdicts[0].title
    finally:
        if "bt_speaker" in audio_lab._added:
            audio_lab.remove("bt_speaker")


def test_hot_plug_is_reported_with_what_appeared_and_disappeared(audio_lab: AudioLab) -> None:
    events: list[Event] = []
    got = threading.Condition()

    def publish(event: Event) -> None:
        with got:
            events.append(event)
            got.notify_all()

    def wait_for(predicate: object, timeout: float = 5.0) -> DeviceInventory:
        deadline = time.monotonic() + timeout
        with got:
            while True:
                match = [e for e in events if isinstance(e, DeviceInventory) and predicate(e)]  # type: ignore[operator]
                if match:
                    return match[-1]
                remaining = deadline - time.monotonic()
                assert remaining > 0, f"no such inventory in {events!r}"
                got.wait(remaining)

    watcher = InventoryWatcher(publish=publish, interval=0.2)
    watcher.start()
    try:
        wait_for(lambda e: not e.appeared and not e.disappeared)
        audio_lab.add_output("dock_handset", "Dock Handset", "handset")
        appeared = wait_for(lambda e: "output:dock_handset" in e.appeared)
        assert any(d.id == "dock_handset" and d.form_factor == "handset" for d in appeared.devices)
        audio_lab.remove("dock_handset")
        wait_for(lambda e: "output:dock_handset" in e.disappeared)
    finally:
        watcher.stop()
        if "dock_handset" in audio_lab._added:
            audio_lab.remove("dock_handset")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """The real entry point: `softdiag ARGS...`."""
    return subprocess.run(
        [sys.executable, "-m", "softdiag", *args], capture_output=True, text=True, cwd=ROOT,
        timeout=60, check=False, env={**os.environ},
    )  # fmt: skip


def test_cli_devices_json(audio_lab: AudioLab) -> None:
    done = _cli("devices", "--json")
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["type"] for line in lines] == ["DeviceInventory"]
    forms = {d["id"]: d["form_factor"] for d in lines[0]["devices"] if d["direction"] == "output"}
    assert forms == {"handset": "handset", "headset": "headset", "speaker": "speaker"}


def test_cli_device_check_exit_codes_and_timing(audio_lab: AudioLab) -> None:
    started = time.monotonic()
    done = _cli("device-check", "--output", "Desk Speakers", "--input", "dead_mic", "--json")
    elapsed = time.monotonic() - started
    TIMINGS.append(("CLI device-check (whole process)", elapsed))
    assert done.returncode == 1, done.stderr  # diagnosed
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["type"] for line in lines] == ["Finding", "DeviceCheckResult"]
    assert lines[0]["id"] == "device.mic_flat_line"
    assert lines[1]["duration_s"] <= BUDGET_S
    assert elapsed <= BUDGET_S + 2.0  # + Python and PortAudio start-up

    done = _cli("device-check", "--input", "headset_mic")
    assert done.returncode == 0, done.stdout + done.stderr
    assert (
        "check took" in done.stdout
        and "[info] Desk Speakers and Headset Microphone work" in done.stdout
    )

    done = _cli("device-check", "--output", "no such thing")
    assert done.returncode == 2
    assert done.stderr.startswith("softdiag: no output named 'no such thing'")
    assert len(done.stderr.strip().splitlines()) == 1
