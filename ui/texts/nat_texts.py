"""NAT words in the user's language: mapping-change causes, NAT classes and STUN results.

The engine names every cause of a mapping change and every NAT class by a stable id
(``softdiag.nat.tracker``); the sentences are rendered from the one catalogue
(``softdiag.i18n``) in the GUI's language, with the values the tracker derives from the
event (:func:`softdiag.nat.tracker.cause_params`). The short names for list columns and the
STUN words are the GUI's own labels (Qt ``tr``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from softdiag.events import NatMappingChanged, NatStatus, StunBehaviour
from softdiag.nat import tracker

from .language import ui_language

__all__ = [
    "cause_name",
    "cause_text",
    "class_name",
    "class_text",
    "lifetime_text",
    "source_text",
    "stun_filtering_text",
    "stun_mapping_text",
    "stun_summary",
    "unknown_class_text",
]


# -- mapping changes ---------------------------------------------------------------------


def cause_text(event: NatMappingChanged) -> str:
    """Why the mapping changed, in a sentence, in the user's language."""
    return tracker.cause_text(
        event.likely_cause, event.server, event.local, event.old, event.new, event.evidence,
        ui_language(), fallback=event.explanation or event.likely_cause,
    )  # fmt: skip


def cause_name(cause: str) -> str:
    """A few words for a list column; :func:`cause_text` says it in full."""
    names = {
        "first_seen": QCoreApplication.translate("NatText", "first answer"),
        "local_changed": QCoreApplication.translate(
            "NatText", "network switch (new local address)"
        ),
        "server_move": QCoreApplication.translate("NatText", "new server, new mapping"),
        "public_ip_changed": QCoreApplication.translate("NatText", "new public IP address"),
        "idle_timeout": QCoreApplication.translate("NatText", "idle too long: mapping forgotten"),
        "rebinding": QCoreApplication.translate("NatText", "NAT rebinding (state lost)"),
    }
    return names.get(cause, cause)


def source_text(source: str) -> str:
    texts = {
        "register": "REGISTER",
        "probe": QCoreApplication.translate("NatText", "OPTIONS probe"),
        "stun": "STUN",
    }
    return texts.get(source, source)


# -- classification ----------------------------------------------------------------------


def class_text(event: NatStatus) -> str:
    """The NAT in front of us in plain words, with the addresses that show it."""
    return tracker.class_text(
        event.classification, event.local, event.mappings, ui_language(),
        fallback=event.explanation or event.classification,
    )  # fmt: skip


def unknown_class_text() -> str:
    return tracker.class_text("unknown", None, (), ui_language())


def class_name(classification: str) -> str:
    """The class in two or three words (the log's summary, a tooltip title)."""
    names = {
        "unknown": QCoreApplication.translate("NatText", "NAT unknown"),
        "no_nat": QCoreApplication.translate("NatText", "no NAT"),
        "stable": QCoreApplication.translate("NatText", "behind NAT, stable mapping"),
        "address_dependent": QCoreApplication.translate(
            "NatText", "behind NAT, address-dependent mapping"
        ),
    }
    return names.get(classification, classification)


# -- STUN (RFC 5780 behaviour discovery) -------------------------------------------------


def stun_mapping_text(mapping: str) -> str:
    texts = {
        "no-nat": QCoreApplication.translate("NatText", "no NAT towards the STUN server"),
        "endpoint-independent": QCoreApplication.translate(
            "NatText", "one public port for every destination"
        ),
        "address-dependent": QCoreApplication.translate(
            "NatText", "a new public port for every server address"
        ),
        "address-and-port-dependent": QCoreApplication.translate(
            "NatText", "a new public port for every server address and port (symmetric NAT)"
        ),
        "unknown": QCoreApplication.translate("NatText", "mapping behaviour unknown"),
    }
    return texts.get(mapping, mapping)


def stun_filtering_text(filtering: str) -> str:
    texts = {
        "endpoint-independent": QCoreApplication.translate(
            "NatText", "lets in packets from anyone"
        ),
        "address-dependent": QCoreApplication.translate(
            "NatText", "lets in packets only from addresses we sent to"
        ),
        "address-and-port-dependent": QCoreApplication.translate(
            "NatText", "lets in packets only from the address and port we sent to"
        ),
        "unknown": QCoreApplication.translate("NatText", "filtering unknown"),
    }
    return texts.get(filtering, filtering)


def lifetime_text(seconds: float | None) -> str:
    """How long an idle UDP mapping lasts: "~25 s" (a lower bound: it is measured)."""
    if seconds is None:
        return QCoreApplication.translate("NatText", "lifetime not measured")
    if seconds >= 120:
        return QCoreApplication.translate("NatText", "~{minutes} min").format(
            minutes=round(seconds / 60)
        )
    return QCoreApplication.translate("NatText", "~{seconds} s").format(seconds=round(seconds))


def stun_summary(event: StunBehaviour) -> str:
    """One line: mapping, filtering and the idle lifetime."""
    if event.lifetime_s is None:
        lifetime = lifetime_text(None)
    else:
        lifetime = QCoreApplication.translate("NatText", "an idle mapping lasts {lifetime}").format(
            lifetime=lifetime_text(event.lifetime_s)
        )
    return QCoreApplication.translate("NatText", "{mapping}; {filtering}; {lifetime}").format(
        mapping=stun_mapping_text(event.mapping),
        filtering=stun_filtering_text(event.filtering),
        lifetime=lifetime,
    )
