"""Connections the server closed: what we sent last, when to reconnect, when to say so.

Field case 6: Kamailio closes a TCP or TLS connection when it cannot parse (or refuses) a
message read from it, and every message on that connection is lost. A phone that just
reconnects never says why. softdiag remembers the last message it sent on each connection
and, when the server closes it, names that message and how long before the close it went.

A connection that flaps (closed again and again) is reported once, then counted: the next
report, after ``window`` seconds, says how many closes happened meanwhile. Reconnecting
backs off the same way (0.2 s, then doubling up to ``max_delay``), so a server that closes
every connection is never hammered.

Pure logic: the engine feeds facts and ``now``; nothing here touches a socket or a clock.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ConnectionLoss", "ConnectionLossTracker", "SentMessage", "summarize"]


@dataclass(frozen=True, slots=True)
class SentMessage:
    summary: str  # e.g. "REGISTER (CSeq 3)"
    at: float


@dataclass(frozen=True, slots=True)
class ConnectionLoss:
    """What to do about one close: report it (or not), and reconnect after ``reconnect_in``."""

    remote: str
    transport: str
    last_sent: SentMessage | None
    after_s: float | None  # seconds between the last message sent and the close
    report: bool  # publish the finding now (False: counted into a later report)
    count: int  # closes covered by this report (1, or more when flapping)
    reconnect_in: float


@dataclass(slots=True)
class _Link:
    last_sent: SentMessage | None = None
    reported_at: float | None = None
    unreported: int = 0
    recent: list[float] = field(default_factory=list)


class ConnectionLossTracker:
    def __init__(
        self,
        *,
        window: float = 60.0,
        first_delay: float = 0.2,
        max_delay: float = 30.0,
        max_links: int = 64,
    ) -> None:
        self.window = window
        self.first_delay = first_delay
        self.max_delay = max_delay
        self.max_links = max_links
        self._links: dict[tuple[str, str], _Link] = {}

    def _link(self, transport: str, remote: str) -> _Link:
        key = (transport.lower(), remote)
        link = self._links.get(key)
        if link is None:
            if len(self._links) >= self.max_links:  # bounded: forget the oldest
                self._links.pop(next(iter(self._links)))
            link = self._links[key] = _Link()
        return link

    def sent(self, transport: str, remote: str, summary: str, now: float) -> None:
        self._link(transport, remote).last_sent = SentMessage(summary, now)

    def last_sent(self, transport: str, remote: str) -> SentMessage | None:
        link = self._links.get((transport.lower(), remote))
        return link.last_sent if link else None

    def closed(self, transport: str, remote: str, now: float) -> ConnectionLoss:
        link = self._link(transport, remote)
        link.recent = [t for t in link.recent if now - t < self.window] + [now]
        link.unreported += 1
        flaps = len(link.recent)
        delay = min(self.max_delay, self.first_delay * 2 ** (flaps - 1))
        report = link.reported_at is None or now - link.reported_at >= self.window
        count = link.unreported
        if report:
            link.reported_at = now
            link.unreported = 0
        sent = link.last_sent
        return ConnectionLoss(
            remote=remote,
            transport=transport.lower(),
            last_sent=sent,
            after_s=round(now - sent.at, 3) if sent is not None else None,
            report=report,
            count=count,
            reconnect_in=delay,
        )


def summarize(text: str) -> str:
    """``REGISTER (CSeq 3)`` or ``200 OK to INVITE (CSeq 1)`` from a SIP message's text."""
    lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
    start = lines[0].strip() if lines else ""
    cseq = ""
    for line in lines[1:60]:
        name, _, value = line.partition(":")
        if name.strip().lower() in ("cseq",):
            cseq = value.strip()
            break
    number, _, cseq_method = cseq.partition(" ")
    if start.startswith("SIP/2.0 "):
        status = start[8:].strip()
        return f"{status} to {cseq_method} (CSeq {number})" if cseq else status
    method = start.split(" ", 1)[0] if start else "?"
    return f"{method} (CSeq {number})" if cseq else method
