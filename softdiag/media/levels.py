"""Call meter DSP that softdiag.audio.dsp does not have: PCM conversion, peak hold, readings.

The level figures themselves (RMS, peak, digital silence, flat line, clipping) come from
:mod:`softdiag.audio.dsp`, so the device check and the call meters agree to the decibel.
This module adds what a *live* meter needs on top:

- :func:`pcm16_to_float`: pjsua2 frames are 16-bit little-endian PCM; dsp wants floats in
  [-1, 1] (full scale 32768, like PortAudio's int16 to float32).
- :class:`PeakHold`: the marker on a meter that keeps the highest recent peak for
  ``hold_s`` and then falls at ``decay_db_per_s`` (IEC 60268-18 style). Pure: the time is
  passed in.
- :func:`reading`: one :class:`~softdiag.events.LevelReading` from a window of samples.
- :class:`ToneSource`: the generated test signal, phase-continuous across frames.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from softdiag.audio import dsp
from softdiag.events import LevelReading

__all__ = [
    "FLOOR_DBFS",
    "PeakHold",
    "ToneSource",
    "float_to_pcm16",
    "pcm16_to_float",
    "reading",
]

FLOOR_DBFS = dsp.FLOOR_DBFS
PCM16_SCALE = 32768.0


def pcm16_to_float(x: npt.ArrayLike) -> npt.NDArray[np.float32]:
    return np.asarray(x, dtype=np.float32) / np.float32(PCM16_SCALE)


def float_to_pcm16(
    x: npt.ArrayLike, out: npt.NDArray[np.int16] | None = None
) -> npt.NDArray[np.int16]:
    """Round to 16 bit with saturation (a clipped sample stays at full scale, no wrap)."""
    a = np.clip(np.rint(np.asarray(x, dtype=np.float64) * PCM16_SCALE), -32768, 32767)
    if out is None:
        return a.astype(np.int16)
    out[...] = a
    return out


class PeakHold:
    """Holds the highest peak for ``hold_s``, then lets it fall at ``decay_db_per_s``."""

    def __init__(self, hold_s: float = 1.5, decay_db_per_s: float = 20.0) -> None:
        self.hold_s = hold_s
        self.decay_db_per_s = decay_db_per_s
        self._level = FLOOR_DBFS
        self._since = 0.0  # when the held peak was set

    def update(self, peak_dbfs: float, now: float) -> float:
        held = self.value(now)
        if peak_dbfs >= held:
            self._level, self._since = peak_dbfs, now
            return peak_dbfs
        return held

    def value(self, now: float) -> float:
        age = now - self._since - self.hold_s
        if age <= 0:
            return self._level
        return max(FLOOR_DBFS, self._level - age * self.decay_db_per_s)

    def reset(self) -> None:
        self._level, self._since = FLOOR_DBFS, 0.0


def reading(samples: npt.ArrayLike, hold: PeakHold, now: float) -> LevelReading:
    """The meter figures of one window of float samples (full scale 1.0)."""
    x = np.asarray(samples)
    peak = dsp.peak_dbfs(x)
    return LevelReading(
        rms_dbfs=round(dsp.rms_dbfs(x), 2),
        peak_dbfs=round(peak, 2),
        peak_hold_dbfs=round(hold.update(peak, now), 2),
        clipping=dsp.clipping_ratio(x) > 0.0,
        silent=dsp.is_digital_silence(x),
        stuck=dsp.is_stuck(x),
    )


class ToneSource:
    """A steady sine (RMS ``level_dbfs``) delivered frame by frame without phase jumps.

    One second of :func:`softdiag.audio.dsp.tone` holds a whole number of periods for any
    integer frequency, so looping over it is seamless; frames are copied out of it without
    allocating.
    """

    def __init__(self, rate: int, frequency: float = 1000.0, level_dbfs: float = -20.0) -> None:
        if frequency != int(frequency) or not 0 < frequency < rate / 2:
            raise ValueError(f"the test tone must be a whole number of Hz below {rate // 2}")
        self.rate = rate
        self.frequency = frequency
        self.level_dbfs = level_dbfs
        table = dsp.tone(frequency, 1.0, rate, level_dbfs=level_dbfs, fade_s=0.0)
        self._table = float_to_pcm16(table)
        self._pos = 0

    def read(self, out: npt.NDArray[np.int16]) -> None:
        n, size = out.size, self._table.size
        pos = self._pos
        first = min(n, size - pos)
        out[:first] = self._table[pos : pos + first]
        if first < n:  # wraps (frames are much shorter than the table)
            out[first:] = self._table[: n - first]
        self._pos = (pos + n) % size
