"""`softdiag bench media`: what the call meters cost and what the audio bridge adds.

1. Meter pipeline: the engine's side of the meters (ring -> pcm16 to float -> dsp levels ->
   ``Levels`` event) driven by a 20 ms media clock for ``seconds``, at 30 Hz. Reported:
   CPU per tick (median and 99th percentile) and the share of one core, and the achieved
   update rate. (The GUI's share, meters and history on screen, is measured by
   ``tests/benchmarks/test_media_gui.py``: this module never imports Qt.)
2. Bridge: a private PulseAudio daemon (softdiag.lab.audio) with its handset and the
   handset's own microphone, which hears whatever the handset plays (an electrical
   loopback). A media clock with the calls' frame (softdiag.media.tap.FRAME_MS) plays a
   click every 260 ms into the bridge and records what comes back; the round trip of each
   click is found by cross-correlation (softdiag.audio.dsp.detect_coupling). Reported:
   median / 90th percentile round trip, the FIFOs' average levels, underruns per
   read, overruns, resyncs, the glitches the sound server itself reported, how often the
   jitter margin widened, and the drift the controller learnt. The first ``settle_s`` (a
   null sink starts with a 2 s block) are left out.
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np

from softdiag.audio import dsp
from softdiag.media.tap import FRAME_MS

__all__ = ["BridgeFigures", "MeterFigures", "format_bridge", "format_media", "run_media_bench"]

RATE = 16000
FRAME = RATE * FRAME_MS // 1000
PERIOD_S = FRAME_MS / 1000


@dataclass
class MeterFigures:
    seconds: float
    ticks: int
    rate_hz: float
    tick_us_median: float
    tick_us_p99: float
    core_pct: float  # of one core, at the achieved rate


@dataclass
class BridgeFigures:
    backend: str
    clicks: int
    round_trip_ms_median: float | None
    round_trip_ms_p90: float | None
    fifo_ms: float | None
    reads: int
    underruns: int
    underrun_pct: float
    overruns: int
    resyncs: int
    drift_ppm: float | None
    device_glitches: int = 0
    widened: int = 0
    problem: str = ""
    round_trips_ms: list[float] = field(default_factory=list)


def bench_meter(seconds: float = 5.0, rate_hz: float = 30.0) -> MeterFigures:
    """The meter's DSP on a live-fed tap, timed per tick with the thread's CPU clock."""
    from softdiag.media.meter import LevelMeter
    from softdiag.media.tap import MediaTap

    tap = MediaTap(rate=RATE, ptime_ms=FRAME_MS)
    meter = LevelMeter(1, tap)
    stop = threading.Event()

    def media_clock() -> None:  # pjmedia's rhythm: a frame each way every FRAME_MS
        next_at = time.monotonic()
        while not stop.is_set():
            frame = tap.next_tx()
            tap.rx_buffer[:FRAME] = frame
            tap.put_rx(FRAME)
            next_at += PERIOD_S
            stop.wait(max(0.0, next_at - time.monotonic()))

    clock = threading.Thread(target=media_clock, daemon=True)
    clock.start()
    costs: list[float] = []
    period = 1.0 / rate_hz
    started = time.monotonic()
    next_at = started
    while time.monotonic() - started < seconds:
        cpu = time.thread_time()
        meter.measure(time.monotonic())
        costs.append(time.thread_time() - cpu)
        next_at += period
        time.sleep(max(0.0, next_at - time.monotonic()))
    elapsed = time.monotonic() - started
    stop.set()
    clock.join(1.0)
    rate = len(costs) / elapsed
    costs_us = sorted(c * 1e6 for c in costs)
    return MeterFigures(
        seconds=round(elapsed, 2),
        ticks=len(costs),
        rate_hz=round(rate, 1),
        tick_us_median=round(statistics.median(costs_us), 1),
        tick_us_p99=round(costs_us[int(len(costs_us) * 0.99) - 1], 1),
        core_pct=round(sum(costs) / elapsed * 100, 3),
    )


def _click() -> np.ndarray:
    """One frame of a chirp: a sharp autocorrelation peak, so the delay is unambiguous."""
    chirp = dsp.sweep(300, 3000, PERIOD_S, RATE, level_dbfs=-12.0, fade_s=0.002)
    return (chirp[:FRAME] * 32767).astype(np.int16)


def bench_bridge(
    seconds: float = 12.0,
    settle_s: float = 4.0,
    *,
    say: Callable[[str], None] = lambda _m: None,
) -> BridgeFigures:
    """Round trip through the real bridge on PulseAudio's handset loopback."""
    from softdiag.lab.audio import AudioLab, AudioLabError
    from softdiag.media.bridge import BridgeError, SoundBridge

    with tempfile.TemporaryDirectory(prefix="softdiag-bench-") as tmp:
        lab = AudioLab(Path(tmp) / "audio")
        try:
            lab.up()
        except AudioLabError as exc:
            return _no_bridge(f"no PulseAudio lab: {exc}")
        import os

        previous = os.environ.get("PULSE_SERVER")
        os.environ["PULSE_SERVER"] = lab.server
        try:
            bridge = SoundBridge(
                rate=RATE, output="handset", input="handset_mic", frame_ms=FRAME_MS
            )
            try:
                bridge.start()
            except BridgeError as exc:
                return _no_bridge(str(exc))
            say(f"bridge on {bridge.backend_name}: {bridge.output_name} -> {bridge.input_name}")
            try:
                return _measure(bridge, seconds, settle_s)
            finally:
                bridge.close()
        finally:
            if previous is None:
                os.environ.pop("PULSE_SERVER", None)
            else:
                os.environ["PULSE_SERVER"] = previous
            lab.down()


def _no_bridge(problem: str) -> BridgeFigures:
    return BridgeFigures(backend="", clicks=0, round_trip_ms_median=None,
                         round_trip_ms_p90=None, fifo_ms=None, reads=0, underruns=0,
                         underrun_pct=0.0, overruns=0, resyncs=0, drift_ppm=None,
                         problem=problem)  # fmt: skip


def _measure(bridge: object, seconds: float, settle_s: float) -> BridgeFigures:
    from softdiag.media.bridge import SoundBridge

    assert isinstance(bridge, SoundBridge)
    click = _click()
    every = round(0.26 / PERIOD_S)  # 260 ms between clicks: longer than any round trip
    played: list[np.ndarray] = []
    captured: list[np.ndarray] = []
    silence = np.zeros(FRAME, dtype=np.int16)
    tx = np.zeros(FRAME, dtype=np.int16)
    frames = round(seconds / PERIOD_S)
    settle_frames = round(settle_s / PERIOD_S) // every * every  # windows start on a click

    def counters() -> dict[str, int]:
        return {"reads": bridge.reads, "underruns": bridge.underruns,
                "overruns": bridge.overruns, "resyncs": bridge.resyncs,
                "device_glitches": bridge.device_glitches}  # fmt: skip

    before: dict[str, int] = {}
    next_at = time.monotonic()
    for i in range(frames):
        if i == settle_frames:  # steady state starts here
            before = counters()
        out = click if i % every == 0 else silence
        bridge.play(out)
        bridge.capture_into(tx)
        if i >= settle_frames:
            played.append(out.copy())
            captured.append(tx.copy())
        next_at += PERIOD_S
        time.sleep(max(0.0, next_at - time.monotonic()))
    # Taken before the clock stops: the device would run dry afterwards.
    after = {k: v - before.get(k, 0) for k, v in counters().items()}
    drift_ppm, widened, fifo_ms = bridge.drift_ppm, bridge.widened, bridge.latency_ms
    ref = np.concatenate(played).astype(np.float64) / 32768
    cap = np.concatenate(captured).astype(np.float64) / 32768
    trips: list[float] = []
    window = every * FRAME
    for start in range(0, ref.size - window, window):
        segment = cap[start : start + window]
        if not np.any(segment):
            continue
        coupling = dsp.detect_coupling(ref[start : start + FRAME], segment)
        if coupling.detected():
            trips.append(coupling.lag / RATE * 1000.0)
    reads, underruns = after["reads"], after["underruns"]
    return BridgeFigures(
        backend=bridge.backend_name,
        clicks=len(trips),
        round_trip_ms_median=round(statistics.median(trips), 1) if trips else None,
        round_trip_ms_p90=round(float(np.percentile(trips, 90)), 1) if trips else None,
        fifo_ms=fifo_ms,
        reads=reads,
        underruns=underruns,
        underrun_pct=round(100.0 * underruns / reads, 3) if reads else 0.0,
        overruns=after["overruns"],
        resyncs=after["resyncs"],
        drift_ppm=drift_ppm,
        device_glitches=after["device_glitches"],
        widened=widened,
        round_trips_ms=[round(t, 1) for t in trips],
    )


def run_media_bench(
    *, meter_seconds: float = 5.0, bridge_seconds: float = 30.0,
    say: Callable[[str], None] = lambda _m: None,
) -> tuple[MeterFigures, BridgeFigures]:  # fmt: skip
    say(f"meter pipeline: {meter_seconds:.0f} s at 30 Hz")
    meter = bench_meter(meter_seconds)
    say(f"audio bridge: {bridge_seconds:.0f} s of clicks through the PulseAudio handset loop")
    bridge = bench_bridge(bridge_seconds, say=say)
    return meter, bridge


def format_media(meter: MeterFigures, bridge: BridgeFigures) -> str:
    lines = [
        "meter pipeline (engine side: ring -> DSP -> Levels event)",
        f"  updates        {meter.rate_hz:.1f} /s over {meter.seconds:.1f} s (goal >= 25)",
        f"  CPU per update {meter.tick_us_median:.0f} us median, {meter.tick_us_p99:.0f} us p99",
        f"  CPU share      {meter.core_pct:.2f} % of one core",
        "",
    ]
    return "\n".join(lines) + "\n" + format_bridge(bridge)


def format_bridge(bridge: BridgeFigures) -> str:
    lines = ["audio bridge (media clock <-> sound devices, round trip through a loopback)"]
    if bridge.problem:
        lines.append(f"  not measured: {bridge.problem}")
        return "\n".join(lines)

    def ms(value: float | None) -> str:
        return "-" if value is None else f"{value:.1f} ms"

    lines += [
        f"  backend        {bridge.backend} ({bridge.clicks} clicks found)",
        f"  round trip     {ms(bridge.round_trip_ms_median)} median, "
        f"{ms(bridge.round_trip_ms_p90)} p90 (goal <= 40 ms median)",
        f"  FIFO levels    {ms(bridge.fifo_ms)} (the average fill the reads see, both ways)",
        f"  underruns      {bridge.underruns} of {bridge.reads} reads = "
        f"{bridge.underrun_pct:.3f} % (goal < 0.1 %)",
        f"  overruns       {bridge.overruns}, resyncs {bridge.resyncs}, drift "
        f"{'-' if bridge.drift_ppm is None else f'{bridge.drift_ppm:.0f} ppm'}",
        f"  jitter margin  widened {bridge.widened} times (from the start); the sound server "
        f"reported {bridge.device_glitches} glitches of its own",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    as_json = "--json" in args
    meter, bridge = run_media_bench(say=lambda m: print(m, file=sys.stderr, flush=True))
    if as_json:
        print(json.dumps({"type": "MediaBench", "meter": asdict(meter), "bridge": asdict(bridge)}))
    else:
        print(format_media(meter, bridge))
    return 0


if __name__ == "__main__":
    sys.exit(main())
