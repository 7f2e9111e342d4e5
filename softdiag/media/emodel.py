"""A MOS estimate from RTP statistics: the ITU-T G.107 E-model, simplified.

Theory of operation
-------------------
The E-model rates a connection by the transmission rating factor R (0..100, higher is
better), built from impairments that add up on a psychological scale (G.107 §7.1)::

    R = Ro - Is - Id - Ie,eff + A                                    (G.107 eq. 7-1)

With every parameter at its G.107 default (Table 3: no echo problems, quiet rooms, standard
handsets) ``Ro - Is`` is 93.2 and A (the advantage factor) is 0, so only the two
impairments that RTP statistics can tell change::

    R = 93.2 - Id - Ie,eff

Delay, ``Id``. G.107 derives Id from the mouth-to-ear delay Ta through Idte, Idle and Idd
(§7.3); with default echo parameters this is well approximated by the piecewise-linear fit
of Cole and Rosenbluth ("Voice over IP performance monitoring", ACM CCR 31(2), 2001)::

    Id = 0.024·Ta + 0.11·(Ta - 177.3)·H(Ta - 177.3)         H(x) = 1 if x >= 0, else 0

Equipment and loss, ``Ie,eff`` (G.107 eq. 7-29)::

    Ie,eff = Ie + (95 - Ie) · Ppl / (Ppl / BurstR + Bpl)

Ie is the codec's impairment and Bpl its robustness to packet loss (ITU-T G.113 Appendix
I; values below), Ppl the packet-loss percentage, BurstR the burst ratio (1 for random
loss, which is what RTCP counters let us assume).

R to MOS (G.107 Annex B, eq. B-4)::

    MOS = 1                                               R < 0
    MOS = 1 + 0.035·R + R·(R - 60)·(100 - R)·7·10⁻⁶        0 <= R <= 100
    MOS = 4.5                                             R > 100

Invariants
1. Pure: numbers in, numbers out; no clock, no I/O.
2. The result is a planning estimate (MOS-CQE), not a measurement of what a listener says;
   the GUI and findings say "estimated". Wideband codecs are rated on the narrowband
   scale (G.107.1 would give them more than 4.5): still comparable call to call.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CODECS",
    "DEFAULT_R0",
    "CodecImpairment",
    "Rating",
    "codec_impairment",
    "delay_impairment",
    "effective_equipment_impairment",
    "mouth_to_ear_delay",
    "r_to_mos",
    "rate",
]

DEFAULT_R0 = 93.2  # Ro - Is with every G.107 default (Table 3); A = 0


@dataclass(frozen=True, slots=True)
class CodecImpairment:
    ie: float  # equipment impairment factor
    bpl: float  # packet-loss robustness factor
    lookahead_ms: float = 0.0  # algorithmic delay beyond the frame itself
    source: str = "ITU-T G.113 Appendix I"


# Codec names as pjsua2's StreamInfo.codecName gives them (case-insensitive lookup).
CODECS: dict[str, CodecImpairment] = {
    # G.711 with packet-loss concealment (pjmedia enables PLC for it): Ie 0, Bpl 25.1.
    "PCMU": CodecImpairment(0.0, 25.1),
    "PCMA": CodecImpairment(0.0, 25.1),
    "L16": CodecImpairment(0.0, 25.1, source="as G.711 (linear PCM)"),
    # G.722 is wideband (G.113 rates it on the G.107.1 scale); on the narrowband scale it is
    # at least as good as G.711.
    "G722": CodecImpairment(0.0, 25.1, lookahead_ms=1.5, source="as G.711 (narrowband scale)"),
    "GSM": CodecImpairment(20.0, 10.0, source="G.113 Appendix I (GSM 06.10 FR), Bpl estimated"),
    "iLBC": CodecImpairment(11.0, 32.0, lookahead_ms=10.0, source="published iLBC estimates"),
    "speex": CodecImpairment(11.0, 20.0, lookahead_ms=10.0, source="estimate (no ITU value)"),
    "G729": CodecImpairment(11.0, 19.0, lookahead_ms=5.0),  # G.729A + VAD
    "opus": CodecImpairment(0.0, 30.0, lookahead_ms=6.5, source="estimate (no ITU value)"),
}
_UNKNOWN = CodecImpairment(11.0, 19.0, source="unknown codec: rated like G.729A")


def codec_impairment(codec: str) -> CodecImpairment:
    for name, value in CODECS.items():
        if name.lower() == codec.lower():
            return value
    return _UNKNOWN


def delay_impairment(ta_ms: float) -> float:
    """Id from the mouth-to-ear delay (Cole & Rosenbluth's fit of G.107 §7.3)."""
    ta = max(0.0, ta_ms)
    return 0.024 * ta + (0.11 * (ta - 177.3) if ta >= 177.3 else 0.0)


def effective_equipment_impairment(
    ie: float, bpl: float, loss_pct: float, burst_ratio: float = 1.0
) -> float:
    """Ie,eff = Ie + (95 - Ie) · Ppl / (Ppl / BurstR + Bpl)   (G.107 eq. 7-29)."""
    ppl = min(100.0, max(0.0, loss_pct))
    return ie + (95.0 - ie) * ppl / (ppl / burst_ratio + bpl)


def r_to_mos(r: float) -> float:
    """MOS-CQE from R (G.107 Annex B, eq. B-4)."""
    if r < 0:
        return 1.0
    if r > 100:
        return 4.5
    return 1.0 + 0.035 * r + r * (r - 60.0) * (100.0 - r) * 7e-6


def mouth_to_ear_delay(
    *,
    rtt_ms: float | None,
    jitter_buffer_ms: float | None,
    ptime_ms: float = 20.0,
    lookahead_ms: float = 0.0,
    device_ms: float = 0.0,
) -> float:
    """One-way delay Ta: network (half the RTCP round trip, 0 when unknown), packetisation,
    codec look-ahead, the jitter buffer, and the sound devices (when measured)."""
    network = (rtt_ms or 0.0) / 2.0
    return network + ptime_ms + lookahead_ms + (jitter_buffer_ms or 0.0) + device_ms


@dataclass(frozen=True, slots=True)
class Rating:
    r: float
    mos: float
    delay_ms: float
    id: float
    ie_eff: float


def rate(
    codec: str,
    *,
    loss_pct: float,
    delay_ms: float,
    burst_ratio: float = 1.0,
    r0: float = DEFAULT_R0,
) -> Rating:
    """R and MOS for a codec, a packet-loss percentage and a one-way delay."""
    c = codec_impairment(codec)
    id_ = delay_impairment(delay_ms)
    ie_eff = effective_equipment_impairment(c.ie, c.bpl, loss_pct, burst_ratio)
    r = r0 - id_ - ie_eff
    return Rating(r=r, mos=r_to_mos(r), delay_ms=delay_ms, id=id_, ie_eff=ie_eff)
