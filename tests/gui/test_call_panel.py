"""The test-call panel: meters from Levels, stats from MediaStats, findings; smooth redraws.

The story tests publish events like the engine does (from another thread); the lab test
presses "Test call" against the lab's real sipp echo. Screenshots:
artifacts/screenshots/call_panel.png (the story), call_echo_live.png (the lab echo call).
"""

from __future__ import annotations

import math
import time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from softdiag.account import Softphone
from softdiag.commands import AccountSpec
from softdiag.events import (
    AudioPathChanged,
    AudioPathFigures,
    CallStateChanged,
    Event,
    LevelReading,
    Levels,
    MediaStats,
    StreamFigures,
)
from softdiag.findings import make_finding
from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.session import Recorder, Session
from ui.panels.call_panel import CallPanel

from .helpers import SCREENSHOTS, publish_from_thread

pytestmark = pytest.mark.gui


def _reading(rms: float, *, silent: bool = False, clipping: bool = False) -> LevelReading:
    return LevelReading(rms_dbfs=rms, peak_dbfs=rms + 3, peak_hold_dbfs=rms + 5,
                        silent=silent, clipping=clipping)  # fmt: skip


def _story(seconds: float = 6.0) -> list[Event]:
    """A call where the far end goes quiet after 3 s: speech-like TX, RX that drops out."""
    uri = "sip:echo@voip.test"
    events: list[Event] = [
        CallStateChanged(call=1, state="calling", uri=uri),
        CallStateChanged(call=1, state="confirmed", uri=uri, code=200, reason="OK"),
        AudioPathChanged(call=1, state="devices", output="USB Handset", input="Headset Microphone"),
    ]
    for i in range(int(seconds * 30)):
        t = i / 30
        tx = -24 + 8 * math.sin(t * 2.1) * math.sin(t * 7.3)
        rx = tx - 1 if t < 3 else -120.0
        events.append(Levels(call=1, tx=_reading(tx, clipping=i == 20),
                             rx=_reading(rx, silent=t >= 3), tx_source="device"))  # fmt: skip
        if i % 30 == 29:
            n = (i + 1) // 30
            events.append(
                MediaStats(
                    call=1, codec="PCMU", clock_rate=8000,
                    rx=StreamFigures(packets=50 * n, bytes=8000 * n, lost=n // 2, loss_pct=1.0,
                                     jitter_ms=2.4, jitter_max_ms=6.0),
                    tx=StreamFigures(packets=50 * n, bytes=8000 * n, lost=None, loss_pct=None),
                    rtt_ms=None, local_rtp="192.0.2.10:4000", remote_rtp="10.20.30.40:40000",
                    rtp_source="198.51.100.7:62000", remote_private=True, jitter_buffer_ms=40,
                    delay_ms=60, r_factor=88.0, mos=4.25, media_seconds=float(n),
                    audio=AudioPathFigures(source="device", output="USB Handset",
                                           input="Headset Microphone", underruns=1,
                                           overruns=0, frames=50 * n, latency_ms=38.0),
                )
            )  # fmt: skip
    events.append(
        make_finding(
            "media.rtp_source_mismatch",
            evidence=("SDP of the far end: 10.20.30.40:40000",),
            source="198.51.100.7:62000",
            remote="10.20.30.40:40000",
        )
    )
    events.append(
        make_finding(
            "media.rx_digital_silence", evidence=("100% silent",), remote="198.51.100.7:62000"
        )
    )
    return events


def test_the_panel_shows_meters_stats_and_findings(qtbot: QtBot) -> None:
    session = Session()
    panel = CallPanel(session, None)
    qtbot.addWidget(panel)
    panel.resize(1100, 720)
    panel.show()
    qtbot.waitExposed(panel)
    publish_from_thread(session, _story(), pause=0.0)
    qtbot.waitUntil(lambda: len(panel.findings.findings()) == 2, timeout=5000)
    qtbot.wait(150)  # a few redraw ticks
    assert panel.tx_meter.reading is not None
    assert panel.rx_meter.reading is not None and panel.rx_meter.reading.silent
    assert "In call with sip:echo@voip.test" in panel.state_label.text()
    assert "USB Handset" in panel.audio_label.text()
    cells = {
        panel.stats.verticalHeaderItem(r).text(): (panel.stats.item(r, 0).text(),
                                                   panel.stats.item(r, 1).text())
        for r in range(panel.stats.rowCount())
    }  # fmt: skip
    assert cells["Codec"] == ("PCMU/8000", "PCMU/8000")
    assert cells["Packets"] == ("300", "300")
    assert cells["RTP address (SDP)"] == ("10.20.30.40:40000", "192.0.2.10:4000")
    assert cells["RTP comes from"][0] == "198.51.100.7:62000"
    assert cells["MOS (E-model)"] == ("4.25", "—")
    # History: the last seconds are the RX drop-out.
    assert panel.history.rx[-1] == -60.0 and panel.history.tx[-1] > -40
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert panel.grab().save(str(SCREENSHOTS / "call_panel.png"))
    panel.close_panel()


def test_redraws_at_25_hz_or_more_and_not_at_all_while_hidden(qtbot: QtBot) -> None:
    session = Session()
    panel = CallPanel(session, None)
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitExposed(panel)
    stop = time.monotonic() + 1.2

    def stream() -> None:
        i = 0
        while time.monotonic() < stop:
            session.publish(Levels(call=1, tx=_reading(-20.0 - i % 7), rx=_reading(-21.0)))
            i += 1
            time.sleep(1 / 30)

    import threading

    thread = threading.Thread(target=stream)
    before = panel.redraws
    started = time.monotonic()
    thread.start()
    qtbot.waitUntil(lambda: not thread.is_alive(), timeout=5000)
    rate = (panel.redraws - before) / (time.monotonic() - started)
    assert rate >= 25, f"{rate:.1f} redraws a second"
    panel.hide()
    hidden = panel.redraws
    publish_from_thread(session, [Levels(call=1, tx=_reading(-3.0), rx=_reading(-3.0))] * 30)
    qtbot.wait(300)
    assert panel.redraws == hidden
    panel.close_panel()


@pytest.mark.lab
def test_test_call_button_against_the_lab_echo(qtbot: QtBot, lab: Lab) -> None:
    session = Session()
    recorder = Recorder()
    session.subscribe(recorder)
    phone = Softphone(session)
    phone.start()
    spec = AccountSpec(domain="voip.test", user="gina", password=LAB_PASSWORD,
                       dns=lab.topology.dns, expires=30)  # fmt: skip
    panel = CallPanel(session, phone, account=lambda: spec, registered=lambda: False)
    qtbot.addWidget(panel)
    panel.resize(1100, 720)
    panel.show()
    try:
        panel.duration_spin.setValue(4)
        qtbot.mouseClick(panel.call_button, Qt.MouseButton.LeftButton)
        # Mid-call, with statistics in: the screenshot of the call screen during an echo call.
        qtbot.waitUntil(lambda: panel.stats.item(0, 0).text() == "PCMU/8000", timeout=20_000)
        qtbot.wait(1200)
        assert panel.call_button.text() != "Test call"  # still in the call
        assert panel.grab().save(str(SCREENSHOTS / "call_echo_live.png"))
        qtbot.waitUntil(lambda: panel.call_button.text() == "Test call", timeout=20_000)
        assert "audio flowed both ways" in panel.state_label.text()
        assert panel.tx_meter.reading is not None
        assert abs(panel.tx_meter.reading.rms_dbfs - panel.rx_meter.reading.rms_dbfs) <= 1.0  # type: ignore[union-attr]
        assert panel.stats.item(0, 0).text() == "PCMU/8000"
        assert not panel.findings.findings()
    finally:
        panel.close_panel()
        phone.shutdown()
