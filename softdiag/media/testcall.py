"""A test call from start to verdict: register if needed, call, measure, hang up, conclude.

The CLI (``softdiag call``) and the GUI's "Test call" button run the same
:class:`TestCall`; it blocks, so the GUI runs it off its thread. Everything it learns
arrives as events on the session as well (the meters and tables draw from those); the
:class:`TestCallResult` is the summary a command line prints and an exit code comes from.
"""

from __future__ import annotations

import statistics
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from softdiag.commands import AccountSpec, AudioSpec
from softdiag.events import (
    CallStateChanged,
    Event,
    Finding,
    Levels,
    MediaStats,
    RegistrationChanged,
)
from softdiag.session import Session

__all__ = ["REGISTRATION_FAILURES", "TestCall", "TestCallResult", "summary_json"]

# Findings that mean the account will not register anywhere: no point waiting.
REGISTRATION_FAILURES = frozenset(
    {"registration.credentials_rejected", "registration.not_found", "registration.failed"}
)
SETTLE_S = 0.5  # level readings right after answer include the jitter buffer's start


class _Phone(Protocol):
    @property
    def engine(self) -> Any: ...

    def register(self, spec: AccountSpec) -> None: ...


@dataclass
class TestCallResult:
    uri: str
    call: int | None = None
    registered: bool = False
    connected: bool = False
    ended: bool = False
    code: int = 0
    reason: str = ""
    duration_s: float = 0.0
    problem: str = ""  # why the call did not happen (registration, timeout)
    findings: list[Finding] = field(default_factory=list)
    stats: MediaStats | None = None
    tx_rms_dbfs: float | None = None  # median over the connected time (after settling)
    rx_rms_dbfs: float | None = None
    tx_peak_dbfs: float | None = None
    rx_peak_dbfs: float | None = None
    levels: int = 0  # Levels events seen
    levels_rate_hz: float = 0.0

    @property
    def ok(self) -> bool:
        return self.connected and not any(f.severity == "error" for f in self.findings)


def summary_json(result: TestCallResult) -> dict[str, Any]:
    """The result as one JSON object (``type: CallSummary``) for ``softdiag call --json``."""
    stats = result.stats
    return {
        "type": "CallSummary",
        "uri": result.uri,
        "call": result.call,
        "registered": result.registered,
        "connected": result.connected,
        "code": result.code,
        "reason": result.reason,
        "duration_s": round(result.duration_s, 3),
        "problem": result.problem,
        "tx_rms_dbfs": result.tx_rms_dbfs,
        "rx_rms_dbfs": result.rx_rms_dbfs,
        "tx_peak_dbfs": result.tx_peak_dbfs,
        "rx_peak_dbfs": result.rx_peak_dbfs,
        "levels": result.levels,
        "levels_rate_hz": round(result.levels_rate_hz, 1),
        "codec": stats.codec if stats else None,
        "rx_packets": stats.rx.packets if stats else None,
        "tx_packets": stats.tx.packets if stats else None,
        "rx_loss_pct": stats.rx.loss_pct if stats else None,
        "rx_jitter_ms": stats.rx.jitter_ms if stats else None,
        "rtt_ms": stats.rtt_ms if stats else None,
        "mos": stats.mos if stats else None,
        "remote_rtp": stats.remote_rtp if stats else None,
        "rtp_source": stats.rtp_source if stats else None,
        "findings": [f.id for f in result.findings],
        "ok": result.ok,
    }


class TestCall:
    """One test call through ``phone`` (a started :class:`softdiag.account.Softphone`)."""

    __test__ = False  # not a pytest class

    def __init__(
        self,
        phone: _Phone,
        session: Session,
        uri: str,
        *,
        duration: float = 10.0,
        audio: AudioSpec | None = None,
        answer_timeout: float = 30.0,
        register_timeout: float = 15.0,
    ) -> None:
        self.phone = phone
        self.session = session
        self.uri = uri
        self.duration = duration
        self.audio = audio or AudioSpec()
        self.answer_timeout = answer_timeout
        self.register_timeout = register_timeout
        self._cond = threading.Condition()
        self._registered = False
        self._refused: Finding | None = None
        self._states: list[CallStateChanged] = []
        self._tx: list[float] = []
        self._rx: list[float] = []
        self._tx_peak: list[float] = []
        self._rx_peak: list[float] = []
        self._level_times: list[float] = []
        self._stats: MediaStats | None = None
        self._findings: list[Finding] = []
        self._call: int | None = None
        self._connected_at: float | None = None
        self._cancel = threading.Event()

    def cancel(self) -> None:
        """Hang up now (any thread): run() returns with what it measured so far."""
        self._cancel.set()
        with self._cond:
            self._cond.notify_all()

    # -- events (any thread) ----------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        with self._cond:
            if isinstance(event, RegistrationChanged) and event.state == "registered":
                self._registered = True
            elif isinstance(event, Finding):
                if event.id in REGISTRATION_FAILURES:
                    self._refused = event
                elif event.id.startswith(("media.", "call.")) and self._is_mine(event):
                    self._findings.append(event)
            elif isinstance(event, CallStateChanged) and event.call == self._call:
                self._states.append(event)
                if event.state == "confirmed" and self._connected_at is None:
                    self._connected_at = event.mono
            elif isinstance(event, Levels) and event.call == self._call:
                self._level_times.append(event.mono)
                if self._connected_at is not None and event.mono >= self._connected_at + SETTLE_S:
                    self._tx.append(event.tx.rms_dbfs)
                    self._rx.append(event.rx.rms_dbfs)
                    self._tx_peak.append(event.tx.peak_dbfs)
                    self._rx_peak.append(event.rx.peak_dbfs)
                return  # 30 a second: nobody waits for these
            elif isinstance(event, MediaStats) and event.call == self._call:
                self._stats = event
            else:
                return
            self._cond.notify_all()

    def _is_mine(self, finding: Finding) -> bool:
        # Findings carry no call number; one test call runs at a time, so those published
        # while it runs are its own.
        return self._call is not None

    def _wait(self, predicate: Any, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        with self._cond:
            while not predicate():
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._cancel.is_set():
                    return bool(predicate())
                self._cond.wait(min(0.25, remaining))
            return True

    # -- the run -----------------------------------------------------------------------

    def run(self, spec: AccountSpec | None = None, *, registered: bool = False) -> TestCallResult:
        """Register with ``spec`` unless ``registered``, call, wait, hang up. Blocking."""
        result = TestCallResult(uri=self.uri)
        unsubscribe = self.session.subscribe(self._on_event)
        try:
            self._registered = registered
            if not registered and spec is not None:
                self.phone.register(spec)
            if not self._wait(
                lambda: self._registered or self._refused is not None, self.register_timeout
            ):
                result.problem = "the registration did not complete in time"
                return result
            if self._refused is not None:
                result.problem = self._refused.title
                result.findings.append(self._refused)
                return result
            result.registered = True
            with self._cond:
                self._call = self.phone.engine.make_call(self.uri, self.audio)
            result.call = self._call
            self._wait(self._answered_or_ended, self.answer_timeout)
            if self._connected_at is not None and not self._ended():
                self._wait(self._ended, self.duration)
            if not self._ended():
                self.phone.engine.hangup(self._call)
                self._wait(self._ended, 5.0)
            return self._conclude(result)
        finally:
            unsubscribe()

    def _ended(self) -> bool:
        return any(s.state in ("disconnected", "failed") for s in self._states)

    def _answered_or_ended(self) -> bool:
        return self._connected_at is not None or self._ended()

    def _conclude(self, result: TestCallResult) -> TestCallResult:
        with self._cond:
            states = list(self._states)
            result.findings = list(self._findings)
            result.stats = self._stats
            result.connected = self._connected_at is not None
            result.ended = self._ended()
            for rms, attr in ((self._tx, "tx_rms_dbfs"), (self._rx, "rx_rms_dbfs"),
                              (self._tx_peak, "tx_peak_dbfs"), (self._rx_peak, "rx_peak_dbfs")):  # fmt: skip
                if rms:
                    setattr(result, attr, round(statistics.median(rms), 2))
            result.levels = len(self._level_times)
            if len(self._level_times) > 1:
                span = self._level_times[-1] - self._level_times[0]
                result.levels_rate_hz = (len(self._level_times) - 1) / span if span > 0 else 0.0
        last = states[-1] if states else None
        if last is not None:
            result.code, result.reason = last.code, last.reason
            result.duration_s = last.duration_s
        if not result.connected and not result.problem:
            result.problem = (
                f"the call was not answered: {result.code} {result.reason}".strip()
                if last is not None
                else "the call did not start"
            )
        return result
