"""What unification converts in a mixed text: sentences, clauses and runs.

A *sentence* ends at ``。！？；!?;`` or a line break, a *clause* also at
``，、：「」``...; a *run* is two or more minority characters at most
``MAX_GAP`` apart with no majority character or clause end between
(``scan``); *weak* minority characters are those a page of the majority
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

The method: one regular expression (``_Patterns.sentence``) passes over the
sentences that hold no minority character in C and stops at each one that
does; for one without majority characters it tells, with lookaheads,
whether it holds a candidate (a strong character, ``tables.strong_re``, or
two minority characters close enough to be a run) and whether its minority
characters are in one clause (that clause is converted) or more (the
sentence).  The sentences with both are then read together, joined by line
breaks, by a second expression (``_Patterns.clause``) that stops at each
clause to convert whole (rule 2: a strong character and two characters the
conversion changes, or a run) and each clause with a run beside majority
characters (rule 3: a third, ``_Patterns.window``, lists its runs and lone
characters, each with the window ``unify`` converts).  Sentences with kana
are passed over.  A text with few candidates
(the census's runs and strong lone characters) is not passed over: each
candidate's sentence is found from it and read by the same expression.
"""
from __future__ import annotations

import bisect
import re
from itertools import accumulate
from typing import NamedTuple

from .._lazy import Lazy
from .scan import CLAUSE_ENDS, MAX_GAP
from ..chars import regex_class
from .tables import KANA_CLASS, TABLES, ScriptTables

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
# or more, the whole text is passed over once (8-30 ns a character, more the
# more sentences hold minority characters); with fewer, each candidate's
# sentence is found and read alone (1-4 µs a candidate).  Measured on
# 世說新語 with zhwiki sentences put in, ms, pass / per candidate: one per
# 710 characters 1.9 / 0.2, 478: 3.4 / 1.2, 239: 4.2 / 2.7, 120: 9.5 / 9.7.
# The zhwiki text has one per 29 characters.
DENSE_SPACING = 128
# Rule 2: how many characters the conversion must change in a clause of a
# strong lone character (各级党委: 2; 共有30个, 兵厮逋亡: 1).
CLAUSE_CHANGES = 2

_LAST_END = re.compile(f"[{re.escape(SENTENCE_ENDS)}][^{re.escape(SENTENCE_ENDS)}]*\\Z")

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


class _Patterns(NamedTuple):
    sentence: re.Pattern[str]  # from a sentence start: the next sentence of the minority, read
    clause: re.Pattern[str]  # within a sentence of both scripts: the next clause to convert
    window: re.Pattern[str]  # within a clause of rule 3: the next run or lone character, in its window


def _build(minority: str, kana: bool) -> _Patterns:
    """The patterns for ``minority`` ("S" or "T"); with ``kana``, the
    sentence pattern also passes over the sentences that hold kana.

    Each big class is written as few times as possible: ``re`` parses a
    class character by character, and these hold thousands (a first
    version, with the majority's class in every step, took 0.24 s to compile).
    """
    tables = TABLES.get()
    ours, theirs = (tables.simplified, tables.traditional)
    if minority == "T":
        ours, theirs = theirs, ours
    m, big = regex_class(ours)[1:-1], regex_class(theirs)[1:-1]  # minority, majority (insides of the classes)
    strong = tables.strong_re[minority].pattern[1:-1]
    end = re.escape(SENTENCE_ENDS)
    clause_only = re.escape("".join(c for c in CLAUSE_ENDS if c not in SENTENCE_ENDS))
    every = re.escape(CLAUSE_ENDS)
    # Two consecutive minority characters of one run (scan: at most MAX_GAP
    # apart, nothing between that breaks a run), where no majority character
    # can be (pair) and where one can (pair_or_not).
    gap = f"{{0,{MAX_GAP - 1}}}+"
    pair = f"[{m}][^{m}{every}]{gap}[{m}]"
    pair_or_not = f"[{m}][^{m}{big}{every}]{gap}[{m}]"
    quiet = f"[^{end}{m}{clause_only}]*+"  # within a clause (of a sentence with no majority character), no minority one
    if kana:  # sentences with kana are passed over too
        passed = f"(?:[^{end}{m}]*+[{end}]|[^{end}{KANA_CLASS}]*+[{KANA_CLASS}][^{end}]*+[{end}])*+"
        guard = f"(?=[^{end}{m}]*+[{m}])(?![^{end}{KANA_CLASS}]*+[{KANA_CLASS}])"
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
    # What the conversion changes alone: the minority's characters and those
    # valid in both that OpenCC's character table changes.
    changing = m + tables.changing_re[minority].pattern[1:-1]
    changes = f"(?=[^{every}{changing}]*+[{changing}](?:[^{every}{changing}]*+[{changing}]){{{CLAUSE_CHANGES - 1}}})"
    clause = re.compile(
        f"(?:[^{every}{m}]*+[{every}])*+"  # clauses without a minority character
        # with majority characters: rule 3 if it holds a run
        f"(?:(?=[^{every}{big}]*+[{big}])(?:(?P<runs>(?=[^{every}]*?{pair_or_not})[^{every}]++)|[^{every}]++)"
        # without: rule 2, a strong character and two changes, or a run
        f"|(?P<whole>(?:(?=[^{every}{strong}]*+[{strong}]){changes}|(?=[^{every}]*?{pair}))[^{every}]*+)"
        f"|[^{every}]*+)"  # neither (or the end, with no minority character)
    )
    # The characters a window reaches over: in a dictionary, of neither script
    # (a minority character that close to a run would be in it).
    reach = regex_class(tables.alphabet - ours - theirs)
    window = re.compile(f"{reach}{{0,{EXTEND}}}([{m}](?:[^{m}{big}{every}]{gap}[{m}])*+){reach}{{0,{EXTEND}}}+")
    return _Patterns(sentence, clause, window)


def _lazy(minority: str, kana: bool) -> Lazy[_Patterns]:
    def build() -> _Patterns:
        return _build(minority, kana)

    build.__name__ = f"unit_patterns_{minority}{'_kana' if kana else ''}"
    return Lazy(build)


# Each built on first use only (0.05-0.15 s each: the classes are large).
UNIT_PATTERNS: dict[tuple[str, bool], Lazy[_Patterns]] = {
    (side, kana): _lazy(side, kana) for side in ("S", "T") for kana in (False, True)
}


def minority_units(
    text: str, minority: str, runs: list[Span] | None, lone: list[int] | None, tables: ScriptTables, kana: bool
) -> Units | None:
    """The parts of ``text`` unification converts (see the module docstring);
    None when there are none.  ``runs`` and ``lone`` (sorted) are the
    census of the minority's characters (None: too many to list); ``kana``:
    whether the text holds any."""
    units = Units(minority, [], [])
    whole = units.whole
    mixed: list[Span] = []  # sentences of both scripts
    if runs is None or lone is None or (len(runs) + len(lone)) * DENSE_SPACING >= len(text):
        for sentence in UNIT_PATTERNS[minority, kana].get().sentence.finditer(text):
            kind = sentence.lastgroup
            if kind == "mixed":
                mixed.append(sentence.span(kind))
            elif kind is not None:
                whole.append(sentence.span(kind))
    else:
        # Each candidate's sentence: runs, and strong lone characters, in text order.
        weak = tables.weak[minority]
        starts = sorted([a for a, _ in runs] + [at for at in lone if text[at] not in weak])
        k, match = 0, UNIT_PATTERNS[minority, False].get().sentence.match
        while k < len(starts):
            lo = _sentence_start(text, starts[k])
            read = match(text, lo)
            if read is None:  # never: the pattern's last alternatives match anything
                break
            kind = read.lastgroup
            if kind is not None and not (kana and tables.kana_re.search(text, lo, read.end())):
                (mixed if kind == "mixed" else whole).append(read.span(kind))
            k = bisect.bisect_left(starts, read.end(), k + 1)
    if mixed:
        _clauses(text, mixed, minority, units)
    if not (units.whole or units.windows):
        return None
    units.whole.sort()
    units.windows.sort()
    return units


def _sentence_start(text: str, pos: int) -> int:
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


def _clauses(text: str, sentences: list[Span], minority: str, units: Units) -> None:
    """Rules 2 and 3 for the ``sentences`` of both scripts: their clauses,
    read in one pass over the sentences joined by a line break (a clause
    end: no clause crosses it)."""
    joined = "\n".join([text[lo:hi] for lo, hi in sentences])
    ends = list(accumulate([hi - lo + 1 for lo, hi in sentences]))  # in joined, after each one's line break
    patterns = UNIT_PATTERNS[minority, False].get()
    windows = patterns.window.finditer
    whole = units.whole.append
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
            whole((a + shift, b + shift))
        else:
            units.windows.extend((w.start(), *w.span(1), w.end()) for w in windows(text, a + shift, b + shift))
