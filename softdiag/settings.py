"""Per-user settings (platformdirs) and the password store (keyring).

Settings are a small JSON file. A corrupt or unreadable file never stops the app: it is kept
aside as ``settings.json.corrupt-<time>`` (so nothing the user typed is lost), the defaults
are used, and :attr:`LoadResult.problem` says what happened in one line.

Passwords never touch that file. They go to the OS keychain through keyring; where no
keychain backend exists, :class:`PasswordStore` keeps them in memory for this run only and
says so (``persistent`` is False).
"""

from __future__ import annotations

import dataclasses
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

__all__ = ["LoadResult", "PasswordStore", "Settings", "load_settings", "save_settings"]

APP_NAME = "softdiag"
KEYRING_SERVICE = "softdiag"


@dataclass(frozen=True, slots=True, kw_only=True)
class Settings:
    domain: str = ""
    user: str = ""
    dns: str = ""  # "host[:port]" or "" for the system resolver
    transport: str = "udp"
    expires: int = 300
    policy: str = "sticky"
    probe_profile: str = "default"  # health probes: "default" (quiet) or "fast"
    probe_interval: int = 30  # seconds between quiet probes of the current server
    echo_uri: str = "sip:echo@voip.test"
    language: str = ""  # "" follows the system locale
    hep: str = ""  # HEPv3 collector host:port that every SIP message is mirrored to; "" = off
    hep_id: int = 2001  # HEP capture agent id (the auth key is kept for the run only)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Settings:
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, value in data.items():
            f = known.get(key)
            # Unknown keys (from a newer version) and wrongly typed values are ignored.
            if f is not None and isinstance(value, type(getattr(cls(), key))):
                values[key] = value
        return cls(**values)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class LoadResult:
    settings: Settings
    problem: str | None = None


def settings_path() -> Path:
    override = os.environ.get("SOFTDIAG_CONFIG_DIR")
    base = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))
    return base / "settings.json"


MAX_SETTINGS_BYTES = 1 << 20  # a settings file is a few hundred bytes


def load_settings(path: Path | None = None) -> LoadResult:
    """Read the settings; a damaged file is moved aside and the defaults used, whatever
    it holds (binary data, deep nesting, wrong types, an enormous file)."""
    path = path or settings_path()
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_SETTINGS_BYTES + 1)
    except FileNotFoundError:
        return LoadResult(Settings())
    except OSError as exc:
        return LoadResult(Settings(), f"could not read {path}: {exc.strerror}")
    try:
        if len(raw) > MAX_SETTINGS_BYTES:
            raise ValueError("larger than 1 MiB")
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        settings = Settings.from_dict(data)
    except (ValueError, RecursionError, TypeError) as exc:
        # UnicodeDecodeError is a ValueError; a deeply nested file raises RecursionError.
        reason = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
        aside = path.with_name(f"{path.name}.corrupt-{int(time.time())}")
        try:
            path.replace(aside)
        except OSError:
            aside = path
        return LoadResult(
            Settings(),
            f"settings file was damaged ({reason}); kept it as {aside.name}, using defaults",
        )
    return LoadResult(settings)


def save_settings(settings: Settings, path: Path | None = None) -> None:
    """Write atomically: a crash mid-write never leaves a half file behind."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.to_dict(), indent=2) + "\n", encoding="utf-8")
    tmp.replace(path)


class PasswordStore:
    """Passwords in the OS keychain, or in memory for this run where there is none."""

    def __init__(self) -> None:
        self._memory: dict[str, str] = {}
        self.persistent = _keyring_usable()

    @staticmethod
    def _key(user: str, domain: str) -> str:
        return f"{user}@{domain}"

    def get(self, user: str, domain: str) -> str | None:
        key = self._key(user, domain)
        if key in self._memory:
            return self._memory[key]
        if self.persistent:
            try:
                import keyring

                value: str | None = keyring.get_password(KEYRING_SERVICE, key)
                return value
            except Exception:
                return None
        return None

    def set(self, user: str, domain: str, password: str) -> None:
        key = self._key(user, domain)
        if self.persistent:
            try:
                import keyring

                keyring.set_password(KEYRING_SERVICE, key, password)
                return
            except Exception:
                self.persistent = False  # the keychain refused: fall back, and say so
        self._memory[key] = password


def _keyring_usable() -> bool:
    try:
        import keyring
        from keyring.backends import fail

        backend = keyring.get_keyring()
    except Exception:
        return False
    if isinstance(backend, fail.Keyring):
        return False
    # The chainer with no usable backend behind it is as good as none.
    backends = getattr(backend, "backends", None)
    return not (backends is not None and not backends)


def account_password(user: str, domain: str, env_var: str | None, *, keychain: bool) -> str:
    """The account's password for a command: from ``env_var``, SOFTDIAG_PASSWORD, the
    keychain (``keychain``), or a prompt on a terminal, in that order. Never from a command
    line or a file. ValueError with a one-line reason when there is none."""
    if env_var:
        value = os.environ.get(env_var)
        if value is None:
            raise ValueError(f"the environment variable {env_var} is not set")
        return value
    if "SOFTDIAG_PASSWORD" in os.environ:
        return os.environ["SOFTDIAG_PASSWORD"]
    if keychain:
        stored = PasswordStore().get(user, domain)
        if stored:
            return stored
    if sys.stdin.isatty():
        import getpass

        return getpass.getpass(f"password for {user}@{domain}: ")
    where = "--password-env VAR or the keychain" if keychain else "--password-env VAR"
    raise ValueError(
        f"no password: use {where} (passwords never go on a command line or in a file)"
    )
