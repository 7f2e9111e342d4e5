"""The registration timeline: which server held the account's registration, over time.

One lane per server; a bar where the account was registered through that server, from the
REGISTER's 2xx until it was registered elsewhere, failed or was removed; a thin amber line
while a REGISTER to another server is in flight (how long a move takes: about a second
with a health-checked policy, Timer F's 32 s when nobody noticed the server died); a red
tick for every failed REGISTER; a marker for every failover decision (hover for the reason and its
evidence); a vertical line where the failover policy was changed. Time runs left to right,
the right edge is now.

Two parts:

- :class:`RegistrationHistory` turns events into bars and marks. The bars follow the
  account's one owner (``AccountChanged``: which server holds the registration); the marks
  are the facts themselves (REGISTERs in flight and failed, decisions, policy changes,
  incoming calls). Plain Python, no Qt, so
  it can be tested (and later reused for a bundle viewer) on its own. Positions are on the
  monotonic clock of the events; wall-clock times are only for the labels.
- :class:`RegistrationTimeline` paints it with QPainter. A few dozen rectangles do not
  need a plotting library: painting them costs well under a millisecond, and hovering
  becomes a simple hit test. The widget repaints from a 250 ms timer, only when something
  changed or time moved by a pixel, and only while it is visible: events arriving meanwhile
  only update the history.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QHelpEvent,
    QHideEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPixmap,
    QPolygonF,
    QResizeEvent,
    QShowEvent,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from softdiag.events import (
    AccountChanged,
    Event,
    FailoverDecision,
    IncomingCall,
    PolicyChanged,
    ProbeResult,
    RegistrationChanged,
    Resolved,
    ServersChanged,
    Target,
    target_key,
)
from ui.texts.events import NONE, response_text
from ui.texts.failover_texts import decision_reason, policy_text

from .widgets import STATE_COLORS

__all__ = [
    "ATTEMPT_COLOR",
    "BAR_COLOR",
    "DECISION_COLOR",
    "FAIL_COLOR",
    "POLICY_COLOR",
    "SPANS",
    "Attempt",
    "Bar",
    "FailureMark",
    "Lane",
    "PolicyMark",
    "RegistrationHistory",
    "RegistrationTimeline",
    "legend_pixmap",
]

SPANS = (60.0, 300.0, 900.0, 3600.0)  # seconds the chart can show
DEFAULT_SPAN = 300.0
KEEP = max(SPANS)  # history older than the longest span is dropped
MAX_ITEMS = 5000  # per kind: a flapping server cannot grow the history without bound
REDRAW_MS = 250
TICK_STEPS = (5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)

BAR_COLOR = STATE_COLORS["registered"]
ATTEMPT_COLOR = STATE_COLORS["registering"]
FAIL_COLOR = "#d93025"
DECISION_COLOR = "#1a73e8"
POLICY_COLOR = "#8e24aa"
# Why a bar ended, from the fact behind the account's last change (Fact in softdiag.state).
ENDED_BY = {"failed": "failed", "engine_stopped": "stopped", "unregistered": "unregistered"}
INBOUND_COLOR = "#188038"  # an incoming call through the server we are registered on
INBOUND_OTHER_COLOR = "#e37400"  # through another server (a cluster, or a stale binding)

# -- the history --------------------------------------------------------------------------


@dataclass(slots=True)
class Lane:
    key: str  # ip:port/transport, as in Target.key
    hostport: str
    transport: str
    host: str = ""  # the SRV target name, once DNS told us
    priority: int | None = None
    registrar: str = ""  # who answers there (X-Registrar / Server), without the address

    @property
    def sort_key(self) -> tuple[int, str, str, str]:
        # Stable: DNS may reorder its answer at every query, the lanes must not move.
        priority = self.priority if self.priority is not None else 1 << 30
        return (priority, self.host or "~", self.hostport, self.transport)


@dataclass(slots=True)
class Bar:
    lane: str
    start: float  # monotonic seconds
    start_wall: float
    end: float | None = None  # None: still registered there
    end_wall: float | None = None
    ended_by: str = ""  # "moved", "failed", "unregistered", "stopped"
    refreshes: int = 0


@dataclass(slots=True)
class Attempt:
    """A REGISTER through a server that does not hold the registration, until it ended."""

    lane: str
    start: float
    start_wall: float
    end: float | None = None
    outcome: RegistrationChanged | None = None  # None: superseded or still in flight


@dataclass(frozen=True, slots=True)
class FailureMark:
    lane: str
    at: float
    event: RegistrationChanged


@dataclass(frozen=True, slots=True)
class InboundMark:
    """An incoming call, on the lane of the server it came through."""

    lane: str
    at: float
    event: IncomingCall

    @property
    def through_registration(self) -> bool:
        return not self.event.registered_on or self.event.source == self.event.registered_on


@dataclass(frozen=True, slots=True)
class PolicyMark:
    at: float
    wall: float
    policy: str
    previous: str | None


def _registrar_name(registrar: str, ip: str) -> str:
    """ "kam2 127.0.0.3" -> "kam2": the lane already shows the address."""
    words = [w for w in registrar.split() if w.strip("[]") != ip]
    return " ".join(words)


@dataclass(slots=True)
class RegistrationHistory:
    """Bars and marks from events, in event order. Not thread-safe: GUI thread only."""

    keep: float = KEEP
    lanes: dict[str, Lane] = field(default_factory=dict)
    bars: list[Bar] = field(default_factory=list)
    attempts: list[Attempt] = field(default_factory=list)
    failures: list[FailureMark] = field(default_factory=list)
    decisions: list[FailoverDecision] = field(default_factory=list)
    policy_marks: list[PolicyMark] = field(default_factory=list)
    inbound: list[InboundMark] = field(default_factory=list)
    policy: str | None = None
    _open: Bar | None = None
    _expires_at: float | None = None  # the open bar's registration runs out (refreshes)
    _attempt: Attempt | None = None

    @property
    def open_bar(self) -> Bar | None:
        return self._open

    def ordered_lanes(self) -> list[Lane]:
        return sorted(self.lanes.values(), key=lambda lane: lane.sort_key)

    # -- feeding -----------------------------------------------------------------------

    def add(self, event: Event) -> bool:
        """Take one event in; True when something on the chart changed."""
        if isinstance(event, AccountChanged):
            return self._account(event)
        if isinstance(event, RegistrationChanged):
            return self._registration(event)
        if isinstance(event, FailoverDecision):
            for key in (event.from_target, event.to_target):
                if key:
                    self._lane(key)
            self.decisions.append(event)
            del self.decisions[:-MAX_ITEMS]
            self._see_policy(event.policy, event, announced=False)
            return True
        if isinstance(event, ServersChanged):
            changed = False
            for server in event.servers:
                changed |= self._target_lane(server.target)
            return self._see_policy(event.policy, event, announced=False) or changed
        if isinstance(event, Resolved):
            changed = False
            for target in event.targets:
                changed |= self._target_lane(target)
            return changed
        if isinstance(event, IncomingCall):
            if not event.source:
                return False
            key = target_key(event.source, event.transport)
            self._lane(key)
            self.inbound.append(InboundMark(lane=key, at=event.mono, event=event))
            del self.inbound[:-MAX_ITEMS]
            return True
        if isinstance(event, ProbeResult):
            lane = self.lanes.get(event.target_key)
            if lane is not None and event.server and not lane.registrar:
                lane.registrar = _registrar_name(event.server, lane.hostport.rsplit(":", 1)[0])
                return True
            return False
        if isinstance(event, PolicyChanged):
            return self._see_policy(event.policy, event, announced=True)
        return False

    def end_account(self, at: float, wall: float) -> bool:
        """The account is gone without a last word from the engine (it stopped)."""
        return self._end_attempt(at, None) | self._close(at, wall, "stopped")

    def prune(self, now: float) -> None:
        cutoff = now - self.keep
        self.bars = [b for b in self.bars if b.end is None or b.end >= cutoff]
        self.attempts = [a for a in self.attempts if a.end is None or a.end >= cutoff]
        self.failures = [f for f in self.failures if f.at >= cutoff]
        self.decisions = [d for d in self.decisions if d.mono >= cutoff]
        self.policy_marks = [p for p in self.policy_marks if p.at >= cutoff]
        self.inbound = [m for m in self.inbound if m.at >= cutoff]

    # -- rules -------------------------------------------------------------------------

    def _account(self, changed: AccountChanged) -> bool:
        """A bar while a server holds the account's registration (during a move too: its
        binding is there until the new server's 2xx), from the owner's snapshot."""
        if "registration" not in changed.changes:
            return False
        snapshot, key = changed.snapshot, changed.snapshot.server
        bar = self._open
        if bar is not None and bar.lane == key:
            if snapshot.state == "registered" and snapshot.expires_at != self._expires_at:
                bar.refreshes += 1  # a refresh: the same registration goes on
                self._expires_at = snapshot.expires_at
            return False
        moved = False
        if bar is not None:
            ended_by = "moved" if key else ENDED_BY.get(snapshot.cause, "unregistered")
            moved = self._close(changed.mono, changed.wall, ended_by)
        if key is None or snapshot.state != "registered":
            return moved
        self._lane(key)
        self._open = Bar(lane=key, start=changed.mono, start_wall=changed.wall)
        self._expires_at = snapshot.expires_at
        self.bars.append(self._open)
        del self.bars[:-MAX_ITEMS]
        return True

    def _registration(self, event: RegistrationChanged) -> bool:
        """REGISTERs in flight (how long a move takes) and failed ones (red ticks)."""
        key = event.target_key
        changed = self._lane(key)
        if event.registrar:
            name = _registrar_name(event.registrar, event.server.rsplit(":", 1)[0])
            lane = self.lanes[key]
            if name and name != lane.registrar:
                lane.registrar = name
                changed = True
        if event.state == "registering":
            bar = self._open
            attempt = self._attempt
            if attempt is not None and attempt.lane == key:
                return changed  # the same attempt goes on (a challenge, a retry)
            self._end_attempt(event.mono, None)
            if bar is not None and bar.lane == key:
                return changed  # a refresh where we are registered: not a move
            self._attempt = Attempt(lane=key, start=event.mono, start_wall=event.wall)
            self.attempts.append(self._attempt)
            del self.attempts[:-MAX_ITEMS]
            return True
        attempt = self._attempt
        if attempt is not None and (attempt.lane == key or event.state != "registered"):
            # Its answer; or the account lost its registration. A 2xx from elsewhere (a
            # late answer of the old server) does not end a REGISTER still in flight.
            changed |= self._end_attempt(event.mono, event)
        if event.state == "failed":
            self.failures.append(FailureMark(lane=key, at=event.mono, event=event))
            del self.failures[:-MAX_ITEMS]
            return True
        return changed

    def _end_attempt(self, at: float, outcome: RegistrationChanged | None) -> bool:
        attempt = self._attempt
        if attempt is None:
            return False
        attempt.end, attempt.outcome = max(at, attempt.start), outcome
        self._attempt = None
        return True

    def _close(self, at: float, wall: float, why: str) -> bool:
        bar = self._open
        if bar is None:
            return False
        bar.end, bar.end_wall, bar.ended_by = max(at, bar.start), wall, why
        self._open = None
        return True

    def _lane(self, key: str) -> bool:
        if key in self.lanes:
            return False
        hostport, _, transport = key.rpartition("/")
        self.lanes[key] = Lane(key=key, hostport=hostport or key, transport=transport)
        return True

    def _target_lane(self, target: Target) -> bool:
        created = self._lane(target.key)
        lane = self.lanes[target.key]
        if lane.host == target.host and lane.priority == target.priority:
            return created
        lane.host, lane.priority = target.host, target.priority
        return True

    def _see_policy(self, name: str, event: Event, *, announced: bool) -> bool:
        """Track the policy; a change is a mark. ``PolicyChanged`` announces a switch first;
        a policy seen changed on a later report without it is a switch too."""
        previous = self.policy
        if name == previous:
            return False
        self.policy = name
        if previous is None and not announced:
            return False  # the first report: nothing changed, we only learnt it
        self.policy_marks.append(
            PolicyMark(at=event.mono, wall=event.wall, policy=name, previous=previous)
        )
        del self.policy_marks[:-MAX_ITEMS]
        return True


# -- drawing ------------------------------------------------------------------------------


def _hhmmss(wall: float) -> str:
    return time.strftime("%H:%M:%S", time.localtime(wall))


@dataclass(frozen=True, slots=True)
class _Geometry:
    """Where everything goes for one ``now``; shared by painting and hit tests."""

    left: float  # x of the plot's left edge (after the lane labels)
    right: float
    top: float  # y of the first lane
    lane_h: float
    now: float
    span: float
    lanes: tuple[Lane, ...]

    def x(self, mono: float) -> float:
        return self.left + (mono - (self.now - self.span)) / self.span * (self.right - self.left)

    def lane_index(self, key: str) -> int | None:
        for i, lane in enumerate(self.lanes):
            if lane.key == key:
                return i
        return None

    def lane_rect(self, index: int) -> QRectF:
        return QRectF(
            self.left, self.top + index * self.lane_h, self.right - self.left, self.lane_h
        )

    def lane_center(self, key: str) -> float | None:
        index = self.lane_index(key)
        return None if index is None else self.top + (index + 0.5) * self.lane_h

    @property
    def bottom(self) -> float:
        return self.top + len(self.lanes) * self.lane_h


class RegistrationTimeline(QWidget):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        clock: Callable[[], float] = time.monotonic,
        wall_clock: Callable[[], float] = time.time,
    ) -> None:
        super().__init__(parent)
        self.history = RegistrationHistory()
        self._clock = clock
        self._wall_clock = wall_clock
        self._span = DEFAULT_SPAN
        self._dirty = True
        self._painted_now: float | None = None
        self._last_prune = -math.inf
        self.paint_count = 0  # for tests: hidden widgets must not paint

        self._timer = QTimer(self)
        self._timer.setInterval(REDRAW_MS)
        self._timer.timeout.connect(self._tick)

        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumWidth(360)

    # -- feeding -----------------------------------------------------------------------

    def add(self, events: Iterable[Event]) -> None:
        lanes = len(self.history.lanes)
        changed = False
        for event in events:
            changed |= self.history.add(event)
        if changed:
            self._dirty = True
        if len(self.history.lanes) != lanes:
            self.updateGeometry()

    def end_account(self) -> None:
        if self.history.end_account(self._clock(), self._wall_clock()):
            self._dirty = True

    @property
    def span(self) -> float:
        return self._span

    def set_span(self, seconds: float) -> None:
        if seconds != self._span:
            self._span = seconds
            self._dirty = True
            self.update()

    @property
    def redrawing(self) -> bool:
        """The redraw timer runs (only while the widget is visible)."""
        return self._timer.isActive()

    # -- Qt ----------------------------------------------------------------------------

    def _lane_height(self) -> int:
        return max(22, self.fontMetrics().height() + 8)

    def _small_font(self) -> QFont:
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() * 0.9))
        return small

    def _top_margin(self) -> int:
        return QFontMetrics(self._small_font()).height() + 3  # room for the policy labels

    def _axis_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        lanes = max(3, len(self.history.lanes))
        height = self._top_margin() + lanes * self._lane_height() + self._axis_height()
        return QSize(720, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(360, self.sizeHint().height())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._dirty = True
        self._timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._timer.stop()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._dirty = True

    def _tick(self) -> None:
        if not self.isVisible():
            self._timer.stop()
            return
        now = self._clock()
        if now - self._last_prune > 30.0:
            self._last_prune = now
            self.history.prune(now)
        if not self._dirty and self._painted_now is not None:
            geometry = self._geometry(now)
            moved = (now - self._painted_now) / self._span * (geometry.right - geometry.left)
            if moved < 1.0:
                return  # time has not moved a pixel and nothing happened
        self.update()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            text = self.tooltip_at(QPointF(event.pos()))
            if text:
                QToolTip.showText(event.globalPos(), text, self)
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().event(event)

    # -- geometry ----------------------------------------------------------------------

    def _label_width(self, lane: Lane) -> int:
        fm = self.fontMetrics()
        width = fm.horizontalAdvance(self._lane_title(lane))
        if lane.registrar:
            width += 6 + fm.horizontalAdvance(lane.registrar)
        return width

    def _lane_title(self, lane: Lane) -> str:
        transports = {
            other.transport
            for other in self.history.lanes.values()
            if other.hostport == lane.hostport
        }
        if len(transports) > 1:
            return f"{lane.hostport} {lane.transport.upper()}"
        return lane.hostport

    def _geometry(self, now: float | None = None) -> _Geometry:
        lanes = tuple(self.history.ordered_lanes())
        widest = max((self._label_width(lane) for lane in lanes), default=80)
        gutter = min(widest + 20, int(self.width() * 0.4))
        return _Geometry(
            left=float(gutter),
            right=float(max(gutter + 10, self.width() - 10)),
            top=float(self._top_margin()),
            lane_h=float(self._lane_height()),
            now=self._clock() if now is None else now,
            span=self._span,
            lanes=lanes,
        )

    def bar_rects(self) -> list[tuple[QRectF, Bar]]:
        """The visible bars where they are painted (for tests and hit tests)."""
        g = self._geometry()
        return self._bar_rects(g)

    def _bar_rects(self, g: _Geometry) -> list[tuple[QRectF, Bar]]:
        result = []
        inset = 4.0
        for bar in self.history.bars:
            index = g.lane_index(bar.lane)
            end = bar.end if bar.end is not None else g.now
            if index is None or end < g.now - g.span:
                continue
            x0 = max(g.left, g.x(bar.start))
            x1 = min(g.right, g.x(end))
            if bar.end is None:
                x1 = g.right  # still registered: up to now
            lane = g.lane_rect(index)
            width = max(2.0, x1 - x0)
            result.append((QRectF(x0, lane.top() + inset, width, lane.height() - 2 * inset), bar))
        return result

    def attempt_rects(self) -> list[tuple[QRectF, Attempt]]:
        """The visible in-flight REGISTERs (at least 2 px long) where they are painted."""
        return self._attempt_rects(self._geometry())

    def _attempt_rects(self, g: _Geometry) -> list[tuple[QRectF, Attempt]]:
        result = []
        for attempt in self.history.attempts:
            index = g.lane_index(attempt.lane)
            end = attempt.end if attempt.end is not None else g.now
            if index is None or end < g.now - g.span:
                continue
            x0 = max(g.left, g.x(attempt.start))
            x1 = min(g.right, g.x(end))
            if x1 - x0 < 2:
                continue  # a REGISTER answered at once is no news
            y = g.top + (index + 0.5) * g.lane_h
            result.append((QRectF(x0, y - 1.5, x1 - x0, 3), attempt))
        return result

    def decision_points(self) -> list[tuple[QPointF, FailoverDecision]]:
        """Where each visible failover decision's marker is (for tests and hit tests)."""
        return self._decision_points(self._geometry())

    def _decision_points(self, g: _Geometry) -> list[tuple[QPointF, FailoverDecision]]:
        result = []
        for decision in self.history.decisions:
            x = g.x(decision.mono)
            if x < g.left - 1:
                continue
            key = decision.to_target or decision.from_target
            y = g.lane_center(key) if key else None
            if y is None:
                y = g.top + 0.5 * g.lane_h
            result.append((QPointF(x, y), decision))
        return result

    def failure_points(self) -> list[tuple[QPointF, FailureMark]]:
        return self._failure_points(self._geometry())

    def _failure_points(self, g: _Geometry) -> list[tuple[QPointF, FailureMark]]:
        result = []
        for mark in self.history.failures:
            x = g.x(mark.at)
            y = g.lane_center(mark.lane)
            if x >= g.left - 1 and y is not None:
                result.append((QPointF(x, y), mark))
        return result

    def inbound_points(self) -> list[tuple[QPointF, InboundMark]]:
        return self._inbound_points(self._geometry())

    def _inbound_points(self, g: _Geometry) -> list[tuple[QPointF, InboundMark]]:
        result = []
        for mark in self.history.inbound:
            x = g.x(mark.at)
            y = g.lane_center(mark.lane)
            if x >= g.left - 1 and y is not None:
                result.append((QPointF(x, y), mark))
        return result

    def policy_points(self) -> list[tuple[float, PolicyMark]]:
        return self._policy_points(self._geometry())

    def _policy_points(self, g: _Geometry) -> list[tuple[float, PolicyMark]]:
        return [(g.x(m.at), m) for m in self.history.policy_marks if g.x(m.at) >= g.left - 1]

    # -- painting ----------------------------------------------------------------------

    def paintEvent(self, _event: QPaintEvent) -> None:
        self.paint_count += 1
        now = self._clock()
        self._painted_now = now
        self._dirty = False
        g = self._geometry(now)
        palette = self.palette()
        painter = QPainter(self)
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Window))
        text = palette.color(QPalette.ColorRole.WindowText)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        grid = palette.color(QPalette.ColorRole.Mid)
        grid.setAlpha(90)
        fm = self.fontMetrics()

        if not g.lanes:
            rect = QRectF(0, g.top, self.width(), 3 * g.lane_h)
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
            self._paint_axis(painter, g, text, grid, 3 * g.lane_h)
            message = self.tr(
                "No servers yet: register to see which server holds the registration."
            )
            box = QRectF(0, 0, fm.horizontalAdvance(message) + 24, fm.height() + 8)
            box.moveCenter(rect.center())
            painter.fillRect(box, palette.color(QPalette.ColorRole.Base))
            painter.setPen(muted)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, message)
            painter.end()
            return

        # Lanes: alternating stripes, the label on the left.
        base = palette.color(QPalette.ColorRole.Base)
        alternate = palette.color(QPalette.ColorRole.AlternateBase)
        for i, lane in enumerate(g.lanes):
            rect = g.lane_rect(i)
            painter.fillRect(rect, base if i % 2 == 0 else alternate)
            label_rect = QRectF(4, rect.top(), g.left - 12, rect.height())
            title = self._lane_title(lane)
            align = Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft
            elide = Qt.TextElideMode.ElideRight
            painter.setPen(text)
            painter.drawText(
                label_rect, align, fm.elidedText(title, elide, int(label_rect.width()))
            )
            if lane.registrar:
                rest = label_rect.adjusted(fm.horizontalAdvance(title) + 6, 0, 0, 0)
                if rest.width() > fm.horizontalAdvance("…"):
                    painter.setPen(muted)
                    painter.drawText(
                        rest, align, fm.elidedText(lane.registrar, elide, int(rest.width()))
                    )
        painter.setPen(QPen(grid, 1))
        painter.drawRect(QRectF(g.left, g.top, g.right - g.left, g.bottom - g.top - 1))

        self._paint_axis(painter, g, text, grid, g.bottom - g.top)
        painter.setClipRect(QRectF(g.left, 0, g.right - g.left + 8, self.height()))

        # Registration bars.
        fill = QColor(BAR_COLOR)
        painter.setPen(QPen(fill.darker(130), 1))
        painter.setBrush(fill)
        for rect, _bar in self._bar_rects(g):
            painter.drawRect(rect.adjusted(0, 0, -1, -1))

        # REGISTERs in flight to another server: a thin amber line.
        amber = QColor(ATTEMPT_COLOR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(amber)
        for rect, _attempt in self._attempt_rects(g):
            painter.drawRect(rect)

        # Failed REGISTERs: a red tick across the lane with a cross on top.
        red = QColor(FAIL_COLOR)
        for point, _mark in self._failure_points(g):
            painter.setPen(QPen(red, 2))
            x, y = point.x(), point.y()
            half = g.lane_h / 2 - 3
            painter.drawLine(QPointF(x, y - half), QPointF(x, y + half))
            painter.drawLine(QPointF(x - 3, y - half), QPointF(x + 3, y - half + 6))
            painter.drawLine(QPointF(x + 3, y - half), QPointF(x - 3, y - half + 6))

        # Policy changes: a line through every lane, the new policy's name above it.
        purple = QColor(POLICY_COLOR)
        painter.setFont(self._small_font())
        small_fm = painter.fontMetrics()
        for x, mark in self._policy_points(g):
            pen = QPen(purple, 1, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawLine(QPointF(x, g.top - 2), QPointF(x, g.bottom))
            label = policy_text(mark.policy)
            width = small_fm.horizontalAdvance(label)
            lx = min(max(x - width / 2, g.left), g.right - width)
            painter.setPen(purple)
            painter.drawText(QPointF(lx, g.top - 2 - small_fm.descent()), label)
        painter.setFont(self.font())

        # Incoming calls: a downward triangle on the lane of the server the INVITE came
        # through; orange when that is not the server we are registered on.
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for point, inbound in self._inbound_points(g):
            _paint_inbound(painter, point, other=not inbound.through_registration)

        # Failover decisions: a diamond on the lane moved to, joined to the lane moved from.
        blue = QColor(DECISION_COLOR)
        for point, decision in self._decision_points(g):
            source = g.lane_center(decision.from_target) if decision.from_target else None
            if source is not None and abs(source - point.y()) > 1:
                painter.setPen(QPen(blue, 1, Qt.PenStyle.DotLine))
                painter.drawLine(QPointF(point.x(), source), point)
            nowhere = decision.to_target is None
            painter.setPen(QPen(red if nowhere else blue.darker(140), 1))
            painter.setBrush(palette.color(QPalette.ColorRole.Base) if nowhere else blue)
            painter.drawPolygon(_diamond(point, 5.5))
        painter.end()

    def _paint_axis(
        self, painter: QPainter, g: _Geometry, text: QColor, grid: QColor, height: float
    ) -> None:
        """Wall-clock ticks under the lanes, with a faint grid line through them."""
        fm = self.fontMetrics()
        offset = self._wall_clock() - g.now  # wall = mono + offset
        sample = fm.horizontalAdvance("00:00:00")
        px_per_s = (g.right - g.left) / g.span
        step = next((s for s in TICK_STEPS if s * px_per_s >= sample + 28), TICK_STEPS[-1])
        fmt = "%H:%M:%S" if step < 60 else "%H:%M"
        first = math.ceil((g.now - g.span + offset) / step) * step
        y = g.top + height
        wall = first
        while wall <= g.now + offset:
            x = g.x(wall - offset)
            painter.setPen(QPen(grid, 1))
            painter.drawLine(QPointF(x, g.top), QPointF(x, y + 3))
            label = time.strftime(fmt, time.localtime(wall))
            width = fm.horizontalAdvance(label)
            lx = x - width / 2
            if lx >= g.left - width / 2 and lx + width <= self.width() - 1:
                painter.setPen(text)
                painter.drawText(QPointF(lx, y + 3 + fm.ascent()), label)
            wall += step

    # -- tooltips ----------------------------------------------------------------------

    def tooltip_at(self, pos: QPointF) -> str:
        """What hovering at ``pos`` explains: a decision, a policy change, a failed
        REGISTER, a registration bar or a lane, in that order of precedence."""
        g = self._geometry()
        for point, decision in reversed(self._decision_points(g)):
            if abs(point.x() - pos.x()) <= 6 and abs(point.y() - pos.y()) <= 7:
                return self._decision_tip(decision)
        for point, mark in reversed(self._failure_points(g)):
            if abs(point.x() - pos.x()) <= 4 and abs(point.y() - pos.y()) <= g.lane_h / 2:
                return self._failure_tip(mark)
        for point, inbound in reversed(self._inbound_points(g)):
            if abs(point.x() - pos.x()) <= 5 and abs(point.y() - pos.y()) <= 6:
                return self._inbound_tip(inbound)
        for x, pmark in reversed(self._policy_points(g)):
            if abs(x - pos.x()) <= 4 and g.top - 16 <= pos.y() <= g.bottom:
                return self._policy_tip(pmark)
        for rect, attempt in reversed(self._attempt_rects(g)):
            if rect.adjusted(-1, -4, 1, 4).contains(pos):
                return self._attempt_tip(attempt, g.now)
        for rect, bar in reversed(self._bar_rects(g)):
            if rect.adjusted(-2, -2, 2, 2).contains(pos):
                return self._bar_tip(bar, g.now)
        if pos.x() < g.left:
            for i, lane in enumerate(g.lanes):
                if g.lane_rect(i).top() <= pos.y() < g.lane_rect(i).bottom():
                    return self._lane_tip(lane)
        return ""

    def _server_name(self, key: str | None) -> str:
        if not key:
            return self.tr("nowhere")
        lane = self.history.lanes.get(key)
        if lane is None:
            return key.rpartition("/")[0] or key
        title = self._lane_title(lane)
        return f"{title} ({lane.registrar})" if lane.registrar else title

    def _inbound_tip(self, mark: InboundMark) -> str:
        e = mark.event
        lines = [
            self.tr("{time}  Incoming call from {caller}").format(
                time=_hhmmss(e.wall), caller=e.caller_name or e.caller or NONE
            ),
            self.tr("through {server}").format(server=self._server_name(mark.lane)),
        ]
        if not mark.through_registration:
            lines.append(
                self.tr("not through {server}, where softdiag is registered").format(
                    server=e.registered_on or NONE
                )
            )
        return "\n".join(lines)

    def _decision_tip(self, event: FailoverDecision) -> str:
        lines = [
            self.tr("{time}  Failover decision ({policy})").format(
                time=_hhmmss(event.wall), policy=policy_text(event.policy)
            ),
            self.tr("{source} → {destination}").format(
                source=self._server_name(event.from_target) if event.from_target else NONE,
                destination=self._server_name(event.to_target),
            ),
            self.tr("Reason: {reason}").format(reason=decision_reason(event)),
        ]
        if event.evidence:
            lines.append(self.tr("Evidence:"))
            lines += [f"  • {line}" for line in event.evidence]
        return "\n".join(lines)

    def _failure_tip(self, mark: FailureMark) -> str:
        event = mark.event
        text = self.tr("{time}  REGISTER through {server} failed: {response}").format(
            time=_hhmmss(event.wall),
            server=self._server_name(mark.lane),
            response=response_text(event.code, event.reason) or NONE,
        )
        if event.retry_after:
            text += "\n" + self.tr("The server asked to retry after {seconds} s").format(
                seconds=event.retry_after
            )
        return text

    def _policy_tip(self, mark: PolicyMark) -> str:
        text = self.tr("{time}  Failover policy changed to {policy}").format(
            time=_hhmmss(mark.wall), policy=policy_text(mark.policy)
        )
        if mark.previous:
            text += "\n" + self.tr("It was {policy} before").format(
                policy=policy_text(mark.previous)
            )
        return text

    def _bar_tip(self, bar: Bar, now: float) -> str:
        end = bar.end if bar.end is not None else now
        lines = [
            self.tr("Registered through {server}").format(server=self._server_name(bar.lane)),
            self.tr("{start} – {end} ({duration})").format(
                start=_hhmmss(bar.start_wall),
                end=_hhmmss(bar.end_wall) if bar.end_wall is not None else self.tr("now"),
                duration=self._duration(end - bar.start),
            ),
        ]
        if bar.refreshes:
            lines.append(self.tr("Refreshed {count} time(s)").format(count=bar.refreshes))
        ended = {
            "moved": self.tr("Ended: registered through another server"),
            "failed": self.tr("Ended: a REGISTER failed"),
            "unregistered": self.tr("Ended: unregistered"),
            "stopped": self.tr("Ended: the account was stopped"),
        }.get(bar.ended_by)
        if ended:
            lines.append(ended)
        return "\n".join(lines)

    def _attempt_tip(self, attempt: Attempt, now: float) -> str:
        end = attempt.end if attempt.end is not None else now
        lines = [
            self.tr("{time}  REGISTER through {server}").format(
                time=_hhmmss(attempt.start_wall), server=self._server_name(attempt.lane)
            ),
        ]
        outcome = attempt.outcome
        duration = self._duration(end - attempt.start)
        if attempt.end is None:
            lines.append(self.tr("Waiting for an answer for {duration}").format(duration=duration))
        elif outcome is None:
            lines.append(self.tr("Given up after {duration}").format(duration=duration))
        elif outcome.state == "registered":
            lines.append(self.tr("Accepted after {duration}").format(duration=duration))
        else:
            lines.append(
                self.tr("Ended after {duration}: {response}").format(
                    duration=duration,
                    response=response_text(outcome.code, outcome.reason) or NONE,
                )
            )
        return "\n".join(lines)

    def _lane_tip(self, lane: Lane) -> str:
        lines = [lane.host] if lane.host else []
        lines.append(f"{lane.hostport} {lane.transport.upper()}")
        if lane.registrar:
            lines.append(self.tr("Registrar: {name}").format(name=lane.registrar))
        return "\n".join(lines)

    def _duration(self, seconds: float) -> str:
        seconds = max(0, round(seconds))
        if seconds < 120:
            return self.tr("{seconds} s").format(seconds=seconds)
        return self.tr("{minutes} min {seconds} s").format(
            minutes=seconds // 60, seconds=seconds % 60
        )


def _diamond(center: QPointF, r: float) -> QPolygonF:
    x, y = center.x(), center.y()
    return QPolygonF([QPointF(x, y - r), QPointF(x + r, y), QPointF(x, y + r), QPointF(x - r, y)])


def _down_triangle(center: QPointF, r: float) -> QPolygonF:
    x, y = center.x(), center.y()
    return QPolygonF([QPointF(x - r, y - r * 0.8), QPointF(x + r, y - r * 0.8),
                      QPointF(x, y + r * 0.9)])  # fmt: skip


def _paint_inbound(painter: QPainter, point: QPointF, *, other: bool) -> None:
    """White with a green edge (it stands out on a registration bar), orange when the call
    came through another server than ours."""
    if other:
        color = QColor(INBOUND_OTHER_COLOR)
        painter.setPen(QPen(color.darker(150), 1.5))
        painter.setBrush(color)
    else:
        painter.setPen(QPen(QColor(INBOUND_COLOR).darker(130), 1.8))
        painter.setBrush(QColor("white"))
    painter.drawPolygon(_down_triangle(point, 5.5))


def legend_pixmap(kind: str, size: int = 14, ratio: float = 1.0) -> QPixmap:
    """The small picture of one legend entry, drawn like the chart draws it."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    middle = size / 2
    if kind == "bar":
        color = QColor(BAR_COLOR)
        painter.setPen(QPen(color.darker(130), 1))
        painter.setBrush(color)
        painter.drawRect(QRectF(0.5, 3.5, size - 1.0, size - 8.0))
    elif kind == "attempt":
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ATTEMPT_COLOR))
        painter.drawRect(QRectF(0, middle - 1.5, size, 3))
    elif kind == "failure":
        painter.setPen(QPen(QColor(FAIL_COLOR), 2))
        painter.drawLine(QPointF(middle, 1), QPointF(middle, size - 1))
        painter.drawLine(QPointF(middle - 3, 1), QPointF(middle + 3, 7))
        painter.drawLine(QPointF(middle + 3, 1), QPointF(middle - 3, 7))
    elif kind == "decision":
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        color = QColor(DECISION_COLOR)
        painter.setPen(QPen(color.darker(140), 1))
        painter.setBrush(color)
        painter.drawPolygon(_diamond(QPointF(middle, middle), 5.5))
    elif kind in ("inbound", "inbound-other"):
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        _paint_inbound(painter, QPointF(middle, middle), other=kind == "inbound-other")
    elif kind == "policy":
        painter.setPen(QPen(QColor(POLICY_COLOR), 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(middle, 0), QPointF(middle, size))
    painter.end()
    return pixmap
