"""Run blocking work off the GUI thread; get the outcome back on it.

Modelled on Anki's ``QueryOp``: build an op, attach callbacks, run it::

    EngineOp(window, softphone.start).success(on_started).failure(on_failed).run()

``fn`` runs on a QThreadPool worker. Its result (or exception) comes back through a queued
signal of a small relay object that lives on the GUI thread, so the callbacks run there and
may touch widgets. The relay is a child of ``parent``: when the parent is destroyed before
the work ends, the callbacks are simply not called (the work itself still finishes).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal

__all__ = ["EngineOp", "wait_for_ops"]

T = TypeVar("T")
log = logging.getLogger(__name__)

# Ops in flight, so Python keeps relay and runnable alive until their signal is delivered.
_in_flight: set[EngineOp[Any]] = set()
_in_flight_lock = threading.Lock()


class _Relay(QObject):
    """Lives on the GUI thread; its own methods are the receivers, so they run there."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, parent: QObject, op: EngineOp[Any]) -> None:
        super().__init__(parent)
        self._op = op
        self.succeeded.connect(self._on_succeeded, Qt.ConnectionType.QueuedConnection)
        self.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)

    def _on_succeeded(self, result: object) -> None:
        self._op._deliver_success(result)

    def _on_failed(self, exc: object) -> None:
        assert isinstance(exc, Exception)
        self._op._deliver_failure(exc)


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        self._work()


class EngineOp(Generic[T]):
    def __init__(self, parent: QObject, fn: Callable[[], T]) -> None:
        self._fn = fn
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[Exception], object] | None = None
        self._relay = _Relay(parent, self)
        self._started = False

    def success(self, callback: Callable[[T], object]) -> EngineOp[T]:
        self._on_success = callback
        return self

    def failure(self, callback: Callable[[Exception], object]) -> EngineOp[T]:
        self._on_failure = callback
        return self

    def run(self, pool: QThreadPool | None = None) -> None:
        if self._started:
            raise RuntimeError("an EngineOp runs once")
        self._started = True
        with _in_flight_lock:
            _in_flight.add(self)
        # Referenced until delivered: a runnable whose Python side is collected early would
        # never call run(), and the op would never report.
        self._runnable = _Runnable(self._work)
        (pool or QThreadPool.globalInstance()).start(self._runnable)

    # -- worker thread ---------------------------------------------------------------

    def _work(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:
            self._emit(self._relay.failed, exc)
        else:
            self._emit(self._relay.succeeded, result)

    def _emit(self, signal: Any, value: object) -> None:
        try:
            signal.emit(value)
        except RuntimeError:  # the parent (and so the relay) is gone: nobody to tell
            self._forget()

    # -- GUI thread ------------------------------------------------------------------

    def _deliver_success(self, result: Any) -> None:
        self._forget()
        if self._on_success is not None:
            self._on_success(result)

    def _deliver_failure(self, exc: Exception) -> None:
        self._forget()
        if self._on_failure is not None:
            self._on_failure(exc)
        else:  # never swallow silently
            log.error("background operation failed", exc_info=exc)

    def _forget(self) -> None:
        with _in_flight_lock:
            _in_flight.discard(self)
        with contextlib.suppress(RuntimeError):  # already gone with its parent
            self._relay.deleteLater()


def wait_for_ops(timeout_ms: int = 15_000, pool: QThreadPool | None = None) -> bool:
    """Block until every queued op has finished (at exit only). True if all finished."""
    return bool((pool or QThreadPool.globalInstance()).waitForDone(timeout_ms))
