"""The media-proxy part of the lab as data: addresses, daemon options, Kamailio routes, and
the extra fmtp option of test calls."""

from __future__ import annotations

import pytest

from softdiag.lab import LabTopology
from softdiag.lab.rtpengine import (
    daemon_argv,
    echo_peer_scenario,
    kamailio_modules,
    kamailio_reply_routes,
    kamailio_routes,
    setup_for,
)
from softdiag.sip.codecs import parse_fmtp_option


def test_addresses_follow_the_labs_net() -> None:
    setup = setup_for(LabTopology(echo_ip="127.0.14.5"))
    assert (setup.ip, setup.peer_ip, setup.control) == ("127.0.14.12", "127.0.14.13",
                                                        "127.0.14.12:2223")  # fmt: skip


def test_daemon_stays_on_loopback_in_userspace_without_debians_config() -> None:
    argv = daemon_argv(setup_for(LabTopology(echo_ip="127.0.14.5")))
    assert "--config-file=none" in argv and "--table=-1" in argv and "--foreground" in argv
    assert "--interface=127.0.14.12" in argv and "--listen-ng=127.0.14.12:2223" in argv


def test_kamailio_strips_only_when_the_offer_has_an_fmtp_on_g711() -> None:
    setup = setup_for(LabTopology(echo_ip="127.0.14.5"))
    routes = kamailio_routes(setup)
    assert 'search_body("a=fmtp:(0|8) ")' in routes and 't_on_reply("RTPENGINE_STRIP")' in routes
    assert 'record_route(";mp=rtpengine")' in routes and "sip:127.0.14.13:5060" in routes
    replies = kamailio_reply_routes()
    strip = replies.split("onreply_route[RTPENGINE_STRIP]")[1]
    assert "codec-strip-PCMU codec-strip-PCMA" in strip
    assert "codec-strip" not in replies.split("onreply_route[RTPENGINE_STRIP]")[0]
    assert '"udp:127.0.14.12:2223"' in kamailio_modules(setup)


def test_echo_peer_answers_telephone_event_with_the_offers_payload_type() -> None:
    xml = echo_peer_scenario()
    assert 'regexp="a=rtpmap:([0-9]+) telephone-event/8000"' in xml
    assert "m=audio [media_port] RTP/AVP 0 [$te]" in xml


@pytest.mark.parametrize(
    ("text", "parsed"),
    [("PCMU:abc=no", ("PCMU", "abc=no")), ("PCMA/8000: a=1 ; b ", ("PCMA/8000", "a=1;b"))],
)
def test_fmtp_option(text: str, parsed: tuple[str, str]) -> None:
    assert parse_fmtp_option(text) == parsed


@pytest.mark.parametrize("text", ["PCMU", "PCMU:", ":abc=no", "PC MU:a=1", "PCMU:a=<x>"])
def test_bad_fmtp_option(text: str) -> None:
    with pytest.raises(ValueError, match="--fmtp"):
        parse_fmtp_option(text)
