"""Which codec pairs a region is read with, and in which order.

For each region, the (wrong, right) pairs that could have made its
characters, less those the loops' screen ruled out, ordered so that the
reading likeliest to settle the region comes first (the repair stops at a
reading that covers nearly all of it): UTF-8 first, then the kind of wrong
decoder that made most of the characters; the crawlers' mixture, Shift-JIS
and GBK and Big5 out of step first where their own form shows.
"""
from __future__ import annotations

from itertools import islice

from .._lazy import LazyPattern
from .charsets import (
    BIG5_HKSCS,
    BIG5_READ_AS_HKSCS,
    CODE_PAGE_CHARS,
    CODE_PAGES,
    CP1252_EXTRAS,
    GBK_WEB,
    HYBRID,
    OTHER_PAIRS,
    OTHER_UTF8,
    REREAD_AS,
    REREAD_FROM,
    RIGHT_CODECS,
    SCREENED,
    SCREENED_AS,
    SINGLE_BYTE,
    SINGLE_BYTE_CODECS,
)
from .records import TextStats
from .reread import out_of_step

__all__ = ["ordered_pairs"]

# A character a crawler's UTF-8 reading of GBK makes beside its Latin-1 ones
# (two bytes of UTF-8, the commonest: ʾ ͼ ָ), and that no single-byte
# decoder makes (ƒ is Windows-1252's 0x83).
_MIXTURE_ONLY = "[^\x00-\u00ff" + CP1252_EXTRAS + "\u0800-\U0010ffff]"
_HYBRID_CHAR = LazyPattern(_MIXTURE_ONLY)
# The mixture's form: such a character right beside a Latin-1 one that is
# not ASCII (ÎÂÜ°Ìáʾ: ʾ after á).  Real text in Greek, Cyrillic or Hebrew
# seldom puts é beside its letters; the mixture does it every few bytes.
# (Any of the two kinds first, the look-arounds after: a pattern that starts
# with a class is scanned for it in C.)
_HYBRID_BESIDE_LATIN = LazyPattern(
    f"[\u00a0-\u07ff](?:(?<=[\u00a0-\u00ff])(?={_MIXTURE_ONLY})|(?<={_MIXTURE_ONLY})(?=[\u00a0-\u00ff]))"
)
# How many times a region must show that form to be read as the mixture
# first, and at least once in how many characters: the mixture shows it once
# in 5 (Gutenberg's GBK read so, 168,000 characters: 31,215 times), UTF-8
# read as GBK by chance 3-4 times in 155,000 (GBK's own à and Cyrillic side
# by side), where trying the mixture first cost 8 s of a 10 s call.
HYBRID_FIRST_LEAST = 3
HYBRID_FIRST_SPAN = 100
# Half-width katakana: Shift-JIS reads bytes A1-DF alone as them, and no
# Chinese text holds them.
_HALF_WIDTH_KANA = LazyPattern("[\uff61-\uff9f]")

def ordered_pairs(
    region: str, stats: TextStats, mask: int, depth: int, document: str | None
) -> tuple[list[tuple[str, str]], bool]:
    """The pairs to read ``region`` with, in order, and whether the crawlers'
    mixture shows its form there (it is read first, and may settle it).
    ``mask``: the screen's verdict on the region; ``document``: GBK or Big5
    where the text has shown itself to be in that one (the other is not
    read from a single-byte decoder)."""
    pairs = [
        pair
        for pair in _codec_pairs(
            stats, region, depth, BIG5_HKSCS if mask & BIG5_READ_AS_HKSCS else "big5", bool(mask & OTHER_UTF8)
        )
        if _worth(pair, mask)
        and not (document and pair[0] == SINGLE_BYTE and pair[1] in REREAD_AS and pair[1] != document)
    ]
    # Counted only where the mixture is a reading at all (UTF-8 read as
    # Latin-1, 1 MB: the count took a quarter of the call), and only as far
    # as the bar (the mixture shows its form once in 5 characters).
    bar = max(HYBRID_FIRST_LEAST, -(-len(region) // HYBRID_FIRST_SPAN))
    shows = 0
    if any(wrong == HYBRID for wrong, _ in pairs):
        shows = len(list(islice(_HYBRID_BESIDE_LATIN.finditer(region), bar)))
    hybrid_first = shows >= bar
    if hybrid_first:
        # The crawlers' mixture, by its form: read as it first, and where
        # that settles nearly all the region, nothing else is read piece
        # by piece (a 60 KB page of it tried eleven pairs over the whole
        # page, pass after pass: 0.002 MB/s).
        pairs.sort(key=lambda pair: pair[0] != HYBRID)
    if stats.wide and _HALF_WIDTH_KANA.search(region):
        # Shift-JIS's own: UTF-8 it read settles there, and the other
        # readings of a long region cost ten times as much (Wikisource
        # in UTF-8 read as Shift-JIS, 115,000 characters: 3 s, 0.3 s).
        pairs.sort(key=lambda pair: pair[0] != "cp932")
    if out_of_step(region, stats):
        # GBK and Big5 read as each other first: when they settle it, the
        # rest is not worth a try.
        pairs.sort(key=lambda pair: not (pair[0] in REREAD_FROM and pair[1] in REREAD_AS))
    return pairs, hybrid_first


def _codec_pairs(
    stats: TextStats, region: str, depth: int = 0, big5: str = "big5", pages_worth: bool = True
) -> list[tuple[str, str]]:
    """(wrong, right) codec pairs that could have made the characters counted,
    UTF-8 first: it is the likeliest and its repairs are the surest.  Among
    the wrong codecs, the kind that made most of the characters first (a
    Latin-1 character or two in GBK-read UTF-8 are no reason to try it as
    Windows-1252 before GBK); GBK as browsers read it where a € may show a
    lone byte 0x80 (cuts.encode chooses for each € between 0x80 and A2 E3);
    Big5 as the codec ``big5`` (as the screen saw the text read); the code
    pages only where the screen left them worth a try (``pages_worth``:
    looking for their letters took a fifth of a call on UTF-8 read as GBK,
    whose у х т are theirs too)."""
    wrong = []
    if stats.single_byte:
        wrong.append(SINGLE_BYTE)
        if stats.wide and _HYBRID_CHAR.search(region):  # its characters are wide ones
            wrong.append(HYBRID)
    if stats.wide:
        # A code page first where its letters are most of the wide characters
        # (еҸӘжңү); after the two-byte codecs where they are a few that GBK made
        # from UTF-8 (у х т among 4,700 characters of sample 003 read as GBK:
        # tried first, three code pages cost 0.4 s before GBK settled it).
        pages = [codec for codec in CODE_PAGES if pages_worth and CODE_PAGE_CHARS[codec].search(region)]
        first = [codec for codec in pages if 2 * len(CODE_PAGE_CHARS[codec].findall(region)) >= stats.wide]
        wrong.extend(first)
        wrong.extend((GBK_WEB, "gb18030") if "\u20ac" in region else ("gb18030",))
        wrong.extend((big5, "cp932"))
        wrong.extend(codec for codec in pages if codec not in first)
        if stats.wide > stats.single_byte and wrong[0] == SINGLE_BYTE:
            wrong.append(wrong.pop(0))
    if depth:
        # The layer under UTF-8 read by a single-byte decoder can only be that
        # again (double encoding): ı and ü left by the first layer are no
        # crawler's GBK (HÄ±rsÄ±zÄ± is Hırsızı, not H谋rs谋z谋).
        wrong = [codec for codec in wrong if codec in SINGLE_BYTE_CODECS]
    pairs = [(w, r) for w in wrong for r in RIGHT_CODECS[w]]
    if depth:
        pairs = [(w, r) for w, r in pairs if r == "utf-8"]
    if GBK_WEB in wrong:
        pairs.remove(("gb18030", "utf-8"))  # the browsers' reading covers Python's
    pairs.sort(key=lambda pair: pair[1] != "utf-8")
    return pairs


def _worth(pair: tuple[str, str], mask: int) -> bool:
    """Whether the screen's ``mask`` leaves ``pair`` worth a try."""
    pair = (SCREENED_AS.get(pair[0], pair[0]), pair[1])
    if pair in SCREENED:
        return bool(mask & 1 << SCREENED.index(pair))
    return bool(mask & (OTHER_UTF8 if pair[1] == "utf-8" else OTHER_PAIRS))
