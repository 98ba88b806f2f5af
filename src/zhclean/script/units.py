"""What unification converts in a mixed text: sentences, clauses and runs.

A *sentence* ends at ``。！？；!?;`` or a line break, a *clause* also at
``，、：「」``...; a *run* is two or more minority characters at most
``MAX_GAP`` apart with no majority character or clause end between
(``scan``), not all of them the page's own weak characters (``tables.own``:
Cantonese ``結晒婚生晒仔``, ``紅扑扑``); *weak* minority characters are those a page of the majority
script can hold on purpose (``tables.weak``: in Big5 or a Japanese new form
for a Traditional page, ``并 内 彦 羡 庄 晒``; in GB2312 for a Simplified
one), the others (``东 结 观 诊``) can only have been typed in the other
script.  A *candidate* is a run or a strong lone minority character.
Converted *whole* means as OpenCC converts it, characters valid in both
scripts included.

1. A sentence with no majority-only character that holds a candidate is in
   the other script: converted whole (``抓好确诊病例救治、疑似病例隔离`` ->
   ``抓好確診病例救治、疑似病例隔離``; ``确`` is valid in both, ``诊`` and
   ``离`` tell) when two or more of its clauses hold minority characters;
   when only one does, that clause alone (``全面提高医疗救治水平,最大限度提
   高治愈率`` : a phrase in the first clause, and the page's own ``治愈率``
   stays).
2. In a sentence that also holds majority-only characters, a clause with
   none that holds a run is converted whole (``台灣的平台，请到互助客栈询问``:
   the second clause only); one that holds only a strong lone character is
   converted whole if the conversion changes two or more of its characters
   (its minority characters and those valid in both that OpenCC's character
   table changes, ``tables.changing``: ``各级党委``, ``級黨``), not for
   one (``共有30个``, 世說新語's ``兵厮逋亡``, ``无所用心``).
3. In a clause that also holds majority-only characters, the runs are
   converted with the phrases around them (``unify``), and so are the lone
   minority characters of that clause (``因为作者逝世已经遠遠超过100年``: the
   ``过`` after ``遠遠``).
4. Everything else stays: a lone minority character in a clause without a
   run (``多措并舉``, ``這裡有30个人``, Cantonese ``晒``, ``睇吓``), a weak lone one even
   in a sentence of its own (世說新語's ``羡仕至豫章太守``, ``遐字彦林，
   河内人``), every sentence that holds kana (a Japanese quote: its ``国内``
   is Japanese).

The method: one scan per text (``_loops``: in C, or its twin of three
regular expressions) over a table of one byte per character, a bit per class
(``_codes``), built once per minority side: it reads each sentence that
holds a minority character, and the clauses of those that also hold majority
characters.  A text with few candidates (the census's runs and strong lone
characters) is not scanned whole: each candidate's sentence is found from it
and scanned alone.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from .._lazy import Lazy
from . import _codes, _loops
from .scan import CLAUSE_ENDS, MAX_GAP
from .tables import KANA, TABLES, ScriptTables

# Where a sentence ends: a whole-sentence conversion never crosses these.
SENTENCE_ENDS = "\n\r\u2028\u2029。！？；!?;"
# How far a window reaches past a run, each side: how far a dictionary
# phrase that starts or ends inside the run can reach out of it.  OpenCC's
# phrases are mostly two to four characters long (干净, 于是乎), so three
# characters cover nearly all of them; the characters a longer phrase would
# reach are left as the page has them, which never damages anything.
EXTEND = 3
# How far back the start of a candidate's sentence is looked for at first,
# growing until found: sentences are tens of characters, and a text with no
# punctuation costs a few steps, never a scan from its start per candidate.
LOOK_BACK = 64
# With a candidate (run or strong lone character) per this many characters
# or fewer, the whole text is scanned once (in C about 1 ns a character, 3
# where most sentences hold minority characters); with fewer candidates,
# each one's sentence is found and scanned alone (0.3-0.8 us a candidate).
# Measured on 世說新語 (713,000-776,000 characters) with zhwiki sentences
# put in, ms, scan / per candidate: one candidate per 228 characters 0.97 /
# 2.60, 385: 0.83 / 1.14, 467: 0.80 / 0.75, 563: 0.77 / 0.55, 646: 0.76 /
# 0.39.  The zhwiki text has one per 29 characters.
DENSE_SPACING = 512
# Rule 2: how many characters the conversion must change in a clause of a
# strong lone character (各级党委: 2; 共有30个, 兵厮逋亡: 1).
CLAUSE_CHANGES = 2

_LAST_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}][^{re.escape(SENTENCE_ENDS)}]*\\Z")
_NEXT_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}]")

Span = tuple[int, int]


# A run (or a lone character of its clause) to convert with the phrases
# around it, as its window: (a, start, end, b), where start:end are its
# minority characters and a:b reaches up to EXTEND characters of OpenCC's
# dictionaries (no character of either script) past them each side, within
# its clause and never into the previous window.  A plain tuple: a
# NamedTuple is built by a Python function, a step per run.
Window = tuple[int, int, int, int]


class Units(NamedTuple):
    minority: str  # "S" or "T"
    whole: list[Span]  # sentences and clauses converted whole, sorted
    windows: list[Window]  # of the runs (and the lone characters of their clauses), sorted


def _code_table(minority: str) -> bytes:
    """The unit scan's codes when ``minority`` ("S" or "T") is the minority."""
    tables = TABLES.get()
    ours, theirs = (tables.simplified, tables.traditional)
    if minority == "T":
        ours, theirs = theirs, ours
    return _codes.code_table(
        [
            (_codes.MINORITY | _codes.CHANGING, ours),
            (_codes.MAJORITY, theirs),
            (_codes.STRONG, ours - tables.weak[minority]),
            (_codes.SENTENCE_END, SENTENCE_ENDS),
            (_codes.CLAUSE_END, CLAUSE_ENDS),
            (_codes.KANA, KANA),
            (_codes.CHANGING, tables.changing[minority]),
            (_codes.REACH, tables.alphabet - ours - theirs),
            (_codes.OWN, tables.own[minority]),
        ]
    )


def _lazy(minority: str) -> Lazy[bytes]:
    def build() -> bytes:
        return _code_table(minority)

    build.__name__ = f"unit_codes_{minority}"
    return Lazy(build)


# Each built on first use only (about 10 ms).
UNIT_CODES: dict[str, Lazy[bytes]] = {side: _lazy(side) for side in ("S", "T")}


def minority_units(
    text: str, minority: str, runs: list[Span] | None, lone: list[int] | None, tables: ScriptTables, kana: bool
) -> Units | None:
    """The parts of ``text`` unification converts (see the module docstring);
    None when there are none.  ``runs`` and ``lone`` (sorted) are the
    census of the minority's characters (None: too many to list); ``kana``:
    whether the text holds any."""
    codes = UNIT_CODES[minority].get()
    scan = _loops.LOOPS.units
    if runs is None or lone is None or (len(runs) + len(lone)) * DENSE_SPACING >= len(text):
        whole, windows = scan(text, codes, 0, len(text), kana, MAX_GAP, EXTEND, CLAUSE_CHANGES)
    else:
        # Each candidate's sentence: runs, and strong lone characters, in text order.
        whole, windows = [], []
        weak = tables.weak[minority]
        starts = sorted([a for a, _ in runs] + [at for at in lone if text[at] not in weak])
        k = 0
        while k < len(starts):
            lo = sentence_start(text, starts[k])
            end = _NEXT_END.search(text, starts[k])
            hi = end.start() if end is not None else len(text)
            more, more_windows = scan(text, codes, lo, hi, kana, MAX_GAP, EXTEND, CLAUSE_CHANGES)
            whole += more
            windows += more_windows
            k = bisect.bisect_left(starts, hi, k + 1)
    if not (whole or windows):
        return None
    return Units(minority, whole, windows)


def sentence_start(text: str, pos: int) -> int:
    """Where the sentence holding ``pos`` starts."""
    back = LOOK_BACK
    while True:
        start = max(0, pos - back)
        found = _LAST_END.search(text, start, pos)
        if found:
            return found.start() + 1
        if start == 0:
            return 0
        back *= 4
