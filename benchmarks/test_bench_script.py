"""Script: zhclean's unification and detection against one OpenCC pass (the
baseline) and zhconv-rs, same run, on every seed and external text.

Each text is repeated to about SCRIPT_BYTES of UTF-8.  The baseline is one
OpenCC pass into the text's majority script (``t2s`` for sample 003, ``s2t``
for the others, the zhwiki text included: its majority is Traditional);
zhconv-rs (MediaWiki's tables, in Rust) converts into the same script
(``zh-hans`` / ``zh-hant``), and is skipped when it is not installed (the
``bench`` extra).  ``zhclean convert auto`` must beat the baseline 3× on pure
text and beat it on the mixed zhwiki text, and the default Cleaner (every
step: mojibake, pinyin, script, normalizations) be at least as fast as the
baseline on each text (issue 8).
"""
from __future__ import annotations

import time

import pytest
from conftest import BASELINES, INPUT_NOTES, SHIPPED_SAMPLES, record, repeated, utf8_mb

import zhclean
from corpus import EXTERNAL

SCRIPT_BYTES = 2_000_000  # each input; under --benchmark-disable, SMOKE_BYTES (conftest)
SEEDS = ["000", "001", "002", "003", "004"]
EXTERNAL_TEXTS = {
    "豆棚閒話": "gutenberg-25328-doupeng-trad.txt",
    "世說新語": "wikisource-shishuoxinyu-trad.txt",
    "zhwiki (mixed)": "zhwiki-hanyu-mixed.txt",
}
SIMPLIFIED = {"003"}  # the texts whose majority is Simplified
# What each text must give: unchanged (pure), or changed (mixed: 世說新語's
# Simplified licence lines, the zhwiki text).
MIXED = {"世說新語", "zhwiki (mixed)"}
ROUND_BUDGET = 2.0  # seconds of timing per benchmark (the minimum of many rounds: a loaded machine)
MIN_ROUNDS, MAX_ROUNDS = 5, 100

_texts: dict[str, str] = {}


def _source(name: str) -> str:
    if name in EXTERNAL_TEXTS:
        path = EXTERNAL / EXTERNAL_TEXTS[name]
        if not path.is_file():
            pytest.skip(f"{path} is absent (the shared corpus is not beside this checkout)")
        return path.read_text(encoding="utf-8")
    (path,) = SHIPPED_SAMPLES.glob(f"{name}_*.txt")
    return path.read_text(encoding="utf-8")


def _text(name: str, input_bytes: int) -> str:
    if name not in _texts:
        _texts[name] = repeated(_source(name), min(input_bytes, SCRIPT_BYTES))
    return _texts[name]


def _opencc(name: str):
    import opencc

    return opencc.OpenCC("t2s" if name in SIMPLIFIED else "s2t").convert


def _zhconv(name: str):
    zhconv_rs = pytest.importorskip("zhconv_rs", reason="zhconv-rs is not installed (pip install '.[bench]')")
    variant = "zh-hans" if name in SIMPLIFIED else "zh-hant"
    return lambda text: zhconv_rs.zhconv(text, variant)


IMPLEMENTATIONS = {
    "zhclean convert auto": lambda name: zhclean.convert,
    "zhclean detect_script": lambda name: zhclean.detect_script,
    "zhclean Cleaner (default)": lambda name: zhclean.Cleaner(),
    "opencc": _opencc,
    "zhconv-rs": _zhconv,
}


def _rounds(seconds_once: float) -> int:
    return max(MIN_ROUNDS, min(MAX_ROUNDS, int(ROUND_BUDGET / max(seconds_once, 1e-9))))


@pytest.mark.parametrize("implementation", list(IMPLEMENTATIONS))
@pytest.mark.parametrize("name", SEEDS + list(EXTERNAL_TEXTS))
def test_script(benchmark, input_bytes, name, implementation):
    text = _text(name, input_bytes)
    function = IMPLEMENTATIONS[implementation](name)
    output = function(text)  # the first call builds tables and converters
    start = time.perf_counter()
    function(text)
    once = time.perf_counter() - start
    if implementation == "zhclean convert auto":
        if name in MIXED:
            assert output != text and zhclean.detect_script(text).script == "mixed"
        else:
            assert output is text, f"{name} is pure: unification must leave it alone"
    elif implementation == "zhclean Cleaner (default)":
        assert isinstance(output, str)  # the whole pipeline: annotations go, so the text may shrink
    elif implementation == "zhclean detect_script":
        assert output.script == ("mixed" if name in MIXED else "simplified" if name in SIMPLIFIED else "traditional")
    else:
        assert len(output) >= len(text) * 0.9  # a conversion of the whole text
    benchmark.group = f"script {name} ({utf8_mb(text):.1f} MB)"
    benchmark.pedantic(function, args=(text,), rounds=_rounds(once), iterations=1, warmup_rounds=1)
    record(benchmark, "script", name, implementation, text)


# --- the Cleaner on a batch of lines, against the same Cleaner line by line -----
BATCH_IMPLEMENTATIONS = {
    "Cleaner.clean_batch(lines)": lambda cleaner, lines: cleaner.clean_batch(lines),
    "Cleaner on each line": lambda cleaner, lines: [cleaner(line) for line in lines],
}
BASELINES["batch"] = "Cleaner on each line"
INPUT_NOTES["batch"] = (
    f"each text of the script rows (~{SCRIPT_BYTES / 1e6:.0f} MB) cut into its lines, the default Cleaner; "
    "issue 8: a batch must be faster per item than calling one by one"
)


@pytest.mark.parametrize("implementation", list(BATCH_IMPLEMENTATIONS))
@pytest.mark.parametrize("name", SEEDS + list(EXTERNAL_TEXTS))
def test_batch(benchmark, input_bytes, name, implementation):
    text = _text(name, input_bytes)
    lines = text.splitlines(keepends=True)
    cleaner = zhclean.Cleaner()
    function = BATCH_IMPLEMENTATIONS[implementation]
    output = function(cleaner, lines)  # the first call builds tables and converters
    assert output == [cleaner(line) for line in lines]
    start = time.perf_counter()
    function(cleaner, lines)
    once = time.perf_counter() - start
    benchmark.group = f"batch {name} ({utf8_mb(text):.1f} MB)"
    benchmark.pedantic(function, args=(cleaner, lines), rounds=_rounds(once), iterations=1, warmup_rounds=1)
    record(benchmark, "batch", name, implementation, text)
