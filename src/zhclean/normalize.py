"""The normalizations the ``Cleaner`` runs after repair, stripping and script.

Each is a function from a text to its edits (``(start, end, replacement)``,
sorted and disjoint), found by compiled regular expressions, so text with
nothing to do costs one scan and the ``Cleaner`` can report and map every
change.  Each rule is narrow on purpose: it changes only what cannot be
anything else, and leaves code, URLs, e-mail addresses, numbers (``3,500``,
``1:2``) and English sentences as they are.

- ``width_edits``: full-width ASCII letters and digits to half-width
  (``Ｗｉｎｄｏｗｓ１０`` -> ``Windows10``), with the marks that belong to
  a number they write: ``．：／－`` between two digits, ``，`` before a
  group of three, ``％`` after the last, ``＋－`` before the first
  (``１２．３％`` -> ``12.3%``, never ``12．3％``).  Other full-width
  punctuation (``１，２，３``'s commas) and the ideographic space are left to
  the punctuation rule and to the text.
- ``punctuation_edits(text, "fullwidth")``: ASCII ``, ; : ? !`` between Han
  characters, and ASCII parentheses around Chinese, to their full-width
  forms, undoing the NFKC pass visible in scraped pages
  (``考驗,進入`` -> ``考驗，進入``); ``"ascii"``: the reverse, every
  ``，；：？！（）`` to ASCII, as LLM-corpus pipelines often want.
- ``invisible_edits``: zero-width spaces, word joiners, byte order marks and
  soft hyphens removed; zero-width (non-)joiners removed beside Han
  characters only (emoji sequences and Persian need them elsewhere);
  no-break spaces to spaces where they touch Chinese, a space or a line's
  edge (the &nbsp; of scraped pages), not between two other characters
  (French ``Bonjour\xa0:``, ``15\xa0000``).
- ``whitespace_edits``: spaces at the end of a line removed (a lone ``\\r``
  ends no line); the typographic spaces U+2000-U+200A and U+205F to spaces;
  line and paragraph separators to newlines; all in one pass (applied twice,
  it does nothing more).  Indentation, tabs (a TSV line's empty last
  column, ``张三\\t18\\t``) and the ideographic space (U+3000), which
  Chinese text indents with, stay.
"""
from __future__ import annotations

import bisect
import re

from ._lazy import LazyPattern
from ._args import Punctuation
from ._batch import Joined, matching
from ._edits import Edit
from .chars import CharTable, first_of, holds, regex_class, runs_before
from .pinyin.tables import HAN_RANGES

__all__ = ["invisible_edits", "punctuation_edits", "whitespace_edits", "width_edits"]

_HAN = "".join(f"{chr(low)}-{chr(high)}" for low, high in HAN_RANGES)
# CJK punctuation a full-width mark may stand beside, as a Han character may:
# 他问:“好吗?” and “你好”,他说 take full-width marks too.
_OPENING = "“‘「『《〈【（〔"
_CLOSING = "”’」』》〉】）〕"

# --- width ---------------------------------------------------------------------
# Full-width digits and Latin letters.  The first one is found by the table
# scan in C (chars.first_of: 0.2 ms on 2 MB of sample 003, where a search
# for one with ``re`` took 5.9 ms), the runs by the expression from there.
_FULLWIDTH_SET = CharTable(chr(cp) for lo, hi in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
                           for cp in range(lo, hi + 1))
# The marks of a number a run writes, after its digits (People's Daily of
# 1998, in full-width digits: 1,691 decimals such as ０．７４ and 1,437
# percentages; its digits alone narrowed made 0．74％): ．：／－ between two
# digits, ，before exactly three (１，２，３ is a list, its commas the
# sentence's), ％ after the last; and a sign before the first.  Read from
# the end of each run only where a mark follows a digit: a pattern that
# looked for them everywhere took 81 ms on 2 MB of that text, against 27.
_DIGITS = "０１２３４５６７８９"
_DIGIT = "[\uff10-\uff19]"
_FULLWIDTH_ALNUM = LazyPattern(f"{regex_class(_FULLWIDTH_SET.chars)}+")
_NUMBER_MARKS = "．：／－，％"
_NUMBER_TAIL = LazyPattern(
    f"(?:(?<={_DIGIT})(?:[．：／－]|，(?={_DIGIT}{{3}}(?!{_DIGIT})))(?={_DIGIT}){regex_class(_FULLWIDTH_SET.chars)}++)*+"
    f"(?:(?<={_DIGIT})％)?"
)
_SIGNS = "＋－"
_TO_HALFWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def width_edits(text: str) -> list[Edit]:
    """Full-width ASCII letters and digits to half-width, with the marks of
    a number they write."""
    if text.isascii():  # a flag of the string, read in constant time
        return []
    first = first_of(text, _FULLWIDTH_SET)
    if first < 0:
        return []
    edits: list[Edit] = []
    done = 0
    n = len(text)
    for m in _FULLWIDTH_ALNUM.finditer(text, first):
        start, end = m.span()
        if start < done:
            continue  # read already, in a number's tail
        if end < n and text[end] in _NUMBER_MARKS and text[end - 1] in _DIGITS:
            tail = _NUMBER_TAIL.match(text, end)  # (it matches, empty at least)
            end = tail.end() if tail else end
        if start and text[start - 1] in _SIGNS and text[start] in _DIGITS and text[start - 2 : start - 1] != "－":
            start -= 1
        edits.append((start, end, text[start:end].translate(_TO_HALFWIDTH)))
        done = end
    return edits


# --- punctuation -----------------------------------------------------------------
# A mark between Han characters (or CJK quotes and brackets), or after one at
# the end of a line: never beside a digit, a letter or a space, so 3,500,
# 1:2, http://, e.g. and English sentences stay.
_ASCII_MARK = LazyPattern(  # the mark first, then what it stands after: scanned for in C
    f"[,;:?!](?<=[{_HAN}{_CLOSING}][,;:?!])(?=[{_HAN}{_OPENING}{_CLOSING}]|$)", re.M
)
# Parentheses whose content holds a Han character and no Latin letter, beside
# Chinese or at a line's edge: (記者 張冰), 以縣(市、區)為單位; never f(x),
# (1), 钢笔(pen), (Beijing 北京).
_ASCII_PARENS = LazyPattern(
    f"(?:(?<=[{_HAN}{_OPENING}{_CLOSING}。，、；：？！])|^)\\((?=[^()\\n]*[{_HAN}])([^()\\nA-Za-z]{{1,80}})\\)"
    f"|\\((?=[^()\\n]*[{_HAN}])([^()\\nA-Za-z]{{1,80}})\\)(?=[{_HAN}{_OPENING}{_CLOSING}。，、；：？！]|$)",
    re.M,
)
_TO_FULLWIDTH = {ord(","): "，", ord(";"): "；", ord(":"): "：", ord("?"): "？", ord("!"): "！"}
_TO_ASCII = {ord("，"): ",", ord("；"): ";", ord("："): ":", ord("？"): "?", ord("！"): "!", ord("（"): "(", ord("）"): ")"}
_TO_ASCII_CHARS = "".join(map(chr, _TO_ASCII))
_FULLWIDTH_MARK = LazyPattern(regex_class(_TO_ASCII_CHARS))


def punctuation_edits(text: str, direction: Punctuation) -> list[Edit]:
    """ASCII marks in Chinese to full-width ones (``"fullwidth"``), or the
    full-width marks to ASCII (``"ascii"``)."""
    if text.isascii():  # no Han character, no full-width mark
        return []
    if direction == "ascii":
        return [(m.start(), m.end(), m.group().translate(_TO_ASCII)) for m in _FULLWIDTH_MARK.finditer(text)]
    edits = [(m.start(), m.end(), m.group().translate(_TO_FULLWIDTH)) for m in _ASCII_MARK.finditer(text)]
    for m in _ASCII_PARENS.finditer(text):
        edits.append((m.start(), m.start() + 1, "（"))
        edits.append((m.end() - 1, m.end(), "）"))
    edits.sort()
    return edits


# --- invisible characters -----------------------------------------------------------
# Clean text is the common case: a few substring searches (several GB/s each)
# rule it out before any regular expression runs (those scan at 80-300 MB/s),
# and the expression finds candidates only; the neighbours are checked here.
_INVISIBLE_CHARS = "\u00a0\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE_SET = CharTable(_INVISIBLE_CHARS)
_JOINERS = "\u200c\u200d"
_HAN_CHAR = LazyPattern(f"[{_HAN}]")
# Scripts written without spaces between words, where a zero-width space is
# the word break (line breaking and search need it): Thai, Lao, Tibetan,
# Myanmar, Khmer, Tai Tham and New Tai Lue, Balinese, Javanese.  Beside one
# of their letters it stays: Khmer translations in the gettext catalogues of
# GNU tools write one between nearly every two words (6,327 of them in a
# Debian machine's catalogues had gone).
_SPACELESS_SCRIPT = LazyPattern(
    "[\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\u1980-\u19ff\u1a20-\u1aaf\u1b00-\u1b7f"
    "\ua980-\ua9ff\uaa60-\uaa7f]"
)
_ZWSP = "\u200b"
# A no-break space is &nbsp; left over where it touches Chinese, a space or a
# line's edge (002's "56 \xa0\xa0 來源"); between two other characters it is
# typography (French "Bonjour\xa0:", "15\xa0000") and stays.
_NBSP_CONTEXT = re.compile(f"[\\s{_HAN}{_OPENING}{_CLOSING}\u3000-\u303f\uff01-\uff0f]")


def invisible_edits(text: str) -> list[Edit]:
    """Invisible characters out, no-break spaces left by HTML to spaces."""
    edits: list[Edit] = []
    if text.isascii():
        return edits
    # The invisible characters found by the table scan, in C (a regular
    # expression over 1 MB of news with a few &nbsp; took 36 ms; a substring
    # search per character, seven passes, 0.9 ms over 2 MB of the zhwiki
    # text), then the runs they make.
    found = []
    at = first_of(text, _INVISIBLE_SET)
    while at >= 0:
        found.append(at)
        at = first_of(text, _INVISIBLE_SET, at + 1)
    if not found:
        return edits
    run_start = previous = found[0]
    for at in found[1:] + [-1]:
        if at == previous + 1 and (text[at] == "\u00a0") == (text[run_start] == "\u00a0"):
            previous = at
            continue
        # a run ends where the next is not adjacent, or where no-break spaces begin or end
        _invisible_run(text, run_start, previous + 1, edits)
        run_start = previous = at
    return edits


def _invisible_run(text: str, start: int, end: int, edits: list[Edit]) -> None:
    if text[start] == "\u00a0":
        at_edge = start == 0 or end == len(text)
        if at_edge or _NBSP_CONTEXT.match(text, start - 1) or _NBSP_CONTEXT.match(text, end):
            edits.append((start, end, " " * (end - start)))
        return
    beside_han = (start > 0 and _HAN_CHAR.match(text, start - 1)) or (end < len(text) and _HAN_CHAR.match(text, end))
    if beside_han:
        kept = ""
    else:
        spaceless = (start > 0 and _SPACELESS_SCRIPT.match(text, start - 1)) or (
            end < len(text) and _SPACELESS_SCRIPT.match(text, end)
        )
        kept = "".join(ch for ch in text[start:end] if ch in _JOINERS or spaceless and ch == _ZWSP)
    if kept != text[start:end]:
        edits.append((start, end, kept))


# --- whitespace -------------------------------------------------------------------
# What a trailing run is made of: spaces, and the typographic spaces that
# become spaces.  Not tabs: a TSV line ends in one where its last column is
# empty (张三\t18\t\n), and they are data.
_SPACES = CharTable([" ", *map(chr, range(0x2000, 0x200B)), "\u205f"])
# Where a line ends: a line feed (so \r\n too), the line and paragraph
# separators, which become line feeds (so a space before one goes in the same
# pass: "a \u2028b" -> "a\nb"), and the end of the text.  A lone \r is text,
# as it is to the command line's units (cli/units.py): 行\r尾  \r stays.  A \r
# before a line feed or a separator (which makes it \r\n), spaces that go
# between them, ends a line: the spaces before it go in the same pass too.
_NEWLINES = "\n\u2028\u2029"
_LINE_ENDS = CharTable(_NEWLINES + "\r")  # a \r only as _CR_ENDS_LINE says
_SPACE = regex_class(_SPACES.chars)
_LINE_END = f"(?:\r{_SPACE}*+)?[{_NEWLINES}]"
_CR_ENDS_LINE = LazyPattern(_LINE_END)
# Typographic spaces (U+2000-200A, U+205F) and the line and paragraph separators.
_ODD_SPACE_SET = CharTable([*map(chr, range(0x2000, 0x200B)), "\u205f", "\u2028", "\u2029"])
_ODD_SPACES = re.compile(regex_class(_ODD_SPACE_SET.chars))


# A short text (a line) is read by one expression: trailing runs of spaces,
# and the typographic spaces and separators (the table scans below cost a
# call each: 0.89 us a line of the Gutenberg and zhwiki texts against 0.67).
# A long one by the scans, in C.
SHORT_TEXT = 4096
# It starts with a class, so that re scans for it in C, and a run of spaces
# is tried from its first one only (linear in a long run); the empty group
# ``trailing`` says which alternative matched.
_WHITESPACE_WORK = re.compile(
    f"{regex_class(_SPACES.chars, extra=chr(0x2028) + chr(0x2029))}"
    f"(?:(?<={_SPACE})(?<!{_SPACE}{_SPACE}){_SPACE}*+(?={_LINE_END}|\\Z)(?P<trailing>)"
    f"|(?<={_ODD_SPACES.pattern}))"
)


def whitespace_edits(text: str) -> list[Edit]:
    """Trailing spaces out, typographic spaces to spaces, separators to newlines."""
    if len(text) <= SHORT_TEXT:
        return [
            (m.start(), m.end(), "" if m.group("trailing") is not None else _replacement(m.group()))
            for m in _WHITESPACE_WORK.finditer(text)
        ]
    trailing = _trailing_runs(text)
    edits: list[Edit] = [(start, end, "") for start, end in trailing]
    if _has_odd_spaces(text):
        k = 0
        for m in _ODD_SPACES.finditer(text):
            while k < len(trailing) and trailing[k][1] <= m.start():
                k += 1
            if k == len(trailing) or m.start() < trailing[k][0]:  # not in a run that goes
                edits.append((m.start(), m.end(), _replacement(m.group())))
    edits.sort()
    return edits


def _trailing_runs(text: str) -> list[tuple[int, int]]:
    """The runs of spaces at the end of a line or of ``text``: one table
    scan, in C (a substring search per sign, `` \\n``, ``\\t\\n``..., took
    2 ms over 2 MB of the zhwiki text, a regular expression stopping at
    every space 3.8), less those before a lone ``\\r``."""
    return [
        (start, end)
        for start, end in runs_before(text, _SPACES, _LINE_ENDS)
        if text[end : end + 1] != "\r" or _CR_ENDS_LINE.match(text, end)
    ]


def _has_odd_spaces(text: str) -> bool:
    return holds(text, _ODD_SPACE_SET)  # a table look-up a character, in C


def _replacement(found: str) -> str:
    """What a typographic space or a separator becomes."""
    return "\n" if found in "\u2028\u2029" else " "


# --- batches ----------------------------------------------------------------------
# For ``Cleaner.clean_batch`` (``_batch``): a character each rule starts from,
# so that a text without one is left as it is by the rule.  Spaces count
# before a line break or the end (a text's last space is before the line
# break that joins it to the next).
_STARTS = {
    "width": _FULLWIDTH_SET,
    "fullwidth": CharTable(",;:?!("),
    "ascii": CharTable(_TO_ASCII_CHARS),  # _FULLWIDTH_MARK's
    "invisible": _INVISIBLE_SET,
}


def changing(rule: str, joined: Joined) -> list[int]:
    """The texts of a batch joined by line breaks (``_batch.join``) that the
    normalization ``rule`` ("width", "invisible", "whitespace", or a
    punctuation direction) may change."""
    if rule != "whitespace":
        return matching(_STARTS[rule], joined)
    # Spaces at the end of a line (a text's last ones: before the break that
    # joins it to the next), found as the rule finds them in a long text (a
    # pattern stopping at every space took twice as long as the rule on
    # every line); each belongs to the text its last space is in.
    text, starts = joined
    found = set(matching(_ODD_SPACES, joined)) if _has_odd_spaces(text) else set()
    found.update(bisect.bisect_right(starts, end - 1) - 1 for _, end in _trailing_runs(text))
    return sorted(found)
