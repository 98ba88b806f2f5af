"""The pinyin rule as a careful user would write it with the ``regex`` module.

This is the baseline ``benchmarks/test_bench_pinyin.py`` measures the Cython
kernel against; it is never shipped.  It applies the same reading-checked
rule as ``zhclean.strip_pinyin(text)`` (``verify="reading"``), with the
readings from ``zhclean._pinyin_tables``:

* one compiled pattern finds a run of parenthesised groups, ASCII ``()`` or
  full-width ``（）``, content 1 to 16 characters, no nested parentheses,
  directly after a Han character.  The Han character sits in a lookbehind,
  so the pattern starts with a parenthesis and the ``regex`` engine can skip
  through text without parentheses at memchr-like speed (starting the
  pattern with the Han class instead is ~10x slower on clean text);
* a replacement callback checks the groups in order against the readings of
  that character and removes the passing prefix of the run;
* one ASCII space after a fully removed run goes when the next character is
  Han and is itself annotated (社(she) 會(hui) 變遷 -> 社會變遷), or when this
  run followed such a dropped space (the end of the chain), as in the kernel;
  a lone space after one annotation stays (持續(xù) 三項 -> 持續 三項).

A group is normalised the way one would by hand: NFD, drop the combining
tone marks, ``ü``/``u:``/``v`` -> ``v``, lower case, strip one trailing tone
digit; zhuyin groups drop one tone mark (ˉˊˇˋ˙) and are looked up in
``reading_tables().zhuyin``.  Normalised groups and whole runs are memoised
(bounded LRU caches), which is what makes the callback cheap: real text
repeats the same few thousand annotations.

Everything is compiled and loaded at import.  The benchmark asserts that the
output equals the kernel's on each input before timing it.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

from zhclean.pinyin.tables import (
    HAN_RANGES,
    MARKED_LETTERS,
    MAX_GROUP,
    MAX_SYLLABLE,
    reading_tables,
)

__all__ = ["strip_pinyin"]

# The kernel's exact Han ranges (\p{Han} also has radicals and 々, which
# have no readings, so it would only cost time, never change the output).
_HAN = "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES) + "]"
_CONTENT = rf"[^()（）\n]{{1,{MAX_GROUP}}}"
_GROUP = rf"(?:\({_CONTENT}\)|（{_CONTENT}）)"
_RUN = regex.compile(
    rf"(?<=({_HAN}))"  # 1: the annotated character
    rf"((?:{_GROUP})+)"  # 2: the run of candidate groups
    # 3: a space before another Han character; 4: that character;
    # 5 / 6: the content of its first group, if it has one.
    rf"( (?=({_HAN})(?:\(({_CONTENT})\)|（({_CONTENT})）)?))?"
)
_GROUPS = regex.compile(rf"\(({_CONTENT})\)|（({_CONTENT})）")
# Tone marks (the breve stands in for the caron on many pages) and the
# circumflex of ê, all dropped after NFD.
_MARKS = regex.compile("[\u0300\u0301\u0304\u0306\u030c\u0302]")
_COMBINING = frozenset(map(chr, range(0x0300, 0x0370)))
# What pinyin may be written with: ASCII letters, "u:", combining marks, a
# tone digit, and the precomposed letters the kernel knows (ǘ, ê, ḿ, ɑ ...;
# not ô or ñ).
_PINYIN_CHARS = regex.compile(
    "[A-Za-z:0-5\u0300-\u036f" + "".join(map(chr, sorted(MARKED_LETTERS))) + "]+"
)
_PINYIN = regex.compile(rf"[a-z]{{1,{MAX_SYLLABLE}}}")
_ZHUYIN_TONES = "ˉˊˇˋ˙"
_ZHUYIN = regex.compile(r"[\u3105-\u312f\u31a0-\u31bf]{1,4}")
_LOOKALIKES = str.maketrans({"ɑ": "a", "ɡ": "g"})

_TABLES = reading_tables()
_READINGS: dict[str, frozenset[str]] = {
    chr(cp): frozenset(syllables) for cp, syllables in _TABLES.readings.items()
}
_NO_READINGS: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1 << 14)
def _syllables(content: str) -> tuple[str, ...]:
    """The toneless syllables a group's content spells; () if none."""
    if content[0] in _ZHUYIN_TONES or _ZHUYIN.match(content[0]):
        if content[0] in _ZHUYIN_TONES:
            content = content[1:]
        elif content[-1] in _ZHUYIN_TONES:
            content = content[:-1]
        if not _ZHUYIN.fullmatch(content):
            return ()
        return _TABLES.zhuyin.get(content, ())
    if not _PINYIN_CHARS.fullmatch(content):
        return ()
    if content[-1] in "012345":  # a tone digit, only at the end
        content = content[:-1]
    key = unicodedata.normalize("NFD", content.translate(_LOOKALIKES)).lower()
    if key[:1] in _COMBINING:  # a mark needs a letter to sit on
        return ()
    key = _MARKS.sub("", key).replace("u\u0308", "v").replace("u:", "v")
    if not _PINYIN.fullmatch(key):
        return ()
    if len(key) > 1 and key[1] == "v" and key[0] in "jqxy":
        key = key[0] + "u" + key[2:]  # jü, qü, xü, yü are spelled ju, qu, xu, yu
    return (key,)


def _annotates(han: str, content: str) -> bool:
    readings = _READINGS.get(han, _NO_READINGS)
    return any(syllable in readings for syllable in _syllables(content))


@functools.lru_cache(maxsize=1 << 16)
def _kept(han: str, run: str) -> str | None:
    """What stays of a run of groups after ``han``: None when nothing goes."""
    for group in _GROUPS.finditer(run):
        if not _annotates(han, group[1] or group[2]):
            return run[group.start():] if group.start() else None
    return ""


def strip_pinyin(text: str) -> str:
    """``zhclean.strip_pinyin(text)`` with ``regex`` (reading check only)."""
    chained = -1  # where the Han character after the last dropped space is

    def replace(match: regex.Match) -> str:
        nonlocal chained
        kept = _kept(match[1], match[2])
        if kept is None:
            return match[0]
        if match[3] is None:
            return kept
        following = match[5] or match[6]  # the next character's first group
        if kept == "" and (
            match.start() - 1 == chained
            or following is not None and _annotates(match[4], following)
        ):
            chained = match.end()
            return ""
        return kept + " "

    return _RUN.sub(replace, text)
