"""Runs of one or two characters whose form alone proves them mojibake.

A span of one or two characters is too little evidence for the frequency
model: ``発`` re-reads as ``逃``, a rare character as a common one.  A few
forms need no evidence beyond themselves, because real text never has them:

* ``掳`` after a digit, before a unit (``50掳C``): ° (C2 B0) read as GBK; so
  ``卤`` between digits (±) and ``脳`` between digits (×);
* ``鈥`` (E2 80, the lead of every curly quote and dash) or ``銆`` (E3 80,
  of 、。《》) or ``锛`` (EF BC, of ，：（）) before a character that
  completes the sequence and leaves one ASCII character: ``don鈥檛`` is
  ``don’t``, the ’ (E2 80 99) and the t (74) read as GBK pairs;
* GBK's brackets and quotes read as Latin-1, in pairs: ``¡¶…¡·`` is 《…》,
  ``¡°…¡±`` is “…”, ``£¨…£©`` is （…）;
* ``Ã`` and a no-break space inside a word: à (C3 A0) read as Latin-1 or
  by browsers as Windows-1252 (``bÃ\xa0o`` is ``bào``);
* ``�6�1``: a character GBK lacks (a rare Han character, an emoji, •),
  written in GB18030's four bytes and read by Python's gbk, which loses each
  lead byte before the digit that follows it (• is 81 36 A6 31); believed
  where every U+FFFD of the text stands in such a form, and a run of them
  becomes one U+FFFD, the characters lost (their bytes cannot be had back).

(UTF-8 read by a single-byte decoder, ``Ã©``, ``ï¼Œ``, is proven by the
same kind of form in ``structure``.)  Each rule returns edits: ``(start,
end, replacement, encoding, decoded_as)``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .._lazy import LazyPattern
from ..chars import CharTable, holds

if TYPE_CHECKING:
    from ._loops import Loops

__all__ = ["SIGNS", "may_hold_runs", "unmistakable_runs"]

# ° ± × as UTF-8 read as GBK, and the contexts that prove them.
# (Each pattern here starts with the character, not a look-behind: one that
# starts with a class or a literal is scanned for in C.)
_UNITS = LazyPattern("[\u63b3\u5364\u8133](?:(?<=[0-9]\u63b3)(?= ?[CFK\u2103])|(?<=[0-9][\u5364\u8133])(?= ?[0-9]))")
_UNIT_OF = {"\u63b3": "\u00b0", "\u5364": "\u00b1", "\u8133": "\u00d7"}  # 掳 ° 卤 ± 脳 ×
_UNIT_SIGNS = CharTable("".join(_UNIT_OF))
# The GBK characters that are UTF-8 lead pairs of punctuation, and what
# follows them (any character: its bytes decide).
_PUNCTUATION_LEADS = LazyPattern("[\u9225\u9286\u951b](?=.)", re.S)  # 鈥 銆 锛
_PUNCTUATION_SIGNS = CharTable("\u9225\u9286\u951b")
# GBK's punctuation read as Latin-1, in pairs on one line.
_PAIRS = LazyPattern("¡°([^¡£\n]{0,80})¡±|¡¶([^¡£\n]{0,80})¡·|£¨([^¡£\n]{0,80})£©")
_PAIR_MARKS = {"¡°": "“", "¡±": "”", "¡¶": "《", "¡·": "》", "£¨": "（", "£©": "）"}
_PAIR_SIGNS = CharTable("¡£")
_A_GRAVE_IN_WORD = LazyPattern("\u00c3(?<=[A-Za-z]\u00c3)\u00a0(?=[A-Za-z])")
# The same where the no-break space became a space: a small letter, Ã and a
# space, then a small letter (voilÃ le, cittÃ di, one of ftfy's cases: no
# language writes a capital Ã after a small letter); the space stays.
_A_GRAVE_BEFORE_SPACE = LazyPattern("\u00c3(?<=[a-z]\u00c3)(?= [a-z])")
# GB18030's four-byte codes read by Python's gbk: U+FFFD, a digit (30-39),
# U+FFFD, a digit, a character each.  A digit after a loss is also what
# other text shows (甲1 where 甲 was lost, in Big5 read as GBK), so the form
# counts only where the text has no other loss: document-level evidence.
_FOUR_BYTE_LOSSES = LazyPattern("(?:\ufffd[0-9]\ufffd[0-9])++")  # possessive: no mark kept per repetition
_LOSS_BEFORE_DIGIT = LazyPattern("\ufffd[0-9]")


# Every rule starts with one of these: clean text is ruled out by one scan
# in C (``chars.holds``) before any expression runs; a batch's texts too
# (mojibake.changing).  And each rule whose expression searches a class
# runs only where the text holds a character it starts with (_UNIT_SIGNS,
# _PUNCTUATION_SIGNS, _PAIR_SIGNS): a text repaired whole holds a U+FFFD
# and no other sign, and the three searches took 2.6 ms of its 187,000
# characters (UTF-8 read as Latin-1, Gutenberg, 1 MB); the scans 0.15.
SIGNS = CharTable("\u63b3\u5364\u8133\u9225\u9286\u951b\u00a1\u00a3\u00c3\ufffd")


def may_hold_runs(text: str, loops: Loops) -> bool:
    """Whether ``text`` holds a character a rule starts with (``SIGNS``)."""
    return holds(text, SIGNS)


def unmistakable_runs(text: str, loops: Loops) -> list[tuple[int, int, str, str, str]]:
    """The short runs of ``text`` that are mojibake by their form alone."""
    if not may_hold_runs(text, loops):
        return []
    edits: list[tuple[int, int, str, str, str]] = []
    if holds(text, _UNIT_SIGNS):
        edits += [(m.start(), m.end(), _UNIT_OF[m.group()], "utf-8", "gbk") for m in _UNITS.finditer(text)]
    for m in _PUNCTUATION_LEADS.finditer(text) if holds(text, _PUNCTUATION_SIGNS) else ():
        start = m.start()
        try:
            data = text[start : start + 2].encode("gb18030")
        except UnicodeEncodeError:
            continue
        if len(data) != 4 or not 0x20 <= data[3] <= 0x7E:
            continue
        try:
            mark = data[:3].decode("utf-8")
        except UnicodeDecodeError:
            continue
        if "\u2010" <= mark <= "\u205e" or "\u3000" <= mark <= "\u303f" or "\uff01" <= mark <= "\uff5e":
            edits.append((start, start + 2, mark + chr(data[3]), "utf-8", "gbk"))
    edits += [(m.start(), m.end(), "\u00e0", "utf-8", "windows-1252") for m in _A_GRAVE_IN_WORD.finditer(text)]
    edits += [(m.start(), m.end(), "\u00e0", "utf-8", "windows-1252") for m in _A_GRAVE_BEFORE_SPACE.finditer(text)]
    for m in _PAIRS.finditer(text) if holds(text, _PAIR_SIGNS) else ():
        opening, closing = m.group()[:2], m.group()[-2:]
        edits.append((m.start(), m.start() + 2, _PAIR_MARKS[opening], "gbk", "latin-1"))
        edits.append((m.end() - 2, m.end(), _PAIR_MARKS[closing], "gbk", "latin-1"))
    edits += _four_byte_losses(text)
    edits.sort()
    kept: list[tuple[int, int, str, str, str]] = []
    for edit in edits:
        if not kept or edit[0] >= kept[-1][1]:
            kept.append(edit)
    return kept


def _four_byte_losses(text: str) -> list[tuple[int, int, str, str, str]]:
    """The runs of GB18030's four-byte codes read by Python's gbk, each to
    one U+FFFD, where every loss of ``text`` is in one of them."""
    losses = text.count("\ufffd")
    # Each loss before a digit, first: a search for a literal, where the runs'
    # pattern is tried at every character (8 ms a MB of lossy text).
    if not losses or losses % 2 or len(_LOSS_BEFORE_DIGIT.findall(text)) != losses:
        return []
    runs = [m.span() for m in _FOUR_BYTE_LOSSES.finditer(text)]
    if sum(end - start for start, end in runs) != 2 * losses:
        return []  # a loss of another kind: the digits may be the text's own
    return [(start, end, "\ufffd", "gb18030", "gbk") for start, end in runs]
