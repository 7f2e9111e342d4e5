"""What the registrars see of us, followed from the account's REGISTER answers.

A subscriber of its own (not part of failover): every 2xx REGISTER of the account carries
the public address the registrar saw (Via ``received``/``rport``) and the local socket it
left from. :class:`NatWatch` feeds them to the pure :class:`NatMappingTracker` and turns its
verdicts into events:

- ``NatMappingChanged`` when a server sees us at a new public address (or the first time);
- ``NatStatus`` when the classification or the per-server mapping table changed (also when
  a new server sees the same address: the table grew).

``NatWatch.observe`` is pure (events in, events out, each stamped with the time of the
answer that caused it), so tests feed it recorded or hand-made answers;
:func:`follow_nat` subscribes one to a session.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from softdiag.events import Event, NatMappingChanged, NatStatus, RegistrationChanged
from softdiag.session import Session

from .tracker import NatMappingTracker

__all__ = ["PJSUA_KEEPALIVE_S", "NatWatch", "follow_nat"]

PJSUA_KEEPALIVE_S = 15.0  # pjsua's UDP keep-alive interval (FACTS.md)


class NatWatch:
    """The NAT events one account's REGISTER answers imply. Not thread-safe by itself."""

    def __init__(self, aor: str, keepalive_interval: float | None = PJSUA_KEEPALIVE_S) -> None:
        self.aor = aor
        self.tracker = NatMappingTracker(keepalive_interval=keepalive_interval)
        self._last_status: tuple[str, tuple[tuple[str, str], ...]] | None = None

    def observe(self, event: Event) -> list[Event]:
        if not (
            isinstance(event, RegistrationChanged)
            and event.aor == self.aor
            and event.state == "registered"
            and event.local is not None
        ):
            return []
        local = event.local
        stamp = {"mono": event.mono, "wall": event.wall}
        out: list[Event] = []
        change = self.tracker.observe(
            event.server, local, event.received, event.rport, "register", event.mono
        )
        if change is not None:
            out.append(
                NatMappingChanged(
                    server=change.server, local=change.local, old=change.old, new=change.new,
                    source=change.source, likely_cause=change.cause,
                    explanation=change.explanation, evidence=change.evidence, **stamp,
                )
            )  # fmt: skip
        classification, explanation, evidence = self.tracker.classify(local)
        mappings = tuple(sorted(self.tracker.mappings_of(local).items()))
        if (classification, mappings) != self._last_status:
            self._last_status = (classification, mappings)
            out.append(
                NatStatus(
                    classification=classification, explanation=explanation,
                    local=local, mappings=mappings, evidence=evidence, **stamp,
                )
            )  # fmt: skip
        return out


def follow_nat(session: Session, aor: str) -> Callable[[], None]:
    """Publish the NAT events of ``aor``'s registrations on ``session``; returns the stop."""
    watch = NatWatch(aor)
    lock = threading.Lock()  # answers come from the engine thread; be safe for any thread

    def on_event(event: Event) -> None:
        if not isinstance(event, RegistrationChanged):
            return
        with lock:
            out = watch.observe(event)
        for produced in out:
            session.publish(produced)

    return session.subscribe(on_event)
