"""What the repair reports: each repair it makes, and each loss it cannot undo."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple, Optional

from .charsets import LOSS_MARKER, WORD_SPANS_ANY
from .repair import overlaps, repair_regions, screen_regions, word_repairs
from .runs import unmistakable_runs

if TYPE_CHECKING:
    from ._loops import Loops


class MojibakeFinding(NamedTuple):
    """One repair ``fix_mojibake`` makes, or one loss it cannot undo.

    ``kind`` is ``"repaired"`` (``replacement`` is what ``text`` becomes;
    ``encoding`` is the codec the bytes were really in, ``decoded_as`` the one
    they were wrongly decoded with) or ``"loss"`` (``decoded_as`` describes
    the loss; ``replacement`` and ``encoding`` are None).  ``start`` and
    ``end`` index the input text.
    """

    kind: str
    start: int
    end: int
    text: str
    replacement: Optional[str]
    encoding: Optional[str]
    decoded_as: Optional[str]


def report(text: str, loops: Loops) -> list[MojibakeFinding]:
    """The repairs ``fix`` makes in ``text`` with these loops (its first
    pass over the regions, the short spans the word test proves and the
    short runs proven by their form), and its losses, in order."""
    regions = loops.find_regions(text)
    screened = screen_regions(text, regions, loops) if regions else []
    made = repair_regions(text, [], loops, screened=screened)
    if any(mask & WORD_SPANS_ANY for _, _, mask in screened):
        spans = [(r.start, r.end) for r in made]
        made = sorted(made + word_repairs(text, loops, spans, None if made else screened), key=lambda r: r.start)
    repairs = [(r.start, r.end, r.text, r.encoding, r.decoded_as) for r in made]
    taken = [(start, end) for start, end, *_ in repairs]  # sorted, disjoint
    repairs += [run for run in unmistakable_runs(text, loops) if not overlaps(run[0], run[1], taken)]
    findings = [
        MojibakeFinding("repaired", start, end, text[start:end], new, encoding, decoded_as)
        for start, end, new, encoding, decoded_as in repairs
    ]
    for start, end, kind in find_losses(text):
        findings.append(MojibakeFinding("loss", start, end, text[start:end], None, None, LOSS_KINDS[kind]))
    findings.sort(key=lambda f: (f.start, f.kind))
    return findings


# --- loss that cannot be undone -------------------------------------------------


_CJK = "\u3400-\u9fff\uf900-\ufaff"
_IS_CJK = re.compile(f"[{_CJK}]")
# One alternative per marker, each a run matched whole: a match never
# re-reads what it consumed, so the scan is linear however long a run is.
# Whether a run of '?' stands beside a CJK character is checked after the
# match (a lookaround on an unbounded run re-scanned the rest of it at every
# position: ``"?" * 40000`` took 21 s).
# Possessive (``++``): nothing follows a run inside its alternative, and a
# greedy repeat of a group keeps a mark per repetition to backtrack to
# (mojibake_report of 锟斤拷 repeated: 175-201 MB/s up to 1 MB, 80-84 MB/s at
# 4 and 8 MB; possessive, 226-234 MB/s at every size).
_LOSS_MARKERS = re.compile(
    f"(?P<kunjinkao>(?:{LOSS_MARKER})++)"  # U+FFFD U+FFFD as UTF-8, read as GBK
    "|(?P<tang>烫{3,}+)"  # 0xCC filler (MSVC uninitialised stack) read as GBK
    "|(?P<tun>屯{3,}+)"  # 0xCD filler (MSVC uninitialised heap) read as GBK
    "|(?P<replacement>\ufffd++)"  # a decoder's replacement characters
    "|(?P<question>\\?{2,}+)"  # an encoder's '?' for what it could not write, beside CJK
)
LOSS_KINDS = {
    "kunjinkao": "U+FFFD encoded as UTF-8 and read as GBK (锟斤拷)",
    "tang": "uninitialised memory (0xCC) shown as GBK (烫)",
    "tun": "uninitialised memory (0xCD) shown as GBK (屯)",
    "replacement": "characters a decoder replaced with U+FFFD",
    "question": "characters an encoder replaced with '?'",
}


def find_losses(text: str) -> list[tuple[int, int, str]]:
    found = []
    for m in _LOSS_MARKERS.finditer(text):
        start, end, kind = m.start(), m.end(), m.lastgroup or ""
        if kind == "question" and not (_IS_CJK.match(text, start - 1) if start else False) and not _IS_CJK.match(text, end):
            continue
        found.append((start, end, kind))
    return found
