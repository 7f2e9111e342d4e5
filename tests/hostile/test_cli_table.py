"""Hostile input against the real CLI: no traceback, no hang, no native abort, no secret.

Every case of :mod:`tests.hostile.cases` runs `python -m softdiag ...` as a subprocess
against the hostile lab, all cases concurrently (a few at a time) so the table takes about
a minute. Each case then asserts, in its own test:

- it ended before its timeout (no hang) and not by a signal (exit 134 = native abort);
- no ``Traceback`` on stderr; the exit code is one the contract allows for the case, and
  exit 2 comes with exactly one line on stderr;
- neither the password nor any digest ``response``/``cnonce`` value the hostile registrar
  received appears on stdout or stderr (``-v`` and ``--json`` included);
- human output carries no raw control character (ESC, BEL, CR, bidi overrides).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from softdiag.lab.hostile import HostileLab, digest_values

from . import conftest
from .cases import Case, build_table

TABLE = build_table()
WORKERS = 6
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Outcome:
    code: int | None  # None: killed at its timeout
    out: str
    err: str
    seconds: float


def _run(case: Case, lab: HostileLab, config_dir: Path) -> Outcome:
    domain = f"{case.key}.hostile.test"
    argv = [a.replace("{domain}", domain).replace("{dns}", lab.dns) for a in case.argv]
    env = {**os.environ, "SD_PASS": case.password, "SOFTDIAG_CONFIG_DIR": str(config_dir),
           "PYTHONFAULTHANDLER": "1"}  # fmt: skip
    env.pop("SOFTDIAG_PASSWORD", None)
    # To show what the table finds in another version of softdiag (e.g. before a fix):
    # SOFTDIAG_UNDER_TEST=/path/to/its/checkout runs the commands from there.
    if os.environ.get("SOFTDIAG_UNDER_TEST"):
        env["PYTHONPATH"] = os.environ["SOFTDIAG_UNDER_TEST"]
    start = time.monotonic()
    try:
        done = subprocess.run([sys.executable, "-m", "softdiag", *argv], capture_output=True,
                              text=True, errors="replace", env=env, timeout=case.timeout,
                              stdin=subprocess.DEVNULL, cwd=config_dir, check=False)  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode(errors="replace") if isinstance(exc.stdout, bytes) else ""
        err = exc.stderr.decode(errors="replace") if isinstance(exc.stderr, bytes) else ""
        return Outcome(None, out, err, time.monotonic() - start)
    return Outcome(done.returncode, done.stdout, done.stderr, time.monotonic() - start)


@pytest.fixture(scope="session")
def outcomes(
    hostile_lab: HostileLab, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Outcome]:
    for case in TABLE:
        domain = f"{case.key}.hostile.test"
        if case.dns is not None:
            hostile_lab.dns_scripts[case.key] = case.dns(domain)
        if case.sip is not None:
            hostile_lab.sip_scripts[case.key] = case.sip
        if case.stun is not None:
            hostile_lab.stun_scripts[case.stun_port] = case.stun
    config = tmp_path_factory.mktemp("hostile-config")
    with ThreadPoolExecutor(WORKERS) as pool:
        futures = {c.key: pool.submit(_run, c, hostile_lab, config) for c in TABLE}
        results = {key: f.result() for key, f in futures.items()}
    _totals(results, hostile_lab)
    return results


def problems(case: Case, outcome: Outcome, lab: HostileLab) -> list[str]:
    found: list[str] = []
    both = outcome.out + outcome.err
    if outcome.code is None:
        return [f"hang: still running after {case.timeout:.0f} s"]
    if outcome.code < 0 or outcome.code == 134:
        found.append(f"native abort / signal (exit {outcome.code})")
    if "Traceback" in outcome.err:
        found.append("traceback on stderr")
    if outcome.code not in case.exits:
        found.append(f"exit {outcome.code}, the contract allows {sorted(case.exits)}")
    if outcome.code == 2:
        lines = outcome.err.strip().splitlines()
        if len(lines) != 1 or not lines[0].startswith("softdiag: "):
            found.append(f"exit 2 with {len(lines)} lines on stderr")
    secrets = {v for v in digest_values(lab.received.get(case.key, [])) if len(v) >= 6}
    if len(case.password) >= 6:
        secrets.add(case.password)
    elif re.search(rf"(?<![\w/]){re.escape(case.password)}(?![\w/])", both):
        found.append("the (short) password as a token in the output")
    leaked = sorted(s for s in secrets if s in both)
    if leaked:
        found.append(f"secret in the output: {leaked[0][:6]}…")
    if "--json" not in case.argv and _CONTROL.search(both):
        found.append(f"raw control character in human output: {_CONTROL.search(both)!r}")
    if case.expect is not None and (problem := case.expect(outcome.out, outcome.err)):
        found.append(problem)
    return found


def _totals(results: dict[str, Outcome], lab: HostileLab) -> None:
    by_key = {c.key: c for c in TABLE}
    counts = {"cases": len(results), "passed": 0, "tracebacks": 0, "hangs": 0,
              "native aborts": 0, "secret leaks": 0, "wrong exit codes": 0}  # fmt: skip
    for key, outcome in results.items():
        found = problems(by_key[key], outcome, lab)
        counts["passed"] += not found
        counts["tracebacks"] += any("traceback" in p for p in found)
        counts["hangs"] += any(p.startswith("hang") for p in found)
        counts["native aborts"] += any("native abort" in p for p in found)
        counts["secret leaks"] += any("secret" in p or "password" in p for p in found)
        counts["wrong exit codes"] += any(p.startswith("exit") for p in found)
    for code in (0, 1, 2):
        counts[f"exit {code}"] = sum(o.code == code for o in results.values())
    counts["slowest s"] = round(max((o.seconds for o in results.values()), default=0.0), 1)
    conftest.TOTALS.update(counts)


@pytest.mark.parametrize("case", TABLE, ids=[f"{c.key}-{c.name}" for c in TABLE])
def test_hostile_case(case: Case, outcomes: dict[str, Outcome], hostile_lab: HostileLab) -> None:
    outcome = outcomes[case.key]
    found = problems(case, outcome, hostile_lab)
    assert not found, (
        f"{found}\n--- stdout\n{outcome.out[-1500:]}\n--- stderr\n{outcome.err[-1500:]}"
    )


def test_table_is_large_enough_and_prints_its_totals(outcomes: dict[str, Outcome]) -> None:
    assert len(TABLE) >= 150
    assert conftest.TOTALS["cases"] == len(TABLE)
    print("\nhostile-input table:", conftest.TOTALS)


def test_the_registrar_received_digest_credentials(
    outcomes: dict[str, Outcome], hostile_lab: HostileLab
) -> None:
    """The secret check has something to look for: the echoing cases got real digests."""
    echo = [c for c in TABLE if c.name.startswith("register/") and "echo" in c.name]
    assert echo
    for case in echo:
        assert digest_values(hostile_lab.received[case.key]), case.name
