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
import numpy.typing as npt

from softdiag.events import DeviceInfo, Event

from .devices import Inventory, InventoryWatcher, take_inventory
from .runner import AudioBackend, AudioStream, CheckPlan, RunOutcome, run_check

__all__ = ["DeviceService", "LiveRing"]


class LiveRing:
    """The newest samples of a live input: one writer (the audio callback), one reader.

    The writer copies first and publishes the new total after; under the GIL the reader
    never sees a total whose samples are not written yet. Nothing allocates on write.
    """

    def __init__(self, capacity: int, rate: int) -> None:
        self.rate = rate
        self.capacity = capacity
        self.total = 0
        self._buf = np.zeros(capacity, dtype=np.float32)

    def write(self, block: npt.NDArray[np.float32]) -> None:
        size = block.size
        n = min(size, self.capacity)
        start = (self.total + size - n) % self.capacity
        first = min(n, self.capacity - start)
        self._buf[start : start + first] = block[size - n : size - n + first]
        if first < n:
            self._buf[: n - first] = block[size - n + first :]
        self.total += size

    def latest(self, n: int) -> npt.NDArray[np.float32]:
        total = self.total
        n = min(n, total, self.capacity)
        end = total % self.capacity
        if n <= end:
            return self._buf[end - n : end].copy()
        return np.concatenate((self._buf[self.capacity - (n - end) :], self._buf[:end]))


class DeviceService:
    def __init__(
        self,
        backend_factory: Callable[[], AudioBackend] | None = None,
        provider: Callable[[], Inventory] = take_inventory,
        plan: CheckPlan | None = None,
    ) -> None:
        self._backend_factory = backend_factory
        self._backend: AudioBackend | None = None
        self._provider = provider
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
