"""The character-set scan (zhclean.chars): the compiled loop and its twin agree,
at every kind of string, start and set; its users find what re found."""
from __future__ import annotations

import re
import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from zhclean import normalize
from zhclean.chars import CharBits, CharMap, CharTable, first_of, holds, regex_class
from zhclean.chars import _loops_py
from zhclean.script import scan
from zhclean.script.tables import TABLES

try:
    from zhclean.chars import _loops_c
except ImportError:  # built without a compiler
    _loops_c = None

IMPLEMENTATIONS = [_loops_py] + ([_loops_c] if _loops_c is not None else [])
SETS = [
    CharTable(""),
    CharTable("a"),
    CharTable("ＡＢ１乾"),
    CharTable("\x00\xff\u0100\uffff"),
    CharTable(chr(cp) for cp in range(0x4E00, 0x4E40)),
]


def _expected(text: str, table: CharTable, start: int) -> int:
    n = len(text)
    start = max(0, n + start) if start < 0 else start
    return next((k for k in range(start, n) if text[k] in table), -1)


@pytest.mark.parametrize("table", SETS, ids=lambda t: repr(t.chars[:6]))
@pytest.mark.parametrize("text", [
    "", "a", "abc" * 30, "x" * 100 + "１", "乾坤" * 20, "😀乾", "\uffff", "é" * 40 + "\xff", "a乾" * 9 + "😀",
])
@pytest.mark.parametrize("start", [0, 1, 5, 17, 1000, -1, -3, -1000])
def test_first_of_at_every_kind_and_start(text, table, start):
    for loops in IMPLEMENTATIONS:
        assert loops.first_of(text, table, start) == _expected(text, table, start), loops.__name__


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    chars=st.text(st.characters(max_codepoint=0xFFFF, blacklist_categories=("Cs",)), max_size=12),
    start=st.integers(-100, 100),
)
def test_twins_agree_on_random_strings_and_sets(text, chars, start):
    table = CharTable(chars)
    results = {loops.__name__: loops.first_of(text, table, start) for loops in IMPLEMENTATIONS}
    assert set(results.values()) == {_expected(text, table, start)}, results


@pytest.mark.parametrize("text", ["", "abc", "乾坤" * 40, "😀", "a😀b😀", "乾" * 50 + "😀" + "\U0010ffff", "\uffff" * 5])
@pytest.mark.parametrize("start", [0, 1, 2, 51, 1000, -1, -2, -1000])
def test_first_astral_at_every_kind_and_start(text, start):
    n = len(text)
    begin = max(0, n + start) if start < 0 else start
    expected = next((k for k in range(begin, n) if ord(text[k]) > 0xFFFF), -1)
    for loops in IMPLEMENTATIONS:
        assert loops.first_astral(text, start) == expected, loops.__name__


@settings(max_examples=300, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=60), start=st.integers(-80, 80))
def test_twins_agree_on_where_the_first_astral_character_is(text, start):
    assert len({loops.first_astral(text, start) for loops in IMPLEMENTATIONS}) == 1


def _runs_expected(text: str, run: CharTable, stop: CharTable) -> list[tuple[int, int]]:
    found, start = [], None
    for k, ch in enumerate(text):
        if ch in run:
            start = k if start is None else start
            continue
        if start is not None and ch in stop:
            found.append((start, k))
        start = None
    if start is not None:
        found.append((start, len(text)))
    return found


@pytest.mark.parametrize("text", [
    "", " ", "a \n", "a \t \nb\t\r\n c  ", "中 文\n 😀 \n", "  x", "\n\n  ", "é \nü\t",
])
def test_runs_before_at_every_kind(text):
    run, stop = CharTable(" \t"), CharTable("\n\r")
    for loops in IMPLEMENTATIONS:
        assert loops.runs_before(text, run, stop) == _runs_expected(text, run, stop), loops.__name__


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from(" \t\n\ra中😀\uffff\x00"), max_size=60),
    run=st.text(st.sampled_from(" \tab中\uffff"), max_size=3),
    stop=st.text(st.sampled_from("\n\r中a\x00"), max_size=3),
)
def test_twins_agree_on_runs_before(text, run, stop):
    run_table, stop_table = CharTable(run), CharTable(stop)
    results = {loops.__name__: loops.runs_before(text, run_table, stop_table) for loops in IMPLEMENTATIONS}
    assert list(results.values()) == [_runs_expected(text, run_table, stop_table)] * len(results), results


def _pairs_expected(text: str, first: CharTable, second: CharTable, start: int, end: int | None) -> list[int]:
    begin, stop, _ = slice(start, end).indices(len(text))
    return [k for k in range(begin, stop - 1) if text[k] in first and text[k + 1] in second]


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(st.sampled_from("ab“”字作简体中😀\uffff\x00"), max_size=40),
    first=st.text(st.sampled_from("a“字简中\uffff"), max_size=3),
    second=st.text(st.sampled_from("b”作体\x00"), max_size=3),
    start=st.integers(-50, 50),
    end=st.one_of(st.none(), st.integers(-50, 50)),
)
def test_twins_agree_on_pairs(text, first, second, start, end):
    """Where a character of one set stands before one of another, both inside the slice."""
    a, b = CharTable(first), CharTable(second)
    results = {loops.__name__: loops.pairs_at(text, a, b, start, end) for loops in IMPLEMENTATIONS}
    assert list(results.values()) == [_pairs_expected(text, a, b, start, end)] * len(results), results


def test_pairs_overlap_and_stop_at_the_end_of_the_slice():
    first, second = CharTable("简体"), CharTable("体字")
    for loops in IMPLEMENTATIONS:
        assert loops.pairs_at("简体字", first, second) == [0, 1]
        assert loops.pairs_at("简体字", first, second, 0, 2) == [0]
        assert loops.pairs_at("简体字" * 30_000, first, second)[-2:] == [89_997, 89_998]


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(st.sampled_from("a\xe9爲裏為里中😀\uffff\x00"), max_size=40),
    pairs=st.dictionaries(st.sampled_from("a\xe9爲裏中\uffff"), st.sampled_from("b\xe8為里中\uffff"), max_size=4),
)
def test_twins_translate_alike(text, pairs):
    """A map's images in place of its characters, in the storage they need; the text itself when none moves."""
    charmap = CharMap(pairs)
    expected = text.translate(str.maketrans(pairs))
    results = [loops.translate(text, charmap) for loops in IMPLEMENTATIONS]
    for result in results:
        assert result == expected and sys.getsizeof(result) == sys.getsizeof(expected)
        if expected == text:
            assert result is text


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(st.sampled_from("a\xe9爲裏為里中😀\uffff\x00"), max_size=40),
    sets=st.lists(st.text(st.sampled_from("a\xe9爲裏為中\uffff\x00"), max_size=4), max_size=8),
)
def test_twins_count_each_set_alike(text, sets):
    charbits = CharBits(sets)
    expected = [sum(ch in chars for ch in text) for chars in map(set, sets)]
    for loops in IMPLEMENTATIONS:
        assert loops.count_each(text, charbits) == expected, loops.__name__


def test_bits_hold_eight_sets_at_most():
    with pytest.raises(ValueError):
        CharBits(["a"] * 9)
    assert CharBits([]).sets == ()


def test_a_map_is_of_bmp_characters():
    for pairs in ({"😀": "a"}, {"a": "😀"}, {"ab": "c"}):
        with pytest.raises(ValueError):
            CharMap(pairs)
    tables = TABLES.get()
    text = "爲了這裏的溫度" * 20_000
    for loops in IMPLEMENTATIONS:
        assert loops.translate(text, tables.taiwan_forms) == "為了這裡的溫度" * 20_000


def test_long_strings_are_scanned_whole_in_any_thread():
    """Past RELEASE_CHARS the compiled scan lets go of the GIL: the result is the same."""
    table = CharTable("乾")
    text = "坤" * 300_000 + "乾"
    found = []
    threads = [threading.Thread(target=lambda: found.append(first_of(text, table))) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [300_000] * 4
    assert holds(text, table) and not holds(text[:-1], table)


def test_a_table_is_bmp_only_and_a_set():
    with pytest.raises(ValueError):
        CharTable("😀")
    table = CharTable("乾坤乾")
    assert len(table) == 2 and "乾" in table and "a" not in table and "乾坤" not in table
    if _loops_c is not None:
        class Short:
            table, lowest, chars = b"\x01" * 10, 0, "a"
        with pytest.raises(ValueError):
            _loops_c.first_of("abc", Short())


def test_regex_class_matches_the_same_characters():
    chars = "\\]^-[abc一丁七乾" + "".join(map(chr, range(0x4E00, 0x4E20)))
    pattern = re.compile(regex_class(chars))
    for cp in range(0x20, 0x5000):
        assert bool(pattern.fullmatch(chr(cp))) == (chr(cp) in chars), hex(cp)


SEEDS = sorted((CORPUS / "samples" / "seeds").glob("*.txt"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_the_users_find_what_their_expressions_found(seed):
    """has_both and the width rule ask the table scan what they asked re."""
    tables = TABLES.get()
    trad_re, simp_re = re.compile(regex_class(tables.traditional)), re.compile(regex_class(tables.simplified))
    text = seed.read_text(encoding="utf-8")
    for chunk in (text, text[: len(text) // 3], "乾" + text[-200:], "ＡＢ" + text[:50]):
        assert holds(chunk, tables.side_set["T"]) == (trad_re.search(chunk) is not None)
        assert holds(chunk, tables.side_set["S"]) == (simp_re.search(chunk) is not None)
        first = re.search("[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]", chunk)
        assert first_of(chunk, normalize._FULLWIDTH_SET) == (first.start() if first else -1)
        assert scan.has_both(chunk, tables) == (
            (trad_re.search(chunk) is not None) and (simp_re.search(chunk) is not None)
        ) or scan.has_astral(chunk)
