"""The crawlers' mixture: GBK bytes read as UTF-8 where valid, Latin-1 elsewhere.

Re-encoding such text is ambiguous: ``ø`` is byte F8 read as Latin-1, or
C3 B8 read as UTF-8 (好个 is BA C3 B8 F6: BA alone, then C3 B8 as ø, then
F6); ``‘`` is byte 91 or E2 80 98.  Which one the crawler saw is the one whose
bytes read as GBK best, so the bytes are chosen by dynamic programming over
the characters: each character's possible byte strings, a GBK decoder
pairing the bytes as it goes, each character out scored by its frequency
class.  Linear in the length of the region (a state is the lead byte
waiting for its second byte, if any).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .charsets import decode_table
from .records import HybridCosts, HybridOption
from .tables import class_table

if TYPE_CHECKING:
    from ._loops import Loops

# What a lead byte left without a second byte, or a pair GBK does not
# define, costs: far more than any character gains, so a reading that keeps
# the bytes in step always wins.
BROKEN = -64
# Each character out scores its class less this: common ones gain, rare ones
# (what bytes out of step make) lose, so that a reading with more bytes is
# not better for making more characters (ÎÂ as CE C3 82 made 蚊傑).
BASE = 10
# A byte the crawler read alone that UTF-8 would have taken with the next
# (DC then B0 is ܰ in UTF-8): the crawler's decoder would not have, unless a
# buffer ended between them (ÎÂÜ°Ìáʾ).  Possible, so a cost, not a bar.
UNLIKELY = -6
# Reading a Latin-1 character as two bytes of UTF-8 (ø as C3 B8) rather than
# as its own byte: the rarer of the two, so it must pay for itself.
LATIN_AS_UTF8 = -4
# An ASCII byte that could close a GBK character (40-7E), read alone between
# two characters that are not ASCII: in GBK it is far likelier the second
# byte of a character (閑 is E9 65, read as é then e: taken for 茅 then e, a
# common character and a stray letter, it invented 茅e for 閑 all through
# Gutenberg's Traditional text in the mixture).
ASCII_ALONE = -6
# A character the page wrote in UTF-8 itself, beside the mixture (the page
# mixes GBK and UTF-8: 中图 in GBK, then 分类号 in UTF-8, came out
# ÖÐͼ分类号): the crawler read its three bytes as UTF-8, and got it right.
# Kept as it is, it scores as itself, between whole GBK characters only.
# Reading its bytes as GBK instead makes rare characters out of step (分类号
# as 垎绫诲彿), so a common character stays; the mixture's own characters of
# three UTF-8 bytes (GBK bytes that happen to form UTF-8: 涓, 鍙) are rare,
# and their bytes read as GBK make common ones.
OWN = 0
COSTS = HybridCosts(BROKEN, BASE, UNLIKELY, ASCII_ALONE)
# Each character's readings, as found (the same for both loops modules):
# entries are only ever added, whole, so threads may share the dictionary;
# the limit bounds the memory random input can take (the characters of the
# Basic Plane and the first supplementary one).
KNOWN_READINGS_LIMIT = 1 << 17
_KNOWN_READINGS: dict[str, list[HybridOption]] = {}


def _options(ch: str, loops: Loops) -> list[tuple[bytes, bool]]:
    """The bytes ``ch`` can have been read from, each with whether it is the
    page's own character (then: its GBK bytes, which read back as itself)."""
    options = []
    try:
        options.append((loops.encode_single_byte(ch), False))
    except UnicodeEncodeError:
        pass
    if ch >= "\x80" and ch != "\ufffd" and not "\ud800" <= ch <= "\udfff":
        options.append((ch.encode("utf-8"), False))
    if ch >= "\u0800" and not "\ud800" <= ch <= "\udfff":
        try:
            own = ch.encode("gbk")
        except UnicodeEncodeError:
            pass
        else:
            if len(own) == 2:
                options.append((own, True))
    return options


def hybrid_bytes(text: str, loops: Loops) -> list[bytes | None]:
    """For each character of ``text``, the bytes the crawler read it from
    (None where no reading fits: a U+FFFD, a lone surrogate), or for a
    character the page wrote itself (``OWN``), its GBK bytes: the text's
    bytes read as GBK give the repair, the page's own characters unchanged.
    The choice is the loops' (``hybrid_path``, a step per character in C)."""
    readings = {ch: _readings(ch, loops) for ch in set(text)}  # a page holds a few hundred distinct characters
    return loops.hybrid_path(text, readings, decode_table("gb18030"), class_table(), COSTS)


def _readings(ch: str, loops: Loops) -> list[HybridOption]:
    """``ch``'s options with their costs, worked out once per process (a
    region is read as the mixture several times, and so are its pieces:
    4,517 characters worked out for 250 KB of Gutenberg's GBK so read)."""
    found = _KNOWN_READINGS.get(ch)
    if found is None:
        found = [
            (
                data,
                OWN if own else LATIN_AS_UTF8 if len(data) == 2 and ch <= "\xff" else 0,
                data[0] if len(data) == 1 and 0xC2 <= data[0] <= 0xDF else -1,
                not own and 0x80 <= data[0] <= 0xBF,
                own,
            )
            for data, own in _options(ch, loops)
        ]
        if len(_KNOWN_READINGS) < KNOWN_READINGS_LIMIT:
            _KNOWN_READINGS[ch] = found
    return found
