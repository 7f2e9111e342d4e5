"""The E-model MOS estimate against the formulas of ITU-T G.107, computed by hand."""

from __future__ import annotations

import pytest

from softdiag.media import emodel


def _mos(r: float) -> float:  # G.107 Annex B eq. B-4, written out independently
    return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 0.000007


@pytest.mark.parametrize(
    ("r", "mos"),
    [(-5.0, 1.0), (0.0, 1.0), (50.0, _mos(50.0)), (93.2, 4.4093), (100.0, 4.5), (120.0, 4.5)],
)
def test_r_to_mos_follows_annex_b(r: float, mos: float) -> None:
    assert emodel.r_to_mos(r) == pytest.approx(mos, abs=1e-4)


def test_g711_without_impairments_is_the_default_r_of_93_2() -> None:
    rating = emodel.rate("PCMU", loss_pct=0.0, delay_ms=0.0)
    assert rating.r == pytest.approx(93.2)
    assert rating.mos == pytest.approx(4.409, abs=1e-3)


def test_delay_impairment_is_linear_then_steeper_after_177_ms() -> None:
    assert emodel.delay_impairment(100.0) == pytest.approx(2.4)
    assert emodel.delay_impairment(177.3) == pytest.approx(0.024 * 177.3)
    assert emodel.delay_impairment(300.0) == pytest.approx(0.024 * 300 + 0.11 * (300 - 177.3))
    assert emodel.delay_impairment(-5.0) == 0.0


def test_loss_uses_the_effective_equipment_impairment_of_eq_7_29() -> None:
    # G.711 with PLC, 2 % random loss: Ie,eff = 0 + 95 * 2 / (2 + 25.1)
    ie_eff = 95 * 2 / (2 + 25.1)
    rating = emodel.rate("PCMA", loss_pct=2.0, delay_ms=50.0)
    assert rating.ie_eff == pytest.approx(ie_eff)
    r = 93.2 - 0.024 * 50 - ie_eff
    assert rating.r == pytest.approx(r)
    assert rating.mos == pytest.approx(_mos(r))


@pytest.mark.parametrize(
    ("codec", "loss", "delay", "expected_r"),
    [
        # G.729A: Ie 11, Bpl 19; 1 % loss, 150 ms
        ("G729", 1.0, 150.0, 93.2 - 0.024 * 150 - (11 + (95 - 11) * 1 / (1 + 19))),
        # GSM FR: Ie 20, Bpl 10; 5 % loss, 250 ms
        ("GSM", 5.0, 250.0, 93.2 - (0.024 * 250 + 0.11 * 72.7) - (20 + 75 * 5 / (5 + 10))),
    ],
)
def test_known_inputs_match_the_formula(
    codec: str, loss: float, delay: float, expected_r: float
) -> None:
    rating = emodel.rate(codec, loss_pct=loss, delay_ms=delay)
    assert rating.r == pytest.approx(expected_r)
    assert rating.mos == pytest.approx(_mos(expected_r))


def test_bursty_loss_hurts_more_than_random_loss() -> None:
    random = emodel.rate("PCMU", loss_pct=3.0, delay_ms=40.0)
    bursty = emodel.rate("PCMU", loss_pct=3.0, delay_ms=40.0, burst_ratio=2.0)
    assert bursty.mos < random.mos


def test_mos_falls_monotonically_with_loss_and_delay() -> None:
    by_loss = [emodel.rate("PCMU", loss_pct=p, delay_ms=40).mos for p in (0, 1, 2, 5, 10, 20)]
    by_delay = [emodel.rate("PCMU", loss_pct=0, delay_ms=d).mos for d in (0, 100, 200, 400)]
    assert by_loss == sorted(by_loss, reverse=True)
    assert by_delay == sorted(by_delay, reverse=True)


def test_codec_lookup_is_case_insensitive_and_unknown_codecs_are_rated_conservatively() -> None:
    assert emodel.codec_impairment("pcmu") == emodel.CODECS["PCMU"]
    assert emodel.codec_impairment("nosuch").ie == 11.0


def test_mouth_to_ear_delay_adds_its_parts() -> None:
    assert emodel.mouth_to_ear_delay(rtt_ms=100, jitter_buffer_ms=40, ptime_ms=20,
                                     lookahead_ms=5, device_ms=30) == 50 + 40 + 20 + 5 + 30  # fmt: skip
    assert emodel.mouth_to_ear_delay(rtt_ms=None, jitter_buffer_ms=None) == 20.0
