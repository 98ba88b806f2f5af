"""Pure-Python twin of the mojibake kernel (``_mojibake.pyx``).

The scan (which regions of a text could be mojibake) and the statistics the
plausibility test reads are the two per-character loops; the twins each have
their own, with the same results.  What to do with a region found is shared
(``_mojibake_repair``).
"""
from __future__ import annotations

from ._charfreq import class_table, suspicious_table
from ._mojibake_repair import (
    CP1252_EXTRAS,
    Kernel,
    TextStats,
    check_text,
    collapse_losses,
    encode_single_byte,
    fix_with,
    report,
)
from ._mojibake_resync import resync
from ._mojibake_types import MojibakeFinding

__all__ = ["fix_mojibake", "mojibake_report"]

# Suspicious characters closer than this many characters apart belong to
# one cluster; a cluster needs this many suspicious characters.
MAX_GAP = 2
MIN_SUSPECTS = 2
# How far a region reaches past its outermost suspicious characters: mojibake
# also contains common characters (鏂伴椈 for 新闻 has 伴).
PAD_BEFORE = 6
PAD_AFTER = 7


def find_regions(text: str) -> list[tuple[int, int]]:
    """Regions of ``text`` that may hold mojibake, sorted and disjoint.

    Suspicious: rare characters and the leftovers of wrong decoders (see
    ``suspicious_table``), and a U+FFFD followed by ASCII from @ to ~: what
    a two-byte decoder leaves when it gives up the first byte of a pair and
    reads the second alone (GBK and Big5 read as each other: 發�G了).
    """
    check_text(text, "find_regions")
    table = suspicious_table()
    regions: list[tuple[int, int]] = []
    n = len(text)
    first = last = -1
    count = 0

    def flush() -> None:
        if count >= MIN_SUSPECTS:
            start = max(0, first - PAD_BEFORE)
            end = min(n, last + PAD_AFTER)
            # Losses at the edges belong to the damage: take them in whole.
            while start > 0 and text[start - 1] == "\ufffd":
                start -= 1
            while end < n and text[end] == "\ufffd":
                end += 1
            if regions and start <= regions[-1][1]:
                regions[-1] = (regions[-1][0], end)
            else:
                regions.append((start, end))

    for i, ch in enumerate(text):
        cp = ord(ch)
        if (cp < 0x10000 and table[cp]) or (cp == 0xFFFD and "\x40" <= text[i + 1 : i + 2] <= "\x7e"):
            if count and i - last - 1 > MAX_GAP:
                flush()
                count = 0
            if count == 0:
                first = i
            last = i
            count += 1
    flush()
    return regions


def text_stats(text: str) -> TextStats:
    check_text(text, "text_stats")
    table = class_table()
    non_ascii = class_sum = controls = losses = single_byte = wide = 0
    previous = 0
    for ch in text:
        cp = ord(ch)
        if cp < 0x80:
            if cp < 0x20 and ch not in "\t\n\r":
                controls += 1
        elif cp == 0xFFFD:
            losses += previous != 0xFFFD
        else:
            non_ascii += 1
            if cp < 0x10000:
                class_sum += table[cp]
            if cp < 0xA0:
                controls += 1
            if cp < 0x100 or cp in _CP1252_EXTRAS:
                single_byte += 1
            else:
                wide += 1
        previous = cp
    return TextStats(non_ascii, class_sum, controls, losses, single_byte, wide)


_CP1252_EXTRAS = frozenset(map(ord, CP1252_EXTRAS))
KERNEL = Kernel(find_regions, text_stats, collapse_losses, encode_single_byte, resync)


def fix_mojibake(text: str) -> str:
    """Repair Chinese text that was decoded with the wrong codec.

    Returns ``text`` itself when there is nothing to repair.

    >>> fix_mojibake("鍙戝竷浜嗘柊闂")
    '发布了新�'
    >>> fix_mojibake("·¢²¼ÁËÐÂÎÅ")
    '发布了新闻'
    >>> fix_mojibake("马丁·路德·金, 25°C±2, café")
    '马丁·路德·金, 25°C±2, café'
    """
    check_text(text, "fix_mojibake")
    return fix_with(text, KERNEL)


def mojibake_report(text: str) -> list[MojibakeFinding]:
    """What ``fix_mojibake`` would repair in ``text``, and what loss it cannot undo.

    Positions are indices into ``text``.
    """
    return report(text, KERNEL)
