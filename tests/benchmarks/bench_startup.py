"""Cold start to a drawn main window, for the virtual environment and the frozen build, and
the package sizes. Prints figures; asserts nothing (a benchmark, not a test).

    .venv/bin/python -m tests.benchmarks.bench_startup [--runs 5] [--dist dist] [--offscreen]

Each run is a new process with a new, empty home (a first start: the welcome screen shows
too), timed from spawn to the line ``softdiag: main window drawn`` that the app prints
after the main window's first paint (``SOFTDIAG_EXIT_WHEN_DRAWN=1``); the app then closes
the window the normal way. By default the window goes to an Xvfb server this script starts
(and stops, by its PID); ``--offscreen`` uses Qt's offscreen platform instead. The system's
file cache is warm after the first run: that is the usual case of "start the app again".
Goal (issue 17): median at most 2 s on the two-core CI machine.
"""

from __future__ import annotations

import argparse
import os
import select
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DRAWN = b"softdiag: main window drawn"
TIMEOUT = 60.0  # seconds for one start


def _start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    read, write = os.pipe()
    xvfb = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    os.close(write)
    ready, _, _ = select.select([read], [], [], 10)
    number = os.read(read, 16).decode().strip() if ready else ""
    os.close(read)
    if not number:
        xvfb.terminate()
        raise SystemExit("bench_startup: Xvfb did not start")
    return xvfb, f":{number}"


def _one_start(argv: list[str], env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory() as home:
        run_env = {**env, "HOME": home, "XDG_RUNTIME_DIR": home, "SOFTDIAG_EXIT_WHEN_DRAWN": "1"}
        started = time.perf_counter()
        proc = subprocess.Popen(argv, env=run_env, stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)  # fmt: skip
        assert proc.stdout is not None
        drawn = None
        buffer = b""
        while drawn is None and time.perf_counter() - started < TIMEOUT:
            ready, _, _ = select.select([proc.stdout], [], [], 0.5)
            if ready:
                chunk = os.read(proc.stdout.fileno(), 4096)
                if not chunk:
                    break
                buffer += chunk
                if DRAWN in buffer:
                    drawn = time.perf_counter() - started
        proc.wait(timeout=TIMEOUT)
        if drawn is None:
            raise SystemExit(f"bench_startup: {argv[0]} never drew its window")
        return drawn


def _measure(label: str, argv: list[str], env: dict[str, str], runs: int) -> None:
    times = [_one_start(argv, env) for _ in range(runs)]
    print(f"{label:<10} median {statistics.median(times):5.2f} s   first {times[0]:5.2f} s   "
          f"all {' '.join(f'{t:.2f}' for t in times)}")  # fmt: skip


def _frozen(dist: Path, workdir: Path) -> Path | None:
    archives = sorted(dist.glob("softdiag-*-linux-x86_64.tar.gz"))
    if not archives:
        return None
    with tarfile.open(archives[-1]) as archive:
        archive.extractall(workdir, filter="tar")
    found = sorted(workdir.glob("softdiag-*/softdiag"))
    return found[-1] if found else None


def main() -> int:
    parser = argparse.ArgumentParser(prog="bench_startup")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--offscreen", action="store_true")
    args = parser.parse_args()
    if not 1 <= args.runs <= 50:
        print("bench_startup: --runs must be 1..50", file=sys.stderr)
        return 2
    keep = ("PATH", "LANG", "LC_ALL")
    env = {k: v for k, v in os.environ.items() if k in keep}
    xvfb = None
    if args.offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
        where = "offscreen"
    else:
        xvfb, display = _start_xvfb()
        env["DISPLAY"] = display
        where = f"Xvfb {display}"
    print(f"cold start to a drawn main window ({where}, {args.runs} runs, new home each)")
    try:
        _measure("venv", [str(ROOT / ".venv" / "bin" / "softdiag")], env, args.runs)
        with tempfile.TemporaryDirectory() as work:
            frozen = _frozen(args.dist, Path(work))
            if frozen is None:
                print(f"frozen     no archive in {args.dist} (make dist)")
            else:
                _measure("frozen", [str(frozen)], env, args.runs)
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(timeout=10)
    for package in sorted(args.dist.glob("softdiag*")):
        print(f"size       {package.stat().st_size / 1e6:6.1f} MB  {package.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
