"""One-line, human descriptions of events, for the CLI and logs (English)."""

from __future__ import annotations

import time

from .events import (
    EngineState,
    Event,
    FailoverDecision,
    Finding,
    IncomingCall,
    Log,
    NatMappingChanged,
    NatStatus,
    PolicyChanged,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    SipMessage,
    StunBehaviour,
)

__all__ = ["describe", "format_line"]


def describe(event: Event) -> str:
    if isinstance(event, RegistrationChanged):
        parts = [f"{event.state} {event.aor} via {event.server}/{event.transport}"]
        if event.code:
            parts.append(f"{event.code} {event.reason}".strip())
        if event.registrar:
            parts.append(f"registrar {event.registrar}")
        if event.expires:
            parts.append(f"expires {event.expires} s")
        if event.received or event.rport:
            parts.append(f"server saw us as {event.received}:{event.rport}")
        return ", ".join(parts)
    if isinstance(event, Resolved):
        targets = " ".join(
            f"{t.ip}:{t.port}/{t.transport}(p{t.priority} w{t.weight} ttl {t.ttl})"
            for t in event.targets
        )
        return f"{event.domain} via {event.nameserver}: {targets}"
    if isinstance(event, SipMessage):
        arrow = "->" if event.direction == "out" else "<-"
        return f"{arrow} {event.remote}/{event.transport} {event.first_line}"
    if isinstance(event, Finding):
        text = f"[{event.severity}] {event.title}"
        return f"{text}. {event.advice}" if event.advice else text
    if isinstance(event, Log):
        return f"{event.source}: {event.message}"
    if isinstance(event, FailoverDecision):
        where = event.to_target or "nowhere"
        return f"{event.policy}: {event.from_target or '-'} -> {where}: {event.reason}"
    if isinstance(event, PolicyChanged):
        return f"failover policy changed from {event.previous} to {event.policy}"
    if isinstance(event, ProbeResult):
        rtt = f" {event.rtt_ms:.1f} ms" if event.rtt_ms is not None else ""
        code = f" {event.code} {event.reason}" if event.code else f" {event.reason}"
        return f"OPTIONS {event.target}/{event.transport}: {event.status}{code}{rtt}"
    if isinstance(event, ServersChanged):
        parts = [
            f"{s.target.hostport} {s.state}{' (current)' if s.current else ''}"
            + (f" avoided {s.dirty_for:.0f} s" if s.dirty_for else "")
            for s in event.servers
        ]
        return f"{event.policy}: " + ", ".join(parts)
    if isinstance(event, NatMappingChanged):
        return event.explanation
    if isinstance(event, NatStatus):
        return event.explanation
    if isinstance(event, StunBehaviour):
        life = f", idle UDP lifetime >= {event.lifetime_s:.0f} s" if event.lifetime_s else ""
        return (
            f"STUN {event.stun_server}: seen as {event.mapped or '-'}, {event.mapping} mapping, "
            f"{event.filtering} filtering{life}"
        )
    if isinstance(event, IncomingCall):
        who = f'"{event.caller_name}" <{event.caller}>' if event.caller_name else event.caller
        path = " <- ".join(event.via) or "-"
        return (f"call {event.call} from {who} via {event.source or '-'} (registered on "
                f"{event.registered_on or '-'}; Via {path}): {event.answer}")  # fmt: skip
    if isinstance(event, EngineState):
        return f"engine {event.state}" + (f": {event.detail}" if event.detail else "")
    return repr(event)


def format_line(event: Event) -> str:
    stamp = time.strftime("%H:%M:%S", time.localtime(event.wall))
    millis = int((event.wall % 1) * 1000)
    return f"{stamp}.{millis:03d} {event.type_name:<19} {describe(event)}"
