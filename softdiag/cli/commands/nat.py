"""``softdiag nat`` and ``softdiag lab-nat``: NAT behaviour, mapping lifetime, keep-alive advice.

Same contract as every sub-command (DESIGN.md): human text by default, one JSON object per
line with ``--json``; exit 0 when nothing is wrong, 1 when a finding says something is
(a warning or an error: keep-alive too slow, a NAT with a new port per destination, an
ALG), 2 on bad input or an unreachable STUN server, with a one-line reason on stderr.

Wired into ``softdiag`` by :func:`add_parser` (both sub-commands).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING, Any

from softdiag.cli.output import EXIT_DIAGNOSED, EXIT_OK, UsageError, error_line, write_json
from softdiag.describe import finding_advice, finding_title
from softdiag.events import Finding, event_to_json
from softdiag.nat.keepalive import PJSUA_UDP_KEEPALIVE, KeepAliveSettings
from softdiag.textsafe import escape_controls

if TYPE_CHECKING:  # the STUN code (and aioice) loads only when `softdiag nat` runs
    from softdiag.nat.stun import Discovery, Lifetime

__all__ = ["add_parser", "cmd_lab_nat", "cmd_nat"]

STUN_ENV = "SOFTDIAG_STUN"


HELP_ORDER = 100  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    _add_nat(sub)
    _add_lab_nat(sub)


# -- softdiag nat ----------------------------------------------------------------------


def _add_nat(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "nat",
        help="NAT behaviour (RFC 5780 mapping and filtering), mapping lifetime, keep-alive advice",
    )
    p.add_argument("--stun", metavar="HOST[:PORT]",
                   help=f"an RFC 5780 STUN server with two addresses, e.g. coturn "
                        f"(default: ${STUN_ENV})")  # fmt: skip
    p.add_argument("--lifetime", action="store_true",
                   help="also measure how long the NAT keeps an idle UDP mapping")  # fmt: skip
    p.add_argument("--max-idle", type=float, default=120.0, metavar="S",
                   help="longest idle time to test with --lifetime (default 120 s)")  # fmt: skip
    p.add_argument("--keepalive", type=float, default=PJSUA_UDP_KEEPALIVE, metavar="S",
                   help="your UDP keep-alive interval, 0 = off (default 15, pjsua's)")  # fmt: skip
    p.add_argument("--expires", type=int, default=300, metavar="S",
                   help="your registration expiry (default 300)")  # fmt: skip
    p.add_argument("--transport", choices=("udp", "tcp", "tls"), default="udp",
                   help="your SIP transport (default udp)")  # fmt: skip
    p.add_argument("--local", metavar="IP", help="local address to send from")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_nat)


def cmd_nat(args: argparse.Namespace) -> int:
    from softdiag.nat.check import check_nat
    from softdiag.nat.stun import StunError, parse_server

    server = args.stun or os.environ.get(STUN_ENV)
    if not server:
        raise UsageError(
            f"no STUN server: give --stun HOST[:PORT] or set {STUN_ENV} (an RFC 5780 server "
            "with two addresses, e.g. coturn; `softdiag lab-nat up` starts one)"
        )
    try:
        parse_server(server)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not 2.0 <= args.max_idle <= 3600.0:
        raise UsageError("--max-idle must be between 2 and 3600 seconds")
    if args.keepalive < 0 or not 5 <= args.expires <= 86400:
        raise UsageError("--keepalive must be >= 0 and --expires between 5 and 86400 seconds")

    def progress(message: str) -> None:
        # stdout is the result; progress goes to stderr, for a person watching only: a
        # script reading stderr gets the one-line reason of the contract and nothing else.
        if not args.json and sys.stderr.isatty():
            print(f"softdiag nat: {escape_controls(message)}", file=sys.stderr, flush=True)

    settings = KeepAliveSettings(
        transport=args.transport, udp_keepalive=args.keepalive or None, expires=args.expires
    )
    try:
        result = check_nat(
            server, lifetime=args.lifetime, max_idle=args.max_idle, settings=settings,
            local_ip=args.local, progress=progress,
        )  # fmt: skip
    except StunError as exc:
        raise UsageError(str(exc)) from None
    except OSError as exc:
        raise UsageError(f"cannot use the STUN server {server}: {exc.strerror or exc}") from None
    if args.json:
        for e in result.events:
            write_json(event_to_json(e))
    else:
        print(escape_controls(_table(result.discovery, result.lifetime, list(result.findings)),
                              keep_newlines=True))  # fmt: skip
    return EXIT_DIAGNOSED if result.diagnosed else EXIT_OK


def _table(discovery: Discovery, lifetime: Lifetime | None, findings: list[Finding]) -> str:
    if lifetime is None:
        life = "not measured (use --lifetime)"
    elif lifetime.lower is None:
        life = "unknown (see evidence)"
    elif lifetime.upper is None:
        life = f"at least {lifetime.lower:.1f} s (no mapping expired)"
    else:
        life = f"{lifetime.lower:.1f} s (survived), {lifetime.upper:.1f} s expired"
    lines = [
        f"NAT behaviour from {discovery.local} via STUN {discovery.server}",
        f"  {'public address':<18} {discovery.mapped or '-'}",
        f"  {'mapping':<18} {discovery.mapping}",
        f"  {'filtering':<18} {discovery.filtering}",
        f"  {'idle UDP lifetime':<18} {life}",
        "evidence:",
        *(f"  mapping: {e}" for e in discovery.mapping_evidence),
        *(f"  filtering: {e}" for e in discovery.filtering_evidence),
        *(f"  lifetime: {e}" for e in (lifetime.evidence if lifetime else ())),
        "findings:",
    ]
    for f in findings:
        lines.append(f"  [{f.severity}] {finding_title(f)}")
        if f.advice:
            lines.append(f"      {finding_advice(f)}")
    return "\n".join(lines)


# -- softdiag lab-nat ------------------------------------------------------------------

LAB_NAT_TAG = "lab"  # namespaces sdc-lab, sdr-lab, sds-lab: they outlive the command
LAB_NAT_TAG_ENV = "SOFTDIAG_NATLAB_TAG"  # another tag, e.g. for tests beside a developer's


def _add_lab_nat(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "lab-nat",
        help="the lab behind a real NAT: client, router and server network namespaces (root)",
    )
    p.add_argument("action", choices=("up", "down", "status", "rebind", "set"),
                   help="set: change --mode/--udp-timeout of the running NAT")  # fmt: skip
    p.add_argument("--mode", choices=("port-preserving", "symmetric"),
                   help="port-preserving masquerade or symmetric-like masquerade random")  # fmt: skip
    p.add_argument("--udp-timeout", type=int, metavar="S",
                   help="the router's idle UDP mapping timeout (default: kernel's 30/120 s)")  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lab_nat)


def cmd_lab_nat(args: argparse.Namespace) -> int:
    from softdiag.lab import LabError, default_state_dir
    from softdiag.lab.netns import NatLab, namespaces_possible

    state_dir = default_state_dir() / "nat"  # one sub-directory per tag
    if args.udp_timeout is not None and not 1 <= args.udp_timeout <= 3600:
        raise UsageError("--udp-timeout must be between 1 and 3600 seconds")
    try:
        tag = os.environ.get(LAB_NAT_TAG_ENV) or LAB_NAT_TAG
        lab = NatLab.from_state(state_dir / tag, tag=tag)
        if args.action == "up":
            reason = namespaces_possible()
            if reason:
                error_line(reason)
                return EXIT_DIAGNOSED
            lab.mode = args.mode or lab.mode
            lab.udp_timeout = args.udp_timeout
            lab.up()
        elif args.action == "down":
            removed = lab.down()
            if not args.json:
                print("removed: " + (", ".join(removed) if removed else "nothing was running"))
                return EXIT_OK
        elif not lab.exists():
            if args.action == "status" and not args.json:
                print("the NAT lab is not running (softdiag lab-nat up)")
                return EXIT_DIAGNOSED
            if args.action != "status":
                error_line("the NAT lab is not running (softdiag lab-nat up)")
                return EXIT_DIAGNOSED
        elif args.action == "rebind":
            flows = lab.rebind()
            if not args.json:
                print(f"rebinding: {flows} flows flushed in {lab.router_ns}")
                return EXIT_OK
        elif args.action == "set":
            if args.mode:
                lab.set_mode(args.mode)
            if args.udp_timeout is not None:
                lab.set_udp_timeout(args.udp_timeout)
        info = lab.describe()
    except LabError as exc:
        error_line(str(exc))
        return EXIT_DIAGNOSED
    if args.json:
        write_json(info, ensure_ascii=True)
        return EXIT_OK if info["up"] or args.action == "down" else EXIT_DIAGNOSED
    ns = info["namespaces"]
    udp = info["udp_timeout"]
    print(f"NAT lab ({info['mode']}): client {info['client']} in {ns['client']} -> router "
          f"{ns['router']} public {info['public']} -> servers in {ns['server']}")  # fmt: skip
    if udp:
        print(f"  router idle UDP timeout: {udp[0]} s (stream {udp[1]} s)")
    print(f"  STUN {info['stun']} pid {info['stun_pid'] or '-'}; DNS {info['dns']}")
    for s in info["servers"]:
        print(f"  {s['name']:<5} {s['address']:<18} {'alive' if s['alive'] else 'dead':<6} "
              f"pid {s['pid'] or '-'}")  # fmt: skip
    run = f"ip netns exec {ns['client']} softdiag"
    print("  behind the NAT:")
    print(f"    {run} nat --stun {info['stun'].split()[0]} --lifetime")
    print(f"    {run} register --domain voip.test --user alice --password-env VAR "
          f"--dns {info['dns']}")  # fmt: skip
    return EXIT_OK
