"""``softdiag check``: the guided check, from a profile or with the options inline.

Wired into ``softdiag`` by :func:`add_parser`.

Contract (DESIGN.md, issue "The guided check"): human text by default; with ``--json`` one
``CheckStep`` object per step as it finishes, then one ``CheckSummary``. Exit 0 when no
step failed, 1 when a step failed, 2 for bad input (a malformed profile names its line;
an unknown step, a missing password variable, a malformed ``--dns``: one line on stderr).
A DNS server that does not answer is not bad input here: the DNS step diagnoses it.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from typing import Any, TextIO

from softdiag.check.profile import (
    FORM_FACTORS,
    STEPS,
    CheckProfile,
    ProfileError,
    load_profile,
    parse_steps,
)
from softdiag.check.steps import CheckStep, CheckSummary, summary_text
from softdiag.cli.output import (
    EXIT_DIAGNOSED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    json_text,
    write_json,
)
from softdiag.describe import finding_advice, finding_title
from softdiag.events import DeviceInfo, Event
from softdiag.i18n import get_language
from softdiag.session import Session

__all__ = ["add_parser", "cmd_check", "profile_from_args"]

NEEDS_PASSWORD = frozenset({"register", "nat", "call"})
_MARK = {"pass": "PASS", "warn": "WARN", "fail": "FAIL", "skipped": "SKIP"}


def profile_from_args(args: argparse.Namespace) -> CheckProfile:
    """The profile file, if any, with every inline option laid over it. UsageError if bad."""
    try:
        base = load_profile(args.profile) if args.profile else None
        steps = parse_steps(args.steps) if args.steps else None
    except ProfileError as exc:
        raise UsageError(str(exc)) from None
    if base is None:
        if not args.domain or not args.user:
            raise UsageError("give --profile FILE, or --domain and --user")
        base = CheckProfile(domain=args.domain, user=args.user)
    if args.expect is not None and args.expect not in FORM_FACTORS:
        raise UsageError(f"--expect must be one of {', '.join(FORM_FACTORS)}")
    changes = {
        "domain": args.domain, "user": args.user, "dns": args.dns, "transport": args.transport,
        "policy": args.policy, "call": args.call, "steps": steps, "stun": args.stun,
        "expect_output": args.expect, "register_refreshes": args.refreshes,
        "expires": args.expires, "bundle": args.bundle, "output_device": args.output,
        "input_device": args.input, "call_duration_s": args.call_duration,
    }  # fmt: skip
    profile = base.with_changes(**{k: v for k, v in changes.items() if v is not None})
    from softdiag.account import validate_spec
    from softdiag.commands import AccountSpec

    problem = validate_spec(
        AccountSpec(
            domain=profile.domain,
            user=profile.user,
            password="",
            dns=profile.dns,
            transport=profile.transport,
            expires=profile.expires,
        )
    )
    if problem:
        raise UsageError(problem)
    if not 0 <= profile.register_refreshes <= 20:
        raise UsageError("--refreshes must be between 0 and 20")
    if not 2 <= profile.call_duration_s <= 60:
        raise UsageError("--call-duration must be between 2 and 60 seconds")
    return profile


def _password(args: argparse.Namespace, profile: CheckProfile) -> str:
    """From --password-env, SOFTDIAG_PASSWORD, the keychain, or the terminal, in that order."""
    if not NEEDS_PASSWORD & set(profile.steps):
        return ""
    from softdiag.settings import account_password

    try:
        return account_password(profile.user, profile.domain, args.password_env, keychain=True)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _ask(output: DeviceInfo, expected: str | None) -> str | None:
    """The device step's question (only with --ask, only on a terminal)."""
    if not sys.stdin.isatty():
        return None
    where = f"your {expected} ({output.name})" if expected else output.name
    for _ in range(5):  # bounded: a stuck terminal does not hold the check forever
        print(f"Did you hear the tone in {where}? [y]es / [n]o / [e]lsewhere: ", end="",
              flush=True)  # fmt: skip
        reply = sys.stdin.readline().strip().lower()[:1]
        if reply in ("y", "n", "e"):
            return {"y": "yes", "n": "no", "e": "elsewhere"}[reply]
    return None


def _step_printer(out: TextIO, *, as_json: bool) -> Callable[[Event], None]:
    lock = threading.Lock()

    def show(event: Event) -> None:
        if isinstance(event, CheckStep) and event.status != "running":
            if as_json:
                line = json_text(event.json_line())
            else:
                line = (f"[{_MARK[event.status]}] {event.step:<9} {event.duration_s:6.2f} s  "
                        f"{summary_text(event.summary_id, event.summary_params, get_language())}")  # fmt: skip
                for f in event.findings:
                    if f.severity != "info" or event.status != "pass":
                        line += f"\n       - [{f.severity}] {finding_title(f)}"
            with lock:
                print(line, file=out, flush=True)
        elif isinstance(event, CheckStep) and not as_json and sys.stderr.isatty():
            with lock:
                print(f"       {event.step} …", file=sys.stderr, flush=True)

    return show


def print_summary(summary: CheckSummary, out: TextIO) -> None:
    print("", file=out)
    sentence = summary_text(summary.summary_id, summary.summary_params, get_language())
    print(f"verdict: {summary.status.upper()} - {sentence} ({summary.duration_s:.1f} s)",
          file=out)  # fmt: skip
    for i, f in enumerate(summary.first_fixes, 1):
        print(f"  fix first {i}: {finding_title(f)}", file=out)
        print(f"      -> {finding_advice(f)}", file=out)
    if summary.bundle:
        print(f"  bundle: {summary.bundle}", file=out)


def cmd_check(args: argparse.Namespace) -> int:
    from softdiag.check.runner import CheckRunner, find_bundle_exporter

    profile = profile_from_args(args)
    password = _password(args, profile)
    out = sys.stdout
    session = Session()
    session.subscribe(_step_printer(out, as_json=args.json))
    runner = CheckRunner(session, profile, password, ask=_ask if args.ask else None,
                         bundle_exporter=find_bundle_exporter())  # fmt: skip
    box: list[CheckSummary] = []
    worker = threading.Thread(target=lambda: box.append(runner.run()), name="softdiag-check")
    worker.start()
    interrupted = False
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        interrupted = True
        runner.cancel()
        worker.join(10.0)
    if not box:
        return EXIT_INTERRUPTED
    summary = box[0]
    if args.json:
        write_json(summary.json_line(), out)
    else:
        print_summary(summary, out)
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_DIAGNOSED if summary.status == "fail" else EXIT_OK


HELP_ORDER = 90  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("check", help="the guided check: network, DNS, servers, registration, "
                       "NAT, a test call and the audio devices, with a verdict")  # fmt: skip
    p.add_argument("--profile", metavar="FILE", help="a check profile (TOML)")
    p.add_argument("--domain", help="SIP domain (overrides the profile)")
    p.add_argument("--user", help="user part of the address of record")
    p.add_argument("--password-env", metavar="VAR",
                   help="read the password from this environment variable")  # fmt: skip
    p.add_argument("--dns", metavar="HOST[:PORT]", help="DNS server instead of the system's")
    p.add_argument("--transport", choices=("udp", "tcp", "tls"))
    p.add_argument("--policy", choices=("sticky", "priority", "first-ip"))
    p.add_argument("--call", metavar="URI", help="the test target to call (echo/IVR)")
    p.add_argument("--steps", metavar="LIST", help=f"comma-separated, of: {','.join(STEPS)}")
    p.add_argument("--stun", metavar="HOST:PORT", help="STUN server for the NAT behaviour")
    p.add_argument("--expect", metavar="FORM", help="what the customer listens on: handset, "
                   "headset, speaker")  # fmt: skip
    p.add_argument("--refreshes", type=int, metavar="N",
                   help="registration refreshes the account must hold")  # fmt: skip
    p.add_argument("--expires", type=int, metavar="S", help="registration expiry asked for")
    p.add_argument("--call-duration", type=float, metavar="S", help="seconds in the test call")
    p.add_argument("--output", metavar="DEV", help="output device for the device step")
    p.add_argument("--input", metavar="DEV", help="input device for the device step")
    p.add_argument("--bundle", metavar="PATH", help="where the diagnostic bundle goes")
    p.add_argument("--ask", action="store_true",
                   help="the device step asks whether you heard the tone")  # fmt: skip
    p.add_argument("--json", action="store_true", help="one JSON object per step")
    p.set_defaults(func=cmd_check)
