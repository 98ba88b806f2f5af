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
"""
from __future__ import annotations

from typing import Callable

from ._charfreq import class_table

_UNKNOWN = -1  # a byte the wrong decoder lost (one per U+FFFD)
_BARRIER = -2  # a character the wrong codec cannot have made: kept, never re-read

# Bytes that can open and close a two-byte character of each right codec.
_LEADS = {"big5": range(0x81, 0xFF), "gb18030": range(0x81, 0xFF)}
_TRAILS = {
    "big5": frozenset(range(0x40, 0x7F)) | frozenset(range(0xA1, 0xFF)),
    "gb18030": frozenset(range(0x40, 0x7F)) | frozenset(range(0x80, 0xFF)),
}
# The frequency class a lost character is scored as: it was real text, so
# not rare, but which character is unknown, so not common either.
LOST_CLASS = 4
_pair_cache: dict[str, dict[int, str | None]] = {}

# A hair of gain for what a re-read keeps the same (ASCII) or could not
# recover (a loss), so that one re-read stretch runs on through them rather
# than splitting into pieces too short to be believed.
_THROUGH = 1e-3


def _pair(right: str, lead: int, trail: int) -> str | None:
    cache = _pair_cache.setdefault(right, {})
    key = lead << 8 | trail
    if key not in cache:
        try:
            text = bytes((lead, trail)).decode(right)
        except UnicodeDecodeError:
            text = None
        cache[key] = text if text is not None and len(text) == 1 and text > "\x7f" else None
    return cache[key]


def resync(
    region: str,
    encode: Callable[[str], bytes],
    right: str,
    margin: float,
    switch: float,
    pin_start: bool = False,
    pin_end: bool = False,
) -> list[tuple[int, int, str]]:
    """The stretches of ``region`` worth re-reading with ``right``.

    ``encode`` gives a character's bytes in the wrong codec (raising
    UnicodeEncodeError for one it cannot have made).  Returns (start, end,
    text) for each stretch of input characters ``region[start:end]`` and what
    replaces it, lost characters as U+FFFD (runs not yet collapsed).
    ``pin_start``, ``pin_end``: the region is a whole text damaged to that
    end, so it is re-read from its first byte, or to its last (its first
    character, 欲 read for 郗, is no correct text to keep just because it
    reads as common).
    """
    table = class_table()
    stream: list[int] = []
    starts: list[int] = []  # byte offset of each input character
    owner: list[int] = []  # the input character of each byte
    for k, ch in enumerate(region):
        starts.append(len(stream))
        if ch == "\ufffd":
            units = [_UNKNOWN]
        else:
            try:
                data = encode(ch)
            except UnicodeEncodeError:
                data = b""
            units = list(data) if 1 <= len(data) <= 2 else [_BARRIER]
        stream.extend(units)
        owner.extend([k] * len(units))
    size = len(stream)
    starts.append(size)
    boundary = {offset: k for k, offset in enumerate(starts)}
    char_class = [table[ord(ch)] if 0x80 <= ord(ch) < 0x10000 and ch != "\ufffd" else 0 for ch in region]
    leads, trails = _LEADS[right], _TRAILS[right]

    # Two states per offset: keeping input characters as they are, or
    # re-reading bytes.  Starting a re-read costs ``switch``, so that one stretch
    # of damage is re-read whole, as the edge trimming's best interval would
    # be, rather than broken at each character that gains little alone (障
    # from 毁: a common character for another); correct text beside it loses
    # far more than ``switch`` when re-read and so stays.
    minus = float("-inf")
    best = [[minus] * (size + 1), [minus] * (size + 1)]
    # How each (state, offset) was reached: (previous state, previous offset, text out).
    came: list[list[tuple[int, int, str] | None]] = [[None] * (size + 1), [None] * (size + 1)]
    best[0][0] = minus if pin_start else 0.0
    if pin_start:
        best[1][0] = 0.0

    def reach(state: int, to: int, score: float, frm_state: int, frm: int, text: str) -> None:
        # A tie goes to the later arrival: a re-read begun after a kept
        # character (打, which reads as 湖: no gain) rather than through it.
        if score > best[state][to] or (score == best[state][to] > minus and frm == to):
            best[state][to] = score
            came[state][to] = (frm_state, frm, text)

    for i in range(size):
        at = boundary.get(i)
        if at is not None:
            for state in (0, 1):
                if best[state][i] > minus:
                    reach(0, starts[at + 1], best[state][i], state, i, region[at])
            if best[0][i] > minus:
                reach(1, i, best[0][i] - switch, 0, i, "")
        here = best[1][i]
        if here == minus:
            continue
        first = stream[i]
        if 0 <= first < 0x80:
            reach(1, i + 1, here + _THROUGH, 1, i, chr(first))
            continue
        if i + 1 >= size or first == _BARRIER:
            continue
        second = stream[i + 1]
        if second == _BARRIER:
            continue
        if first == _UNKNOWN or second == _UNKNOWN:
            if (first == _UNKNOWN or first in leads) and (second == _UNKNOWN or second in trails):
                # A lost character was real text: scored as one of middling
                # frequency against what its surviving byte was read as
                # (the orphaned C of 。, A1 43 in Big5, read as GBK).
                a, b = owner[i], owner[i + 1]
                before = (char_class[a] + char_class[b]) / 2 if a != b else char_class[a]
                reach(1, i + 2, here + max(_THROUGH, LOST_CLASS - before - margin), 1, i, "\ufffd")
            continue
        read = _pair(right, first, second)
        if read is None:
            continue
        a, b = owner[i], owner[i + 1]
        before = (char_class[a] + char_class[b]) / 2 if a != b else char_class[a]
        cp = ord(read)
        gain = (table[cp] if cp < 0x10000 else 0) - before - margin
        reach(1, i + 2, here + gain, 1, i, read)

    # Walk back, then gather the re-read steps into stretches.
    steps: list[tuple[int, int, str, bool]] = []  # (from, to, text, re-read)
    state = 0 if best[0][size] >= best[1][size] and not (pin_end and best[1][size] > minus) else 1
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
