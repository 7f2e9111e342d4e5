"""The audio bridge without sound devices: drift control, resampling, start fill, loss."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pytest

from softdiag.audio.ring import SampleFifo
from softdiag.events import DeviceInfo
from softdiag.media.bridge import DriftControl, Resampler, SoundBridge

RATE = 16000


def _simulate(
    ppm: float, seconds: float = 90.0, jitter: float = 0.002, burst_at: float | None = None
) -> dict[str, float]:
    """The media clock writes 20 ms frames, a device ``ppm`` faster reads 10 ms blocks.
    ``burst_at``: the writer delivers 40 ms extra at once then (a stall that resumed)."""
    rng = np.random.default_rng(7)
    fifo = SampleFifo(8000)
    drift = DriftControl(320, floor=160 + 160)
    resampler = Resampler(1000)
    frame = np.zeros(320, dtype=np.int16)
    out = np.zeros(160, dtype=np.float32)
    w_period, r_period = 0.02, 0.01 / (1 + ppm * 1e-6)
    kw = kr = 0
    started = False
    underruns = 0
    fills: list[int] = []
    times: list[float] = []
    t_read = 0.0
    while t_read < seconds:
        t_write = kw * w_period + rng.uniform(0, jitter)
        t_read = 0.005 + kr * r_period + rng.uniform(0, jitter)
        if t_write <= t_read:
            fifo.write(frame)
            if burst_at is not None and t_write >= burst_at:
                fifo.write(np.zeros(640, dtype=np.int16))
                burst_at = None
            kw += 1
            continue
        kr += 1
        fill = fifo.available()
        if not started and fill >= 320 + 160:
            started = True
        if started:
            ratio = drift.update(fill)
            fifo.skip(drift.take_surplus())
            if not resampler.read(fifo, out, ratio):
                underruns += 1
                started = False
            fills.append(fifo.available())
            times.append(t_read)
    tail = np.array(fills[-2000:])
    level = np.array(fills)
    at = np.array(times)
    return {"underruns": underruns, "drift": drift.drift_ppm, "mean": float(tail.mean()),
            "min": float(tail.min()),
            "mean_5_10": float(level[(at > 5) & (at < 10)].mean()),
            "mean_13_18": float(level[(at > 13) & (at < 18)].mean())}  # fmt: skip


@pytest.mark.parametrize("ppm", [0.0, 150.0, -300.0])
def test_drift_control_holds_the_fifo_between_two_clocks(ppm: float) -> None:
    result = _simulate(ppm)
    assert result["underruns"] == 0
    assert result["min"] > 0
    assert result["mean"] < 0.035 * RATE  # under 35 ms of audio queued
    # The learnt correction points the right way (reading faster -> ratio below 1).
    if ppm:
        assert np.sign(result["drift"]) == -np.sign(ppm)


def test_a_backlog_after_a_stall_is_dropped_not_played_late() -> None:
    """40 ms arrive at once at t=10 s, less than a resync: the capped correction alone
    would take 20 s to play them away. Within a few seconds the level is back."""
    result = _simulate(0.0, seconds=20.0, burst_at=10.0)
    assert result["underruns"] == 0
    assert result["mean_13_18"] - result["mean_5_10"] < 0.005 * RATE  # back within 5 ms
    assert abs(result["drift"]) < 300  # and the clocks' drift was not wound up by it


def test_resampler_at_ratio_one_is_a_delay_line() -> None:
    fifo = SampleFifo(4000)
    ramp = (np.arange(1600) % 1000).astype(np.int16)
    fifo.write(ramp)
    resampler = Resampler(400)
    out = np.zeros(160, dtype=np.float32)
    got = []
    for _ in range(9):
        assert resampler.read(fifo, out, 1.0)
        got.append(out.copy())
    joined = np.concatenate(got) * 32768
    assert np.allclose(joined[:1440], ramp[:1440], atol=1e-3)


def test_resampler_consumes_ratio_times_the_samples_without_clicks() -> None:
    fifo = SampleFifo(20000)
    t = np.arange(16000)
    fifo.write((8000 * np.sin(2 * np.pi * 440 * t / RATE)).astype(np.int16))
    resampler = Resampler(400)
    out = np.zeros(160, dtype=np.float32)
    blocks = []
    for _ in range(50):
        resampler.read(fifo, out, 1.01)
        blocks.append(out.copy())
    consumed = 16000 - fifo.available()
    assert consumed == pytest.approx(50 * 160 * 1.01, abs=2)
    joined = np.concatenate(blocks)
    # A 440 Hz sine at 0.244 moves at most 2*pi*440/16000*0.244 = 0.042 a sample: no jumps.
    assert np.max(np.abs(np.diff(joined))) < 0.045


def test_resampler_reports_an_underrun() -> None:
    fifo = SampleFifo(1000)
    fifo.write(np.ones(50, dtype=np.int16))
    out = np.zeros(160, dtype=np.float32)
    assert not Resampler(400).read(fifo, out, 1.0)


# -- the bridge with a fake backend --------------------------------------------------------


@dataclass
class FakeStream:
    callback: Callable[[Any], None]
    started: bool = False
    closed: bool = False

    def start(self) -> None:
        self.started = True

    def close(self) -> None:
        self.closed = True


@dataclass
class FakeBackend:
    outputs: list[FakeStream] = field(default_factory=list)
    inputs: list[FakeStream] = field(default_factory=list)

    def open_output(self, device: DeviceInfo, rate: int, fill: Callable[[Any], None]) -> FakeStream:
        self.outputs.append(FakeStream(fill))
        return self.outputs[-1]

    def open_input(
        self, device: DeviceInfo, rate: int, on_block: Callable[[Any], None]
    ) -> FakeStream:
        self.inputs.append(FakeStream(on_block))
        return self.inputs[-1]


@dataclass
class FakeInventory:
    devices: tuple[DeviceInfo, ...]
    provider: str = "fake"

    def default(self, direction: str) -> DeviceInfo | None:
        return next((d for d in self.devices if d.direction == direction), None)


DEVICES = (
    DeviceInfo(
        id="spk", name="Desk Speakers", direction="output", host_api="fake", form_factor="speaker"
    ),
    DeviceInfo(
        id="mic",
        name="Headset Microphone",
        direction="input",
        host_api="fake",
        form_factor="headset",
    ),
)


def _bridge(**kw: Any) -> tuple[SoundBridge, FakeBackend, list[tuple[str, str]]]:
    backend = FakeBackend()
    lost: list[tuple[str, str]] = []
    bridge = SoundBridge(rate=RATE, backend=backend, inventory=FakeInventory(DEVICES),
                         on_lost=lambda which, detail: lost.append((which, detail)),
                         present=lambda device: True, **kw)  # fmt: skip
    return bridge, backend, lost


def test_bridge_plays_after_the_start_fill_and_captures() -> None:
    bridge, backend, _lost = _bridge()
    bridge.start()
    try:
        assert bridge.output_name == "Desk Speakers" and bridge.input_name == "Headset Microphone"
        out = np.zeros(160, dtype=np.float32)
        backend.outputs[0].callback(out)  # nothing queued yet: silence, not an underrun
        assert bridge.underruns == 0
        tone = np.full(320, 16384, dtype=np.int16)
        for _ in range(3):
            bridge.play(tone)
        backend.outputs[0].callback(out)
        assert out[-1] == pytest.approx(0.5, abs=1e-3)
        # Capture: device blocks in, 20 ms frames out once the start fill is there.
        for _ in range(6):
            backend.inputs[0].callback(np.full(160, 0.25, dtype=np.float32))
        frame = np.zeros(320, dtype=np.int16)
        bridge.capture_into(frame)
        assert frame[-1] == 8192
        assert bridge.capturing
    finally:
        bridge.close()
    assert all(s.closed for s in backend.outputs + backend.inputs)


def test_bridge_reports_a_stream_that_stops_calling_back() -> None:
    bridge, backend, lost = _bridge(watchdog_s=0.2)
    bridge.start()
    try:
        out = np.zeros(160, dtype=np.float32)
        for _ in range(25):  # the output runs, then stops
            backend.outputs[0].callback(out)
            backend.inputs[0].callback(out)
        deadline = time.monotonic() + 3
        while not lost and time.monotonic() < deadline:
            backend.inputs[0].callback(out)  # the input keeps running
            time.sleep(0.02)
        assert [w for w, _ in lost] == ["output"]
        assert "stopped delivering audio" in lost[0][1]
        assert backend.outputs[0].closed and bridge.capturing
    finally:
        bridge.close()


def test_bridge_reports_a_device_that_left_the_system() -> None:
    present = {"spk": True, "mic": True}
    backend = FakeBackend()
    lost: list[tuple[str, str]] = []
    bridge = SoundBridge(rate=RATE, backend=backend, inventory=FakeInventory(DEVICES),
                         on_lost=lambda w, d: lost.append((w, d)), presence_interval=0.05,
                         present=lambda device: present[device.id])  # fmt: skip
    bridge.start()
    try:
        present["mic"] = False
        deadline = time.monotonic() + 2
        while not lost and time.monotonic() < deadline:
            time.sleep(0.02)
        assert [w for w, _ in lost] == ["input"]
        assert not bridge.capturing  # the call now sends silence, not a moved microphone
    finally:
        bridge.close()


def test_bridge_without_any_device_raises_a_one_line_reason() -> None:
    from softdiag.media.bridge import BridgeError

    bridge = SoundBridge(rate=RATE, backend=FakeBackend(), inventory=FakeInventory(()))
    with pytest.raises(BridgeError, match="no output device; input: no input device"):
        bridge.start()


def test_drift_control_widens_its_margin_at_most_max_widen_times() -> None:
    drift = DriftControl(80, floor=120, widen_step=40, max_widen=2)
    for _ in range(200):
        drift.update(300)
    assert drift.setpoint is not None and drift.take_surplus() > 0
    for _ in range(3):
        drift.widen()
    assert drift.floor == 200 and drift.widened == 2
    assert drift.setpoint is None  # the level is learnt again above the new floor


def _jittery_media_clock(bridge: SoundBridge, backend: FakeBackend, seconds: float,
                         spikes: float, jitter: float = 0.002) -> list[float]:  # fmt: skip
    """The media clock writes 10 ms frames, late by up to ``jitter`` and now and then
    (``spikes`` of the frames) by 6 ms; the device reads 5 ms blocks 100 ppm fast. Returns
    the times of the underruns."""
    rng = np.random.default_rng(11)
    frame = np.full(160, 1000, dtype=np.int16)
    block = np.zeros(80, dtype=np.float32)
    kw = kr = 0
    underruns: list[float] = []
    while True:
        late = 0.006 if rng.random() < spikes else rng.uniform(0, jitter)
        t_write = kw * 0.010 + late
        t_read = 0.003 + kr * 0.005 / 1.0001
        if min(t_write, t_read) > seconds:
            return underruns
        if t_write <= t_read:
            bridge.play(frame)
            kw += 1
        else:
            before = bridge.underruns
            backend.outputs[0].callback(block)
            if bridge.underruns > before:
                underruns.append(t_read)
            kr += 1


def test_bridge_margin_grows_to_the_jitter_it_sees_and_then_holds() -> None:
    bridge, backend, _lost = _bridge(frame_ms=10, target_ms=5.0, blocksize_ms=5.0)
    bridge.start()
    try:
        underruns = _jittery_media_clock(bridge, backend, 60.0, spikes=0.01)
    finally:
        bridge.close()
    assert 1 <= len(underruns) <= 4  # a few, while the margin widens to the spikes
    assert max(underruns) < 30.0  # and none in the second half
    assert bridge.widened == len(underruns)
    latency = bridge._out.drift.average
    assert latency is not None and latency / RATE * 1000 < 20.0  # not a blanket 60 ms


def test_bridge_survives_the_block_grids_slipping_past_each_other() -> None:
    """A steady clock still slips against a device 100 ppm fast: every 50 s one extra
    device read falls between two frames. The first slip may cost one underrun (the level
    was learnt at another phase); the widened margin covers the ones after it."""
    bridge, backend, _lost = _bridge(frame_ms=10, target_ms=5.0, blocksize_ms=5.0)
    bridge.start()
    try:
        underruns = _jittery_media_clock(bridge, backend, 120.0, spikes=0.0, jitter=0.0005)
    finally:
        bridge.close()
    assert len(underruns) <= 1 and bridge.widened <= 1
    latency = bridge._out.drift.average
    assert latency is not None and latency / RATE * 1000 < 20.0
