"""softdiag/ is the engine: it imports and runs without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

BLOCK_QT = """
import importlib.abc, sys
class NoQt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph"):
            raise ImportError(f"{name} is not installed (blocked by the test)")
sys.meta_path.insert(0, NoQt())
"""


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", BLOCK_QT + code],
        capture_output=True, text=True, cwd=ROOT, timeout=60, check=False,
    )  # fmt: skip


def test_cli_and_every_engine_module_import_without_pyside6() -> None:
    modules = sorted(
        ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for p in (ROOT / "softdiag").rglob("*.py")
        if p.name != "__main__.py"
    )
    code = "import importlib\n" + "".join(f"importlib.import_module({m!r})\n" for m in modules)
    code += "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
    result = _run(code)
    assert result.returncode == 0, result.stderr


def test_cli_works_without_pyside6_and_the_gui_says_what_is_missing() -> None:
    result = _run("import softdiag.cli as c, sys; sys.exit(c.main(['resolve', '--help']))")
    assert result.returncode == 0, result.stderr
    result = _run(
        "import os, softdiag.cli as c, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        " sys.exit(c.main([]))"
    )
    assert result.returncode == 2
    assert result.stderr.strip().startswith("softdiag: the GUI needs PySide6")
    assert len(result.stderr.strip().splitlines()) == 1


def test_no_qt_import_statement_under_softdiag() -> None:
    offenders = [
        str(p)
        for p in (ROOT / "softdiag").rglob("*.py")
        for line in p.read_text().splitlines()
        if line.lstrip().startswith(
            (
                "import PySide6",
                "from PySide6",
                "import pyqtgraph",
                "from pyqtgraph",
                "import shiboken6",
            )
        )
    ]
    assert offenders == []
