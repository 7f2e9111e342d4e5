"""The CLI's one output contract (softdiag.cli.output): the event printer both ways, the
error line, and every sub-command wired through the same package."""

from __future__ import annotations

import io
import json

import pytest

from softdiag.cli import build_parser, main
from softdiag.cli.output import error_line, event_printer, write_json
from softdiag.events import LevelReading, Levels, Log, SipMessage

READING = LevelReading(rms_dbfs=-20.0, peak_dbfs=-17.0, peak_hold_dbfs=-16.5)
SIP = SipMessage(direction="in", transport="udp", local="127.0.0.1:5060",
                 remote="127.0.0.2:5060", text="SIP/2.0 200 OK\r\nServer: x\r\n\r\n")  # fmt: skip


def test_json_prints_every_event_as_one_utf8_line_and_human_hides_the_noise() -> None:
    as_json, human = io.StringIO(), io.StringIO()
    events = [
        Log(level="debug", source="pjsip", message="détail"),
        Log(level="info", source="pjsip", message="bonjour\x1b[2J"),
        SIP,
        Levels(call=1, tx=READING, rx=READING, mono=10.0),
        Levels(call=1, tx=READING, rx=READING, mono=10.5),  # within the second: not shown
        Levels(call=1, tx=READING, rx=READING, mono=11.2),
    ]
    json_printer = event_printer(as_json, as_json=True, verbose=False)
    human_printer = event_printer(human, as_json=False, verbose=False)
    for event in events:
        json_printer(event)
        human_printer(event)
    lines = as_json.getvalue().splitlines()
    assert [json.loads(line)["type"] for line in lines] == [
        "Log", "Log", "SipMessage", "Levels", "Levels", "Levels",
    ]  # fmt: skip
    assert "détail" in lines[0]  # events keep their text as UTF-8
    shown = human.getvalue().splitlines()
    assert len(shown) == 3, shown  # the info log and two of the three level readings
    assert "bonjour\\x1b[2J" in shown[0]  # what a server sent never drives the terminal
    assert all("Levels" in line and "TX  -20.0 dBFS" in line for line in shown[1:])


def test_verbose_human_output_shows_whole_sip_messages_indented() -> None:
    out = io.StringIO()
    event_printer(out, as_json=False, verbose=True)(SIP)
    lines = out.getvalue().splitlines()
    assert lines[1:] == ["    SIP/2.0 200 OK", "    Server: x"]


def test_error_line_and_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    error_line("line one\nline two")
    write_json({"name": "é"})
    write_json({"name": "é"}, ensure_ascii=True)
    captured = capsys.readouterr()
    assert captured.err == "softdiag: line one\\x0aline two\n"
    assert captured.out == '{"name": "é"}\n{"name": "\\u00e9"}\n'
    assert main(["nosuchcommand"]) == 2
    assert capsys.readouterr().err.startswith("softdiag: argument command: invalid choice")


def test_every_command_module_adds_its_sub_commands_in_the_documented_order() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert list(sub.choices) == [  # type: ignore[union-attr]
        "resolve", "probe", "register", "lab", "bench", "bundle", "devices", "device-check",
        "call", "check", "nat", "lab-nat", "sdp", "demo",
    ]  # fmt: skip


def test_every_command_module_is_found_in_help_order() -> None:
    """A new command is a new module of softdiag.cli.commands: nothing else to register."""
    from softdiag.cli import command_modules

    modules = command_modules()
    names = [m.__name__.rsplit(".", 1)[1] for m in modules]
    assert names[:3] == ["resolve", "probe", "register"] and names[-1] == "demo"
    assert len(names) == 12
    assert all(callable(getattr(m, "add_parser", None)) for m in modules)
    assert len({m.HELP_ORDER for m in modules}) == len(modules)  # type: ignore[attr-defined]
