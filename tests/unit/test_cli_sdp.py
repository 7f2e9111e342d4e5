"""``softdiag sdp analyze``: files, SIP messages, captures and bundles; exit codes."""

from __future__ import annotations

import io
import json
import socket
import zipfile
from pathlib import Path

import dpkt
import pytest

from softdiag.cli import main
from softdiag.events import SdpAnalysed, event_from_json
from softdiag.sdp.capture import SipText, exchanges, sip_messages

DATA = Path(__file__).resolve().parent.parent / "data" / "sdp"
OFFER = (DATA / "case5_offer.sdp").read_text()
ANSWER = (DATA / "case5_answer.sdp").read_text()


def sip(start: str, cseq: str, body: str = "", extra: str = "", call_id: str = "c1@test") -> str:
    crlf_body = body.replace("\n", "\r\n")
    head = (
        f"{start}\r\nVia: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK1\r\n"
        f"From: <sip:alice@voip.test>;tag=a\r\nTo: <sip:echo@voip.test>\r\n"
        f"Call-ID: {call_id}\r\nCSeq: {cseq}\r\n{extra}"
    )
    if body:
        head += "Content-Type: application/sdp\r\n"
    return f"{head}Content-Length: {len(crlf_body.encode())}\r\n\r\n{crlf_body}"


INVITE = sip("INVITE sip:echo@voip.test SIP/2.0", "1 INVITE", OFFER)
TRYING = sip("SIP/2.0 100 Trying", "1 INVITE")
OK = sip("SIP/2.0 200 OK", "1 INVITE", ANSWER,
         "Record-Route: <sip:127.0.0.2;lr;mp=rtpengine>\r\n")  # fmt: skip
ACK = sip("ACK sip:echo@127.0.0.5 SIP/2.0", "1 ACK")


def pcap(messages: list[str], linktype: int = dpkt.pcap.DLT_EN10MB) -> bytes:
    out = io.BytesIO()
    writer = dpkt.pcap.Writer(out, linktype=linktype)
    for i, text in enumerate(messages):
        udp = dpkt.udp.UDP(sport=5060, dport=5060, data=text.encode())
        udp.ulen = len(udp)
        ip = dpkt.ip.IP(src=socket.inet_aton("127.0.0.1"), dst=socket.inet_aton("127.0.0.2"),
                        p=dpkt.ip.IP_PROTO_UDP, data=udp)  # fmt: skip
        ip.len = len(ip)
        frame: bytes
        if linktype == dpkt.pcap.DLT_EN10MB:
            frame = bytes(dpkt.ethernet.Ethernet(type=dpkt.ethernet.ETH_TYPE_IP, data=ip))
        elif linktype == dpkt.pcap.DLT_LINUX_SLL:
            frame = bytes(dpkt.sll.SLL(ethtype=dpkt.ethernet.ETH_TYPE_IP, data=ip))
        else:
            frame = bytes(ip)
        writer.writepkt(frame, ts=1.0 + i)
    return out.getvalue()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["sdp", "analyze", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_files_give_findings_and_exit_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, str(DATA / "case5_offer.sdp"), str(DATA / "case5_answer.sdp"))
    assert (code, err) == (0, "")
    assert "sdp.answer_only_telephone_event" in out and "offer line 8: a=fmtp:0 abc=no" in out


def test_json_is_one_sdp_analysed_event(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json", str(DATA / "case5_offer.sdp"),
                       str(DATA / "case5_answer.sdp"))  # fmt: skip
    [line] = out.splitlines()
    event = event_from_json(json.loads(line))
    assert code == 0 and isinstance(event, SdpAnalysed)
    assert [f.id for f in event.findings] == [
        "sdp.answer_only_telephone_event",
        "sdp.codec_removed",
    ]
    assert {(m.side, m.line) for m in event.marks} >= {("offer", 8), ("answer", 7)}


def test_sip_message_files_name_the_middlebox(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    (tmp_path / "invite.sip").write_text(INVITE)
    (tmp_path / "ok.sip").write_text(OK)
    code, out, _ = run(capsys, "--json", str(tmp_path / "invite.sip"), str(tmp_path / "ok.sip"))
    event = event_from_json(out.splitlines()[0])
    assert isinstance(event, SdpAnalysed) and code == 0
    removed = event.findings[1]
    assert (
        "rtpengine (record-route: <sip:127.0.0.2;lr;mp=rtpengine>)" in dict(removed.params)["path"]
    )


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        (b"\x00\x01binary", "is binary"),
        (b"\xff\xfe not utf-8", "is not UTF-8 text"),
        (TRYING.encode(), "a SIP message without an SDP body"),
    ],
)
def test_unreadable_files_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               content: bytes | None, message: str) -> None:  # fmt: skip
    path = tmp_path / "offer.sdp"
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, str(path), str(DATA / "case5_answer.sdp"))
    assert code == 2 and out == ""
    assert len(err.splitlines()) == 1 and message in err and "Traceback" not in err


def test_a_malformed_sdp_is_a_finding_not_an_error(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    (tmp_path / "bad.sdp").write_text(ANSWER.replace("m=audio 30000 RTP/AVP 101", "m=audio"))
    code, out, _ = run(capsys, str(DATA / "case5_offer.sdp"), str(tmp_path / "bad.sdp"))
    assert code == 0 and "line 6: m= line without a port" in out


@pytest.mark.parametrize("linktype", [dpkt.pcap.DLT_EN10MB, dpkt.pcap.DLT_LINUX_SLL, 101])
def test_pcap_pairs_invite_and_200(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                   linktype: int) -> None:  # fmt: skip
    path = tmp_path / "call.pcap"
    path.write_bytes(pcap([INVITE, TRYING, OK, OK, ACK], linktype))  # 200 retransmitted
    code, out, _ = run(capsys, "--json", "--from", str(path))
    [line] = out.splitlines()
    event = event_from_json(line)
    assert code == 0 and isinstance(event, SdpAnalysed)
    assert [f.id for f in event.findings] == [
        "sdp.answer_only_telephone_event",
        "sdp.codec_removed",
    ]
    assert "Call-ID c1@test" in event.source


def test_bundle_zip_with_a_pcap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bundle.zip"
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr("report.html", "<html></html>")
        bundle.writestr("sip.pcap", pcap([INVITE, OK]))
    code, out, _ = run(capsys, "--from", str(path))
    assert code == 0 and "sdp.codec_removed" in out


def test_capture_without_offer_answer_exits_2(tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:  # fmt: skip
    path = tmp_path / "empty.pcap"
    path.write_bytes(pcap([TRYING]))
    code, _, err = run(capsys, "--from", str(path))
    assert code == 2 and "holds no INVITE/200 offer/answer pair" in err


def test_truncated_capture_keeps_what_was_read() -> None:
    data = pcap([INVITE, OK, ACK])
    for cut in (40, len(ACK) + 30, len(ACK) + 50):  # inside the payload, the headers, the record
        messages = list(sip_messages(io.BytesIO(data[:-cut])))
        assert [m.text.split("\r\n", 1)[0] for m in messages[:2]] == [
            "INVITE sip:echo@voip.test SIP/2.0", "SIP/2.0 200 OK"]  # fmt: skip
    assert messages[0].source == "127.0.0.1:5060"


def test_late_offer_pairs_200_and_ack() -> None:
    invite = sip("INVITE sip:echo@voip.test SIP/2.0", "7 INVITE")
    ok = sip("SIP/2.0 200 OK", "7 INVITE", OFFER)
    ack = sip("ACK sip:echo@127.0.0.5 SIP/2.0", "7 ACK", ANSWER)
    [ex] = exchanges([SipText(invite), SipText(ok), SipText(ack)])
    assert ex.offer.startswith("v=0") and "m=audio 40000" in ex.offer
    assert "m=audio 30000" in ex.answer and ex.answer_first_line.startswith("ACK")


def test_both_sources_at_once_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "a.sdp", "b.sdp", "--from", "x.pcap")
    assert code == 2 and "not both" in err


def test_fuzz_command_prints_its_count(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sdp", "fuzz", "--inputs", "300", "--seed", "5", "--json"])
    figures = json.loads(capsys.readouterr().out)
    assert code == 0 and figures["inputs"] == 300 and figures["crashes"] == 0
    assert figures["seeds"] >= 6 and "sdp.unparseable" in figures["finding_ids"]


def test_fuzz_command_bad_count_is_bad_input(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sdp", "fuzz", "--inputs", "0"]) == 2
    assert "--inputs" in capsys.readouterr().err
