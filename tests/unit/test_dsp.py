"""softdiag.audio.dsp on synthetic signals: the figures the verdicts rest on."""

from __future__ import annotations

import json

import numpy as np
import pytest

from softdiag.audio import dsp

RATE = 48_000
rng = np.random.default_rng(7)


def noise(level_dbfs: float, seconds: float = 1.0) -> np.ndarray:
    return rng.standard_normal(round(RATE * seconds)) * dsp.db_to_amplitude(level_dbfs)


def test_a_minus_20_dbfs_sine_reads_minus_20_rms_and_minus_17_peak() -> None:
    x = dsp.tone(1000, 1.0, RATE, level_dbfs=-20.0, fade_s=0.0)
    assert dsp.rms_dbfs(x) == pytest.approx(-20.0, abs=0.5)
    assert dsp.peak_dbfs(x) == pytest.approx(-17.0, abs=0.1)


def test_full_scale_square_is_0_dbfs_and_full_scale_sine_minus_3() -> None:
    assert dsp.rms_dbfs(np.sign(np.sin(np.linspace(0, 20, 4800)))) == pytest.approx(0.0, abs=0.1)
    sine = np.sin(2 * np.pi * 1000 * np.arange(RATE) / RATE)
    assert dsp.rms_dbfs(sine) == pytest.approx(-3.01, abs=0.02)
    assert dsp.peak_dbfs(sine) == pytest.approx(0.0, abs=0.01)


def test_silence_and_empty_read_the_floor_not_minus_infinity() -> None:
    for x in (np.zeros(480), np.array([])):
        assert dsp.rms_dbfs(x) == dsp.FLOOR_DBFS
        assert dsp.peak_dbfs(x) == dsp.FLOOR_DBFS
    stats = dsp.level_stats(np.zeros(RATE), RATE)
    json.dumps([stats.rms_dbfs, stats.noise_floor_dbfs])  # finite: valid JSON


def test_digital_silence_versus_a_quiet_room() -> None:
    assert dsp.is_digital_silence(np.zeros(RATE))
    assert not dsp.is_digital_silence(noise(-90))  # -90 dBFS hiss is still a live converter
    assert not dsp.is_digital_silence(np.array([]))


def test_stuck_constant_is_a_flat_line_but_zeros_and_signals_are_not() -> None:
    assert dsp.is_stuck(np.full(RATE, 0.031))
    assert dsp.is_stuck(np.full(RATE, -0.5) + rng.integers(0, 2, RATE) / 32768)  # 1 LSB dither
    assert not dsp.is_stuck(np.zeros(RATE))  # that is digital silence, reported as such
    assert not dsp.is_stuck(noise(-60))
    assert dsp.dc_offset(np.full(100, 0.25)) == pytest.approx(0.25)


def test_longest_run_of_identical_samples() -> None:
    x = np.concatenate([noise(-30, 0.01), np.full(480, 0.2), noise(-30, 0.01)])
    assert dsp.longest_run(x) == 480
    assert dsp.longest_run(np.array([])) == 0


def test_clipping_ratio() -> None:
    clean = dsp.tone(1000, 1.0, RATE, level_dbfs=-6.0)
    assert dsp.clipping_ratio(clean) == 0.0
    hot = np.clip(4.0 * np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE), -1, 1)
    assert dsp.clipping_ratio(hot) > 0.5
    assert dsp.clipping_ratio(np.clip(hot * 32767, -32768, 32767) / 32768) > 0.5  # int16 capture


def test_noise_floor_is_the_quiet_part_under_speech_like_bursts() -> None:
    floor = noise(-60, 2.0)
    bursts = floor.copy()
    for start in range(0, bursts.size, RATE // 2):  # 250 ms "words" every 500 ms
        bursts[start : start + RATE // 4] += dsp.tone(300, 0.25, RATE, level_dbfs=-20)[
            : bursts[start : start + RATE // 4].size
        ]
    assert dsp.noise_floor_dbfs(bursts, RATE) == pytest.approx(-60, abs=2)
    stats = dsp.level_stats(bursts, RATE)
    assert stats.loud_dbfs == pytest.approx(-20, abs=2)


def test_spectral_flatness_tells_noise_from_tones() -> None:
    assert dsp.spectral_flatness(noise(-30)) > 0.8
    assert dsp.spectral_flatness(dsp.tone(1000, 1.0, RATE)) < 0.05
    hot = np.clip(4.0 * np.sin(2 * np.pi * 440 * np.arange(RATE) / RATE), -1, 1)
    assert dsp.spectral_flatness(hot) < 0.1  # a clipped tone is harmonics, not noise
    assert dsp.spectral_flatness(np.zeros(RATE)) == 0.0


def test_sweep_level_and_band() -> None:
    x = dsp.sweep(300, 3400, 1.0, RATE, level_dbfs=-12)
    assert dsp.rms_dbfs(x[RATE // 10 : -RATE // 10]) == pytest.approx(-12, abs=0.5)
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(x.size, 1 / RATE)
    in_band = spectrum[(freqs > 300) & (freqs < 3400)].sum()
    assert in_band / spectrum.sum() > 0.9


def test_coupling_finds_a_delayed_attenuated_copy_in_noise() -> None:
    ref = dsp.sweep(300, 3400, 1.0, RATE, level_dbfs=-12)
    delay = 2345
    capture = noise(-50, 2.0)
    capture[delay : delay + ref.size] += ref * dsp.db_to_amplitude(-20)
    found = dsp.detect_coupling(ref, capture)
    assert found.detected()
    assert found.lag == delay
    assert found.gain_db == pytest.approx(-20, abs=0.5)
    assert found.coefficient > 0.9


def test_coupling_of_a_loopback_is_perfect() -> None:
    ref = dsp.sweep(300, 3400, 0.5, RATE)
    capture = np.concatenate([np.zeros(1000), ref, np.zeros(500)])
    found = dsp.detect_coupling(ref, capture)
    assert found.lag == 1000
    assert found.coefficient == pytest.approx(1.0, abs=1e-6)
    assert found.gain_db == pytest.approx(0.0, abs=0.01)


@pytest.mark.parametrize(
    "capture",
    [
        pytest.param(np.zeros(2 * RATE), id="digital silence"),
        pytest.param(noise(-30, 2.0), id="noise"),
        pytest.param(dsp.tone(1000, 2.0, RATE, level_dbfs=-10), id="another tone"),
        pytest.param(np.full(2 * RATE, 0.2), id="DC"),
    ],
)
def test_no_coupling_without_the_reference(capture: np.ndarray) -> None:
    ref = dsp.sweep(300, 3400, 1.0, RATE)
    assert not dsp.detect_coupling(ref, capture).detected()


def test_coupling_with_too_short_a_capture_is_none() -> None:
    ref = dsp.sweep(300, 3400, 1.0, RATE)
    assert dsp.detect_coupling(ref, ref[:100]).coefficient == 0.0
