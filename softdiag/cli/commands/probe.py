"""``softdiag probe DOMAIN``: SIP OPTIONS to every target of a domain, in parallel, from
softdiag's own sockets. Exit 0 when at least one target answers."""

from __future__ import annotations

import argparse
from typing import Any

from softdiag.cli.account import check_tls, resolve_domain, tls_options
from softdiag.cli.output import EXIT_DIAGNOSED, EXIT_OK, write_json
from softdiag.describe import finding_title
from softdiag.events import event_to_json
from softdiag.findings import make_finding
from softdiag.textsafe import escape_controls
from softdiag.userinput import seconds_arg

__all__ = ["add_parser", "cmd_probe"]


HELP_ORDER = 20  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("probe", help="SIP OPTIONS to every target of a domain, in parallel")
    p.add_argument("domain")
    p.add_argument("--transport", choices=("udp", "tcp", "tls"))
    p.add_argument("--dns", metavar="HOST[:PORT]")
    p.add_argument("--timeout", type=seconds_arg("--timeout", hi=60.0), default=1.0, metavar="S")
    p.add_argument("--json", action="store_true")
    tls_options(p)
    p.set_defaults(func=cmd_probe)


def cmd_probe(args: argparse.Namespace) -> int:
    import asyncio

    from softdiag.failover.prober import OptionsProber
    from softdiag.sip.tls import TlsPolicy

    check_tls(args.ca)
    tls = TlsPolicy(verify=not args.tls_no_verify, ca_file=args.ca)
    res = resolve_domain(args)
    prober = OptionsProber(res.domain.split(":")[0], timeout=args.timeout, tls=tls)
    results = asyncio.run(prober.probe_all(list(res.targets)))
    if args.json:
        for r in results:
            write_json(event_to_json(r), ensure_ascii=True)
    else:
        print(f"{res.domain} ({res.transport}): OPTIONS from softdiag's own sockets")
        print(f"  {'target':<22} {'tr':<4} {'health':<12} {'code':<26} {'rtt':>8}  "
              f"{'seen as':<22} server")  # fmt: skip
        for r in results:
            code = f"{r.code} {r.reason}" if r.code else (r.failure or r.reason)
            rtt = f"{r.rtt_ms:.1f} ms" if r.rtt_ms is not None else "-"
            seen = f"{r.received}:{r.rport}" if r.received else "-"
            line = (f"  {r.target:<22} {r.transport:<4} {r.status:<12} {code[:26]:<26} {rtt:>8}  "
                    f"{seen:<22} {r.server or '-'}")  # fmt: skip
            print(escape_controls(line))
        for r in results:  # TCP/TLS failures: the phase, and a TLS finding's certificate
            if r.failure:
                print(escape_controls(f"  {r.target}/{r.transport}: {r.reason}"))
            if r.finding is not None:
                print(escape_controls(f"    {finding_title(r.finding)}"))
                for line in r.finding.evidence:
                    print(escape_controls(f"      {line}"))
        if not tls.verify:
            print("  warning: " + finding_title(make_finding("tls.verification_off")))
    return EXIT_OK if any(r.status == "ok" for r in results) else EXIT_DIAGNOSED
