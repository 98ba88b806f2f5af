"""The unit scan in pure Python: the twin of ``_loops_c.pyx``.

Three regular expressions, built from the code table's classes (once per
table, under a lock, published whole):

- ``sentence`` passes over the sentences that hold no minority character in
  C and stops at each one that does; for one without majority characters it
  tells, with lookaheads, whether it holds a candidate (a strong character,
  or two minority characters close enough to be a run) and whether its
  minority characters are in one clause (that clause is converted) or more
  (the sentence);
- the sentences of both scripts are then read together, joined by line
  breaks, by ``clause``, which stops at each clause to convert whole (rule 2)
  and each clause with a run beside majority characters (rule 3);
- ``window`` lists the runs and lone characters of such a clause, each with
  the window ``unify`` converts.

With ``kana``, the sentences that hold kana are passed over too.
``spliced`` is the twin's splice: the converted pieces split apart, and
every replacement joined in.
"""
from __future__ import annotations

import bisect
import re
import threading
from itertools import accumulate
from typing import NamedTuple

from ..chars import regex_class
from ._codes import CHANGING, CLAUSE_END, KANA, MAJORITY, MINORITY, OWN, REACH, SENTENCE_END, STRONG, TABLE_SIZE, chars_with

__all__ = ["spliced", "units"]

Span = tuple[int, int]
Window = tuple[int, int, int, int]


class _Patterns(NamedTuple):
    sentence: re.Pattern[str]  # from a sentence start: the next sentence of the minority, read
    clause: re.Pattern[str]  # within a sentence of both scripts: the next clause to convert
    window: re.Pattern[str]  # within a clause of rule 3: the next run or lone character, in its window


_PATTERNS: dict[tuple[bytes, bool, int, int, int], _Patterns] = {}
_LOCK = threading.Lock()


def _inside(table: bytes, bit: int, exclude: int = 0) -> str:
    """The inside of the ``re`` class of the characters with ``bit`` (and none of ``exclude``)."""
    chars = chars_with(table, bit)
    if exclude:
        chars = "".join(ch for ch in chars if not table[ord(ch)] & exclude)
    return regex_class(chars)[1:-1]


def _build(table: bytes, kana: bool, max_gap: int, extend: int, changes: int) -> _Patterns:
    """The patterns over ``table``'s classes.  Each big class is written as
    few times as possible: ``re`` parses a class character by character, and
    these hold thousands (a first version, with the majority's class in
    every step, took 0.24 s to compile)."""
    m, big, strong = _inside(table, MINORITY), _inside(table, MAJORITY), _inside(table, STRONG)
    end, every = _inside(table, SENTENCE_END), _inside(table, CLAUSE_END)
    clause_only, kana_class = _inside(table, CLAUSE_END, exclude=SENTENCE_END), _inside(table, KANA)
    # Two consecutive minority characters of one run (at most max_gap apart,
    # nothing between that breaks a run), where no majority character can be
    # (pair) and where one can (pair_or_not); one of the two not one of the
    # page's own words (OWN: Cantonese 結晒婚生晒仔, 紅扑扑, 睇吓…流晒, where
    # Japanese new forms, 東京大学医学部 and 愛知学院大学, are no word of it).
    gap = f"{{0,{max_gap - 1}}}+"
    others = _inside(table, MINORITY, exclude=OWN)

    def two(between: str) -> str:
        if not others:
            return "(?!)"
        return f"(?:[{others}]{between}{gap}[{m}]|[{m}]{between}{gap}[{others}])"

    pair = two(f"[^{m}{every}]")
    pair_or_not = two(f"[^{m}{big}{every}]")
    quiet = f"[^{end}{m}{clause_only}]*+"  # within a clause (of a sentence with no majority character), no minority one
    if kana:  # sentences with kana are passed over too
        passed = f"(?:[^{end}{m}]*+[{end}]|[^{end}{kana_class}]*+[{kana_class}][^{end}]*+[{end}])*+"
        guard = f"(?=[^{end}{m}]*+[{m}])(?![^{end}{kana_class}]*+[{kana_class}])"
    else:
        # No guard: past the loop, only the end of the text can lack a
        # minority character, and it is read as a sentence that converts
        # nothing.
        passed = f"(?:[^{end}{m}]*+[{end}])*+"
        guard = ""
    sentence = re.compile(
        passed
        + f"(?:{guard}(?:"
        + f"(?=[^{end}{big}]*+[{big}])(?P<mixed>[^{end}]++)"  # both scripts: read clause by clause
        # rule 1, with a candidate
        + f"|(?=[^{end}{strong}]*+[{strong}]|[^{end}]*?{pair})(?:"
        # minority characters in one clause: that clause
        + f"(?:{quiet}[{clause_only}])*+(?P<clause>{quiet}[{m}](?:{quiet}[{m}])*+{quiet})[^{end}{m}]*+(?![^{end}])"
        + f"|(?P<whole>[^{end}]*+))"  # in two clauses or more: the sentence
        + f"|[^{end}]*+)"  # no candidate
        + f"|[^{end}]*+\\Z)"  # the end of the text, with kana or no minority character
    )
    changing = _inside(table, CHANGING)
    changes_ahead = f"(?=[^{every}{changing}]*+[{changing}](?:[^{every}{changing}]*+[{changing}]){{{changes - 1}}})"
    clause = re.compile(
        f"(?:[^{every}{m}]*+[{every}])*+"  # clauses without a minority character
        # with majority characters: rule 3 if it holds a run
        f"(?:(?=[^{every}{big}]*+[{big}])(?:(?P<runs>(?=[^{every}]*?{pair_or_not})[^{every}]++)|[^{every}]++)"
        # without: rule 2, a strong character and enough changes, or a run
        f"|(?P<whole>(?:(?=[^{every}{strong}]*+[{strong}]){changes_ahead}|(?=[^{every}]*?{pair}))[^{every}]*+)"
        f"|[^{every}]*+)"  # neither (or the end, with no minority character)
    )
    reach = f"[{_inside(table, REACH, exclude=MINORITY)}]"
    window = re.compile(f"{reach}{{0,{extend}}}([{m}](?:[^{m}{big}{every}]{gap}[{m}])*+){reach}{{0,{extend}}}+")
    return _Patterns(sentence, clause, window)


def _patterns(table: bytes, kana: bool, max_gap: int, extend: int, changes: int) -> _Patterns:
    key = (table, kana, max_gap, extend, changes)
    patterns = _PATTERNS.get(key)
    if patterns is None:
        with _LOCK:
            patterns = _PATTERNS.get(key)
            if patterns is None:
                patterns = _build(table, kana, max_gap, extend, changes)
                _PATTERNS[key] = patterns
    return patterns


def units(
    text: str, table: bytes, lo: int, hi: int, kana: bool, max_gap: int, extend: int, changes: int
) -> tuple[list[Span], list[Window]]:
    """The sentences and clauses to convert whole, and the windows of the
    runs, in ``text[lo:hi]`` (``lo`` a sentence start, ``hi`` a sentence end
    or the text's end), in text order; ``table``: the codes of one minority
    side; ``kana``: whether the text may hold kana (a sentence with kana
    converts nothing)."""
    if type(text) is not str:
        raise TypeError(f"units() needs a str, not {type(text).__name__}")
    if len(table) != TABLE_SIZE:
        raise ValueError("a code table has 65,536 cells")
    lo, hi, _ = slice(lo, hi).indices(len(text))
    whole: list[Span] = []
    windows: list[Window] = []
    if lo >= hi:
        return whole, windows
    patterns = _patterns(bytes(table), kana, max_gap, extend, changes)
    mixed: list[Span] = []  # sentences of both scripts
    for sentence in patterns.sentence.finditer(text, lo, hi):
        kind = sentence.lastgroup
        if kind == "mixed":
            mixed.append(sentence.span(kind))
        elif kind is not None:
            whole.append(sentence.span(kind))
    if mixed:
        _clauses(text, mixed, patterns, whole, windows)
        whole.sort()
    return whole, windows


def _clauses(text: str, sentences: list[Span], patterns: _Patterns, whole: list[Span], windows: list[Window]) -> None:
    """Rules 2 and 3 for the ``sentences`` of both scripts: their clauses,
    read in one pass over the sentences joined by a line break (a clause
    end: no clause crosses it)."""
    joined = "\n".join([text[lo:hi] for lo, hi in sentences])
    ends = list(accumulate([hi - lo + 1 for lo, hi in sentences]))  # in joined, after each one's line break
    in_clause = patterns.window.finditer
    add_whole = whole.append
    k, shift, upto = -1, 0, 0  # the sentence, joined -> text, where it ends in joined
    for clause in patterns.clause.finditer(joined):
        kind = clause.lastgroup
        if kind is None:
            continue
        a, b = clause.span(kind)
        if a >= upto:  # a later sentence
            k = bisect.bisect_right(ends, a, k + 1)
            upto = ends[k]
            shift = sentences[k][1] + 1 - upto
        if kind == "whole":
            add_whole((a + shift, b + shift))
        else:
            windows.extend((w.start(), *w.span(1), w.end()) for w in in_clause(text, a + shift, b + shift))


def spliced(text: str, spans: list[Span], converted: str, edits: list[tuple[int, int, str]]) -> str:
    """``text`` with each of ``spans`` replaced by the piece of ``converted``
    of its rank (the pieces joined by line breaks, none of which holds one)
    and ``edits`` made, ``(start, end, replacement)``; spans and edits
    sorted and disjoint, together.  ``text`` itself when there are none."""
    pieces = converted.split("\n") if spans else [] if not converted else [converted]
    if len(pieces) != len(spans):
        raise ValueError("the converted pieces do not match the spans")
    if not pieces and not edits:
        return text
    parts = []
    at = i = j = 0
    while i < len(spans) or j < len(edits):  # merged as they come, as the kernel does: not sorted here
        if j >= len(edits) or (i < len(spans) and tuple(spans[i]) <= tuple(edits[j][:2])):
            (start, end), new = spans[i], pieces[i]
            i += 1
        else:
            start, end, new = edits[j]
            j += 1
        if start < at or end < start or end > len(text):
            raise ValueError("the spans and edits must be sorted and disjoint, within the text")
        parts.append(text[at:start])
        parts.append(new)
        at = end
    parts.append(text[at:])
    return "".join(parts)


def joined(text: str, spans: list[tuple[int, ...]]) -> str:
    """The pieces of ``text`` that ``spans`` cover (a span's first and last
    numbers), joined by line breaks."""
    for span in spans:
        if span[0] < 0 or span[-1] < span[0] or span[-1] > len(text):
            raise ValueError("a span must lie within the text")
    return "\n".join([text[span[0] : span[-1]] for span in spans])


def window_edits(
    text: str, windows: list[tuple[int, int, int, int]], converted: str
) -> tuple[list[tuple[int, int, str]], list[tuple[tuple[int, int, int, int], str]]]:
    """Each window's edit from OpenCC's conversion of it (``converted``: the
    windows' pieces joined by line breaks): its run, ``(start, end, new)``,
    or the whole window where the conversion is not one character for one;
    and the windows, with their converted piece, whose edges the conversion
    changed."""
    pieces = converted.split("\n") if windows or converted else []
    if len(pieces) != len(windows):
        raise ValueError("the converted pieces do not match the windows")
    edits, edges = [], []
    for window, new in zip(windows, pieces):
        a, start, end, b = window
        if not 0 <= a <= start <= end <= b <= len(text):
            raise ValueError("a window must be (a, start, end, b) within the text")
        if len(new) != b - a:
            edits.append((a, b, new))
            continue
        edits.append((start, end, new[start - a : end - a]))
        if new[: start - a] != text[a:start] or new[end - a :] != text[end:b]:
            edges.append((window, new))
    return edits, edges
