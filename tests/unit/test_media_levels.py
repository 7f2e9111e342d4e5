"""Meter DSP: readings of known signals, peak hold, the test tone, the sample rings."""

from __future__ import annotations

import numpy as np
import pytest

from softdiag.audio import dsp
from softdiag.audio.ring import SampleFifo, SampleRing
from softdiag.media.levels import (
    FLOOR_DBFS,
    PeakHold,
    ToneSource,
    float_to_pcm16,
    pcm16_to_float,
    reading,
)
from softdiag.media.meter import WINDOW_S, LevelMeter
from softdiag.media.tap import MediaTap

RATE = 16000


def _window(x: np.ndarray) -> np.ndarray:
    """What the meter sees: 40 ms of 16-bit PCM, back to float."""
    return pcm16_to_float(float_to_pcm16(x[: int(RATE * 0.04)]))


def test_a_minus_20_dbfs_sine_reads_minus_20_rms_and_minus_17_peak() -> None:
    x = dsp.tone(1000, 0.5, RATE, level_dbfs=-20.0, fade_s=0.0)
    r = reading(_window(x), PeakHold(), 0.0)
    assert r.rms_dbfs == pytest.approx(-20.0, abs=0.5)
    assert r.peak_dbfs == pytest.approx(-17.0, abs=0.5)
    assert not (r.silent or r.stuck or r.clipping)


@pytest.mark.parametrize("frequency", [300, 440, 1000, 3400])
def test_levels_hold_across_the_voice_band(frequency: int) -> None:
    x = dsp.tone(frequency, 0.5, RATE, level_dbfs=-20.0, fade_s=0.0)
    assert reading(_window(x), PeakHold(), 0.0).rms_dbfs == pytest.approx(-20.0, abs=0.5)


def test_silence_is_flagged_and_reads_the_floor() -> None:
    r = reading(np.zeros(640, dtype=np.float32), PeakHold(), 0.0)
    assert r.silent and not r.stuck and not r.clipping
    assert r.rms_dbfs == FLOOR_DBFS


def test_a_stuck_constant_is_a_flat_line_not_silence() -> None:
    r = reading(np.full(640, 1234 / 32768, dtype=np.float32), PeakHold(), 0.0)
    assert r.stuck and not r.silent
    assert r.rms_dbfs == pytest.approx(20 * np.log10(1234 / 32768), abs=0.01)


def test_clipping_is_flagged() -> None:
    x = np.clip(3 * dsp.tone(1000, 0.1, RATE, level_dbfs=-6.0, fade_s=0.0), -1, 1)
    r = reading(_window(x), PeakHold(), 0.0)
    assert r.clipping
    assert r.peak_dbfs == pytest.approx(0.0, abs=0.01)


def test_noise_is_neither_silent_nor_flat_nor_clipping() -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(0, 0.01, 640)
    r = reading(_window(x), PeakHold(), 0.0)
    assert not (r.silent or r.stuck or r.clipping)
    assert r.rms_dbfs == pytest.approx(-40.0, abs=1.0)


def test_peak_hold_holds_then_decays() -> None:
    hold = PeakHold(hold_s=1.0, decay_db_per_s=20.0)
    assert hold.update(-10.0, 0.0) == -10.0
    assert hold.update(-30.0, 0.5) == -10.0  # held
    assert hold.update(-30.0, 1.5) == pytest.approx(-20.0)  # 0.5 s of decay
    assert hold.update(-5.0, 1.6) == -5.0  # a new peak replaces it at once
    assert hold.value(100.0) == FLOOR_DBFS


def test_pcm16_conversion_saturates_instead_of_wrapping() -> None:
    pcm = float_to_pcm16(np.array([0.0, 0.5, 1.5, -1.5]))
    assert pcm.tolist() == [0, 16384, 32767, -32768]
    assert pcm16_to_float(pcm)[1] == pytest.approx(0.5)


def test_tone_source_is_phase_continuous_across_frames() -> None:
    source = ToneSource(RATE, 1000, -20.0)
    frames = []
    for _ in range(60):  # 1.2 s: wraps the one-second table
        out = np.zeros(320, dtype=np.int16)
        source.read(out)
        frames.append(out)
    x = pcm16_to_float(np.concatenate(frames))
    expected = float_to_pcm16(dsp.tone(1000, 1.2, RATE, level_dbfs=-20.0, fade_s=0.0))
    assert np.max(np.abs(float_to_pcm16(x) - expected)) <= 1
    assert dsp.rms_dbfs(x) == pytest.approx(-20.0, abs=0.05)


def test_tone_source_rejects_frequencies_it_cannot_loop() -> None:
    with pytest.raises(ValueError, match="whole number"):
        ToneSource(RATE, 1000.5)


def test_sample_ring_keeps_the_newest_samples() -> None:
    ring = SampleRing(8)
    ring.write(np.arange(5, dtype=np.int16))
    assert ring.latest(3).tolist() == [2, 3, 4]
    ring.write(np.arange(5, 11, dtype=np.int16))  # wraps
    assert ring.latest(8).tolist() == [3, 4, 5, 6, 7, 8, 9, 10]
    assert ring.latest(100).size == 8
    ring.write(np.arange(20, dtype=np.int16))  # more than fits
    assert ring.latest(4).tolist() == [16, 17, 18, 19]
    assert ring.total == 31


def test_sample_fifo_counts_underruns_and_overruns() -> None:
    fifo = SampleFifo(8)
    fifo.write(np.arange(6, dtype=np.int16))
    out = np.zeros(4, dtype=np.int16)
    assert fifo.read(out) == 4 and out.tolist() == [0, 1, 2, 3]
    fifo.write(np.arange(10, 19, dtype=np.int16))  # 9 into 6 free: the oldest 3 are lost
    assert fifo.overruns == 1
    out = np.zeros(10, dtype=np.int16)
    assert fifo.read(out) == 8
    assert out.tolist() == [4, 5, 13, 14, 15, 16, 17, 18, 0, 0]
    assert fifo.underruns == 1
    fifo.write(np.arange(3, dtype=np.int16))
    assert fifo.skip(2) == 2 and fifo.available() == 1


def test_level_meter_measures_what_the_tap_sent_and_received() -> None:
    tap = MediaTap(rate=RATE, tone_hz=1000, tone_dbfs=-20.0)
    meter = LevelMeter(7, tap)
    for _ in range(5):
        frame = tap.next_tx()
        tap.rx_buffer[: frame.size] = frame // 10  # the far end, 20 dB quieter
        tap.put_rx(frame.size)
    levels = meter.measure(1.0)
    assert levels.call == 7
    assert levels.tx_source == "test-signal"
    assert levels.tx.rms_dbfs == pytest.approx(-20.0, abs=0.1)
    assert levels.rx.rms_dbfs == pytest.approx(-40.0, abs=0.2)
    for _ in range(round(WINDOW_S * RATE / tap.frame)):  # one meter window of frames
        tap.put_rx(0)  # a frame that never came is digital silence
    assert meter.measure(1.1).rx.silent
