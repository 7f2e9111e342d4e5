"""A real NAT on one machine: client, router and server network namespaces (Linux, root).

Topology (the 198.18.0.0/15 addresses exist only inside these namespaces)::

    sdc-TAG (client)          sdr-TAG (router: the NAT)             sds-TAG (servers)
    +------------------+      +-------------------------------+      +--------------------------+
    | softdiag, pjsua  |      | nft: masquerade [random]      |      | dnsmasq  198.19.0.10:5353|
    | c0  198.18.1.2/24+-veth-+in0 198.18.1.1  out0 198.19.0.1+-veth-+s0 kam1-3 198.19.0.11-13  |
    | default via .1.1 |      | conntrack udp timeout (own)   |      | sipp echo 198.19.0.14    |
    +------------------+      | new inbound UDP: dropped      |      | coturn 198.19.0.20 + .21 |
                              +-------------------------------+      +--------------------------+

The servers see every client packet as coming from the router's public address
198.19.0.1; they have no route back to 198.18.1.0/24, so anything that reaches the client
does so through a NAT mapping, exactly as on the Internet.

NAT modes (``set_mode``):

- ``port-preserving``: plain ``masquerade``; Linux keeps the client's source port when it
  is free, one mapping per destination but the same public port: RFC 5780
  endpoint-independent mapping.
- ``symmetric``: ``masquerade random``; every new flow (destination) gets a random public
  port: address-and-port-dependent mapping, the "symmetric NAT" of RFC 3489.

Filtering is address-and-port-dependent in both (conntrack only lets back what matches a
flow); new inbound UDP to the public address is dropped silently, like a home router.

``set_udp_timeout(N)`` sets ``nf_conntrack_udp_timeout`` and ``..._stream`` in the router
namespace only (the host keeps its own): an idle UDP mapping is forgotten after N s.
``rebind()`` flushes the router's conntrack table: the next packet of every flow gets a new
mapping (a new public port in ``symmetric`` mode), as after a router restart.

Inside the server namespace run the real lab (:class:`softdiag.lab.Lab` with ``netns``)
and coturn as an RFC 5780 STUN server on two addresses (OTHER-ADDRESS needs them).

Names carry a tag, by default the PID of the process that created them (``sdc-1234``).
``up()`` first removes leftovers of crashed runs: namespaces named ``sd[crs]-[letters]<PID>``
whose PID no longer exists, with the processes still inside them. A tag without digits
(``softdiag lab-nat`` uses ``lab``) is never taken for a leftover. ``down()`` stops what this
object started by PID, then deletes the namespaces, which removes the veths and nft tables
with them. Both are safe to call twice.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .lab import Lab, LabError
from .nsenter import netns
from .processes import log_tail, pid_alive, reap, running
from .topology import LabTopology, Registrar

__all__ = [
    "NAT_MODES",
    "NatAddresses",
    "NatLab",
    "NatMode",
    "UdpFlow",
    "namespaces_possible",
]

NatMode = Literal["port-preserving", "symmetric"]
NAT_MODES: dict[str, str] = {
    "port-preserving": "masquerade",
    "symmetric": "masquerade random",
}
REQUIRED = {"ip": "iproute2", "nft": "nftables", "conntrack": "conntrack", "turnserver": "coturn"}
PREFIXES = ("sdc", "sdr", "sds")  # client, router, server
_STALE = re.compile(r"^sd[crs]-[a-z]*(\d+)$")  # the tag ends with its creator's PID
NFT_TABLE = "softdiag_nat"
SYSCTL_UDP = "net/netfilter/nf_conntrack_udp_timeout"
SYSCTL_UDP_STREAM = "net/netfilter/nf_conntrack_udp_timeout_stream"
STUN_PORT = 3478


@dataclass(frozen=True, slots=True)
class NatAddresses:
    """Every address of the topology. Defaults sit in 198.18.0.0/15 (RFC 2544)."""

    client: str = "198.18.1.2"
    router_inside: str = "198.18.1.1"
    router_public: str = "198.19.0.1"
    inside_prefix: int = 24
    public_prefix: int = 24
    dns: str = "198.19.0.10"
    registrars: tuple[str, ...] = ("198.19.0.11", "198.19.0.12", "198.19.0.13")
    echo: str = "198.19.0.14"
    stun: tuple[str, str] = ("198.19.0.20", "198.19.0.21")

    def server_addresses(self) -> list[str]:
        return [self.dns, *self.registrars, self.echo, *self.stun]

    def topology(self) -> LabTopology:
        return LabTopology(
            dns_ip=self.dns,
            registrars=tuple(
                Registrar(f"kam{i}", ip) for i, ip in enumerate(self.registrars, start=1)
            ),
            echo_ip=self.echo,
        )

    @property
    def stun_server(self) -> str:
        return f"{self.stun[0]}:{STUN_PORT}"


@dataclass(frozen=True, slots=True)
class UdpFlow:
    """One UDP mapping in the router's conntrack table."""

    private: str  # client ip:port
    remote: str  # server ip:port
    public: str  # router ip:port the server sees
    expires_in: int  # seconds conntrack keeps it while idle


def _run(argv: Sequence[str], *, timeout: float = 10.0, check: bool = True) -> str:
    try:
        result = subprocess.run(
            list(argv), capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        raise LabError(f"{' '.join(argv)} did not finish within {timeout:.0f} s") from exc
    if check and result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise LabError(f"{' '.join(argv)} failed: {reason[-1] if reason else result.returncode}")
    return result.stdout


def _namespaces() -> list[str]:
    out = _run(["ip", "netns", "list"], check=False)
    return [line.split()[0] for line in out.splitlines() if line.strip()]


def _ns_pids(name: str) -> list[int]:
    out = _run(["ip", "netns", "pids", name], check=False)
    return [int(p) for p in out.split() if p.isdigit()]


def _terminate(pids: list[int], timeout: float = 3.0) -> None:
    """SIGCONT + SIGTERM, wait, SIGKILL what is left. Only PIDs the caller owns."""
    for pid in pids:
        for sig in (signal.SIGCONT, signal.SIGTERM):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, sig)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(running(p) for p in pids):
        for pid in pids:
            reap(pid)
        time.sleep(0.02)
    for pid in pids:
        if running(pid):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(pid, signal.SIGKILL)
        reap(pid)


def namespaces_possible() -> str | None:
    """None when network namespaces can be created here, else the one-line reason.

    Only the namespaces themselves: missing nft, conntrack or coturn are a setup problem
    that :meth:`NatLab.up` reports (scripts/setup.sh installs them).
    """
    if not shutil.which("ip"):
        return "no ip command (apt-get install iproute2): network namespaces cannot be made"
    if os.geteuid() != 0:
        return "network namespaces need root (ip netns add)"
    probe = f"sdp-{os.getpid()}-{time.monotonic_ns() % 100000}"
    result = subprocess.run(
        ["ip", "netns", "add", probe], capture_output=True, text=True, timeout=10, check=False
    )
    if result.returncode != 0:
        return f"ip netns add is not possible here: {result.stderr.strip()}"
    subprocess.run(["ip", "netns", "del", probe], capture_output=True, timeout=10, check=False)
    return None


def remove_stale(prefixes: Sequence[str] = PREFIXES) -> list[str]:
    """Delete namespaces ``sd[crs]-[letters]<PID>`` whose PID is gone, and what runs in them."""
    removed = []
    for name in _namespaces():
        match = _STALE.match(name)
        if not match or name.split("-", 1)[0] not in prefixes:
            continue
        if Path(f"/proc/{match.group(1)}").exists():
            continue  # its creator still runs: not ours to touch
        _terminate(_ns_pids(name))
        _run(["ip", "netns", "del", name], check=False)
        removed.append(name)
    return removed


class NatLab:
    """Client, NAT router and servers in three network namespaces. See the module doc."""

    def __init__(
        self,
        state_dir: Path,
        *,
        tag: str | None = None,
        mode: NatMode = "port-preserving",
        udp_timeout: int | None = None,
        sip: bool = True,
        stun: bool = True,
        addresses: NatAddresses | None = None,
        cluster: bool = False,
    ) -> None:
        """``cluster``: the registrars share their location table (DMQ), as in
        :class:`LabTopology`."""
        if mode not in NAT_MODES:
            raise LabError(f"unknown NAT mode {mode!r} (use {', '.join(NAT_MODES)})")
        self.tag = tag or str(os.getpid())
        if not re.fullmatch(r"[A-Za-z0-9]{1,10}", self.tag):
            raise LabError(f"NAT lab tag {self.tag!r}: 1-10 letters or digits")
        self.state_dir = Path(state_dir)
        self.client_ns, self.router_ns, self.server_ns = (f"{p}-{self.tag}" for p in PREFIXES)
        self.addresses = addresses or NatAddresses()
        self.mode: NatMode = mode
        self.udp_timeout = udp_timeout
        self.with_sip = sip
        self.with_stun = stun
        topology = dataclasses.replace(self.addresses.topology(), cluster=cluster)
        self.lab = Lab(topology, self.state_dir / "servers", netns=self.server_ns)
        self._udp_defaults: tuple[int, int] | None = None

    # -- state -------------------------------------------------------------------------

    @property
    def namespaces(self) -> tuple[str, str, str]:
        return self.client_ns, self.router_ns, self.server_ns

    @property
    def _state_file(self) -> Path:
        return self.state_dir / "nat.json"

    def _load(self) -> dict[str, Any]:
        try:
            data = json.loads(self._state_file.read_text())
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _save(self, **changes: Any) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        state = {**self._load(), **changes}
        tmp = self._state_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, indent=2))
        tmp.replace(self._state_file)

    @classmethod
    def from_state(cls, state_dir: Path, *, tag: str) -> NatLab:
        """The NAT lab recorded in ``state_dir`` (for `softdiag lab-nat status|down`)."""
        lab = cls(state_dir, tag=tag)
        state = lab._load()
        if state.get("mode") in NAT_MODES:
            lab.mode = state["mode"]
        lab.udp_timeout = state.get("udp_timeout")
        lab.with_sip = bool(state.get("sip", True))
        lab.with_stun = bool(state.get("stun", True))
        return lab

    def exists(self) -> bool:
        present = set(_namespaces())
        return all(ns in present for ns in self.namespaces)

    # -- up ----------------------------------------------------------------------------

    def check_programs(self) -> None:
        need = dict(REQUIRED)
        if not self.with_stun:
            need.pop("turnserver")
        missing = sorted({pkg for prog, pkg in need.items() if not shutil.which(prog)})
        if missing:
            raise LabError(
                "missing NAT lab programs; install them with: apt-get install " + " ".join(missing)
            )
        if self.with_sip:
            self.lab.check_programs()

    def up(self, timeout: float = 15.0) -> NatLab:
        """Create the namespaces and start the servers. On any failure, remove everything."""
        self.check_programs()
        remove_stale()
        self.state_dir.mkdir(parents=True, exist_ok=True)
        try:
            if not self.exists():
                self._create_network()
            self._save(tag=self.tag, namespaces=list(self.namespaces), sip=self.with_sip,
                       stun=self.with_stun)  # fmt: skip
            self.set_mode(self.mode)
            self.set_udp_timeout(self.udp_timeout)
            if self.with_sip:
                self.lab.up(timeout=timeout)
            if self.with_stun:
                self._start_coturn(timeout)
        except BaseException:
            self.down()
            raise
        return self

    def _create_network(self) -> None:
        a = self.addresses
        c, r, s = self.namespaces
        for ns in self.namespaces:
            _run(["ip", "netns", "add", ns])
        # Each end is created directly inside its namespace: no name clash on the host.
        _run(["ip", "link", "add", "c0", "netns", c, "type", "veth", "peer", "name", "in0",
              "netns", r])  # fmt: skip
        _run(["ip", "link", "add", "out0", "netns", r, "type", "veth", "peer", "name", "s0",
              "netns", s])  # fmt: skip
        _run(["ip", "-n", c, "addr", "add", f"{a.client}/{a.inside_prefix}", "dev", "c0"])
        _run(["ip", "-n", r, "addr", "add", f"{a.router_inside}/{a.inside_prefix}", "dev", "in0"])
        _run(["ip", "-n", r, "addr", "add", f"{a.router_public}/{a.public_prefix}", "dev", "out0"])
        for ip in a.server_addresses():
            _run(["ip", "-n", s, "addr", "add", f"{ip}/{a.public_prefix}", "dev", "s0"])
        for ns, dev in ((c, "c0"), (r, "in0"), (r, "out0"), (s, "s0")):
            _run(["ip", "-n", ns, "link", "set", dev, "up"])
        for ns in self.namespaces:
            _run(["ip", "-n", ns, "link", "set", "lo", "up"])
        _run(["ip", "-n", c, "route", "add", "default", "via", a.router_inside])
        self._sysctl(r, "net/ipv4/ip_forward", 1)

    def _sysctl(self, ns: str, key: str, value: int) -> None:
        # /proc/sys/net shows the namespace of the thread that opens it.
        with netns(ns), open(f"/proc/sys/{key}", "w") as f:
            f.write(f"{value}\n")

    def _read_sysctl(self, ns: str, key: str) -> int:
        with netns(ns), open(f"/proc/sys/{key}") as f:
            return int(f.read().strip())

    def _nft(self, script: str) -> None:
        loaded = subprocess.run(
            ["ip", "netns", "exec", self.router_ns, "nft", "-f", "-"],
            input=script, capture_output=True, text=True, timeout=10, check=False,
        )  # fmt: skip
        # Check the result, not only the exit code: the rule must be there as written.
        out = _run(["ip", "netns", "exec", self.router_ns, "nft", "list", "table", "ip", NFT_TABLE],
                   check=False)  # fmt: skip
        rule = next((line.strip() for line in out.splitlines() if "masquerade" in line), "")
        if loaded.returncode != 0 or not rule.endswith(NAT_MODES[self.mode]):
            why = (loaded.stderr.strip().splitlines() or ["rule missing after loading"])[0]
            raise LabError(f"nft rules for {self.mode} NAT did not load in {self.router_ns}: {why}")

    # -- knobs -------------------------------------------------------------------------

    def set_mode(self, mode: NatMode) -> None:
        """Switch the NAT behaviour; existing mappings are flushed so every flow follows it."""
        if mode not in NAT_MODES:
            raise LabError(f"unknown NAT mode {mode!r} (use {', '.join(NAT_MODES)})")
        self.mode = mode
        a = self.addresses
        inside = f"{a.router_inside.rsplit('.', 1)[0]}.0/{a.inside_prefix}"
        self._nft(
            f"add table ip {NFT_TABLE}\n"
            f"delete table ip {NFT_TABLE}\n"
            f"table ip {NFT_TABLE} {{\n"
            "  chain postrouting {\n"
            "    type nat hook postrouting priority srcnat; policy accept;\n"
            f'    oifname "out0" ip saddr {inside} {NAT_MODES[mode]}\n'
            "  }\n"
            "  chain input {\n"
            "    type filter hook input priority filter; policy accept;\n"
            '    iifname "out0" meta l4proto udp ct state new drop\n'
            "  }\n"
            "}\n"
        )
        self.rebind()
        self._save(mode=mode)

    def set_udp_timeout(self, seconds: int | None) -> None:
        """Idle UDP mapping lifetime of the router (None: the kernel defaults, 30/120 s)."""
        r = self.router_ns
        if self._udp_defaults is None:
            saved = self._load().get("udp_defaults")
            self._udp_defaults = (
                (int(saved[0]), int(saved[1]))
                if isinstance(saved, list) and len(saved) == 2
                else (self._read_sysctl(r, SYSCTL_UDP), self._read_sysctl(r, SYSCTL_UDP_STREAM))
            )
            self._save(udp_defaults=list(self._udp_defaults))
        if seconds is not None and not 1 <= seconds <= 3600:
            raise LabError("the UDP timeout must be between 1 and 3600 s")
        plain, stream = (seconds, seconds) if seconds is not None else self._udp_defaults
        self._sysctl(r, SYSCTL_UDP, plain)
        self._sysctl(r, SYSCTL_UDP_STREAM, stream)
        self.udp_timeout = seconds
        self._save(udp_timeout=seconds)

    def udp_timeouts(self) -> tuple[int, int]:
        """(udp, udp_stream) conntrack timeouts in the router namespace now."""
        r = self.router_ns
        return self._read_sysctl(r, SYSCTL_UDP), self._read_sysctl(r, SYSCTL_UDP_STREAM)

    def rebind(self) -> int:
        """Flush the router's conntrack table (a NAT rebinding). Returns the flows dropped."""
        prefix = ["ip", "netns", "exec", self.router_ns, "conntrack"]
        count = _run([*prefix, "-C"], check=False).strip()
        _run([*prefix, "-F"], check=False)  # exits 1 on an empty table on some versions
        return int(count) if count.isdigit() else 0

    def flows(self) -> list[UdpFlow]:
        """The router's UDP mappings now (ground truth for what the servers see)."""
        out = _run(["ip", "netns", "exec", self.router_ns, "conntrack", "-L", "-p", "udp"],
                   check=False)  # fmt: skip
        flows = []
        for line in out.splitlines():
            fields = line.split()
            kv = [f.split("=", 1) for f in fields if "=" in f]
            src = [v for k, v in kv if k == "src"]
            dst = [v for k, v in kv if k == "dst"]
            sport = [v for k, v in kv if k == "sport"]
            dport = [v for k, v in kv if k == "dport"]
            if len(src) < 2 or len(dst) < 2 or len(sport) < 2 or len(dport) < 2:
                continue
            flows.append(
                UdpFlow(
                    private=f"{src[0]}:{sport[0]}",
                    remote=f"{dst[0]}:{dport[0]}",
                    public=f"{dst[1]}:{dport[1]}",
                    expires_in=int(fields[2]) if len(fields) > 2 and fields[2].isdigit() else 0,
                )
            )
        return flows

    def contacts(self, user: str) -> dict[str, list[tuple[str, str]]]:
        """registrar -> [(contact URI, expires)] for ``user``, from each usrloc (ul.dump).

        ``expires`` is the seconds left as Kamailio prints it, or ``expired``.
        """
        found: dict[str, list[tuple[str, str]]] = {}
        for reg in self.lab.topology.registrars:
            aor, address = None, None
            for line in self.lab.kamcmd(reg.name, "ul.dump").splitlines():
                key, _, value = line.strip().partition(": ")
                if key == "AoR":
                    aor = value
                elif key == "Address" and aor == user:
                    address = value
                elif key == "Expires" and address is not None:
                    found.setdefault(reg.name, []).append((address, value))
                    address = None
        return found

    # -- coturn ------------------------------------------------------------------------

    def _start_coturn(self, timeout: float) -> None:
        rec = self._load().get("coturn")
        if isinstance(rec, dict) and pid_alive(int(rec["pid"]), "turnserver"):
            return
        a = self.addresses
        log = self.state_dir / "coturn.log"
        argv = [
            "ip", "netns", "exec", self.server_ns,
            shutil.which("turnserver") or "turnserver",
            "-n", "--no-cli", "--stun-only",
            "-L", a.stun[0], "-L", a.stun[1], "--listening-port", str(STUN_PORT),
            "--no-tls", "--no-dtls", "--simple-log", "--log-file", "stdout",
            "--pidfile", str(self.state_dir / "turnserver.pid"),
        ]  # fmt: skip
        with log.open("ab") as out:
            proc = subprocess.Popen(
                argv, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True, cwd=self.state_dir,
            )  # fmt: skip
        self._save(coturn={"pid": proc.pid, "program": "turnserver", "log": str(log)})
        deadline = time.monotonic() + timeout
        while not self._stun_ready():
            if not running(proc.pid):
                how = reap(proc.pid)
                raise LabError(f"coturn exited at start ({how}): {log_tail(log)}")
            if time.monotonic() > deadline:
                raise LabError(
                    f"coturn did not answer STUN within {timeout:.0f} s: {log_tail(log)}"
                )
            time.sleep(0.05)

    def _stun_ready(self) -> bool:
        """Both STUN addresses answer a Binding request, and name the other one."""
        from aioice import stun

        with netns(self.server_ns):
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        with sock:
            sock.settimeout(0.2)
            for ip in self.addresses.stun:
                request = stun.Message(stun.Method.BINDING, stun.Class.REQUEST)
                try:
                    sock.sendto(bytes(request), (ip, STUN_PORT))
                    answer = stun.parse_message(sock.recv(2048))
                except (OSError, ValueError):
                    return False
                if "OTHER-ADDRESS" not in answer.attributes:
                    return False
        return True

    def coturn_pid(self) -> int | None:
        rec = self._load().get("coturn")
        if isinstance(rec, dict) and pid_alive(int(rec["pid"]), "turnserver"):
            return int(rec["pid"])
        return None

    # -- down --------------------------------------------------------------------------

    def down(self) -> list[str]:
        """Stop what this lab started and delete its namespaces. Returns what was removed."""
        removed: list[str] = []
        rec = self._load().get("coturn")
        if isinstance(rec, dict):
            pid = int(rec["pid"])
            if pid_alive(pid, "turnserver"):
                _terminate([pid])
                removed.append("coturn")
            reap(pid)
        with contextlib.suppress(LabError):
            removed.extend(self.lab.down())
        present = set(_namespaces())
        for ns in self.namespaces:
            if ns not in present:
                continue
            # Anything still inside was started into our namespace by us (a client the
            # caller did not stop): a namespace with a process in it would live on.
            _terminate(_ns_pids(ns))
            _run(["ip", "netns", "del", ns], check=False)
            removed.append(ns)
        with contextlib.suppress(OSError):
            self._state_file.unlink()
        return removed

    # -- running things in the namespaces ----------------------------------------------

    def client_argv(self, argv: Sequence[str]) -> list[str]:
        """``argv`` prefixed to run inside the client namespace (behind the NAT)."""
        return ["ip", "netns", "exec", self.client_ns, *argv]

    def run_in_client(
        self, argv: Sequence[str], *, timeout: float = 60.0, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.client_argv(argv), capture_output=True, text=True, timeout=timeout,
            check=False, env=env,
        )  # fmt: skip

    @contextlib.contextmanager
    def in_client(self) -> Iterator[None]:
        """This thread inside the client namespace (sockets made here stay there)."""
        with netns(self.client_ns):
            yield

    @contextlib.contextmanager
    def in_server(self) -> Iterator[None]:
        """This thread inside the server namespace (to talk to the servers' side)."""
        with netns(self.server_ns):
            yield

    def describe(self) -> dict[str, Any]:
        """What runs, for `softdiag lab nat status --json` and test reports."""
        a = self.addresses
        exists = self.exists()
        udp = self.udp_timeouts() if exists else None
        return {
            "tag": self.tag,
            "up": exists,
            "mode": self.mode,
            "namespaces": {"client": self.client_ns, "router": self.router_ns,
                           "server": self.server_ns},
            "client": a.client,
            "public": a.router_public,
            "udp_timeout": list(udp) if udp else None,
            "stun": f"{a.stun_server} (other {a.stun[1]}:{STUN_PORT + 1})",
            "stun_pid": self.coturn_pid() if exists else None,
            "dns": self.lab.topology.dns,
            "registrars": [f"{r.name} {r.ip}:{r.port}" for r in self.lab.topology.registrars],
            "servers": [
                {"name": s.name, "address": s.address, "pid": s.pid, "alive": s.alive}
                for s in self.lab.status()
            ] if self.with_sip else [],
        }  # fmt: skip
