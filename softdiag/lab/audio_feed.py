"""Feeds the audio lab's FIFO microphones with test audio, in real time.

Run by :class:`softdiag.lab.audio.AudioLab` as its own process (so the lab's microphones
work whichever process uses them): ``python -m softdiag.lab.audio_feed FIFO:SIGNAL ...``.

PulseAudio's ``module-pipe-source`` reads whatever is written to its FIFO as fast as it
comes, so the writer paces itself on the monotonic clock: 20 ms blocks, kept at most
100 ms ahead. Signals (s16le mono, 48 kHz):

- ``zeros``: digital silence (a dead microphone)
- ``room``: a quiet room, white noise at -65 dBFS RMS (a healthy microphone at rest)
- ``noise``: a steady hiss at -30 dBFS RMS (a broken microphone behind a high gain)
- ``clip``: a 440 Hz tone driven 12 dB past full scale and clipped (an overdriven input)
"""

from __future__ import annotations

import os
import signal
import sys
import time

import numpy as np

RATE = 48_000
BLOCK = RATE // 50  # 20 ms
AHEAD_S = 0.1


def block_source(kind: str, seed: int) -> object:
    rng = np.random.default_rng(seed)
    phase = 0

    def next_block() -> bytes:
        nonlocal phase
        if kind == "zeros":
            x = np.zeros(BLOCK)
        elif kind in ("room", "noise"):
            level = -65.0 if kind == "room" else -30.0
            x = rng.standard_normal(BLOCK) * 10 ** (level / 20)
        elif kind == "clip":
            t = (phase + np.arange(BLOCK)) / RATE
            x = np.clip(4.0 * np.sin(2 * np.pi * 440 * t), -1.0, 1.0)
        else:
            raise ValueError(f"unknown signal {kind!r}")
        phase += BLOCK
        return (np.clip(x * 32768, -32768, 32767).astype("<i2")).tobytes()

    return next_block


def main(argv: list[str]) -> int:
    feeds = []
    for i, spec in enumerate(argv):
        path, _, kind = spec.rpartition(":")
        # O_RDWR: never blocks waiting for a reader, and the pipe never reports EOF to it.
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
        feeds.append((fd, block_source(kind, seed=i), bytearray()))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    start = time.monotonic()
    written = 0  # blocks per feed
    while True:
        due = int((time.monotonic() - start + AHEAD_S) * RATE / BLOCK)
        while written < due:
            for fd, source, pending in feeds:
                pending.extend(source())  # type: ignore[operator]
                try:
                    sent = os.write(fd, pending)
                except BlockingIOError:
                    sent = 0  # nobody reads (the source is suspended): drop, do not hoard
                del pending[: sent if sent else len(pending)]
            written += 1
        time.sleep(BLOCK / RATE / 2)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
