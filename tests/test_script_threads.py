"""The script layer is safe from the first call, in any thread.

In a fresh process, eight threads make their *first* call at once (a
barrier lets them go together) while the script tables, the scanners and
the OpenCC converters are still to be built: ``detect_script``,
``convert(to="auto")``, ``convert(to="traditional")``, and the three at once
(thread k calls the k-th modulo 3, so that different lazy tables are built
concurrently).  Every result is checked against what one thread computes
afterwards; several fresh processes each, since a race on first use shows
in some runs, not all.  The fresh processes run the installed package's
loops (the compiled scans, ``zhclean.chars`` and the unit scan, where they
were built), whichever implementation the suite runs over.
"""
from __future__ import annotations

import subprocess
import sys

import pytest

pytestmark = pytest.mark.any_implementation

PROCESSES = 2
THREADS = 8

_CHILD = r"""
import sys, threading
import zhclean

mode = sys.argv[1]
# A Traditional page with Simplified sentences, clauses and runs, lone
# variants and a Japanese quote: every path of unification; ~150 KB of UTF-8.
page = (
    "這個頁面的內容很好，我們會儘快處理。抓好确诊病例救治、疑似病例隔离。"
    "台灣的平台，请到互助客栈询问。多措并舉保障市場供應，各级党委要增強責任。"
    "他寫了「東京の国内線」這本書。我們说这里很好。\n"
)
text = page * 400
calls = {
    "detect": lambda: zhclean.detect_script(text),
    "auto": lambda: zhclean.convert(text),
    "traditional": lambda: zhclean.convert(text, to="traditional"),
}
names = list(calls) if mode == "all" else [mode]
barrier = threading.Barrier(%(threads)d)
results = [None] * %(threads)d


def work(index):
    call = calls[names[index %% len(names)]]
    barrier.wait()
    results[index] = call()


threads = [threading.Thread(target=work, args=(k,)) for k in range(%(threads)d)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
expected = {name: calls[name]() for name in names}
wrong = sum(result != expected[names[k %% len(names)]] for k, result in enumerate(results))
unified = zhclean.convert(page)
assert unified != page and "確診" in unified and "國内" not in unified and "客棧" in unified
print(wrong)
"""


@pytest.mark.parametrize("mode", ["detect", "auto", "traditional", "all"])
def test_first_calls_from_eight_threads_at_once(mode):
    code = _CHILD % {"threads": THREADS}
    for _ in range(PROCESSES):
        result = subprocess.run([sys.executable, "-c", code, mode], capture_output=True, text=True, timeout=120)
        assert result.returncode == 0, result.stderr[-2000:]
        assert result.stdout.split() == ["0"], f"{result.stdout.strip()} of {THREADS} results wrong"
