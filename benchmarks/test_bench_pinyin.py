"""strip_pinyin: Cython kernel, pure-Python twin and a ``regex`` baseline, same run.

Each implementation runs on the same ~8 MB inputs (see conftest.py: sample 004
annotated, issue 10's forms, sample 003 clean, and sample 003 as 30% English
text), after
an assertion that its output is exactly the kernel's, so every row of the
summary does the same work.  Rounds are chosen from the time of that
checking run: about ROUND_BUDGET seconds of timing per benchmark, between
MIN_ROUNDS and MAX_ROUNDS rounds, after one warm-up round.
"""
from __future__ import annotations

import threading
import time

import pytest
from conftest import THREADS, load_average, record, utf8_mb

import zhclean
from corpus.implementations import over

import regex_baseline

IMPLEMENTATIONS = {
    "zhclean (cython)": over("cython", zhclean.strip_pinyin),
    "zhclean (python twin)": over("python", zhclean.strip_pinyin),
    "regex": regex_baseline.strip_pinyin,
}
ROUND_BUDGET = 2.0  # seconds
MIN_ROUNDS, MAX_ROUNDS = 3, 200
THREAD_REPEAT = 30

_expected: dict[str, str] = {}


def _rounds(seconds_once: float) -> int:
    return max(MIN_ROUNDS, min(MAX_ROUNDS, int(ROUND_BUDGET / max(seconds_once, 1e-9))))


@pytest.mark.parametrize("implementation", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("name", ["annotated", "forms", "clean", "mixed"])
def test_strip_pinyin(benchmark, request, implementation, name):
    text = request.getfixturevalue(name)
    function = IMPLEMENTATIONS[implementation]
    if name not in _expected:
        _expected[name] = IMPLEMENTATIONS["zhclean (cython)"](text)
    expected = _expected[name]
    if name in ("annotated", "forms"):
        assert len(expected) < len(text), "the annotated input should have annotations to remove"
    else:
        assert expected is text, "the clean inputs have nothing to remove"
    # The same output, or the comparison means nothing.
    start = time.perf_counter()
    output = function(text)
    once = time.perf_counter() - start
    assert output == expected, f"{implementation} differs from the kernel on the {name} input"
    benchmark.group = f"strip_pinyin {name} ({utf8_mb(text):.1f} MB)"
    benchmark.extra_info["output == kernel output"] = True
    benchmark.pedantic(function, args=(text,), rounds=_rounds(once), iterations=1, warmup_rounds=1)
    record(benchmark, "pinyin", name, implementation, text)


def test_two_threads(benchmark, annotated, annotated_other):
    """Two different annotated documents cleaned by two threads at once, against
    one after the other in one thread (the kernel releases the GIL while it
    scans and copies).  The pytest-benchmark row is the two-thread time; the
    speedup is best-of-THREAD_REPEAT with time.perf_counter, the two ways
    interleaved so that load from other processes hits both alike."""
    documents = (annotated, annotated_other)
    assert annotated != annotated_other
    expected = [IMPLEMENTATIONS["zhclean (cython)"](document) for document in documents]
    if zhclean.KERNELS != "cython":
        pytest.skip("the compiled loops are not the installed ones")
    strip = zhclean.strip_pinyin  # the installed (compiled) loops: swapping them is not for threads

    def one_thread() -> list[str]:
        return [strip(document) for document in documents]

    def two_threads() -> list[str]:
        outputs: list = [None, None]

        def work(index: int) -> None:
            outputs[index] = strip(documents[index])

        threads = [threading.Thread(target=work, args=(index,)) for index in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return outputs

    assert one_thread() == expected
    assert two_threads() == expected
    benchmark.group = "strip_pinyin 2 annotated documents, 2 threads"
    benchmark.pedantic(two_threads, rounds=THREAD_REPEAT, iterations=1, warmup_rounds=1)
    if not benchmark.enabled:
        return
    load = load_average()
    sequential, threaded = [], []
    for _ in range(THREAD_REPEAT):
        for function, times in ((one_thread, sequential), (two_threads, threaded)):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
    mb = sum(utf8_mb(document) for document in documents)
    best_sequential, best_threaded = min(sequential), min(threaded)
    row = {
        "speedup": best_sequential / best_threaded,
        "sequential_ms": best_sequential * 1e3,
        "threaded_ms": best_threaded * 1e3,
        "sequential_mbps": mb / best_sequential,
        "threaded_mbps": mb / best_threaded,
        "repeat": THREAD_REPEAT,
        "input_mb": mb,
    }
    label = f"strip_pinyin (cython), 2 threads vs 1 thread over 2 annotated documents of {mb / 2:.1f} MB"
    benchmark.extra_info.update({key: round(value, 2) for key, value in row.items()})
    benchmark.extra_info["load average before"] = load
    THREADS[label] = {**row, "load": load}
