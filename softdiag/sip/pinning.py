"""Names pjsip resolves to the address softdiag's failover policy chose (TLS pinning).

Why (see :mod:`softdiag.sip.tls`): pjsip checks a TLS server's certificate against, and
sends as SNI, the host of the outbound proxy URI. To keep verification by the SRV target's
name while the failover policy picks the address, the proxy URI carries the name
(``sip:sip2.voip.test:5061;transport=tls;lr``) and this module answers pjsip's name
lookups: a pinned name gets the pinned address, an IP literal itself, anything else the
system resolver's answer.

How: pjsip lets an application replace its resolver (``pjsip_endpt_set_ext_resolver``,
pjsip/sip_resolve.h); pjsua2's SWIG layer does not wrap it, so this goes through ctypes on
the wheel's extension module like :mod:`softdiag.sip.native`. Hand-written because no
library wraps pjsip's C resolver hook; the structures mirror pjproject 2.15.1's headers
(``pjsip_host_info``, ``pjsip_server_addresses``; ``pj_sockaddr`` filled by pjlib's own
``pj_sockaddr_init``). pjsip calls :meth:`PinnedResolver._resolve` on the engine thread
(inside ``libHandleEvents`` or a pjsua2 call); the callback answers synchronously, as
pjsip's own IP-literal path does.
"""

from __future__ import annotations

import contextlib
import ctypes
import ipaddress
import socket
from typing import Any

from .native import _lib

__all__ = ["PinnedResolver"]

PJ_SUCCESS = 0
PJ_ERESOLVE = 70018  # pj/errno.h: PJ_ERRNO_START_STATUS (70000) + 18
MAX_ADDRESSES = 32  # PJSIP_MAX_RESOLVED_ADDRESSES with IPv6 (we fill one or a few)

# pjsip_transport_type_e / pjsip_transport_flags_e (sip_types.h)
_UNSPECIFIED, _UDP, _TCP, _TLS = 0, 1, 2, 3
_IPV6 = 128
_FLAG_RELIABLE, _FLAG_SECURE = 1, 2


class _PjStr(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_char_p), ("slen", ctypes.c_ssize_t)]


class _HostPort(ctypes.Structure):
    _fields_ = [("host", _PjStr), ("port", ctypes.c_int)]


class _HostInfo(ctypes.Structure):
    _fields_ = [("flag", ctypes.c_uint), ("type", ctypes.c_int), ("addr", _HostPort)]


class _SockAddr(ctypes.Union):
    # pj_sockaddr: the largest member is pj_sockaddr_in6 (28 bytes, 4-byte aligned).
    _fields_ = [("raw", ctypes.c_uint8 * 28), ("align", ctypes.c_uint32)]


class _Record(ctypes.Structure):
    _fields_ = [
        ("type", ctypes.c_int),
        ("priority", ctypes.c_uint),
        ("weight", ctypes.c_uint),
        ("addr", _SockAddr),
        ("addr_len", ctypes.c_int),
    ]


class _Addresses(ctypes.Structure):
    _fields_ = [("count", ctypes.c_uint), ("entry", _Record * MAX_ADDRESSES)]


_Callback = ctypes.CFUNCTYPE(None, ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_Addresses))
_Resolve = ctypes.CFUNCTYPE(
    None, ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(_HostInfo), ctypes.c_void_p,
    ctypes.c_void_p,
)  # fmt: skip


class _ExtResolver(ctypes.Structure):
    _fields_ = [("resolve", _Resolve)]


class PinnedResolver:
    """pjsip's resolver, answering pinned names with pinned addresses. Engine thread only."""

    def __init__(self) -> None:
        self._pins: dict[str, str] = {}
        self._fn = _Resolve(self._resolve)  # referenced for as long as pjsip may call it
        self._ext = _ExtResolver(self._fn)
        self.installed = False
        self.lookups: list[tuple[str, str]] = []  # (name, address) answered, newest last

    def install(self) -> None:
        """Hook into the running endpoint (after ``libInit``)."""
        lib = _lib()
        lib.pjsua_get_pjsip_endpt.restype = ctypes.c_void_p
        endpt = lib.pjsua_get_pjsip_endpt()
        if not endpt:
            raise RuntimeError("pjsip endpoint not created yet")
        fn = lib.pjsip_endpt_set_ext_resolver
        fn.argtypes = [ctypes.c_void_p, ctypes.POINTER(_ExtResolver)]
        fn.restype = ctypes.c_int
        status = fn(endpt, ctypes.byref(self._ext))
        if status != PJ_SUCCESS:
            raise RuntimeError(f"pjsip_endpt_set_ext_resolver failed: {status}")
        self.installed = True

    def pin(self, name: str, ip: str) -> None:
        self._pins[name.lower().rstrip(".")] = ip

    def pinned(self, name: str) -> str | None:
        return self._pins.get(name.lower().rstrip("."))

    def _addresses(self, host: str, transport_type: int) -> list[str]:
        with contextlib.suppress(ValueError):
            return [str(ipaddress.ip_address(host.strip("[]")))]
        pinned = self.pinned(host)
        if pinned is not None:
            return [pinned]
        # Not ours: the system resolver, as pjsip does without a nameserver.
        family = socket.AF_INET6 if transport_type & _IPV6 else socket.AF_UNSPEC
        try:
            infos = socket.getaddrinfo(host, None, family, socket.SOCK_STREAM)
        except OSError:
            return []
        return list(dict.fromkeys(str(info[4][0]) for info in infos))[:MAX_ADDRESSES]

    def _resolve(self, _resolver: Any, _pool: Any, target: Any, token: Any, cb: Any) -> None:
        callback = _Callback(cb)
        result = _Addresses()
        status = PJ_ERESOLVE
        try:
            info = target.contents
            host = (info.addr.host.ptr or b"")[: info.addr.host.slen].decode("idna")
            kind = int(info.type) & ~_IPV6
            if kind == _UNSPECIFIED:
                flag = int(info.flag)
                kind = _TLS if flag & _FLAG_SECURE else _TCP if flag & _FLAG_RELIABLE else _UDP
            port = int(info.addr.port) or (5061 if kind == _TLS else 5060)
            addresses = self._addresses(host, int(info.type))
            self._fill(result, addresses, kind, port)
            if result.count:
                status = PJ_SUCCESS
                self.lookups = [*self.lookups[-31:], (host, addresses[0])]
        except Exception:  # never let an exception cross into pjsip
            result.count = 0
        callback(status, token, ctypes.byref(result))

    @staticmethod
    def _fill(result: _Addresses, addresses: list[str], kind: int, port: int) -> None:
        init = _lib().pj_sockaddr_init
        init.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.POINTER(_PjStr), ctypes.c_uint16]
        init.restype = ctypes.c_int
        count = 0
        for ip in addresses:
            v6 = ":" in ip
            raw = ip.encode()
            text = _PjStr(raw, len(raw))
            record = result.entry[count]
            family = socket.AF_INET6 if v6 else socket.AF_INET
            if init(int(family), ctypes.byref(record.addr), ctypes.byref(text), port) != 0:
                continue
            record.type = kind | (_IPV6 if v6 else 0)
            record.priority = 0
            record.weight = 0
            record.addr_len = 28 if v6 else 16
            count += 1
        result.count = count
