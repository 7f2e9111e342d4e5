"""The catalogue of findings: stable ids, plain-language titles and advice.

A finding's id never changes once released: the GUI translates by id (the English template
is the translation source), bundles and support scripts match on it. Templates use
``str.format`` fields; the values are kept in ``Finding.params`` so a translation can be
filled with the same values.
"""

from __future__ import annotations

from dataclasses import dataclass

from .events import Finding, Severity

__all__ = ["CATALOG", "FindingSpec", "make_finding"]


@dataclass(frozen=True, slots=True)
class FindingSpec:
    severity: Severity
    title: str
    advice: str


CATALOG: dict[str, FindingSpec] = {
    "dns.nxdomain": FindingSpec(
        "error",
        "The SIP domain {domain} does not exist in DNS",
        "Check the spelling of the domain, or the DNS server: {nameserver}.",
    ),
    "dns.timeout": FindingSpec(
        "error",
        "The DNS server {nameserver} does not answer",
        "Check the DNS server address, the network, or a firewall blocking DNS.",
    ),
    "dns.servfail": FindingSpec(
        "error",
        "The DNS server {nameserver} failed to resolve {domain}",
        "The DNS server has a problem with this zone; try another DNS server.",
    ),
    "dns.refused": FindingSpec(
        "error",
        "The DNS server {nameserver} refused to resolve {domain}",
        "This DNS server does not serve this domain; use the resolver your provider gave you.",
    ),
    "dns.no_records": FindingSpec(
        "error",
        "{domain} has no SIP servers in DNS (no NAPTR, SRV, A or AAAA records)",
        "Ask the provider for the right SIP domain or server address.",
    ),
    "registration.credentials_rejected": FindingSpec(
        "error",
        "The server rejected the credentials: {code} {reason}",
        "Check the user name and password for {aor}. The server itself is working.",
    ),
    "registration.not_found": FindingSpec(
        "error",
        "The server does not know the account {aor}: {code} {reason}",
        "Check the user name and the domain. The server itself is working.",
    ),
    "registration.timeout": FindingSpec(
        "error",
        "The server {server} did not answer the registration ({code} {reason})",
        "The server may be down or a firewall drops SIP; softdiag can fail over to another "
        "server where DNS lists one.",
    ),
    "registration.server_error": FindingSpec(
        "error",
        "The server {server} answered the registration with an error: {code} {reason}",
        "The server has a problem; another server of the domain may work.",
    ),
    "registration.failed": FindingSpec(
        "error",
        "Registration failed: {code} {reason}",
        "See the SIP messages in the log for details.",
    ),
    "failover.all_down": FindingSpec(
        "error",
        "No server of {domain} answers",
        "softdiag keeps trying with back-off and registers as soon as one server answers. "
        "Check the network, a VPN or a firewall if this lasts.",
    ),
    "failover.stale_binding": FindingSpec(
        "warning",
        "The old registration on {server} could not be removed",
        "That server did not answer, so it may keep the old contact for up to {expires} s: "
        "calls that reach it meanwhile may fail or ring nowhere.",
    ),
    "engine.failed": FindingSpec(
        "error",
        "The SIP engine could not start: {error}",
        "Another program may hold the SIP port; restart softdiag.",
    ),
    "settings.damaged": FindingSpec(
        "warning",
        "The settings file was damaged: {problem}",
        "The defaults are in use; your old file was kept beside it.",
    ),
    "keyring.unavailable": FindingSpec(
        "info",
        "No system keychain: the password is kept for this run only",
        "Install and unlock a keychain (e.g. GNOME Keyring) to save passwords.",
    ),
}


def make_finding(finding_id: str, *, evidence: tuple[str, ...] = (), **params: object) -> Finding:
    """Build the Finding for a catalogue id, filling its templates with ``params``."""
    spec = CATALOG[finding_id]
    values = {k: str(v) for k, v in params.items()}
    return Finding(
        id=finding_id,
        severity=spec.severity,
        title=spec.title.format(**values),
        advice=spec.advice.format(**values),
        evidence=evidence,
        params=tuple(sorted(values.items())),
    )
