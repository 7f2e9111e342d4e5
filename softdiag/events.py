"""The event vocabulary every part of softdiag shares.

Facts flow one way: I/O (pjsua2, sockets, DNS) -> pure logic -> these events -> the GUI, the
CLI and the recorder. Events are frozen, slotted, keyword-only dataclasses; each carries a
monotonic time (for ordering and durations) and a wall-clock time (for humans and bundles).

Every event has a lossless JSON form: ``event_from_json(event_to_json(e)) == e``. The JSON
``type`` is the class name, registered when the class is defined, so a recorded session can
be replayed into the same objects.
"""

from __future__ import annotations

import dataclasses
import json
import time
import types
import typing
from dataclasses import dataclass, field
from typing import Any, ClassVar, Literal, TypeVar, Union, get_args, get_origin

__all__ = [
    "EVENT_TYPES",
    "AccountChanged",
    "AccountRequested",
    "AccountSnapshot",
    "AccountState",
    "AudioPathChanged",
    "AudioPathFigures",
    "CallState",
    "CallStateChanged",
    "CaptureFigures",
    "DeviceCheckResult",
    "DeviceInfo",
    "DeviceInventory",
    "EngineState",
    "Event",
    "FailoverDecision",
    "Finding",
    "FindingState",
    "IncomingCall",
    "LevelReading",
    "Levels",
    "Log",
    "MediaStats",
    "MediaTransport",
    "NatMappingChanged",
    "NatStatus",
    "PolicyChanged",
    "ProbeResult",
    "RegistrationChanged",
    "Resolved",
    "SdpAnalysed",
    "SdpExchanged",
    "SdpMark",
    "ServerState",
    "ServerSuspected",
    "ServersChanged",
    "Severity",
    "SipMessage",
    "StreamFigures",
    "StunBehaviour",
    "Target",
    "TargetHealth",
    "event_from_json",
    "event_to_json",
    "target_key",
]

Severity = Literal["info", "warning", "error"]
Transport = Literal["udp", "tcp", "tls"]

EVENT_TYPES: dict[str, type[Event]] = {}


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """Base of every event: when it happened, on both clocks."""

    mono: float = field(default_factory=time.monotonic)
    wall: float = field(default_factory=time.time)

    type_name: ClassVar[str] = "Event"

    def __init_subclass__(cls, **kwargs: Any) -> None:
        # No super() here: dataclass(slots=True) re-creates the class, which breaks the
        # zero-argument super() cell. It also means this runs twice per event class; the
        # last registration wins, and that is the real (slotted) class.
        cls.type_name = cls.__name__
        EVENT_TYPES[cls.__name__] = cls


@dataclass(frozen=True, slots=True, kw_only=True)
class Target:
    """One place a SIP request can be sent to, as RFC 3263 resolution found it."""

    host: str  # the name the address came from (SRV target or the domain itself)
    ip: str
    port: int
    transport: Transport
    priority: int = 0
    weight: int = 0
    ttl: int = 0
    source: Literal["naptr", "srv", "a", "explicit"] = "a"

    @property
    def hostport(self) -> str:
        ip = f"[{self.ip}]" if ":" in self.ip else self.ip
        return f"{ip}:{self.port}"

    @property
    def key(self) -> str:
        """Identifies the target across DNS answers: address, port and transport."""
        return target_key(self.hostport, self.transport)


def target_key(hostport: str, transport: str) -> str:
    """The one way a server is named across events: ``ip:port/transport`` (Target.key)."""
    return f"{hostport}/{transport or 'udp'}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Resolved(Event):
    """The result of resolving a SIP domain: targets in the order they should be tried."""

    domain: str
    transport: Transport
    nameserver: str
    targets: tuple[Target, ...]
    answer_order: tuple[str, ...] = ()  # addresses in the order the DNS server returned them


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationChanged(Event):
    """A REGISTER transaction ended (or the account was set up or removed)."""

    state: Literal["registering", "registered", "unregistered", "failed"]
    aor: str
    server: str  # ip:port the REGISTER actually went to
    transport: Transport
    code: int = 0
    reason: str = ""
    expires: int = 0
    received: str | None = None  # Via received= the server saw (our public address)
    rport: int | None = None  # Via rport= the server saw (our public port)
    registrar: str | None = None  # who answered (X-Registrar header in the lab)
    retry_after: int | None = None  # Retry-After of a failure answer (RFC 3261 §20.33)
    local: str | None = None  # our local ip:port the REGISTER left from

    @property
    def target_key(self) -> str:
        return target_key(self.server, self.transport)


@dataclass(frozen=True, slots=True, kw_only=True)
class SipMessage(Event):
    """A SIP message sent or received by the engine, secrets already redacted."""

    direction: Literal["in", "out"]
    transport: str
    local: str
    remote: str
    text: str

    @property
    def first_line(self) -> str:
        return self.text.split("\r\n", 1)[0].split("\n", 1)[0]


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding(Event):
    """A diagnosis in plain words, keyed by a stable id (see softdiag.findings)."""

    id: str
    severity: Severity
    title: str
    evidence: tuple[str, ...] = ()
    advice: str = ""
    params: tuple[tuple[str, str], ...] = ()  # the values filled into title/advice


@dataclass(frozen=True, slots=True, kw_only=True)
class ProbeResult(Event):
    """One SIP OPTIONS health probe of one target, from softdiag's own socket."""

    target: str  # ip:port
    transport: Transport
    status: Literal["ok", "error", "timeout", "unreachable"]
    code: int = 0
    reason: str = ""
    rtt_ms: float | None = None
    received: str | None = None  # Via received/rport seen by the server for the probe
    rport: int | None = None  # socket: another NAT mapping than the registration's
    retry_after: int | None = None
    server: str | None = None  # X-Registrar or Server header
    # TCP/TLS: the phase that failed (softdiag.failover.streamprobe), e.g. connect_refused,
    # tls_name_mismatch, no_sip_answer; and the finding a TLS failure raised (certificate
    # as evidence).
    failure: str = ""
    finding: Finding | None = None

    @property
    def target_key(self) -> str:
        return target_key(self.target, self.transport)


@dataclass(frozen=True, slots=True, kw_only=True)
class FailoverDecision(Event):
    """The failover policy chose where the account registers, and why."""

    policy: str
    from_target: str | None  # ip:port/transport, None when there was none
    to_target: str | None  # None: nowhere to go (every target is down)
    reason: str  # the renderer's English for reason_id and params
    reason_id: str = ""  # failover.reason.<id> in softdiag.i18n: rendered in any language
    params: tuple[tuple[str, str], ...] = ()
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class PolicyChanged(Event):
    """The user switched the failover policy live (no re-registration)."""

    policy: str
    previous: str


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetHealth:
    """What the failover policy believes about one target, for display."""

    target: Target
    state: Literal["unknown", "up", "down"]
    last_code: int = 0
    rtt_ms: float | None = None
    dirty_for: float = 0.0  # seconds the policy will still avoid it (back-off/Retry-After)
    why: str = ""  # English text of why_id
    why_id: str = ""  # failover.reason.<id> in softdiag.i18n: rendered in any language
    why_params: tuple[tuple[str, str], ...] = ()
    current: bool = False  # the account registers through this one


@dataclass(frozen=True, slots=True, kw_only=True)
class ServersChanged(Event):
    """The policy's view of every target changed (health, dirty list, current one)."""

    policy: str
    servers: tuple[TargetHealth, ...]
    # The target that last answered our REGISTER with 2xx: its binding may live on there
    # until it expires, even after a later failure (the GUI shows the failure on top).
    registered_on: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class NatMappingChanged(Event):
    """The public address a server sees for us changed (or was learnt), and why we think so."""

    server: str  # ip:port of the server that reported it; "stun" for STUN results
    local: str  # our local ip:port the mapping belongs to
    old: str | None  # public ip:port before; None the first time
    new: str  # public ip:port now
    source: Literal["register", "probe", "stun"]
    likely_cause: str  # a key of softdiag.nat.tracker.CAUSES
    explanation: str = ""  # the renderer's English for likely_cause (nat.tracker.cause_text)
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class NatStatus(Event):
    """The NAT classification with its evidence, and the per-server mapping table."""

    classification: str  # a key of softdiag.nat.tracker.CLASSES
    explanation: str
    local: str | None
    mappings: tuple[tuple[str, str], ...]  # (server ip:port, public ip:port) for our socket
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class StunBehaviour(Event):
    """RFC 5780 NAT behaviour discovery and mapping lifetime, from STUN."""

    stun_server: str
    local: str
    mapped: str | None  # XOR-MAPPED-ADDRESS seen by the primary address
    mapping: Literal[
        "no-nat", "endpoint-independent", "address-dependent", "address-and-port-dependent",
        "unknown",
    ]  # fmt: skip
    filtering: Literal[
        "endpoint-independent", "address-dependent", "address-and-port-dependent", "unknown",
    ]  # fmt: skip
    lifetime_s: float | None = None  # measured idle UDP mapping lifetime (lower bound)
    evidence: tuple[str, ...] = ()


CallState = Literal[
    "calling", "incoming", "early", "connecting", "confirmed", "disconnected", "failed"
]


@dataclass(frozen=True, slots=True, kw_only=True)
class CallStateChanged(Event):
    """A call moved through its INVITE session states (RFC 3261 dialog, pjsip inv states).

    ``call`` is softdiag's own number for the call (pjsua reuses its ids); ``failed`` means
    the call could not even be started (no account, bad URI).
    """

    call: int
    state: CallState
    uri: str
    code: int = 0  # last SIP status code of the INVITE
    reason: str = ""
    call_id: str = ""  # the SIP Call-ID, to find the call in a capture
    duration_s: float = 0.0  # connected time, when disconnected


@dataclass(frozen=True, slots=True, kw_only=True)
class IncomingCall(Event):
    """A call to us arrived: who calls, and the path the INVITE took (CASES.md case 3).

    ``source`` is the ip:port the INVITE came from (the last hop, normally a proxy of the
    domain); ``via`` the sent-by of every Via, last hop first; ``registered_on`` the server
    the account registers through, so a call through another proxy shows at a glance.
    ``answer`` is what softdiag does with it: ``auto`` answers, ``busy`` rejects with 486,
    ``ring`` rings until the user (or the caller) decides.
    """

    call: int
    caller: str
    caller_name: str = ""
    to: str = ""
    call_id: str = ""
    source: str = ""
    transport: str = ""
    via: tuple[str, ...] = ()
    record_route: tuple[str, ...] = ()
    registered_on: str | None = None
    answer: Literal["auto", "ring", "busy"] = "ring"


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerSuspected(Event):
    """A request through ``server`` went unanswered: a hint for the failover supervisor,
    which probes at once instead of at its quiet interval (softdiag.failover.budget)."""

    server: str  # ip:port
    why: Literal["invite", "register", "icmp", "dns", "transport"]
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class SdpExchanged(Event):
    """The SDP offer and answer of a call, as sent and received (case 5 analyses these)."""

    call: int
    offer: str
    answer: str
    offerer: Literal["local", "remote"]


@dataclass(frozen=True, slots=True, kw_only=True)
class SdpMark:
    """A finding rests on this line (1-based) of the offer or the answer."""

    finding: str
    side: Literal["offer", "answer"]
    line: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SdpAnalysed(Event):
    """The SDP analyser's verdict on one offer/answer exchange (softdiag.sdp.rules)."""

    call: int
    findings: tuple[Finding, ...]  # sdp.*, dtls.*, ice.* ids, the worst first
    marks: tuple[SdpMark, ...] = ()  # the lines each finding rests on
    source: str = ""  # where the exchange came from when not a call of ours (a pcap, files)


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelReading:
    """One direction's level over the meter's last window (dBFS, square-wave reference)."""

    rms_dbfs: float
    peak_dbfs: float
    peak_hold_dbfs: float  # the highest recent peak, held then decaying (a meter's marker)
    clipping: bool = False  # a sample reached full scale in the window
    silent: bool = False  # digital silence: every sample exactly 0
    stuck: bool = False  # a flat line: every sample the same non-zero value


@dataclass(frozen=True, slots=True, kw_only=True)
class Levels(Event):
    """What we send (TX) and what we receive (RX), from the PCM frames, 25+ times a second."""

    call: int
    tx: LevelReading
    rx: LevelReading
    tx_source: Literal["test-signal", "device", "silence"] = "test-signal"


@dataclass(frozen=True, slots=True, kw_only=True)
class StreamFigures:
    """RTP/RTCP counters of one direction of one stream.

    RX figures are measured here; TX loss and jitter are what the far end reported in its
    RTCP receiver reports, None when it sent none (many peers never do).
    """

    packets: int
    bytes: int = 0
    lost: int | None = 0
    loss_pct: float | None = 0.0
    discarded: int = 0
    duplicates: int = 0
    reordered: int = 0
    jitter_ms: float | None = None  # mean interarrival jitter (RFC 3550 §6.4.1)
    jitter_max_ms: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioPathFigures:
    """The bridge between pjsua2 and the user's devices (or the generated test signal)."""

    source: Literal["test-signal", "device", "silence"]
    output: str | None = None  # device names as the user chose them
    input: str | None = None
    underruns: int = 0  # playback found no audio to play (a gap the user hears)
    overruns: int = 0  # audio dropped because a buffer was full
    frames: int = 0  # media frames (softdiag.media.tap.FRAME_MS each) through the bridge
    latency_ms: float | None = None  # added by the bridge, both directions, when measured
    drift_ppm: float | None = None  # device clock against the media clock


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaTransport:
    """The call's media transport as pjsua2 reports it (softdiag.media.transport_state)."""

    profile: str  # RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVPF… as negotiated
    srtp: Literal["off", "active", "inactive", "unknown"]
    srtp_suite: str = ""  # e.g. AES_CM_128_HMAC_SHA1_80, when SRTP is active
    dtls: bool = False  # DTLS-SRTP keying (the profile is UDP/TLS/…)
    ice: Literal["off", "checking", "done", "failed"] = "off"


@dataclass(frozen=True, slots=True, kw_only=True)
class MediaStats(Event):
    """Stream statistics of a call's audio, once a second, with an E-model MOS estimate."""

    call: int
    codec: str
    clock_rate: int
    rx: StreamFigures
    tx: StreamFigures
    rtt_ms: float | None = None  # from RTCP; None when the far end sends no RTCP
    local_rtp: str | None = None  # our RTP ip:port as announced in our SDP
    remote_rtp: str | None = None  # the far end's RTP ip:port as its SDP announced it
    rtp_source: str | None = None  # where RTP really comes from (None: nothing arrived)
    remote_private: bool = False  # remote_rtp is a private address we cannot reach
    jitter_buffer_ms: float | None = None
    delay_ms: float | None = None  # estimated one-way mouth-to-ear delay used for MOS
    r_factor: float | None = None  # E-model R of what we hear (ITU-T G.107)
    mos: float | None = None  # MOS-CQE estimate of what we hear (RX)
    mos_tx: float | None = None  # of what the far end hears; needs its RTCP reports
    audio: AudioPathFigures | None = None
    media_seconds: float = 0.0  # since the audio stream became active
    transport: MediaTransport | None = None  # profile, SRTP and ICE state from pjsua2


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioPathChanged(Event):
    """The call's audio path changed: devices opened, lost, re-selected, or test signal."""

    call: int
    state: Literal["test-signal", "devices", "lost", "restored", "closed"]
    output: str | None = None
    input: str | None = None
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Log(Event):
    level: Literal["debug", "info", "warning", "error"]
    source: str
    message: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EngineState(Event):
    """The SIP engine thread started, stopped or failed."""

    state: Literal["starting", "running", "stopping", "stopped", "failed"]
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceInfo:
    """One audio endpoint as the operating system describes it (softdiag.audio.devices).

    ``form_factor`` names the *port* the OS knows, not what is plugged into it: a handset in
    a headset jack still reports "headset" (CASES.md case 2), so the check asks the user.
    """

    id: str  # the provider's stable name: PulseAudio sink/source, Windows endpoint id, CoreAudio UID
    name: str  # what the user sees in the OS settings
    direction: Literal["output", "input"]
    host_api: str  # "PulseAudio", "WASAPI", "Core Audio", or PortAudio's host API name
    form_factor: str  # softdiag.audio.devices.FORM_FACTORS; "unknown" when the OS does not say
    bus: str = "unknown"  # usb, bluetooth, analog, hdmi, pci, virtual, builtin, unknown
    is_default: bool = False
    channels: int = 0
    sample_rates: tuple[int, ...] = ()
    muted: bool | None = None  # None: the OS does not tell
    volume: float | None = None  # linear, 1.0 = 100 %
    state: str = ""  # running, idle, suspended, unplugged...
    monitor_of: str | None = None  # an input that only repeats an output (PulseAudio monitor)
    properties: tuple[tuple[str, str], ...] = ()  # the raw OS facts the fields came from

    @property
    def key(self) -> str:
        """Unique across directions (a PulseAudio sink and source may share a name)."""
        return f"{self.direction}:{self.id}"


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceInventory(Event):
    """Every audio output and input, and what changed since the last inventory (hot-plug)."""

    provider: str  # "pulse", "windows", "macos", "portaudio"
    devices: tuple[DeviceInfo, ...]
    appeared: tuple[str, ...] = ()  # DeviceInfo.key of devices new since the last inventory
    disappeared: tuple[str, ...] = ()
    problem: str = ""  # why a richer provider was not used (it degrades, never fails)


@dataclass(frozen=True, slots=True, kw_only=True)
class CaptureFigures:
    """What the device check measured on the input (dBFS: full-scale square wave = 0)."""

    seconds: float  # audio captured
    rms_dbfs: float
    peak_dbfs: float
    noise_floor_dbfs: float  # before the test signal: 10th percentile of 20 ms levels
    loud_dbfs: float  # 90th percentile of 20 ms levels over the whole capture
    clipping: float  # share of samples at full scale, 0..1
    dc: float
    silent: bool  # every sample exactly 0
    stuck: bool  # every sample the same non-zero value
    flatness: float  # spectral flatness before the test signal: ~1 noise, ~0 tone
    coupling: float  # normalised cross-correlation of the played signal in the capture
    coupling_delay_ms: float | None = None
    coupling_gain_db: float | None = None
    speech_dbfs: float | None = None  # loud level while the user spoke (guided check)
    first_audio_ms: float | None = None  # input start to its first samples
    played_dbfs: float | None = None  # RMS of the test signal played


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceCheckResult(Event):
    """The active check of one output and one input: measurements, answers and verdicts."""

    output: DeviceInfo | None
    input: DeviceInfo | None
    figures: CaptureFigures | None  # None when no audio could be captured at all
    verdicts: tuple[Finding, ...]  # softdiag.findings ids "device.*", the worst first
    answers: tuple[tuple[str, str], ...] = ()  # the user's answers in the guided check
    duration_s: float = 0.0  # wall time of the whole check


# ---------------------------------------------------------------------------------------
# JSON codec. Generic over the dataclass fields, so a new event needs no codec code.

_T = TypeVar("_T")


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    return value


def event_to_json(event: Event) -> dict[str, Any]:
    """The event as a JSON-ready dict with its ``type``."""
    return {"type": event.type_name, **_encode(event)}


def _decode(tp: Any, value: Any) -> Any:
    origin = get_origin(tp)
    if value is None:
        return None
    if origin is tuple:
        args = get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], v) for v in value)
        return tuple(_decode(a, v) for a, v in zip(args, value, strict=True))
    if origin in (Union, types.UnionType):
        non_none = [a for a in get_args(tp) if a is not type(None)]
        return _decode(non_none[0], value) if len(non_none) == 1 else value
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _from_dict(tp, value)
    return value


def _from_dict(cls: type[_T], data: dict[str, Any]) -> _T:
    hints = typing.get_type_hints(cls)
    kwargs = {
        f.name: _decode(hints[f.name], data[f.name])
        for f in dataclasses.fields(cls)  # type: ignore[arg-type]
        if f.name in data
    }
    return cls(**kwargs)


def event_from_json(data: dict[str, Any] | str) -> Event:
    """Rebuild an event from :func:`event_to_json` output (a dict or its JSON text)."""
    if isinstance(data, str):
        data = json.loads(data)
    assert isinstance(data, dict)
    try:
        cls = EVENT_TYPES[data["type"]]
    except KeyError as exc:
        raise ValueError(f"unknown event type {data.get('type')!r}") from exc
    return _from_dict(cls, {k: v for k, v in data.items() if k != "type"})


# -- the account's state: one owner (softdiag.state), read by every view ------------------

AccountState = Literal["unregistered", "registering", "registered", "unregistering", "failed"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountRequested(Event):
    """The user asked for the account: a new registration, or its end (a cancel while the
    engine has not seen it yet)."""

    action: Literal["register", "unregister", "give_up"]
    aor: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerState:
    """One server of the account, as the state owner sees it: the policy's health and
    where the registration is, together."""

    target: Target
    health: Literal["unknown", "up", "down"] = "unknown"
    # registered: holds the account's registration now; stale: held it, the account moved
    # or failed meanwhile (its binding may live on until it expires); attempt: a REGISTER
    # is in flight there; failed: the last REGISTER there failed.
    role: Literal["", "registered", "stale", "attempt", "failed"] = ""
    current: bool = False  # the policy sends the account here
    last_code: int = 0
    dirty_until: float = 0.0  # monotonic time until which the policy avoids it
    why_id: str = ""
    why_params: tuple[tuple[str, str], ...] = ()
    why: str = ""
    public: str | None = None  # our public ip:port as this server saw it (REGISTER)


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingState:
    """A distinct finding (same id, same values) over time: raised, repeated, resolved."""

    finding: Finding  # the latest occurrence
    count: int = 1
    first: float = 0.0  # monotonic time it was first raised
    first_wall: float = 0.0
    resolved_at: float | None = None  # monotonic time the condition ended; None: current
    resolved_wall: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountSnapshot:
    """Everything known about the account at one moment (softdiag.state.account)."""

    aor: str = ""
    state: AccountState = "unregistered"
    since: float = 0.0  # monotonic time the state began
    since_wall: float = 0.0  # the same on the wall clock
    cause: str = ""  # the fact behind the last state change (softdiag.state.account.Fact)
    server: str | None = None  # target key holding the registration (state registered)
    code: int = 0  # the last REGISTER answer
    reason: str = ""
    retry_after: int | None = None
    expires_at: float | None = None  # monotonic time the registration runs out
    policy: str = ""
    policy_live: bool = False  # a failover policy reported for this attempt
    servers: tuple[ServerState, ...] = ()
    nat: str = ""  # the NAT classification (softdiag.nat.tracker.CLASSES)
    findings: tuple[FindingState, ...] = ()  # worst first, then newest first

    def server_state(self, key: str) -> ServerState | None:
        return next((s for s in self.servers if s.target.key == key), None)

    @property
    def current_findings(self) -> tuple[FindingState, ...]:
        return tuple(f for f in self.findings if f.resolved_at is None)

    @property
    def resolved_findings(self) -> tuple[FindingState, ...]:
        return tuple(f for f in self.findings if f.resolved_at is not None)


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountChanged(Event):
    """The account's snapshot after a fact changed it, with what changed (so a view redraws
    only its part): ``registration``, ``servers``, ``nat``, ``findings``, ``policy``."""

    snapshot: AccountSnapshot
    changes: tuple[str, ...]
