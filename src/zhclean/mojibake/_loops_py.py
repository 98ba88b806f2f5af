"""The mojibake loops in pure Python: the twin of ``_loops_c.pyx``.

Every per-character loop of the mojibake repair, with the same results as
the compiled ones for every ``str``: the scan for regions worth a look, the
statistics the plausibility test reads, each character's class, the
collapsing of loss runs, the single-byte encoder, and (re-exported) the
reading of the crawlers' mixture (``_hybrid_py``) and the re-reading of GBK
and Big5 read as each other with losses (``_resync_py``).  The repair
(``repair`` and the modules it calls) receives one of the two loops modules
and calls nothing else per character.  This module imports only tables;
arguments were checked by the facade.
"""
from __future__ import annotations

import codecs
import re
from array import array

from ._hybrid_py import hybrid_path  # the crawlers' mixture: a loops module of its own
from ._resync_py import resync  # the re-reading: a loops module of its own
from ._screen_py import screen, word_windows  # the screen of regions: a loops module of its own
from .charsets import CP1252_EXTRAS, EURO_BYTES, SINGLE_BYTE_MAP, euro_by_utf8
from .records import TextStats
from .tables import (
    CONTINUATION,
    EVERY_CLASS,
    LEAD,
    MAX_GAP,
    MIN_SUSPECTS,
    PAD_AFTER,
    PAD_BEFORE,
    SUSPECT,
    class_table,
    scan_table,
)

__all__ = [
    "class_bytes", "collapse_losses", "encode_single_byte", "euro_choices", "find_regions", "hybrid_path", "resync",
    "scan_and_screen", "screen", "text_stats", "word_windows",
]

_CP1252_EXTRAS = frozenset(map(ord, CP1252_EXTRAS))
_LOSS_RUN = re.compile("\ufffd{2,}")
_NOT_SINGLE_BYTE = re.compile(f"[^\x00-\xff{CP1252_EXTRAS}]")


def find_regions(text: str) -> list[tuple[int, int]]:
    """Regions of ``text`` that may hold mojibake, sorted and disjoint.

    Suspicious: rare characters and the leftovers of wrong decoders (see
    ``suspicious_table``); a single-byte decoder's UTF-8 lead before its
    continuation, and that continuation (Ã©); and a U+FFFD followed by
    ASCII from @ to ~: what a two-byte decoder leaves when it gives up the
    first byte of a pair and reads the second alone (GBK and Big5 read as
    each other: 發�G了).
    """
    table = scan_table()
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

    previous = 0  # the scan bits of the character before
    for i, ch in enumerate(text):
        cp = ord(ch)
        bits = table[cp] if cp < 0x10000 else 0
        following = text[i + 1 : i + 2]
        if (
            bits & SUSPECT
            or (bits & LEAD and following and ord(following) < 0x10000 and table[ord(following)] & CONTINUATION)
            or (bits & CONTINUATION and previous & LEAD)
            or (cp == 0xFFFD and "\x40" <= following <= "\x7e")
        ):
            if count and i - last - 1 > MAX_GAP:
                flush()
                count = 0
            if count == 0:
                first = i
            last = i
            count += 1
        previous = bits
    flush()
    return regions


def scan_and_screen(text: str) -> list[tuple[int, int, int]]:
    """``screen(text, find_regions(text))`` (the compiled loop passes the
    regions in C)."""
    return screen(text, find_regions(text))


def text_stats(text: str) -> TextStats:
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


def class_bytes(text: str) -> bytes:
    """The frequency class of each character of ``text``, one byte each
    (ASCII and astral characters 0)."""
    return bytes(map(EVERY_CLASS.get().__getitem__, map(ord, text)))


def collapse_losses(text: str) -> str:
    """One U+FFFD for each run of them; ``text`` itself when there is no run."""
    if "\ufffd\ufffd" not in text:
        return text
    return _LOSS_RUN.sub("\ufffd", text)


def encode_single_byte(text: str, others: int = -1) -> bytes:
    """The bytes a single-byte decoder (Latin-1, either Windows-1252) read as
    ``text``; UnicodeEncodeError at the first character none of them makes,
    or with ``others`` (a byte), that byte for each such character."""
    if others >= 0:
        text = _NOT_SINGLE_BYTE.sub(chr(others), text)  # chr(b) is byte b (SINGLE_BYTE_MAP holds Latin-1)
    return codecs.charmap_encode(text, "strict", SINGLE_BYTE_MAP)[0]


def euro_choices(text: str, encoded: array, pair_first: bool, stand_in: str) -> bytes:
    """For each € of ``text`` in turn, the bytes the browsers' GBK read it
    from, as ``cuts._web_gbk`` chooses them: 0 for byte 80, 1 for A2 E3, 2
    where that choice is left to the caller (a neighbour of four bytes or
    past the BMP, or a € before it left so).  ``encoded``: the gb18030
    encode table (charsets.encode_table); ``pair_first``: A2 E3 wins a tie
    (the text shows losses); ``stand_in``: the loss stand-in, which ends
    what follows a € as a loss does."""
    found = bytearray()
    chosen: dict[int, int] = {}
    k = text.find("\u20ac")
    while k != -1:
        choice = 2
        parts = [  # None: bytes not looked at here (a € before it left to the caller is one)
            (EURO_BYTES[chosen[j]] if chosen[j] < 2 else None) if j in chosen else _gb_bytes(text[j], encoded)
            for j in range(max(0, k - 3), k)
        ]
        following: list[bytes | None] = []
        open_end = False
        for ch in text[k + 1 : k + 4]:
            part = b"" if ch == stand_in else _gb_bytes(ch, encoded)
            if part == b"":  # a loss (or its stand-in): what follows may have lost bytes
                open_end = True
                break
            following.append(part)
        if None not in parts and None not in following:
            before = b"".join(parts)[-6:]  # type: ignore[arg-type]  # no None: checked
            choice = euro_by_utf8(before, b"".join(following), open_end, pair_first)  # type: ignore[arg-type]
        found.append(choice)
        chosen[k] = choice
        k = text.find("\u20ac", k + 1)
    return bytes(found)


def _gb_bytes(ch: str, encoded: array) -> bytes | None:
    """``ch``'s bytes in the encode table: b"" for none (a loss, a lone
    surrogate), None for bytes euro_choices does not look at (four of them,
    or a character past the BMP)."""
    cp = ord(ch)
    if cp == 0xFFFD or 0xD800 <= cp <= 0xDFFF:
        return b""
    if cp >= 0x10000 or encoded[cp] < 0:
        return None
    value = encoded[cp]
    return bytes([value]) if value < 0x100 else bytes([(value >> 8) & 0xFF, value & 0xFF])
