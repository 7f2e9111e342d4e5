"""Event and state names in the user's language, the log's one-line summaries (the engine's
renderer, ``softdiag.describe``) and the detail pane.

Module-level functions (not widget methods) because the log model, the panels and the tests
all need the same words; ``QCoreApplication.translate`` with a fixed context keeps them in
one place in the translation file. Call them at run time, never at import time, so the
installed translator applies.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication

from softdiag.describe import describe
from softdiag.events import (
    EngineState,
    Event,
    FailoverDecision,
    Finding,
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
    Target,
)

from .failover_texts import health_state_text, health_why
from .finding_texts import finding_advice, finding_title
from .language import ui_language
from .nat_texts import source_text

NONE = "—"  # a fact we do not have

__all__ = [
    "NONE",
    "detail_text",
    "engine_state_text",
    "event_kind",
    "event_summary",
    "hostport",
    "probe_text",
    "registration_state_text",
    "response_text",
    "severity_text",
    "target_line",
    "time_text",
]


def registration_state_text(state: str) -> str:
    texts = {
        "unregistered": QCoreApplication.translate("EventText", "Not registered"),
        "registering": QCoreApplication.translate("EventText", "Registering…"),
        "registered": QCoreApplication.translate("EventText", "Registered"),
        "failed": QCoreApplication.translate("EventText", "Registration failed"),
        "unregistering": QCoreApplication.translate("EventText", "Unregistering…"),
    }
    return texts.get(state, state)


def engine_state_text(state: str) -> str:
    texts = {
        "starting": QCoreApplication.translate("EventText", "SIP engine starting…"),
        "running": QCoreApplication.translate("EventText", "SIP engine running"),
        "stopping": QCoreApplication.translate("EventText", "SIP engine stopping…"),
        "stopped": QCoreApplication.translate("EventText", "SIP engine stopped"),
        "failed": QCoreApplication.translate("EventText", "SIP engine failed"),
    }
    return texts.get(state, state)


def severity_text(severity: str) -> str:
    texts = {
        "info": QCoreApplication.translate("EventText", "Info"),
        "warning": QCoreApplication.translate("EventText", "Warning"),
        "error": QCoreApplication.translate("EventText", "Error"),
        "debug": QCoreApplication.translate("EventText", "Debug"),
    }
    return texts.get(severity, severity)


def event_kind(event: Event) -> str:
    """The short name of the log's "Type" column."""
    if isinstance(event, SipMessage):
        return "SIP"
    if isinstance(event, RegistrationChanged):
        return QCoreApplication.translate("EventText", "Registration")
    if isinstance(event, Resolved):
        return "DNS"
    if isinstance(event, Finding):
        return QCoreApplication.translate("EventText", "Finding")
    if isinstance(event, Log):
        return QCoreApplication.translate("EventText", "Log")
    if isinstance(event, EngineState):
        return QCoreApplication.translate("EventText", "Engine")
    if isinstance(event, ProbeResult):
        return QCoreApplication.translate("EventText", "Probe")
    if isinstance(event, FailoverDecision | PolicyChanged):
        return QCoreApplication.translate("EventText", "Failover")
    if isinstance(event, ServersChanged):
        return QCoreApplication.translate("EventText", "Servers")
    if isinstance(event, NatMappingChanged | NatStatus):
        return "NAT"
    if isinstance(event, StunBehaviour):
        return "STUN"
    return event.type_name


def time_text(wall: float) -> str:
    """Local wall-clock time with milliseconds: SIP timing questions are sub-second."""
    stamp = time.strftime("%H:%M:%S", time.localtime(wall))
    return f"{stamp}.{int((wall % 1) * 1000):03d}"


def hostport(ip: str | None, port: int | None) -> str:
    if not ip:
        return f":{port}" if port else ""
    shown = f"[{ip}]" if ":" in ip else ip
    return f"{shown}:{port}" if port else shown


def target_line(target: Target) -> str:
    return (
        QCoreApplication.translate("EventText", "{address} {transport}  prio {priority} weight {weight}  TTL {ttl} s")
        .format(
            address=target.hostport,
            transport=target.transport.upper(),
            priority=target.priority,
            weight=target.weight,
            ttl=target.ttl,
        )
    )  # fmt: skip


def response_text(code: int, reason: str) -> str:
    return f"{code} {reason}".strip() if code else reason


def probe_text(event: ProbeResult) -> str:
    """A target's health in a few words: "200 OK, 0.4 ms", "no answer", "unreachable"."""
    if event.status == "timeout":
        return QCoreApplication.translate("EventText", "no answer")
    if event.status == "unreachable":
        return QCoreApplication.translate("EventText", "unreachable")
    text = response_text(event.code, event.reason) or QCoreApplication.translate(
        "EventText", "error"
    )
    if event.rtt_ms is not None:
        text += QCoreApplication.translate("EventText", ", {ms} ms").format(
            ms=f"{event.rtt_ms:.1f}"
        )
    return text


def event_summary(event: Event) -> str:
    """One line for the log's "Summary" column: the CLI's line (``softdiag.describe``) in
    the GUI's language, so both say the same thing in the same words."""
    if isinstance(event, SipMessage):
        arrow = "→" if event.direction == "out" else "←"
        return f"{arrow} {event.remote}  {event.first_line}"
    return describe(event, ui_language())


def detail_text(event: Event) -> str:
    """The detail pane: the whole SIP message, or every fact of another event."""
    when = time_text(event.wall)
    if isinstance(event, SipMessage):
        local = event.local or "?"
        if event.direction == "out":
            head = QCoreApplication.translate("EventText", "{time}  sent over {transport}")
            path = f"{local} → {event.remote}"
        else:
            head = QCoreApplication.translate("EventText", "{time}  received over {transport}")
            path = f"{event.remote} → {local}"
        head = head.format(time=when, transport=event.transport.upper())
        return f"{head}\n{path}\n\n{event.text.replace(chr(13), '')}"
    lines = [f"{when}  {event_kind(event)}"]
    if isinstance(event, Finding):
        lines += [f"[{severity_text(event.severity)}] {finding_title(event)}", ""]
        if event.advice or event.title:
            lines.append(finding_advice(event))
        if event.evidence:
            lines += ["", QCoreApplication.translate("EventText", "Evidence:")]
            lines += [f"  {e}" for e in event.evidence]
        lines.append(f"\nid: {event.id}")
        return "\n".join(lines)
    if isinstance(event, Resolved):
        lines.append(event_summary(event))
        lines += [
            f"  {i}. {target_line(t)}  ({t.host}, {t.source})"
            for i, t in enumerate(event.targets, 1)
        ]
        if event.answer_order:
            lines.append(
                QCoreApplication.translate("EventText", "DNS answer order: {0}").format(
                    ", ".join(event.answer_order)
                )
            )
        return "\n".join(lines)
    lines.append(event_summary(event))
    if isinstance(event, FailoverDecision) and event.evidence:
        lines += ["", QCoreApplication.translate("EventText", "Evidence:")]
        lines += [f"  {e}" for e in event.evidence]
    if isinstance(event, ServersChanged):
        for s in event.servers:
            line = f"  {s.target.key}  {health_state_text(s.state)}"
            if s.last_code:
                line += f"  {s.last_code}"
            if s.dirty_for > 0:
                line += "  " + QCoreApplication.translate(
                    "EventText", "avoided for {seconds} s"
                ).format(seconds=f"{s.dirty_for:g}")
            if s.current:
                line += "  " + QCoreApplication.translate("EventText", "(current)")
            why = health_why(s)
            lines.append(f"{line}  — {why}" if why else line)
    if isinstance(event, NatMappingChanged):
        lines.append(
            QCoreApplication.translate(
                "EventText", "Learnt from {source}, our socket {local}"
            ).format(source=source_text(event.source), local=event.local)
        )
    if isinstance(event, NatStatus):
        lines += [f"  {server} → {public}" for server, public in event.mappings]
    if isinstance(event, StunBehaviour) and event.mapped:
        lines.append(
            QCoreApplication.translate(
                "EventText", "The STUN server saw our socket {local} as {public}"
            ).format(local=event.local, public=event.mapped)
        )
    if isinstance(event, NatMappingChanged | NatStatus | StunBehaviour) and event.evidence:
        lines += ["", QCoreApplication.translate("EventText", "Evidence:")]
        lines += [f"  {e}" for e in event.evidence]
    if isinstance(event, ProbeResult) and (event.received or event.rport):
        lines.append(
            QCoreApplication.translate(
                "EventText", "The probe's own socket was seen as {0} (another NAT mapping)"
            ).format(hostport(event.received, event.rport))
        )
    if isinstance(event, RegistrationChanged):
        if event.registrar:
            lines.append(
                QCoreApplication.translate("EventText", "Registrar: {0}").format(event.registrar)
            )
        if event.received or event.rport:
            lines.append(
                QCoreApplication.translate(
                    "EventText", "Public address seen by the server: {0}"
                ).format(hostport(event.received, event.rport))
            )
    return "\n".join(lines)
