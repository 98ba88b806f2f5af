"""The character-set scan in pure Python: the twin of ``_loops_c.pyx``.

One compiled ``re`` class per set (built on first use, under the package's
lazy loader's rules: a pattern is published whole or not at all), searched
from ``start``.
"""
from __future__ import annotations

import re
import threading

from .classes import CharTable, regex_class

__all__ = ["count_of", "first_astral", "first_of"]

_PATTERNS: dict[str, re.Pattern[str]] = {}  # CharTable.chars -> its class
_LOCK = threading.Lock()
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _pattern(table: CharTable) -> re.Pattern[str]:
    pattern = _PATTERNS.get(table.chars)
    if pattern is None:
        with _LOCK:
            pattern = _PATTERNS.get(table.chars)
            if pattern is None:
                pattern = re.compile(regex_class(table.chars)) if table.chars else re.compile("(?!)")
                _PATTERNS[table.chars] = pattern
    return pattern


def first_of(text: str, table: CharTable, start: int = 0) -> int:
    """Where ``text`` first holds a character of ``table`` at or after
    ``start`` (negative: from the end, as in slicing); -1 if nowhere."""
    if type(text) is not str:
        raise TypeError(f"first_of() needs a str, not {type(text).__name__}")
    start = slice(start, None).indices(len(text))[0]
    found = _pattern(table).search(text, start)
    return found.start() if found is not None else -1


def count_of(text: str, table: CharTable, start: int = 0, end: int | None = None) -> int:
    """How many characters of ``text[start:end]`` are in ``table``."""
    if type(text) is not str:
        raise TypeError(f"count_of() needs a str, not {type(text).__name__}")
    begin, stop, _ = slice(start, end).indices(len(text))
    return len(_pattern(table).findall(text, begin, stop)) if begin < stop else 0


def first_astral(text: str, start: int = 0) -> int:
    """Where ``text`` first holds a character outside the BMP at or after
    ``start`` (negative: from the end, as in slicing); -1 if nowhere."""
    if type(text) is not str:
        raise TypeError(f"first_astral() needs a str, not {type(text).__name__}")
    start = slice(start, None).indices(len(text))[0]
    found = _ASTRAL.search(text, start)
    return found.start() if found is not None else -1
