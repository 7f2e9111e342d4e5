"""Carry engine events from any thread onto the GUI thread, in batches.

The session calls its subscribers on the publishing thread (the SIP thread, the resolver
thread, ...). :class:`EventBridge` is such a subscriber: it only appends the event to a
list under a lock and, for the first event of a batch, wakes the GUI thread through
:func:`ui.plumbing.threads.post_to_gui` (never by emitting on itself: the bridge may be deleted
while a publisher is still running). About ``batch_ms`` later the GUI thread takes the
whole list at once, so a burst of SIP messages costs one redraw, not one per message, and
the publisher never waits for Qt. A flood is taken in slices of ``MAX_BATCH`` events, one
slot each, with the event loop free between them (the window stays responsive).
"""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from softdiag.events import Event

from .threads import install_dispatcher, post_to_gui

__all__ = ["EventBridge"]

DEFAULT_BATCH_MS = 30
MAX_BATCH = 400  # events per slot; more wait for the next turn of the event loop


class EventBridge(QObject):
    """A session subscriber that re-emits events as Qt signals on the GUI thread.

    ``events_received(list[Event])`` fires once per batch; ``event_received(Event)`` fires
    for every event, in order, for consumers that want them one by one.
    """

    event_received = Signal(object)
    events_received = Signal(list)

    def __init__(self, parent: QObject | None = None, *, batch_ms: int = DEFAULT_BATCH_MS) -> None:
        super().__init__(parent)
        install_dispatcher()
        self._batch_ms = batch_ms
        self._lock = threading.Lock()
        self._pending: list[Event] = []
        self._scheduled = False
        self._closed = False

    def __call__(self, event: Event) -> None:
        if not shiboken6.isValid(self):  # deleted without unsubscribing: keep nothing
            self.close()
            return
        with self._lock:
            if self._closed:
                return
            self._pending.append(event)
            if self._scheduled:
                return
            self._scheduled = True
        if not post_to_gui(self._arm):  # the application is going away
            self.close()

    def close(self) -> None:
        """Drop everything from now on (the window is going away; the engine may not be)."""
        with self._lock:
            self._closed = True
            self._pending.clear()

    def flush(self) -> None:
        """Deliver what is pending now (GUI thread only)."""
        with self._lock:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            more = bool(self._pending)
            self._scheduled = more  # the rest is already on its way
        if more:
            QTimer.singleShot(0, self.flush)
        if not batch:
            return
        self.events_received.emit(batch)
        for event in batch:
            self.event_received.emit(event)

    def _arm(self) -> None:
        QTimer.singleShot(self._batch_ms, self.flush)
