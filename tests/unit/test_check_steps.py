"""The guided check's checklist: transitions, statuses from findings, verdict, first fixes."""

from __future__ import annotations

import pytest

from softdiag.check.steps import (
    SUMMARIES,
    TRANSITIONS,
    Checklist,
    IllegalTransition,
    StepOutcome,
    first_fixes,
    summary_text,
)
from softdiag.events import event_from_json, event_to_json
from softdiag.findings import make_finding

DNS_TIMEOUT = make_finding("dns.timeout", nameserver="127.0.0.1:53", domain="voip.test")
PARTLY = make_finding("check.servers_partly_down", down=2, total=3, domain="d", servers="a, b")
ROTATES = make_finding("check.dns_order_rotates", count=3, domain="d")
REFUSED = make_finding("registration.credentials_rejected", code=403, reason="Forbidden", aor="a@d")
SILENCE = make_finding("media.rx_digital_silence", remote="127.0.0.8:6000")


def run(steps: dict[str, StepOutcome | str]) -> Checklist:
    """Script a check: each step finishes with its outcome, or is skipped with a reason."""
    c = Checklist(list(steps))
    now = 100.0
    for name, outcome in steps.items():
        c.start(name, now)
        now += 1.5
        if isinstance(outcome, str):
            c.skip(name, outcome, now)
        else:
            c.finish(name, outcome, now)
    return c


def test_status_comes_from_the_worst_finding_and_durations_from_the_clock() -> None:
    c = run({
        "dns": StepOutcome(summary_id="dns.ok", findings=[ROTATES]),
        "servers": StepOutcome(summary_id="servers.some_down", findings=[PARTLY]),
        "register": StepOutcome(summary_id="register.refused", findings=[REFUSED]),
    })  # fmt: skip
    assert c.status == {"dns": "pass", "servers": "warn", "register": "fail"}
    assert all(e.duration_s == 1.5 for e in c.results.values())


def test_a_driver_can_make_a_step_worse_but_never_better() -> None:
    c = run({
        "register": StepOutcome(summary_id="register.failed", status="fail"),
        "call": StepOutcome(summary_id="call.ok", findings=[SILENCE], status="pass"),
    })  # fmt: skip
    assert c.status == {"register": "fail", "call": "fail"}


def test_illegal_moves_raise() -> None:
    c = Checklist(["dns"])
    with pytest.raises(IllegalTransition):
        c.finish("dns", StepOutcome(summary_id="dns.ok"), 1.0)
    c.start("dns", 0.0)
    with pytest.raises(IllegalTransition):
        c.start("dns", 0.5)
    c.finish("dns", StepOutcome(summary_id="dns.ok"), 1.0)
    with pytest.raises(IllegalTransition):
        c.skip("dns", "skip.cancelled", 2.0)
    assert ("pass", "start") not in TRANSITIONS


def test_a_skip_needs_a_reason_and_says_it() -> None:
    c = Checklist(["call"])
    with pytest.raises(ValueError, match="skip"):
        c.skip("call", "call.ok", 0.0)
    event = c.skip("call", "skip.no_call_target", 0.0)
    assert event.status == "skipped" and "no test target" in event.summary


def test_cancel_skips_what_is_left_and_the_verdict_says_cancelled() -> None:
    c = Checklist(["dns", "servers", "register"])
    c.start("dns", 0.0)
    c.finish("dns", StepOutcome(summary_id="dns.ok"), 1.0)
    c.start("servers", 1.0)
    cancelled = c.cancel(2.0)
    assert [(e.step, e.status, e.summary_id) for e in cancelled] == [
        ("servers", "skipped", "skip.cancelled"), ("register", "skipped", "skip.cancelled"),
    ]  # fmt: skip
    assert c.done
    summary = c.summary(2.0, cancelled=True)
    assert summary.status == "warn" and summary.summary_id == "verdict.cancelled"
    assert summary.duration_s == 2.0


def test_first_fixes_name_errors_before_warnings_and_earlier_steps_first() -> None:
    c = run({
        "dns": StepOutcome(summary_id="dns.failed", findings=[DNS_TIMEOUT]),
        "servers": StepOutcome(summary_id="servers.some_down", findings=[PARTLY]),
        "call": StepOutcome(summary_id="call.problem", findings=[SILENCE]),
    })  # fmt: skip
    summary = c.summary(200.0)
    assert [f.id for f in summary.first_fixes] == ["dns.timeout", "media.rx_digital_silence"]
    assert (
        summary.status == "fail"
        and summary.summary == "Failed steps: 2. Fix the first things first."
    )
    line = summary.json_line()
    assert line["first_fixes"] == ["dns.timeout", "media.rx_digital_silence"]
    assert line["type"] == "CheckSummary" and line["status"] == "fail"


def test_first_fixes_name_one_finding_once_and_ignore_info() -> None:
    c = run({
        "register": StepOutcome(summary_id="register.refused", findings=[REFUSED]),
        "call": StepOutcome(summary_id="call.failed", findings=[REFUSED, ROTATES]),
    })  # fmt: skip
    assert [f.id for f in first_fixes(list(c.results.values()))] == [REFUSED.id]


def test_a_healthy_run_passes_and_an_all_skipped_run_does_not() -> None:
    healthy = run({"dns": StepOutcome(summary_id="dns.ok", findings=[ROTATES])}).summary(9.0)
    assert healthy.status == "pass" and healthy.first_fixes == ()
    skipped = run({"call": "skip.no_call_target"}).summary(9.0)
    assert skipped.status == "warn"


def test_the_step_json_is_the_cli_contract_and_events_round_trip() -> None:
    c = Checklist(["servers"])
    c.start("servers", 0.0)
    event = c.finish(
        "servers",
        StepOutcome(summary_id="servers.some_down", params={"up": 1, "down": 2, "total": 3},
                    findings=[PARTLY], evidence=["a: timeout"]),
        0.25,
    )  # fmt: skip
    assert event.json_line() == {
        "type": "CheckStep", "step": "servers", "status": "warn",
        "findings": ["check.servers_partly_down"], "summary": "1 of 3 servers answer; 2 do not.",
        "duration_s": 0.25,
    }  # fmt: skip
    assert event_from_json(event_to_json(event)) == event
    summary = c.summary(1.0)
    assert event_from_json(event_to_json(summary)) == summary


def test_every_summary_fills_with_its_own_parameters() -> None:
    for summary_id, template in SUMMARIES.items():
        fields = [part.split("}")[0] for part in template.split("{")[1:]]
        text = summary_text(summary_id, dict.fromkeys(fields, "X"))
        assert "{" not in text, summary_id
    assert summary_text("dns.ok", {}) == SUMMARIES["dns.ok"]  # missing values: the template
