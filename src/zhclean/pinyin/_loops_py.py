"""The pinyin loops in pure Python: the twin of ``_loops_c.pyx``.

Same function, same output for every ``str``; the test suite runs the whole
public API over both and a property test checks they agree.  Read this file
to learn the rules: the compiled loops are the same algorithm over the
string's own storage.  Arguments were checked by the facade.
"""
from __future__ import annotations

import re

from .tables import (
    CIRCUMFLEX,
    DIAERESIS,
    HAN_RANGES,
    MARKED_LETTERS,
    MAX_GROUP,
    MAX_SYLLABLE,
    OPEN_PARENS,
    TONE_MARKS,
    ZHUYIN_TONES,
    is_han,
    is_zhuyin_letter,
    reading_tables,
)

__all__ = ["strip"]

_HAN_CLASS = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)
# A Han character directly followed by an opening parenthesis: the only
# place an annotation run can start.
_RUN_START = re.compile(f"[{_HAN_CLASS}][(\uff08]")

def _pinyin_syllable(text: str, start: int, stop: int) -> tuple[str, bool] | None:
    """Parse ``text[start:stop]`` as one pinyin syllable.

    Returns (toneless key, whether a tone was written) or None.  The key is
    lower-case ASCII with ``v`` for ``ü`` (``lü``, ``lv``, ``lu:``, ``LÜ``
    all give ``lv``).
    """
    letters: list[str] = []
    tonal = False
    for k in range(start, stop):
        cp = ord(text[k])
        if cp < 0x80:
            if 0x61 <= cp <= 0x7A or 0x41 <= cp <= 0x5A:
                letters.append(chr(cp | 0x20))
            elif cp == 0x3A:  # "u:" spells ü
                if not (letters and letters[-1] == "u" and text[k - 1] in "uU"):
                    return None
                letters[-1] = "v"
            elif 0x30 <= cp <= 0x35:  # tone digit, only as the last character
                if k != stop - 1 or not letters:
                    return None
                tonal = True
            else:
                return None
        elif 0x0300 <= cp <= 0x036F:
            if not letters:
                return None
            if cp in TONE_MARKS:
                tonal = True
            elif cp == DIAERESIS:
                if letters[-1] != "u":
                    return None
                letters[-1] = "v"
            elif cp != CIRCUMFLEX:
                return None
        else:
            marked = MARKED_LETTERS.get(cp)
            if marked is None:
                return None
            letters.append(marked[0])
            tonal = tonal or marked[1]
        if len(letters) > MAX_SYLLABLE:
            return None
    if not letters:
        return None
    if len(letters) > 1 and letters[1] == "v" and letters[0] in "jqxy":
        letters[1] = "u"  # jü, qü, xü, yü are spelled ju, qu, xu, yu
    return "".join(letters), tonal


def _zhuyin_syllables(text: str, start: int, stop: int) -> tuple[str, ...]:
    """The syllables a zhuyin group spells, or () when it is not zhuyin."""
    if stop - start < 1:
        return ()
    if ord(text[start]) in ZHUYIN_TONES:
        start += 1
    elif ord(text[stop - 1]) in ZHUYIN_TONES:
        stop -= 1
    if not 1 <= stop - start <= 4:
        return ()
    for k in range(start, stop):
        if not is_zhuyin_letter(ord(text[k])):
            return ()
    return reading_tables().zhuyin.get(text[start:stop], ())


def _group_end(text: str, pos: int, han: int, by_reading: bool) -> int:
    """If an annotation group of ``han`` opens at ``pos``, where it ends; else -1."""
    close = chr(OPEN_PARENS[ord(text[pos])])
    stop = text.find(close, pos + 1, pos + 2 + MAX_GROUP)
    if stop < 0:
        return -1
    tables = reading_tables()
    readings = tables.readings.get(han, ())
    first = ord(text[pos + 1]) if stop > pos + 1 else 0
    if is_zhuyin_letter(first) or first in ZHUYIN_TONES:
        spelled = _zhuyin_syllables(text, pos + 1, stop)
        if not spelled:
            return -1
        if by_reading and not any(s in readings for s in spelled):
            return -1
        return stop + 1
    parsed = _pinyin_syllable(text, pos + 1, stop)
    if parsed is None:
        return -1
    key, tonal = parsed
    if key in readings:
        return stop + 1
    # Syllable mode accepts any syllable, except a bare toneless letter:
    # 方案(a) and 维生素(e) are list markers and vitamins, not readings.
    if not by_reading and key in tables.syllables and (tonal or len(key) > 1):
        return stop + 1
    return -1


def _run_end(text: str, start: int, by_reading: bool) -> int:
    """Where the run of annotation groups opening at ``start`` ends.

    ``start`` is just after a character; returns ``start`` itself when no
    group there is an annotation of it.  The run stops at the first group
    that is not: 以縣(xian)(xian)(市、區) keeps (市、區).
    """
    end = start
    if start < 1 or start >= len(text):
        return end
    han = ord(text[start - 1])
    if not is_han(han):
        return end
    while end < len(text) and ord(text[end]) in OPEN_PARENS:
        group_end = _group_end(text, end, han, by_reading)
        if group_end < 0:
            break
        end = group_end
    return end


def strip(text: str, by_reading: bool) -> str:
    """``text`` without its annotation runs; ``text`` itself if it has none."""
    n = len(text)
    pieces: list[str] = []
    kept_from = 0
    search_from = 0
    chained_han = -1  # where the Han character after the last dropped space is
    while True:
        match = _RUN_START.search(text, search_from)
        if match is None:
            break
        start = match.end() - 1
        end = _run_end(text, start, by_reading)
        if end == start:
            search_from = start
            continue
        # Some flatteners put a space after every annotated character:
        # 社(she) 會(hui) 變遷 -> 社會變遷.  Such a space goes when the next
        # character is annotated too, or ends a chain of them; a lone space
        # after one annotation is the text's own: 持續(xù) 三項 -> 持續 三項.
        if (
            end + 1 < n
            and text[end] == " "
            and is_han(ord(text[end + 1]))
            and (start - 1 == chained_han or _run_end(text, end + 2, by_reading) > end + 2)
        ):
            end += 1
            chained_han = end
        pieces.append(text[kept_from:start])
        kept_from = search_from = end
    if not pieces:
        return text
    pieces.append(text[kept_from:])
    return "".join(pieces)
