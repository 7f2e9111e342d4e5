"""Failover words in the user's language: reasons, health states and policy names.

The engine names every failover reason by a stable id (``softdiag.failover.reasons``) and
sends the English text with it. ``pyside6-lupdate`` only sees string literals, so the
English templates are repeated here inside ``QT_TRANSLATE_NOOP``;
``tests/gui/test_texts.py`` fails when the engine's table and this one differ. A reason
this table does not know is shown in the engine's English.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from softdiag.events import FailoverDecision, ServerState, TargetHealth

__all__ = [
    "REASON_TEMPLATES",
    "decision_reason",
    "health_state_text",
    "health_why",
    "policy_text",
    "reason_text",
]

CONTEXT = "Reasons"

# QT_TRANSLATE_NOOP returns its argument; its stub says object.
REASON_TEMPLATES: dict[str, object] = {
    "initial": QT_TRANSLATE_NOOP("Reasons", "initial choice"),
    "initial_first_ip": QT_TRANSLATE_NOOP("Reasons", "initial choice: first address is {ip}"),
    "removed_from_dns": QT_TRANSLATE_NOOP("Reasons", "the server is no longer in the DNS answer"),
    "probe_ok": QT_TRANSLATE_NOOP("Reasons", "probe answered {code}"),
    "probe_timeout": QT_TRANSLATE_NOOP(
        "Reasons", "no answer to OPTIONS (silent: frozen or black-holed)"
    ),
    "probe_unreachable": QT_TRANSLATE_NOOP(
        "Reasons", "ICMP port unreachable (server process gone)"
    ),
    "probe_error": QT_TRANSLATE_NOOP("Reasons", "OPTIONS answered {code}"),
    "register_ok": QT_TRANSLATE_NOOP("Reasons", "REGISTER answered {code}"),
    "register_failed": QT_TRANSLATE_NOOP("Reasons", "REGISTER failed with {code}"),
    "server_failed": QT_TRANSLATE_NOOP("Reasons", "the server failed"),
    "server_back": QT_TRANSLATE_NOOP("Reasons", "the server answers again: registering there"),
    "all_down_retry": QT_TRANSLATE_NOOP("Reasons", "{cause}; every server is down: trying again"),
    "all_down": QT_TRANSLATE_NOOP("Reasons", "{cause}; every server is down"),
    "fail_back": QT_TRANSLATE_NOOP(
        "Reasons", "fail back: preferred server healthy for {seconds} s"
    ),
    "dns_order_changed": QT_TRANSLATE_NOOP(
        "Reasons", "the DNS answer order changed: first address is {ip}"
    ),
    "baseline_retry": QT_TRANSLATE_NOOP("Reasons", "retry after failure (no failover)"),
    "probe_refused": QT_TRANSLATE_NOOP(
        "Reasons", "TCP connection refused (nothing listens on the port)"
    ),
    "probe_connect_timeout": QT_TRANSLATE_NOOP(
        "Reasons", "no answer to the TCP connection (down, frozen or filtered)"
    ),
    "probe_tls_timeout": QT_TRANSLATE_NOOP(
        "Reasons", "connected, but no answer to the TLS handshake"
    ),
    "probe_no_sip": QT_TRANSLATE_NOOP("Reasons", "connected, but no SIP answer"),
    "probe_closed": QT_TRANSLATE_NOOP(
        "Reasons", "the server closed the connection before answering"
    ),
    "probe_tls_unknown_ca": QT_TRANSLATE_NOOP(
        "Reasons", "TLS: certificate from an authority softdiag does not trust"
    ),
    "probe_tls_name_mismatch": QT_TRANSLATE_NOOP(
        "Reasons", "TLS: certificate not made out to the server's name"
    ),
    "probe_tls_expired": QT_TRANSLATE_NOOP("Reasons", "TLS: certificate expired or not yet valid"),
    "probe_tls_old_protocol": QT_TRANSLATE_NOOP(
        "Reasons", "TLS: the server offers only an old TLS version"
    ),
    "probe_tls_handshake_failed": QT_TRANSLATE_NOOP("Reasons", "TLS: handshake failed"),
}


def reason_text(
    reason_id: str, params: Mapping[str, str] | tuple[tuple[str, str], ...], fallback: str = ""
) -> str:
    """The reason ``reason_id`` with ``params`` filled in, in the user's language.

    Like the engine's ``reason_text``: a ``cause`` parameter names another reason, whose
    text takes its place. ``fallback`` (the engine's English) is used for an unknown id or
    a translation with a broken placeholder.
    """
    template = REASON_TEMPLATES.get(reason_id)
    if template is None:
        return fallback or reason_id
    values = dict(params)
    cause = values.pop("cause", None)
    if cause is not None:
        values["cause"] = reason_text(cause, values, fallback=cause)
    translated = QCoreApplication.translate(CONTEXT, str(template))
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):
        try:
            return str(template).format(**values)
        except (KeyError, IndexError, ValueError):
            return fallback or str(template)


def decision_reason(event: FailoverDecision) -> str:
    """Why the policy moved the account, translated when the engine sent a reason id."""
    if not event.reason_id:
        return event.reason
    return reason_text(event.reason_id, event.params, fallback=event.reason)


def health_why(health: TargetHealth | ServerState) -> str:
    """Why the policy believes what it believes about a target."""
    if not health.why_id:
        return health.why
    return reason_text(health.why_id, health.why_params, fallback=health.why)


def health_state_text(state: str) -> str:
    texts = {
        "up": QCoreApplication.translate("FailoverText", "Up"),
        "down": QCoreApplication.translate("FailoverText", "Down"),
        "unknown": QCoreApplication.translate("FailoverText", "Unknown"),
    }
    return texts.get(state, state)


def policy_text(name: str) -> str:
    texts = {
        "sticky": QCoreApplication.translate("FailoverText", "Sticky"),
        "priority": QCoreApplication.translate("FailoverText", "Priority"),
        "first-ip": QCoreApplication.translate("FailoverText", "First IP (MicroSIP)"),
    }
    return texts.get(name, name)
