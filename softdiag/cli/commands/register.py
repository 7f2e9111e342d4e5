"""``softdiag register``: register an account headless and stream its events until
``--duration`` ends or Ctrl-C, then un-REGISTER. Exit 1 when the account is refused or the
registration does not complete."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from softdiag.cli.account import account_options, account_spec, add_capture_options, run_account
from softdiag.userinput import seconds_arg

__all__ = ["add_parser", "cmd_register"]


HELP_ORDER = 30  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("register", help="register an account headless and stream its events")
    account_options(p)
    p.add_argument("--duration", type=seconds_arg("--duration"), metavar="S",
                   help="seconds to stay registered")  # fmt: skip
    p.add_argument("--answer", choices=("auto", "ring", "busy"), default="ring",
                   help="incoming calls: answer with the test signal, ring until the caller "
                        "gives up (default), or reject busy (486)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("-v", "--verbose", action="store_true", help="print whole SIP messages")
    add_capture_options(p)
    p.set_defaults(func=cmd_register)


def cmd_register(args: argparse.Namespace) -> int:
    spec = account_spec(args)
    return run_account(spec, duration=args.duration, out=sys.stdout, as_json=args.json,
                       verbose=args.verbose, policy=args.policy, answer=args.answer,
                       probes=(args.probe_profile, args.probe_interval), capture=args)  # fmt: skip
