"""``softdiag call URI``: a headless test call with live levels, stream statistics and findings.

Wired into ``softdiag`` by :func:`add_parser`.

Contract (DESIGN.md): human text by default, one JSON object per line with ``--json`` (every
event, ``Levels`` included, then one ``CallSummary`` object); exit 0 when the call connected
and no error was diagnosed, 1 on a diagnosed failure (the finding's title on stderr), 2 on
bad input.
"""

from __future__ import annotations

import argparse
import io
import sys
from typing import Any, TextIO

from softdiag.cli.account import (
    account_options,
    account_spec,
    add_capture_options,
    running_softphone,
    start_capture,
)
from softdiag.cli.output import (
    EXIT_DIAGNOSED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    UsageError,
    error_line,
    event_printer,
    write_json,
)
from softdiag.commands import AudioSpec
from softdiag.describe import finding_advice, finding_title
from softdiag.describe import format_value as _fmt
from softdiag.session import Session
from softdiag.textsafe import escape_controls
from softdiag.userinput import seconds_arg

__all__ = ["add_parser", "cmd_call"]


def _audio(args: argparse.Namespace) -> AudioSpec:
    if not 50 <= args.tone_hz <= 7000:
        raise UsageError("--tone-hz must be between 50 and 7000")
    if not -60.0 <= args.tone_dbfs <= -3.0:
        raise UsageError("--tone-dbfs must be between -60 and -3 (dBFS RMS)")
    devices = bool(args.output or args.input or args.devices)
    return AudioSpec(source="devices" if devices else "tone", tone_hz=args.tone_hz, tone_dbfs=args.tone_dbfs,
                     output=args.output, input=args.input)  # fmt: skip


def _fmtp(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    from softdiag.sip.codecs import parse_fmtp_option

    try:
        return tuple(parse_fmtp_option(text) for text in args.fmtp)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_call(args: argparse.Namespace) -> int:
    from softdiag.media.testcall import TestCall, summary_json
    from softdiag.userinput import call_uri

    spec = account_spec(args)
    audio = _audio(args)
    try:
        uri = call_uri(args.uri, spec.domain)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    fmtp = _fmtp(args)
    out = sys.stdout
    session = Session()
    session.subscribe(event_printer(out, as_json=args.json, verbose=args.verbose))
    start_capture(session, args, "call", (spec.password,))  # journal, HEP
    interrupted = False
    result = None
    probes = (args.probe_profile, args.probe_interval)
    with running_softphone(session, spec, policy=args.policy, bind_ip=args.bind, probes=probes) as (
        phone,
        resolution,
    ):
        # Listening before the REGISTER goes out: the call waits for its 200 OK.
        if fmtp:
            phone.engine.set_offer_fmtp(fmtp)
        test = TestCall(phone, session, uri, duration=args.duration, audio=audio)
        try:
            phone.register_resolved(spec, resolution)
            result = test.run(None, registered=False)
        except KeyboardInterrupt:
            interrupted = True
            test.cancel()
    if result is None:
        return EXIT_INTERRUPTED if interrupted else EXIT_DIAGNOSED
    if args.json:
        write_json(summary_json(result), out, ensure_ascii=True)
    else:
        buffer = io.StringIO()
        _print_summary(result, buffer)
        out.write(escape_controls(buffer.getvalue(), keep_newlines=True))
    if result.problem:
        error_line(result.problem)
        return EXIT_DIAGNOSED
    errors = [f for f in result.findings if f.severity == "error"]
    if errors:
        error_line(finding_title(errors[0]))
        return EXIT_DIAGNOSED
    return EXIT_OK


def _print_summary(result: object, out: TextIO) -> None:
    from softdiag.media.testcall import TestCallResult

    assert isinstance(result, TestCallResult)
    print("", file=out)
    state = "connected" if result.connected else "not connected"
    print(f"test call to {result.uri}: {state}, {result.duration_s:.1f} s, "
          f"{result.code} {result.reason}".rstrip(), file=out)  # fmt: skip
    print(f"  levels  TX {_fmt(result.tx_rms_dbfs, ' dBFS')} (peak "
          f"{_fmt(result.tx_peak_dbfs, ' dBFS')})   RX {_fmt(result.rx_rms_dbfs, ' dBFS')} "
          f"(peak {_fmt(result.rx_peak_dbfs, ' dBFS')})   {result.levels_rate_hz:.0f} updates/s",
          file=out)  # fmt: skip
    s = result.stats
    if s is not None:
        print(f"  stream  {s.codec}/{s.clock_rate}  RX {s.rx.packets} pkt, lost "
              f"{_fmt(s.rx.loss_pct, ' %')}, jitter {_fmt(s.rx.jitter_ms, ' ms')}   TX "
              f"{s.tx.packets} pkt   RTT {_fmt(s.rtt_ms, ' ms')}   MOS {_fmt(s.mos, '', 2)}",
              file=out)  # fmt: skip
        print(f"  media   ours {s.local_rtp or '-'}   theirs (SDP) {s.remote_rtp or '-'}   "
              f"RTP from {s.rtp_source or 'nowhere'}", file=out)  # fmt: skip
    if not result.findings:
        print("  findings: none - audio flowed both ways", file=out)
    for f in result.findings:
        print(f"  [{f.severity}] {finding_title(f)}", file=out)
        for line in f.evidence:
            print(f"      {line}", file=out)
        if f.advice:
            print(f"      -> {finding_advice(f)}", file=out)


HELP_ORDER = 80  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    p = sub.add_parser(
        "call", help="a test call: live levels, stream statistics, one-way-audio findings"
    )
    p.add_argument("uri", help="whom to call: sip:echo@voip.test, echo@host, or just echo")
    account_options(p)
    p.add_argument("--duration", type=seconds_arg("--duration", hi=86400.0), default=10.0, metavar="S",
                   help="seconds to stay in the call once answered (default 10)")  # fmt: skip
    p.add_argument("--tone-hz", type=int, default=1000, metavar="HZ",
                   help="frequency of the test signal (default 1000)")  # fmt: skip
    p.add_argument("--tone-dbfs", type=float, default=-20.0, metavar="DB",
                   help="RMS level of the test signal in dBFS (default -20)")  # fmt: skip
    p.add_argument("--devices", action="store_true",
                   help="talk through the default sound devices instead of the test signal")  # fmt: skip
    p.add_argument("--output", metavar="DEV", help="output device (id or name): implies --devices")
    p.add_argument("--input", metavar="DEV", help="input device (id or name): implies --devices")
    p.add_argument("--bind", metavar="IP", help="local IP for SIP and RTP (default: automatic)")
    p.add_argument("--fmtp", action="append", default=[], metavar="CODEC:NAME=VALUE",
                   help="offer this extra fmtp on a codec, e.g. PCMU:abc=no (repeatable): "
                        "reproduces a device's unusual offer")  # fmt: skip
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("-v", "--verbose", action="store_true", help="print whole SIP messages")
    add_capture_options(p)
    p.set_defaults(func=cmd_call)
