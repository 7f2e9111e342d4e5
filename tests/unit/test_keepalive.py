"""Keep-alive advice: measured NAT lifetime + the account's settings -> one plain finding."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from softdiag.findings import CATALOG
from softdiag.nat.keepalive import KeepAliveSettings, keepalive_advice, suggested_interval

PJSUA = KeepAliveSettings()  # udpKaIntervalSec 15, expires 300


def params(finding: object) -> dict[str, str]:
    return dict(finding.params)  # type: ignore[attr-defined]


def test_the_issue_example_too_slow_names_numbers_and_the_fix() -> None:
    f = keepalive_advice(KeepAliveSettings(udp_keepalive=30), 25.0, expired_at=26.0)
    assert (f.id, f.severity) == ("nat.keepalive_too_slow", "error")
    assert f.title == (
        "This NAT forgets an idle UDP mapping after ~25 s; your keep-alive is every 30 s "
        "(UDP keep-alive)"
    )
    assert "Incoming calls will be lost" in f.advice and "12 s" in f.advice
    assert params(f) == {"lifetime": "25", "interval": "30", "mechanism": "UDP keep-alive",
                         "suggested": "12"}  # fmt: skip


def test_pjsua_default_is_fine_behind_a_typical_30_s_nat() -> None:
    f = keepalive_advice(PJSUA, 30.0, expired_at=32.0)
    assert (f.id, f.severity) == ("nat.keepalive_ok", "info")


def test_close_to_the_lifetime_is_marginal() -> None:
    f = keepalive_advice(PJSUA, 19.3, expired_at=20.8)
    assert (f.id, f.severity) == ("nat.keepalive_marginal", "warning")
    assert params(f)["suggested"] == "9"


def test_without_keepalive_the_registration_refresh_is_what_counts() -> None:
    settings = KeepAliveSettings(udp_keepalive=None, expires=60)
    f = keepalive_advice(settings, 30.0, expired_at=32.0)
    assert f.id == "nat.keepalive_too_slow"
    assert params(f)["interval"] == "55" and params(f)["mechanism"] == "registration refresh"
    short = KeepAliveSettings(udp_keepalive=0, expires=20)  # refresh every 15 s
    assert keepalive_advice(short, 30.0, expired_at=32.0).id == "nat.keepalive_ok"


def test_options_keepalive_counts_when_it_is_the_shortest() -> None:
    settings = KeepAliveSettings(udp_keepalive=None, options_keepalive=10, expires=3600)
    f = keepalive_advice(settings, 25.0, expired_at=27.0)
    assert f.id == "nat.keepalive_ok" and params(f)["mechanism"] == "OPTIONS keep-alive"


def test_only_a_lower_bound_ok_below_it_untested_above_it() -> None:
    assert keepalive_advice(PJSUA, 120.0).id == "nat.keepalive_ok"
    f = keepalive_advice(KeepAliveSettings(udp_keepalive=None), 120.0)
    assert f.id == "nat.keepalive_untested" and params(f)["suggested"] == "60"
    assert ">= 120 s" in f.evidence[-1]


def test_unknown_lifetime() -> None:
    f = keepalive_advice(PJSUA, None)
    assert f.id == "nat.lifetime_unknown" and "softdiag nat --lifetime" in f.advice


@pytest.mark.parametrize("transport", ["tcp", "tls"])
def test_connection_transports_do_not_depend_on_the_udp_timeout(transport: str) -> None:
    f = keepalive_advice(KeepAliveSettings(transport=transport), 8.0, expired_at=9.0)  # type: ignore[arg-type]
    assert f.id == "nat.keepalive_connection" and transport.upper() in f.title


def test_evidence_lists_every_mechanism_and_the_bracket() -> None:
    f = keepalive_advice(PJSUA, 19.3, expired_at=20.8)
    assert f.evidence == ("UDP keep-alive every 15 s", "registration refresh every 295 s",
                          "idle UDP mapping lifetime 19-21 s")  # fmt: skip


@given(
    lifetime=st.floats(1.0, 600.0),
    extra=st.floats(0.0, 30.0),
    keepalive=st.one_of(st.none(), st.floats(1.0, 600.0)),
    expires=st.integers(10, 3600),
)
def test_following_the_advice_always_gives_ok(
    lifetime: float, extra: float, keepalive: float | None, expires: int
) -> None:
    first = keepalive_advice(KeepAliveSettings(udp_keepalive=keepalive, expires=expires),
                             lifetime, expired_at=lifetime + extra + 0.1)  # fmt: skip
    assert first.id in CATALOG
    assert "{" not in first.title + first.advice
    if first.id in ("nat.keepalive_too_slow", "nat.keepalive_marginal"):
        fixed = KeepAliveSettings(udp_keepalive=float(params(first)["suggested"]), expires=expires)
        again = keepalive_advice(fixed, lifetime, expired_at=lifetime + extra + 0.1)
        assert again.id == "nat.keepalive_ok"


def test_suggestion_is_half_rounded_down_and_never_zero() -> None:
    assert [suggested_interval(x) for x in (0.1, 0.5, 2.9, 25, 30, 121)] == [
        0.1, 0.2, 1, 12, 15, 60,
    ]  # fmt: skip
