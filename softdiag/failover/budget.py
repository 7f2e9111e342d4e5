"""When to send the next health probe: a budget a provider accepts (pure, clock injected).

Theory of operation
-------------------
Probing is what lets softdiag move within seconds, and what a provider pays for: one
client probing the current server every 0.5 s and every server every 5 s sends ~156
OPTIONS a minute; ten thousand desktops would be 26 000 requests a second, which
rate-limiters (Kamailio ``pike``, fail2ban) answer by blocking. Desk phones probe every
30-60 s. So the budget is *quiet while healthy, fast on suspicion*:

- quiet: the current server every ``current_interval`` (30 s by default, a setting), every
  other server every ``other_interval`` (120 s, four times as long): 3 OPTIONS a minute
  with three servers at most. A sign of life from the current server counts as a probe
  (:meth:`ProbeBudget.heard`: a REGISTER refresh answered 2xx, a request it sent us), so
  a client whose refresh interval is near the probe interval sends fewer still;
- suspicion: a REGISTER or INVITE without answer, an ICMP error, a changed DNS answer, a
  transport close (:meth:`ProbeBudget.suspect`) switches to ``suspect_interval`` (1 s)
  for every server during ``suspect_for`` seconds, so the failover policy learns within a
  second or two what it needs to move;
- once a call has been up for ``in_call_interval`` (5 s), the current server (the call's
  signalling path) every 5 s, so a dead path is said within seconds, not half a minute;
  short calls cost nothing;
- a server that answers a probe 503 or 429 is not probed again before its ``Retry-After``,
  or an exponential back-off (2 s doubling to 120 s) when it gives none (RFC 3261 §21.5.4,
  RFC 6585 §4): the rate-limit answer wins over suspicion.

The ``fast`` profile is for the lab and the benchmark, at a load no provider should see:
the current server every 0.25 s with a 0.75 s probe timeout, every server every 5 s,
whatever happens (a refresh answered changes nothing). A death (ICMP) is known within
0.25 s and a silence within 1 s of the fault, whatever the phase of the probes: the old
0.5 s grid with a 1 s timeout took 0.5 s and 1.5 s when the fault came just after a probe,
which is where the failover bench's trials (a fault 1 s after registering) always landed.

The driver (the account supervisor) asks :meth:`ProbeBudget.due` which servers to probe
now, reports each probe it sent (:meth:`sent`) and its outcome (:meth:`result`), and
sleeps until :meth:`next_at`.

Invariants (unit-tested)
1. A server is never probed twice within ``min_gap`` seconds.
2. A server that answered 503/429 is not probed before its Retry-After (or back-off) ends,
   suspicion or not.
3. Without suspicion and back-off, no server is probed more often than its quiet interval.
4. ``next_at`` is never in the past relative to the ``now`` it was asked with, and never
   later than the earliest due time: the driver neither spins nor oversleeps.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["PROFILES", "ProbeBudget", "ProbeProfile", "ProfileName", "Suspicion", "profile"]

ProfileName = Literal["default", "fast"]
Suspicion = Literal["invite", "register", "icmp", "dns", "transport", "manual", "probe"]

BACKOFF_INITIAL = 2.0
BACKOFF_MAX = 120.0


@dataclass(frozen=True, slots=True)
class ProbeProfile:
    name: ProfileName
    current_interval: float  # the server the account registers through, while healthy
    other_interval: float  # every other server, while healthy
    suspect_interval: float  # every server, while something looks wrong
    suspect_for: float  # how long one suspicion lasts
    in_call_interval: float = 5.0  # the current server while a call is up (its signalling)
    min_gap: float = 0.25  # never two probes to one server closer than this
    signs_of_life: bool = True  # a REGISTER 2xx counts as a probe (:meth:`ProbeBudget.heard`)
    timeout: float = 1.0  # a probe unanswered this long is a silence (retransmitted inside)

    @property
    def quiet_per_minute(self) -> float:
        """OPTIONS a minute while healthy, for three servers (the usual SRV set), at most
        (signs of life from the current server make it fewer)."""
        return 60.0 / self.current_interval + 2 * 60.0 / self.other_interval


PROFILES: dict[ProfileName, ProbeProfile] = {
    "default": ProbeProfile("default", current_interval=30.0, other_interval=120.0,
                            suspect_interval=1.0, suspect_for=10.0),
    "fast": ProbeProfile("fast", current_interval=0.25, other_interval=5.0,
                         suspect_interval=0.25, suspect_for=0.0, signs_of_life=False,
                         timeout=0.75),
}  # fmt: skip


def profile(name: ProfileName, interval: float | None = None) -> ProbeProfile:
    """A named profile; ``interval`` overrides the quiet interval of the current server
    (the others get four times as long), e.g. a provider's rule "no more than one a
    minute"."""
    base = PROFILES[name]
    if interval is None:
        return base
    if not math.isfinite(interval) or not 1.0 <= interval <= 3600.0:
        raise ValueError("the probe interval must be between 1 and 3600 seconds")
    return ProbeProfile(base.name, current_interval=interval, other_interval=4 * interval,
                        suspect_interval=min(base.suspect_interval, interval),
                        suspect_for=base.suspect_for, in_call_interval=base.in_call_interval,
                        min_gap=base.min_gap, signs_of_life=base.signs_of_life,
                        timeout=base.timeout)  # fmt: skip


@dataclass(slots=True)
class _Server:
    last_sent: float = -math.inf
    not_before: float = -math.inf  # a Retry-After or back-off from a 503/429
    backoff: float = 0.0  # the next back-off without Retry-After (0: none yet)


@dataclass(slots=True)
class ProbeBudget:
    profile: ProbeProfile
    suspect_until: float = -math.inf
    last_suspicion: Suspicion | None = None
    sent_total: int = 0
    call_since: float | None = None  # since when a call has been up (the driver keeps it)
    _servers: dict[str, _Server] = field(default_factory=dict)

    # -- facts in ---------------------------------------------------------------------------

    def suspect(self, why: Suspicion, now: float) -> None:
        """Something went unanswered: probe every server at the fast rate for a while.

        Servers probed longer ago than ``suspect_interval`` become due at once.
        """
        self.last_suspicion = why
        self.suspect_until = max(self.suspect_until, now + self.profile.suspect_for)

    def sent(self, key: str, now: float) -> None:
        self._server(key).last_sent = now
        self.sent_total += 1

    def heard(self, key: str, now: float) -> None:
        """The server answered something else (a REGISTER 2xx, a request of its own): as
        good as a probe answered ok, so its next quiet probe is one interval from now.
        No probe is counted, and a Retry-After still holds. The ``fast`` profile probes
        on its fixed grid whatever it hears, as softdiag did before the budget."""
        if not self.profile.signs_of_life:
            return
        server = self._server(key)
        server.last_sent = max(server.last_sent, now)
        server.backoff = 0.0

    def result(
        self, key: str, status: str, now: float, *, code: int = 0, retry_after: float | None = None
    ) -> None:
        """The outcome of a probe: a rate-limit answer backs off, a silence is suspicious."""
        server = self._server(key)
        if code in (503, 429):
            if retry_after is not None and retry_after > 0:
                wait = min(float(retry_after), 3600.0)
            else:
                server.backoff = min(BACKOFF_MAX, server.backoff * 2 or BACKOFF_INITIAL)
                wait = server.backoff
            server.not_before = max(server.not_before, now + wait)
            return
        if status == "ok":
            server.backoff = 0.0
            return
        if status in ("timeout", "unreachable"):
            self.suspect("probe", now)

    # -- decisions out ----------------------------------------------------------------------

    def suspicious(self, now: float) -> bool:
        return now < self.suspect_until

    def interval(self, key: str, current: str | None, now: float) -> float:
        if self.suspicious(now):
            return self.profile.suspect_interval
        if key != current:
            return self.profile.other_interval
        if self._in_call(now):
            return min(self.profile.current_interval, self.profile.in_call_interval)
        return self.profile.current_interval

    def _in_call(self, now: float) -> bool:
        """A call has been up for ``in_call_interval``: short calls cost no probes."""
        since = self.call_since
        return since is not None and now - since >= self.profile.in_call_interval

    def due_at(self, key: str, current: str | None, now: float) -> float:
        server = self._server(key)
        at = server.last_sent + max(self.profile.min_gap, self.interval(key, current, now))
        return max(at, server.not_before, server.last_sent + self.profile.min_gap)

    def due(self, keys: Iterable[str], current: str | None, now: float) -> list[str]:
        """The servers to probe now (the driver then calls :meth:`sent` for each)."""
        return [k for k in keys if self.due_at(k, current, now) <= now]

    def next_at(self, keys: Iterable[str], current: str | None, now: float) -> float:
        """When to ask again: the earliest due time, or the end of the suspicion (whose
        end changes the intervals), never before ``now``."""
        times = [self.due_at(k, current, now) for k in keys]
        if self.suspicious(now):
            times.append(self.suspect_until)
        if self.call_since is not None and not self._in_call(now):
            times.append(self.call_since + self.profile.in_call_interval)  # the rule starts
        return max(now, min(times, default=now + self.profile.current_interval))

    def blocked_for(self, key: str, now: float) -> float:
        """Seconds a 503/429 still keeps us from probing this server."""
        return max(0.0, self._server(key).not_before - now)

    def _server(self, key: str) -> _Server:
        server = self._servers.get(key)
        if server is None:
            server = self._servers[key] = _Server()
        return server
