"""A real failover in the lab, journalled, exported and drawn: the registrar the account
uses is killed mid-run; the bundle's report shows the move and the ladder shows the
REGISTERs, the probes that met ICMP and the failover decision on one time axis.

Screenshot: artifacts/screenshots/ladder_failover_lab.png.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softdiag.bundle.journal import list_runs, read_events
from softdiag.events import FailoverDecision
from softdiag.lab import LAB_PASSWORD, Lab
from tests.labfixtures import TEST_TOPOLOGY
from ui.windows.ladder import COL_DIAGRAM, LadderWindow

from .helpers import SCREENSHOTS

pytestmark = [pytest.mark.lab, pytest.mark.gui]

NAMES = {f"{r.ip}:{r.port}": r.name for r in TEST_TOPOLOGY.registrars}


def test_a_real_failover_in_the_bundle_and_on_the_ladder(
    lab: Lab, qtbot: QtBot, tmp_path: Path
) -> None:
    state = tmp_path / "state"
    env = {**os.environ, "SD_PASS": LAB_PASSWORD, "SOFTDIAG_STATE_DIR": str(state)}
    argv = [sys.executable, "-m", "softdiag", "register", "--domain", "voip.test", "--user", "grace",
            "--password-env", "SD_PASS", "--dns", TEST_TOPOLOGY.dns, "--expires", "30",
            "--duration", "8", "--json",
            "--probe-profile", "fast"]  # the move within the run, not the probe budget  # fmt: skip
    proc = subprocess.Popen(
        argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    victim = None
    try:
        assert proc.stdout is not None
        deadline = time.monotonic() + 20
        for line in proc.stdout:  # until the first registration
            event = json.loads(line)
            if event["type"] == "RegistrationChanged" and event["state"] == "registered":
                victim = NAMES[event["server"]]
                break
            assert time.monotonic() < deadline, "no registration"
        assert victim is not None
        time.sleep(1.0)
        lab.kill(victim)
        rest = proc.communicate(timeout=40)[0]
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=20)
        if victim is not None:
            lab.revive(victim)
    assert proc.returncode == 0, rest[-2000:]

    # The bundle: the report draws the move.
    out = tmp_path / "failover.zip"
    done = subprocess.run([sys.executable, "-m", "softdiag", "bundle", "export", "--out", str(out)],
                          env=env, capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(out) as zf:
        report = zf.read("report.html").decode()
    assert "stroke-dasharray" in report  # the failover line on the timeline
    assert "Failover decisions" in report and victim in "".join(NAMES.values())

    # The ladder of the same run.
    events = list(read_events(list_runs(state)[-1]))
    moves = [e for e in events if isinstance(e, FailoverDecision) and e.from_target]
    assert moves, "no failover decision journalled"
    ladder = LadderWindow()
    qtbot.addWidget(ladder)
    ladder.resize(1200, 820)
    ladder.show()
    qtbot.waitExposed(ladder)
    ladder.add_events(events)
    qtbot.waitUntil(lambda: not ladder.pending, timeout=5000)
    rows = [ladder.model.row(i) for i in range(ladder.model.rowCount())]
    at = next(i for i, r in enumerate(rows) if r.kind == "failover" and r.event is moves[0])
    after = [r.label for r in rows[at:]]
    assert "REGISTER" in after and any(label.startswith("200") for label in after)  # re-registered
    index = ladder.model.index(at, COL_DIAGRAM)
    ladder.view.setCurrentIndex(index)
    ladder.view.scrollTo(index, ladder.view.ScrollHint.PositionAtCenter)
    qtbot.wait(50)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert ladder.grab().save(str(SCREENSHOTS / "ladder_failover_lab.png"))
    (SCREENSHOTS / "report_failover_lab.html").write_text(report, encoding="utf-8")
