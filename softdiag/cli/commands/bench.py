"""``softdiag bench failover|media|bundle|reachability|fuzz|soak``: benchmarks that print
figures side by side. Progress goes to stderr: stdout is the table or the JSON lines."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from softdiag.cli.output import EXIT_DIAGNOSED, EXIT_OK, UsageError, error_line, write_json
from softdiag.userinput import seconds_arg

__all__ = ["add_parser", "bench_bundle", "cmd_bench"]


HELP_ORDER = 50  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("bench", help="benchmarks that print figures side by side")
    p.add_argument("which", choices=("failover", "media", "bundle", "reachability", "fuzz", "soak"))
    p.add_argument("--trials", type=int, default=5, help="trials per fault (default 5)")
    p.add_argument("--refreshes", type=int, default=30, help="refreshes with rotating DNS")
    p.add_argument("--window", type=float, default=60.0, metavar="S",
                   help="length of each fault trial (default 60 s)")  # fmt: skip
    p.add_argument("--transport", choices=("udp", "tcp", "tls"), default="udp",
                   help="failover: over UDP, TCP or TLS (verified with the lab's CA)")  # fmt: skip
    p.add_argument("--minutes", type=seconds_arg("--minutes", hi=1440.0, unit="minutes"), metavar="N",
                   help="reachability: minutes per policy and profile (default 2); "
                        "soak: how long (default 30)")  # fmt: skip
    p.add_argument("--lab-net", default="127.0.0", metavar="A.B.C",
                   help="reachability: the lab's /24 on loopback (default 127.0.0)")  # fmt: skip
    p.add_argument("--split", action="store_true",
                   help="reachability: registrars without DMQ replication (case 3)")  # fmt: skip
    p.add_argument("--probe-profile", choices=("default", "fast"),
                   help="failover, reachability: only this probe profile (default: both)")  # fmt: skip
    p.add_argument("--topology", choices=("loopback", "nat"), default="loopback",
                   help="reachability: the loopback lab, or the client behind the NAT lab's "
                        "router (network namespaces, root)")  # fmt: skip
    p.add_argument(
        "--net", default="127.0.0", help="soak: the loopback /24 to use (.20-.24, .110-.112)"
    )
    p.add_argument("--count", type=int, default=100_000, help="fuzz: inputs per parser")
    p.add_argument("--seed", type=int, default=0, help="fuzz: random seed")
    p.add_argument("--corpus", metavar="DIR", help="fuzz: seed corpus (sip/, stun/ folders)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_bench)


def cmd_bench(args: argparse.Namespace) -> int:
    from softdiag.bench.failover import COLUMNS, format_table, run_failover_bench
    from softdiag.lab import LabError

    def say(message: str) -> None:
        if not args.json:  # progress goes to stderr: stdout is the table or JSON
            print(message, file=sys.stderr, flush=True)

    if args.which == "bundle":
        return bench_bundle()
    if args.which == "reachability":
        from softdiag.bench.reachability import cmd_reachability

        args.minutes = 2.0 if args.minutes is None else args.minutes
        return cmd_reachability(args, say)
    if args.which == "fuzz":
        return _bench_fuzz(args)
    if args.which == "soak":
        args.minutes = 30.0 if args.minutes is None else args.minutes
        return _bench_soak(args, say)
    if args.which == "media":
        from softdiag.bench.media import format_media, run_media_bench

        meter, bridge = run_media_bench(say=say)
        print(format_media(meter, bridge))
        return EXIT_OK
    say(f"softdiag bench failover ({args.transport}): {args.trials} kill + {args.trials} "
        f"freeze trials of {args.window:.0f} s, then {args.refreshes} refreshes with rotating "
        "DNS")  # fmt: skip
    try:
        from softdiag.bench.reachability import lab_for

        lab = lab_for(args.lab_net, cluster=not args.split) if args.lab_net != "127.0.0" else None
        columns = tuple(c for c in COLUMNS if args.probe_profile in (None, c[1]))
        results = run_failover_bench(
            trials=args.trials, refreshes=args.refreshes, window=args.window, say=say,
            transport=args.transport, lab=lab, columns=columns,
        )  # fmt: skip
    except LabError as exc:
        error_line(str(exc))
        return EXIT_DIAGNOSED
    if args.json:
        for r in results:
            write_json({**asdict(r), "registered_share": r.registered_share}, ensure_ascii=True)
    else:
        print(format_table(results, args.window))
    return EXIT_OK


def _bench_fuzz(args: argparse.Namespace) -> int:
    from pathlib import Path

    from softdiag.bench.fuzz import format_fuzz, run_fuzz

    corpus = Path(args.corpus) if args.corpus else None
    if corpus is not None and not corpus.is_dir():
        raise UsageError(f"no corpus folder at {corpus}")
    print(f"softdiag bench fuzz: {args.count} inputs per parser, seed {args.seed}",
          file=sys.stderr, flush=True)  # fmt: skip
    results = run_fuzz(args.count, seed=args.seed, corpus=corpus)
    if args.json:
        for r in results:
            write_json({"type": "FuzzResult", **asdict(r)}, ensure_ascii=True)
    else:
        print(format_fuzz(results))
    return EXIT_DIAGNOSED if any(r.crashes for r in results) else EXIT_OK


def _bench_soak(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    import tempfile
    from pathlib import Path

    from softdiag.bench.soak import format_soak, run_soak
    from softdiag.lab import LabError

    if not 0 < args.minutes <= 24 * 60:
        raise UsageError("--minutes must be more than 0 and at most 1440")
    say(f"softdiag bench soak: {args.minutes:g} min of random faults on {args.net}.20-.24 "
        f"and hostile servers on {args.net}.110-.112")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="softdiag-soak-") as state:
        try:
            result = run_soak(args.minutes, net=args.net, state_dir=Path(state),
                              seed=args.seed, say=say)  # fmt: skip
        except (LabError, OSError, RuntimeError) as exc:
            error_line(str(exc))
            return EXIT_DIAGNOSED
    if args.json:
        write_json({"type": "SoakResult", "seconds": result.seconds,
                    "registered_share": result.registered_share, "faults": result.faults,
                    "samples": [asdict(s) for s in result.samples]}, ensure_ascii=True)  # fmt: skip
    else:
        print(format_soak(result))
    return EXIT_OK if result.registered_share >= 0.99 else EXIT_DIAGNOSED


def bench_bundle(messages: int = 10_000) -> int:
    """Journal ``messages`` SIP messages (REGISTER/200 and INVITE dialogs), export, print."""
    import tempfile

    from softdiag.bench.bundle import run_bundle_bench

    with tempfile.TemporaryDirectory(prefix="softdiag-bench-") as tmp:
        result = run_bundle_bench(Path(tmp), messages)
    print(f"bundle: {result.messages} SIP messages ({result.events} events, journal "
          f"{result.journal_bytes / 1e6:.1f} MB) exported in {result.seconds:.2f} s "
          f"(target <= 3 s) to {result.bundle_bytes / 1e6:.2f} MB (target <= 10 MB)")  # fmt: skip
    for stage, seconds in result.stages:
        print(f"  {stage:<22} {seconds:6.2f} s")
    with contextlib.suppress(Exception):
        sys.stdout.flush()
    return EXIT_OK
