"""The lab's own processes: is one still ours, has it ended, what did it last say.

Shared by the loopback lab and the NAT lab; they stop only what they started, by PID
(never by name).
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["log_tail", "pid_alive", "reap", "running"]


def pid_alive(pid: int, program: str) -> bool:
    """The process runs and is still the program the lab started (PIDs get reused).

    Identity comes from /proc/PID/exe, not cmdline: right after exec, cmdline reads empty
    for a moment (the kernel sets the new argv after closing the exec status pipe that
    Popen waits on), and an exiting process loses it before it closes its sockets.
    """
    try:
        exe = os.readlink(f"/proc/{pid}/exe")
    except OSError:
        return False
    name = os.path.basename(exe).removesuffix(" (deleted)")
    return name == program and running(pid)


def running(pid: int) -> bool:
    """The process still exists and is not a zombie (no identity check)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] not in ("Z", "X")


def reap(pid: int) -> str:
    """Wait for our own child (else it stays a zombie); says how it ended, if we know."""
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except (ChildProcessError, OSError):
        return ""
    if done == 0:
        return ""
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit code {os.waitstatus_to_exitcode(status)}"


def log_tail(path: Path, lines: int = 3) -> str:
    try:
        text = path.read_text(errors="replace").strip().splitlines()
    except OSError:
        return "(no log)"
    return " | ".join(text[-lines:]) or "(empty log)"
