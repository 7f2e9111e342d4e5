"""Findings in the user's language.

The engine keeps its catalogue in English (``softdiag.findings.CATALOG``) and a finding
carries its id and the values filled into the templates (``Finding.params``). The GUI looks
the English template up by id, translates it, and fills in the same values; anything it
cannot translate falls back to the English text the engine sent.

``pyside6-lupdate`` only sees string literals, so ``packaging/update_translations.sh``
copies every template into ``ui/texts/finding_catalog.py`` inside ``QT_TRANSLATE_NOOP``;
``tests/gui/test_texts.py`` fails when the catalogue gained an entry since.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from softdiag.events import Finding
from softdiag.findings import CATALOG

from .finding_catalog import TEMPLATES

__all__ = ["TRANSLATABLE", "finding_advice", "finding_title"]

CONTEXT = "Findings"

TRANSLATABLE = TEMPLATES


def _localise(template: str | None, finding: Finding, fallback: str) -> str:
    if template is None:
        return fallback
    translated = QCoreApplication.translate(CONTEXT, template)
    if translated == template:
        return fallback  # no translation: the engine's own text is already right
    # A value may itself be a catalogue phrase (softdiag.sdp.texts.REASONS): translate it too.
    values = {k: QCoreApplication.translate(CONTEXT, v) for k, v in finding.params}
    try:
        return translated.format(**values)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return fallback


def finding_title(finding: Finding) -> str:
    spec = CATALOG.get(finding.id)
    return _localise(spec.title if spec else None, finding, finding.title)


def finding_advice(finding: Finding) -> str:
    spec = CATALOG.get(finding.id)
    return _localise(spec.advice if spec else None, finding, finding.advice)
