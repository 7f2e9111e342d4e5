"""What each server sees of us, and why it changes: the NAT mapping tracker (pure).

Theory of operation
-------------------
Every SIP response carries, in its top ``Via``, the address and port the server saw the
request come from (``received``/``rport``, RFC 3581). The tracker is fed those facts, one
per response, each with the local socket it was sent from and ``now``:

- REGISTER responses (the account's own socket: the mapping incoming calls depend on),
- OPTIONS probe responses (softdiag's probe sockets: other mappings, same NAT),
- STUN results (``source="stun"``).

It keeps the last mapping per (local socket, server) and a history, and for every change
returns a :class:`MappingChange` naming the likely cause. It never reads a clock or a
socket; the driver publishes the results as ``NatMappingChanged`` / ``NatStatus`` events.

Causes (``CAUSES``), decided from evidence in this order:

1. ``local_changed``: our own local address changed (Wi-Fi/VPN/network switch); every
   mapping is new.
2. ``server_move``: the registration moved to another server and that server sees another
   public address or port: the MicroSIP effect (a new NAT mapping per destination).
3. ``public_ip_changed``: same server, another public IP (ISP reconnect, VPN, a NAT
   with several public addresses).
4. ``idle_timeout``: same server, same IP, another port, and the socket may have been idle
   longer than many NATs keep a UDP mapping (``NAT_IDLE_SUSPECT``, 20 s): with keep-alives
   every ``keepalive_interval`` seconds the longest gap is that interval, without them it
   is the time since the last request.
5. ``rebinding``: same server, another port although traffic kept flowing: the NAT lost its
   state (router restart, conntrack flush) and made a new mapping.

Probe sockets are short-lived (one per probe), so each probe is a new mapping by design:
they are not tracked here; the registration's socket and STUN are.

Classification (``CLASSES``) of the NAT in front of us, with evidence:
``no_nat`` (servers see our local address), ``stable`` (one public address:port for every
server), ``address_dependent`` (one local socket, different public ports towards different
servers), plus ``unknown`` until a first answer arrives.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from softdiag import i18n

__all__ = [
    "CAUSES",
    "CLASSES",
    "MappingChange",
    "NatMappingTracker",
    "Observation",
    "cause_params",
    "cause_text",
    "class_params",
    "class_text",
]

Source = Literal["register", "probe", "stun"]

# Many home routers and firewalls drop an idle UDP mapping after 20-30 s (some after 20).
NAT_IDLE_SUSPECT = 20.0

# The texts are ``nat.cause.<id>`` and ``nat.class.<id>`` in the one catalogue
# (softdiag.i18n); cause_text and class_text render them in any language.
CAUSES: dict[str, str] = i18n.texts(
    "nat.cause",
    {
        "first_seen": "first answer from {server}: it sees us as {new}",
        "local_changed": "our local address changed from {old_local} to {local} "
        "(network switch: Wi-Fi, VPN or cable)",
        "server_move": "the registration moved from {old_server} to {server}, which sees us as "
        "{new} instead of {old}: a new NAT mapping for a new destination",
        "public_ip_changed": "{server} now sees another public address ({old} -> {new}): "
        "reconnect, VPN or a NAT with several addresses",
        "idle_timeout": "{server} sees a new port ({old} -> {new}); up to {idle} s pass "
        "without traffic, longer than many NATs keep an idle UDP mapping: it was forgotten",
        "rebinding": "{server} sees a new port ({old} -> {new}) although traffic kept flowing: "
        "the NAT lost its state (restart or flush) and made a new mapping",
    },
)

CLASSES: dict[str, str] = i18n.texts(
    "nat.class",
    {
        "unknown": "no server has answered yet",
        "no_nat": "no NAT: servers see our own address {local}",
        "stable": "behind NAT: every server sees us as {public}",
        "address_dependent": "behind NAT with address-dependent mapping: one local socket, "
        "different public ports towards different servers ({ports})",
    },
)


def cause_params(
    server: str, local: str, old: str | None, new: str, evidence: Iterable[str] = ()
) -> dict[str, str]:
    """The values a cause is filled with: the change's addresses and the ``name=value``
    evidence lines :meth:`NatMappingTracker._make` writes (``old_server``, ``old_local``,
    ``idle``)."""
    values: dict[str, str] = {}
    for line in evidence:
        name, sep, value = line.partition("=")
        if sep and name.isidentifier():
            values[name] = value
    if "idle" in values:
        try:
            values["idle"] = f"{float(values['idle']):.0f}"
        except ValueError:
            del values["idle"]
    values.update(server=server, local=local, old=old or "", new=new)
    return values


def cause_text(
    cause: str,
    server: str,
    local: str,
    old: str | None,
    new: str,
    evidence: Iterable[str] = (),
    lang: str = "en",
    fallback: str = "",
) -> str:
    """Why a mapping changed, in a sentence, in ``lang``."""
    params = cause_params(server, local, old, new, evidence)
    return i18n.render(f"nat.cause.{cause}", params, lang, fallback=fallback)


def class_params(local: str | None, mappings: Iterable[tuple[str, str]]) -> dict[str, str]:
    publics = sorted({public for _server, public in mappings})
    return {
        "local": local or "",
        "public": publics[0] if len(publics) == 1 else ", ".join(publics),
        "ports": ", ".join(publics),
    }


def class_text(
    classification: str,
    local: str | None,
    mappings: Iterable[tuple[str, str]],
    lang: str = "en",
    fallback: str = "",
) -> str:
    """The NAT in front of us in plain words, in ``lang``."""
    params = class_params(local, mappings)
    return i18n.render(f"nat.class.{classification}", params, lang, fallback=fallback)


@dataclass(frozen=True, slots=True)
class Observation:
    server: str  # ip:port of the server that answered
    local: str  # our local ip:port the request left from
    public: str  # ip:port the server saw (Via received:rport)
    source: Source
    at: float


@dataclass(frozen=True, slots=True)
class MappingChange:
    server: str
    local: str
    old: str | None
    new: str
    source: Source
    cause: str  # a key of CAUSES
    explanation: str
    evidence: tuple[str, ...] = ()


@dataclass(slots=True)
class _Mapping:
    public: str
    since: float
    last_seen: float


def _host(hostport: str) -> str:
    return hostport.rsplit(":", 1)[0].strip("[]")


def _port(hostport: str) -> str:
    return hostport.rsplit(":", 1)[1]


@dataclass
class NatMappingTracker:
    """Feed it every Via received/rport; it says what changed and why."""

    keepalive_interval: float | None = 15.0  # pjsua's udpKaIntervalSec; None: no keep-alive
    history_limit: int = 200
    _mappings: dict[tuple[str, str], _Mapping] = field(default_factory=dict)
    _last_sent: dict[str, float] = field(default_factory=dict)  # local -> last traffic
    _register_local: str | None = None
    _register_server: str | None = None
    history: list[MappingChange] = field(default_factory=list)

    def sent(self, local: str, now: float) -> None:
        """Traffic left ``local`` (a request or a keep-alive): the mapping was not idle."""
        self._last_sent[local] = now

    def observe(
        self,
        server: str,
        local: str,
        received: str | None,
        rport: int | None,
        source: Source,
        now: float,
    ) -> MappingChange | None:
        """One response's Via. Returns the change it reveals, if any."""
        if not received:
            return None
        public = f"{received}:{rport}" if rport else f"{received}:{_port(local)}"
        key = (local, server)
        previous = self._mappings.get(key)
        idle = now - self._last_sent.get(local, now)
        self._last_sent[local] = now
        change: MappingChange | None = None

        if source == "register":
            change = self._registration_change(server, local, public, now)
            self._register_local, self._register_server = local, server
        if change is None:
            if previous is None:
                if not any(k[0] == local for k in self._mappings):
                    change = self._make("first_seen", server, local, None, public, source)
            elif previous.public != public:
                change = self._same_server_change(server, local, previous.public, public,
                                                  source, idle)  # fmt: skip
        if previous is None or previous.public != public:
            self._mappings[key] = _Mapping(public, now, now)
        else:
            previous.last_seen = now
        if change is not None:
            self.history.append(change)
            del self.history[: -self.history_limit]
        return change

    def _registration_change(
        self, server: str, local: str, public: str, now: float
    ) -> MappingChange | None:
        old_local, old_server = self._register_local, self._register_server
        if old_local is not None and old_local != local and _port(old_local) == _port(local):
            return self._make(
                "local_changed", server, local, self._public_of(old_local, old_server), public,
                "register", old_local=old_local,
            )  # fmt: skip
        if old_server is not None and old_server != server:
            old_public = self._public_of(old_local, old_server)
            if old_public is not None and old_public != public:
                return self._make(
                    "server_move", server, local, old_public, public, "register",
                    old_server=old_server,
                )  # fmt: skip
        return None

    def _same_server_change(
        self, server: str, local: str, old: str, new: str, source: Source, idle: float
    ) -> MappingChange:
        if _host(old) != _host(new):
            return self._make("public_ip_changed", server, local, old, new, source)
        longest_gap = min(idle, self.keepalive_interval) if self.keepalive_interval else idle
        if longest_gap > NAT_IDLE_SUSPECT:
            return self._make("idle_timeout", server, local, old, new, source, idle=longest_gap)
        return self._make("rebinding", server, local, old, new, source)

    def _public_of(self, local: str | None, server: str | None) -> str | None:
        if local is None or server is None:
            return None
        mapping = self._mappings.get((local, server))
        return mapping.public if mapping else None

    def _make(
        self,
        cause: str,
        server: str,
        local: str,
        old: str | None,
        new: str,
        source: Source,
        **extra: object,
    ) -> MappingChange:
        values = {"server": server, "local": local, "old": old, "new": new, **extra}
        evidence = tuple(f"{k}={v}" for k, v in values.items() if v is not None)
        explanation = cause_text(cause, server, local, old, new, evidence)
        return MappingChange(server, local, old, new, source, cause, explanation, evidence)

    # -- classification ------------------------------------------------------------------

    def mappings_of(self, local: str) -> dict[str, str]:
        """server -> public address, for one local socket."""
        return {srv: m.public for (loc, srv), m in self._mappings.items() if loc == local}

    def classify(self, local: str | None = None) -> tuple[str, str, tuple[str, ...]]:
        """(class id, explanation, evidence) for the registration's socket by default."""
        local = local or self._register_local
        if local is None:
            return "unknown", class_text("unknown", None, ()), ()
        seen = self.mappings_of(local)
        if not seen:
            return "unknown", class_text("unknown", local, ()), ()
        evidence = tuple(f"{srv} sees {pub}" for srv, pub in sorted(seen.items()))
        publics = set(seen.values())
        if publics == {local}:
            classification = "no_nat"
        elif len(publics) == 1:
            classification = "stable"
        else:
            classification = "address_dependent"
        return classification, class_text(classification, local, seen.items()), evidence
