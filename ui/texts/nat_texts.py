"""NAT words in the user's language: mapping-change causes, NAT classes and STUN results.

The engine names every cause of a mapping change and every NAT class by a stable id
(``softdiag.nat.tracker.CAUSES`` and ``CLASSES``) and sends the English text with it.
``pyside6-lupdate`` only sees string literals, so the English templates are repeated here
inside ``QT_TRANSLATE_NOOP``; ``tests/gui/test_nat_panel.py`` fails when the engine's
tables and these differ. An id this table does not know is shown in the engine's English.

The values a template is filled with come from the event itself (server, local, old, new)
and from its evidence, which the tracker writes as ``name=value`` lines (``old_server``,
``old_local``, ``idle``).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from softdiag.events import NatMappingChanged, NatStatus, StunBehaviour

__all__ = [
    "CAUSE_TEMPLATES",
    "CLASS_TEMPLATES",
    "cause_name",
    "cause_text",
    "class_name",
    "class_text",
    "lifetime_text",
    "source_text",
    "stun_filtering_text",
    "stun_mapping_text",
    "stun_summary",
]

CAUSE_CONTEXT = "NatCauses"
CLASS_CONTEXT = "NatClasses"

# QT_TRANSLATE_NOOP returns its argument; its stub says object.
CAUSE_TEMPLATES: dict[str, object] = {
    "first_seen": QT_TRANSLATE_NOOP("NatCauses", "first answer from {server}: it sees us as {new}"),
    "local_changed": QT_TRANSLATE_NOOP(
        "NatCauses",
        "our local address changed from {old_local} to {local} "
        "(network switch: Wi-Fi, VPN or cable)",
    ),
    "server_move": QT_TRANSLATE_NOOP(
        "NatCauses",
        "the registration moved from {old_server} to {server}, which sees us as "
        "{new} instead of {old}: a new NAT mapping for a new destination",
    ),
    "public_ip_changed": QT_TRANSLATE_NOOP(
        "NatCauses",
        "{server} now sees another public address ({old} -> {new}): "
        "reconnect, VPN or a NAT with several addresses",
    ),
    "idle_timeout": QT_TRANSLATE_NOOP(
        "NatCauses",
        "{server} sees a new port ({old} -> {new}); up to {idle:.0f} s pass "
        "without traffic, longer than many NATs keep an idle UDP mapping: it was forgotten",
    ),
    "rebinding": QT_TRANSLATE_NOOP(
        "NatCauses",
        "{server} sees a new port ({old} -> {new}) although traffic kept flowing: "
        "the NAT lost its state (restart or flush) and made a new mapping",
    ),
}

CLASS_TEMPLATES: dict[str, object] = {
    "unknown": QT_TRANSLATE_NOOP("NatClasses", "no server has answered yet"),
    "no_nat": QT_TRANSLATE_NOOP("NatClasses", "no NAT: servers see our own address {local}"),
    "stable": QT_TRANSLATE_NOOP("NatClasses", "behind NAT: every server sees us as {public}"),
    "address_dependent": QT_TRANSLATE_NOOP(
        "NatClasses",
        "behind NAT with address-dependent mapping: one local socket, "
        "different public ports towards different servers ({ports})",
    ),
}


def _fill(context: str, template: object, values: Mapping[str, object], fallback: str) -> str:
    """The translated template filled with ``values``; the English one if the translation's
    placeholders are broken; ``fallback`` (the engine's text) if even that fails."""
    english = str(template)
    for text in (QCoreApplication.translate(context, english), english):
        try:
            return text.format(**values)
        except (KeyError, IndexError, ValueError, TypeError):
            continue
    return fallback or english


def _evidence_values(evidence: tuple[str, ...]) -> dict[str, object]:
    values: dict[str, object] = {}
    for line in evidence:
        name, sep, value = line.partition("=")
        if not sep or not name.isidentifier():
            continue
        if name == "idle":  # formatted with {idle:.0f}
            try:
                values[name] = float(value)
            except ValueError:
                continue
        else:
            values[name] = value
    return values


# -- mapping changes ---------------------------------------------------------------------


def cause_text(event: NatMappingChanged) -> str:
    """Why the mapping changed, in a sentence, in the user's language."""
    template = CAUSE_TEMPLATES.get(event.likely_cause)
    if template is None:
        return event.explanation or event.likely_cause
    values: dict[str, object] = _evidence_values(event.evidence)
    values.update(server=event.server, local=event.local, old=event.old, new=event.new)
    return _fill(CAUSE_CONTEXT, template, values, event.explanation)


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
    template = CLASS_TEMPLATES.get(event.classification)
    if template is None:
        return event.explanation or event.classification
    publics = sorted({public for _server, public in event.mappings})
    values = {
        "local": event.local or "",
        "public": publics[0] if len(publics) == 1 else ", ".join(publics),
        "ports": ", ".join(publics),
    }
    return _fill(CLASS_CONTEXT, template, values, event.explanation)


def unknown_class_text() -> str:
    return _fill(CLASS_CONTEXT, CLASS_TEMPLATES["unknown"], {}, "")


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
