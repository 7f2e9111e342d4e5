"""``softdiag bundle export|inspect``, the capture options of register/call (journal, HEP
mirror) and ``softdiag bench bundle``.

Wired into ``softdiag`` by :func:`add_commands` and :func:`add_capture_options`; the
commands that run an account call :func:`start_capture` once their session exists.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import json
import os
import sys
import time
from pathlib import Path

from .events import Log
from .session import Session

__all__ = ["add_capture_options", "add_commands", "cmd_bundle", "start_capture"]

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_capture_options(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("capture")
    g.add_argument(
        "--hep", metavar="HOST:PORT", help="mirror every SIP message to a HEPv3 collector (UDP)"
    )
    g.add_argument(
        "--hep-id", type=int, default=2001, metavar="N", help="HEP capture agent id (default 2001)"
    )
    g.add_argument(
        "--hep-key", default="", metavar="K", help="HEP auth key, if the collector wants one"
    )
    g.add_argument(
        "--hep-key-env", metavar="VAR", help="read the HEP auth key from this environment variable"
    )
    g.add_argument("--no-journal", action="store_true", help="do not journal this run for a bundle")


def start_capture(
    session: Session, args: argparse.Namespace, command: str, secrets: tuple[str, ...] = ()
) -> None:
    """Journal the run and mirror to HEP as the options ask; stopped at exit (atexit).

    Bad ``--hep`` values are bad input (UsageError). A state directory that cannot be
    written is not: the phone works without a journal, and says so once.
    """
    from .bundle.hep import HepMirror, parse_hep_address
    from .bundle.journal import open_journal
    from .cli_contract import UsageError

    hep = getattr(args, "hep", None)
    key = ""
    if hep:
        if not 0 <= args.hep_id < 2**32:
            raise UsageError("--hep-id must be between 0 and 4294967295")
        try:
            host, port = parse_hep_address(hep)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        key = args.hep_key
        if args.hep_key_env:
            if args.hep_key_env not in os.environ:
                raise UsageError(f"--hep-key-env: {args.hep_key_env} is not set")
            key = os.environ[args.hep_key_env]
        mirror = HepMirror(
            host, port, capture_id=args.hep_id, auth_key=key, secrets=secrets
        ).start()
        unsubscribe_hep = session.subscribe(mirror)

        def stop_hep() -> None:
            unsubscribe_hep()
            stats = mirror.close()
            if stats.dropped or stats.errors:
                print(f"softdiag: HEP mirror sent {stats.sent}, dropped {stats.dropped}, "
                      f"{stats.errors} send errors", file=sys.stderr)  # fmt: skip

        atexit.register(stop_hep)
    if getattr(args, "no_journal", False):
        return
    journal = open_journal(command, secrets=(*secrets, key) if hep and key else secrets)
    if journal is None:
        session.publish(
            Log(level="warning", source="journal", message="the run journal cannot be written")
        )
        return
    unsubscribe = session.subscribe(journal)

    def stop_journal() -> None:
        unsubscribe()
        journal.close()

    atexit.register(stop_journal)


# -- bundle ----------------------------------------------------------------------------


def _default_out() -> Path:
    from .bundle.export import default_bundle_name

    return Path.cwd() / default_bundle_name()


def cmd_bundle(args: argparse.Namespace) -> int:
    from .bundle.export import BundleError, export_bundle, inspect_bundle, select_runs
    from .cli_contract import CommandFailed

    try:
        if args.action == "inspect":
            info = inspect_bundle(Path(args.file))
            if args.json:
                print(json.dumps(info))
            else:
                print(f"softdiag bundle v{info.get('version')}: runs {', '.join(info.get('runs', []))}, "
                      f"{info.get('events')} events, {info.get('sip_messages')} SIP messages, "
                      f"language {info.get('lang')}")  # fmt: skip
                for name, size in info["members"].items():
                    print(f"  {name:<14} {size:>10} bytes")
            return EXIT_OK
        runs = select_runs(args.run, args.last)
        out = Path(args.out) if args.out else _default_out()
        summary = export_bundle(runs, out, lang=args.lang)
    except BundleError as exc:
        raise CommandFailed(EXIT_BAD_INPUT, str(exc)) from None
    if args.json:
        print(json.dumps({"path": str(summary.path), "runs": summary.runs, "events": summary.events,
                          "sip_messages": summary.sip_messages, "bytes": summary.size,
                          "seconds": round(summary.seconds, 3)}))  # fmt: skip
    else:
        print(f"{summary.path}: {summary.events} events, {summary.sip_messages} SIP messages from "
              f"run {', '.join(summary.runs)}; {summary.size} bytes in {summary.seconds:.2f} s")  # fmt: skip
    return EXIT_OK


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    from .bundle.texts import LANGUAGES

    p = sub.add_parser("bundle", help="the diagnostic bundle: export a run, inspect a bundle")
    bsub = p.add_subparsers(dest="action", required=True)
    e = bsub.add_parser(
        "export", help="write report.html, events, sip.pcap, settings and logs to a zip"
    )
    e.add_argument(
        "--out", metavar="FILE.zip", help="where to write (default: ./softdiag-bundle-<time>.zip)"
    )
    which = e.add_mutually_exclusive_group()
    which.add_argument(
        "--run", metavar="ID", help="the run to export (softdiag bundle runs lists them)"
    )
    which.add_argument("--last", type=int, metavar="N", help="the last N runs (default 1)")
    e.add_argument("--lang", choices=LANGUAGES, default="en", help="language of report.html")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_bundle)
    i = bsub.add_parser("inspect", help="check a bundle and list what it holds")
    i.add_argument("file", metavar="FILE.zip")
    i.add_argument("--json", action="store_true")
    i.set_defaults(func=cmd_bundle)
    r = bsub.add_parser("runs", help="list the journalled runs")
    r.add_argument("--json", action="store_true")
    r.set_defaults(func=cmd_runs)


def cmd_runs(args: argparse.Namespace) -> int:
    from .bundle.journal import list_runs

    for run in list_runs():
        state = "ended" if run.ended else ("crashed" if run.crashed else "running")
        if args.json:
            print(json.dumps({"id": run.id, "command": run.command, "started": run.started,
                              "state": state, "bytes": run.size}))  # fmt: skip
        else:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(run.started))
            print(f"{run.id}  {stamp}  {run.command:<10} {state:<8} {run.size} bytes")
    return EXIT_OK


# -- bench -----------------------------------------------------------------------------


def bench_bundle(messages: int = 10_000) -> int:
    """Journal ``messages`` SIP messages (REGISTER/200 and INVITE dialogs), export, print."""
    import tempfile

    from .bench.bundle import run_bundle_bench

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
