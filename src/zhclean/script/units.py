"""What unification converts in a mixed text: sentences, clauses and runs.

From the minority's runs and lone characters (``scan.census``).  A
*sentence* ends at ``。！？；!?;`` or a line break, a *clause* also at
``，、：「」``...; *weak* minority characters are those a page of the
majority script can hold on purpose (``tables.weak``: in Big5 or a Japanese
new form for a Traditional page, ``并 内 彦 羡 庄 晒``; in GB2312 for a
Simplified one), the others (``东 结 观 诊``) can only have been typed in
the other script.  Converted *whole* means as OpenCC converts it, characters
valid in both scripts included.

1. A sentence with no majority-only character that holds a minority run or
   a strong lone minority character is in the other script: converted
   whole (``抓好确诊病例救治、疑似病例隔离`` -> ``抓好確診病例救治、疑似病例
   隔離``; ``确`` is valid in both, ``诊`` and ``离`` tell) when two or more
   of its clauses hold minority characters; when only one does, that clause
   alone (``全面提高医疗救治水平,最大限度提高治愈率`` : a phrase in the first
   clause, and the page's own ``治愈率`` stays).
2. In a sentence that also holds majority-only characters, a clause with
   none that holds a run is converted whole (``台灣的平台，请到互助客栈询问``:
   the second clause only); one that holds only a strong lone character is
   converted whole if the conversion changes two or more of its characters
   (its minority characters and those valid in both that OpenCC's character
   table changes, ``tables.changing_re``: ``各级党委``, ``級黨``), not for
   one (``共有30个``, 世說新語's ``兵厮逋亡``, ``无所用心``).
3. In a clause that also holds majority-only characters, the runs are
   converted with the phrases around them (``unify``), and so are the lone
   minority characters of that clause (``因为作者逝世已经遠遠超过100年``: the
   ``过`` after ``遠遠``).
4. Everything else stays: a lone minority character in a clause without a
   run (``多措并舉``, ``這裡有30个人``, Cantonese ``晒``), a weak lone one even
   in a sentence of its own (世說新語's ``羡仕至豫章太守``, ``遐字彦林，
   河内人``), every sentence that holds kana (a Japanese quote: its ``国内``
   is Japanese).
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate
from typing import NamedTuple

from .scan import CLAUSE_ENDS
from .tables import ScriptTables

# Where a sentence ends: a whole-sentence conversion never crosses these.
SENTENCE_ENDS = "\n\r\u2028\u2029。！？；!?;"
# How far back the start of a sentence or clause is looked for at first,
# growing until found: sentences are tens of characters, and a text with no
# punctuation costs a few steps, never a scan from its start per run.
LOOK_BACK = 64
# With a candidate (run or strong lone character) per this many characters
# or more, every sentence and clause end of the text is listed once and
# looked up by bisection (the zhwiki text: one per 20 characters, 2 searches
# and their calls each otherwise); with fewer, each is searched for.
BOUNDS_SPACING = 256
# Rule 2: how many characters the conversion must change in a clause of a
# strong lone character (各级党委: 2; 共有30个, 兵厮逋亡: 1).
CLAUSE_CHANGES = 2

_CLAUSE_END = re.compile(f"([{re.escape(CLAUSE_ENDS)}])")
_NEXT = {ends: re.compile(f"[{re.escape(ends)}]") for ends in (SENTENCE_ENDS, CLAUSE_ENDS)}
_LAST = {ends: re.compile(f"[{re.escape(ends)}][^{re.escape(ends)}]*\\Z") for ends in (SENTENCE_ENDS, CLAUSE_ENDS)}

Span = tuple[int, int]


class Run(NamedTuple):
    start: int  # first minority character
    end: int  # after the last one
    lo: int  # the clause it is in: what its window may reach
    hi: int


class Units(NamedTuple):
    minority: str  # "S" or "T"
    whole: list[Span]  # sentences and clauses converted whole, sorted
    runs: list[Run]  # runs (and the lone characters of their clauses), converted with their phrases, sorted


class Bounds:
    """The sentence and the clause around a position (never an end itself):
    from after the previous end to before the next one."""

    def __init__(self, text: str, listed: bool) -> None:
        self.text = text
        self.ends: dict[str, list[int]] | None = None
        if listed:
            # Where the ends are, from the lengths of the pieces between them
            # (one split and sums in C, no Python step per end).
            pieces = _CLAUSE_END.split(text)
            clause_ends = list(accumulate(map(len, pieces[:-1])))[::2]
            sentence_ends = [at for at, end in zip(clause_ends, pieces[1::2]) if end in SENTENCE_ENDS]
            self.ends = {CLAUSE_ENDS: clause_ends, SENTENCE_ENDS: sentence_ends}

    def around(self, pos: int, ends: str) -> Span:
        if self.ends is not None:
            listed = self.ends[ends]
            k = bisect.bisect_left(listed, pos)
            return (listed[k - 1] + 1 if k else 0), (listed[k] if k < len(listed) else len(self.text))
        text = self.text
        found = _NEXT[ends].search(text, pos)
        hi = found.start() if found else len(text)
        last, back = _LAST[ends], LOOK_BACK
        while True:
            start = max(0, pos - back)
            found = last.search(text, start, pos)
            if found:
                return found.start() + 1, hi
            if start == 0:
                return 0, hi
            back *= 4


def minority_units(
    text: str, minority: str, runs: list[Span], lone: list[int], tables: ScriptTables, kana: bool
) -> Units | None:
    """The parts of ``text`` unification converts (see the module docstring);
    None when there are none.  ``runs`` and ``lone`` are sorted."""
    majority_re = tables.trad_re if minority == "S" else tables.simp_re
    weak = tables.weak[minority]
    # Runs, and strong lone characters as (at, at + 1), in text order: a run
    # is two characters long or more.
    candidates = sorted(runs + [(at, at + 1) for at in lone if text[at] not in weak])
    bounds = Bounds(text, len(candidates) * BOUNDS_SPACING >= len(text))
    units = Units(minority, [], [])
    i, n = 0, len(candidates)
    while i < n:
        lo, hi = bounds.around(candidates[i][0], SENTENCE_ENDS)
        j = i + 1
        while j < n and candidates[j][0] < hi:
            j += 1
        group, i = candidates[i:j], j
        if kana and tables.kana_re.search(text, lo, hi):
            continue
        if majority_re.search(text, lo, hi) is None:  # rule 1
            first, last = _first_and_last(runs, lone, lo, hi)
            if _CLAUSE_END.search(text, first, last) is not None:
                units.whole.append((lo, hi))  # two clauses or more hold minority characters
            else:
                c_lo, c_hi = bounds.around(first, CLAUSE_ENDS)
                units.whole.append((max(c_lo, lo), min(c_hi, hi)))
        else:
            _clauses(text, bounds, lo, hi, group, lone, tables, units)
    if not (units.whole or units.runs):
        return None
    units.runs.sort()
    return units


def _first_and_last(runs: list[Span], lone: list[int], lo: int, hi: int) -> Span:
    """Where the first and the last minority character of ``lo:hi`` are (it holds one)."""
    firsts, lasts = [], []
    k = bisect.bisect_left(runs, (lo,))
    if k < len(runs) and runs[k][0] < hi:
        firsts.append(runs[k][0])
        lasts.append(runs[bisect.bisect_left(runs, (hi,)) - 1][1] - 1)
    k = bisect.bisect_left(lone, lo)
    if k < len(lone) and lone[k] < hi:
        firsts.append(lone[k])
        lasts.append(lone[bisect.bisect_left(lone, hi) - 1])
    return min(firsts), max(lasts)


def _clauses(
    text: str, bounds: Bounds, lo: int, hi: int, group: list[Span], lone: list[int], tables: ScriptTables, units: Units
) -> None:
    """Rules 2 and 3 for the candidates ``group`` of the sentence ``lo:hi``."""
    minority = units.minority
    majority_re = tables.trad_re if minority == "S" else tables.simp_re
    minority_re = tables.simp_re if minority == "S" else tables.trad_re
    i, n = 0, len(group)
    while i < n:
        c_lo, c_hi = bounds.around(group[i][0], CLAUSE_ENDS)
        c_lo, c_hi = max(c_lo, lo), min(c_hi, hi)
        j = i + 1
        while j < n and group[j][0] < c_hi:
            j += 1
        runs, i = [(a, b) for a, b in group[i:j] if b - a > 1], j
        if majority_re.search(text, c_lo, c_hi) is None:  # rule 2
            if runs or CLAUSE_CHANGES <= len(minority_re.findall(text, c_lo, c_hi)) + len(
                tables.changing_re[minority].findall(text, c_lo, c_hi)
            ):
                units.whole.append((c_lo, c_hi))
        elif runs:  # rule 3
            units.runs.extend(Run(a, b, c_lo, c_hi) for a, b in runs)
            first, last = bisect.bisect_left(lone, c_lo), bisect.bisect_left(lone, c_hi)
            units.runs.extend(Run(at, at + 1, c_lo, c_hi) for at in lone[first:last])
