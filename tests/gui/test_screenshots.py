"""Screenshots of the window with a registration shown, in English and in Chinese.

They land in artifacts/screenshots/ for a human (and CI artifacts) to look at: alignment,
spacing and clipped text are checked by eye; the test checks that nothing is cut off in
the labels it can measure.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from softdiag.session import Session
from softdiag.settings import LoadResult, Settings
from ui.windows.main_window import MainWindow

from .fixtures import WindowFactory
from .helpers import (
    SCREENSHOTS,
    StoryClock,
    first_ip_story,
    publish_from_thread,
    registration_story,
    sticky_story,
)

pytestmark = pytest.mark.gui

SIZE = (1200, 900)  # the window's own default on a big enough screen (offscreen is 800x800)


def _populate(make_window: WindowFactory, qtbot: QtBot) -> object:
    session = Session()
    loaded = LoadResult(
        Settings(domain="voip.test", user="alice", dns="127.0.0.1:5353", transport="udp")
    )
    window = make_window(session=session, loaded=loaded)
    window.resize(*SIZE)
    window.password_edit.setText("softdiag-lab")
    story = registration_story()
    publish_from_thread(session, story)
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() >= len(story), timeout=5000)
    # Select the 401 challenge, so the detail pane shows a whole SIP message.
    model = window.log_panel.proxy
    row = next(r for r in range(model.rowCount()) if "401" in str(model.index(r, 2).data()))
    window.log_panel.table.selectRow(row)
    qtbot.wait(100)  # let pending layouts settle before measuring and grabbing
    return window


def _assert_labels_fit(window: object) -> None:
    from PySide6.QtWidgets import QWidget

    assert isinstance(window, QWidget)
    for label in window.findChildren(QLabel):
        if not label.isVisible() or label.wordWrap() or not label.text():
            continue
        needed = label.fontMetrics().horizontalAdvance(label.text())
        assert needed <= label.contentsRect().width() + 1, f"clipped: {label.text()!r}"


def test_screenshot_english(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = _populate(make_window, qtbot)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "main_window.png"
    assert window.grab().save(str(path))  # type: ignore[attr-defined]
    assert path.stat().st_size > 10_000
    _assert_labels_fit(window)


def test_screenshot_chinese(
    chinese: list[QTranslator], make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = _populate(make_window, qtbot)
    assert window.state_label.text() == "已注册"  # type: ignore[attr-defined]
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / "main_window_zh_CN.png"
    assert window.grab().save(str(path))  # type: ignore[attr-defined]
    _assert_labels_fit(window)


def _failover(make_window: WindowFactory, qtbot: QtBot, policy: str) -> MainWindow:
    """The window after a failover story: sticky (kam2 froze, one move to kam3) or
    first-ip (a hop at every refresh, the last one onto a frozen server)."""
    from softdiag.events import Event
    from softdiag.findings import make_finding

    session = Session()
    loaded = LoadResult(
        Settings(domain="voip.test", user="alice", dns="127.0.0.1:5353", policy=policy)
    )
    window = make_window(session=session, loaded=loaded)
    window.resize(*SIZE)
    window.password_edit.setText("softdiag-lab")
    clock = StoryClock()
    events: list[Event]
    if policy == "sticky":
        before, after = sticky_story(clock)
        stale = make_finding(
            "failover.stale_binding",
            evidence=("127.0.0.3:5060/udp: no answer to OPTIONS",),
            server="127.0.0.3:5060",
            expires=60,
        )
        events = [*before, dataclasses.replace(stale, **clock.at(60.85)), *after]
    else:
        events = first_ip_story(clock, 3, dead_end=True)
    publish_from_thread(session, events)
    timeline = window.timeline
    qtbot.waitUntil(lambda: window.log_panel.model.rowCount() >= len(events), timeout=5000)
    painted = timeline.paint_count
    qtbot.waitUntil(lambda: timeline.paint_count > painted, timeout=2000)  # the new bars
    qtbot.wait(50)
    return window


def _save(window: QWidget, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / name
    assert window.grab().save(str(path))
    assert path.stat().st_size > 10_000


def test_screenshot_servers_sticky(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = _failover(make_window, qtbot, "sticky")
    _save(window, "servers_sticky.png")
    _assert_labels_fit(window)


def test_screenshot_servers_first_ip(make_window: WindowFactory, qtbot: QtBot) -> None:
    window = _failover(make_window, qtbot, "first-ip")
    _save(window, "servers_first_ip.png")
    _assert_labels_fit(window)


def test_screenshot_servers_chinese(
    chinese: list[QTranslator], make_window: WindowFactory, qtbot: QtBot
) -> None:
    window = _failover(make_window, qtbot, "sticky")
    assert window.sections.tabText(0) == "服务器"
    _save(window, "servers_sticky_zh_CN.png")
    _assert_labels_fit(window)
