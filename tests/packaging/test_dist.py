"""The .deb and the archive as a distribution sees them: dpkg-deb, lintian, the desktop
entry, the AppStream metadata and the copyright file."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from softdiag.about import COMPONENTS

from .conftest import VERSION, Dist

ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
APP_ID = "io.github.softdiag.softdiag"


def _tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is missing: apt-get install {package}")
        pytest.skip(f"{name} is missing: apt-get install {package}")
    return path


def _run(*argv: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


def test_deb_control_fields(dist: Dist) -> None:
    info = _run("dpkg-deb", "--info", str(dist.deb))
    assert info.returncode == 0, info.stderr
    fields = dict(re.findall(r"^ ([A-Za-z-]+): (.*)$", info.stdout, re.MULTILINE))
    assert fields["Package"] == "softdiag"
    assert fields["Version"] == VERSION
    assert fields["Architecture"] == "amd64"
    depends = {d.strip().split(" ")[0] for d in fields["Depends"].split(",")}
    # What the system provides is declared, not bundled: sound, X11/xcb, fonts, GL.
    for package in ("libportaudio2", "libpulse0", "libxcb-cursor0", "libxkbcommon-x11-0",
                    "libfontconfig1", "libc6", "libegl1", "fontconfig"):  # fmt: skip
        assert package in depends, package
    assert int(fields["Installed-Size"]) > 50_000  # KiB: the whole frozen app is inside


def test_deb_contents(dist: Dist) -> None:
    listing = _run("dpkg-deb", "--contents", str(dist.deb))
    assert listing.returncode == 0, listing.stderr
    paths = {line.split()[-1].removeprefix(".") for line in listing.stdout.splitlines()}
    expected = {
        "/usr/bin/softdiag",
        "/usr/lib/softdiag/softdiag",
        "/usr/share/applications/softdiag.desktop",
        f"/usr/share/metainfo/{APP_ID}.metainfo.xml",
        "/usr/share/icons/hicolor/scalable/apps/softdiag.svg",
        "/usr/share/doc/softdiag/copyright",
        "/usr/share/doc/softdiag/changelog.gz",
        "/usr/share/man/man1/softdiag.1.gz",
        "/usr/lib/softdiag/_internal/resources/translations/softdiag_zh_CN.qm",
        "/usr/lib/softdiag/_internal/resources/locale/zh_CN/LC_MESSAGES/softdiag.po",
        "/usr/lib/softdiag/_internal/softdiag/lab/kamailio.cfg.in",
        "/usr/lib/softdiag/_internal/PySide6/Qt/plugins/platforms/libqxcb.so",
        "/usr/lib/softdiag/_internal/PySide6/Qt/plugins/platforms/libqoffscreen.so",
    }
    expected |= {f"/usr/share/icons/hicolor/{n}x{n}/apps/softdiag.png" for n in ICON_SIZES}
    assert expected <= paths, sorted(expected - paths)
    # The system's own libraries are not in the bundle (see packaging/freeze/common.py).
    bundled = {Path(p).name for p in paths if p.startswith("/usr/lib/softdiag/")}
    for system_lib in ("libX11.so.6", "libfontconfig.so.1", "libasound.so.2", "libc.so.6"):
        assert system_lib not in bundled, system_lib


def test_lintian_has_no_errors_or_warnings(dist: Dist) -> None:
    lintian = _tool("lintian", "lintian")
    done = _run(lintian, "--fail-on", "error,warning", "--tag-display-limit", "0",
                str(dist.deb), timeout=600)  # fmt: skip
    problems = [line for line in done.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert done.returncode == 0 and not problems, "\n".join(problems) or done.stderr


def _extract(dist: Dist, tmp_path: Path) -> Path:
    root = tmp_path / "x"
    done = _run("dpkg-deb", "--extract", str(dist.deb), str(root))
    assert done.returncode == 0, done.stderr
    return root


def test_desktop_entry_and_appstream_validate(dist: Dist, tmp_path: Path) -> None:
    root = _extract(dist, tmp_path)
    desktop = _run(_tool("desktop-file-validate", "desktop-file-utils"),
                   str(root / "usr/share/applications/softdiag.desktop"))  # fmt: skip
    assert desktop.returncode == 0 and "error" not in desktop.stdout, desktop.stdout
    metainfo = root / f"usr/share/metainfo/{APP_ID}.metainfo.xml"
    appstream = _run(_tool("appstreamcli", "appstream"), "validate", "--no-net", str(metainfo))
    assert appstream.returncode == 0, appstream.stdout + appstream.stderr
    assert f'<release version="{VERSION}"' in metainfo.read_text()


def test_copyright_names_every_bundled_licence(dist: Dist, tmp_path: Path) -> None:
    root = _extract(dist, tmp_path)
    text = (root / "usr/share/doc/softdiag/copyright").read_text()
    assert text.startswith("Format: https://www.debian.org/doc/packaging-manuals/")
    licences = set(re.findall(r"^License: (.+)$", text, re.MULTILINE))
    for component in COMPONENTS:
        first = component.license.split(" ")[0]
        assert any(first in licence for licence in licences), component.name
    for dist_name in ("pjsua2-python", "PySide6_Essentials", "numpy", "dnspython", "keyring"):
        assert f"Comment: {dist_name} " in text, dist_name


def test_portable_archive_layout(dist: Dist) -> None:
    with tarfile.open(dist.tgz) as archive:
        names = set(archive.getnames())
    top = f"softdiag-{VERSION}"
    for name in ("softdiag", "COPYRIGHT", "README.txt", "softdiag.desktop", "softdiag.svg",
                 "_internal/resources/translations/softdiag_zh_CN.qm",
                 "_internal/resources/locale/zh_CN/LC_MESSAGES/softdiag.po"):  # fmt: skip
        assert f"{top}/{name}" in names, name
