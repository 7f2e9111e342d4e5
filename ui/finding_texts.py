"""Findings in the user's language.

The engine keeps its catalogue in English (``softdiag.findings.CATALOG``) and a finding
carries its id and the values filled into the templates (``Finding.params``). The GUI looks
the English template up by id, translates it, and fills in the same values; anything it
cannot translate falls back to the English text the engine sent.

``pyside6-lupdate`` only sees string literals, so every template is repeated below inside
``QT_TRANSLATE_NOOP``. ``tests/gui/test_texts.py`` fails when the catalogue gains an entry
that is missing here.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from softdiag.events import Finding
from softdiag.findings import CATALOG

__all__ = ["TRANSLATABLE", "finding_advice", "finding_title"]

CONTEXT = "Findings"

# QT_TRANSLATE_NOOP returns its argument; its stub says object.
TRANSLATABLE: tuple[object, ...] = (
    QT_TRANSLATE_NOOP("Findings", "The SIP domain {domain} does not exist in DNS"),
    QT_TRANSLATE_NOOP("Findings", "Check the spelling of the domain, or the DNS server: {nameserver}."),
    QT_TRANSLATE_NOOP("Findings", "The DNS server {nameserver} does not answer"),
    QT_TRANSLATE_NOOP("Findings", "Check the DNS server address, the network, or a firewall blocking DNS."),
    QT_TRANSLATE_NOOP("Findings", "The DNS server {nameserver} failed to resolve {domain}"),
    QT_TRANSLATE_NOOP("Findings", "The DNS server has a problem with this zone; try another DNS server."),
    QT_TRANSLATE_NOOP("Findings", "The DNS server {nameserver} refused to resolve {domain}"),
    QT_TRANSLATE_NOOP("Findings", "This DNS server does not serve this domain; use the resolver your provider gave you."),
    QT_TRANSLATE_NOOP("Findings", "{domain} has no SIP servers in DNS (no NAPTR, SRV, A or AAAA records)"),
    QT_TRANSLATE_NOOP("Findings", "Ask the provider for the right SIP domain or server address."),
    QT_TRANSLATE_NOOP("Findings", "The server rejected the credentials: {code} {reason}"),
    QT_TRANSLATE_NOOP("Findings", "Check the user name and password for {aor}. The server itself is working."),
    QT_TRANSLATE_NOOP("Findings", "The server does not know the account {aor}: {code} {reason}"),
    QT_TRANSLATE_NOOP("Findings", "Check the user name and the domain. The server itself is working."),
    QT_TRANSLATE_NOOP("Findings", "The server {server} did not answer the registration ({code} {reason})"),
    QT_TRANSLATE_NOOP("Findings", "The server may be down or a firewall drops SIP; softdiag can fail over to another server where DNS lists one."),
    QT_TRANSLATE_NOOP("Findings", "The server {server} answered the registration with an error: {code} {reason}"),
    QT_TRANSLATE_NOOP("Findings", "The server has a problem; another server of the domain may work."),
    QT_TRANSLATE_NOOP("Findings", "Registration failed: {code} {reason}"),
    QT_TRANSLATE_NOOP("Findings", "See the SIP messages in the log for details."),
    QT_TRANSLATE_NOOP("Findings", "The SIP engine could not start: {error}"),
    QT_TRANSLATE_NOOP("Findings", "Another program may hold the SIP port; restart softdiag."),
    QT_TRANSLATE_NOOP("Findings", "The settings file was damaged: {problem}"),
    QT_TRANSLATE_NOOP("Findings", "The defaults are in use; your old file was kept beside it."),
    QT_TRANSLATE_NOOP("Findings", "No system keychain: the password is kept for this run only"),
    QT_TRANSLATE_NOOP("Findings", "Install and unlock a keychain (e.g. GNOME Keyring) to save passwords."),
)  # fmt: skip


def _localise(template: str | None, finding: Finding, fallback: str) -> str:
    if template is None:
        return fallback
    translated = QCoreApplication.translate(CONTEXT, template)
    if translated == template:
        return fallback  # no translation: the engine's own text is already right
    try:
        return translated.format(**dict(finding.params))
    except (KeyError, IndexError, ValueError):  # a translation with a broken placeholder
        return fallback


def finding_title(finding: Finding) -> str:
    spec = CATALOG.get(finding.id)
    return _localise(spec.title if spec else None, finding, finding.title)


def finding_advice(finding: Finding) -> str:
    spec = CATALOG.get(finding.id)
    return _localise(spec.advice if spec else None, finding, finding.advice)
