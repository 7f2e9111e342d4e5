from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from softdiag.lab import Lab, LabError

pytestmark = pytest.mark.lab


def _cli(*args: str, state_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOFTDIAG_LAB_DIR": str(state_dir)}
    return subprocess.run(
        [sys.executable, "-m", "softdiag", *args],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip


def test_status_json_lists_every_server_alive(lab: Lab) -> None:
    result = _cli("lab", "status", "--json", state_dir=lab.state_dir)
    assert result.returncode == 0, result.stderr
    servers = {s["name"]: s for s in json.loads(result.stdout)["servers"]}
    assert set(servers) == {"dns", "kam1", "kam2", "kam3", "echo"}
    assert all(s["alive"] and s["pid"] for s in servers.values())
    assert servers["kam2"]["address"] == f"{lab.topology.registrars[1].ip}:5060"
    assert servers["dns"]["role"] == "dns"


def test_status_table_lines_up_every_server(tmp_path: Path) -> None:
    result = _cli("lab", "status", state_dir=tmp_path)  # nothing started: all dead, exit 1
    assert result.returncode == 1, result.stderr
    rows = result.stdout.splitlines()[1:]
    assert {row.split()[0] for row in rows} >= {"dns", "kam1", "echo", "latching"}
    assert len({row.index(" 127.0.0.") for row in rows}) == 1, result.stdout


def test_up_is_idempotent(lab: Lab) -> None:
    before = {s.name: s.pid for s in lab.status()}
    result = _cli("lab", "up", state_dir=lab.state_dir)
    assert result.returncode == 0, result.stderr
    assert {s.name: s.pid for s in lab.status()} == before


def test_registrars_answer_and_tell_who_they_are(lab: Lab) -> None:
    from softdiag.lab.lab import _sip_options_ok

    for reg in lab.topology.registrars:
        assert _sip_options_ok(reg.ip, reg.port)
    # A fresh registrar knows nobody (restarted: earlier tests share this lab and may have
    # left bindings that have not expired yet).
    lab.kill("kam1")
    lab.up()
    assert lab.registered_aors("kam1") == set()


def test_a_second_lab_reports_the_busy_port_in_one_line(lab: Lab, tmp_path: Path) -> None:
    dns = lab.topology.dns.replace(".", r"\.")
    with pytest.raises(LabError, match=rf"{dns}/udp is already in use") as info:
        Lab(lab.topology, state_dir=tmp_path).up()
    assert "\n" not in str(info.value)
    assert Lab(lab.topology, state_dir=tmp_path).status()[0].alive is False  # nothing left


def test_missing_programs_name_the_packages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(LabError, match="apt-get install dnsmasq-base kamailio sip-tester"):
        Lab(state_dir=tmp_path).check_programs()


def test_down_stops_exactly_its_own_processes(lab: Lab) -> None:
    bystander = subprocess.Popen(["sleep", "60"])
    try:
        pids = [s.pid for s in lab.status()]
        result = _cli("lab", "down", state_dir=lab.state_dir)
        assert result.returncode == 0, result.stderr
        for pid in pids:
            assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text()
        assert bystander.poll() is None
        assert not any(s.alive for s in lab.status())
    finally:
        bystander.terminate()
        bystander.wait()
        lab.up()  # leave it running for the next tests
