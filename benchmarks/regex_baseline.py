"""The pinyin rules as a careful user would write them with the ``regex`` module.

This is the baseline ``benchmarks/test_bench_pinyin.py`` measures the Cython
kernel against; it is never shipped.  It applies the reading-checked rules of
``zhclean.strip_pinyin(text)`` (``verify="reading"``), issue 10's forms
included, with the readings from ``zhclean.pinyin.tables``:

* one compiled pattern finds a run of bracket groups -- ``()`` ``（）`` ``[]``
  ``【】``, content 1 to MAX_GROUP characters, each group after at most one
  space -- after a Han character or a closing quote.  The owner (and the
  space) sits in a lookbehind, so the pattern starts with a bracket and the
  ``regex`` engine skips through text without one at memchr-like speed; the
  characters before it, for word-level groups, are read only when a group
  does not read the owner alone;
* a second pattern finds the letters that may carry a tone mark (bare ruby,
  弟dì子zǐ, is found from its tone marks, as the kernel does); a callback
  reads the Latin word around one and walks its chain of bare syllables;
* callbacks check groups against the readings of the characters before them
  (labels, padding, zhuyin with look-alikes of ㄧ, word-level groups split
  against their characters, names and loose forms as the kernel does) and
  remove the passing prefix of each run; one ASCII space after a removed run
  goes when the next Han character is itself annotated, or when this run
  followed such a dropped space (社(she) 會(hui) 變遷 -> 社會變遷).

A group is normalised the way one would by hand: NFD, ɑ/ɡ to a/g, ``ü``,
``u:`` and ``v`` to ``v``, lower case, tone marks and digits noted and
dropped.  Normalised groups, syllable splits and whole runs are memoised
(bounded LRU caches), which is what makes the callbacks cheap: real text
repeats the same few thousand annotations.

Not covered (the kernel's rarer corners, absent from the benchmark inputs):
groups read against characters whose own annotations were removed
(中(zhōng)心(zhōng xīn)), and bare syllables right after a removed group.
Everything is compiled and loaded at import.  The benchmark asserts that the
output equals the kernel's on each input before timing it.
"""
from __future__ import annotations

import functools
import unicodedata

import regex

from zhclean.pinyin.tables import (
    HAN_RANGES,
    LABELS,
    MARKED_LETTERS,
    MAX_GROUP,
    MAX_SYLLABLE,
    MAX_TOKEN,
    MAX_WORD,
    reading_tables,
)

__all__ = ["strip_pinyin"]

# The kernel's exact Han ranges (\p{Han} also has radicals and 々, which
# have no readings, so it would only cost time, never change the output).
_HAN = "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES) + "]"
_QUOTES = "”」』\""
_CONTENT = rf"[^()（）\[\]【】\n]{{1,{MAX_GROUP}}}"
_GROUP = rf"(?:\({_CONTENT}\)|（{_CONTENT}）|\[{_CONTENT}\]|【{_CONTENT}】)"
_RUN = regex.compile(rf"(?:(?<={_HAN}|[{_QUOTES}])|(?<=(?:{_HAN}|[{_QUOTES}]) )){_GROUP}(?: ?{_GROUP})*")
_GROUPS = regex.compile(rf"( ?)({_GROUP})")
_FIRST_GROUP = regex.compile(rf" ?{_GROUP}")
# Where a bare syllable may carry its tone: Latin-1 to IPA letters and the marks.
_TONE = regex.compile(r"[\u00c0-\u036f]")
_WORD_CHAR = regex.compile(r"[0-9A-Za-z_'’\-\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u036f\u1e00-\u1eff]")
_MARKS = frozenset("\u0300\u0301\u0304\u0306\u030c")
_LETTERS = "A-Za-z" + "".join(map(chr, sorted(MARKED_LETTERS)))
_PINYIN = regex.compile(rf"[{_LETTERS}\u0300-\u036f:0-5 '’]+")
_ZHUYIN = regex.compile(r"[\u3105-\u312f\u31a0-\u31bf一|丨]{1,4}")
_ZHUYIN_TONES = "ˉˊˇˋ˙"
_LOOKALIKES = str.maketrans({"一": "ㄧ", "|": "ㄧ", "丨": "ㄧ"})

_TABLES = reading_tables()
_READINGS = {chr(cp): frozenset(keys) for cp, keys in _TABLES.readings.items()}
_NONE: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1 << 14)
def _letters(body: str) -> tuple[tuple[str, bool, bool, bool, bool], ...] | None:
    """(letter, tone, upper, digit after, after a separator) for each letter of a pinyin body."""
    if not _PINYIN.fullmatch(body):
        return None
    out: list[list] = []
    start = True
    for ch in unicodedata.normalize("NFD", body):
        if ch in " '’":
            if start:
                return None
            start = True
        elif ch.isdigit():
            if start or not out or out[-1][3]:
                return None
            out[-1][3] = True
        elif ch == ":":
            if start or not out or out[-1][0] != "u":
                return None
            out[-1][0] = "v"
        elif unicodedata.combining(ch):
            if start or not out or out[-1][3]:
                return None
            if ch in _MARKS:
                out[-1][1] = True
            elif ch == "\u0308" and out[-1][0] == "u":
                out[-1][0] = "v"
            elif ch != "\u0302":
                return None
        else:
            out.append([{"ɑ": "a", "ɡ": "g"}.get(ch, ch.lower()), False, ch.isupper(), False, start])
            start = False
    return tuple(map(tuple, out)) if out and not start else None


def _key(letters) -> tuple[str, bool] | None:
    if len(letters) > MAX_SYLLABLE or any(letter[4] for letter in letters[1:]) or any(
            letter[3] for letter in letters[:-1]):
        return None
    key = "".join(letter[0] for letter in letters)
    if key[1:2] == "v" and key[0] in "jqxy":
        key = key[0] + "u" + key[2:]
    return key, any(letter[1] for letter in letters) or letters[-1][3]


@functools.lru_cache(maxsize=1 << 16)
def _split(letters, word: str) -> bool:
    """Whether the letters split into one syllable per character of word, each a reading."""
    if not word:
        return not letters
    for size in range(1, min(MAX_SYLLABLE, len(letters)) + 1):
        rest = letters[size:]
        if rest and not rest[0][4] and rest[0][0] in "aoe":
            continue
        parsed = _key(letters[:size])
        if parsed and parsed[0] in _READINGS.get(word[0], _NONE) and _split(rest, word[1:]):
            return True
    return False


@functools.lru_cache(maxsize=1 << 16)
def _annotates(word: str, content: str, opener: str, spaced: bool) -> bool:
    """Whether a group's content annotates the end of ``word`` (Han characters, nearest last)."""
    body = content.strip(" ")
    labelled = False
    for label in LABELS:
        if body[: len(label)].lower() == label and body[len(label) : len(label) + 1] in (":", "："):
            body, labelled = body[len(label) + 1 :].strip(" "), True
            break
    if not body:
        return False
    loose = spaced or opener not in "(（" or content[:1] == " " or content[-1:] == " "
    if body[0] in _ZHUYIN_TONES or _ZHUYIN.match(body[0]):
        pieces = []
        for piece in body.split(" "):
            if piece[:1] and piece[0] in _ZHUYIN_TONES:
                piece = piece[1:]
            elif piece[-1:] and piece[-1] in _ZHUYIN_TONES:
                piece = piece[:-1]
            if not _ZHUYIN.fullmatch(piece):
                return False
            pieces.append(_TABLES.zhuyin.get(piece.translate(_LOOKALIKES), ()))
        genuine = regex.search(r"[\u3105-\u312f\u31a0-\u31bf]", body)  # not only look-alikes
        if not all(pieces) or not genuine or len(pieces) > min(MAX_WORD, len(word)):
            return False
        chars = word[len(word) - len(pieces):]
        return all(any(s in _READINGS.get(c, _NONE) for s in p) for c, p in zip(chars, pieces))
    letters = _letters(body)
    if letters is None:
        return False
    toned = any(letter[1] or letter[3] for letter in letters)
    for n in range(1, min(MAX_WORD, len(word)) + 1):
        if n == 1 and loose and not labelled and not toned:
            continue
        if n > 1 and not labelled and letters[0][2]:
            return False
        if _split(letters, word[len(word) - n:]):
            return True
    return False


def _bare(text: str, start: int, han: str) -> tuple[int, bool] | None:
    """A bare syllable of ``han`` at ``start`` (after at most one space): (end, tone-marked)."""
    if text[start : start + 1] == " ":
        start += 1
    end = start
    while end < len(text) and _WORD_CHAR.match(text, end) and end - start <= MAX_TOKEN:
        end += 1
    after = text[end : end + 2]
    if end == start or end - start > MAX_TOKEN or after[:1] in ("(", "（", "[", "【") and after[:1] or (
            after[:1] == " " and after[1:] and (_WORD_CHAR.match(after, 1) or after[1] in "(（[【")):
        return None
    token = text[start:end]
    if token != token.lower() or any(c.isdigit() or c in ":'’-_" for c in token):
        return None
    letters = _letters(token)
    parsed = letters and _key(letters)
    if not parsed or parsed[0] not in _READINGS.get(han, _NONE):
        return None
    return end, any(0xC0 <= ord(c) < 0x370 and unicodedata.normalize("NFD", c)[-1] in _MARKS or c in _MARKS
                    for c in token)


def _bare_spans(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of bare chains that go, found from their tone marks."""
    found: list[tuple[int, int]] = []
    done = 0
    for mark in _TONE.finditer(text):
        pos = mark.start()
        if pos < done or not _WORD_CHAR.match(text, pos):
            continue
        start = pos
        while start > 0 and _WORD_CHAR.match(text, start - 1):
            start -= 1
        end = pos
        while end < len(text) and _WORD_CHAR.match(text, end):
            end += 1
        done = end
        owner = start - 2 if text[start - 1 : start] == " " else start - 1
        if owner < 0 or not regex.match(_HAN, text[owner]):
            continue
        first = _bare(text, owner + 1, text[owner])
        if not first or first[0] != end or not first[1]:
            continue
        members = [(owner, end)]
        while True:  # back to the first member of the chain
            h = members[0][0]
            e = h - 1 if text[h - 1 : h] == " " else h
            s = e
            while s > 0 and _WORD_CHAR.match(text, s - 1) and e - s <= MAX_TOKEN:
                s -= 1
            o = s - 2 if text[s - 1 : s] == " " else s - 1
            if s == e or o < 0 or not regex.match(_HAN, text[o]) or (_bare(text, o + 1, text[o]) or (0,))[0] != e:
                break
            members.insert(0, (o, e))
        while True:  # and on to its last
            e = members[-1][1]
            h = e + 1 if text[e : e + 1] == " " else e
            nxt = _bare(text, h + 1, text[h]) if h < len(text) and regex.match(_HAN, text[h]) else None
            if not nxt:
                break
            members.append((h, nxt[0]))
        previous = None
        for h, e in members:
            if previous is not None and h > previous:
                found.append((previous, h))  # the flattener's space between two members
            found.append((h + 1, e))
            previous = e
        done = members[-1][1]
    return found


def _word(text: str, owner: int) -> str:
    """The Han characters a group after ``owner`` may annotate (a quote's: those before it)."""
    end = owner if text[owner] in _QUOTES else owner + 1
    start = end
    while start > 0 and end - start < MAX_WORD and regex.match(_HAN, text[start - 1]):
        start -= 1
    return text[start:end]


@functools.lru_cache(maxsize=1 << 16)
def _annotates_one(owner: str, content: str, opener: str, spaced: bool) -> bool:
    """The common case, memoised on the owner alone: one syllable reading it."""
    return owner not in _QUOTES and _annotates(owner, content, opener, spaced)


@functools.lru_cache(maxsize=1 << 16)
def _owner_prefix(owner: str, run: str, space: bool) -> tuple[int, bool]:
    """How much of a run goes on one-syllable readings of ``owner`` alone, and
    whether it stopped at a group that may still read a longer word."""
    passed = 0
    for spaced, group in _GROUPS.findall(run):
        if not _annotates_one(owner, group[1:-1], group[0], bool(spaced) or (passed == 0 and space)):
            return passed, True
        passed += len(spaced) + len(group)
    return passed, False


def strip_pinyin(text: str) -> str:
    """``zhclean.strip_pinyin(text)`` with ``regex`` (reading check only)."""
    spans: list[tuple[int, int]] = []
    chained = -1  # where the Han character after the last dropped space is

    for match in _RUN.finditer(text):
        first = match.start()
        space = text[first - 1] == " "
        owner = first - 2 if space else first - 1
        word = None
        passed, doubtful = _owner_prefix(text[owner], match[0], space)
        end = first + passed
        if doubtful:  # a group the owner alone does not take: perhaps a word-level group
            word = _word(text, owner)
            for spaced, group in _GROUPS.findall(match[0], passed):
                spaced_here = bool(spaced) or (end == first and space)
                if not _annotates(word, group[1:-1], group[0], spaced_here):
                    break
                end += len(spaced) + len(group)
        if end == first:
            continue
        start = first - space
        spans.append((start, end))
        if text[end : end + 1] == " " and regex.match(_HAN, text[end + 1 : end + 2] or "a"):
            following = _FIRST_GROUP.match(text, end + 2)
            if owner == chained or following and _annotates(
                    (word or _word(text, owner))[-(MAX_WORD - 1):] + text[end + 1], following[0].strip(" ")[1:-1],
                    following[0].strip(" ")[0], following[0][0] == " "):
                spans.append((end, end + 1))
                chained = end + 1
    spans.extend(_bare_spans(text, spans))
    if not spans:
        return text
    spans.sort()
    pieces = []
    kept_from = 0
    for start, end in spans:
        pieces.append(text[kept_from:start])
        kept_from = max(kept_from, end)
    pieces.append(text[kept_from:])
    return "".join(pieces)
