"""The character-set scan in pure Python: the twin of ``_loops_c.pyx``.

One compiled ``re`` class per set (built on first use, under the package's
lazy loader's rules: a pattern is published whole or not at all), searched
from ``start``.
"""
from __future__ import annotations

import re
import threading

from .classes import CharBits, CharMap, CharTable, regex_class

__all__ = ["count_of", "first_astral", "first_of", "pairs_at", "count_each", "runs_before", "translate"]

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


_RUNS: dict[tuple[str, str], re.Pattern[str]] = {}


def runs_before(text: str, run: CharTable, stop: CharTable) -> list[tuple[int, int]]:
    """The maximal runs of characters of ``run`` that a character of
    ``stop`` or the end of ``text`` follows, as ``(start, end)`` pairs."""
    if type(text) is not str:
        raise TypeError(f"runs_before() needs a str, not {type(text).__name__}")
    if not run.chars:
        return []
    key = (run.chars, stop.chars)
    pattern = _RUNS.get(key)
    if pattern is None:
        with _LOCK:
            pattern = _RUNS.get(key)
            if pattern is None:
                inside = regex_class(run.chars)
                after = f"(?={regex_class(stop.chars)}|\\Z)" if stop.chars else "(?=\\Z)"
                pattern = re.compile(f"(?<!{inside}){inside}++{after}")
                _RUNS[key] = pattern
    return [m.span() for m in pattern.finditer(text)]


_PAIRS: dict[tuple[str, str], re.Pattern[str]] = {}


def pairs_at(text: str, first: CharTable, second: CharTable, start: int = 0, end: int | None = None) -> list[int]:
    """Every position ``i`` of ``text[start:end]`` whose character is in
    ``first`` and whose next character, also in that slice, is in
    ``second``, in text order."""
    if type(text) is not str:
        raise TypeError(f"pairs_at() needs a str, not {type(text).__name__}")
    if not (first.chars and second.chars):
        return []
    begin, stop, _ = slice(start, end).indices(len(text))
    key = (first.chars, second.chars)
    pattern = _PAIRS.get(key)
    if pattern is None:
        with _LOCK:
            pattern = _PAIRS.get(key)
            if pattern is None:
                pattern = re.compile(f"{regex_class(first.chars)}(?={regex_class(second.chars)})")
                _PAIRS[key] = pattern
    return [m.start() for m in pattern.finditer(text, begin, stop)] if begin < stop else []


_MAPS: dict[str, re.Pattern[str]] = {}  # the mapped characters -> their class


def translate(text: str, charmap: CharMap) -> str:
    """``text`` with each character that ``charmap`` maps replaced by its
    image; ``text`` itself when none is."""
    if type(text) is not str:
        raise TypeError(f"translate() needs a str, not {type(text).__name__}")
    moved = {k: v for k, v in charmap.mapping.items() if k != v}
    if not moved:
        return text
    key = "".join(sorted(moved))
    pattern = _MAPS.get(key)
    if pattern is None:
        with _LOCK:
            pattern = _MAPS.get(key)
            if pattern is None:
                pattern = re.compile(regex_class(key))
                _MAPS[key] = pattern
    if pattern.search(text) is None:
        return text
    return pattern.sub(lambda m: moved[m.group()], text)


def count_each(text: str, charbits: CharBits) -> list[int]:
    """How many characters of ``text`` each set of ``charbits`` holds."""
    if type(text) is not str:
        raise TypeError(f"count_each() needs a str, not {type(text).__name__}")
    return [count_of(text, chars) for chars in charbits.sets]
