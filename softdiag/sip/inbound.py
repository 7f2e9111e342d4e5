"""Where an incoming call came from, and what that says about the registration (pure).

Theory of operation
-------------------
A call to us reaches the softphone only if a proxy of the domain knows our binding (the
Contact we registered) and can still send to it. The INVITE itself is the evidence of the
path: the address it arrived from (the last hop, normally a proxy of the domain), its
``Via`` stack (every hop it took, RFC 3261 §8.1.1.7: the top one is the last hop) and its
``Record-Route`` set (the proxies that stay in the dialog, §16.6 step 4).

:func:`describe_invite` reads those from the received text; :func:`path_finding` compares
the last hop with where the account is registered:

Which *binding* the call used is in the Request-URI: softdiag registers one Contact per
server (``sd-via=<ip>-<port>`` of the server it registered through, :func:`contact_tag`),
and a proxy sends the INVITE to the Contact it looked up. So a call through another
proxy to the current Contact is a shared location table doing its job, and a call to an
older Contact is a stale binding, whichever proxy it came through. Without the tag (a
proxy that rewrote the URI), the last hop decides:

1. Through the server we registered with: the normal path, no finding.
2. Through a server we registered with *earlier* and left (failover): that server still
   holds our old binding — a split registration (CASES.md case 3). The call reached us
   only because nothing between that server and us filters by address; behind a NAT
   that filters by address (most routers) it would have been lost.
3. Through another server of the domain: the servers share their location table (a
   cluster, e.g. Kamailio DMQ), or route calls among themselves. Fine on an open
   network; behind an address-filtering NAT only the server we registered through can
   reach us, which is what ``Path`` (RFC 3327) or SIP outbound (RFC 5626) are for.

No sockets, no clocks: the engine passes the received text and what it knows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from softdiag.events import Finding
from softdiag.findings import make_finding

from .message import parse_head

__all__ = ["InviteFacts", "contact_tag", "describe_invite", "host_of", "path_finding"]

_BRACKETED = re.compile(r"<([^>]*)>")
_SENT_BY = re.compile(r"SIP\s*/\s*2\.0\s*/\s*(\w+)\s+([^;\s,]+)", re.IGNORECASE)
_DISPLAY = re.compile(r'^\s*"((?:[^"\\]|\\.)*)"|^\s*([^<"]+?)\s*<')
_SD_VIA = re.compile(r";sd-via=([0-9A-Za-z-]+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class InviteFacts:
    caller: str  # the From URI
    caller_name: str  # its display name, "" when none
    to: str  # the To URI
    call_id: str
    via: tuple[str, ...]  # sent-by of every Via, the last hop first ("TRANSPORT host:port")
    record_route: tuple[str, ...]  # Record-Route URIs, in message order
    request_uri: str = ""  # the Contact the proxy sent the call to
    binding: str | None = None  # its sd-via tag: the server that Contact was registered via


def contact_tag(hostport: str) -> str:
    """The tag of the Contact registered through ``hostport``: '127.0.0.2:5060' ->
    '127-0-0-2-5060' (the engine's ``sd-via`` Contact parameter)."""
    return re.sub(r"[^0-9A-Za-z]", "-", f"{host_of(hostport)}-{hostport.rsplit(':', 1)[-1]}")


def _uri(value: str) -> str:
    """The URI of a name-addr (inside <>) or of an addr-spec (before its ;parameters)."""
    bracketed = _BRACKETED.search(value)
    if bracketed is not None:
        return bracketed.group(1).strip()
    token = value.strip().split(None, 1)
    return token[0].split(";", 1)[0] if token else ""


def _display(value: str) -> str:
    m = _DISPLAY.match(value)
    if m is None:
        return ""
    return (m.group(1) if m.group(1) is not None else m.group(2) or "").strip()


def _split_commas(values: Iterable[str]) -> list[str]:
    """Header values that may each hold several comma-separated entries (not inside <>)."""
    out: list[str] = []
    for value in values:
        depth, start = 0, 0
        for i, ch in enumerate(value):
            if ch == "<":
                depth += 1
            elif ch == ">":
                depth = max(0, depth - 1)
            elif ch == "," and depth == 0:
                out.append(value[start:i].strip())
                start = i + 1
        out.append(value[start:].strip())
    return [v for v in out if v]


def describe_invite(text: str) -> InviteFacts:
    """Caller, Call-ID, Via hops and Record-Route of a received INVITE (tolerant)."""
    head = parse_head(text)
    vias: list[str] = []
    for entry in _split_commas(head.get_all("via")):
        m = _SENT_BY.match(entry)
        if m is not None:
            vias.append(f"{m.group(1).upper()} {m.group(2)}")
    routes = [_uri(v) for v in _split_commas(head.get_all("record-route"))]
    sender = head.get("from") or ""
    parts = head.start_line.split(" ")
    request_uri = parts[1] if len(parts) == 3 and parts[0] == "INVITE" else ""
    tag = _SD_VIA.search(request_uri)
    return InviteFacts(
        caller=_uri(sender),
        caller_name=_display(sender),
        to=_uri(head.get("to") or ""),
        call_id=head.get("call-id") or "",
        via=tuple(vias),
        record_route=tuple(r for r in routes if r),
        request_uri=request_uri[:500],
        binding=tag.group(1).lower() if tag is not None else None,
    )


def host_of(hostport: str) -> str:
    """'127.0.0.2:5060' -> '127.0.0.2'; '[::1]:5060' -> '::1'."""
    text = hostport.strip()
    if text.startswith("["):
        return text[1:].split("]", 1)[0]
    return text.rsplit(":", 1)[0] if text.count(":") == 1 else text


def path_finding(
    *, source: str, registered_on: str | None, earlier: Iterable[str], facts: InviteFacts
) -> Finding | None:
    """The finding the INVITE's path deserves (see the module docstring), or None.

    ``source`` and ``registered_on`` are ``ip:port``; ``earlier`` the servers the account
    registered through before, oldest first.
    """
    if registered_on is None or not source:
        return None
    earlier = tuple(earlier)
    tags = {contact_tag(e): e for e in earlier}
    current = facts.binding is not None and facts.binding == contact_tag(registered_on)
    stale = facts.binding is not None and not current and facts.binding in tags
    if not stale and host_of(source) == host_of(registered_on):
        return None
    evidence = (
        f"INVITE from {facts.caller or '?'} arrived from {source}",
        f"registered through {registered_on}",
        f"Request-URI: {facts.request_uri or '-'}"
        + (f" (the Contact registered through {tags.get(facts.binding or '')})" if stale else ""),
        "Via: " + (" <- ".join(facts.via) or "-"),
        "Record-Route: " + (", ".join(facts.record_route) or "-"),
    )
    by_hop = facts.binding is None or not (current or stale)  # no tag we know: the last hop
    if stale or (by_hop and any(host_of(e) == host_of(source) for e in earlier)):
        return make_finding(
            "call.inbound_stale_binding", evidence=evidence, source=source,
            registered_on=registered_on,
        )  # fmt: skip
    return make_finding(
        "call.inbound_other_proxy", evidence=evidence, source=source, registered_on=registered_on
    )
