"""One version everywhere: pyproject.toml → importlib.metadata → --version, About, packages."""

from __future__ import annotations

import re
import tomllib

import pytest

from softdiag.about import COMPONENTS, component_versions, pjsip_version, softdiag_version
from softdiag.cli import main
from tests.conftest import ROOT


def _pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as f:
        value: str = tomllib.load(f)["project"]["version"]
    return value


def test_the_version_is_pyprojects() -> None:
    assert softdiag_version() == _pyproject_version()


def test_version_option_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    assert out.startswith(f"softdiag {_pyproject_version()} (pjsip ")
    assert re.search(r"pjsip \d+\.\d+\.\d+,", out)


def test_pjsip_version_drops_the_wheel_suffix() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+", pjsip_version())


def test_every_component_has_a_licence_and_a_version() -> None:
    rows = component_versions()
    assert [c.name for c, _ in rows] == [c.name for c in COMPONENTS]
    for component, version in rows:
        assert component.license, component.name
        assert version != "unknown", component.name
    licences = {c.name.split(" ")[0]: c.license for c in COMPONENTS}
    assert licences["pjsip"] == "GPL-2.0-or-later"
    assert licences["Qt"].startswith("LGPL-3.0")
