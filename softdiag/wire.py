"""Numbers that come off the wire: one tolerant parser with bounds, used everywhere.

Why not ``int()`` after ``str.isdigit()``: ``isdigit`` is true for ``²``, ``٣`` and other
Unicode digits that ``int()`` rejects or reads as another value, and ``int()`` happily
parses thousands of digits (slowly, and into values no protocol field can hold). A server
we do not control can send any of these in a status code, an rport, an Expires or a
Retry-After; the answer must be "no usable number", never an exception.

Only ASCII digits count (RFC 3261 §25.1: ``DIGIT = %x30-39``), at most ``max_digits`` of
them, and the value must lie in ``[lo, hi]``; anything else gives ``None``.
"""

from __future__ import annotations

import re

__all__ = ["UINT32_MAX", "wire_int"]

UINT32_MAX = 2**32 - 1  # RFC 3261 delta-seconds and rport fit in 32 bits
_DIGITS = re.compile(r"[0-9]+", re.ASCII)


def wire_int(
    text: str | bytes | None, *, lo: int = 0, hi: int = UINT32_MAX, max_digits: int = 20
) -> int | None:
    """``text`` (surrounding blanks allowed) as an int in ``[lo, hi]``, else None."""
    if text is None:
        return None
    if isinstance(text, bytes):
        text = text.decode("ascii", errors="replace")
    text = text.strip(" \t\r\n")
    if not text or len(text) > max_digits or _DIGITS.fullmatch(text) is None:
        return None
    value = int(text)
    return value if lo <= value <= hi else None
