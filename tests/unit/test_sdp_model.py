"""The SDP parser: real bodies read with their line numbers, malformed ones give a located
error, and nothing raises."""

from __future__ import annotations

from pathlib import Path

import pytest

from softdiag.sdp.model import MAX_BYTES, Sdp, SdpError, parse_sdp

DATA = Path(__file__).resolve().parent.parent / "data" / "sdp"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "pjproject-fuzz-seeds" / "sdp"


def test_reads_codecs_fmtp_and_lines() -> None:
    sdp = parse_sdp((DATA / "case5_offer.sdp").read_text())
    assert isinstance(sdp, Sdp)
    [audio] = sdp.audio()
    assert (audio.port, audio.proto, audio.formats) == (40000, "RTP/AVP", ("0", "8", "101"))
    pcmu, pcma, te = audio.codecs()
    assert (pcmu.name, pcmu.fmtp, pcmu.fmtp_params()) == ("PCMU/8000", "abc=no", {"abc": "no"})
    assert pcmu.fmtp_line is not None and str(pcmu.fmtp_line) == "8: a=fmtp:0 abc=no"
    assert te.is_dtmf and not pcma.is_dtmf
    assert audio.direction[0] == "sendrecv" and audio.address is not None
    assert audio.address.address == "203.0.113.50"


def test_static_payload_types_without_rtpmap() -> None:
    text = (
        "v=0\no=- 1 1 IN IP4 192.0.2.1\ns=-\nc=IN IP4 192.0.2.1\nt=0 0\nm=audio 4000 RTP/AVP 8 18\n"
    )
    sdp = parse_sdp(text)
    assert isinstance(sdp, Sdp)
    assert [c.name for c in sdp.media[0].codecs()] == ["PCMA/8000", "G729/8000"]


def test_ice_candidates() -> None:
    sdp = parse_sdp((DATA / "rfc8839_offer.sdp").read_text())
    assert isinstance(sdp, Sdp)
    host, srflx = sdp.media[0].candidates()
    assert (host.kind, host.address, host.port, host.line.number) == ("host", "10.0.1.1", 8998, 14)
    assert (srflx.kind, srflx.component) == ("srflx", 1)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        ("", "SDP is empty"),
        ("v=1\n", "line 1: an SDP must start with v=0"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=0 0\nm=audio\n", "line 5: m= line without a port"),
        ("v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=0 0\nm=\n", "line 5: m= line is empty"),
        (
            "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nc=IN IP4 1.2.3.4\nt=0 0\nm=audio 9\n",
            "line 6: m= line without a transport protocol",
        ),
        (
            "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nc=IN IP4 1.2.3.4\nt=0 0\nm=audio 70000 RTP/AVP 0\n",
            "line 6: m= port '70000' is not a number 0-65535",
        ),
        (
            "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nt=0 0\nm=audio 4000 RTP/AVP 0\n",
            "line 5: m= line without a c= line (none at session level)",
        ),
        (
            "v=0\no=- 1 1 IN IP4 1.2.3.4\ns=-\nc=IN IPX 1.2.3.4\n",
            "line 4: c= address type 'IPX' is neither IP4 nor IP6",
        ),
        ("v=0\no=- 1 1\n", "line 2: o= needs six fields"),
        ("v=0\nhello\n", "line 2: not a '<letter>=<value>' line"),
        ("v=0\n\no=- 1 1 IN IP4 1.2.3.4\n", "line 2: empty line inside the SDP"),
        ("v=0\ns=-\n", "no o= line before the first m= line"),
        (
            "v=0\no=- 1 1 IN IP4 1.2.3.4\nm=audio 0 RTP/AVP 0\no=- 1 1 IN IP4 1.2.3.4\n",
            "line 4: o= belongs before the first m= line",
        ),
        ("v=0\n" + "a=x\n" * 3000, "SDP with more than 2000 lines"),
        ("v=0\na=" + "x" * MAX_BYTES, f"SDP longer than {MAX_BYTES} characters"),
    ],
)
def test_malformed_bodies_give_one_located_error(body: str, error: str) -> None:
    result = parse_sdp(body)
    assert isinstance(result, SdpError)
    assert str(result) == error


def test_an_m_line_without_formats_is_read_with_its_leftover_rtpmaps() -> None:
    """rtpengine 10.5 writes this after stripping every codec (CASES.md case 5)."""
    sdp = parse_sdp((DATA / "rtpengine_10.5_codec_strip_answer.sdp").read_text())
    assert isinstance(sdp, Sdp)
    [audio] = sdp.media
    assert audio.formats == () and audio.codecs() == []
    assert [c.name for c in audio.codecs(listed=False)] == ["PCMU/8000", "telephone-event/8000"]


def test_pjproject_seed_corpus_reads_or_fails_cleanly() -> None:
    files = sorted(CORPUS.glob("*.sdp"))
    assert len(files) >= 6, f"missing corpus {CORPUS}"
    results = [parse_sdp(f.read_text(encoding="utf-8", errors="replace")) for f in files]
    assert sum(isinstance(r, Sdp) for r in results) == 5
    [bad] = [r for r in results if isinstance(r, SdpError)]
    assert bad.line == 6 and "m= port" in bad.message
