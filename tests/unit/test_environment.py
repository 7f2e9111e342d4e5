"""What the machine lacks (network, sound server, keychain) and whether a window can open."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from softdiag.display import display_problem
from softdiag.environment import check_environment, start_file_log, stop_file_log

HEADER = "Iface\tDestination\tGateway\tFlags\tRefCnt\tUse\tMetric\tMask\tMTU\tWindow\tIRTT\n"


def _routes(tmp_path: Path, *, default: bool) -> tuple[Path, Path]:
    v4 = tmp_path / "route"
    rows = "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0\n"
    if default:
        rows += "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0\n"
    v4.write_text(HEADER + rows)
    v6 = tmp_path / "ipv6_route"
    v6.write_text("")
    return v4, v6


def _ids(tmp_path: Path, env: dict[str, str], *, default: bool, keychain: bool) -> list[str]:
    v4, v6 = _routes(tmp_path, default=default)
    found = check_environment(
        env, keychain=keychain, platform="linux", route_file=v4, route6_file=v6
    )
    return [m.id for m in found]


def test_everything_present(tmp_path: Path) -> None:
    (tmp_path / "pulse").mkdir()
    (tmp_path / "pulse" / "native").touch()
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    assert _ids(tmp_path, env, default=True, keychain=True) == []


def test_nothing_present(tmp_path: Path) -> None:
    env = {"XDG_RUNTIME_DIR": str(tmp_path / "run")}
    assert _ids(tmp_path, env, default=False, keychain=False) == [
        "network",
        "sound_server",
        "keychain",
    ]


def test_pipewire_socket_counts_and_a_dead_pulse_server_does_not(tmp_path: Path) -> None:
    (tmp_path / "pipewire-0").touch()
    assert _ids(tmp_path, {"XDG_RUNTIME_DIR": str(tmp_path)}, default=True, keychain=True) == []
    env = {"PULSE_SERVER": f"unix:{tmp_path}/nope", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert _ids(tmp_path, env, default=True, keychain=True) == ["sound_server"]


def test_unreadable_route_table_is_not_called_offline(tmp_path: Path) -> None:
    found = check_environment(
        {"PULSE_SERVER": "tcp:127.0.0.1"}, keychain=True, platform="linux",
        route_file=tmp_path / "missing", route6_file=tmp_path / "missing6",
    )  # fmt: skip
    assert found == []


def test_file_log_in_an_unwritable_place_is_none(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert start_file_log(blocker / "log") is None


def test_file_log_goes_where_asked(tmp_path: Path) -> None:
    import logging

    handler = start_file_log(tmp_path / "log")
    assert handler is not None
    try:
        assert Path(handler.baseFilename) == tmp_path / "log" / "softdiag.log"
        logging.getLogger("softdiag.test").warning("hello from the test")
        handler.flush()
        assert "hello from the test" in (tmp_path / "log" / "softdiag.log").read_text()
    finally:
        stop_file_log(handler)
    assert handler not in logging.getLogger().handlers


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "no display"),
        ({"DISPLAY": "garbage"}, "cannot open display garbage"),
        ({"DISPLAY": ":4321"}, "cannot open display :4321"),
        ({"DISPLAY": "unix:4321.0"}, "cannot open display unix:4321.0"),
        ({"WAYLAND_DISPLAY": "wayland-nope", "XDG_RUNTIME_DIR": "/nonexistent"}, "no display"),
    ],
)
def test_no_display_is_one_line(env: dict[str, str], expected: str) -> None:
    problem = display_problem(env, platform="linux", timeout=0.2)
    assert problem is not None
    assert problem.startswith(expected)
    assert "\n" not in problem


def test_a_display_that_answers_or_an_explicit_platform_is_fine(tmp_path: Path) -> None:
    assert display_problem({"QT_QPA_PLATFORM": "offscreen"}, platform="linux") is None
    assert display_problem({}, platform="win32") is None
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        number = _bind_free_display(server)  # an "X server" over TCP, loopback only
        server.listen(1)
        assert display_problem({"DISPLAY": f"127.0.0.1:{number}"}, platform="linux") is None
    wayland = tmp_path / "wayland-0"
    wayland.touch()
    env = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(tmp_path)}
    assert display_problem(env, platform="linux") is None


def _bind_free_display(server: socket.socket) -> int:
    for number in range(150, 250):  # bounded: the first free X11 TCP port wins
        try:
            server.bind(("127.0.0.1", 6000 + number))
        except OSError:
            continue
        return number
    raise AssertionError("no free X11 TCP port between 6150 and 6249")
