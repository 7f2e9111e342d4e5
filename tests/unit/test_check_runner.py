"""The runner's own guarantees, without servers: a step that raises fails alone; cancel."""

from __future__ import annotations

import pytest

from softdiag.check.profile import CheckProfile
from softdiag.check.runner import CheckRunner
from softdiag.check.steps import CheckStep
from softdiag.session import Recorder, Session


def _runner(steps: tuple[str, ...]) -> tuple[CheckRunner, Recorder]:
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    profile = CheckProfile(domain="voip.test", user="alice", dns="127.0.0.1:5353", steps=steps)
    return CheckRunner(session, profile, "secret-16"), recorder


def test_a_step_that_raises_fails_with_the_error_and_the_run_ends(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    runner, recorder = _runner(("network",))

    def boom() -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(runner, "_network", boom)
    summary = runner.run()
    [done] = [e for e in recorder.of_type(CheckStep) if e.status != "running"]
    assert (done.step, done.status, done.summary) == (
        "network",
        "fail",
        "This step could not run: boom.",
    )
    assert summary.status == "fail" and summary.steps == (("network", "fail"),)


def test_cancel_before_the_start_skips_every_step() -> None:
    runner, recorder = _runner(("network", "dns", "servers"))
    runner.cancel()
    summary = runner.run()
    steps = recorder.of_type(CheckStep)
    assert [(e.step, e.status) for e in steps] == [
        ("network", "skipped"), ("dns", "skipped"), ("servers", "skipped"),
    ]  # fmt: skip
    assert summary.summary_id == "verdict.cancelled" and summary.bundle == ""
    assert "secret-16" not in repr(recorder.snapshot())
