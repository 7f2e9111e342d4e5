"""What every PyInstaller spec of softdiag shares: Linux, Windows and macOS import this.

One place for the hidden imports, the data files, the excluded modules and the version, so
the Linux build (built and smoke-tested in CI) proves what the Windows and macOS recipes
(which cannot be built on Linux) use. Runs inside PyInstaller's spec interpreter: only the
stdlib and PyInstaller's own hook utilities are imported here.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

ROOT = Path(__file__).resolve().parents[2]
ENTRY = str(Path(__file__).resolve().parent / "entry.py")
APP_NAME = "softdiag"
APP_ID = "io.github.softdiag.softdiag"  # reverse-DNS id: desktop file, AppStream, bundle id
ICON_SVG = ROOT / "resources" / "icons" / "softdiag.svg"


def version() -> str:
    """The one version: pyproject.toml's (the app reads the same through importlib.metadata)."""
    with (ROOT / "pyproject.toml").open("rb") as f:
        value: str = tomllib.load(f)["project"]["version"]
    return value


def hidden_imports() -> list[str]:
    """Modules PyInstaller's import analysis cannot see."""
    names = [
        # pjsua2's package loads its SWIG module with importlib.import_module.
        "pjsua2.pjsua2",
        "pjsua2._pjsua2",
        # Loaded on demand by the GUI (menus) and the CLI (sub-commands).
        *collect_submodules("ui"),
        *collect_submodules("softdiag"),
        # dnspython picks record classes by name at run time.
        *collect_submodules("dns.rdtypes"),
        # keyring finds its backends through entry points; name the system ones.
        "keyring.backends.SecretService",
        "keyring.backends.kwallet",
        "keyring.backends.libsecret",
        "keyring.backends.chainer",
        "keyring.backends.fail",
        "keyring.backends.null",
        "sounddevice",
        "_sounddevice",
        "aioice",
        "pyqtgraph",
    ]
    if sys.platform == "win32":
        names += ["keyring.backends.Windows", "pycaw", "comtypes"]
    elif sys.platform == "darwin":
        names += ["keyring.backends.macOS", "CoreAudio"]
    return sorted(set(names))


def datas() -> list[tuple[str, str]]:
    """(source, destination folder) pairs: icons, translations (Qt's and the engine's),
    the lab's templates and the
    package metadata that ``softdiag --version`` reads."""
    pairs = [
        (str(ROOT / "resources" / "icons"), "resources/icons"),
        (str(ROOT / "resources" / "translations"), "resources/translations"),
        (str(ROOT / "resources" / "locale"), "resources/locale"),  # softdiag.i18n's .po
        *collect_data_files("softdiag", includes=["**/*.cfg.in", "py.typed"]),
        *copy_metadata("softdiag"),
        *copy_metadata("pjsua2-python"),
        *copy_metadata("keyring", recursive=True),
    ]
    return [(src, dst) for src, dst in pairs if Path(src).exists()]


# Large parts of Qt and the scientific stack that softdiag never loads.
EXCLUDES = [
    "tkinter",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.Qt3DCore",
    "PySide6.QtQuick",
    "PySide6.QtQml",
    "PySide6.QtPdf",
    "PySide6.QtMultimedia",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "pyqtgraph.opengl",
    "pyqtgraph.examples",
    "pytest",
    "hypothesis",
    "mypy",
]


# Linux: libraries the user's system provides are declared as package dependencies (the
# .deb's Depends:, computed by dpkg-shlibdeps from the frozen ELF files), never bundled:
# X11/xcb/Wayland, fontconfig/freetype, GL/EGL, ALSA/PulseAudio/JACK, D-Bus, GLib, libc.
# A library is the system's when PyInstaller found it in the system's library folders.
SYSTEM_LIB_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")
# Qt plug-ins that pull in a desktop toolkit softdiag does not use (GTK 3 for a theme).
DROPPED_QT_PLUGINS = ("platformthemes/libqgtk3.so",)


def keep_binary(dest: str, src: str) -> bool:
    """Whether a collected binary goes into the Linux bundle (see SYSTEM_LIB_DIRS)."""
    if sys.platform != "linux":
        return True
    if any(dest.endswith(p) for p in DROPPED_QT_PLUGINS):
        return False
    return not src.startswith(SYSTEM_LIB_DIRS)
