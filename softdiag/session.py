"""The event bus: one Session fans every event out to its subscribers.

Producers (the SIP engine thread, the resolver, the CLI) call :meth:`Session.publish` from any
thread. Subscribers are called on the publishing thread, in subscription order, so they must
be quick and must not block: the GUI bridge only emits a queued Qt signal, the CLI printer
writes a line, the recorder appends to a bounded deque. A subscriber that raises is reported
as a ``Log`` event and stays subscribed; it never breaks the producer.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterator
from typing import TypeVar

from .events import Event, Log

__all__ = ["Recorder", "Session", "Subscriber"]

Subscriber = Callable[[Event], None]
E = TypeVar("E", bound=Event)


class Session:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> Callable[[], None]:
        """Add a subscriber; returns a function that removes it again."""
        with self._lock:
            self._subscribers = [*self._subscribers, subscriber]

        def unsubscribe() -> None:
            with self._lock:
                self._subscribers = [s for s in self._subscribers if s is not subscriber]

        return unsubscribe

    def publish(self, event: Event) -> None:
        # Copy-on-write list: publishing never holds the lock while calling out.
        failures: list[str] = []
        for subscriber in self._subscribers:
            try:
                subscriber(event)
            except Exception as exc:  # a broken view must not break the engine
                failures.append(f"subscriber {subscriber!r} failed: {exc!r}")
        if isinstance(event, Log) and event.source == "session":
            return  # never loop on our own error report
        for message in failures:  # reported after everyone had the original event
            self.publish(Log(level="error", source="session", message=message))


class Recorder:
    """Keeps every event of a session in memory, bounded, for the diagnostic bundle."""

    def __init__(self, limit: int = 200_000) -> None:
        self._events: deque[Event] = deque(maxlen=limit)
        self._lock = threading.Lock()
        self.dropped = 0

    def __call__(self, event: Event) -> None:
        with self._lock:
            if len(self._events) == self._events.maxlen:
                self.dropped += 1
            self._events.append(event)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.snapshot())

    def __len__(self) -> int:
        return len(self._events)

    def snapshot(self) -> list[Event]:
        with self._lock:
            return list(self._events)

    def of_type(self, cls: type[E]) -> list[E]:
        return [e for e in self.snapshot() if isinstance(e, cls)]
