"""fix_mojibake and mojibake_report: the Cython kernel, its twin and ``ftfy.fix_encoding``,
same run, on the inputs issue 9 names.

Three tables of inputs, every one a function of a size in UTF-8 bytes:

- ``CLEAN``: clean text of every kind (each seed sample, each text of the shared
  corpus's ``external/``, an English page, a Korean page, Chinese with English
  words), repeated and cut to CLEAN_BYTES; nothing to repair (asserted).
- ``FAMILIES`` x ``FAMILY_TEXTS``: a text pushed through a wrong decoder of
  ``corpus/lossy.py`` (the corpus generator's), repeated and cut to FAMILY_BYTES.
- ``ADVERSARIAL`` (``corpus/mojibake/adversarial.py``) at each of ADVERSARIAL_SIZES.

Slow rows must not hold the run hostage: before a benchmark, the function is
timed once on inputs growing fourfold from a few KB (``_ladder``), and the
time at each size is predicted from the last two, with the growth exponent
they show (2 when unknown).  A clean or family row runs at the largest size on
that ladder predicted to take at most CALL_BUDGET seconds a call, and the
summary marks one run on a smaller input than the rest of its row; an
adversarial size predicted to take longer is not run, and the by-size table
says so with the figure measured on the ladder.  Rounds: about ROUND_BUDGET
seconds each, at least one.  Under ``--benchmark-disable`` each benchmark runs
once on SMOKE_BYTES and checks the twin gives the kernel's output.
"""
from __future__ import annotations

import functools
import math
import re
import time
from typing import Callable

import ftfy
import pytest
from conftest import (
    BASELINES, INPUT_NOTES, MBPS_FLOORS, RATIO_FLOORS, SHIPPED_SAMPLES, benchmarks_disabled, mixed_text, read_sample,
    record, record_size, skip_size, utf8_mb,
)

import zhclean
from corpus import EXTERNAL, HERE as CORPUS
from corpus.implementations import over
from corpus.lossy import encodable
from corpus.lossy import wrong_decode
from corpus.mojibake.adversarial import ADVERSARIAL, MB
from corpus.mojibake_sets import multilingual_lines

CLEAN_BYTES = 2 * MB  # each clean input
FAMILY_BYTES = MB  # each mojibake input
ADVERSARIAL_SIZES = [MB // 4, MB, 4 * MB, 8 * MB]
SMOKE_BYTES = 4_000  # every input under --benchmark-disable (the CI's smoke run: seconds in all)
CALL_BUDGET = 5.0  # seconds: the longest one timed call may be predicted to take
ROUND_BUDGET = 1.5  # seconds of timing per benchmark
MAX_ROUNDS = 10
PROBE_SECONDS = 0.3  # stop timing the ladder once a call takes this long: predict the rest
LADDER_STEP = 4  # each size on the ladder is this many times the one before
LADDER_START = 1_000  # bytes: the ladder's smallest size is above this (two times before PROBE_SECONDS)
RELIABLE_SECONDS = 0.002  # a time under this gives no growth exponent
GROWTH_UNKNOWN = 2.0  # the exponent assumed with one reliable time (quadratic: issue 9 saw it)

# Issue 9's floors (conftest lists the rows below them).
RATIO_FLOORS.update({"mojibake clean": 30.0, "mojibake family": 10.0})
MBPS_FLOORS.update({"mojibake family": 5.0, "mojibake adversarial": 5.0})
BASELINE = "ftfy.fix_encoding"
BASELINES.update({group: BASELINE for group in ("mojibake clean", "mojibake family", "mojibake adversarial")})


def _seed(number: str) -> Callable[[], str]:
    (path,) = SHIPPED_SAMPLES.glob(f"{number}_*.txt")
    return lambda: read_sample(path.name)


def _external(file: str) -> Callable[[], str]:
    def read() -> str:
        path = EXTERNAL / file
        if not path.is_file():
            pytest.skip(f"{path} is absent (the shared corpus is not beside this checkout)")
        return path.read_text(encoding="utf-8")
    return read


def _english() -> str:
    """The English each line of corpus/multilingual translates (its ``source``
    names Django's msgid), once each, one a line."""
    msgids = (re.search(r"\(msgid (['\"])(.*)\1\)$", row["source"]) for row in multilingual_lines())
    return "\n".join(dict.fromkeys(match.group(2) for match in msgids if match)) + "\n"


def _korean() -> str:
    return "\n".join(row["text"] for row in multilingual_lines("ko")) + "\n"


def _pages(*languages: str) -> Callable[[], str]:
    """corpus/multilingual's lines of ``languages``, one a line."""
    return lambda: "\n".join(row["text"] for lang in languages for row in multilingual_lines(lang)) + "\n"


def _gold(name: str) -> Callable[[], str]:
    return lambda: (CORPUS / "samples" / "gold" / name).read_text(encoding="utf-8")


# name -> (what it is, the text once).
CLEAN: dict[str, tuple[str, Callable[[], str]]] = {
    "seed 000": ("sample 000: Traditional news, pinyin after some characters", _seed("000")),
    "seed 001": ("sample 001: Traditional news, pinyin after some characters", _seed("001")),
    "seed 002": ("sample 002: Traditional news, pinyin after some characters", _seed("002")),
    "seed 003 (news)": ("sample 003: Simplified news, no annotation (the README's clean page)", _seed("003")),
    "seed 004 (annotated)": ("sample 004: Traditional news, pinyin after most characters", _seed("004")),
    "Gutenberg (vernacular)": (
        "external/gutenberg-25328-doupeng-trad.txt (豆棚閒話): Traditional vernacular fiction, hard-wrapped, "
        "with Project Gutenberg's English header and footer",
        _external("gutenberg-25328-doupeng-trad.txt"),
    ),
    "Wikisource (classical)": (
        "external/wikisource-shishuoxinyu-trad.txt (世說新語): Traditional classical Chinese",
        _external("wikisource-shishuoxinyu-trad.txt"),
    ),
    "zhwiki (mixed)": (
        "external/zhwiki-hanyu-mixed.txt: the Wikipedia article on the Chinese language, Simplified and "
        "Traditional side by side",
        _external("zhwiki-hanyu-mixed.txt"),
    ),
    "English page": (
        "the English msgids that corpus/multilingual's lines translate (Django 5.2.19), once each, one a line",
        _english,
    ),
    "Korean page": ("corpus/multilingual/ko.jsonl's lines (Django 5.2.19), one a line", _korean),
    "European pages": (
        "corpus/multilingual's French, German, Portuguese, Polish, Czech, Turkish and Vietnamese lines "
        "(Django 5.2.19), one a line",
        _pages("fr", "de", "pt", "pl", "cs", "tr", "vi"),
    ),
    "Greek and Cyrillic pages": (
        "corpus/multilingual's Greek, Russian, Serbian and Kazakh lines (Django 5.2.19), one a line",
        _pages("el", "ru", "sr", "kk"),
    ),
    "Chinese-English": (
        "sample 003 with English words after Han characters until 30% of its characters are ASCII letters "
        "(conftest.mixed_text)",
        lambda: mixed_text(read_sample("003_e0210ab8d126b4d2.txt")),
    ),
}
# name -> (the codec the text was written in, the wrong decoder: a name of corpus.lossy.wrong_decode).
FAMILIES: dict[str, tuple[str, str]] = {
    "UTF-8 read as GBK": ("utf-8", "gbk"),
    "UTF-8 read as WHATWG gbk": ("utf-8", "whatwg-gbk"),
    "UTF-8 read as windows-1252 (browsers)": ("utf-8", "cp1252-whatwg"),
    "UTF-8 read as Latin-1": ("utf-8", "latin-1"),
    "GBK crawler hybrid": ("gbk", "hybrid-cp1252"),
    "Big5 read as GBK": ("big5", "gbk"),
    "GBK read as Big5": ("gbk", "big5"),
}
# name -> (what it is, the text once for a Simplified-capable codec, the text once for Big5).
FAMILY_TEXTS: dict[str, tuple[str, Callable[[], str], Callable[[], str]]] = {
    "news": (
        "sample 003 (Simplified news); where the text is written in Big5, sample 001's gold (Traditional news)",
        _seed("003"),
        _gold("001_81fedda5c7d48eaa.txt"),
    ),
    "Gutenberg": (
        "external/gutenberg-25328-doupeng-trad.txt (豆棚閒話, Traditional), for every codec",
        _external("gutenberg-25328-doupeng-trad.txt"),
        _external("gutenberg-25328-doupeng-trad.txt"),
    ),
}
ADVERSARIAL_FUNCTIONS = {
    "fix_mojibake (cython)": over("cython", zhclean.fix_mojibake),
    "mojibake_report (cython)": over("cython", zhclean.mojibake_report),
    BASELINE: ftfy.fix_encoding,
}
IMPLEMENTATIONS = {
    "zhclean (cython)": over("cython", zhclean.fix_mojibake),
    "zhclean (python twin)": over("python", zhclean.fix_mojibake),
    BASELINE: ftfy.fix_encoding,
}

SMALLER = (f"; a row marked [on X MB] ran on a smaller input, the largest of the target / 4**k predicted to take "
           f"at most {CALL_BUDGET:g} s a call")
INPUT_NOTES.update({
    "mojibake clean": f"each text repeated and cut to ~{CLEAN_BYTES / MB:.0f} MB of UTF-8: "
    + "; ".join(f"`{name}` = {what}" for name, (what, _) in CLEAN.items()) + SMALLER,
    "mojibake family": "the lines of a text that the first codec can write, through the wrong decoder of "
    "corpus/lossy.py (the corpus generator's: Python's codecs with errors='replace', the WHATWG gbk with 0x80 = €, "
    "the browsers' windows-1252, the crawler hybrid of UTF-8 and Python's windows-1252), repeated and cut to "
    f"~{FAMILY_BYTES / MB:.0f} MB: "
    + "; ".join(f"`{name}` ({right} -> {wrong})" for name, (right, wrong) in FAMILIES.items())
    + "; texts: " + "; ".join(f"`{name}` = {what}" for name, (what, _, _) in FAMILY_TEXTS.items()) + SMALLER,
    "mojibake adversarial": "corpus/mojibake/adversarial.py's ADVERSARIAL generators (one line, no newline) at "
    + ", ".join(f"{size / MB:g}" for size in ADVERSARIAL_SIZES) + " MB; a size predicted to take over "
    f"{CALL_BUDGET:g} s a call is not run",
})


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated and cut to at most ``size`` UTF-8 bytes (a whole character)."""
    data = (unit * (size // max(1, len(unit.encode("utf-8"))) + 1)).encode("utf-8")[:size]
    return data.decode("utf-8", "ignore")


@functools.lru_cache(maxsize=None)
def _clean_unit(name: str) -> str:
    return CLEAN[name][1]()


@functools.lru_cache(maxsize=None)
def _family_unit(family: str, text: str) -> str:
    right, wrong = FAMILIES[family]
    _, simplified, traditional = FAMILY_TEXTS[text]
    source = traditional() if right == "big5" else simplified()
    lines = [line for line in source.splitlines() if encodable(line, right)]
    return wrong_decode(("\n".join(lines) + "\n").encode(right), wrong)[0]


@functools.lru_cache(maxsize=12)  # the sizes of one adversarial input, its rows being in a row
def _adversarial(name: str, size: int) -> str:
    return ADVERSARIAL[name](size)


# (input, implementation) -> {bytes: seconds of one call}, from every ladder and benchmark.
_timings: dict[tuple[str, str], dict[int, float]] = {}


def _predict(times: dict[int, float], size: int) -> float:
    """Seconds of one call at ``size``, from the two largest sizes timed below it."""
    below = sorted((s, t) for s, t in times.items() if s <= size)
    (s1, t1) = below[-1]
    exponent = GROWTH_UNKNOWN
    if len(below) > 1 and below[-2][1] >= RELIABLE_SECONDS:
        s0, t0 = below[-2]
        exponent = min(3.0, max(1.0, math.log(t1 / t0) / math.log(s1 / s0)))
    return t1 * (size / s1) ** exponent


def _time_once(function: Callable, text: str) -> float:
    start = time.perf_counter()
    function(text)
    return time.perf_counter() - start


def _ladder(key: tuple[str, str], function: Callable, make: Callable[[int], str], target: int) -> tuple[int, float]:
    """The largest of target / LADDER_STEP**k (k = 0, 1, ... while above LADDER_START)
    that one call is timed or predicted to take at most CALL_BUDGET seconds on, and
    that time (the smallest and inf if none).  Times one call on each size from the
    smallest until a call takes PROBE_SECONDS or more, then predicts."""
    sizes = [target]
    while sizes[-1] // LADDER_STEP > LADDER_START:
        sizes.append(sizes[-1] // LADDER_STEP)
    times = _timings.setdefault(key, {})
    chosen = (sizes[-1], math.inf)
    for size in reversed(sizes):
        if size in times:
            seconds = times[size]
        elif any(timed > size for timed in times):
            continue  # a larger size was timed already (the ladder of a smaller target)
        elif times and (max(times.values()) >= PROBE_SECONDS or _predict(times, size) > CALL_BUDGET):
            seconds = _predict(times, size)
        else:
            seconds = times[size] = _time_once(function, make(size))
        if seconds > CALL_BUDGET:
            break
        chosen = (size, seconds)
    return chosen


def _rounds(seconds: float) -> int:
    return max(1, min(MAX_ROUNDS, int(ROUND_BUDGET / max(seconds, 1e-9))))


def _run(benchmark, function: Callable, text: str, seconds: float):
    return benchmark.pedantic(function, args=(text,), rounds=_rounds(seconds), iterations=1, warmup_rounds=0)


def _measure(benchmark, request, group: str, name: str, implementation: str, make: Callable[[int], str],
             target: int) -> tuple[str, object]:
    """Run one clean or family benchmark (smoke or measured); return its input and output.
    The twin must give the kernel's output on the smoke-sized input first (cheap)."""
    function = IMPLEMENTATIONS[implementation]
    benchmark.group = f"{group} {name}"
    small, smoke = make(SMOKE_BYTES), benchmarks_disabled(request.config)
    # Measuring, this call also loads the tables before anything is timed.
    output = _run(benchmark, function, small, 1.0) if smoke else function(small)
    if implementation == "zhclean (python twin)":
        assert output == IMPLEMENTATIONS["zhclean (cython)"](small), f"the twin differs from the kernel on {name}"
    if smoke:
        return small, output
    size, seconds = _ladder((f"{group} {name}", implementation), function, make, target)
    text = make(size)
    output = _run(benchmark, function, text, seconds)
    record(benchmark, group, name, implementation, text)
    return text, output


@pytest.mark.parametrize("implementation", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("name", list(CLEAN))
def test_clean(benchmark, request, name, implementation):
    text, output = _measure(benchmark, request, "mojibake clean", name, implementation,
                            lambda size: _fill(_clean_unit(name), size), CLEAN_BYTES)
    if implementation == "zhclean (cython)":
        assert output == text, f"{name} is clean: fix_mojibake must leave it alone"


@pytest.mark.parametrize("implementation", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("text_name", list(FAMILY_TEXTS))
@pytest.mark.parametrize("family", list(FAMILIES))
def test_family(benchmark, request, family, text_name, implementation):
    _measure(benchmark, request, "mojibake family", f"{family} · {text_name}", implementation,
             lambda size: _fill(_family_unit(family, text_name), size), FAMILY_BYTES)


@pytest.mark.parametrize("implementation", list(ADVERSARIAL_FUNCTIONS))
@pytest.mark.parametrize("size", ADVERSARIAL_SIZES)
@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_adversarial(benchmark, request, name, size, implementation):
    function = ADVERSARIAL_FUNCTIONS[implementation]
    benchmark.group = f"mojibake adversarial {name}"
    if benchmarks_disabled(request.config):
        if size != ADVERSARIAL_SIZES[0]:
            pytest.skip("smoke run: one size")
        _run(benchmark, function, ADVERSARIAL[name](SMOKE_BYTES), 1.0)
        return
    function(ADVERSARIAL[name](SMOKE_BYTES))
    key = (f"adversarial {name}", implementation)
    chosen, seconds = _ladder(key, function, lambda probe: _adversarial(name, probe), size)
    if chosen != size:
        times = _timings[key]
        largest = max(times)
        rate = utf8_mb(_adversarial(name, largest)) / times[largest]
        why = f"{rate:.3g} MB/s at {largest / MB:.3g} MB predicts over {CALL_BUDGET:g} s a call"
        skip_size("mojibake adversarial", name, implementation, size / MB, why)
        pytest.skip(f"{size / MB:g} MB: {why}")
    text = _adversarial(name, size)
    _run(benchmark, function, text, seconds)
    _timings[key][size] = benchmark.stats.stats.min
    record_size(benchmark, "mojibake adversarial", name, implementation, text, size / MB)
