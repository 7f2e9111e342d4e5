"""``softdiag bundle export`` / ``inspect``: one zip a second-line engineer can open.

Members: ``report.html`` (read first), ``events.jsonl`` (every event), ``sip.pcap``
(Wireshark, sngrep), ``settings.json`` (secret keys removed, and which), ``logs.txt`` and
``manifest.json`` (what this is: ``inspect`` tells a softdiag bundle from any other zip).

Invariants:

1. Atomic: the zip is written to a temporary file beside the target, synced, then renamed
   over it. A full disk, a missing permission or a crash leaves no partial bundle behind.
2. Secrets are scrubbed again at export (:func:`softdiag.bundle.secrets.scrub`), and every
   member is checked for what must never be there (known secrets, unredacted digest
   ``response``/``cnonce``, ``a=crypto`` keys) before the rename; a hit refuses the export.
3. Every failure the user can cause is a :class:`BundleError` with one line of text.
"""

from __future__ import annotations

import contextlib
import errno
import io
import json
import os
import re
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from softdiag.events import Event, Log, SipMessage, event_to_json

from .journal import RunInfo, list_runs, read_events
from .pcap import write_pcap
from .report import render_report
from .secrets import scrub, scrub_settings

__all__ = ["BundleError", "BundleSummary", "export_bundle", "inspect_bundle", "select_runs"]

FORMAT = "softdiag-bundle"
VERSION = 1
MEMBERS = ("report.html", "events.jsonl", "sip.pcap", "settings.json", "logs.txt", "manifest.json")
Progress = Callable[[float, str], None]

# What must never be in a bundle, whatever produced it.
_LEAKS = (
    re.compile(rb'\b(?:response|cnonce)\s*=\s*"?(?!<redacted>)[0-9A-Za-z+/=]{6,}', re.IGNORECASE),
    re.compile(rb"a=crypto:\s*\S+\s+\S+\s+inline:(?!<redacted>)", re.IGNORECASE),
    re.compile(
        rb"^(?:proxy-)?authorization\s*:\s*(?!digest)\w+\s+(?!<redacted>)",
        re.IGNORECASE | re.MULTILINE,
    ),
)


class BundleError(Exception):
    """Bad input or an environment problem, in one line for the user."""


@dataclass(frozen=True, slots=True)
class BundleSummary:
    path: Path
    runs: tuple[str, ...]
    events: int
    sip_messages: int
    size: int
    seconds: float
    removed_settings: tuple[str, ...] = ()


def select_runs(
    run_id: str | None = None, last: int | None = None, base: Path | None = None
) -> list[RunInfo]:
    runs = list_runs(base)
    if not runs:
        raise BundleError("no run has been journalled yet: run softdiag first")
    if run_id is not None:
        chosen = [r for r in runs if r.id == run_id]
        if not chosen:
            raise BundleError(f"no run {run_id!r} (runs: {', '.join(r.id for r in runs[-5:])})")
        return chosen
    n = 1 if last is None else last
    if n < 1:
        raise BundleError("--last needs a positive number")
    return runs[-n:]


def _settings_member() -> tuple[bytes, list[str]]:
    from softdiag.settings import settings_path

    try:
        data = json.loads(settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        data = {}
    kept, removed = scrub_settings(data if isinstance(data, dict) else {})
    return json.dumps({"settings": kept, "removed": removed}, indent=2).encode(), removed


def _check_clean(name: str, data: bytes, secrets: Sequence[str]) -> None:
    for secret in secrets:
        if secret and secret.encode() in data:
            raise BundleError(f"refusing to export: {name} still holds a secret")
    for pattern in _LEAKS:
        if pattern.search(data):
            raise BundleError(f"refusing to export: {name} holds an unredacted credential")


def _io_error(exc: OSError, out: Path) -> BundleError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        return BundleError(
            f"cannot write {out}: the disk is full (or a quota or file-size limit); nothing was written"
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return BundleError(f"cannot write {out}: permission denied")
    if exc.errno == errno.ENOENT:
        return BundleError(f"cannot write {out}: the folder does not exist")
    return BundleError(f"cannot write {out}: {exc.strerror or exc}")


def default_bundle_name() -> str:
    return time.strftime("softdiag-bundle-%Y%m%d-%H%M%S.zip")


def export_events(events: Sequence[Event], destination: str | None, *, lang: str = "en") -> str:
    """A bundle of ``events`` alone (a guided check's run); returns where it went.

    ``destination``: a ``.zip`` path, a folder (a time-stamped name inside it), or None (the
    current folder, as ``softdiag bundle export``).
    """
    out = Path(destination).expanduser() if destination else Path.cwd()
    if out.is_dir():
        out = out / default_bundle_name()
    return str(export_bundle([], out, lang=lang, extra_events=events).path)


def export_bundle(
    runs: Sequence[RunInfo],
    out: Path,
    *,
    lang: str = "en",
    environment: dict[str, Any] | None = None,
    secrets: Sequence[str] = (),
    progress: Progress | None = None,
    extra_events: Iterable[Event] = (),
) -> BundleSummary:
    """Write the bundle of ``runs`` to ``out`` atomically (see the module doc)."""
    started = time.perf_counter()
    say = progress or (lambda fraction, what: None)
    out = out.expanduser()
    if out.is_dir():
        raise BundleError(f"{out} is a folder: give a file name ending in .zip")
    if not out.parent.is_dir():
        raise BundleError(f"cannot write {out}: the folder does not exist")
    say(0.05, "reading the journal")
    events: list[Event] = []
    for run in runs:
        events.extend(scrub(e, tuple(secrets)) for e in read_events(run))
    events.extend(scrub(e, tuple(secrets)) for e in extra_events)
    sips = [e for e in events if isinstance(e, SipMessage)]
    say(0.35, "environment")
    if environment is None:
        from .environment import collect_environment

        environment = collect_environment()
    say(0.45, "report")
    members: dict[str, bytes] = {}
    members["report.html"] = render_report(
        events, environment, lang=lang, runs=[r.id for r in runs]
    ).encode()
    say(0.6, "events")
    members["events.jsonl"] = "".join(
        json.dumps(event_to_json(e), ensure_ascii=False) + "\n" for e in events
    ).encode()
    say(0.75, "pcap")
    buf = io.BytesIO()
    # In time order: the engine's and the prober's threads publish concurrently.
    write_pcap(sorted(sips, key=lambda m: m.wall), buf)
    members["sip.pcap"] = buf.getvalue()
    members["settings.json"], removed = _settings_member()
    members["logs.txt"] = "".join(
        f"{time.strftime('%Y-%m-%d %H:%M:%S', time.localtime(e.wall))} {e.level:<7} {e.source}: {e.message}\n"
        for e in events
        if isinstance(e, Log)
    ).encode()
    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": time.time(),
        "runs": [r.id for r in runs],
        "events": len(events),
        "sip_messages": len(sips),
        "lang": lang,
        "settings_removed": removed,
    }
    members["manifest.json"] = json.dumps(manifest, indent=2).encode()
    say(0.85, "checking for secrets")
    for name, data in members.items():
        _check_clean(name, data, secrets)
    say(0.9, "writing")
    fd, tmp_name = -1, ""
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
        with os.fdopen(fd, "wb") as fp:
            fd = -1
            with zipfile.ZipFile(fp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
                for name in MEMBERS:
                    zf.writestr(name, members[name])
            fp.flush()
            os.fsync(fp.fileno())
        os.replace(tmp_name, out)
        tmp_name = ""
    except OSError as exc:
        raise _io_error(exc, out) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if tmp_name:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
    say(1.0, "done")
    return BundleSummary(
        path=out,
        runs=tuple(r.id for r in runs),
        events=len(events),
        sip_messages=len(sips),
        size=out.stat().st_size,
        seconds=time.perf_counter() - started,
        removed_settings=tuple(removed),
    )


def inspect_bundle(path: Path) -> dict[str, Any]:
    """The manifest and members of a bundle; BundleError for anything that is not one."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
            if "manifest.json" not in names:
                raise BundleError(f"{path} is a zip but not a softdiag bundle (no manifest.json)")
            bad = zf.testzip()
            if bad is not None:
                raise BundleError(f"{path} is damaged: {bad} does not match its checksum")
            manifest = json.loads(zf.read("manifest.json"))
            if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                raise BundleError(f"{path} is a zip but not a softdiag bundle")
            missing = [m for m in MEMBERS if m not in names]
            if missing:
                raise BundleError(f"{path} is an incomplete bundle: {', '.join(missing)} missing")
            sizes = {i.filename: i.file_size for i in zf.infolist()}
    except FileNotFoundError:
        raise BundleError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise BundleError(f"{path} is a folder, not a bundle") from None
    except PermissionError:
        raise BundleError(f"{path}: permission denied") from None
    except zipfile.BadZipFile as exc:
        raise BundleError(f"{path} is not a zip file, or a truncated one ({exc})") from None
    except (zipfile.LargeZipFile, EOFError, ValueError, OSError, UnicodeDecodeError) as exc:
        raise BundleError(f"{path} cannot be read as a bundle ({exc.__class__.__name__})") from None
    return {**manifest, "members": sizes}
