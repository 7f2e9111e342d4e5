"""The ``softdiag`` command: the GUI with no arguments, headless sub-commands otherwise.

Contract (DESIGN.md): human text by default, one JSON object per line with ``--json``;
exit 0 on success, 1 on a diagnosed failure, 2 on bad input with a one-line reason on
stderr. Never a traceback for something the user did.

This module must import without PySide6: the GUI is imported only when it is started.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, TextIO

from .cli_bundle import add_capture_options, start_capture
from .cli_contract import EXIT_BAD_INPUT, EXIT_DIAGNOSED, EXIT_OK, CommandFailed, UsageError
from .commands import AccountSpec
from .describe import format_line
from .dns import DnsProblem, Resolution, SipResolver
from .dns.resolver import impossible_targets_finding
from .events import (
    Event,
    Finding,
    Log,
    ProbeResult,
    RegistrationChanged,
    ServersChanged,
    SipMessage,
    event_to_json,
)
from .findings import make_finding
from .session import Session
from .textsafe import escape_controls
from .userinput import seconds_arg

if TYPE_CHECKING:  # pjsua2 loads only for the commands that run the engine
    from .account import Softphone

__all__ = ["main"]

# Failures of the account itself: no other server will accept it, so stop at once.
# Server failures (timeouts, 5xx) are the failover policy's business, not a reason to quit.
ACCOUNT_FAILURES = frozenset(
    {
        "registration.credentials_rejected",
        "registration.not_found",
        "registration.failed",
        "registration.unexpected_expiry",
    }
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        # argparse prints the whole usage; the contract is one line.
        raise UsageError(message)


def _noise(event: Event) -> bool:
    """What human output leaves out unless --verbose: it is all in --json."""
    return (
        isinstance(event, SipMessage | ServersChanged)
        or (isinstance(event, Log) and event.level == "debug")
        or (isinstance(event, ProbeResult) and event.status == "ok")
    )


def _printer(out: TextIO, *, as_json: bool, verbose: bool) -> Callable[[Event], None]:
    lock = threading.Lock()

    def print_event(event: Event) -> None:
        if not as_json and not verbose and _noise(event):
            return
        line = (
            json.dumps(event_to_json(event), ensure_ascii=False)
            if as_json
            else escape_controls(format_line(event))
        )
        if verbose and not as_json and isinstance(event, SipMessage):
            text = event.text.rstrip().replace("\r\n", "\n")
            line += "\n    " + escape_controls(text, keep_newlines=True).replace("\n", "\n    ")
        with lock:  # events arrive from several threads
            print(line, file=out, flush=True)

    return print_event


# -- resolve ---------------------------------------------------------------------------


def _resolve(args: argparse.Namespace) -> Resolution:
    """``args.domain`` through ``args.dns``; every DNS problem is bad input (exit 2)."""
    try:
        resolver = SipResolver(args.dns)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        return resolver.resolve(args.domain, args.transport)
    except DnsProblem as problem:
        raise UsageError(problem.message) from None


def cmd_resolve(args: argparse.Namespace) -> int:
    res = _resolve(args)
    if args.json:
        for t in res.targets:
            print(json.dumps({"type": "Target", **asdict(t)}))
        if res.rejected:
            print(json.dumps(event_to_json(impossible_targets_finding(res)), ensure_ascii=False))
        return EXIT_OK
    print(f"{res.domain} ({res.transport}) via DNS {res.nameserver}")
    print(
        f"  {'#':>2}  {'address':<22} {'transport':<9} {'prio':>4} {'weight':>6} {'ttl':>5}  from"
    )
    for i, t in enumerate(res.targets, 1):
        print(
            f"  {i:>2}  {t.hostport:<22} {t.transport:<9} {t.priority:>4} {t.weight:>6} "
            f"{t.ttl:>5}  {t.source} {t.host}"
        )
    print(f"  DNS answer order: {', '.join(res.answer_order)}")
    for rejected in res.rejected:
        print(escape_controls(f"  left out (impossible server): {rejected}"))
    return EXIT_OK


# -- register --------------------------------------------------------------------------


def _password(args: argparse.Namespace) -> str:
    from .settings import account_password

    try:
        return account_password(args.user, args.domain, args.password_env, keychain=False)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def _spec(args: argparse.Namespace) -> AccountSpec:
    from .userinput import normalise_account

    spec = AccountSpec(
        domain=args.domain,
        user=args.user,
        password="",  # asked for only once the account itself is known to be usable
        transport=args.transport,
        dns=args.dns,
        expires=args.expires,
        ca_file=getattr(args, "ca", None),
        tls_verify=not getattr(args, "tls_no_verify", False),
    )
    try:
        spec = normalise_account(spec)  # user part encoded, domain and DNS server checked
    except ValueError as exc:
        hint = " (use --password-env VAR)" if ":" in args.user else ""
        raise UsageError(f"{exc}{hint}") from None
    _check_tls(spec.ca_file)
    return dataclasses.replace(spec, password=_password(args))


def _check_tls(ca_file: str | None) -> None:
    """A missing, unreadable or non-certificate --ca is bad input (exit 2)."""
    from .sip.tls import TlsPolicy, TlsSetupError

    try:
        TlsPolicy(ca_file=ca_file).check()
    except TlsSetupError as exc:
        raise UsageError(str(exc)) from None


def _tls_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ca", metavar="FILE",
                   help="TLS: also trust the CA certificates in this PEM file")  # fmt: skip
    p.add_argument("--tls-no-verify", action="store_true",
                   help="TLS: do not verify the server's certificate (reported as a finding)")  # fmt: skip


@contextlib.contextmanager
def running_softphone(
    session: Session,
    spec: AccountSpec,
    *,
    policy: str = "sticky",
    bind_ip: str | None = None,
    answer: str = "ring",
    probes: tuple[str, float | None] = ("default", None),
) -> Iterator[tuple[Softphone, Resolution]]:
    """Resolve and start the engine (or raise CommandFailed); always shut it down after.

    The caller registers (``phone.register_resolved``) once it listens to the session.
    Ctrl-C during the shutdown must not leave pjsua2 half-destroyed: it is ignored then.
    """
    from .account import EngineError, Softphone

    try:
        phone = Softphone(session, policy=policy, bind_ip=bind_ip, answer_mode=answer,  # type: ignore[arg-type]
                          probe_profile=probes[0], probe_interval=probes[1])  # type: ignore[arg-type]  # fmt: skip
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        resolution = phone.resolve(spec)
    except DnsProblem as problem:
        raise CommandFailed(EXIT_BAD_INPUT, problem.message) from None
    try:
        phone.start()
    except EngineError as exc:
        raise CommandFailed(EXIT_DIAGNOSED, f"the SIP engine could not start: {exc}") from None
    try:
        yield phone, resolution
    finally:
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            phone.shutdown()
        except EngineError as exc:
            print(f"softdiag: {exc}", file=sys.stderr)
        finally:
            signal.signal(signal.SIGINT, previous)


def run_account(spec: AccountSpec, *, duration: float | None, out: TextIO, as_json: bool,
                verbose: bool, policy: str = "sticky", answer: str = "ring",
                probes: tuple[str, float | None] = ("default", None),
                capture: argparse.Namespace | None = None) -> int:  # fmt: skip
    """Register, stream events until ``duration`` ends (or Ctrl-C), unregister. Exit code.

    Incoming calls get ``answer``: auto (answered with the test signal, levels, statistics
    and findings as for ``softdiag call``), busy (486) or ring (until the caller gives up).
    """
    from .cli_call import _human

    session = Session()
    session.subscribe(
        _printer(out, as_json=True, verbose=True) if as_json else _human(out, verbose)
    )
    outcome: list[RegistrationChanged] = []
    findings: list[Finding] = []
    refused = threading.Event()  # the account itself was refused: stop early

    def watch(event: Event) -> None:
        if isinstance(event, RegistrationChanged) and event.state in ("registered", "failed"):
            outcome.append(event)
        elif isinstance(event, Finding) and event.id in ACCOUNT_FAILURES:
            findings.append(event)
            refused.set()

    session.subscribe(watch)
    if capture is not None:  # the run journal and the HEP mirror (softdiag.cli_bundle)
        start_capture(session, capture, "register", (spec.password,))
    interrupted = False
    with running_softphone(session, spec, policy=policy, answer=answer, probes=probes) as (
        phone,
        resolution,
    ):
        try:
            phone.register_resolved(spec, resolution)
            deadline = None if duration is None else time.monotonic() + duration
            while not refused.is_set():
                remaining = 3600.0 if deadline is None else deadline - time.monotonic()
                if remaining <= 0:
                    break
                # Wakes up at least every 0.5 s so that Ctrl-C is handled promptly.
                refused.wait(min(0.5, remaining))
        except KeyboardInterrupt:
            interrupted = True
    if findings:
        print(f"softdiag: {escape_controls(findings[-1].title)}", file=sys.stderr)
        return EXIT_DIAGNOSED
    if not any(e.state == "registered" for e in outcome):
        print("softdiag: the registration did not complete in time", file=sys.stderr)
        return EXIT_DIAGNOSED
    return 130 if interrupted else EXIT_OK


def cmd_register(args: argparse.Namespace) -> int:
    spec = _spec(args)
    return run_account(spec, duration=args.duration, out=sys.stdout, as_json=args.json,
                       verbose=args.verbose, policy=args.policy, answer=args.answer,
                       probes=(args.probe_profile, args.probe_interval), capture=args)  # fmt: skip


# -- probe -----------------------------------------------------------------------------


def cmd_probe(args: argparse.Namespace) -> int:
    import asyncio

    from .failover.prober import OptionsProber
    from .sip.tls import TlsPolicy

    _check_tls(args.ca)
    tls = TlsPolicy(verify=not args.tls_no_verify, ca_file=args.ca)
    res = _resolve(args)
    prober = OptionsProber(res.domain.split(":")[0], timeout=args.timeout, tls=tls)
    results = asyncio.run(prober.probe_all(list(res.targets)))
    if args.json:
        for r in results:
            print(json.dumps(event_to_json(r)))
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
                print(escape_controls(f"    {r.finding.title}"))
                for line in r.finding.evidence:
                    print(escape_controls(f"      {line}"))
        if not tls.verify:
            print("  warning: " + make_finding("tls.verification_off").title)
    return EXIT_OK if any(r.status == "ok" for r in results) else EXIT_DIAGNOSED


# -- lab -------------------------------------------------------------------------------


def cmd_lab(args: argparse.Namespace) -> int:
    from .lab import Lab, LabError

    lab = Lab()
    try:
        if args.action == "scenario":
            return _lab_scenario(lab, args)
        if args.action == "up":
            statuses = lab.up()
        elif args.action == "down":
            stopped = lab.down()
            if not args.json:
                print("stopped: " + (", ".join(stopped) if stopped else "nothing was running"))
                return EXIT_OK
            statuses = lab.status()
        else:
            statuses = lab.status()
    except LabError as exc:
        print(f"softdiag: {exc}", file=sys.stderr)
        return EXIT_DIAGNOSED
    if args.json:
        servers = [asdict(s) for s in statuses]
        print(json.dumps({"state_dir": str(lab.state_dir), "ca": str(lab.ca_path),
                          "servers": servers}))  # fmt: skip
    else:
        print(f"lab state: {lab.state_dir}  TLS CA (clients: --ca): {lab.ca_path}")
        width = max((len(s.name) for s in statuses), default=0)
        for s in statuses:
            state = "frozen" if s.frozen else ("alive" if s.alive else "dead")
            print(
                f"  {s.name:<{width}} {s.role:<9} {s.address:<16} {s.transport:<11} {state:<6} "
                f"pid {s.pid or '-'}"
            )
    if args.action == "up":
        return EXIT_OK
    return EXIT_OK if args.action == "down" or all(s.alive for s in statuses) else EXIT_DIAGNOSED


def _lab_scenario(lab: object, args: argparse.Namespace) -> int:
    from .lab import Lab

    assert isinstance(lab, Lab)
    name, target = args.scenario, args.target
    needs_target = {"kill", "freeze", "revive", "503", "tcp-drop", "tls-bad-cert"}
    if name in needs_target and not target:
        raise UsageError(f"scenario {name} needs --target (kam1, kam2 or kam3)")
    if name == "kill":
        lab.kill(target)
    elif name == "freeze":
        lab.freeze(target)
    elif name == "revive":
        lab.revive(target)
    elif name == "503":
        lab.answer_503(target, args.retry_after)
    elif name == "tcp-drop":
        lab.tcp_drop(target)
    elif name == "tls-bad-cert":
        lab.bad_cert(target)
    elif name == "all-dead":
        for reg in lab.topology.registrars:
            lab.kill(reg.name)
    elif name == "dns":
        names = (
            args.servers.split(",") if args.servers else [r.name for r in lab.topology.registrars]
        )
        prios = dict(p.split("=") for p in args.priorities.split(",")) if args.priorities else {}
        lab.set_zone(
            lab.zone_with(names, ttl=args.ttl, priorities={k: int(v) for k, v in prios.items()})
        )
    elif name in ("cluster", "split"):
        lab.set_cluster(name == "cluster")
    elif name == "reset":
        lab.set_zone(None)
        lab.up()
        for reg in lab.topology.registrars:
            lab.revive(reg.name)
    print(f"lab scenario {name} applied" + (f" to {target}" if target else ""))
    return EXIT_OK


# -- bench -----------------------------------------------------------------------------


def cmd_bench(args: argparse.Namespace) -> int:
    from .bench.failover import COLUMNS, format_table, run_failover_bench
    from .lab import LabError

    def say(message: str) -> None:
        if not args.json:  # progress goes to stderr: stdout is the table or JSON
            print(message, file=sys.stderr, flush=True)

    if args.which == "bundle":
        from .cli_bundle import bench_bundle

        return bench_bundle()
    if args.which == "reachability":
        from .bench.reachability import cmd_reachability

        args.minutes = 2.0 if args.minutes is None else args.minutes
        return cmd_reachability(args, say)
    if args.which == "fuzz":
        return _bench_fuzz(args)
    if args.which == "soak":
        args.minutes = 30.0 if args.minutes is None else args.minutes
        return _bench_soak(args, say)
    if args.which == "media":
        from .bench.media import format_media, run_media_bench

        meter, bridge = run_media_bench(say=say)
        print(format_media(meter, bridge))
        return EXIT_OK
    say(f"softdiag bench failover ({args.transport}): {args.trials} kill + {args.trials} "
        f"freeze trials of {args.window:.0f} s, then {args.refreshes} refreshes with rotating "
        "DNS")  # fmt: skip
    try:
        from .bench.reachability import lab_for

        lab = lab_for(args.lab_net, cluster=not args.split) if args.lab_net != "127.0.0" else None
        columns = tuple(c for c in COLUMNS if args.probe_profile in (None, c[1]))
        results = run_failover_bench(
            trials=args.trials, refreshes=args.refreshes, window=args.window, say=say,
            transport=args.transport, lab=lab, columns=columns,
        )  # fmt: skip
    except LabError as exc:
        print(f"softdiag: {exc}", file=sys.stderr)
        return EXIT_DIAGNOSED
    if args.json:
        for r in results:
            print(json.dumps({**asdict(r), "registered_share": r.registered_share}))
    else:
        print(format_table(results, args.window))
    return EXIT_OK


def _bench_fuzz(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .bench.fuzz import format_fuzz, run_fuzz

    corpus = Path(args.corpus) if args.corpus else None
    if corpus is not None and not corpus.is_dir():
        raise UsageError(f"no corpus folder at {corpus}")
    print(f"softdiag bench fuzz: {args.count} inputs per parser, seed {args.seed}",
          file=sys.stderr, flush=True)  # fmt: skip
    results = run_fuzz(args.count, seed=args.seed, corpus=corpus)
    if args.json:
        for r in results:
            print(json.dumps({"type": "FuzzResult", **asdict(r)}))
    else:
        print(format_fuzz(results))
    return EXIT_DIAGNOSED if any(r.crashes for r in results) else EXIT_OK


def _bench_soak(args: argparse.Namespace, say: Callable[[str], None]) -> int:
    import tempfile
    from pathlib import Path

    from .bench.soak import format_soak, run_soak
    from .lab import LabError

    if not 0 < args.minutes <= 24 * 60:
        raise UsageError("--minutes must be more than 0 and at most 1440")
    say(f"softdiag bench soak: {args.minutes:g} min of random faults on {args.net}.20-.24 "
        f"and hostile servers on {args.net}.110-.112")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="softdiag-soak-") as state:
        try:
            result = run_soak(args.minutes, net=args.net, state_dir=Path(state),
                              seed=args.seed, say=say)  # fmt: skip
        except (LabError, OSError, RuntimeError) as exc:
            print(f"softdiag: {escape_controls(str(exc))}", file=sys.stderr)
            return EXIT_DIAGNOSED
    if args.json:
        print(json.dumps({"type": "SoakResult", "seconds": result.seconds,
                          "registered_share": result.registered_share, "faults": result.faults,
                          "samples": [asdict(s) for s in result.samples]}))  # fmt: skip
    else:
        print(format_soak(result))
    return EXIT_OK if result.registered_share >= 0.99 else EXIT_DIAGNOSED


# -- demo ------------------------------------------------------------------------------


def cmd_demo(args: argparse.Namespace) -> int:
    """Headless demo: start the lab if needed, register alice, print live events."""
    from .lab import LAB_PASSWORD, Lab, LabError

    lab = Lab()
    already = all(s.alive for s in lab.status())
    try:
        lab.up()
    except LabError as exc:
        print(f"softdiag: {exc}", file=sys.stderr)
        return EXIT_DIAGNOSED
    spec = AccountSpec(domain=lab.topology.domain, user="alice", password=LAB_PASSWORD,
                       dns=lab.topology.dns, expires=args.expires)  # fmt: skip
    print(f"softdiag demo: registering {spec.aor} against the local lab for {args.duration:.0f} s",
          file=sys.stderr)  # fmt: skip
    try:
        return run_account(spec, duration=args.duration, out=sys.stdout, as_json=args.json,
                           verbose=args.verbose)  # fmt: skip
    finally:
        if not already and not args.keep_lab:
            lab.down()


# -- GUI -------------------------------------------------------------------------------


def run_gui(argv: Sequence[str]) -> int:
    from .display import display_problem

    problem = display_problem()
    if problem is not None:  # Qt would abort the process: say why in one line instead
        print(f"softdiag: {problem}; for a headless run try `softdiag demo`", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        run = _gui_entry_point()
    except ImportError as exc:
        print(f"softdiag: the GUI needs PySide6 ({exc.name} is missing): "
              "pip install 'softdiag[gui]'", file=sys.stderr)  # fmt: skip
        return EXIT_BAD_INPUT
    code: int = run(list(argv))
    return code


GUI_ENTRY_POINT = "ui.app:run"  # also declared in pyproject.toml [project.entry-points]


def _gui_entry_point() -> Callable[[list[str]], int]:
    """The front end, found as a plug-in: the engine never imports `ui` (import-linter).

    The installed distribution names it in the ``softdiag.frontends`` entry-point group; a
    build without distribution metadata (a frozen app) falls back to the same name.
    """
    import importlib
    from importlib.metadata import entry_points

    found = entry_points(group="softdiag.frontends", name="gui")
    target = next((ep.value for ep in found), GUI_ENTRY_POINT)
    module, _, attr = target.partition(":")
    run: Callable[[list[str]], int] = getattr(importlib.import_module(module), attr)
    return run


# -- parser ----------------------------------------------------------------------------


def _account_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--domain", required=True, help="SIP domain, e.g. voip.example.com")
    p.add_argument("--user", required=True, help="user part of the address of record")
    p.add_argument("--password-env", metavar="VAR",
                   help="read the password from this environment variable")  # fmt: skip
    p.add_argument("--transport", choices=("udp", "tcp", "tls"), default="udp")
    p.add_argument("--dns", metavar="HOST[:PORT]", help="DNS server to use instead of the system's")
    p.add_argument("--expires", type=int, default=300, metavar="S",
                   help="registration expiry asked for (default 300)")  # fmt: skip
    p.add_argument("--policy", choices=("sticky", "priority", "first-ip"), default="sticky",
                   help="failover policy; first-ip reproduces MicroSIP/pjsip on UDP")  # fmt: skip
    _tls_options(p)
    p.add_argument("--probe-profile", choices=("default", "fast"), default="default",
                   help="health probes: default is quiet while healthy (3 OPTIONS a minute) "
                        "and fast on suspicion; fast probes every 0.25 s")  # fmt: skip
    p.add_argument("--probe-interval", type=float, metavar="S",
                   help="quiet probe interval of the current server (default 30)")  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="softdiag", description="A softphone that explains itself.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)

    p = sub.add_parser("resolve", help="RFC 3263 NAPTR -> SRV -> A/AAAA resolution")
    p.add_argument("domain")
    p.add_argument("--transport", choices=("udp", "tcp", "tls"))
    p.add_argument("--dns", metavar="HOST[:PORT]")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_resolve)

    p = sub.add_parser("probe", help="SIP OPTIONS to every target of a domain, in parallel")
    p.add_argument("domain")
    p.add_argument("--transport", choices=("udp", "tcp", "tls"))
    p.add_argument("--dns", metavar="HOST[:PORT]")
    p.add_argument("--timeout", type=seconds_arg("--timeout", hi=60.0), default=1.0, metavar="S")
    p.add_argument("--json", action="store_true")
    _tls_options(p)
    p.set_defaults(func=cmd_probe)

    p = sub.add_parser("register", help="register an account headless and stream its events")
    _account_options(p)
    p.add_argument("--duration", type=seconds_arg("--duration"), metavar="S",
                   help="seconds to stay registered")  # fmt: skip
    p.add_argument("--answer", choices=("auto", "ring", "busy"), default="ring",
                   help="incoming calls: answer with the test signal, ring until the caller "
                        "gives up (default), or reject busy (486)")  # fmt: skip
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("-v", "--verbose", action="store_true", help="print whole SIP messages")
    add_capture_options(p)
    p.set_defaults(func=cmd_register)

    p = sub.add_parser("lab", help="the local fault lab of real servers on loopback")
    p.add_argument("action", choices=("up", "down", "status", "scenario"))
    p.add_argument("scenario", nargs="?",
                   choices=("kill", "freeze", "revive", "503", "all-dead", "dns", "reset",
                            "tcp-drop", "tls-bad-cert", "cluster", "split"),
                   help="with `scenario`: the fault to switch on")  # fmt: skip
    p.add_argument("--target", help="the registrar a fault applies to (kam1, kam2, kam3)")
    p.add_argument("--retry-after", type=int, default=30, metavar="S", help="for 503")
    p.add_argument("--servers", help="for dns: registrars to list, e.g. kam1,kam3")
    p.add_argument("--priorities", help="for dns: SRV priorities, e.g. kam1=10,kam2=20")
    p.add_argument("--ttl", type=int, default=30, help="for dns: record TTL in seconds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_lab)

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

    # Commands that live beside their engine: audio devices, NAT behaviour.
    from . import cli_audio, cli_bundle, cli_call, cli_check, cli_nat, cli_sdp

    cli_bundle.add_commands(sub)
    cli_audio.add_commands(sub)
    cli_call.add_commands(sub)
    cli_check.add_commands(sub)
    cli_nat.add_commands(sub)
    cli_nat.add_lab_nat_commands(sub)
    cli_sdp.add_commands(sub)

    p = sub.add_parser("demo", help="headless demo against the local lab")
    p.add_argument("--duration", type=float, default=20.0, metavar="S")
    p.add_argument("--expires", type=int, default=10, metavar="S")
    p.add_argument("--json", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true")
    p.add_argument("--keep-lab", action="store_true", help="leave the lab running afterwards")
    p.set_defaults(func=cmd_demo)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        from .about import version_line

        print(version_line())
        return EXIT_OK
    if not argv or argv[0].startswith("-platform") or argv[0] == "gui":
        return run_gui(argv[1:] if argv[:1] == ["gui"] else argv)
    parser = build_parser()

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM: the same clean un-REGISTER and exit as Ctrl-C

    with contextlib.suppress(ValueError):  # not the main thread (embedded use)
        signal.signal(signal.SIGTERM, terminate)
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            raise UsageError("a sub-command is needed (see softdiag --help)")
        code: int = args.func(args)
        return code
    except UsageError as exc:
        print(f"softdiag: {escape_controls(str(exc))}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except CommandFailed as exc:
        print(f"softdiag: {escape_controls(str(exc))}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
