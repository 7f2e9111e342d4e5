"""``softdiag bench soak``: hours of refreshes under random faults, in minutes.

One account (sticky policy, 10 s expiry: a refresh every 5 s) registers against the lab
while a seeded random script switches faults on and off: a registrar killed or frozen then
revived, one answering 503 with Retry-After, the DNS answer changed — and a hostile server
listed in DNS beside the registrars, answering every probe and REGISTER with malformed,
oversized, escaping or lying messages. Never are all registrars down at once, so the
account should stay registered throughout.

Every ``sample_s`` it samples this process (which runs the engine, the control thread and
the prober): resident memory, open file descriptors, threads. The summary says the share
of the time the account was registered (after its first registration) and how much each
resource grew between the first and the last third of the run.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from softdiag.commands import AccountSpec
from softdiag.events import Event, RegistrationChanged
from softdiag.lab import Lab, LabTopology
from softdiag.lab.hostile import Answer, HostileLab, SipRequest
from softdiag.lab.hostile.scripts import sip_reply
from softdiag.lab.topology import ZoneRecords
from softdiag.session import Session

__all__ = ["SoakResult", "format_soak", "run_soak"]

FAULT_EVERY = (4.0, 10.0)  # seconds between fault changes (uniform)
ESC = "\x1b]0;soak\x07\x1b[2J"


@dataclass
class Sample:
    t: float
    rss_kb: int
    fds: int
    threads: int
    registered: bool


@dataclass
class SoakResult:
    seconds: float
    registered_share: float
    faults: dict[str, int]
    samples: list[Sample] = field(default_factory=list)
    registrations: int = 0

    def growth(self, attr: str) -> float:
        """Median of the last third minus median of the first third."""
        values = [getattr(s, attr) for s in self.samples]
        if len(values) < 3:
            return 0.0
        third = max(1, len(values) // 3)
        first, last = sorted(values[:third]), sorted(values[-third:])
        return float(last[len(last) // 2] - first[len(first) // 2])


def _proc_status() -> tuple[int, int]:
    rss = threads = 0
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
        elif line.startswith("Threads:"):
            threads = int(line.split()[1])
    return rss, threads


def _hostile_script(rng: random.Random) -> Callable[[SipRequest], list[Answer]]:
    def script(r: SipRequest) -> list[Answer]:
        choice = rng.randrange(8)
        if choice == 0:
            return []  # silence
        if choice == 1:
            return [Answer(sip_reply(r, start="SIP/2.0 ²00 OK"))]
        if choice == 2:
            return [Answer(sip_reply(r, via_extra=";rport=" + "9" * 3000))]
        if choice == 3:
            return [Answer(sip_reply(r, "503 Busy", ["Retry-After: " + "9" * 400]))]
        if choice == 4:
            return [Answer(sip_reply(r, f"200 {ESC}", [f"Server: {ESC}"]))]
        if choice == 5:
            return [Answer(sip_reply(r, headers=["X-Pad: " + "a" * 30000]))]
        if choice == 6:
            return [Answer(bytes(rng.randrange(256) for _ in range(300)))]
        return [Answer(sip_reply(r, "500 Lying"))] * 20

    return script


def run_soak(
    minutes: float,
    *,
    net: str,
    state_dir: Path,
    seed: int = 0,
    sample_s: float = 10.0,
    say: Callable[[str], None] = print,
) -> SoakResult:
    """Run the soak on ``net``.20-.24 (lab) and ``net``.110-.112 (hostile servers)."""
    from softdiag.account import Softphone

    rng = random.Random(seed)
    topology = LabTopology.on(net, 20)
    lab = Lab(topology, state_dir=state_dir)
    hostile = HostileLab(net=net, first=110)
    hostile.sip_scripts["*"] = _hostile_script(random.Random(seed + 1))
    lab.up()
    hostile.start()
    session = Session()
    registered = threading.Event()
    counts = {"registrations": 0}

    def watch(event: Event) -> None:
        if isinstance(event, RegistrationChanged):
            if event.state == "registered":
                registered.set()
                counts["registrations"] += 1
            elif event.state in ("failed", "unregistered"):
                registered.clear()

    session.subscribe(watch)
    phone = Softphone(session, policy="sticky")
    spec = AccountSpec(domain=topology.domain, user="soak", password=topology.password,
                       dns=topology.dns, expires=10)  # fmt: skip
    names = [r.name for r in topology.registrars]
    faults = dict.fromkeys(("kill", "freeze", "503", "dns", "hostile-dns"), 0)
    broken: dict[str, str] = {}  # registrar -> fault
    samples: list[Sample] = []
    registered_time = 0.0
    try:
        phone.start()
        phone.register(spec)
        if not registered.wait(20):
            raise RuntimeError("the soak account did not register at the start")
        start = last = time.monotonic()
        end = start + minutes * 60
        next_fault = start + rng.uniform(*FAULT_EVERY)
        next_sample = start
        while (now := time.monotonic()) < end:
            if registered.is_set():
                registered_time += now - last
            last = now
            if now >= next_sample:
                rss, threads = _proc_status()
                fds = len(os.listdir("/proc/self/fd"))
                samples.append(
                    Sample(round(now - start, 1), rss, fds, threads, registered.is_set())
                )
                say(f"  {now - start:7.0f} s  rss {rss / 1024:7.1f} MB  fds {fds:4d}  "
                    f"threads {threads:3d}  {'registered' if registered.is_set() else 'NOT registered'}")  # fmt: skip
                next_sample += sample_s
            if now >= next_fault:
                _next_fault(lab, rng, names, broken, faults, topology, hostile)
                next_fault = now + rng.uniform(*FAULT_EVERY)
            time.sleep(0.1)  # bounded: the loop ends at `end`
        seconds = time.monotonic() - start
    finally:
        phone.shutdown()
        hostile.stop()
        lab.down()
    return SoakResult(seconds, registered_time / seconds if seconds else 0.0, faults, samples,
                      counts["registrations"])  # fmt: skip


def _next_fault(lab: Lab, rng: random.Random, names: list[str], broken: dict[str, str],
                faults: dict[str, int], topology: LabTopology, hostile: HostileLab) -> None:  # fmt: skip
    # Heal one broken registrar half of the time, and always before a third would break.
    if broken and (rng.random() < 0.5 or len(broken) >= len(names) - 1):
        name = rng.choice(sorted(broken))
        if broken.pop(name) == "503":
            lab.clear_fault(name)
        else:
            lab.revive(name)
        return
    healthy = [n for n in names if n not in broken]
    kind = rng.choice(("kill", "freeze", "503", "dns", "hostile-dns"))
    faults[kind] += 1
    if kind in ("kill", "freeze", "503"):
        name = rng.choice(healthy)
        broken[name] = kind
        if kind == "kill":
            lab.kill(name)
        elif kind == "freeze":
            lab.freeze(name)
        else:
            lab.answer_503(name, rng.choice((2, 5, 30)))
    elif kind == "dns":
        listed = rng.sample(names, rng.randint(2, len(names)))
        lab.set_zone(lab.zone_with(listed, ttl=rng.choice((5, 30))))
    else:  # the hostile server in DNS, beside the registrars
        zone = lab.zone_with(names, ttl=5)
        hostile_srv = (f"sip9.{topology.domain}", hostile.sip_ip, rng.choice((5, 10, 20)), 10)
        lab.set_zone(ZoneRecords(a_records=(*zone.a_records, hostile.sip_ip),
                                 srv_hosts=(*zone.srv_hosts, hostile_srv), ttl=5))  # fmt: skip


def format_soak(result: SoakResult) -> str:
    lines = [
        f"soak: {result.seconds / 60:.1f} min, faults {result.faults}, "
        f"{result.registrations} successful REGISTERs",
        f"  registered (a registrar was always up): {100 * result.registered_share:.2f} %",
        f"  RSS growth (last third - first third): {result.growth('rss_kb') / 1024:+.1f} MB",
        f"  open fds growth: {result.growth('fds'):+.0f}   threads growth: "
        f"{result.growth('threads'):+.0f}",
    ]
    return "\n".join(lines)
