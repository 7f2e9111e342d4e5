"""The SDP analyser for a call of ours: one exchange in, the events to publish out.

The engine calls :func:`exchange_events` when a call's offer and answer are both known
(``SdpExchanged``): it returns an ``SdpAnalysed`` event (findings with the lines they rest
on, for the call window's SDP tab) followed by each finding on its own, so the findings
panel, the CLI and the bundle see them like every other finding. Pure.
"""

from __future__ import annotations

from typing import Literal

from softdiag.events import Event, SdpAnalysed

from .rules import Party, analyze

__all__ = ["exchange_events"]


def exchange_events(
    call: int,
    offer: str,
    answer: str,
    *,
    offerer: Literal["local", "remote"],
    remote_headers: tuple[tuple[str, str], ...] = (),
) -> list[Event]:
    """``remote_headers``: the SIP message that brought the far end's SDP (its path)."""
    local, remote = Party("local"), Party("remote", remote_headers)
    first, second = (local, remote) if offerer == "local" else (remote, local)
    result = analyze(offer, answer, offerer=first, answerer=second)
    return [SdpAnalysed(call=call, findings=result.findings, marks=result.marks),
            *result.findings]  # fmt: skip
