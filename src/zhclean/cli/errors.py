"""The command's errors: each one line, naming what it is about."""
from __future__ import annotations

__all__ = ["CommandError", "InputError", "OutputError", "describe"]


class CommandError(Exception):
    """An error the command reports in one line and goes on after, if it can."""


class InputError(CommandError):
    """An input that cannot be found, read or decoded (exit status 2)."""


class OutputError(CommandError):
    """An output that cannot be written (exit status 2); fatal for standard output."""


def describe(error: OSError) -> str:
    """An OSError in words, without the file name (the caller names it)."""
    return error.strerror or str(error) or type(error).__name__
