"""Characters a text mentions as forms, not uses: unification leaves them.

A text about the scripts names characters of the other one on purpose:
``繁体字“發”和“髮”都简化为“发”``, ``亦作“雷峯”``, ``“发”是“發”的简体字``.
Converted, such a sentence says nothing (``繁体字“发”和“发”都简化为“发”``).
A short quotation (at most MENTION_MOST characters between quotation
marks) is a mention where its sentence speaks of forms (FORM_WORDS), or
``同 通 作`` stand right before it or ``字`` right after it: no unification
edit reaches into it.  Elsewhere a quoted word is used, and unified like the
rest (zhwiki's ``“阴平”``, ``疑问句加“吗”`` in a Traditional page).
"""
from __future__ import annotations

import bisect
import re

from .._lazy import Lazy, LazyPattern
from ..chars import CharTable, pairs_at
from .units import SENTENCE_ENDS, Span, sentence_start

__all__ = ["MENTION_MOST", "mentions", "outside"]

# The longest quotation taken for a mention: a character, a word, a name
# (亦作“雷峯”, 繁体“髮”); a longer one is a phrase the text uses.
MENTION_MOST = 4
# Words that say a sentence is about the forms of characters.
FORM_WORDS = (
    "简体 簡體 繁体 繁體 简化 簡化 繁化 异体 異體 亦作 又作 也作 或作 写作 寫作 古同 俗字 俗作 "
    "本字 正字 字形 通假 简写 簡寫 正体 正體 旧字 舊字 新字 讹作 訛作 误作 誤作 写法 寫法"
).split()
_QUOTES = (("“", "”"), ("「", "」"), ("『", "』"), ("‘", "’"), ('"', '"'))
_QUOTED = LazyPattern(
    "|".join(f"{re.escape(a)}([^{re.escape(a + b)}\n]{{1,{MENTION_MOST}}}){re.escape(b)}" for a, b in _QUOTES)
)
_SENTENCE_END = LazyPattern(f"[{re.escape(SENTENCE_ENDS)}]")
# Below one span in this many characters, only the spans' sentences are read
# for mentions; above, the whole text in one pass (the zhwiki text has one in
# 130, Wikisource's 世說新語 one in thousands).
SPARSE_SPANS = 512
_BEFORE = "同通作"
_AFTER = "字"
_OPENING = "".join(a for a, _ in _QUOTES)
_CLOSING = "".join(b for _, b in _QUOTES)
# What makes a mention, every one two characters long: a word of forms, a
# mark before a quotation (同“) or after one (”字).  Found where a character
# of the words' first ones stands before one of their second ones (a scan in
# C, ``chars.pairs_at``: 2,006 such places in the zhwiki text, 2 MB, 696 of
# them words), then told by the set: ``re``'s alternation of the words took
# 6-9 ms there, and a class or a lookahead in it 100.
TRIGGERS = frozenset(
    FORM_WORDS + [b + q for b in _BEFORE for q in _OPENING] + [q + _AFTER for q in _CLOSING]
)
_FIRSTS = Lazy(lambda: CharTable(w[0] for w in TRIGGERS))
_SECONDS = Lazy(lambda: CharTable(w[1] for w in TRIGGERS))


def mentions(text: str, whole: list[Span], windows: list[tuple[int, int, int, int]]) -> list[Span]:
    """The insides of ``text``'s mentions (see the module docstring) in the
    sentences of ``whole`` and ``windows`` (the units unification converts,
    each list sorted: a mention elsewhere changes nothing), sorted.

    Read from what makes one, which is rare, not from the quotations, which
    are not: one pass in C finds the words of forms and the marks beside a
    quotation (``同“``, ``”字``), then each one's sentence is read for its
    quotations (the zhwiki text, 2 MB, holds 4,677 quotations and 660 words
    of forms; the quotations read one by one took 31 ms, against OpenCC's
    45 for the whole text).  Where the units are few, only their sentences
    are read (Wikisource's 世說新語, a Traditional text with a few runs,
    2 MB: 6 ms the whole text, a Cleaner's call 13.4 ms before)."""
    if not (whole or windows):
        return []
    if (len(whole) + len(windows)) * SPARSE_SPANS > len(text):
        return _mentions_in(text, [(0, len(text))])
    spans = sorted(whole + [(a, b) for a, _, _, b in windows])  # (only here: 1.4 ms of the zhwiki text's call)
    sentences: list[Span] = []
    for a, b in spans:
        if sentences and a < sentences[-1][1]:
            continue  # in the sentence read already
        following = _SENTENCE_END.search(text, max(a, b - 1))
        end = following.end() if following else len(text)
        start = sentence_start(text, a)
        if sentences and start <= sentences[-1][1]:
            sentences[-1] = (sentences[-1][0], end)
        else:
            sentences.append((start, end))
    return _mentions_in(text, sentences)


def _mentions_in(text: str, parts: list[Span]) -> list[Span]:
    found = set()
    done = 0  # where the last sentence read for a word of forms ends
    for low, high in parts:
        for at in pairs_at(text, _FIRSTS.get(), _SECONDS.get(), low, high):
            word = text[at : at + 2]
            if word not in TRIGGERS:
                continue
            if word[-1] in _OPENING:  # 同“…”: the quotation after it
                m = _QUOTED.match(text, at + 1)
                if m is not None:
                    found.add(m.span(m.lastindex or 0))
            elif word[0] in _CLOSING:  # …”字: the quotation before it
                for m in _QUOTED.finditer(text, max(0, at - MENTION_MOST - 1), at + 1):
                    if m.end() == at + 1:
                        found.add(m.span(m.lastindex or 0))
            elif at >= done:  # a word of forms: every short quotation of its sentence
                following = _SENTENCE_END.search(text, at + 2)
                done = following.start() if following else len(text)
                for m in _QUOTED.finditer(text, sentence_start(text, at), done):
                    found.add(m.span(m.lastindex or 0))
    return sorted(found)


def outside(spans: list[Span], holes: list[Span]) -> list[Span]:
    """``spans`` (sorted, disjoint) less ``holes`` (sorted, disjoint): the
    pieces left, none empty.  Read from the holes, which are few: the zhwiki
    text, 2 MB, has 12,496 spans converted whole and 850 mentions."""
    if not holes:
        return spans
    starts = [a for a, _ in spans]
    cut: dict[int, list[Span]] = {}  # span index -> the holes that meet it
    for x, y in holes:
        k = max(0, bisect.bisect_right(starts, x) - 1)
        while k < len(spans) and spans[k][0] < y:
            if spans[k][1] > x:
                cut.setdefault(k, []).append((x, y))
            k += 1
    pieces: list[Span] = []
    done = 0
    for k in sorted(cut):
        pieces += spans[done:k]
        at, b = spans[k]
        for x, y in cut[k]:
            if x > at:
                pieces.append((at, x))
            at = max(at, y)
        if at < b:
            pieces.append((at, b))
        done = k + 1
    pieces += spans[done:]
    return pieces
