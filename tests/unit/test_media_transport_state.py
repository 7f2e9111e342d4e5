"""The media transport's profile, SRTP and ICE state, from what pjsua2 reports."""

from __future__ import annotations

import pjsua2 as pj
import pytest

from softdiag.events import MediaTransport
from softdiag.media.transport_state import (
    ice_state,
    media_transport,
    profile_name,
    srtp_from_dump,
)

# What pjsua's call dump says (recorded from a lab call, trimmed).
PLAIN_DUMP = (
    "  #0 audio PCMU @8kHz, sendrecv, peer=127.0.14.12:30042\n"
    "       SRTP status: Not active Crypto-suite: \n"
    "       RX pt=0, last update:00h:00m:02.774s ago"
)
SRTP_DUMP = "       SRTP status: Active Crypto-suite: AES_CM_128_HMAC_SHA1_80\n"


@pytest.mark.parametrize(
    ("name", "profile"),
    [
        ("PJMEDIA_TP_PROTO_RTP_AVP", "RTP/AVP"),
        ("PJMEDIA_TP_PROTO_RTP_SAVP", "RTP/SAVP"),
        ("PJMEDIA_TP_PROTO_RTP_SAVPF", "RTP/SAVPF"),
        ("PJMEDIA_TP_PROTO_DTLS_SRTP", "UDP/TLS/RTP/SAVP"),
        ("PJMEDIA_TP_PROTO_DTLS_SRTPF", "UDP/TLS/RTP/SAVPF"),
        ("PJMEDIA_TP_PROTO_NONE", "unknown"),
    ],
)
def test_profile_names_follow_the_wheels_constants(name: str, profile: str) -> None:
    assert profile_name(int(getattr(pj, name))) == profile


def test_srtp_from_the_call_dump() -> None:
    assert srtp_from_dump(PLAIN_DUMP) == ("inactive", "")
    assert srtp_from_dump(SRTP_DUMP) == ("active", "AES_CM_128_HMAC_SHA1_80")
    assert srtp_from_dump("no such line") == ("unknown", "")


@pytest.mark.parametrize(
    ("uses", "state", "status", "expected"),
    [
        (False, None, 0, "off"),
        (True, None, 0, "checking"),
        (True, int(pj.PJSUA_MED_TP_INIT), 0, "checking"),
        (True, int(pj.PJSUA_MED_TP_RUNNING), 0, "done"),
        (True, int(pj.PJSUA_MED_TP_INIT), 70013, "failed"),
    ],
)
def test_ice_state(uses: bool, state: int | None, status: int, expected: str) -> None:
    assert ice_state(uses, state, status) == expected


def test_a_plain_lab_call() -> None:
    transport = media_transport(int(pj.PJMEDIA_TP_PROTO_RTP_AVP), PLAIN_DUMP, "v=0\r\n", None)
    assert transport == MediaTransport(profile="RTP/AVP", srtp="off", ice="off")


def test_dtls_srtp_with_ice() -> None:
    transport = media_transport(int(pj.PJMEDIA_TP_PROTO_DTLS_SRTPF), SRTP_DUMP,
                                "a=ice-ufrag:abcd\r\n", int(pj.PJSUA_MED_TP_RUNNING))  # fmt: skip
    assert transport.dtls and transport.srtp == "active" and transport.ice == "done"
