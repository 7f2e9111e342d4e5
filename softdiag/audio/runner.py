"""The device check's I/O sequence: capture first, then play the sweep, then conclude.

Sequence (every wait bounded; the whole run stays under ``CheckPlan.budget_s``):

1. Open and start the input; wait for its first samples (``first_audio_s``). A PulseAudio
   null-sink monitor sends its first data 0.5-2 s late when idle (FACTS.md), so capture
   must be running *before* the signal plays or the start of the sweep is lost.
2. Keep capturing ``rest_s`` of the input at rest: the noise floor.
3. Open and start the output with the sweep; note the capture position at that moment.
4. Capture until the sweep has been handed to the driver and ``tail_s`` more (output
   latency), then abort both streams (abort, not stop: stopping drains, and a draining
   PulseAudio stream through ALSA can block for good).
5. If the input stopped delivering for ``stall_s``, or a device is gone from the
   inventory afterwards, the run reports a :class:`CheckFailure` instead of figures.

Streams come from an :class:`AudioBackend` (sounddevice in :mod:`softdiag.audio.streams`,
a scripted fake in tests); the clock and sleep are injected. Audio callbacks only copy
into a preallocated buffer: no allocation, locks, logging or events on the audio thread.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from softdiag.events import DeviceCheckResult, DeviceInfo

from . import dsp
from .check import CheckFacts, CheckFailure, DeviceCheck, UserAnswers, measure

__all__ = [
    "AudioBackend",
    "AudioStream",
    "CaptureBuffer",
    "CheckPlan",
    "DeviceOpenError",
    "RunOutcome",
    "conclude",
    "run_check",
]

Block = npt.NDArray[np.float32]


class DeviceOpenError(RuntimeError):
    """A device could not be opened or started (busy, gone, unsupported format)."""


class AudioStream(Protocol):
    def start(self) -> None: ...
    def close(self) -> None:
        """Abort and close; never waits for buffers to drain."""
        ...


class AudioBackend(Protocol):
    def open_input(
        self, device: DeviceInfo, rate: int, on_block: Callable[[Block], None]
    ) -> AudioStream: ...

    def open_output(
        self, device: DeviceInfo, rate: int, fill: Callable[[Block], None]
    ) -> AudioStream: ...


@dataclass(frozen=True, slots=True)
class CheckPlan:
    rate: int = 48_000
    first_audio_s: float = 3.0
    rest_s: float = 0.6
    signal_s: float = 1.5
    signal_dbfs: float = -12.0  # RMS; loud enough to hear on any device, far from clipping
    tail_s: float = 0.8
    stall_s: float = 1.0
    budget_s: float = 9.0

    def signal(self) -> npt.NDArray[np.float32]:
        # 300-3400 Hz: the telephone band, which every handset and headset reproduces.
        return dsp.sweep(300, 3400, self.signal_s, self.rate, level_dbfs=self.signal_dbfs)


class CaptureBuffer:
    """Preallocated capture, filled from the audio callback (one writer, no allocation)."""

    def __init__(self, capacity: int, clock: Callable[[], float]) -> None:
        self._data = np.zeros(capacity, dtype=np.float32)
        self._clock = clock
        self.count = 0
        self.last_block_at: float | None = None
        self.first_block_at: float | None = None

    def write(self, block: Block) -> None:
        n = min(len(block), self._data.size - self.count)
        if n > 0:
            self._data[self.count : self.count + n] = block[:n]
            self.count += n
        now = self._clock()
        if self.first_block_at is None:
            self.first_block_at = now
        self.last_block_at = now

    def samples(self) -> npt.NDArray[np.float32]:
        return self._data[: self.count].copy()


class _Player:
    """Feeds the output callback from the signal, then silence."""

    def __init__(self, signal: npt.NDArray[np.float32]) -> None:
        self._signal = signal
        self.position = 0
        self.done = threading.Event()

    def fill(self, out: Block) -> None:
        n = min(len(out), self._signal.size - self.position)
        if n > 0:
            out[:n] = self._signal[self.position : self.position + n]
            self.position += n
        out[max(n, 0) :] = 0.0
        if self.position >= self._signal.size:
            self.done.set()


@dataclass(slots=True)
class RunOutcome:
    """What the I/O part of the check produced; :func:`conclude` turns it into verdicts."""

    output: DeviceInfo
    input: DeviceInfo
    rate: int
    capture: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    reference: npt.NDArray[np.float32] = field(default_factory=lambda: np.zeros(0, np.float32))
    signal_start: int = 0
    first_audio_ms: float | None = None
    played_dbfs: float | None = None
    failure: CheckFailure | None = None
    seconds: float = 0.0  # wall time of the run
    timings: dict[str, float] = field(default_factory=dict)


def run_check(
    backend: AudioBackend,
    output: DeviceInfo,
    input: DeviceInfo,
    *,
    plan: CheckPlan | None = None,
    present: Callable[[DeviceInfo], bool] | None = None,
    clock: Callable[[], float] = time.monotonic,
    sleep: Callable[[float], None] = time.sleep,
) -> RunOutcome:
    """Play the sweep on ``output`` while capturing ``input``; bounded by the plan's budget."""
    plan = plan or CheckPlan()
    start = clock()
    deadline = start + plan.budget_s
    signal = plan.signal()
    capacity = round(plan.rate * (plan.budget_s + 1.0))
    buffer = CaptureBuffer(capacity, clock)
    outcome = RunOutcome(output=output, input=input, rate=plan.rate, reference=signal)
    outcome.played_dbfs = round(dsp.rms_dbfs(signal), 2)
    streams: list[AudioStream] = []

    def lap(name: str) -> None:
        outcome.timings[name] = round(clock() - start, 3)

    def wait_until(condition: Callable[[], bool], limit: float) -> bool:
        end = min(deadline, clock() + limit)
        while not condition():
            if clock() >= end:
                return condition()
            sleep(0.01)
        return True

    def stalled() -> bool:
        last = buffer.last_block_at
        return last is not None and clock() - last > plan.stall_s

    try:
        try:
            stream = backend.open_input(input, plan.rate, buffer.write)
            streams.append(stream)
            stream.start()
        except DeviceOpenError as exc:
            outcome.failure = CheckFailure(kind="busy", device=input, error=str(exc))
            return outcome
        lap("input started")
        if not wait_until(lambda: buffer.first_block_at is not None, plan.first_audio_s):
            outcome.failure = CheckFailure(
                kind="stalled", device=input, seconds=round(clock() - start, 1)
            )
            return outcome
        assert buffer.first_block_at is not None
        outcome.first_audio_ms = (buffer.first_block_at - start) * 1000
        lap("first audio")
        rest = round(plan.rest_s * plan.rate)
        wait_until(lambda: buffer.count >= rest or stalled(), plan.rest_s + plan.stall_s)
        player = _Player(signal)
        try:
            stream = backend.open_output(output, plan.rate, player.fill)
            streams.append(stream)
            outcome.signal_start = buffer.count
            stream.start()
        except DeviceOpenError as exc:
            outcome.failure = CheckFailure(kind="busy", device=output, error=str(exc))
            return outcome
        lap("output started")
        wait_until(lambda: player.done.is_set() or stalled(), plan.signal_s + 3.0)
        lap("signal played")
        wanted = outcome.signal_start + signal.size + round(plan.tail_s * plan.rate)
        wait_until(lambda: buffer.count >= wanted or stalled(), plan.signal_s + plan.tail_s)
        lap("captured")
        if stalled() or not player.done.is_set():
            silent = input if stalled() else output
            outcome.failure = CheckFailure(
                kind="stalled", device=silent, seconds=round(clock() - start, 1)
            )
    finally:
        for stream in reversed(streams):
            # The device may be gone already: nothing left to close.
            with contextlib.suppress(Exception):
                stream.close()
        outcome.capture = buffer.samples()
        outcome.seconds = round(clock() - start, 3)
        lap("closed")
        if present is not None:
            # A vanished device explains any stall or open error better than the symptom.
            for device in (input, output):
                if not present(device):
                    outcome.failure = CheckFailure(kind="gone", device=device)
                    break
    return outcome


def conclude(
    outcome: RunOutcome,
    *,
    outputs: Sequence[DeviceInfo] = (),
    answers: UserAnswers | None = None,
    speech: npt.ArrayLike | None = None,
    rules: DeviceCheck | None = None,
    duration_s: float | None = None,
) -> DeviceCheckResult:
    """The verdicts of a run, with the user's answers and speech when the check was guided."""
    answers = answers or UserAnswers()
    figures = None
    if outcome.failure is None and outcome.capture.size:
        figures = measure(
            outcome.capture,
            outcome.reference,
            outcome.rate,
            signal_start=outcome.signal_start,
            speech=speech,
            first_audio_ms=outcome.first_audio_ms,
            played_dbfs=outcome.played_dbfs,
        )
    facts = CheckFacts(
        output=outcome.output,
        input=outcome.input,
        outputs=tuple(outputs),
        figures=figures,
        answers=answers,
        failure=outcome.failure,
    )
    return DeviceCheckResult(
        output=outcome.output,
        input=outcome.input,
        figures=figures,
        verdicts=(rules or DeviceCheck()).verdicts(facts),
        answers=answers.pairs(),
        duration_s=round(outcome.seconds if duration_s is None else duration_s, 3),
    )
