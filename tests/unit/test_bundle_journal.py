"""The per-run journal: lines on disk within the flush interval, bounded, rotated, scrubbed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from softdiag.bundle.journal import Journal, crashed_runs, list_runs, read_events
from softdiag.bundle.secrets import scrub, scrub_settings
from softdiag.events import Log, SdpExchanged, SipMessage

REGISTER = (
    "REGISTER sip:voip.test SIP/2.0\r\n"
    "Call-ID: abc@host\r\nCSeq: 2 REGISTER\r\n"
    'Authorization: Digest username="alice", realm="voip.test", nonce="n1", '
    'uri="sip:voip.test", response="0123456789abcdef0123456789abcdef", cnonce="c0ffee", nc=00000001\r\n'
    "Content-Length: 0\r\n\r\n"
)
SDP = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
    "m=audio 4000 RTP/SAVP 0\r\n"
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4\r\n"
    "a=ice-pwd:asd88fgpdd777uzjYhagZg\r\n"
)


def _sip(text: str = "OPTIONS sip:x SIP/2.0\r\n\r\n") -> SipMessage:
    return SipMessage(direction="out", transport="udp", local="127.0.0.1:5060",
                      remote="127.0.0.2:5060", text=text)  # fmt: skip


def test_events_reach_the_disk_within_the_flush_interval(tmp_path: Path) -> None:
    journal = Journal("test", base=tmp_path, flush_interval=0.05).open()
    try:
        journal(_sip())
        deadline = time.monotonic() + 2.0
        path = journal.path / "events.jsonl"
        while time.monotonic() < deadline and not path.read_text():
            time.sleep(0.02)
        # Read while the journal is still open, as after a kill -9.
        events = list(read_events(path))
        assert [type(e) for e in events] == [SipMessage]
        assert list_runs(tmp_path)[0].ended is False
    finally:
        journal.close()
    assert list_runs(tmp_path)[0].ended is True


def test_the_journal_holds_no_digest_response_nor_srtp_key(tmp_path: Path) -> None:
    with Journal("test", base=tmp_path, secrets=("hunter2",)) as journal:
        journal(_sip(REGISTER))
        journal(SdpExchanged(call=1, offer=SDP, answer=SDP, offerer="local"))
        journal(Log(level="info", source="x", message="password is hunter2"))
    text = (journal.path / "events.jsonl").read_text()
    for secret in ("0123456789abcdef0123456789abcdef", "c0ffee", "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz",
                   "asd88fgpdd777uzjYhagZg", "hunter2"):  # fmt: skip
        assert secret not in text
    assert text.count("<redacted>") >= 6
    # Still a parseable message: the header and the crypto line keep their shape.
    sip = next(e for e in read_events(journal.path / "events.jsonl") if isinstance(e, SipMessage))
    assert 'response="<redacted>"' in sip.text and 'nonce="n1"' in sip.text


def test_scrub_keeps_clean_events_identical() -> None:
    event = _sip()
    assert scrub(event) is event


def test_a_torn_last_line_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "events.jsonl"
    good = json.dumps({"type": "Log", "level": "info", "source": "s", "message": "m",
                       "mono": 1.0, "wall": 2.0})  # fmt: skip
    path.write_text(good + "\n" + good[:20])
    assert len(list(read_events(path))) == 1


def test_a_run_stops_at_its_size_bound_and_counts_what_it_dropped(tmp_path: Path) -> None:
    with Journal("test", base=tmp_path, max_run_bytes=2000) as journal:
        for _ in range(50):
            journal(_sip())
    assert (journal.path / "events.jsonl").stat().st_size <= 2000
    assert journal.dropped > 0


def test_old_and_surplus_runs_are_rotated_out(tmp_path: Path) -> None:
    runs = tmp_path / "runs"
    for i, age in enumerate((40 * 86400, 3600, 1800, 900)):
        d = runs / f"r{i}"
        d.mkdir(parents=True)
        (d / "meta.json").write_text(
            json.dumps({"command": "x", "pid": 0, "started": time.time() - age})
        )
        (d / "events.jsonl").write_text("x" * 100)
        (d / "ended").write_text("1")
    journal = Journal("test", base=tmp_path, keep_runs=3, max_age_s=14 * 86400)
    removed = journal.prune()
    assert removed == ["r0", "r1"]  # too old, then the oldest beyond the count
    assert sorted(p.name for p in runs.iterdir()) == ["r2", "r3"]


def test_a_run_whose_process_died_without_ending_is_crashed(tmp_path: Path) -> None:
    d = tmp_path / "runs" / "dead"
    d.mkdir(parents=True)
    # A PID that cannot exist (above pid_max) stands for a process killed with -9.
    (d / "meta.json").write_text(json.dumps({"command": "x", "pid": 2**22 + 7, "started": 1.0}))
    (d / "events.jsonl").write_text("{}\n")
    live = tmp_path / "runs" / "live"
    live.mkdir()
    (live / "meta.json").write_text(
        json.dumps({"command": "x", "pid": os.getpid(), "started": 2.0})
    )
    (live / "events.jsonl").write_text("{}\n")
    assert [r.id for r in crashed_runs(tmp_path)] == ["dead"]


def test_settings_lose_their_secret_keys_and_say_which() -> None:
    kept, removed = scrub_settings(
        {"user": "alice", "password": "x", "hep": {"auth_key": "k", "host": "h"}}
    )
    assert kept == {
        "user": "alice",
        "password": "<redacted>",
        "hep": {"auth_key": "<redacted>", "host": "h"},
    }
    assert removed == ["password", "hep.auth_key"]
