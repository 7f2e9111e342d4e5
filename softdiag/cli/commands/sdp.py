"""``softdiag sdp analyze``: offer/answer findings, offline, from files or a capture.

``softdiag sdp analyze OFFER ANSWER`` reads two files, each an SDP body or a whole SIP
message (its headers then name the path: Via, Record-Route, Server, User-Agent);
``--from FILE`` reads a pcap/pcapng capture, or a zip bundle holding one, and analyses every
INVITE/200 offer/answer pair in it. Human text by default, one ``SdpAnalysed`` JSON object
per exchange with ``--json``. Exit 0 when the analysis ran (with or without findings), 2 with
a one-line reason on stderr when a file cannot be read or holds no offer/answer pair.
"""

from __future__ import annotations

import argparse
import io
import sys
import zipfile
from pathlib import Path
from typing import Any

from softdiag.cli.output import EXIT_DIAGNOSED, EXIT_OK, UsageError, write_json
from softdiag.describe import finding_advice, finding_title
from softdiag.events import SdpAnalysed, event_to_json

__all__ = ["add_parser", "cmd_sdp_analyze", "cmd_sdp_fuzz"]

MAX_FILE = 64 * 1024 * 1024  # a capture bigger than this is not read whole into memory


class _Unreadable(Exception):
    pass


HELP_ORDER = 110  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser("sdp", help="SDP offer/answer analysis (sdp.*, dtls.*, ice.* findings)")
    actions = p.add_subparsers(dest="sdp_action", required=True)
    a = actions.add_parser("analyze", help="findings for an offer/answer pair, or a capture's")
    a.add_argument("offer", nargs="?", help="the offer: an SDP body or a whole SIP message")
    a.add_argument("answer", nargs="?", help="the answer: an SDP body or a whole SIP message")
    a.add_argument("--from", dest="capture", metavar="FILE",
                   help="a pcap/pcapng capture (or a zip bundle with one): every INVITE/200 "
                        "offer/answer pair in it")  # fmt: skip
    a.add_argument("--json", action="store_true", help="one JSON object per exchange")
    a.set_defaults(func=cmd_sdp_analyze)
    f = actions.add_parser("fuzz", help="structure-aware fuzzing of the SDP parser and rules")
    f.add_argument("--inputs", type=int, default=100_000, help="offer/answer pairs to try")
    f.add_argument("--seed", type=int, default=1, help="random seed (reproduces a run)")
    f.add_argument("--max-seconds", type=float, default=3600.0, metavar="S",
                   help="stop after this long even if inputs remain")  # fmt: skip
    f.add_argument("--json", action="store_true", help="one JSON object")
    f.set_defaults(func=cmd_sdp_fuzz)


def _read(path: str, limit: int = MAX_FILE) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise _Unreadable(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise _Unreadable(f"{path} is larger than {limit // (1024 * 1024)} MiB")
    return data


def _text(path: str) -> tuple[str, tuple[tuple[str, str], ...]]:
    """An SDP body and the headers of the SIP message around it (none for a bare body)."""
    from softdiag.sdp.capture import split_message

    data = _read(path, 1024 * 1024)
    if b"\x00" in data:
        raise _Unreadable(f"{path} is binary, not SDP or a SIP message")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _Unreadable(f"{path} is not UTF-8 text") from None
    message = split_message(text)
    if message is None:
        return text, ()
    _start, headers, body = message
    if not body:
        raise _Unreadable(f"{path} is a SIP message without an SDP body")
    return body, headers


def _capture_exchanges(path: str) -> list[Any]:
    from softdiag.sdp.capture import CaptureError, exchanges, sip_messages

    data = _read(path)
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as bundle:
                names = [n for n in bundle.namelist() if n.endswith((".pcap", ".pcapng"))]
                if not names:
                    raise _Unreadable(f"{path} is a zip without a .pcap or .pcapng capture")
                data = bundle.read(names[0])
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise _Unreadable(f"{path} is a damaged zip ({exc})") from None
    try:
        found = exchanges(sip_messages(io.BytesIO(data)))
    except CaptureError as exc:
        raise _Unreadable(f"{path}: {exc}") from None
    if not found:
        raise _Unreadable(f"{path} holds no INVITE/200 offer/answer pair")
    return found


def cmd_sdp_analyze(args: argparse.Namespace) -> int:
    from softdiag.sdp.rules import Party, analyze

    jobs: list[tuple[str, str, str, Party, Party]] = []
    try:
        if args.capture:
            if args.offer or args.answer:
                raise UsageError("give OFFER ANSWER files or --from FILE, not both")
            for ex in _capture_exchanges(args.capture):
                label = f"Call-ID {ex.call_id}: {ex.offer_first_line} / {ex.answer_first_line}"
                jobs.append((label, ex.offer, ex.answer, Party("local", ex.offer_headers),
                             Party("remote", ex.answer_headers)))  # fmt: skip
        else:
            if not (args.offer and args.answer):
                raise UsageError("give OFFER and ANSWER files, or --from FILE")
            offer, offer_headers = _text(args.offer)
            answer, answer_headers = _text(args.answer)
            jobs.append((f"{Path(args.offer).name} / {Path(args.answer).name}", offer, answer,
                         Party("local", offer_headers), Party("remote", answer_headers)))  # fmt: skip
    except _Unreadable as exc:
        raise UsageError(str(exc)) from None
    for number, (label, offer, answer, offerer, answerer) in enumerate(jobs, start=1):
        result = analyze(offer, answer, offerer=offerer, answerer=answerer)
        event = SdpAnalysed(call=number, findings=result.findings, marks=result.marks,
                            source=label)  # fmt: skip
        if args.json:
            write_json(event_to_json(event), ensure_ascii=True)
        else:
            _print_human(event)
    return EXIT_OK


def _print_human(event: SdpAnalysed) -> None:
    print(f"{event.source}: {len(event.findings) or 'no'} finding(s)")
    for finding in event.findings:
        print(f"  {finding.severity:<7} {finding.id}: {finding_title(finding)}")
        for line in finding.evidence:
            print(f"          {line}")
        print(f"          advice: {finding_advice(finding)}")


def cmd_sdp_fuzz(args: argparse.Namespace) -> int:
    """Exit 0 with no crash, 1 when a crash was found (its input printed on stderr)."""
    from softdiag.sdp.fuzz import run_fuzz

    if not 1 <= args.inputs <= 100_000_000 or not 0 < args.max_seconds <= 86_400:
        raise UsageError("--inputs must be 1 to 10^8 and --max-seconds 0 to 86400")
    try:
        report = run_fuzz(args.inputs, seed=args.seed, max_seconds=args.max_seconds)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    figures = {
        "type": "SdpFuzz", "inputs": report.inputs, "crashes": report.crashes,
        "seconds": round(report.seconds, 2), "per_second": round(report.rate),
        "seeds": report.seeds, "finding_ids": sorted(report.ids),
    }  # fmt: skip
    if args.json:
        write_json(figures, ensure_ascii=True)
    else:
        print(f"sdp fuzz: {report.inputs} inputs from {report.seeds} seeds, {report.crashes} "
              f"crashes, {report.seconds:.1f} s ({report.rate:.0f}/s), "
              f"{len(report.ids)} finding ids reached")  # fmt: skip
    if report.crashes:
        print(report.first_crash, file=sys.stderr)
        return EXIT_DIAGNOSED
    return EXIT_OK
