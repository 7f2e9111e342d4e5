"""The guided check's checklist: a pure state machine, its events and its words.

Theory of operation
-------------------
A check is an ordered list of steps (``profile.STEPS`` order). Each step is a small state
machine whose legal moves live in ``TRANSITIONS``::

    pending --start--> running --pass/warn/fail--> pass | warn | fail
    pending --skip---> skipped          running --skip--> skipped (cancelled mid-way)

An illegal move raises :class:`IllegalTransition`. The :class:`Checklist` takes facts and
``now`` (monotonic seconds, injected) and returns immutable events (:class:`CheckStep`,
:class:`CheckSummary`) for the driver to publish; it never reads a clock or does I/O.

Invariants:

1. Every step ends in exactly one of pass / warn / fail / skipped; a skipped step says why
   (a summary id of its own, e.g. ``skip.no_servers``).
2. A step's status follows from its findings unless the driver says worse: an ``error``
   finding fails it, a ``warning`` warns, ``info`` passes.
3. The verdict is the worst step status (fail > warn > pass); skipped steps do not count,
   except that a run where every step was skipped is not a pass (``warn``).
4. First fixes: at most two findings, errors before warnings; among equals the earlier
   step first, because an early failure (DNS, credentials) explains the later ones; one
   finding id is named once.

Summaries are one sentence per step, keyed by stable ids (``SUMMARIES``, registered as
``check.summary.<id>`` in the one catalogue, :mod:`softdiag.i18n`): events carry the English
rendering, the CLI and the GUI render the id with the step's parameters in their language.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from softdiag import i18n
from softdiag.events import Event, Finding

__all__ = [
    "STATUSES",
    "SUMMARIES",
    "TRANSITIONS",
    "CheckStep",
    "CheckSummary",
    "Checklist",
    "IllegalTransition",
    "StepOutcome",
    "first_fixes",
    "status_of",
    "summary_text",
]

Status = Literal["pending", "running", "pass", "warn", "fail", "skipped"]
Move = Literal["start", "pass", "warn", "fail", "skip"]
STATUSES: tuple[Status, ...] = ("pending", "running", "pass", "warn", "fail", "skipped")
FINAL: frozenset[str] = frozenset({"pass", "warn", "fail", "skipped"})

TRANSITIONS: dict[tuple[Status, Move], Status] = {
    ("pending", "start"): "running",
    ("pending", "skip"): "skipped",
    ("running", "pass"): "pass",
    ("running", "warn"): "warn",
    ("running", "fail"): "fail",
    ("running", "skip"): "skipped",
}

_RANK = {"pass": 0, "skipped": 0, "warn": 1, "fail": 2}

# One sentence per outcome of each step. Parameters are filled with str.format.
SUMMARIES: dict[str, str] = i18n.texts(
    "check.summary",
    {
        "running": "Running…",
        "network.ok": "This computer reaches the DNS server {destination} from {local}.",
        "network.no_route": "This computer has no route to the DNS server {destination}.",
        "dns.ok": "{domain} resolves to {count} servers through {nameserver}; shortest TTL {ttl} s.",
        "dns.failed": "{domain} could not be resolved through {nameserver}.",
        "servers.ok": "All {total} servers answer; round trip {rtt_min}–{rtt_max} ms.",
        "servers.some_down": "{up} of {total} servers answer; {down} do not.",
        "servers.all_down": "None of the {total} servers answers.",
        "register.ok": "Registered on {server}; refreshes held: {held}.",
        "register.failover": "Registered on {server} after failover passed over {skipped}; "
        "refreshes held: {held}.",
        "register.moved": "Registered, but the registration moved from {old} to {new}.",
        "register.short": "Registered on {server}, but held only {held} of {wanted} refreshes.",
        "register.refused": "The server refused the account: {reason}.",
        "register.failed": "The account did not register.",
        "nat.none": "No NAT: the servers see our own address {public}.",
        "nat.stable": "Behind a NAT: every server sees us as {public}, stable across refreshes.",
        "nat.changed": "The public address the servers see changed during the check.",
        "nat.per_server": "Behind a NAT that gives every server its own public port.",
        "nat.unknown": "No server reported the address it sees.",
        "nat.probes_only": "Not registered; the servers' answers to probes see us as {public}.",
        "call.ok": "The call connected in {setup} ms; {codec}, MOS {mos}, audio both ways.",
        "call.problem": "The call connected in {setup} ms, but: {problem}.",
        "call.failed": "The test call did not connect: {problem}.",
        "devices.ok": "{output} and {input} work.",
        "devices.problem": "{output} / {input}: {problem}.",
        "devices.missing": "Missing: {problem}.",
        "step.error": "This step could not run: {error}.",
        "skip.not_selected": "Not part of this check.",
        "skip.no_dns": "Skipped: DNS gave no server to try.",
        "skip.no_servers": "Skipped: no server to register with.",
        "skip.not_registered": "Skipped: the account is not registered.",
        "skip.no_call_target": "Skipped: no test target to call (set call in the profile).",
        "skip.no_route": "Skipped: no network.",
        "skip.cancelled": "Cancelled.",
        "verdict.pass": "Every step passed.",
        "verdict.warn": "It works; warnings to look at: {count}.",
        "verdict.fail": "Failed steps: {count}. Fix the first things first.",
        "verdict.cancelled": "Cancelled before the end: the steps that ran are shown.",
    },
)


def summary_text(
    summary_id: str, params: Mapping[str, str] | Iterable[tuple[str, str]], lang: str = "en"
) -> str:
    """The sentence for a summary id in ``lang`` (English: what events carry), filled with
    its parameters."""
    return i18n.render(f"check.summary.{summary_id}", params, lang)


class IllegalTransition(RuntimeError):
    """A step was moved in a way the table does not allow."""

    def __init__(self, step: str, status: str, move: str) -> None:
        super().__init__(f"step {step}: cannot {move} while {status}")
        self.step, self.status, self.move = step, status, move


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckStep(Event):
    """One step of the guided check changed: started, or finished with its verdict."""

    step: str
    index: int  # 0-based position in this check
    total: int
    status: Status
    summary: str  # English sentence (summary_text of summary_id)
    summary_id: str
    summary_params: tuple[tuple[str, str], ...] = ()
    findings: tuple[Finding, ...] = ()
    evidence: tuple[str, ...] = ()  # the facts behind the verdict, one per line
    duration_s: float = 0.0

    def json_line(self) -> dict[str, object]:
        """The ``softdiag check --json`` object (the CLI contract)."""
        return {
            "type": "CheckStep",
            "step": self.step,
            "status": self.status,
            "findings": [f.id for f in self.findings],
            "summary": self.summary,
            "duration_s": round(self.duration_s, 3),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckSummary(Event):
    """The end of a guided check: the verdict and what to fix first."""

    status: Literal["pass", "warn", "fail"]
    summary: str
    summary_id: str
    summary_params: tuple[tuple[str, str], ...] = ()
    first_fixes: tuple[Finding, ...] = ()
    steps: tuple[tuple[str, str], ...] = ()  # (step, status) in order
    bundle: str = ""  # where the diagnostic bundle went; "" when none was written
    cancelled: bool = False
    duration_s: float = 0.0

    def json_line(self) -> dict[str, object]:
        return {
            "type": "CheckSummary",
            "status": self.status,
            "first_fixes": [f.id for f in self.first_fixes],
            "bundle": self.bundle,
            "summary": self.summary,
            "steps": dict(self.steps),
            "duration_s": round(self.duration_s, 3),
        }


@dataclass(frozen=True, slots=True, kw_only=True)
class StepOutcome:
    """What a driver learned in one step; the checklist turns it into a status."""

    summary_id: str
    params: Mapping[str, object] = field(default_factory=dict)
    findings: Sequence[Finding] = ()
    evidence: Sequence[str] = ()
    status: Literal["pass", "warn", "fail"] | None = None  # None: from the findings


def status_of(findings: Iterable[Finding]) -> Literal["pass", "warn", "fail"]:
    severities = {f.severity for f in findings}
    if "error" in severities:
        return "fail"
    if "warning" in severities:
        return "warn"
    return "pass"


def first_fixes(steps: Sequence[CheckStep], limit: int = 2) -> tuple[Finding, ...]:
    """Invariant 4: the one or two findings to act on first."""
    ranked: list[tuple[int, int, int, Finding]] = []
    for step in steps:
        for order, f in enumerate(step.findings):
            if f.severity in ("error", "warning"):
                ranked.append((0 if f.severity == "error" else 1, step.index, order, f))
    ranked.sort(key=lambda r: r[:3])
    out: list[Finding] = []
    for *_, f in ranked:
        if f.id not in {o.id for o in out}:
            out.append(f)
        if len(out) == limit:
            break
    return tuple(out)


def _params(values: Mapping[str, object]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted((k, str(v)) for k, v in values.items()))


class Checklist:
    """The steps of one check and their statuses. Pure: ``now`` is always given."""

    def __init__(self, steps: Sequence[str]) -> None:
        if not steps:
            raise ValueError("a check needs at least one step")
        self.steps: tuple[str, ...] = tuple(steps)
        self.status: dict[str, Status] = dict.fromkeys(self.steps, "pending")
        self.results: dict[str, CheckStep] = {}
        self._started: dict[str, float] = {}
        self._began: float | None = None

    @property
    def done(self) -> bool:
        return all(s in FINAL for s in self.status.values())

    def _move(self, step: str, move: Move) -> Status:
        current = self.status[step]
        new = TRANSITIONS.get((current, move))
        if new is None:
            raise IllegalTransition(step, current, move)
        self.status[step] = new
        return new

    def _event(self, step: str, status: Status, summary_id: str, params: Mapping[str, object],
               findings: Sequence[Finding] = (), evidence: Sequence[str] = (),
               duration: float = 0.0) -> CheckStep:  # fmt: skip
        p = _params(params)
        return CheckStep(
            step=step, index=self.steps.index(step), total=len(self.steps), status=status,
            summary=summary_text(summary_id, p), summary_id=summary_id, summary_params=p,
            findings=tuple(findings), evidence=tuple(evidence), duration_s=round(duration, 3),
        )  # fmt: skip

    def start(self, step: str, now: float) -> CheckStep:
        self._move(step, "start")
        self._started[step] = now
        if self._began is None:
            self._began = now
        return self._event(step, "running", "running", {})

    def finish(self, step: str, outcome: StepOutcome, now: float) -> CheckStep:
        """Invariant 2: the status is the findings' unless the outcome says worse."""
        derived = status_of(outcome.findings)
        status = derived
        if outcome.status is not None and _RANK[outcome.status] > _RANK[derived]:
            status = outcome.status
        self._move(step, status)
        event = self._event(
            step, status, outcome.summary_id, outcome.params, outcome.findings,
            outcome.evidence, now - self._started.get(step, now),
        )  # fmt: skip
        self.results[step] = event
        return event

    def skip(self, step: str, why_id: str, now: float, evidence: Sequence[str] = ()) -> CheckStep:
        if not why_id.startswith("skip."):
            raise ValueError(f"a skip needs a skip.* reason, not {why_id!r}")
        began = self._started.get(step)
        self._move(step, "skip")
        event = self._event(step, "skipped", why_id, {}, (), evidence,
                            0.0 if began is None else now - began)  # fmt: skip
        self.results[step] = event
        return event

    def cancel(self, now: float) -> list[CheckStep]:
        """Everything not finished becomes skipped (cancelled), in order."""
        return [
            self.skip(step, "skip.cancelled", now)
            for step in self.steps
            if self.status[step] in ("pending", "running")
        ]

    def summary(self, now: float, *, bundle: str = "", cancelled: bool = False) -> CheckSummary:
        ordered = [self.results[s] for s in self.steps if s in self.results]
        statuses = [e.status for e in ordered]
        worst = max((_RANK[s] for s in statuses), default=0)
        verdict: Literal["pass", "warn", "fail"] = ("pass", "warn", "fail")[worst]
        if verdict == "pass" and statuses and all(s == "skipped" for s in statuses):
            verdict = "warn"  # invariant 3: nothing checked is not a pass
        if cancelled and verdict == "pass":
            verdict = "warn"
        count = sum(1 for s in statuses if s == verdict) if verdict != "pass" else 0
        if verdict == "warn":
            count = sum(len([f for f in e.findings if f.severity == "warning"]) for e in ordered)
        params = _params({"count": count})
        summary_id = "verdict.cancelled" if cancelled else f"verdict.{verdict}"
        return CheckSummary(
            status=verdict,
            summary=summary_text(summary_id, params),
            summary_id=summary_id,
            summary_params=params,
            first_fixes=first_fixes(ordered),
            steps=tuple((e.step, e.status) for e in ordered),
            bundle=bundle,
            cancelled=cancelled,
            duration_s=round(now - (self._began if self._began is not None else now), 3),
        )
