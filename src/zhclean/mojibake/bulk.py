"""Decoding a whole region in one pass, when that is exact.

Whole texts and long spans of mojibake are the common case of real damage;
decoding them in one C-speed pass is exact when every loss the right decoder
finds stands where the wrong one already lost something.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .charsets import BIG5_HKSCS, HYBRID, LOSS_STAND_INS, ORPHANED_TRAIL, SINGLE_BYTE
from .cuts import UNALIGNED, best_cut, encode
from .records import Known, Stretch
from .score import PLAUSIBLE, damaged_to_the_edges
from .structure import breaks
from .tables import class_of, class_table

if TYPE_CHECKING:
    from ._loops import Loops


def bulk(
    region: str, wrong: str, right: str, losses_in: int, loops: Loops, known: Known
) -> list[Stretch] | None:
    """The whole region decoded in one pass, or None when that is not exact.

    Whole texts and long spans of mojibake are the common case of real
    damage; decoding them in one C-speed pass is exact when every loss the
    right decoder finds stands where the wrong one already lost something:
    then there are no more runs of U+FFFD out than went in.  Anything else
    goes to the piece-by-piece ``_stretches``.
    """
    damaged = damaged_to_the_edges(region)
    if losses_in and right != "utf-8" and not (
        wrong == BIG5_HKSCS and damaged and ORPHANED_TRAIL.search(region) is None
    ):
        # Python's two-byte codecs may resume after a loss out of step (they
        # give up one byte).  The browsers' big5 gives up both bytes of a
        # pair it has no character for, unless the second is ASCII, which it
        # shows (an orphaned trail): without one, it is in step throughout,
        # and a region damaged to its edges is read whole.  (A span inside
        # correct text is left to the re-reading, which finds its edges: read
        # whole, its best part was a fragment, in 10 of 98 spans.)
        return None
    if wrong == HYBRID or wrong == SINGLE_BYTE and right != "utf-8":
        # Letters listed beside GBK or Big5 read as Latin-1 (Ää Öö after it),
        # pinyin, quotes (structure.own_characters): the pieces between them
        # are read whole, each on its own, as the piece-by-piece reading
        # leaves them out too.
        found = breaks(region, odd=wrong == SINGLE_BYTE, mixture=wrong == HYBRID)
        if found:
            return _between(region, sorted(found), wrong, right, loops, known)
    if wrong != SINGLE_BYTE and right == "utf-8" and not damaged:
        # Correct Chinese beside the damage re-encodes with a two-byte codec
        # too, and its bytes pass for UTF-8 now and then (。 in Big5 is A1 43:
        # a loss and a "C"): the edges need the piece-by-piece trimming.
        return None
    if losses_in:
        stand_in = LOSS_STAND_INS[wrong]
        if stand_in in region:
            return None  # which of them stood for a loss?
        region = region.replace("\ufffd", stand_in)
    try:
        data = encode(region, wrong, loops)
    except UnicodeEncodeError:
        return None
    head = 0
    if wrong == SINGLE_BYTE and right == "utf-8":
        # Text cut at a byte count may start inside a UTF-8 character too:
        # those bytes (a character each) stay as they are, as the piece-by-
        # piece reading leaves them, and the rest is read whole.
        while head < min(3, len(data)) and 0x80 <= data[head] < 0xC0:
            head += 1
        data = data[head:]
    decoded = data.decode(right, "replace")
    if losses_in and right != "utf-8":
        # The stand-in's bytes are a character of a two-byte codec (矘, F8 F8:
        # GBK's private-use U+E28B): each one back to the loss it stood for.
        seen = encode(stand_in, wrong, loops).decode(right, "replace")
        if len(seen) != 1 or decoded.count(seen) != losses_in:
            return None
        decoded = decoded.replace(seen, "\ufffd")
    text = loops.collapse_losses(decoded)
    after = loops.text_stats(text)
    # U+FFFD written as UTF-8 (EF BF BD) is a character, not a loss of this
    # layer: double-encoded text carries the first layer's losses that way.
    allowed = losses_in + (data.count(b"\xef\xbf\xbd") if right == "utf-8" else 0)
    if after.losses > allowed and not (
        right == "utf-8" and after.losses == allowed + 1 and text.endswith("\ufffd") and _cut_short(data)
    ):
        return None
    # A loss at an end, where the input has a likely character, is correct
    # text beside the mojibake that did not decode: the region is wider than
    # the damage.
    table = class_table()
    for out_end, in_end in ((text[:1], region[head : head + 1]), (text[-1:], region[-1:])):
        if out_end == "\ufffd" != in_end and class_of(table, in_end) >= PLAUSIBLE and not damaged:
            return None
        if damaged and wrong != SINGLE_BYTE and right == "utf-8" and _loses_alone(in_end, out_end, wrong, loops):
            # Damaged to its edges, but with a character of correct text at
            # an end whose two bytes re-read alone as a less likely one (千
            # beside UTF-8 read as GBK is C7 A7, UTF-8's ǧ): the
            # piece-by-piece reading trims it off.
            return None
    if right != "utf-8" and not damaged:
        # A two-byte decoder also turns correct text beside the mojibake into
        # other characters, without an error: keep the part that gains.
        return _gaining_part(region, wrong, text, right, loops)
    known[id(text)] = (text, after)
    return [Stretch(head, len(region), text, wrong, right)]


def _loses_alone(before: str, after: str, wrong: str, loops: Loops) -> bool:
    """Whether the character ``before`` re-reads alone as UTF-8, its bytes
    and no other's, as ``after``, a less likely character (by frequency
    class).  (GBK and Big5 read as each other make common characters of
    correct ones and of mojibake alike: no such test tells them apart.)"""
    if not before or not after or before == after or before == "\ufffd":
        return False
    try:
        same = encode(before, wrong, loops) == after.encode("utf-8")
    except UnicodeEncodeError:
        return False
    table = class_table()
    return same and class_of(table, after) < class_of(table, before)


def _between(
    region: str, breaks: list[tuple[int, int]], wrong: str, right: str, loops: Loops, known: Known
) -> list[Stretch] | None:
    """Each part of ``region`` between ``breaks`` decoded whole (bulk), in
    region indices; None when one of them is not exact."""
    found: list[Stretch] = []
    start = 0
    for break_start, break_end in breaks + [(len(region), len(region))]:
        if break_start > start:
            part = region[start:break_start]
            stretches = bulk(part, wrong, right, part.count("\ufffd"), loops, known)
            if stretches is None:
                return None
            found.extend(s._replace(start=s.start + start, end=s.end + start) for s in stretches)
        start = max(start, break_end)
    return found


def _cut_short(data: bytes) -> bool:
    """Whether ``data`` ends inside a UTF-8 character: text cut short, whose
    last bytes are one loss at the end (a page of UTF-8 read as Windows-1252
    and cut at a byte count: read piece by piece, 4 times slower)."""
    start = len(data) - 1
    while start > max(0, len(data) - 4) and 0x80 <= data[start] < 0xC0:
        start -= 1
    try:
        data[start:].decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start != 0 or error.reason != "unexpected end of data":
            return False
        # And what comes before it ends a character: an orphaned second byte
        # there joins the cut one in one loss, which then takes correct text
        # beside the damage (鍙戝竷会: 会 is BB E1, and 发布 came out 发布�).
        return not data[max(0, start - 4) : start].decode("utf-8", "replace").endswith("\ufffd")
    return False


def _gaining_part(region: str, wrong: str, text: str, right: str, loops: Loops) -> list[Stretch]:
    """The part of a whole-region re-decoding that gains in plausibility."""
    cut = best_cut(region, wrong, text, right, keep_start=False, keep_end=False, loops=loops)
    if cut is None or cut == UNALIGNED:
        return []
    in_start, in_end, out_start, out_end = cut
    return [Stretch(in_start, in_end, text[out_start:out_end], wrong, right)]
