"""Where to register, and why: the failover policy, as a pure state machine.

Theory of operation
-------------------
The policy never touches a socket, a clock or pjsua2. Drivers (the account supervisor, the
benchmark, tests) feed it facts, each stamped with ``now`` from a monotonic clock:

- ``resolved(targets, answer_order, now)``: a DNS answer (targets in RFC 3263 order, plus
  the raw order in which the DNS server listed the addresses);
- ``probe(key, outcome, now)``: the result of one SIP OPTIONS health probe;
- ``registration(key, code, now, retry_after)``: how a REGISTER through a target ended;
- ``tick(now)``: the time it asked to be woken at has come.

Each call returns decisions: ``Move(from, to, reason)`` (register through ``to``; ``to`` is
None when there is nowhere to go) and ``Wakeup(at)`` (call ``tick`` then). The driver turns
a Move into ``Account.modify`` and a ``FailoverDecision`` event.

Policies
--------
``sticky`` (default) keeps the current server while it answers, whatever order DNS returns;
it moves on a probe timeout or ICMP unreachable, on 408, 5xx or a transport error, to the
best clean target (priority, then health, then probe RTT, then RFC 3263 order), and keeps
the failed one in a dirty-host list until its Retry-After or an exponential back-off ends.
``priority`` is sticky plus fail-back to the most preferred target once it has been healthy
for ``failback_after`` seconds. ``first-ip`` is the MicroSIP/pjsip baseline on UDP: always
the first address of the latest DNS answer, no failover, a retry every ``baseline_retry``
seconds (pjsua's default 300 s) after a failure.

Invariants (checked by property tests)
1. sticky/priority never leave a current target that is healthy (answered its last probe
   or registration, not dirty) unless DNS no longer lists it (priority: or to fail back to
   a more preferred target that has been healthy for ``failback_after``).
2. A dirty target is never chosen while a clean, healthy one exists.
3. A target is never chosen before the end of a Retry-After it sent.
4. 401, 403, 404 and other non-408 4xx answers never mark a target down: they are about
   the account, not the server.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from softdiag.events import Target

from .reasons import reason_text

__all__ = [
    "POLICIES",
    "Decision",
    "FailoverPolicy",
    "Move",
    "PolicyConfig",
    "PolicyName",
    "ProbeOutcome",
    "TargetHealth",
    "Wakeup",
    "is_server_failure",
]

PolicyName = Literal["sticky", "priority", "first-ip"]
POLICIES: tuple[PolicyName, ...] = ("sticky", "priority", "first-ip")


@dataclass(frozen=True, slots=True)
class PolicyConfig:
    backoff_initial: float = 2.0  # seconds a failed target stays dirty at first
    backoff_max: float = 120.0  # the back-off doubles up to this
    failback_after: float = 30.0  # priority: preferred target healthy this long -> go back
    baseline_retry: float = 300.0  # first-ip: pjsua's default retryIntervalSec


@dataclass(frozen=True, slots=True)
class ProbeOutcome:
    status: Literal["ok", "error", "timeout", "unreachable"]
    code: int = 0
    rtt_ms: float | None = None
    retry_after: float | None = None
    failure: str = ""  # TCP/TLS: the phase that failed (softdiag.failover.streamprobe)


# A TCP/TLS probe's failed phase -> the reason shown for the server.
_FAILURE_REASONS = {
    "connect_refused": "probe_refused",
    "connect_timeout": "probe_connect_timeout",
    "tls_handshake_timeout": "probe_tls_timeout",
    "no_sip_answer": "probe_no_sip",
    "closed": "probe_closed",
    "tls_unknown_ca": "probe_tls_unknown_ca",
    "tls_name_mismatch": "probe_tls_name_mismatch",
    "tls_expired": "probe_tls_expired",
    "tls_old_protocol": "probe_tls_old_protocol",
    "tls_handshake_failed": "probe_tls_handshake_failed",
}


Params = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Move:
    from_target: Target | None
    to_target: Target | None
    reason_id: str  # a key of softdiag.failover.reasons.REASONS
    params: Params = ()
    evidence: tuple[str, ...] = ()

    @property
    def reason(self) -> str:
        return reason_text(self.reason_id, dict(self.params))


@dataclass(frozen=True, slots=True)
class Wakeup:
    at: float


Decision = Move | Wakeup


@dataclass(slots=True)
class TargetHealth:
    """What the policy knows of one target. Read it; only the policy writes it."""

    state: Literal["unknown", "up", "down"] = "unknown"
    last_code: int = 0
    rtt_ms: float | None = None
    up_since: float | None = None
    dirty_until: float = -math.inf
    retry_after_until: float = -math.inf  # hard floor: the server asked us to stay away
    backoff: float = 0.0
    failures: int = 0
    why_id: str = ""
    why_params: Params = ()
    history: list[str] = field(default_factory=list)

    @property
    def why(self) -> str:
        return reason_text(self.why_id, dict(self.why_params)) if self.why_id else ""

    def dirty(self, now: float) -> bool:
        return now < self.dirty_until

    def healthy(self, now: float) -> bool:
        return self.state == "up" and not self.dirty(now)


def is_server_failure(code: int) -> bool:
    """Codes that say the *server* failed (RFC 3261 §8.1.3.1, §21.5): move on these.

    0 and 7xx are pjsip's own codes for a transport error; 408 is a timeout (also pjsip's
    code when Timer F fires); 5xx is a server error; 6xx are final answers from a live
    server and 401/403/404 are about the account.
    """
    return code in {0, 408} or 500 <= code < 600 or 700 <= code < 800


class FailoverPolicy:
    def __init__(self, name: PolicyName = "sticky", config: PolicyConfig | None = None) -> None:
        if name not in POLICIES:
            raise ValueError(f"unknown policy {name!r} (choose {', '.join(POLICIES)})")
        self.name = name
        self.config = config or PolicyConfig()
        self.targets: tuple[Target, ...] = ()
        self.answer_order: tuple[str, ...] = ()
        self.current: Target | None = None
        self.health: dict[str, TargetHealth] = {}
        self._nowhere = False  # a Move(to=None) was already announced
        self._retry_at: float | None = None  # first-ip: the next retry on the same target
        # Where the account stands on the current target: a REGISTER in flight, a binding
        # (2xx), or neither (it failed, or the account was refused).
        self.pending = False
        self.registered = False
        self.account_refused = False

    # -- facts in --------------------------------------------------------------------

    def resolved(
        self, targets: Sequence[Target], answer_order: Sequence[str], now: float
    ) -> list[Decision]:
        self.targets = tuple(targets)
        self.answer_order = tuple(answer_order)
        for t in self.targets:
            self.health.setdefault(t.key, TargetHealth())
        if self.name == "first-ip":
            return self._first_ip_follow_dns(now)
        if self.current is not None and self._find(self.current.key) is None:
            return self._move_away(now, "removed_from_dns")
        if self.current is None:
            return self._move_away(now, "initial")
        return self._finish(now, [])

    def probe(self, key: str, outcome: ProbeOutcome, now: float) -> list[Decision]:
        h = self.health.setdefault(key, TargetHealth())
        if outcome.rtt_ms is not None:
            h.rtt_ms = outcome.rtt_ms
        h.last_code = outcome.code
        alive = outcome.status == "ok" or (
            outcome.status == "error" and not is_server_failure(outcome.code)
        )
        code = (("code", str(outcome.code)),)
        if alive:
            self._mark_up(h, now, "probe_ok", code)
        else:
            if self.current is not None and key == self.current.key:
                # A server that stopped answering may come back without our binding (an
                # in-memory location table restarts empty): register again when it does.
                self.registered = False
            why = {"timeout": "probe_timeout", "unreachable": "probe_unreachable"}
            why_id = _FAILURE_REASONS.get(outcome.failure) or why.get(outcome.status, "probe_error")
            self._mark_down(h, now, why_id, code, outcome.retry_after)
        if self.name == "first-ip":
            return self._finish(now, [])  # MicroSIP has no health probe: it never notices
        return self._evaluate(now)

    def registration(
        self, key: str, code: int, now: float, retry_after: float | None = None
    ) -> list[Decision]:
        h = self.health.setdefault(key, TargetHealth())
        h.last_code = code
        if self.current is not None and key == self.current.key:
            self.pending = False
            self.registered = 200 <= code < 300
        if 200 <= code < 300:
            self.account_refused = False
            self._mark_up(h, now, "register_ok", (("code", str(code)),))
            self._retry_at = None
            return self._finish(now, [])
        if not is_server_failure(code):
            # The account's problem (wrong password, unknown user): not the server's, and
            # no other server will say otherwise. Never retried by the policy.
            self.account_refused = True
            return self._finish(now, [])
        self._mark_down(h, now, "register_failed", (("code", str(code)),), retry_after)
        if self.name == "first-ip":
            if self.current is not None and key == self.current.key:
                self._retry_at = now + self.config.baseline_retry
            return self._finish(now, [])
        return self._evaluate(now)

    def tick(self, now: float) -> list[Decision]:
        if self.name == "first-ip":
            if self._retry_at is not None and now >= self._retry_at and self.current:
                self._retry_at = None
                self.pending, self.registered = True, False
                return self._finish(now, [Move(self.current, self.current, "baseline_retry")])
            return self._finish(now, [])
        return self._evaluate(now)

    # -- views -----------------------------------------------------------------------

    def is_dirty(self, key: str, now: float) -> bool:
        h = self.health.get(key)
        return h is not None and h.dirty(now)

    def wakeup_at(self, now: float) -> float | None:
        """The next time something can change without a new fact, if any."""
        times: list[float] = []
        if self.name == "first-ip":
            if self._retry_at is not None:
                times.append(self._retry_at)
        else:
            current_ok = self.current is not None and self._current_ok(now)
            if not current_ok:
                times += [h.dirty_until for h in self._target_health() if h.dirty_until > now]
            if self.name == "priority" and self.current is not None:
                pref = self._preferred(now)
                if pref is not None and pref.key != self.current.key:
                    up_since = self.health[pref.key].up_since
                    if up_since is not None:
                        times.append(up_since + self.config.failback_after)
        future = [t for t in times if t > now]
        return min(future) if future else None

    # -- the rules -------------------------------------------------------------------

    def _find(self, key: str) -> Target | None:
        return next((t for t in self.targets if t.key == key), None)

    def _target_health(self) -> list[TargetHealth]:
        return [self.health[t.key] for t in self.targets]

    def _mark_up(self, h: TargetHealth, now: float, why_id: str, params: Params) -> None:
        if h.state != "up":
            h.up_since = now
        h.state = "up"
        h.failures = 0
        h.why_id, h.why_params = why_id, params
        if now >= h.retry_after_until:
            # Evidence it is back: the back-off is over early. A Retry-After is not.
            h.dirty_until = min(h.dirty_until, now)
            h.backoff = 0.0

    def _mark_down(
        self, h: TargetHealth, now: float, why_id: str, params: Params, retry_after: float | None
    ) -> None:
        h.state = "down"
        h.up_since = None
        h.failures += 1
        h.why_id, h.why_params = why_id, params
        cfg = self.config
        h.backoff = min(cfg.backoff_max, max(cfg.backoff_initial, h.backoff * 2))
        h.dirty_until = max(h.dirty_until, now + h.backoff)
        if retry_after is not None and retry_after > 0:
            h.retry_after_until = max(h.retry_after_until, now + retry_after)
            h.dirty_until = max(h.dirty_until, h.retry_after_until)
        h.history.append(f"{h.why} at {now:.1f}")
        del h.history[:-10]

    def _current_ok(self, now: float) -> bool:
        assert self.current is not None
        h = self.health[self.current.key]
        return h.state != "down" and not h.dirty(now)

    def _rank(self, t: Target, now: float) -> tuple[int, int, float, int]:
        h = self.health[t.key]
        state_rank = 0 if h.state == "up" else 1
        rtt = h.rtt_ms if h.rtt_ms is not None else math.inf
        return (t.priority, state_rank, rtt, self.targets.index(t))

    def _best(self, now: float, exclude: str | None = None) -> Target | None:
        """The best clean target that is not known to be down."""
        clean = [
            t
            for t in self.targets
            if t.key != exclude
            and self.health[t.key].state != "down"
            and not self.health[t.key].dirty(now)
        ]
        return min(clean, key=lambda t: self._rank(t, now)) if clean else None

    def _retry_candidate(self, now: float) -> Target | None:
        """Every target is down: the one whose back-off (and Retry-After) ended first."""
        ready = [
            t
            for t in self.targets
            if not self.health[t.key].dirty(now) and now >= self.health[t.key].retry_after_until
        ]
        if not ready:
            return None
        return min(ready, key=lambda t: (self.health[t.key].dirty_until, self._rank(t, now)))

    def _preferred(self, now: float) -> Target | None:
        """priority: the most preferred target (DNS priority, then RFC 3263 order)."""
        if not self.targets:
            return None
        return min(self.targets, key=lambda t: (t.priority, self.targets.index(t)))

    def _evaluate(self, now: float) -> list[Decision]:
        if not self.targets:
            return self._finish(now, [])
        if self.current is None:
            return self._move_away(now, "initial")
        if not self._current_ok(now):
            h = self.health[self.current.key]
            return self._move_away(now, h.why_id or "server_failed", h.why_params)
        if not (self.pending or self.registered or self.account_refused):
            # The current server answers again but holds no binding of ours (its last
            # REGISTER failed while it was down): register there again.
            return self._finish(now, [self._move(self.current, "server_back")])
        if self.name == "priority":
            pref = self._preferred(now)
            if pref is not None and pref.key != self.current.key:
                h = self.health[pref.key]
                if (
                    h.healthy(now)
                    and h.up_since is not None
                    and now - h.up_since >= self.config.failback_after
                ):
                    held = (("seconds", f"{now - h.up_since:.0f}"),)
                    return self._finish(now, [self._move(pref, "fail_back", held)])
        return self._finish(now, [])

    def _move_away(self, now: float, reason_id: str, params: Params = ()) -> list[Decision]:
        exclude = self.current.key if self.current is not None else None
        best = self._best(now, exclude=exclude)
        current_left = self.current is not None and self._find(self.current.key) is not None
        if best is None and current_left and self._current_ok(now):
            return self._finish(now, [])  # only the current one is left, and it is fine
        if best is not None:
            self._nowhere = False
            return self._finish(now, [self._move(best, reason_id, params)])
        retry = self._retry_candidate(now)
        if retry is not None:
            self._nowhere = False
            cause = (("cause", reason_id), *params)
            return self._finish(now, [self._move(retry, "all_down_retry", cause)])
        if self._nowhere:
            return self._finish(now, [])
        self._nowhere = True
        evidence = tuple(f"{t.key}: {self.health[t.key].why}" for t in self.targets)
        cause = (("cause", reason_id), *params)
        return self._finish(now, [Move(self.current, None, "all_down", cause, evidence)])

    def _move(self, to: Target, reason_id: str, params: Params = ()) -> Move:
        old = self.current
        self.current = to
        self.pending, self.registered = True, False
        evidence = () if old is None else (f"{old.key}: {self.health[old.key].why}",)
        return Move(old, to, reason_id, params, evidence)

    def _first_ip_follow_dns(self, now: float) -> list[Decision]:
        if not self.answer_order:
            return self._finish(now, [])
        first_ip = self.answer_order[0]
        first = next((t for t in self.targets if t.ip == first_ip), None)
        if first is None or (self.current is not None and first.key == self.current.key):
            return self._finish(now, [])
        reason_id = "initial_first_ip" if self.current is None else "dns_order_changed"
        self._retry_at = None
        return self._finish(now, [self._move(first, reason_id, (("ip", first_ip),))])

    def _finish(self, now: float, decisions: list[Decision]) -> list[Decision]:
        at = self.wakeup_at(now)
        if at is not None:
            decisions.append(Wakeup(at))
        return decisions
