"""The pinyin rule as a careful user would write it with the ``regex`` module.

The baseline the Cython kernel is measured against; never shipped.  It
checks each group against the readings of the character before it, as
``zhclean.strip_pinyin`` does, with one compiled pattern, a replacement
callback and a cache of normalised groups.  The flattener's-space rule is
the simple form (a space goes when the next character is annotated too),
which agrees with the kernel on the benchmark inputs (checked before timing).
"""
from __future__ import annotations

import functools
import unicodedata

import regex

from zhclean._pinyin_tables import reading_tables

_GROUP = r"[(（][^()（）\n]{1,16}[)）]"
_RUN = regex.compile(r"(\p{Han})((?:" + _GROUP + r")+)( (?=\p{Han}[(（]))?")
_GROUPS = regex.compile(_GROUP)
_MARKS = regex.compile(r"[\u0300-\u036f]")
_ZHUYIN_TONES = "ˉˊˇˋ˙"
_ZHUYIN = regex.compile(r"\p{Bopomofo}")
_TABLES = reading_tables()


@functools.lru_cache(maxsize=8192)
def _syllables(group: str) -> frozenset:
    """The toneless syllables a parenthesised group may spell."""
    if group[0] + group[-1] not in ("()", "（）"):
        return frozenset()
    content = group[1:-1]
    if _ZHUYIN.search(content):
        return frozenset(_TABLES.zhuyin.get(content.strip(_ZHUYIN_TONES), ()))
    key = unicodedata.normalize("NFD", content).lower()
    key = key.replace("u:", "v").replace("u\u0308", "v").replace("ɑ", "a").replace("ɡ", "g")
    key = _MARKS.sub("", key).rstrip("012345")
    if not key.isascii() or not key.isalpha():
        return frozenset()
    if len(key) > 1 and key[1] == "v" and key[0] in "jqxy":
        key = key[0] + "u" + key[2:]
    return frozenset((key,))


def _replace(match: regex.Match) -> str:
    readings = _TABLES.readings.get(ord(match.group(1)))
    if not readings:
        return match.group(0)
    groups = _GROUPS.findall(match.group(2))
    removed = 0
    for group in groups:
        if not _syllables(group) & set(readings):
            break
        removed += 1
    if removed == 0:
        return match.group(0)
    rest = "".join(groups[removed:])
    space = match.group(3) or ""
    return match.group(1) + rest + (space if rest else "")


def strip_pinyin(text: str) -> str:
    return _RUN.sub(_replace, text)
