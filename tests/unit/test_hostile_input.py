"""Regression tests for hostile input, one per defect class (issue 12).

Each failed on the code before the fix: numbers off the wire through ``isdigit``/``int``,
ports and hosts parsed in five places, user parts passed raw to pjsip, redaction by
substring, server text printed raw, settings that could stop the app.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from softdiag.commands import AccountSpec
from softdiag.hostport import HostPort, unusable_address
from softdiag.settings import Settings, load_settings
from softdiag.sip.message import parse_head, parse_retry_after, redact_sip, top_via
from softdiag.sip.redact import REDACTED, Redactor
from softdiag.textsafe import escape_controls
from softdiag.userinput import call_uri, normalise_account, seconds, sip_user_part
from softdiag.wire import wire_int

# -- one tolerant wire-number parser -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("5060", 5060), (" 42 ", 42), ("²", None), ("٣", None), ("9" * 5000, None),
     ("-1", None), ("+1", None), ("", None), (None, None), ("4294967295", 4294967295),
     ("4294967296", None), ("0x10", None), ("1_000", None), (b"17", 17)],
)  # fmt: skip
def test_wire_int_reads_only_bounded_ascii_digits(text: str | None, expected: int | None) -> None:
    assert wire_int(text) == expected


def test_wire_int_bounds() -> None:
    assert wire_int("0", lo=1, hi=65535) is None
    assert wire_int("65536", lo=1, hi=65535) is None
    assert wire_int("65535", lo=1, hi=65535) == 65535


@pytest.mark.parametrize("status", ["²00", "2000", "20", "0200x", "9" * 3000, "099", "700"])
def test_status_line_with_odd_code_has_no_status(status: str) -> None:
    assert parse_head(f"SIP/2.0 {status} OK\r\n\r\n").status is None


@pytest.mark.parametrize("rport", ["²", "9" * 4000, "0", "70000", "-5", "5e3"])
def test_odd_rport_is_none_never_an_exception(rport: str) -> None:
    head = parse_head(f"SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 10.0.0.1:5060;rport={rport}\r\n\r\n")
    via = top_via(head)
    assert via is not None
    assert via.rport is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("30", 30), ("120 (maintenance);duration=60", 120), ("²", None), ("9" * 5000, None),
     ("", None), (None, None), ("4294967296", None), ("  7 ", 7)],
)  # fmt: skip
def test_parse_retry_after(value: str | None, expected: int | None) -> None:
    assert parse_retry_after(value) == expected


# -- one HostPort ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "host", "port"),
    [("voip.test", "voip.test", None), ("VOIP.Test:5080", "voip.test", 5080),
     ("127.0.0.2", "127.0.0.2", None), ("[::1]:5060", "::1", 5060), ("::1", "::1", None),
     ("bücher.example", "xn--bcher-kva.example", None), ("_sip._udp.x.test", "_sip._udp.x.test", None)],
)  # fmt: skip
def test_hostport_parses(text: str, host: str, port: int | None) -> None:
    hp = HostPort.parse(text)
    assert (hp.host, hp.port) == (host, port)
    assert HostPort.parse(str(hp)) == hp  # round trip through its text


@pytest.mark.parametrize(
    "text",
    ["[127.0.0.2]:99999", "127.0.0.2:0", "host:²", "host:", "[::1]x", "[voip.test]:5060",
     "a" * 300, "x." + "a" * 64, "a b", "a\x1bb", "", "1:2:3", "user@host", "host/path",
     "999.1.1.1", "..", "host:65536", "host:" + "9" * 400],
)  # fmt: skip
def test_hostport_refuses_with_one_line(text: str) -> None:
    with pytest.raises(ValueError) as err:
        HostPort.parse(text, what="SIP domain")
    message = str(err.value)
    assert "\n" not in message
    assert len(message) < 250
    assert "\x1b" not in message


@pytest.mark.parametrize(
    ("ip", "port", "bad"),
    [("0.0.0.0", 5060, True), ("255.255.255.255", 5060, True), ("224.0.0.1", 5060, True),
     ("ff02::1", 5060, True), ("::", 5060, True), ("127.0.0.2", 0, True),
     ("127.0.0.2", 5060, False), ("::1", 5061, False)],
)  # fmt: skip
def test_impossible_server_addresses(ip: str, port: int, bad: bool) -> None:
    assert (unusable_address(ip, port) is not None) is bad


# -- user input in one place ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("user", "encoded"),
    [("alice", "alice"), ("josé", "jos%C3%A9"), ("张伟", "%E5%BC%A0%E4%BC%9F"),
     ('a"b', "a%22b"), ("a<b", "a%3Cb"), ("😀", "%F0%9F%98%80"), ("a%41", "a%41"),
     ("a%zz", "a%25zz"), ("+4930;x=y", "+4930;x=y")],
)  # fmt: skip
def test_sip_user_part_is_percent_encoded(user: str, encoded: str) -> None:
    assert sip_user_part(user) == encoded


@pytest.mark.parametrize("user", ["alice:secret", "a:", "", "  ", "a b", "a\x00b", "a@b"])
def test_sip_user_part_refuses(user: str) -> None:
    with pytest.raises(ValueError):
        sip_user_part(user)


def test_password_in_user_is_refused_and_never_echoed() -> None:
    with pytest.raises(ValueError) as err:
        normalise_account(AccountSpec(domain="voip.test", user="alice:s3cr3t", password=""))
    assert "s3cr3t" not in str(err.value)


def test_normalised_account_keeps_typed_name_for_digest() -> None:
    spec = normalise_account(AccountSpec(domain="Voip.Test", user="张伟", password="x"))
    assert spec.aor == "sip:%E5%BC%A0%E4%BC%9F@voip.test"
    assert spec.auth_user == "张伟"


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "-1", "0", "1e308", "abc", ""])
def test_seconds_refuses_non_finite_and_out_of_range(value: str) -> None:
    with pytest.raises(ValueError):
        seconds(value, what="--duration")


def test_seconds_accepts_zero_only_when_asked() -> None:
    assert seconds("0", what="--watch", zero=True) == 0.0
    assert seconds("2.5", what="--duration") == 2.5


@pytest.mark.parametrize(
    "uri", ["sip:@x", "sip:a@b c", "sip:a@[::1]:99999", "sip:a@x;<y>", "tel:xyz", "sip:a@",
            "sip:" + "a" * 10 + "@" + "b" * 300, "\x1b[2J"],
)  # fmt: skip
def test_malformed_call_uri_refused(uri: str) -> None:
    with pytest.raises(ValueError):
        call_uri(uri, "voip.test")


def test_call_uri_completes_and_encodes() -> None:
    assert call_uri("echo", "voip.test") == "sip:echo@voip.test"
    assert call_uri("josé@127.0.0.5:5060", "voip.test") == "sip:jos%C3%A9@127.0.0.5:5060"


# -- redaction by parsing -------------------------------------------------------------------

ECHOED = (
    "SIP/2.0 200 OK\r\n"
    "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
    'X-Echo: Digest username="alice", realm="voip.test", nonce="n1", uri="sip:voip.test",\r\n'
    ' response="6629fae49393a05397450978507c4ef1", cnonce="0a4f113b", nc=00000001\r\n'
    "X-Also: response=deadbeefcafe\r\n"
    "Content-Length: 0\r\n\r\n"
)


def test_digest_params_redacted_in_any_header() -> None:
    out = redact_sip(ECHOED)
    assert "6629fae49393a05397450978507c4ef1" not in out
    assert "0a4f113b" not in out
    assert "deadbeefcafe" not in out
    assert "nonce=" in out  # the server's nonce is no secret


def test_learnt_digest_value_redacted_when_echoed_bare() -> None:
    redactor = Redactor()
    sent = 'REGISTER sip:x SIP/2.0\r\nAuthorization: Digest response="abcdef0123456789"\r\n\r\n'
    assert "abcdef0123456789" not in redactor.redact(sent)
    assert "abcdef0123456789" not in redactor.redact("SIP/2.0 200 OK\r\nX-R: abcdef0123456789\r\n")


def test_short_password_is_redacted_only_as_a_token() -> None:
    text = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP h\r\nFrom: <sip:alice:SIP@voip.test>\r\n\r\n"
    out = redact_sip(text, ("SIP",))
    assert out.startswith("SIP/2.0 200 OK")  # the start line is not a password
    assert "SIP/2.0/UDP" in out
    assert f"alice:{REDACTED}@" in out


def test_other_schemes_lose_their_whole_credential() -> None:
    out = redact_sip("INVITE x SIP/2.0\r\nProxy-Authorization: Bearer abc.def.ghi\r\n\r\n")
    assert "abc.def.ghi" not in out


# -- control characters in human output ------------------------------------------------------


def test_escape_controls() -> None:
    evil = "OK\x1b]0;pwned\x07\x1b[2J\r\nregistered\u202e"
    out = escape_controls(evil)
    assert "\x1b" not in out and "\x07" not in out and "\r" not in out and "\n" not in out
    assert "\u202e" not in out
    assert "\\x1b" in out
    assert escape_controls("a\nb", keep_newlines=True) == "a\nb"
    assert escape_controls("张伟 josé") == "张伟 josé"


# -- settings never stop the app --------------------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [b"\xff\xfe\x00binary\x80", b"[" * 100_000 + b"]" * 100_000, b'{"a":' * 50_000,
     json.dumps({"expires": 1, "domain": ["x"]}).encode() + b"\x00", b" " * (2 << 20)],
)  # fmt: skip
def test_damaged_settings_moved_aside(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    result = load_settings(path)
    assert result.settings == Settings()
    assert result.problem is not None and "\n" not in result.problem
    assert not path.exists()
    assert len(list(tmp_path.glob("settings.json.corrupt-*"))) == 1
