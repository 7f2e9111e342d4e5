"""``softdiag bundle export|inspect|runs``: the diagnostic bundle of a journalled run.

The runs are journalled by ``register`` and ``call`` (``softdiag.cli.account.start_capture``);
``softdiag bench bundle`` measures the export (``softdiag.cli.bench``).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from softdiag.cli.output import EXIT_BAD_INPUT, EXIT_OK, CommandFailed, write_json

__all__ = ["add_parser", "cmd_bundle", "cmd_runs"]


def _default_out() -> Path:
    from softdiag.bundle.export import default_bundle_name

    return Path.cwd() / default_bundle_name()


def cmd_bundle(args: argparse.Namespace) -> int:
    from softdiag.bundle.export import BundleError, export_bundle, inspect_bundle, select_runs

    try:
        if args.action == "inspect":
            info = inspect_bundle(Path(args.file))
            if args.json:
                write_json(info, ensure_ascii=True)
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
        write_json({"path": str(summary.path), "runs": summary.runs, "events": summary.events,
                    "sip_messages": summary.sip_messages, "bytes": summary.size,
                    "seconds": round(summary.seconds, 3)}, ensure_ascii=True)  # fmt: skip
    else:
        print(f"{summary.path}: {summary.events} events, {summary.sip_messages} SIP messages from "
              f"run {', '.join(summary.runs)}; {summary.size} bytes in {summary.seconds:.2f} s")  # fmt: skip
    return EXIT_OK


HELP_ORDER = 60  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    from softdiag.bundle.texts import LANGUAGES

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
    from softdiag.bundle.journal import list_runs

    for run in list_runs():
        state = "ended" if run.ended else ("crashed" if run.crashed else "running")
        if args.json:
            write_json({"id": run.id, "command": run.command, "started": run.started,
                        "state": state, "bytes": run.size}, ensure_ascii=True)  # fmt: skip
        else:
            stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(run.started))
            print(f"{run.id}  {stamp}  {run.command:<10} {state:<8} {run.size} bytes")
    return EXIT_OK
