"""The guided check's words in the user's language: step names, statuses, summaries.

The engine keys every step summary by a stable id (``softdiag.check.steps.SUMMARIES``,
English) and keeps the values apart (``CheckStep.summary_params``). Here the English
templates are literals inside ``QT_TRANSLATE_NOOP`` so pyside6-lupdate extracts them; the
GUI looks a summary up by id, translates it and fills in the same values.
``tests/gui/test_check_dialog.py`` fails when the engine's table gained an entry since.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from softdiag.check.steps import SUMMARIES, CheckStep, CheckSummary
from softdiag.events import Finding

from .finding_texts import finding_title

__all__ = ["TEMPLATES", "status_text", "step_name", "summary_of", "verdict_of"]

CONTEXT = "CheckSummaries"

# QT_TRANSLATE_NOOP returns its argument; its stub says object.
TEMPLATES: tuple[object, ...] = (
    # running
    QT_TRANSLATE_NOOP("CheckSummaries", "Running…"),
    # network.ok
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "This computer reaches the DNS server {destination} from {local}."
    ),
    # network.no_route
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "This computer has no route to the DNS server {destination}."
    ),
    # dns.ok
    QT_TRANSLATE_NOOP(
        "CheckSummaries",
        "{domain} resolves to {count} servers through {nameserver}; shortest TTL {ttl} s.",
    ),
    # dns.failed
    QT_TRANSLATE_NOOP("CheckSummaries", "{domain} could not be resolved through {nameserver}."),
    # servers.ok
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "All {total} servers answer; round trip {rtt_min}–{rtt_max} ms."
    ),
    # servers.some_down
    QT_TRANSLATE_NOOP("CheckSummaries", "{up} of {total} servers answer; {down} do not."),
    # servers.all_down
    QT_TRANSLATE_NOOP("CheckSummaries", "None of the {total} servers answers."),
    # register.ok
    QT_TRANSLATE_NOOP("CheckSummaries", "Registered on {server}; refreshes held: {held}."),
    # register.failover
    QT_TRANSLATE_NOOP(
        "CheckSummaries",
        "Registered on {server} after failover passed over {skipped}; refreshes held: {held}.",
    ),
    # register.moved
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "Registered, but the registration moved from {old} to {new}."
    ),
    # register.short
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "Registered on {server}, but held only {held} of {wanted} refreshes."
    ),
    # register.refused
    QT_TRANSLATE_NOOP("CheckSummaries", "The server refused the account: {reason}."),
    # register.failed
    QT_TRANSLATE_NOOP("CheckSummaries", "The account did not register."),
    # nat.none
    QT_TRANSLATE_NOOP("CheckSummaries", "No NAT: the servers see our own address {public}."),
    # nat.stable
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "Behind a NAT: every server sees us as {public}, stable across refreshes."
    ),
    # nat.changed
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "The public address the servers see changed during the check."
    ),
    # nat.per_server
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "Behind a NAT that gives every server its own public port."
    ),
    # nat.unknown
    QT_TRANSLATE_NOOP("CheckSummaries", "No server reported the address it sees."),
    # nat.probes_only
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "Not registered; the servers' answers to probes see us as {public}."
    ),
    # call.ok
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "The call connected in {setup} ms; {codec}, MOS {mos}, audio both ways."
    ),
    # call.problem
    QT_TRANSLATE_NOOP("CheckSummaries", "The call connected in {setup} ms, but: {problem}."),
    # call.failed
    QT_TRANSLATE_NOOP("CheckSummaries", "The test call did not connect: {problem}."),
    # devices.ok
    QT_TRANSLATE_NOOP("CheckSummaries", "{output} and {input} work."),
    # devices.problem
    QT_TRANSLATE_NOOP("CheckSummaries", "{output} / {input}: {problem}."),
    # devices.missing
    QT_TRANSLATE_NOOP("CheckSummaries", "Missing: {problem}."),
    # step.error
    QT_TRANSLATE_NOOP("CheckSummaries", "This step could not run: {error}."),
    # skip.not_selected
    QT_TRANSLATE_NOOP("CheckSummaries", "Not part of this check."),
    # skip.no_dns
    QT_TRANSLATE_NOOP("CheckSummaries", "Skipped: DNS gave no server to try."),
    # skip.no_servers
    QT_TRANSLATE_NOOP("CheckSummaries", "Skipped: no server to register with."),
    # skip.not_registered
    QT_TRANSLATE_NOOP("CheckSummaries", "Skipped: the account is not registered."),
    # skip.no_call_target
    QT_TRANSLATE_NOOP(
        "CheckSummaries", "Skipped: no test target to call (set call in the profile)."
    ),
    # skip.no_route
    QT_TRANSLATE_NOOP("CheckSummaries", "Skipped: no network."),
    # skip.cancelled
    QT_TRANSLATE_NOOP("CheckSummaries", "Cancelled."),
    # verdict.pass
    QT_TRANSLATE_NOOP("CheckSummaries", "Every step passed."),
    # verdict.warn
    QT_TRANSLATE_NOOP("CheckSummaries", "It works; warnings to look at: {count}."),
    # verdict.fail
    QT_TRANSLATE_NOOP("CheckSummaries", "Failed steps: {count}. Fix the first things first."),
    # verdict.cancelled
    QT_TRANSLATE_NOOP("CheckSummaries", "Cancelled before the end: the steps that ran are shown."),
)


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
    template = SUMMARIES.get(summary_id)
    if template is None:
        return fallback
    translated = QCoreApplication.translate(CONTEXT, template)
    try:
        return translated.format(**params)
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return fallback


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
