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
from typing import NamedTuple

from .._lazy import Lazy
from ..chars import count_of, first_astral, first_of, holds, regex_class
from .tables import TABLES, ScriptTables

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
# only the rarer one's characters are found one call at a time, and how many characters
# of the common one's first chunk are counted, doubling until it outnumbers
# the rarer one: a Traditional page with four lone 并 is decided within its
# first chunk.
SAMPLE = 4096
FIRST_CHUNK = 4096
# Runs are chained in Python, one step per character of the side, when
# the first SAMPLE characters hold at most one per this many characters;
# else the side is only counted, and ``units`` finds its runs in the same
# pass that reads the sentences (a step costs about what a scan costs over
# 50 characters).
CHAIN_COST = 50


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
        seen += count_of(text, tables.distinctive_set, pos, pos + size)
        if seen > than:
            return True
        pos += size
        size *= 2
    return seen + sum(astral_counts(text, tables).values()) > than


def count_common(side: str, text: str, start: int = 0, end: int | None = None) -> int:
    """How many BMP characters of ``side`` ``text[start:end]`` holds (a table look-up a character, in C)."""
    tables = TABLES.get()
    return count_of(text, tables.side_set[side], start, end)


def count_strong(side: str, text: str, start: int = 0, end: int | None = None) -> int:
    """How many strong BMP characters of ``side`` ``text[start:end]`` holds."""
    return count_of(text, TABLES.get().strong_set[side], start, end)


def astral_counts(text: str, tables: ScriptTables) -> dict[str, int]:
    """How many astral characters of each class ``text`` holds (the scanners
    see BMP characters only; astral ones are rare and looked up one by one)."""
    found = {"T": 0, "S": 0}
    for ch in _astral_chars(text):
        tag = tables.astral.get(ch)
        if tag is not None:
            found[tag] += 1
    return found


def _astral_chars(text: str) -> list[str]:
    """The characters of ``text`` outside the BMP (found in C; none in a
    string whose storage is narrower, told without a scan)."""
    found = []
    at = first_astral(text)
    while at >= 0:
        found.append(text[at])
        at = first_astral(text, at + 1)
    return found


def guess_rare(text: str, tables: ScriptTables) -> str:
    """Which class ("T" or "S") is probably the rarer, from a prefix: the
    first SAMPLE characters, then four times as many until the two counts
    (in C) differ."""
    size = SAMPLE
    while True:
        trad, simp = count_common("T", text, 0, size), count_common("S", text, 0, size)
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
    counted (``count_common``, ``count_strong``: in C).  Astral characters
    are looked for only in a text that holds one (``has_astral``).
    """
    tables = TABLES.get()
    astral = astral_counts(text, tables) if has_astral(text) else {"T": 0, "S": 0}
    if count_common(side, text, 0, SAMPLE) * CHAIN_COST > min(len(text), SAMPLE):
        n_kana = count_of(text, tables.kana_set) if kana else 0
        if not total:
            strong = count_strong(side, text) + astral[side]
            return Census(side, None, strong, None, None, n_kana if kana else None, astral)
        n = count_common(side, text)
        strong = count_strong(side, text)
        return Census(side, n + astral[side], strong + astral[side], None, None, n_kana if kana else None, astral)
    # One scan for the side (with kana when they are wanted), in C, a call
    # per character found: few of them, as the sample said.
    wanted = tables.kana_side_set[side] if kana else tables.side_set[side]
    starts = []
    at = first_of(text, wanted)
    while at >= 0:
        starts.append(at)
        at = first_of(text, wanted, at + 1)
    joined = "".join([text[at] for at in starts])
    n_kana = 0
    if kana and holds(joined, tables.kana_set):
        n_kana = count_of(joined, tables.kana_set)
        starts = [at for at in starts if text[at] not in tables.kana_set]
        joined = "".join([text[at] for at in starts])
    runs, lone = _chained(text, starts, PATTERNS.get()["breaks" + side]) if starts else ([], [])
    n, strong = count_common(side, joined), count_strong(side, joined)
    return Census(side, n + astral[side], strong + astral[side], runs, lone, n_kana if kana else None, astral)


def has_astral(text: str) -> bool:
    """Whether ``text`` holds a character outside the BMP (told by the
    width of the string's storage, without a scan, when it holds none)."""
    return first_astral(text) >= 0


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


def outnumbers(text: str, side: str, than: int) -> bool:
    """Whether ``text`` holds more than ``than`` strong BMP characters of
    ``side``, counting chunk by chunk (doubling) only until it does."""
    seen, pos, size, n = 0, 0, FIRST_CHUNK, len(text)
    while pos < n:
        seen += count_strong(side, text, pos, pos + size)
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
    has_simp = holds(text, tables.side_set["S"])  # a table look-up a character, in C
    has_trad = has_simp and holds(text, tables.side_set["T"])
    if has_trad or not has_astral(text):
        return has_trad
    has_trad = holds(text, tables.side_set["T"])
    tags = {tables.astral.get(ch) for ch in _astral_chars(text)}
    return (has_trad or "T" in tags) and (has_simp or "S" in tags)


def _patterns() -> dict[str, re.Pattern[str]]:
    """Per side ("S", "T"): "breaks" + side, a character that ends a run of
    the side (one of the other side, or CLAUSE_ENDS)."""
    tables = TABLES.get()
    patterns = {}
    sides = (("S", tables.simplified, tables.traditional), ("T", tables.traditional, tables.simplified))
    for side, _, other in sides:
        patterns["breaks" + side] = re.compile(regex_class(other, extra=CLAUSE_ENDS))
    return patterns


PATTERNS: Lazy[dict[str, re.Pattern[str]]] = Lazy(_patterns)
