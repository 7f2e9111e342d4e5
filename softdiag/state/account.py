"""The one owner of the account's state: a pure reducer from facts to snapshots.

Theory of operation
-------------------
Every part of softdiag that shows or judges the account (the GUI's panels, the CLI's
summary, the bundle's report, the guided check) needs the same answers: is it registered,
where, until when, which servers are healthy, what each one sees of us, which findings
still hold. :class:`AccountReducer` is the only place that works them out. It takes facts,
the events the engine already publishes (``AccountRequested``, ``RegistrationChanged``,
``EngineState``, ``Resolved``, ``ServersChanged``, ``NatStatus``, ``ProbeResult``,
``Finding``), each stamped with its own monotonic time, and returns an ``AccountChanged``
event (the new immutable :class:`~softdiag.events.AccountSnapshot` and what part of it
changed), or None when the fact changed nothing. It never reads a clock and never touches
a socket (think h11's ``_state.py``), so tests drive it with hand-made or recorded events.

The registration's legal transitions are the table :data:`TRANSITIONS`; a fact that is not
in it for the current state leaves the state as it is (a late answer after the user
cancelled, a 2xx while un-registering).

Findings have a lifecycle: raised, repeated (a count) and resolved when their condition
ends, which this owner knows: a registration failure ends with the next 2xx, a stale
binding when it expires or the account registers there again (:data:`RESOLVED_BY_2XX`,
:func:`_stale_binding_over`).
"""

from __future__ import annotations

import dataclasses
from typing import Literal

from softdiag.events import (
    AccountChanged,
    AccountRequested,
    AccountSnapshot,
    AccountState,
    EngineState,
    Event,
    Finding,
    FindingState,
    NatStatus,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    ServerState,
    Target,
)
from softdiag.hostport import HostPort

from .findings import FindingLedger

__all__ = ["RESOLVED_BY_2XX", "TRANSITIONS", "AccountReducer", "Fact"]

Fact = Literal[
    "ask_register",  # the user asked for a (new) registration
    "ask_unregister",  # the user asked to un-register, the engine has the account
    "cancel",  # the user asked to un-register before the engine had the account
    "give_up",  # the un-REGISTER got no answer in time: the account is gone anyway
    "sending",  # a REGISTER left for another server than the one holding the account
    "refreshing",  # a REGISTER left for the server holding the account
    "registered",  # a 2xx
    "failed",  # a final failure (or no answer)
    "unregistered",  # the engine removed the account
    "engine_stopped",  # the SIP engine stopped or failed: no account survives it
    "dns_failed",  # resolving the domain failed before the engine had the account
]

_ANY: tuple[AccountState, ...] = (
    "unregistered", "registering", "registered", "unregistering", "failed",
)  # fmt: skip

# (state, fact) -> next state. What is missing leaves the state unchanged.
TRANSITIONS: dict[tuple[AccountState, Fact], AccountState] = {
    **{(s, "ask_register"): "registering" for s in _ANY},
    **{(s, "ask_unregister"): "unregistering" for s in ("registering", "registered", "failed")},
    **{(s, "cancel"): "unregistered" for s in ("registering", "failed", "unregistering")},
    ("unregistering", "give_up"): "unregistered",
    **{(s, "sending"): "registering" for s in ("unregistered", "registering", "registered", "failed")},
    **{(s, "refreshing"): "registering" for s in ("unregistered", "registering", "failed")},
    ("registered", "refreshing"): "registered",  # a refresh is not a new registration
    **{(s, "registered"): "registered" for s in ("unregistered", "registering", "registered", "failed")},
    **{(s, "failed"): "failed" for s in ("unregistered", "registering", "registered", "failed")},
    ("unregistering", "failed"): "unregistered",  # the un-REGISTER failed: gone all the same
    **{(s, "unregistered"): "unregistered" for s in _ANY},
    **{(s, "engine_stopped"): "unregistered" for s in _ANY},
    **{(s, "dns_failed"): "failed" for s in ("unregistered", "registering")},
}  # fmt: skip

# Findings about reaching the registrar: the next 2xx proves their condition over.
RESOLVED_BY_2XX = frozenset(
    {
        "dns.nxdomain", "dns.timeout", "dns.servfail", "dns.refused", "dns.no_records",
        "registration.credentials_rejected", "registration.not_found",
        "registration.timeout", "registration.server_error", "registration.failed",
        "failover.all_down", "transport.closed_by_server",
    }
)  # fmt: skip
_FACTS = (
    AccountRequested, RegistrationChanged, EngineState, Resolved, ServersChanged, NatStatus,
    Finding,
)  # fmt: skip


class AccountReducer:
    """Facts in, snapshots out. Not thread-safe: :class:`~softdiag.state.owner.AccountOwner`
    serialises the facts of every thread."""

    def __init__(self) -> None:
        self.snapshot = AccountSnapshot()
        self._engine_spoke = False  # a RegistrationChanged came since the last request
        self._ignore_engine = False  # cancelled: late echoes of that attempt are ignored
        self._bound: str | None = None  # the target key of the last 2xx
        self._attempt: str | None = None  # where a REGISTER is in flight
        self._failed: str | None = None  # where the last REGISTER failed
        self._findings = FindingLedger()

    # -- facts in ------------------------------------------------------------------------

    def apply(self, event: Event) -> AccountChanged | None:
        """Take one fact in; the new snapshot when anything changed, else None."""
        if not isinstance(event, _FACTS) and not self._stale_open:
            return None  # levels, SIP messages, call events: nothing of the account's
        before = self.snapshot
        s = before
        if isinstance(event, AccountRequested):
            s = self._request(s, event)
        elif isinstance(event, RegistrationChanged):
            s = self._registration(s, event)
        elif isinstance(event, EngineState):
            if event.state in ("stopping", "stopped", "failed"):
                s = self._transition(s, "engine_stopped", event)
        elif isinstance(event, Resolved):
            s = self._resolved(s, event.targets)
        elif isinstance(event, ServersChanged):
            s = self._servers(s, event)
        elif isinstance(event, NatStatus):
            public = dict(event.mappings)
            servers = tuple(
                dataclasses.replace(x, public=public.get(x.target.hostport, x.public))
                for x in s.servers
            )
            s = dataclasses.replace(s, nat=event.classification, servers=servers)
        elif isinstance(event, Finding):
            s = self._finding(s, event)
        s = self._expire_findings(s, event.mono, event.wall)
        s = self._with_roles(s)
        if s == before:
            return None
        self.snapshot = s
        return AccountChanged(
            snapshot=s, changes=_changes(before, s), mono=event.mono, wall=event.wall
        )

    # -- rules ---------------------------------------------------------------------------

    def _transition(self, s: AccountSnapshot, fact: Fact, event: Event) -> AccountSnapshot:
        new = TRANSITIONS.get((s.state, fact), s.state)
        if new == s.state:
            return s
        if new == "unregistered":  # no binding of ours is left anywhere we know of
            self._bound = self._attempt = self._failed = None
            return dataclasses.replace(
                s, state=new, since=event.mono, since_wall=event.wall, cause=fact, server=None,
                expires_at=None,
            )  # fmt: skip
        return dataclasses.replace(
            s, state=new, since=event.mono, since_wall=event.wall, cause=fact
        )

    def _request(self, s: AccountSnapshot, event: AccountRequested) -> AccountSnapshot:
        if event.action == "register":
            self._engine_spoke = self._ignore_engine = False
            self._bound = self._attempt = self._failed = None
            s = dataclasses.replace(
                s, aor=event.aor or s.aor, server=None, code=0, reason="", retry_after=None,
                expires_at=None, policy_live=False, servers=(), nat="",
            )  # fmt: skip
            return self._transition(s, "ask_register", event)
        if event.action == "give_up":
            return self._transition(s, "give_up", event)
        if not self._engine_spoke:  # still resolving: cancelling is all there is
            self._ignore_engine = True
            self._attempt = None
            return self._transition(s, "cancel", event)
        return self._transition(s, "ask_unregister", event)

    def _registration(self, s: AccountSnapshot, event: RegistrationChanged) -> AccountSnapshot:
        if s.aor and event.aor != s.aor:
            return s  # another account's
        if self._ignore_engine:
            return s  # the user cancelled this attempt
        self._engine_spoke = True
        key = event.target_key
        fact: Fact
        if event.state == "registering":
            holding = s.state == "registered" and key == self._bound
            fact = "refreshing" if holding else "sending"
            if not holding:
                self._attempt = key
        elif event.state == "registered":
            fact = "registered"
            self._bound, self._attempt, self._failed = key, None, None
        elif event.state == "failed":
            fact = "failed"
            self._failed = key
            if self._attempt == key:
                self._attempt = None
        else:
            fact = "unregistered"
            self._bound = self._attempt = self._failed = None
        s = self._transition(s, fact, event)
        if s.state == "unregistering" and fact == "registered":
            return s  # a late 2xx: the user's un-REGISTER is what counts
        s = dataclasses.replace(s, aor=event.aor)
        if event.state != "registering":
            s = dataclasses.replace(
                s, code=event.code, reason=event.reason, retry_after=event.retry_after
            )
        if event.state == "registered":
            expires_at = event.mono + event.expires if event.expires > 0 else None
            s = dataclasses.replace(s, server=key, expires_at=expires_at)
            back = event.server

            def ended(f: FindingState) -> float | None:
                proven = f.finding.id in RESOLVED_BY_2XX or _stale_binding_at(f.finding, back)
                return event.mono if proven else None

            if self._findings.resolve(ended, (event.mono, event.wall)):
                s = self._publish_findings(s)
        elif event.state in ("failed", "unregistered"):
            s = dataclasses.replace(s, server=None, expires_at=None)
        if event.state == "registered" and key not in {x.target.key for x in s.servers}:
            s = self._resolved(s, (_target_of(key),))
        return s

    def _resolved(self, s: AccountSnapshot, targets: tuple[Target, ...]) -> AccountSnapshot:
        """DNS told us the servers: keep what we know of those that stay."""
        known = {x.target.key: x for x in s.servers}
        servers = list(s.servers)
        for target in targets:
            old = known.get(target.key)
            if old is None:
                servers.append(ServerState(target=target))
            elif old.target != target:
                servers[servers.index(old)] = dataclasses.replace(old, target=target)
        return dataclasses.replace(s, servers=tuple(servers))

    def _servers(self, s: AccountSnapshot, event: ServersChanged) -> AccountSnapshot:
        """The policy's view: health, the current target, the dirty list."""
        known = {x.target.key: x for x in s.servers}
        servers = [
            ServerState(
                target=h.target, health=h.state, current=h.current, last_code=h.last_code,
                dirty_until=event.mono + h.dirty_for if h.dirty_for > 0 else 0.0,
                why_id=h.why_id, why_params=h.why_params, why=h.why,
                role=old.role if old else "", public=old.public if old else None,
            )
            for h in event.servers
            for old in (known.get(h.target.key),)
        ]  # fmt: skip
        listed = {x.target.key for x in servers}
        # A server DNS dropped may still hold our binding: it stays while it has a role.
        servers += [x for x in s.servers if x.target.key not in listed and x.role]
        return dataclasses.replace(s, servers=tuple(servers), policy=event.policy, policy_live=True)

    def _with_roles(self, s: AccountSnapshot) -> AccountSnapshot:
        servers = tuple(
            x if x.role == (role := self._role(s, x.target.key)) else
            dataclasses.replace(x, role=role)
            for x in s.servers
        )  # fmt: skip
        return s if servers == s.servers else dataclasses.replace(s, servers=servers)

    def _role(
        self, s: AccountSnapshot, key: str
    ) -> Literal["", "registered", "stale", "attempt", "failed"]:
        if key == self._attempt and s.state in ("registering", "registered"):
            return "attempt"
        if key == self._failed:
            return "failed"
        if key == self._bound:
            return "registered" if s.state == "registered" else "stale"
        return ""

    # -- findings ------------------------------------------------------------------------

    def _finding(self, s: AccountSnapshot, finding: Finding) -> AccountSnapshot:
        self._findings.raise_(finding)
        # DNS failures end a registration attempt before the engine ever sees it.
        before_engine = not self._engine_spoke and not self._ignore_engine
        if finding.id.startswith("dns.") and finding.id in RESOLVED_BY_2XX and before_engine:
            s = self._transition(s, "dns_failed", finding)
            s = dataclasses.replace(s, reason=finding.title, code=0)
        return self._publish_findings(s)

    def _expire_findings(self, s: AccountSnapshot, now: float, wall: float) -> AccountSnapshot:
        """A stale binding is over once it expired on the old server."""
        if not self._stale_open:
            return s

        def expired(f: FindingState) -> float | None:
            end = _stale_binding_over(f)
            return end if end is not None and now >= end else None

        if self._findings.resolve(expired, (now, wall)):
            return self._publish_findings(s)
        return s

    @property
    def _stale_open(self) -> bool:
        return any(
            f.resolved_at is None and f.finding.id == "failover.stale_binding"
            for f in self.snapshot.findings
        )

    def _publish_findings(self, s: AccountSnapshot) -> AccountSnapshot:
        states = self._findings.states
        return s if states == s.findings else dataclasses.replace(s, findings=states)


def _stale_binding_at(finding: Finding, hostport: str) -> bool:
    return finding.id == "failover.stale_binding" and dict(finding.params).get("server") == hostport


def _stale_binding_over(state: FindingState) -> float | None:
    """When a stale binding's finding ends by itself: its expiry on the old server."""
    if state.finding.id != "failover.stale_binding":
        return None
    try:
        expires = float(dict(state.finding.params).get("expires", ""))
    except ValueError:
        return None
    return state.finding.mono + expires if expires > 0 else None


def _target_of(key: str) -> Target:
    """A target known only from a REGISTER answer (no DNS answer listed it)."""
    text, _, transport = key.rpartition("/")
    where = HostPort.parse(text)
    return Target(
        host=where.host,
        ip=where.host,
        port=where.port or 5060,
        transport="tls" if transport == "tls" else "tcp" if transport == "tcp" else "udp",
    )


def _without_public(s: AccountSnapshot) -> list[tuple[object, ...]]:
    """The servers as the policy and the registration see them (NAT apart)."""
    return [
        (x.target, x.health, x.role, x.current, x.last_code, x.dirty_until, x.why_id,
         x.why_params)
        for x in s.servers
    ]  # fmt: skip


def _publics(s: AccountSnapshot) -> dict[str, str]:
    return {x.target.key: x.public for x in s.servers if x.public is not None}


def _changes(a: AccountSnapshot, b: AccountSnapshot) -> tuple[str, ...]:
    """What part of the snapshot changed, so a view redraws only its own."""
    changes = []
    if (a.aor, a.state, a.since, a.server, a.code, a.reason, a.retry_after, a.expires_at) != (
        b.aor, b.state, b.since, b.server, b.code, b.reason, b.retry_after, b.expires_at,
    ):  # fmt: skip
        changes.append("registration")
    if _without_public(a) != _without_public(b):
        changes.append("servers")
    if a.nat != b.nat or _publics(a) != _publics(b):
        changes.append("nat")
    if a.findings != b.findings:
        changes.append("findings")
    if (a.policy, a.policy_live) != (b.policy, b.policy_live):
        changes.append("policy")
    return tuple(changes)
