"""The units of cleaning, and the streaming reader that cuts an input into them.

The Cleaner sees one unit at a time (``--unit``):

- ``line``: the characters up to and including a ``"\\n"`` (so ``"\\r\\n"``
  ends a line; a lone ``"\\r"`` is text, as it is to the Cleaner), and the
  characters after the last ``"\\n"``, if any;
- ``paragraph``: lines up to and including the blank lines that follow
  them (a blank line holds only whitespace); blank lines at the start form
  a unit of their own;
- ``file``: the whole input.

The reader reads blocks of bytes, decodes them incrementally and hands on
only complete units, batched (for ``line``, a batch holds runs of whole
lines, which ``split_lines`` cuts where the cleaning happens: in a worker
with ``--jobs``, so the main process does not spend its time on it).  UTF-8
line runs are not even decoded here: ``"\n"`` is never part of another
character in UTF-8, so runs are cut from the bytes, and decoded (and
checked) where they are cleaned (``raw``).  Text that does not end a unit
yet is held as a list of pieces and joined once, when its unit is complete,
so a file that is one huge line costs time in proportion to its size (each
block is searched once, never the pending text again).  Units never depend
on where blocks end, so neither does the output: a unit is never split,
whatever the block size, and an annotation run, a mojibake span or a line
never crosses units except as the unit defines.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, BinaryIO, Callable, Iterator, NamedTuple, Union

from .._args import Unit
from .decoding import DecodeFailure, Decoder

if TYPE_CHECKING:
    from .extents import Extent

__all__ = ["BATCH_CHARS", "Batch", "Splitter", "Units", "read_batches", "split_lines"]

# Characters of units per batch handed to the Cleaner (and, with --jobs, to a
# worker process): large enough that a batch's pickling and bookkeeping cost
# nothing beside its cleaning (the default Cleaner runs at 3-5 MB/s on the
# seed pages: about 0.2 s a batch), small enough that --jobs 2 splits a file
# of a few MB evenly and the batches in flight stay a few MB.
BATCH_CHARS = 1 << 18
# The same for batches of undecoded UTF-8 (``raw``): Chinese is three bytes
# a character.
BATCH_BYTES = 3 * BATCH_CHARS

_LINE = re.compile(r"[^\n]*\n|[^\n]+")


def split_lines(runs: list[str]) -> list[str]:
    """Runs of whole lines (the last may lack its "\\n") cut into lines."""
    lines: list[str] = []
    for run in runs:
        lines.extend([run] if run.find("\n") in (-1, len(run) - 1) else _LINE.findall(run))
    return lines


# A batch's units: text; runs of lines in UTF-8, not decoded yet (raw); or
# the one extent of a file that holds such runs (raw, read by the worker).
Units = Union[list[str], list[bytes], "list[Extent]"]


class Batch(NamedTuple):
    units: Units
    raw_bytes: int  # bytes of input read since the previous batch
    start: int  # raw: the input's byte offset of the batch's first byte


class Splitter:
    """Complete units out of pieces of text, in linear time."""

    def __init__(self, unit: Unit, runs: bool = False, binary: bool = False) -> None:
        self.unit = unit
        self.runs = runs and unit == "line"  # hand on runs of whole lines, uncut
        # Fed bytes (UTF-8 runs of lines only), else text.
        assert self.runs or not binary
        self._newline: Any = b"\n" if binary else "\n"
        self._join: Callable[[list[Any]], Any] = b"".join if binary else "".join
        self._pending: list[Any] = []  # text after the last line break
        self._paragraph: list[str] = []  # lines of the paragraph being read
        self._blank_seen = False

    def feed(self, text: Any) -> list[Any]:
        """The units that ``text`` completes."""
        if self.unit == "file":
            if text:
                self._pending.append(text)
            return []
        cut = text.rfind(self._newline) + 1
        if not cut:
            if text:
                self._pending.append(text)
            return []
        chunk = text[:cut] if cut < len(text) else text
        if self._pending:
            self._pending.append(chunk)
            chunk = self._join(self._pending)
        self._pending = [text[cut:]] if cut < len(text) else []
        if self.runs:
            return [chunk]
        lines = split_lines([chunk])
        return lines if self.unit == "line" else self._paragraphs(lines)

    def finish(self) -> list[Any]:
        """The last units, at the end of the input."""
        rest = self._join(self._pending)
        self._pending = []
        if self.unit == "file" or self.unit == "line":
            return [rest] if rest else []
        units = self._paragraphs([rest] if rest else [])
        if self._paragraph:
            units.append("".join(self._paragraph))
            self._paragraph = []
        return units

    def _paragraphs(self, lines: list[str]) -> list[str]:
        units = []
        paragraph = self._paragraph
        for line in lines:
            if line.isspace():
                self._blank_seen = True
            elif self._blank_seen:
                units.append("".join(paragraph))
                paragraph = [line]
                self._blank_seen = False
                continue
            paragraph.append(line)
        self._paragraph = paragraph
        return units


def _blocks(stream: BinaryIO, size: int) -> Iterator[bytes]:
    read = getattr(stream, "read1", stream.read)  # what a pipe has now, not a full block
    while True:
        block = read(size)
        if not block:
            return
        yield block


def read_batches(
    stream: BinaryIO, decoder: Decoder, unit: Unit, block_size: int, raw: bool = False, partial: bool = True
) -> Iterator[Batch]:
    """The input's units in batches of about BATCH_CHARS characters (for
    ``line``: runs of whole lines, to be cut by ``split_lines``).

    A byte that does not decode ends the input: the text before it is
    handed on as the last units (what standard output shows; without
    ``partial``, JSON Lines, only its whole lines: a record cut short is
    none), then the ``DecodeFailure`` is raised.  With ``raw`` (UTF-8 input, ``line`` units)
    the batches hold the runs' bytes, from after a byte order mark:
    whoever decodes them finds such a byte (``work.decode_runs``).
    """
    splitter = Splitter(unit, runs=True, binary=raw)
    limit = BATCH_BYTES if raw else BATCH_CHARS
    units: list[Any] = []
    size = raw_bytes = 0
    start = 0  # bytes handed on before this batch (raw)
    try:
        for block in _blocks(stream, block_size):
            raw_bytes += len(block)
            text = decoder.decode(block, raw=raw)
            units.extend(splitter.feed(text))
            size += len(text)
            if size >= limit:
                yield Batch(units, raw_bytes, decoder.skipped + start)
                start += sum(map(len, units))
                units, size, raw_bytes = [], 0, 0
        units.extend(splitter.feed(decoder.decode(b"", final=True, raw=raw)))
    except DecodeFailure as failure:
        units.extend(splitter.feed(failure.text))
        if partial:
            units.extend(splitter.finish())
        yield Batch(units, raw_bytes, 0)
        raise
    units.extend(splitter.finish())
    yield Batch(units, raw_bytes, decoder.skipped + start)
