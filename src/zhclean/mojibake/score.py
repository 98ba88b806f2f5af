"""How likely a text is to be real text: the plausibility model of the repair.

One question, answered in one place: does a re-decoding read as far more
likely Chinese than what it replaces?  The answer is read off the frequency
classes of ``tables`` (1 rare to 15 common) as counted by the statistics
loop, with the thresholds below; every other stage asks here.
"""
from __future__ import annotations


from .charsets import HYBRID, ORPHANED_TRAIL, SINGLE_BYTE
from .records import Stretch, TextStats
from .tables import (
    EVERY_CLASS,
    GAIN,
    LEAST_TWO_BYTE_EVIDENCE_UNMARKED,
    PLAUSIBLE,
    VERY_PLAUSIBLE,
    class_of,
    class_table,
)

# Any other repair must span this many input characters: 発 -> 逃 alone
# looks like a gain and is not.
LEAST_EVIDENCE = 3
# How many non-ASCII characters a GBK <-> Big5 repair must span when two
# second bytes orphaned by a loss show the damage (LEAST_TWO_BYTE_EVIDENCE_
# UNMARKED without them: see tables, where the screen of the loops reads it).
LEAST_TWO_BYTE_EVIDENCE = 4
# A mean class gain of this much or more is "far more likely".
LEAST_GAIN = float(GAIN)
# A character the same as the one before it adds nothing to the evidence of
# a GBK <-> Big5 repair: reduplicated words passed the bar of six characters
# with two or three (OpenCC's dictionary line 蒙蒙懂懂<tab>懞懞懂懂 came out
# 蒙蒙来来<tab>扃扃来来, 傑傑矇矇矓矓 came out 城城茅茅娘娘; 205 of 30,000
# strings of three or four doubled characters of real text were changed).
# Counted in stretches with fewer non-ASCII characters than this; a longer
# one passes the bar either way, and is judged on its reading.
REPEATS_COUNTED_BELOW = 4 * LEAST_TWO_BYTE_EVIDENCE_UNMARKED
# And in such a stretch, its distinct characters past ASCII, and
# DISTINCT_SLACK more, bound the evidence: a word list's lines of one word
# (jieba's dictionary: 旮 旮旮旯旯 旮旯 旮旯儿 旯, eleven characters of three,
# came out 深深身身 深身 深身�) are little more evidence than those few
# characters, where real text repeats a word or two (重癥轉危重癥, six of
# four, is GBK read as Big5 in the corpus's cases).  Where under half its
# characters are distinct, only those count: jionlp's character dictionary
# line 豸<tab>豸<tab>0<tab>20222<tab>丿丶丶丿亅丿丿<tab>豸, ten of four, came out
# 摔 摔 评瓶瓶评屏评评 摔 (read as Big5-HKSCS from GBK).
DISTINCT_SLACK = 2


def plausible_gain(before: TextStats, after: TextStats, new_losses: int) -> bool:
    """Whether ``after`` reads as far more likely text than ``before``;
    ``new_losses``: how many runs of U+FFFD inside ``after`` the repair made
    (see ``interior_losses``)."""
    if after.non_ascii < 2 or after.controls > before.controls:
        return False
    if new_losses > after.non_ascii:
        return False  # more newly lost than recovered: no evidence of a repair
    mean_after = after.class_sum / after.non_ascii
    mean_before = before.class_sum / before.non_ascii if before.non_ascii else 0.0
    return reads_well(after) and mean_after - mean_before >= LEAST_GAIN


def interior_losses(text: str, stats: TextStats) -> int:
    """Runs of U+FFFD inside ``text``, not at either end (``stats``: the
    text's, which count the runs).  A loss at an end is
    a character cut by the edge of the damage: counted, a loss that a
    neighbouring repair wrote there would decide whether the next text is
    repaired (each call of fix_mojibake repaired one more copy of a repeated
    text, the loss the last repair wrote beside it tipping the count).
    (A pattern's list of the runs took a quarter of a call on UTF-8 read as
    GBK with losses.)"""
    if not stats.losses:
        return 0
    return max(0, stats.losses - (text[0] == "\ufffd") - (text[-1] == "\ufffd"))


def least_evidence_at_least(wrong: str, right: str) -> int:
    """The lowest bar ``least_evidence`` sets a stretch of these codecs, what
    it holds aside: a stretch under it is dropped before any other work."""
    if right == "utf-8" or wrong in (SINGLE_BYTE, HYBRID):
        return LEAST_EVIDENCE
    return LEAST_TWO_BYTE_EVIDENCE


def least_evidence(stretch: Stretch, before: str) -> int:
    """How many characters (non-ASCII ones, for multi-byte wrong decoders) a
    repair must span to be believed.

    UTF-8 is self-checking: a re-decoding that holds is evidence from three
    characters on (never one or two: 発 -> 逃 looks like a gain).  GBK and
    Big5 accept almost any byte pair, so one read as the other always
    "decodes": without structure to check, only a longer run is evidence
    (classical text is full of rare characters that re-decode as common
    ones: 觴爵醪 -> 乱里馬).  Unless the losses show the structure: two
    second bytes orphaned by a loss (亦推お�G�u亥 is 亦推云... read as GBK)
    are what only a two-byte decoder out of step leaves.
    """
    least = least_evidence_at_least(stretch.wrong, stretch.right)
    if least == LEAST_EVIDENCE:
        return least
    if before.count("\ufffd") >= 2 and len(ORPHANED_TRAIL.findall(before)) >= 2:  # a count first: at memory speed
        return LEAST_TWO_BYTE_EVIDENCE
    return LEAST_TWO_BYTE_EVIDENCE_UNMARKED


def two_byte_evidence(before: str, non_ascii: int) -> int:
    """The evidence a GBK <-> Big5 stretch ``before`` gives, with ``non_ascii``
    characters past ASCII (U+FFFD apart): those characters, less each that
    repeats the one before it, and no more than DISTINCT_SLACK over how
    many distinct ones there are (see REPEATS_COUNTED_BELOW)."""
    if non_ascii >= REPEATS_COUNTED_BELOW:
        return non_ascii
    repeats = sum(1 for a, b in zip(before, before[1:]) if a == b and a > "\x7f" and a != "\ufffd")
    distinct = distinct_past_ascii(before)
    if 2 * distinct < non_ascii:
        return distinct  # most of it repeats what it holds already: a list, a table
    return min(non_ascii - repeats, distinct + DISTINCT_SLACK)


def distinct_past_ascii(text: str) -> int:
    """How many distinct characters past ASCII ``text`` holds, U+FFFD apart
    (the set built in C first: a stretch may be a megabyte long)."""
    return len({ch for ch in set(text) if ch > "\x7f"} - {"\ufffd"})


def reads_very_well(stats: TextStats) -> bool:
    """The bar for a re-decoding nothing structural vouches for: text made of
    GBK's UTF-8 mojibake (浣 娴 瑙, real if uncommon characters) reads as
    middling; real text reads better than that."""
    return stats.non_ascii > 0 and stats.class_sum >= VERY_PLAUSIBLE * stats.non_ascii


def reads_well(stats: TextStats) -> bool:
    """Whether text reads as real text: a mean class of PLAUSIBLE or more."""
    return stats.non_ascii > 0 and stats.class_sum >= PLAUSIBLE * stats.non_ascii


def damaged_to_the_edges(region: str) -> bool:
    """Whether the characters that say anything (not ASCII, not U+FFFD) at
    both ends of ``region`` read as unlikely ones, four at a time: mojibake
    from end to end, as a whole text read with the wrong codec is, not a
    span inside correct text.  (One alone can mislead: 鏈 is real, and
    common.)"""
    table = class_table()

    def first_four(chars) -> list[int]:
        found = []
        for ch in chars:
            if ch > "\x7f" and ch != "\ufffd":
                found.append(class_of(table, ch))
                if len(found) == 4:
                    break
        return found

    head = first_four(region)
    if not head or sum(head) >= PLAUSIBLE * len(head):
        return False  # (the tail is not looked at: most regions inside correct text)
    tail = first_four(reversed(region))
    return sum(tail) < PLAUSIBLE * len(tail)


def class_sum(text: str) -> int:
    """The sum of the frequency classes of ``text``'s BMP characters."""
    # Every code point's class (ASCII and astral ones 0), looked up by C
    # iterators: a Python step per character had been a tenth of a repair.
    return sum(map(EVERY_CLASS.get().__getitem__, map(ord, text)))
