"""The ringing notification: who calls, through which server, Answer or Reject.

It shows one ``IncomingCall`` event (the engine sent 180 Ringing and waits): the caller,
the server the INVITE came through and the one the account registers on, in red when they
differ (a call through another proxy: a cluster, or a split registration, CASES.md case 3).
Answer and Reject only emit signals; the window turns them into engine commands, which
only enqueue (the GUI thread never waits for pjsua2). The notification closes itself when
the call ends before anyone decided (the caller gave up).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from softdiag.events import CallStateChanged, Event, IncomingCall
from ui.texts.events import NONE

from .widgets import ERROR_COLOR, OK_COLOR, mute, set_text_color

__all__ = ["IncomingCallNotice", "IncomingCalls"]


class IncomingCallNotice(QFrame):
    """A small tool window; ``answered``/``rejected`` carry softdiag's call number."""

    answered = Signal(int)
    rejected = Signal(int)

    def __init__(self, event: IncomingCall, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Tool | Qt.WindowType.WindowStaysOnTopHint)
        self.call = event.call
        self.incoming = event
        self.setWindowTitle(self.tr("softdiag — incoming call"))
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(420)

        self.heading = QLabel(self.tr("Incoming call"))
        mute(self.heading)
        self.caller_label = QLabel(event.caller_name or event.caller or NONE)
        big = QFont(self.caller_label.font())
        big.setPointSizeF(big.pointSizeF() * 1.5)
        big.setBold(True)
        self.caller_label.setFont(big)
        self.uri_label = QLabel(event.caller if event.caller_name else "")
        self.uri_label.setVisible(bool(event.caller_name))
        self.uri_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.path_label = QLabel()
        self.path_label.setWordWrap(True)
        self.path_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._describe_path(event)

        self.answer_button = QPushButton(self.tr("Answer"))
        self.answer_button.setDefault(True)
        self.answer_button.setStyleSheet(f"QPushButton {{ color: white; background: {OK_COLOR}; "
                                         "padding: 6px 18px; border-radius: 4px; }")  # fmt: skip
        self.reject_button = QPushButton(self.tr("Reject"))
        self.reject_button.setStyleSheet(f"QPushButton {{ color: white; background: {ERROR_COLOR}; "
                                         "padding: 6px 18px; border-radius: 4px; }")  # fmt: skip
        self.answer_button.clicked.connect(lambda: self._decide(answer=True))
        self.reject_button.clicked.connect(lambda: self._decide(answer=False))

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(self.answer_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.caller_label)
        layout.addWidget(self.uri_label)
        layout.addSpacing(4)
        layout.addWidget(self.path_label)
        layout.addSpacing(6)
        layout.addLayout(buttons)

    def _describe_path(self, event: IncomingCall) -> None:
        hops = " ← ".join(event.via) or NONE
        if event.registered_on and event.source and event.source != event.registered_on:
            text = self.tr(
                "Through {source}, not {registered} where softdiag is registered. Path: {hops}"
            )
            set_text_color(self.path_label, ERROR_COLOR)
        else:
            text = self.tr("Through {source}, where softdiag is registered. Path: {hops}")
            set_text_color(self.path_label, None)
        self.path_label.setText(
            text.format(
                source=event.source or NONE, registered=event.registered_on or NONE, hops=hops
            )
        )

    def _decide(self, *, answer: bool) -> None:
        self.answer_button.setEnabled(False)
        self.reject_button.setEnabled(False)
        (self.answered if answer else self.rejected).emit(self.call)
        self.close()

    def caller_gave_up(self) -> None:
        """The call ended while ringing: nothing left to decide."""
        self.close()


class IncomingCalls(QObject):
    """The window's ringing calls: one notice each, answered or rejected through ``engine``.

    ``engine`` returns the SIP engine (or None: a stand-in softphone without one);
    ``answered`` is told the call number and caller once the user accepted, to show the
    call window.
    """

    def __init__(
        self,
        window: QWidget,
        engine: Callable[[], object | None],
        answered: Callable[[int, str], None],
        audio: Callable[[], object],
    ) -> None:
        super().__init__(window)
        self._window = window
        self._engine = engine
        self._answered = answered
        self._audio = audio
        self.notices: dict[int, IncomingCallNotice] = {}

    def feed(self, batch: Sequence[Event]) -> None:
        for event in batch:
            if isinstance(event, IncomingCall) and event.answer == "ring":
                self._ring(event)
            elif (
                isinstance(event, CallStateChanged)
                and event.state in ("disconnected", "failed")
                and event.call in self.notices
            ):
                self.notices.pop(event.call).caller_gave_up()

    def _ring(self, event: IncomingCall) -> None:
        notice = IncomingCallNotice(event, self._window)
        notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        notice.answered.connect(self._answer)
        notice.rejected.connect(self._reject)
        self.notices[event.call] = notice
        notice.adjustSize()
        # Top right of the window, like a desktop notification, stacked when several ring.
        corner = self._window.mapToGlobal(QPoint(self._window.width(), 0))
        offset = 30 + (len(self.notices) - 1) * (notice.height() + 8)
        notice.move(corner.x() - notice.width() - 20, corner.y() + offset)
        notice.show()
        notice.raise_()

    def _answer(self, call: int) -> None:
        notice = self.notices.pop(call, None)
        engine = self._engine()
        if engine is not None:
            engine.answer(call, 200, self._audio())  # type: ignore[attr-defined]
        caller = notice.incoming.caller if notice is not None else ""
        self._answered(call, caller)

    def _reject(self, call: int) -> None:
        self.notices.pop(call, None)
        engine = self._engine()
        if engine is not None:
            engine.answer(call, 486)  # type: ignore[attr-defined]
