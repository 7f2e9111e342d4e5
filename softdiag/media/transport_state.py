"""The call's media transport as pjsua2 reports it: profile, SRTP, ICE (CASES.md case 4).

pjsua2 exposes these in three places, read on the engine thread once a second:

- ``StreamInfo.proto``: the negotiated transport profile (a ``PJMEDIA_TP_PROTO_*`` mask),
  named here as in SDP (RTP/AVP, RTP/SAVP, UDP/TLS/RTP/SAVP…);
- ``Call.dump()``: pjsua's own summary, the only place the 2.15 wheel tells whether SRTP
  is active and with which crypto suite ("SRTP status: Active Crypto-suite: …");
- ``onCallMediaTransportState``: the media transport's state (``PJSUA_MED_TP_*``): with
  ICE, INIT while the connectivity checks run and RUNNING once ICE has completed; a
  non-zero status is a failure.

Whether ICE is in use is read from our own SDP (``a=ice-ufrag``): softdiag's account does
not enable ICE, and then the state says "off" rather than guessing. Pure functions.
"""

from __future__ import annotations

import re
from typing import Literal

from softdiag.events import MediaTransport

__all__ = ["PROFILE_BITS", "ice_state", "media_transport", "profile_name", "srtp_from_dump"]

# pjmedia_tp_proto values (pjmedia/transport.h), as the pjsua2 2.15.1 wheel defines them.
PROFILE_BITS: tuple[tuple[int, str], ...] = (
    (57356, "UDP/TLS/RTP/SAVPF"),  # PJMEDIA_TP_PROTO_DTLS_SRTPF
    (49164, "UDP/TLS/RTP/SAVP"),  # PJMEDIA_TP_PROTO_DTLS_SRTP
    (57348, "RTP/SAVPF"),  # PJMEDIA_TP_PROTO_RTP_SAVPF
    (49156, "RTP/SAVP"),  # PJMEDIA_TP_PROTO_RTP_SAVP
    (40964, "RTP/AVPF"),  # PJMEDIA_TP_PROTO_RTP_AVPF
    (32772, "RTP/AVP"),  # PJMEDIA_TP_PROTO_RTP_AVP
)
_SRTP = re.compile(r"SRTP status:[ \t]*(Active|Not active)(?:[ \t]+Crypto-suite:[ \t]*(\S*))?")
_MED_TP_RUNNING = 4  # PJSUA_MED_TP_RUNNING


def profile_name(proto: int) -> str:
    for bits, name in PROFILE_BITS:
        if proto & bits == bits:
            return name
    return "unknown"


Srtp = Literal["off", "active", "inactive", "unknown"]
Ice = Literal["off", "checking", "done", "failed"]


def srtp_from_dump(dump: str) -> tuple[Srtp, str]:
    """("active" | "inactive" | "unknown", crypto suite) from pjsua's call dump."""
    match = _SRTP.search(dump)
    if match is None:
        return "unknown", ""
    return ("active" if match.group(1) == "Active" else "inactive"), match.group(2) or ""


def ice_state(uses_ice: bool, tp_state: int | None, tp_status: int = 0) -> Ice:
    """ "off", "checking", "done" or "failed"."""
    if not uses_ice:
        return "off"
    if tp_status != 0:
        return "failed"
    if tp_state == _MED_TP_RUNNING:
        return "done"
    return "checking"  # creating, idle or INIT: the checks have not completed


def media_transport(
    proto: int, dump: str, local_sdp: str, tp_state: int | None, tp_status: int = 0
) -> MediaTransport:
    srtp: Srtp
    srtp, suite = srtp_from_dump(dump)
    profile = profile_name(proto)
    if "SAVP" not in profile and srtp != "active":
        srtp = "off"  # plain RTP negotiated: pjsua's "Not active" means not used at all
    return MediaTransport(
        profile=profile,
        srtp=srtp,
        srtp_suite=suite,
        dtls="UDP/TLS" in profile,
        ice=ice_state("a=ice-ufrag" in local_sdp, tp_state, tp_status),
    )
