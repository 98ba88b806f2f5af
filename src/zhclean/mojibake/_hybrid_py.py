"""The crawlers' mixture's reading in pure Python: the twin of ``_hybrid_c``,
re-exported by ``_loops_py``.

``hybrid_path`` is the dynamic programme of ``hybrid`` (which says what it
models and owns its costs, passed in as ``costs``): for each character of
the text, the option (one of ``readings[ch]``) on the best path, a GBK decoder
pairing the bytes as it goes.  A state is (the lead byte waiting for its
second byte or -1, the last byte if it was read alone as a UTF-8 lead of two
bytes or -1); a state reached twice keeps the higher score, the first on a
tie, and states are kept in the order they were first reached (the compiled
twin follows the same order, so that both choose alike on ties).
"""
from __future__ import annotations

from array import array

from .charsets import is_lead
from .records import HybridCosts, HybridOption

__all__ = ["hybrid_path"]

def hybrid_path(
    text: str, readings: dict[str, list[HybridOption]], decoded: array, classes: bytes, costs: HybridCosts
) -> list[bytes | None]:
    """The bytes of the chosen option of each character (None where it has
    none); ``readings``: each distinct character's options."""
    broken, base, unlikely, ascii_alone = costs
    Start = tuple[int, int]
    moves: dict[tuple[int, bytes], tuple[int, int]] = {}  # (pending lead, bytes) -> gain, lead left
    frontier: dict[Start, tuple[int, int, bytes | None]] = {(-1, -1): (0, -1, None)}  # state -> (score, back, bytes)
    steps: list[dict[Start, tuple[int, int, bytes | None]]] = []  # the frontier after each character
    last = len(text) - 1
    for i, ch in enumerate(text):
        # A lone ASCII second byte between two characters that are not ASCII.
        stray = "\x40" <= ch <= "\x7e" and 0 < i < last and text[i - 1] > "\x7f" and text[i + 1] > "\x7f"
        choices = readings[ch]
        new: dict[Start, tuple[int, int, bytes | None]] = {}
        for index, (state, (score, _, _)) in enumerate(frontier.items()):
            pending, alone = state
            if not choices:
                # No reading fits: the decoder starts afresh after it.
                key = (-1, -1)
                total = score + (broken if pending >= 0 else 0)
                if key not in new or total > new[key][0]:
                    new[key] = (total, index, None)
                continue
            for data, cost, alone_byte, continuation, own in choices:
                if own and pending >= 0:
                    continue  # the page's own character stands between whole GBK characters
                total = score + cost
                if stray and pending < 0:
                    total += ascii_alone
                if alone >= 0 and continuation:
                    total += unlikely
                move = moves.get((pending, data))
                if move is None:
                    move = moves[pending, data] = _move(pending, data, decoded, classes, broken, base)
                total += move[0]
                key = (move[1], alone_byte)
                held = new.get(key)
                if held is None or total > held[0]:
                    new[key] = (total, index, data)
        steps.append(new)
        frontier = new
    # Walk back from the best final state (a pending lead at the end is broken).
    if not steps:
        return []
    finals = [(value[0] + (broken if key[0] >= 0 else 0), -k) for k, (key, value) in enumerate(frontier.items())]
    k = -max(finals)[1]
    chosen: list[bytes | None] = []
    for i in range(len(steps) - 1, -1, -1):
        _, back, found = list(steps[i].values())[k]
        chosen.append(found)
        k = back
    chosen.reverse()
    return chosen


def _move(pending: int, data: bytes, decoded: array, classes: bytes, broken: int, base: int) -> tuple[int, int]:
    """What reading ``data`` with ``pending`` (a lead byte waiting, or -1)
    gains, and the lead byte it leaves waiting (or -1)."""
    gain = 0
    lead = pending
    for byte in data:
        if lead < 0:
            if byte < 0x80:
                continue
            if is_lead(byte):
                lead = byte
            else:
                gain += broken
        else:
            cp = decoded[lead << 8 | byte]
            gain += classes[cp] - base if cp and cp < 0x10000 else broken
            lead = -1
    return gain, lead
