"""Windows audio endpoints from the MMDevice property store (pycaw + comtypes).

:func:`record_endpoints` (Windows only) dumps every active render and capture endpoint's
property store as JSON-ready data: ``{"defaults": {...}, "endpoints": [{"id", "state",
"muted", "volume", "properties": {"{FMTID} PID": value}}]}``. Property keys are written the
way comtypes prints a ``PROPERTYKEY``; blobs (the engine's WAVEFORMATEX) as hex.
:func:`parse_endpoints` is pure and turns such a dump into :class:`DeviceInfo`; the tests
run it on fixtures under ``tests/data/``.

Facts used (mmdeviceapi.h, functiondiscoverykeys_devpkey.h):

- ``PKEY_AudioEndpoint_FormFactor`` (EndpointFormFactor): RemoteNetworkDevice 0,
  Speakers 1, LineLevel 2, Headphones 3, Microphone 4, Headset 5, Handset 6,
  UnknownDigitalPassthrough 7, SPDIF 8, DigitalAudioDisplayDevice 9, UnknownFormFactor 10.
- ``PKEY_Device_EnumeratorName``: the bus driver; USB, HDAUDIO (an analog codec on the
  mainboard), BTHENUM (Bluetooth A2DP), BTHHFENUM (Bluetooth hands-free), SWD, ROOT...
- ``PKEY_AudioEngine_DeviceFormat``: the shared-mode format (WAVEFORMATEX: channels at
  byte 2, sample rate at byte 4, little-endian).
- Endpoint ids start with ``{0.0.0.00000000}`` for render and ``{0.0.1.00000000}`` for
  capture endpoints.
"""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Mapping
from typing import Any, Literal

from softdiag.events import DeviceInfo

__all__ = ["PKEY", "WindowsUnavailable", "parse_endpoints", "record_endpoints"]

HOST_API = "WASAPI"


class WindowsUnavailable(RuntimeError):
    """Not on Windows, or pycaw/comtypes are not installed."""


def _key(fmtid: str, pid: int) -> str:
    return f"{{{fmtid.upper()}}} {pid}"


PKEY = {
    "DeviceDesc": _key("A45C254E-DF1C-4EFD-8020-67D146A850E0", 2),
    "FriendlyName": _key("A45C254E-DF1C-4EFD-8020-67D146A850E0", 14),
    "EnumeratorName": _key("A45C254E-DF1C-4EFD-8020-67D146A850E0", 24),
    "InterfaceFriendlyName": _key("026E516E-B814-414B-83CD-856D6FEF4822", 2),
    "FormFactor": _key("1DA5D803-D492-4EDD-8C23-E0C0FFEE7F0E", 0),
    "JackSubType": _key("1DA5D803-D492-4EDD-8C23-E0C0FFEE7F0E", 8),
    "DeviceFormat": _key("F19F064D-082C-4E27-BC73-6882A1BB8E4C", 0),
}
_FORM_FACTORS = {
    0: "digital",  # RemoteNetworkDevice (e.g. a remote desktop's audio)
    1: "speaker",
    2: "line",
    3: "headphones",
    4: "microphone",
    5: "headset",
    6: "handset",
    7: "digital",
    8: "digital",
    9: "digital",
    10: "unknown",
}
_BUSES = {
    "USB": "usb",
    "HDAUDIO": "analog",
    "INTELAUDIO": "analog",
    "BTHENUM": "bluetooth",
    "BTHHFENUM": "bluetooth",
    "BTHLEENUM": "bluetooth",
    "ROOT": "virtual",
    "SWD": "virtual",
}
_STATES = {1: "active", 2: "disabled", 4: "not present", 8: "unplugged"}


def _normalise(properties: Mapping[str, Any]) -> dict[str, Any]:
    # comtypes prints GUIDs upper-case, other tools lower-case: compare without case.
    return {k.upper(): v for k, v in properties.items()}


def _format(blob: Any) -> tuple[int, int]:
    """(channels, rate) from a hex WAVEFORMATEX(TENSIBLE) blob; (0, 0) when unreadable."""
    try:
        raw = bytes.fromhex(str(blob).replace(" ", ""))
        _tag, channels, rate = struct.unpack_from("<HHI", raw, 0)
    except (ValueError, struct.error):
        return 0, 0
    return int(channels), int(rate)


def _endpoint(item: Mapping[str, Any], defaults: Mapping[str, Any]) -> DeviceInfo:
    endpoint_id = str(item["id"])
    direction: Literal["output", "input"] = (
        "input" if endpoint_id.startswith("{0.0.1.") else "output"
    )
    props = _normalise(item.get("properties", {}))
    form = props.get(PKEY["FormFactor"])
    enumerator = str(props.get(PKEY["EnumeratorName"], "")).upper()
    channels, rate = _format(props.get(PKEY["DeviceFormat"]))
    flow = "render" if direction == "output" else "capture"
    roles = defaults.get(flow, {})
    # Softphones play calls on the "communications" default; everything else uses "console".
    is_default = endpoint_id in (roles.get("communications"), roles.get("console"))
    name = (
        props.get(PKEY["FriendlyName"])
        or " ".join(
            str(p)
            for p in (props.get(PKEY["DeviceDesc"]), props.get(PKEY["InterfaceFriendlyName"]))
            if p
        )
        or endpoint_id
    )
    kept = {
        label: str(props[key])
        for label, key in PKEY.items()
        if key in props and label != "DeviceFormat"
    }
    for role in ("console", "communications"):
        if roles.get(role) == endpoint_id:
            kept[f"default.{role}"] = "yes"
    return DeviceInfo(
        id=endpoint_id,
        name=str(name),
        direction=direction,
        host_api=HOST_API,
        form_factor=_FORM_FACTORS.get(int(form), "unknown") if isinstance(form, int) else "unknown",
        bus=_BUSES.get(enumerator, "unknown"),
        is_default=is_default,
        channels=channels,
        sample_rates=(rate,) if rate else (),
        muted=item.get("muted"),
        volume=item.get("volume"),
        state=_STATES.get(int(item.get("state", 1)), "unknown"),
        properties=tuple(sorted(kept.items())),
    )


def parse_endpoints(dump: Mapping[str, Any]) -> list[DeviceInfo]:
    """DeviceInfo for every *active* endpoint of a :func:`record_endpoints` dump."""
    defaults = dump.get("defaults", {})
    return [
        _endpoint(item, defaults)
        for item in dump.get("endpoints", [])
        if int(item.get("state", 1)) == 1  # DEVICE_STATE_ACTIVE
    ]


def record_endpoints() -> dict[str, Any]:  # pragma: no cover - needs Windows
    """Dump the live endpoints through pycaw (Windows only)."""
    import sys

    if sys.platform != "win32":
        raise WindowsUnavailable("not Windows")
    try:
        from pycaw.pycaw import AudioUtilities, EDataFlow, ERole
    except ImportError as exc:
        raise WindowsUnavailable(f"pycaw is not installed ({exc.name})") from None

    def value(v: Any) -> Any:
        if isinstance(v, bytes | bytearray | memoryview):
            return bytes(v).hex()
        return v if isinstance(v, str | int | float | bool) or v is None else str(v)

    enumerator = AudioUtilities.GetDeviceEnumerator()
    defaults: dict[str, dict[str, str]] = {}
    for flow_name, flow in (("render", EDataFlow.eRender), ("capture", EDataFlow.eCapture)):
        defaults[flow_name] = {}
        for role_name, role in (
            ("console", ERole.eConsole),
            ("communications", ERole.eCommunications),
        ):
            with contextlib.suppress(OSError):  # no device for this role
                defaults[flow_name][role_name] = enumerator.GetDefaultAudioEndpoint(
                    flow.value, role.value
                ).GetId()
    endpoints = []
    for device in AudioUtilities.GetAllDevices():
        item: dict[str, Any] = {
            "id": device.id,
            "state": int(getattr(device.state, "value", device.state)),
            "properties": {str(k).upper(): value(v) for k, v in device.properties.items()},
        }
        try:
            volume = device.EndpointVolume
            item["muted"] = bool(volume.GetMute())
            item["volume"] = float(volume.GetMasterVolumeLevelScalar())
        except (AttributeError, OSError):
            pass
        endpoints.append(item)
    return {
        "recorder": "softdiag record_endpoints (pycaw)",
        "defaults": defaults,
        "endpoints": endpoints,
    }
