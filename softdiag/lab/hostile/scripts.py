"""Building blocks for hostile scripts: DNS answers with dnspython, SIP answers from a request.

Each returns a script (see :mod:`.servers`) or the bytes of one answer; tests combine them
into cases.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Sequence

import dns.flags
import dns.message
import dns.name
import dns.rcode
import dns.rdata
import dns.rdataclass
import dns.rdatatype
import dns.rdtypes.IN.NAPTR
import dns.rrset

from .servers import Answer, DnsScript, SipRequest, SipScript

__all__ = [
    "dns_records",
    "dns_wire",
    "naptr_raw",
    "registrar",
    "sip_answer",
    "sip_reply",
]

Records = dict[tuple[str, str], Sequence[str]]  # (owner name, type) -> rdata texts


def dns_records(
    records: Records, *, ttl: int = 30, rcode: dns.rcode.Rcode = dns.rcode.NOERROR
) -> DnsScript:
    """Answer each question from ``records`` (an empty answer when there is none)."""

    def script(query: dns.message.Message) -> list[Answer]:
        response = dns.message.make_response(query)
        response.flags |= dns.flags.AA
        response.set_rcode(rcode)
        q = query.question[0]
        name = q.name.to_text().lower()
        rtype = dns.rdatatype.to_text(q.rdtype)
        texts = records.get((name.rstrip("."), rtype)) or records.get((name, rtype))
        if texts:
            response.answer.append(dns.rrset.from_text_list(q.name, ttl, "IN", rtype, list(texts)))
        # In the order given: dnspython shuffles records unless told not to.
        return [Answer(response.to_wire(max_size=65535, want_shuffle=False))]

    return script


def naptr_raw(
    records: Records, *, flags: bytes, service: bytes, replacement: str, ttl: int = 30
) -> DnsScript:
    """Like :func:`dns_records`, plus one NAPTR with arbitrary flag/service bytes."""
    base = dns_records(records, ttl=ttl)

    def script(query: dns.message.Message) -> list[Answer]:
        q = query.question[0]
        if q.rdtype != dns.rdatatype.NAPTR:
            return base(query)
        response = dns.message.make_response(query)
        rd = dns.rdtypes.IN.NAPTR.NAPTR(  # type: ignore[no-untyped-call]
            dns.rdataclass.IN, dns.rdatatype.NAPTR, 10, 10, flags, service, b"",
            dns.name.from_text(replacement),
        )  # fmt: skip
        rrset = dns.rrset.from_rdata(q.name, ttl, rd)
        response.answer.append(rrset)
        return [Answer(response.to_wire(want_shuffle=False))]

    return script


def dns_wire(
    mutate: Callable[[dns.message.Message, bytes], bytes | None], base: DnsScript
) -> DnsScript:
    """Send ``mutate(query, wire of base's answer)`` instead (None: silence)."""

    def script(query: dns.message.Message) -> list[Answer]:
        out: list[Answer] = []
        for answer in base(query):
            data = mutate(query, answer.data)
            if data is not None:
                out.append(Answer(data, answer.delay))
        return out

    return script


def sip_reply(
    request: SipRequest,
    status: str = "200 OK",
    headers: Sequence[str] = (),
    *,
    body: str = "",
    via_extra: str = "",
    start: str | None = None,
) -> bytes:
    """A response to ``request``: its Via/From/To/Call-ID/CSeq, a To tag, ``headers``."""
    via = request.header("Via") or request.header("v") or ""
    to = request.header("To") or request.header("t") or ""
    if ";tag=" not in to:
        to += f";tag={secrets.token_hex(4)}"
    lines = [
        start if start is not None else f"SIP/2.0 {status}",
        f"Via: {via};received={request.source[0]}{via_extra}",
        f"From: {request.header('From') or request.header('f') or ''}",
        f"To: {to}",
        f"Call-ID: {request.header('Call-ID') or request.header('i') or ''}",
        f"CSeq: {request.header('CSeq') or ''}",
        *headers,
        f"Content-Length: {len(body.encode())}",
    ]
    return ("\r\n".join(lines) + "\r\n\r\n" + body).encode()


def sip_answer(status: str = "200 OK", headers: Sequence[str] = (), **kw: str) -> SipScript:
    """Answer every request with the same response."""

    def script(request: SipRequest) -> list[Answer]:
        return [Answer(sip_reply(request, status, headers, **kw))]

    return script


def registrar(
    ok_headers: Callable[[SipRequest], Sequence[str]] | Sequence[str] = (),
    *,
    ok_status: str = "200 OK",
    options: SipScript | None = None,
    via_extra: str = "",
) -> SipScript:
    """A digest-challenging registrar: 401 without credentials, then ``ok_status``.

    ``ok_headers`` (or a function of the authorised request) go in the final answer: that
    is where hostile ones echo the Authorization, lie about expiry, inject escapes.
    """

    def script(request: SipRequest) -> list[Answer]:
        if request.method == "OPTIONS":
            return options(request) if options else [Answer(sip_reply(request))]
        if request.method != "REGISTER":
            return [Answer(sip_reply(request, "501 Not Implemented"))]
        if request.header("Authorization") is None:
            challenge = (
                f'WWW-Authenticate: Digest realm="hostile.test", nonce="{secrets.token_hex(8)}", '
                'algorithm=MD5, qop="auth"'
            )
            return [Answer(sip_reply(request, "401 Unauthorized", [challenge]))]
        extra = ok_headers(request) if callable(ok_headers) else ok_headers
        contact = request.header("Contact") or request.header("m") or "<sip:x@127.0.0.1>"
        expires = request.header("Expires") or "300"
        headers = list(extra)
        if not any(h.lower().startswith(("contact:", "expires:")) for h in headers):
            headers.append(f"Contact: {contact.split(';expires=')[0]};expires={expires}")
        return [Answer(sip_reply(request, ok_status, headers, via_extra=via_extra))]

    return script
