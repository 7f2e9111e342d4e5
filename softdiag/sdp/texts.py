"""The SDP analyser's findings: stable ids, severity, title and advice templates, and the
fixed phrases (``REASONS``) some of them fill in as ``{why}`` or ``{path}``.

Kept apart from :mod:`softdiag.sdp.rules` so that :mod:`softdiag.findings` can add them to
the one catalogue without importing the rules (no import cycle). Values are filled with
``str.format``: ``{side}`` is ``offer`` or ``answer``, ``{path}`` names what stands between
the two ends when the SIP headers say so. A ``{why}`` is always one of ``REASONS``, never
text built from values (those go into the evidence): they are catalogue phrases
(``sdp.reason.<key>``), so the renderer (:mod:`softdiag.i18n`) translates them as values too.
"""

from __future__ import annotations

from typing import Final

from softdiag import i18n
from softdiag.events import Severity

__all__ = ["REASONS", "SDP_FINDINGS"]

SDP_FINDINGS: Final[dict[str, tuple[Severity, str, str]]] = {
    "sdp.unparseable": (
        "error",
        "The SDP {side} cannot be read: {error}",
        "A phone or server that cannot read it either rejects the call (488) or drops the "
        "media. The evidence names the line; whoever wrote this SDP has a bug.",
    ),
    "sdp.no_common_audio_codec": (
        "error",
        "No audio codec in common: the offer has {offered}, the answer {answered}",
        "Without a codec both ends know, there is no sound. Enable a codec the other side "
        "offers (PCMU or PCMA work almost everywhere), or find what on the path rewrote the "
        "SDP: {path}.",
    ),
    "sdp.answer_only_telephone_event": (
        "error",
        "The answer carries only telephone-event: no voice codec is left",
        "The call connects but no sound can flow, and many phones hang up right after the "
        "200 OK. Something removed the voice codecs: {path}. A media proxy that compares "
        "fmtp parameters (rtpengine, an SBC) drops a codec whose offer carries a parameter "
        "it does not expect; remove that parameter or fix the proxy's codec rules.",
    ),
    "sdp.codec_removed": (
        "warning",
        "Offered {codecs}, none of them is left in the answer",
        "Present in the offer, gone in the answer. Path: {path}. When a media proxy sits "
        "there, compare the SDP it received with the one it sent (its codec-strip, "
        "codec-mask or transcoding rules), then the far end's codec list.",
    ),
    "sdp.fmtp_mismatch": (
        "warning",
        "{codec} has different fmtp parameters in the offer ({offered}) and the answer "
        "({answered})",
        "The two ends may encode differently, and a strict media proxy may drop the codec "
        "because of it. Remove non-standard fmtp parameters from the offer, or align the "
        "codec settings on both ends.",
    ),
    "sdp.media_rejected": (
        "error",
        "The answer rejected the audio stream (port 0)",
        "The far end or a server on the path refused the audio: usually no common codec, an "
        "unsupported profile (SRTP required or refused) or a policy. The answer's other lines "
        "and the evidence say which.",
    ),
    "sdp.direction_oneway": (
        "warning",
        "The {side} sets the audio to {direction}: sound flows one way only, or not at all",
        "One-way audio by design, not by the network: a hold, a mute or a misconfigured "
        "party. Check who sent {direction} and why (a hold button, an announcement server, "
        "a B2BUA that did not forward a re-INVITE).",
    ),
    "sdp.address_unusable": (
        "error",
        "The {side} announces {address} for media, which the other side cannot reach: {why}",
        "Audio goes nowhere. The party behind a NAT must announce its public address (STUN "
        "or ICE), or a media relay on the server (rtpengine, an SBC) must rewrite the SDP.",
    ),
    "sdp.profile_mismatch": (
        "error",
        "The offer uses {offered}, the answer {answered}",
        "Both ends must use the same media profile: plain RTP (RTP/AVP), SRTP with SDES "
        "keys (RTP/SAVP) or DTLS-SRTP (UDP/TLS/RTP/SAVPF, WebRTC). Make the SRTP settings "
        "match, or let a media proxy bridge the two.",
    ),
    "sdp.crypto_mismatch": (
        "error",
        "The SRTP keys do not match: {why}",
        "Encrypted media needs one key exchange both ends use: SDES (a=crypto) or DTLS-SRTP "
        "(a=fingerprint), with a common crypto suite. Align the SRTP settings of the two ends "
        "or of the media proxy between them.",
    ),
    "sdp.rtcp_mux_mismatch": (
        "warning",
        "RTP/RTCP multiplexing does not match: {why}",
        "One side expects RTCP on the RTP port (a=rtcp-mux), the other on a separate port: "
        "RTCP is lost, and WebRTC ends drop the call. Enable rtcp-mux on both sides.",
    ),
    "sdp.ptime_odd": (
        "warning",
        "The {side} asks for an unusual packet time: {value}",
        "Phones and gateways expect 20 ms (10–60 ms at most, in steps of the codec's frame): "
        "an odd ptime can give choppy or no audio through some gateways. Use 20 ms.",
    ),
    "dtls.setup_conflict": (
        "error",
        "DTLS roles conflict: the offer says setup:{offered}, the answer setup:{answered}",
        "Exactly one end must start the DTLS handshake (RFC 8842): the offer says actpass, "
        "the answer active or passive. With both active, both passive, or an answer that "
        "still says actpass, the handshake never completes and the call stays silent.",
    ),
    "dtls.fingerprint_missing": (
        "error",
        "The {side} uses DTLS-SRTP but carries no a=fingerprint",
        "Without the certificate fingerprint the other end must refuse the DTLS handshake: "
        "no media. The endpoint or media proxy that wrote this SDP must add a=fingerprint.",
    ),
    "dtls.fingerprint_malformed": (
        "error",
        "The {side}'s DTLS fingerprint is malformed: {why}",
        "The other end cannot check the certificate and aborts the DTLS handshake. The "
        "fingerprint must be a known hash (sha-256 is usual) and its full hex value as "
        "colon-separated bytes.",
    ),
    "ice.credentials_missing": (
        "error",
        "The {side} uses ICE without valid credentials: {why}",
        "ICE connectivity checks need a=ice-ufrag (4–256 characters) and a=ice-pwd (22–256) "
        "(RFC 8839): without them no check succeeds and no media flows.",
    ),
    "ice.lite_both": (
        "error",
        "Both the offer and the answer are ICE-lite",
        "Two ICE-lite ends never send connectivity checks to each other (RFC 8445 §2.5): ICE "
        "never completes. One side, usually the phone or browser, must run full ICE.",
    ),
    "ice.candidates_unusable": (
        "error",
        "The {side}'s ICE candidates cannot reach the other side: {why}",
        "The other side has no address it can send to. Add a STUN server (server-reflexive "
        "candidates) or a TURN relay, or let the server's media proxy take the media.",
    ),
}

# The phrases rules.py fills into {why} (and {path} when nothing is named): one literal each.
REASONS: Final[dict[str, str]] = i18n.texts(
    "sdp.reason",
    phrases=True,
    templates={
        "no_middlebox": "no middlebox is named in the SIP headers",
        "addr_unspecified": "an unspecified address (an old-style hold, RFC 3264 §8.4)",
        "addr_ipv4_only": "IPv4 only, the other side speaks IPv6",
        "addr_ipv6_only": "IPv6 only, the other side speaks IPv4",
        "addr_private": "a private address, while the other side is on a public one",
        "addr_loopback": "a loopback address, which means the other side's own machine",
        "crypto_sdes_vs_dtls": "the offer carries SDES keys (a=crypto), the answer DTLS-SRTP "
        "(a=fingerprint)",
        "crypto_dtls_vs_sdes": "the offer asks for DTLS-SRTP (a=fingerprint), the answer sends SDES "
        "keys (a=crypto)",
        "crypto_unasked": "the answer sends SDES keys (a=crypto) for an offer without any",
        "crypto_no_common_suite": "the answer's crypto suite is not among the offer's",
        "crypto_no_key": "the answer uses SRTP with SDES but sends no a=crypto key",
        "mux_unasked": "the answer turns on a=rtcp-mux, which the offer did not propose (RFC 5761)",
        "mux_required": "the offer requires rtcp-mux (a=rtcp-mux-only), the answer does not multiplex",
        "mux_webrtc": "a WebRTC offer (rtcp-mux required by browsers) got an answer without rtcp-mux",
        "fp_format": "it is not 'hash-name HEX:HEX:…'",
        "fp_hash": "the hash function is not a known one (sha-256, sha-1, …)",
        "fp_hex": "the value is not colon-separated hex bytes",
        "fp_length": "the digest's length does not match its hash function",
        "ice_no_ufrag": "a=ice-ufrag is missing",
        "ice_no_pwd": "a=ice-pwd is missing",
        "ice_no_credentials": "a=ice-ufrag and a=ice-pwd are missing",
        "ice_bad_ufrag": "a=ice-ufrag is not 4–256 ice-chars",
        "ice_bad_pwd": "a=ice-pwd is not 22–256 ice-chars",
        "cand_none": "a=end-of-candidates, but no candidate at all",
        "cand_ipv6_only": "IPv6 candidates only, the other side has IPv4 only",
        "cand_private_only": "host candidates on private or loopback addresses only, no "
        "server-reflexive or relay candidate, while the other side is public",
    },
)
