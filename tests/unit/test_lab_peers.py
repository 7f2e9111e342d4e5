"""The lab's misbehaving call peers: their G.711 audio, pcaps and sipp scenarios."""

from __future__ import annotations

import ipaddress
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import dpkt
import numpy as np
import pytest

from softdiag.bundle.pcap import Endpoint, udp_frame
from softdiag.lab.peers import PEER_KINDS, mulaw, peer_scenario, rtp_pcap, write_peer_files


def _ulaw_decode(code: int) -> int:
    """ITU-T G.711 μ-law expansion (the inverse the standard gives, written from its table)."""
    u = ~code & 0xFF
    t = (((u & 0x0F) << 3) + 0x84) << ((u & 0x70) >> 4)
    return 0x84 - t if u & 0x80 else t - 0x84


@pytest.mark.parametrize(
    ("sample", "code"),
    [(0, 0xFF), (32767, 0x80), (-32768, 0x00), (16384, 0x8F), (-16384, 0x0F), (1000, 0xCE),
     (-1, 0x7E), (8, 0xFE)],
)  # fmt: skip
def test_mulaw_codes_of_known_samples(sample: int, code: int) -> None:
    assert mulaw(np.array([sample / 32768])) == bytes([code])


def test_mulaw_round_trip_stays_within_the_quantisation_step() -> None:
    x = np.linspace(-1, 1, 4001)
    decoded = np.array([_ulaw_decode(c) for c in mulaw(x)]) / 32768
    step = np.maximum(np.abs(x) / 16, 2 / 8192)  # 4 mantissa bits: 1/16 of the magnitude
    assert np.all(np.abs(decoded - x) <= step)


def test_rtp_pcap_packets_are_20_ms_apart_with_rising_sequence_numbers() -> None:
    data = rtp_pcap(b"\xab" * 160, seconds=1)
    assert struct.unpack("<I", data[:4])[0] == 0xA1B2C3D4
    offset, seen = 24, []
    while offset < len(data):
        sec, usec, length, _orig = struct.unpack("<IIII", data[offset : offset + 16])
        frame = data[offset + 16 : offset + 16 + length]
        rtp = frame[14 + 20 + 8 :]
        seq, ts = struct.unpack("!HI", rtp[2:8])
        assert rtp[12:] == b"\xab" * 160
        seen.append((sec * 1_000_000 + usec, seq, ts))
        offset += 16 + length
    assert len(seen) == 50
    assert [s[0] for s in seen] == [i * 20_000 for i in range(50)]
    assert [s[1] for s in seen] == list(range(50)) and seen[-1][2] == 49 * 160


@pytest.mark.parametrize("kind", PEER_KINDS)
def test_every_peer_scenario_is_valid_xml_with_an_answer(kind: str, tmp_path: Path) -> None:
    path = write_peer_files(tmp_path, kind)
    root = ET.fromstring(path.read_text())
    sends = "".join(s.text or "" for s in root.iter("send"))
    assert "SIP/2.0 200 OK" in sends and "m=audio" in sends
    plays = [e.get("play_pcap_audio") for e in root.iter("exec")]
    assert all(p and Path(p).is_file() for p in plays)
    assert bool(plays) == (kind in ("silence", "latching"))


def test_the_latching_peer_announces_one_port_and_plays_a_tone() -> None:
    sdp = peer_scenario("latching", Path("/x/tone.pcap"))
    assert "m=audio [media_port+2] RTP/AVP 0" in sdp
    with pytest.raises(ValueError, match="needs its pcap"):
        peer_scenario("latching")


@pytest.mark.parametrize(
    ("src", "dst"),
    [(Endpoint("192.0.2.10", 6000), Endpoint("192.0.2.20", 6002)),
     (Endpoint("2001:db8::10", 6000), Endpoint("2001:db8::20", 6002))],
)  # fmt: skip
def test_a_udp_frame_of_the_product_writer_reads_back_with_valid_checksums(
    src: Endpoint, dst: Endpoint
) -> None:
    data = udp_frame(src, dst, b"\x80\x00rtp")
    ip = dpkt.ethernet.Ethernet(data).data
    udp = ip.data
    assert (ip.src, ip.dst) == (ipaddress.ip_address(src.ip).packed,
                                ipaddress.ip_address(dst.ip).packed)  # fmt: skip
    assert (udp.sport, udp.dport, udp.data) == (6000, 6002, b"\x80\x00rtp")
    assert udp.sum != 0 and bytes(dpkt.ethernet.Ethernet(data)) == data  # sums as dpkt computes
