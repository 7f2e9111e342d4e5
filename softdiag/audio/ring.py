"""Preallocated sample buffers shared between an audio callback and a reader thread.

Audio callbacks (pjmedia's clock thread, PortAudio's stream threads) must not allocate, log
or wait: they only copy samples into one of these. Each buffer has exactly one writer and
one reader thread. The writer copies the samples first and publishes the new position
after; Python's GIL makes that assignment atomic, so the reader never sees a position
whose samples are not there yet.

- :class:`SampleRing` keeps the newest ``capacity`` samples for meters: the reader asks
  for the latest N, and old samples are simply overwritten.
- :class:`SampleFifo` is a first-in-first-out queue between two clocks (the bridge): it
  counts underruns (the reader wanted more than there was) and overruns (the writer found
  it full and dropped the oldest audio).
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

__all__ = ["SampleFifo", "SampleRing"]


class SampleRing:
    def __init__(self, capacity: int, dtype: npt.DTypeLike = np.int16) -> None:
        self._buf = np.zeros(capacity, dtype=dtype)
        self.capacity = capacity
        self.total = 0  # samples ever written; the write position is total % capacity

    def write(self, x: npt.NDArray[np.generic]) -> None:
        size = x.size
        n = min(size, self.capacity)  # more than fits: only the newest samples matter
        x = x[size - n :]
        start = (self.total + size - n) % self.capacity
        first = min(n, self.capacity - start)
        self._buf[start : start + first] = x[:first]
        if first < n:
            self._buf[: n - first] = x[first:]
        self.total += size  # published last

    def latest(self, n: int) -> npt.NDArray[np.generic]:
        """A copy of the newest ``n`` samples (fewer if fewer were ever written)."""
        total = self.total
        n = min(n, total, self.capacity)
        end = total % self.capacity
        if n <= end:
            return self._buf[end - n : end].copy()
        return np.concatenate((self._buf[self.capacity - (n - end) :], self._buf[:end]))


class SampleFifo:
    def __init__(self, capacity: int, dtype: npt.DTypeLike = np.int16) -> None:
        self._buf = np.zeros(capacity, dtype=dtype)
        self.capacity = capacity
        self._written = 0  # by the writer only
        self._read = 0  # by the reader only
        self.underruns = 0  # reads that found too little (counted by the reader)
        self.overruns = 0  # samples the writer had to drop (counted by the writer)
        self.dropped = 0  # samples dropped on purpose (drift control), by the reader

    def available(self) -> int:
        return self._written - self._read

    def write(self, x: npt.NDArray[np.generic]) -> None:
        n = x.size
        free = self.capacity - self.available()
        if n > free:  # full: keep the newest audio, count what is lost
            self.overruns += 1
            n = min(n, free)
            x = x[x.size - n :] if n else x[:0]
        if n == 0:
            return
        start = self._written % self.capacity
        first = min(n, self.capacity - start)
        self._buf[start : start + first] = x[:first]
        if first < n:
            self._buf[: n - first] = x[first:]
        self._written += n

    def read(self, out: npt.NDArray[np.generic]) -> int:
        """Fill ``out`` from the queue; zero-fills and counts an underrun when short."""
        n = min(out.size, self.available())
        start = self._read % self.capacity
        first = min(n, self.capacity - start)
        out[:first] = self._buf[start : start + first]
        if first < n:
            out[first:n] = self._buf[: n - first]
        self._read += n
        if n < out.size:
            out[n:] = 0
            self.underruns += 1
        return n

    def skip(self, n: int) -> int:
        """Drop up to ``n`` of the oldest samples (reader side; drift control)."""
        n = max(0, min(n, self.available()))
        self._read += n
        self.dropped += n
        return n

    def clear(self) -> None:
        """Reader side: forget everything queued."""
        self._read = self._written
