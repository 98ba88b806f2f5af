"""Large and hostile inputs: no crash, no quadratic blow-up, the right answer.

Nothing here asserts on time: a quadratic scan would make these tests run
for hours, which CI's time limit reports.
"""
from __future__ import annotations

import threading

import pytest

import zhclean

MB = 1 << 20


@pytest.fixture
def size(implementation):
    """A megabyte for the compiled loops; an eighth of one for the twin (the
    inputs stay far longer than any window the loops look through)."""
    return MB if implementation != "python" else MB // 8


@pytest.mark.parametrize(
    "unit, expected_unit",
    [
        ("字(", "字("),
        ("(", "("),
        ("（", "（"),
        ("字(shu", "字(shu"),
        ("字(zi)", "字"),
        ("字(zi) ", "字"),  # every space between annotated characters goes
        ("書(shu)(shu)(zhong)", "書(zhong)"),
        ("字(" + "a" * 20, "字(" + "a" * 20),
        ("字(ㄗ", "字(ㄗ"),
    ],
)
def test_megabytes_without_a_newline(unit, expected_unit):
    count = MB // len(unit)
    text = unit * count
    expected = expected_unit * count
    if unit == "字(zi) ":
        expected = "字" * count + " "  # the last space has no Han after it
    assert zhclean.strip_pinyin(text) == expected


def test_deeply_nested_parentheses():
    text = "字" + "(" * MB + "zi" + ")" * MB
    assert zhclean.strip_pinyin(text) is text


def test_astral_megabytes():
    text = ("\U00020000(he)😀" * (MB // 8))
    assert zhclean.strip_pinyin(text) == "\U00020000😀" * (MB // 8)


def test_threads_share_the_work():
    """Large inputs are scanned without the GIL; results stay exact."""
    documents = [("書(shu)記(ji)" * 20000) + str(i) for i in range(4)]
    expected = [("書記" * 20000) + str(i) for i in range(4)]
    results: dict[int, str] = {}

    def work(i: int) -> None:
        for _ in range(3):
            results[i] = zhclean.strip_pinyin(documents[i])

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [results[i] for i in range(4)] == expected


@pytest.mark.parametrize("width", ["中", "𠀀"])  # two-byte and four-byte storage
@pytest.mark.parametrize("annotation", ["[shū]", "【shū】", "shū", "shu\u0304", " (shū)"])
def test_every_trigger_at_every_offset_of_the_block_scan(width, annotation):
    """The scan's triggers besides ( and （ -- the other brackets, a letter with a
    tone mark, a combining mark -- found at any offset of its blocks."""
    for before in range(0, 200):
        text = width + "中" * before + "書" + annotation
        assert zhclean.strip_pinyin(text) == width + "中" * before + "書"
        clean = width + "中" * before + annotation.replace("sh", "x")  # no reading of 中
        assert zhclean.strip_pinyin(clean) is clean


@pytest.mark.parametrize("open_paren, close_paren", [("(", ")"), ("（", "）")])
@pytest.mark.parametrize("width", ["中", "𠀀"])  # two-byte and four-byte storage
def test_an_annotation_at_every_offset_of_the_block_scan(open_paren, close_paren, width):
    """The clean-text scan tests blocks of code units at a time (64 in the C
    scan, after 16 looked at one by one): an annotation must be found at any
    offset, across block edges and at the very end."""
    for before in range(0, 200):
        text = width + "中" * before + "書" + open_paren + "shu" + close_paren
        assert zhclean.strip_pinyin(text) == width + "中" * before + "書"
        clean = width + "中" * before + open_paren + "記者" + close_paren
        assert zhclean.strip_pinyin(clean) is clean


# Issue 10's forms, each repeated without end: every one must stay linear.
@pytest.mark.parametrize(
    "unit, expected_unit",
    [
        ("字 (", "字 ("),  # a space before a bracket that never closes
        ("字[", "字["),
        ("字【", "字【"),
        ("中心(zhōng xīn", "中心(zhōng xīn"),  # a word-level group, unclosed
        ("中心(zhōng xīn)", "中心"),
        ("字 (zì) ", "字"),  # spaced groups: every space between them goes
        ("字(拼音:", "字(拼音:"),
        ("字a", "字a"),  # alternating Han and Latin letters, no bracket, no tone mark
        ("字ab ", "字ab "),
        ("字zi", "字zi"),  # toneless bare syllables: no tone mark, no chain removed
        ("字zì", "字"),  # one megabyte-long chain of bare syllables
        ("字 zì ", "字"),
        ("字é", "字é"),  # a tone-marked letter that is no syllable, at every other code unit
        ("é", "é"),
        ("ǎ", "ǎ"),  # one W-run a megabyte long
        ("(ㄒ一ㄝˊ", "(ㄒ一ㄝˊ"),
        ("“长”(", "“长”("),
    ],
)
def test_megabytes_of_new_forms(unit, expected_unit, size):
    count = size // len(unit)
    text = unit * count
    expected = expected_unit * count
    if unit in ("字 (zì) ", "字 zì "):
        expected = "字" * count + " "  # the last space has no Han after it
    if expected_unit == unit:
        assert zhclean.strip_pinyin(text) is text
    else:
        assert zhclean.strip_pinyin(text) == expected


def test_a_long_toneless_chain_ended_by_one_tone_mark(size):
    """The chain is found from its one tone mark and walked back to its start, once."""
    count = size // 3
    text = "字zi" * count + "字zì"
    assert zhclean.strip_pinyin(text) == "字" * (count + 1)
    broken = ("字zi" * 50 + "，") * (count // 50) + "字zì"
    assert zhclean.strip_pinyin(broken) == ("字zi" * 50 + "，") * (count // 50) + "字"


def test_latin_words_beside_han_all_along(size):
    """Chinese-English text with no bracket and no tone mark: nothing to do."""
    unit = "中文English混合text, 用Python写的Wi-Fi程序 "
    text = unit * (size // len(unit))
    assert zhclean.strip_pinyin(text) is text
    assert zhclean.strip_pinyin(text, verify="syllable") is text
