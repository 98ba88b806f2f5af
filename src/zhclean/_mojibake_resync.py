"""Re-reading two-byte mojibake that lost bytes, when the loss put it out of step.

Big5 read as GBK (and GBK read as Big5) with a decoder that replaces what it
cannot decode is the hard case of lossy mojibake.  Python's CJK decoders give
up one byte per error, a U+FFFD each, and go on from the next byte; when that
byte was the second half of a character, the decoder pairs it with the first
half of the next one and reads out of step until something puts it back in
(an ASCII byte, another error).  So after a loss the wrong characters no
longer stand one for one over the right ones: 會議強調 read as GBK is
穦某眏秸, but 要千方 is 璶�dよ, where ``d`` is the second byte of 千.

The bytes are all still there but the lost ones.  This module lays them out
(known bytes, and an unknown one for each U+FFFD) and finds, by dynamic
programming over byte offsets, the reading that gains most: each stretch of
the input is either kept as it is or re-read with the right codec, pair by
pair, where a pair with an unknown byte is a lost character (one U+FFFD out).
A re-read character scores its frequency class less the mean class of the
input characters its bytes came from (and a margin), exactly as the edge
trimming of ``_mojibake_repair`` does, so correct text beside the damage is
kept and only what gains is re-read.  Linear in the length of the region.

Scores are integers (classes times SCALE) so that this twin and the Cython
kernel's ``resync`` agree exactly; both read the same tables, built here.
"""
from __future__ import annotations

import threading
from array import array

from ._charfreq import class_table

# Wrong codecs a region can be re-read from, and right codecs it can be
# re-read as (GB18030 stands for GBK: the same two-byte codes).
WRONG_CODECS = ("gb18030", "big5", "cp932")
RIGHT_CODECS = ("gb18030", "big5")

UNKNOWN = -1  # a byte the wrong decoder lost (one per U+FFFD)
BARRIER = -2  # a character the wrong codec cannot have made: kept, never re-read

# Scores in integers: a class counts SCALE, so the mean of two (a character
# out made of the bytes of two in) is exact.
SCALE = 2000
# The frequency class a lost character is scored as: it was real text, so
# not rare, but which character is unknown, so not common either.
LOST_CLASS = 4
# A hair of gain (0.001 class) for what a re-read keeps the same (ASCII) or
# could not recover (a loss), so that one re-read stretch runs on through
# them rather than splitting into pieces too short to be believed.
THROUGH = 2

_lock = threading.Lock()
_encode_tables: dict[str, array] = {}
_decode_tables: dict[str, array] = {}


def encode_table(wrong: str) -> array:
    """65,536 ints: for each BMP character, its bytes in ``wrong``: one byte
    as 0-255, two as 0x10000 + (first << 8 | second), BARRIER for none (or
    more than two: a four-byte GB18030 code is nothing GBK made)."""
    table = _encode_tables.get(wrong)
    if table is None:
        with _lock:
            table = array("i", [BARRIER]) * 0x10000
            for cp in range(0x10000):
                try:
                    data = chr(cp).encode(wrong)
                except UnicodeEncodeError:
                    continue
                if len(data) == 1:
                    table[cp] = data[0]
                elif len(data) == 2:
                    table[cp] = 0x10000 + (data[0] << 8 | data[1])
            _encode_tables[wrong] = table
    return table


def decode_table(right: str) -> array:
    """65,536 ints: for each byte pair (first << 8 | second), the one
    non-ASCII character ``right`` decodes it to, or 0."""
    table = _decode_tables.get(right)
    if table is None:
        with _lock:
            table = array("I", [0]) * 0x10000
            for first in range(0x81, 0x100):
                for second in range(0x40, 0x100):
                    try:
                        text = bytes((first, second)).decode(right)
                    except UnicodeDecodeError:
                        continue
                    if len(text) == 1 and text > "\x7f":
                        table[first << 8 | second] = ord(text)
            _decode_tables[right] = table
    return table


def is_lead(byte: int) -> bool:
    """Whether ``byte`` can open a two-byte character of GBK or Big5."""
    return 0x81 <= byte <= 0xFE


def is_trail(right: str, byte: int) -> bool:
    """Whether ``byte`` can close a two-byte character of ``right``."""
    if 0x40 <= byte <= 0x7E:
        return True
    return 0xA1 <= byte <= 0xFE if right == "big5" else 0x80 <= byte <= 0xFE


def resync(
    region: str,
    wrong: str,
    right: str,
    margin: int,
    switch: int,
    pin_start: bool = False,
    pin_end: bool = False,
) -> list[tuple[int, int, str]]:
    """The stretches of ``region`` worth re-reading from ``wrong`` as ``right``.

    Returns (start, end, text) for each stretch of input characters
    ``region[start:end]`` and what replaces it, lost characters as U+FFFD
    (runs not yet collapsed).  ``margin`` (classes) is what a character out
    must gain over those it replaces; ``switch`` (classes) what it costs to
    begin a re-read.  ``pin_start``, ``pin_end``: the region is a whole text
    damaged to that end, so it is re-read from its first byte, or to its
    last (its first character, 欲 read for 郗, is no correct text to keep
    just because it reads as common).
    """
    if wrong not in WRONG_CODECS or right not in RIGHT_CODECS:
        raise ValueError(f"no re-reading from {wrong!r} as {right!r}")
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
