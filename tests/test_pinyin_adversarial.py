"""Large and hostile inputs: no crash, no quadratic blow-up, the right answer.

Nothing here asserts on time: a quadratic scan would make these tests run
for hours, which CI's time limit reports.
"""
from __future__ import annotations

import threading

import pytest

import zhclean

MB = 1 << 20


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
