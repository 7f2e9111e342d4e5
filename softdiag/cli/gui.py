"""``softdiag`` with no arguments (or ``softdiag gui ...``): the GUI, found as a plug-in.

Not an argparse sub-command: the GUI takes Qt's own options (``-platform ...``), so
``softdiag.cli.main`` hands it the command line as it is. This module imports no Qt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .output import EXIT_BAD_INPUT, error_line

__all__ = ["GUI_ENTRY_POINT", "run_gui"]

GUI_ENTRY_POINT = "ui.app:run"  # also declared in pyproject.toml [project.entry-points]


def run_gui(argv: Sequence[str]) -> int:
    from softdiag.display import display_problem

    problem = display_problem()
    if problem is not None:  # Qt would abort the process: say why in one line instead
        error_line(f"{problem}; for a headless run try `softdiag demo`")
        return EXIT_BAD_INPUT
    try:
        run = _gui_entry_point()
    except ImportError as exc:
        error_line(f"the GUI needs PySide6 ({exc.name} is missing): pip install 'softdiag[gui]'")
        return EXIT_BAD_INPUT
    code: int = run(list(argv))
    return code


def _gui_entry_point() -> Callable[[list[str]], int]:
    """The front end, found as a plug-in: the engine never imports `ui` (import-linter).

    The installed distribution names it in the ``softdiag.frontends`` entry-point group; a
    build without distribution metadata (a frozen app) falls back to the same name.
    """
    import importlib
    from importlib.metadata import entry_points

    found = entry_points(group="softdiag.frontends", name="gui")
    target = next((ep.value for ep in found), GUI_ENTRY_POINT)
    module, _, attr = target.partition(":")
    run: Callable[[list[str]], int] = getattr(importlib.import_module(module), attr)
    return run
