"""The records passed between the stages of the mojibake repair."""
from __future__ import annotations

from typing import Dict, List, NamedTuple, Tuple


class TextStats(NamedTuple):
    """What the statistics loop counts in a text."""

    non_ascii: int  # characters outside ASCII, U+FFFD excepted
    class_sum: int  # sum of their frequency classes
    controls: int  # C0 (but tab and newlines) and C1 controls
    losses: int  # runs of U+FFFD
    single_byte: int  # characters a single-byte decoder makes (U+0080-U+00FF, CP1252_EXTRAS)
    wide: int  # other characters, U+FFFD excepted


class Stretch(NamedTuple):
    """A stretch of a region that decodes with the right codec."""

    start: int  # region indices of the input characters replaced
    end: int
    text: str  # what replaces them
    wrong: str
    right: str


class Repair(NamedTuple):
    """A repair to make in a text."""

    start: int
    end: int
    text: str
    encoding: str  # the codec the text really was in
    decoded_as: str  # the codec it was wrongly decoded with
    structural: bool = False  # believed for its form alone (structure.unmistakable_utf8)
    wrong: str = ""  # the wrong codec, as charsets names it


# Statistics already computed in one region's repair, by id() of the text;
# the text is kept with them, so that its id cannot be another's after it
# is freed.
Known = Dict[int, Tuple[str, TextStats]]
# A value computed of a text, by id() of the text, kept with it likewise.
Shares = Dict[int, Tuple[str, float]]
# The loops' screen of a text's regions: (start, end, mask of the pairs worth a try).
Screened = List[Tuple[int, int, int]]


# One reading of a character in the crawlers' mixture (hybrid): its bytes,
# what it costs, the byte it leaves read alone as a two-byte UTF-8 lead (or
# -1), whether it starts with a continuation byte, whether it is the page's
# own character.
HybridOption = Tuple[bytes, int, int, bool, bool]


class HybridCosts(NamedTuple):
    """The mixture's costs (hybrid owns their values), as the loops take them."""

    broken: int  # a lead byte left without its second byte, or a pair GBK does not define
    base: int  # taken from each character's class
    unlikely: int  # a continuation byte after a byte read alone as a UTF-8 lead
    ascii_alone: int  # a lone ASCII byte between two characters that are not ASCII, read alone
