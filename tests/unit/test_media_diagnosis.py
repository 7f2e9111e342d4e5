"""One-way-audio rules: each fault yields its finding, with its numbers, and no other."""

from __future__ import annotations

import dataclasses

import pytest

from softdiag.events import LevelReading, Levels, MediaStats, StreamFigures
from softdiag.media.addresses import split_hostport, unreachable_private
from softdiag.media.diagnosis import MediaFacts, MediaObserver, diagnose

# A healthy call: both ways, the far end's SDP address is where its RTP comes from.
HEALTHY = MediaFacts(
    media_seconds=5.0,
    codec="PCMU",
    tx_packets=250,
    rx_packets=250,
    rx_packets_window=100,
    local_rtp="192.0.2.10:4000",
    remote_rtp="198.51.100.7:30000",
    rtp_source="198.51.100.7:30000",
    public_ip="192.0.2.10",
    rx_readings=60,
    rx_flat_share=0.0,
    rx_rms_dbfs=-22.0,
    tx_readings=60,
    tx_flat_share=0.0,
    tx_rms_dbfs=-20.0,
    tx_source="device",
    tx_device="Headset Microphone",
    loss_pct=0.0,
    jitter_ms=1.5,
    mos=4.39,
)


def ids(facts: MediaFacts) -> list[str]:
    return [f.id for f in diagnose(facts)]


def test_a_healthy_call_has_no_findings() -> None:
    assert ids(HEALTHY) == []


def test_no_rtp_while_we_send() -> None:
    facts = dataclasses.replace(HEALTHY, rx_packets=0, rx_packets_window=0, rtp_source=None)
    [finding] = diagnose(facts)
    assert finding.id == "media.no_rtp"
    assert finding.severity == "error"
    assert "198.51.100.7:30000" in finding.title
    assert any("sent 250 RTP packets, received 0" in e for e in finding.evidence)
    assert any("none has ever arrived" in e for e in finding.evidence)


def test_rtp_that_stopped_is_also_no_rtp() -> None:
    facts = dataclasses.replace(HEALTHY, rx_packets=120, rx_packets_window=0)
    [finding] = diagnose(facts)
    assert finding.id == "media.no_rtp"
    assert any("stopped arriving" in e for e in finding.evidence)


def test_nothing_is_said_about_rtp_while_we_do_not_send_either() -> None:
    facts = dataclasses.replace(HEALTHY, tx_packets=0, rx_packets=0, rx_packets_window=0)
    assert ids(facts) == []


def test_our_own_private_address_behind_nat_names_our_side() -> None:
    facts = dataclasses.replace(
        HEALTHY, local_rtp="192.168.1.20:4000", public_ip="203.0.113.9",
        rx_packets=0, rx_packets_window=0, rtp_source=None,
    )  # fmt: skip
    [finding] = diagnose(facts)
    assert finding.id == "media.no_rtp_our_address"
    assert "192.168.1.20:4000" in finding.title and "203.0.113.9" in finding.title


def test_far_end_private_address_explains_the_missing_rtp() -> None:
    facts = dataclasses.replace(
        HEALTHY, remote_rtp="10.20.30.40:40000", rx_packets=0, rx_packets_window=0,
        rtp_source=None, tx_packets=0,  # from loopback our packets cannot even leave
    )  # fmt: skip
    [finding] = diagnose(facts)  # not also media.no_rtp (invariant 2)
    assert finding.id == "media.sdp_private_address"
    assert "10.20.30.40:40000" in finding.title
    assert any("10.0.0.0/8" in e for e in finding.evidence)


def test_a_private_address_inside_our_own_network_is_fine() -> None:
    facts = dataclasses.replace(
        HEALTHY, local_rtp="10.1.1.5:4000", remote_rtp="10.20.30.40:40000",
        rtp_source="10.20.30.40:40000", public_ip="10.1.1.5",
    )  # fmt: skip
    assert ids(facts) == []


def test_rtp_from_another_address_than_announced_needs_latching() -> None:
    facts = dataclasses.replace(HEALTHY, rtp_source="198.51.100.7:41234")
    [finding] = diagnose(facts)
    assert finding.id == "media.rtp_source_mismatch"
    assert finding.severity == "warning"
    assert "198.51.100.7:41234" in finding.title and "198.51.100.7:30000" in finding.title


def test_private_sdp_address_with_rtp_arriving_from_the_nat_is_a_mismatch_only() -> None:
    facts = dataclasses.replace(
        HEALTHY, remote_rtp="192.168.0.50:8000", rtp_source="198.51.100.7:62000"
    )
    assert ids(facts) == ["media.rtp_source_mismatch"]


def test_rtp_of_digital_silence_blames_the_far_end() -> None:
    facts = dataclasses.replace(HEALTHY, rx_flat_share=1.0, rx_rms_dbfs=-120.0)
    [finding] = diagnose(facts)
    assert finding.id == "media.rx_digital_silence"
    assert any("100% of the received level readings" in e for e in finding.evidence)


def test_mostly_speech_with_pauses_is_not_silence() -> None:
    assert ids(dataclasses.replace(HEALTHY, rx_flat_share=0.5)) == []


def test_our_flat_line_microphone_names_the_device() -> None:
    facts = dataclasses.replace(HEALTHY, tx_flat_share=1.0, tx_rms_dbfs=-120.0)
    [finding] = diagnose(facts)
    assert finding.id == "media.tx_flat_line"
    assert "Headset Microphone" in finding.title


def test_our_flat_line_explains_silence_coming_back() -> None:
    facts = dataclasses.replace(HEALTHY, tx_flat_share=1.0, rx_flat_share=1.0)
    assert ids(facts) == ["media.tx_flat_line"]


def test_a_lost_device_explains_our_flat_line() -> None:
    facts = dataclasses.replace(HEALTHY, tx_flat_share=1.0, device_lost=True)
    assert ids(facts) == []


def test_the_test_signal_is_never_a_flat_microphone() -> None:
    facts = dataclasses.replace(HEALTHY, tx_flat_share=1.0, tx_source="silence")
    assert ids(facts) == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"loss_pct": 8.0}, ["media.network_loss"]),
        ({"loss_pct": 4.9}, []),
        ({"loss_pct": 20.0, "rx_packets": 30}, []),  # too few packets to judge
        ({"jitter_ms": 55.0}, ["media.network_jitter"]),
        ({"loss_pct": 10.0, "jitter_ms": 80.0}, ["media.network_loss", "media.network_jitter"]),
    ],
)
def test_network_impairments(change: dict[str, float], expected: list[str]) -> None:
    assert ids(dataclasses.replace(HEALTHY, **change)) == expected  # type: ignore[arg-type]


def test_findings_show_the_numbers_behind_them() -> None:
    [finding] = diagnose(dataclasses.replace(HEALTHY, loss_pct=8.0, jitter_ms=3.0, mos=3.9))
    assert dict(finding.params)["loss_pct"] == "8.0"
    assert any("loss 8.0 %" in e and "MOS 3.90" in e for e in finding.evidence)


def test_unreachable_private() -> None:
    assert unreachable_private("10.0.0.1", "127.0.0.1")
    assert unreachable_private("192.168.1.1", "203.0.113.1")
    assert unreachable_private("100.64.1.1", "10.0.0.1")
    assert not unreachable_private("10.0.0.1", "10.9.9.9")
    assert not unreachable_private("203.0.113.1", "10.0.0.1")
    assert unreachable_private("fd00::1", "2001:db8::1")
    assert not unreachable_private(None, "10.0.0.1")
    assert split_hostport("[fd00::1]:4000") == ("fd00::1", 4000)
    assert split_hostport("1.2.3.4:5") == ("1.2.3.4", 5)


# -- the observer: facts accumulated over time, each finding once ---------------------------


def _levels(rx_silent: bool, t: float) -> Levels:
    loud = LevelReading(rms_dbfs=-20.0, peak_dbfs=-17.0, peak_hold_dbfs=-17.0)
    silent = LevelReading(rms_dbfs=-120.0, peak_dbfs=-120.0, peak_hold_dbfs=-120.0, silent=True)
    return Levels(mono=t, call=1, tx=loud, rx=silent if rx_silent else loud)


def _stats(rx: int, tx: int, t: float) -> MediaStats:
    return MediaStats(
        mono=t, call=1, codec="PCMU", clock_rate=8000,
        rx=StreamFigures(packets=rx), tx=StreamFigures(packets=tx),
        local_rtp="127.0.0.1:4000", remote_rtp="127.0.1.8:6000",
        rtp_source="127.0.1.8:6000" if rx else None,
    )  # fmt: skip


def _run(observer: MediaObserver, seconds: float, *, rx_rate: int, silent: bool) -> list[str]:
    found: list[str] = []
    observer.media_started(0.0)
    t = 0.0
    while t < seconds:
        t = round(t + 1 / 30, 6)
        observer.on_levels(_levels(silent, t), t)
        if abs(t - round(t)) < 1 / 60:  # once a second
            observer.on_stats(_stats(int(rx_rate * t), int(50 * t), t), t)
            found += [f.id for f in observer.new_findings(t)]
    return found


def test_observer_waits_for_the_grace_time_then_reports_once() -> None:
    observer = MediaObserver(grace_s=3.0)
    found = _run(observer, 8.0, rx_rate=50, silent=True)
    assert found == ["media.rx_digital_silence"]


def test_observer_reports_no_rtp() -> None:
    assert _run(MediaObserver(), 6.0, rx_rate=0, silent=True) == ["media.no_rtp"]


def test_observer_healthy_call() -> None:
    assert _run(MediaObserver(), 6.0, rx_rate=50, silent=False) == []


def test_observer_says_nothing_before_media() -> None:
    observer = MediaObserver()
    assert observer.new_findings(100.0) == []
    assert observer.facts(1.0).media_seconds == 0.0
