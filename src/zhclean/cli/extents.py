"""``--jobs N`` on a large UTF-8 file: each worker reads its own lines.

Sending a batch's bytes to a worker through a pipe, and its result back,
cost as much CPU as a fifth of the cleaning (300 MB: about 1 s in the main
process and 1.5 s in the workers, for pickling, pipe copies and page
faults), all of it on the same two cores the cleaning needs.  So for a
regular file the main process only finds where batches end (a newline at or
after every ``BATCH_BYTES``, read in small windows) and sends the worker an
``Extent``: the file's name, its identity, and the batch's byte range.  The
worker reads the range itself (``os.pread`` on a descriptor it keeps open,
never a map: a file cut short under a map would kill the process with
SIGBUS).  Batches hold the same lines as ``units.read_batches`` would cut,
and lines are cleaned one by one, so the output is the same byte for byte.
"""
from __future__ import annotations

import os
from typing import Iterator, NamedTuple, Optional

from .decoding import Decoder
from .units import BATCH_BYTES, Batch

__all__ = ["Extent", "ExtentChanged", "extent_batches", "pread_exactly", "read_extent", "read_head"]

# Bytes read at a time while looking for the newline that ends a batch: a
# line is rarely longer than a few hundred bytes, and one that is (a file
# that is one huge line) is read through in windows this size.
WINDOW_BYTES = 1 << 16


class Extent(NamedTuple):
    """Bytes ``[start, end)`` of the file ``path``, whole lines, read where they are cleaned."""

    path: str
    identity: tuple[int, int, int, int]  # st_dev, st_ino, st_size, st_mtime_ns when the input was opened
    start: int
    end: int


class ExtentChanged(Exception):
    """The file is not what it was when its batches were cut (replaced, cut short)."""


def _identity(info: os.stat_result) -> tuple[int, int, int, int]:
    return info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns


def _line_end(fd: int, at: int, size: int) -> int:
    """The offset after the first newline at or after ``at`` (``size``: none)."""
    while at < size:
        window = os.pread(fd, min(WINDOW_BYTES, size - at), at)
        if not window:
            return size  # cut short while read: the workers will say so
        found = window.find(b"\n")
        if found >= 0:
            return at + found + 1
        at += len(window)
    return size


def extent_batches(fd: int, path: str, decoder: Decoder) -> Iterator[Batch]:
    """The UTF-8 file open as ``fd``, cut into batches of one ``Extent`` each
    (a byte order mark is skipped, as ``decoder`` would skip it)."""
    info = os.fstat(fd)
    size = info.st_size
    identity = _identity(info)
    decoder.decode(os.pread(fd, 4, 0), final=True, raw=True)  # sets .bom and .skipped
    start = decoder.skipped
    read = start  # bytes of input counted (progress): the BOM with the first batch
    while start < size:
        end = _line_end(fd, start + BATCH_BYTES - 1, size)
        yield Batch([Extent(path, identity, start, end)], end - read, start)
        start = read = end


_OPEN: Optional[tuple[str, tuple[int, int, int, int], int]] = None  # this process's open input


def read_extent(extent: Extent) -> bytes:
    """The extent's bytes (in the process that cleans them); ExtentChanged
    when the file is no longer the one that was cut."""
    global _OPEN
    if _OPEN is None or _OPEN[:2] != (extent.path, extent.identity):
        if _OPEN is not None:
            os.close(_OPEN[2])
            _OPEN = None
        try:
            fd = os.open(extent.path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError as error:
            raise ExtentChanged(f"cannot be read again: {error.strerror}") from None
        if _identity(os.fstat(fd)) != extent.identity:
            os.close(fd)
            raise ExtentChanged("changed while it was read")
        _OPEN = (extent.path, extent.identity, fd)
    try:
        return pread_exactly(_OPEN[2], extent.end - extent.start, extent.start)
    except EOFError:
        raise ExtentChanged("was cut short while it was read") from None


def pread_exactly(fd: int, length: int, offset: int) -> bytes:
    """``length`` bytes of ``fd`` from ``offset``; EOFError if it holds fewer."""
    pieces = []
    while length:  # one read returns at most about 2 GiB
        piece = os.pread(fd, length, offset)
        if not piece:
            raise EOFError(f"{length} bytes missing at {offset}")
        pieces.append(piece)
        offset += len(piece)
        length -= len(piece)
    return pieces[0] if len(pieces) == 1 else b"".join(pieces)


def read_head(extent: Extent, size: int) -> bytes:
    """The first ``size`` bytes of the extent, read without keeping the file open."""
    with open(extent.path, "rb", buffering=0) as stream:
        return os.pread(stream.fileno(), min(size, extent.end - extent.start), extent.start)
