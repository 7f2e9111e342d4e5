"""The two rules that keep Qt objects safe from the engine's threads.

1. **Threads never emit on objects that can die.** A signal emitted from a worker on a
   QObject the GUI thread is deleting at that moment is a use-after-free. Work from other
   threads reaches the GUI through :func:`post_to_gui`, which emits on one dispatcher that
   lives as long as the application. A bound method of a QObject travels as a weak
   reference: the worker never holds the widget, and a call for a widget that has been
   deleted meanwhile is dropped on the GUI thread.

2. **Only the GUI thread collects garbage.** CPython's cycle collector runs in whichever
   thread crosses the allocation threshold. Run on a worker, it destroys the Qt objects
   caught in a cycle (a window and the lambdas connected to its signals) from the wrong
   thread: "QBasicTimer::start: Timers cannot be started from another thread", then a
   deadlock between the object's mutex and the GIL, or a crash. :class:`GuiThreadCollector`
   turns automatic collection off and collects from a GUI-thread timer instead (the
   pattern of pyqtgraph's ``GarbageCollector``, which cannot be stopped again, as the tests
   need).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable
from typing import Any, ClassVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QThread, QTimer, Signal

__all__ = ["GuiThreadCollector", "gui_callback", "install_dispatcher", "post_to_gui"]


class _Dispatcher(QObject):
    """Lives on the GUI thread for the whole application; never deleted before it."""

    posted = Signal(object)
    current: ClassVar[_Dispatcher | None] = None  # read by any thread, set by the GUI's

    def __init__(self, app: QCoreApplication) -> None:
        super().__init__(app)
        self.posted.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, call: Callable[[], None]) -> None:
        call()


def install_dispatcher() -> None:
    """Create the dispatcher for the running application (GUI thread only; idempotent).

    Called when the app starts and by every object that will post later, so it always
    exists before a worker needs it. A child of the application, it goes with it.
    """
    current = _Dispatcher.current
    if current is not None and shiboken6.isValid(current):
        return
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("post_to_gui needs a running QApplication")
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("the GUI dispatcher must be created on the GUI thread")
    _Dispatcher.current = _Dispatcher(app)


def post_to_gui(fn: Callable[..., object], *args: Any) -> bool:
    """Call ``fn(*args)`` on the GUI thread, from any thread; False if the app is gone.

    A bound method of a QObject is held weakly, and dropped if the object's C++ side was
    deleted before the call runs.
    """
    return _post(_target(fn), args)


def gui_callback(fn: Callable[..., object]) -> Callable[..., None]:
    """``fn`` as a callback for another thread: each call runs ``fn`` on the GUI thread.

    Like :func:`post_to_gui`, it holds a QObject's bound method weakly, so a long-lived
    thread (a watcher) never keeps the widget alive nor drops its last reference. Made on
    the GUI thread, where it makes sure the dispatcher exists.
    """
    install_dispatcher()
    target = _target(fn)

    def post(*args: Any) -> None:
        _post(target, args)

    return post


_Target = Callable[[], Callable[..., object] | None]


def _target(fn: Callable[..., object]) -> _Target:
    if isinstance(getattr(fn, "__self__", None), QObject):
        return weakref.WeakMethod(fn)
    return lambda: fn


def _post(target: _Target, args: tuple[Any, ...]) -> bool:
    def call() -> None:
        resolved = target()
        if resolved is None:
            return
        receiver = getattr(resolved, "__self__", None)
        if isinstance(receiver, QObject) and not shiboken6.isValid(receiver):
            return
        resolved(*args)

    dispatcher = _Dispatcher.current
    if dispatcher is None:
        raise RuntimeError("install_dispatcher() was not called on the GUI thread")
    try:
        dispatcher.posted.emit(call)
    except RuntimeError:  # the application itself is gone (interpreter exit)
        return False
    return True


class GuiThreadCollector:
    """Collects cyclic garbage on the GUI thread only, every ``interval_ms``.

    The generation thresholds are kept: a generation is collected when its count passes
    the threshold Python itself would have used, so the cost stays what it was.
    """

    def __init__(self, interval_ms: int = 500) -> None:
        self._timer = QTimer()
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect)
        self._thresholds = gc.get_threshold()
        self._was_enabled = gc.isenabled()

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer.start()

    def stop(self) -> None:
        """Collect once more here, then give collection back to Python."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()

    def collect(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):  # the oldest due generation includes the younger ones
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return
