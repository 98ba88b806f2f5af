"""The unit scan (what unification converts): the compiled scan and its
twin of regular expressions agree, on real mixed text and on random and
adversarial strings over every class the code table has."""
from __future__ import annotations

import sys
import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corpus import EXTERNAL
from zhclean.script import _codes, _loops_py, units
from zhclean.script.scan import MAX_GAP

try:
    from zhclean.script import _loops_c
except ImportError:  # built without a compiler
    _loops_c = None

pytestmark = pytest.mark.skipif(_loops_c is None, reason="the compiled scan is not built")
SIDES = ("S", "T")


def _table(side: str) -> bytes:
    return units.UNIT_CODES[side].get()


def _examples(table: bytes) -> str:
    """A few characters of every combination of bits the table holds, and others."""
    by_code: dict[int, list[str]] = {}
    for cp, code in enumerate(table):
        if len(by_code.setdefault(code, [])) < 3:
            by_code[code].append(chr(cp))
    return "".join(ch for chars in by_code.values() for ch in chars) + "😀𠊎a 1"


def _both(text: str, table: bytes, lo: int, hi: int, kana: bool, max_gap: int = MAX_GAP,
          extend: int = units.EXTEND, changes: int = units.CLAUSE_CHANGES):
    args = (text, table, lo, hi, kana, max_gap, extend, changes)
    return _loops_c.units(*args), _loops_py.units(*args)


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("kana", [False, True])
def test_twins_agree_on_the_mixed_wikipedia_text(side, kana):
    path = EXTERNAL / "zhwiki-hanyu-mixed.txt"
    if not path.is_file():
        pytest.skip("the shared corpus is not beside this checkout")
    text = path.read_text(encoding="utf-8")
    compiled, twin = _both(text, _table(side), 0, len(text), kana)
    assert compiled == twin
    assert compiled[0] and (side == "T" or compiled[1])  # something to convert either way


@settings(max_examples=600, deadline=None)
@given(data=st.data(), side=st.sampled_from(SIDES), kana=st.booleans())
def test_twins_agree_on_random_strings_of_every_class(data, side, kana):
    table = _table(side)
    alphabet = _examples(table)
    text = data.draw(st.text(st.sampled_from(alphabet), max_size=120))
    lo = data.draw(st.integers(-5, len(text) + 5))
    hi = data.draw(st.integers(-5, len(text) + 5))
    gap, extend, changes = data.draw(st.integers(1, 10)), data.draw(st.integers(0, 5)), data.draw(st.integers(1, 4))
    compiled, twin = _both(text, table, lo, hi, kana, gap, extend, changes)
    assert compiled == twin


@settings(max_examples=200, deadline=None)
@given(text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=80), side=st.sampled_from(SIDES))
def test_twins_agree_on_any_string(text, side):
    compiled, twin = _both(text, _table(side), 0, len(text), True)
    assert compiled == twin


def test_spans_are_sorted_disjoint_and_inside_the_range():
    table = _table("S")
    text = "這個頁面有疑問，請到互助客栈询问。台灣的平台，这里有30个人。維基百科，请到互助客栈询问这个问题！" * 50
    for lo, hi in ((0, len(text)), (17, 900), (0, 0)):
        lo_, hi_ = max(0, lo), min(len(text), hi)
        whole, windows = _loops_c.units(text, table, lo, hi, False, MAX_GAP, units.EXTEND, units.CLAUSE_CHANGES)
        assert whole == sorted(whole) and windows == sorted(windows)
        for a, b in whole:
            assert lo_ <= a < b <= hi_
        for a, start, end, b in windows:
            assert lo_ <= a <= start < end <= b <= hi_


def test_a_code_table_has_every_cell():
    with pytest.raises(ValueError):
        _loops_c.units("abc", b"\x00" * 10, 0, 3, False, MAX_GAP, 3, 2)
    with pytest.raises(ValueError):
        _loops_py.units("abc", b"\x00" * 10, 0, 3, False, MAX_GAP, 3, 2)
    with pytest.raises(TypeError):
        _loops_c.units(b"abc", _table("S"), 0, 3, False, MAX_GAP, 3, 2)


def test_long_texts_are_scanned_without_the_gil_in_any_thread():
    """Past RELEASE_CHARS the compiled scan lets go of the GIL: the result is the same."""
    table = _table("S")
    text = ("台灣的平台，请到互助客栈询问。這裡有疑問。" * 6000)[: _loops_c.RELEASE_CHARS * 2]
    expected = _loops_py.units(text, table, 0, len(text), False, MAX_GAP, units.EXTEND, units.CLAUSE_CHANGES)
    found = []

    def scan() -> None:
        found.append(_loops_c.units(text, table, 0, len(text), False, MAX_GAP, units.EXTEND, units.CLAUSE_CHANGES))

    threads = [threading.Thread(target=scan) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert found == [expected] * 4 and expected[0]


def test_the_code_table_holds_each_class_where_it_should():
    tables_s, tables_t = _table("S"), _table("T")
    for ch in "这个东":
        assert tables_s[ord(ch)] & _codes.MINORITY and tables_t[ord(ch)] & _codes.MAJORITY
    for ch in "這個東":
        assert tables_t[ord(ch)] & _codes.MINORITY and tables_s[ord(ch)] & _codes.MAJORITY
    for ch in "。！？\n":
        assert tables_s[ord(ch)] & _codes.SENTENCE_END and tables_s[ord(ch)] & _codes.CLAUSE_END
    for ch in "，、：":
        assert tables_s[ord(ch)] & _codes.CLAUSE_END and not tables_s[ord(ch)] & _codes.SENTENCE_END
    assert tables_s[ord("の")] & _codes.KANA and not tables_s[ord("・")] & _codes.KANA


def _splice_case(draw, text: str):
    """Sorted, disjoint spans and edits over ``text``, the spans' pieces
    (joined by line breaks) and the edits' replacements of any width."""
    pieces = st.text(alphabet="a\xe9\u4e2d\u570b\U00020000", max_size=4)
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    spans, edits, converted = [], [], []
    for start, end in zip(cuts[::2], cuts[1::2]):
        if draw(st.booleans()):
            spans.append((start, end))
            converted.append(draw(pieces))
        else:
            edits.append((start, end, draw(pieces)))
    return spans, "\n".join(converted), edits


@settings(max_examples=400, deadline=None)
@given(data=st.data(), text=st.text(alphabet="ab\xe9\u4e2d\U00020000\n", max_size=30))
def test_twins_splice_alike(data, text):
    """The splice gives what its twin gives, in the storage its characters need."""
    spans, converted, edits = _splice_case(data.draw, text)
    compiled = _loops_c.spliced(text, spans, converted, edits)
    twin = _loops_py.spliced(text, spans, converted, edits)
    assert compiled == twin
    if not spans and not edits:
        assert compiled is text and twin is text
    # The storage: its size tells the kind (one, two or four bytes a character).
    assert compiled.isascii() == twin.isascii() and sys.getsizeof(compiled) == sys.getsizeof(twin)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), text=st.text(alphabet="ab\xe9\u4e2d\U00020000", max_size=30))
def test_twins_join_pieces_alike(data, text):
    """The pieces OpenCC converts, joined: what slices and a join give, in
    the storage their own characters need (not the text's), for spans and
    windows alike."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=12)))
    spans = list(zip(cuts[::2], cuts[1::2]))
    windows = [(a, a, b, b) for a, b in spans]
    expected = "\n".join(text[a:b] for a, b in spans)
    for given_spans in (spans, windows):
        compiled = _loops_c.joined(text, given_spans)
        assert compiled == _loops_py.joined(text, given_spans) == expected
        assert sys.getsizeof(compiled) == sys.getsizeof(expected)


@settings(max_examples=400, deadline=None)
@given(data=st.data(), text=st.text(alphabet="ab\xe9\u4e2d\u570b\U00020000", max_size=30))
def test_twins_read_windows_alike(data, text):
    """The windows' edits and changed edges from their converted pieces:
    the same from both, whether a piece keeps its window's length or not."""
    cuts = sorted(data.draw(st.lists(st.integers(0, len(text)), max_size=16)))
    windows = [tuple(cuts[k : k + 4]) for k in range(0, len(cuts) - 3, 4)]
    pieces = []
    for a, _, _, b in windows:
        same_length = data.draw(st.booleans())
        alphabet = "a\u4e2d\u56fd\U00020000"
        piece = data.draw(st.text(alphabet=alphabet, min_size=b - a, max_size=b - a) if same_length
                          else st.text(alphabet=alphabet, max_size=6))
        pieces.append(data.draw(st.sampled_from([piece, text[a:b]])))
    converted = "\n".join(pieces)
    compiled = _loops_c.window_edits(text, windows, converted)
    assert compiled == _loops_py.window_edits(text, windows, converted)
    edits, edges = compiled
    assert len(edits) == len(windows)
    for (a, start, end, b), new in edges:
        assert len(new) == b - a and (new[: start - a] != text[a:start] or new[end - a :] != text[end:b])


@pytest.mark.parametrize("read", [lambda *a: _loops_c.window_edits(*a), lambda *a: _loops_py.window_edits(*a)])
def test_reading_windows_refuses_pieces_that_do_not_match(read):
    assert read("abcd", [], "") == ([], [])
    assert read("abcd", [(0, 1, 2, 3)], "xyz") == ([(1, 2, "y")], [((0, 1, 2, 3), "xyz")])
    for windows, converted in (([(0, 1, 2, 3)], "a\nb"), ([], "a"), ([(0, 1, 2, 9)], "x"), ([(2, 1, 2, 3)], "x")):
        with pytest.raises(ValueError):
            read("abcd", windows, converted)


@pytest.mark.parametrize("joined", [lambda *a: _loops_c.joined(*a), lambda *a: _loops_py.joined(*a)])
def test_joining_refuses_spans_outside_the_text(joined):
    assert joined("\u4e2d\u570bab", []) == ""
    for spans in ([(0, 9)], [(2, 1)], [(-1, 1)]):
        with pytest.raises(ValueError):
            joined("abcd", spans)


@pytest.mark.parametrize("spliced", [lambda *a: _loops_c.spliced(*a), lambda *a: _loops_py.spliced(*a)])
def test_a_splice_refuses_pieces_that_do_not_match(spliced):
    assert spliced("\u4e2d\u570bab", [(0, 2)], "\u56fd\u5bb6", []) == "\u56fd\u5bb6ab"
    assert spliced("\u4e2d\u570bab", [(0, 1)], "x", [(2, 4, "\xe9")]) == "x\u570b\xe9"
    for spans, converted, edits in (([(0, 1)], "a\nb", []), ([], "a", []), ([(0, 1), (1, 2)], "a", []),
                                    ([(1, 2)], "x", [(0, 2, "y")]), ([(0, 9)], "x", []),
                                    # (overlapping edits, and edits out of order: a ValueError, not CPython's own)
                                    ([(0, 1)], "bba", [(0, 0, "a\xe9"), (0, 1, "")]),
                                    ([], "", [(2, 3, "x"), (0, 1, "y")])):
        with pytest.raises(ValueError):
            spliced("abcd", spans, converted, edits)
