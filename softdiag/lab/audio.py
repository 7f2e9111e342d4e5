"""The audio lab: a private PulseAudio daemon with virtual handset, headset and speakers.

How it works (FACTS.md, "Audio"):

1. ``up()`` writes ``lab.pa`` into its own state directory and starts ``pulseaudio -n -F
   lab.pa`` as a child, with ``HOME``, ``XDG_RUNTIME_DIR`` and ``XDG_CONFIG_HOME`` inside
   that directory and its own socket (``unix:STATE/native``). A user's real sound server
   is never touched: clients reach the lab only through :attr:`AudioLab.server`
   (``PULSE_SERVER``).
2. Outputs are null sinks whose properties say what the OS would: ``device.form_factor`` =
   handset / headset / speaker, a description, a bus.
3. Microphones: ``handset_mic`` is the handset's own monitor remapped as a source, so
   whatever plays on the handset reaches it (electrical coupling). The others are
   ``module-pipe-source`` FIFOs fed in real time by :mod:`softdiag.lab.audio_feed` (one
   child process): a healthy quiet room (``headset_mic``), digital silence (``dead_mic``),
   a steady hiss (``noisy_mic``), an overdriven tone (``clipping_mic``), a healthy one muted
   at OS level (``muted_mic``), and one nobody feeds (``stalled_mic``: opens, never delivers).
4. ``down()`` stops exactly the two processes it started (its own children, so their PIDs
   cannot have been reused before it reaps them),
   which takes every virtual device with them, and removes the state directory.

Devices added at run time (:meth:`add_output`, for hot-plug tests) are modules of the
same daemon; :meth:`remove` unloads them.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

__all__ = ["MICROPHONES", "OUTPUTS", "AudioLab", "AudioLabError", "LabDevice"]


class AudioLabError(RuntimeError):
    """The audio lab cannot run here, with a one-line reason."""


@dataclass(frozen=True, slots=True)
class LabDevice:
    name: str  # PulseAudio sink/source name (DeviceInfo.id)
    description: str  # DeviceInfo.name
    form_factor: str  # as PulseAudio's device.form_factor spells it
    bus: str
    signal: str = ""  # microphones: what they deliver (audio_feed signal, or "coupled")


OUTPUTS = (
    LabDevice("handset", "USB Handset", "handset", "usb"),
    LabDevice("headset", "Headset Jack", "headset", "pci"),
    LabDevice("speaker", "Desk Speakers", "speaker", "pci"),
)
MICROPHONES = (
    LabDevice("handset_mic", "USB Handset Microphone", "handset", "usb", "coupled"),
    LabDevice("headset_mic", "Headset Microphone", "headset", "pci", "room"),
    LabDevice("dead_mic", "Dead Microphone", "microphone", "pci", "zeros"),
    LabDevice("noisy_mic", "Noisy Microphone", "microphone", "usb", "noise"),
    LabDevice("clipping_mic", "Overdriven Microphone", "microphone", "usb", "clip"),
    LabDevice("muted_mic", "Muted Microphone", "microphone", "pci", "room"),
    LabDevice("stalled_mic", "Stalled Microphone", "microphone", "usb", ""),
)
DEFAULT_OUTPUT = "speaker"
DEFAULT_INPUT = "headset_mic"


def _props(device: LabDevice) -> str:
    return (
        f"device.form_factor={device.form_factor} device.bus={device.bus} "
        f'device.description="{device.description}"'
    )


def _source_props(device: LabDevice) -> str:
    # The whole value in single quotes (one module argument); the description in double
    # quotes inside it (one property value with spaces).
    return f"source_properties='{_props(device)}'"


class AudioLab:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = Path(state_dir)
        self.socket = self.state_dir / "native"
        self.server = f"unix:{self.socket}"
        self._daemon: subprocess.Popen[bytes] | None = None
        self._feeder: subprocess.Popen[bytes] | None = None
        self._added: dict[str, int] = {}  # device name -> module index

    # -- life cycle ----------------------------------------------------------------

    def config(self) -> str:
        lines = [
            "# written by softdiag.lab.audio: a private daemon, removed by AudioLab.down()",
            f"load-module module-native-protocol-unix auth-anonymous=1 socket={self.socket}",
        ]
        for out in OUTPUTS:
            lines.append(
                f"load-module module-null-sink sink_name={out.name} rate=48000 "
                f"sink_properties='{_props(out)}'"
            )
        for mic in MICROPHONES:
            if mic.signal == "coupled":
                lines.append(
                    f"load-module module-remap-source source_name={mic.name} "
                    f"master=handset.monitor channels=1 {_source_props(mic)}"
                )
            else:
                fifo = self.state_dir / f"{mic.name}.fifo"
                lines.append(
                    f"load-module module-pipe-source source_name={mic.name} file={fifo} "
                    f"format=s16le rate=48000 channels=1 {_source_props(mic)}"
                )
        lines += [
            "set-source-mute muted_mic 1",
            f"set-default-sink {DEFAULT_OUTPUT}",
            f"set-default-source {DEFAULT_INPUT}",
        ]
        return "\n".join(lines) + "\n"

    def env(self) -> dict[str, str]:
        """The environment a client needs to reach the lab (and only the lab)."""
        return {"PULSE_SERVER": self.server}

    def up(self, timeout: float = 10.0) -> None:
        exe = shutil.which("pulseaudio")
        if exe is None:
            raise AudioLabError("pulseaudio is not installed (Debian: pulseaudio)")
        if shutil.which("pactl") is None:
            raise AudioLabError("pactl is not installed (Debian: pulseaudio-utils)")
        if self._daemon is not None and self._daemon.poll() is None:
            return
        self.state_dir.mkdir(parents=True, exist_ok=True)
        for sub in ("home", "runtime", "config"):
            (self.state_dir / sub).mkdir(mode=0o700, exist_ok=True)
        for fifo in self.state_dir.glob("*.fifo"):
            fifo.unlink()
        pa_file = self.state_dir / "lab.pa"
        pa_file.write_text(self.config())
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PULSE_", "XDG_", "DBUS_"))}
        env |= {
            "HOME": str(self.state_dir / "home"),
            "XDG_RUNTIME_DIR": str(self.state_dir / "runtime"),
            "XDG_CONFIG_HOME": str(self.state_dir / "config"),
        }
        log = (self.state_dir / "pulseaudio.log").open("wb")
        self._daemon = subprocess.Popen(
            [exe, "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
             "--disallow-exit", "--disable-shm=yes", "-n", "-F", str(pa_file),
             f"--log-target=file:{self.state_dir / 'pulseaudio.log'}"],
            env=env, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
        )  # fmt: skip
        log.close()
        deadline = time.monotonic() + timeout
        while not self._answers():
            if self._daemon.poll() is not None or time.monotonic() > deadline:
                tail = self._log_tail()
                self.down()
                raise AudioLabError(f"PulseAudio did not start: {tail}")
            time.sleep(0.05)
        fifos = [
            f"{self.state_dir / f'{m.name}.fifo'}:{m.signal}"
            for m in MICROPHONES
            if m.signal not in ("coupled", "")
        ]
        self._feeder = subprocess.Popen(
            [sys.executable, "-m", "softdiag.lab.audio_feed", *fifos],
            stdin=subprocess.DEVNULL,
            stderr=(self.state_dir / "feed.log").open("wb"),
            cwd=str(Path(__file__).resolve().parents[2]),
        )

    def down(self) -> None:
        """Stop the feeder and the daemon (exactly our PIDs); remove the state directory."""
        for proc in (self._feeder, self._daemon):
            if proc is None:
                continue
            with contextlib.suppress(ProcessLookupError):
                if proc.poll() is None:
                    proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(5)
        self._feeder = self._daemon = None
        self._added.clear()
        shutil.rmtree(self.state_dir, ignore_errors=True)

    def __enter__(self) -> AudioLab:
        self.up()
        return self

    def __exit__(self, *exc: object) -> None:
        self.down()

    @property
    def pids(self) -> dict[str, int]:
        return {
            name: proc.pid
            for name, proc in (("pulseaudio", self._daemon), ("audio_feed", self._feeder))
            if proc is not None and proc.poll() is None
        }

    # -- run-time devices (hot-plug) -------------------------------------------------

    def pactl(self, *args: str, timeout: float = 5.0) -> str:
        done = subprocess.run(
            ["pactl", *args], capture_output=True, text=True, timeout=timeout, check=False,
            env={**os.environ, **self.env()},
        )  # fmt: skip
        if done.returncode != 0:
            raise AudioLabError(f"pactl {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    def add_output(self, name: str, description: str, form_factor: str, bus: str = "usb") -> None:
        device = LabDevice(name, description, form_factor, bus)
        index = self.pactl(
            "load-module", "module-null-sink", f"sink_name={name}", "rate=48000",
            f"sink_properties='{_props(device)}'",
        )  # fmt: skip
        self._added[name] = int(index)

    def add_coupled_input(self, name: str, description: str, master: str) -> None:
        """A microphone that hears everything played on the sink ``master``."""
        device = LabDevice(name, description, "headset", "usb", "coupled")
        index = self.pactl(
            "load-module", "module-remap-source", f"source_name={name}",
            f"master={master}.monitor", "channels=1", _source_props(device),
        )  # fmt: skip
        self._added[name] = int(index)

    def remove(self, name: str) -> None:
        """Unplug a device added at run time."""
        index = self._added.pop(name)
        self.pactl("unload-module", str(index))

    # -- helpers ---------------------------------------------------------------------

    def _answers(self) -> bool:
        if not self.socket.exists():
            return False
        try:
            self.pactl("info", timeout=2.0)
        except (AudioLabError, subprocess.TimeoutExpired):
            return False
        return True

    def _log_tail(self) -> str:
        try:
            lines = (self.state_dir / "pulseaudio.log").read_text(errors="replace").splitlines()
        except OSError:
            return "no log"
        errors = [line for line in lines if line.startswith("E:")]
        return (errors or lines or ["no log"])[-1]
