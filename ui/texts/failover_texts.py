"""Failover words in the user's language: reasons, health states and policy names.

The engine names every failover reason by a stable id (``softdiag.failover.reasons``); the
reason is rendered from the one catalogue (``softdiag.i18n``) in the GUI's language. Health
states and policy names are the GUI's own labels (Qt ``tr``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication

from softdiag.events import FailoverDecision, ServerState, TargetHealth
from softdiag.failover import reasons

from .language import ui_language

__all__ = [
    "decision_reason",
    "health_state_text",
    "health_why",
    "policy_text",
    "reason_text",
]


def reason_text(
    reason_id: str, params: Mapping[str, str] | tuple[tuple[str, str], ...], fallback: str = ""
) -> str:
    """The reason ``reason_id`` with ``params`` filled in, in the user's language; a
    ``cause`` parameter names another reason. ``fallback`` for an unknown id."""
    return reasons.reason_text(reason_id, params, ui_language(), fallback=fallback)


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
