"""Is there a screen to open a window on? Asked before Qt starts, because Qt's answer to
"no" is to abort the process (``qt.qpa.xcb: could not connect to display``, SIGABRT).

Linux/BSD only: Windows and macOS always have their own window system. Wayland is trusted
when its socket exists; X11 is asked by connecting to the display's socket (what
``XOpenDisplay`` does first), with a short timeout for a remote one.
"""

from __future__ import annotations

import os
import re
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

__all__ = ["display_problem"]

X11_TCP_BASE = 6000  # X11 display N listens on TCP port 6000 + N
CONNECT_TIMEOUT = 1.0  # seconds
_DISPLAY = re.compile(r"^(?P<host>[^:]*):(?P<number>[0-9]{1,4})(?:\.[0-9]{1,3})?$")


def _x11_answers(display: str, timeout: float) -> bool:
    m = _DISPLAY.match(display)
    if m is None:
        return False
    host, number = m["host"], int(m["number"])
    if host.startswith("/"):  # macOS XQuartz launchd socket path: let Qt try
        return True
    if host in ("", "unix"):
        path = f"/tmp/.X11-unix/X{number}"
        for address in ("\0" + path, path):  # abstract socket first, as Xlib does
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
                s.settimeout(timeout)
                try:
                    s.connect(address)
                    return True
                except OSError:
                    continue
        if host == "unix":
            return False
        host = "localhost"
    try:
        with socket.create_connection((host, X11_TCP_BASE + number), timeout=timeout):
            return True
    except OSError:
        return False


def display_problem(
    env: Mapping[str, str] | None = None, *, platform: str | None = None,
    timeout: float = CONNECT_TIMEOUT,
) -> str | None:  # fmt: skip
    """None when a window can be opened; otherwise one line saying why not."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if env.get("QT_QPA_PLATFORM"):  # chosen explicitly (offscreen, xcb, wayland, ...)
        return None
    wayland = env.get("WAYLAND_DISPLAY")
    if wayland:
        runtime = env.get("XDG_RUNTIME_DIR", "")
        path = Path(wayland) if wayland.startswith("/") else Path(runtime) / wayland
        if path.exists():
            return None
    display = env.get("DISPLAY")
    if not display:
        return "no display (neither DISPLAY nor WAYLAND_DISPLAY is set)"
    if not _x11_answers(display, timeout):
        return f"cannot open display {display}: no X server answers there"
    return None
