"""The call and media events survive the JSON round trip (bundles, --json, replays)."""

from __future__ import annotations

import json

import pytest

from softdiag.events import (
    AudioPathChanged,
    AudioPathFigures,
    CallStateChanged,
    Event,
    LevelReading,
    Levels,
    MediaStats,
    SdpExchanged,
    StreamFigures,
    event_from_json,
    event_to_json,
)

READING = LevelReading(rms_dbfs=-20.0, peak_dbfs=-17.0, peak_hold_dbfs=-16.5, clipping=True)

EVENTS: list[Event] = [
    CallStateChanged(
        call=3,
        state="confirmed",
        uri="sip:echo@voip.test",
        code=200,
        reason="OK",
        call_id="abc@host",
        duration_s=0.0,
    ),
    SdpExchanged(
        call=3, offer="v=0\r\nm=audio 4000 RTP/AVP 0\r\n", answer="v=0\r\n", offerer="local"
    ),
    Levels(
        call=3,
        tx=READING,
        rx=LevelReading(rms_dbfs=-120.0, peak_dbfs=-120.0, peak_hold_dbfs=-120.0, silent=True),
        tx_source="device",
    ),
    MediaStats(
        call=3,
        codec="PCMU",
        clock_rate=8000,
        rx=StreamFigures(packets=250, bytes=40000, lost=2, loss_pct=0.8, jitter_ms=0.4),
        tx=StreamFigures(packets=251, lost=None, loss_pct=None),
        rtt_ms=None,
        local_rtp="127.0.0.1:4000",
        remote_rtp="10.20.30.40:40000",
        rtp_source=None,
        remote_private=True,
        jitter_buffer_ms=20.0,
        delay_ms=40.0,
        r_factor=92.2,
        mos=4.39,
        audio=AudioPathFigures(
            source="device", output="USB Handset", underruns=1, latency_ms=38.5, drift_ppm=-12.0
        ),
        media_seconds=5.0,
    ),
    AudioPathChanged(call=3, state="lost", output="USB Handset", detail="unplugged"),
]


@pytest.mark.parametrize("event", EVENTS, ids=lambda e: type(e).__name__)
def test_round_trip(event: Event) -> None:
    text = json.dumps(event_to_json(event))
    assert event_from_json(text) == event
