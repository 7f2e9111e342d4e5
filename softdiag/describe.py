"""One-line, human descriptions of events, for the CLI and logs (English)."""

from __future__ import annotations

import time

from .events import (
    EngineState,
    Event,
    Finding,
    Log,
    RegistrationChanged,
    Resolved,
    SipMessage,
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
    if isinstance(event, EngineState):
        return f"engine {event.state}" + (f": {event.detail}" if event.detail else "")
    return repr(event)


def format_line(event: Event) -> str:
    stamp = time.strftime("%H:%M:%S", time.localtime(event.wall))
    millis = int((event.wall % 1) * 1000)
    return f"{stamp}.{millis:03d} {event.type_name:<19} {describe(event)}"
