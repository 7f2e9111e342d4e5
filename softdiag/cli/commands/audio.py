"""``softdiag devices`` and ``softdiag device-check``: the audio sub-commands.

Wired into ``softdiag`` by :func:`add_parser`. Same contract as the other
sub-commands (DESIGN.md): human text by default, one JSON object per line with ``--json``;
exit 0 when all is well, 1 on a diagnosed problem, 2 on bad input with one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any, TextIO

from softdiag.audio.devices import (
    FORM_FACTORS,
    Inventory,
    find_device,
    inventory_event,
    take_inventory,
)
from softdiag.cli.output import EXIT_DIAGNOSED, EXIT_OK, UsageError, error_line, write_json
from softdiag.describe import finding_advice, finding_title
from softdiag.events import DeviceCheckResult, DeviceInfo, Event, event_to_json
from softdiag.userinput import seconds_arg

if TYPE_CHECKING:  # numpy loads only for the device check, not for every command line
    from softdiag.audio.check import UserAnswers

__all__ = ["add_parser", "cmd_device_check", "cmd_devices", "print_inventory", "print_result"]


def _print_json(event: Event, out: TextIO) -> None:
    write_json(event_to_json(event), out)


def _device_line(d: DeviceInfo) -> str:
    flags = [d.form_factor, d.bus]
    if d.is_default:
        flags.append("default")
    if d.muted:
        flags.append("MUTED")
    if d.volume is not None and d.volume != 1.0:
        flags.append(f"volume {d.volume * 100:.0f} %")
    rates = "/".join(str(r) for r in d.sample_rates) or "?"
    mark = "*" if d.is_default else " "
    return f"  {mark} {d.name:<32} {', '.join(flags):<36} {d.channels} ch {rates} Hz  {d.id}"


def print_inventory(inventory: Inventory, out: TextIO) -> None:
    print(f"audio devices from {inventory.provider}", file=out)
    if inventory.problem:
        print(f"  (degraded: {inventory.problem})", file=out)
    for title, devices in (("outputs", inventory.outputs()), ("inputs", inventory.inputs())):
        print(f"{title}:", file=out)
        for d in devices:
            print(_device_line(d), file=out)
        if not devices:
            print("    none", file=out)


# -- devices ---------------------------------------------------------------------------


def cmd_devices(args: argparse.Namespace) -> int:
    out = sys.stdout
    inventory = take_inventory(include_monitors=args.all)
    if args.json:
        _print_json(inventory_event(inventory), out)
    else:
        print_inventory(inventory, out)
    if args.watch:
        _watch(args, inventory, out)
    return EXIT_OK if inventory.outputs() and inventory.inputs() else EXIT_DIAGNOSED


def _watch(args: argparse.Namespace, first: Inventory, out: TextIO) -> None:
    from softdiag.audio.devices import InventoryWatcher
    from softdiag.events import DeviceInventory

    def show(event: Event) -> None:
        if not isinstance(event, DeviceInventory):
            return
        if args.json:
            _print_json(event, out)
            return
        names = {d.key: d.name for d in (*event.devices, *watcher_seen)}
        for key in event.appeared:
            print(f"+ appeared: {names.get(key, key)} ({key})", file=out, flush=True)
        for key in event.disappeared:
            print(f"- disappeared: {names.get(key, key)} ({key})", file=out, flush=True)
        if not event.appeared and not event.disappeared:
            print("~ a default or a mute changed", file=out, flush=True)
        watcher_seen.extend(event.devices)

    watcher_seen: list[DeviceInfo] = list(first.devices)
    watcher = InventoryWatcher(
        publish=show, provider=lambda: take_inventory(include_monitors=args.all)
    )
    watcher.last = first
    watcher.start()
    try:
        time.sleep(args.watch)
    except KeyboardInterrupt:
        pass
    finally:
        watcher.stop()


# -- device-check ----------------------------------------------------------------------


def _pick(inventory: Inventory, spec: str | None, direction: str) -> DeviceInfo | None:
    if spec is None:
        return inventory.default(direction) or next(
            (d for d in inventory.devices if d.direction == direction), None
        )
    return find_device(inventory.devices, spec, direction)


def _ask(output: DeviceInfo, expected: str | None) -> UserAnswers:
    from softdiag.audio.check import UserAnswers

    where = f"your {expected}" if expected else output.name
    while True:
        print(f"Did you hear the tone in {where}? [y]es / [n]o / [e]lsewhere: ", end="", flush=True)
        reply = sys.stdin.readline().strip().lower()[:1]
        if reply in ("y", "n", "e"):
            heard = {"y": "yes", "n": "no", "e": "elsewhere"}[reply]
            return UserAnswers(expected=expected, heard=heard)  # type: ignore[arg-type]


def print_result(result: DeviceCheckResult, out: TextIO) -> None:
    for label, d in (("output", result.output), ("input", result.input)):
        if d is not None:
            print(f"{label}: {d.name} ({d.form_factor}, {d.bus}{', default' if d.is_default else ''})", file=out)  # fmt: skip
    print(f"check took {result.duration_s:.2f} s", file=out)
    for v in result.verdicts:
        print(f"[{v.severity}] {finding_title(v)}", file=out)
        print(f"    {finding_advice(v)}", file=out)
        for line in v.evidence:
            print(f"    - {line}", file=out)


def cmd_device_check(args: argparse.Namespace) -> int:
    from softdiag.audio.runner import conclude, run_check
    from softdiag.audio.streams import SoundDeviceBackend
    from softdiag.events import Finding

    if args.expect is not None and args.expect not in FORM_FACTORS:
        raise UsageError(f"--expect must be one of {', '.join(FORM_FACTORS)}")
    started = time.monotonic()
    inventory = take_inventory()
    output = _pick(inventory, args.output, "output")
    input_ = _pick(inventory, args.input, "input")
    for spec, found, kind in ((args.output, output, "output"), (args.input, input_, "input")):
        if spec is not None and found is None:
            names = ", ".join(repr(d.name) for d in inventory.devices if d.direction == kind)
            raise UsageError(f"no {kind} named {spec!r} (there are: {names or 'none'})")
    from softdiag.audio.check import UserAnswers

    answers = UserAnswers(expected=args.expect, heard=args.heard)
    if output is None or input_ is None:
        from softdiag.audio.check import CheckFacts, DeviceCheck

        verdicts = DeviceCheck().verdicts(CheckFacts(output=output, input=input_))
        result = DeviceCheckResult(output=output, input=input_, figures=None, verdicts=verdicts)
    else:

        def present(device: DeviceInfo) -> bool:
            return take_inventory(include_monitors=True).get(device.key) is not None

        try:
            backend = SoundDeviceBackend()
        except Exception as exc:
            error_line(str(exc))
            return EXIT_DIAGNOSED
        if not args.json:
            print(f"playing a test sweep on {output.name}, listening on {input_.name}…", flush=True)
        outcome = run_check(backend, output, input_, present=present)
        if args.ask and args.heard is None and sys.stdin.isatty():
            answers = _ask(output, args.expect)
        result = conclude(
            outcome,
            outputs=inventory.outputs(),
            answers=answers,
            duration_s=time.monotonic() - started,
        )
    if args.json:
        for verdict in result.verdicts:
            _print_json(verdict, sys.stdout)
        _print_json(result, sys.stdout)
    else:
        print_result(result, sys.stdout)
    bad = any(isinstance(v, Finding) and v.severity != "info" for v in result.verdicts)
    return EXIT_DIAGNOSED if bad else EXIT_OK


# -- wiring ----------------------------------------------------------------------------


HELP_ORDER = 70  # where `softdiag --help` lists it


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Add ``devices`` and ``device-check`` to softdiag's sub-command parser."""
    p = sub.add_parser("devices", help="audio inputs and outputs with their form factor")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.add_argument("--all", action="store_true", help="also list monitors of outputs")
    p.add_argument("--watch", type=seconds_arg("--watch", hi=86400.0, zero=True), metavar="S",
                   default=0.0,
                   help="then report devices that appear or disappear for S seconds")  # fmt: skip
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser(
        "device-check", help="play a test signal on an output while listening on an input"
    )
    p.add_argument("--output", metavar="DEV", help="id or name as `softdiag devices` lists it")
    p.add_argument("--input", metavar="DEV", help="id or name as `softdiag devices` lists it")
    p.add_argument("--expect", metavar="FORM",
                   help=f"what you listen on: {', '.join(FORM_FACTORS[:5])}")  # fmt: skip
    p.add_argument("--heard", choices=("yes", "no", "elsewhere"),
                   help="whether you heard the tone on it (else --ask asks)")  # fmt: skip
    p.add_argument("--ask", action="store_true", help="ask whether you heard the tone")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    p.set_defaults(func=cmd_device_check)
