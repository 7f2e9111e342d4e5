"""The ``softdiag`` command: the GUI with no arguments, headless sub-commands otherwise.

One module per command in :mod:`softdiag.cli.commands` (``resolve``, ``probe``,
``register``, ``lab``, ``bench``, ``bundle``, ``audio``, ``call``, ``check``, ``nat``,
``sdp``, ``demo``), each adding its sub-command(s) with ``add_parser(sub)`` and the function
that runs them as ``func``; they are found there, so a new command is a new module. They
share two lower layers and never import each other (import-linter):

- :mod:`.account`: the account, TLS and capture options, the engine's lifetime, one
  account's run;
- :mod:`.output`: the output contract (DESIGN.md): human text by default, one JSON object
  per line with ``--json``; exit 0 on success, 1 on a diagnosed failure, 2 on bad input
  with a one-line reason on stderr. Never a traceback for something the user did.

This package must import without PySide6: the GUI is imported only when it is started.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import pkgutil
import signal
import sys
from collections.abc import Sequence
from types import ModuleType

from softdiag.i18n import get_language, set_language

from . import commands, gui
from .output import (
    EXIT_BAD_INPUT,
    EXIT_INTERRUPTED,
    EXIT_OK,
    CommandFailed,
    Parser,
    UsageError,
    error_line,
)

__all__ = ["build_parser", "command_modules", "main"]


def command_modules() -> list[ModuleType]:
    """Every module of :mod:`softdiag.cli.commands`, in the order ``--help`` lists them."""
    # PyInstaller's importer lists a frozen package's modules too (collect_submodules).
    found = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
    ]
    return sorted(found, key=lambda module: (getattr(module, "HELP_ORDER", 1000), module.__name__))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="softdiag", description="A softphone that explains itself.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.add_argument("--lang", metavar="LANG", dest="output_lang",
                        help="language of the output, e.g. zh_CN (default: the locale, else en); "
                        "accepted before or after the sub-command")  # fmt: skip
    sub = parser.add_subparsers(dest="command", parser_class=Parser)
    for command in command_modules():
        command.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv == ["--version"]:
        from softdiag.about import version_line

        print(version_line())
        return EXIT_OK
    if not argv or argv[0].startswith("-platform") or argv[0] == "gui":
        return gui.run_gui(argv[1:] if argv[:1] == ["gui"] else argv)
    language = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    language.add_argument("--lang")
    chosen, argv = language.parse_known_args(argv)  # --lang anywhere on the line
    set_language(chosen.lang)
    parser = build_parser()

    def terminate(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM: the same clean un-REGISTER and exit as Ctrl-C

    with contextlib.suppress(ValueError):  # not the main thread (embedded use)
        signal.signal(signal.SIGTERM, terminate)
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            raise UsageError("a sub-command is needed (see softdiag --help)")
        if chosen.lang and "lang" in vars(args):  # a command's own --lang (bundle export)
            args.lang = get_language()
        code: int = args.func(args)
        return code
    except UsageError as exc:
        error_line(str(exc))
        return EXIT_BAD_INPUT
    except CommandFailed as exc:
        error_line(str(exc))
        return exc.code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
