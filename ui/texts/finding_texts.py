"""Findings in the user's language, rendered from the one catalogue (``softdiag.i18n``).

A finding carries its id and the values filled into its templates (``Finding.params``);
:func:`softdiag.describe.finding_title` renders them in the GUI's language. A finding the
catalogue does not know keeps the text the engine sent.
"""

from __future__ import annotations

from softdiag import describe
from softdiag.events import Finding

from .language import ui_language

__all__ = ["finding_advice", "finding_title"]


def finding_title(finding: Finding) -> str:
    return describe.finding_title(finding, ui_language())


def finding_advice(finding: Finding) -> str:
    return describe.finding_advice(finding, ui_language())
