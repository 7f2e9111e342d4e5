"""Check profiles: the small TOML file a support engineer writes once and sends to a customer.

A profile names the account (domain, user, optional DNS server, transport and failover
policy), the test target to call, the steps to run, what the customer's setup should look
like (the expectations) and where the diagnostic bundle goes. The password is never in
it: the check takes it from an environment variable (``--password-env VAR``) or from the
keychain, as the GUI does. A ``password`` key is refused, so a profile that is mailed
around cannot leak one.

Example::

    domain = "voip.example.com"
    user = "alice"
    dns = "192.0.2.53:53"          # optional: the system's resolver otherwise
    transport = "udp"              # udp | tcp | tls
    policy = "sticky"              # sticky | priority | first-ip
    call = "sip:echo@voip.example.com"
    steps = ["network", "dns", "servers", "register", "nat", "call", "devices"]
    stun = "stun.example.com:3478" # optional: RFC 5780 NAT behaviour
    expect_output = "handset"      # what the customer listens on
    register_refreshes = 3         # the registration must hold this many refreshes
    nat_keepalive_max_s = 25       # the keep-alive must be at least this frequent
    expires = 30                   # registration expiry asked for (refreshes 5 s before)
    bundle = "~/softdiag-check.zip"

    [devices]                      # optional: which devices the device step checks
    output = "USB Handset"
    input = "USB Handset Microphone"

Validation is strict and located: every problem names the file and line, e.g.
``profile.toml line 4: unknown step 'dsn'``. TOML itself is read by the standard library's
``tomllib`` (Python 3.11+); the line of a semantic error is found by looking for the key
in the text, since ``tomllib`` keeps no positions.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from softdiag.dns import parse_nameserver
from softdiag.events import Transport

__all__ = [
    "DEFAULT_STEPS",
    "FORM_FACTORS",
    "STEPS",
    "CheckProfile",
    "ProfileError",
    "load_profile",
    "parse_profile",
    "parse_steps",
]

# The order the steps always run in, whatever order a profile lists them.
STEPS: tuple[str, ...] = ("network", "dns", "servers", "register", "nat", "call", "devices")
DEFAULT_STEPS: tuple[str, ...] = ("network", "dns", "servers", "register", "nat", "call")
FORM_FACTORS = ("handset", "headset", "headphone", "speaker", "microphone")
TRANSPORTS = ("udp", "tcp", "tls")
POLICIES = ("sticky", "priority", "first-ip")

_TOP_KEYS = {
    "domain", "user", "dns", "transport", "policy", "call", "steps", "stun", "expect_output",
    "register_refreshes", "nat_keepalive_max_s", "expires", "call_duration_s", "bundle",
    "devices",
}  # fmt: skip
_DEVICE_KEYS = {"output", "input"}
_SECRET_KEYS = {"password", "secret", "pass", "passwd"}
_SAFE_TEXT = re.compile(r"^[^\s\"'<>]+$")


class ProfileError(ValueError):
    """A profile problem, as one line naming the file and (where known) the line."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckProfile:
    """What to check and what to expect. No password, ever."""

    domain: str
    user: str
    dns: str | None = None
    transport: Transport = "udp"
    policy: str = "sticky"
    call: str | None = None  # the test target; None: the call step is skipped
    steps: tuple[str, ...] = DEFAULT_STEPS
    stun: str | None = None
    expect_output: str | None = None
    register_refreshes: int = 1
    nat_keepalive_max_s: float | None = None
    expires: int = 30  # one refresh within 25 s: the whole check stays under a minute
    call_duration_s: float = 5.0
    bundle: str | None = None
    output_device: str | None = None
    input_device: str | None = None
    source: str = field(default="", compare=False)  # the file it came from, for messages

    def with_changes(self, **changes: Any) -> CheckProfile:
        return dataclasses.replace(self, **changes)


def parse_steps(text: str | Sequence[str], where: str = "--steps") -> tuple[str, ...]:
    """``"dns,servers"`` or a list -> the steps in run order. ProfileError if unknown."""
    names = [s.strip() for s in text.split(",")] if isinstance(text, str) else list(text)
    if not names or any(not isinstance(n, str) or not n for n in names):
        raise ProfileError(f"{where}: give step names, e.g. dns,servers,register")
    for name in names:
        if name not in STEPS:
            raise ProfileError(f"{where}: unknown step {name!r} (steps: {', '.join(STEPS)})")
    return tuple(s for s in STEPS if s in names)


def _line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The 1-based line where ``key`` is assigned (in ``[table]`` when given)."""
    current: str | None = None
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = re.match(r"^\[\s*([^\]]+?)\s*\]", stripped)
        if header:
            current = header.group(1)
            continue
        if current == table and pattern.match(line):
            return number
    if table is not None:
        return _line_of_table(text, table)
    return None


def _line_of_table(text: str, table: str) -> int | None:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"^\s*\[\s*{re.escape(table)}\s*\]", line):
            return number
    return None


class _Validator:
    def __init__(self, text: str, name: str) -> None:
        self.text = text
        self.name = name

    def fail(self, message: str, key: str | None = None, table: str | None = None) -> ProfileError:
        line = _line_of(self.text, key, table) if key is not None else None
        where = f"{self.name} line {line}" if line else self.name
        return ProfileError(f"{where}: {message}")

    def text_value(self, data: Mapping[str, Any], key: str, table: str | None = None) -> str | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{key} must be a non-empty string", key, table)
        if not _SAFE_TEXT.match(value.strip()) and key not in ("bundle", "output", "input"):
            raise self.fail(f"{key} {value!r} contains spaces or quotes", key, table)
        return value.strip()

    def number(self, data: Mapping[str, Any], key: str, low: float, high: float) -> float | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.fail(f"{key} must be a number", key)
        if not low <= value <= high:
            raise self.fail(f"{key} must be between {low:g} and {high:g}", key)
        return float(value)


def parse_profile(text: str, name: str = "profile.toml") -> CheckProfile:
    """Validate a profile's text. Raises ProfileError with the file name and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # tomllib says "... (at line 4, column 7)": keep its words, lead with our format.
        message = str(exc)
        match = re.search(r"\(at line (\d+), column \d+\)", message)
        reason = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        where = f"{name} line {match.group(1)}" if match else name
        raise ProfileError(f"{where}: not valid TOML: {reason}") from None
    v = _Validator(text, name)
    for key in data:
        if key.lower() in _SECRET_KEYS:
            raise v.fail(
                f"{key!r}: a profile never holds a password (use --password-env VAR or the "
                "keychain)",
                key,
            )
        if key not in _TOP_KEYS:
            raise v.fail(f"unknown key {key!r} (keys: {', '.join(sorted(_TOP_KEYS))})", key)
    domain = v.text_value(data, "domain")
    user = v.text_value(data, "user")
    if domain is None:
        raise v.fail(
            'domain is missing (the SIP domain to check, e.g. domain = "voip.example.com")'
        )
    if user is None:
        raise v.fail('user is missing (the user part of the account, e.g. user = "alice")')
    dns = v.text_value(data, "dns")
    if dns is not None:
        try:
            parse_nameserver(dns)
        except ValueError as exc:
            raise v.fail(str(exc), "dns") from None
    transport = v.text_value(data, "transport") or "udp"
    if transport not in TRANSPORTS:
        raise v.fail(f"unknown transport {transport!r} (use {', '.join(TRANSPORTS)})", "transport")
    policy = v.text_value(data, "policy") or "sticky"
    if policy not in POLICIES:
        raise v.fail(f"unknown policy {policy!r} (use {', '.join(POLICIES)})", "policy")
    steps = DEFAULT_STEPS
    if "steps" in data:
        raw = data["steps"]
        if isinstance(raw, str):
            raw = [s.strip() for s in raw.split(",")]
        if not isinstance(raw, list) or not raw or not all(isinstance(s, str) for s in raw):
            raise v.fail("steps must be a list of step names", "steps")
        for step in raw:
            if step not in STEPS:
                raise v.fail(f"unknown step {step!r} (steps: {', '.join(STEPS)})", "steps")
        steps = tuple(s for s in STEPS if s in raw)
    expect = v.text_value(data, "expect_output")
    if expect is not None and expect not in FORM_FACTORS:
        raise v.fail(
            f"expect_output must be one of {', '.join(FORM_FACTORS)}, not {expect!r}",
            "expect_output",
        )
    stun = v.text_value(data, "stun")
    refreshes = v.number(data, "register_refreshes", 0, 20)
    if refreshes is not None and refreshes != int(refreshes):
        raise v.fail("register_refreshes must be a whole number", "register_refreshes")
    keepalive = v.number(data, "nat_keepalive_max_s", 1, 3600)
    expires = v.number(data, "expires", 5, 86400)
    duration = v.number(data, "call_duration_s", 2, 60)
    devices = data.get("devices", {})
    if not isinstance(devices, dict):
        raise v.fail("devices must be a table: [devices] with output and input", "devices")
    for key in devices:
        if key not in _DEVICE_KEYS:
            raise v.fail(f"unknown key {key!r} in [devices] (output, input)", key, "devices")
    return CheckProfile(
        domain=domain,
        user=user,
        dns=dns,
        transport=cast(Transport, transport),
        policy=policy,
        call=v.text_value(data, "call"),
        steps=steps,
        stun=stun,
        expect_output=expect,
        register_refreshes=int(refreshes) if refreshes is not None else 1,
        nat_keepalive_max_s=keepalive,
        expires=int(expires) if expires is not None else 30,
        call_duration_s=duration if duration is not None else 5.0,
        bundle=v.text_value(data, "bundle"),
        output_device=v.text_value(devices, "output", "devices"),
        input_device=v.text_value(devices, "input", "devices"),
        source=name,
    )


def load_profile(path: str | Path) -> CheckProfile:
    """Read and validate a profile file. ProfileError (one line) for every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileError(f"{path}: cannot read the profile: {exc.strerror or exc}") from None
    if len(raw) > 64 * 1024:
        raise ProfileError(f"{path.name}: too large for a profile ({len(raw)} bytes)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ProfileError(f"{path.name}: not UTF-8 text") from None
    return parse_profile(text, path.name)
