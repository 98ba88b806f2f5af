"""``--jobs N``: batches cleaned in N worker processes, results taken in order.

The main process reads, decodes and cuts the input into batches, and
writes the results in the order the batches were read; the workers clean.
At most ``IN_FLIGHT_PER_JOB`` batches per worker are out at once, so memory
stays bounded whatever the input's size, and the reader never runs far
ahead of the writer.  With one job everything happens in this process,
through the same function.
"""
from __future__ import annotations

import multiprocessing
import sys
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Optional, Union

from .work import Result, Settings, clean_batch, clean_in_worker, start_worker

__all__ = ["IN_FLIGHT_PER_JOB", "Done", "Runner"]

# Batches given to each worker before the oldest result is awaited: two
# keeps a worker busy while its last result travels back and is written
# (one left it idle about a tenth of the time); more only holds memory.
IN_FLIGHT_PER_JOB = 2
# Text that makes every step of the default Cleaner load its tables (readings,
# frequency classes, script tables, an OpenCC converter): cleaned once in the
# parent before the workers are forked, so that they start with the tables
# built (copy-on-write) instead of each spending the 0.5-1 s it takes; with
# two workers on two cores that cost, paid twice at once, had made
# --jobs 2 slower than --jobs 1 on a 12 MB file.
WARM_UP = "鍙戝竷浜嗘柊闂伙紝書(shu)記說。這個頁面有疑問，請到互助客栈询问。ＡＢＣ\u200b\u00a0 "


class Done:
    """A result computed at once (one job): the face of a finished future."""

    __slots__ = ("_result",)

    def __init__(self, result: Result) -> None:
        self._result = result

    def result(self) -> Result:
        return self._result

    def cancel(self) -> bool:
        return False


class Runner:
    """Cleans batches, here (one job) or in worker processes."""

    def __init__(self, settings: Settings, jobs: int) -> None:
        self.settings = settings
        self.jobs = max(1, jobs)
        self._pool: Optional[ProcessPoolExecutor] = None
        if self.jobs > 1:
            # fork starts a worker in milliseconds; nothing runs threads yet.
            context = multiprocessing.get_context("fork") if sys.platform == "linux" else None
            if context is not None:
                settings.cleaner.process(WARM_UP)  # every table, built once, inherited by the workers
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=context, initializer=start_worker, initargs=(settings,)
            )

    @property
    def window(self) -> int:
        """How many batches may be out before the oldest is awaited."""
        return self.jobs * IN_FLIGHT_PER_JOB if self._pool else 0

    def submit(self, units: list[str]) -> Union[Future, Done]:
        if self._pool is None:
            return Done(clean_batch(self.settings, units))
        return self._pool.submit(clean_in_worker, units)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
