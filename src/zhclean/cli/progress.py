"""A progress bar on standard error: only on a terminal, only for long work."""
from __future__ import annotations

import shutil
import time
from typing import Optional, TextIO

__all__ = ["Progress"]

# Work shorter than this shows no bar at all: a bar that flashes for a
# fraction of a second is noise.
SHOW_AFTER_SECONDS = 1.0
# Redraws at most this often: more costs time and flickers.
REDRAW_SECONDS = 0.2


def _clock(seconds: float) -> str:
    seconds = int(seconds + 0.5)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


class Progress:
    """Bytes done (of ``total`` when known), MB/s and the time left."""

    def __init__(self, stream: Optional[TextIO], total: Optional[int]) -> None:
        self.stream = stream  # None: silent
        self.total = total
        self.done = 0
        self.start = time.monotonic()
        self._drawn_at = 0.0
        self._width = 0

    def advance(self, nbytes: int) -> None:
        self.done += nbytes
        if self.stream is None:
            return
        now = time.monotonic()
        if now - self.start < SHOW_AFTER_SECONDS or now - self._drawn_at < REDRAW_SECONDS:
            return
        self._drawn_at = now
        self._draw(self.line(now - self.start))

    def line(self, elapsed: float) -> str:
        rate = self.done / elapsed if elapsed > 0 else 0.0
        speed = f"{self.done / 1e6:,.1f} MB  {rate / 1e6:,.1f} MB/s"
        if not self.total:
            return f"zhclean  {speed}  {_clock(elapsed)}"
        fraction = min(1.0, self.done / self.total)
        bar = 24
        filled = int(fraction * bar)
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        return (
            f"zhclean {fraction:4.0%} [{'#' * filled}{'.' * (bar - filled)}] "
            f"{self.done / 1e6:,.1f}/{self.total / 1e6:,.1f} MB  {rate / 1e6:,.1f} MB/s  {_clock(left)} left"
        )

    def _draw(self, text: str) -> None:
        assert self.stream is not None
        columns = shutil.get_terminal_size((80, 24)).columns
        text = text[: max(10, columns - 1)]
        try:
            self.stream.write("\r" + text.ljust(self._width))
            self.stream.flush()
        except (OSError, ValueError):
            self.stream = None
        self._width = len(text)

    def clear(self) -> None:
        if self.stream is not None and self._width:
            try:
                self.stream.write("\r" + " " * self._width + "\r")
                self.stream.flush()
            except (OSError, ValueError):
                self.stream = None
            self._width = 0
            self._drawn_at = 0.0
