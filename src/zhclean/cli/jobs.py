"""``--jobs N``: batches cleaned in N worker processes, results taken in order.

The main process cuts the input into batches, and writes the results in the
order the batches were read; the workers decode and clean.  A batch of a
large UTF-8 file travels as an ``extents.Extent`` (the worker reads the
bytes itself) and its result comes back through the worker's spill file
(``spill``), so the main process copies nothing through the pipes; other
inputs (standard input, other codecs, ``--diff``) travel as text or bytes.
At most ``IN_FLIGHT_PER_JOB`` batches per worker are out at once, so memory
stays bounded whatever the input's size, and the reader never runs far
ahead of the writer.  With one job everything happens in this process,
through the same function.  Workers that cannot be started (the system's
limit on processes) end the run with one line (``WorkersFailed``), the
ones started stopped.
"""
from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Optional, Union, cast

from .errors import describe
from .extents import Extent, read_head
from .spill import Spilled, SpillReader
from .units import Units, split_lines
from .work import Result, Settings, clean_batch, clean_in_worker, start_worker

__all__ = ["IN_FLIGHT_PER_JOB", "Done", "Runner", "WorkersFailed"]

# Batches given to each worker before the oldest result is awaited: two
# keeps a worker busy while its last result travels back and is written
# (one left it idle about a tenth of the time); more only holds memory.
IN_FLIGHT_PER_JOB = 2
# How much of the first batch the main process cleans (and throws away)
# before it forks the workers: the tables that this input needs (readings,
# frequency classes, script tables...) are then built once and inherited
# (copy-on-write) instead of by each worker at once.  A fixed sample text
# that loaded every table had cost 0.6 s before the first fork, 0.25 s of it
# for tables the seed pages never use (the mixed-script unifier, an OpenCC
# converter): --jobs 2 was 1.5-1.6x --jobs 1 on 60 MB.  16,384 characters
# take a few milliseconds to clean; a table that only a later part of the
# input needs is built by each worker when it needs it, at the same time.
WARM_UP_CHARS = 1 << 14


class Done:
    """A result computed at once (one job): the face of a finished future."""

    __slots__ = ("_result",)

    def __init__(self, result: Result) -> None:
        self._result = result

    def result(self) -> Result:
        return self._result

    def cancel(self) -> bool:
        return False


class WorkersFailed(Exception):
    """The worker processes could not be started."""


class Runner:
    """Cleans batches, here (one job) or in worker processes."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self._pool: Optional[ProcessPoolExecutor] = None  # started with the first batch
        self._spills = SpillReader()

    @property
    def window(self) -> int:
        """How many batches may be out before the oldest is awaited."""
        return self.jobs * IN_FLIGHT_PER_JOB if self.jobs > 1 else 0

    def submit(self, units: Units) -> Union[Future, Done]:
        if self.jobs == 1:
            return Done(clean_batch(self.settings, units))
        if self._pool is None:
            if not units:
                return Done(clean_batch(self.settings, units))  # nothing to warm up on: wait for text
            self._pool = self._start(units)
        try:
            return self._pool.submit(clean_in_worker, units)  # starts a worker where none is idle
        except OSError as error:
            self._stop_workers()
            raise WorkersFailed(f"cannot start {self.jobs} worker processes: {describe(error)}") from None

    def take(self, future: Union[Future, Done]) -> Result:
        """The result of a batch submitted; where the worker spilled its text,
        ``.spilled`` says where (``spill_descriptor``), and ``.data`` is empty."""
        return cast(Result, future.result())

    def spill_descriptor(self, spilled: Spilled) -> int:
        """An open descriptor of the spill file that holds a result's text."""
        return self._spills.descriptor(spilled)

    def _start(self, units: Units) -> ProcessPoolExecutor:
        """The workers, forked once the head of ``units`` has built the tables it needs."""
        # fork starts a worker in milliseconds; nothing runs threads yet.
        context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
        if context is not None:
            clean_batch(self.settings._replace(lines=False, raw=False), _head(self.settings, units))
        return ProcessPoolExecutor(
            max_workers=self.jobs, mp_context=context, initializer=start_worker,
            initargs=(self.settings, self.window + 1),
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._spills.close()

    def _stop_workers(self) -> None:
        """The pool after a worker failed to start: its workers stopped, and
        nothing waited for (a pool left half started had the run hang)."""
        pool, self._pool = self._pool, None
        if pool is None:
            return
        for worker in list((getattr(pool, "_processes", None) or {}).values()):  # the executor's own table
            try:
                # SIGKILL: a worker just forked still runs the parent's SIGTERM
                # handler, whose exit it swallows, and was waited for forever.
                worker.kill()
            except (OSError, AttributeError):
                pass
        pool.shutdown(wait=False, cancel_futures=True)


def _head(settings: Settings, units: Units) -> list[str]:
    """The first WARM_UP_CHARS characters or so of ``units``, as units (the
    lines of a run of lines; the start of a unit longer than that: what is
    cleaned of it is thrown away, only the tables it builds count)."""
    if settings.raw:  # UTF-8 runs: the first run's head is enough (at most 4 bytes a character)
        first = units[0]
        data = read_head(first, 4 * WARM_UP_CHARS) if isinstance(first, Extent) else cast(bytes, first)
        units = [data[: 4 * WARM_UP_CHARS].decode("utf-8", "ignore")]
    texts = cast("list[str]", units)
    head: list[str] = []
    chars = 0
    for unit in split_lines(texts[:1]) + texts[1:] if settings.lines else texts:
        head.append(unit[: WARM_UP_CHARS - chars])
        chars += len(head[-1])
        if chars >= WARM_UP_CHARS:
            break
    return head
