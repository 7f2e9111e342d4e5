"""Findings over time: raised, repeated (a count), resolved when their condition ends.

A pure ledger, one per scope: the account's (kept by :mod:`softdiag.state.account`, which
knows when a condition ends) or one call's (its window lists what the call raised). The
same finding is the same id with the same values; raised again after it was resolved, it
is current again and its count goes on.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from softdiag.events import Finding, FindingState

__all__ = ["MAX_FINDINGS", "FindingKey", "FindingLedger", "finding_key"]

MAX_FINDINGS = 500  # distinct findings kept; the oldest resolved go first
_RANK = {"error": 0, "warning": 1, "info": 2}

FindingKey = tuple[str, tuple[tuple[str, str], ...]]


def finding_key(finding: Finding) -> FindingKey:
    """One finding repeats when its id and its values are the same."""
    return (finding.id, finding.params or (("title", finding.title),))


class FindingLedger:
    def __init__(self, limit: int = MAX_FINDINGS) -> None:
        self._limit = limit
        self._states: dict[FindingKey, FindingState] = {}  # oldest raised first
        self.states: tuple[FindingState, ...] = ()  # current (worst, newest first), then ended

    def raise_(self, finding: Finding) -> None:
        key = finding_key(finding)
        old = self._states.pop(key, None)
        if old is None:
            state = FindingState(finding=finding, first=finding.mono, first_wall=finding.wall)
        else:
            state = dataclasses.replace(
                old, finding=finding, count=old.count + 1, resolved_at=None, resolved_wall=None
            )
        self._states[key] = state
        if len(self._states) > self._limit:
            ended = [k for k, v in self._states.items() if v.resolved_at is not None]
            del self._states[ended[0] if ended else next(iter(self._states))]
        self._order()

    def resolve(
        self, ends: Callable[[FindingState], float | None], wall_now: tuple[float, float]
    ) -> bool:
        """End the current findings for which ``ends`` gives a (monotonic) end time; True
        when any ended. ``wall_now`` is (now, wall) to date the ends on the wall clock."""
        now, wall = wall_now
        changed = False
        for key, state in self._states.items():
            if state.resolved_at is not None:
                continue
            end = ends(state)
            if end is not None:
                self._states[key] = dataclasses.replace(
                    state, resolved_at=end, resolved_wall=wall - (now - end)
                )
                changed = True
        if changed:
            self._order()
        return changed

    def _order(self) -> None:
        states = self._states.values()
        current = sorted(
            (f for f in states if f.resolved_at is None),
            key=lambda f: (_RANK.get(f.finding.severity, 3), -f.finding.mono),
        )
        ended = sorted(
            (f for f in states if f.resolved_at is not None), key=lambda f: -(f.resolved_at or 0)
        )
        self.states = (*current, *ended)
