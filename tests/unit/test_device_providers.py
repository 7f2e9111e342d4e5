"""Device providers on recorded or hand-written property dumps (tests/data/): pure parsing.

The Windows and macOS providers run here on Linux: only their ``record_*`` functions need
the OS and its binding, and without them the inventory degrades to PortAudio's list.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from softdiag.audio import devices as devices_mod
from softdiag.audio.devices import (
    Inventory,
    InventoryWatcher,
    diff_inventories,
    find_device,
    inventory_event,
    take_inventory,
)
from softdiag.audio.providers import macos, portaudio, pulse, windows
from softdiag.events import DeviceInfo, DeviceInventory, Event, event_from_json, event_to_json

DATA = Path(__file__).resolve().parents[1] / "data"


def load(name: str) -> Any:
    return json.loads((DATA / name).read_text())


def by_id(devices: list[DeviceInfo], direction: str) -> dict[str, DeviceInfo]:
    return {d.id: d for d in devices if d.direction == direction}


# -- PulseAudio / PipeWire -------------------------------------------------------------


def test_pulse_lab_dump_reports_the_three_form_factors() -> None:
    dump = load("pactl_audio_lab.json")
    devices = pulse.parse_pactl(dump["sinks"], dump["sources"], dump["info"])
    outputs = by_id(devices, "output")
    assert {k: v.form_factor for k, v in outputs.items()} == {
        "handset": "handset",
        "headset": "headset",
        "speaker": "speaker",
    }
    assert outputs["handset"].bus == "usb"
    assert outputs["headset"].bus == "analog"
    assert outputs["speaker"].is_default and not outputs["handset"].is_default
    assert outputs["handset"].name == "USB Handset"
    assert outputs["handset"].sample_rates == (48000,)
    assert outputs["handset"].channels == 2
    inputs = by_id(devices, "input")
    assert inputs["handset.monitor"].monitor_of == "handset"
    assert inputs["muted_mic"].muted is True
    assert inputs["headset_mic"].is_default
    assert inputs["handset_mic"].form_factor == "handset"
    assert all(d.host_api == "PulseAudio" for d in devices)


def test_pulse_hardware_dump_form_factor_from_port_and_bluetooth_profile() -> None:
    dump = load("pactl_laptop_headsets.json")
    devices = pulse.parse_pactl(dump["sinks"], dump["sources"], dump["info"])
    outputs = {d.name: d for d in devices if d.direction == "output"}
    # The "internal" card with its headphone jack in use: the active port says more.
    builtin = outputs["Built-in Audio Analog Stereo"]
    assert builtin.form_factor == "headphones"
    assert ("pulse.active_port", "analog-output-headphones") in builtin.properties
    assert builtin.bus == "analog"
    jabra = outputs["Jabra EVOLVE 20 MS Analog Stereo"]
    assert (jabra.form_factor, jabra.bus, jabra.is_default) == ("headset", "usb", True)
    assert jabra.volume == pytest.approx(0.45, abs=0.01)
    bt = outputs["WH-1000XM4"]
    assert (bt.form_factor, bt.bus) == ("headset", "bluetooth")  # hands-free profile
    inputs = {d.id: d for d in devices if d.direction == "input"}
    internal = inputs["alsa_input.pci-0000_00_1f.3.analog-stereo"]
    assert internal.form_factor == "microphone" and internal.muted is True


@pytest.mark.parametrize(
    ("props", "port", "direction", "expected"),
    [
        ({"device.form_factor": "headphone"}, None, "output", "headphones"),
        ({}, "analog-output-headphones", "output", "headphones"),
        ({}, "[Out] Headset", "output", "headset"),
        ({}, "analog-input-headset-mic", "input", "headset"),
        ({}, "analog-output-speaker", "output", "speaker"),
        ({}, "hdmi-output-0", "output", "digital"),
        ({"bluetooth.protocol": "a2dp_sink"}, None, "output", "headphones"),
        ({"api.bluez5.profile": "headset-head-unit"}, None, "input", "headset"),
        ({"device.form_factor": "internal"}, None, "output", "speaker"),
        ({"device.form_factor": "internal"}, None, "input", "microphone"),
        ({"device.form_factor": "internal"}, "analog-output-headphones", "output", "headphones"),
        ({}, None, "output", "unknown"),
    ],
)
def test_pulse_form_factor_fallbacks(
    props: dict[str, str], port: str | None, direction: str, expected: str
) -> None:
    assert pulse.pulse_form_factor(props, port, direction) == expected


def test_pulse_without_pactl_or_server_is_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pulse.shutil, "which", lambda name: None)
    with pytest.raises(pulse.PulseUnavailable, match="pactl is not installed"):
        pulse.list_devices()


def test_pulse_with_a_dead_server_is_unavailable(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PULSE_SERVER", f"unix:{tmp_path / 'nobody-here'}")
    if pulse.shutil.which("pactl") is None:
        pytest.skip("pactl is not installed")
    with pytest.raises(pulse.PulseUnavailable):
        pulse.list_devices()


# -- Windows ---------------------------------------------------------------------------


def test_windows_endpoints_form_factors_buses_defaults() -> None:
    devices = windows.parse_endpoints(load("windows_endpoints_desk_pc.json"))
    outputs = {d.name: d for d in devices if d.direction == "output"}
    inputs = {d.name: d for d in devices if d.direction == "input"}
    # Disabled (HDMI) and unplugged (headphone jack) endpoints are not offered.
    assert set(outputs) == {
        "Speakers (Realtek(R) Audio)",
        "Headset Earphone (Jabra EVOLVE 20 MS)",
        "Handset (USB Audio Handset)",
        "Headphones (WH-1000XM4 Stereo)",
        "Headset (WH-1000XM4 Hands-Free AG Audio)",
    }
    assert [(n, d.form_factor, d.bus) for n, d in sorted(outputs.items())] == [
        ("Handset (USB Audio Handset)", "handset", "usb"),
        ("Headphones (WH-1000XM4 Stereo)", "headphones", "bluetooth"),
        ("Headset (WH-1000XM4 Hands-Free AG Audio)", "headset", "bluetooth"),
        ("Headset Earphone (Jabra EVOLVE 20 MS)", "headset", "usb"),
        ("Speakers (Realtek(R) Audio)", "speaker", "analog"),
    ]
    speakers = outputs["Speakers (Realtek(R) Audio)"]
    jabra = outputs["Headset Earphone (Jabra EVOLVE 20 MS)"]
    assert speakers.is_default and ("default.console", "yes") in speakers.properties
    assert jabra.is_default and ("default.communications", "yes") in jabra.properties
    assert not outputs["Handset (USB Audio Handset)"].is_default
    assert (speakers.channels, speakers.sample_rates) == (2, (48000,))
    assert (jabra.channels, jabra.sample_rates) == (2, (16000,))
    assert outputs["Headset (WH-1000XM4 Hands-Free AG Audio)"].muted is True
    assert inputs["Handset Microphone (USB Audio Handset)"].form_factor == "handset"
    assert inputs["Handset Microphone (USB Audio Handset)"].muted is True
    assert inputs["Microphone (Realtek(R) Audio)"].form_factor == "microphone"
    assert all(d.host_api == "WASAPI" for d in devices)


def test_windows_property_keys_are_matched_without_case() -> None:
    dump = load("windows_endpoints_desk_pc.json")
    for item in dump["endpoints"]:
        item["properties"] = {k.lower(): v for k, v in item["properties"].items()}
    names = {d.form_factor for d in windows.parse_endpoints(dump)}
    assert {"handset", "headset", "speaker"} <= names


def test_windows_bad_format_blob_is_not_fatal() -> None:
    dump = load("windows_endpoints_desk_pc.json")
    for item in dump["endpoints"]:
        item["properties"][windows.PKEY["DeviceFormat"]] = "zz"
    assert all(d.sample_rates == () for d in windows.parse_endpoints(dump))


def test_windows_binding_absent_degrades_to_portaudio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portaudio, "list_devices", lambda: FAKE_PORTAUDIO)
    inventory = take_inventory(platform="win32")
    assert inventory.provider == "portaudio"
    assert "Windows endpoints" in inventory.problem
    assert inventory.devices == tuple(FAKE_PORTAUDIO)


# -- macOS -----------------------------------------------------------------------------


def test_macos_transport_and_data_source() -> None:
    devices = macos.parse_devices(load("macos_coreaudio_macbook.json"))
    got = {(d.name, d.direction): (d.form_factor, d.bus) for d in devices}
    assert got == {
        ("MacBook Pro Speakers", "output"): ("headphones", "analog"),  # data source hdpn
        ("MacBook Pro Microphone", "input"): ("microphone", "builtin"),
        ("AirPods Pro", "output"): ("headset", "bluetooth"),  # in and out: a headset
        ("AirPods Pro", "input"): ("headset", "bluetooth"),
        ("Plantronics Blackwire 3225 Series", "output"): ("unknown", "usb"),
        ("Plantronics Blackwire 3225 Series", "input"): ("unknown", "usb"),
        ("ZoomAudioDevice", "output"): ("unknown", "virtual"),
        ("ZoomAudioDevice", "input"): ("unknown", "virtual"),
    }
    speakers = next(d for d in devices if d.name == "MacBook Pro Speakers")
    assert speakers.is_default and speakers.sample_rates == (44100, 48000, 88200, 96000)
    assert ("data_source_name", "Headphones") in speakers.properties
    blackwire_in = next(
        d for d in devices if d.name.startswith("Plantronics") and d.direction == "input"
    )
    assert blackwire_in.is_default and blackwire_in.muted is True


def test_macos_binding_absent_degrades_to_portaudio(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(portaudio, "list_devices", lambda: FAKE_PORTAUDIO)
    inventory = take_inventory(platform="darwin")
    assert inventory.provider == "portaudio"
    assert "Core Audio" in inventory.problem


# -- PortAudio fallback ----------------------------------------------------------------

SD_DEVICES = [
    {"name": "Microsoft Sound Mapper - Input", "hostapi": 0, "max_input_channels": 2,
     "max_output_channels": 0, "default_samplerate": 44100.0},
    {"name": "Headset Microphone (Jabra EVOL", "hostapi": 0, "max_input_channels": 1,
     "max_output_channels": 0, "default_samplerate": 44100.0},
    {"name": "Speakers (Realtek(R) Audio)", "hostapi": 1, "max_input_channels": 0,
     "max_output_channels": 2, "default_samplerate": 48000.0},
    {"name": "Handset (USB Audio Handset)", "hostapi": 1, "max_input_channels": 0,
     "max_output_channels": 1, "default_samplerate": 48000.0},
]  # fmt: skip
SD_HOSTAPIS = [{"name": "MME"}, {"name": "Windows WASAPI"}]
FAKE_PORTAUDIO = portaudio.parse_portaudio(SD_DEVICES, SD_HOSTAPIS, [1, 2])


def test_portaudio_fallback_guesses_from_names_only() -> None:
    got = {(d.name, d.direction): (d.form_factor, d.is_default) for d in FAKE_PORTAUDIO}
    assert got[("Handset (USB Audio Handset)", "output")] == ("handset", False)
    assert got[("Speakers (Realtek(R) Audio)", "output")] == ("speaker", True)
    assert got[("Headset Microphone (Jabra EVOL", "input")] == ("headset", True)
    assert all(d.bus == "unknown" and d.muted is None for d in FAKE_PORTAUDIO)
    handset = next(d for d in FAKE_PORTAUDIO if d.name.startswith("Handset"))
    assert handset.host_api == "Windows WASAPI"
    assert ("portaudio.index", "3") in handset.properties


# -- inventory: lookup, diff, events, watcher ------------------------------------------


def lab_devices() -> list[DeviceInfo]:
    dump = load("pactl_audio_lab.json")
    return pulse.parse_pactl(dump["sinks"], dump["sources"], dump["info"])


def test_find_device_by_id_name_and_unique_prefix() -> None:
    devices = lab_devices()
    assert find_device(devices, "handset", "output").id == "handset"  # type: ignore[union-attr]
    assert find_device(devices, "USB Handset", "output").id == "handset"  # type: ignore[union-attr]
    assert find_device(devices, "usb handset", "output").id == "handset"  # type: ignore[union-attr]
    assert find_device(devices, "Desk", "output").id == "speaker"  # type: ignore[union-attr]
    assert find_device(devices, "handset", "input") is None  # the mic is handset_mic
    assert find_device(devices, "nope", "output") is None
    assert find_device(devices, "", "output") is None  # ambiguous prefix


def test_diff_inventories_names_what_appeared_and_disappeared() -> None:
    devices = lab_devices()
    smaller = [d for d in devices if d.id != "handset"]
    extra = [*devices, DeviceInfo(id="usb2", name="USB 2", direction="output", host_api="x",
                                  form_factor="headset")]  # fmt: skip
    assert diff_inventories(devices, smaller) == ((), ("output:handset",))
    assert diff_inventories(devices, extra) == (("output:usb2",), ())
    assert diff_inventories(devices, devices) == ((), ())


def test_inventory_event_round_trips_losslessly() -> None:
    inventory = Inventory("pulse", tuple(lab_devices()))
    event = inventory_event(inventory, previous=[d for d in inventory.devices if d.id != "speaker"])
    assert event.appeared == ("output:speaker",)
    again = event_from_json(json.dumps(event_to_json(event)))
    assert again == event


def test_take_inventory_hides_monitors_unless_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pulse, "list_devices", lab_devices)
    assert not any(d.monitor_of for d in take_inventory(platform="linux").devices)
    assert any(
        d.monitor_of for d in take_inventory(platform="linux", include_monitors=True).devices
    )


def test_watcher_publishes_first_inventory_then_only_changes() -> None:
    devices = lab_devices()
    states = [devices, devices, [d for d in devices if d.id != "headset"], devices]
    published: list[Event] = []
    watcher = InventoryWatcher(publish=published.append,
                               provider=lambda: Inventory("pulse", tuple(states.pop(0))))  # fmt: skip
    events = [watcher.poll_once() for _ in range(4)]
    assert events[0] is not None and events[0].appeared == ()
    assert events[1] is None
    assert events[2] is not None and events[2].disappeared == ("output:headset",)
    assert events[3] is not None and events[3].appeared == ("output:headset",)


def test_watcher_thread_survives_a_failing_provider() -> None:
    import threading

    calls = 0
    done = threading.Event()
    published: list[Event] = []

    def provider() -> Inventory:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("sound server restarting")
        return Inventory("pulse", tuple(lab_devices()))

    def publish(event: Event) -> None:
        published.append(event)
        if isinstance(event, DeviceInventory):
            done.set()

    watcher = InventoryWatcher(publish=publish, provider=provider, interval=0.01)
    watcher.start()
    assert done.wait(5)
    watcher.stop()
    assert [type(e).__name__ for e in published][:2] == ["Log", "DeviceInventory"]
    assert isinstance(published[1], DeviceInventory)


def test_devices_module_reexports_deviceinfo() -> None:
    assert devices_mod.DeviceInfo is DeviceInfo
