"""The CLI's one output contract: exit codes, how a command ends, and how it prints.

DESIGN.md: human text by default, one JSON object per line with ``--json``; exit 0 on
success, 1 on a diagnosed failure, 2 on bad input with a one-line reason on stderr, 130
after Ctrl-C. Never a traceback for something the user did.

Every command module raises :class:`UsageError` or :class:`CommandFailed`;
``softdiag.cli.main`` turns them into :func:`error_line` and the exit code. JSON lines go
through :func:`write_json`, session events through :func:`event_printer`.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Callable
from typing import TextIO

from softdiag.describe import format_line
from softdiag.events import (
    Event,
    Levels,
    Log,
    ProbeResult,
    ServersChanged,
    SipMessage,
    event_to_json,
)
from softdiag.textsafe import escape_controls

__all__ = [
    "EXIT_BAD_INPUT",
    "EXIT_DIAGNOSED",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "CommandFailed",
    "Parser",
    "UsageError",
    "error_line",
    "event_printer",
    "json_text",
    "write_json",
]

EXIT_OK, EXIT_DIAGNOSED, EXIT_BAD_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM, after the clean un-REGISTER


class UsageError(Exception):
    """Bad input: printed as one line on stderr, exit 2."""


class CommandFailed(Exception):
    """A command ends with this exit code and a one-line reason on stderr."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


class Parser(argparse.ArgumentParser):
    """argparse prints the whole usage on an error; the contract is one line (UsageError)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(message)


def error_line(message: str) -> None:
    """The one line on stderr: ``softdiag: reason``, with what a server sent made harmless."""
    print(f"softdiag: {escape_controls(message)}", file=sys.stderr)


# -- JSON lines ------------------------------------------------------------------------


def json_text(obj: object, *, ensure_ascii: bool = False) -> str:
    """One JSON object as one line. Events keep their text as UTF-8; the figures of the
    lab, bench, bundle, probe and SDP commands have always escaped non-ASCII (``\\uXXXX``),
    which ``ensure_ascii=True`` keeps byte for byte."""
    return json.dumps(obj, ensure_ascii=ensure_ascii)


def write_json(obj: object, out: TextIO | None = None, *, ensure_ascii: bool = False) -> None:
    """Print one JSON line to ``out`` (stdout by default), flushed: scripts read it live."""
    print(json_text(obj, ensure_ascii=ensure_ascii), file=out or sys.stdout, flush=True)


# -- session events --------------------------------------------------------------------


def _noise(event: Event) -> bool:
    """What human output leaves out unless --verbose: it is all in --json."""
    return (
        isinstance(event, SipMessage | ServersChanged)
        or (isinstance(event, Log) and event.level == "debug")
        or (isinstance(event, ProbeResult) and event.status == "ok")
    )


def _call_dump(event: Log) -> bool:
    """pjsua's statistics dump at hang-up (and its blank first line): MediaStats has it."""
    text = event.message.strip()
    return event.source == "pjsip" and (not text or (text.startswith("[") and "Call time" in text))


def event_printer(out: TextIO, *, as_json: bool, verbose: bool) -> Callable[[Event], None]:
    """A session subscriber that prints every event (thread-safe: events come from several
    threads). With ``as_json`` one JSON object per event, ``Levels`` included. Human: one
    line per event, levels once a second, whole SIP messages and debug lines only with
    ``verbose``."""
    lock = threading.Lock()
    last_levels = [0.0]

    def print_event(event: Event) -> None:
        if as_json:
            line = json_text(event_to_json(event))
        else:
            if not verbose and (_noise(event) or (isinstance(event, Log) and _call_dump(event))):
                return
            if isinstance(event, Levels):
                with lock:
                    if event.mono - last_levels[0] < 1.0:
                        return
                    last_levels[0] = event.mono
            line = _human_line(event, verbose)
        with lock:
            print(line, file=out, flush=True)

    return print_event


def _human_line(event: Event, verbose: bool) -> str:
    line = escape_controls(format_line(event))
    if verbose and isinstance(event, SipMessage):
        text = event.text.rstrip().replace("\r\n", "\n")
        line += "\n    " + escape_controls(text, keep_newlines=True).replace("\n", "\n    ")
    return line
