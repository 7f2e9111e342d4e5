"""What the commands that talk to a SIP service share: the account and TLS options, the
account spec and its password, the domain's resolution, the engine's lifetime, one account's
run (``register``, ``demo``) and the run's capture (journal, HEP mirror).

Bad values are bad input (:class:`~softdiag.cli.output.UsageError`, exit 2).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import dataclasses
import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import TYPE_CHECKING, TextIO

from softdiag.commands import AccountSpec
from softdiag.describe import account_summary, finding_title
from softdiag.dns import DnsProblem, Resolution, SipResolver
from softdiag.events import (
    AccountChanged,
    AccountSnapshot,
    Event,
    Finding,
    Log,
    RegistrationChanged,
    event_to_json,
)
from softdiag.session import Session
from softdiag.state.owner import AccountOwner
from softdiag.textsafe import escape_controls

from .output import (
    EXIT_BAD_INPUT,
    EXIT_DIAGNOSED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CommandFailed,
    UsageError,
    error_line,
    event_printer,
    write_json,
)

if TYPE_CHECKING:  # pjsua2 loads only for the commands that run the engine
    from softdiag.account import Softphone

__all__ = [
    "ACCOUNT_FAILURES",
    "account_options",
    "account_password",
    "account_spec",
    "add_capture_options",
    "check_tls",
    "resolve_domain",
    "run_account",
    "running_softphone",
    "start_capture",
    "tls_options",
]

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


# -- options ---------------------------------------------------------------------------


def tls_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--ca", metavar="FILE",
                   help="TLS: also trust the CA certificates in this PEM file")  # fmt: skip
    p.add_argument("--tls-no-verify", action="store_true",
                   help="TLS: do not verify the server's certificate (reported as a finding)")  # fmt: skip


def account_options(p: argparse.ArgumentParser) -> None:
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
    tls_options(p)
    p.add_argument("--probe-profile", choices=("default", "fast"), default="default",
                   help="health probes: default is quiet while healthy (3 OPTIONS a minute) "
                        "and fast on suspicion; fast probes every 0.25 s")  # fmt: skip
    p.add_argument("--probe-interval", type=float, metavar="S",
                   help="quiet probe interval of the current server (default 30)")  # fmt: skip


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


# -- the account -----------------------------------------------------------------------


def account_password(args: argparse.Namespace) -> str:
    from softdiag.settings import account_password

    try:
        return account_password(args.user, args.domain, args.password_env, keychain=False)
    except ValueError as exc:
        raise UsageError(str(exc)) from None


def account_spec(args: argparse.Namespace) -> AccountSpec:
    """The account of :func:`account_options`, checked, with its password."""
    from softdiag.userinput import normalise_account

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
    check_tls(spec.ca_file)
    return dataclasses.replace(spec, password=account_password(args))


def check_tls(ca_file: str | None) -> None:
    """A missing, unreadable or non-certificate --ca is bad input (exit 2)."""
    from softdiag.sip.tls import TlsPolicy, TlsSetupError

    try:
        TlsPolicy(ca_file=ca_file).check()
    except TlsSetupError as exc:
        raise UsageError(str(exc)) from None


def resolve_domain(args: argparse.Namespace) -> Resolution:
    """``args.domain`` through ``args.dns``; every DNS problem is bad input (exit 2)."""
    try:
        resolver = SipResolver(args.dns)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    try:
        return resolver.resolve(args.domain, args.transport)
    except DnsProblem as problem:
        raise UsageError(problem.message) from None


# -- the engine and one account's run --------------------------------------------------


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
    from softdiag.account import EngineError, Softphone

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
            error_line(str(exc))
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
    session = Session()
    session.subscribe(event_printer(out, as_json=as_json, verbose=verbose))
    account = AccountOwner(session)
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
    if capture is not None:  # the run journal and the HEP mirror
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
        last = account.snapshot  # before the un-REGISTER: how the run left the account
    account.close()
    print_account_summary(last, out, as_json=as_json)
    if findings:
        error_line(finding_title(findings[-1]))
        return EXIT_DIAGNOSED
    if not any(e.state == "registered" for e in outcome):
        error_line("the registration did not complete in time")
        return EXIT_DIAGNOSED
    return EXIT_INTERRUPTED if interrupted else EXIT_OK


def print_account_summary(snapshot: AccountSnapshot, out: TextIO, *, as_json: bool) -> None:
    """The run's last word on the account: with ``--json`` the last ``AccountChanged``
    snapshot as one line, else a few lines (softdiag.describe.account_summary)."""
    if as_json:
        write_json(event_to_json(AccountChanged(snapshot=snapshot, changes=())), out)
    else:
        # A server's words (a reason phrase) are in it: never a raw control character.
        print(escape_controls("\n".join(account_summary(snapshot)), keep_newlines=True),
              file=out, flush=True)  # fmt: skip


# -- the run's capture: journal and HEP mirror -----------------------------------------


def start_capture(
    session: Session, args: argparse.Namespace, command: str, secrets: tuple[str, ...] = ()
) -> None:
    """Journal the run and mirror to HEP as the options ask; stopped at exit (atexit).

    Bad ``--hep`` values are bad input (UsageError). A state directory that cannot be
    written is not: the phone works without a journal, and says so once.
    """
    from softdiag.bundle.hep import HepMirror, parse_hep_address
    from softdiag.bundle.journal import open_journal

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
                error_line(f"HEP mirror sent {stats.sent}, dropped {stats.dropped}, "
                           f"{stats.errors} send errors")  # fmt: skip

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
