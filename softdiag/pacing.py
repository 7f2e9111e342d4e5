"""Request pacing: at most ``max_rate`` sends per second, evenly spaced.

The OPTIONS prober and the STUN client share it, so that no server is ever flooded,
whatever the number of targets, tests and callers.

Theory of operation: the pacer keeps the time of the next free send slot. A caller asks
for a slot at ``now``; it gets the earliest slot at or after ``now`` and the delay until
that slot, and the next free slot moves one gap (``1 / max_rate``) further. Asking
reserves: callers that ask together are given successive slots, in the order they asked,
without a lock (the reservation is one synchronous step).

Invariants:

1. Two granted slots are at least ``1 / max_rate`` seconds apart.
2. A caller is never delayed when the pacer has been idle for a gap or more.
3. :meth:`Pacer.delay` is pure arithmetic on the ``now`` it is given (the tests drive it);
   :meth:`Pacer.wait` reads the injected clock and sleeps for that delay.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

__all__ = ["Pacer"]


class Pacer:
    def __init__(self, max_rate: float, clock: Callable[[], float] = time.monotonic) -> None:
        if max_rate <= 0:
            raise ValueError(f"max_rate must be positive, not {max_rate}")
        self.gap = 1.0 / max_rate
        self._clock = clock
        self._next = 0.0  # the next free slot, on the clock's scale

    def delay(self, now: float) -> float:
        """Reserve the next send slot at or after ``now``; seconds to wait for it."""
        slot = max(now, self._next)
        self._next = slot + self.gap
        return slot - now

    async def wait(self) -> None:
        """Sleep until this caller's slot."""
        delay = self.delay(self._clock())
        if delay > 0:
            await asyncio.sleep(delay)
