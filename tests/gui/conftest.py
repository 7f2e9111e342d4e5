"""GUI tests run offscreen, and only where PySide6 and pytest-qt are installed.

``softdiag`` itself works without Qt (the CLI); an environment without the ``gui`` extra
skips this folder instead of failing to import it — except under CI, where it fails.
"""

from __future__ import annotations

import importlib.util
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any QApplication exists

if importlib.util.find_spec("PySide6") is None or importlib.util.find_spec("pytestqt") is None:
    if os.environ.get("CI"):  # CI must run the GUI suite, never drop it silently
        raise ImportError("the GUI tests need PySide6 and pytest-qt (pip install -e '.[gui,dev]')")
    collect_ignore_glob = ["test_*.py"]
else:
    from .fixtures import chinese, make_window, memory_passwords, settings_file

    __all__ = ["chinese", "make_window", "memory_passwords", "settings_file"]
