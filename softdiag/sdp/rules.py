"""Offer/answer rules: what in an SDP exchange makes a connected call silent.

Theory of operation
-------------------
:func:`analyze` takes the offer and the answer as text, who wrote each (``local`` is
softdiag, ``remote`` the far end) and the headers of the SIP messages that carried them,
and returns an :class:`Analysis`: the findings, worst first, and for each finding the SDP
lines it rests on (``marks``, for the call window to highlight). Media sections are paired
by position (RFC 3264 §6: the answer has as many m= lines as the offer, in order).

Rules (ids in ``softdiag.sdp.texts``; each quotes the lines it rests on as evidence):

- codecs: ``sdp.answer_only_telephone_event``, ``sdp.no_common_audio_codec``,
  ``sdp.codec_removed`` (every voice codec of the offer gone: naming the middlebox the
  headers name), ``sdp.fmtp_mismatch`` (a codec in both with other fmtp parameters);
- stream: ``sdp.media_rejected`` (audio port 0), ``sdp.direction_oneway``,
  ``sdp.address_unusable``, ``sdp.profile_mismatch``, ``sdp.crypto_mismatch``,
  ``sdp.rtcp_mux_mismatch``, ``sdp.ptime_odd``;
- DTLS (RFC 8842, RFC 8122): ``dtls.setup_conflict``, ``dtls.fingerprint_missing``,
  ``dtls.fingerprint_malformed``;
- ICE (RFC 8839, RFC 8445): ``ice.credentials_missing``, ``ice.lite_both``,
  ``ice.candidates_unusable``.

Invariants
1. Pure: no I/O, no clock; the same input gives the same findings in the same order.
2. Never raises: an unreadable offer or answer is one ``sdp.unparseable`` finding.
3. A normal exchange (a common voice codec, sendrecv, reachable addresses, one profile)
   gives no finding at all: an answer naturally keeps a subset of the offered codecs.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from softdiag.events import Finding, SdpMark
from softdiag.findings import make_finding
from softdiag.media.addresses import private_block

from .model import Attribute, Codec, Media, Sdp, SdpError, SdpLine, parse_sdp
from .texts import REASONS

__all__ = ["Analysis", "Party", "analyze", "middleboxes"]

Side = Literal["offer", "answer"]
Role = Literal["local", "remote"]

_SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# Names that give a middlebox away in Via, Record-Route, Server or User-Agent headers.
_MIDDLEBOX_NAMES = (
    "rtpengine", "rtpproxy", "mediaproxy", "kamailio", "opensips", "freeswitch", "asterisk",
    "sbc", "b2bua", "acme packet", "audiocodes", "ribbon", "sonus", "oracle", "drachtio",
    "3cx", "sems", "yate",
)  # fmt: skip
_PATH_HEADERS = ("via", "record-route", "server", "user-agent")

# RFC 8122 §5 / IANA "Hash Function Textual Names": digest length in bytes.
_HASH_BYTES = {"sha-1": 20, "sha-224": 28, "sha-256": 32, "sha-384": 48, "sha-512": 64,
               "md5": 16, "md2": 16}  # fmt: skip
_HEX_PAIRS = re.compile(r"[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2})*")
_ICE_CHARS = re.compile(r"[A-Za-z0-9+/]+")  # RFC 8839 §5.4 ice-char
# Codecs whose fmtp parameters describe what each receiver wants, so that an offer and an
# answer differing there is normal (RFC 4733 event ranges, RFC 7587 Opus, RFC 6184 H.264).
_DECLARATIVE_FMTP = frozenset({"telephone-event", "opus", "h264", "vp8", "vp9", "red", "cn"})
_USUAL_PTIME = frozenset({10, 20, 30, 40, 50, 60, 80, 90, 100, 120})


@dataclass(frozen=True, slots=True)
class Party:
    """Who wrote one SDP, and the headers of the SIP message that carried it."""

    role: Role
    headers: tuple[tuple[str, str], ...] = ()  # (lower-case name, value)


@dataclass(frozen=True, slots=True)
class Analysis:
    findings: tuple[Finding, ...]
    marks: tuple[SdpMark, ...]
    internal_error: str = ""  # a rule raised (a bug): the safety net of invariant 2 caught it

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.findings]


@dataclass(slots=True)
class _Out:
    findings: list[Finding] = field(default_factory=list)
    marks: list[SdpMark] = field(default_factory=list)

    def add(
        self,
        finding_id: str,
        lines: Iterable[tuple[Side, SdpLine | None]],
        *,
        extra: tuple[str, ...] = (),
        **params: object,
    ) -> None:
        seen: set[tuple[str, int]] = set()
        evidence: list[str] = []
        for side, line in lines:
            if line is None or (side, line.number) in seen:
                continue
            seen.add((side, line.number))
            evidence.append(f"{side} line {line}")
            self.marks.append(SdpMark(finding=finding_id, side=side, line=line.number))
        if any(f.id == finding_id and dict(f.params) == _str(params) for f in self.findings):
            return
        self.findings.append(make_finding(finding_id, evidence=tuple(evidence) + extra, **params))


def _str(params: dict[str, object]) -> dict[str, str]:
    return {k: str(v) for k, v in params.items()}


def middleboxes(*header_sets: tuple[tuple[str, str], ...]) -> list[str]:
    """'rtpengine (record-route: <sip:…>)' for every path header naming a known middlebox."""
    found: list[str] = []
    for headers in header_sets:
        for name, value in headers:
            if name.lower() not in _PATH_HEADERS:
                continue
            low = value.lower()
            for known in _MIDDLEBOX_NAMES:
                if re.search(rf"(?<![a-z0-9]){re.escape(known)}(?![a-z])", low):
                    item = f"{known} ({name.lower()}: {value.strip()[:120]})"
                    if item not in found:
                        found.append(item)
    return found


def analyze(
    offer: str,
    answer: str,
    *,
    offerer: Party | None = None,
    answerer: Party | None = None,
) -> Analysis:
    """Run every rule on one offer/answer exchange (see the module docstring)."""
    offerer = offerer or Party("local")
    answerer = answerer or Party("remote" if offerer.role == "local" else "local")
    out = _Out()
    internal = ""
    try:
        _analyze(out, offer, answer, offerer, answerer)
    except Exception as exc:  # invariant 2, a safety net: the rules below should not raise
        internal = f"{type(exc).__name__}: {exc}"[:200]
        out.add("sdp.unparseable", (), side="exchange", error=f"analysis failed ({internal})")
    order = {id(f): i for i, f in enumerate(out.findings)}
    findings = sorted(out.findings, key=lambda f: (_SEVERITY_ORDER[f.severity], order[id(f)]))
    return Analysis(tuple(findings), tuple(out.marks), internal)


def _analyze(out: _Out, offer_text: str, answer_text: str, offerer: Party,
             answerer: Party) -> None:  # fmt: skip
    offer, answer = parse_sdp(offer_text), parse_sdp(answer_text)
    for side, parsed in (("offer", offer), ("answer", answer)):
        if isinstance(parsed, SdpError):
            line = SdpLine(parsed.line, parsed.text) if parsed.line else None
            out.add("sdp.unparseable", [(side, line)], side=side, error=str(parsed))  # type: ignore[list-item]
    if isinstance(offer, SdpError) or isinstance(answer, SdpError):
        return
    boxes = middleboxes(offerer.headers, answerer.headers)
    path = "; ".join(boxes) if boxes else REASONS["no_middlebox"]
    for index, om in enumerate(offer.media):
        am = answer.media[index] if index < len(answer.media) else None
        if am is None:
            if om.kind == "audio" and om.port != 0:
                out.add("sdp.media_rejected", [("offer", om.line)],
                        extra=("answer: no m= line for this stream",))  # fmt: skip
            continue
        if om.port == 0:
            continue  # the offerer itself disabled this stream
        if am.port == 0:
            if om.kind == "audio":
                out.add("sdp.media_rejected", [("offer", om.line), ("answer", am.line)])
            continue
        if om.proto.lower() != am.proto.lower():
            out.add("sdp.profile_mismatch", [("offer", om.line), ("answer", am.line)],
                    offered=om.proto, answered=am.proto)  # fmt: skip
        if om.kind == "audio":
            _codecs(out, om, am, path)
            _direction(out, om, am)
            _addresses(out, om, am)
            _ptime(out, om, "offer")
            _ptime(out, am, "answer")
        _crypto(out, om, am)
        _rtcp_mux(out, om, am)
        _dtls(out, om, am)
        _ice(out, offer, answer, om, am)


# -- codecs ---------------------------------------------------------------------------------


def _key(codec: Codec) -> tuple[str, int]:
    return codec.encoding.lower(), codec.clock_rate


def _codec_lines(side: Side, codecs: Iterable[Codec]) -> list[tuple[Side, SdpLine | None]]:
    """The rtpmap and fmtp lines of these codecs."""
    lines: list[tuple[Side, SdpLine | None]] = []
    for c in codecs:
        lines += [(side, c.rtpmap), (side, c.fmtp_line)]
    return lines


def _names(codecs: Iterable[Codec]) -> str:
    names = [c.name for c in codecs]
    return ", ".join(names) if names else "none"


def _codecs(out: _Out, om: Media, am: Media, path: str) -> None:
    offered, answered = om.codecs(), am.codecs()
    o_voice = [c for c in offered if not c.is_dtmf]
    a_voice = [c for c in answered if not c.is_dtmf]
    o_keys = {_key(c) for c in o_voice}
    kept = [c for c in a_voice if _key(c) in o_keys]
    mlines: list[tuple[Side, SdpLine | None]] = [("offer", om.line), ("answer", am.line)]
    extra: tuple[str, ...] = ()
    shown = answered
    if not am.formats:  # every format stripped (rtpengine): only a=rtpmap lines are left
        shown = am.codecs(listed=False)
        extra = ("answer: the m= line lists no payload type at all; these a=rtpmap lines "
                 "are all that is left",)  # fmt: skip
    if not a_voice and any(c.encoding.lower() == "telephone-event" for c in shown):
        out.add("sdp.answer_only_telephone_event",
                mlines + _codec_lines("answer", shown), extra=extra, path=path)  # fmt: skip
    elif not kept:
        out.add("sdp.no_common_audio_codec",
                mlines + _codec_lines("offer", o_voice) + _codec_lines("answer", a_voice),
                offered=_names(o_voice), answered=_names(a_voice), path=path)  # fmt: skip
    if o_voice and not kept:
        out.add("sdp.codec_removed", [("offer", om.line), *_codec_lines("offer", o_voice)],
                extra=tuple(f"path: {p}" for p in path.split("; ")),
                codecs=_names(o_voice), path=path)  # fmt: skip
    by_key = {_key(c): c for c in offered}
    for codec in answered:
        mine = by_key.get(_key(codec))
        if mine is None or codec.encoding.lower() in _DECLARATIVE_FMTP:
            continue
        if mine.fmtp_params() != codec.fmtp_params():
            out.add("sdp.fmtp_mismatch",
                    [("offer", mine.rtpmap), ("offer", mine.fmtp_line),
                     ("answer", codec.rtpmap), ("answer", codec.fmtp_line)],
                    codec=codec.name, offered=mine.fmtp or "none",
                    answered=codec.fmtp or "none")  # fmt: skip


# -- direction, addresses, ptime ------------------------------------------------------------


def _direction(out: _Out, om: Media, am: Media) -> None:
    for side, media in (("offer", om), ("answer", am)):
        direction, line = media.direction
        if direction != "sendrecv":
            out.add("sdp.direction_oneway", [(side, line)], side=side,  # type: ignore[list-item]
                    direction=direction)  # fmt: skip


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(address)
    except ValueError:
        return None  # a host name (allowed by RFC 8866): nothing to judge


def _scope(address: str) -> str | None:
    ip = _ip(address)
    if ip is None:
        return None
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if private_block(address) is not None:
        return "private"
    if ip.is_multicast or ip.is_reserved:
        return None
    return "public"  # documentation and benchmark blocks too: they stand for public ones


def _addresses(out: _Out, om: Media, am: Media) -> None:
    oc, ac = om.address, am.address
    if oc is None or ac is None:
        return
    both_ice = bool(om.candidates()) and bool(am.candidates())
    pairs: tuple[tuple[Side, Media, Side, Media], ...] = (
        ("offer", om, "answer", am), ("answer", am, "offer", om))  # fmt: skip
    for side, media, other_side, other in pairs:
        mine, theirs = media.address, other.address
        assert mine is not None and theirs is not None
        scope, other_scope = _scope(mine.address), _scope(theirs.address)
        lines: list[tuple[Side, SdpLine | None]] = [(side, mine.line), (other_side, theirs.line)]
        why = ""
        if scope == "unspecified":
            why = REASONS["addr_unspecified"]
        elif both_ice:
            continue  # ICE chooses the addresses; the candidates rule judges them
        elif mine.addrtype != theirs.addrtype and not any(
            (":" in c.address) == (theirs.addrtype == "IP6") for c in media.candidates()
        ):
            why = REASONS["addr_ipv6_only" if mine.addrtype == "IP6" else "addr_ipv4_only"]
        elif scope == "private" and other_scope == "public":
            why = REASONS["addr_private"]
        elif scope == "loopback" and other_scope == "public":
            why = REASONS["addr_loopback"]
        if why:
            out.add("sdp.address_unusable", lines, side=side, address=mine.address, why=why)


def _ptime(out: _Out, media: Media, side: Side) -> None:
    values: dict[str, tuple[float | None, Attribute]] = {}
    for name in ("ptime", "maxptime"):
        found = media.attr(name)
        if found is not None:
            try:
                values[name] = (float((found.value or "").strip()), found)
            except ValueError:
                values[name] = (None, found)
    for name, (value, attr) in values.items():
        odd = value is None or not (0 < value <= 200)
        if name == "ptime" and not odd and value is not None:
            odd = int(value) != value or int(value) not in _USUAL_PTIME
        if odd:
            out.add("sdp.ptime_odd", [(side, attr.line)], side=side,
                    value=f"{name} {(attr.value or '').strip()}")  # fmt: skip
    ptime, maxptime = values.get("ptime"), values.get("maxptime")
    if (
        ptime
        and maxptime
        and ptime[0] is not None
        and maxptime[0] is not None
        and (maxptime[0] < ptime[0])
    ):
        out.add("sdp.ptime_odd", [(side, ptime[1].line), (side, maxptime[1].line)],
                side=side, value=f"ptime {ptime[0]:g} above maxptime {maxptime[0]:g}")  # fmt: skip


# -- SRTP: SDES and DTLS ---------------------------------------------------------------------


def _uses_dtls(media: Media) -> bool:
    return "TLS" in media.proto.upper()


def _crypto(out: _Out, om: Media, am: Media) -> None:
    o_crypto, a_crypto = om.attrs("crypto"), am.attrs("crypto")
    o_fp, a_fp = om.attr_or_session("fingerprint"), am.attr_or_session("fingerprint")
    lines: list[tuple[Side, SdpLine | None]] = [("offer", a.line) for a in o_crypto + o_fp]
    lines += [("answer", a.line) for a in a_crypto + a_fp]
    proto = am.proto.upper()
    why = ""
    if o_crypto and not a_crypto and a_fp:
        why = REASONS["crypto_sdes_vs_dtls"]
    elif a_crypto and not o_crypto and o_fp:
        why = REASONS["crypto_dtls_vs_sdes"]
    elif a_crypto and not o_crypto:
        why = REASONS["crypto_unasked"]
    elif o_crypto and a_crypto:
        suites = {_suite(a) for a in o_crypto}
        answered = _suite(a_crypto[0])
        if answered not in suites:
            why = REASONS["crypto_no_common_suite"]
    elif "SAVP" in proto and "TLS" not in proto and not a_crypto:
        why = REASONS["crypto_no_key"]
    if why:
        out.add("sdp.crypto_mismatch",
                [("offer", om.line), ("answer", am.line), *lines],
                why=why)  # fmt: skip


def _suite(attr: Attribute) -> str:
    parts = (attr.value or "").split()
    return parts[1] if len(parts) > 1 else "?"


def _rtcp_mux(out: _Out, om: Media, am: Media) -> None:
    o_mux, a_mux = om.attr("rtcp-mux"), am.attr("rtcp-mux")
    o_only = om.attr("rtcp-mux-only")
    why = ""
    if a_mux is not None and o_mux is None and o_only is None:
        why = REASONS["mux_unasked"]
    elif o_only is not None and a_mux is None:
        why = REASONS["mux_required"]
    elif o_mux is not None and a_mux is None and _uses_dtls(om):
        why = REASONS["mux_webrtc"]
    if why:
        lines: list[tuple[Side, SdpLine | None]] = [("offer", om.line), ("answer", am.line)]
        for side, attr in (("offer", o_mux), ("offer", o_only), ("answer", a_mux)):
            if attr is not None:
                lines.append((side, attr.line))  # type: ignore[arg-type]
        out.add("sdp.rtcp_mux_mismatch", lines, why=why)


def _dtls(out: _Out, om: Media, am: Media) -> None:
    if not (_uses_dtls(om) or _uses_dtls(am) or om.attr_or_session("fingerprint")):
        return
    pairs: tuple[tuple[Side, Media], ...] = (("offer", om), ("answer", am))
    for side, media in pairs:
        fps = media.attr_or_session("fingerprint")
        if not fps and _uses_dtls(media):
            out.add("dtls.fingerprint_missing", [(side, media.line)], side=side)
        for fp in fps:
            why = _fingerprint_problem(fp.value or "")
            if why:
                out.add("dtls.fingerprint_malformed", [(side, fp.line)], side=side, why=why)
    if not (_uses_dtls(am) or am.attr_or_session("fingerprint")):
        return  # the answer did not take up DTLS: the profile/crypto rules say so
    o_setup, a_setup = om.attr_or_session("setup"), am.attr_or_session("setup")
    # RFC 4145 §4: an absent a=setup means active; RFC 8842 §5.2 wants it in every offer.
    offered = (o_setup[0].value or "").strip().lower() if o_setup else "active"
    answered = (a_setup[0].value or "").strip().lower() if a_setup else "active"
    conflict = (
        answered in ("actpass", "holdconn")
        or offered == "holdconn"
        or (offered != "actpass" and offered == answered)
        or answered not in ("active", "passive", "actpass", "holdconn")
    )
    if conflict:
        lines: list[tuple[Side, SdpLine | None]] = [
            ("offer", o_setup[0].line if o_setup else om.line),
            ("answer", a_setup[0].line if a_setup else am.line),
        ]
        out.add("dtls.setup_conflict", lines, offered=offered or "?", answered=answered or "?")


def _fingerprint_problem(value: str) -> str:
    parts = value.split()
    if len(parts) != 2:
        return REASONS["fp_format"]
    name, digest = parts[0].lower(), parts[1]
    if name not in _HASH_BYTES:
        return REASONS["fp_hash"]
    if not _HEX_PAIRS.fullmatch(digest):
        return REASONS["fp_hex"]
    if digest.count(":") + 1 != _HASH_BYTES[name]:
        return REASONS["fp_length"]
    return ""


# -- ICE ------------------------------------------------------------------------------------


def _ice_attr(sdp: Sdp, media: Media, name: str) -> Attribute | None:
    found = media.attr_or_session(name)
    return found[0] if found else None


def _ice(out: _Out, offer: Sdp, answer: Sdp, om: Media, am: Media) -> None:
    sides: tuple[tuple[Side, Sdp, Media], ...] = (("offer", offer, om), ("answer", answer, am))
    uses: dict[str, bool] = {}
    for side, sdp, media in sides:
        ufrag, pwd = _ice_attr(sdp, media, "ice-ufrag"), _ice_attr(sdp, media, "ice-pwd")
        cands = media.attrs("candidate")
        uses[side] = bool(ufrag or pwd or cands or sdp.attrs("ice-lite"))
        if not uses[side]:
            continue
        why = ""
        if ufrag is None and pwd is None:
            why = REASONS["ice_no_credentials"]
        elif ufrag is None or pwd is None:
            why = REASONS["ice_no_ufrag" if ufrag is None else "ice_no_pwd"]
        else:
            u, p = (ufrag.value or "").strip(), (pwd.value or "").strip()
            if not (4 <= len(u) <= 256 and _ICE_CHARS.fullmatch(u)):
                why = REASONS["ice_bad_ufrag"]
            elif not (22 <= len(p) <= 256 and _ICE_CHARS.fullmatch(p)):
                why = REASONS["ice_bad_pwd"]
        if why:
            lines: list[tuple[Side, SdpLine | None]] = [(side, media.line)]
            lines += [(side, a.line) for a in (ufrag, pwd) if a is not None]
            out.add("ice.credentials_missing", lines, side=side, why=why)
    if offer.attrs("ice-lite") and answer.attrs("ice-lite"):
        out.add("ice.lite_both",
                [("offer", offer.attrs("ice-lite")[0].line),
                 ("answer", answer.attrs("ice-lite")[0].line)])  # fmt: skip
    if uses.get("offer") and uses.get("answer"):
        _candidates(out, "offer", om, "answer", am)
        _candidates(out, "answer", am, "offer", om)


def _addresses_of(media: Media) -> list[str]:
    cands = [c.address for c in media.candidates() if c.component == 1]
    if cands:
        return cands
    return [media.address.address] if media.address else []


def _candidates(out: _Out, side: Side, media: Media, other_side: Side, other: Media) -> None:
    cands = [c for c in media.candidates() if c.component == 1]
    end = media.attr("end-of-candidates")
    why = ""
    if not cands:
        if end is not None:
            why = REASONS["cand_none"]
    else:
        theirs = [a for a in _addresses_of(other) if _ip(a) is not None]
        their_v6 = {":" in a for a in theirs}
        mine_v6 = {":" in c.address for c in cands if _ip(c.address) is not None}
        if theirs and mine_v6 == {True} and their_v6 == {False}:
            why = REASONS["cand_ipv6_only"]
        else:
            scopes = {_scope(c.address) for c in cands}
            kinds = {c.kind for c in cands}
            their_scopes = {_scope(a) for a in theirs}
            if (
                kinds <= {"host"}
                and scopes <= {"private", "loopback"}
                and their_scopes == {"public"}
            ):
                why = REASONS["cand_private_only"]
    if why:
        lines: list[tuple[Side, SdpLine | None]] = [(side, c.line) for c in cands]
        if end is not None:
            lines.append((side, end.line))
        lines.append((side, media.line))
        out.add("ice.candidates_unusable", lines, side=side, why=why)
