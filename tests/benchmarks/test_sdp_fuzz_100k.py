"""10^5 structure-aware SDP inputs through the parser and every rule (``softdiag sdp fuzz``
runs the same): prints the count, the rate and the finding ids reached; 0 crashes."""

from __future__ import annotations

import pytest

from softdiag.sdp.fuzz import run_fuzz
from tests.fuzzreport import report_line


def test_100k_inputs_without_a_crash(request: pytest.FixtureRequest) -> None:
    report = run_fuzz(100_000, seed=20261207, max_seconds=600)
    line = (f"sdp fuzz benchmark: {report.inputs} inputs from {report.seeds} seeds, "
            f"{report.crashes} crashes, {report.seconds:.1f} s ({report.rate:.0f}/s), "
            f"{len(report.ids)} finding ids")  # fmt: skip
    report_line(request.config, line)
    assert report.crashes == 0, report.first_crash
    assert report.inputs == 100_000
