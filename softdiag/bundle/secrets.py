"""Redaction in one place for everything the journal and the bundle store.

The engine already redacts ``SipMessage`` at capture (softdiag.sip.message.redact_sip);
:func:`scrub` applies the same redaction again to every text-bearing event before it is
journalled or exported, so a new producer that forgets cannot leak a digest response, an
``Authorization`` value or an SRTP key. :func:`scrub_settings` drops every settings key that
looks secret and says which ones it removed.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from softdiag.events import Event, Log, SdpExchanged, SipMessage
from softdiag.sip.message import redact_sip
from softdiag.sip.redact import REDACTED

__all__ = ["REDACTED", "SECRET_KEY", "scrub", "scrub_settings", "scrub_text"]

# Settings keys that hold secrets: never exported, whatever their value.
SECRET_KEY = re.compile(r"pass|secret|token|key|auth|cred", re.IGNORECASE)


def scrub_text(text: str, secrets: tuple[str, ...] = ()) -> str:
    return redact_sip(text, secrets)


def scrub(event: Event, secrets: tuple[str, ...] = ()) -> Event:
    """The event with every free text redacted (the same object when nothing changed)."""
    if isinstance(event, SipMessage):
        text = redact_sip(event.text, secrets)
        return event if text == event.text else dataclasses.replace(event, text=text)
    if isinstance(event, SdpExchanged):
        offer, answer = redact_sip(event.offer, secrets), redact_sip(event.answer, secrets)
        if (offer, answer) == (event.offer, event.answer):
            return event
        return dataclasses.replace(event, offer=offer, answer=answer)
    if isinstance(event, Log):
        message = redact_sip(event.message, secrets)
        return event if message == event.message else dataclasses.replace(event, message=message)
    return event


def scrub_settings(data: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Settings without their secret keys, and the names of the keys removed."""
    kept: dict[str, Any] = {}
    removed: list[str] = []
    for key, value in data.items():
        if SECRET_KEY.search(key):
            kept[key] = REDACTED
            removed.append(key)
        elif isinstance(value, dict):
            inner, gone = scrub_settings(value)
            kept[key] = inner
            removed += [f"{key}.{g}" for g in gone]
        else:
            kept[key] = value
    return kept, removed
