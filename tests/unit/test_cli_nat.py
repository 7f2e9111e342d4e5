"""`softdiag nat` / `softdiag lab-nat` argument handling: exit 2 with one line on bad input."""

from __future__ import annotations

import argparse

import pytest

from softdiag.cli_nat import add_commands, add_lab_nat_commands


def run(*argv: str) -> int:
    parser = argparse.ArgumentParser(prog="softdiag")
    sub = parser.add_subparsers(dest="command")
    add_commands(sub)
    add_lab_nat_commands(sub)
    args = parser.parse_args(list(argv))
    code: int = args.func(args)
    return code


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["nat"], "no STUN server"),
        (["nat", "--stun", "a b"], "is not HOST[:PORT]"),
        (["nat", "--stun", "stun.test:99999"], "bad STUN port"),
        (["nat", "--stun", "198.18.0.1", "--max-idle", "1"], "--max-idle"),
        (["nat", "--stun", "198.18.0.1", "--expires", "1"], "--expires"),
        (["nat", "--stun", "198.18.0.1", "--keepalive", "-1"], "--keepalive"),
        (["lab-nat", "up", "--udp-timeout", "0"], "--udp-timeout"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    argv: list[str], reason: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.delenv("SOFTDIAG_STUN", raising=False)
    assert run(*argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("softdiag: ") and reason in err
    assert len(err.strip().splitlines()) == 1


def test_the_stun_server_can_come_from_the_environment(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOFTDIAG_STUN", "a b")  # read, then rejected as bad input
    assert run("nat") == 2
    assert "'a b' is not HOST[:PORT]" in capsys.readouterr().err
