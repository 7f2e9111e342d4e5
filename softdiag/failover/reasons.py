"""Why the failover policy did something: stable ids with English templates.

Each is ``failover.reason.<id>`` in the one catalogue (:mod:`softdiag.i18n`): events carry
the id and parameters, the CLI and the GUI render them in the reader's language, and the
English prose on events comes from :func:`reason_text`. A ``cause`` parameter names another
reason, whose text is put in its place.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from softdiag import i18n

__all__ = ["REASONS", "reason_text"]

PREFIX = "failover.reason"

REASONS: dict[str, str] = i18n.texts(
    PREFIX,
    refs={"cause": PREFIX},
    templates={
        "initial": "initial choice",
        "initial_first_ip": "initial choice: first address is {ip}",
        "removed_from_dns": "the server is no longer in the DNS answer",
        "probe_ok": "probe answered {code}",
        "probe_timeout": "no answer to OPTIONS (silent: frozen or black-holed)",
        "probe_unreachable": "ICMP port unreachable (server process gone)",
        "probe_error": "OPTIONS answered {code}",
        "register_ok": "REGISTER answered {code}",
        "register_failed": "REGISTER failed with {code}",
        "server_failed": "the server failed",
        "server_back": "the server answers again: registering there",
        "all_down_retry": "{cause}; every server is down: trying again",
        "all_down": "{cause}; every server is down",
        "fail_back": "fail back: preferred server healthy for {seconds} s",
        "dns_order_changed": "the DNS answer order changed: first address is {ip}",
        "baseline_retry": "retry after failure (no failover)",
        # TCP/TLS probes: the phase that failed (softdiag.failover.streamprobe)
        "probe_refused": "TCP connection refused (nothing listens on the port)",
        "probe_connect_timeout": "no answer to the TCP connection (down, frozen or filtered)",
        "probe_tls_timeout": "connected, but no answer to the TLS handshake",
        "probe_no_sip": "connected, but no SIP answer",
        "probe_closed": "the server closed the connection before answering",
        "probe_tls_unknown_ca": "TLS: certificate from an authority softdiag does not trust",
        "probe_tls_name_mismatch": "TLS: certificate not made out to the server's name",
        "probe_tls_expired": "TLS: certificate expired or not yet valid",
        "probe_tls_old_protocol": "TLS: the server offers only an old TLS version",
        "probe_tls_handshake_failed": "TLS: handshake failed",
    },
)


def reason_text(
    reason_id: str,
    params: Mapping[str, str] | Iterable[tuple[str, str]] | None = None,
    lang: str = "en",
    fallback: str = "",
) -> str:
    """The reason in ``lang`` (English by default: the prose events carry)."""
    return i18n.render(f"{PREFIX}.{reason_id}", params or {}, lang, fallback=fallback)
