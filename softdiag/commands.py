"""Commands to the SIP engine. Immutable; put on the engine's queue from any thread."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .events import Target, Transport

__all__ = [
    "AccountSpec",
    "AnswerCall",
    "AnswerMode",
    "AudioSpec",
    "Command",
    "Hangup",
    "KeepAlive",
    "MakeCall",
    "ModifyAccount",
    "Register",
    "SelectAudio",
    "SetAnswerMode",
    "SetOfferFmtp",
    "Shutdown",
    "Unregister",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class AccountSpec:
    """What the user entered for one SIP account."""

    domain: str
    user: str
    password: str = field(repr=False)  # never printed, logged or recorded
    transport: Transport = "udp"
    dns: str | None = None  # "host[:port]" override; None = the system resolver
    expires: int = 300
    auth_user: str | None = None
    # TLS: verify the server's certificate (system store plus ca_file) by the SRV target's
    # name; off only by an explicit, visible choice (--tls-no-verify).
    ca_file: str | None = None
    tls_verify: bool = True

    @property
    def aor(self) -> str:
        return f"sip:{self.user}@{self.domain}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Command:
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class Register(Command):
    """Create (or replace) the account and register it through ``target``."""

    account: AccountSpec
    target: Target


@dataclass(frozen=True, slots=True, kw_only=True)
class ModifyAccount(Command):
    """Move the registration of the current account to another target (Account.modify)."""

    target: Target


@dataclass(frozen=True, slots=True, kw_only=True)
class Unregister(Command):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class KeepAlive(Command):
    """A NAT keep-alive (CRLF) from the SIP socket to each of ``targets`` (UDP ones)."""

    targets: tuple[Target, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Shutdown(Command):
    pass


@dataclass(frozen=True, slots=True, kw_only=True)
class AudioSpec:
    """Where a call's audio comes from and goes to.

    ``source="tone"`` sends the generated test signal (a steady sine) and plays nothing;
    ``"devices"`` bridges the named output and input (None: the system default) and falls
    back to the test signal when no device can be opened.
    """

    source: Literal["tone", "devices"] = "tone"
    tone_hz: int = 1000
    tone_dbfs: float = -20.0  # RMS of the test signal (peaks 3 dB higher)
    output: str | None = None
    input: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class MakeCall(Command):
    """Call ``uri`` from the registered account. ``call`` is softdiag's number for it."""

    call: int
    uri: str
    audio: AudioSpec = field(default_factory=AudioSpec)


@dataclass(frozen=True, slots=True, kw_only=True)
class Hangup(Command):
    call: int


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectAudio(Command):
    """Re-select the devices of a running call (after a device was lost, or by choice)."""

    call: int
    audio: AudioSpec


AnswerMode = Literal["auto", "ring", "busy"]


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerCall(Command):
    """Answer a ringing incoming call: 200 accepts it, 486/603 reject it."""

    call: int
    code: int = 200
    audio: AudioSpec | None = None  # None: what the call was set up with (the test signal)


@dataclass(frozen=True, slots=True, kw_only=True)
class SetAnswerMode(Command):
    """What the engine does with the next incoming calls (see ``IncomingCall.answer``)."""

    mode: AnswerMode


@dataclass(frozen=True, slots=True, kw_only=True)
class SetOfferFmtp(Command):
    """Offer these extra fmtp parameters from now on: ((codec, "name=value;..."), ...).

    Reproduces a device whose offer carries an unusual fmtp (CASES.md case 5); an empty
    tuple puts every codec's own parameters back (softdiag.sip.codecs).
    """

    fmtp: tuple[tuple[str, str], ...] = ()
