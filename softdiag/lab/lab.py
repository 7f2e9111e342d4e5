"""The local fault lab: real dnsmasq, Kamailio and sipp processes on loopback.

``Lab.up()`` writes the configs into a state directory, starts every server that is not
already running, waits until each answers, and records the PIDs in ``state.json``.
``Lab.down()`` stops exactly those PIDs (SIGCONT in case a scenario froze them, SIGTERM,
wait, SIGKILL only as a last resort) and nothing else. A recorded PID is only trusted while
``/proc/PID/cmdline`` still names the program the lab started (PIDs get reused).

Kamailio must be stopped through its main PID: SIGKILL would leave its children alive and
still answering (FACTS.md), so the lab sends SIGTERM and waits for the whole family.

With ``netns=NAME`` every server runs inside that network namespace (``ip netns exec``,
which execs in place: the recorded PID is the server's) and the port and readiness checks
run there too (:mod:`softdiag.lab.nsenter`). :mod:`softdiag.lab.netns` uses this to put the
servers behind a real NAT.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import json
import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import platformdirs

from . import rtpengine as _rtpengine
from .certs import LabCerts, issue_lab_certs
from .nsenter import netns as _in_netns
from .peers import MediaPeer, write_peer_files
from .processes import log_tail, pid_alive, reap, running
from .topology import LabTopology, Registrar, ZoneRecords

__all__ = ["Lab", "LabError", "ServerStatus", "default_state_dir"]

KAMAILIO_MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/"
REQUIRED_PROGRAMS = {
    "dnsmasq": "dnsmasq-base",
    "kamailio": "kamailio",
    "kamcmd": "kamailio",
    "sipp": "sip-tester",
}

Role = Literal["dns", "registrar", "echo", "peer", "proxy"]


class LabError(RuntimeError):
    """A lab problem with a one-line, actionable message."""


@dataclass(frozen=True, slots=True)
class ServerStatus:
    name: str
    role: Role
    address: str
    transport: str
    pid: int | None
    alive: bool
    frozen: bool = False


@dataclass(slots=True)
class _Record:
    name: str
    role: Role
    address: str
    transport: str
    pid: int
    program: str  # basename of the executable, checked against /proc before any signal
    log: str


def default_state_dir() -> Path:
    override = os.environ.get("SOFTDIAG_LAB_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir("softdiag")) / "lab"


def _kamailio_module_dir() -> str:
    for candidate in (
        KAMAILIO_MODULES,
        "/usr/lib/kamailio/modules/",
        "/usr/lib64/kamailio/modules/",
    ):
        if Path(candidate, "registrar.so").exists():
            return candidate
    raise LabError("Kamailio modules not found: apt-get install kamailio kamailio-extra-modules")


def _pid_stopped(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] == "T"


def _children(pid: int) -> list[int]:
    """Direct and indirect children of pid (Kamailio forks its workers)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry.name))
    found: list[int] = []
    todo = [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found.extend(kids)
        todo.extend(kids)
    return found


def _port_in_use(ip: str, port: int, kind: int) -> bool:
    with socket.socket(socket.AF_INET, kind) as s:
        if kind == socket.SOCK_STREAM:
            # As the servers bind: connections in TIME_WAIT (a killed server's TLS and TCP
            # clients) do not hold the port, a listener does.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((ip, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return True
            raise LabError(f"cannot use {ip}:{port}: {exc.strerror}") from exc
    return False


def _sip_options_ok(ip: str, port: int, timeout: float = 0.3) -> bool:
    """One SIP OPTIONS over UDP: does a SIP server answer there?"""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        s.settimeout(timeout)
        lport = s.getsockname()[1]
        branch = f"z9hG4bKlab{os.getpid()}{time.monotonic_ns()}"
        msg = (
            f"OPTIONS sip:{ip}:{port} SIP/2.0\r\n"
            f"Via: SIP/2.0/UDP 127.0.0.1:{lport};branch={branch};rport\r\n"
            f"From: <sip:lab@127.0.0.1>;tag=lab\r\nTo: <sip:{ip}:{port}>\r\n"
            f"Call-ID: {branch}\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"
        )
        try:
            s.sendto(msg.encode(), (ip, port))
            return s.recv(4096).startswith(b"SIP/2.0 ")
        except OSError:
            return False


class Lab:
    """Starts, inspects and stops the lab's servers. Safe to use from several processes."""

    def __init__(
        self,
        topology: LabTopology | None = None,
        state_dir: Path | None = None,
        *,
        netns: str | None = None,
    ):
        self.state_dir = state_dir or default_state_dir()
        self.netns = netns  # a network namespace the servers run in; None: this one
        # Without a topology, use the one the running lab in this state dir was started
        # with, so `softdiag lab status` describes what really runs.
        # A lab of our own (`softdiag lab up`) includes the misbehaving call peers.
        # Its registrars form a DMQ cluster, as a provider's do; `scenario split` undoes it.
        self.topology = (
            topology
            or self._saved_topology()
            or LabTopology(media_peers=True, cluster=True, rtpengine=True)
        )
        self.zone: ZoneRecords | None = None  # None: the topology's default zone

    # -- state file ------------------------------------------------------------------

    @property
    def _state_file(self) -> Path:
        return self.state_dir / "state.json"

    def _load(self) -> dict[str, _Record]:
        try:
            raw = json.loads(self._state_file.read_text())
            return {r["name"]: _Record(**r) for r in raw["servers"]}
        except (OSError, ValueError, KeyError, TypeError):
            return {}

    def _save(self, records: dict[str, _Record]) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        t = self.topology
        topology = {
            "domain": t.domain, "dns_ip": t.dns_ip, "dns_port": t.dns_port,
            "registrars": [[r.name, r.ip, r.port] for r in t.registrars],
            "echo_ip": t.echo_ip, "echo_port": t.echo_port,
            "echo_media_port": t.echo_media_port, "media_peers": t.media_peers,
            "cluster": t.cluster,
            "rtpengine": t.rtpengine,
        }  # fmt: skip
        state = {"topology": topology, "servers": [asdict(r) for r in records.values()]}
        tmp = self._state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(self._state_file)

    def _saved_topology(self) -> LabTopology | None:
        try:
            raw = json.loads(self._state_file.read_text())["topology"]
            registrars = tuple(Registrar(n, ip, int(port)) for n, ip, port in raw.pop("registrars"))
            return LabTopology(registrars=registrars, **raw)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def ctl_socket(self, registrar: str) -> Path:
        return self.state_dir / f"{registrar}.ctl"

    @property
    def certs(self) -> LabCerts:
        """The lab's TLS material: ``certs.ca`` is what a client passes as ``--ca``."""
        directory = self.state_dir / "tls"
        return LabCerts(ca=directory / "ca.pem", directory=directory)

    @property
    def ca_path(self) -> Path:
        return self.certs.ca

    def _ensure_certs(self) -> LabCerts:
        """Issue the CA and certificates once per state directory (kept while it lives)."""
        certs = self.certs
        names = [r.name for r in self.topology.registrars]
        if not certs.ca.exists() or not all(certs.cert(n).exists() for n in names):
            certs = issue_lab_certs(certs.directory, self.topology.domain, names)
        return certs

    def tls_config(self, registrar: str) -> Path:
        return self.state_dir / f"{registrar}.tls.cfg"

    def write_tls_config(self, registrar: str, *, cert_name: str | None = None) -> Path:
        """Kamailio's tls.cfg for a registrar, chosen by SNI like a multi-tenant server.

        The registrar's certificate (or ``cert_name``'s) is served only to a client whose
        SNI is one of its names (SRV target ``sipN``, ``kamN``, the domain, ``sip.``);
        any other SNI — an IP address, say — gets the default profile's wrong-name
        certificate. So a client that verifies successfully also proves it sent the name.
        """
        certs = self._ensure_certs()
        reg = self._registrar(registrar)
        index = self.topology.registrars.index(reg) + 1
        domain = self.topology.domain
        serve = cert_name or reg.name

        def profile(header: str, cert: str, extra: str = "") -> str:
            return (
                f"[{header}]\nmethod = TLSv1.2+\nverify_certificate = no\n"
                f"require_certificate = no\n{extra}"
                f"certificate = {certs.cert(cert)}\nprivate_key = {certs.key(cert)}\n\n"
            )

        names = (f"sip{index}.{domain}", f"{reg.name}.{domain}", domain, f"sip.{domain}")
        text = profile("server:default", "wrong-name")
        for n, server_name in enumerate(names):
            text += profile(
                f"server:{reg.ip}:{reg.tls_port}",
                serve,
                f"server_name = {server_name}\nserver_id = {reg.name}-{n}\n",
            )
        text += "[client:default]\nverify_certificate = no\nrequire_certificate = no\n"
        path = self.tls_config(registrar)
        path.write_text(text)
        return path

    # -- up --------------------------------------------------------------------------

    def check_programs(self) -> None:
        missing = sorted({pkg for prog, pkg in REQUIRED_PROGRAMS.items() if not shutil.which(prog)})
        if missing:
            raise LabError(
                "missing lab programs; install them with: apt-get install " + " ".join(missing)
            )

    def up(self, timeout: float = 10.0) -> list[ServerStatus]:
        """Start whatever is not running yet (idempotent). Returns the status of every server."""
        self.check_programs()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        records = {n: r for n, r in self._load().items() if pid_alive(r.pid, r.program)}
        started: list[_Record] = []
        try:
            if "dns" not in records:
                started.append(self._start_dnsmasq(self.zone))
            for reg in self.topology.registrars:
                if reg.name not in records:
                    started.append(self._start_kamailio(reg))
                    if self.topology.cluster:
                        # One at a time: each new node announces itself to running ones,
                        # and learns the cluster from their answers (no start-up race).
                        self._wait_ready(started[-1:], timeout)
            if "echo" not in records:
                started.append(self._start_sipp())
            for peer in self.topology.peers() if self.topology.media_peers else ():
                if peer.name not in records:
                    started.append(self._start_peer(peer))
            if self.topology.rtpengine:
                started += self._start_rtpengine(records)
            for rec in started:
                records[rec.name] = rec
            self._save(records)
            self._wait_ready(started, timeout)
            if self.topology.cluster and any(r.role == "registrar" for r in started):
                self._wait_cluster(timeout)
        except BaseException:
            for rec in started:
                self._stop(rec)
                records.pop(rec.name, None)
            self._save(records)
            raise
        return self.status()

    def _spawn(
        self, name: str, role: Role, address: str, transport: str, argv: list[str]
    ) -> _Record:
        log = self.state_dir / f"{name}.log"
        program = os.path.basename(argv[0])
        if self.netns:  # `ip netns exec` switches namespace and execs: same PID
            argv = [shutil.which("ip") or "ip", "netns", "exec", self.netns, *argv]
        with log.open("ab") as out:
            # A new session: the servers outlive `softdiag lab up` and ignore the
            # terminal's Ctrl-C; `lab down` stops them by PID.
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                cwd=self.state_dir,
            )
        return _Record(name, role, address, transport, proc.pid, program, str(log))

    def _check_free(self, ip: str, port: int, *, tcp: bool) -> None:
        kinds = [socket.SOCK_DGRAM, socket.SOCK_STREAM] if tcp else [socket.SOCK_DGRAM]
        for kind in kinds:
            with _in_netns(self.netns):
                in_use = _port_in_use(ip, port, kind)
            if in_use:
                proto = "udp" if kind == socket.SOCK_DGRAM else "tcp"
                raise LabError(
                    f"port {ip}:{port}/{proto} is already in use by another program; "
                    "stop it or run `softdiag lab down` for a lab started elsewhere"
                )

    def dnsmasq_argv(self, zone: ZoneRecords | None = None) -> list[str]:
        t = self.topology
        return [
            shutil.which("dnsmasq") or "dnsmasq",
            "--no-daemon",
            f"--port={t.dns_port}",
            f"--listen-address={t.dns_ip}",
            "--bind-interfaces",
            "--no-resolv",
            "--no-hosts",
            "--log-queries",
            "--user=root" if os.geteuid() == 0 else f"--user={os.environ.get('USER', 'nobody')}",
            *t.dnsmasq_records(zone),
        ]

    def _start_dnsmasq(self, zone: ZoneRecords | None = None) -> _Record:
        t = self.topology
        self._check_free(t.dns_ip, t.dns_port, tcp=False)
        return self._spawn("dns", "dns", t.dns, "udp", self.dnsmasq_argv(zone))

    def _start_kamailio(self, reg: Registrar) -> _Record:
        t = self.topology
        self._check_free(reg.ip, reg.port, tcp=True)
        self._check_free(reg.ip, reg.tls_port, tcp=True)
        if t.cluster:
            self._check_free(reg.ip, t.dmq_port, tcp=False)
        template = (Path(__file__).parent / "kamailio.cfg.in").read_text()
        values = {
            "NAME": reg.name,
            "IP": reg.ip,
            "PORT": str(reg.port),
            "DOMAIN": t.domain,
            "MPATH": _kamailio_module_dir(),
            "CTL": str(self.ctl_socket(reg.name)),
            "PASSWORD": t.password,
            "ECHO_IP": t.echo_ip,
            "ECHO_PORT": str(t.echo_port),
            "PEER_ROUTES": _peer_routes(t),
            "TLS_PORT": str(reg.tls_port),
            "TLS_CFG": str(self.write_tls_config(reg.name)),
            **_cluster_values(t, reg),
            "RTPENGINE_MODULES": _rtpengine.kamailio_modules(_rtpengine.setup_for(t)),
            "RTPENGINE_ROUTES": _rtpengine.kamailio_routes(_rtpengine.setup_for(t)),
            "RTPENGINE_REPLY_ROUTES": _rtpengine.kamailio_reply_routes(),
        }
        for key, value in values.items():
            template = template.replace(f"@@{key}@@", value)
        cfg = self.state_dir / f"{reg.name}.cfg"
        cfg.write_text(template)
        self.ctl_socket(reg.name).unlink(missing_ok=True)
        argv = [
            shutil.which("kamailio") or "kamailio",
            "-f", str(cfg), "-DD", "-E", "-m", "32", "-M", "4",
        ]  # fmt: skip
        return self._spawn(reg.name, "registrar", f"{reg.ip}:{reg.port}", "udp+tcp+tls", argv)

    def _start_sipp(self) -> _Record:
        t = self.topology
        self._check_free(t.echo_ip, t.echo_port, tcp=False)
        argv = [
            shutil.which("sipp") or "sipp",
            "-sn", "uas",
            "-i", t.echo_ip, "-p", str(t.echo_port),
            "-mi", t.echo_ip, "-mp", str(t.echo_media_port),
            "-rtp_echo", "-nostdin", "-nd",
            "-f", "3600",  # its status screen goes to a log nobody reads: redraw rarely
        ]  # fmt: skip
        return self._spawn("echo", "echo", f"{t.echo_ip}:{t.echo_port}", "udp", argv)

    def _start_peer(self, peer: MediaPeer) -> _Record:
        """A misbehaving call peer: sipp with a scenario of softdiag.lab.peers."""
        self._check_free(peer.ip, peer.port, tcp=False)
        scenario = write_peer_files(self.state_dir, peer.name)
        argv = [
            shutil.which("sipp") or "sipp",
            "-sf", str(scenario),
            "-i", peer.ip, "-p", str(peer.port),
            "-mi", peer.ip, "-mp", str(peer.media_port),
            "-nostdin", "-nd", "-f", "3600",
        ]  # fmt: skip
        return self._spawn(peer.name, "peer", f"{peer.ip}:{peer.port}", "udp", argv)

    def _rtpengine_servers(self) -> list[tuple[str, Role, str]]:
        setup = _rtpengine.setup_for(self.topology)
        return [
            ("rtpengine", "proxy", setup.control),
            ("te-echo", "peer", f"{setup.peer_ip}:{setup.peer_port}"),
        ]

    def _start_rtpengine(self, records: dict[str, _Record]) -> list[_Record]:
        """rtpengine-daemon and the echo peer behind it (softdiag.lab.rtpengine)."""
        if not shutil.which("rtpengine"):
            raise LabError("missing lab program rtpengine; install it with: "
                           "apt-get install rtpengine-daemon")  # fmt: skip
        setup = _rtpengine.setup_for(self.topology)
        argvs = {
            "rtpengine": _rtpengine.daemon_argv(setup),
            "te-echo": _rtpengine.echo_peer_argv(setup, self.state_dir),
        }
        started: list[_Record] = []
        for name, role, address in self._rtpengine_servers():
            if name not in records:
                ip, port = address.rsplit(":", 1)
                self._check_free(ip, int(port), tcp=False)
                started.append(self._spawn(name, role, address, "udp", argvs[name]))
        return started

    def _wait_ready(self, records: list[_Record], timeout: float) -> None:
        deadline = time.monotonic() + timeout
        pending = list(records)
        while pending:
            rec = pending[0]
            if not running(rec.pid):  # we just started it: no identity question
                how = reap(rec.pid)
                tail = log_tail(Path(rec.log))
                raise LabError(f"{rec.name} ({rec.program}) exited at start ({how}): {tail}")
            if self._ready(rec):
                pending.pop(0)
                continue
            if time.monotonic() > deadline:
                raise LabError(f"{rec.name} did not answer on {rec.address} within {timeout:.0f} s")
            time.sleep(0.05)

    def cluster_nodes(self, registrar: str) -> set[str]:
        """The DMQ nodes a registrar knows as active (itself included)."""
        nodes: set[str] = set()
        host = None
        for line in self.kamcmd(registrar, "dmq.list_nodes").splitlines():
            key, _, value = line.strip().partition(":")
            if key == "host":
                host = value.strip()
            elif key == "status" and host is not None:
                if value.strip() == "active":
                    nodes.add(host)
                host = None
        return nodes

    def _wait_cluster(self, timeout: float) -> None:
        """Until every running registrar knows every other one (bounded)."""
        deadline = time.monotonic() + timeout
        records = self._load()
        running = [r for r in self.topology.registrars
                   if r.name in records and pid_alive(records[r.name].pid, "kamailio")]  # fmt: skip
        want = {r.ip for r in running}
        while True:
            missing = {r.name: want - self.cluster_nodes(r.name) for r in running}
            if not any(missing.values()):
                return
            if time.monotonic() > deadline:
                raise LabError(f"the DMQ cluster did not form within {timeout:.0f} s: {missing}")
            time.sleep(0.1)

    def _ready(self, rec: _Record) -> bool:
        with _in_netns(self.netns):
            return self._ready_here(rec)

    def _ready_here(self, rec: _Record) -> bool:
        ip, port = rec.address.rsplit(":", 1)
        if rec.role == "registrar":
            return _sip_options_ok(ip, int(port)) and self.ctl_socket(rec.name).exists()
        # dnsmasq and sipp: the port is bound by the process we started.
        return _port_in_use(ip, int(port), socket.SOCK_DGRAM)

    # -- status and down -------------------------------------------------------------

    def status(self) -> list[ServerStatus]:
        records = self._load()
        out: list[ServerStatus] = []
        expected: list[tuple[str, Role, str, str]] = [
            ("dns", "dns", self.topology.dns, "udp"),
            *(
                (r.name, "registrar", f"{r.ip}:{r.port}", "udp+tcp+tls")
                for r in self.topology.registrars
            ),
            ("echo", "echo", f"{self.topology.echo_ip}:{self.topology.echo_port}", "udp"),
            *(
                (peer.name, "peer", f"{peer.ip}:{peer.port}", "udp")
                for peer in (self.topology.peers() if self.topology.media_peers else ())
            ),
            *(
                (name, role, address, "udp")
                for name, role, address in (
                    self._rtpengine_servers() if self.topology.rtpengine else ()
                )
            ),
        ]
        for name, role, address, transport in expected:
            rec = records.get(name)
            alive = rec is not None and pid_alive(rec.pid, rec.program)
            out.append(
                ServerStatus(
                    name=name,
                    role=role,
                    address=address,
                    transport=transport,
                    pid=rec.pid if rec else None,
                    alive=alive,
                    frozen=alive and rec is not None and _pid_stopped(rec.pid),
                )
            )
        return out

    def down(self) -> list[str]:
        """Stop every server this lab started. Returns the names stopped."""
        records = self._load()
        stopped = [rec.name for rec in records.values() if self._stop(rec)]
        self._save({})
        return stopped

    def _stop(self, rec: _Record, timeout: float = 5.0) -> bool:
        if not pid_alive(rec.pid, rec.program):
            reap(rec.pid)
            return False
        family = [rec.pid, *_children(rec.pid)]
        for pid in family:  # a frozen server cannot act on SIGTERM
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)
        with contextlib.suppress(ProcessLookupError):
            os.kill(rec.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            reap(rec.pid)
            if not any(running(p) for p in family):
                return True
            time.sleep(0.02)
        for pid in family:
            if running(pid):
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
        reap(rec.pid)
        return True

    # -- faults (scenarios) -----------------------------------------------------------

    def _record(self, name: str) -> _Record:
        rec = self._load().get(name)
        if rec is None:
            raise LabError(f"{name} is not part of the running lab (run `softdiag lab up`)")
        return rec

    def _registrar(self, name: str) -> Registrar:
        for reg in self.topology.registrars:
            if name in (reg.name, reg.ip):
                return reg
        known = ", ".join(r.name for r in self.topology.registrars)
        raise LabError(f"unknown registrar {name!r} (lab registrars: {known})")

    def kill(self, name: str) -> None:
        """Stop a registrar: its port closes, so clients get ICMP port unreachable."""
        reg = self._registrar(name)
        self._stop(self._record(reg.name))

    def freeze(self, name: str) -> None:
        """SIGSTOP a registrar and its workers: a silent black hole (no ICMP, no answer)."""
        reg = self._registrar(name)
        rec = self._record(reg.name)
        if not pid_alive(rec.pid, rec.program):
            raise LabError(f"{reg.name} is not running")
        for pid in [rec.pid, *_children(rec.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGSTOP)

    def thaw(self, name: str) -> None:
        reg = self._registrar(name)
        rec = self._record(reg.name)
        for pid in [rec.pid, *_children(rec.pid)]:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGCONT)

    def revive(self, name: str) -> None:
        """Undo kill or freeze, and clear any 503 mode."""
        reg = self._registrar(name)
        rec = self._load().get(reg.name)
        if rec is not None and pid_alive(rec.pid, rec.program):
            self.thaw(reg.name)
            self.clear_fault(reg.name)
            return
        self.up()

    def answer_503(self, name: str, retry_after: int) -> None:
        """Make a registrar answer every request with 503 and this Retry-After."""
        reg = self._registrar(name)
        self.kamcmd(reg.name, "htable.seti", "fault", "retry_after", str(retry_after))
        self.kamcmd(reg.name, "htable.sets", "fault", "mode", "503")

    def clear_fault(self, name: str) -> None:
        reg = self._registrar(name)
        self.kamcmd(reg.name, "htable.sets", "fault", "mode", "ok")
        config = self.tls_config(reg.name)
        if config.exists() and str(self.certs.cert(reg.name)) not in config.read_text():
            self.good_cert(reg.name)  # tls-bad-cert was on

    def tcp_drop(self, name: str) -> None:
        """Field case 6: the next REGISTER the registrar reads from a TCP or TLS connection
        is dropped unanswered and the connection closed (once)."""
        reg = self._registrar(name)
        self.kamcmd(reg.name, "htable.sets", "fault", "mode", "tcp-drop")

    def bad_cert(self, name: str) -> None:
        """Serve a certificate whose name is not the registrar's (same CA): tls.reload."""
        self._serve_cert(name, "wrong-name")

    def good_cert(self, name: str) -> None:
        self._serve_cert(name, None)

    def _serve_cert(self, name: str, cert_name: str | None, timeout: float = 5.0) -> None:
        """Reload Kamailio's TLS config and wait until it really serves the new certificate
        (a reload takes effect a moment later: a handshake meanwhile may fail)."""
        reg = self._registrar(name)
        self.write_tls_config(reg.name, cert_name=cert_name)
        self.kamcmd(reg.name, "tls.reload")
        expected = self.certs.cert(cert_name or reg.name).read_bytes()
        sni = f"sip{self.topology.registrars.index(reg) + 1}.{self.topology.domain}"
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE  # only reading which certificate is served
        deadline = time.monotonic() + timeout
        while True:
            with contextlib.suppress(OSError), _in_netns(self.netns):
                with (
                    socket.create_connection((reg.ip, reg.tls_port), timeout=1.0) as raw,
                    ctx.wrap_socket(raw, server_hostname=sni) as tls,
                ):
                    der = tls.getpeercert(binary_form=True)
                if der and ssl.DER_cert_to_PEM_cert(der).strip() == expected.decode().strip():
                    return
            if time.monotonic() > deadline:
                raise LabError(f"{reg.name} did not serve the new TLS certificate in {timeout} s")
            time.sleep(0.05)

    def set_cluster(self, cluster: bool) -> None:
        """Restart the registrars replicated (DMQ) or split (CASES.md case 3)."""
        if self.topology.cluster == cluster:
            return
        records = self._load()
        for reg in self.topology.registrars:
            rec = records.pop(reg.name, None)
            if rec is not None:
                self._stop(rec)
        self._save(records)
        self.topology = dataclasses.replace(self.topology, cluster=cluster)
        self.up()

    def set_zone(self, zone: ZoneRecords | None) -> None:
        """Serve other DNS records: restart dnsmasq with them (None: the default zone)."""
        records = self._load()
        rec = records.get("dns")
        if rec is not None:
            self._stop(rec)
        self.zone = zone
        new = self._start_dnsmasq(zone)
        records["dns"] = new
        self._save(records)
        self._wait_ready([new], 10.0)

    def zone_with(
        self, names: list[str], *, ttl: int = 30, priorities: dict[str, int] | None = None
    ) -> ZoneRecords:
        """A zone listing only these registrars (by name), with optional SRV priorities."""
        regs = [self._registrar(n) for n in names]
        priorities = priorities or {}
        return ZoneRecords(
            a_records=tuple(r.ip for r in regs),
            srv_hosts=tuple(
                (
                    f"sip{self.topology.registrars.index(r) + 1}.{self.topology.domain}",
                    r.ip,
                    priorities.get(r.name, 10),
                    10,
                )
                for r in regs
            ),
            ttl=ttl,
        )

    # -- looking into the servers ----------------------------------------------------

    def kamcmd(self, registrar: str, *args: str, timeout: float = 5.0) -> str:
        sock = self.ctl_socket(registrar)
        result = subprocess.run(
            ["kamcmd", "-s", f"unix:{sock}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise LabError(
                f"kamcmd {' '.join(args)} on {registrar} failed: {result.stderr.strip()}"
            )
        return result.stdout

    def registered_aors(self, registrar: str) -> set[str]:
        """AoRs that registrar holds a live contact for, read from its usrloc."""
        dump = self.kamcmd(registrar, "ul.dump", "brief")
        return {
            line.split(":", 1)[1].strip()
            for line in dump.splitlines()
            if line.strip().startswith("AoR:")
        }

    def registrar_by_ip(self, ip: str) -> Registrar:
        for reg in self.topology.registrars:
            if reg.ip == ip:
                return reg
        raise LabError(f"{ip} is not a lab registrar")

    def servers(self) -> Iterator[Registrar]:
        return iter(self.topology.registrars)


def _peer_routes(topology: LabTopology) -> str:
    """Kamailio routes for the misbehaving call peers (always there, running or not)."""
    return "\n".join(
        f'\tif ($rU == "{peer.name}") {{\n\t\trecord_route();\n'
        f'\t\t$du = "sip:{peer.ip}:{peer.port}";\n\t\tt_relay();\n\t\texit;\n\t}}'
        for peer in topology.peers()
    )


def _cluster_values(topology: LabTopology, reg: Registrar) -> dict[str, str]:
    """Config for a registrar of the cluster: DMQ to every other one, usrloc replicated.

    Every registrar lists every other as a notification peer, so the cluster forms whatever
    the start order, and a restarted one learns the others' bindings (``sync``).
    """
    if not topology.cluster:
        return {"CLUSTER_LISTEN": "", "CLUSTER_MODULES": "", "CLUSTER_ROUTE": ""}
    port = topology.dmq_port
    peers = "\n".join(
        f'modparam("dmq", "notification_address", "sip:{other.ip}:{port}")'
        for other in topology.registrars
        if other != reg
    )
    modules = "\n".join((
        'loadmodule "dmq.so"',
        'loadmodule "dmq_usrloc.so"',
        f'modparam("dmq", "server_address", "sip:{reg.ip}:{port}")',
        peers,
        'modparam("dmq", "multi_notify", 1)',
        'modparam("dmq", "ping_interval", 15)',
        'modparam("dmq_usrloc", "enable", 1)',
        'modparam("dmq_usrloc", "sync", 1)',
    ))  # fmt: skip
    route = (
        f"\t# Cluster messages (DMQ): before every other rule, the fault switch included.\n"
        f'\tif (is_method("KDMQ") && $Rp == {port}) {{\n'
        f"\t\tdmq_handle_message();\n\t\texit;\n\t}}"
    )
    return {
        "CLUSTER_LISTEN": f"listen=udp:{reg.ip}:{port}",
        "CLUSTER_MODULES": modules,
        "CLUSTER_ROUTE": route,
    }
