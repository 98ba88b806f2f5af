"""Each kernel call beside one busy Python thread, against the same call alone.

A kernel that releases the GIL must get it back before it returns, and
while another Python thread is busy that can take up to the 5 ms switch
interval; released for small pieces of work, that wait dominates (before
this was measured, 40k clean characters took 4 us alone and 1 ms beside a
busy thread).  Each row: the best time of the call (or of a loop of calls,
for small inputs) alone and beside a thread running a pure-Python loop,
interleaved, and the ratio.  The last row is pure Python, no kernel: what
any Python code pays beside a busy thread on the machine as it is (its fair
share of the GIL, and of the CPU when other processes run).  A kernel call
should cost no more than that: the compiled parts must not add a wait per
piece of work.
"""
from __future__ import annotations

import threading
import time

import pytest
from conftest import BUSY, SAMPLES, load_average, repeated

import zhclean

REPEAT = 7
SMALL_LOOP = 200  # calls on a small input per timing


def _clean_small() -> str:
    return repeated((SAMPLES / "003_e0210ab8d126b4d2.txt").read_text(encoding="utf-8"), 120_000)[:40_000]


def _annotated_small() -> str:
    return repeated((SAMPLES / "004_dfb1b050610469ea.txt").read_text(encoding="utf-8"), 120_000)[:40_000]


def _big5_read_as_gbk(size: int) -> str:
    traditional = (SAMPLES.parent / "gold" / "001_81fedda5c7d48eaa.txt").read_text(encoding="utf-8")
    return repeated(traditional.encode("big5").decode("gbk", "replace") + "\n", size)


def _python_reference(count: int) -> int:
    """Pure-Python work of about 50 ms: what any Python code pays beside a busy
    thread (its fair share of the GIL), the yardstick for the rows above it."""
    total = 0
    for k in range(count):
        total += k
    return total


CASES = {
    "strip_pinyin, 40k clean characters, called in a loop": (zhclean.strip_pinyin, _clean_small, SMALL_LOOP),
    "strip_pinyin, 40k annotated characters, called in a loop": (zhclean.strip_pinyin, _annotated_small, SMALL_LOOP),
    "fix_mojibake, 40k clean characters, called in a loop": (zhclean.fix_mojibake, _clean_small, SMALL_LOOP),
    "fix_mojibake, 1 MB of Big5 read as GBK (lossy)": (zhclean.fix_mojibake, lambda: _big5_read_as_gbk(1_000_000), 1),
    "reference: a pure-Python loop (no kernel)": (_python_reference, lambda: 1_000_000, 1),
}


class _Busy:
    """A thread spinning in pure Python until stopped."""

    def __enter__(self) -> _Busy:
        self.stop = False

        def spin() -> None:
            count = 0
            while not self.stop:
                count += 1

        self.thread = threading.Thread(target=spin, daemon=True)
        self.thread.start()
        time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop = True
        self.thread.join()


def _timed(function, text, loop: int) -> float:
    start = time.perf_counter()
    for _ in range(loop):
        function(text)
    return time.perf_counter() - start


@pytest.mark.parametrize("label", list(CASES))
def test_beside_a_busy_thread(benchmark, label):
    if zhclean.KERNELS != "cython":
        pytest.skip("the compiled loops are not the installed ones")
    function, make, loop = CASES[label]
    text = make()
    function(text)  # tables loaded, caches warm
    benchmark.group = "beside a busy thread"
    benchmark.pedantic(function, args=(text,), rounds=1, iterations=1)
    if not benchmark.enabled:
        return
    load = load_average()
    alone, beside = [], []
    for _ in range(REPEAT):
        alone.append(_timed(function, text, loop))
        with _Busy():
            beside.append(_timed(function, text, loop))
    row = {
        "alone_ms": min(alone) * 1e3 / loop,
        "beside_ms": min(beside) * 1e3 / loop,
        "ratio": min(beside) / min(alone),
        "load": load,
    }
    benchmark.extra_info.update({k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()})
    BUSY[label] = row
