"""Counting the script-distinctive characters, and finding the minority runs.

Everything here is a scan with compiled character classes (``tables``): no
converter, no Python loop over the characters of the text.

A document's minority characters are converted only where they come as a
*run*: two or more of them, each at most ``MAX_GAP`` characters after the
previous one, with no majority-only character and no line break between.  A
lone minority character among majority ones is left as the page has it, and
a document whose minority characters are all lone is not "mixed":

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
from .tables import ASTRAL_RE, KANA_CLASS, TABLES, ScriptTables, _class

# Two minority characters further apart than this are not one run.  In
# Simplified sentences put into a Traditional document (and the reverse) the
# distinctive characters are about a quarter of all characters, so the
# characters of one converted sentence are seldom more than a few apart;
# 8 joins 99.6 % of consecutive pairs inside the converted sentences of
# corpus/script (measured with the generator), while a Traditional
# document's lone variants are further apart and have Traditional-only
# characters between them.
MAX_GAP = 8
# Nor does a run cross a line break or clause punctuation: 世說新語 writes
# 遐字彦林，河内人 with two old forms four characters apart.
BREAKS = "\n\r\u2028\u2029，。！？；：、「」『』《》〈〉,.!?;:"
# How many characters are sampled to guess which class is the rarer, so that
# only the rarer one is counted all through (counting costs per match, and
# the common class is a quarter of all characters), and how many characters
# of the common one's first chunk are counted, doubling until it outnumbers
# the rarer one: a Traditional page with four lone 并 is decided within its
# first chunk.
SAMPLE = 4096
FIRST_CHUNK = 4096
# With this many runs or more, the characters of a side are counted in one
# scan of the whole text rather than run by run (331 runs in the zhwiki
# text: one scan is 6 times faster than 331 short ones).
RECOUNT = 32


class Counts(NamedTuple):
    traditional: int
    simplified: int
    kana: int


def count(text: str, tables: ScriptTables) -> Counts:
    """How many Traditional-only, Simplified-only and kana characters ``text`` holds."""
    kana = len(tables.kana_re.findall(text)) if tables.kana_re.search(text) else 0
    distinctive = "".join(tables.distinctive_re.findall(text))
    total = len(distinctive)
    sample = distinctive[:SAMPLE]
    if len(tables.simp_re.findall(sample)) * 2 <= len(sample):
        simp = len(tables.simp_re.findall(distinctive))
        trad = total - simp
    else:
        trad = len(tables.trad_re.findall(distinctive))
        simp = total - trad
    astral = astral_counts(text, tables)
    return Counts(trad + astral["T"], simp + astral["S"], kana)


def astral_counts(text: str, tables: ScriptTables) -> dict[str, int]:
    """How many astral characters of each class ``text`` holds (the scanners
    see BMP characters only; astral ones are rare and looked up one by one)."""
    found = {"T": 0, "S": 0}
    if ASTRAL_RE.search(text):
        for match in ASTRAL_RE.finditer(text):
            tag = tables.astral.get(match.group())
            if tag is not None:
                found[tag] += 1
    return found


def guess_rare(text: str, tables: ScriptTables) -> str:
    """Which class ("T" or "S") is probably the rarer, from a prefix."""
    size = SAMPLE
    while True:
        sample = text[:size]
        trad, simp = len(tables.trad_re.findall(sample)), len(tables.simp_re.findall(sample))
        if trad != simp or size >= len(text):
            return "S" if trad >= simp else "T"
        size *= 4


class Census(NamedTuple):
    total: int  # characters of the side (astral ones included)
    runs: list[tuple[int, int]]  # the runs of the side: (start of the first, end of the last character)
    lone: list[int]  # where its lone (BMP) characters are
    kana: bool  # whether the text holds kana
    astral_other: int  # astral characters of the other side
    astral_same: int  # astral characters of the side (counted in total)


def census(text: str, side: str) -> Census:
    """One scan of ``text`` for the characters of ``side``, kana and astral
    characters.  It costs per *group* (a lone character or a run), so it is
    cheap for the rarer class, and it saves the separate scans for kana and
    astral characters and for the runs."""
    tables = TABLES.get()
    members = tables.traditional if side == "T" else tables.simplified
    lone: list[int] = []
    spans: list[tuple[int, int]] = []
    kana, astral_side, astral_other = False, 0, 0
    for match in GROUPS.get()[side].finditer(text):
        start, end = match.span()
        first = text[start]
        if first in members:
            if end - start == 1:
                lone.append(start)
            else:
                spans.append((start, end))
            continue
        if ord(first) < 0x10000:
            kana = True
        elif first in tables.astral:
            if tables.astral[first] == side:
                astral_side += 1
            else:
                astral_other += 1
        if end - start > 1:  # what follows a kana or astral character in its match, looked at again
            rest = census(text[start + 1 : end], side)
            lone.extend(start + 1 + at for at in rest.lone)
            astral_side += rest.astral_same
            spans.extend((start + 1 + a, start + 1 + b) for a, b in rest.runs)
            kana = kana or rest.kana
            astral_other += rest.astral_other
    if len(spans) >= RECOUNT:
        n = len(one_re(side).findall(text)) + astral_side
    else:
        n = len(lone) + sum(len(one_re(side).findall(text, a, b)) for a, b in spans) + astral_side
    return Census(n, spans, lone, kana, astral_other, astral_side)


def one_re(side: str) -> re.Pattern[str]:
    tables = TABLES.get()
    return tables.trad_re if side == "T" else tables.simp_re


def outnumbers(text: str, side: str, than: int) -> bool:
    """Whether ``text`` holds more than ``than`` BMP characters of ``side``,
    counting chunk by chunk (doubling) only until it does."""
    tables = TABLES.get()
    one = tables.trad_re if side == "T" else tables.simp_re
    seen, pos, size, n = 0, 0, FIRST_CHUNK, len(text)
    while pos < n:
        seen += len(one.findall(text, pos, pos + size))
        if seen > than:
            return True
        pos += size
        size *= 2
    return False


def has_both(text: str, tables: ScriptTables) -> bool:
    """Whether ``text`` holds at least one character of each script.

    Nearly every text holds one script only (or none): one of the two
    searches then runs to the end without finding anything, at search
    speed, and nothing is counted.
    """
    if tables.trad_re.search(text) and tables.simp_re.search(text):
        return True
    if not ASTRAL_RE.search(text):
        return False
    tags = {tables.astral.get(m.group()) for m in ASTRAL_RE.finditer(text)}
    has_trad = "T" in tags or tables.trad_re.search(text) is not None
    has_simp = "S" in tags or tables.simp_re.search(text) is not None
    return has_trad and has_simp


def _group_patterns() -> dict[str, re.Pattern[str]]:
    """A lone character or a run of each side: "S" (Simplified characters, with
    no Traditional-only one between), "T"."""
    tables = TABLES.get()
    patterns = {}
    sides = (("S", tables.simplified, tables.traditional), ("T", tables.traditional, tables.simplified))
    for side, one, other in sides:
        gap = _class(other, negate=True, extra=BREAKS)
        # The first character may also be kana or astral, so that one scan finds them too.
        first = _class(one, extra=KANA_CLASS + "\U00010000-\U0010ffff")
        patterns[side] = re.compile(f"{first}(?:{gap}{{0,{MAX_GAP - 1}}}{_class(one)})*")
    return patterns


GROUPS: Lazy[dict[str, re.Pattern[str]]] = Lazy(_group_patterns)


def _run_patterns() -> dict[str, re.Pattern[str]]:
    """The runs of each side: two or more of its characters, as ``GROUPS``."""
    tables = TABLES.get()
    patterns = {}
    sides = (("S", tables.simplified, tables.traditional), ("T", tables.traditional, tables.simplified))
    for side, one, other in sides:
        gap = _class(other, negate=True, extra=BREAKS)
        patterns[side] = re.compile(f"{_class(one)}(?:{gap}{{0,{MAX_GAP - 1}}}{_class(one)})+")
    return patterns


RUNS: Lazy[dict[str, re.Pattern[str]]] = Lazy(_run_patterns)


def runs(text: str, side: str) -> list[tuple[int, int]]:
    """The runs of ``side`` in ``text``: (start of the first, end of the last character)."""
    return [m.span() for m in RUNS.get()[side].finditer(text)]


def has_run(text: str, side: str) -> bool:
    return RUNS.get()[side].search(text) is not None
