"""PulseAudio streams through libpulse's own clients, ``pacat`` and ``parec``.

Why not PortAudio here: PortAudio reaches PulseAudio (and PipeWire's pulse server) only
through ALSA's ``pulse`` plugin, and that plugin does not ask the server for a low
latency. A sink that renders in large blocks then pulls audio in bursts: measured on the
lab's null sinks, an output stream got 3 callbacks, then nothing for 2 s, again and again.
``pacat``/``parec`` (Debian ``pulseaudio-utils``, the lab needs it anyway) request
``--latency-msec`` with ``PA_STREAM_ADJUST_LATENCY``, and the sink follows.

Both streams implement :class:`softdiag.audio.runner.AudioBackend`'s stream interface:

- output: a writer thread keeps at least ``pipe_ms`` of audio in the pipe to ``pacat`` (the
  pipe's fill, read with ``FIONREAD``, drains at the device's clock); whenever it is below
  that, it asks ``fill`` for one block and writes it: the same device-clocked callback
  PortAudio would make. Half a block is enough: ``pacat`` moves the pipe into the server's
  buffer (``--latency-msec``) as soon as there is room, and more in the pipe is only delay
  (measured: a 5 ms level added 3-6 ms round trip and no fewer server underruns).
- input: a reader thread reads ``parec``'s output in blocks as the device delivers them.

A device that disappears (unplugged, sink unloaded) makes ``pacat``/``parec`` exit with
"Stream error": the threads stop calling back, which the bridge's watchdog reports.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import subprocess
import termios
import threading
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from softdiag.audio.runner import DeviceOpenError
from softdiag.events import DeviceInfo

__all__ = ["PulseBackend", "pulse_usable"]

Block = npt.NDArray[np.float32]
F_SETPIPE_SZ = 1031  # Linux fcntl: the smallest pipe is one page
SCALE = 32768.0


def pulse_usable() -> bool:
    return shutil.which("pacat") is not None and shutil.which("parec") is not None


def _pipe_fill(fd: int) -> int:
    buf = bytearray(4)
    fcntl.ioctl(fd, termios.FIONREAD, buf)
    return int.from_bytes(buf, "little", signed=True)


class _ProcessStream:
    def __init__(self, argv: list[str], target: Callable[[subprocess.Popen[bytes]], None]) -> None:
        self._argv = argv
        self._target = target
        self._proc: subprocess.Popen[bytes] | None = None
        self._thread: threading.Thread | None = None
        self._log_thread: threading.Thread | None = None
        self.stop = threading.Event()
        # The sound server's own glitches, as pacat/parec --verbose report them: audio the
        # device played as silence (underrun) or dropped (overrun) behind the bridge's FIFOs.
        self.device_underruns = 0
        self.device_overruns = 0

    def start(self) -> None:
        try:
            self._proc = subprocess.Popen(
                self._argv,
                stdin=subprocess.PIPE if "--playback" in self._argv else subprocess.DEVNULL,
                stdout=subprocess.PIPE if "--record" in self._argv else subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                bufsize=0,
            )
        except OSError as exc:
            raise DeviceOpenError(f"{self._argv[0]}: {exc.strerror}") from None
        for pipe in (self._proc.stdin, self._proc.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    fcntl.fcntl(pipe.fileno(), F_SETPIPE_SZ, 4096)
        self._thread = threading.Thread(
            target=self._target, args=(self._proc,), name="softdiag-pulse", daemon=True
        )
        self._thread.start()
        self._log_thread = threading.Thread(
            target=self._read_log, args=(self._proc,), name="softdiag-pulse-log", daemon=True
        )
        self._log_thread.start()

    def _read_log(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stderr is not None
        with contextlib.suppress(OSError, ValueError):
            for line in proc.stderr:
                if line.startswith(b"Stream underrun"):
                    self.device_underruns += 1
                elif line.startswith(b"Stream overrun"):
                    self.device_overruns += 1

    def close(self) -> None:
        self.stop.set()
        proc = self._proc
        if proc is not None:
            with contextlib.suppress(OSError):
                proc.terminate()
            try:
                proc.wait(2.0)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(2.0)
            for pipe in (proc.stdin, proc.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
        for thread in (self._thread, self._log_thread):
            if thread is not None and thread is not threading.current_thread():
                thread.join(2.0)
        if proc is not None and proc.stderr is not None:
            with contextlib.suppress(OSError):
                proc.stderr.close()


class PulseBackend:
    """Mono 16-bit streams on named PulseAudio sinks and sources."""

    def __init__(
        self, *, blocksize_s: float = 0.005, pipe_ms: float | None = None, latency_ms: int = 5
    ) -> None:
        if not pulse_usable():
            raise DeviceOpenError("pacat/parec are missing (Debian: pulseaudio-utils)")
        self.blocksize_s = blocksize_s
        self.pipe_ms = blocksize_s * 500 if pipe_ms is None else pipe_ms
        self.latency_ms = latency_ms

    def _argv(self, mode: str, device: DeviceInfo, rate: int, latency_ms: int) -> list[str]:
        program = "pacat" if mode == "--playback" else "parec"
        return [
            shutil.which(program) or program, mode, f"--device={device.id}",
            "--format=s16le", f"--rate={rate}", "--channels=1", "--raw",
            f"--latency-msec={latency_ms}", "--client-name=softdiag", "--verbose",
            "--stream-name=softdiag call",
        ]  # fmt: skip

    def open_output(self, device: DeviceInfo, rate: int, fill: Callable[[Block], None]) -> Any:
        block = max(1, round(rate * self.blocksize_s))
        pipe_bytes = int(rate * self.pipe_ms / 1000) * 2
        out = np.zeros(block, dtype=np.float32)
        pcm = np.zeros(block, dtype=np.int16)
        stream: _ProcessStream

        def writer(proc: subprocess.Popen[bytes]) -> None:
            assert proc.stdin is not None
            fd = proc.stdin.fileno()
            try:
                while not stream.stop.is_set() and proc.poll() is None:
                    if _pipe_fill(fd) >= pipe_bytes:
                        time.sleep(0.002)  # the device drains it at its own clock
                        continue
                    fill(out)
                    np.clip(np.rint(out * SCALE), -32768, 32767, out=out)
                    pcm[:] = out
                    os.write(fd, pcm.tobytes())
            except (OSError, ValueError):
                return  # pacat is gone: the device went away or we closed

        stream = _ProcessStream(self._argv("--playback", device, rate, self.latency_ms), writer)
        return stream

    def open_input(self, device: DeviceInfo, rate: int, on_block: Callable[[Block], None]) -> Any:
        nbytes = max(1, round(rate * self.blocksize_s)) * 2

        def reader(proc: subprocess.Popen[bytes]) -> None:
            assert proc.stdout is not None
            fd = proc.stdout.fileno()
            pending = b""
            try:
                while not stream.stop.is_set():
                    chunk = os.read(fd, nbytes - len(pending))
                    if not chunk:
                        return  # parec exited
                    pending += chunk
                    if len(pending) < nbytes:
                        continue
                    block = np.frombuffer(pending, dtype="<i2").astype(np.float32) / SCALE
                    pending = b""
                    on_block(block)
            except (OSError, ValueError):
                return

        stream = _ProcessStream(
            self._argv("--record", device, rate, max(5, self.latency_ms // 2)), reader
        )
        return stream
