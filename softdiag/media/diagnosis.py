"""One-way audio diagnosis: pure rules over levels, stream statistics, SDP and NAT facts.

Theory of operation
-------------------
RTP flowing is not audio flowing (CASES.md case 2). A call's audio can fail at five places,
and each leaves its own trace in what softdiag measures:

==============================  ===============================================  ==========
what is wrong                   what we see                                      finding id
==============================  ===============================================  ==========
far end announces a private     SDP address in RFC 1918/6598/4193 space, we are   media.sdp_
media address                   outside that block, no RTP arrives                private_address
our own SDP is wrong (NAT)      no RTP; we announce a private address and the     media.no_rtp_
                                registrar saw us at another (public) one           our_address
far end or path drops RTP       we send, nothing arrives                          media.no_rtp
far end sends silence           RTP arrives, every decoded sample is 0 or flat    media.rx_digital_silence
our microphone is dead          we send a flat line from a real device            media.tx_flat_line
far end behind NAT (latching)   RTP arrives from another ip:port than its SDP     media.rtp_source_mismatch
network                         RX loss >= 5 %, jitter >= 40 ms                    media.network_loss / _jitter
==============================  ===============================================  ==========

:class:`MediaObserver` accumulates the facts of one call (fed with ``Levels`` and
``MediaStats`` events and the time); :func:`diagnose` turns a :class:`MediaFacts` snapshot
into findings, each with the numbers behind it. The observer reports each finding id once
per call, and only after ``grace_s`` of media so that the first packets have had time to
arrive.

Invariants
1. :func:`diagnose` is pure: the same facts give the same findings; no clock, no I/O.
2. A more specific cause suppresses the general one it explains (a private address in the
   far end's SDP explains "no RTP"; a lost device explains our flat line; our own flat
   line explains silence coming back), so each fault yields exactly one finding.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from softdiag.events import Finding, Levels, MediaStats
from softdiag.findings import make_finding

from .addresses import host_of, private_block, unreachable_private

__all__ = [
    "FLAT_SHARE",
    "GRACE_S",
    "JITTER_MS",
    "LOSS_PCT",
    "MediaFacts",
    "MediaObserver",
    "diagnose",
]

GRACE_S = 3.0  # media time before any verdict: RTP and the jitter buffer need a moment
WINDOW_S = 2.0  # recent past that "RTP arrives" and "flat" are judged on
MIN_READINGS_S = 1.5  # level readings needed in the window (25+ a second)
FLAT_SHARE = 0.9  # share of readings that must be silent/flat to call it a flat line
LOSS_PCT = 5.0  # G.113: beyond ~5 % random loss even G.711 with PLC degrades clearly
MIN_PACKETS_FOR_LOSS = 50  # one second of 20 ms packets, twice
JITTER_MS = 40.0  # twice a 20 ms packet interval: the jitter buffer has to grow visibly


@dataclass(frozen=True, slots=True)
class MediaFacts:
    """Everything the rules look at, for one call at one moment."""

    media_seconds: float
    codec: str = ""
    tx_packets: int = 0
    rx_packets: int = 0
    rx_packets_window: int = 0  # arrived within the last window_s
    window_s: float = WINDOW_S
    local_rtp: str | None = None  # our ip:port in our SDP
    remote_rtp: str | None = None  # the far end's ip:port in its SDP
    rtp_source: str | None = None  # where its RTP really comes from
    public_ip: str | None = None  # our address as the registrar saw it (Via received)
    rx_readings: int = 0  # level readings within the window
    rx_flat_share: float = 0.0  # of them, digital silence or a flat line
    rx_rms_dbfs: float = -120.0  # the loudest RX reading within the window
    tx_readings: int = 0
    tx_flat_share: float = 0.0
    tx_rms_dbfs: float = -120.0
    tx_source: str = "test-signal"  # test-signal, device, silence
    tx_device: str | None = None
    device_lost: bool = False
    loss_pct: float | None = None
    jitter_ms: float | None = None
    rtt_ms: float | None = None
    mos: float | None = None


def _fmt(value: float | None, digits: int = 1) -> str:
    return "unknown" if value is None else f"{value:.{digits}f}"


def _stats_line(f: MediaFacts) -> str:
    return (
        f"{f.codec or 'codec ?'}: sent {f.tx_packets} RTP packets, received {f.rx_packets} "
        f"({f.rx_packets_window} in the last {f.window_s:.0f} s) over {f.media_seconds:.1f} s"
    )


def diagnose(f: MediaFacts) -> list[Finding]:
    """The findings these facts support, most specific cause first (invariant 2)."""
    out: list[Finding] = []
    receiving = f.rx_packets_window > 0
    remote_ip = host_of(f.remote_rtp)
    local_ip = host_of(f.local_rtp)
    remote = f.remote_rtp or "the far end"
    local = f.local_rtp or "?"

    if not receiving and unreachable_private(remote_ip, local_ip):
        # Whether or not our packets even leave (from loopback they cannot), none can
        # arrive where the far end is.
        out.append(make_finding(
            "media.sdp_private_address",
            evidence=(
                f"the far end's SDP announces {f.remote_rtp}: {private_block(remote_ip or '')} "
                "is a private block",
                f"our media address is {local}: outside that block",
                _stats_line(f),
            ),
            remote=remote, local=local,
        ))  # fmt: skip
    elif not receiving and f.tx_packets > 0:
        if (
            local_ip is not None
            and private_block(local_ip) is not None
            and f.public_ip is not None
            and f.public_ip != local_ip
        ):
            out.append(make_finding(
                "media.no_rtp_our_address",
                evidence=(
                    f"our SDP announces {local}; the registrar saw us at {f.public_ip}",
                    _stats_line(f),
                ),
                local=local, public=f.public_ip,
            ))  # fmt: skip
        else:
            what = "none has ever arrived" if f.rx_packets == 0 else "they stopped arriving"
            out.append(make_finding(
                "media.no_rtp",
                evidence=(
                    _stats_line(f),
                    f"RTP from {remote}: {what}",
                    f"we send from {local} to {remote} as the SDP answer said",
                ),
                remote=remote, local=local,
            ))  # fmt: skip

    if receiving:
        if f.rtp_source and f.remote_rtp and f.rtp_source != f.remote_rtp:
            out.append(make_finding(
                "media.rtp_source_mismatch",
                evidence=(
                    f"SDP of the far end: {f.remote_rtp}; RTP really comes from {f.rtp_source}",
                    _stats_line(f),
                ),
                source=f.rtp_source, remote=f.remote_rtp,
            ))  # fmt: skip
        # While we send a flat line ourselves, silence back proves nothing about the far
        # end (an echo service returns exactly that): our side is the finding then.
        we_send_flat = f.tx_readings >= 1 and f.tx_flat_share >= FLAT_SHARE
        if f.rx_readings >= 1 and f.rx_flat_share >= FLAT_SHARE and not we_send_flat:
            out.append(make_finding(
                "media.rx_digital_silence",
                evidence=(
                    _stats_line(f),
                    f"{f.rx_flat_share:.0%} of the received level readings in the last "
                    f"{f.window_s:.0f} s are digital silence or a flat line; loudest "
                    f"{f.rx_rms_dbfs:.1f} dBFS RMS",
                    f"what we send: {f.tx_rms_dbfs:.1f} dBFS RMS ({f.tx_source})",
                ),
                remote=remote,
            ))  # fmt: skip
        if (
            f.loss_pct is not None
            and f.loss_pct >= LOSS_PCT
            and f.rx_packets >= MIN_PACKETS_FOR_LOSS
        ):
            out.append(make_finding(
                "media.network_loss",
                evidence=(
                    _stats_line(f),
                    f"loss {f.loss_pct:.1f} %, jitter {_fmt(f.jitter_ms)} ms, "
                    f"RTT {_fmt(f.rtt_ms)} ms, estimated MOS {_fmt(f.mos, 2)}",
                ),
                remote=remote, loss_pct=f"{f.loss_pct:.1f}",
            ))  # fmt: skip
        if f.jitter_ms is not None and f.jitter_ms >= JITTER_MS:
            out.append(make_finding(
                "media.network_jitter",
                evidence=(
                    _stats_line(f),
                    f"mean interarrival jitter {f.jitter_ms:.1f} ms (RFC 3550), "
                    f"loss {_fmt(f.loss_pct)} %, estimated MOS {_fmt(f.mos, 2)}",
                ),
                remote=remote, jitter_ms=f"{f.jitter_ms:.0f}",
            ))  # fmt: skip

    if (
        f.tx_source == "device"
        and not f.device_lost
        and f.tx_readings >= 1
        and f.tx_flat_share >= FLAT_SHARE
    ):
        out.append(make_finding(
            "media.tx_flat_line",
            evidence=(
                f"{f.tx_flat_share:.0%} of our level readings in the last {f.window_s:.0f} s "
                f"are digital silence or a flat line; loudest {f.tx_rms_dbfs:.1f} dBFS RMS",
                f"input device: {f.tx_device or 'the default input'}",
                _stats_line(f),
            ),
            input=f.tx_device or "the default input",
        ))  # fmt: skip
    return out


class MediaObserver:
    """Collects one call's media facts over time; reports each finding once.

    Not thread-safe by itself: the engine feeds it under its own lock (levels arrive from
    the meter thread, stats from the engine thread).
    """

    def __init__(
        self,
        *,
        grace_s: float = GRACE_S,
        window_s: float = WINDOW_S,
        levels_per_s: float = 30.0,
    ) -> None:
        self.grace_s = grace_s
        self.window_s = window_s
        self._min_readings = max(1, int(MIN_READINGS_S * levels_per_s * 0.8))
        self._levels: deque[tuple[float, Levels]] = deque()
        self._rx_history: deque[tuple[float, int]] = deque()  # (time, rx packets)
        self._stats: MediaStats | None = None
        self._media_since: float | None = None
        self.public_ip: str | None = None
        self.tx_device: str | None = None
        self.device_lost = False
        self.reported: set[str] = set()

    def media_started(self, now: float) -> None:
        if self._media_since is None:
            self._media_since = now

    def on_levels(self, levels: Levels, now: float) -> None:
        self._levels.append((now, levels))
        horizon = now - self.window_s
        while self._levels and self._levels[0][0] < horizon:
            self._levels.popleft()

    def on_stats(self, stats: MediaStats, now: float) -> None:
        self._stats = stats
        self._rx_history.append((now, stats.rx.packets))
        while len(self._rx_history) > 1 and self._rx_history[1][0] <= now - self.window_s:
            self._rx_history.popleft()

    def facts(self, now: float) -> MediaFacts:
        s = self._stats
        media_seconds = 0.0 if self._media_since is None else now - self._media_since
        if s is None:
            return MediaFacts(media_seconds=media_seconds, window_s=self.window_s)
        rx_window = s.rx.packets - self._rx_history[0][1] if self._rx_history else 0
        if len(self._rx_history) < 2:  # too early to tell a rate: count everything so far
            rx_window = s.rx.packets
        readings = [lv for t, lv in self._levels if t >= now - self.window_s]
        rx_flat = [lv.rx.silent or lv.rx.stuck for lv in readings]
        tx_flat = [lv.tx.silent or lv.tx.stuck for lv in readings]
        enough = len(readings) >= self._min_readings
        return MediaFacts(
            media_seconds=media_seconds,
            codec=s.codec,
            tx_packets=s.tx.packets,
            rx_packets=s.rx.packets,
            rx_packets_window=rx_window,
            window_s=self.window_s,
            local_rtp=s.local_rtp,
            remote_rtp=s.remote_rtp,
            rtp_source=s.rtp_source,
            public_ip=self.public_ip,
            rx_readings=len(readings) if enough else 0,
            rx_flat_share=sum(rx_flat) / len(rx_flat) if rx_flat else 0.0,
            rx_rms_dbfs=max((lv.rx.rms_dbfs for lv in readings), default=-120.0),
            tx_readings=len(readings) if enough else 0,
            tx_flat_share=sum(tx_flat) / len(tx_flat) if tx_flat else 0.0,
            tx_rms_dbfs=max((lv.tx.rms_dbfs for lv in readings), default=-120.0),
            tx_source=readings[-1].tx_source if readings else "test-signal",
            tx_device=self.tx_device,
            device_lost=self.device_lost,
            loss_pct=s.rx.loss_pct,
            jitter_ms=s.rx.jitter_ms,
            rtt_ms=s.rtt_ms,
            mos=s.mos,
        )

    def new_findings(self, now: float) -> list[Finding]:
        """Findings not reported yet for this call (none before the grace time)."""
        if self._media_since is None or now - self._media_since < self.grace_s:
            return []
        fresh = [f for f in diagnose(self.facts(now)) if f.id not in self.reported]
        self.reported.update(f.id for f in fresh)
        return fresh
