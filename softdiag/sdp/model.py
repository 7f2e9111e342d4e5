"""A small, strict SDP parser (RFC 8866) that remembers where every value came from.

Why hand-written: the analyser quotes the offending lines of an offer and an answer as
evidence and the call window highlights them, so every value must carry its line number;
and malformed input must give a located error ("line 7: m= line without a port") rather
than an exception. ``sdp-transform`` (a port of the JavaScript library) returns plain dicts
without line numbers and silently skips lines its grammar does not match; aiortc's
``aiortc.sdp`` raises ``ValueError`` on the first surprise, keeps no line numbers either,
and brings aiortc's media stack (PyAV, cryptography) along. The grammar the rules need is
small: ``<type>=<value>`` lines, ``c=``, ``m=`` and ``a=`` fields.

Theory of operation
-------------------
:func:`parse_sdp` splits the body into lines (CRLF or LF), checks each is ``x=value`` with
a lower-case type letter, and builds a :class:`Sdp`: session-level lines, then one
:class:`Media` per ``m=`` line with the lines that follow it. Values that the rules use
(connection address, rtpmap, fmtp, direction, setup, fingerprint, ICE attributes,
candidates, crypto, ptime) are parsed on demand by small accessors that never raise.

Invariants
1. :func:`parse_sdp` never raises for any ``str`` input: it returns an :class:`Sdp` or an
   :class:`SdpError` naming the first bad line (1-based) and what is wrong with it.
2. Every attribute keeps its 1-based line number and its exact text for evidence.
3. Input is bounded: more than :data:`MAX_LINES` lines or :data:`MAX_BYTES` characters is
   an error, not work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "MAX_BYTES",
    "MAX_LINES",
    "Attribute",
    "Candidate",
    "Codec",
    "Connection",
    "Media",
    "Sdp",
    "SdpError",
    "SdpLine",
    "parse_sdp",
]

MAX_BYTES = 65536  # an SDP body travels in one UDP datagram; 64 KiB is far beyond real ones
MAX_LINES = 2000

Direction = Literal["sendrecv", "sendonly", "recvonly", "inactive"]
DIRECTIONS: frozenset[str] = frozenset({"sendrecv", "sendonly", "recvonly", "inactive"})

_LINE = re.compile(r"([a-z])=(.*)")
_DIGITS = re.compile(r"[0-9]{1,10}")
_TOKEN = re.compile(r"[!#$%&'*+\-.0-9A-Z^_`a-z{|}~]+")  # RFC 8866 token


@dataclass(frozen=True, slots=True)
class SdpLine:
    number: int  # 1-based line number in the body
    text: str  # the line as written, without its line ending

    def __str__(self) -> str:
        return f"{self.number}: {self.text}"


@dataclass(frozen=True, slots=True)
class SdpError:
    """Why an SDP body could not be read: the first bad line and what is wrong with it."""

    line: int  # 1-based; 0 when the problem is the body as a whole
    message: str
    text: str = ""  # the offending line, when there is one

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str  # as written (attribute names are case-sensitive, RFC 8866 §5.13)
    value: str | None  # None for a property attribute (a=rtcp-mux)
    line: SdpLine


@dataclass(frozen=True, slots=True)
class Connection:
    nettype: str
    addrtype: str  # IP4 / IP6
    address: str  # without a TTL or count suffix
    line: SdpLine


@dataclass(frozen=True, slots=True)
class Codec:
    payload_type: str
    encoding: str  # as written in a=rtpmap, or the static name for 0-34
    clock_rate: int
    channels: int
    rtpmap: SdpLine | None
    fmtp: str | None  # the fmtp parameters, or None when there is no a=fmtp line
    fmtp_line: SdpLine | None

    @property
    def name(self) -> str:
        return f"{self.encoding}/{self.clock_rate}"

    @property
    def is_dtmf(self) -> bool:
        return self.encoding.lower() in ("telephone-event", "cn", "red", "ulpfec", "rtx")

    def fmtp_params(self) -> dict[str, str]:
        """``a=fmtp`` as a dict (``key=value;key2=value2``); a bare value maps to ''."""
        params: dict[str, str] = {}
        for part in (self.fmtp or "").split(";"):
            key, _, value = part.strip().partition("=")
            if key:
                params[key.strip().lower()] = value.strip()
        return params


@dataclass(frozen=True, slots=True)
class Candidate:
    """An ICE candidate (RFC 8839 §5.1), as far as the rules need it."""

    foundation: str
    component: int
    transport: str
    priority: int
    address: str
    port: int
    kind: str  # host / srflx / prflx / relay
    line: SdpLine


# RFC 3551 static payload types that still matter (others must come with a=rtpmap).
_STATIC: dict[str, tuple[str, int, int]] = {
    "0": ("PCMU", 8000, 1), "3": ("GSM", 8000, 1), "4": ("G723", 8000, 1),
    "5": ("DVI4", 8000, 1), "6": ("DVI4", 16000, 1), "7": ("LPC", 8000, 1),
    "8": ("PCMA", 8000, 1), "9": ("G722", 8000, 1), "10": ("L16", 44100, 2),
    "11": ("L16", 44100, 1), "12": ("QCELP", 8000, 1), "13": ("CN", 8000, 1),
    "14": ("MPA", 90000, 1), "15": ("G728", 8000, 1), "16": ("DVI4", 11025, 1),
    "17": ("DVI4", 22050, 1), "18": ("G729", 8000, 1), "25": ("CelB", 90000, 1),
    "26": ("JPEG", 90000, 1), "28": ("nv", 90000, 1), "31": ("H261", 90000, 1),
    "32": ("MPV", 90000, 1), "33": ("MP2T", 90000, 1), "34": ("H263", 90000, 1),
}  # fmt: skip


def _attr_lookup(attributes: tuple[Attribute, ...], name: str) -> list[Attribute]:
    return [a for a in attributes if a.name.lower() == name]


@dataclass(frozen=True, slots=True)
class Media:
    kind: str  # audio / video / application / ...
    port: int
    port_count: int
    proto: str
    formats: tuple[str, ...]
    line: SdpLine
    connection: Connection | None  # this media's own c= line
    attributes: tuple[Attribute, ...]
    session: tuple[Attribute, ...]  # the session-level attributes (for inherited ones)
    session_connection: Connection | None

    def attrs(self, name: str) -> list[Attribute]:
        return _attr_lookup(self.attributes, name)

    def attr(self, name: str) -> Attribute | None:
        found = self.attrs(name)
        return found[0] if found else None

    def attr_or_session(self, name: str) -> list[Attribute]:
        """Media-level attributes, or the session-level ones where the media has none."""
        return self.attrs(name) or _attr_lookup(self.session, name)

    @property
    def rejected(self) -> bool:
        return self.port == 0

    @property
    def address(self) -> Connection | None:
        return self.connection or self.session_connection

    @property
    def direction(self) -> tuple[Direction, SdpLine | None]:
        """The direction attribute (media level wins), sendrecv when absent (RFC 3264)."""
        for attrs in (self.attributes, self.session):
            for a in attrs:
                if a.name in DIRECTIONS and a.value is None:
                    return a.name, a.line  # type: ignore[return-value]
        return "sendrecv", None

    def codecs(self, *, listed: bool = True) -> list[Codec]:
        """The codecs of the m= line's format list, in preference order; with
        ``listed=False``, every codec an a=rtpmap line names, listed or not."""
        rtpmaps: dict[str, Attribute] = {}
        fmtps: dict[str, Attribute] = {}
        for a in self.attributes:
            pt = (a.value or "").partition(" ")[0]
            if a.name.lower() == "rtpmap":
                rtpmaps.setdefault(pt, a)
            elif a.name.lower() == "fmtp":
                fmtps.setdefault(pt, a)
        out: list[Codec] = []
        for pt in self.formats if listed else tuple(rtpmaps):
            rtpmap, fmtp = rtpmaps.get(pt), fmtps.get(pt)
            encoding, rate, channels = _STATIC.get(pt, (f"PT{pt}", 0, 1))
            if rtpmap is not None:
                parsed = _parse_rtpmap((rtpmap.value or "").partition(" ")[2])
                if parsed is not None:
                    encoding, rate, channels = parsed
            params = (fmtp.value or "").partition(" ")[2].strip() if fmtp else None
            out.append(
                Codec(
                    payload_type=pt,
                    encoding=encoding,
                    clock_rate=rate,
                    channels=channels,
                    rtpmap=rtpmap.line if rtpmap else None,
                    fmtp=params,
                    fmtp_line=fmtp.line if fmtp else None,
                )
            )
        return out

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for a in self.attrs("candidate"):
            cand = _parse_candidate(a)
            if cand is not None:
                out.append(cand)
        return out


@dataclass(frozen=True, slots=True)
class Sdp:
    lines: tuple[SdpLine, ...]
    origin: SdpLine | None
    connection: Connection | None  # session-level c=
    attributes: tuple[Attribute, ...]  # session-level a=
    media: tuple[Media, ...]

    def attrs(self, name: str) -> list[Attribute]:
        return _attr_lookup(self.attributes, name)

    def audio(self) -> list[Media]:
        return [m for m in self.media if m.kind == "audio"]


def _parse_rtpmap(text: str) -> tuple[str, int, int] | None:
    name, _, rest = text.strip().partition("/")
    rate, _, channels = rest.partition("/")
    if not name or not _DIGITS.fullmatch(rate):
        return None
    if channels and not _DIGITS.fullmatch(channels):
        return None
    return name, int(rate), int(channels) if channels else 1


def _parse_candidate(attr: Attribute) -> Candidate | None:
    parts = (attr.value or "").split()
    if len(parts) < 8 or parts[6] != "typ":
        return None
    if not (_DIGITS.fullmatch(parts[1]) and _DIGITS.fullmatch(parts[3])):
        return None
    if not _DIGITS.fullmatch(parts[5]) or int(parts[5]) > 65535:
        return None
    return Candidate(
        foundation=parts[0],
        component=int(parts[1]),
        transport=parts[2].lower(),
        priority=int(parts[3]),
        address=parts[4],
        port=int(parts[5]),
        kind=parts[7].lower(),
        line=attr.line,
    )


def _connection(value: str, line: SdpLine) -> Connection | SdpError:
    parts = value.split()
    if len(parts) != 3:
        return SdpError(line.number, "c= needs a network type, an address type and an address",
                        line.text)  # fmt: skip
    nettype, addrtype, address = parts
    if addrtype.upper() not in ("IP4", "IP6"):
        return SdpError(line.number, f"c= address type {addrtype!r} is neither IP4 nor IP6",
                        line.text)  # fmt: skip
    return Connection(nettype, addrtype.upper(), address.split("/", 1)[0], line)


def _media_header(
    value: str, line: SdpLine
) -> tuple[str, int, int, str, tuple[str, ...]] | SdpError:
    parts = value.split()
    if not parts:
        return SdpError(line.number, "m= line is empty", line.text)
    if len(parts) < 2:
        return SdpError(line.number, "m= line without a port", line.text)
    port_text, _, count_text = parts[1].partition("/")
    if not _DIGITS.fullmatch(port_text) or int(port_text) > 65535:
        return SdpError(line.number, f"m= port {parts[1]!r} is not a number 0-65535", line.text)
    if count_text and (not _DIGITS.fullmatch(count_text) or int(count_text) == 0):
        return SdpError(line.number, f"m= port count {count_text!r} is not a positive number",
                        line.text)  # fmt: skip
    if len(parts) < 3:
        return SdpError(line.number, "m= line without a transport protocol", line.text)
    # RFC 8866 wants at least one format, but a media proxy that stripped every codec
    # writes "m=audio 30010 RTP/AVP " (rtpengine 10.5, CASES.md case 5): read it, and let
    # the rules say what is left, rather than stop at a parse error.
    if not _TOKEN.fullmatch(parts[0]):
        return SdpError(line.number, f"m= media type {parts[0]!r} is not a token", line.text)
    count = int(count_text) if count_text else 1
    return parts[0], int(port_text), count, parts[2], tuple(parts[3:])


def parse_sdp(text: str) -> Sdp | SdpError:
    """Read an SDP body. Never raises: a malformed body gives an :class:`SdpError`."""
    try:
        return _parse(text)
    except Exception as exc:  # invariant 1, a safety net: the grammar above should not raise
        return SdpError(0, f"unreadable SDP ({type(exc).__name__})")


def _parse(text: str) -> Sdp | SdpError:
    if not isinstance(text, str):
        return SdpError(0, "SDP must be text")
    if len(text) > MAX_BYTES:
        return SdpError(0, f"SDP longer than {MAX_BYTES} characters")
    raw = text.split("\n")
    if len(raw) > MAX_LINES:
        return SdpError(0, f"SDP with more than {MAX_LINES} lines")
    while raw and not raw[-1].strip("\r"):
        raw.pop()  # trailing empty lines
    if not raw:
        return SdpError(0, "SDP is empty")
    lines: list[SdpLine] = []
    for number, raw_row in enumerate(raw, start=1):
        row = raw_row.removesuffix("\r")
        line = SdpLine(number, row)
        if not _LINE.fullmatch(row):
            if not row.strip():
                return SdpError(number, "empty line inside the SDP", row)
            return SdpError(number, "not a '<letter>=<value>' line", row)
        lines.append(line)
    if lines[0].text != "v=0":
        return SdpError(1, "an SDP must start with v=0", lines[0].text)

    origin: SdpLine | None = None
    session_conn: Connection | None = None
    session_attrs: list[Attribute] = []
    media: list[tuple[tuple[str, int, int, str, tuple[str, ...]], SdpLine, list[SdpLine]]] = []
    for line in lines[1:]:
        kind, value = line.text[0], line.text[2:]
        if kind == "m":
            header = _media_header(value, line)
            if isinstance(header, SdpError):
                return header
            media.append((header, line, []))
        elif media:
            media[-1][2].append(line)
        elif kind == "o":
            if len(value.split()) != 6:
                return SdpError(line.number, "o= needs six fields", line.text)
            origin = line
        elif kind == "c":
            found = _connection(value, line)
            if isinstance(found, SdpError):
                return found
            session_conn = found
        elif kind == "a":
            session_attrs.append(_attribute(value, line))
        elif kind == "v":
            return SdpError(line.number, "a second v= line", line.text)
    if origin is None:
        return SdpError(0, "no o= line before the first m= line")
    session = tuple(session_attrs)
    out: list[Media] = []
    for (mkind, port, count, proto, formats), mline, body in media:
        conn: Connection | None = None
        attrs: list[Attribute] = []
        for line in body:
            kind, value = line.text[0], line.text[2:]
            if kind == "c":
                parsed = _connection(value, line)
                if isinstance(parsed, SdpError):
                    return parsed
                conn = parsed
            elif kind == "a":
                attrs.append(_attribute(value, line))
            elif kind in "vost":
                return SdpError(line.number, f"{kind}= belongs before the first m= line",
                                line.text)  # fmt: skip
        if conn is None and session_conn is None and port != 0:
            return SdpError(mline.number, "m= line without a c= line (none at session level)",
                            mline.text)  # fmt: skip
        out.append(Media(mkind, port, count, proto, formats, mline, conn, tuple(attrs),
                         session, session_conn))  # fmt: skip
    return Sdp(tuple(lines), origin, session_conn, session, tuple(out))


def _attribute(value: str, line: SdpLine) -> Attribute:
    name, sep, rest = value.partition(":")
    return Attribute(name.strip(), rest if sep else None, line)
