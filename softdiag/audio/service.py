"""What a front end needs for the guided device check, without Qt.

:class:`DeviceService` bundles the inventory, the check run and a live input for meters.
Its blocking calls (``inventory``, ``run``) belong on a worker thread (the GUI runs them
through ``EngineOp``); ``open_live_input`` returns at once and its audio callback only
writes into a :class:`LiveRing`, which the GUI's timer reads.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy as np

from softdiag.events import DeviceInfo, Event

from .devices import Inventory, InventoryWatcher, take_inventory
from .ring import SampleRing
from .runner import AudioBackend, AudioStream, CheckPlan, RunOutcome, run_check

__all__ = ["DeviceService", "LiveRing"]


class LiveRing(SampleRing):
    """The newest float32 samples of a live input, and the rate they came at (meters)."""

    def __init__(self, capacity: int, rate: int) -> None:
        super().__init__(capacity, dtype=np.float32)
        self.rate = rate


class DeviceService:
    def __init__(
        self,
        backend_factory: Callable[[], AudioBackend] | None = None,
        provider: Callable[[], Inventory] | None = None,
        plan: CheckPlan | None = None,
    ) -> None:
        self._backend_factory = backend_factory
        self._backend: AudioBackend | None = None
        self._provider = provider or take_inventory
        self._lock = threading.Lock()
        self.plan = plan or CheckPlan()

    def backend(self) -> AudioBackend:
        with self._lock:
            if self._backend is None:
                if self._backend_factory is None:
                    from .streams import SoundDeviceBackend

                    self._backend = SoundDeviceBackend()
                else:
                    self._backend = self._backend_factory()
            return self._backend

    def inventory(self) -> Inventory:
        return self._provider()

    def present(self, device: DeviceInfo) -> bool:
        return any(d.key == device.key for d in self._provider().devices)

    def run(self, output: DeviceInfo, input: DeviceInfo) -> RunOutcome:
        """Play the test signal on ``output`` while capturing ``input`` (blocks < 10 s)."""
        return run_check(self.backend(), output, input, plan=self.plan, present=self.present)

    def open_live_input(self, input: DeviceInfo, ring: LiveRing) -> AudioStream:
        """Start capturing ``input`` into ``ring``; close the returned stream when done."""
        stream = self.backend().open_input(input, ring.rate, ring.write)
        stream.start()
        return stream

    def watcher(self, publish: Callable[[Event], None], interval: float = 1.0) -> InventoryWatcher:
        return InventoryWatcher(publish=publish, provider=self._provider, interval=interval)
