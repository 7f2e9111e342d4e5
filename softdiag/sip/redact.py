"""Secrets in SDP bodies: SRTP keys (RFC 4568 ``a=crypto``) and ICE/DTLS credentials.

``redact_sip`` (softdiag.sip.message) calls :func:`redact_sdp` for whole messages; the
bundle calls it again on every text it exports. The line keeps its shape (tag, suite,
``inline:``) so Wireshark and SDP parsers still read it; only the key material goes.
"""

from __future__ import annotations

import re

__all__ = ["REDACTED", "redact_sdp"]

REDACTED = "<redacted>"

# a=crypto:<tag> <suite> inline:<key||salt>[|lifetime][|MKI:len] [session params]
_CRYPTO = re.compile(r"^(a=crypto:\s*\S+\s+\S+\s+inline:)([^|\s]+)", re.IGNORECASE | re.MULTILINE)
# ICE passwords authenticate STUN connectivity checks (RFC 8445 §5.3): a secret too.
_ICE_PWD = re.compile(r"^(a=ice-pwd:)(\S+)", re.IGNORECASE | re.MULTILINE)
# MIKEY / key-mgmt (RFC 4567) carries wrapped keys.
_KEY_MGMT = re.compile(r"^(a=key-mgmt:\s*\S+\s+)(\S+)", re.IGNORECASE | re.MULTILINE)


def redact_sdp(text: str) -> str:
    """SDP (or a whole SIP message) with SRTP keys, ICE passwords and MIKEY data removed."""
    if "a=" not in text and "A=" not in text:
        return text
    text = _CRYPTO.sub(rf"\1{REDACTED}", text)
    text = _ICE_PWD.sub(rf"\1{REDACTED}", text)
    return _KEY_MGMT.sub(rf"\1{REDACTED}", text)
