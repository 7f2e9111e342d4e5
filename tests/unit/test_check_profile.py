"""Check profiles: what a support engineer writes, validated with the line of each problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from softdiag.check.profile import (
    DEFAULT_STEPS,
    STEPS,
    ProfileError,
    load_profile,
    parse_profile,
    parse_steps,
)

FULL = """\
domain = "voip.test"
user = "alice"
dns = "127.0.0.1:5353"
transport = "udp"
policy = "priority"
call = "sip:echo@voip.test"
steps = ["call", "dns", "register", "devices"]
stun = "127.0.0.6:3478"
expect_output = "handset"
register_refreshes = 3
nat_keepalive_max_s = 25
expires = 10
bundle = "~/check.zip"

[devices]
output = "USB Handset"
input = "USB Handset Microphone"
"""


def test_a_full_profile_reads_every_field_and_orders_the_steps() -> None:
    p = parse_profile(FULL)
    assert (p.domain, p.user, p.dns, p.transport, p.policy) == (
        "voip.test", "alice", "127.0.0.1:5353", "udp", "priority",
    )  # fmt: skip
    assert p.steps == ("dns", "register", "call", "devices")  # run order, not file order
    assert (p.expect_output, p.register_refreshes, p.nat_keepalive_max_s, p.expires) == (
        "handset", 3, 25.0, 10,
    )  # fmt: skip
    assert (p.output_device, p.input_device) == ("USB Handset", "USB Handset Microphone")
    assert p.call == "sip:echo@voip.test" and p.stun == "127.0.0.6:3478"


def test_a_minimal_profile_gets_the_defaults() -> None:
    p = parse_profile('domain = "voip.test"\nuser = "bob"\n')
    assert p.steps == DEFAULT_STEPS and p.call is None and p.transport == "udp"
    assert p.register_refreshes == 1 and p.expires == 30


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('domain = "d"\nuser = "u"\n\nsteps = ["dns", "dsn"]\n',
         "p.toml line 4: unknown step 'dsn'"),
        ('domain = "d"\nuser = "u" x\n', "p.toml line 2: not valid TOML"),
        ('domain = "d"\nuser = "u"\npassword = "hunter2"\n',
         "p.toml line 3: 'password': a profile never holds a password"),
        ('domain = "d"\nuser = "u"\ndns = "nameserver"\n', "p.toml line 3: bad DNS server"),
        ('domain = "d"\nuser = "u"\ntransport = "sctp"\n', "p.toml line 3: unknown transport"),
        ('domain = "d"\nuser = "u"\nregister_refreshes = 99\n',
         "p.toml line 3: register_refreshes must be between 0 and 20"),
        ('domain = "d"\nuser = "u"\nexpect_output = "earbud"\n',
         "p.toml line 3: expect_output must be one of"),
        ('domain = "d"\nuser = "u"\ncolour = "red"\n', "p.toml line 3: unknown key 'colour'"),
        ('domain = "d"\nuser = "u"\n[devices]\nspeaker = "x"\n',
         "p.toml line 4: unknown key 'speaker' in [devices]"),
        ('user = "u"\n', "p.toml: domain is missing"),
        ('domain = "d"\nuser = 5\n', "p.toml line 2: user must be a non-empty string"),
        ('domain = "voip test"\nuser = "u"\n', "p.toml line 1: domain 'voip test' contains"),
    ],
)  # fmt: skip
def test_every_problem_is_one_line_with_the_file_and_line(text: str, message: str) -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile(text, "p.toml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_the_secret_never_appears_in_the_message() -> None:
    with pytest.raises(ProfileError) as caught:
        parse_profile('domain = "d"\nuser = "u"\npassword = "hunter2"\n')
    assert "hunter2" not in str(caught.value)


def test_steps_from_the_command_line() -> None:
    assert parse_steps("call,dns") == ("dns", "call")
    assert parse_steps(",".join(STEPS)) == STEPS
    with pytest.raises(ProfileError, match="unknown step 'dsn'"):
        parse_steps("dns,dsn")
    with pytest.raises(ProfileError):
        parse_steps("")


def test_files_are_read_and_their_name_is_used(tmp_path: Path) -> None:
    path = tmp_path / "acme.toml"
    path.write_text('domain = "d"\nuser = "u"\nsteps = ["nope"]\n', encoding="utf-8")
    with pytest.raises(ProfileError, match=r"^acme.toml line 3: unknown step 'nope'"):
        load_profile(path)
    with pytest.raises(ProfileError, match="cannot read the profile"):
        load_profile(tmp_path / "missing.toml")
    path.write_bytes(b"\xff\xfe")
    with pytest.raises(ProfileError, match="not UTF-8"):
        load_profile(path)


def test_the_shipped_lab_profile_is_valid() -> None:
    root = Path(__file__).resolve().parents[2]
    p = load_profile(root / "resources" / "profiles" / "lab.toml")
    assert (p.domain, p.user, p.call) == ("voip.test", "alice", "sip:echo@voip.test")
    assert p.register_refreshes == 3 and p.nat_keepalive_max_s == 25
