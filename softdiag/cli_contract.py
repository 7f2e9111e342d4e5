"""The CLI's contract with scripts, written once: exit codes and the two ways a command ends.

Every command module raises these; ``softdiag.cli.main`` turns them into one line on stderr
and the exit code (DESIGN.md: 0 ok, 1 a diagnosed failure, 2 bad input).
"""

from __future__ import annotations

__all__ = ["EXIT_BAD_INPUT", "EXIT_DIAGNOSED", "EXIT_OK", "CommandFailed", "UsageError"]

EXIT_OK, EXIT_DIAGNOSED, EXIT_BAD_INPUT = 0, 1, 2


class UsageError(Exception):
    """Bad input: printed as one line on stderr, exit 2."""


class CommandFailed(Exception):
    """A command ends with this exit code and a one-line reason on stderr."""

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code
