"""One NAT check, start to finish: what ``softdiag nat`` runs and what the GUI can run.

:func:`check_nat` blocks (it runs its own asyncio loop): call it off the GUI thread (an
``EngineOp``). It returns the ``StunBehaviour`` event and the findings in the order they
should be shown; the caller publishes them. Progress, when asked for, arrives as English
one-liners on the caller's thread-safe callback.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass

from softdiag.events import Event, Finding, StunBehaviour

from .keepalive import KeepAliveSettings, keepalive_advice
from .stun import (
    Discovery,
    Lifetime,
    LifetimeProbe,
    behaviour_event,
    behaviour_findings,
    discover,
    measure_lifetime,
)

__all__ = ["NatCheck", "check_nat", "check_nat_async"]


@dataclass(frozen=True, slots=True)
class NatCheck:
    behaviour: StunBehaviour
    findings: tuple[Finding, ...]
    discovery: Discovery
    lifetime: Lifetime | None

    @property
    def events(self) -> tuple[Event, ...]:
        return (self.behaviour, *self.findings)

    @property
    def diagnosed(self) -> bool:
        """A finding says something is wrong (exit code 1 of the CLI)."""
        return any(f.severity in ("warning", "error") for f in self.findings)


async def check_nat_async(
    server: str,
    *,
    lifetime: bool = False,
    max_idle: float = 120.0,
    settings: KeepAliveSettings | None = None,
    local_ip: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> NatCheck:
    """RFC 5780 discovery, optionally the lifetime, and the advice. Raises StunError."""
    say = progress or (lambda _message: None)
    settings = settings or KeepAliveSettings()
    say(f"RFC 5780 tests with {server} ...")
    discovery = await discover(server, local_ip=local_ip)
    measured: Lifetime | None = None
    if lifetime and discovery.mapping != "no-nat":
        say(f"measuring the idle UDP mapping lifetime (at most {max_idle:.0f} s) ...")

        def on_probe(p: LifetimeProbe) -> None:
            if p.alive is False:
                say(f"  a mapping idle for {p.idle:.1f} s expired")

        measured = await measure_lifetime(
            server, max_idle=max_idle, local_ip=local_ip, on_probe=on_probe
        )
    findings = behaviour_findings(discovery)
    if measured is not None or settings.transport != "udp":
        findings.append(
            keepalive_advice(
                settings,
                measured.lower if measured else None,
                expired_at=measured.upper if measured else None,
            )
        )
    return NatCheck(behaviour_event(discovery, measured), tuple(findings), discovery, measured)


def check_nat(
    server: str,
    *,
    lifetime: bool = False,
    max_idle: float = 120.0,
    settings: KeepAliveSettings | None = None,
    local_ip: str | None = None,
    progress: Callable[[str], None] | None = None,
) -> NatCheck:
    """The blocking form of :func:`check_nat_async` (its own event loop)."""
    return asyncio.run(
        check_nat_async(
            server, lifetime=lifetime, max_idle=max_idle, settings=settings,
            local_ip=local_ip, progress=progress,
        )
    )  # fmt: skip
