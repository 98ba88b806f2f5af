"""The sets themselves: a 64 KiB table for the scan, a class for ``re``."""
from __future__ import annotations

import array
from collections.abc import Iterable

__all__ = ["CharBits", "CharMap", "CharTable", "regex_class"]


class CharTable:
    """An immutable set of BMP characters as a 65,536-byte table (1: in it)."""

    __slots__ = ("table", "lowest", "chars")

    def __init__(self, chars: Iterable[str]) -> None:
        points = sorted({ord(ch) for ch in chars})
        if points and points[-1] > 0xFFFF:
            raise ValueError("a CharTable holds BMP characters only")
        table = bytearray(0x10000)
        for cp in points:
            table[cp] = 1
        self.table = bytes(table)
        self.lowest = points[0] if points else 0x10000  # a text whose characters are all lower holds none
        self.chars = "".join(map(chr, points))

    def __contains__(self, ch: object) -> bool:
        return isinstance(ch, str) and len(ch) == 1 and ord(ch) < 0x10000 and self.table[ord(ch)] == 1

    def __len__(self) -> int:
        return len(self.chars)


class CharBits:
    """Up to eight sets of BMP characters in one 65,536-byte table, a bit
    for each (bit k: in ``sets[k]``), so that one scan counts them all."""

    __slots__ = ("table", "lowest", "sets")

    def __init__(self, sets: Iterable[Iterable[str]]) -> None:
        self.sets = tuple(CharTable(chars) for chars in sets)
        if len(self.sets) > 8:
            raise ValueError("a CharBits holds eight sets at most")
        table = bytearray(0x10000)
        for bit, chars in enumerate(self.sets):
            for ch in chars.chars:
                table[ord(ch)] |= 1 << bit
        self.table = bytes(table)
        self.lowest = min((chars.lowest for chars in self.sets), default=0x10000)


class CharMap:
    """An immutable map of BMP characters to BMP characters, as a table of
    65,536 code units (each character's image; itself where unmapped)."""

    __slots__ = ("table", "lowest", "narrowest", "mapping", "ordinals")

    def __init__(self, mapping: dict[str, str]) -> None:
        if any(len(k) != 1 or len(v) != 1 or k > "\uffff" or v > "\uffff" for k, v in mapping.items()):
            raise ValueError("a CharMap maps BMP characters to BMP characters")
        table = array.array("H", range(0x10000))  # (a memoryview of unsigned shorts for the C loop)
        for key, value in mapping.items():
            table[ord(key)] = ord(value)
        self.table = table
        moved = [ord(k) for k, v in mapping.items() if k != v]
        self.lowest = min(moved, default=0x10000)  # a text whose characters are all lower has none to map
        self.narrowest = min((ord(v) for k, v in mapping.items() if k != v), default=0x10000)
        self.mapping = dict(mapping)
        self.ordinals = str.maketrans(self.mapping)  # for str.translate


# What must be escaped inside a character class.
_CLASS_SPECIALS = str.maketrans({c: "\\" + c for c in "\\]^-["})


def regex_class(chars: str | frozenset[str], negate: bool = False, extra: str = "") -> str:
    """A regex character class of the BMP characters of ``chars`` (and ``extra``).

    Consecutive code points are written as ranges (``一-丁``): ``re`` parses a
    class character by character in Python, and the script classes hold
    thousands (the tables and the unifier's patterns took 0.2 s to compile
    with one item per character, a third of a command's start-up).
    """
    points = sorted({ord(c) for c in chars if c <= "\uffff"})
    parts = []
    k, n = 0, len(points)
    while k < n:
        j = k
        while j + 1 < n and points[j + 1] == points[j] + 1:
            j += 1
        first, last = chr(points[k]).translate(_CLASS_SPECIALS), chr(points[j]).translate(_CLASS_SPECIALS)
        parts.append(first if j == k else f"{first}{last}" if j == k + 1 else f"{first}-{last}")
        k = j + 1
    return f"[{'^' if negate else ''}{''.join(parts)}{extra}]"
