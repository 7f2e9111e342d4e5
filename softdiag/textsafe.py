"""One escaping function for human output: what a server sent never drives the terminal.

A ``Server`` header, a reason phrase, a Via ``received`` or a STUN error reason can carry
escape sequences (set the window title, clear the screen, print a fake "registration OK")
or bidirectional overrides that reorder what the reader sees. Every human printer passes
text through :func:`escape_controls`; JSON output needs nothing (``json.dumps`` escapes
control characters itself).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["escape_controls"]

_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]"
)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control and bidi-override characters shown as ``\\xNN``/``\\uNNNN``."""
    if keep_newlines:
        return "\n".join(_UNSAFE.sub(_escape, line) for line in text.split("\n"))
    return _UNSAFE.sub(_escape, text)


def is_safe(text: str) -> bool:
    """True when ``text`` holds nothing :func:`escape_controls` would change."""
    return _UNSAFE.search(text) is None and all(unicodedata.category(c) != "Cc" for c in text)
