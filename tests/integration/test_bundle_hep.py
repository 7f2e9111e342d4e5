"""The HEPv3 mirror as a real collector decodes it, and with no collector at all.

tshark 4.0 (Debian 12) has no HEP dissector (Wireshark's is a Lua plug-in from sipcapture),
so the collector is sngrep's EEP/HEP listener: it decodes what arrives and writes the SIP it
carried to a pcap, which tshark then reads as SIP with the original addresses and times.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from softdiag.bundle.hep import HepMirror, encode_hep, parse_hep_address
from tests.labfixtures import TEST_NET

from .test_bundle_pcap import _msg


def udp_listener(ip: str) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind((ip, 0))
    sock.settimeout(0.2)
    return sock


def free_udp_port(ip: str) -> int:
    with contextlib.closing(udp_listener(ip)) as sock:
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def sngrep_collector(ip: str, port: int, out: Path) -> Iterator[None]:
    """sngrep as the HEP collector: it decodes HEP (its own EEP code, Irontec's, not ours)
    and writes the SIP it carried to a pcap with the addresses from inside the HEP packet."""
    proc = subprocess.Popen(
        ["sngrep", "-L", f"udp:{ip}:{port}", "-N", "-q", "-O", str(out)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 5.0  # until its socket is bound
        while time.monotonic() < deadline and not _udp_bound(ip, port):
            time.sleep(0.05)
        yield
    finally:
        time.sleep(0.5)  # let it write what it received
        proc.terminate()  # by PID: the one we started
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


def _udp_bound(ip: str, port: int) -> bool:
    try:
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_DGRAM)) as s:
            s.bind((ip, port))
    except OSError:
        return True
    return False


def sip_fields(pcap: Path) -> list[list[str]]:
    out = subprocess.run(
        ["tshark", "-r", str(pcap), "-Y", "sip", "-T", "fields", "-e", "ip.src",
         "-e", "udp.srcport", "-e", "sip.Method", "-e", "sip.Status-Code", "-e", "sip.Call-ID",
         "-e", "frame.time_epoch"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    return [line.split("\t") for line in out.splitlines()]


MESSAGES = [
    _msg("REGISTER sip:voip.test SIP/2.0", "r1@x", direction="out", transport="udp",
         local="127.0.0.1:5062", remote="127.0.0.3:5060", wall=1_700_000_000.25),
    _msg("SIP/2.0 401 Unauthorized", "r1@x", direction="in", transport="udp",
         local="127.0.0.1:5062", remote="127.0.0.3:5060", wall=1_700_000_000.26),
    _msg("INVITE sip:echo@voip.test SIP/2.0", "i1@x", direction="out", transport="tcp",
         local="127.0.0.1:40001", remote="127.0.0.2:5060", wall=1_700_000_000.30),
]  # fmt: skip


def test_a_hep_collector_decodes_the_same_sip_messages(tmp_path: Path) -> None:
    ip = f"{TEST_NET}.1"
    port = free_udp_port(ip)
    out = tmp_path / "collected.pcap"
    with sngrep_collector(ip, port, out):
        mirror = HepMirror(ip, port, capture_id=2001, auth_key="homer-key").start()
        for m in MESSAGES:
            mirror(m)
        deadline = time.monotonic() + 5.0
        while mirror.sent < len(MESSAGES) and time.monotonic() < deadline:
            time.sleep(0.05)
        stats = mirror.close()
    assert (stats.sent, stats.dropped, stats.errors) == (3, 0, 0)
    rows = sip_fields(out)
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ("REGISTER", "", "r1@x"), ("", "401", "r1@x"), ("INVITE", "", "i1@x"),
    ]  # fmt: skip
    # The real addresses, ports and times of each message, not the mirror's socket.
    assert [r[0] for r in rows] == ["127.0.0.1", "127.0.0.3", "127.0.0.1"]
    assert [round(float(r[5]), 3) for r in rows] == [m.wall for m in MESSAGES]


def test_an_unreachable_collector_never_blocks_the_publisher() -> None:
    # A closed port on loopback: every datagram draws an ICMP port-unreachable.
    probe = udp_listener(f"{TEST_NET}.1")
    port = probe.getsockname()[1]
    probe.close()
    mirror = HepMirror(f"{TEST_NET}.1", port, queue_size=64).start()
    started = time.perf_counter()
    for i in range(5000):
        mirror(MESSAGES[i % 3])
    publish_s = time.perf_counter() - started
    stats = mirror.close(timeout=2.0)
    assert stats.sent + stats.dropped + stats.errors == 5000
    assert stats.dropped > 0  # a queue of 64 cannot hold a burst of 5000: dropped and counted
    assert publish_s < 2.0  # generous: the subscriber only enqueues (put_nowait)


def test_the_auth_key_and_capture_id_are_encoded() -> None:
    packet = encode_hep(MESSAGES[0], capture_id=7, auth_key="k3y")
    assert packet[:4] == b"HEP3" and int.from_bytes(packet[4:6], "big") == len(packet)
    assert b"k3y" in packet and b"r1@x" in packet


def test_bad_collector_addresses_are_refused_with_a_reason() -> None:
    for bad in ("nohost", "127.0.0.1:0", "127.0.0.1:http", ":5060"):
        try:
            parse_hep_address(bad)
        except ValueError as exc:
            assert "--hep" in str(exc)
        else:
            raise AssertionError(f"{bad!r} accepted")
    assert parse_hep_address("127.0.0.1:9060") == ("127.0.0.1", 9060)
