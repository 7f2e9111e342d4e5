"""The audio path of one call, between pjsua2's media port and everything else.

pjsua2 calls the port every frame (:data:`FRAME_MS`) from pjmedia's clock thread (FACTS.md): once for the
frame we send (:meth:`MediaTap.next_tx`) and once with the frame we received
(:meth:`MediaTap.put_rx`). Those two methods only copy samples: into the meter history
rings, out of the test-signal table, and to/from the device bridge's FIFOs. No allocation,
no logging, no events, no locks: the meter thread and the bridge read the rings on their
own time.

The tap has no pjsua2 in it, so the whole path can be driven by a test or a benchmark with
a fake clock.
"""

from __future__ import annotations

from typing import Literal, Protocol

import numpy as np
import numpy.typing as npt

from softdiag.audio.ring import SampleRing

from .levels import ToneSource

__all__ = ["FRAME_MS", "DeviceBridge", "MediaTap", "TxSource"]

# pjmedia's conference bridge frame (pjsua's audioFramePtime; its default is 20 ms). Every
# millisecond of it is paid twice by a call on real devices: the bridge's FIFOs must hold
# a whole frame each way. At 10 ms the port is called 200 times a second instead of 100
# (about 0.7 % of a core more in a test call), and the round trip through the device
# bridge went from 45-58 ms to 28-33 ms (`softdiag bench media`, with media.bridge's
# adaptive jitter margin).
FRAME_MS = 10

TxSource = Literal["test-signal", "device", "silence"]


class DeviceBridge(Protocol):
    """What the tap needs of the sound-device bridge (softdiag.media.bridge)."""

    @property
    def capturing(self) -> bool: ...

    def capture_into(self, out: npt.NDArray[np.int16]) -> None: ...

    def play(self, frame: npt.NDArray[np.int16]) -> None: ...


class MediaTap:
    def __init__(
        self,
        *,
        rate: int = 16000,
        ptime_ms: int = FRAME_MS,
        tone_hz: int = 1000,
        tone_dbfs: float = -20.0,
        history_s: float = 2.0,
    ) -> None:
        self.rate = rate
        self.frame = rate * ptime_ms // 1000
        self.tx_history = SampleRing(int(rate * history_s))
        self.rx_history = SampleRing(int(rate * history_s))
        self.tone = ToneSource(rate, tone_hz, tone_dbfs)
        self._tx = np.zeros(self.frame, dtype=np.int16)
        self.rx_buffer = np.zeros(self.frame * 4, dtype=np.int16)  # the port copies in here
        self.bridge: DeviceBridge | None = None
        self.fallback: TxSource = "test-signal"  # what to send without a capturing device
        self.frames_tx = 0
        self.frames_rx = 0

    @property
    def source(self) -> TxSource:
        bridge = self.bridge
        return "device" if bridge is not None and bridge.capturing else self.fallback

    # -- the media clock thread ---------------------------------------------------------

    def next_tx(self) -> npt.NDArray[np.int16]:
        """The next frame to send; also recorded for the TX meter."""
        out = self._tx
        bridge = self.bridge
        if bridge is not None and bridge.capturing:
            bridge.capture_into(out)
        elif self.fallback == "test-signal":
            self.tone.read(out)
        else:
            out[:] = 0
        self.tx_history.write(out)
        self.frames_tx += 1
        return out

    def put_rx(self, samples: int) -> None:
        """``samples`` were copied into :attr:`rx_buffer` (0: nothing came: silence)."""
        if samples <= 0:
            frame = self.rx_buffer[: self.frame]
            frame[:] = 0
        else:
            frame = self.rx_buffer[:samples]
        self.rx_history.write(frame)
        bridge = self.bridge
        if bridge is not None:
            bridge.play(frame)
        self.frames_rx += 1
