"""Run a few lines of Python inside a named network namespace (Linux, root).

A network namespace belongs to a thread, not a process: ``setns(2)`` with ``CLONE_NEWNET``
moves only the calling thread. :func:`netns` switches the current thread into
``/run/netns/NAME`` (what ``ip netns add`` creates) and back again on exit. A socket created
inside stays in that namespace after the switch back, so a test can hold a socket "on the
server side" while the rest of the process lives in the host namespace.

Invariants:

1. The thread always returns to the namespace it came from, even when the body raises.
2. Nothing else runs on this thread while it is switched (the body is synchronous), so no
   other code is surprised by the namespace it finds itself in.

Python 3.12 has ``os.setns``; on 3.11 the libc function is called through ctypes.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
from collections.abc import Iterator

__all__ = ["CLONE_NEWNET", "NETNS_DIR", "netns", "netns_path"]

CLONE_NEWNET = 0x40000000  # <sched.h>
NETNS_DIR = "/run/netns"  # where `ip netns add` bind-mounts named namespaces


def netns_path(name: str) -> str:
    return os.path.join(NETNS_DIR, name)


def _setns(fd: int) -> None:
    setns = getattr(os, "setns", None)
    if setns is not None:  # Python >= 3.12
        setns(fd, CLONE_NEWNET)
        return
    libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"setns: {os.strerror(err)}")


@contextlib.contextmanager
def netns(name: str | None) -> Iterator[None]:
    """Run the body with this thread inside network namespace ``name`` (None: stay put)."""
    if name is None:
        yield
        return
    home = os.open("/proc/thread-self/ns/net", os.O_RDONLY)
    try:
        target = os.open(netns_path(name), os.O_RDONLY)
        try:
            _setns(target)
        finally:
            os.close(target)
        try:
            yield
        finally:
            _setns(home)
    finally:
        os.close(home)
