"""Record the engine output the GUI's failover and NAT tests replay (tests/gui/test_recorded.py).

Each stream is what ``softdiag register --json`` printed during a real lab run, one event
per line (``softdiag.events.event_to_json``), so the views are tested against what the
engine really says, in the order and with the timing it says it. SIP messages and levels
are left out (the log's own tests cover them) to keep the files small.

    sudo .venv/bin/python -m tests.data.record_streams failover   # the loopback lab
    sudo .venv/bin/python -m tests.data.record_streams nat        # the NAT lab (netns, root)

Run again when the engine's events change on purpose; the tests say which file to refresh.
"""

from __future__ import annotations

import argparse
import json
import secrets
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from softdiag.bench.runner import RegisterRun
from softdiag.lab import Lab, LabTopology
from softdiag.lab.netns import NatLab

HERE = Path(__file__).resolve().parent
LEFT_OUT = {"SipMessage", "Levels"}


def save(run: RegisterRun, name: str) -> Path:
    events: list[dict[str, Any]] = []
    for event in run.snapshot():
        event.pop("_t", None)
        if event["type"] not in LEFT_OUT:
            events.append(event)
    out = HERE / name
    out.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in events), "utf-8")
    print(f"{out}: {len(events)} events")
    return out


def record_failover(net: str) -> Path:
    """Registered through one server, which freezes; sticky moves on; the server thaws."""
    lab = Lab(LabTopology.on(net, 1), state_dir=Path(tempfile.mkdtemp(prefix="sd-record-")))
    lab.up()
    try:
        run = RegisterRun(f"rec-{secrets.token_hex(2)}", dns=lab.topology.dns, expires=20,
                          duration=40, probe_profile="fast")  # fmt: skip
        first = run.registered(timeout=15)
        frozen = lab.registrar_by_ip(first["server"].rsplit(":", 1)[0])
        time.sleep(3.0)  # a quiet, healthy stretch first
        lab.freeze(frozen.name)
        moved = run.wait_for(
            lambda e: e["type"] == "RegistrationChanged" and e["state"] == "registered"
            and e["server"] != first["server"], timeout=15,
        )  # fmt: skip
        print(f"froze {frozen.name}; registered on {moved['server']}")
        time.sleep(4.0)
        lab.thaw(frozen.name)
        time.sleep(4.0)
        run.stop()
        return save(run, "failover_freeze.jsonl")
    finally:
        lab.down()


def record_nat() -> Path:
    """Behind a symmetric NAT: registered, then the router forgets its mappings (a
    rebinding: the next refresh comes from a new public port), then the registered server
    freezes and sticky moves (the new server sees yet another mapping)."""
    nat = NatLab(Path(tempfile.mkdtemp(prefix="sd-record-nat-")))
    nat.up()
    try:
        nat.set_mode("symmetric")
        run = RegisterRun(f"rec-{secrets.token_hex(2)}", dns=nat.lab.topology.dns,
                          expires=10, duration=60, probe_profile="fast",
                          prefix=nat.client_argv([]))  # fmt: skip
        first = run.registered(timeout=15)
        time.sleep(3.0)
        nat.rebind()
        at = time.monotonic()
        rebound = run.wait_for(lambda e: e["type"] == "NatMappingChanged", timeout=12, after=at)
        print(f"registered on {first['server']}; after the rebind: {rebound['likely_cause']}")
        frozen = nat.lab.registrar_by_ip(first["server"].rsplit(":", 1)[0])
        nat.lab.freeze(frozen.name)
        at = time.monotonic()
        moved = run.wait_for(
            lambda e: e["type"] == "RegistrationChanged" and e["state"] == "registered"
            and e["server"] != first["server"], timeout=15, after=at,
        )  # fmt: skip
        print(f"froze {frozen.name}; registered on {moved['server']}")
        time.sleep(3.0)
        nat.lab.thaw(frozen.name)
        run.stop()
        return save(run, "nat_rebinding.jsonl")
    finally:
        nat.down()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("which", choices=("failover", "nat"))
    parser.add_argument("--net", default="127.0.70", help="the /24 for the loopback lab")
    args = parser.parse_args(argv)
    if args.which == "failover":
        record_failover(args.net)
    else:
        record_nat()
    return 0


if __name__ == "__main__":
    sys.exit(main())
