"""Calls and their audio, on the engine thread: the call/media half of the pjsua2 engine.

Theory of operation
-------------------
:class:`CallManager` belongs to :class:`softdiag.sip.engine.SipEngine` and runs on its
thread (engine invariant 1). For every ``MakeCall`` it creates a :class:`_Call` (a
``pj.Call``) and a :class:`_MediaPort` (a ``pj.AudioMediaPort``) around a pure
:class:`~softdiag.media.tap.MediaTap`. When pjsua reports the audio stream active, the port
is connected both ways to the call's conference slot, a
:class:`~softdiag.media.meter.MeterThread` starts publishing ``Levels``, and the engine's
loop calls :meth:`CallManager.tick`, which once a second reads ``getStreamStat``,
``getStreamInfo`` and ``getMedTransportInfo`` into a ``MediaStats`` event and lets the
call's :class:`~softdiag.media.diagnosis.MediaObserver` report new findings.

The port's two callbacks run on pjmedia's clock thread, not on the engine thread: they
touch nothing but the ``MediaFrame`` they are handed and the tap's preallocated buffers.

Invariants
1. Every native object (call, port) is referenced by its :class:`CallRuntime` until it is
   destroyed, and destroyed on the engine thread, never inside its own callback.
2. Destroy order: hang up and delete calls, then destroy ports (``__swig_destroy__``, a
   plain ``del`` segfaulted under stress, FACTS.md), then the engine deletes the account
   and calls ``libDestroy``.
3. A Python exception never crosses into native code: every callback catches everything.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import itertools
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pjsua2 as pj

from softdiag.commands import AnswerCall, AnswerMode, AudioSpec, Hangup, MakeCall, SelectAudio
from softdiag.events import (
    AudioPathChanged,
    AudioPathFigures,
    CallState,
    CallStateChanged,
    Event,
    IncomingCall,
    Levels,
    Log,
    MediaStats,
    MediaTransport,
    SdpExchanged,
    ServerSuspected,
    StreamFigures,
)
from softdiag.findings import make_finding
from softdiag.media import emodel
from softdiag.media.addresses import host_of, unreachable_private
from softdiag.media.diagnosis import MediaObserver
from softdiag.media.meter import LevelMeter, MeterThread
from softdiag.media.tap import FRAME_MS, MediaTap
from softdiag.media.transport_state import media_transport
from softdiag.sdp.report import exchange_events

from .inbound import describe_invite, path_finding
from .message import parse_head

if TYPE_CHECKING:
    from softdiag.media.bridge import SoundBridge

__all__ = ["CallManager", "CallRuntime", "normalise_uri"]

CLOCK_RATE = 16000  # the conference bridge's default: the port needs no resampling
STATS_INTERVAL = 1.0
HANGUP_WAIT = 2.0  # seconds to wait for BYE/CANCEL answers at shutdown
# An INVITE refused by a failing server (not by the callee) waits this long for the
# failover policy to move, then is placed again through the new server; at most twice.
RETRY_CODES = frozenset({408, 500, 502, 503, 504})
PARK_S = 5.0
MAX_ATTEMPTS = 3

_INV_STATES: dict[int, CallState] = {
    pj.PJSIP_INV_STATE_CALLING: "calling",
    pj.PJSIP_INV_STATE_EARLY: "early",
    pj.PJSIP_INV_STATE_CONNECTING: "connecting",
    pj.PJSIP_INV_STATE_CONFIRMED: "confirmed",
    pj.PJSIP_INV_STATE_DISCONNECTED: "disconnected",
}
_SDP_TYPE = re.compile(r"application/sdp", re.IGNORECASE)


def normalise_uri(uri: str, domain: str) -> str:
    """'echo' -> 'sip:echo@domain'; 'echo@host' -> 'sip:echo@host'; SIP URIs unchanged."""
    text = uri.strip()
    if text.lower().startswith(("sip:", "sips:", "tel:")):
        return text
    if "@" in text:
        return f"sip:{text}"
    return f"sip:{text}@{domain}"


# -- ByteVector access ---------------------------------------------------------------------
# frame.buf is a SWIG std::vector<unsigned char>. Element-wise access costs ~100 µs per
# frame; reading the vector's data pointer (libstdc++ keeps begin/end/capacity pointers
# first) and copying with ctypes costs ~1 µs (FACTS.md). A self-test at import decides;
# where the layout differs, the slow path keeps working.


def _vector_data(vec: Any) -> int:
    return ctypes.c_void_p.from_address(int(vec.this)).value or 0


def _fast_vectors_work() -> bool:
    try:
        probe = pj.ByteVector()
        probe.resize(4)
        for i, value in enumerate((1, 2, 3, 250)):
            probe[i] = value
        if ctypes.string_at(_vector_data(probe), 4) != bytes((1, 2, 3, 250)):
            return False
        ctypes.memmove(_vector_data(probe), bytes((9, 8, 7, 6)), 4)
        return [probe[i] for i in range(4)] == [9, 8, 7, 6]
    except Exception:
        return False


FAST_VECTORS = _fast_vectors_work()


class _MediaPort(pj.AudioMediaPort):  # type: ignore[misc]
    """Feeds the call from the tap and hands received frames to it (pjmedia clock thread)."""

    def __init__(self, tap: MediaTap) -> None:
        super().__init__()
        self.tap = tap
        self.errors = 0

    def onFrameRequested(self, frame: Any) -> None:
        try:
            data = self.tap.next_tx()
            size = data.nbytes
            buf = frame.buf
            if buf.size() != size:
                buf.resize(size)
            if FAST_VECTORS:
                ctypes.memmove(_vector_data(buf), data.ctypes.data, size)
            else:
                raw = data.tobytes()
                for i in range(size):
                    buf[i] = raw[i]
            frame.size = size
            frame.type = pj.PJMEDIA_FRAME_TYPE_AUDIO
        except Exception:
            self.errors += 1

    def onFrameReceived(self, frame: Any) -> None:
        try:
            buf = frame.buf
            size = min(int(buf.size()), self.tap.rx_buffer.nbytes)
            size -= size % 2
            if size and FAST_VECTORS:
                ctypes.memmove(self.tap.rx_buffer.ctypes.data, _vector_data(buf), size)
            elif size:
                self.tap.rx_buffer.view("u1")[:size] = [buf[i] for i in range(size)]
            self.tap.put_rx(size // 2)
        except Exception:
            self.errors += 1


class _Call(pj.Call):  # type: ignore[misc]
    def __init__(
        self, manager: CallManager, account: Any, number: int, call_id: int | None = None
    ) -> None:
        if call_id is None:
            super().__init__(account)
        else:  # an incoming call pjsua already created
            super().__init__(account, call_id)
        self.manager = manager
        self.number = number

    def _safely(self, name: str, fn: Callable[[], None]) -> None:
        try:
            fn()
        except Exception as exc:
            self.manager.publish(Log(level="error", source="engine", message=f"{name}: {exc!r}"))

    def onCallState(self, prm: Any) -> None:
        self._safely("onCallState", lambda: self.manager._on_call_state(self, prm))

    def onCallMediaState(self, prm: Any) -> None:
        self._safely("onCallMediaState", lambda: self.manager._on_media_state(self))

    def onCallSdpCreated(self, prm: Any) -> None:
        self._safely("onCallSdpCreated", lambda: self.manager._on_sdp_created(self, prm))

    def onCallTsxState(self, prm: Any) -> None:
        self._safely("onCallTsxState", lambda: self.manager._on_tsx_state(self, prm))

    def onCallMediaTransportState(self, prm: Any) -> None:
        self._safely("onCallMediaTransportState",
                     lambda: self.manager._on_med_tp_state(self, prm))  # fmt: skip


@dataclass(eq=False)
class CallRuntime:
    """Everything softdiag keeps for one call (engine thread, except where noted)."""

    number: int
    uri: str
    audio: AudioSpec
    call: _Call | None = None
    port: _MediaPort | None = None
    tap: MediaTap = field(default_factory=MediaTap)
    meter: MeterThread | None = None
    bridge: SoundBridge | None = None
    observer: MediaObserver = field(default_factory=MediaObserver)
    lock: threading.Lock = field(default_factory=threading.Lock)  # guards observer
    media_index: int | None = None
    connected: bool = False
    media_since: float | None = None
    confirmed_at: float | None = None
    next_stats: float = 0.0
    local_sdp: str = ""
    remote_sdp: str = ""
    remote_sdp_headers: tuple[tuple[str, str], ...] = ()  # the message that carried it
    med_tp_state: int | None = None  # PJSUA_MED_TP_* from onCallMediaTransportState
    med_tp_status: int = 0
    sdp_published: bool = False
    state: CallState = "calling"
    ended: bool = False
    hangup_sent: bool = False
    call_id: str = ""
    incoming: bool = False
    answered: bool = False  # an incoming call we sent a final answer to
    server: str = ""  # ip:port of the proxy the (current) INVITE went through
    invited_at: float | None = None  # when the current INVITE attempt left
    provisional: bool = False  # a 1xx (even 100 Trying) answered the current attempt
    attempts: int = 0  # INVITE attempts: more than one when re-placed through another server
    stalled: bool = False  # ServerSuspected published for the current attempt
    parked_until: float | None = None  # refused by a failing server: waiting for a move
    refused: str = ""  # that server's answer, "503 Service Unavailable"
    signalling_lost: bool = False  # its server died during the call (said once)


def _is_response(event: Any) -> bool:
    """A received response of the INVITE transaction (any, even 100 Trying)."""
    with contextlib.suppress(Exception):
        if int(event.type) != pj.PJSIP_EVENT_TSX_STATE:
            return False
        tsx = event.body.tsxState
        if int(tsx.type) != pj.PJSIP_EVENT_RX_MSG:
            return False
        return str(tsx.src.rdata.wholeMsg).startswith("SIP/2.0 ")
    return False


def _sdp_body(message: str) -> str:
    """The SDP body of a SIP message, or "" when it carries none."""
    parts = re.split(r"\r?\n\r?\n", message, maxsplit=1)
    if len(parts) < 2 or not parts[1].strip():
        return ""
    content_type = parse_head(parts[0]).get("content-type") or ""
    return parts[1] if _SDP_TYPE.search(content_type) else ""


class CallManager:
    """The engine's calls (engine thread only, see the module docstring)."""

    def __init__(
        self,
        publish: Callable[[Event], None],
        *,
        account: Callable[[], Any],
        pump: Callable[[int], None],
        levels_rate_hz: float = 30.0,
        server: Callable[[], str] = lambda: "",
        provisional_timeout: float = 1.0,
    ) -> None:
        """``server``: the ip:port the account's requests go through now;
        ``provisional_timeout``: an INVITE that no 1xx answered this long makes its server
        suspect (the failover policy probes it at once, and moves if it is gone)."""
        self.publish = publish
        self._server = server
        self.provisional_timeout = provisional_timeout
        # Calls follow the failover policy (False for the MicroSIP baseline, first-ip).
        self.call_failover = True
        self._abandoned: list[_Call] = []  # attempts cancelled to be placed elsewhere
        self._account = account  # the engine's current pj.Account (or None)
        self._pump = pump  # ep.libHandleEvents
        self.levels_rate_hz = levels_rate_hz
        self._calls: dict[int, CallRuntime] = {}
        self.public_ip: str | None = None  # our address as the registrar saw it

    # -- numbering (any thread) -----------------------------------------------------------

    _numbers = itertools.count(1)
    _numbers_lock = threading.Lock()

    @classmethod
    def next_number(cls) -> int:
        with cls._numbers_lock:
            return next(cls._numbers)

    # -- commands -------------------------------------------------------------------------

    def _runtime_for(self, number: int, uri: str, audio: AudioSpec) -> CallRuntime:
        return CallRuntime(
            number=number,
            uri=uri,
            audio=audio,
            tap=MediaTap(
                rate=CLOCK_RATE, ptime_ms=FRAME_MS, tone_hz=audio.tone_hz, tone_dbfs=audio.tone_dbfs
            ),
            observer=MediaObserver(levels_per_s=self.levels_rate_hz),
        )

    def _create_port(self, rt: CallRuntime) -> None:
        rt.observer.public_ip = self.public_ip
        port = _MediaPort(rt.tap)
        fmt = pj.MediaFormatAudio()
        fmt.init(pj.PJMEDIA_FORMAT_PCM, CLOCK_RATE, 1, FRAME_MS * 1000, 16)
        rt.port = port  # invariant 1: referenced before native code sees it
        port.createPort(f"softdiag-call-{rt.number}", fmt)

    def make(self, command: MakeCall) -> None:
        rt = self._runtime_for(command.call, command.uri, command.audio)
        account = self._account()
        if account is None:
            self._fail(rt, 0, "no account: register first")
            return
        self._create_port(rt)
        self._calls[rt.number] = rt
        self._publish_state(rt, "calling")
        self._invite(rt, account)

    def _invite(self, rt: CallRuntime, account: Any) -> None:
        """Send (or re-send through the account's current server) the call's INVITE."""
        call = _Call(self, account, rt.number)
        rt.call = call
        rt.server = self._server()
        rt.invited_at = time.monotonic()
        rt.provisional = rt.stalled = False
        rt.attempts += 1
        try:
            call.makeCall(rt.uri, pj.CallOpParam(True))
        except pj.Error as exc:
            rt.ended = True
            self._fail(rt, exc.status, exc.reason or exc.info())

    def account_moved(self, old: str, new: str) -> None:
        """The account now registers through ``new`` (the failover policy moved).

        An outgoing call that ``old`` never answered (not even 100 Trying) is cancelled and
        placed again through ``new``: one call for the user, its number kept, the reason a
        finding. A call established through ``old`` keeps its media; the user is told the
        signalling path is gone.
        """
        account = self._account()
        now = time.monotonic()
        for rt in list(self._calls.values()):
            if rt.ended or rt.incoming or rt.server != old:
                continue
            if rt.connected:
                if not rt.signalling_lost:
                    rt.signalling_lost = True
                    self.publish(make_finding(
                        "call.signalling_lost", server=old,
                        evidence=(f"call {rt.uri} ({rt.call_id}) set up through {old}",
                                  f"the account moved to {new}"),
                    ))  # fmt: skip
                continue
            if account is None or not self.call_failover:
                continue
            waited = now - (rt.invited_at or now)
            if rt.parked_until is not None:  # the old server refused it (503, 408): retry
                why = rt.refused or "refused"
                rt.parked_until = None
            elif rt.call is not None and not rt.provisional:
                why = f"no answer in {waited:.1f} s"
                abandoned, rt.call = rt.call, None
                with contextlib.suppress(pj.Error):
                    abandoned.hangup(pj.CallOpParam(True))  # pjsip CANCELs once it can
                self._abandoned.append(abandoned)
            else:
                continue  # the old server is alive enough to handle this call
            self.publish(make_finding(
                "call.retried_elsewhere", uri=rt.uri, old=old, new=new, why=why,
                evidence=(f"INVITE {rt.uri} via {old}: {why}",
                          f"placed again via {new} (attempt {rt.attempts + 1})"),
            ))  # fmt: skip
            self._invite(rt, account)

    def _park(self, rt: CallRuntime, call: _Call, code: int, reason: str) -> bool:
        """A server failure answered the INVITE (503, 408, 500...): instead of failing the
        call, keep it for ``PARK_S`` while the failover policy checks that server; if it
        moves, :meth:`account_moved` places the call again. True when parked."""
        if not self.call_failover or rt.connected or rt.incoming or rt.hangup_sent:
            return False
        if rt.attempts >= MAX_ATTEMPTS:
            return False
        if code not in RETRY_CODES:
            return False
        rt.call = None
        self._abandoned.append(call)  # ended: reaped by the next tick
        rt.parked_until = time.monotonic() + PARK_S
        rt.refused = f"{code} {reason}"
        self.publish(ServerSuspected(server=rt.server, why="invite",
                                     detail=f"INVITE {rt.uri}: {code} {reason}"))  # fmt: skip
        return True

    def _unpark(self, rt: CallRuntime, code: int, reason: str) -> None:
        """Nobody moved (or the user hung up): the call ends as it would have."""
        rt.parked_until = None
        self._publish_state(rt, "disconnected", code=code, reason=reason)
        if code >= 300:
            self.publish(make_finding("call.failed", evidence=(f"INVITE {rt.uri}: {code} {reason}",),
                                      uri=rt.uri, code=code, reason=reason))  # fmt: skip
        rt.ended = True

    def incoming(
        self,
        account: Any,
        prm: Any,
        *,
        mode: AnswerMode,
        registered_on: str | None,
        earlier: tuple[str, ...],
    ) -> None:
        """An INVITE to us (``Account.onIncomingCall``): publish who and which path, then
        answer as ``mode`` says (auto 200, busy 486, ring 180 and wait for AnswerCall)."""
        text = str(prm.rdata.wholeMsg)
        source = str(prm.rdata.srcAddress)
        facts = describe_invite(text)
        number = self.next_number()
        rt = self._runtime_for(number, facts.caller or "sip:unknown", AudioSpec())
        rt.incoming = True
        rt.call_id = facts.call_id
        self._create_port(rt)
        call = _Call(self, account, number, int(prm.callId))
        rt.call = call
        self._calls[number] = rt
        self.publish(
            IncomingCall(
                call=number, caller=facts.caller, caller_name=facts.caller_name, to=facts.to,
                call_id=facts.call_id, source=source,
                transport=facts.via[0].split(" ", 1)[0].lower() if facts.via else "",
                via=facts.via, record_route=facts.record_route, registered_on=registered_on,
                answer=mode,
            )
        )  # fmt: skip
        self._publish_state(rt, "incoming")
        finding = path_finding(
            source=source, registered_on=registered_on, earlier=earlier, facts=facts
        )
        if finding is not None:
            self.publish(finding)
        if mode == "auto":
            self._answer(rt, 200)
        elif mode == "busy":
            self._answer(rt, 486)
        else:
            self._answer(rt, 180)

    def answer(self, command: AnswerCall) -> None:
        rt = self._calls.get(command.call)
        if rt is None or rt.ended or rt.call is None or not rt.incoming or rt.answered:
            return
        if command.audio is not None:
            rt.audio = command.audio
        self._answer(rt, command.code)

    def _answer(self, rt: CallRuntime, code: int) -> None:
        if rt.call is None:
            return
        prm = pj.CallOpParam(True)
        prm.statusCode = code
        if code >= 200:
            rt.answered = True
        try:
            rt.call.answer(prm)
        except pj.Error as exc:
            self.publish(Log(level="warning", source="engine",
                             message=f"answer {code}: {exc.info()}"))  # fmt: skip

    def hangup(self, command: Hangup) -> None:
        rt = self._calls.get(command.call)
        if rt is not None and not rt.ended and rt.parked_until is not None:
            self._unpark(rt, 487, "Request Terminated")
            return
        if rt is None or rt.ended or rt.call is None:
            return
        self._hangup(rt)

    def select_audio(self, command: SelectAudio) -> None:
        rt = self._calls.get(command.call)
        if rt is None or rt.ended:
            return
        rt.audio = command.audio
        if rt.media_since is not None:
            self._open_audio(rt)

    def _hangup(self, rt: CallRuntime) -> None:
        if rt.hangup_sent or rt.call is None:
            return
        rt.hangup_sent = True
        if rt.media_since is not None:  # the final figures, while the stream still exists
            self._stats_tick(rt, time.monotonic())
        prm = pj.CallOpParam(True)
        with contextlib.suppress(pj.Error):
            rt.call.hangup(prm)

    def _fail(self, rt: CallRuntime, code: int, reason: str) -> None:
        self.publish(
            CallStateChanged(call=rt.number, state="failed", uri=rt.uri, code=code, reason=reason)
        )
        self.publish(
            make_finding(
                "call.failed",
                evidence=(f"INVITE {rt.uri}: {code} {reason}",),
                uri=rt.uri,
                code=code,
                reason=reason,
            )
        )

    # -- the engine loop --------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return bool(self._calls) or bool(self._abandoned)

    def _reap_abandoned(self, *, force: bool = False) -> None:
        for call in list(self._abandoned):
            with contextlib.suppress(pj.Error):
                if not force and call.isActive():
                    continue
                if call.isActive():
                    call.hangup(pj.CallOpParam(True))
            self._abandoned.remove(call)
            del call

    def tick(self, now: float | None = None) -> None:
        """Stats once a second, findings, and destruction of ended calls (engine loop)."""
        now = time.monotonic() if now is None else now
        for rt in list(self._calls.values()):
            if rt.ended:
                self._destroy(rt)
                continue
            if rt.parked_until is not None:
                if now >= rt.parked_until:
                    code, _, reason = rt.refused.partition(" ")
                    self._unpark(rt, int(code) if code.isdigit() else 0, reason)
                continue
            if (
                self.call_failover and not rt.incoming and not rt.provisional and not rt.stalled
                and not rt.connected
                and rt.invited_at is not None and now - rt.invited_at >= self.provisional_timeout
            ):  # fmt: skip
                rt.stalled = True
                self.publish(ServerSuspected(server=rt.server, why="invite",
                                             detail=f"INVITE {rt.uri}: no answer in "
                                                    f"{now - rt.invited_at:.1f} s"))  # fmt: skip
            if rt.media_since is not None and now >= rt.next_stats:
                rt.next_stats = now + STATS_INTERVAL
                self._stats_tick(rt, now)
        if self._abandoned:
            self._reap_abandoned()

    def teardown(self) -> None:
        """Hang up every call, wait (bounded) for the answers, destroy everything."""
        for rt in self._calls.values():
            if rt.parked_until is not None and not rt.ended:
                self._unpark(rt, 487, "Request Terminated")
            if not rt.ended:
                self._hangup(rt)
        deadline = time.monotonic() + HANGUP_WAIT
        while any(not rt.ended for rt in self._calls.values()) and time.monotonic() < deadline:
            self._pump(10)
        self._reap_abandoned(force=True)
        for rt in list(self._calls.values()):
            self._destroy(rt)

    def _destroy(self, rt: CallRuntime) -> None:
        self._stop_media(rt)
        call, rt.call = rt.call, None
        if call is not None:
            with contextlib.suppress(pj.Error):
                if call.isActive():
                    call.hangup(pj.CallOpParam(True))
            del call  # calls before ports (invariant 2)
        port, rt.port = rt.port, None
        if port is not None:
            with contextlib.suppress(Exception):
                port.__swig_destroy__(port)
            del port
        self._calls.pop(rt.number, None)

    # -- callbacks (engine thread) -----------------------------------------------------------

    def _runtime(self, call: _Call) -> CallRuntime | None:
        rt = self._calls.get(call.number)
        return rt if rt is not None and rt.call is call else None  # not an abandoned attempt

    def _publish_state(self, rt: CallRuntime, state: CallState, **kw: Any) -> None:
        rt.state = state
        self.publish(
            CallStateChanged(call=rt.number, state=state, uri=rt.uri, call_id=rt.call_id, **kw)
        )

    def _on_call_state(self, call: _Call, prm: Any) -> None:
        rt = self._runtime(call)
        if rt is None:
            return
        info = call.getInfo()
        rt.call_id = str(info.callIdString)
        self._capture_remote_sdp(rt, prm.e)
        state = _INV_STATES.get(int(info.state))
        if state is None or (state == rt.state and state != "early"):
            return
        code, reason = int(info.lastStatusCode), str(info.lastReason)
        if state == "confirmed":
            rt.connected = True
            rt.confirmed_at = time.monotonic()
        if state != "disconnected":
            self._publish_state(rt, state, code=code, reason=reason)
            return
        if self._park(rt, call, code, reason):
            return
        duration = time.monotonic() - rt.confirmed_at if rt.confirmed_at is not None else 0.0
        if rt.media_since is not None:  # a last look at what was measured (stream is gone)
            with rt.lock:
                findings = rt.observer.new_findings(time.monotonic())
            for finding in findings:
                self.publish(finding)
        self._stop_media(rt)
        self._publish_state(rt, "disconnected", code=code, reason=reason,
                            duration_s=round(duration, 3))  # fmt: skip
        if not rt.connected and code >= 300 and not rt.incoming:
            self.publish(
                make_finding(
                    "call.failed",
                    evidence=(f"INVITE {rt.uri}: {code} {reason}",),
                    uri=rt.uri, code=code, reason=reason,
                )
            )  # fmt: skip
        rt.ended = True  # destroyed by the next tick, outside this callback (invariant 1)

    def _on_sdp_created(self, call: _Call, prm: Any) -> None:
        rt = self._runtime(call)
        if rt is not None:
            rt.local_sdp = str(prm.sdp.wholeSdp)
            remote = str(prm.remSdp.wholeSdp)
            if remote:
                rt.remote_sdp = remote
                self._maybe_publish_sdp(rt, offerer="remote")

    def _on_med_tp_state(self, call: _Call, prm: Any) -> None:
        rt = self._runtime(call)
        if rt is not None:
            rt.med_tp_state, rt.med_tp_status = int(prm.state), int(prm.status)

    def _on_tsx_state(self, call: _Call, prm: Any) -> None:
        rt = self._runtime(call)
        if rt is not None:
            if not rt.provisional and not rt.incoming:
                rt.provisional = _is_response(prm.e)
            self._capture_remote_sdp(rt, prm.e)

    def _capture_remote_sdp(self, rt: CallRuntime, event: Any) -> None:
        if rt.remote_sdp:
            return
        with contextlib.suppress(Exception):
            if int(event.type) != pj.PJSIP_EVENT_TSX_STATE:
                return
            tsx = event.body.tsxState
            if int(tsx.type) != pj.PJSIP_EVENT_RX_MSG:
                return
            message = str(tsx.src.rdata.wholeMsg)
            body = _sdp_body(message)
            if body:
                rt.remote_sdp = body
                rt.remote_sdp_headers = parse_head(message).headers
                self._maybe_publish_sdp(rt, offerer="local")

    def _maybe_publish_sdp(self, rt: CallRuntime, *, offerer: str) -> None:
        if rt.sdp_published or not rt.local_sdp or not rt.remote_sdp:
            return
        rt.sdp_published = True
        offer, answer = (
            (rt.local_sdp, rt.remote_sdp) if offerer == "local" else (rt.remote_sdp, rt.local_sdp)
        )
        self.publish(
            SdpExchanged(call=rt.number, offer=offer, answer=answer, offerer=offerer)  # type: ignore[arg-type]
        )
        for event in exchange_events(rt.number, offer, answer, offerer=offerer,  # type: ignore[arg-type]
                                     remote_headers=rt.remote_sdp_headers):  # fmt: skip
            self.publish(event)

    def _on_media_state(self, call: _Call) -> None:
        rt = self._runtime(call)
        if rt is None or rt.port is None:
            return
        info = call.getInfo()
        for media in info.media:
            if int(media.type) != pj.PJMEDIA_TYPE_AUDIO:
                continue
            if int(media.status) != pj.PJSUA_CALL_MEDIA_ACTIVE:
                continue
            if rt.media_index == int(media.index):
                return  # already connected (a re-INVITE that kept the stream)
            rt.media_index = int(media.index)
            audio = call.getAudioMedia(rt.media_index)
            rt.port.startTransmit(audio)  # what we send
            audio.startTransmit(rt.port)  # what we receive
            now = time.monotonic()
            rt.media_since = now
            rt.next_stats = now + STATS_INTERVAL
            with rt.lock:
                rt.observer.media_started(now)
            self._open_audio(rt)
            meter = MeterThread(
                LevelMeter(rt.number, rt.tap),
                functools.partial(self._on_levels, rt),
                rate_hz=self.levels_rate_hz,
            )
            rt.meter = meter
            meter.start()
            return

    # -- audio path ---------------------------------------------------------------------------

    def _open_audio(self, rt: CallRuntime) -> None:
        """Open the sound devices the call asked for, or fall back to the test signal."""
        old, rt.bridge = rt.bridge, None
        rt.tap.bridge = None
        if old is not None:
            old.close()
        spec = rt.audio
        if spec.source != "devices":
            rt.tap.fallback = "test-signal"
            self.publish(AudioPathChanged(call=rt.number, state="test-signal",
                                          detail=f"{spec.tone_hz} Hz at {spec.tone_dbfs:g} dBFS"))  # fmt: skip
            return
        from softdiag.media.bridge import BridgeError, SoundBridge

        try:
            bridge = SoundBridge(
                rate=rt.tap.rate,
                output=spec.output,
                input=spec.input,
                frame_ms=FRAME_MS,
                on_lost=functools.partial(self._on_device_lost, rt),
            )
            bridge.start()
        except BridgeError as exc:
            rt.tap.fallback = "test-signal"
            self.publish(AudioPathChanged(call=rt.number, state="test-signal", detail=str(exc)))
            self.publish(make_finding("media.no_audio_device", evidence=(str(exc),),
                                      problem=str(exc)))  # fmt: skip
            return
        rt.bridge = bridge
        # A microphone lost later sends silence, not a tone; without any microphone from the
        # start, the test signal keeps the far end (and our meters) hearing something.
        rt.tap.fallback = "silence" if bridge.capturing else "test-signal"
        rt.tap.bridge = bridge
        with rt.lock:
            rt.observer.tx_device = bridge.input_name
            rt.observer.device_lost = False
        self.publish(AudioPathChanged(call=rt.number, state="devices",
                                      output=bridge.output_name, input=bridge.input_name))  # fmt: skip

    def _on_device_lost(self, rt: CallRuntime, which: str, detail: str) -> None:
        """From the bridge's watchdog thread: the call goes on, the user is told."""
        with rt.lock:
            rt.observer.device_lost = True
        bridge = rt.bridge
        name = (bridge.output_name if which == "output" else bridge.input_name) if bridge else which
        self.publish(AudioPathChanged(call=rt.number, state="lost", output=name if which ==
                                      "output" else None, input=name if which == "input" else None,
                                      detail=detail))  # fmt: skip
        self.publish(make_finding("media.device_lost", evidence=(detail,), device=name))

    def _stop_media(self, rt: CallRuntime) -> None:
        meter, rt.meter = rt.meter, None
        if meter is not None:
            meter.stop()
        bridge, rt.bridge = rt.bridge, None
        rt.tap.bridge = None
        if bridge is not None:
            bridge.close()
            self.publish(AudioPathChanged(call=rt.number, state="closed"))

    def _on_levels(self, rt: CallRuntime, levels: Levels) -> None:
        """Meter thread: feed the observer, then publish."""
        with rt.lock:
            rt.observer.on_levels(levels, time.monotonic())
        self.publish(levels)

    # -- statistics -------------------------------------------------------------------------------

    def _stats_tick(self, rt: CallRuntime, now: float) -> None:
        call = rt.call
        if call is None or rt.media_index is None:
            return
        try:
            stats = self._read_stats(rt, call, now)
        except pj.Error as exc:  # the stream went away between two ticks
            self.publish(Log(level="debug", source="engine", message=f"stream stats: {exc.info()}"))
            return
        self.publish(stats)
        with rt.lock:
            rt.observer.public_ip = self.public_ip
            rt.observer.on_stats(stats, now)
            findings = rt.observer.new_findings(now)
        for finding in findings:
            self.publish(finding)

    def _read_stats(self, rt: CallRuntime, call: _Call, now: float) -> MediaStats:
        idx = rt.media_index
        info = call.getStreamInfo(idx)
        stat = call.getStreamStat(idx)
        transport = call.getMedTransportInfo(idx)
        rtcp = stat.rtcp
        rx, tx = rtcp.rxStat, rtcp.txStat
        codec = str(info.codecName)
        rx_lost = int(rx.loss)
        rx_pkt = int(rx.pkt)
        rx_loss_pct = 100.0 * rx_lost / (rx_pkt + rx_lost) if rx_pkt + rx_lost else 0.0
        reports = int(tx.updateCount) > 0  # the far end sent RTCP receiver reports
        tx_pkt = int(tx.pkt)
        tx_lost = int(tx.loss) if reports else None
        tx_loss_pct = 100.0 * int(tx.loss) / max(1, tx_pkt + int(tx.loss)) if reports else None
        rtt_ms = float(rtcp.rttUsec.mean) / 1000.0 if int(rtcp.rttUsec.n) > 0 else None
        jb_ms = float(stat.jbuf.avgDelayMsec)
        frames = int(info.audCodecParam.setting.frmPerPkt) or 1
        frame_ms = int(info.audCodecParam.info.frameLen) or 20  # codec default
        ptime = float(frames * frame_ms)
        bridge = rt.bridge
        device_ms = (bridge.latency_ms or 0.0) / 2 if bridge is not None else 0.0
        lookahead = emodel.codec_impairment(codec).lookahead_ms
        delay = emodel.mouth_to_ear_delay(rtt_ms=rtt_ms, jitter_buffer_ms=jb_ms, ptime_ms=ptime,
                                          lookahead_ms=lookahead, device_ms=device_ms)  # fmt: skip
        rating = emodel.rate(codec, loss_pct=rx_loss_pct, delay_ms=delay)
        mos_tx = (
            emodel.rate(codec, loss_pct=tx_loss_pct, delay_ms=delay).mos
            if tx_loss_pct is not None and tx_pkt
            else None
        )
        local_rtp = str(transport.localRtpName) or None
        remote_rtp = str(info.remoteRtpAddress) or None
        source = str(transport.srcRtpName) or None
        if rx_pkt == 0:
            source = None
        return MediaStats(
            call=rt.number,
            codec=codec,
            clock_rate=int(info.codecClockRate),
            rx=StreamFigures(
                packets=rx_pkt, bytes=int(rx.bytes), lost=rx_lost, loss_pct=round(rx_loss_pct, 2),
                discarded=int(rx.discard), duplicates=int(rx.dup), reordered=int(rx.reorder),
                jitter_ms=round(float(rx.jitterUsec.mean) / 1000.0, 3) if rx_pkt else None,
                jitter_max_ms=round(float(rx.jitterUsec.max) / 1000.0, 3) if rx_pkt else None,
            ),
            tx=StreamFigures(
                packets=tx_pkt, bytes=int(tx.bytes), lost=tx_lost,
                loss_pct=round(tx_loss_pct, 2) if tx_loss_pct is not None else None,
                jitter_ms=round(float(tx.jitterUsec.mean) / 1000.0, 3) if reports else None,
                jitter_max_ms=round(float(tx.jitterUsec.max) / 1000.0, 3) if reports else None,
            ),
            rtt_ms=round(rtt_ms, 3) if rtt_ms is not None else None,
            local_rtp=local_rtp,
            remote_rtp=remote_rtp,
            rtp_source=source,
            remote_private=unreachable_private(host_of(remote_rtp), host_of(local_rtp)),
            jitter_buffer_ms=jb_ms,
            delay_ms=round(delay, 1),
            # No packet received: nothing was heard, so there is no quality to estimate.
            r_factor=round(rating.r, 1) if rx_pkt else None,
            mos=round(rating.mos, 2) if rx_pkt else None,
            mos_tx=round(mos_tx, 2) if mos_tx is not None else None,
            audio=self._audio_figures(rt),
            media_seconds=round(now - (rt.media_since or now), 3),
            transport=self._transport(rt, call, int(info.proto)),
        )  # fmt: skip

    def _transport(self, rt: CallRuntime, call: _Call, proto: int) -> MediaTransport | None:
        """Profile, SRTP and ICE state as pjsua2 reports them (media.transport_state)."""
        try:
            dump = str(call.dump(True, ""))
        except pj.Error:
            dump = ""
        return media_transport(proto, dump, rt.local_sdp, rt.med_tp_state, rt.med_tp_status)

    def _audio_figures(self, rt: CallRuntime) -> AudioPathFigures:
        bridge = rt.bridge
        if bridge is None:
            return AudioPathFigures(source=rt.tap.source, frames=rt.tap.frames_tx)
        return AudioPathFigures(
            source=rt.tap.source,
            output=bridge.output_name,
            input=bridge.input_name,
            underruns=bridge.underruns,
            overruns=bridge.overruns,
            frames=rt.tap.frames_tx,
            latency_ms=bridge.latency_ms,
            drift_ppm=bridge.drift_ppm,
        )
