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

from .._lazy import LazyPattern
from .units import SENTENCE_ENDS, Span

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
_FORM_WORD = LazyPattern("|".join(FORM_WORDS))
_SENTENCE_END = LazyPattern(f"[{re.escape(SENTENCE_ENDS)}]")
_BEFORE = "同通作"
_AFTER = "字"


def mentions(text: str) -> list[Span]:
    """The insides of ``text``'s mentions (see the module docstring), sorted."""
    quoted = list(_QUOTED.finditer(text))
    if not quoted:
        return []
    ends = [m.start() for m in _SENTENCE_END.finditer(text)]
    found = []
    for m in quoted:
        k = m.lastindex or 0
        a, b = m.span(k)
        if (m.start() > 0 and text[m.start() - 1] in _BEFORE) or text[m.end() : m.end() + 1] == _AFTER:
            found.append((a, b))
            continue
        i = bisect.bisect_left(ends, m.start())
        low = ends[i - 1] + 1 if i else 0
        j = bisect.bisect_left(ends, m.end())
        high = ends[j] if j < len(ends) else len(text)
        if _FORM_WORD.search(text, low, high):
            found.append((a, b))
    return found


def outside(spans: list[Span], holes: list[Span]) -> list[Span]:
    """``spans`` (sorted, disjoint) less ``holes`` (sorted, disjoint): the
    pieces left, none empty."""
    if not holes:
        return spans
    pieces = []
    for a, b in spans:
        k = bisect.bisect_right(holes, (a, a))
        if k and holes[k - 1][1] > a:
            k -= 1
        at = a
        while k < len(holes) and holes[k][0] < b:
            if holes[k][0] > at:
                pieces.append((at, holes[k][0]))
            at = max(at, holes[k][1])
            k += 1
        if at < b:
            pieces.append((at, b))
    return pieces
