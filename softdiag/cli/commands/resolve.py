"""``softdiag resolve DOMAIN``: RFC 3263 NAPTR -> SRV -> A/AAAA resolution, in order."""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from softdiag.cli.account import resolve_domain
from softdiag.cli.output import EXIT_OK, write_json
from softdiag.dns.resolver import impossible_targets_finding
from softdiag.events import event_to_json
from softdiag.textsafe import escape_controls

__all__ = ["add_parser", "cmd_resolve"]


HELP_ORDER = 10  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("resolve", help="RFC 3263 NAPTR -> SRV -> A/AAAA resolution")
    p.add_argument("domain")
    p.add_argument("--transport", choices=("udp", "tcp", "tls"))
    p.add_argument("--dns", metavar="HOST[:PORT]")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_resolve)


def cmd_resolve(args: argparse.Namespace) -> int:
    res = resolve_domain(args)
    if args.json:
        for t in res.targets:
            write_json({"type": "Target", **asdict(t)}, ensure_ascii=True)
        if res.rejected:
            write_json(event_to_json(impossible_targets_finding(res)))
        return EXIT_OK
    print(f"{res.domain} ({res.transport}) via DNS {res.nameserver}")
    print(
        f"  {'#':>2}  {'address':<22} {'transport':<9} {'prio':>4} {'weight':>6} {'ttl':>5}  from"
    )
    for i, t in enumerate(res.targets, 1):
        print(
            f"  {i:>2}  {t.hostport:<22} {t.transport:<9} {t.priority:>4} {t.weight:>6} "
            f"{t.ttl:>5}  {t.source} {t.host}"
        )
    print(f"  DNS answer order: {', '.join(res.answer_order)}")
    for rejected in res.rejected:
        print(escape_controls(f"  left out (impossible server): {rejected}"))
    return EXIT_OK
