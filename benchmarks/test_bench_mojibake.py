"""fix_mojibake: Cython kernel, twin, and ftfy (fix_text, fix_encoding), same run."""
from __future__ import annotations

import ftfy
import pytest
from conftest import SAMPLES, record, repeated

import zhclean
from corpus.implementations import over

SOURCE = (SAMPLES / "003_e0210ab8d126b4d2.txt").read_text(encoding="utf-8")
# Sample 001's gold: Traditional, all of it in Big5.
TRADITIONAL = (SAMPLES.parent / "gold" / "001_81fedda5c7d48eaa.txt").read_text(encoding="utf-8")
WHATWG_C1 = (0x81, 0x8D, 0x8F, 0x90, 0x9D)


def _browser_windows_1252(data: bytes) -> str:
    return "".join(chr(b) if b in WHATWG_C1 else bytes([b]).decode("cp1252") for b in data)


INPUTS = {
    "clean Chinese": lambda: repeated(SOURCE, 4_000_000),
    # UTF-8 read as Windows-1252 the way browsers do it: nothing lost, so
    # ftfy can repair it all too.
    "UTF-8 read as Windows-1252": lambda: repeated(_browser_windows_1252(SOURCE.encode("utf-8")) + "\n", 2_000_000),
    # UTF-8 read as GBK (Python's decoder, losses as U+FFFD): ftfy cannot.
    "UTF-8 read as GBK": lambda: repeated(SOURCE.encode("utf-8").decode("gbk", "replace") + "\n", 1_000_000),
    # Big5 read as GBK (Python's decoder): out of step after every loss, re-read
    # by dynamic programming in Python; ftfy cannot.
    "Big5 read as GBK": lambda: repeated(
        TRADITIONAL.encode("big5").decode("gbk", "replace") + "\n", 500_000
    ),
}
IMPLEMENTATIONS = {
    "zhclean (cython)": (over("cython", zhclean.fix_mojibake), 10),
    "zhclean (python twin)": (over("python", zhclean.fix_mojibake), 2),
    "ftfy.fix_encoding": (ftfy.fix_encoding, 2),
    "ftfy.fix_text": (ftfy.fix_text, 2),
}
_cache: dict[str, str] = {}


@pytest.mark.parametrize("implementation", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("name", list(INPUTS))
def test_fix_mojibake(benchmark, implementation, name):
    text = _cache.setdefault(name, INPUTS[name]())
    function, rounds = IMPLEMENTATIONS[implementation]
    if implementation == "zhclean (python twin)":
        assert function(text) == IMPLEMENTATIONS["zhclean (cython)"][0](text)
    benchmark.group = f"fix_mojibake {name}"
    benchmark.pedantic(function, args=(text,), rounds=rounds, iterations=1, warmup_rounds=1)
    record(benchmark, "mojibake", name, implementation, text)
