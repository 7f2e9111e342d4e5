"""The audio inventory: every output and input with its form factor, from the best provider.

Providers, best first for the platform (each degrades, never fails):

- Linux: PulseAudio or PipeWire's pulse server through ``pactl -f json`` (form factor, bus,
  active port, mute, volume, default flags). PipeWire ships the same ``pactl``.
- Windows: the MMDevice property store through pycaw/comtypes
  (``PKEY_AudioEndpoint_FormFactor``, enumerator name, device format, defaults).
- macOS: Core Audio through pyobjc (transport type, data source, defaults).
- Everywhere: PortAudio's list through sounddevice (names, channels, default flags only).

A provider's ``parse_*`` function is pure (recorded dumps in, :class:`DeviceInfo` out) and
unit-tested on fixtures; only its ``record``/``list`` function touches the OS.

Hot-plug: :func:`diff_inventories` is a pure diff by :attr:`DeviceInfo.key`;
:class:`InventoryWatcher` polls the provider on its own thread with a bounded interval and
publishes a :class:`DeviceInventory` event when the set of devices (or a default) changed.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from softdiag.events import DeviceInfo, DeviceInventory, Event, Log

__all__ = [
    "FORM_FACTORS",
    "DeviceInfo",
    "Inventory",
    "InventoryWatcher",
    "Provider",
    "diff_inventories",
    "find_device",
    "inventory_event",
    "take_inventory",
]

# The vocabulary of DeviceInfo.form_factor: what telephony users tell apart.
FORM_FACTORS = (
    "handset",
    "headset",
    "headphones",
    "speaker",
    "hands-free",
    "microphone",
    "line",
    "digital",
    "unknown",
)


@dataclass(frozen=True, slots=True)
class Inventory:
    provider: str
    devices: tuple[DeviceInfo, ...]
    problem: str = ""  # why a better provider was not used

    def outputs(self) -> list[DeviceInfo]:
        return [d for d in self.devices if d.direction == "output"]

    def inputs(self) -> list[DeviceInfo]:
        return [d for d in self.devices if d.direction == "input"]

    def default(self, direction: str) -> DeviceInfo | None:
        return next((d for d in self.devices if d.direction == direction and d.is_default), None)

    def get(self, key: str) -> DeviceInfo | None:
        return next((d for d in self.devices if d.key == key), None)


Provider = Callable[[], Inventory]


def diff_inventories(
    old: Iterable[DeviceInfo], new: Iterable[DeviceInfo]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(appeared, disappeared) device keys, each sorted: the hot-plug news."""
    before = {d.key for d in old}
    after = {d.key for d in new}
    return tuple(sorted(after - before)), tuple(sorted(before - after))


def _visible(devices: Iterable[DeviceInfo], include_monitors: bool) -> tuple[DeviceInfo, ...]:
    # A PulseAudio monitor only repeats an output: not a microphone a user could mean.
    return tuple(d for d in devices if include_monitors or d.monitor_of is None)


def take_inventory(*, include_monitors: bool = False, platform: str | None = None) -> Inventory:
    """The richest inventory this machine can give; falls back to PortAudio's list."""
    platform = platform or sys.platform
    problems: list[str] = []
    if platform.startswith("linux"):
        from .providers import pulse

        try:
            devices = pulse.list_devices()
        except pulse.PulseUnavailable as exc:
            problems.append(f"PulseAudio/PipeWire: {exc}")
        else:
            return Inventory("pulse", _visible(devices, include_monitors))
    elif platform == "win32":
        from .providers import windows

        try:
            return Inventory("windows", tuple(windows.parse_endpoints(windows.record_endpoints())))
        except windows.WindowsUnavailable as exc:
            problems.append(f"Windows endpoints: {exc}")
    elif platform == "darwin":
        from .providers import macos

        try:
            return Inventory("macos", tuple(macos.parse_devices(macos.record_devices())))
        except macos.MacUnavailable as exc:
            problems.append(f"Core Audio: {exc}")
    from .providers import portaudio

    try:
        devices = portaudio.list_devices()
    except portaudio.PortAudioUnavailable as exc:
        problems.append(f"PortAudio: {exc}")
        devices = []
    return Inventory("portaudio", tuple(devices), "; ".join(problems))


def inventory_event(
    inventory: Inventory, previous: Sequence[DeviceInfo] | None = None
) -> DeviceInventory:
    appeared, disappeared = (
        diff_inventories(previous, inventory.devices) if previous is not None else ((), ())
    )
    return DeviceInventory(
        provider=inventory.provider,
        devices=inventory.devices,
        appeared=appeared,
        disappeared=disappeared,
        problem=inventory.problem,
    )


def _normal(text: str) -> str:
    return " ".join(text.casefold().split())


def find_device(devices: Iterable[DeviceInfo], spec: str, direction: str) -> DeviceInfo | None:
    """A device by id, by exact name, then by a unique name prefix (case-insensitive).

    ``softdiag device-check --output NAME`` accepts what ``softdiag devices`` lists: the id
    (e.g. ``alsa_output.usb-...``) or the name ("USB Handset").
    """
    candidates = [d for d in devices if d.direction == direction]
    wanted = _normal(spec)
    for test in (
        lambda d: d.id == spec,
        lambda d: _normal(d.name) == wanted,
        lambda d: _normal(d.id) == wanted,
    ):
        found = [d for d in candidates if test(d)]
        if len(found) == 1:
            return found[0]
    prefixed = [d for d in candidates if _normal(d.name).startswith(wanted)]
    return prefixed[0] if len(prefixed) == 1 else None


# -- hot-plug --------------------------------------------------------------------------


def _fingerprint(devices: Iterable[DeviceInfo]) -> frozenset[tuple[str, bool, bool | None]]:
    # What a user would call "changed": a device came or went, a default moved, a mute.
    return frozenset((d.key, d.is_default, d.muted) for d in devices)


@dataclass
class InventoryWatcher:
    """Polls the inventory on its own thread and publishes :class:`DeviceInventory` changes.

    Polling (at most every ``interval`` s, default 1 s) works the same with every provider;
    listing PulseAudio devices through ``pactl`` costs a few milliseconds. The first
    inventory is published at once; later ones only when something changed, with the keys
    that appeared and disappeared.
    """

    publish: Callable[[Event], None]
    provider: Provider = take_inventory
    interval: float = 1.0
    _stop: threading.Event = field(default_factory=threading.Event, init=False)
    _thread: threading.Thread | None = field(default=None, init=False)
    last: Inventory | None = field(default=None, init=False)

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError("the watcher runs once")
        self._thread = threading.Thread(target=self._run, name="softdiag-devices", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def poll_once(self) -> DeviceInventory | None:
        """Take one inventory; the event to publish when it differs from the last one."""
        inventory = self.provider()
        previous = self.last
        if previous is not None and _fingerprint(previous.devices) == _fingerprint(
            inventory.devices
        ):
            return None
        self.last = inventory
        return inventory_event(inventory, previous.devices if previous else None)

    def _run(self) -> None:
        failures = 0
        while not self._stop.is_set():
            try:
                event = self.poll_once()
            except Exception as exc:  # a broken provider must not kill the watcher
                failures += 1
                if failures == 1:
                    self.publish(Log(level="warning", source="devices", message=repr(exc)))
            else:
                failures = 0
                if event is not None and not self._stop.is_set():  # stopped meanwhile
                    self.publish(event)
            self._stop.wait(self.interval)
