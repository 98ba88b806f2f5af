"""The character classes and reading tables both pinyin loops share.

Both implementations (``_loops_c.pyx`` and ``_loops_py.py``) take every fact
they use from here: which code points are Han, which letters may spell
pinyin (with which marks), and the readings of each character from
``data/readings.txt`` (generated from pypinyin by
``tools/generate_pinyin_tables.py``).  The few facts the compiled loops need
as C constants are mirrored there and compared with these by a test.
Loading the readings costs a few tens of milliseconds, so it happens on
first use, never at import.
"""
from __future__ import annotations

import pathlib
import unicodedata
from typing import NamedTuple

from .._lazy import Lazy

# Inclusive code point ranges of Han characters an annotation may follow:
# 〇 (which has readings), the unified ideographs with extensions A to I and
# the compatibility ideographs.  Unassigned gaps inside the astral ranges
# cost nothing: a gap character has no readings.
HAN_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
    (0x30000, 0x323AF),
)

OPEN_PARENS = {0x28: 0x29, 0xFF08: 0xFF09}  # ( -> )  and  （ -> ）

# The longest group content examined.  The longest syllable is six letters
# ("zhuang"); this leaves room for combining marks and a tone digit while
# keeping the work per parenthesis bounded, which keeps the scan linear.
MAX_GROUP = 16
MAX_SYLLABLE = 6

# Combining marks a pinyin letter may carry in decomposed (NFD) text.  The
# breve stands in for the caron on many web pages (ă for ǎ).
TONE_MARKS = frozenset((0x0300, 0x0301, 0x0304, 0x0306, 0x030C))
CIRCUMFLEX = 0x0302  # ê, as in the syllable ê (欸)
DIAERESIS = 0x0308  # ü

# Zhuyin tone marks: ˉ ˊ ˇ ˋ and the neutral-tone dot ˙ (written before the
# syllable in Taiwan, after it elsewhere).
ZHUYIN_TONES = frozenset((0x02C9, 0x02CA, 0x02C7, 0x02CB, 0x02D9))


def is_han(cp: int) -> bool:
    for low, high in HAN_RANGES:
        if low <= cp <= high:
            return True
    return False


def is_zhuyin_letter(cp: int) -> bool:
    return 0x3105 <= cp <= 0x312F or 0x31A0 <= cp <= 0x31BF


def _marked_letters() -> dict[int, tuple[str, bool]]:
    """Precomposed letters that spell pinyin: code point -> (letter, tonal).

    ``ǘ`` -> ("v", True), ``ü`` -> ("v", False), ``ê`` -> ("e", False),
    ``ḿ`` -> ("m", True).  ``ɑ`` and ``ɡ`` are the Latin look-alikes some
    pinyin fonts' text uses.
    """
    table = {0x0251: ("a", False), 0x0261: ("g", False)}
    candidates = list(range(0xC0, 0x250)) + [0x1E3E, 0x1E3F, 0x1EBE, 0x1EBF, 0x1EC0, 0x1EC1]
    for cp in candidates:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base, marks = decomposed[0].lower(), [ord(m) for m in decomposed[1:]]
        if not marks or base not in "aeioumn":
            continue
        tonal = False
        for mark in marks:
            if mark in TONE_MARKS:
                tonal = True
            elif mark == DIAERESIS and base == "u":
                base = "v"
            elif not (mark == CIRCUMFLEX and base == "e"):
                break
        else:
            table[cp] = (base, tonal)
    return table


MARKED_LETTERS = _marked_letters()

_DATA = pathlib.Path(__file__).with_name("data") / "readings.txt"


class ReadingTables(NamedTuple):
    readings: dict[int, tuple[str, ...]]  # Han code point -> toneless syllables
    syllables: frozenset[str]  # every toneless syllable
    zhuyin: dict[str, tuple[str, ...]]  # toneless zhuyin -> syllables it spells


def _load() -> ReadingTables:
    return _parse(_DATA.read_text(encoding="utf-8"))


READINGS: Lazy[ReadingTables] = Lazy(_load)


def reading_tables() -> ReadingTables:
    """The readings, parsed once per process (safe from any thread)."""
    return READINGS.get()


def _parse(text: str) -> ReadingTables:
    readings: dict[int, list[str]] = {}
    syllables = []
    zhuyin = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        kind, key, value = line.split("\t")
        if kind == "S":
            syllables.append(key)
            for ch in value:
                readings.setdefault(ord(ch), []).append(key)
        elif kind == "Z":
            zhuyin[key] = tuple(value.split(","))
        else:
            raise ValueError(f"{_DATA}: unknown line kind {kind!r}")
    return ReadingTables(
        {cp: tuple(keys) for cp, keys in readings.items()}, frozenset(syllables), zhuyin
    )
