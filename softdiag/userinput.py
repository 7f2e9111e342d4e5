"""What users type, validated and normalised in one place (CLI, GUI and profiles alike).

- :func:`sip_user_part`: the user part of a SIP URI, percent-encoded per RFC 3261 §25.1
  (``user = 1*( unreserved / escaped / user-unreserved )``), so ``josé`` and ``张伟``
  register as ``jos%C3%A9`` and ``%E5%BC%A0%E4%BC%9F``. pjsip refuses a URI with raw
  non-ASCII or ``"``/``<`` in it, so this must happen before the engine sees the account.
  A ``:`` is refused: ``user:password`` would put the password on the wire and in the
  address of record (RFC 3261 §19.1.1 says not to).
- :func:`normalise_account`: the whole account (user part, domain as a
  :class:`~softdiag.hostport.HostPort`, DNS server, expiry) or one ``ValueError`` line.
- :func:`seconds`: durations and timeouts; ``nan``, ``inf``, negatives and absurd values
  are refused (a ``nan`` deadline never ends a loop).
"""

from __future__ import annotations

import dataclasses
import math
import re
import string
from collections.abc import Callable

from .commands import AccountSpec
from .hostport import HostPort

__all__ = [
    "MAX_SECONDS",
    "call_uri",
    "normalise_account",
    "seconds",
    "seconds_arg",
    "sip_user_part",
]

MAX_SECONDS = 7 * 86400.0  # no command waits longer than a week
MIN_EXPIRES, MAX_EXPIRES = 5, 86400
TRANSPORTS = ("udp", "tcp", "tls")

# RFC 3261 §25.1: unreserved = alphanum / mark; user-unreserved = & = + $ , ; ? /
_USER_SAFE = frozenset(string.ascii_letters + string.digits + "-_.!~*'()" + "&=+$,;?/")
_ESCAPED = re.compile(r"%[0-9A-Fa-f]{2}")


def sip_user_part(user: str) -> str:
    """The user part as it goes in a SIP URI; ValueError with a one-line reason if bad."""
    text = user.strip()
    if not text:
        raise ValueError("the user name is empty")
    if any(not c.isprintable() or c.isspace() for c in text):
        raise ValueError(f"the user name {ascii(text)[:60]} has spaces or control characters")
    if ":" in text:
        raise ValueError("the user name contains ':' — a password never goes in the user name")
    if "@" in text:
        raise ValueError(f"{ascii(text)[:60]} is not a user name (give the part before the @)")
    if len(text.encode("utf-8")) > 256:
        raise ValueError("the user name is longer than 256 bytes")
    out: list[str] = []
    i = 0
    while i < len(text):
        c = text[i]
        if c == "%" and _ESCAPED.match(text, i):
            out.append(text[i : i + 3].upper())  # already escaped: keep it
            i += 3
            continue
        out.append(c if c in _USER_SAFE else "".join(f"%{b:02X}" for b in c.encode("utf-8")))
        i += 1
    return "".join(out)


def normalise_account(spec: AccountSpec) -> AccountSpec:
    """The account with its user part encoded and its domain checked; ValueError if bad.

    The digest user name keeps what the user typed (servers keep accounts as typed) unless
    it holds a quote or backslash, which cannot go in a quoted-string as is.
    """
    user = sip_user_part(spec.user)
    domain = HostPort.parse(spec.domain, what="SIP domain")
    if spec.transport not in TRANSPORTS:
        raise ValueError(f"unknown transport {spec.transport!r} (use udp, tcp or tls)")
    if spec.dns:
        HostPort.parse(spec.dns, what="DNS server", require_ip=True)
    if not MIN_EXPIRES <= spec.expires <= MAX_EXPIRES:
        raise ValueError(f"expires must be between {MIN_EXPIRES} and {MAX_EXPIRES} seconds")
    auth_user = spec.auth_user
    if auth_user is None and user != spec.user.strip():
        raw = spec.user.strip()
        auth_user = user if any(c in raw for c in '"\\') else raw
    return dataclasses.replace(spec, user=user, domain=str(domain), auth_user=auth_user)


_TEL = re.compile(r"\+?[0-9*#A-Da-d().\-]{1,64}", re.ASCII)  # RFC 3966 with visual separators
_URI_PARAMS = re.compile(r"[A-Za-z0-9\-_.!~*'()%&=+$,;:\[\]/?]*", re.ASCII)


def call_uri(text: str, domain: str) -> str:
    """Whom to call as a SIP URI: ``echo`` -> ``sip:echo@domain``; ValueError if malformed.

    Accepts ``sip:``/``sips:`` URIs (user part, host checked by HostPort, parameters kept),
    ``tel:`` numbers, ``user@host`` and a bare user. A user part typed raw is
    percent-encoded like the account's.
    """
    raw = text.strip()
    if not raw:
        raise ValueError("whom to call is empty")
    if any(not c.isprintable() or c.isspace() for c in raw) or any(c in raw for c in '<>"'):
        raise ValueError(f"bad call address {ascii(raw)[:80]}: spaces, quotes or controls")
    scheme, sep, rest = raw.partition(":")
    if sep and scheme.lower() == "tel":
        if not _TEL.fullmatch(rest.split(";", 1)[0]):
            raise ValueError(f"bad tel: number {ascii(raw)[:80]}")
        return raw
    if not (sep and scheme.lower() in ("sip", "sips")):
        scheme, rest = "sip", raw
    scheme = scheme.lower()
    where, params = rest, ""
    for mark in (";", "?"):
        i = where.find(mark)
        if i >= 0:
            where, params = where[:i], where[i:] + params
            break
    if params and not _URI_PARAMS.fullmatch(params):
        raise ValueError(f"bad call address {ascii(raw)[:80]}: malformed parameters")
    user, at, host = where.rpartition("@")
    if not at:
        user, host = where, domain
    elif not user:
        raise ValueError(f"bad call address {ascii(raw)[:80]}: nothing before the @")
    if not user and not at:
        raise ValueError(f"bad call address {ascii(raw)[:80]}")
    try:
        hostport = HostPort.parse(host, what="host in the call address")
        user_part = sip_user_part(user)
    except ValueError as exc:
        raise ValueError(f"bad call address {ascii(raw)[:80]}: {exc}") from None
    return f"{scheme}:{user_part}@{hostport}{params}"


def seconds(
    text: str | float,
    *,
    what: str,
    lo: float = 0.0,
    hi: float = MAX_SECONDS,
    zero: bool = False,
    unit: str = "seconds",
) -> float:
    """A finite number (of ``unit``) in ``(lo, hi]`` (or exactly 0 when ``zero``)."""
    try:
        value = float(text)
    except (TypeError, ValueError):
        raise ValueError(f"{what} must be a number of {unit}, not {ascii(text)[:40]}") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError(f"{what} must be a finite number of {unit}")
    if zero and value == 0:
        return 0.0
    if not lo < value <= hi:
        raise ValueError(f"{what} must be more than {lo:g} and at most {hi:g} {unit}")
    return value


def seconds_arg(
    what: str, *, hi: float = MAX_SECONDS, zero: bool = False, unit: str = "seconds"
) -> Callable[[str], float]:
    """An argparse ``type=`` for :func:`seconds` (argparse turns the ValueError into exit 2)."""

    def parse(text: str) -> float:
        try:
            return seconds(text, what=what, hi=hi, zero=zero, unit=unit)
        except ValueError as exc:
            # argparse shows ArgumentTypeError's text as is (a ValueError only as "invalid").
            import argparse

            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = what
    return parse
