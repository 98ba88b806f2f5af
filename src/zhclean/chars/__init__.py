"""Sets of characters, and where a text first holds one: a scan in C.

The steps after the repairs ask, over whole documents, whether a text holds
any character of a set: the script step whether it holds a Traditional-only
and a Simplified-only character at all (most texts hold one script: the
other's search runs to the end), the width step whether it holds a
full-width letter or digit.  Python's ``re`` searches a class at 8-9 ns a
character (2 MB of sample 003: 6 ms each); a lookup in a 64 KiB table over
the string's own storage takes under 1.

``CharTable(chars)`` is such a set (BMP characters; built once, kept by the
module that owns the set); ``first_of(text, table, start)`` is where
``text`` first holds one of them at or after ``start`` (-1: nowhere), and
``holds(text, table)`` whether it holds any, ``count_of(text, table,
start, end)`` how many of the characters of ``text[start:end]`` are in it
(the script layer's counts: a regular expression paid per match), and
``first_astral(text, start)`` where it first holds a character outside the
BMP (none in a string whose storage is narrower: told without a scan), and
``runs_before(text, run, stop)`` the runs of one set's characters that a
character of another, or the end, follows (blanks before a line break),
``pairs_at(text, first, second, start, end)`` where a character of one set
stands before one of another (the script layer's two-character words of
forms: ``re``'s alternation of them took 6 ms on 2 MB), and
``count_each(text, charbits)`` how many characters of each of up to eight
sets a text holds, in one scan (the three Traditional standards' counts
took three), ``translate(text, charmap)`` the text with the characters a ``CharMap``
maps replaced (the Taiwan forms after OpenCC: ``re.sub`` took 3.6 ms of
the zhwiki text's call, ``str.translate`` 20).  ``regex_class(chars)`` writes
a set as a regular-expression class, for the patterns that need one.
"""
from __future__ import annotations

from . import _loops
from .classes import CharBits, CharMap, CharTable, regex_class

__all__ = [
    "CharBits", "CharMap", "CharTable", "count_each", "count_of", "first_astral", "first_of", "holds", "pairs_at", "regex_class", "runs_before",
    "translate",
]


def first_of(text: str, table: CharTable, start: int = 0) -> int:
    """Where ``text`` first holds a character of ``table`` at or after ``start``; -1 if nowhere."""
    return _loops.LOOPS.first_of(text, table, start)


def holds(text: str, table: CharTable) -> bool:
    """Whether ``text`` holds a character of ``table``."""
    return _loops.LOOPS.first_of(text, table, 0) >= 0


def count_of(text: str, table: CharTable, start: int = 0, end: int | None = None) -> int:
    """How many characters of ``text[start:end]`` are in ``table``."""
    return _loops.LOOPS.count_of(text, table, start, end)


def first_astral(text: str, start: int = 0) -> int:
    """Where ``text`` first holds a character outside the BMP at or after ``start``; -1 if nowhere."""
    return _loops.LOOPS.first_astral(text, start)


def runs_before(text: str, run: CharTable, stop: CharTable) -> list[tuple[int, int]]:
    """The maximal runs of ``run``'s characters that a character of ``stop`` or the end follows, as (start, end)."""
    return _loops.LOOPS.runs_before(text, run, stop)


def pairs_at(text: str, first: CharTable, second: CharTable, start: int = 0, end: int | None = None) -> list[int]:
    """Every position of ``text[start:end]`` where a character of ``first``
    stands before one of ``second`` (the pair inside the slice), in order."""
    return _loops.LOOPS.pairs_at(text, first, second, start, end)


def translate(text: str, charmap: CharMap) -> str:
    """``text`` with each character ``charmap`` maps replaced by its image; ``text`` itself when none is."""
    return _loops.LOOPS.translate(text, charmap)


def count_each(text: str, charbits: CharBits) -> list[int]:
    """How many characters of ``text`` each set of ``charbits`` holds, in one scan."""
    return _loops.LOOPS.count_each(text, charbits)
