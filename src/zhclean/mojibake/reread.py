"""GBK and Big5 read as each other with losses: re-read in step.

Python's CJK decoders give up one byte per error, a U+FFFD each, and go on
from the next byte; when that byte was the second half of a character, the
decoder pairs it with the first half of the next one and reads out of step
(会議強調 read as GBK is 穦某眏秸, but 要千方 is 璶�dよ, where ``d`` is the
second byte of 千).  The loops' ``resync`` re-reads such a region by dynamic
programming over its bytes; this module decides where to look and which of
its stretches to believe.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .charsets import ORPHANED_TRAIL
from .cuts import encode
from .records import Stretch, TextStats
from .score import least_evidence_at_least
from .tables import EDGE_MARGIN, PLAUSIBLE, class_of, class_table

if TYPE_CHECKING:
    from ._loops import Loops

# Regions closer than LOSS_BRIDGE characters, with a loss between them, are
# one region: lossy two-byte mojibake reads as real characters here and there
# (中 in Big5 is い in GBK), so the scan finds it in pieces.
LOSS_BRIDGE = 24
# How far past a region with losses GBK and Big5 read as each other is sought.
LOSS_REACH = 96
# The re-reading keeps a few dozen bytes of state per character: a long
# region goes in pieces of this many characters.
RESYNC_CHUNK = 1 << 14

# GBK and Big5 read as each other leave an orphaned ASCII second byte after
# 13-18% of their runs of losses when GBK is read as Big5 (most GBK second
# bytes Big5 rejects are 80-A0, lost too: 100 KB of Gutenberg, Wikisource,
# Wikipedia), 60-70% the other way; UTF-8 read as GBK, Big5 or Shift-JIS
# after under 1% (0.7% at most, on mixed-script Wikipedia read as Big5).
# Was 4, which missed GBK read as Big5: every other pair was tried on the
# whole of it first (five times the work).
OUT_OF_STEP_SHARE = 10


def reread_stretches(
    region: str, wrong: str, right: str, pin_start: bool, pin_end: bool, loops: Loops
) -> list[Stretch]:
    """The stretches of ``region`` the loops' ``resync`` re-reads that are worth believing.

    Each U+FFFD there is one lost byte; where they are twice as many as the
    other characters, or the re-reading loses more characters than it
    recovers, the text lost most of its bytes (UTF-8 read as Big5: 銝�鈭箔),
    and a re-reading as GBK or Big5 would only make characters up.
    """
    least = least_evidence_at_least(wrong, right)
    # The loops leave out what holds under ``least`` before the orphaned
    # tail goes (which only shortens a stretch): what this loop would drop
    # first, most of what GBK and Big5 read as each other give (18,212
    # stretches of 1 MB of GBK read as Big5, 807 kept; 10 ms of Python).
    found = loops.resync(region, wrong, right, EDGE_MARGIN, PLAUSIBLE, pin_start, pin_end, RESYNC_CHUNK, least)
    stretches = []
    for start, end, text in found:
        end, text = _release_orphaned_tail(region, start, end, loops.collapse_losses(text), wrong, loops)
        before = region[start:end]
        others_in = loops.text_stats(before).non_ascii  # U+FFFD apart
        if others_in < least:
            # Under the judge's least evidence, whatever the stretch: most
            # of the stretches of GBK and Big5 read as each other.
            continue
        lost_in, lost_out = before.count("\ufffd"), text.count("\ufffd")
        others_out = loops.text_stats(text).non_ascii
        if lost_in < 2 * others_in and lost_out < others_out:
            stretches.append(Stretch(start, end, text, wrong, right))
    return stretches


def _release_orphaned_tail(
    region: str, start: int, end: int, text: str, wrong: str, loops: Loops
) -> tuple[int, str]:
    """A re-read stretch that ends in a loss and then an ASCII character,
    the second byte of its last input character, ends before that character
    when it reads as likely text as it is: it is correct text beside the
    damage whose first byte the loss took (卻 is A8 6F in Big5: 伯�o, where
    the page had 伯 lost and then 卻)."""
    if len(text) < 2 or text[-2] != "\ufffd" or not text[-1].isascii() or end - start < 2:
        return end, text
    last = region[end - 1]
    if last.isascii() or class_of(class_table(), last) < PLAUSIBLE:
        return end, text
    try:
        data = encode(last, wrong, loops)
    except UnicodeEncodeError:
        return end, text
    if len(data) == 2 and data[1] == ord(text[-1]):
        return end - 1, text[:-1]
    return end, text


def out_of_step(region: str, stats: TextStats) -> bool:
    """Whether ``region`` looks like GBK and Big5 read as each other with
    losses: one in OUT_OF_STEP_SHARE or more of its losses left an orphaned
    second byte (UTF-8 read as GBK hardly ever does: its second bytes are
    not ASCII)."""
    if stats.losses < 2 or not stats.wide:
        return False
    return OUT_OF_STEP_SHARE * len(ORPHANED_TRAIL.findall(region)) >= stats.losses


def join_across_losses(text: str, regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join regions that a short stretch beside or holding a U+FFFD separates.

    Lossy mojibake is often scattered with characters that read as common
    (two-byte codecs read as each other give real characters, and a loss
    puts the reading out of step), so the scan finds it in pieces; but the
    bytes after a loss are only read right with the loss itself in view.
    """
    if "\ufffd" not in text:
        return list(regions)  # clean text: one search, not a look at each region
    joined: list[tuple[int, int]] = []
    lossy = False  # whether the last joined region holds a loss
    for start, end in regions:
        if joined and start - joined[-1][1] <= LOSS_BRIDGE:
            # A loss from the start of the joined region to this one's end:
            # in it (known), or from its end on (searched once, never the
            # whole joined region again: joining 8 MB of GBK read as Big5
            # took 1.7 s, the search running over all that was joined).
            after = text.find("\ufffd", joined[-1][1], end) != -1
            if lossy or after:
                joined[-1] = (joined[-1][0], end)
                lossy = True
                continue
        joined.append((start, end))
        lossy = text.find("\ufffd", start, end) != -1
    return joined
