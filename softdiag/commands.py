"""Commands to the SIP engine. Immutable; put on the engine's queue from any thread."""

from __future__ import annotations

from dataclasses import dataclass, field

from .events import Target, Transport

__all__ = ["AccountSpec", "Command", "ModifyAccount", "Register", "Shutdown", "Unregister"]


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
class Shutdown(Command):
    pass
