"""Edits, and where the characters of an edited text came from.

Every step of the pipeline can say what it changed as edits: ``(start, end,
replacement)`` in the text it was given, sorted and disjoint.  ``apply``
makes them; ``Trace`` follows a text through several steps, keeping for each
stretch of the current text the stretch of the original input it stands
for, so that every edit of every step can be reported at its place in the
input (``Cleaner.explain``) and every output position mapped back to an
input position (``Cleaner.clean(text, offsets=True)``).  Work is per edit,
never per character, except when the offsets are written out.
"""
from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["Edit", "Trace", "TracedEdit", "apply"]

Edit = tuple[int, int, str]


def apply(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with ``edits`` (sorted, disjoint) made; ``text`` itself for none."""
    if not edits:
        return text
    parts = []
    last = 0
    for start, end, new in edits:
        parts.append(text[last:start])
        parts.append(new)
        last = end
    parts.append(text[last:])
    return "".join(parts)


class TracedEdit(NamedTuple):
    """One change a step made, placed in the original input."""

    step: str
    start: int  # the stretch of the original input it changed
    end: int
    before: str  # what the step was given there
    after: str  # what the step made of it


class _Piece(NamedTuple):
    start: int  # in the current text
    length: int
    source: int  # in the original input
    source_length: int
    kept: bool  # unchanged since the input: position k maps to source + k
    # Not kept (a replacement, or the part of one that maps through one piece
    # of what it replaced): character k maps to source + min(skip + k,
    # source_length - 1), source itself where source_length is 0 (an insertion).
    skip: int = 0  # a replacement cut short: how many of its characters went before it
    ends: int = -1  # the last piece of a replacement: where what it stands for ends in the input


class Trace:
    """A text followed through the steps that edit it, back to its input."""

    __slots__ = ("text", "_pieces", "_starts", "edits")

    def __init__(self, text: str) -> None:
        self.text = text
        self._pieces = [_Piece(0, len(text), 0, len(text), True)] if text else []
        self._starts = [0] if text else []
        self.edits: list[TracedEdit] = []

    def _source(self, position: int) -> int:
        """Where the character at ``position`` of the current text came from
        (the end of the input for the end of the text)."""
        if position >= len(self.text) or not self._pieces:
            return _end_in_input(self._pieces[-1]) if self._pieces else 0
        piece = self._pieces[bisect.bisect_right(self._starts, position) - 1]
        return _mapped(piece, position - piece.start)

    def _source_end(self, end: int) -> int:
        """Where the stretch of the current text ending at ``end`` ends in the
        input: a stretch reaching the end of a replacement takes in all that
        the replacement stands for."""
        piece = self._pieces[bisect.bisect_right(self._starts, end - 1) - 1]
        if end == piece.start + piece.length:
            return _end_in_input(piece)
        return _mapped(piece, end - 1 - piece.start) + 1

    def _replacement(self, start: int, end: int, length: int, shift: int, source_start: int,
                     source_end: int) -> list[_Piece]:
        """The pieces of ``length`` new characters for ``[start, end)`` of the
        current text, placed at ``start + shift``.  The k-th comes from the
        k-th character it replaces (the last one past their number), as that
        one came from the input: an edit of 書記 for 书记 after 書(shu)記 lost
        its ``(shu)`` maps 记 to 記, not into ``(shu)``; an insertion, from where
        it stands.  The last piece stands for all of ``[source_start,
        source_end)``."""
        if end == start:
            return [_Piece(start + shift, length, source_start, 0, False, 0, source_end)]
        pieces = []
        at, stop = start, min(end, start + length)
        k = bisect.bisect_right(self._starts, start) - 1
        while at < stop:  # one piece per piece of the replaced characters it maps through
            old = self._pieces[k]
            upto = min(stop, old.start + old.length)
            pieces.append(_cut(old, at, upto, shift)._replace(kept=False, ends=-1))
            at = upto
            k += 1
        if length > end - start:
            pieces.append(_Piece(end + shift, length - (end - start), self._source(end - 1), 1, False))
        pieces[-1] = pieces[-1]._replace(ends=source_end)
        return pieces

    def step(self, name: str, edits: Sequence[Edit]) -> str:
        """Make ``edits`` (in the current text) and record them as step ``name``."""
        if not edits:
            return self.text
        text = self.text
        pieces: list[_Piece] = []
        cursor = 0  # in the current text
        shift = 0  # new position minus old position
        k = 0  # current piece
        old = self._pieces
        for start, end, new in edits:
            source_start = self._source(start)
            source_end = self._source_end(end) if end > start else source_start
            self.edits.append(TracedEdit(name, source_start, source_end, text[start:end], new))
            # Keep what lies between the previous edit and this one.
            while k < len(old) and old[k].start + old[k].length <= start:
                pieces.append(_cut(old[k], max(cursor, old[k].start), old[k].start + old[k].length, shift))
                k += 1
            if k < len(old) and old[k].start < start:
                pieces.append(_cut(old[k], max(cursor, old[k].start), start, shift))
            if new:
                pieces.extend(self._replacement(start, end, len(new), shift, source_start, source_end))
            shift += len(new) - (end - start)
            cursor = end
            while k < len(old) and old[k].start + old[k].length <= end:
                k += 1
        while k < len(old):
            pieces.append(_cut(old[k], max(cursor, old[k].start), old[k].start + old[k].length, shift))
            k += 1
        self._pieces = [p for p in pieces if p.length > 0]
        self._starts = [p.start for p in self._pieces]
        self.text = apply(text, edits)
        return self.text

    def offsets(self) -> list[int]:
        """For each position of the current text, its position in the input.

        Unchanged characters map to themselves; the k-th character of a
        replacement maps to where the k-th character of what it replaced came
        from (the last one where the replacement is longer, the place of an
        insertion where it replaced nothing): an edit of k characters by k
        maps them one by one, across what earlier steps deleted or changed.
        """
        out: list[int] = []
        for piece in self._pieces:
            if piece.kept:
                out.extend(range(piece.source, piece.source + piece.length))
            else:
                out.extend(_mapped(piece, k) for k in range(piece.length))
        return out

    def positions(self, sources: Sequence[int]) -> list[int]:
        """For each input position of ``sources``, the first position of the
        current text that came from it or from past it (the text's length
        where none did): ``bisect_left(self.offsets(), source)``, found piece
        by piece, not character by character (``mojibake_report`` of 8 MB of
        lossy text had spent a third of its time listing the offsets)."""
        lasts = [_mapped(piece, piece.length - 1) for piece in self._pieces]  # rising, as the offsets
        found = []
        for source in sources:
            k = bisect.bisect_left(lasts, source)
            if k == len(lasts):
                found.append(len(self.text))
            else:
                found.append(self._pieces[k].start + _first_reaching(self._pieces[k], source))
        return found


def _first_reaching(piece: _Piece, source: int) -> int:
    """The first offset of ``piece`` whose input position (``_mapped``) is
    ``source`` or past it, where its last one is."""
    if piece.kept:
        return max(0, source - piece.source)
    if not piece.source_length:
        return 0
    return max(0, source - piece.source - piece.skip)


def _mapped(piece: _Piece, offset: int) -> int:
    """The input position of character ``offset`` of ``piece``."""
    if piece.kept:
        return piece.source + offset
    if not piece.source_length:
        return piece.source
    return piece.source + min(piece.skip + offset, piece.source_length - 1)


def _end_in_input(piece: _Piece) -> int:
    """Where what ``piece`` stands for ends in the input."""
    if piece.kept:
        return piece.source + piece.source_length
    if piece.ends >= 0:
        return piece.ends
    return _mapped(piece, piece.length - 1) + 1


def _cut(piece: _Piece, start: int, end: int, shift: int) -> _Piece:
    """The part ``[start, end)`` (current positions) of ``piece``, moved by ``shift``."""
    length = end - start
    if piece.kept:
        return _Piece(start + shift, length, piece.source + start - piece.start, length, True)
    # Part of a replacement still stands for what was replaced, from where it left off.
    return _Piece(
        start + shift, length, piece.source, piece.source_length, False, piece.skip + start - piece.start, piece.ends
    )
