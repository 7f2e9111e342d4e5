"""softdiag behind a real NAT: client, router (nftables masquerade) and server namespaces.

The servers (dnsmasq, 3 Kamailio registrars, sipp, coturn on two addresses) run in the
server namespace, softdiag runs in the client namespace, and everything between them goes
through the router's NAT (softdiag.lab.netns). Every check that matters is made against
ground truth: the router's conntrack table, the registrars' usrloc, coturn's own client
``turnutils_natdiscovery``, and a request the server side sends to the registered contact.

The module skips, with the reason, only where network namespaces cannot be created; any
other failure to build the lab is an error. Everything is removed at teardown.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest

from softdiag.bench.runner import RegisterRun
from softdiag.lab.netns import NatLab
from softdiag.nat.keepalive import KeepAliveSettings, keepalive_advice
from tests.labfixtures import require_namespaces

pytestmark = pytest.mark.lab

STUN_TIMEOUT = 20  # the router's idle UDP timeout for the lifetime test (s)

TURNUTILS = {
    "Endpoint Independent": "endpoint-independent",
    "Address Dependent": "address-dependent",
    "Address and Port Dependent": "address-and-port-dependent",
}


def nat_argv(*args: str) -> list[str]:
    """The real entry point: `softdiag nat ...`."""
    return [sys.executable, "-m", "softdiag", "nat", *args]


# -- the lab -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def natlab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatLab]:
    require_namespaces()
    lab = NatLab(tmp_path_factory.mktemp("natlab"))
    try:
        lab.up()
        yield lab
    finally:
        removed = lab.down()
        left = [ns for ns in lab.namespaces if ns in _namespaces()]
        assert not left, f"namespaces left behind: {left} (removed {removed})"


def _namespaces() -> list[str]:
    out = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True, check=False)
    return [line.split()[0] for line in out.stdout.splitlines() if line.strip()]


@pytest.fixture
def nat(natlab: NatLab) -> Iterator[NatLab]:
    """The NAT lab reset to port-preserving with the kernel's UDP timeouts."""
    natlab.lab.up()  # restart anything an earlier test took down
    natlab.set_mode("port-preserving")
    natlab.set_udp_timeout(None)
    yield natlab
    natlab.set_udp_timeout(None)


@contextlib.contextmanager
def registered_client(nat: NatLab, user: str, **kw: Any) -> Iterator[RegisterRun]:
    run = RegisterRun(
        user, dns=nat.lab.topology.dns, prefix=nat.client_argv([]), **kw
    )  # fmt: skip
    try:
        yield run
    finally:
        run.stop()


def _stun_ip(nat: NatLab) -> str:
    return nat.addresses.stun[0]


def _turnutils(nat: NatLab, *args: str, where: str = "client") -> subprocess.Popen[str]:
    ns = nat.client_ns if where == "client" else nat.server_ns
    return subprocess.Popen(
        ["ip", "netns", "exec", ns, "turnutils_natdiscovery", *args, _stun_ip(nat)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def _turnutils_verdict(out: str) -> tuple[str | None, str | None]:
    mapping = re.search(r"NAT with (.+?) Mapping!", out)
    filtering = re.search(r"NAT with (.+?) Filtering!", out)
    return (
        TURNUTILS.get(mapping.group(1)) if mapping else None,
        TURNUTILS.get(filtering.group(1)) if filtering else None,
    )


def _json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def _run_nat_cli(nat: NatLab, *args: str, timeout: float) -> tuple[int, list[dict[str, Any]]]:
    result = nat.run_in_client(nat_argv("--stun", nat.addresses.stun_server, "--json", *args),
                               timeout=timeout)  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, _json_lines(result.stdout)


# -- (a) behaviour discovery agrees with coturn's own client -----------------------------


@pytest.mark.parametrize(
    ("mode", "mapping"),
    [("port-preserving", "endpoint-independent"), ("symmetric", "address-and-port-dependent")],
)
def test_stun_discovery_agrees_with_turnutils(nat: NatLab, mode: str, mapping: str) -> None:
    nat.set_mode(mode)  # type: ignore[arg-type]
    reference = _turnutils(nat, "-m", "-f")  # in parallel: its filtering tests wait too
    code, events = _run_nat_cli(nat, timeout=60)
    out, _ = reference.communicate(timeout=60)
    behaviour = next(e for e in events if e["type"] == "StunBehaviour")
    theirs = _turnutils_verdict(out)
    print(f"\n{mode}: softdiag {behaviour['mapping']}/{behaviour['filtering']}, "
          f"turnutils_natdiscovery {theirs[0]}/{theirs[1]}")  # fmt: skip
    assert (behaviour["mapping"], behaviour["filtering"]) == theirs, out
    assert behaviour["mapping"] == mapping
    assert behaviour["filtering"] == "address-and-port-dependent"  # conntrack
    # The server saw the router's public address, never the client's private one.
    assert behaviour["mapped"].split(":")[0] == nat.addresses.router_public
    assert behaviour["local"].split(":")[0] == nat.addresses.client
    findings = {e["id"] for e in events if e["type"] == "Finding"}
    if mode == "symmetric":
        assert findings == {"nat.mapping_per_destination"} and code == 1
    else:
        assert findings == {"nat.mapping_stable"} and code == 0


def test_no_nat_on_the_server_side_and_open_filtering(nat: NatLab) -> None:
    """Sanity check of the other end: in the servers' own namespace there is no NAT."""
    import asyncio

    from softdiag.nat.stun import discover

    reference = _turnutils(nat, "-m", "-f", where="server")
    with nat.in_server():  # the sockets are made in the server namespace
        discovery = asyncio.run(discover(nat.addresses.stun_server))
    out, _ = reference.communicate(timeout=60)
    assert discovery.mapping == "no-nat"
    assert discovery.mapped == discovery.local
    # turnutils binds 0.0.0.0 and cannot tell "no NAT" from endpoint-independent mapping.
    assert _turnutils_verdict(out) == ("endpoint-independent", discovery.filtering)
    assert discovery.filtering == "endpoint-independent"


# -- (b) mapping lifetime against a known conntrack timeout --------------------------------


def test_lifetime_within_20_percent_of_the_conntrack_timeout_and_advice(nat: NatLab) -> None:
    nat.set_udp_timeout(STUN_TIMEOUT)
    assert nat.udp_timeouts() == (STUN_TIMEOUT, STUN_TIMEOUT)
    # coturn's reference, in parallel: a mapping idle for 80 % survives, 120 % does not.
    alive_ref = _turnutils(nat, "-t", "-T", str(int(STUN_TIMEOUT * 0.8)))
    dead_ref = _turnutils(nat, "-t", "-T", str(int(STUN_TIMEOUT * 1.2)))
    start = time.monotonic()
    code, events = _run_nat_cli(
        nat, "--lifetime", "--max-idle", str(STUN_TIMEOUT * 2), "--keepalive", "30",
        timeout=STUN_TIMEOUT * 2 + 30,
    )  # fmt: skip
    took = time.monotonic() - start
    alive_out, _ = alive_ref.communicate(timeout=60)
    dead_out, _ = dead_ref.communicate(timeout=60)
    behaviour = next(e for e in events if e["type"] == "StunBehaviour")
    lifetime = behaviour["lifetime_s"]
    print(f"\nconntrack UDP timeout {STUN_TIMEOUT} s: measured {lifetime} s in {took:.1f} s; "
          f"evidence: {[e for e in behaviour['evidence'] if e.startswith('lifetime')][-3:]}")  # fmt: skip
    assert lifetime is not None
    assert STUN_TIMEOUT * 0.8 <= lifetime <= STUN_TIMEOUT * 1.2
    assert took < STUN_TIMEOUT * 1.2 + 15  # about one lifetime, not a sum of waits
    assert "RFC 5780 response 2" in alive_out, alive_out  # turnutils: alive at 16 s
    assert "STUN receive timeout" in dead_out, dead_out  # and expired at 24 s
    # The advice follows from the measured figure: 30 s keep-alive behind a ~20 s NAT.
    (advice,) = [e for e in events if e["type"] == "Finding" and e["id"].startswith("nat.keep")]
    params = dict(advice["params"])
    assert advice["id"] == "nat.keepalive_too_slow" and code == 1
    assert params["interval"] == "30" and params["lifetime"] == f"{lifetime:.0f}"
    assert int(params["suggested"]) == int(lifetime // 2)
    assert "Incoming calls will be lost" in advice["advice"]
    # pjsua's default 15 s is marginal here, 5 s is fine: the same pure function decides.
    upper = next(float(m) for e in behaviour["evidence"]
                 for m in re.findall(r"after [\d.]+-([\d.]+) s", e))  # fmt: skip
    pjsua = keepalive_advice(KeepAliveSettings(), lifetime, expired_at=upper)
    assert pjsua.id == "nat.keepalive_marginal"
    fast = keepalive_advice(KeepAliveSettings(udp_keepalive=5), lifetime, expired_at=upper)
    assert fast.id == "nat.keepalive_ok"


# -- (c) registered through the NAT: the server sees the router's address ------------------


@pytest.mark.parametrize("mode", ["port-preserving", "symmetric"])
def test_registration_shows_the_routers_public_address(nat: NatLab, mode: str) -> None:
    nat.set_mode(mode)  # type: ignore[arg-type]
    user = f"nat-{mode[:4]}-{secrets.token_hex(2)}"
    with registered_client(nat, user, expires=10, duration=8) as run:
        reg = run.registered(timeout=15)
        server = reg["server"]
        # Ground truth: the router's own table for the REGISTER's flow.
        flows = [f for f in nat.flows() if f.remote == server and f.public.endswith(
            f":{reg['rport']}")]  # fmt: skip
        contacts = nat.contacts(user)
    public = f"{reg['received']}:{reg['rport']}"
    print(f"\n{mode}: registered on {server}, server saw {public}; flows {flows}")
    assert reg["received"] == nat.addresses.router_public
    assert reg["received"] != nat.addresses.client
    assert len(flows) == 1, nat.flows()
    private = flows[0].private
    assert private.split(":")[0] == nat.addresses.client
    if reg.get("local"):
        assert reg["local"] == private  # the engine knows its own side of the mapping
    if mode == "symmetric":
        assert private.split(":")[1] != str(reg["rport"]), "masquerade random kept the port"
    holder = next(r.name for r in nat.lab.topology.registrars if f"{r.ip}:{r.port}" == server)
    assert any(public in address for address, _ in contacts.get(holder, [])), contacts


# -- (d) a rebinding: noticed, named, and the contact reachable again -----------------------


def _message_via_registrar(nat: NatLab, registrar: str, user: str, timeout: float = 2.0) -> int:
    """From the server side: MESSAGE sip:user@voip.test through the registrar (usrloc
    lookup, then to the registered contact through the NAT). The final status, 0 if none.
    """
    with nat.in_server():
        sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    with sock:
        sock.bind((nat.addresses.dns, 0))
        port = sock.getsockname()[1]
        branch = "z9hG4bK" + secrets.token_hex(8)
        body = "softdiag NAT test"
        msg = (
            f"MESSAGE sip:{user}@voip.test SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP {nat.addresses.dns}:{port};branch={branch};rport\r\n"
            "Max-Forwards: 70\r\n"
            f"From: <sip:server-side@voip.test>;tag={secrets.token_hex(4)}\r\n"
            f"To: <sip:{user}@voip.test>\r\n"
            f"Call-ID: {secrets.token_hex(8)}@server-side\r\n"
            "CSeq: 1 MESSAGE\r\nContent-Type: text/plain\r\n"
            f"Content-Length: {len(body)}\r\n\r\n{body}"
        ).encode()
        ip, sport = registrar.split(":")
        sock.sendto(msg, (ip, int(sport)))
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            sock.settimeout(left)
            try:
                data = sock.recv(65535)
            except TimeoutError:
                break
            if data.startswith(b"SIP/2.0 ") and not data.startswith(b"SIP/2.0 1"):
                return int(data.split()[1])
    return 0


def test_rebinding_is_reported_and_the_contact_is_reachable_again(nat: NatLab) -> None:
    nat.set_mode("symmetric")  # a flushed mapping gets a new random port
    user = f"nat-rebind-{secrets.token_hex(2)}"
    expires = 10  # pjsua refreshes 5 s before expiry: every 5 s
    refresh = expires - 5
    with registered_client(nat, user, expires=expires, duration=45) as run:
        first = run.registered(timeout=15)
        server, old_port = first["server"], first["rport"]
        assert _message_via_registrar(nat, server, user) == 200  # reachable before

        flushed = nat.rebind()
        at = time.monotonic()
        assert flushed > 0
        # Right after the flush the server's contact points at a mapping that is gone.
        assert _message_via_registrar(nat, server, user, timeout=1.0) == 0

        renewed = run.wait_for(
            lambda e: e["type"] == "RegistrationChanged" and e["state"] == "registered"
            and e["rport"] != old_port,
            timeout=refresh + 5, after=at,
        )  # fmt: skip
        noticed = renewed["_t"] - at
        new_public = f"{renewed['received']}:{renewed['rport']}"
        # Server side: the registrar's usrloc now holds the new public port ...
        deadline = time.monotonic() + refresh + 3
        while time.monotonic() < deadline:
            live = [a for a, exp in nat.contacts(user).get(_name(nat, server), [])
                    if exp != "expired"]  # fmt: skip
            if any(new_public in a for a in live):
                break
            time.sleep(0.2)
        assert any(new_public in a for a in live), nat.contacts(user)
        # ... and a request from the server side reaches the phone through the NAT again.
        assert _message_via_registrar(nat, server, user) == 200
        nat_events = run.of_type("NatMappingChanged")
    print(f"\nrebinding: {old_port} -> {renewed['rport']} noticed after {noticed:.1f} s "
          f"(refresh every {refresh} s); NAT events: "
          f"{[(e['likely_cause'], e['new']) for e in nat_events]}")  # fmt: skip
    assert noticed <= refresh + 1.5  # within one refresh interval
    # The tracker needs the engine's local address (SipEngine._local_address): no events
    # means it returned None, a defect, not something to tolerate.
    assert nat_events, "no NatMappingChanged: the engine reported no local address"
    change = next(e for e in nat_events if e["new"] == new_public)
    assert change["likely_cause"] == "rebinding", change
    assert change["old"] == f"{first['received']}:{old_port}"


def _name(nat: NatLab, server: str) -> str:
    return next(r.name for r in nat.lab.topology.registrars if f"{r.ip}:{r.port}" == server)


# -- (e) first-ip with rotating DNS: every hop is a new mapping; sticky: none ---------------


def test_first_ip_hops_change_the_mapping_sticky_does_not(nat: NatLab) -> None:
    nat.set_mode("symmetric")
    runs: dict[str, RegisterRun] = {}
    stack = contextlib.ExitStack()
    with stack:
        for policy in ("first-ip", "sticky"):
            user = f"nat-{policy}-{secrets.token_hex(2)}"
            client = registered_client(nat, user, policy=policy, expires=10, duration=60)
            runs[policy] = stack.enter_context(client)
        deadline = time.monotonic() + 45
        while time.monotonic() < deadline and len(_hops(runs["first-ip"])) < 3:
            time.sleep(0.5)
        time.sleep(1.0)  # let the last hop's events arrive
        first_ip, sticky = runs["first-ip"], runs["sticky"]
        hops, sticky_hops = _hops(first_ip), _hops(sticky)
        events = {p: r.of_type("NatMappingChanged") for p, r in runs.items()}
    print(f"\nfirst-ip hops {[(a, b) for a, b, _ in hops]}; sticky hops {len(sticky_hops)}; "
          f"NAT changes first-ip {[(e['server'], e['likely_cause']) for e in events['first-ip']]},"
          f" sticky {[(e['server'], e['likely_cause']) for e in events['sticky']]}")  # fmt: skip
    assert len(hops) >= 2, "dnsmasq's rotation should move first-ip between servers"
    assert sticky_hops == []
    assert events["first-ip"] or events["sticky"], (
        "no NatMappingChanged: the engine reported no local address"
    )
    changes = [e for e in events["first-ip"] if e["likely_cause"] != "first_seen"]
    for old_server, new_server, reg in hops:
        match = [e for e in changes if e["server"] == new_server
                 and e["new"] == f"{reg['received']}:{reg['rport']}"]  # fmt: skip
        assert match, f"no mapping change for the hop {old_server} -> {new_server}: {changes}"
        assert match[0]["likely_cause"] == "server_move"
    assert [e for e in events["sticky"] if e["likely_cause"] != "first_seen"] == []


def _hops(run: RegisterRun) -> list[tuple[str, str, dict[str, Any]]]:
    regs = run.registrations()
    return [
        (a["server"], b["server"], b)
        for a, b in itertools.pairwise(regs)
        if a["server"] != b["server"]
    ]


# -- teardown robustness -------------------------------------------------------------------


def test_a_crashed_run_is_cleaned_up_and_a_live_one_is_not(natlab: NatLab) -> None:
    """Namespaces of a dead PID go on the next up(); those of a live process stay."""
    from softdiag.lab.netns import remove_stale

    dead = subprocess.Popen(["true"])
    dead.wait()  # its PID is now gone
    sleeper = subprocess.Popen(["sleep", "30"])
    stale = [f"sdc-{dead.pid}", f"sds-x{dead.pid}"]
    alive = f"sdr-{sleeper.pid}"
    try:
        for name in (*stale, alive):
            subprocess.run(["ip", "netns", "add", name], check=True)
        inside = subprocess.Popen(["ip", "netns", "exec", stale[0], "sleep", "30"])
        time.sleep(0.2)
        removed = remove_stale()
        assert set(stale) <= set(removed) and alive not in removed
        assert inside.wait(timeout=5) is not None  # what ran inside was stopped
        assert not set(stale) & set(_namespaces()) and alive in _namespaces()
        assert all(ns in _namespaces() for ns in natlab.namespaces)  # our lab is untouched
    finally:
        sleeper.terminate()
        sleeper.wait()
        for name in (*stale, alive):
            subprocess.run(["ip", "netns", "del", name], capture_output=True, check=False)


def test_the_lab_cli_brings_a_nat_lab_up_and_down(tmp_path: Any) -> None:
    """`softdiag lab-nat` (softdiag.cli.commands.nat) on its own state directory."""
    tag = f"c{os.getpid()}"  # not the fixture's tag, not a developer's `lab`
    env = {**os.environ, "SOFTDIAG_LAB_DIR": str(tmp_path), "SOFTDIAG_NATLAB_TAG": tag}
    names = {f"sdc-{tag}", f"sdr-{tag}", f"sds-{tag}"}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "softdiag", "lab-nat", *args], env=env,
                              capture_output=True, text=True, timeout=60, check=False)  # fmt: skip

    require_namespaces()
    try:
        up = cli("up", "--mode", "symmetric", "--udp-timeout", "25", "--json")
        assert up.returncode == 0, up.stderr
        info = json.loads(up.stdout)
        assert info["up"] and info["mode"] == "symmetric" and info["udp_timeout"] == [25, 25]
        assert all(s["alive"] for s in info["servers"]) and info["stun_pid"]
        assert set(info["namespaces"].values()) == names
        rebind = cli("rebind")
        assert rebind.returncode == 0 and "flushed" in rebind.stdout
    finally:
        down = cli("down")
    assert down.returncode == 0, down.stderr
    assert not names & set(_namespaces())
    assert cli("status").returncode == 1


def test_an_unreachable_stun_server_is_bad_input_in_one_line(tmp_path: Any) -> None:
    """Exit 2 at once on ICMP port unreachable (a closed port on loopback, no namespace)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.3.1", 0))
        closed = s.getsockname()[1]  # nothing listens there once the socket is closed
    start = time.monotonic()
    result = subprocess.run(nat_argv("--stun", f"127.0.3.1:{closed}", "--json"),
                            capture_output=True, text=True, timeout=30, check=False)  # fmt: skip
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.strip() == (
        f"softdiag: the STUN server 127.0.3.1:{closed} does not answer (ICMP port unreachable)"
    )
    assert time.monotonic() - start < 3.0  # not the 3.5 s retransmission timeout
