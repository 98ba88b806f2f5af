"""Counting the script-distinctive characters, and finding the minority runs.

Everything here is a scan with compiled character classes (``tables``): no
converter, and no Python loop over the characters of the text.

A *run* of one side is two or more of its characters, each at most
``MAX_GAP`` characters after the previous one, with no character of the
other side and no clause break between; a *lone* character is one in no run.
``units`` decides from them what unification converts (it finds them
itself in a text mixed all through, where they are too many to list here):

- the Traditional seed pages write ``多措并舉`` and ``并將持續`` (``并`` is
  Simplified-only in OpenCC's tables), each ``并`` alone among Traditional
  characters;
- Wikisource's 世說新語 writes the old-edition forms ``内 彦 虚 恒 羡`` (384
  Simplified-only characters against 47,501 Traditional ones, 0.8 %), every
  one alone; its Simplified licence boilerplate (``本作品在全世界都属于公有
  领域``) is a run;
- a Hong Kong page writes Cantonese ``多謝晒`` and ``30个`` alone;
- a wiki template pasted into a Traditional page (``請到互助客栈询问``), a
  word typed in the other script (``这个``) are runs.
"""
from __future__ import annotations

import re
from itertools import islice
from typing import NamedTuple

from .._lazy import Lazy
from .tables import ASTRAL_RE, KANA_RANGES, TABLES, ScriptTables, _class

# Two minority characters further apart than this are not one run.  In
# Simplified sentences put into a Traditional document (and the reverse) the
# distinctive characters are about a quarter of all characters, so the
# characters of one converted sentence are seldom more than a few apart;
# 8 joins 99.6 % of consecutive pairs inside the converted sentences of
# corpus/script (measured with the generator), while a Traditional
# document's lone variants are further apart and have Traditional-only
# characters between them.
MAX_GAP = 8
# Where a clause ends: no run crosses these, nor a line break.  世說新語 writes
# 遐字彦林，河内人 with two old forms four characters apart.
CLAUSE_ENDS = "\n\r\u2028\u2029，。！？；：、「」『』《》〈〉,.!?;:"
# How many characters are sampled to guess which class is the rarer, so that
# only the rarer one is counted one match at a time, and how many characters
# of the common one's first chunk are counted, doubling until it outnumbers
# the rarer one: a Traditional page with four lone 并 is decided within its
# first chunk.
SAMPLE = 4096
FIRST_CHUNK = 4096
# How far each class is counted before both are counted in full
# (guess_rare): the rarer class of nearly every text that holds both has a
# few characters (a lone 并 or 后 in a Traditional line), which 8 settles.
GUESS_COUNT = 8
# Runs are chained in Python, one step per character of the side, when
# the first SAMPLE characters hold at most one per this many characters;
# else the side is only counted, and ``units`` finds its runs in the same
# pass that reads the sentences (a step costs about what a scan costs over
# 50 characters).
CHAIN_COST = 50
# The common class is counted GROUP characters per match of one pattern
# (``X(?:[^X]*+X){GROUP-1}``), the rest one by one: ``re`` costs per match,
# and the common class is a fifth to a quarter of a Chinese text.  Measured
# on 1 MB of 世說新語 (best of 7, Python 3.11, interleaved), MB/s: one by
# one 70; 4 per match 85, 8 98, 12 209, 16 233, 24 253 (sample 003: 75, 122,
# 152, 173, 192, 186).  Unrolled (``X[^X]*+X[^X]*+X...``) is 5-15 % faster
# but parses its 3,000-character class GROUP times: 0.3 s more at first use.
GROUP = 16


class Counts(NamedTuple):
    traditional: int
    simplified: int
    kana: int


def count(text: str, found: Census) -> Counts:
    """How many Traditional-only, Simplified-only and kana characters ``text``
    holds, from the census of its rarer class (kana counted) and one scan of
    the other."""
    if found.total is None:  # taken without its total (unification's census)
        found = census(text, found.side, kana=found.kana is not None)
    total = found.total or 0
    common = "S" if found.side == "T" else "T"
    n_common = count_common(common, text) + found.astral[common]
    kana = found.kana or 0
    if found.side == "T":
        return Counts(total, n_common, kana)
    return Counts(n_common, total, kana)


def kana_outnumbered(text: str, tables: ScriptTables, than: int) -> bool:
    """Whether ``text`` holds more than ``than`` script-telling characters
    (its kana being known), counting chunk by chunk (doubling) only until it
    does: a Chinese text quoting a Japanese name is told in its first chunk."""
    seen, pos, size, n = 0, 0, FIRST_CHUNK, len(text)
    while pos < n:
        seen += len(tables.distinctive_re.findall(text, pos, pos + size))
        if seen > than:
            return True
        pos += size
        size *= 2
    return seen + sum(astral_counts(text, tables).values()) > than


def count_common(side: str, text: str) -> int:
    """How many BMP characters of ``side`` ``text`` holds, GROUP per match."""
    rest, groups = GROUPED.get()[side].subn("", text)
    return groups * GROUP + len(one_re(side).findall(rest))


def count_strong(side: str, text: str) -> int:
    """How many strong BMP characters of ``side`` ``text`` holds, GROUP per match."""
    rest, groups = GROUPED_STRONG.get()[side].subn("", text)
    return groups * GROUP + len(TABLES.get().strong_re[side].findall(rest))


def _grouped(classes: dict[str, frozenset[str]]) -> dict[str, re.Pattern[str]]:
    patterns = {}
    for side, chars in classes.items():
        one, other = _class(chars), _class(chars, negate=True)
        # It starts with the class, so that a failed attempt (fewer than
        # GROUP left) is tried only at the last few characters of the side,
        # never at every position of the text after them.
        patterns[side] = re.compile(f"{one}(?:{other}*+{one}){{{GROUP - 1}}}")
    return patterns


def _grouped_patterns() -> dict[str, re.Pattern[str]]:
    tables = TABLES.get()
    return _grouped({"T": tables.traditional, "S": tables.simplified})


def _grouped_strong_patterns() -> dict[str, re.Pattern[str]]:
    tables = TABLES.get()
    sides = (("T", tables.traditional), ("S", tables.simplified))
    return _grouped({side: chars - tables.weak[side] for side, chars in sides})


GROUPED: Lazy[dict[str, re.Pattern[str]]] = Lazy(_grouped_patterns)
GROUPED_STRONG: Lazy[dict[str, re.Pattern[str]]] = Lazy(_grouped_strong_patterns)


def astral_counts(text: str, tables: ScriptTables) -> dict[str, int]:
    """How many astral characters of each class ``text`` holds (the scanners
    see BMP characters only; astral ones are rare and looked up one by one)."""
    found = {"T": 0, "S": 0}
    for match in ASTRAL_RE.finditer(text):
        tag = tables.astral.get(match.group())
        if tag is not None:
            found[tag] += 1
    return found


def _count_up_to(pattern: re.Pattern[str], text: str, limit: int) -> int:
    """How many matches of ``pattern`` ``text`` holds, counting no further than ``limit``."""
    return len(list(islice(pattern.finditer(text), limit)))


def guess_rare(text: str, tables: ScriptTables) -> str:
    """Which class ("T" or "S") is probably the rarer, from a prefix.

    Each class is counted up to GUESS_COUNT first: unless both reach it,
    the one that does not is counted exactly and the comparison is the same
    (a line of a Traditional page with a lone 并 counted every Traditional
    character of it: 37 us for 927 characters)."""
    size = SAMPLE
    while True:
        sample = text[:size]
        trad = _count_up_to(tables.trad_re, sample, GUESS_COUNT)
        simp = _count_up_to(tables.simp_re, sample, GUESS_COUNT)
        if trad == simp == GUESS_COUNT:
            trad, simp = len(tables.trad_re.findall(sample)), len(tables.simp_re.findall(sample))
        if trad != simp or size >= len(text):
            return "S" if trad >= simp else "T"
        size *= 4


class Census(NamedTuple):
    side: str  # "T" or "S"
    total: int | None  # characters of the side (astral ones included); None: not counted
    strong: int  # of those, the ones that are not weak (tables.weak; astral ones all count)
    # The runs of the side, (start of the first, end of the last character),
    # and where its lone (BMP) characters are; None for a text mixed all
    # through, where ``units`` finds them in its own pass.
    runs: list[tuple[int, int]] | None
    lone: list[int] | None
    kana: int | None  # how many kana the text holds (None: not counted)
    astral: dict[str, int]  # how many astral characters of each side it holds


def census(text: str, side: str, kana: bool = False, total: bool = True) -> Census:
    """One scan of ``text`` for the characters of ``side``: how many, how
    many strong (astral ones included: they are counted, never converted
    alone), its runs and lone characters when they are few; how many astral
    characters of each side the text holds; and, with ``kana``, how many
    kana (else ``None``: unification looks for them only when it has
    something to convert).  Not ``total``: in a text mixed all through, only
    the strong ones are counted (all that unification needs unless the
    strong counts of the two scripts tie).

    Few of them (the rarer class of nearly every text, as its first SAMPLE
    characters tell): the characters of the side (and kana) are found in one
    scan, and the runs chained here, with a search of the few characters
    between each two.  Many (a text mixed all through): they are only
    counted, GROUP per match (``count_common``), and the weak ones one by
    one.  Astral characters are looked for only in a text that holds one
    (``has_astral``).
    """
    tables = TABLES.get()
    one = one_re(side)
    astral = astral_counts(text, tables) if has_astral(text) else {"T": 0, "S": 0}
    if len(one.findall(text, 0, SAMPLE)) * CHAIN_COST > min(len(text), SAMPLE):
        n_kana = len(tables.kana_re.findall(text)) if kana and tables.kana_re.search(text) else 0
        if not total:
            strong = count_strong(side, text) + astral[side]
            return Census(side, None, strong, None, None, n_kana if kana else None, astral)
        n = count_common(side, text)
        strong = n - len(PATTERNS.get()["weak" + side].findall(text))
        return Census(side, n + astral[side], strong + astral[side], None, None, n_kana if kana else None, astral)
    # One scan for the side with kana (a class with ranges added scans
    # slower: 376 against 586 MB/s on sample 003) only when kana are wanted.
    scanner = tables.kana_side_re[side] if kana else one
    starts = [m.start() for m in scanner.finditer(text)]
    joined = "".join([text[at] for at in starts])
    n_kana = 0
    if kana and tables.kana_re.search(joined):
        n_kana = len(tables.kana_re.findall(joined))
        starts = [at for at in starts if text[at] not in KANA_SET]
        joined = "".join([text[at] for at in starts])
    runs, lone = _chained(text, starts, PATTERNS.get()["breaks" + side]) if starts else ([], [])
    n, strong = len(one.findall(joined)), len(tables.strong_re[side].findall(joined))
    return Census(side, n + astral[side], strong + astral[side], runs, lone, n_kana if kana else None, astral)


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character outside the BMP: its UTF-16 is then
    longer than two bytes a character (an encoding at memory speed, where a
    search runs at scan speed)."""
    return len(text.encode("utf-16-le", "surrogatepass")) != 2 * len(text)


def _chained(text: str, starts: list[int], breaks: re.Pattern[str]) -> tuple[list[tuple[int, int]], list[int]]:
    """The runs and lone characters among the characters at ``starts``: each
    character joins the previous one's run when it is at most MAX_GAP after
    it with no character of ``breaks`` (the other side, CLAUSE_ENDS) between."""
    runs: list[tuple[int, int]] = []
    lone: list[int] = []
    first = previous = starts[0]
    for at in starts[1:]:
        if at - previous > MAX_GAP or breaks.search(text, previous + 1, at) is not None:
            if previous == first:
                lone.append(first)
            else:
                runs.append((first, previous + 1))
            first = at
        previous = at
    if previous == first:
        lone.append(first)
    else:
        runs.append((first, previous + 1))
    return runs, lone


def one_re(side: str) -> re.Pattern[str]:
    tables = TABLES.get()
    return tables.trad_re if side == "T" else tables.simp_re


def outnumbers(text: str, side: str, than: int) -> bool:
    """Whether ``text`` holds more than ``than`` strong BMP characters of
    ``side``, counting chunk by chunk (doubling) only until it does, GROUP
    per match."""
    if than < GROUP:
        # A few to pass (a Traditional page's lone 并 are weak: none): one
        # by one, stopping at the first past them.
        return _count_up_to(TABLES.get().strong_re[side], text, than + 1) > than
    seen, pos, size, n = 0, 0, FIRST_CHUNK, len(text)
    while pos < n:
        seen += count_strong(side, text[pos : pos + size])
        if seen > than:
            return True
        pos += size
        size *= 2
    return False


def has_both(text: str, tables: ScriptTables) -> bool:
    """Whether ``text`` holds at least one character of each script.

    Nearly every text holds one script only (or none): one of the two
    searches then runs to the end without finding anything, and nothing is
    counted; astral characters, rare, are looked at only when there are any.
    """
    has_simp = tables.simp_re.search(text) is not None
    has_trad = has_simp and tables.trad_re.search(text) is not None
    if has_trad or not has_astral(text):
        return has_trad
    has_trad = tables.trad_re.search(text) is not None
    tags = {tables.astral.get(m.group()) for m in ASTRAL_RE.finditer(text)}
    return (has_trad or "T" in tags) and (has_simp or "S" in tags)


def _patterns() -> dict[str, re.Pattern[str]]:
    """Per side ("S", "T"): "breaks" + side, a character that ends a run of
    the side (one of the other side, or CLAUSE_ENDS); "weak" + side, one of
    its weak characters (``tables.weak``)."""
    tables = TABLES.get()
    patterns = {}
    sides = (("S", tables.simplified, tables.traditional), ("T", tables.traditional, tables.simplified))
    for side, one, other in sides:
        patterns["breaks" + side] = re.compile(_class(other, extra=CLAUSE_ENDS))
        patterns["weak" + side] = re.compile(_class(tables.weak[side] & one))
    return patterns


PATTERNS: Lazy[dict[str, re.Pattern[str]]] = Lazy(_patterns)
KANA_SET = frozenset(chr(c) for lo, hi in KANA_RANGES for c in range(lo, hi + 1))
