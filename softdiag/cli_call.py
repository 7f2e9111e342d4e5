"""``softdiag call URI``: a headless test call with live levels, stream statistics and findings.

Wired into ``softdiag`` by :func:`add_commands`.

Contract (DESIGN.md): human text by default, one JSON object per line with ``--json`` (every
event, ``Levels`` included, then one ``CallSummary`` object); exit 0 when the call connected
and no error was diagnosed, 1 on a diagnosed failure (the finding's title on stderr), 2 on
bad input.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import threading
import time
from collections.abc import Callable
from typing import TextIO

from .cli import _account_options, _printer, _spec, running_softphone
from .cli_bundle import add_capture_options, start_capture
from .cli_contract import EXIT_DIAGNOSED, EXIT_OK, UsageError
from .commands import AudioSpec
from .events import (
    AudioPathChanged,
    CallStateChanged,
    Event,
    Levels,
    Log,
    MediaStats,
    SdpExchanged,
)
from .session import Session
from .textsafe import escape_controls
from .userinput import seconds_arg

__all__ = ["add_commands", "cmd_call", "describe_media"]


def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}{unit}"


def describe_media(event: Event) -> str | None:
    """One line for the call and media events (None: not one of them)."""
    if isinstance(event, CallStateChanged):
        text = f"call {event.call} {event.state} {event.uri}"
        if event.code:
            text += f": {event.code} {event.reason}"
        if event.state == "disconnected" and event.duration_s:
            text += f" after {event.duration_s:.1f} s"
        return text
    if isinstance(event, Levels):

        def side(name: str, r: object) -> str:
            from .events import LevelReading

            assert isinstance(r, LevelReading)
            flags = [f for f, on in (("silent", r.silent), ("flat", r.stuck),
                                     ("clip", r.clipping)) if on]  # fmt: skip
            return (f"{name} {r.rms_dbfs:6.1f} dBFS (peak {r.peak_dbfs:6.1f}, hold "
                    f"{r.peak_hold_dbfs:6.1f}){' ' + ','.join(flags) if flags else ''}")  # fmt: skip

        return f"{side('TX', event.tx)} | {side('RX', event.rx)} [{event.tx_source}]"
    if isinstance(event, MediaStats):
        rx, tx = event.rx, event.tx
        return (
            f"{event.codec}/{event.clock_rate} RX {rx.packets} pkt, lost {_fmt(rx.loss_pct, '%')}, "
            f"jitter {_fmt(rx.jitter_ms, ' ms')} | TX {tx.packets} pkt | RTT "
            f"{_fmt(event.rtt_ms, ' ms')} | from {event.rtp_source or '-'} "
            f"(SDP {event.remote_rtp or '-'}) | MOS {_fmt(event.mos, '', 2)}"
        )
    if isinstance(event, SdpExchanged):
        return f"SDP offer/answer exchanged (we were the {'offerer' if event.offerer == 'local' else 'answerer'})"
    if isinstance(event, AudioPathChanged):
        where = ", ".join(x for x in (event.output, event.input) if x)
        return (
            f"audio {event.state}"
            + (f" {where}" if where else "")
            + (f": {event.detail}" if event.detail else "")
        )
    return None


def _call_dump(event: Log) -> bool:
    """pjsua's statistics dump at hang-up (and its blank first line): MediaStats has it."""
    text = event.message.strip()
    return event.source == "pjsip" and (not text or (text.startswith("[") and "Call time" in text))


def _human(out: TextIO, verbose: bool) -> Callable[[Event], None]:
    """Human output: levels once a second, SIP messages only with --verbose."""
    base = _printer(out, as_json=False, verbose=verbose)
    lock = threading.Lock()
    last_levels = [0.0]

    def print_event(event: Event) -> None:
        if not verbose and isinstance(event, Log) and _call_dump(event):
            return
        if isinstance(event, Levels):
            with lock:
                if event.mono - last_levels[0] < 1.0:
                    return
                last_levels[0] = event.mono
        text = describe_media(event)
        if text is None:
            base(event)
            return
        stamp = time.strftime("%H:%M:%S", time.localtime(event.wall))
        millis = int((event.wall % 1) * 1000)
        with lock:
            print(f"{stamp}.{millis:03d} {event.type_name:<19} {escape_controls(text)}", file=out,
                  flush=True)  # fmt: skip

    return print_event


def _audio(args: argparse.Namespace) -> AudioSpec:
    if not 50 <= args.tone_hz <= 7000:
        raise UsageError("--tone-hz must be between 50 and 7000")
    if not -60.0 <= args.tone_dbfs <= -3.0:
        raise UsageError("--tone-dbfs must be between -60 and -3 (dBFS RMS)")
    devices = bool(args.output or args.input or args.devices)
    return AudioSpec(source="devices" if devices else "tone", tone_hz=args.tone_hz, tone_dbfs=args.tone_dbfs,
                     output=args.output, input=args.input)  # fmt: skip


def _fmtp(args: argparse.Namespace) -> tuple[tuple[str, str], ...]:
    from .sip.codecs import parse_fmtp_option

    try:
        return tuple(parse_fmtp_option(text) for text in args.fmtp)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def cmd_call(args: argparse.Namespace) -> int:
    from .media.testcall import TestCall, summary_json
    from .userinput import call_uri

    spec = _spec(args)
    audio = _audio(args)
    try:
        uri = call_uri(args.uri, spec.domain)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    fmtp = _fmtp(args)
    out = sys.stdout
    session = Session()
    printer = _printer(out, as_json=True, verbose=True) if args.json else None
    session.subscribe(printer or _human(out, args.verbose))
    start_capture(session, args, "call", (spec.password,))  # journal, HEP (softdiag.cli_bundle)
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
        return 130 if interrupted else EXIT_DIAGNOSED
    if args.json:
        print(json.dumps(summary_json(result)), file=out, flush=True)
    else:
        buffer = io.StringIO()
        _print_summary(result, buffer)
        out.write(escape_controls(buffer.getvalue(), keep_newlines=True))
    if result.problem:
        print(f"softdiag: {escape_controls(result.problem)}", file=sys.stderr)
        return EXIT_DIAGNOSED
    errors = [f for f in result.findings if f.severity == "error"]
    if errors:
        print(f"softdiag: {escape_controls(errors[0].title)}", file=sys.stderr)
        return EXIT_DIAGNOSED
    return EXIT_OK


def _print_summary(result: object, out: TextIO) -> None:
    from .media.testcall import TestCallResult

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
        print(f"  [{f.severity}] {f.title}", file=out)
        for line in f.evidence:
            print(f"      {line}", file=out)
        if f.advice:
            print(f"      -> {f.advice}", file=out)


def add_commands(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``call`` to softdiag's sub-commands."""
    p = sub.add_parser(
        "call", help="a test call: live levels, stream statistics, one-way-audio findings"
    )
    p.add_argument("uri", help="whom to call: sip:echo@voip.test, echo@host, or just echo")
    _account_options(p)
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
