"""SDP offer/answer rules: each fault yields its finding with its lines, and no other.

The pairs come from public RFC examples (RFC 4317 offer/answer, RFC 8839 ICE, RFC 8842
DTLS-SRTP; see tests/data/sdp) and from SDP written for the test by editing one line of a
healthy pair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from softdiag.findings import CATALOG
from softdiag.sdp.rules import Party, analyze, middleboxes
from softdiag.sdp.texts import SDP_FINDINGS

DATA = Path(__file__).resolve().parent.parent / "data" / "sdp"


def sdp(name: str) -> str:
    return (DATA / f"{name}.sdp").read_text(encoding="utf-8")


def ids(offer: str, answer: str, **kw: Party) -> list[str]:
    return analyze(offer, answer, **kw).ids


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new)


PLAIN_OFFER = sdp("case5_offer").replace("a=fmtp:0 abc=no\n", "").replace("a=fmtp:8 abc=no\n", "")
PLAIN_ANSWER = edit(sdp("case5_answer"), "RTP/AVP 101", "RTP/AVP 0 101").replace(
    "a=rtpmap:101", "a=rtpmap:0 PCMU/8000\na=rtpmap:101"
)
WEBRTC_OFFER, WEBRTC_ANSWER = sdp("rfc8842_webrtc_offer"), sdp("rfc8842_webrtc_answer")


# -- normal exchanges give nothing ----------------------------------------------------------


@pytest.mark.parametrize(
    ("offer", "answer"),
    [
        ("rfc4317_2.1_offer", "rfc4317_2.1_answer"),
        ("rfc4317_2.1_offer", "rfc4317_2.2_answer"),  # video rejected: normal negotiation
        ("rfc8839_offer", "rfc8839_answer"),
        ("rfc8842_webrtc_offer", "rfc8842_webrtc_answer"),
    ],
)
def test_rfc_examples_give_no_finding(offer: str, answer: str) -> None:
    assert ids(sdp(offer), sdp(answer)) == []


def test_a_plain_call_gives_no_finding_and_crlf_reads_the_same() -> None:
    assert ids(PLAIN_OFFER, PLAIN_ANSWER) == []
    crlf = PLAIN_OFFER.replace("\n", "\r\n")
    assert ids(crlf, PLAIN_ANSWER.replace("\n", "\r\n")) == []


def test_every_rule_id_is_in_the_catalogue() -> None:
    for key, (severity, _title, _advice) in SDP_FINDINGS.items():
        assert CATALOG[key].severity == severity


# -- codecs ---------------------------------------------------------------------------------


def test_case5_answer_with_only_telephone_event() -> None:
    rr = (("record-route", "<sip:192.0.2.2;lr;mp=rtpengine>"),)
    result = analyze(sdp("case5_offer"), sdp("case5_answer"), answerer=Party("remote", rr))
    assert result.ids == ["sdp.answer_only_telephone_event", "sdp.codec_removed"]
    te, removed = result.findings
    assert (
        te.severity == "error" and "answer line 7: a=rtpmap:101 telephone-event/8000" in te.evidence
    )
    assert "offer line 8: a=fmtp:0 abc=no" in removed.evidence
    assert "rtpengine" in dict(removed.params)["path"] and "PCMU/8000" in removed.title
    assert ("answer", 6) in {(m.side, m.line) for m in result.marks if m.finding == te.id}


def test_case5_reproduced_through_rtpengine_10_5() -> None:
    """Recorded in the lab: pjsua's offer with a=fmtp:0 abc=no, rtpengine's stripped answer."""
    rr = (("record-route", "<sip:127.0.14.4;lr;ftag=x;mp=rtpengine>"),)
    result = analyze(sdp("pjsua_2.15_offer_fmtp_abc"), sdp("rtpengine_10.5_codec_strip_answer"),
                     answerer=Party("remote", rr))  # fmt: skip
    assert result.ids == ["sdp.answer_only_telephone_event", "sdp.codec_removed"]
    te, removed = result.findings
    assert "answer line 6: m=audio 30010 RTP/AVP " in te.evidence
    assert "answer line 8: a=rtpmap:121 telephone-event/8000" in te.evidence
    assert any("lists no payload type" in line for line in te.evidence)
    assert "offer line 19: a=fmtp:0 abc=no" in removed.evidence
    assert dict(removed.params)["path"].startswith("rtpengine (record-route: <sip:127.0.14.4")


def test_codec_removed_without_a_named_middlebox_says_so() -> None:
    result = analyze(sdp("case5_offer"), sdp("case5_answer"))
    removed = result.findings[1]
    assert "no middlebox is named" in dict(removed.params)["path"]


def test_no_common_codec() -> None:
    answer = (
        edit(PLAIN_ANSWER, "a=rtpmap:0 PCMU/8000", "a=rtpmap:0 PCMU/8000")
        .replace("RTP/AVP 0 101", "RTP/AVP 18 101")
        .replace("a=rtpmap:0 PCMU/8000", "a=rtpmap:18 G729/8000")
    )
    result = analyze(PLAIN_OFFER, answer)
    assert result.ids == ["sdp.no_common_audio_codec", "sdp.codec_removed"]
    assert dict(result.findings[0].params)["answered"] == "G729/8000"


def test_an_answer_keeping_one_of_several_codecs_is_normal() -> None:
    assert ids(sdp("rfc4317_2.1_offer"), sdp("rfc4317_2.1_answer")) == []


def test_fmtp_mismatch_on_the_same_codec() -> None:
    offer = edit(PLAIN_OFFER, "a=rtpmap:0 PCMU/8000\n", "a=rtpmap:0 PCMU/8000\na=fmtp:0 abc=no\n")
    result = analyze(offer, PLAIN_ANSWER)
    assert result.ids == ["sdp.fmtp_mismatch"]
    finding = result.findings[0]
    assert dict(finding.params) == {"codec": "PCMU/8000", "offered": "abc=no", "answered": "none"}
    assert "offer line 8: a=fmtp:0 abc=no" in finding.evidence


def test_telephone_event_ranges_may_differ() -> None:
    assert ids(PLAIN_OFFER, edit(PLAIN_ANSWER, "0-16", "0-15")) == []


# -- stream-level rules ---------------------------------------------------------------------


def test_audio_rejected_with_port_zero() -> None:
    result = analyze(PLAIN_OFFER, edit(PLAIN_ANSWER, "m=audio 30000", "m=audio 0"))
    assert result.ids == ["sdp.media_rejected"]
    assert "answer line 6: m=audio 0 RTP/AVP 0 101" in result.findings[0].evidence


def test_rfc4317_hold_is_one_way_by_design() -> None:
    result = analyze(sdp("rfc4317_3.1_hold_offer"), sdp("rfc4317_3.1_hold_answer"))
    assert result.ids == ["sdp.direction_oneway", "sdp.direction_oneway"]
    assert [dict(f.params)["direction"] for f in result.findings] == ["sendonly", "recvonly"]


def test_inactive_answer() -> None:
    result = analyze(PLAIN_OFFER, edit(PLAIN_ANSWER, "a=sendrecv", "a=inactive"))
    assert result.ids == ["sdp.direction_oneway"]
    assert dict(result.findings[0].params)["side"] == "answer"


@pytest.mark.parametrize(
    ("answer_addr", "why"),
    [
        ("0.0.0.0", "unspecified"),
        ("10.1.2.3", "private"),
        ("127.0.0.1", "loopback"),
    ],
)
def test_unusable_answer_address(answer_addr: str, why: str) -> None:
    answer = edit(PLAIN_ANSWER, "c=IN IP4 198.51.100.80", f"c=IN IP4 {answer_addr}")
    result = analyze(PLAIN_OFFER, answer)
    assert result.ids == ["sdp.address_unusable"]
    assert why in dict(result.findings[0].params)["why"]


def test_address_family_mismatch() -> None:
    answer = edit(PLAIN_ANSWER, "c=IN IP4 198.51.100.80", "c=IN IP6 2001:db8::80")
    result = analyze(PLAIN_OFFER, answer)
    assert set(result.ids) == {"sdp.address_unusable"}
    assert any("IPv6 only, the other side speaks IPv4" in f.title for f in result.findings)


def test_both_on_one_private_network_is_fine() -> None:
    offer = edit(PLAIN_OFFER, "c=IN IP4 203.0.113.50", "c=IN IP4 10.0.0.5")
    answer = edit(PLAIN_ANSWER, "c=IN IP4 198.51.100.80", "c=IN IP4 10.0.0.6")
    assert ids(offer, answer) == []


def test_profile_mismatch() -> None:
    answer = edit(PLAIN_ANSWER, "RTP/AVP 0 101", "RTP/SAVP 0 101").replace(
        "a=sendrecv",
        "a=sendrecv\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"
        "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
    )
    result = analyze(PLAIN_OFFER, answer)
    assert result.ids[0] == "sdp.profile_mismatch"
    assert dict(result.findings[0].params) == {"offered": "RTP/AVP", "answered": "RTP/SAVP"}


CRYPTO_80 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"
CRYPTO_32 = "a=crypto:1 AES_CM_128_HMAC_SHA1_32 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR"


def _savp(text: str, crypto: str) -> str:
    text = text.replace("RTP/AVP", "RTP/SAVP")
    return text.replace("a=sendrecv", f"a=sendrecv\n{crypto}") if crypto else text


def test_sdes_pair_with_a_common_suite_is_fine() -> None:
    assert ids(_savp(PLAIN_OFFER, CRYPTO_80), _savp(PLAIN_ANSWER, CRYPTO_80)) == []


def test_crypto_no_common_suite() -> None:
    result = analyze(_savp(PLAIN_OFFER, CRYPTO_80), _savp(PLAIN_ANSWER, CRYPTO_32))
    assert result.ids == ["sdp.crypto_mismatch"]
    assert "crypto suite is not among the offer's" in result.findings[0].title
    assert any("AES_CM_128_HMAC_SHA1_32" in line for line in result.findings[0].evidence)


def test_crypto_savp_answer_without_keys() -> None:
    result = analyze(_savp(PLAIN_OFFER, CRYPTO_80), _savp(PLAIN_ANSWER, ""))
    assert result.ids == ["sdp.crypto_mismatch"]


def test_crypto_sdes_offer_answered_with_dtls() -> None:
    offer = edit(WEBRTC_OFFER, "a=setup:actpass", f"a=setup:actpass\n{CRYPTO_80}")
    offer = "\n".join(line for line in offer.split("\n") if not line.startswith("a=fingerprint"))
    offer = offer.replace("UDP/TLS/RTP/SAVPF", "RTP/SAVPF")
    result = analyze(offer, WEBRTC_ANSWER)
    assert "sdp.crypto_mismatch" in result.ids and "sdp.profile_mismatch" in result.ids


def test_rtcp_mux_missing_from_a_webrtc_answer() -> None:
    result = analyze(WEBRTC_OFFER, edit(WEBRTC_ANSWER, "a=rtcp-mux\n", ""))
    assert result.ids == ["sdp.rtcp_mux_mismatch"]


def test_rtcp_mux_in_an_answer_the_offer_did_not_propose() -> None:
    result = analyze(PLAIN_OFFER, edit(PLAIN_ANSWER, "a=sendrecv", "a=sendrecv\na=rtcp-mux"))
    assert result.ids == ["sdp.rtcp_mux_mismatch"]


@pytest.mark.parametrize("ptime", ["25", "0", "abc", "1000"])
def test_odd_ptime(ptime: str) -> None:
    result = analyze(PLAIN_OFFER, edit(PLAIN_ANSWER, "a=ptime:20", f"a=ptime:{ptime}"))
    assert result.ids == ["sdp.ptime_odd"]
    assert dict(result.findings[0].params) == {"side": "answer", "value": f"ptime {ptime}"}


def test_ptime_above_maxptime() -> None:
    offer = edit(PLAIN_OFFER, "a=ptime:20", "a=ptime:40\na=maxptime:20")
    assert ids(offer, PLAIN_ANSWER) == ["sdp.ptime_odd"]


# -- DTLS (RFC 8842) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offered", "answered"),
    [("active", "active"), ("passive", "passive"), ("actpass", "actpass"), ("actpass", "holdconn")],
)
def test_dtls_setup_conflict(offered: str, answered: str) -> None:
    offer = edit(WEBRTC_OFFER, "a=setup:actpass", f"a=setup:{offered}")
    answer = edit(WEBRTC_ANSWER, "a=setup:active", f"a=setup:{answered}")
    result = analyze(offer, answer)
    assert result.ids == ["dtls.setup_conflict"]
    assert dict(result.findings[0].params) == {"offered": offered, "answered": answered}
    assert f"answer line 13: a=setup:{answered}" in result.findings[0].evidence


@pytest.mark.parametrize(("offered", "answered"), [("actpass", "passive"), ("active", "passive")])
def test_dtls_setup_roles_that_work(offered: str, answered: str) -> None:
    offer = edit(WEBRTC_OFFER, "a=setup:actpass", f"a=setup:{offered}")
    answer = edit(WEBRTC_ANSWER, "a=setup:active", f"a=setup:{answered}")
    assert ids(offer, answer) == []


def test_dtls_fingerprint_missing() -> None:
    answer = "\n".join(x for x in WEBRTC_ANSWER.split("\n") if not x.startswith("a=fingerprint"))
    result = analyze(WEBRTC_OFFER, answer)
    assert result.ids == ["dtls.fingerprint_missing"]
    assert dict(result.findings[0].params) == {"side": "answer"}


@pytest.mark.parametrize(
    ("value", "why"),
    [
        ("sha-256 19:E2:1C", "length does not match"),
        ("sha-999 19:E2", "hash function is not a known one"),
        ("sha-256 19E21C3B", "not colon-separated hex"),
        ("19:E2:1C", "it is not 'hash-name"),
    ],
)
def test_dtls_fingerprint_malformed(value: str, why: str) -> None:
    lines = WEBRTC_OFFER.split("\n")
    lines = [f"a=fingerprint:{value}" if x.startswith("a=fingerprint") else x for x in lines]
    result = analyze("\n".join(lines), WEBRTC_ANSWER)
    assert result.ids == ["dtls.fingerprint_malformed"]
    assert why in dict(result.findings[0].params)["why"]


# -- ICE (RFC 8839, RFC 8445) ---------------------------------------------------------------


def test_ice_credentials_missing() -> None:
    answer = edit(sdp("rfc8839_answer"), "a=ice-pwd:YH75Fviy6338Vbrhrlp8Yh\n", "")
    result = analyze(sdp("rfc8839_offer"), answer)
    assert result.ids == ["ice.credentials_missing"]
    assert "a=ice-pwd is missing" in result.findings[0].title


def test_ice_password_too_short() -> None:
    answer = edit(sdp("rfc8839_answer"), "a=ice-pwd:YH75Fviy6338Vbrhrlp8Yh", "a=ice-pwd:short")
    assert ids(sdp("rfc8839_offer"), answer) == ["ice.credentials_missing"]


def test_ice_lite_both() -> None:
    offer = edit(sdp("rfc8839_offer"), "a=ice-options:ice2", "a=ice-lite\na=ice-options:ice2")
    answer = edit(sdp("rfc8839_answer"), "a=ice-options:ice2", "a=ice-lite\na=ice-options:ice2")
    assert ids(offer, answer) == ["ice.lite_both"]
    assert ids(offer, sdp("rfc8839_answer")) == []  # one lite end is fine


def test_ice_private_host_candidates_only_towards_a_public_peer() -> None:
    offer = edit(sdp("rfc8839_offer"),
                 "a=candidate:2 1 UDP 1694498815 192.0.2.3 45664 typ srflx raddr 10.0.1.1 rport 8998\n",
                 "").replace("c=IN IP4 192.0.2.3", "c=IN IP4 10.0.1.1")  # fmt: skip
    result = analyze(offer, sdp("rfc8839_answer"))
    assert result.ids == ["ice.candidates_unusable"]
    assert "offer line 14: a=candidate:1 1 UDP 2130706431 10.0.1.1 8998 typ host" in (
        result.findings[0].evidence
    )


def test_ice_end_of_candidates_without_any() -> None:
    answer = "\n".join(x for x in WEBRTC_ANSWER.split("\n") if not x.startswith("a=candidate"))
    result = analyze(WEBRTC_OFFER, answer)
    assert result.ids == ["ice.candidates_unusable"]
    assert "no candidate at all" in result.findings[0].title


def test_ice_ipv6_only_towards_ipv4() -> None:
    answer = edit(WEBRTC_ANSWER, "198.51.100.22 49203 typ host", "2001:db8::22 49203 typ host")
    result = analyze(WEBRTC_OFFER, answer)
    assert result.ids == ["ice.candidates_unusable"]
    assert "IPv6 candidates only" in result.findings[0].title


# -- unreadable input, middleboxes ----------------------------------------------------------


def test_an_unreadable_answer_is_one_located_finding() -> None:
    answer = edit(PLAIN_ANSWER, "m=audio 30000 RTP/AVP 0 101", "m=audio")
    result = analyze(PLAIN_OFFER, answer)
    assert result.ids == ["sdp.unparseable"]
    assert result.findings[0].title == (
        "The SDP answer cannot be read: line 6: m= line without a port"
    )
    assert result.marks[0].line == 6


def test_middleboxes_named_in_path_headers_only() -> None:
    headers = (
        ("record-route", "<sip:10.0.0.1;lr;r2=on;rtpengine>"),
        ("server", "FreeSWITCH-mod_sofia/1.10"),
        ("subject", "kamailio"),  # not a path header
        ("via", "SIP/2.0/UDP 10.0.0.9;branch=z9hG4bK-sbcx"),  # 'sbc' inside a word: no
    )
    found = middleboxes(headers)
    assert [f.split(" ", 1)[0] for f in found] == ["rtpengine", "freeswitch"]


def test_findings_are_sorted_worst_first() -> None:
    offer = edit(PLAIN_OFFER, "a=ptime:20", "a=ptime:25")
    answer = edit(PLAIN_ANSWER, "m=audio 30000", "m=audio 0")
    result = analyze(offer, answer)
    assert [f.severity for f in result.findings] == sorted(
        (f.severity for f in result.findings), key=["error", "warning", "info"].index
    )
    assert result.ids == ["sdp.media_rejected"]  # a rejected stream is not judged further


# -- recorded from rtpengine-daemon 10.5, edited where the daemon cannot be made to fail ------

DAEMON_ANSWER = sdp("rtpengine_10.5_webrtc_answer")


def test_the_daemons_webrtc_answer_as_recorded() -> None:
    """A browser's offer bridged to plain RTP: loopback host candidates, no rtcp-mux."""
    assert ids(WEBRTC_OFFER, DAEMON_ANSWER) == ["ice.candidates_unusable", "sdp.rtcp_mux_mismatch"]


@pytest.mark.parametrize(
    ("old", "new", "finding"),
    [
        # rtpengine always takes the complementary role; a B2BUA that copies the offer's
        # a=setup into its answer does not.
        ("a=setup:active", "a=setup:actpass", "dtls.setup_conflict"),
        # A fingerprint cut short on the way (a length limit in a header-rewriting SBC).
        ("8F:A8:A8:F9:28:A2:80:88:21:8E:47:93", "8F:A8:A8", "dtls.fingerprint_malformed"),
        ("a=fingerprint:sha-256", "a=fingerprint:sha-257", "dtls.fingerprint_malformed"),
        ("a=ice-pwd:E9ZjMB2eQBkZhLKXA7Jmh7qMJr\n", "", "ice.credentials_missing"),
    ],
)
def test_the_daemons_answer_edited_one_line(old: str, new: str, finding: str) -> None:
    answer = edit(DAEMON_ANSWER, old, new).replace("127.0.14.14", "198.51.100.9")
    answer += "a=rtcp-mux\n"
    assert ids(WEBRTC_OFFER, answer) == [finding]
