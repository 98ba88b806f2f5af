"""strip_pinyin: Cython kernel, pure-Python twin and a regex baseline, same run."""
from __future__ import annotations

import threading
import time

import pytest
from conftest import THREADS, record, repeated

from zhclean import _pinyin, _pinyin_py

import regex_baseline

IMPLEMENTATIONS = {
    "zhclean (cython)": (_pinyin.strip_pinyin, 20),
    "zhclean (python twin)": (_pinyin_py.strip_pinyin, 3),
    "regex": (regex_baseline.strip_pinyin, 3),
}


@pytest.mark.parametrize("implementation", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("name", ["annotated", "clean"])
def test_strip_pinyin(benchmark, request, implementation, name):
    text = request.getfixturevalue(name)
    function, rounds = IMPLEMENTATIONS[implementation]
    expected = _pinyin.strip_pinyin(text)
    assert function(text) == expected  # the same work, or the comparison means nothing
    benchmark.group = f"strip_pinyin {name}"
    benchmark.pedantic(function, args=(text,), rounds=rounds, iterations=1, warmup_rounds=1)
    record(benchmark, "pinyin", name, implementation, text)


def test_two_threads(benchmark, annotated):
    """Two documents in two threads against one after the other."""
    documents = [annotated, repeated(annotated[1:] + annotated[:1])]

    def one_thread():
        for document in documents:
            _pinyin.strip_pinyin(document)

    def two_threads():
        threads = [threading.Thread(target=_pinyin.strip_pinyin, args=(d,)) for d in documents]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def best(function, repeat=7):
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            function()
            times.append(time.perf_counter() - start)
        return min(times)

    benchmark.pedantic(two_threads, rounds=1, iterations=1)
    if getattr(benchmark, "enabled", True):
        speedup = best(one_thread) / best(two_threads)
        THREADS["strip_pinyin, 2 threads over 2 annotated documents vs 1 thread (best of 7)"] = speedup
        benchmark.extra_info["speedup"] = round(speedup, 2)
