"""PulseAudio / PipeWire devices from ``pactl -f json`` (PulseAudio >= 16, pipewire-pulse).

``pactl`` rather than a libpulse binding: it is installed wherever the sound server is
(PipeWire ships its own), its JSON is stable and easy to record as a fixture, and a stuck
server costs a subprocess timeout instead of a hung thread inside our process.

Form factor comes from the ``device.form_factor`` property (set by ALSA's UCM, the USB
descriptors or BlueZ), else from the active port ("analog-output-headphones",
"headset-output"...), else from the Bluetooth profile; the bus from ``device.bus`` or
``device.api``. ``parse_pactl`` is pure and tested on recorded JSON.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from softdiag.events import DeviceInfo

__all__ = ["PulseUnavailable", "list_devices", "parse_pactl", "pulse_form_factor"]

HOST_API = "PulseAudio"

# PulseAudio's device.form_factor values (pulse/proplist.h) -> softdiag's vocabulary.
_FORM_FACTORS = {
    "handset": "handset",
    "headset": "headset",
    "headphone": "headphones",
    "speaker": "speaker",
    "hands-free": "hands-free",
    "car": "hands-free",
    "microphone": "microphone",
    "webcam": "microphone",
    "tv": "digital",
    "hifi": "speaker",
    "portable": "speaker",
    "computer": "speaker",
}
# Port names of ALSA's mixer paths and UCM verbs -> form factor (checked in order).
_PORT_HINTS = (
    ("headset", "headset"),
    ("headphone", "headphones"),
    ("handset", "handset"),
    ("handsfree", "hands-free"),
    ("hands-free", "hands-free"),
    ("speaker", "speaker"),
    ("hdmi", "digital"),
    ("iec958", "digital"),
    ("spdif", "digital"),
    ("mic", "microphone"),
    ("line", "line"),
)


class PulseUnavailable(RuntimeError):
    """No PulseAudio/PipeWire server answers, or its pactl is too old for JSON."""


def pulse_form_factor(
    properties: Mapping[str, str], active_port: str | None, direction: str
) -> str:
    """The most specific form factor the server knows, in this order: the device's own
    ``device.form_factor`` (unless it is the generic "internal"), the Bluetooth profile,
    the active port (a laptop's "internal" card with headphones plugged in uses its
    headphone port), and "internal" as built-in speakers or microphone."""
    raw = properties.get("device.form_factor", "")
    if raw in _FORM_FACTORS:
        return _FORM_FACTORS[raw]
    profile = properties.get("bluetooth.protocol", "") or properties.get("api.bluez5.profile", "")
    if profile:  # a Bluetooth headset in its call profile, or headphones in A2DP
        return (
            "headset" if re.search(r"h[sf]p|headset|handsfree|head_unit", profile) else "headphones"
        )
    port = (active_port or "").lower()
    for hint, form in _PORT_HINTS:
        if hint in port:
            return form
    if raw == "internal":
        return "speaker" if direction == "output" else "microphone"
    return "unknown"


def _bus(properties: Mapping[str, str]) -> str:
    bus = properties.get("device.bus", "").lower()
    if properties.get("device.api", "").lower().startswith("bluez") or bus == "bluetooth":
        return "bluetooth"
    if bus == "usb":
        return "usb"
    if bus in ("pci", "isa") or "alsa.card" in properties or "api.alsa.card" in properties:
        return "analog"  # a sound card on the mainboard: its sockets are analog jacks
    if properties.get("device.class") in ("abstract", "filter", "monitor"):
        return "virtual"  # null sinks, remaps, monitors: software devices
    return "unknown"


def _rate_and_channels(spec: str) -> tuple[int, int]:
    # "s16le 2ch 44100Hz"
    match = re.search(r"(\d+)ch\s+(\d+)Hz", spec)
    return (int(match.group(2)), int(match.group(1))) if match else (0, 0)


def _volume(volume: Mapping[str, Any]) -> float | None:
    values = [v.get("value") for v in volume.values() if isinstance(v, Mapping)]
    numbers = [int(v) for v in values if isinstance(v, int | float)]
    return max(numbers) / 65536.0 if numbers else None  # PA_VOLUME_NORM = 0x10000


def _device(
    item: Mapping[str, Any], direction: Literal["output", "input"], default_name: str
) -> DeviceInfo:
    props = {str(k): str(v) for k, v in (item.get("properties") or {}).items()}
    rate, channels = _rate_and_channels(str(item.get("sample_specification", "")))
    active_port = item.get("active_port")
    monitor_of = None
    if direction == "input" and props.get("device.class") == "monitor":
        # pactl 16 names the monitored sink in a source's "monitor_source" field.
        monitor_of = str(item.get("monitor_source") or item.get("monitor_of_sink") or "?")
    kept = {
        k: v for k, v in props.items() if k.startswith(("device.", "api.", "alsa.", "bluetooth."))
    }
    if active_port:
        kept["pulse.active_port"] = str(active_port)
    return DeviceInfo(
        id=str(item["name"]),
        name=str(item.get("description") or props.get("device.description") or item["name"]),
        direction=direction,
        host_api=HOST_API,
        form_factor=pulse_form_factor(props, str(active_port) if active_port else None, direction),
        bus=_bus(props),
        is_default=item["name"] == default_name,
        channels=channels,
        sample_rates=(rate,) if rate else (),
        muted=bool(item.get("mute", False)),
        volume=_volume(item.get("volume") or {}),
        state=str(item.get("state", "")).lower(),
        monitor_of=monitor_of,
        properties=tuple(sorted(kept.items())),
    )


def parse_pactl(
    sinks: Sequence[Mapping[str, Any]],
    sources: Sequence[Mapping[str, Any]],
    info: Mapping[str, Any],
) -> list[DeviceInfo]:
    """DeviceInfo for every sink (output) and source (input) of ``pactl -f json`` output."""
    default_sink = str(info.get("default_sink_name", ""))
    default_source = str(info.get("default_source_name", ""))
    devices = [_device(s, "output", default_sink) for s in sinks]
    devices += [_device(s, "input", default_source) for s in sources]
    return devices


def _pactl(*args: str, timeout: float = 3.0) -> Any:
    exe = shutil.which("pactl")
    if exe is None:
        raise PulseUnavailable("pactl is not installed (Debian: pulseaudio-utils)")
    try:
        done = subprocess.run(
            [exe, "-f", "json", *args], capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        raise PulseUnavailable("the sound server does not answer") from None
    if done.returncode != 0:
        reason = (done.stderr.strip().splitlines() or ["no sound server"])[-1]
        raise PulseUnavailable(reason)
    try:
        return json.loads(done.stdout)
    except json.JSONDecodeError:
        raise PulseUnavailable("pactl printed no JSON (PulseAudio older than 16?)") from None


def list_devices() -> list[DeviceInfo]:
    """Every sink and source of the server ``PULSE_SERVER`` (or the user's) names."""
    info = _pactl("info")
    return parse_pactl(_pactl("list", "sinks"), _pactl("list", "sources"), info)
