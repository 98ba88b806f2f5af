"""What the repair reports: each repair it makes, and each loss it cannot undo."""
from __future__ import annotations

import operator
import re
from typing import TYPE_CHECKING, NamedTuple, Optional

from .._lazy import LazyPattern
from .._edits import Trace
from .charsets import LOSS_MARKER
from .repair import passes

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
    """The repairs ``fix`` makes in ``text`` with these loops, every pass of
    every round, placed in ``text``, and its losses, in order.  (A report of
    the first pass alone listed repairs the rounds after it undo: ężÃ\xad
    listed í, which the repair, finding Polish around it, does not make.)
    A repair a later pass makes inside an earlier one's is one finding
    with it, its replacement what the text becomes there."""
    repaired, made = passes(text, loops)
    trace = Trace(text)
    found: list[list] = []  # [start, end, replacement, encoding, decoded_as], in the input
    for pass_ in made:
        first = len(trace.edits)
        trace.step("mojibake", [(r.start, r.end, r.text) for r in pass_])
        for edit, repair in zip(trace.edits[first:], pass_):
            found.append([edit.start, edit.end, edit.after, repair.encoding, repair.decoded_as])
    found.sort(key=lambda f: (f[0], f[1]))
    merged: list[list] = []
    for finding in found:
        if merged and finding[0] < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], finding[1])
            merged[-1][2] = None  # read off the repaired text below
        else:
            merged.append(finding)
    unread = [finding for finding in merged if finding[2] is None]
    if unread:
        places = trace.positions([bound for finding in unread for bound in finding[:2]])
        for finding, start, end in zip(unread, places[::2], places[1::2]):
            finding[2] = repaired[start:end]
    findings = [
        MojibakeFinding("repaired", start, end, text[start:end], new, encoding, decoded_as)
        for start, end, new, encoding, decoded_as in merged
    ]
    # Made as tuples (a page of losses reports one every few characters, and
    # a NamedTuple's own constructor is a Python function).
    findings.extend(
        _finding(MojibakeFinding, ("loss", start, end, text[start:end], None, None, LOSS_KINDS[kind]))
        for start, end, kind in find_losses(text)
    )
    # By start, then kind: two sorted runs, merged (a key function of C).
    findings.sort(key=_BY_START_THEN_KIND)
    return findings


_BY_START_THEN_KIND = operator.itemgetter(1, 0)  # MojibakeFinding's start, kind
_finding = tuple.__new__


# --- loss that cannot be undone -------------------------------------------------


_CJK = "\u3400-\u9fff\uf900-\ufaff"
_IS_CJK = LazyPattern(f"[{_CJK}]")
# One alternative per marker, each a run matched whole: a match never
# re-reads what it consumed, so the scan is linear however long a run is.
# Whether a run of '?' stands beside a CJK character is checked after the
# match (a lookaround on an unbounded run re-scanned the rest of it at every
# position: ``"?" * 40000`` took 21 s).
# Possessive (``++``): nothing follows a run inside its alternative, and a
# greedy repeat of a group keeps a mark per repetition to backtrack to
# (mojibake_report of 锟斤拷 repeated: 175-201 MB/s up to 1 MB, 80-84 MB/s at
# 4 and 8 MB; possessive, 226-234 MB/s at every size).
# Each alternative is a run of one marker, with the character it starts
# with: those characters make a lookahead that comes first, so that the
# engine skips to them (a set it scans for) where it tried each alternative
# at every position: 23 ms for 1.6 MB of clean Gutenberg text, 4.9 with it;
# a MB of GBK read as Big5, 60,779 runs of U+FFFD, 33 ms and 19.
_LOSS_RUNS = {
    "kunjinkao": (LOSS_MARKER[0], f"(?:{LOSS_MARKER})++"),  # U+FFFD U+FFFD as UTF-8, read as GBK
    "tang": ("烫", "烫{3,}+"),  # 0xCC filler (MSVC uninitialised stack) read as GBK
    "tun": ("屯", "屯{3,}+"),  # 0xCD filler (MSVC uninitialised heap) read as GBK
    "replacement": ("\ufffd", "\ufffd++"),  # a decoder's replacement characters
    "question": ("?", "\\?{2,}+"),  # an encoder's '?' for what it could not write, beside CJK
}
_LOSS_MARKERS = LazyPattern(
    f"(?=[{re.escape(''.join(first for first, _ in _LOSS_RUNS.values()))}])"
    + "(?:" + "|".join(f"(?P<{name}>{run})" for name, (_, run) in _LOSS_RUNS.items()) + ")"
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
