"""macOS audio devices from Core Audio: transport type and data source (pyobjc).

:func:`record_devices` (macOS only) dumps, for every ``AudioObjectID`` of the system
object's ``kAudioHardwarePropertyDevices``: UID, name, manufacturer, transport type, the
input and output channel counts, nominal and available sample rates, and per scope the
current data source (ID as a four-character code and its name). Plus the default input,
output and system-output devices. :func:`parse_devices` is pure and turns such a dump into
:class:`DeviceInfo`; the tests run it on fixtures under ``tests/data/``.

Facts used (CoreAudio/AudioHardwareBase.h, IOKit/audio/IOAudioTypes.h):

- transport type: ``bltn`` built-in, ``usb `` USB, ``blue`` Bluetooth, ``bltl`` Bluetooth
  LE, ``hdmi``, ``dprt`` DisplayPort, ``airp`` AirPlay, ``virt`` virtual, ``grup``/``agrp``
  aggregate, ``pci `` PCI, ``fwir`` FireWire, ``thun`` Thunderbolt.
- data source (the jack or transducer in use): ``ispk`` internal speaker, ``hdpn``
  headphones, ``lspk`` external speaker, ``line`` line, ``spdf`` S/PDIF, ``imic`` internal
  microphone, ``emic`` external microphone.
- A Bluetooth device with input and output channels is a headset (its hands-free profile);
  with output only, headphones or a speaker.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from softdiag.events import DeviceInfo

__all__ = ["MacUnavailable", "parse_devices", "record_devices"]

HOST_API = "Core Audio"

_TRANSPORTS = {
    "bltn": "builtin",
    "usb ": "usb",
    "blue": "bluetooth",
    "bltl": "bluetooth",
    "hdmi": "hdmi",
    "dprt": "hdmi",
    "airp": "network",
    "virt": "virtual",
    "grup": "virtual",
    "agrp": "virtual",
    "pci ": "pci",
    "fwir": "usb",
    "thun": "usb",
}
_DATA_SOURCES = {
    "ispk": "speaker",
    "lspk": "speaker",
    "hdpn": "headphones",
    "line": "line",
    "spdf": "digital",
    "imic": "microphone",
    "emic": "microphone",
}


class MacUnavailable(RuntimeError):
    """Not on macOS, or pyobjc's CoreAudio binding is not installed."""


def _form_factor(device: Mapping[str, Any], direction: str, transport: str) -> str:
    scope = device.get(direction, {})
    source = str(scope.get("data_source", ""))
    if source in _DATA_SOURCES:
        return _DATA_SOURCES[source]
    name = str(device.get("name", "")).lower()
    for hint, form in (("headset", "headset"), ("handset", "handset"), ("headphone", "headphones")):
        if hint in name:
            return form
    if transport == "bluetooth":
        both = device.get("input", {}).get("channels", 0) and device.get("output", {}).get(
            "channels", 0
        )
        return "headset" if both else "headphones"
    if transport in ("hdmi",):
        return "digital"
    if transport == "builtin":
        return "speaker" if direction == "output" else "microphone"
    return "unknown"


def _info(
    device: Mapping[str, Any], direction: Literal["output", "input"], defaults: Mapping[str, Any]
) -> DeviceInfo:
    transport_code = str(device.get("transport", ""))
    transport = _TRANSPORTS.get(transport_code, "unknown")
    scope = device.get(direction, {})
    props = {
        "uid": str(device.get("uid", "")),
        "transport": transport_code,
        "manufacturer": str(device.get("manufacturer", "")),
    }
    if scope.get("data_source"):
        props["data_source"] = str(scope["data_source"])
        props["data_source_name"] = str(scope.get("data_source_name", ""))
    return DeviceInfo(
        id=str(device["uid"]),
        name=str(device.get("name") or device["uid"]),
        direction=direction,
        host_api=HOST_API,
        form_factor=_form_factor(device, direction, transport),
        bus="analog" if transport == "builtin" and direction == "output" else transport,
        is_default=device.get("uid") == defaults.get(direction),
        channels=int(scope.get("channels", 0)),
        sample_rates=tuple(int(r) for r in device.get("sample_rates", ()) or ()),
        muted=scope.get("muted"),
        volume=scope.get("volume"),
        state="alive" if device.get("alive", True) else "gone",
        properties=tuple(sorted((k, v) for k, v in props.items() if v)),
    )


def parse_devices(dump: Mapping[str, Any]) -> list[DeviceInfo]:
    """One DeviceInfo per direction a device has channels in (a headset gives two)."""
    defaults = dump.get("defaults", {})
    devices: list[DeviceInfo] = []
    for device in dump.get("devices", []):
        for direction in ("output", "input"):
            if int(device.get(direction, {}).get("channels", 0)) > 0:
                devices.append(_info(device, direction, defaults))
    return devices


def record_devices() -> dict[str, Any]:  # pragma: no cover - needs macOS
    """Dump the live Core Audio devices (macOS only, pyobjc-framework-CoreAudio)."""
    import sys

    if sys.platform != "darwin":
        raise MacUnavailable("not macOS")
    try:
        import CoreAudio
    except ImportError:
        raise MacUnavailable("pyobjc-framework-CoreAudio is not installed") from None

    def fourcc(value: int) -> str:
        return int(value).to_bytes(4, "big").decode("latin-1")

    def get(obj: int, selector: int, scope: int, kind: str) -> Any:
        address = CoreAudio.AudioObjectPropertyAddress(
            selector, scope, CoreAudio.kAudioObjectPropertyElementMain
        )
        status, _size, value = CoreAudio.AudioObjectGetPropertyData(obj, address, 0, None, 0, None)
        if status != 0:
            raise OSError(status)
        return value

    system = CoreAudio.kAudioObjectSystemObject
    global_scope = CoreAudio.kAudioObjectPropertyScopeGlobal
    defaults = {}
    for name, selector in (
        ("output", CoreAudio.kAudioHardwarePropertyDefaultOutputDevice),
        ("input", CoreAudio.kAudioHardwarePropertyDefaultInputDevice),
    ):
        try:
            dev = get(system, selector, global_scope, "id")
            defaults[name] = str(
                get(dev, CoreAudio.kAudioDevicePropertyDeviceUID, global_scope, "str")
            )
        except OSError:
            pass
    devices = []
    for dev in get(system, CoreAudio.kAudioHardwarePropertyDevices, global_scope, "ids") or ():
        item: dict[str, Any] = {
            "uid": str(get(dev, CoreAudio.kAudioDevicePropertyDeviceUID, global_scope, "str")),
            "name": str(get(dev, CoreAudio.kAudioObjectPropertyName, global_scope, "str")),
            "transport": fourcc(
                get(dev, CoreAudio.kAudioDevicePropertyTransportType, global_scope, "u32")
            ),
        }
        for direction, scope in (
            ("output", CoreAudio.kAudioObjectPropertyScopeOutput),
            ("input", CoreAudio.kAudioObjectPropertyScopeInput),
        ):
            entry: dict[str, Any] = {}
            try:
                config = get(dev, CoreAudio.kAudioDevicePropertyStreamConfiguration, scope, "list")
                entry["channels"] = sum(int(b.mNumberChannels) for b in config.mBuffers)
                source = get(dev, CoreAudio.kAudioDevicePropertyDataSource, scope, "u32")
                entry["data_source"] = fourcc(source)
            except (OSError, AttributeError):
                pass
            item[direction] = entry
        devices.append(item)
    return {
        "recorder": "softdiag record_devices (pyobjc CoreAudio)",
        "defaults": defaults,
        "devices": devices,
    }
