"""The mojibake loops in pure Python: the twin of ``_loops_c.pyx``.

Every per-character loop of the mojibake repair, with the same results as
the compiled ones for every ``str``: the scan for regions worth a look, the
statistics the plausibility test reads, the collapsing of loss runs, the
single-byte encoder, and the re-reading of GBK and Big5 read as each other
with losses.  The repair (``repair`` and the modules it calls) receives one
of the two loops modules and calls nothing else per character.  This module
imports only tables; arguments were checked by the facade.
"""
from __future__ import annotations

import codecs
import re

from .charsets import (
    BARRIER, CP1252_EXTRAS, REREAD_AS, REREAD_FROM, SINGLE_BYTE_MAP, UNKNOWN,
    decode_table, encode_table, is_lead, is_trail,
)
from .records import TextStats
from .tables import (
    LOST_CLASS, MAX_GAP, MIN_SUSPECTS, PAD_AFTER, PAD_BEFORE, SCALE, THROUGH,
    chunk_bounds, class_table, suspicious_table,
)

__all__ = ["collapse_losses", "encode_single_byte", "find_regions", "resync", "text_stats"]

_CP1252_EXTRAS = frozenset(map(ord, CP1252_EXTRAS))
_LOSS_RUN = re.compile("\ufffd{2,}")


def find_regions(text: str) -> list[tuple[int, int]]:
    """Regions of ``text`` that may hold mojibake, sorted and disjoint.

    Suspicious: rare characters and the leftovers of wrong decoders (see
    ``suspicious_table``), and a U+FFFD followed by ASCII from @ to ~: what
    a two-byte decoder leaves when it gives up the first byte of a pair and
    reads the second alone (GBK and Big5 read as each other: 發�G了).
    """
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


def collapse_losses(text: str) -> str:
    """One U+FFFD for each run of them; ``text`` itself when there is no run."""
    if "\ufffd\ufffd" not in text:
        return text
    return _LOSS_RUN.sub("\ufffd", text)


def encode_single_byte(text: str) -> bytes:
    """The bytes a single-byte decoder (Latin-1, either Windows-1252) read as
    ``text``; UnicodeEncodeError at the first character none of them makes."""
    return codecs.charmap_encode(text, "strict", SINGLE_BYTE_MAP)[0]


def resync(
    region: str,
    wrong: str,
    right: str,
    margin: int,
    switch: int,
    pin_start: bool,
    pin_end: bool,
    chunk: int,
) -> list[tuple[int, int, str]]:
    """The stretches of ``region`` worth re-reading from ``wrong`` as ``right``.

    GBK and Big5 read as each other with losses (see ``reread``).  Returns
    (start, end, text) for each stretch of input characters
    ``region[start:end]`` and what replaces it, lost characters as U+FFFD
    (runs not yet collapsed).  ``margin`` (classes) is what a character out
    must gain over those it replaces; ``switch`` (classes) what it costs to
    begin a re-read.  ``pin_start``, ``pin_end``: the region is a whole text
    damaged to that end, so it is re-read from its first byte, or to its
    last (its first character, 欲 read for 郗, is no correct text to keep
    just because it reads as common).  The re-reading keeps a few dozen
    bytes of state per character, so a long region goes in pieces of about
    ``chunk`` characters, cut after a newline where there is one.
    """
    if wrong not in REREAD_FROM or right not in REREAD_AS:
        raise ValueError(f"no re-reading from {wrong!r} as {right!r}")
    found = []
    bounds = chunk_bounds(region, chunk)
    for start, end in zip(bounds, bounds[1:]):
        pins = (pin_start and start == 0, pin_end and end == len(region))
        for a, b, text in _resync_chunk(region[start:end], wrong, right, margin, switch, *pins):
            found.append((start + a, start + b, text))
    return found


def _resync_chunk(
    region: str,
    wrong: str,
    right: str,
    margin: int,
    switch: int,
    pin_start: bool = False,
    pin_end: bool = False,
) -> list[tuple[int, int, str]]:
    """``resync`` over one piece of the region."""
    classes = class_table()
    encoded = encode_table(wrong)
    decoded = decode_table(right)
    stream: list[int] = []
    starts: list[int] = []  # byte offset of each input character
    owner: list[int] = []  # the input character of each byte
    for k, ch in enumerate(region):
        starts.append(len(stream))
        cp = ord(ch)
        code = UNKNOWN if cp == 0xFFFD else encoded[cp] if cp < 0x10000 else BARRIER
        if code >= 0x10000:
            stream.append(code >> 8 & 0xFF)
            stream.append(code & 0xFF)
            owner.append(k)
        else:
            stream.append(code)
        owner.append(k)
    size = len(stream)
    starts.append(size)
    boundary = {offset: k for k, offset in enumerate(starts)}
    char_class = [classes[ord(ch)] if 0x80 <= ord(ch) < 0x10000 and ch != "\ufffd" else 0 for ch in region]
    margin *= SCALE
    lost_class = LOST_CLASS * SCALE

    # Two states per offset: keeping input characters as they are, or
    # re-reading bytes.  Starting a re-read costs ``switch``, so that one
    # stretch of damage is re-read whole, as the edge trimming's best
    # interval would be, rather than broken at each character that gains
    # little alone (障 from 毁: a common character for another); correct
    # text beside it loses far more than ``switch`` when re-read and so stays.
    none = None
    best: list[list[int | None]] = [[none] * (size + 1), [none] * (size + 1)]
    # How each (state, offset) was reached: (previous state, previous offset, text out).
    came: list[list[tuple[int, int, str] | None]] = [[None] * (size + 1), [None] * (size + 1)]
    if pin_start:
        best[1][0] = 0
    else:
        best[0][0] = 0

    def reach(state: int, to: int, score: int, frm_state: int, frm: int, text: str) -> None:
        # A tie goes to the later arrival: a re-read begun after a kept
        # character (打, which reads as 湖: no gain) rather than through it.
        held = best[state][to]
        if held is None or score > held or (score == held and frm == to):
            best[state][to] = score
            came[state][to] = (frm_state, frm, text)

    for i in range(size):
        at = boundary.get(i)
        if at is not None:
            for state in (0, 1):
                held = best[state][i]
                if held is not None:
                    reach(0, starts[at + 1], held, state, i, region[at])
            held = best[0][i]
            if held is not None:
                reach(1, i, held - switch * SCALE, 0, i, "")
        here = best[1][i]
        if here is None:
            continue
        first = stream[i]
        if 0 <= first < 0x80:
            reach(1, i + 1, here + THROUGH, 1, i, chr(first))
            continue
        if i + 1 >= size or first == BARRIER:
            continue
        second = stream[i + 1]
        if second == BARRIER:
            continue
        a, b = owner[i], owner[i + 1]
        # The mean class of the input characters the two bytes came from.
        before = (char_class[a] + char_class[b]) * (SCALE // 2) if a != b else char_class[a] * SCALE
        if first == UNKNOWN or second == UNKNOWN:
            if (first == UNKNOWN or is_lead(first)) and (second == UNKNOWN or is_trail(right, second)):
                # A lost character was real text: scored as one of middling
                # frequency against what its surviving byte was read as
                # (the orphaned C of 。, A1 43 in Big5, read as GBK).
                reach(1, i + 2, here + max(THROUGH, lost_class - before - margin), 1, i, "\ufffd")
            continue
        cp = decoded[first << 8 | second]
        if cp:
            reach(1, i + 2, here + classes[cp] * SCALE - before - margin, 1, i, chr(cp))

    # Walk back, then gather the re-read steps into stretches.
    steps: list[tuple[int, int, str, bool]] = []  # (from, to, text, re-read)
    final_keep, final_read = best[0][size], best[1][size]
    if final_read is not None and (
        final_keep is None or final_read > final_keep or pin_end
    ):
        state = 1
    else:
        state = 0
    offset = size
    while offset > 0:
        how = came[state][offset]
        assert how is not None  # every boundary is reachable by keeping
        frm_state, frm, out = how
        if frm != offset:
            steps.append((frm, offset, out, state == 1))
        state, offset = frm_state, frm
    steps.reverse()
    stretches: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str, bool]] = []
    for step in steps + [(size, size, "", False)]:  # a kept step closes the run
        if step[3]:
            run.append(step)
            continue
        # What is ASCII at either end was re-read as itself: no part of it.
        while run and run[0][2].isascii() and run[0][1] in boundary:
            run.pop(0)
        while run and run[-1][2].isascii() and run[-1][0] in boundary:
            run.pop()
        if any(piece != "\ufffd" for _, _, piece, _ in run):
            stretches.append(
                (boundary[run[0][0]], boundary[run[-1][1]], "".join(piece for _, _, piece, _ in run))
            )
        run = []
    return stretches
