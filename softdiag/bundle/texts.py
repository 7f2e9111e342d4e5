"""The words of the bundle's report, in one place: ``report.<key>`` in the one catalogue.

The English texts are here; their translations are in the gettext catalogues
(``resources/locale``) like every engine text, and :func:`text` renders them through
:mod:`softdiag.i18n` (English for a missing translation). The report is rendered headless by
``softdiag bundle export``: no Qt here.
"""

from __future__ import annotations

from softdiag import i18n

__all__ = ["LANGUAGES", "keys", "text"]

LANGUAGES = i18n.LANGUAGES

_TEXTS: dict[str, str] = i18n.texts(
    "report",
    {
        "title": "softdiag diagnostic report",
        "summary": "Summary",
        "verdict.ok": "No problem found",
        "verdict.warning": "Warnings found",
        "verdict.error": "Problems found",
        "runs": "Runs",
        "period": "Period",
        "events": "Events",
        "sip_messages": "SIP messages",
        "registration": "Registration",
        "registered_on": "Last registered on",
        "not_registered": "never registered",
        "calls": "Calls",
        "call_state": "State",
        "findings": "Findings",
        "no_findings": "No findings.",
        "severity": "Severity",
        "severity.info": "info",
        "severity.warning": "warning",
        "severity.error": "error",
        "finding": "Finding",
        "evidence": "Evidence",
        "advice": "Advice",
        "timeline": "Registration, failover and NAT timeline",
        "timeline.legend": "Green: registered; red: failed REGISTER; dots: OPTIONS probes (grey = no answer); blue lines: failover decisions; orange diamonds: NAT mapping changes.",
        "failover": "Failover decisions",
        "nat": "NAT mapping changes",
        "time": "Time",
        "from": "From",
        "to": "To",
        "why": "Why",
        "call_levels": "Call levels (dBFS)",
        "call_stats": "Call stream statistics",
        "loss": "RX loss %",
        "jitter": "RX jitter ms",
        "mos": "MOS",
        "no_call": "No call in this bundle.",
        "device_check": "Audio device check",
        "no_device_check": "No device check was run.",
        "environment": "Environment",
        "audio_devices": "Audio devices",
        "form_factor": "Form factor",
        "direction": "Direction",
        "name": "Name",
        "default": "default",
        "contents": "Contents of this bundle",
        "contents.text": "events.jsonl: every event as JSON lines; sip.pcap: the SIP messages for Wireshark/sngrep; settings.json: settings without secrets; logs.txt: the app's logs. Passwords, digest responses, Authorization values and SRTP keys were removed.",
        "messages_by_kind": "SIP messages by kind",
        "count": "Count",
    },
)


def text(key: str, lang: str = "en") -> str:
    return i18n.render(f"report.{key}", (), lang)


def keys() -> list[str]:
    return list(_TEXTS)
