"""What a bracket group or a bare syllable spells, for the pure-Python loops.

Part of the twin of ``_loops_c.pyx`` (``_loops_py.py`` scans the text and
decides what to remove; this module reads one group's content or one bare
syllable and says whether it annotates the characters it follows).  The
compiled loops do the same in ``_groups_c.pxi``.
"""
from __future__ import annotations

import functools
from collections.abc import Callable

from .tables import (
    CIRCUMFLEX,
    COLONS,
    DIAERESIS,
    SYMBOL_AFTER,
    LABELS,
    MARKED_LETTERS,
    MAX_SYLLABLE,
    MAX_WORD,
    QUOTES,
    ROUND_PARENS,
    SEPARATORS,
    TONE_MARKS,
    TRIGGER_HIGH,
    UPPER_MARKED,
    ZHUYIN_LOOKALIKES,
    ZHUYIN_TONES,
    ReadingTables,
    is_han,
    is_zhuyin_letter,
    reading_tables,
)

__all__ = ["Letter", "bare_syllable", "group_annotates", "pinyin_letters", "plain_reads"]

# One letter of written pinyin: [letter a-z or v, has a tone, written upper
# case, a tone digit follows it, a separator (or the start) comes before it,
# its tone is written in the trigger range (see tables.TRIGGER_LOW)].
Letter = list


def pinyin_letters(text: str, start: int, stop: int, bare: bool) -> list[Letter] | None:
    """The letters of ``text[start:stop]`` read as pinyin, or None.

    A bare syllable (``bare``) is lower case letters and tone marks only;
    group content may also have tone digits (after a syllable), ``u:`` for
    ``ü`` and separators between syllables (space, ``'``, ``’``).
    """
    letters: list[Letter] = []
    at_start = True
    for k in range(start, stop):
        cp = ord(text[k])
        if cp < 0x80:
            if 0x61 <= cp <= 0x7A or 0x41 <= cp <= 0x5A:
                upper = cp <= 0x5A
                if bare and upper:
                    return None
                letters.append([chr(cp | 0x20), False, upper, False, at_start, False])
                at_start = False
            elif cp == 0x3A:  # "u:" spells ü
                if bare or at_start or not (letters and letters[-1][0] == "u" and text[k - 1] in "uU"):
                    return None
                letters[-1][0] = "v"
            elif 0x30 <= cp <= 0x35:  # a tone digit ends a syllable
                if bare or at_start or not letters or letters[-1][3]:
                    return None
                letters[-1][3] = True
            elif cp in SEPARATORS:
                if bare or at_start:
                    return None
                at_start = True
            else:
                return None
        elif 0x0300 <= cp <= 0x036F:
            if at_start or not letters or letters[-1][3]:
                return None
            if cp in TONE_MARKS:
                letters[-1][1] = letters[-1][5] = True
            elif cp == DIAERESIS:
                if letters[-1][0] != "u":
                    return None
                letters[-1][0] = "v"
            elif cp != CIRCUMFLEX:
                return None
        elif cp in SEPARATORS:
            if bare or at_start:
                return None
            at_start = True
        else:
            marked = MARKED_LETTERS.get(cp)
            if marked is None:
                return None
            upper = cp in UPPER_MARKED
            if bare and upper:
                return None
            letters.append([marked[0], marked[1], upper, False, at_start, marked[1] and cp < TRIGGER_HIGH])
            at_start = False
    if not letters or at_start:
        return None
    return letters


def _syllable(letters: list[Letter], x: int, y: int) -> tuple[str, bool] | None:
    """``letters[x:y]`` as one syllable: (toneless key, has a tone), or None."""
    if y - x > MAX_SYLLABLE:
        return None
    for j in range(x + 1, y):
        if letters[j][4] or letters[j - 1][3]:  # a separator or a digit inside
            return None
    if not letters[x][4] and letters[x][0] in "aoe":
        return None  # run together, a syllable starting with a, o or e needs a separator (xī'ān)
    key = [letter[0] for letter in letters[x:y]]
    if len(key) > 1 and key[1] == "v" and key[0] in "jqxy":
        key[1] = "u"  # jü, qü, xü, yü are spelled ju, qu, xu, yu
    tonal = letters[y - 1][3] or any(letter[1] for letter in letters[x:y])
    return "".join(key), tonal


def _passes(tables: ReadingTables, han: int, key: str, tonal: bool, by_reading: bool) -> bool:
    if key in tables.readings.get(han, ()):
        return True
    # Syllable mode accepts any syllable, except a bare toneless letter:
    # 方案(a) and 维生素(e) are list markers and vitamins, not readings.
    return not by_reading and key in tables.syllables and (tonal or len(key) > 1)


@functools.lru_cache(maxsize=1 << 14)
def plain_reads(content: str, han: int, by_reading: bool) -> bool:
    """The common case the short way: ``content`` (of a plain group) is one
    syllable that reads ``han``.  False means "not this way": read the group
    in full.  Memoised: real text repeats the same few thousand groups."""
    if SYMBOL_AFTER.get(chr(han)) == content:
        return False  # 钠(Na): read in full (group_annotates), which leaves the symbol
    letters = pinyin_letters(content, 0, len(content), bare=False)
    if letters is None:
        return False
    parsed = _syllable(letters, 0, len(letters))
    if parsed is None:
        return False
    if letters[0][2] and not parsed[1]:
        by_reading = True  # a capital, no tone: a reading or nothing (see group_annotates)
    return _passes(reading_tables(), han, parsed[0], parsed[1], by_reading)


def _split_reads(tables: ReadingTables, letters: list[Letter], chars: list[int], by_reading: bool) -> bool:
    """Whether ``letters`` split into ``len(chars)`` syllables, each annotating its character."""
    reach = {0}
    for i, han in enumerate(chars):
        following = set()
        for x in reach:
            if x == len(letters):
                continue  # nothing left for this character
            # The last syllable must end with the letters: try only that end.
            low = len(letters) if i == len(chars) - 1 else x + 1
            for y in range(low, min(len(letters), x + MAX_SYLLABLE) + 1):
                parsed = _syllable(letters, x, y)
                if parsed is not None and _passes(tables, han, parsed[0], parsed[1], by_reading):
                    following.add(y)
        reach = following
        if not reach:
            return False
    return len(letters) in reach


def _zhuyin_pieces(tables: ReadingTables, text: str, start: int, stop: int) -> list[tuple[str, ...]] | None:
    """The syllables each space-separated zhuyin syllable spells, or None."""
    pieces = []
    genuine = False
    for piece in text[start:stop].split(" "):
        if piece and piece[0] in _ZHUYIN_TONE_CHARS:
            piece = piece[1:]
        elif piece and piece[-1] in _ZHUYIN_TONE_CHARS:
            piece = piece[:-1]
        if not 1 <= len(piece) <= 4:
            return None
        spelled = []
        for ch in piece:
            cp = ord(ch)
            if is_zhuyin_letter(cp):
                genuine = True
            elif cp in ZHUYIN_LOOKALIKES:
                cp = ZHUYIN_LOOKALIKES[cp]
            else:
                return None
            spelled.append(chr(cp))
        syllables = tables.zhuyin.get("".join(spelled), ())
        if not syllables:
            return None
        pieces.append(syllables)
    return pieces if genuine else None


_ZHUYIN_TONE_CHARS = "".join(map(chr, ZHUYIN_TONES))


_LABEL_STARTS = frozenset(label[0] for label in LABELS) | frozenset(label[0].upper() for label in LABELS)


def _label_end(text: str, start: int, stop: int) -> int:
    """Where the body starts after a label and its colon at ``start``; -1 if none."""
    if text[start] not in _LABEL_STARTS:
        return -1
    for label in LABELS:
        end = start + len(label)
        if end < stop and all(
            ch == want or "A" <= ch <= "Z" and chr(ord(ch) + 0x20) == want for ch, want in zip(text[start:end], label)
        ) and ord(text[end]) in COLONS:
            return end + 1
    return -1


def group_annotates(
    tables: ReadingTables,
    text: str,
    start: int,
    stop: int,
    opener: int,
    spaced: bool,
    owner: int,
    word: Callable[[], list[int]],
    by_reading: bool,
) -> bool:
    """Whether the group content ``text[start:stop]`` annotates the word before it.

    ``owner`` is the character the group follows (a Han character or a
    closing quote); ``word()`` gives the characters the group may annotate,
    nearest first (the owner unless a quote, then what the output holds
    before it).  A group of n
    syllables annotates the n characters ending there.  The plain form --
    round brackets right after the character, nothing but the syllables
    inside -- is evidence enough; a loose one (a space before the bracket,
    spaces inside it, square or lenticular brackets) needs a tone, zhuyin,
    a label or two syllables or more; two syllables or more never start with
    a capital (北京(Beijing) is a name) unless labelled.
    """
    content = start
    while start < stop and text[start] == " ":
        start += 1
    padded = start > content
    body = _label_end(text, start, stop)
    labelled = body >= 0
    if labelled:
        start = body
        while start < stop and text[start] == " ":
            start += 1
    end = stop
    while end > start and text[end - 1] == " ":
        end -= 1
    padded = padded or end < stop
    if start >= end:
        return False
    loose = spaced or padded or opener not in ROUND_PARENS
    first = ord(text[start])
    if is_zhuyin_letter(first) or first in ZHUYIN_TONES or first in ZHUYIN_LOOKALIKES:
        pieces = _zhuyin_pieces(tables, text, start, end)
        if pieces is None or len(pieces) > MAX_WORD:
            return False
        chars = _han_prefix(word(), len(pieces))
        if chars is None:
            return False
        if not by_reading:
            return True
        return all(
            any(s in tables.readings.get(han, ()) for s in spelled) for han, spelled in zip(chars, pieces)
        )
    letters = pinyin_letters(text, start, end, bare=False)
    if letters is None:
        return False
    tonal = any(letter[1] or letter[3] for letter in letters)
    if not labelled and not tonal and owner not in QUOTES and SYMBOL_AFTER.get(chr(owner)) == text[start:end]:
        return False  # 钠(Na): the element's symbol
    if not labelled and not tonal and letters[0][2]:
        # A capital and no tone: a reading or nothing, in syllable mode too
        # (钙(Ca), 铜(Cu), 硅(Si) are elements' symbols, any syllable though).
        by_reading = True
    for n in range(1, MAX_WORD + 1):
        if n == 1 and loose and not labelled and not tonal:
            continue
        if n > 1 and not labelled and letters[0][2]:
            break
        if n == 1 and owner not in QUOTES:
            chars = [owner]  # the common case: no need to look back
        else:
            chars = _han_prefix(word(), n)
            if chars is None:
                break
        if _split_reads(tables, letters, chars, by_reading):
            return True
    return False


def _han_prefix(word: list[int], n: int) -> list[int] | None:
    """The ``n`` characters of ``word`` (nearest first) left to right, if all Han."""
    if len(word) < n or not all(is_han(cp) for cp in word[:n]):
        return None
    return word[n - 1 :: -1]


def bare_syllable(
    tables: ReadingTables, text: str, start: int, stop: int, han: int, by_reading: bool
) -> tuple[bool, bool] | None:
    """``text[start:stop]`` as a bare syllable after ``han``: (is a reading, tone
    mark in the trigger range), or None when it annotates nothing."""
    letters = pinyin_letters(text, start, stop, bare=True)
    if letters is None:
        return None
    parsed = _syllable(letters, 0, len(letters))
    if parsed is None:
        return None
    key, tonal = parsed
    if not _passes(tables, han, key, tonal, by_reading):
        return None
    return key in tables.readings.get(han, ()), any(letter[5] for letter in letters)
