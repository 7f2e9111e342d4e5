"""The failover and NAT views fed what the engine really said in a lab run.

The streams in tests/data were recorded by ``python -m tests.data.record_streams``: the
events ``softdiag register --json`` printed while a registrar froze (loopback lab) and
while a real NAT forgot its mappings and the registrar froze (NAT lab). They are replayed
through a real Session, from another thread, into the window, with their times shifted so
the run ended just now. If the engine's events change on purpose, record them again.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from softdiag.events import (
    EngineState,
    Event,
    FailoverDecision,
    RegistrationChanged,
    event_from_json,
)
from softdiag.session import Session
from ui.panels.nat_panel import CH_CAUSE, COL_PUBLIC
from ui.panels.servers_view import COL_REGISTRATION
from ui.windows.main_window import MainWindow

from .fixtures import WindowFactory
from .helpers import SCREENSHOTS, publish_from_thread

pytestmark = pytest.mark.gui

DATA = Path(__file__).resolve().parents[1] / "data"


def recorded(name: str) -> list[Event]:
    """The stream, shifted so its last event happened now (the timeline shows it all)."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    events = [event_from_json(line) for line in lines if line.strip()]
    shift_mono = time.monotonic() - events[-1].mono
    shift_wall = time.time() - events[-1].wall
    return [
        dataclasses.replace(e, mono=e.mono + shift_mono, wall=e.wall + shift_wall) for e in events
    ]


def until(events: list[Event], last: object) -> list[Event]:
    """The events up to and including the first one that equals ``last`` in kind."""
    for i, event in enumerate(events):
        if last(event):  # type: ignore[operator]
            return events[: i + 1]
    raise AssertionError("the recording lacks the expected event")


def replay(qtbot: QtBot, window: MainWindow, session: Session, events: list[Event]) -> None:
    publish_from_thread(session, events)
    last = events[-1]
    qtbot.waitUntil(lambda: last in _logged(window), timeout=5000)


def _logged(window: MainWindow) -> list[Event]:
    model = window.log_panel.model
    return [model.event_at(r) for r in range(model.rowCount())]


def test_a_frozen_registrar_recorded(make_window: WindowFactory, qtbot: QtBot) -> None:
    events = recorded("failover_freeze.jsonl")
    session = Session()
    window = make_window(session=session)
    table = window.servers_table
    moves = [e for e in events if isinstance(e, FailoverDecision)]
    first, away = moves[0], moves[1]
    old, new = first.to_target, away.to_target
    assert old and new and old != new

    # The move has begun: the account registers elsewhere, the frozen server may keep
    # the old binding; nothing says "registered here".
    moving = until(events, lambda e: isinstance(e, RegistrationChanged)
                   and e.state == "registering" and f"{e.server}/udp" == new)  # fmt: skip
    replay(qtbot, window, session, moving)
    qtbot.waitUntil(lambda: window.state_label.text() == "Registering…", timeout=5000)
    assert table.registered_key is None
    assert table.cell(old, COL_REGISTRATION) == "binding may remain"
    assert table.cell(new, COL_REGISTRATION) == "moving here"

    # Registered elsewhere: one row holds it; the finding about the old binding holds too.
    rest = events[len(moving) :]
    ended = until(rest, lambda e: isinstance(e, EngineState) and e.state == "stopping")
    replay(qtbot, window, session, ended[:-1])
    qtbot.waitUntil(lambda: window.state_label.text() == "Registered", timeout=5000)
    assert table.registered_key == new
    assert table.cell(new, COL_REGISTRATION) == "registered here"
    assert table.cell(old, COL_REGISTRATION) == ""
    current = [f.id for f in window.findings_panel.current()]
    assert "failover.stale_binding" in current
    history = window.timeline.history
    assert [(b.lane, b.ended_by) for b in history.bars] == [(old, "moved"), (new, "")]
    assert len(history.decisions) == 2
    window.sections.setCurrentWidget(window.servers_panel)
    qtbot.wait(300)  # the new texts re-wrap their labels: let the layout settle first
    assert window.grab().save(str(SCREENSHOTS / "recorded_failover.png"))

    # The run ends: unregistered, nobody holds the account.
    replay(qtbot, window, session, rest[len(ended) - 1 :])
    qtbot.waitUntil(lambda: window.state_label.text() == "Not registered", timeout=5000)
    assert table.registered_key is None
    assert history.open_bar is None


def test_a_nat_rebinding_and_a_move_recorded(make_window: WindowFactory, qtbot: QtBot) -> None:
    events = recorded("nat_rebinding.jsonl")
    session = Session()
    window = make_window(session=session)
    window.sections.setCurrentWidget(window.nat_panel)
    panel = window.nat_panel
    stop = until(events, lambda e: isinstance(e, EngineState) and e.state == "stopping")
    replay(qtbot, window, session, stop[:-1])

    registered = [e for e in stop if isinstance(e, RegistrationChanged) and e.state == "registered"]
    servers = list(dict.fromkeys(e.server for e in registered))
    assert len(servers) == 2  # the frozen registrar, then the one sticky moved to
    assert sorted(panel.row_keys()) == sorted(servers)
    last = registered[-1]
    assert panel.cell(last.server, COL_PUBLIC) == f"{last.received}:{last.rport}"
    causes = [panel.change_item(i).text(CH_CAUSE) for i in range(panel.change_count())]
    assert causes[0] == "new server, new mapping"  # newest first
    assert "NAT rebinding (state lost)" in causes
    assert "address-dependent" in panel.class_label.text()
    qtbot.wait(300)  # the new texts re-wrap their labels: let the layout settle first
    assert window.grab().save(str(SCREENSHOTS / "recorded_nat.png"))
