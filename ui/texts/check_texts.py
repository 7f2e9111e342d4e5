"""The guided check's words in the user's language: step names, statuses, summaries.

The engine keys every step summary by a stable id (``softdiag.check.steps.SUMMARIES``, in
the one catalogue ``softdiag.i18n``) and keeps the values apart
(``CheckStep.summary_params``); the GUI renders the id in its language with the same values.
Step names and statuses are the dialog's own labels (Qt ``tr``).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from softdiag import i18n
from softdiag.check.steps import CheckStep, CheckSummary
from softdiag.events import Finding

from .finding_texts import finding_title
from .language import ui_language

__all__ = ["status_text", "step_name", "summary_of", "verdict_of"]


def step_name(step: str) -> str:
    names = {
        "network": QCoreApplication.translate("GuidedCheck", "Network"),
        "dns": QCoreApplication.translate("GuidedCheck", "DNS"),
        "servers": QCoreApplication.translate("GuidedCheck", "Servers"),
        "register": QCoreApplication.translate("GuidedCheck", "Registration"),
        "nat": QCoreApplication.translate("GuidedCheck", "NAT"),
        "call": QCoreApplication.translate("GuidedCheck", "Test call"),
        "devices": QCoreApplication.translate("GuidedCheck", "Audio devices"),
    }
    return names.get(step, step)


def status_text(status: str) -> str:
    texts = {
        "pending": QCoreApplication.translate("GuidedCheck", "waiting"),
        "running": QCoreApplication.translate("GuidedCheck", "running"),
        "pass": QCoreApplication.translate("GuidedCheck", "pass"),
        "warn": QCoreApplication.translate("GuidedCheck", "warning"),
        "fail": QCoreApplication.translate("GuidedCheck", "fail"),
        "skipped": QCoreApplication.translate("GuidedCheck", "skipped"),
    }
    return texts.get(status, status)


def _fill(summary_id: str, params: dict[str, str], fallback: str) -> str:
    return i18n.render(f"check.summary.{summary_id}", params, ui_language(), fallback=fallback)


def _problem(findings: tuple[Finding, ...], params: dict[str, str]) -> dict[str, str]:
    """A ``problem`` value is a finding's English title: put the translated one instead."""
    bad = [f for f in findings if f.severity in ("error", "warning")]
    if "problem" in params and bad:
        return {**params, "problem": finding_title(bad[0])}
    return params


def summary_of(step: CheckStep) -> str:
    params = _problem(step.findings, dict(step.summary_params))
    return _fill(step.summary_id, params, step.summary)


def verdict_of(summary: CheckSummary) -> str:
    return _fill(summary.summary_id, dict(summary.summary_params), summary.summary)
