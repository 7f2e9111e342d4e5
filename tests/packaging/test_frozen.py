"""Smoke tests of the FROZEN app, as the .deb installs it and as the archive unpacks it:
--version, a registration against the lab, the device list, the window offscreen and
under Xvfb, and the start-up paths an end user's machine can throw at it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from softdiag.lab import LAB_PASSWORD, Lab
from softdiag.lab.audio import AudioLab

from .conftest import VERSION, clean_env, run_frozen

DRAWN = "softdiag: main window drawn"


def _home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def test_version(frozen: Path, tmp_path: Path) -> None:
    done = run_frozen(frozen, "--version", env=clean_env(_home(tmp_path)))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"softdiag {VERSION} (pjsip 2.")
    assert done.stderr == ""


@pytest.mark.lab
def test_register_against_the_lab(frozen: Path, tmp_path: Path, lab: Lab) -> None:
    env = clean_env(_home(tmp_path), SD_PASS=LAB_PASSWORD)
    done = run_frozen(
        frozen, "register", "--domain", lab.topology.domain, "--user", "alice",
        "--password-env", "SD_PASS", "--dns", lab.topology.dns, "--expires", "60",
        "--duration", "2", "--json", env=env, timeout=90,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    events = [json.loads(line) for line in done.stdout.splitlines()]
    codes = [e.get("code") for e in events if e["type"] == "RegistrationChanged"]
    assert 200 in codes
    assert LAB_PASSWORD not in done.stdout + done.stderr


@pytest.mark.lab
def test_the_frozen_cli_speaks_chinese(frozen: Path, tmp_path: Path, lab: Lab) -> None:
    """The engine's catalogue (resources/locale) is inside the app: --lang zh_CN works."""
    env = clean_env(_home(tmp_path), SD_PASS="not-the-password")
    done = run_frozen(
        frozen, "register", "--lang", "zh_CN", "--domain", lab.topology.domain, "--user",
        "alice", "--password-env", "SD_PASS", "--dns", lab.topology.dns, env=env, timeout=90,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert "服务器拒绝了认证信息：401 Unauthorized" in done.stdout


@pytest.mark.audio
def test_devices_json(frozen: Path, tmp_path: Path, audio_lab: AudioLab) -> None:
    env = clean_env(_home(tmp_path), **audio_lab.env())
    done = run_frozen(frozen, "devices", "--json", env=env)
    assert done.returncode == 0, done.stderr
    first = json.loads(done.stdout.splitlines()[0])
    assert first["type"] == "DeviceInventory"
    factors = {d.get("form_factor") for d in first["devices"]}
    assert {"handset", "headset", "speaker"} <= factors, factors


def _gui(frozen: Path, env: dict[str, str], *wrapper: str) -> subprocess.CompletedProcess[str]:
    env = {**env, "SOFTDIAG_EXIT_WHEN_DRAWN": "1"}
    return subprocess.run(
        [*wrapper, str(frozen)], env=env, capture_output=True, text=True, timeout=90,
        stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip


def test_gui_offscreen_opens_and_closes(frozen: Path, tmp_path: Path) -> None:
    done = _gui(frozen, clean_env(_home(tmp_path), QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert DRAWN in done.stdout


def test_gui_under_xvfb_opens_and_closes(frozen: Path, tmp_path: Path) -> None:
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        if os.environ.get("CI"):
            pytest.fail("xvfb-run is missing: apt-get install xvfb xauth")
        pytest.skip("xvfb-run is missing")
    home = _home(tmp_path)
    done = _gui(frozen, clean_env(home), xvfb_run, "-a", "-s", "-screen 0 1280x1024x24")
    assert done.returncode == 0, done.stderr
    assert DRAWN in done.stdout


# -- what an end user's machine can throw at it ----------------------------------------


@pytest.mark.parametrize("display", [None, ":4321"])
def test_no_display_is_one_line_and_exit_2(
    frozen: Path, tmp_path: Path, display: str | None
) -> None:
    env = clean_env(_home(tmp_path))
    if display:
        env["DISPLAY"] = display
    done = _gui(frozen, env)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "display" in lines[0]


def test_corrupt_settings_start_with_defaults(frozen: Path, tmp_path: Path) -> None:
    home = _home(tmp_path)
    settings = home / ".config" / "softdiag" / "settings.json"
    settings.parent.mkdir(parents=True)
    # Damaged text; binary and deeply nested files are settings.py's own tests' business.
    settings.write_text('{"domain": "voip.test", "user": ', encoding="utf-8")
    done = _gui(frozen, clean_env(home, QT_QPA_PLATFORM="offscreen"))
    assert done.returncode == 0, done.stderr
    assert DRAWN in done.stdout
    kept = list(settings.parent.glob("settings.json.corrupt-*"))
    assert len(kept) == 1  # the damaged file is kept aside, not lost


@pytest.mark.audio
def test_no_writable_home(frozen: Path, tmp_path: Path, audio_lab: AudioLab) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    env = clean_env(
        blocker / "home", **audio_lab.env()
    )  # every mkdir under it fails, even for root
    done = run_frozen(frozen, "--version", env=env)
    assert done.returncode == 0, done.stderr
    done = run_frozen(frozen, "devices", "--json", env=env)
    assert done.returncode == 0, done.stderr
    done = _gui(frozen, {**env, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert DRAWN in done.stdout
    assert "Traceback" not in done.stderr


def test_no_sound_server(frozen: Path, tmp_path: Path) -> None:
    home = _home(tmp_path)
    env = clean_env(home, PULSE_SERVER=f"unix:{tmp_path}/no-such-socket")
    done = run_frozen(frozen, "devices", "--json", env=env)
    assert done.returncode == 1, done.stderr  # a diagnosed problem, said in the inventory
    inventory = json.loads(done.stdout.splitlines()[0])
    assert inventory["devices"] == []
    assert "PulseAudio" in inventory["problem"]
    assert "Traceback" not in done.stderr
    done = _gui(frozen, {**env, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert DRAWN in done.stdout


def test_launcher_runs_the_installed_app(deb_root: Path, tmp_path: Path) -> None:
    """/usr/bin/softdiag as installed, with the package's /usr/lib laid over the machine's
    in a private mount namespace (overlayfs): the machine's own /usr is never touched."""
    if os.geteuid() != 0 or shutil.which("unshare") is None:
        if os.environ.get("CI"):
            pytest.fail("the launcher test needs root and unshare (util-linux)")
        pytest.skip("the launcher test needs root and unshare")
    script = (
        f'mount -t overlay overlay -o lowerdir={deb_root}/usr/lib:/usr/lib /usr/lib && exec "$@"'
    )
    env = clean_env(_home(tmp_path), QT_QPA_PLATFORM="offscreen", SOFTDIAG_EXIT_WHEN_DRAWN="1")
    launcher = str(deb_root / "usr" / "bin" / "softdiag")
    for args, expected in ((["--version"], f"softdiag {VERSION} "), ([], DRAWN)):
        done = subprocess.run(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh",
             launcher, *args],
            env=env, capture_output=True, text=True, timeout=90, stdin=subprocess.DEVNULL,
            check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert expected in done.stdout
    assert not Path("/usr/lib/softdiag").exists()  # nothing leaked onto the machine
