"""Secrets out of SIP text, by parsing: what a bundle, a trace or ``-v`` may show.

What counts as a secret (RFC 3261 §22.4, RFC 7616 §3.4):

1. Digest ``response`` and ``cnonce`` wherever they appear as auth-params, in any header
   (a registrar may echo our Authorization in a header of its own) or in the body: their
   value lets an attacker test password guesses offline.
2. Every other credential scheme (Basic, Bearer, …) in ``Authorization`` /
   ``Proxy-Authorization``: the whole credential.
3. The account password, but only where it stands as a whole token (between separators
   such as blanks, quotes, ``:``, ``@``, ``=``, ``;``, ``,``, ``<``, ``>``), never as a
   substring: the password ``SIP`` must not turn ``SIP/2.0`` into ``<redacted>/2.0`` and
   tell a reader what it was.
4. Digest values seen once (in what we sent) stay secrets for the life of a
   :class:`Redactor`: an answer that echoes them bare, outside any auth-param, even glued
   to other text, loses them too. They are long random strings (a hash, a client nonce),
   so unlike a password they are replaced wherever they appear.
5. Keys in SDP bodies (:func:`redact_sdp`): SRTP keys (RFC 4568 ``a=crypto``), ICE
   passwords and MIKEY data. The line keeps its shape (tag, suite, ``inline:``) so
   Wireshark and SDP parsers still read it; only the key material goes.

The bundle runs the same functions again over every text it exports.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

__all__ = ["REDACTED", "Redactor", "redact_sdp", "redact_sip"]

REDACTED = "<redacted>"

_FOLD = re.compile(r"\r?\n[ \t]+")
# An auth-param name at a parameter boundary, then a quoted-string or a token (RFC 7616).
_DIGEST_PARAM = re.compile(
    r"(?P<pre>(?:^|[\s,;:]))(?P<name>response|cnonce)(?P<eq>[ \t]*=[ \t]*)"
    r'(?P<value>"(?:[^"\\\r\n]|\\.)*"?|[^\s,;"]+)',
    re.IGNORECASE,
)
_AUTH_LINE = re.compile(
    r"^(?P<name>(?:proxy-)?authorization[ \t]*:[ \t]*)(?P<scheme>[^\s,]+)(?P<rest>.*)$",
    re.IGNORECASE | re.MULTILINE,
)
# Characters that end a token when looking for a password inside text.
_SEP = r"""\s"'<>@:;,=&?\[\]()"""


# a=crypto:<tag> <suite> inline:<key||salt>[|lifetime][|MKI:len] [session params]
_CRYPTO = re.compile(r"^(a=crypto:\s*\S+\s+\S+\s+inline:)([^|\s]+)", re.IGNORECASE | re.MULTILINE)
# ICE passwords authenticate STUN connectivity checks (RFC 8445 §5.3): a secret too.
_ICE_PWD = re.compile(r"^(a=ice-pwd:)(\S+)", re.IGNORECASE | re.MULTILINE)
# MIKEY / key-mgmt (RFC 4567) carries wrapped keys.
_KEY_MGMT = re.compile(r"^(a=key-mgmt:\s*\S+\s+)(\S+)", re.IGNORECASE | re.MULTILINE)


def _token_pattern(secret: str) -> re.Pattern[str]:
    return re.compile(rf"(?:(?<=^)|(?<=[{_SEP}])){re.escape(secret)}(?=$|[{_SEP}])", re.M)


def _anywhere_pattern(secret: str) -> re.Pattern[str]:
    return re.compile(re.escape(secret))


class Redactor:
    """Redacts SIP text; remembers digest values it has seen (rule 4). Thread-safe."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._lock = threading.Lock()
        self._patterns: dict[str, re.Pattern[str]] = {}
        for secret in secrets:
            self.add_secret(secret)

    def add_secret(self, secret: str, *, anywhere: bool = False) -> None:
        """A password (replaced where it stands as a token) or, with ``anywhere``, a long
        random value (replaced wherever it appears)."""
        with self._lock:
            if secret and secret != REDACTED and secret not in self._patterns:
                pattern = _anywhere_pattern if anywhere else _token_pattern
                self._patterns[secret] = pattern(secret)
                if len(self._patterns) > 256:  # bounded: forget the oldest learnt value
                    self._patterns.pop(next(iter(self._patterns)))

    def redact(self, text: str) -> str:
        # Unfold continuation lines first, so a header split over lines is one value.
        text = _FOLD.sub(" ", text)

        def auth(m: re.Match[str]) -> str:
            if m.group("scheme").lower() == "digest":
                return m.group(0)  # its secret params go below, like any header's
            return f"{m.group('name')}{m.group('scheme')} {REDACTED}"

        text = _AUTH_LINE.sub(auth, text)

        def param(m: re.Match[str]) -> str:
            value = m.group("value").strip('"')
            if len(value) >= 8:  # a learnt value: redacted wherever it shows up again
                self.add_secret(value, anywhere=True)
            return f'{m.group("pre")}{m.group("name")}{m.group("eq")}"{REDACTED}"'

        text = _DIGEST_PARAM.sub(param, text)
        # Longest first: a secret that contains another is replaced whole.
        with self._lock:
            patterns = sorted(self._patterns.items(), key=lambda kv: len(kv[0]), reverse=True)
        for _, pattern in patterns:
            text = pattern.sub(REDACTED, text)
        return redact_sdp(text)


def redact_sip(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Stateless form of :meth:`Redactor.redact`."""
    return Redactor(secrets).redact(text)


def redact_sdp(text: str) -> str:
    """SDP (or a whole SIP message) with SRTP keys, ICE passwords and MIKEY data removed."""
    if "a=" not in text and "A=" not in text:
        return text
    text = _CRYPTO.sub(rf"\1{REDACTED}", text)
    text = _ICE_PWD.sub(rf"\1{REDACTED}", text)
    return _KEY_MGMT.sub(rf"\1{REDACTED}", text)
