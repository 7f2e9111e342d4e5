""" "Every DNS server failed", classified from dnspython's per-server record, not its text."""

from __future__ import annotations

import dns.message
import dns.rcode
import dns.resolver
import pytest

from softdiag.dns.resolver import _classify_no_nameservers

QUERY = dns.message.make_query("voip.test", "SRV")


def _answered(rcode: dns.rcode.Rcode) -> tuple[str, bool, int, object, dns.message.Message]:
    response = dns.message.make_response(QUERY)
    response.set_rcode(rcode)
    return ("127.0.0.53", False, 53, dns.rcode.to_text(rcode), response)


def _failed(exc: Exception) -> tuple[str, bool, int, object, None]:
    return ("127.0.0.53", True, 53, exc, None)


def _classify(*errors: tuple[object, ...]) -> tuple[str, str]:
    return _classify_no_nameservers(dns.resolver.NoNameservers(request=QUERY, errors=list(errors)))


@pytest.mark.parametrize(
    ("rcode", "expected"),
    [
        (dns.rcode.REFUSED, ("refused", "REFUSED")),
        (dns.rcode.SERVFAIL, ("servfail", "SERVFAIL")),
        (dns.rcode.NOTIMP, ("servfail", "NOTIMP")),
        (dns.rcode.FORMERR, ("servfail", "FORMERR")),
        (dns.rcode.NOTAUTH, ("servfail", "an error")),
    ],
)
def test_the_answer_code_gives_the_kind(rcode: dns.rcode.Rcode, expected: tuple[str, str]) -> None:
    assert _classify(_answered(rcode)) == expected


def test_a_refusal_outranks_a_failure_from_another_server() -> None:
    assert _classify(_answered(dns.rcode.SERVFAIL), _answered(dns.rcode.REFUSED)) == (
        "refused", "REFUSED",
    )  # fmt: skip


def test_nothing_listening_reads_as_no_answer() -> None:
    refused = ConnectionRefusedError(111, "Connection refused")
    assert _classify(_failed(refused)) == ("timeout", "nothing (connection refused)")


def test_an_exception_text_that_names_a_code_is_not_an_answer_code() -> None:
    # The old text search took this for a refusal; only a received message has an rcode.
    assert _classify(_failed(OSError("REFUSED by policy"))) == ("servfail", "an error")


def test_no_record_at_all_is_an_error() -> None:
    assert _classify_no_nameservers(dns.resolver.NoNameservers()) == ("servfail", "an error")
