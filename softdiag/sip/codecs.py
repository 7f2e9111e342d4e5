"""Extra ``a=fmtp`` parameters in the offers softdiag sends (engine thread only).

A support engineer reproduces a device whose offer carries an unusual fmtp (case 5 of
CASES.md: ``a=fmtp:0 abc=no`` on PCMU made a media proxy drop the codec) by asking the
engine to offer the same parameters: pjmedia writes a codec's decoding fmtp
(``CodecParamSetting.decFmtp``) into the SDP it creates. :class:`OfferFmtp` remembers each
codec's original parameters and puts them back when a codec is no longer listed.

The parsing of ``CODEC:PARAMS`` is pure (:func:`parse_fmtp_option`); applying touches
pjsua2 and must run on the engine thread.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["OfferFmtp", "parse_fmtp_option"]

_PARAM = re.compile(r"[A-Za-z0-9_.\-]{1,32}(=[A-Za-z0-9_.\-/:,+]{0,64})?")
MAX_CODECS = 8
MAX_PARAMS = 8


def parse_fmtp_option(text: str) -> tuple[str, str]:
    """'PCMU:abc=no;x=1' -> ('PCMU', 'abc=no;x=1'). Raises ValueError with a clear reason."""
    codec, sep, params = text.partition(":")
    codec, params = codec.strip(), params.strip()
    if not sep or not codec or not params:
        raise ValueError(f"--fmtp wants CODEC:NAME=VALUE[;NAME=VALUE], got {text!r}")
    if not re.fullmatch(r"[A-Za-z0-9\-]{1,16}(/[0-9]{1,6}){0,2}", codec):
        raise ValueError(f"--fmtp: {codec!r} is not a codec name like PCMU or PCMU/8000")
    parts = [p.strip() for p in params.split(";") if p.strip()]
    if not parts or len(parts) > MAX_PARAMS or not all(_PARAM.fullmatch(p) for p in parts):
        raise ValueError(f"--fmtp: {params!r} is not NAME=VALUE[;NAME=VALUE] (at most 8)")
    return codec, ";".join(parts)


def _pairs(params: str) -> list[tuple[str, str]]:
    out = []
    for part in params.split(";"):
        name, _, value = part.partition("=")
        out.append((name.strip(), value.strip()))
    return out


class OfferFmtp:
    """Sets and restores codecs' decoding fmtp on the pjsua2 endpoint (engine thread)."""

    def __init__(self) -> None:
        self._original: dict[str, list[tuple[str, str]]] = {}  # codec id -> its own fmtp

    def apply(self, endpoint: Any, wanted: tuple[tuple[str, str], ...]) -> list[str]:
        """Make the endpoint offer ``wanted`` ((codec, params), ...); returns problems."""
        import pjsua2 as pj

        problems: list[str] = []
        ids = [str(info.codecId) for info in endpoint.codecEnum2()]
        targets: dict[str, str] = {}
        for codec, params in wanted[:MAX_CODECS]:
            matches = [i for i in ids if i.lower().startswith(codec.lower().rstrip("/") + "/")]
            if not matches:
                problems.append(f"no codec {codec} in this build ({', '.join(ids)})")
            for codec_id in matches:
                targets[codec_id] = params
        for codec_id in [c for c in self._original if c not in targets]:  # restore the rest
            self._set(endpoint, pj, codec_id, self._original.pop(codec_id))
        for codec_id, params in targets.items():
            if codec_id not in self._original:
                param = endpoint.codecGetParam(codec_id)
                self._original[codec_id] = [(f.name, f.val) for f in param.setting.decFmtp]
            self._set(endpoint, pj, codec_id, _pairs(params))
        return problems

    @staticmethod
    def _set(endpoint: Any, pj: Any, codec_id: str, pairs: list[tuple[str, str]]) -> None:
        param = endpoint.codecGetParam(codec_id)
        vector = pj.CodecFmtpVector()
        for name, value in pairs:
            fmtp = pj.CodecFmtp()
            fmtp.name, fmtp.val = name, value
            vector.append(fmtp)
        param.setting.decFmtp = vector
        endpoint.codecSetParam(codec_id, param)
