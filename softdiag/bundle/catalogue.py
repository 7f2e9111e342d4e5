"""The GUI's translation catalogue, read without Qt, so the report speaks the same words.

The GUI translates findings (context ``Findings``, keyed by their English template) and
failover reasons (context ``Reasons``) through Qt's ``.ts``/``.qm`` files. The report is
rendered headless too (``softdiag bundle export --lang zh_CN``), so this reads the same
``.ts`` file with the standard library's XML parser and fills the same placeholders. A
string without a translation, or a translation with a broken placeholder, stays English.
"""

from __future__ import annotations

import contextlib
import functools
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path

from softdiag.events import FailoverDecision, Finding, NatMappingChanged
from softdiag.failover.reasons import REASONS
from softdiag.findings import CATALOG
from softdiag.nat.tracker import CAUSES

__all__ = ["Catalogue", "load_catalogue"]

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"


class Catalogue:
    def __init__(self, entries: Mapping[tuple[str, str], str]) -> None:
        self._entries = dict(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def translate(self, context: str, source: str) -> str | None:
        return self._entries.get((context, source))

    def _fill(
        self, context: str, template: str | None, params: Mapping[str, str], fallback: str
    ) -> str:
        if template is None:
            return fallback
        translated = self.translate(context, template)
        if not translated:
            return fallback
        try:
            return translated.format(**params)
        except (KeyError, IndexError, ValueError):
            return fallback

    def finding_title(self, finding: Finding) -> str:
        spec = CATALOG.get(finding.id)
        return self._fill(
            "Findings", spec.title if spec else None, dict(finding.params), finding.title
        )

    def finding_advice(self, finding: Finding) -> str:
        spec = CATALOG.get(finding.id)
        return self._fill(
            "Findings", spec.advice if spec else None, dict(finding.params), finding.advice
        )

    def nat_cause(self, change: NatMappingChanged) -> str:
        """Why a mapping changed: the template of its cause filled with its evidence
        (``name=value`` lines) and addresses, as the GUI's NAT panel says it."""
        values: dict[str, object] = {}
        for line in change.evidence:
            name, sep, value = line.partition("=")
            if sep and name.isidentifier():
                values[name] = value
        if "idle" in values:  # the template formats it as {idle:.0f}
            with contextlib.suppress(ValueError):
                values["idle"] = float(str(values["idle"]))
        values.update(server=change.server, local=change.local, old=change.old, new=change.new)
        template = CAUSES.get(change.likely_cause)
        fallback = change.explanation or change.likely_cause
        translated = self.translate("NatCauses", template) if template else None
        if not translated:
            return fallback
        try:
            return translated.format(**values)
        except (KeyError, IndexError, ValueError, TypeError):
            return fallback

    def decision_reason(self, decision: FailoverDecision) -> str:
        template = REASONS.get(decision.reason_id)
        return self._fill("Reasons", template, dict(decision.params), decision.reason)


@functools.lru_cache(maxsize=4)
def load_catalogue(lang: str, folder: Path = TRANSLATIONS) -> Catalogue:
    """The catalogue of ``lang`` (empty for English, or when the file is missing or bad)."""
    path = folder / f"softdiag_{lang}.ts"
    if lang == "en" or not path.is_file():
        return Catalogue({})
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError):
        return Catalogue({})
    entries: dict[tuple[str, str], str] = {}
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            source = message.findtext("source")
            if (
                translation is None
                or source is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
            ):
                continue
            if translation.text and translation.text.strip():
                entries[(name, source)] = translation.text
    return Catalogue(entries)
