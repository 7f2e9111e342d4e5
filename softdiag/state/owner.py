"""The account state's owner on a session: every fact through the one reducer, in order.

Facts arrive on the publishing thread (the SIP engine, the failover control loop, the
resolver, the GUI). The owner feeds them to :class:`~softdiag.state.account.AccountReducer`
one at a time and publishes each resulting ``AccountChanged`` while it still holds its
lock, so every subscriber sees the snapshots in the order they were made. The lock is
re-entrant: a subscriber may publish from inside (the owner ignores its own events).
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from softdiag.events import AccountChanged, AccountSnapshot, Event
from softdiag.session import Session

from .account import AccountReducer

__all__ = ["AccountOwner"]


class AccountOwner:
    """Owns one account's state on ``session`` until :meth:`close`."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._reducer = AccountReducer()
        self._lock = threading.RLock()
        self._unsubscribe: Callable[[], None] | None = session.subscribe(self._on_event)

    @property
    def snapshot(self) -> AccountSnapshot:
        """The newest snapshot (immutable: safe to read from any thread)."""
        return self._reducer.snapshot

    def close(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    def _on_event(self, event: Event) -> None:
        if isinstance(event, AccountChanged):
            return
        with self._lock:
            changed = self._reducer.apply(event)
            if changed is not None:
                self._session.publish(changed)
