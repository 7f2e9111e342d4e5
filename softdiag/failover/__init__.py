"""DNS multi-IP failover: the pure policy, the OPTIONS prober and the account supervisor."""

from .policy import (
    POLICIES,
    Decision,
    FailoverPolicy,
    Move,
    PolicyConfig,
    PolicyName,
    ProbeOutcome,
    Wakeup,
)

__all__ = [
    "POLICIES",
    "Decision",
    "FailoverPolicy",
    "Move",
    "PolicyConfig",
    "PolicyName",
    "ProbeOutcome",
    "Wakeup",
]
