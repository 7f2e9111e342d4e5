"""The desktop packages under test: built once (or taken from SOFTDIAG_DIST_DIR), then
installed two ways, the .deb with dpkg into a root of its own and the portable archive
unpacked, so every smoke test runs against the FROZEN app, never the virtual environment.

``scripts/test.sh`` builds dist/ first and points SOFTDIAG_DIST_DIR at it. Run alone, the
fixture builds what is missing (about three minutes on two cores). Under CI a package
that cannot be built or installed fails the run; elsewhere it skips with the reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT

BUILD_TIMEOUT = 20 * 60  # seconds: a loaded two-core machine, with margin


def _version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        value: str = tomllib.load(f)["project"]["version"]
    return value


VERSION = _version()
DEB_NAME = f"softdiag_{VERSION}_amd64.deb"
TGZ_NAME = f"softdiag-{VERSION}-linux-x86_64.tar.gz"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@dataclass(frozen=True)
class Dist:
    deb: Path
    tgz: Path


@pytest.fixture(scope="session")
def dist() -> Dist:
    folder = Path(os.environ.get("SOFTDIAG_DIST_DIR") or ROOT / "dist")
    deb, tgz = folder / DEB_NAME, folder / TGZ_NAME
    if not (deb.exists() and tgz.exists()):
        if not shutil.which("dpkg-shlibdeps"):
            _unavailable("dpkg-dev is not installed (scripts/setup.sh installs it)")
        env = {**os.environ, "DIST_DIR": str(folder)}
        try:
            done = subprocess.run(
                ["bash", str(ROOT / "scripts" / "build-dist.sh")], cwd=ROOT, env=env,
                capture_output=True, text=True, timeout=BUILD_TIMEOUT, check=False,
            )  # fmt: skip
        except subprocess.TimeoutExpired:
            _unavailable(f"scripts/build-dist.sh took more than {BUILD_TIMEOUT} s")
        if done.returncode != 0:
            _unavailable(f"scripts/build-dist.sh failed: {done.stderr.strip()[-500:]}")
    return Dist(deb=deb, tgz=tgz)


@pytest.fixture(scope="session")
def deb_root(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb installed by dpkg into a clean root of its own (its own dpkg database):
    the machine's /usr is not touched."""
    root = tmp_path_factory.mktemp("debroot")
    admin = root / "var" / "lib" / "dpkg"
    (admin / "updates").mkdir(parents=True)
    (admin / "info").mkdir()
    (admin / "status").write_text("")
    done = subprocess.run(
        ["dpkg", f"--root={root}", "--force-depends", "--force-not-root", "--log=/dev/null",
         "--install", str(dist.deb)],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    if done.returncode != 0:
        _unavailable(f"dpkg --install into {root} failed: {done.stderr.strip()[-500:]}")
    return root


@pytest.fixture(scope="session")
def portable_root(dist: Dist, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("portable")
    with tarfile.open(dist.tgz) as archive:
        archive.extractall(root, filter="tar")
    return root / f"softdiag-{VERSION}"


@pytest.fixture(scope="session", params=["deb", "portable"])
def frozen(request: pytest.FixtureRequest) -> Path:
    """The frozen executable, as the .deb installs it and as the archive unpacks it."""
    if request.param == "deb":
        root: Path = request.getfixturevalue("deb_root")
        return root / "usr" / "lib" / "softdiag" / "softdiag"
    portable: Path = request.getfixturevalue("portable_root")
    return portable / "softdiag"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """An end user's environment: nothing of the developer's venv, a fresh home."""
    keep = ("PATH", "LANG", "LC_ALL", "TZ", "SOFTDIAG_TEST_NET")
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(HOME=str(home), XDG_RUNTIME_DIR=str(home / "run"))
    env.update(extra)
    return env


def run_frozen(
    exe: Path, *args: str, env: Mapping[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(exe), *args], env=dict(env), capture_output=True, text=True, timeout=timeout,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
