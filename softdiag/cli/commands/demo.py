"""``softdiag demo``: start the lab if needed, register alice headless, print live events."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from softdiag.cli.account import run_account
from softdiag.cli.output import EXIT_DIAGNOSED, error_line
from softdiag.commands import AccountSpec

__all__ = ["add_parser", "cmd_demo"]


HELP_ORDER = 120  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("demo", help="headless demo against the local lab")
    p.add_argument("--duration", type=float, default=20.0, metavar="S")
    p.add_argument("--expires", type=int, default=10, metavar="S")
    p.add_argument("--json", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--keep-lab", action="store_true", help="leave the lab running afterwards")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    """Headless demo: start the lab if needed, register alice, print live events."""
    from softdiag.lab import LAB_PASSWORD, Lab, LabError

    lab = Lab()
    already = all(s.alive for s in lab.status())
    try:
        lab.up()
    except LabError as exc:
        error_line(str(exc))
        return EXIT_DIAGNOSED
    spec = AccountSpec(domain=lab.topology.domain, user="alice", password=LAB_PASSWORD,
                       dns=lab.topology.dns, expires=args.expires)  # fmt: skip
    print(f"softdiag demo: registering {spec.aor} against the local lab for {args.duration:.0f} s",
          file=sys.stderr)  # fmt: skip
    try:
        return run_account(spec, duration=args.duration, out=sys.stdout, as_json=args.json,
                           verbose=args.verbose)  # fmt: skip
    finally:
        if not already and not args.keep_lab:
            lab.down()
