"""The failover view: the servers table and the registration timeline, fed by real events
published through a real Session from another thread, the way the supervisor does."""

from __future__ import annotations

import itertools
import math
import re
import time

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip, QWidget
from pytestqt.qtbot import QtBot

from softdiag.events import EngineState, Event, PolicyChanged
from softdiag.session import Session
from ui.panels.servers_view import (
    COL_AVOIDED,
    COL_CODE,
    COL_HEALTH,
    COL_HOST,
    COL_REGISTRATION,
    COL_RTT,
)
from ui.windows.main_window import MainWindow

from .fixtures import WindowFactory
from .helpers import (
    TIMEOUT_WHY,
    StoryClock,
    first_ip_story,
    key,
    publish_from_thread,
    sticky_story,
)

pytestmark = pytest.mark.gui


def hover(widget: QWidget, point: QPointF) -> str:
    """What a user sees when the mouse rests at ``point``: the real tooltip path."""
    pos = point.toPoint()
    event = QHelpEvent(QEvent.Type.ToolTip, pos, widget.mapToGlobal(pos))
    QApplication.sendEvent(widget, event)
    # A widget with nothing to say ignores the event (Qt hides a shown tip with a delay).
    return QToolTip.text() if event.isAccepted() and QToolTip.isVisible() else ""


def publish_and_draw(
    qtbot: QtBot, window: MainWindow, session: Session, events: list[Event]
) -> None:
    """Publish from another thread and wait until the window took every event in."""
    rows = window.log_panel.model.rowCount()
    publish_from_thread(session, events)
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() >= rows + len(events), timeout=5000)


def test_sticky_moves_once_and_says_why(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    table = window.servers_table
    clock = StoryClock()
    before, after = sticky_story(clock)

    # kam2 froze: the policy avoids it and moves the account to kam3; the REGISTER there
    # is still in flight, so the account is registering, and kam2 may keep its old binding
    # (it never says "registered here" while the account is not registered).
    publish_and_draw(qtbot, window, session, before)
    assert table.server_keys() == [key("kam1"), key("kam2"), key("kam3")]
    assert window.state_label.text() == "Registering…"
    assert table.cell(key("kam2"), COL_REGISTRATION) == "binding may remain"
    assert table.cell(key("kam3"), COL_REGISTRATION) == "moving here"
    assert table.cell(key("kam1"), COL_REGISTRATION) == ""

    publish_and_draw(qtbot, window, session, after)
    assert table.registered_key == key("kam3")
    assert table.cell(key("kam3"), COL_REGISTRATION) == "registered here"
    assert table.item(key("kam3")).font(COL_HOST).bold()
    assert table.cell(key("kam2"), COL_REGISTRATION) == ""
    assert not table.item(key("kam2")).font(COL_HOST).bold()
    assert table.cell(key("kam2"), COL_HOST) == "sip2.voip.test"
    assert table.cell(key("kam2"), COL_HEALTH) == "Down"
    assert TIMEOUT_WHY in table.item(key("kam2")).toolTip(COL_HEALTH)
    assert table.cell(key("kam2"), COL_RTT) == "—"  # it does not answer: no RTT
    assert table.cell(key("kam2"), COL_CODE) == "—"
    countdown = table.cell(key("kam2"), COL_AVOIDED)
    # The last report (0.5 s before the story's "now") avoids kam2 for 30 s more.
    left = clock.mono - 0.5 + 30.0 - time.monotonic()
    match = re.fullmatch(r"avoided for (\d+) s", countdown)
    assert match, countdown
    assert math.floor(left) <= int(match.group(1)) <= math.ceil(left) + 1
    assert table.cell(key("kam3"), COL_HEALTH) == "Up"
    assert table.cell(key("kam3"), COL_CODE) == "200"
    assert table.cell(key("kam3"), COL_RTT) == "0.6 ms"
    assert table.cell(key("kam3"), COL_AVOIDED) == ""
    assert "kam3" in table.item(key("kam3")).toolTip(COL_HEALTH)  # who answered

    # The countdown is live: the 1 s timer redraws it while the table is visible.
    assert table.counting_down
    qtbot.waitUntil(lambda: table.cell(key("kam2"), COL_AVOIDED) != countdown, timeout=2500)

    # Timeline: one bar on kam2 (its three refreshes did not break it), one on kam3.
    timeline = window.timeline
    history = timeline.history
    assert [bar.lane for bar in history.bars] == [key("kam2"), key("kam3")]
    assert history.bars[0].refreshes == 3
    assert history.bars[0].ended_by == "moved"
    assert history.bars[1].end is None  # still registered there
    assert len(timeline.bar_rects()) == 2
    assert [lane.registrar for lane in history.ordered_lanes()] == ["kam1", "kam2", "kam3"]

    points = timeline.decision_points()
    assert len(points) == 1
    point, decision = points[0]
    assert decision.to_target == key("kam3")
    tip = hover(timeline, point)
    assert "Failover decision (Sticky)" in tip
    assert "127.0.0.3:5060 (kam2) → 127.0.0.4:5060 (kam3)" in tip
    assert f"Reason: {TIMEOUT_WHY}" in tip
    assert f"• {key('kam2')}: {TIMEOUT_WHY}" in tip  # the evidence

    # The bars explain themselves too.
    rect, _bar = timeline.bar_rects()[0]
    tip = hover(timeline, rect.center())
    assert "Registered through 127.0.0.3:5060 (kam2)" in tip
    assert "Refreshed 3 time(s)" in tip
    assert "Ended: registered through another server" in tip
    assert hover(timeline, QPointF(timeline.width() - 2, 2)) == ""  # nothing there

    # The policy's reports (one every 2 s) stay out of the log unless asked for.
    log = window.log_panel

    def kinds() -> list[str]:
        return [str(log.proxy.index(r, 1).data()) for r in range(log.proxy.rowCount())]

    assert "Servers" not in kinds()
    log.probes_check.setChecked(True)
    row = kinds().index("Servers")
    log.table.selectRow(row)
    detail = log.detail.toPlainText()
    # The first report, in the CLI's words (softdiag.describe): nothing probed yet.
    assert f"sticky: {key('kam1').rsplit('/', 1)[0]} unknown, " in detail
    assert f"{key('kam2').rsplit('/', 1)[0]} unknown (current)" in detail
    assert f"{key('kam2')}  Unknown  (current)" in detail


@pytest.mark.parametrize("hops", [1, 4])
def test_first_ip_hops_at_every_refresh(
    make_window: WindowFactory, qtbot: QtBot, hops: int
) -> None:
    session = Session()
    window = make_window(session=session)
    publish_and_draw(qtbot, window, session, first_ip_story(StoryClock(), hops))

    history = window.timeline.history
    lanes = [bar.lane for bar in history.bars]
    assert len(lanes) == hops + 1  # a new bar at every refresh
    assert all(a != b for a, b in itertools.pairwise(lanes))  # each on another server
    assert all(bar.ended_by == "moved" for bar in history.bars[:-1])
    assert len(window.timeline.bar_rects()) == hops + 1  # all within the 5 minutes shown
    assert len(window.timeline.decision_points()) == hops + 1  # the initial choice too
    assert window.servers_table.registered_key == lanes[-1]

    # The switch to first-ip is marked, and the label says which policy runs.
    assert [(m.previous, m.policy) for m in history.policy_marks] == [("sticky", "first-ip")]
    assert window.servers_panel.policy_label.text() == "Failover policy: First IP (MicroSIP)"
    x, _mark = window.timeline.policy_points()[0]
    tip = hover(window.timeline, QPointF(x, window.timeline.height() / 2))
    assert "Failover policy changed to First IP (MicroSIP)" in tip
    assert "It was Sticky before" in tip

    # Each hop says why: DNS put another address first.
    _point, last = window.timeline.decision_points()[-1]
    assert last.reason_id == "dns_order_changed"
    tip = hover(window.timeline, _point)
    assert "the DNS answer order changed: first address is" in tip


def test_first_ip_dead_end_is_a_red_mark(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    publish_and_draw(qtbot, window, session, first_ip_story(StoryClock(), 2, dead_end=True))

    history = window.timeline.history
    assert len(history.bars) == 3
    assert history.bars[-1].ended_by == "failed"
    assert history.open_bar is None  # registered nowhere
    points = window.timeline.failure_points()
    assert len(points) == 1
    tip = hover(window.timeline, points[0][0])
    assert "REGISTER through 127.0.0.2:5060 (kam1) failed: 408 Request Timeout" in tip
    table = window.servers_table
    assert table.registered_key is None
    assert "registered here" not in [table.cell(k, COL_REGISTRATION) for k in table.server_keys()]
    assert table.cell(key("kam1"), COL_REGISTRATION) == "REGISTER failed"

    # MicroSIP's wait is visible: the REGISTER was in flight for Timer F's 32 s.
    attempts = window.timeline.attempt_rects()
    assert len(attempts) == 1
    rect, attempt = attempts[0]
    assert attempt.lane == key("kam1")
    tip = hover(window.timeline, rect.center())
    assert "Ended after 32 s: 408 Request Timeout" in tip


def test_policy_change_from_the_form(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    clock = StoryClock()
    before, after = sticky_story(clock)
    publish_and_draw(qtbot, window, session, before + after)
    combo = window.policy_combo
    index = combo.findData("priority")
    combo.setCurrentIndex(index)
    combo.activated.emit(index)
    assert window.servers_panel.policy_label.text() == "Failover policy: Priority"
    # What the supervisor publishes when it switched.
    change = PolicyChanged(policy="priority", previous="sticky")
    publish_and_draw(qtbot, window, session, [change])
    marks = window.timeline.history.policy_marks
    assert [(m.previous, m.policy) for m in marks] == [("sticky", "priority")]
    qtbot.waitUntil(lambda: len(window.timeline.policy_points()) == 1, timeout=1000)


def test_hidden_panel_draws_nothing_until_shown(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    timeline, table = window.timeline, window.servers_table
    window.servers_panel.hide()
    assert not timeline.redrawing
    paints = timeline.paint_count
    before, after = sticky_story(StoryClock())
    publish_and_draw(qtbot, window, session, before + after)
    qtbot.wait(600)  # two redraw periods

    assert timeline.paint_count == paints  # nothing painted...
    assert len(timeline.history.bars) == 2  # ...but nothing missed
    assert table.topLevelItemCount() == 0  # the cells were not written either
    assert not table.counting_down

    window.servers_panel.show()
    qtbot.waitUntil(lambda: table.topLevelItemCount() == 3, timeout=2000)
    assert table.cell(key("kam3"), COL_REGISTRATION) == "registered here"
    assert table.counting_down
    assert timeline.redrawing
    qtbot.waitUntil(lambda: timeline.paint_count > paints, timeout=2000)


def test_engine_stop_ends_the_bar(make_window: WindowFactory, qtbot: QtBot) -> None:
    session = Session()
    window = make_window(session=session)
    before, after = sticky_story(StoryClock())
    publish_and_draw(qtbot, window, session, before + after)
    assert window.timeline.history.open_bar is not None
    publish_and_draw(qtbot, window, session, [EngineState(state="stopped")])
    assert window.timeline.history.open_bar is None
    assert window.timeline.history.bars[-1].ended_by == "stopped"
    assert window.servers_table.registered_key is None


def test_tooltip_uses_the_real_hover_path(make_window: WindowFactory, qtbot: QtBot) -> None:
    """Lane labels explain the lane (host, address, transport, registrar)."""
    session = Session()
    window = make_window(session=session)
    before, after = sticky_story(StoryClock())
    publish_and_draw(qtbot, window, session, before + after)
    timeline = window.timeline
    lane_y = timeline._top_margin() + 1.5 * timeline._lane_height()  # the second lane: kam2
    tip = hover(timeline, QPointF(10, lane_y))
    assert tip == "sip2.voip.test\n127.0.0.3:5060 UDP\nRegistrar: kam2"
    assert QPoint(10, int(lane_y)) == QPointF(10, lane_y).toPoint()
