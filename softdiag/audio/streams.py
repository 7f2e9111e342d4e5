"""Audio streams through sounddevice (PortAudio): the device check's and the meters' I/O.

Routing. On Linux PortAudio sees PulseAudio/PipeWire only as ALSA's ``pulse`` (or
``default``) device. The sink or source is chosen with ``PULSE_SINK`` / ``PULSE_SOURCE``,
which libpulse reads when the stream's context is created, i.e. while PortAudio opens the
stream; the variables are set under a lock for exactly that call and restored after.
Separate input and output streams: one full-duplex stream on ``pulse`` failed (FACTS.md).

Elsewhere (WASAPI, Core Audio, or the PortAudio fallback list) a device is found in
PortAudio's list by its index or its name.

Callbacks copy into the caller's buffer and return: no Qt, no logging, no allocation
beyond what sounddevice hands over.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
import numpy.typing as npt

from softdiag.events import DeviceInfo

from .runner import AudioStream, DeviceOpenError

__all__ = ["SoundDeviceBackend", "portaudio_device"]

Block = npt.NDArray[np.float32]
_ENV_LOCK = threading.Lock()


def _sounddevice() -> Any:
    try:
        import sounddevice
    except (ImportError, OSError) as exc:  # OSError: the PortAudio library is missing
        raise DeviceOpenError(f"PortAudio is not available: {exc}") from None
    return sounddevice


@contextlib.contextmanager
def _pulse_route(device: DeviceInfo) -> Iterator[None]:
    if device.host_api != "PulseAudio":
        yield
        return
    name = "PULSE_SINK" if device.direction == "output" else "PULSE_SOURCE"
    with _ENV_LOCK:
        previous = os.environ.get(name)
        os.environ[name] = device.id
        try:
            yield
        finally:
            if previous is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = previous


def portaudio_device(sd: Any, device: DeviceInfo) -> int | str:
    """PortAudio's index (or name) for ``device``."""
    kind = "max_output_channels" if device.direction == "output" else "max_input_channels"
    if device.host_api == "PulseAudio":
        for attempt in range(2):
            devices = list(sd.query_devices())
            for wanted in ("pulse", "pipewire", "default"):
                for i, d in enumerate(devices):
                    if d["name"] == wanted and d[kind] > 0:
                        return i
            if attempt == 0:
                # PortAudio lists devices once, when it starts: started while no sound
                # server answered, it has no 'pulse' device. Start it again, once.
                sd._terminate()
                sd._initialize()
        raise DeviceOpenError("PortAudio has no 'pulse' device (Debian: libasound2-plugins)")
    devices = list(sd.query_devices())
    props = dict(device.properties)
    if "portaudio.index" in props:
        return int(props["portaudio.index"])
    name = device.name.casefold()
    for i, d in enumerate(devices):
        pa_name = str(d["name"]).casefold()
        # MME cuts names at 31 characters; WASAPI and Core Audio give them whole.
        if d[kind] > 0 and (pa_name == name or (len(pa_name) >= 16 and name.startswith(pa_name))):
            return i
    raise DeviceOpenError(f"PortAudio does not list {device.name!r}")


class _Stream:
    def __init__(self, stream: Any) -> None:
        self._stream = stream
        # PortAudio's own glitches (callback status flags), behind the caller's buffers.
        self.device_underruns = 0
        self.device_overruns = 0

    def start(self) -> None:
        try:
            self._stream.start()
        except Exception as exc:
            raise DeviceOpenError(str(exc)) from None

    def close(self) -> None:
        self._stream.abort(ignore_errors=True)
        self._stream.close(ignore_errors=True)


class SoundDeviceBackend:
    """Opens mono float32 streams with 10 ms blocks and PortAudio's low latency."""

    def __init__(self, blocksize_s: float = 0.01) -> None:
        self._sd = _sounddevice()
        self._blocksize_s = blocksize_s

    def open_input(
        self, device: DeviceInfo, rate: int, on_block: Callable[[Block], None]
    ) -> AudioStream:
        def callback(indata: Block, frames: int, time: object, status: Any) -> None:
            if status.input_overflow:
                stream.device_overruns += 1
            on_block(indata[:, 0])

        stream = self._open(self._sd.InputStream, device, rate, callback)
        return stream

    def open_output(
        self, device: DeviceInfo, rate: int, fill: Callable[[Block], None]
    ) -> AudioStream:
        def callback(outdata: Block, frames: int, time: object, status: Any) -> None:
            if status.output_underflow:
                stream.device_underruns += 1
            fill(outdata[:, 0])

        stream = self._open(self._sd.OutputStream, device, rate, callback)
        return stream

    def _open(self, cls: Any, device: DeviceInfo, rate: int, callback: Any) -> _Stream:
        index = portaudio_device(self._sd, device)
        try:
            with _pulse_route(device):
                stream = cls(
                    device=index,
                    samplerate=rate,
                    channels=1,
                    dtype="float32",
                    blocksize=round(rate * self._blocksize_s),
                    latency="low",
                    callback=callback,
                )
        except Exception as exc:  # PortAudioError, ValueError for an unsupported format
            raise DeviceOpenError(str(exc)) from None
        return _Stream(stream)
