"""Live TX/RX level meters: ring buffer -> pure DSP -> fixed-rate timer (STYLE.md).

:class:`LevelMeter` turns the newest window of each history ring into a
:class:`~softdiag.events.Levels` event (pure apart from its peak-hold state, time passed
in). :class:`MeterThread` is its driver: a thread that ticks at a fixed rate (30 Hz by
default, so never below the 25 updates a second the GUI needs), reads the rings the media
callbacks fill, and publishes. It never touches pjsua2.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable

from softdiag.events import Levels

from .levels import PeakHold, pcm16_to_float, reading
from .tap import MediaTap

__all__ = ["DEFAULT_RATE_HZ", "LevelMeter", "MeterThread"]

DEFAULT_RATE_HZ = 30.0
WINDOW_S = 0.04  # longer than the 33 ms tick, so no peak goes unseen


class LevelMeter:
    def __init__(self, call: int, tap: MediaTap, *, window_s: float = WINDOW_S) -> None:
        self.call = call
        self.tap = tap
        self.window = max(1, int(tap.rate * window_s))
        self.tx_hold = PeakHold()
        self.rx_hold = PeakHold()

    def measure(self, now: float) -> Levels:
        tx = pcm16_to_float(self.tap.tx_history.latest(self.window))
        rx = pcm16_to_float(self.tap.rx_history.latest(self.window))
        return Levels(
            call=self.call,
            tx=reading(tx, self.tx_hold, now),
            rx=reading(rx, self.rx_hold, now),
            tx_source=self.tap.source,
        )


class MeterThread:
    """Publishes :class:`Levels` at ``rate_hz`` until stopped."""

    def __init__(
        self,
        meter: LevelMeter,
        publish: Callable[[Levels], None],
        *,
        rate_hz: float = DEFAULT_RATE_HZ,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.meter = meter
        self._publish = publish
        self.period = 1.0 / rate_hz
        self._clock = clock
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.ticks = 0
        self.busy_s = 0.0  # CPU-ish time spent measuring (wall time inside ticks)

    def start(self) -> None:
        self._thread = threading.Thread(
            target=self._run, name=f"softdiag-meter-{self.meter.call}", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 1.0) -> None:
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        next_at = self._clock()
        while not self._stop.is_set():
            next_at += self.period
            started = self._clock()
            with contextlib.suppress(Exception):  # a meter glitch must not end the call
                self._publish(self.meter.measure(started))
            self.ticks += 1
            now = self._clock()
            self.busy_s += now - started
            next_at = max(next_at, now)
            self._stop.wait(next_at - now)
