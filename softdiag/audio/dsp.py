"""Pure DSP for the device check and the call meters: levels, flat lines, clipping, coupling.

Everything here is a pure function of numpy arrays of float samples in [-1, 1] (full scale
= 1.0, the convention of PortAudio's float32 and of pjsua2 frames divided by 32768). No
I/O, no clock, no state: the device check, the live meters and the media analysis call the
same functions, and the unit tests feed them synthetic signals.

Levels are in dBFS relative to a full-scale *square* wave: RMS of a full-scale sine is
-3.01 dBFS and its peak 0 dBFS (AES17 would add 3.01 dB to the RMS; telephony meters and
most tools do not). So a sine of amplitude 0.1 reads -20 dBFS peak and -23 dBFS RMS, and a
sine whose RMS is -20 dBFS peaks at -17 dBFS.

Silence is clamped to :data:`FLOOR_DBFS` instead of -inf, so every figure stays a finite
JSON number (events must round-trip losslessly, and JSON has no infinity).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

__all__ = [
    "CLIP_LEVEL",
    "FLOOR_DBFS",
    "Coupling",
    "LevelStats",
    "clipping_ratio",
    "db_to_amplitude",
    "dc_offset",
    "detect_coupling",
    "is_digital_silence",
    "is_stuck",
    "level_stats",
    "longest_run",
    "noise_floor_dbfs",
    "peak_dbfs",
    "rms_dbfs",
    "spectral_flatness",
    "sweep",
    "tone",
    "window_rms_dbfs",
]

Samples = npt.NDArray[np.floating]
FLOOR_DBFS = -120.0  # what silence reads: below any real converter's noise (24 bit: -144)
CLIP_LEVEL = 0.999  # |x| at or above this counts as clipped (int16 full scale is 0.99997)
_EPS = 10 ** (FLOOR_DBFS / 20)


def _as_float(x: npt.ArrayLike) -> npt.NDArray[np.float64]:
    return np.asarray(x, dtype=np.float64).reshape(-1)


def _to_db(amplitude: float) -> float:
    return float(max(FLOOR_DBFS, 20.0 * np.log10(max(amplitude, _EPS))))


def db_to_amplitude(dbfs: float) -> float:
    return float(10 ** (dbfs / 20.0))


def rms_dbfs(x: npt.ArrayLike) -> float:
    """RMS level in dBFS (square-wave reference); :data:`FLOOR_DBFS` for silence or empty."""
    a = _as_float(x)
    if a.size == 0:
        return FLOOR_DBFS
    return _to_db(float(np.sqrt(np.mean(a * a))))


def peak_dbfs(x: npt.ArrayLike) -> float:
    a = _as_float(x)
    return FLOOR_DBFS if a.size == 0 else _to_db(float(np.max(np.abs(a))))


def dc_offset(x: npt.ArrayLike) -> float:
    a = _as_float(x)
    return float(np.mean(a)) if a.size else 0.0


def is_digital_silence(x: npt.ArrayLike) -> bool:
    """Every sample exactly zero: a muted or dead capture path, not a quiet room.

    A real microphone and converter always deliver some noise (a few LSB at least), so exact
    zeros come from software: a muted source, a null device, a stopped stream padded by the
    driver.
    """
    a = _as_float(x)
    return a.size > 0 and not np.any(a)


def is_stuck(x: npt.ArrayLike, tolerance: float = 1.5 / 32768) -> bool:
    """Every sample equal to one non-zero value (within ~1 LSB of 16 bit): a flat line.

    A "stuck" converter or a driver repeating its last sample shows a constant (DC) signal;
    on the far end it sounds exactly like digital silence.
    """
    a = _as_float(x)
    if a.size == 0 or not np.any(a):
        return False
    return float(np.max(a) - np.min(a)) <= tolerance


def longest_run(x: npt.ArrayLike) -> int:
    """The longest run of identical consecutive samples (a stuck stretch inside a capture)."""
    a = _as_float(x)
    if a.size == 0:
        return 0
    change = np.flatnonzero(np.diff(a) != 0)
    edges = np.concatenate(([-1], change, [a.size - 1]))
    return int(np.max(np.diff(edges)))


def clipping_ratio(x: npt.ArrayLike, level: float = CLIP_LEVEL) -> float:
    """Share of samples at or beyond full scale (0..1)."""
    a = _as_float(x)
    return float(np.mean(np.abs(a) >= level)) if a.size else 0.0


def window_rms_dbfs(x: npt.ArrayLike, rate: int, window_s: float = 0.02) -> npt.NDArray[np.float64]:
    """RMS level of consecutive windows (20 ms: one RTP packet), in dBFS."""
    a = _as_float(x)
    n = max(1, round(rate * window_s))
    count = a.size // n
    if count == 0:
        return np.array([rms_dbfs(a)]) if a.size else np.array([], dtype=np.float64)
    frames = a[: count * n].reshape(count, n)
    rms = np.sqrt(np.mean(frames * frames, axis=1))
    levels: npt.NDArray[np.float64] = np.maximum(FLOOR_DBFS, 20.0 * np.log10(np.maximum(rms, _EPS)))
    return levels


def noise_floor_dbfs(x: npt.ArrayLike, rate: int, percentile: float = 10.0) -> float:
    """The level of the quiet parts: a low percentile of the 20 ms window levels.

    Speech pauses are at least 10 % of normal speech, so the 10th percentile is the noise
    under the speech, not the speech.
    """
    levels = window_rms_dbfs(x, rate)
    return float(np.percentile(levels, percentile)) if levels.size else FLOOR_DBFS


def spectral_flatness(x: npt.ArrayLike, segment: int = 1024) -> float:
    """Wiener entropy of the averaged power spectrum: ~1 for white noise, ~0 for a tone.

    Averaging the periodograms of Hann-windowed segments (Welch) first keeps the estimate
    stable: a single periodogram of white noise reads only ~0.56.
    """
    a = _as_float(x)
    if a.size < segment:
        segment = max(16, 1 << int(np.log2(max(a.size, 16))))
        if a.size < segment:
            return 0.0
    count = a.size // segment
    frames = a[: count * segment].reshape(count, segment) * np.hanning(segment)
    power = np.mean(np.abs(np.fft.rfft(frames, axis=1)) ** 2, axis=0)[1:]  # no DC bin
    if not np.any(power):
        return 0.0
    power = np.maximum(power, 1e-30)
    return float(np.exp(np.mean(np.log(power))) / np.mean(power))


@dataclass(frozen=True, slots=True)
class LevelStats:
    """The figures the verdict rules and the meters need from one stretch of samples."""

    samples: int
    rms_dbfs: float
    peak_dbfs: float
    noise_floor_dbfs: float
    loud_dbfs: float  # 90th percentile of the 20 ms levels: the speech (or tone) level
    clipping: float  # share of clipped samples, 0..1
    dc: float
    silent: bool  # digital silence: every sample is 0
    stuck: bool  # every sample is the same non-zero value
    longest_run: int
    flatness: float


def level_stats(x: npt.ArrayLike, rate: int) -> LevelStats:
    a = _as_float(x)
    levels = window_rms_dbfs(a, rate)
    return LevelStats(
        samples=int(a.size),
        rms_dbfs=rms_dbfs(a),
        peak_dbfs=peak_dbfs(a),
        noise_floor_dbfs=float(np.percentile(levels, 10)) if levels.size else FLOOR_DBFS,
        loud_dbfs=float(np.percentile(levels, 90)) if levels.size else FLOOR_DBFS,
        clipping=clipping_ratio(a),
        dc=dc_offset(a),
        silent=is_digital_silence(a),
        stuck=is_stuck(a),
        longest_run=longest_run(a),
        flatness=spectral_flatness(a),
    )


# -- test signals ----------------------------------------------------------------------


def _fade(signal: npt.NDArray[np.float64], rate: int, fade_s: float) -> npt.NDArray[np.float64]:
    # Raised-cosine edges: a hard start clicks, and a click correlates with anything.
    n = min(signal.size // 2, round(rate * fade_s))
    if n > 0:
        ramp = 0.5 - 0.5 * np.cos(np.linspace(0.0, np.pi, n))
        signal[:n] *= ramp
        signal[-n:] *= ramp[::-1]
    return signal


def tone(
    frequency: float,
    duration_s: float,
    rate: int,
    *,
    level_dbfs: float = -20.0,
    fade_s: float = 0.01,
) -> npt.NDArray[np.float32]:
    """A sine whose RMS is ``level_dbfs`` (so it peaks 3.01 dB higher)."""
    n = round(duration_s * rate)
    amplitude = db_to_amplitude(level_dbfs) * np.sqrt(2.0)
    t = np.arange(n) / rate
    return _fade(amplitude * np.sin(2 * np.pi * frequency * t), rate, fade_s).astype(np.float32)


def sweep(
    start_hz: float,
    stop_hz: float,
    duration_s: float,
    rate: int,
    *,
    level_dbfs: float = -20.0,
    fade_s: float = 0.02,
) -> npt.NDArray[np.float32]:
    """A logarithmic sine sweep (RMS ``level_dbfs``).

    The check plays a sweep rather than a steady tone because its autocorrelation has one
    sharp peak: cross-correlating the capture with it gives an unambiguous delay, where a
    steady tone would match at every period.
    """
    n = round(duration_s * rate)
    t = np.arange(n) / rate
    k = np.log(stop_hz / start_hz)
    phase = 2 * np.pi * start_hz * duration_s / k * (np.exp(t * k / duration_s) - 1.0)
    amplitude = db_to_amplitude(level_dbfs) * np.sqrt(2.0)
    return _fade(amplitude * np.sin(phase), rate, fade_s).astype(np.float32)


# -- coupling --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Coupling:
    """How strongly a played reference shows up in a capture, and where."""

    coefficient: float  # normalised cross-correlation at the best lag, 0..1
    lag: int  # samples from the capture's start to where the reference begins
    gain_db: float  # level of the reference in the capture relative to the played level
    prominence: float  # best peak over the median correlation: >> 1 for a real match

    def detected(self, threshold: float = 0.3, min_prominence: float = 8.0) -> bool:
        return self.coefficient >= threshold and self.prominence >= min_prominence


def _next_pow2(n: int) -> int:
    return 1 << (max(1, n) - 1).bit_length()


def detect_coupling(reference: npt.ArrayLike, capture: npt.ArrayLike) -> Coupling:
    """Find ``reference`` inside ``capture`` by normalised cross-correlation (FFT).

    The coefficient at lag L is <ref, cap[L:L+N]> / (|ref| |cap[L:L+N]|): 1.0 for an exact
    (scaled) copy, about 1/sqrt(N) for unrelated noise. It is normalised per lag so a loud
    burst elsewhere in the capture cannot hide a quiet echo. Both clocks (output and input)
    may run a little apart; over a 1-2 s reference the drift costs little correlation.
    """
    ref = _as_float(reference)
    cap = _as_float(capture)
    n, m = ref.size, cap.size
    if n == 0 or m < n or not np.any(ref):
        return Coupling(coefficient=0.0, lag=0, gain_db=FLOOR_DBFS, prominence=0.0)
    size = _next_pow2(m + n)
    spectrum = np.fft.rfft(cap, size) * np.conj(np.fft.rfft(ref, size))
    corr = np.fft.irfft(spectrum, size)[: m - n + 1]  # corr[L] = sum ref[i] * cap[L + i]
    energy = np.concatenate(([0.0], np.cumsum(cap * cap)))
    window_energy = np.maximum(energy[n:] - energy[: m - n + 1], 0.0)
    ref_norm = float(np.sqrt(np.sum(ref * ref)))
    # A window of near-silence would divide by ~0 and fake a perfect match: floor it at the
    # energy of a -90 dBFS signal.
    floor = n * (10 ** (-90 / 20)) ** 2
    coeff = np.abs(corr) / (ref_norm * np.sqrt(np.maximum(window_energy, floor)))
    lag = int(np.argmax(coeff))
    best = float(min(1.0, coeff[lag]))
    median = float(np.median(coeff)) or 1e-12
    projection = float(corr[lag]) / (ref_norm * ref_norm)  # least-squares scale of ref in cap
    return Coupling(
        coefficient=best,
        lag=lag,
        gain_db=_to_db(abs(projection)),
        prominence=best / median,
    )
