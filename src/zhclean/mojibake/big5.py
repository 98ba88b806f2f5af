"""GBK read as Big5, by Python's big5 or by a browser's: which one made a text.

Python's big5 (and code page 950) and the browsers' Big5-HKSCS put the ETEN
extensions (kana, Cyrillic, circled numbers) at different bytes, so the same
kana stands for one GBK character read the one way and another read the
other (ロ: 千 or 情).  The loops' screen reads a text as Big5-HKSCS where it
holds a character only that decoder makes (charsets.BIG5_READ_AS_HKSCS).
Otherwise the kana vote (``big5_reading``), and where they do not decide,
the text is read both ways and each character the two readings make
differently is settled by its neighbours, or lost (``either_reading``).
"""
from __future__ import annotations

import re
from collections import Counter

from .._lazy import Lazy
from .charsets import (
    BIG5_HKSCS,
    BIG5_READ_AS_HKSCS,
    BIG5_UNDECIDED,
    CODEC_NAMES,
    SCREENED,
    WORD_SPANS,
)
from .records import Repair, Screened
from .tables import VOTES_BROWSER, VOTES_PYTHON, big5_votes, pair_classes

__all__ = ["big5_reading", "either_reading"]

# How many times the other's votes one reading's must be to decide: GBK read
# as Python's big5 or as the browsers', 60,000 characters of each external
# text (Gutenberg, Wikisource, zhwiki), showed the wrong reading's votes at
# 1/9 to 1/54 of the right one's (a lost byte puts a reading out of step,
# and rare characters are real text too).
BIG5_DOMINANCE = 4
# How many classes (each a doubling of jieba's count) the pair one reading's
# character makes with a neighbour must stand above the other's to settle
# it.  On 1,174 pieces of external text, whole and inside other text, read
# each way (benchmarks.mojibake_fuzz, seeds 20261202-4, 100 a family), the
# pairs settled 21 more exactly than losses alone, and no character wrong;
# a margin of 3 settled 4 more and 2 characters wrong.
PAIR_MARGIN = 4

# The screen's bits of the pairs that read a region's characters as Big5.
_BIG5_BITS = sum(1 << k for k, (wrong, _) in enumerate(SCREENED) if wrong == "big5")
# ... and of the spans the word test found read so (they vote for nothing,
# but are read both ways where the text is).
_BIG5_WORD_BITS = sum(WORD_SPANS << k for k, (wrong, _) in enumerate(SCREENED) if wrong == "big5")
# The characters the two Big5 readings write differently (tables.big5_votes).
_TWO_WAYS: Lazy[re.Pattern[str]] = Lazy(lambda: re.compile("[" + re.escape("".join(big5_votes())) + "]"))
# How a report names the decoder of a repair read both ways.
EITHER_BIG5 = f"{CODEC_NAMES['big5']} or {CODEC_NAMES[BIG5_HKSCS]}"


def big5_reading(text: str, screened: Screened) -> Screened:
    """``screened`` with the reading of Big5 the text's votes decide: where
    the screen saw no character of Big5-HKSCS alone (BIG5_READ_AS_HKSCS),
    the characters that the two readings write differently, in the regions
    read as Big5, vote (tables.big5_votes).  Where one reading has votes and
    BIG5_DOMINANCE times the other's, it is read so (Python's big5: as the
    screen left it); where such characters stand but neither does, the text
    is read both ways (BIG5_UNDECIDED)."""
    if not screened or screened[0][2] & BIG5_READ_AS_HKSCS:
        return screened  # one bit for all the text's regions
    votes = big5_votes()
    counts = Counter(
        votes[ch]
        for start, end, mask in screened
        if mask & _BIG5_BITS
        for ch in _TWO_WAYS.get().findall(text, start, end)
    )
    browser, python = counts[VOTES_BROWSER], counts[VOTES_PYTHON]
    if not counts or (python > 0 and python >= BIG5_DOMINANCE * browser):
        return screened
    if browser > 0 and browser >= BIG5_DOMINANCE * python:  # one bit for all the text's regions, as the screen sets it
        return [(start, end, mask | BIG5_READ_AS_HKSCS) for start, end, mask in screened]
    # Read both ways: only the regions read as Big5 at all (the others would
    # be repaired twice over for nothing).
    both = _BIG5_BITS | _BIG5_WORD_BITS
    return [(start, end, mask | BIG5_UNDECIDED if mask & both else mask) for start, end, mask in screened]


def either_reading(text: str, python: list[Repair], browser: list[Repair]) -> list[Repair]:
    """A region's repairs read with Python's Big5 (``python``) and with the
    browsers' (``browser``), where the text does not say which made it.

    Where the two split the region differently, the reading that repairs
    more of it (the other falls out of step sooner: a browser's text read as
    Python's Big5 left five characters of mojibake and made 聘 and 牵 where
    the browsers' reading repaired it all); Python's where they repair as
    much.  Where both repair the same span into as many characters, each
    character the two make differently is the one that forms the far
    commoner pair with a neighbour both agree on (疫情, not 疫千), or else a
    loss (one U+FFFD for a run of them), never a guess."""
    if _covered(browser) > _covered(python):
        python, browser = browser, python
    theirs = {(r.start, r.end): r.text for r in browser}
    starts = {r.start for r in python}
    ends = {r.end for r in python}
    kept = []
    for repair in python:
        other = theirs.get((repair.start, repair.end), repair.text)
        if other != repair.text and len(other) == len(repair.text):
            # A neighbour beyond the repair counts where it is the text's own,
            # not the mojibake of a repair that touches this one.
            outside = (repair.start not in ends, repair.end not in starts)
            repair = repair._replace(text=_settled(text, repair, other, outside), decoded_as=EITHER_BIG5)
        kept.append(repair)
    return kept


def _covered(repairs: list[Repair]) -> int:
    return sum(r.end - r.start for r in repairs)


def _settled(text: str, repair: Repair, other: str, outside: tuple[bool, bool]) -> str:
    ours = repair.text
    pairs = pair_classes()
    # Each character's neighbours where both readings agree on them (beyond
    # the repair: the text's own, where ``outside`` says so); "" where not.
    agreed = [a if a == b else "" for a, b in zip(ours, other)]
    before = [text[repair.start - 1 : repair.start] if outside[0] else ""] + agreed
    after = agreed[1:] + [text[repair.end : repair.end + 1] if outside[1] else ""]
    kept: list[str] = []
    for k, (one, two) in enumerate(zip(ours, other)):
        if one == two:
            kept.append(one)
            continue
        left, right = before[k], after[k]
        scores = [
            max(pairs.get(left + ch, 0) if left else 0, pairs.get(ch + right, 0) if right else 0)
            for ch in (one, two)
        ]
        if scores[0] >= scores[1] + PAIR_MARGIN:
            kept.append(one)
        elif scores[1] >= scores[0] + PAIR_MARGIN:
            kept.append(two)
        elif kept[-1:] != ["\ufffd"]:
            kept.append("\ufffd")
    return "".join(kept)
