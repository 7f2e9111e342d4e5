"""Run blocking work off the GUI thread; get the outcome back on it.

Modelled on Anki's ``QueryOp``: build an op, attach callbacks, run it::

    EngineOp(window, softphone.start).success(on_started).failure(on_failed).run()

``fn`` runs on a QThreadPool worker. Its result (or exception) comes back through
:func:`ui.plumbing.threads.post_to_gui`, so the callbacks run on the GUI thread and may touch
widgets. When ``parent`` is deleted before the work ends, the callbacks are simply not
called (the work itself still finishes). The op lets go of ``fn``, its callbacks and the
parent on the GUI thread, so a worker never drops the last reference to a Qt object.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool

from .threads import install_dispatcher, post_to_gui

__all__ = ["EngineOp", "wait_for_ops"]

T = TypeVar("T")
log = logging.getLogger(__name__)

# Ops in flight: the GUI side holds them (and so what they reference) until delivery.
_in_flight: set[EngineOp[Any]] = set()
_in_flight_lock = threading.Lock()


class _Runnable(QRunnable):
    def __init__(self, work: Callable[[], None]) -> None:
        super().__init__()
        self._work = work

    def run(self) -> None:
        self._work()


class EngineOp(Generic[T]):
    def __init__(self, parent: QObject, fn: Callable[[], T]) -> None:
        install_dispatcher()
        self._parent: QObject | None = parent
        self._fn: Callable[[], T] | None = fn
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[Exception], object] | None = None
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
        fn = self._fn
        assert fn is not None
        # The outcome travels in a box the GUI thread empties: an exception's traceback can
        # reach widgets (a lambda's closure), and its last reference must not be ours.
        box: list[object] = []
        try:
            box.append(fn())
        except Exception as exc:
            box.append(exc)
        del fn
        post_to_gui(self._deliver, box)

    # -- GUI thread ------------------------------------------------------------------

    def _deliver(self, box: list[Any]) -> None:
        result = box.pop()
        parent, on_success, on_failure = self._parent, self._on_success, self._on_failure
        self._parent = self._fn = self._on_success = self._on_failure = None
        with _in_flight_lock:
            _in_flight.discard(self)
        if parent is None or not shiboken6.isValid(parent):
            return  # the parent went away meanwhile: nobody to tell
        if not isinstance(result, Exception):
            if on_success is not None:
                on_success(result)
        elif on_failure is not None:
            on_failure(result)
        else:  # never swallow silently
            log.error("background operation failed", exc_info=result)


def wait_for_ops(timeout_ms: int = 15_000, pool: QThreadPool | None = None) -> bool:
    """Block until every queued op has finished (at exit only). True if all finished."""
    return bool((pool or QThreadPool.globalInstance()).waitForDone(timeout_ms))
