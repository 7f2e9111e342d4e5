"""Just enough SIP message parsing for diagnostics: headers, the top Via, and redaction.

This is not a SIP stack (pjsua2 is): it reads what pjsua2 logged or received so that
events can say which address the server saw (Via ``received``/``rport``, RFC 3581) and
which server answered. Tolerant by design: a malformed message yields what could be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .redact import redact_sdp

__all__ = ["SipHead", "ViaInfo", "parse_head", "parse_retry_after", "redact_sip", "top_via"]

# RFC 3261 §7.3.3 compact header names.
_COMPACT = {
    "v": "via", "f": "from", "t": "to", "i": "call-id", "m": "contact", "l": "content-length",
    "c": "content-type", "k": "supported", "s": "subject", "e": "content-encoding",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class SipHead:
    start_line: str
    headers: tuple[tuple[str, str], ...]  # (lower-case full name, value), in message order

    def get(self, name: str) -> str | None:
        name = name.lower()
        return next((v for n, v in self.headers if n == name), None)

    def get_all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for n, v in self.headers if n == name]

    @property
    def status(self) -> int | None:
        parts = self.start_line.split(" ", 2)
        if parts[0].startswith("SIP/") and len(parts) > 1 and parts[1].isdigit():
            return int(parts[1])
        return None


@dataclass(frozen=True, slots=True)
class ViaInfo:
    transport: str
    sent_by: str
    received: str | None
    rport: int | None


def parse_head(text: str) -> SipHead:
    head = re.split(r"\r?\n\r?\n", text, maxsplit=1)[0]
    lines = head.replace("\r\n", "\n").split("\n")
    headers: list[tuple[str, str]] = []
    for line in lines[1:]:
        if line[:1] in (" ", "\t") and headers:  # folded continuation line
            name, value = headers[-1]
            headers[-1] = (name, f"{value} {line.strip()}")
            continue
        name, sep, value = line.partition(":")
        if not sep:
            continue
        key = name.strip().lower()
        headers.append((_COMPACT.get(key, key), value.strip()))
    return SipHead(lines[0].strip() if lines else "", tuple(headers))


def parse_retry_after(value: str | None) -> int | None:
    """RFC 3261 §20.33: delta-seconds, optionally followed by a comment and parameters."""
    if not value:
        return None
    digits = value.strip().split(";", 1)[0].split("(", 1)[0].strip()
    return int(digits) if digits.isdigit() else None


def top_via(head: SipHead) -> ViaInfo | None:
    via = head.get("via")
    if not via:
        return None
    first = via.split(",", 1)[0].strip()
    m = re.match(r"SIP\s*/\s*2\.0\s*/\s*(\w+)\s+([^;\s]+)(.*)", first, re.IGNORECASE)
    if not m:
        return None
    params: dict[str, str] = {}
    for p in m.group(3).split(";"):
        k, _, v = p.strip().partition("=")
        if k:
            params[k.lower()] = v
    rport = params.get("rport", "")
    return ViaInfo(
        transport=m.group(1).lower(),
        sent_by=m.group(2),
        received=params.get("received") or None,
        rport=int(rport) if rport.isdigit() else None,
    )


_AUTH_HEADER = re.compile(
    r"^((?:proxy-)?authorization\s*:\s*)(\w+)(.*)$", re.IGNORECASE | re.MULTILINE
)
_SECRET_PARAM = re.compile(r'\b(response|cnonce)\s*=\s*("[^"]*"|[^,\s]+)', re.IGNORECASE)


def redact_sip(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove secrets from a SIP message before it is stored anywhere.

    Digest ``response`` and ``cnonce`` values are replaced (they let an attacker test
    password guesses offline); any other authorization scheme loses its whole value; and
    every known secret string (the account password) is replaced wherever it appears.
    """

    def _auth(m: re.Match[str]) -> str:
        scheme = m.group(2)
        if scheme.lower() != "digest":
            return f"{m.group(1)}{scheme} <redacted>"
        return m.group(1) + scheme + _SECRET_PARAM.sub(r'\1="<redacted>"', m.group(3))

    text = redact_sdp(_AUTH_HEADER.sub(_auth, text))  # SRTP keys: softdiag.sip.redact
    for secret in secrets:
        if secret:
            text = text.replace(secret, "<redacted>")
    return text
