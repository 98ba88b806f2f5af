"""``--jobs N``: a worker's cleaned text comes back through a file, not the pipe.

A result that travels through the executor's pipe is pickled, copied into
the pipe, out of it and unpickled: for 300 MB of output about a second of
CPU on the two cores the cleaning needs.  So a worker (on Linux) writes
each result into an unnamed temporary file of its own (``O_TMPFILE``:
nothing is left behind whatever happens) and sends back only where it is
(``Spilled``); the main process opens that file once, through
``/proc/PID/fd/N``, and has the range copied from it into the output
(``output.Sink.copy_from``: in the kernel where it can, never through this
process's memory), or reads it back with ``os.pread``.

A worker starts a new file once the current one holds ``SPILL_BYTES`` and
at least ``keep`` results, and closes the one before it then: the main
process takes results in the order they were submitted and has at most
``keep - 1`` out at once, so it has read every result of a file before the
worker lets go of it.  Where any of this is not possible (no ``O_TMPFILE``,
no ``/proc``, a full disk), the result goes through the pipe as before.
"""
from __future__ import annotations

import os
import tempfile
from typing import NamedTuple, Optional

from .extents import pread_exactly

__all__ = ["SPILL_BYTES", "SPILL_FROM", "SpillReader", "SpillWriter", "Spilled"]

# A worker's file is replaced once it holds this much (and enough results):
# the files of two workers, two each, then hold at most 256 MiB of disk.
SPILL_BYTES = 1 << 26
# Smaller results go through the pipe: the last lines of a file, a short input.
SPILL_FROM = 1 << 16
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


class Spilled(NamedTuple):
    """Where a worker wrote a result."""

    pid: int
    generation: int  # the worker's how-manieth file
    fd: int  # its descriptor in the worker
    offset: int
    length: int


class SpillWriter:
    """A worker's side: results written to its own unnamed files."""

    def __init__(self, keep: int) -> None:
        self.keep = keep
        self._usable = hasattr(os, "O_TMPFILE")
        self._fd = -1
        self._previous = -1
        self._generation = 0
        self._size = 0
        self._count = 0

    def put(self, data: bytes) -> Optional[Spilled]:
        """Where ``data`` was written, or None: send it through the pipe."""
        if not self._usable or len(data) < SPILL_FROM:
            return None
        if self._fd < 0 or (self._size >= SPILL_BYTES and self._count >= self.keep):
            if not self._next_file():
                return None
        offset = self._size
        try:
            written = 0
            while written < len(data):
                written += os.pwrite(self._fd, memoryview(data)[written:], offset + written)
        except OSError:
            return None  # a full disk: the pipe still works (the next result tries again)
        self._size += len(data)
        self._count += 1
        return Spilled(os.getpid(), self._generation, self._fd, offset, len(data))

    def _next_file(self) -> bool:
        try:
            fd = os.open(tempfile.gettempdir(), os.O_TMPFILE | os.O_RDWR | _CLOEXEC, 0o600)
        except OSError:
            self._usable = False
            return False
        try:  # the main process reads it through /proc: is there one?
            os.close(os.open(f"/proc/{os.getpid()}/fd/{fd}", os.O_RDONLY | _CLOEXEC))
        except OSError:
            os.close(fd)
            self._usable = False
            return False
        if self._previous >= 0:
            os.close(self._previous)
        self._previous, self._fd = self._fd, fd
        self._generation += 1
        self._size = self._count = 0
        return True


class SpillReader:
    """The main process's side: each worker's current file, open for reading."""

    def __init__(self) -> None:
        self._open: dict[int, tuple[int, int]] = {}  # worker's pid: (generation, our descriptor)

    def take(self, spilled: Spilled) -> bytes:
        """The result's bytes, read back."""
        return pread_exactly(self.descriptor(spilled), spilled.length, spilled.offset)

    def descriptor(self, spilled: Spilled) -> int:
        """An open descriptor of the file that holds the result (this reader's:
        valid until a later result of the same worker is in a newer file)."""
        current = self._open.get(spilled.pid)
        if current is None or current[0] != spilled.generation:
            if current is not None:
                os.close(current[1])  # every result in it has been read
                del self._open[spilled.pid]
            fd = os.open(f"/proc/{spilled.pid}/fd/{spilled.fd}", os.O_RDONLY | _CLOEXEC)
            current = self._open[spilled.pid] = (spilled.generation, fd)
        return current[1]

    def close(self) -> None:
        for _, fd in self._open.values():
            os.close(fd)
        self._open.clear()
