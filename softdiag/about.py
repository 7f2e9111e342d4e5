"""What softdiag is made of: its one version, and every bundled component with its licence.

The version is ``pyproject.toml``'s, read back through :mod:`importlib.metadata` (the
frozen builds carry the package metadata for this). ``softdiag --version``, *Help → About*,
the package names and the Debian ``copyright`` file all read from here, so they cannot
disagree.

No Qt here: the GUI adds Qt's own run-time version when it shows the list.
"""

from __future__ import annotations

import importlib.metadata
import platform
from dataclasses import dataclass

__all__ = [
    "COMPONENTS",
    "Component",
    "component_versions",
    "pjsip_version",
    "softdiag_version",
    "version_line",
]

DIST_NAME = "softdiag"
UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True, kw_only=True)
class Component:
    """One part of the shipped app: its name, its Python distribution, its licence."""

    name: str
    dist: str | None  # the distribution whose metadata gives the version; None: see below
    license: str  # SPDX expression
    url: str  # the upstream project's home page ("" for softdiag itself)
    note: str = ""


# Every component a frozen build bundles, in the order the About dialog lists them. The
# licences are the upstream projects' own (SPDX), checked against each wheel's metadata;
# pjsua2's wheel carries no licence field, pjproject is GPL-2.0-or-later.
COMPONENTS: tuple[Component, ...] = (
    Component(name="softdiag", dist=DIST_NAME, license="GPL-2.0-or-later", url=""),
    Component(
        name="pjsip (pjproject, pjsua2)",
        dist="pjsua2-python",
        license="GPL-2.0-or-later",
        url="https://www.pjsip.org/",
        note="bundles OpenSSL 1.0.2k (OpenSSL licence) and MIT Kerberos libraries",
    ),
    Component(
        name="Qt for Python (PySide6)",
        dist="PySide6-Essentials",
        license="LGPL-3.0-only",
        url="https://www.qt.io/qt-for-python",
        note="Qt and PySide6 are used under the LGPL v3: replaceable shared libraries",
    ),
    Component(name="Python", dist=None, license="PSF-2.0", url="https://www.python.org/"),
    Component(
        name="NumPy",
        dist="numpy",
        license="BSD-3-Clause AND 0BSD AND MIT AND Zlib",
        url="https://numpy.org/",
    ),
    Component(name="pyqtgraph", dist="pyqtgraph", license="MIT", url="https://www.pyqtgraph.org/"),
    Component(name="dnspython", dist="dnspython", license="ISC", url="https://www.dnspython.org/"),
    Component(
        name="aioice", dist="aioice", license="BSD-3-Clause", url="https://github.com/aiortc/aioice"
    ),
    Component(
        name="python-sounddevice",
        dist="sounddevice",
        license="MIT",
        url="https://python-sounddevice.readthedocs.io/",
        note="uses the system's PortAudio (MIT)",
    ),
    Component(
        name="keyring", dist="keyring", license="MIT", url="https://github.com/jaraco/keyring"
    ),
    Component(
        name="platformdirs",
        dist="platformdirs",
        license="MIT",
        url="https://github.com/tox-dev/platformdirs",
    ),
)


def _dist_version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return UNKNOWN


def softdiag_version() -> str:
    """``pyproject.toml``'s version, as installed (or frozen)."""
    return _dist_version(DIST_NAME)


def pjsip_version() -> str:
    """pjproject's release, from the pjsua2 wheel's version (``2.15.1.post1`` → ``2.15.1``)."""
    wheel = _dist_version("pjsua2-python")
    return wheel.split(".post")[0]


def component_versions() -> list[tuple[Component, str]]:
    """Every bundled component with the version that runs here."""
    out: list[tuple[Component, str]] = []
    for c in COMPONENTS:
        if c.dist is None:
            version = platform.python_version()
        elif c.dist == "pjsua2-python":
            version = pjsip_version()
        else:
            version = _dist_version(c.dist)
        out.append((c, version))
    return out


def version_line() -> str:
    """What ``softdiag --version`` prints: the app first, then what it runs on."""
    return (
        f"softdiag {softdiag_version()} (pjsip {pjsip_version()}, "
        f"Python {platform.python_version()})"
    )
