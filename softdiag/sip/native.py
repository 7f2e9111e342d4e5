"""The few pjlib/pjsip C functions pjsua2's SWIG layer does not expose, through ctypes.

The wheel's extension module exports them (checked with ``nm -D``): we load it by path and
call them on the engine thread only.
"""

from __future__ import annotations

import ctypes
import functools

import pjsua2

__all__ = ["keepalive_intervals", "set_log_level", "set_tsx_timers"]


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


# pjsip_cfg_t (pjsip/sip_config.h, 2.15.1): 13 pj_bool_t of ``endpt``, 5 unsigned of
# ``tsx`` (max_count, t1, t2, t4, td), 2 pj_bool_t of ``regc``, then ``long`` TCP and TLS
# keep-alive intervals. The layout is checked against the timers we set before it is read.
_CFG_T1_INDEX = 14  # in ints
_CFG_TCP_KA_OFFSET = 80  # bytes
_CFG_TLS_KA_OFFSET = 88


def keepalive_intervals() -> tuple[int, int]:
    """pjsip's TCP and TLS keep-alive intervals in seconds (CRLF, RFC 5626; default 90).

    Read from ``pjsip_sip_cfg_var``; (0, 0) when its layout is not the one expected.
    """
    base = ctypes.addressof(ctypes.c_int.in_dll(_lib(), "pjsip_sip_cfg_var"))
    ints = (ctypes.c_uint * 18).from_address(base)
    t1, t2, t4 = ints[_CFG_T1_INDEX], ints[_CFG_T1_INDEX + 1], ints[_CFG_T1_INDEX + 2]
    if not (0 < t1 <= t2 and 0 < t4 < 600_000):
        return 0, 0
    tcp = ctypes.c_long.from_address(base + _CFG_TCP_KA_OFFSET).value
    tls = ctypes.c_long.from_address(base + _CFG_TLS_KA_OFFSET).value
    if not (0 <= tcp < 86400 and 0 <= tls < 86400):
        return 0, 0
    return int(tcp), int(tls)


_ = pjsua2  # the import above guarantees the extension module is loaded first
