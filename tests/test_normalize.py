"""The normalization steps: what they change, and what they must leave alone."""
from __future__ import annotations

import pytest

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
