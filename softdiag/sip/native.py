"""The few pjlib/pjsip C functions pjsua2's SWIG layer does not expose, through ctypes.

The wheel's extension module exports them (checked with ``nm -D``): we load it by path and
call them on the engine thread only.
"""

from __future__ import annotations

import ctypes
import functools

import pjsua2

__all__ = ["set_log_level", "set_tsx_timers"]


@functools.cache
def _lib() -> ctypes.CDLL:
    import pjsua2._pjsua2 as native

    return ctypes.CDLL(native.__file__)


def set_log_level(level: int) -> None:
    """pjlib prints to stdout before pjsua2's log writer exists; silence that early noise."""
    _lib().pj_log_set_level(ctypes.c_int(level))


def set_tsx_timers(t1_ms: int, t2_ms: int, t4_ms: int, td_ms: int) -> None:
    """RFC 3261 transaction timers T1, T2, T4 and pjsip's ``td``.

    pjsip uses ``td`` both as Timer D and as the transaction timeout (Timers B and F),
    32 s (64·T1) by default: a REGISTER to a dead UDP server fails after ``td`` ms.
    """
    fn = _lib().pjsip_tsx_set_timers
    fn.argtypes = [ctypes.c_uint] * 4
    fn(t1_ms, t2_ms, t4_ms, td_ms)


_ = pjsua2  # the import above guarantees the extension module is loaded first
