"""Bundle export and inspect: contents, atomic writes, bad input in one line (exit 2)."""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from softdiag.bundle.export import BundleError, export_bundle, inspect_bundle, select_runs
from softdiag.bundle.journal import Journal, list_runs
from softdiag.cli import main
from softdiag.events import (
    Finding,
    LevelReading,
    Levels,
    RegistrationChanged,
    SdpExchanged,
    SipMessage,
)

REGISTER = (
    "REGISTER sip:voip.test SIP/2.0\r\nCall-ID: abc@host\r\nCSeq: 2 REGISTER\r\n"
    'Authorization: Digest username="alice", realm="voip.test", nonce="n1", uri="sip:voip.test", '
    'response="0123456789abcdef0123456789abcdef", cnonce="c0ffee", nc=00000001\r\n\r\n'
)


def _sip(text: str) -> SipMessage:
    return SipMessage(direction="out", transport="udp", local="127.0.0.1:5060",
                      remote="127.0.0.2:5060", text=text)  # fmt: skip


ENV = {
    "os": "TestOS 1",
    "versions": {"softdiag": "0"},
    "network": {"DNS servers": ["127.0.0.1"]},
    "audio": [],
}


def _journal(base: Path, n: int = 3) -> Path:
    with Journal("test", base=base) as journal:
        for i in range(n):
            journal(
                _sip(
                    REGISTER
                    if i % 2
                    else "OPTIONS sip:x SIP/2.0\r\nCall-ID: o@x\r\nCSeq: 1 OPTIONS\r\n\r\n"
                )
            )
        journal(RegistrationChanged(state="registered", aor="sip:alice@voip.test", server="127.0.0.2:5060",
                                    transport="udp", code=200, reason="OK", expires=60))  # fmt: skip
        journal(
            Finding(
                id="registration.timeout", severity="error", title="No answer", evidence=("e1",)
            )
        )
        reading = LevelReading(rms_dbfs=-20.0, peak_dbfs=-17.0, peak_hold_dbfs=-17.0)
        journal(Levels(call=1, tx=reading, rx=reading))
    return journal.path


def test_a_bundle_holds_every_member_and_inspect_reads_it_back(tmp_path: Path) -> None:
    _journal(tmp_path)
    out = tmp_path / "b.zip"
    summary = export_bundle(select_runs(base=tmp_path), out, environment=ENV, lang="zh_CN")
    info = inspect_bundle(out)
    assert set(info["members"]) == {"report.html", "events.jsonl", "sip.pcap", "settings.json", "logs.txt",
                                    "manifest.json"}  # fmt: skip
    assert (info["events"], info["sip_messages"], summary.sip_messages) == (6, 3, 3)
    with zipfile.ZipFile(out) as zf:
        report = zf.read("report.html").decode()
    assert "诊断报告" in report and "发现问题" in report  # zh_CN, and the error finding's verdict
    assert "<svg" in report and "127.0.0.2:5060" in report  # the timeline is a picture
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_the_last_n_runs_and_an_unknown_run(tmp_path: Path) -> None:
    _journal(tmp_path)
    assert len(select_runs(last=5, base=tmp_path)) == 1
    with pytest.raises(BundleError, match="no run 'nope'"):
        select_runs("nope", base=tmp_path)
    with pytest.raises(BundleError, match="no run has been journalled"):
        select_runs(base=tmp_path / "empty")


def test_a_secret_that_survived_scrubbing_refuses_the_export(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The final check stands alone: with a broken scrubber, nothing secret gets out."""
    from softdiag.bundle import export

    _journal(tmp_path)
    out = tmp_path / "b.zip"
    leaky = _sip("MESSAGE sip:x SIP/2.0\r\nCall-ID: m@x\r\n\r\nmy pin is 987654")
    monkeypatch.setattr(export, "scrub", lambda event, secrets=(): event)
    with pytest.raises(
        BundleError, match=r"refusing to export: events\.jsonl still holds a secret"
    ):
        export_bundle(
            list_runs(tmp_path), out, environment=ENV, extra_events=[leaky], secrets=("987654",)
        )
    # The journal's own digest response is caught by its pattern, without being told.
    with pytest.raises(BundleError, match="unredacted credential"):
        export_bundle(list_runs(tmp_path), out, environment=ENV, extra_events=[_sip(REGISTER)])
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not a zip", "not a zip file"),
        (None, "not a softdiag bundle"),  # a foreign zip
        (b"PK\x03\x04truncated", "not a zip file, or a truncated one"),
    ],
)
def test_inspect_refuses_what_is_not_a_bundle_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, expected: str
) -> None:
    path = tmp_path / "x.zip"
    if content is None:
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr("hello.txt", "hi")
    else:
        path.write_bytes(content)
    assert main(["bundle", "inspect", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1 and "Traceback" not in err


def test_a_truncated_bundle_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _journal(tmp_path)
    out = tmp_path / "b.zip"
    export_bundle(list_runs(tmp_path), out, environment=ENV)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(out.read_bytes()[: out.stat().st_size // 2])
    assert main(["bundle", "inspect", str(cut)]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_unwritable_targets_say_why_and_leave_nothing(tmp_path: Path) -> None:
    _journal(tmp_path)
    with pytest.raises(BundleError, match="folder does not exist"):
        export_bundle(list_runs(tmp_path), tmp_path / "missing" / "b.zip", environment=ENV)
    with pytest.raises(BundleError, match="is a folder"):
        export_bundle(list_runs(tmp_path), tmp_path, environment=ENV)


def test_a_full_disk_gives_a_clear_error_and_no_partial_file(tmp_path: Path) -> None:
    """A file-size limit makes the write fail for real (EFBIG), as a full disk (ENOSPC) does."""
    _journal(tmp_path, n=400)
    out = tmp_path / "out"
    out.mkdir()

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write fails instead of killing
        resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

    proc = subprocess.run(
        [sys.executable, "-m", "softdiag", "bundle", "export", "--out", str(out / "b.zip")],
        check=False, env={**os.environ, "SOFTDIAG_STATE_DIR": str(tmp_path)},
        capture_output=True, text=True, timeout=60, preexec_fn=small_files,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "disk is full" in proc.stderr and proc.stderr.count("\n") == 1
    assert list(out.iterdir()) == []  # neither the bundle nor its temporary file


def test_runs_are_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _journal(tmp_path)
    monkeypatch.setenv("SOFTDIAG_STATE_DIR", str(tmp_path))
    assert main(["bundle", "runs", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["state"] for r in rows] == ["ended"]


SRTP_KEY = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"
CRYPTO_SDP = (
    "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/SAVP 0\r\n"
    f"a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:{SRTP_KEY}|2^20|1:4\r\n"
)


def test_an_srtp_key_is_in_no_member_of_the_bundle(tmp_path: Path) -> None:
    invite = _sip("INVITE sip:echo@voip.test SIP/2.0\r\nCall-ID: i@x\r\nCSeq: 1 INVITE\r\n"
                  f"Content-Type: application/sdp\r\n\r\n{CRYPTO_SDP}")  # fmt: skip
    with Journal("test", base=tmp_path) as journal:
        journal(invite)
        journal(SdpExchanged(call=1, offer=CRYPTO_SDP, answer=CRYPTO_SDP, offerer="local"))
    out = tmp_path / "b.zip"
    export_bundle(
        list_runs(tmp_path), out, environment=ENV, extra_events=[invite]
    )  # unscrubbed too
    everything = [*_members(out).values(), (journal.path / "events.jsonl").read_bytes()]
    assert all(SRTP_KEY.encode() not in data for data in everything)
    assert b"inline:<redacted>|2^20|1:4" in _members(out)["sip.pcap"]  # the line keeps its shape


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def test_the_zh_cn_report_uses_the_guis_catalogue() -> None:
    from softdiag.bundle.report import render_report
    from softdiag.events import FailoverDecision
    from softdiag.findings import make_finding

    finding = make_finding(
        "failover.stale_binding", server="127.0.0.4:5060", expires=30, evidence=("e",)
    )
    move = FailoverDecision(policy="sticky", from_target="a", to_target="b",
                            reason="ICMP port unreachable (server process gone)", reason_id="probe_unreachable")  # fmt: skip
    zh = render_report([finding, move], ENV, lang="zh_CN")
    en = render_report([finding, move], ENV, lang="en")
    assert "无法删除 127.0.0.4:5060 上的旧注册" in zh and "ICMP 端口不可达" in zh
    assert finding.title in en and "ICMP port unreachable" in en


def test_the_report_shows_findings_resolved_during_the_run_apart() -> None:
    """The account's one owner, replayed over the run: a failure that the next 2xx ended
    is listed under "Resolved during the run" with when; a repeat is counted."""
    import dataclasses

    from softdiag.bundle.report import render_report
    from softdiag.events import RegistrationChanged
    from softdiag.findings import make_finding

    down = make_finding("failover.all_down", domain="voip.test")
    first, again = (dataclasses.replace(down, mono=m, wall=1_800_000_000.0 + m) for m in (1, 2))
    back = RegistrationChanged(state="registered", aor="sip:a@voip.test", server="10.0.0.2:5060",
                               transport="udp", code=200, expires=60, mono=5.0,
                               wall=1_800_000_005.0)  # fmt: skip
    still = make_finding("nat.alg", mapped="203.0.113.7:4000", plain="192.168.1.2:5060")
    html = render_report([first, again, back, still], ENV)
    current, _, resolved = html.partition("Resolved during the run")
    assert still.title in current and down.title not in current
    assert down.title in resolved and "raised 2 times" in resolved
    assert "resolved at" in resolved
    zh = render_report([first, again, back], ENV, lang="zh_CN")
    assert "运行期间已解决" in zh and "出现 2 次" in zh


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (["--hep", "nohost"], "--hep needs HOST:PORT"),
        (["--hep", "127.0.0.1:5060", "--hep-id", "-1"], "--hep-id must be between"),
        (
            ["--hep", "127.0.0.1:5060", "--hep-key-env", "SD_NO_SUCH_VAR"],
            "SD_NO_SUCH_VAR is not set",
        ),
    ],
)
def test_bad_hep_options_are_bad_input_before_anything_starts(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    extra: list[str],
    expected: str,
) -> None:
    monkeypatch.setenv("SD_PASS", "x")
    monkeypatch.delenv("SD_NO_SUCH_VAR", raising=False)
    argv = ["register", "--domain", "voip.test", "--user", "a", "--password-env", "SD_PASS", *extra]
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1


def test_the_zh_cn_report_explains_a_nat_change_in_chinese() -> None:
    from softdiag.bundle.report import render_report
    from softdiag.events import NatMappingChanged

    change = NatMappingChanged(server="127.0.0.4:5060", local="127.0.0.1:5062", old=None, new="127.0.0.1:5062",
                               source="register", likely_cause="first_seen",
                               explanation="first answer from 127.0.0.4:5060: it sees us as 127.0.0.1:5062")  # fmt: skip
    zh = render_report([change], ENV, lang="zh_CN")
    assert change.explanation not in zh and "127.0.0.4:5060" in zh
    assert change.explanation in render_report([change], ENV, lang="en")


def test_the_report_shows_the_device_check_and_the_devices_with_their_form_factor() -> None:
    from softdiag.bundle.report import render_report
    from softdiag.events import DeviceCheckResult, DeviceInfo, DeviceInventory

    handset = DeviceInfo(id="handset", name="USB-Handset", direction="output", host_api="PulseAudio",
                         form_factor="handset", is_default=True)  # fmt: skip
    mic = DeviceInfo(
        id="mic",
        name="Handset mic",
        direction="input",
        host_api="PulseAudio",
        form_factor="handset",
    )
    verdict = Finding(id="device.silent_input", severity="error", title="The microphone sends digital silence",
                      evidence=("rms=-inf dBFS",))  # fmt: skip
    check = DeviceCheckResult(output=handset, input=mic, figures=None, verdicts=(verdict,))
    html = render_report([DeviceInventory(provider="pulse", devices=(handset, mic)), check], ENV)
    assert "The microphone sends digital silence" in html and "rms=-inf dBFS" in html
    assert "USB-Handset" in html and "handset" in html
