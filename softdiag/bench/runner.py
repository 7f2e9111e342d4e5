"""Run `softdiag register --json` in a subprocess and watch its event stream.

Used by the failover benchmark and the integration tests: one process per account, since
pjsua2 allows one endpoint per process, so two policies can run side by side.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from softdiag.lab import LAB_PASSWORD

Event = dict[str, Any]


class RegisterRun:
    def __init__(
        self,
        user: str,
        *extra: str,
        policy: str = "sticky",
        expires: int = 30,
        duration: float = 120,
        dns: str = "127.0.0.1:5353",
        password: str = LAB_PASSWORD,
        prefix: Sequence[str] = (),
        probe_profile: str | None = None,
    ) -> None:
        """``prefix`` runs the command through another one, e.g. ``ip netns exec NS``."""
        env = {**os.environ, "SD_PASS": password}
        argv = [
            *prefix, sys.executable, "-m", "softdiag", "register", "--domain", "voip.test",
            "--user", user, "--password-env", "SD_PASS", "--dns", dns, "--json",
            "--policy", policy, "--expires", str(expires), "--duration", str(duration), *extra,
            *(("--probe-profile", probe_profile) if probe_profile else ()),
        ]  # fmt: skip
        self.user = user
        self.proc = subprocess.Popen(
            argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
        )
        self.events: list[Event] = []
        self._lock = threading.Lock()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            event = json.loads(line)
            event["_t"] = time.monotonic()
            with self._lock:
                self.events.append(event)

    def snapshot(self) -> list[Event]:
        with self._lock:
            return list(self.events)

    def wait_for(
        self, predicate: Callable[[Event], bool], timeout: float, *, after: float = 0.0
    ) -> Event:
        deadline = time.monotonic() + timeout
        while True:  # look at least once, even with no time left
            for e in self.snapshot():
                if e["_t"] >= after and predicate(e):
                    return e
            if time.monotonic() >= deadline:
                break
            if self.proc.poll() is not None and not self._reader.is_alive():
                break
            time.sleep(0.02)
        stderr = (
            self.proc.stderr.read() if self.proc.poll() is not None and self.proc.stderr else ""
        )
        raise AssertionError(
            f"{self.user}: expected event did not arrive within {timeout} s {stderr}"
        )

    def registered(
        self, timeout: float = 10.0, *, after: float = 0.0, server: str | None = None
    ) -> Event:
        return self.wait_for(
            lambda e: (
                e["type"] == "RegistrationChanged"
                and e["state"] == "registered"
                and (server is None or e["server"] == server)
            ),
            timeout,
            after=after,
        )

    def registered_elsewhere(self, server: str, timeout: float, *, after: float) -> Event:
        """The first 200 OK from another server than ``server`` (a failover completed)."""
        return self.wait_for(
            lambda e: (
                e["type"] == "RegistrationChanged"
                and e["state"] == "registered"
                and e["server"] != server
            ),
            timeout,
            after=after,
        )

    def registrations(self) -> list[Event]:
        return [
            e for e in self.snapshot()
            if e["type"] == "RegistrationChanged" and e["state"] == "registered"
        ]  # fmt: skip

    def of_type(self, name: str) -> list[Event]:
        return [e for e in self.snapshot() if e["type"] == name]

    def current_server(self) -> str:
        return str(self.registrations()[-1]["server"])

    def stop(self, timeout: float = 20.0) -> int:
        """Ctrl-C the run (it un-registers and exits 130), or collect its exit code."""
        if self.proc.poll() is None:
            self.proc.send_signal(2)
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self._reader.join(5)
        return self.proc.returncode
