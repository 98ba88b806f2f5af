"""The normalization steps: what they change, and what they must leave alone."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import zhclean
from conftest import CORPUS, read_jsonl
from zhclean import normalize
from zhclean._edits import apply

pytestmark = pytest.mark.any_implementation

CASES = read_jsonl(CORPUS / "normalize" / "cases.jsonl")
OFF = {"mojibake": False, "pinyin": None, "script": None, "width": False, "invisible": False, "whitespace": False}


def _edits(case: dict) -> list:
    if case["step"] == "punctuation":
        return normalize.punctuation_edits(case["input"], case["option"])
    return getattr(normalize, f"{case['step']}_edits")(case["input"])


def test_every_step_has_cases_that_change_and_cases_that_must_not():
    for step in ("width", "punctuation", "invisible", "whitespace"):
        changing = [c for c in CASES if c["step"] == step and c["expected"] != c["input"]]
        keeping = [c for c in CASES if c["step"] == step and c["expected"] == c["input"]]
        assert len(changing) >= 3 and len(keeping) >= 4, step


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['id']}-{c['step']}")
def test_step_alone(case):
    edits = _edits(case)
    assert apply(case["input"], edits) == case["expected"], case["note"]
    assert edits == sorted(edits) and all(a <= b for (_, a, _), (b, _, _) in zip(edits, edits[1:]))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c['id']}-{c['step']}")
def test_through_a_cleaner_with_only_that_step(case):
    cleaner = zhclean.Cleaner(**{**OFF, case["step"]: case["option"]})
    out = cleaner(case["input"])
    assert out == case["expected"], case["note"]
    if out == case["input"]:
        assert out is case["input"]


@pytest.mark.parametrize("text", [c["input"] for c in CASES if c["expected"] == c["input"]])
def test_must_not_change_cases_survive_the_default_cleaner(text):
    """What one step must leave alone, the default pipeline leaves alone too
    (punctuation is off by default; the ASCII direction is asked for)."""
    assert zhclean.Cleaner()(text) == text


_BLANKS = st.lists(st.sampled_from(list(" \t\n\r a中\u2000\u2003\u200a\u205f\u2028\u2029\u3000\xa0")), max_size=40)


@settings(max_examples=400, deadline=None)
@given(_BLANKS.map("".join))
def test_whitespace_reads_a_short_text_as_it_reads_a_long_one(text):
    """A short text is read by one expression, a long one by substring
    searches: the same edits either way."""
    short = normalize.whitespace_edits(text)
    assert len(text) <= normalize.SHORT_TEXT
    padded = "中" * normalize.SHORT_TEXT + "\n" + text  # the same text past the short length
    shift = normalize.SHORT_TEXT + 1
    assert [(a - shift, b - shift, new) for a, b, new in normalize.whitespace_edits(padded)] == short


def test_a_long_run_of_blanks_in_a_short_text_is_read_in_linear_time():
    text = " " * (normalize.SHORT_TEXT - 1) + "a"
    assert normalize.whitespace_edits(text) == []
    assert normalize.whitespace_edits(text[:-1] + "\n") == [(0, normalize.SHORT_TEXT - 1, "")]


def test_trailing_tabs_are_data():
    # A TSV line whose last column is empty ends in a tab: it stays.
    assert zhclean.clean("张三\t18\t\n") == "张三\t18\t\n"
    assert zhclean.clean("张三\t18\t") == "张三\t18\t"
    assert zhclean.clean("张三\t18 \t \n") == "张三\t18 \t\n"  # the spaces after the last tab go


def test_one_pass_does_all_the_whitespace_step_does():
    cleaner = zhclean.Cleaner()
    assert cleaner("a \u2028b") == "a\nb"
    assert cleaner("a\u2003\n") == "a\n"
    assert cleaner("a\u2028 \u2028b") == "a\n\nb"


@settings(max_examples=400, deadline=None)
@given(_BLANKS.map("".join))
def test_the_whitespace_step_is_idempotent(text):
    once = apply(text, normalize.whitespace_edits(text))
    assert normalize.whitespace_edits(once) == []
    cleaner = zhclean.Cleaner(**{**OFF, "whitespace": True})
    assert cleaner(cleaner(text)) == cleaner(text)


def test_a_lone_cr_is_text_as_on_the_command_line():
    cleaner = zhclean.Cleaner()
    assert cleaner("行\r尾  \r") == "行\r尾  \r"
    assert cleaner("行尾  \r\n") == "行尾\r\n"  # a CR before a LF ends the line with it
    assert cleaner("a \r \r\n") == "a \r\r\n"


@pytest.mark.parametrize("text", ["行\r尾  \r", "张三\t18\t", "a \u2028b", "a \r \r\n", "x  "])
def test_a_batch_is_cleaned_as_each_of_its_texts(text):
    texts = [text, "中文", text + "\n", "尾 "] * 40  # enough texts for the joined batch
    cleaner = zhclean.Cleaner()
    assert cleaner.clean_batch(texts) == [cleaner(t) for t in texts]
