"""``softdiag lab up|down|status|scenario``: the local fault lab of real servers on loopback."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from softdiag.cli.output import EXIT_DIAGNOSED, EXIT_OK, UsageError, error_line, write_json

__all__ = ["add_parser", "cmd_lab"]


HELP_ORDER = 40  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("lab", help="the local fault lab of real servers on loopback")
    p.add_argument("action", choices=("up", "down", "status", "scenario"))
    p.add_argument("scenario", nargs="?",
                   choices=("kill", "freeze", "revive", "503", "all-dead", "dns", "reset",
                            "tcp-drop", "tls-bad-cert", "cluster", "split"),
                   help="with `scenario`: the fault to switch on")  # fmt: skip
    p.add_argument("--target", help="the registrar a fault applies to (kam1, kam2, kam3)")
    p.add_argument("--retry-after", type=int, default=30, metavar="S", help="for 503")
    p.add_argument("--servers", help="for dns: registrars to list, e.g. kam1,kam3")
    p.add_argument("--priorities", help="for dns: SRV priorities, e.g. kam1=10,kam2=20")
    p.add_argument("--ttl", type=int, default=30, help="for dns: record TTL in seconds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lab)


def cmd_lab(args: argparse.Namespace) -> int:
    from softdiag.lab import Lab, LabError

    lab = Lab()
    try:
        if args.action == "scenario":
            return _lab_scenario(lab, args)
        if args.action == "up":
            statuses = lab.up()
        elif args.action == "down":
            stopped = lab.down()
            if not args.json:
                print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
                return EXIT_OK
            statuses = lab.status()
        else:
            statuses = lab.status()
    except LabError as exc:
        error_line(str(exc))
        return EXIT_DIAGNOSED
    if args.json:
        servers = [asdict(s) for s in statuses]
        write_json({"state_dir": str(lab.state_dir), "ca": str(lab.ca_path),
                    "servers": servers}, ensure_ascii=True)  # fmt: skip
    else:
        print(f"lab state: {lab.state_dir}  TLS CA (clients: --ca): {lab.ca_path}")
        width = max((len(s.name) for s in statuses), default=0)
        for s in statuses:
            state = "frozen" if s.frozen else ("alive" if s.alive else "dead")
            print(
                f"  {s.name:<{width}} {s.role:<9} {s.address:<16} {s.transport:<11} {state:<6} "
                f"pid {s.pid or '-'}"
            )
    if args.action == "up":
        return EXIT_OK
    return EXIT_OK if args.action == "down" or all(s.alive for s in statuses) else EXIT_DIAGNOSED


def _lab_scenario(lab: object, args: argparse.Namespace) -> int:
    from softdiag.lab import Lab

    assert isinstance(lab, Lab)
    name, target = args.scenario, args.target
    needs_target = {"kill", "freeze", "revive", "503", "tcp-drop", "tls-bad-cert"}
    if name in needs_target and not target:
        raise UsageError(f"scenario {name} needs --target (kam1, kam2 or kam3)")
    if name == "kill":
        lab.kill(target)
    elif name == "freeze":
        lab.freeze(target)
    elif name == "revive":
        lab.revive(target)
    elif name == "503":
        lab.answer_503(target, args.retry_after)
    elif name == "tcp-drop":
        lab.tcp_drop(target)
    elif name == "tls-bad-cert":
        lab.bad_cert(target)
    elif name == "all-dead":
        for reg in lab.topology.registrars:
            lab.kill(reg.name)
    elif name == "dns":
        names = (
            args.servers.split(",") if args.servers else [r.name for r in lab.topology.registrars]
        )
        prios = dict(p.split("=") for p in args.priorities.split(",")) if args.priorities else {}
        lab.set_zone(
            lab.zone_with(names, ttl=args.ttl, priorities={k: int(v) for k, v in prios.items()})
        )
    elif name in ("cluster", "split"):
        lab.set_cluster(name == "cluster")
    elif name == "reset":
        lab.set_zone(None)
        lab.up()
        for reg in lab.topology.registrars:
            lab.revive(reg.name)
    print(f"lab scenario {name} applied" + (f" to {target}" if target else ""))
    return EXIT_OK
