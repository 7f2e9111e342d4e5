"""The audio bridge: pjsua2's media clock on one side, the user's sound devices on the other.

Theory of operation
-------------------
The pjsua2 wheel has no sound device (FACTS.md): the call's media port asks for and hands
over frames (``frame_ms``, 10 ms in calls: :data:`softdiag.media.tap.FRAME_MS`) on pjmedia's
clock, while PortAudio (sounddevice) runs the output and the
input on the sound card's clocks. Two clocks never agree exactly, so each direction has a
:class:`~softdiag.audio.ring.SampleFifo` and the side that *reads* it keeps it at its
target fill with :class:`DriftControl` (a PI controller on the smoothed fill) and a
:class:`Resampler` (linear interpolation with a continuous phase) that reads slightly more
or fewer samples than it writes::

    call RX --play()--> [playback FIFO] --Resampler--> output stream (speaker)
    call TX <--capture_into()-- Resampler <-- [capture FIFO] <-- input stream (microphone)

Latency: a read must find a whole read block in the FIFO, plus a margin for jitter (half
of ``target_ms``, 5 ms by default). The drift control learns the level the two block sizes
leave and drops any surplus above that, and widens the margin after each underrun (an
adaptive jitter buffer), so the FIFO holds what the devices need and no more.

Start fill: a reader waits until its FIFO holds that floor plus one written block before
it starts, and plays or sends silence meanwhile; those frames are not underruns.
Afterwards a short read is an underrun (zeros are played, counted), a full FIFO an
overrun (the oldest audio is dropped, counted).

Device loss: a watchdog thread notices a stream whose callback has not run for
``watchdog_s`` (an unplugged USB device, an unloaded PulseAudio sink: PortAudio then
stops calling, or errors), closes it off the media path, and calls ``on_lost``. The call
goes on: the media port keeps its rhythm, RX is still metered, TX sends silence.
:meth:`SoundBridge.close` and a new bridge with other devices is the re-selection.

Invariants
1. The audio callbacks (PortAudio's threads, pjmedia's clock thread) only copy and count:
   no allocation beyond the resampler's small arrays, no logging, no events, no locks.
2. Opening and closing streams happens on the caller's thread or the watchdog's, never in
   an audio callback.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from softdiag.audio.ring import SampleFifo

from .levels import PCM16_SCALE

__all__ = ["BridgeError", "DriftControl", "Resampler", "SoundBridge"]

LostCallback = Callable[[str, str], None]  # (which: "output" | "input", detail)
RESYNC_MS = 60  # a backlog this far beyond the start fill is dropped, not resampled away
START_GRACE_S = 3.0  # how long a just-opened device may stay silent
SETTLED_BLOCKS = 20  # callbacks after which a device counts as running


class BridgeError(RuntimeError):
    """No usable device: a one-line reason the UI and findings can show."""


class DriftControl:
    """Ratio of samples to read per sample written that holds a FIFO at its level.

    The fill seen at each read swings by a whole writer block, so it is smoothed first
    (exponential average over ``smoothing`` reads). The level to hold is learnt over the
    first ``learn`` reads after the start fill (it depends on how the two block sizes
    interleave, which nobody can predict); if the FIFO never ran lower than ``floor``
    samples above empty meanwhile, the surplus is handed back (:meth:`take_surplus`) for
    the reader to drop: the latency shrinks to what the jitter really needs. Then a
    proportional term (``kp`` per ``scale`` samples of error) corrects the level slowly,
    and an integral term learns the steady difference of the two clocks: the drift, in
    ppm. Both are capped at ``max_ppm``: a correction that small is inaudible.

    A backlog that arrives later (a writer burst after a stall shorter than a resync) would
    take the capped correction many seconds to play away: 40 ms at 2000 ppm is 20 s of a
    late call. So the check goes on in windows of ``learn`` reads: when a whole window never
    came within ``scale`` samples of the floor, what it kept above the floor is surplus too.

    The floor adapts like a jitter buffer: each underrun (:meth:`widen`) raises it by
    ``widen_step`` samples, at most ``max_widen`` times, and the level is learnt again. A
    smooth device keeps the lowest latency; a jittery one pays only for the jitter it
    really has.
    """

    def __init__(
        self,
        scale: float,
        *,
        max_ppm: float = 2000.0,
        kp: float = 1e-3,
        ki: float = 2e-7,
        smoothing: int = 100,
        learn: int = 100,
        floor: float | None = None,
        widen_step: float = 0.0,
        max_widen: int = 4,
    ) -> None:
        self.scale = max(1.0, scale)
        self.floor = floor
        self.widen_step = widen_step
        self.max_widen = max_widen
        self.widened = 0
        self._lowest: float | None = None
        self._surplus = 0
        self.max_ratio = max_ppm * 1e-6
        self.kp = kp
        self.ki = ki
        self.alpha = 1.0 / max(1, smoothing)
        self.learn = learn
        self.average: float | None = None
        self.setpoint: float | None = None
        self.integral = 0.0
        self._reads = 0

    def reset(self) -> None:
        """Forget the level (after a resync); the learnt drift is kept."""
        self.average = None
        self.setpoint = None
        self._reads = 0
        self._lowest = None

    def update(self, fill: float) -> float:
        avg = self.average
        self.average = avg = fill if avg is None else avg + self.alpha * (fill - avg)
        self._reads += 1
        self._lowest = fill if self._lowest is None else min(self._lowest, fill)
        if self._reads >= self.learn:  # the end of a window: hand back what it never used
            surplus = 0 if self.floor is None else int(max(0.0, self._lowest - self.floor))
            if self.setpoint is None or surplus > self.scale:
                self._surplus += surplus
                self.average = avg = avg - surplus
            if self.setpoint is None:
                self.setpoint = avg
            self._reads = 0
            self._lowest = None
        if self.setpoint is None:
            return 1.0 + self.integral
        error = (avg - self.setpoint) / self.scale
        cap = self.max_ratio
        self.integral = max(-cap, min(cap, self.integral + self.ki * error))
        return 1.0 + max(-cap, min(cap, self.kp * error + self.integral))

    def widen(self) -> None:
        """An underrun: the jitter needs a wider margin. Learn the level again above it."""
        if self.floor is not None and self.widened < self.max_widen:
            self.floor += self.widen_step
            self.widened += 1
        self.reset()

    def take_surplus(self) -> int:
        """Samples the reader may drop now (when a window showed them unused)."""
        surplus, self._surplus = self._surplus, 0
        return surplus

    @property
    def drift_ppm(self) -> float:
        return self.integral * 1e6


class Resampler:
    """Reads ``ratio`` input samples per output sample from a FIFO, by linear interpolation.

    The phase carries over between blocks, so consecutive blocks join without clicks.
    """

    def __init__(self, max_block: int) -> None:
        self._buf = np.zeros(int(max_block * 1.1) + 4, dtype=np.float32)
        self._int = np.zeros(self._buf.size, dtype=np.int16)
        self._prev = 0.0
        self._frac = 1.0  # position of the first output sample; 1.0 = the first new sample

    def read(self, fifo: SampleFifo, out: npt.NDArray[np.floating], ratio: float) -> bool:
        """Fill ``out`` (float samples, full scale 1.0). False on an underrun."""
        n_out = out.size
        last = self._frac + (n_out - 1) * ratio
        n_new = max(0, math.ceil(last - 1e-9))
        if n_new + 1 > self._buf.size:
            self._buf = np.zeros(n_new + 4, dtype=np.float32)
            self._int = np.zeros(n_new + 4, dtype=np.int16)
        got = fifo.read(self._int[:n_new])
        buf = self._buf
        buf[0] = self._prev
        buf[1 : n_new + 1] = self._int[:n_new] / PCM16_SCALE
        positions = self._frac + np.arange(n_out) * ratio
        out[:] = np.interp(positions, np.arange(n_new + 1), buf[: n_new + 1])
        self._prev = float(buf[n_new])
        self._frac = last + ratio - n_new
        return got == n_new


class _Direction:
    """One stream, its FIFO, its drift control and its health (shared by two threads)."""

    def __init__(
        self, name: str, rate: int, target: int, capacity: int, *, read: int, write: int
    ) -> None:
        self.name = name
        self.fifo = SampleFifo(capacity)
        # The lowest fill a read may see: one read block plus half the target for jitter,
        # widened by half a target on each underrun.
        self.floor = read + target // 2
        self.drift = DriftControl(target, floor=self.floor, widen_step=target // 2)
        self.resampler = Resampler(capacity)
        self.target = target
        self.write_block = write
        self.resync = rate * RESYNC_MS // 1000
        self.stream: Any = None
        self.device: str | None = None
        self.info: Any = None  # the DeviceInfo it was opened on
        self.started = False  # start fill reached
        self.last_callback = 0.0
        self.callbacks = 0
        self.lost = False
        self.reads = 0
        self.underruns = 0
        self.resyncs = 0
        self.rate = rate

    @property
    def start_fill(self) -> int:
        """Fill to wait for before reading: the floor (as widened) plus one written block,
        so the first reads cannot run dry while the drift control learns the level."""
        return int(self.drift.floor or self.floor) + self.write_block


class SoundBridge:
    """Bridges one call to an output and an input device (by name; None: the default)."""

    def __init__(
        self,
        *,
        rate: int = 16000,
        output: str | None = None,
        input: str | None = None,
        on_lost: LostCallback | None = None,
        frame_ms: int = 20,
        target_ms: float = 5.0,
        blocksize_ms: float = 5.0,
        watchdog_s: float = 0.5,
        backend: Any = None,
        inventory: Any = None,
        present: Callable[[Any], bool] | None = None,
        presence_interval: float = 1.0,
    ) -> None:
        self.rate = rate
        self.output_spec = output
        self.input_spec = input
        self.on_lost = on_lost
        self.watchdog_s = watchdog_s
        self.target_ms = target_ms
        target = int(rate * target_ms / 1000)
        capacity = rate // 2  # 500 ms: an overrun means a stream stalled, not jitter
        self._block = max(1, int(rate * blocksize_ms / 1000))
        frame = rate * frame_ms // 1000  # the media clock's frame (pjsua's audioFramePtime)
        # Output: the media clock writes frames, the device reads blocks; input: reversed.
        self._out = _Direction("output", rate, target, capacity, read=self._block, write=frame)
        self._in = _Direction("input", rate, target, capacity, read=frame, write=self._block)
        self._backend = backend
        self._inventory = inventory
        self._present = present
        self.presence_interval = presence_interval
        self._closed = threading.Event()
        self._watchdog: threading.Thread | None = None
        self._frame = np.zeros(frame, dtype=np.float32)
        self.backend_name = "custom" if backend is not None else ""

    # -- opening ------------------------------------------------------------------------

    @property
    def output_name(self) -> str | None:
        return self._out.device

    @property
    def input_name(self) -> str | None:
        return self._in.device

    def start(self) -> None:
        """Open both devices (either may fail alone). Raises BridgeError if neither opens."""
        from softdiag.audio.runner import DeviceOpenError

        backend = self._backend
        problems: list[str] = []
        try:
            inventory = self._inventory
            if inventory is None:
                from softdiag.audio.devices import take_inventory

                inventory = take_inventory()
            if backend is None:
                backend = self._default_backend(inventory)
        except DeviceOpenError as exc:
            raise BridgeError(str(exc)) from None
        # Create both streams first, then start them back to back, output first: with
        # PortAudio's ALSA "pulse" device, an output started while an input already runs
        # (or created after it started) stalls after its first three blocks.
        pairs = ((self._out, self.output_spec), (self._in, self.input_spec))
        for direction, spec in pairs:
            try:
                device = self._find(inventory, spec, direction.name)
                direction.device = device.name
                direction.info = device
                if direction is self._out:
                    direction.stream = backend.open_output(device, self.rate, self._fill_output)
                else:
                    direction.stream = backend.open_input(device, self.rate, self._on_input)
            except (DeviceOpenError, BridgeError) as exc:
                problems.append(f"{direction.name}: {exc}")
                direction.lost = True
        for direction, _spec in pairs:
            if direction.stream is None:
                continue
            try:
                direction.last_callback = time.monotonic()
                direction.stream.start()
            except DeviceOpenError as exc:
                problems.append(f"{direction.name}: {exc}")
                self._close_stream(direction)
                direction.lost = True
        if self._out.stream is None and self._in.stream is None:
            raise BridgeError("; ".join(problems) or "no audio device")
        self._watchdog = threading.Thread(target=self._watch, name="softdiag-bridge", daemon=True)
        self._watchdog.start()

    def _default_backend(self, inventory: Any) -> Any:
        """libpulse's own clients for PulseAudio/PipeWire devices, PortAudio elsewhere."""
        blocksize_s = self._block / self.rate
        if getattr(inventory, "provider", "") == "pulse":
            from .pulse import PulseBackend, pulse_usable

            if pulse_usable():
                self.backend_name = "pulse"
                return PulseBackend(blocksize_s=blocksize_s)
        from softdiag.audio.streams import SoundDeviceBackend

        self.backend_name = "portaudio"
        return SoundDeviceBackend(blocksize_s=blocksize_s)

    @staticmethod
    def _find(inventory: Any, spec: str | None, direction: str) -> Any:
        from softdiag.audio.devices import find_device

        device = (
            inventory.default(direction)
            if spec is None
            else find_device(inventory.devices, spec, direction)
        )
        if device is None and spec is None:
            candidates = [d for d in inventory.devices if d.direction == direction]
            device = candidates[0] if candidates else None
        if device is None:
            raise BridgeError(f"no {direction} device" + (f" named {spec!r}" if spec else ""))
        return device

    def close(self) -> None:
        self._closed.set()
        for direction in (self._out, self._in):
            self._close_stream(direction)
        watchdog = self._watchdog
        if watchdog is not None and watchdog is not threading.current_thread():
            watchdog.join(1.0)

    @staticmethod
    def _close_stream(direction: _Direction) -> None:
        stream, direction.stream = direction.stream, None
        if stream is not None:
            with contextlib.suppress(Exception):
                stream.close()

    # -- figures ------------------------------------------------------------------------

    @property
    def capturing(self) -> bool:
        return self._in.stream is not None and not self._in.lost

    @property
    def underruns(self) -> int:
        return self._out.underruns + self._in.underruns

    @property
    def overruns(self) -> int:
        return self._out.fifo.overruns + self._in.fifo.overruns

    @property
    def device_glitches(self) -> int:
        """Underruns and overruns the sound system itself reported, behind the FIFOs."""
        return sum(
            getattr(d.stream, "device_underruns", 0) + getattr(d.stream, "device_overruns", 0)
            for d in (self._out, self._in)
            if d.stream is not None
        )

    @property
    def widened(self) -> int:
        """How often an underrun widened a FIFO's jitter margin."""
        return self._out.drift.widened + self._in.drift.widened

    @property
    def reads(self) -> int:
        return self._out.reads + self._in.reads

    @property
    def resyncs(self) -> int:
        return self._out.resyncs + self._in.resyncs

    @property
    def latency_ms(self) -> float | None:
        """The average fill the reads of both FIFOs see, in ms: an upper bound of what they
        add to the round trip (the devices' own buffers come on top)."""
        fills = [
            d.drift.average
            for d in (self._out, self._in)
            if d.drift.average is not None and d.stream is not None and not d.lost
        ]
        if not fills:
            return None
        return round(sum(fills) / self.rate * 1000.0, 1)

    @property
    def drift_ppm(self) -> float | None:
        """How much faster the output device's clock runs than the media clock."""
        if self._out.drift.setpoint is None:
            return None
        return round(-self._out.drift.drift_ppm, 1)

    # -- the media clock (pjmedia's thread, through MediaTap) ----------------------------

    def play(self, frame: npt.NDArray[np.int16]) -> None:
        if self._out.stream is not None and not self._out.lost:
            self._out.fifo.write(frame)

    def capture_into(self, out: npt.NDArray[np.int16]) -> None:
        d = self._in
        frame = self._frame[: out.size]
        if not self._read(d, frame):
            out[:] = 0
            return
        np.clip(np.rint(frame * PCM16_SCALE), -32768, 32767, out=frame)
        out[:] = frame

    # -- PortAudio's threads -----------------------------------------------------------

    def _fill_output(self, out: npt.NDArray[np.float32]) -> None:
        d = self._out
        d.last_callback = time.monotonic()
        d.callbacks += 1
        if not self._read(d, out):
            out[:] = 0

    def _on_input(self, block: npt.NDArray[np.float32]) -> None:
        d = self._in
        d.last_callback = time.monotonic()
        d.callbacks += 1
        pcm = np.clip(np.rint(block * PCM16_SCALE), -32768, 32767).astype(np.int16)
        d.fifo.write(pcm)

    def _read(self, d: _Direction, out: npt.NDArray[np.floating]) -> bool:
        """Read one block through drift control; False while the start fill builds up."""
        fill = d.fifo.available()
        if not d.started:
            if fill < d.start_fill:
                return False
            d.started = True
        excess = fill - d.start_fill
        if excess > d.resync:
            # Far more than drift: a stream that stalled and resumed, or a burst at start
            # (a PulseAudio null sink renders its first 2 s block before it follows a
            # low-latency client). Drop the backlog at once instead of playing it late.
            d.fifo.skip(excess)
            d.resyncs += 1
            d.drift.reset()
            fill -= excess
        d.reads += 1
        ratio = d.drift.update(fill)
        surplus = d.drift.take_surplus()
        if surplus:
            d.fifo.skip(surplus)
        if not d.resampler.read(d.fifo, out, ratio):
            d.underruns += 1
            d.started = False  # refill before playing on: one gap instead of many
            d.drift.widen()
        return True

    # -- the watchdog ------------------------------------------------------------------

    def _still_there(self, d: _Direction) -> bool:
        """Is the device still in the system's list? (PulseAudio and PipeWire move a stream
        whose device vanished to the default one: it keeps running, elsewhere.)"""
        present = self._present
        if present is None:
            from softdiag.audio.devices import take_inventory

            def present(device: Any) -> bool:
                return take_inventory(include_monitors=True).get(device.key) is not None

            self._present = present
        try:
            return bool(present(d.info)) if d.info is not None else True
        except Exception:
            return True  # cannot tell: the callback watchdog still guards

    def _watch(self) -> None:
        next_presence = time.monotonic() + self.presence_interval
        while not self._closed.wait(0.1):
            now = time.monotonic()
            check_presence = now >= next_presence
            if check_presence:
                next_presence = now + self.presence_interval
            for d in (self._out, self._in):
                if d.stream is None or d.lost:
                    continue
                if check_presence and not self._still_there(d):
                    self._lose(d, f"the {d.name} {d.device or ''} disappeared from the system "
                               "(its audio would go to another device now)")  # fmt: skip
                    continue
                # A device may take a while to settle after it opens (a PulseAudio null
                # sink: up to 2 s); once it runs, a short silence means it is gone.
                limit = self.watchdog_s if d.callbacks > SETTLED_BLOCKS else START_GRACE_S
                if now - d.last_callback > limit:
                    self._lose(d, f"the {d.name} {d.device or ''} stopped delivering audio "
                               f"{now - d.last_callback:.1f} s ago (after {d.callbacks} blocks)")  # fmt: skip

    def _lose(self, d: _Direction, detail: str) -> None:
        d.lost = True
        self._close_stream(d)
        d.fifo.clear()
        if self.on_lost is not None:
            with contextlib.suppress(Exception):
                self.on_lost(d.name, detail)
