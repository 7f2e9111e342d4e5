"""Calls to softdiag through the real lab: the replicated cluster (Kamailio DMQ), the split
layout of case 3, a second softdiag account and the lab's sipp caller."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from softdiag.bench.runner import RegisterRun as _RegisterRun
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.lab.caller import LabCaller
from tests.labfixtures import CALLER_IP, CLUSTER_TOPOLOGY, TEST_TOPOLOGY

pytestmark = pytest.mark.lab

DNS = CLUSTER_TOPOLOGY.dns
RegisterRun = functools.partial(_RegisterRun, dns=DNS)
SplitRun = functools.partial(_RegisterRun, dns=TEST_TOPOLOGY.dns)


def _call(uri: str, *, user: str, duration: float = 2.0) -> tuple[int, list[dict[str, Any]], str]:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    argv = [sys.executable, "-m", "softdiag", "call", uri, "--domain", "voip.test",
            "--user", user, "--password-env", "SD_PASS", "--dns", DNS, "--expires", "30",
            "--duration", str(duration), "--json"]  # fmt: skip
    proc = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=60, check=False)
    return proc.returncode, [json.loads(line) for line in proc.stdout.splitlines()], proc.stderr


def _of(events: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == kind]


def test_auto_answer_takes_the_call_with_media_and_names_its_path(cluster_lab: Lab) -> None:
    callee = RegisterRun("inbound-auto", "--answer", "auto", expires=30, duration=40)
    try:
        registered = callee.registered(timeout=15)
        code, events, err = _call("inbound-auto", user="inbound-caller", duration=2.5)
        assert code == 0, err
        [summary] = _of(events, "CallSummary")
        assert summary["connected"]
        # The callee heard the caller's test tone and sent its own back.
        assert summary["rx_rms_dbfs"] > -40.0
        incoming = callee.wait_for(lambda e: e["type"] == "IncomingCall", 5)
        assert incoming["caller"] == "sip:inbound-caller@voip.test"
        assert incoming["answer"] == "auto"
        # Which server and which path: the caller's proxy found the callee in the cluster's
        # shared location table and relayed the INVITE straight to it.
        [caller_reg] = [e for e in _of(events, "RegistrationChanged") if e["state"] == "registered"]
        assert incoming["registered_on"] == registered["server"]
        assert incoming["source"] == caller_reg["server"]
        proxy_ip = caller_reg["server"].split(":")[0]
        assert incoming["via"][0].startswith(f"UDP {proxy_ip}")
        assert len(incoming["via"]) == 2  # the proxy, then the caller
        assert any(proxy_ip in r for r in incoming["record_route"])
        callee.wait_for(
            lambda e: e["type"] == "CallStateChanged" and e["state"] == "disconnected", 10
        )
        number = incoming["call"]
        stats = [e for e in callee.of_type("MediaStats") if e["call"] == number]
        assert stats and stats[-1]["rx"]["packets"] >= 50 and stats[-1]["tx"]["packets"] >= 50
        states = [e["state"] for e in callee.of_type("CallStateChanged") if e["call"] == number]
        assert states[0] == "incoming" and "confirmed" in states
        # Through the server it registered with: nothing to say; through another: named.
        path = [f["id"] for f in callee.of_type("Finding") if f["id"].startswith("call.inbound")]
        other = incoming["source"] != registered["server"]
        assert path == (["call.inbound_other_proxy"] if other else [])
    finally:
        callee.stop()


def test_busy_rejects_with_486_and_the_caller_sees_it(cluster_lab: Lab) -> None:
    callee = RegisterRun("inbound-busy", "--answer", "busy", expires=30, duration=30)
    try:
        callee.registered(timeout=15)
        code, events, err = _call("inbound-busy", user="inbound-caller2", duration=1.0)
        assert code == 1
        assert "486" in err
        [summary] = _of(events, "CallSummary")
        assert not summary["connected"]
        incoming = callee.wait_for(lambda e: e["type"] == "IncomingCall", 5)
        assert incoming["answer"] == "busy"
        ended = callee.wait_for(
            lambda e: e["type"] == "CallStateChanged" and e["state"] == "disconnected", 5
        )
        assert ended["code"] == 486
        # A call we rejected is not a failed call of ours.
        assert not [f for f in callee.of_type("Finding") if f["id"] == "call.failed"]
    finally:
        callee.stop()


def _delivered_through_every_live_proxy(
    caller: LabCaller, lab: Lab, user: str, dead: str
) -> dict[str, bool]:
    return {
        r.name: caller.call(user, f"{r.ip}:{r.port}").delivered
        for r in lab.topology.registrars
        if r.name != dead
    }


def test_inbound_calls_keep_arriving_across_a_failover(cluster_lab: Lab, tmp_path: Path) -> None:
    names = {f"{r.ip}:{r.port}": r.name for r in cluster_lab.topology.registrars}
    caller = LabCaller(tmp_path, ip=CALLER_IP)
    # Fast probes: the failover itself is not what this test is about.
    callee = RegisterRun("inbound-ha", "--answer", "auto", expires=30, duration=90,
                         probe_profile="fast")  # fmt: skip
    old = ""
    try:
        first = callee.registered(timeout=15)
        old = names[first["server"]]
        before = _delivered_through_every_live_proxy(caller, cluster_lab, "inbound-ha", "")
        assert all(before.values()), before  # any proxy reaches a user registered on one
        t0 = time.monotonic()
        cluster_lab.freeze(old)
        moved = callee.registered_elsewhere(first["server"], 10, after=t0)
        # Replicated: the other proxies kept the binding all along, and the new REGISTER
        # refreshed it everywhere; every live proxy still delivers.
        after = _delivered_through_every_live_proxy(caller, cluster_lab, "inbound-ha", old)
        assert all(after.values()), after
        arrived = [e for e in callee.of_type("IncomingCall") if e["_t"] >= moved["_t"]]
        assert {e["source"] for e in arrived} == {k for k, n in names.items() if n != old}
        assert all(e["registered_on"] == moved["server"] for e in arrived)
    finally:
        if old:
            cluster_lab.revive(old)
        callee.stop()


def test_split_registration_is_named_when_the_old_proxy_delivers(lab: Lab, tmp_path: Path) -> None:
    """Case 3 on the non-replicated layout: the old proxy answered 503 (so it never took
    the un-REGISTER), recovered, and still holds our old binding."""
    names = {f"{r.ip}:{r.port}": r.name for r in lab.topology.registrars}
    caller = LabCaller(tmp_path, ip=CALLER_IP)
    callee = SplitRun("inbound-split", "--answer", "auto", expires=60, duration=60,
                      probe_profile="fast")  # fmt: skip
    old = ""
    try:
        first = callee.registered(timeout=15)
        old = names[first["server"]]
        t0 = time.monotonic()
        lab.answer_503(old, 30)
        moved = callee.registered_elsewhere(first["server"], 10, after=t0)
        lab.clear_fault(old)
        assert "inbound-split" in lab.registered_aors(old)  # the stale binding
        new = names[moved["server"]]
        never = next(n for n in names.values() if n not in (old, new))
        assert "inbound-split" not in lab.registered_aors(never)
        by_name = {r.name: f"{r.ip}:{r.port}" for r in lab.topology.registrars}
        # Through the proxy that never saw us: not found, the call is lost.
        assert not caller.call("inbound-split", by_name[never]).delivered
        # Through the old proxy: it arrives (loopback filters nothing), and softdiag names it.
        assert caller.call("inbound-split", by_name[old]).delivered
        incoming = callee.wait_for(lambda e: e["type"] == "IncomingCall", 5, after=t0)
        assert incoming["source"] == by_name[old]
        assert incoming["registered_on"] == moved["server"]
        finding = callee.wait_for(
            lambda e: e["type"] == "Finding" and e["id"].startswith("call.inbound"), 5, after=t0
        )
        assert finding["id"] == "call.inbound_stale_binding"
        assert finding["severity"] == "warning"
        assert by_name[old] in finding["title"]
    finally:
        if old:
            lab.clear_fault(old)
        callee.stop()
        if old:  # the stale binding must not outlive the test in the shared lab
            lab.kill(old)
            lab.up()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--answer", "maybe"], "argument --answer: invalid choice: 'maybe'"),
        (["--probe-interval", "0.1"], "the probe interval must be between 1 and 3600 seconds"),
        (["--probe-profile", "turbo"], "argument --probe-profile: invalid choice: 'turbo'"),
    ],
)
def test_bad_answer_and_probe_options_are_one_line_exit_2(args: list[str], message: str) -> None:
    env = {**os.environ, "SD_PASS": LAB_PASSWORD}
    proc = subprocess.run(
        [sys.executable, "-m", "softdiag", "register", "--domain", "voip.test", "--user", "x",
         "--password-env", "SD_PASS", "--dns", "127.0.0.1:9", *args],
        capture_output=True, text=True, env=env, timeout=30, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    [line] = proc.stderr.strip().splitlines()
    assert line.startswith("softdiag: ") and message in line


def test_a_move_within_the_cluster_keeps_the_binding_on_the_new_server(
    cluster_lab: Lab, tmp_path: Path
) -> None:
    """The un-REGISTER to the old server after a move is replicated cluster-wide: with one
    Contact for both, it removed the binding just made through the new server."""
    names = {f"{r.ip}:{r.port}": r.name for r in cluster_lab.topology.registrars}
    cluster_lab.set_zone(cluster_lab.zone_with(list(names.values()), ttl=5))
    callee = RegisterRun("inbound-move", "--answer", "auto", expires=60, duration=60,
                         probe_profile="fast")  # fmt: skip
    try:
        first = callee.registered(timeout=15)
        old = names[first["server"]]
        t0 = time.monotonic()
        cluster_lab.set_zone(cluster_lab.zone_with([n for n in names.values() if n != old], ttl=5))
        moved = callee.registered_elsewhere(first["server"], 20, after=t0)
        time.sleep(1.0)  # the un-REGISTER to the old server, and its replication
        holders = {n for n in names.values() if "inbound-move" in cluster_lab.registered_aors(n)}
        assert holders == set(names.values())
        caller = LabCaller(tmp_path, ip=CALLER_IP)
        assert caller.call("inbound-move", moved["server"]).delivered
    finally:
        cluster_lab.set_zone(None)
        callee.stop()


def test_in_a_cluster_the_request_uri_tells_a_stale_binding_from_the_current_one(
    cluster_lab: Lab, tmp_path: Path
) -> None:
    """After a move off a server that answered 503 (no un-REGISTER took), the cluster holds
    two Contacts of ours. A call through the old proxy to the *current* one is the cluster
    sharing it; only a call to the old Contact is a stale binding."""
    names = {f"{r.ip}:{r.port}": r.name for r in cluster_lab.topology.registrars}
    by_name = {n: k for k, n in names.items()}
    callee = RegisterRun("inbound-which", "--answer", "auto", expires=60, duration=60,
                         probe_profile="fast")  # fmt: skip
    old = ""
    try:
        first = callee.registered(timeout=15)
        old = names[first["server"]]
        t0 = time.monotonic()
        cluster_lab.answer_503(old, 30)
        moved = callee.registered_elsewhere(first["server"], 10, after=t0)
        cluster_lab.clear_fault(old)
        caller = LabCaller(tmp_path, ip=CALLER_IP)
        assert caller.call("inbound-which", by_name[old]).delivered
        incoming = callee.wait_for(lambda e: e["type"] == "IncomingCall", 5, after=t0)
        assert incoming["registered_on"] == moved["server"]
        time.sleep(0.5)  # every fork of the call has arrived
        found = [f for f in callee.of_type("Finding")
                 if f["id"].startswith("call.inbound") and f["_t"] >= t0]  # fmt: skip
        assert found
        old_contact = f"the Contact registered through {by_name[old]}"
        for f in found:
            stale = any(old_contact in e for e in f["evidence"])
            assert f["id"] == (
                "call.inbound_stale_binding" if stale else "call.inbound_other_proxy"
            )
    finally:
        if old:
            cluster_lab.clear_fault(old)
        callee.stop()  # its user is its own: a binding left behind expires unseen
