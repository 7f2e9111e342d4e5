"""One-line, human descriptions of events, for the CLI and logs, in any language.

The words are ``event.*`` texts of the one catalogue (:mod:`softdiag.i18n`); the findings,
failover reasons and NAT causes inside a line are rendered from the event's id and
parameters, in the same words the GUI shows. ``lang`` defaults to the language the CLI chose
(``--lang``, else the locale); the English line is the one support scripts know.
"""

from __future__ import annotations

import time

from . import i18n
from .events import (
    AudioPathChanged,
    CallStateChanged,
    EngineState,
    Event,
    FailoverDecision,
    Finding,
    IncomingCall,
    LevelReading,
    Levels,
    Log,
    MediaStats,
    NatMappingChanged,
    NatStatus,
    PolicyChanged,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    SdpExchanged,
    ServersChanged,
    SipMessage,
    StunBehaviour,
)
from .failover.reasons import reason_text
from .findings import advice_id, title_id
from .nat.tracker import cause_text, class_text

__all__ = ["describe", "finding_advice", "finding_title", "format_line", "format_value"]

TEXTS = i18n.texts(
    "event",
    {
        "registration": "{state} {aor} via {server}/{transport}",
        "registration.registrar": "registrar {registrar}",
        "registration.expires": "expires {expires} s",
        "registration.seen_as": "server saw us as {address}",
        "state.unregistered": "unregistered",
        "state.registering": "registering",
        "state.registered": "registered",
        "state.failed": "failed",
        "state.unregistering": "unregistering",
        "finding": "[{severity}] {title}",
        "finding.advice": "{text}. {advice}",
        "failover": "{policy}: {source} -> {destination}: {reason}",
        "failover.nowhere": "nowhere",
        "policy_changed": "failover policy changed from {previous} to {policy}",
        "probe.ok": "ok",
        "probe.error": "error",
        "probe.timeout": "timeout",
        "probe.unreachable": "unreachable",
        "health.up": "up",
        "health.down": "down",
        "health.unknown": "unknown",
        "servers.current": " (current)",
        "servers.avoided": " avoided {seconds} s",
        "stun": "STUN {server}: seen as {mapped}, {mapping} mapping, {filtering} filtering",
        "stun.lifetime": ", idle UDP lifetime >= {seconds} s",
        "call": "call {call} from {caller} via {source} (registered on {registered_on}; "
        "Via {path}): {answer}",
        "engine.starting": "engine starting",
        "engine.running": "engine running",
        "engine.stopping": "engine stopping",
        "engine.stopped": "engine stopped",
        "engine.failed": "engine failed",
        "call_state": "call {call} {state} {uri}",
        "call_state.answer": ": {code} {reason}",
        "call_state.after": " after {seconds} s",
        "levels.side": "{side} {rms} dBFS (peak {peak}, hold {hold})",
        "levels.silent": "silent",
        "levels.flat": "flat",
        "levels.clip": "clip",
        "media": "{codec}/{rate} RX {rx_packets} pkt, lost {loss}, jitter {jitter} | "
        "TX {tx_packets} pkt | RTT {rtt} | from {source} (SDP {sdp}) | MOS {mos}",
        "sdp.offerer": "SDP offer/answer exchanged (we were the offerer)",
        "sdp.answerer": "SDP offer/answer exchanged (we were the answerer)",
        "audio": "audio {state}",
    },
)


def _t(text_id: str, lang: str, **params: object) -> str:
    return i18n.render(f"event.{text_id}", params, lang)


def finding_title(finding: Finding, lang: str | None = None) -> str:
    """A finding's title in ``lang``; a finding the catalogue does not know keeps its own."""
    return i18n.render(title_id(finding.id), finding.params, lang, fallback=finding.title)


def finding_advice(finding: Finding, lang: str | None = None) -> str:
    return i18n.render(advice_id(finding.id), finding.params, lang, fallback=finding.advice)


def describe(event: Event, lang: str | None = None) -> str:
    lang = i18n.resolve_language(lang) if lang else i18n.get_language()
    if isinstance(event, RegistrationChanged):
        state = i18n.render(f"event.state.{event.state}", (), lang, fallback=event.state)
        parts = [
            _t("registration", lang, state=state, aor=event.aor, server=event.server,
               transport=event.transport)
        ]  # fmt: skip
        if event.code:
            parts.append(f"{event.code} {event.reason}".strip())
        if event.registrar:
            parts.append(_t("registration.registrar", lang, registrar=event.registrar))
        if event.expires:
            parts.append(_t("registration.expires", lang, expires=event.expires))
        if event.received or event.rport:
            address = f"{event.received}:{event.rport}"
            parts.append(_t("registration.seen_as", lang, address=address))
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
        severity = i18n.render(f"report.severity.{event.severity}", (), lang, event.severity)
        text = _t("finding", lang, severity=severity, title=finding_title(event, lang))
        advice = finding_advice(event, lang)
        return _t("finding.advice", lang, text=text, advice=advice) if advice else text
    if isinstance(event, Log):
        return f"{event.source}: {event.message}"
    if isinstance(event, FailoverDecision):
        reason = (
            reason_text(event.reason_id, event.params, lang, fallback=event.reason)
            if event.reason_id
            else event.reason
        )
        return _t("failover", lang, policy=event.policy, source=event.from_target or "-",
                  destination=event.to_target or _t("failover.nowhere", lang), reason=reason)  # fmt: skip
    if isinstance(event, PolicyChanged):
        return _t("policy_changed", lang, previous=event.previous, policy=event.policy)
    if isinstance(event, ProbeResult):
        rtt = f" {event.rtt_ms:.1f} ms" if event.rtt_ms is not None else ""
        code = f" {event.code} {event.reason}" if event.code else f" {event.reason}"
        status = i18n.render(f"event.probe.{event.status}", (), lang, fallback=event.status)
        return f"OPTIONS {event.target}/{event.transport}: {status}{code}{rtt}"
    if isinstance(event, ServersChanged):
        parts = [
            f"{s.target.hostport} {i18n.render(f'event.health.{s.state}', (), lang, s.state)}"
            + (_t("servers.current", lang) if s.current else "")
            + (_t("servers.avoided", lang, seconds=f"{s.dirty_for:.0f}") if s.dirty_for else "")
            for s in event.servers
        ]
        return f"{event.policy}: " + ", ".join(parts)
    if isinstance(event, NatMappingChanged):
        return cause_text(event.likely_cause, event.server, event.local, event.old, event.new,
                          event.evidence, lang, fallback=event.explanation)  # fmt: skip
    if isinstance(event, NatStatus):
        return class_text(event.classification, event.local, event.mappings, lang,
                          fallback=event.explanation)  # fmt: skip
    if isinstance(event, StunBehaviour):
        life = (
            _t("stun.lifetime", lang, seconds=f"{event.lifetime_s:.0f}") if event.lifetime_s else ""
        )
        return _t("stun", lang, server=event.stun_server, mapped=event.mapped or "-",
                  mapping=event.mapping, filtering=event.filtering) + life  # fmt: skip
    if isinstance(event, IncomingCall):
        who = f'"{event.caller_name}" <{event.caller}>' if event.caller_name else event.caller
        return _t("call", lang, call=event.call, caller=who, source=event.source or "-",
                  registered_on=event.registered_on or "-", path=" <- ".join(event.via) or "-",
                  answer=event.answer)  # fmt: skip
    if isinstance(event, EngineState):
        text = i18n.render(f"event.engine.{event.state}", (), lang, f"engine {event.state}")
        return text + (f": {event.detail}" if event.detail else "")
    return _describe_media(event, lang) or repr(event)


def format_value(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}{unit}"


def _describe_media(event: Event, lang: str) -> str | None:
    """The call and media events (None: not one of them)."""
    if isinstance(event, CallStateChanged):
        text = _t("call_state", lang, call=event.call, state=event.state, uri=event.uri)
        if event.code:
            text += _t("call_state.answer", lang, code=event.code, reason=event.reason)
        if event.state == "disconnected" and event.duration_s:
            text += _t("call_state.after", lang, seconds=f"{event.duration_s:.1f}")
        return text
    if isinstance(event, Levels):

        def side(name: str, r: LevelReading) -> str:
            flags = [_t(f"levels.{f}", lang) for f, on in
                     (("silent", r.silent), ("flat", r.stuck), ("clip", r.clipping)) if on]  # fmt: skip
            text = _t("levels.side", lang, side=name, rms=f"{r.rms_dbfs:6.1f}",
                      peak=f"{r.peak_dbfs:6.1f}", hold=f"{r.peak_hold_dbfs:6.1f}")  # fmt: skip
            return text + (" " + ",".join(flags) if flags else "")

        return f"{side('TX', event.tx)} | {side('RX', event.rx)} [{event.tx_source}]"
    if isinstance(event, MediaStats):
        rx, v = event.rx, format_value
        return _t(
            "media", lang, codec=event.codec, rate=event.clock_rate, rx_packets=rx.packets,
            loss=v(rx.loss_pct, "%"), jitter=v(rx.jitter_ms, " ms"), tx_packets=event.tx.packets,
            rtt=v(event.rtt_ms, " ms"), source=event.rtp_source or "-",
            sdp=event.remote_rtp or "-", mos=v(event.mos, "", 2),
        )  # fmt: skip
    if isinstance(event, SdpExchanged):
        return _t("sdp.offerer" if event.offerer == "local" else "sdp.answerer", lang)
    if isinstance(event, AudioPathChanged):
        where = ", ".join(x for x in (event.output, event.input) if x)
        return (
            _t("audio", lang, state=event.state)
            + (f" {where}" if where else "")
            + (f": {event.detail}" if event.detail else "")
        )
    return None


def format_line(event: Event, lang: str | None = None) -> str:
    stamp = time.strftime("%H:%M:%S", time.localtime(event.wall))
    millis = int((event.wall % 1) * 1000)
    return f"{stamp}.{millis:03d} {event.type_name:<19} {describe(event, lang)}"
