"""The re-reading of GBK and Big5 read as each other with losses, in pure
Python: the twin of ``_resync_c.pyx``, re-exported by ``_loops_py``.

Python's CJK decoders give up one byte per error, a U+FFFD each, and go on
from the next byte; when that byte was the second half of a character, the
decoder pairs it with the first half of the next one and reads out of step
until something puts it back in (an ASCII byte, another error): 會議強調
read as GBK is 穦某眏秸, but 要千方 is 璶�dよ, where ``d`` is the second
byte of 千.  The bytes are all still there but the lost ones.  This lays
them out (known bytes, and an unknown one for each U+FFFD) and finds, by
dynamic programming over byte offsets, the reading that gains most: each
stretch of the input is either kept as it is or re-read with the right
codec, pair by pair, where a pair with an unknown byte is a lost character.
A re-read character scores its frequency class less the mean class of the
input characters its bytes came from (and a margin), so correct text beside
the damage is kept and only what gains is re-read.  Linear in the length of
the region.  Scores are integers so that the compiled twin agrees exactly.
Imports only tables.
"""
from __future__ import annotations

from .charsets import (
    BARRIER,
    REREAD_AS,
    REREAD_FROM,
    UNKNOWN,
    decode_table,
    encode_table,
    is_lead,
    is_trail,
)
from .tables import LOST_CLASS, SCALE, THROUGH, chunk_bounds, class_table

__all__ = ["resync"]


def resync(
    region: str,
    wrong: str,
    right: str,
    margin: int,
    switch: int,
    pin_start: bool,
    pin_end: bool,
    chunk: int,
    least: int = 0,
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
    A stretch whose input holds fewer than ``least`` characters outside
    ASCII (U+FFFD apart) is left out: ``reread`` would drop it at once, and
    most stretches are such (18,212 of GBK read as Big5 on 1 MB of news,
    807 kept), each a tuple and a string built for nothing.
    """
    if wrong not in REREAD_FROM or right not in REREAD_AS:
        raise ValueError(f"no re-reading from {wrong!r} as {right!r}")
    found = []
    bounds = chunk_bounds(region, chunk)
    for start, end in zip(bounds, bounds[1:]):
        pins = (pin_start and start == 0, pin_end and end == len(region))
        for a, b, text in _resync_chunk(region[start:end], wrong, right, margin, switch, *pins):
            if least and _others_in(region[start + a:start + b]) < least:
                continue
            found.append((start + a, start + b, text))
    return found


def _others_in(text: str) -> int:
    """The characters of ``text`` outside ASCII, U+FFFD apart."""
    return len(text) - len(text.encode("ascii", "ignore")) - text.count("\ufffd")


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
