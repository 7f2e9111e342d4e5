"""What this machine lacks for softdiag, checked at start without waiting on anything.

The app starts without a network, a sound server or a keychain; it says what is missing
instead of failing later in a confusing way. Each check only looks at files and sockets
that exist (no connection attempts that could hang): a sound server's socket, a default
route, a keyring backend. Results are ids with the evidence; ``ui/`` words them.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import platformdirs

__all__ = ["Missing", "check_environment", "log_dir", "start_file_log", "stop_file_log"]

APP_NAME = "softdiag"
LOG_BYTES = 1_000_000  # per file; with LOG_BACKUPS old files, at most ~4 MB of logs
LOG_BACKUPS = 3

MissingId = Literal["sound_server", "network", "keychain"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Missing:
    id: MissingId
    evidence: str  # what was looked at, for the log and the bundle (never shown alone)


def _sound_server(env: Mapping[str, str]) -> str | None:
    """PulseAudio's or PipeWire's socket, where clients look for it; None when found."""
    server = env.get("PULSE_SERVER", "")
    if server:
        path = server.removeprefix("unix:")
        if server.startswith(("tcp:", "tcp4:", "tcp6:")) or ":" in path:
            return None  # a network server: trust it (connecting could hang)
        return None if Path(path).exists() else f"PULSE_SERVER={server} does not exist"
    runtime = env.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}"
    candidates = [Path(runtime) / "pulse" / "native", Path(runtime) / "pipewire-0"]
    if any(p.exists() for p in candidates):
        return None
    return "no socket at " + ", ".join(str(p) for p in candidates)


def _network(route_file: Path, route6_file: Path) -> str | None:
    """A default route (IPv4 or IPv6) exists; None when there is one."""
    try:
        for line in route_file.read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) > 2 and fields[1] == "00000000":
                return None
    except OSError:
        return None  # cannot tell: don't claim the network is missing
    try:
        for line in route6_file.read_text().splitlines():
            fields = line.split()
            if fields and fields[0] == "0" * 32 and fields[1] == "00" and fields[-1] != "lo":
                return None
    except OSError:
        pass
    return f"no default route in {route_file}"


def check_environment(
    env: Mapping[str, str] | None = None,
    *,
    keychain: bool,
    platform: str | None = None,
    route_file: Path = Path("/proc/net/route"),
    route6_file: Path = Path("/proc/net/ipv6_route"),
) -> list[Missing]:
    """What is missing, in the order a user should fix it. ``keychain`` is
    :attr:`softdiag.settings.PasswordStore.persistent` (its check imports keyring)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    found: list[Missing] = []
    if platform.startswith("linux"):
        network = _network(route_file, route6_file)
        if network:
            found.append(Missing(id="network", evidence=network))
        sound = _sound_server(env)
        if sound:
            found.append(Missing(id="sound_server", evidence=sound))
    if not keychain:
        found.append(Missing(id="keychain", evidence="no usable keyring backend"))
    return found


def log_dir() -> Path:
    """Where the app's log files go: the platform's standard place (platformdirs)."""
    override = os.environ.get("SOFTDIAG_LOG_DIR")
    return Path(override) if override else Path(platformdirs.user_log_dir(APP_NAME))


def start_file_log(directory: Path | None = None) -> logging.handlers.RotatingFileHandler | None:
    """Log to a rotating file (``handler.baseFilename``); None (and nothing else) when the
    directory cannot be written, e.g. a read-only home: the app runs on without a file."""
    directory = directory or log_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            directory / "softdiag.log", maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS,
            encoding="utf-8",
        )  # fmt: skip
    except OSError:
        return None
    handler.setLevel(logging.INFO)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return handler


def stop_file_log(handler: logging.Handler | None) -> None:
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()
