"""The few pjlib/pjsip C functions pjsua2's SWIG layer does not expose, through ctypes.

The wheel's extension module exports them (checked with ``nm -D``): we load it by path and
call them on the engine thread only.
"""

from __future__ import annotations

import ctypes
import functools
import ipaddress
import socket
import struct

import pjsua2

__all__ = ["keepalive_intervals", "send_udp_raw", "set_log_level", "set_tsx_timers"]


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


PJSIP_TRANSPORT_UDP = 1  # pjsip_transport_type_e
PJSIP_TRANSPORT_UDP6 = PJSIP_TRANSPORT_UDP + 128  # PJSIP_TRANSPORT_IPV6


def _sockaddr(ip: str, port: int) -> bytes:
    """A pj_sockaddr for ``ip``:``port`` (Linux layout: no sa_len, as struct sockaddr)."""
    address = ipaddress.ip_address(ip)
    if address.version == 4:
        return (
            struct.pack("=H", socket.AF_INET) + struct.pack(">H", port) + address.packed + bytes(8)
        )
    return (struct.pack("=H", socket.AF_INET6) + struct.pack(">HI", port, 0) + address.packed
            + bytes(4))  # fmt: skip


def send_udp_raw(ip: str, port: int, data: bytes) -> int:
    """Send ``data`` from the SIP UDP transport to ``ip``:``port``; pjsip's status (0: sent).

    What pjsua does for its own keep-alive (``pjsip_tpmgr_send_raw`` without callback).
    Engine thread only.
    """
    lib = _lib()
    get_endpt = lib.pjsua_get_pjsip_endpt
    get_endpt.restype = ctypes.c_void_p
    get_tpmgr = lib.pjsip_endpt_get_tpmgr
    get_tpmgr.argtypes = [ctypes.c_void_p]
    get_tpmgr.restype = ctypes.c_void_p
    send = lib.pjsip_tpmgr_send_raw
    send.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p,
                     ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_int,
                     ctypes.c_void_p, ctypes.c_void_p]  # fmt: skip
    send.restype = ctypes.c_int
    endpt = get_endpt()
    if not endpt:
        return -1
    addr = _sockaddr(ip, port)
    kind = PJSIP_TRANSPORT_UDP if len(addr) == 16 else PJSIP_TRANSPORT_UDP6
    status: int = send(get_tpmgr(endpt), kind, None, None, data, len(data), addr, len(addr),
                       None, None)  # fmt: skip
    return status


_ = pjsua2  # the import above guarantees the extension module is loaded first
