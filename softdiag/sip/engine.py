"""The only module that touches pjsua2.

Theory of operation
-------------------
pjsua2 runs entirely on one dedicated Python thread (FACTS.md): ``threadCnt = 0`` and
``mainThreadOnly = True``, so pjlib never calls us from a thread it created, and no other
thread ever calls into pjsua2 (a call from a thread pjlib does not know aborts the process).
That thread loops: drain the command queue, then ``libHandleEvents(10 ms)``, which releases
the GIL while it waits, so the GUI stays smooth.

Other threads talk to the engine only through :meth:`SipEngine.submit` (a queue) and hear
back only through the ``publish`` callback, which receives immutable events. pjsua2
callbacks do nothing but turn native parameters into events.

Invariants
1. Every pjsua2 object is created, used and destroyed on the engine thread.
2. Every object handed to native code (log writer, account) is referenced by the engine
   until ``libDestroy``: native code must never call into a collected Python object.
3. Shutdown order: hang up and delete calls, destroy media ports, un-REGISTER (bounded
   wait), delete the account, ``libDestroy``, in every path (command, exception,
   interpreter exit); an object alive at ``libDestroy`` aborts.
4. An account whose ``create()`` pjsip refused is never the current account: pjsua asserts
   (abort) on any question about it. It is reported as a failed registration.

Calls and their media live in :mod:`softdiag.sip.calls` (a :class:`CallManager` driven
from this loop); its media port callbacks run on pjmedia's clock thread and touch only
their frames and preallocated buffers.
"""

from __future__ import annotations

import contextlib
import queue
import re
import socket
import threading
import time
from collections.abc import Callable
from typing import Any

import pjsua2 as pj

from softdiag.commands import (
    AccountSpec,
    AnswerCall,
    AnswerMode,
    AudioSpec,
    Command,
    Hangup,
    KeepAlive,
    MakeCall,
    ModifyAccount,
    Register,
    SelectAudio,
    SetAnswerMode,
    SetOfferFmtp,
    Shutdown,
    Unregister,
)
from softdiag.events import EngineState, Event, Log, RegistrationChanged, SipMessage, Target
from softdiag.findings import make_finding
from softdiag.media.tap import FRAME_MS

from .calls import CallManager
from .codecs import OfferFmtp
from .connloss import ConnectionLoss, ConnectionLossTracker, summarize
from .inbound import contact_tag
from .message import parse_expires, parse_head, parse_retry_after, top_via
from .native import keepalive_intervals, send_udp_raw, set_log_level, set_tsx_timers
from .pinning import PinnedResolver
from .redact import Redactor
from .tls import (
    TlsPolicy,
    cert_facts,
    classify_pj_verify,
    system_ca_file,
    tls_finding,
    tls_name,
)

__all__ = ["EngineError", "SipEngine"]

Publish = Callable[[Event], None]

USER_AGENT = "softdiag/0.1"
UNREGISTER_WAIT = 3.0  # seconds to wait for the un-REGISTER answer
PJSIP_EBUSY = 171001  # a REGISTER transaction is still pending
PJSIP_TLS_ECERTVERIF = 171173  # the TLS certificate failed verification (not a close)
POLL_MS = 10

# pjsip's message trace: "TX 512 bytes Request msg REGISTER/cseq=1 (tdta0x..) to UDP 1.2.3.4:5060:"
_MSG_LOG = re.compile(
    r"(?P<dir>TX|RX) \d+ bytes (?:Request|Response) msg \S+ \([^)]*\) "
    r"(?P<prep>to|from) (?P<transport>\w+) (?P<remote>\S+?):\s*\r?\n(?P<text>.*?)\r?\n--end msg--",
    re.DOTALL,
)
# pjsua prints its timer heap at libDestroy at level 3: not news for anyone.
_SHUTDOWN_NOISE = ("Dumping timer heap", "Cur size:")
_PJ_LEVELS = {0: "error", 1: "error", 2: "warning", 3: "info", 4: "debug", 5: "debug", 6: "debug"}


class EngineError(RuntimeError):
    pass


def unexpected_expiry(text: str, expires: int) -> str | None:
    """The expiry of a 2xx to our REGISTER when it cannot be a live binding, else None.

    RFC 3261 §10.2.4: the 2xx lists our binding with its expiry (Contact ``expires`` or the
    Expires header, delta-seconds of 32 bits, §20.19). 0 means the binding is gone; a value
    that is not a 32-bit number is malformed.
    """
    if not text:
        return "0" if expires == 0 else None
    head = parse_head(text)
    values = [v.strip() for v in head.get_all("expires")]
    for contact in head.get_all("contact"):
        for param in contact.split(";")[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "expires":
                values.append(value.strip().split(",", 1)[0].strip())
    for value in values:
        if parse_expires(value) is None:
            return ascii(value[:24])[1:-1] or "(empty)"
    if expires == 0:
        return "0"
    return None


class _LogWriter(pj.LogWriter):  # type: ignore[misc]
    """Turns pjsip's log into SipMessage and Log events (runs on the engine thread)."""

    def __init__(self, engine: SipEngine) -> None:
        super().__init__()
        self._engine = engine

    def write(self, entry: Any) -> None:
        with contextlib.suppress(Exception):  # never let one cross into native code
            self._engine._on_log(int(entry.level), str(entry.msg))


class _Account(pj.Account):  # type: ignore[misc]
    def __init__(self, engine: SipEngine, spec: AccountSpec, target: Target) -> None:
        super().__init__()
        self.engine = engine
        self.spec = spec
        self.target = target
        self.unregistering = False
        self.unregistered = False
        self.connection_lost = False  # the server closed our connection: re-REGISTER there
        self.tls_failed = False  # the TLS check failed: the REGISTER never reached the server

    def onRegState(self, prm: Any) -> None:
        try:
            self.engine._on_reg_state(self, prm)
        except Exception as exc:
            self.engine._publish(
                Log(level="error", source="engine", message=f"onRegState: {exc!r}")
            )

    def onIncomingCall(self, prm: Any) -> None:
        try:
            self.engine._on_incoming_call(self, prm)
        except Exception as exc:
            self.engine._publish(
                Log(level="error", source="engine", message=f"onIncomingCall: {exc!r}")
            )


def _pj_error(status: int) -> str:
    try:
        return f"{pj.Endpoint.instance().utilStrError(status)} ({status})"
    except Exception:
        return str(status)


def _read_pem(path: str) -> str:
    with open(path, encoding="ascii", errors="replace") as fh:
        return fh.read(4_000_000)


class _Endpoint(pj.Endpoint):  # type: ignore[misc]
    """pjsua2's endpoint with its transport-state callback routed to the engine."""

    def __init__(self, engine: SipEngine) -> None:
        super().__init__()
        self.engine = engine

    def onTransportState(self, prm: Any) -> None:
        try:
            self.engine._on_transport_state(prm)
        except Exception as exc:
            self.engine._publish(
                Log(level="error", source="engine", message=f"onTransportState: {exc!r}")
            )


class SipEngine:
    """Owns pjsua2 on one thread. Methods are safe to call from any thread."""

    def __init__(
        self,
        publish: Publish,
        *,
        bind_ip: str | None = None,
        log_level: int = 4,
        timer_f_ms: int | None = None,
        answer_mode: AnswerMode = "ring",
        provisional_timeout: float = 1.0,
        call_failover: bool = True,
    ) -> None:
        """``timer_f_ms``: shorten pjsip's non-INVITE transaction timeout (default 32 s).

        Only a safety net under softdiag's own health probes; None keeps pjsip's default
        (the MicroSIP baseline must keep it). ``answer_mode``: what incoming calls get
        (auto: answered with the test signal, busy: 486, ring: 180 until ``answer``).
        ``provisional_timeout``: seconds an INVITE may go without any 1xx before its server
        is suspected; the call is placed again once the failover policy moved.
        ``call_failover`` False: calls wait out pjsip's timers like MicroSIP's (first-ip).
        """
        self._publish_cb = publish
        self._bind_ip = bind_ip
        self._wire_ips: dict[str, tuple[str | None, float]] = {}  # remote IP -> our source IP
        self._timer_f_ms = timer_f_ms
        self._log_level = log_level
        self._queue: queue.Queue[Command] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._start_error: BaseException | None = None
        self._redactor = Redactor()  # passwords and digest values ever seen (sip.redact)
        # Engine-thread state (invariant 1):
        self._ep: Any = None
        self._writer: _LogWriter | None = None
        self._account: _Account | None = None
        self._refused: list[_Account] = []  # accounts whose create() failed (invariant 4)
        self._answer_mode: AnswerMode = answer_mode
        self._registered_servers: list[str] = []  # ip:port of every 2xx, oldest first
        self._keepalive_failed = False  # a NAT keep-alive pjsip refused (said once)
        self._transports: dict[str, int] = {}
        self._tls_policy: TlsPolicy | None = None  # the TLS transport was made with this
        self._pins = PinnedResolver()
        self._tls_reported: set[tuple[str, str]] = set()  # (server, finding id)
        self._conn = ConnectionLossTracker()
        self._deferred: list[tuple[float, Callable[[], None]]] = []
        self._calls = CallManager(
            self._publish, account=lambda: self._account, pump=self._pump,
            server=lambda: self._account.target.hostport if self._account else "",
            provisional_timeout=provisional_timeout,
        )  # fmt: skip
        self._calls.call_failover = call_failover
        self._offer_fmtp = OfferFmtp()  # engine thread only

    # -- API for other threads ---------------------------------------------------------

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive() and self._ready.is_set()

    def start(self, timeout: float = 10.0) -> None:
        """Start the engine thread and wait until pjsua2 runs. Raises EngineError."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._ready.clear()
        self._start_error = None
        self._thread = threading.Thread(target=self._main, name="softdiag-sip", daemon=True)
        self._thread.start()
        if not self._ready.wait(timeout):
            raise EngineError(f"the SIP engine did not start within {timeout:.0f} s")
        if self._start_error is not None:
            self._thread.join(timeout)
            raise EngineError(str(self._start_error)) from self._start_error

    def submit(self, command: Command) -> None:
        # Known before any message is logged, so redaction never misses one. Every password
        # this engine ever saw stays in the list: messages of an old account can still
        # arrive after a new one was set up.
        if isinstance(command, Register):
            self._redactor.add_secret(command.account.password)
        self._queue.put(command)

    def register(self, account: AccountSpec, target: Target) -> None:
        self.submit(Register(account=account, target=target))

    def modify(self, target: Target) -> None:
        self.submit(ModifyAccount(target=target))

    def unregister(self) -> None:
        self.submit(Unregister())

    def keepalive(self, targets: tuple[Target, ...]) -> None:
        """A CRLF from the SIP socket to each UDP target: the NAT in front of us then lets
        those servers reach the Contact too (pjsua keeps only the registrar's open)."""
        self.submit(KeepAlive(targets=targets))

    def make_call(self, uri: str, audio: AudioSpec | None = None) -> int:
        """Call ``uri`` from the registered account; returns softdiag's number for the call.

        Every outcome arrives as events (CallStateChanged, Levels, MediaStats, Finding).
        """
        number = CallManager.next_number()
        self.submit(MakeCall(call=number, uri=uri, audio=audio or AudioSpec()))
        return number

    def hangup(self, call: int) -> None:
        self.submit(Hangup(call=call))

    def answer(self, call: int, code: int = 200, audio: AudioSpec | None = None) -> None:
        """Answer a ringing incoming call (200), or reject it (486 busy, 603 decline)."""
        self.submit(AnswerCall(call=call, code=code, audio=audio))

    def set_answer_mode(self, mode: AnswerMode) -> None:
        self.submit(SetAnswerMode(mode=mode))

    def set_offer_fmtp(self, fmtp: tuple[tuple[str, str], ...]) -> None:
        """Offer extra fmtp parameters per codec in later calls (softdiag.sip.codecs)."""
        self.submit(SetOfferFmtp(fmtp=fmtp))

    def select_audio(self, call: int, audio: AudioSpec) -> None:
        self.submit(SelectAudio(call=call, audio=audio))

    def shutdown(self, timeout: float = 10.0) -> None:
        """Unregister, destroy pjsua2 and join the thread. Idempotent, any thread."""
        thread = self._thread
        if thread is None:
            return
        if thread is threading.current_thread():
            raise EngineError("shutdown() called from the engine thread")
        self._queue.put(Shutdown())
        thread.join(timeout)
        if thread.is_alive():
            raise EngineError(f"the SIP engine did not stop within {timeout:.0f} s")
        self._thread = None

    # -- the engine thread -------------------------------------------------------------

    def _publish(self, event: Event) -> None:
        with contextlib.suppress(Exception):
            self._publish_cb(event)

    def _main(self) -> None:
        self._publish(EngineState(state="starting"))
        try:
            self._lib_start()
        except BaseException as exc:
            self._start_error = exc
            self._publish(EngineState(state="failed", detail=str(exc)))
            self._publish(make_finding("engine.failed", error=exc))
            self._lib_destroy()
            self._ready.set()
            return
        self._publish(EngineState(state="running"))
        self._ready.set()
        try:
            self._loop()
        except BaseException as exc:
            self._publish(Log(level="error", source="engine", message=f"engine crashed: {exc!r}"))
        finally:
            self._publish(EngineState(state="stopping"))
            self._teardown_calls()
            self._teardown_account()
            self._lib_destroy()
            self._publish(EngineState(state="stopped"))

    def _lib_start(self) -> None:
        ep = _Endpoint(self)
        self._ep = ep
        set_log_level(0)  # until our writer is installed (keeps --json stdout clean)
        ep.libCreate()
        cfg = pj.EpConfig()
        cfg.uaConfig.threadCnt = 0
        cfg.uaConfig.mainThreadOnly = True
        cfg.uaConfig.userAgent = USER_AGENT
        self._writer = _LogWriter(self)
        cfg.logConfig.writer = self._writer
        cfg.logConfig.level = self._log_level
        cfg.logConfig.consoleLevel = self._log_level
        cfg.logConfig.msgLogging = 1
        cfg.logConfig.decor = 0  # we timestamp events ourselves
        cfg.medConfig.noVad = True  # keep sending silence: one-way-audio checks need RTP
        cfg.medConfig.sndAutoCloseTime = -1
        cfg.medConfig.audioFramePtime = FRAME_MS  # the call's device latency (media.tap)
        ep.libInit(cfg)
        # RFC 3261 defaults (T1 500 ms, T2 4 s, T4 5 s); Timer F as asked, else 64*T1.
        set_tsx_timers(500, 4000, 5000, self._timer_f_ms or 32000)
        ep.audDevManager().setNullDev()  # the wheel has no sound device (FACTS.md)
        for name, kind in (("udp", pj.PJSIP_TRANSPORT_UDP), ("tcp", pj.PJSIP_TRANSPORT_TCP)):
            tcfg = pj.TransportConfig()
            tcfg.port = 0  # an ephemeral port: never collide with another softphone
            if self._bind_ip:
                tcfg.boundAddress = self._bind_ip
            self._transports[name] = ep.transportCreate(kind, tcfg)
        ep.libStart()

    def _loop(self) -> None:
        ep = self._ep
        while True:
            try:
                while True:
                    command = self._queue.get_nowait()
                    if isinstance(command, Shutdown):
                        return
                    self._handle(command)
            except queue.Empty:
                pass
            if self._calls.active:
                self._calls.tick()
            self._run_deferred()
            ep.libHandleEvents(POLL_MS)

    def _pump(self, ms: int) -> None:
        if self._ep is not None:
            self._ep.libHandleEvents(ms)

    def _handle(self, command: Command) -> None:
        try:
            if isinstance(command, Register):
                self._do_register(command.account, command.target)
            elif isinstance(command, ModifyAccount):
                self._do_modify(command.target)
            elif isinstance(command, Unregister):
                self._do_unregister()
            elif isinstance(command, MakeCall):
                self._calls.make(command)
            elif isinstance(command, Hangup):
                self._calls.hangup(command)
            elif isinstance(command, SelectAudio):
                self._calls.select_audio(command)
            elif isinstance(command, AnswerCall):
                self._calls.answer(command)
            elif isinstance(command, SetAnswerMode):
                self._answer_mode = command.mode
            elif isinstance(command, KeepAlive):
                self._keepalive(command.targets)
            elif isinstance(command, SetOfferFmtp) and self._ep is not None:
                for problem in self._offer_fmtp.apply(self._ep, command.fmtp):
                    self._publish(Log(level="warning", source="engine", message=problem))
        except pj.Error as exc:
            self._publish(
                Log(
                    level="error",
                    source="engine",
                    message=f"{type(command).__name__}: {exc.info()}",
                )
            )
        except Exception as exc:
            self._publish(
                Log(level="error", source="engine", message=f"{type(command).__name__}: {exc!r}")
            )

    def _transport_id(self, transport: str, spec: AccountSpec | None = None) -> int:
        if transport == "tls" and spec is not None:
            return self._tls_transport(TlsPolicy(verify=spec.tls_verify, ca_file=spec.ca_file))
        if transport not in self._transports:
            raise EngineError(f"unknown transport {transport!r}")
        return self._transports[transport]

    def _tls_transport(self, policy: TlsPolicy) -> int:
        """The TLS client transport: TLS 1.2, the system store plus ``policy.ca_file``,
        server verification by name (softdiag.sip.tls); made again when the policy changes."""
        if self._tls_policy == policy and "tls" in self._transports:
            return self._transports["tls"]
        if "tls" in self._transports:
            with contextlib.suppress(pj.Error):
                self._ep.transportClose(self._transports.pop("tls"))
        tcfg = pj.TransportConfig()
        tcfg.port = 0
        if self._bind_ip:
            tcfg.boundAddress = self._bind_ip
        tls = tcfg.tlsConfig
        tls.method = pj.PJSIP_TLSV1_2_METHOD
        tls.proto = pj.PJ_SSL_SOCK_PROTO_TLS1_2  # the wheel's OpenSSL 1.0.2 has no 1.3
        # pjsip loads no default store and takes a CA file *or* a CA buffer, never both
        # (sip_transport_tls.c): one buffer with the system's bundle and the user's CA.
        tls.CaBuf = "\n".join(
            _read_pem(path) for path in (system_ca_file(), policy.ca_file) if path
        )
        tls.verifyServer = policy.verify
        tls.msecTimeout = 4000  # the TLS handshake, not the SIP transaction
        self._transports["tls"] = self._ep.transportCreate(pj.PJSIP_TRANSPORT_TLS, tcfg)
        self._tls_policy = policy
        if not self._pins.installed:
            self._pins.install()
        if not policy.verify:
            self._publish(make_finding("tls.verification_off"))
        return self._transports["tls"]

    def _account_config(self, spec: AccountSpec, target: Target) -> Any:
        acfg = pj.AccountConfig()
        acfg.idUri = f"sip:{spec.user}@{spec.domain}"
        tparam = "" if target.transport == "udp" else f";transport={target.transport}"
        # The request URI and To keep the domain; the proxy pins the server (FACTS.md).
        acfg.regConfig.registrarUri = f"sip:{spec.domain}{tparam}"
        acfg.regConfig.timeoutSec = spec.expires
        acfg.regConfig.retryIntervalSec = 0  # retries are softdiag's decision, not pjsip's
        acfg.regConfig.dropCallsOnFail = False
        acfg.sipConfig.transportId = self._transport_id(target.transport, spec)
        if target.transport == "tls":
            # The SRV target's name in the proxy URI: pjsip verifies the certificate against
            # it and sends it as SNI; the pinned resolver hands pjsip the chosen address.
            name = tls_name(target, spec.domain)
            self._pins.pin(name, target.ip)
            host = f"[{name}]" if ":" in name else name  # an IPv6 literal goes in brackets
            acfg.sipConfig.proxies.append(f"sip:{host}:{target.port};lr;transport=tls")
        else:
            acfg.sipConfig.proxies.append(f"sip:{target.hostport};lr;transport={target.transport}")
        # One Contact per server: where the servers share their location table (a DMQ
        # cluster), the un-REGISTER pjsua sends the old server after a move would otherwise
        # remove the binding just made through the new one, cluster-wide (measured in the
        # lab: the new server lost it). Distinct contacts make it remove only the old one.
        acfg.sipConfig.contactUriParams = f";sd-via={contact_tag(target.hostport)}"
        # Media leaves from the address that routes to the server: the one a NAT maps,
        # and on loopback (the lab) no RTP can ever leave the machine.
        media_ip = self._bind_ip or self._source_ip(target)
        if media_ip:
            acfg.mediaConfig.transportConfig.boundAddress = media_ip
        cred = pj.AuthCredInfo("digest", "*", spec.auth_user or spec.user, 0, spec.password)
        acfg.sipConfig.authCreds.append(cred)
        return acfg

    def _do_register(self, spec: AccountSpec, target: Target) -> None:
        if self._account is not None:
            self._teardown_account()
        account = _Account(self, spec, target)
        self._account = account  # invariant 2: referenced before native code sees it
        self._publish(self._reg_event(account, "registering"))
        try:
            account.create(self._account_config(spec, target))
        except pj.Error as exc:
            # Invariant 4: an account pjsip refused is never kept (asking it anything,
            # even at teardown, aborts the process in pjsua_acc_get_info).
            self._account = None
            self._refused.append(account)  # no native id: released after libDestroy
            reason = str(exc.reason) if getattr(exc, "reason", None) else str(exc.info())
            self._publish(self._reg_event(account, "failed", reason=reason))
            self._publish(
                make_finding(
                    "registration.failed", code=0, reason=reason, aor=spec.aor,
                    server=target.hostport,
                    evidence=(f"pjsip refused the account {spec.aor}: {reason}",),
                )
            )  # fmt: skip

    def _do_modify(self, target: Target) -> None:
        account = self._account
        if account is None:
            raise EngineError("no account to modify")
        old = account.target
        account.target = target
        self._publish(self._reg_event(account, "registering"))
        try:
            self._modify_account(account, old, target)
        finally:
            if old.hostport != target.hostport:
                self._calls.account_moved(old.hostport, target.hostport)

    def _modify_account(self, account: _Account, old: Target, target: Target) -> None:
        try:
            # pjsua un-REGISTERs the old binding, then registers through the new proxy.
            account.modify(self._account_config(account.spec, target))
        except pj.Error as exc:
            if exc.status != PJSIP_EBUSY:
                raise
            # A REGISTER to the old server is still pending (a refresh that the dead
            # server will never answer): modify() refuses until Timer F. Don't wait:
            # drop the account and register afresh through the new target.
            self._publish(
                Log(level="info", source="engine",
                    message=f"REGISTER to {old.hostport} still pending: re-creating the account")
            )  # fmt: skip
            self._account = None
            account.shutdown()
            self._do_register(account.spec, target)

    def _keepalive(self, targets: tuple[Target, ...]) -> None:
        if self._ep is None or self._account is None:
            return
        for target in targets:
            if target.transport != "udp":
                continue  # TCP and TLS: one connection per server, kept alive by pjsip
            status = send_udp_raw(target.ip, target.port, b"\r\n")
            if status != 0 and not self._keepalive_failed:
                self._keepalive_failed = True  # said once: it would repeat every 15 s
                self._publish(Log(level="warning", source="engine",
                                  message=f"NAT keep-alive to {target.hostport}: status {status}"))  # fmt: skip

    def _do_unregister(self) -> None:
        account = self._account
        if account is None:
            return
        if not self._unregister_and_wait(account):
            self._publish(self._reg_event(account, "unregistered", reason="no answer"))

    def _unregister_and_wait(self, account: _Account) -> bool:
        """Send the un-REGISTER and pump events until it is answered (bounded).

        pjsua refuses with EBUSY while a REGISTER (a refresh, or pjsua's own re-REGISTER
        after it learnt its public address) is pending: retry until that one completes.
        Returns False when the server never confirmed.
        """
        account.unregistering = True
        deadline = time.monotonic() + UNREGISTER_WAIT
        sent = False
        while time.monotonic() < deadline:
            if not sent:
                if not account.getInfo().regIsActive:
                    return True  # nothing (left) to remove
                try:
                    account.setRegistration(False)
                    sent = True
                except pj.Error as exc:
                    if exc.status != PJSIP_EBUSY:
                        self._publish(
                            Log(
                                level="warning",
                                source="engine",
                                message=f"un-REGISTER: {exc.info()}",
                            )
                        )
                        return False
            elif account.unregistered:
                return True
            self._ep.libHandleEvents(POLL_MS)
        return False

    def _teardown_account(self) -> None:
        """Un-REGISTER (bounded wait), then delete the account."""
        account = self._account
        if account is None:
            return
        with contextlib.suppress(pj.Error):
            self._unregister_and_wait(account)
        self._account = None
        account.shutdown()
        del account

    def _lib_destroy(self) -> None:
        ep = self._ep
        if ep is None:
            return
        try:
            ep.libDestroy()
        except pj.Error as exc:
            self._publish(Log(level="error", source="engine", message=f"libDestroy: {exc.info()}"))
        self._ep = None
        self._writer = None
        self._transports.clear()
        self._refused.clear()

    # -- callbacks (engine thread) -------------------------------------------------------

    def _reg_event(self, account: _Account, state: str, **kw: Any) -> RegistrationChanged:
        return RegistrationChanged(
            state=state,  # type: ignore[arg-type]
            aor=account.spec.aor,
            server=account.target.hostport,
            transport=account.target.transport,
            local=self._local_address(account.target),
            **kw,
        )

    def _teardown_calls(self) -> None:
        """Hang up and delete every call, then destroy the media ports (invariant 3)."""
        try:
            self._calls.teardown()
        except Exception as exc:
            self._publish(Log(level="error", source="engine", message=f"call teardown: {exc!r}"))

    @staticmethod
    def _source_ip(target: Target) -> str | None:
        """The local IP the kernel picks to reach ``target`` (a connected UDP socket sends
        nothing)."""
        family = socket.AF_INET6 if ":" in target.ip else socket.AF_INET
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((target.ip, target.port))
                return str(probe.getsockname()[0])
        except OSError:
            return None

    def _wire_local(self, local_name: str, remote: str) -> str:
        """The ip:port a message really left from or reached: the transport's name is the
        address it publishes (Via, Contact), the kernel picks the source per destination
        (loopback servers are reached from 127.0.0.1). Cached for 10 s per remote IP."""
        if self._bind_ip or ":" not in local_name:
            return local_name
        remote_ip = remote.rsplit(":", 1)[0].strip("[]")
        now = time.monotonic()
        ip, until = self._wire_ips.get(remote_ip, (None, 0.0))
        if until < now:
            probe = Target(host=remote_ip, ip=remote_ip, port=5060, transport="udp")
            ip, until = self._source_ip(probe), now + 10.0
            self._wire_ips[remote_ip] = (ip, until)
        if ip is None:
            return local_name
        port = local_name.rsplit(":", 1)[1]
        return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"

    def _local_address(self, target: Target) -> str | None:
        """The ip:port our requests to ``target`` leave from (what a NAT maps).

        pjsua's transport reports a guessed public name, not the source address the kernel
        picks for this destination: ask the kernel (a connected UDP socket sends nothing).
        """
        tid = self._transports.get(target.transport)
        if tid is None or self._ep is None:
            return None
        try:
            port = str(self._ep.transportGetInfo(tid).localName).rsplit(":", 1)[1]
            family = socket.AF_INET6 if ":" in target.ip else socket.AF_INET
            with socket.socket(family, socket.SOCK_DGRAM) as probe:
                probe.connect((target.ip, target.port))
                ip = probe.getsockname()[0]
        except (OSError, IndexError, pj.Error):
            return None
        return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"

    def _on_transport_state(self, prm: Any) -> None:
        """TCP/TLS connections: a close by the server (case 6), the keep-alive in use, and
        for TLS the certificate checked (a failure becomes a finding, once per server and
        problem, with the certificate as evidence)."""
        kind = str(prm.type).lower()
        if kind in ("tcp", "tls"):
            self._connection_state(kind, int(prm.state), int(prm.lastError))
        info = prm.tlsInfo
        if info is None or info.isEmpty():
            return
        status = int(info.verifyStatus)
        verifying = self._tls_policy is None or self._tls_policy.verify
        if not status or not verifying:
            # Verification off (--tls-no-verify, already a finding): say what was skipped.
            if int(prm.state) == pj.PJSIP_TP_STATE_CONNECTED:
                self._publish(self._tls_connected_log(info))
            return
        flags = [
            name for name in dir(pj)
            if name.startswith("PJ_SSL_CERT_E") and int(getattr(pj, name)) & status
        ]  # fmt: skip
        problem = classify_pj_verify(flags)
        server = str(info.remoteAddr)
        account = self._account
        if account is not None and int(prm.state) == pj.PJSIP_TP_STATE_DISCONNECTED:
            account.tls_failed = True
        name = ""
        if account is not None and account.target.transport == "tls":
            name = tls_name(account.target, account.spec.domain)
            server = server or account.target.hostport
        key = (server, problem)
        if key in self._tls_reported:
            return
        self._tls_reported.add(key)
        raw = str(info.remoteCertInfo.raw) if not info.remoteCertInfo.isEmpty() else ""
        cert = cert_facts(raw.encode()) if raw else None
        detail = "; ".join(str(m) for m in info.verifyMsgs) or ", ".join(flags)
        self._publish(tls_finding(problem, server=server, name=name, detail=detail, cert=cert))

    def _connection_state(self, kind: str, state: int, error: int) -> None:
        account = self._account
        if account is None or account.target.transport != kind or account.unregistering:
            return
        remote = account.target.hostport  # the outbound proxy: our only TCP/TLS peer
        if state == pj.PJSIP_TP_STATE_CONNECTED:
            tcp_ka, tls_ka = keepalive_intervals()
            interval = tls_ka if kind == "tls" else tcp_ka
            self._publish(
                Log(level="info", source="transport",
                    message=f"{kind.upper()} connection to {remote}: keep-alive CRLF every "
                            f"{interval} s (RFC 5626)")
            )  # fmt: skip
            return
        if state != pj.PJSIP_TP_STATE_DISCONNECTED or error in (0, PJSIP_TLS_ECERTVERIF):
            return
        loss = self._conn.closed(kind, remote, time.monotonic())
        account.connection_lost = True
        if loss.report:
            self._publish(self._closed_finding(loss, error))
        self._publish(
            Log(level="warning", source="transport",
                message=f"{remote} closed the {kind.upper()} connection ({_pj_error(error)}); "
                        f"registering again in {loss.reconnect_in:.1f} s")
        )  # fmt: skip
        self._later(loss.reconnect_in, lambda: self._reregister(account))

    def _closed_finding(self, loss: ConnectionLoss, error: int) -> Event:
        sent = loss.last_sent
        message = sent.summary if sent else "nothing yet"
        evidence = (
            f"connection: {loss.transport.upper()} to {loss.remote}",
            f"closed by the server: {_pj_error(error)}",
            f"last message sent on it: {message}"
            + (f", {loss.after_s:.3f} s before the close" if loss.after_s is not None else ""),
        )
        return make_finding(
            "transport.closed_by_server", evidence=evidence, server=loss.remote,
            transport=loss.transport.upper(), message=message,
            after_s=f"{loss.after_s:.3f}" if loss.after_s is not None else "?", count=loss.count,
        )  # fmt: skip

    def _later(self, delay: float, action: Callable[[], None]) -> None:
        self._deferred.append((time.monotonic() + delay, action))

    def _run_deferred(self) -> None:
        if not self._deferred:
            return
        now = time.monotonic()
        due = [a for t, a in self._deferred if t <= now]
        self._deferred = [(t, a) for t, a in self._deferred if t > now]
        for action in due:
            try:
                action()
            except pj.Error as exc:
                self._publish(Log(level="warning", source="engine", message=exc.info()))

    def _reregister(self, account: _Account) -> None:
        """After the server closed the connection: REGISTER again (a new connection)."""
        if account is not self._account or account.unregistering:
            return
        account.connection_lost = False  # from here on, a failure is this REGISTER's own
        self._publish(self._reg_event(account, "registering"))
        try:
            account.setRegistration(True)
        except pj.Error as exc:
            if exc.status != PJSIP_EBUSY:
                raise
            self._later(0.5, lambda: self._reregister(account))  # a REGISTER is pending

    def _tls_connected_log(self, info: Any) -> Log:
        """Which certificate was checked, against which name: visible in the log."""
        raw = str(info.remoteCertInfo.raw) if not info.remoteCertInfo.isEmpty() else ""
        cert = cert_facts(raw.encode()) if raw else None
        account = self._account
        name = tls_name(account.target, account.spec.domain) if account is not None else "?"
        verified = self._tls_policy is not None and self._tls_policy.verify
        unchecked = "; ".join(str(m) for m in info.verifyMsgs if str(m) != "OK")
        what = (
            f"certificate verified for {name}"
            if verified
            else "certificate NOT verified"
            + (f" (it would fail: {unchecked})" if unchecked else "")
        )
        subject = f"{cert.subject}, SHA-256 {cert.sha256}" if cert else "no certificate"
        return Log(
            level="info" if verified else "warning",
            source="tls",
            message=f"TLS to {info.remoteAddr}: {what}: {subject}",
        )

    def _on_reg_state(self, account: _Account, prm: Any) -> None:
        code = int(prm.code)
        reason = str(prm.reason)
        expires = int(prm.expiration)
        text = str(prm.rdata.wholeMsg) if prm.rdata is not None else ""
        received = rport = registrar = retry_after = None
        if text:
            head = parse_head(text)
            via = top_via(head)
            if via is not None:
                received, rport = via.received, via.rport
            registrar = head.get("x-registrar") or head.get("server")
            retry_after = parse_retry_after(head.get("retry-after"))
        if received:
            self._calls.public_ip = received  # NAT facts for the call diagnosis
        if code // 100 != 2 and account.connection_lost and not account.unregistering:
            # The REGISTER went down with the connection the server closed: not the
            # server's answer. It is sent again on a new connection (_reregister); only a
            # failure of that one counts.
            account.connection_lost = False
            self._publish(
                Log(level="info", source="transport",
                    message=f"REGISTER lost with the closed connection ({code} {reason})")
            )  # fmt: skip
            return
        odd_expiry = None
        source = str(getattr(prm.rdata, "srcAddress", "")) if prm.rdata is not None else ""
        # An answer from another server than the target is the un-REGISTER that
        # Account.modify sent to the old one: expiry 0 is what it should say.
        from_target = not source or source == account.target.hostport
        if code // 100 == 2 and not account.unregistering and from_target:
            odd_expiry = unexpected_expiry(text, expires)
        if odd_expiry is not None:
            # The server "accepted" a binding it did not keep (Expires 0) or gave an expiry
            # no 32-bit field holds: say so, never "did not complete in time".
            state = "failed"
        elif code // 100 == 2:
            state = "unregistered" if expires == 0 or account.unregistering else "registered"
            account.unregistered = state == "unregistered"
            server = account.target.hostport
            if state == "registered" and server not in self._registered_servers[-1:]:
                self._registered_servers.append(server)
        else:
            state = "failed"
        self._publish(
            self._reg_event(
                account, state, code=code, reason=reason, expires=expires if state == "registered" else 0,
                received=received, rport=rport, registrar=registrar, retry_after=retry_after,
            )
        )  # fmt: skip
        if odd_expiry is not None:
            self._publish(
                make_finding(
                    "registration.unexpected_expiry", expires=odd_expiry,
                    evidence=(f"REGISTER {account.spec.aor} via {account.target.hostport} -> "
                              f"{code} {reason[:100]}, expiry {odd_expiry}",),
                )
            )  # fmt: skip
        elif state == "failed" and account.tls_failed:
            account.tls_failed = False  # the TLS finding already says why, with evidence
        elif state == "failed" and not account.unregistering:
            self._publish(self._failure_finding(account, code, reason))

    def _on_incoming_call(self, account: _Account, prm: Any) -> None:
        registered_on = account.target.hostport if self._registered_servers else None
        earlier = tuple(s for s in self._registered_servers if s != registered_on)
        self._calls.incoming(account, prm, mode=self._answer_mode, registered_on=registered_on,
                             earlier=earlier)  # fmt: skip

    def _failure_finding(self, account: _Account, code: int, reason: str) -> Event:
        params = {
            "code": code,
            "reason": reason,
            "aor": account.spec.aor,
            "server": account.target.hostport,
        }
        evidence = (f"REGISTER {account.spec.aor} via {account.target.hostport}/"
                    f"{account.target.transport} -> {code} {reason}",)  # fmt: skip
        if code in (401, 403, 407):
            return make_finding("registration.credentials_rejected", evidence=evidence, **params)
        if code == 404:
            return make_finding("registration.not_found", evidence=evidence, **params)
        if code in (408, 480) or code // 100 == 7 or code == 0:
            return make_finding("registration.timeout", evidence=evidence, **params)
        if code // 100 == 5:
            return make_finding("registration.server_error", evidence=evidence, **params)
        return make_finding("registration.failed", evidence=evidence, **params)

    def _on_log(self, level: int, msg: str) -> None:
        m = _MSG_LOG.search(msg)
        if m is not None:
            text = self._redactor.redact(m.group("text"))
            if m.group("dir") == "TX" and m.group("transport").lower() in ("tcp", "tls"):
                self._conn.sent(
                    m.group("transport"), m.group("remote"), summarize(text), time.monotonic()
                )
            local = ""
            with contextlib.suppress(Exception):
                tid = self._transports.get(m.group("transport").lower())
                if tid is not None:
                    local = self._wire_local(
                        str(self._ep.transportGetInfo(tid).localName), m.group("remote")
                    )
            self._publish(
                SipMessage(
                    direction="out" if m.group("dir") == "TX" else "in",
                    transport=m.group("transport").lower(),
                    local=local,
                    remote=m.group("remote"),
                    text=text,
                )
            )
            return
        if level <= 3 and not msg.lstrip().startswith(_SHUTDOWN_NOISE):
            self._publish(
                Log(
                    level=_PJ_LEVELS.get(level, "debug"),  # type: ignore[arg-type]
                    source="pjsip",
                    message=self._redactor.redact(msg.strip()),
                )
            )
