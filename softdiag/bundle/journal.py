"""The per-run event journal: every event of a run, as JSON lines, on disk as it happens.

Theory of operation:

1. A run is one process's session (one ``softdiag register``/``call``, or one GUI start).
   It gets a directory ``<state>/runs/<run id>/`` holding ``meta.json`` (command, pid,
   start time), ``events.jsonl`` and, once the run ended cleanly, ``ended``. A run without
   ``ended`` whose process is gone crashed: the next GUI start offers to export it.
2. The subscriber (:meth:`Journal.__call__`) runs on the publishing thread, so it only
   scrubs, encodes and appends a line to an in-memory list. A writer thread writes and
   flushes that list every ``flush_interval`` (0.5 s): a ``kill -9`` loses at most the last
   half second (the kernel keeps what was written when the process dies).
3. Bounded: one run stops journalling at ``max_run_bytes`` (and says so in a last line);
   when a run opens, runs older than ``max_age_s`` go first, then the oldest runs beyond
   ``keep_runs`` or beyond ``max_total_bytes`` altogether. The open run is never removed.
4. Nothing secret: every event passes :func:`softdiag.bundle.secrets.scrub` first.

``SOFTDIAG_STATE_DIR`` overrides platformdirs' user state directory (tests, portable use).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs

from softdiag.events import Event, SipMessage, event_from_json, event_to_json

from .secrets import scrub

__all__ = [
    "Journal",
    "RunInfo",
    "crashed_runs",
    "list_runs",
    "open_journal",
    "read_events",
    "runs_dir",
    "state_dir",
]

STATE_ENV = "SOFTDIAG_STATE_DIR"
EVENTS_FILE = "events.jsonl"
META_FILE = "meta.json"
ENDED_FILE = "ended"


def state_dir() -> Path:
    override = os.environ.get(STATE_ENV)
    return Path(override) if override else Path(platformdirs.user_state_dir("softdiag"))


def runs_dir(base: Path | None = None) -> Path:
    return (base or state_dir()) / "runs"


@dataclass(frozen=True, slots=True)
class RunInfo:
    id: str
    path: Path
    command: str
    pid: int
    started: float  # wall clock
    ended: bool
    size: int  # bytes of the journal

    @property
    def events_path(self) -> Path:
        return self.path / EVENTS_FILE

    @property
    def crashed(self) -> bool:
        """Not ended cleanly and its process is gone."""
        return not self.ended and not _alive(self.pid)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there
        return _alive_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, owned by someone else; or a platform without signal 0
        return True
    return True


def _alive_windows(pid: int) -> bool:
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        return (
            bool(kernel32.GetExitCodeProcess(handle, ctypes.byref(code))) and code.value == 259
        )  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _run_info(path: Path) -> RunInfo | None:
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            return None
        events = path / EVENTS_FILE
        return RunInfo(
            id=path.name,
            path=path,
            command=str(meta.get("command", "")),
            pid=int(meta.get("pid", 0)),
            started=float(meta.get("started", 0.0)),
            ended=(path / ENDED_FILE).exists(),
            size=events.stat().st_size if events.exists() else 0,
        )
    except (OSError, ValueError, TypeError):
        return None


def list_runs(base: Path | None = None) -> list[RunInfo]:
    """Every journalled run, oldest first."""
    root = runs_dir(base)
    if not root.is_dir():
        return []
    runs = [r for p in root.iterdir() if p.is_dir() and (r := _run_info(p)) is not None]
    return sorted(runs, key=lambda r: (r.started, r.id))


def crashed_runs(base: Path | None = None) -> list[RunInfo]:
    return [r for r in list_runs(base) if r.crashed and r.size > 0]


def read_events(run: RunInfo | Path, *, limit: int = 2_000_000) -> Iterator[Event]:
    """The events of a run; a torn last line (a crash mid-write) or a foreign line is skipped."""
    path = run.events_path if isinstance(run, RunInfo) else run
    with path.open("r", encoding="utf-8", errors="replace") as fp:
        for count, line in enumerate(fp):
            if count >= limit:
                return
            with contextlib.suppress(ValueError, TypeError, KeyError):
                data = json.loads(line)
                if (
                    isinstance(data, dict)
                    and data.get("type") == "SipMessage"
                    and isinstance(data.get("text"), str)
                ):
                    # The bulk of a journal, and flat: built directly, 5x faster than the
                    # generic decoder (softdiag bench bundle).
                    del data["type"]
                    yield SipMessage(**data)
                elif isinstance(data, dict) and "type" in data:
                    yield event_from_json(data)


class Journal:
    """A session subscriber that journals every event of this run (see the module doc)."""

    def __init__(
        self,
        command: str,
        *,
        base: Path | None = None,
        flush_interval: float = 0.5,
        max_run_bytes: int = 64 * 1024 * 1024,
        keep_runs: int = 30,
        max_total_bytes: int = 512 * 1024 * 1024,
        max_age_s: float = 14 * 86400,
        secrets: tuple[str, ...] = (),
    ) -> None:
        self.command = command
        self.base = base
        self.flush_interval = flush_interval
        self.max_run_bytes = max_run_bytes
        self.keep_runs = keep_runs
        self.max_total_bytes = max_total_bytes
        self.max_age_s = max_age_s
        self._secrets = tuple(s for s in secrets if s)
        self._lock = threading.Lock()
        self._pending: list[str] = []
        self._written = 0
        self.dropped = 0
        self.run_id = time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + f"-{os.getpid()}"
        self.path = runs_dir(base) / self.run_id
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._fp: Any = None

    # -- lifecycle ----------------------------------------------------------------------

    def open(self) -> Journal:
        self.path.mkdir(parents=True, exist_ok=True)
        meta = {"command": self.command, "pid": os.getpid(), "started": time.time()}
        (self.path / META_FILE).write_text(json.dumps(meta), encoding="utf-8")
        self._fp = (self.path / EVENTS_FILE).open("a", encoding="utf-8")
        self.prune()
        self._thread = threading.Thread(target=self._writer, name="softdiag-journal", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5.0)
            self._thread = None
        self._write_pending()
        if self._fp is not None:
            self._fp.close()
            self._fp = None
            with contextlib.suppress(OSError):
                (self.path / ENDED_FILE).write_text(str(time.time()), encoding="utf-8")

    def __enter__(self) -> Journal:
        return self.open()

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add_secret(self, secret: str) -> None:
        if secret:
            self._secrets = (*self._secrets, secret)

    # -- the subscriber -----------------------------------------------------------------

    def __call__(self, event: Event) -> None:
        line = json.dumps(event_to_json(scrub(event, self._secrets)), ensure_ascii=False)
        with self._lock:
            if self._written + len(line) + 1 > self.max_run_bytes:
                self.dropped += 1
                return
            self._written += len(line) + 1
            self._pending.append(line)

    # -- writing ------------------------------------------------------------------------

    def flush(self) -> None:
        self._write_pending()

    def _writer(self) -> None:
        # One wake-up per interval until close(): bounded in time by the process's life.
        while not self._stop.wait(self.flush_interval):
            self._write_pending()

    def _write_pending(self) -> None:
        with self._lock:
            lines, self._pending = self._pending, []
        if not lines or self._fp is None:
            return
        try:
            self._fp.write("\n".join(lines) + "\n")
            self._fp.flush()
        except (OSError, ValueError):  # disk full or closed: the phone goes on regardless
            self.dropped += len(lines)

    # -- rotation -----------------------------------------------------------------------

    def prune(self, now: float | None = None) -> list[str]:
        """Remove old runs (age, count, total size); returns the ids removed."""
        now = time.time() if now is None else now
        others = [r for r in list_runs(self.base) if r.id != self.run_id]
        removed: list[RunInfo] = [r for r in others if now - r.started > self.max_age_s]
        others = [r for r in others if r not in removed]
        while len(others) + 1 > self.keep_runs and others:
            removed.append(others.pop(0))
        total = sum(r.size for r in others)
        while total > self.max_total_bytes and others:
            gone = others.pop(0)
            total -= gone.size
            removed.append(gone)
        for run in removed:
            if run.crashed or run.ended:  # never a run still being written by a live process
                shutil.rmtree(run.path, ignore_errors=True)
        return [r.id for r in removed]


def open_journal(command: str, secrets: tuple[str, ...] = ()) -> Journal | None:
    """A started journal, or None when the state directory cannot be written (said on stderr
    by the caller's choice: the phone works without a journal)."""
    try:
        return Journal(command, secrets=secrets).open()
    except OSError:
        return None
