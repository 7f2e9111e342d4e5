"""`softdiag nat` / `softdiag lab-nat` argument handling: exit 2 with one line on bad input."""

from __future__ import annotations

import pytest

from softdiag.cli import main


def run(*argv: str) -> int:
    """The real entry point, as `softdiag ARGV...` runs it."""
    return main(list(argv))


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (["nat"], "no STUN server"),
        (["nat", "--stun", "a b"], "bad STUN server 'a b'"),
        (["nat", "--stun", "stun.test:99999"], "port must be a number from 1 to 65535"),
        (["nat", "--stun", "x" * 300], "not a valid host name"),
        (["nat", "--stun", "stun.test:²"], "port must be"),
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
    assert "bad STUN server 'a b'" in capsys.readouterr().err
