"""GUI cost of the call meters: the call panel on screen, fed like a real call.

Levels at 30 Hz and MediaStats once a second, published from another thread like the
engine does; the panel's meters, history plot and stats table all visible. Prints the
process's CPU share (one core = 100 %) and the redraw rate. Goal (issue 6): under 15 % of
one core at 25+ redraws a second. Offscreen rendering is software rendering, so this is
an upper bound of what a desktop with a GPU spends.
"""

from __future__ import annotations

import os
import threading
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from pytestqt.qtbot import QtBot

from softdiag.events import LevelReading, Levels, MediaStats, StreamFigures
from softdiag.session import Session

pytestmark = pytest.mark.gui

SECONDS = 6.0


def test_call_panel_cpu_at_30_hz(qtbot: QtBot) -> None:
    from ui.panels.call_panel import CallPanel

    session = Session()
    panel = CallPanel(session, None)
    qtbot.addWidget(panel)
    panel.resize(1100, 720)
    panel.show()
    qtbot.waitExposed(panel)
    stop = threading.Event()

    def engine() -> None:
        i = 0
        next_at = time.monotonic()
        while not stop.is_set():
            level = -25.0 + 10.0 * ((i % 60) / 60.0)
            reading = LevelReading(rms_dbfs=level, peak_dbfs=level + 3, peak_hold_dbfs=level + 4)
            session.publish(Levels(call=1, tx=reading, rx=reading))
            if i % 30 == 0:
                session.publish(MediaStats(call=1, codec="PCMU", clock_rate=8000,
                                           rx=StreamFigures(packets=i), tx=StreamFigures(packets=i),
                                           mos=4.4))  # fmt: skip
            i += 1
            next_at += 1 / 30
            stop.wait(max(0.0, next_at - time.monotonic()))

    thread = threading.Thread(target=engine, daemon=True)
    thread.start()
    qtbot.wait(500)  # warm up: first paints, font caches
    redraws, cpu, wall = panel.redraws, time.process_time(), time.monotonic()
    qtbot.wait(int(SECONDS * 1000))
    cpu_share = (time.process_time() - cpu) / (time.monotonic() - wall) * 100
    rate = (panel.redraws - redraws) / (time.monotonic() - wall)
    stop.set()
    thread.join(2)
    panel.close_panel()
    print(f"\ncall panel on screen: {cpu_share:.1f} % of one core, {rate:.1f} redraws/s "
          f"(goal < 15 % at >= 25/s)")  # fmt: skip
    assert rate >= 25
    assert cpu_share < 50  # a regression guard; the figure itself is what matters
