"""sip.pcap as tshark reads it: every message, its method/status, Call-ID, addresses, order."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from softdiag.bundle.pcap import parse_endpoint, write_pcap
from softdiag.events import SipMessage


def _msg(first: str, call_id: str, *, direction: str, transport: str, local: str,
         remote: str, wall: float) -> SipMessage:  # fmt: skip
    cseq = "1 " + (first.split(maxsplit=1)[0] if not first.startswith("SIP/") else "INVITE")
    text = (f"{first}\r\nVia: SIP/2.0/{transport.upper()} {local};branch=z9hG4bK{int(wall * 1000)}\r\n"
            f"From: <sip:alice@voip.test>;tag=1\r\nTo: <sip:echo@voip.test>\r\nCall-ID: {call_id}\r\n"
            f"CSeq: {cseq}\r\nContent-Length: 0\r\n\r\n")  # fmt: skip
    return SipMessage(direction=direction, transport=transport, local=local, remote=remote,  # type: ignore[arg-type]
                      text=text, wall=wall, mono=wall)  # fmt: skip


def tshark_fields(path: Path, *fields: str) -> list[list[str]]:
    args = ["tshark", "-r", str(path), "-Y", "sip", "-T", "fields"]
    for f in fields:
        args += ["-e", f]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60, check=True).stdout
    return [line.split("\t") for line in out.splitlines()]


def test_udp_tcp_and_ipv6_messages_decode_as_sip(tmp_path: Path) -> None:
    messages = [
        _msg("INVITE sip:echo@voip.test SIP/2.0", "c1@x", direction="out", transport="udp",
             local="127.0.0.1:5062", remote="127.0.0.3:5060", wall=1_700_000_000.100),
        _msg("SIP/2.0 200 OK", "c1@x", direction="in", transport="udp",
             local="127.0.0.1:5062", remote="127.0.0.3:5060", wall=1_700_000_000.200),
        _msg("REGISTER sip:voip.test SIP/2.0", "c2@x", direction="out", transport="tcp",
             local="127.0.0.1:40000", remote="127.0.0.2:5060", wall=1_700_000_000.300),
        _msg("SIP/2.0 401 Unauthorized", "c2@x", direction="in", transport="tcp",
             local="127.0.0.1:40000", remote="127.0.0.2:5060", wall=1_700_000_000.400),
        _msg("OPTIONS sip:[::1]:5060 SIP/2.0", "c3@x", direction="out", transport="udp",
             local="[::1]:5070", remote="[::1]:5060", wall=1_700_000_000.500),
    ]  # fmt: skip
    path = tmp_path / "sip.pcap"
    with path.open("wb") as fp:
        assert write_pcap(messages, fp) == 5
    rows = tshark_fields(path, "sip.Method", "sip.Status-Code", "sip.Call-ID", "ip.src",
                         "ipv6.src", "udp.srcport", "tcp.srcport", "frame.time_epoch")  # fmt: skip
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("INVITE", "", "c1@x"), ("", "200", "c1@x"), ("REGISTER", "", "c2@x"),
        ("", "401", "c2@x"), ("OPTIONS", "", "c3@x"),
    ]  # fmt: skip
    assert [r[3] or r[4] for r in rows] == [
        "127.0.0.1",
        "127.0.0.3",
        "127.0.0.1",
        "127.0.0.2",
        "::1",
    ]
    assert [r[5] or r[6] for r in rows] == ["5062", "5060", "40000", "5060", "5070"]
    assert [round(float(r[7]), 3) for r in rows] == [m.wall for m in messages]


def test_endpoints_parse_or_fall_back_to_unknown() -> None:
    assert parse_endpoint("127.0.0.2:5060").port == 5060
    assert parse_endpoint("[::1]:5061").ip == "::1"
    assert parse_endpoint("garbage").ip == "0.0.0.0"
    assert parse_endpoint("1.2.3.4:99999").port == 0
    assert write_pcap([], io.BytesIO()) == 0
