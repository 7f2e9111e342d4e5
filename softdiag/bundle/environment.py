"""The facts about the machine a support engineer asks first (CASES.md case 2).

OS and version, softdiag/pjsip/Qt/Python versions, network interfaces and the default
route, DNS servers, audio devices with their form factor. Every probe is best effort and
bounded (a missing tool or a slow OS API becomes "unknown", never an error). Qt's version
is read from the installed package's metadata: the engine never imports Qt.
"""

from __future__ import annotations

import contextlib
import importlib.metadata
import json
import platform
import shutil
import socket
import subprocess
import sys
from typing import Any

from softdiag.events import DeviceInfo

__all__ = ["collect_environment"]

_TIMEOUT_S = 3.0


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _run_json(args: list[str]) -> Any:
    if shutil.which(args[0]) is None:
        return None
    with contextlib.suppress(OSError, subprocess.SubprocessError, ValueError):
        out = subprocess.run(args, capture_output=True, text=True, timeout=_TIMEOUT_S, check=True)
        return json.loads(out.stdout or "null")
    return None


def _interfaces() -> list[str]:
    data = _run_json(["ip", "-j", "addr", "show"])
    if isinstance(data, list):
        lines = []
        for link in data:
            addrs = [f"{a.get('local')}/{a.get('prefixlen')}" for a in link.get("addr_info", [])]
            lines.append(
                f"{link.get('ifname')} ({link.get('operstate', '?')}): {', '.join(addrs) or '-'}"
            )
        return lines
    with contextlib.suppress(OSError):
        return [name for _, name in socket.if_nameindex()]
    return []


def _default_route() -> list[str]:
    data = _run_json(["ip", "-j", "route", "show", "default"])
    if isinstance(data, list):
        return [f"via {r.get('gateway', '-')} dev {r.get('dev', '-')}" for r in data] or ["none"]
    return ["unknown"]


def _dns_servers() -> list[str]:
    with contextlib.suppress(Exception):  # dnspython reads the OS configuration (any OS)
        import dns.resolver

        return [str(s) for s in dns.resolver.Resolver().nameservers]
    return ["unknown"]


def _audio_devices() -> list[DeviceInfo]:
    with contextlib.suppress(Exception):  # no sound server, no permission: not an error here
        from softdiag.audio.devices import take_inventory

        return list(take_inventory().devices)
    return []


def collect_environment(*, audio: bool = True) -> dict[str, Any]:
    """A JSON-able dict: ``versions``, ``os``, ``network`` and ``audio`` (device rows)."""
    devices = _audio_devices() if audio else []
    return {
        "os": f"{platform.system()} {platform.release()} ({platform.platform()})",
        "versions": {
            "softdiag": _version("softdiag"),
            "pjsip (pjsua2-python)": _version("pjsua2-python"),
            "Qt (PySide6)": _version("PySide6-Essentials"),
            "Python": sys.version.split()[0],
            "dpkt": _version("dpkt"),
        },
        "network": {
            "hostname": socket.gethostname(),
            "interfaces": _interfaces(),
            "default route": _default_route(),
            "DNS servers": _dns_servers(),
        },
        "audio": [
            {
                "name": d.name,
                "direction": d.direction,
                "form_factor": d.form_factor,
                "bus": d.bus,
                "default": d.is_default,
                "host_api": d.host_api,
            }
            for d in devices
        ],
    }
