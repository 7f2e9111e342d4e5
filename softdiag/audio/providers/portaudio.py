"""The fallback inventory: PortAudio's device list through sounddevice.

Every platform has it, but it knows only names, channel counts, the default sample rate
and the default devices: no form factor, bus, mute or volume. Where the OS-specific
provider is missing, the inventory says so (``Inventory.problem``) and guesses the form
factor from the name only (a device called "Headset" usually is one).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Literal

from softdiag.events import DeviceInfo

__all__ = ["PortAudioUnavailable", "guess_form_factor", "list_devices", "parse_portaudio"]

_NAME_HINTS = (
    ("headset", "headset"),
    ("handset", "handset"),
    ("headphone", "headphones"),
    ("earphone", "headphones"),
    ("speakerphone", "hands-free"),
    ("hands-free", "hands-free"),
    ("speaker", "speaker"),
    ("mic", "microphone"),
    ("line", "line"),
    ("hdmi", "digital"),
    ("spdif", "digital"),
)


class PortAudioUnavailable(RuntimeError):
    """sounddevice or the PortAudio library is missing."""


def guess_form_factor(name: str) -> str:
    lowered = name.lower()
    return next((form for hint, form in _NAME_HINTS if hint in lowered), "unknown")


def parse_portaudio(
    devices: Sequence[Mapping[str, Any]],
    hostapis: Sequence[Mapping[str, Any]],
    default: Sequence[int],
) -> list[DeviceInfo]:
    """DeviceInfo per direction of each PortAudio device (sounddevice.query_devices())."""
    default_in, default_out = [*default, -1, -1][:2]
    result = []
    for index, d in enumerate(devices):
        api = hostapis[int(d.get("hostapi", 0))]["name"] if hostapis else "PortAudio"
        for direction, channels_key, default_index in (
            ("output", "max_output_channels", default_out),
            ("input", "max_input_channels", default_in),
        ):
            channels = int(d.get(channels_key, 0))
            if channels <= 0:
                continue
            way: Literal["output", "input"] = "output" if direction == "output" else "input"
            rate = int(float(d.get("default_samplerate", 0)))
            result.append(
                DeviceInfo(
                    id=f"{api}:{d['name']}",
                    name=str(d["name"]),
                    direction=way,
                    host_api=str(api),
                    form_factor=guess_form_factor(str(d["name"])),
                    is_default=index == default_index,
                    channels=channels,
                    sample_rates=(rate,) if rate else (),
                    properties=(("portaudio.index", str(index)),),
                )
            )
    return result


def list_devices() -> list[DeviceInfo]:
    try:
        import sounddevice as sd
    except (ImportError, OSError) as exc:
        raise PortAudioUnavailable(str(exc)) from None
    return parse_portaudio(
        list(sd.query_devices()), list(sd.query_hostapis()), list(sd.default.device)
    )
