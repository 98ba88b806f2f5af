"""The pinyin kernel on data: the real pages, the generated cases, and (when
present beside the repository) large external texts it has never seen."""
from __future__ import annotations

import random

import pytest

import zhclean

from conftest import CORPUS, SHARED_CORPUS, read_jsonl

SAMPLES = sorted((CORPUS / "samples" / "seeds").glob("*.txt"))
MUST_CHANGE = read_jsonl(CORPUS / "pinyin" / "must_change.jsonl")
MUST_NOT_CHANGE = read_jsonl(CORPUS / "pinyin" / "must_not_change.jsonl")
SYLLABLE_MODE = read_jsonl(CORPUS / "pinyin" / "syllable_mode.jsonl")
EXTERNAL = sorted((SHARED_CORPUS / "external").glob("*.txt")) if (SHARED_CORPUS / "external").is_dir() else []


def test_the_corpus_is_balanced():
    assert len(MUST_CHANGE) >= 400
    assert len(MUST_NOT_CHANGE) >= len(MUST_CHANGE)


@pytest.mark.parametrize("seed", SAMPLES, ids=lambda p: p.name)
def test_real_pages_come_out_as_their_gold(seed):
    gold = (CORPUS / "samples" / "gold" / seed.name).read_text(encoding="utf-8")
    text = seed.read_text(encoding="utf-8")
    assert zhclean.strip_pinyin(text) == gold
    assert zhclean.strip_pinyin(gold) is gold


def test_generated_annotations_are_removed():
    wrong = [c for c in MUST_CHANGE if zhclean.strip_pinyin(c["input"], verify=c["mode"]) != c["expected"]]
    assert not wrong, f"{len(wrong)} of {len(MUST_CHANGE)} wrong, first: {wrong[:3]}"


def test_generated_real_text_is_untouched():
    changed = [c for c in MUST_NOT_CHANGE if zhclean.strip_pinyin(c["text"]) is not c["text"]]
    assert not changed, f"{len(changed)} of {len(MUST_NOT_CHANGE)} changed, first: {changed[:3]}"


def test_syllable_mode_cases():
    wrong = [c for c in SYLLABLE_MODE if zhclean.strip_pinyin(c["input"], verify="syllable") != c["expected"]]
    assert not wrong, wrong[:3]
    # The default mode keeps all of them: none is a reading.
    assert all(zhclean.strip_pinyin(c["input"]) is c["input"] for c in SYLLABLE_MODE)


def test_a_whole_corpus_in_one_string():
    text = "\n".join(c["input"] for c in MUST_CHANGE)
    assert zhclean.strip_pinyin(text) == "\n".join(c["expected"] for c in MUST_CHANGE)


@pytest.mark.skipif(not EXTERNAL, reason="../shared/corpus/external is not beside the repository")
@pytest.mark.parametrize("path", EXTERNAL, ids=lambda p: p.name)
def test_external_texts_are_untouched(path):
    text = path.read_text(encoding="utf-8")
    assert zhclean.strip_pinyin(text) is text


@pytest.mark.skipif(not EXTERNAL, reason="../shared/corpus/external is not beside the repository")
@pytest.mark.parametrize("path", EXTERNAL, ids=lambda p: p.name)
def test_external_texts_annotated_come_back(path):
    """Unseen real text, annotated with its own readings, comes back exactly."""
    from zhclean.pinyin.tables import is_han, reading_tables

    readings = reading_tables().readings
    rng = random.Random(path.name)
    text = path.read_text(encoding="utf-8")[:200_000]
    out = []
    for k, ch in enumerate(text):
        out.append(ch)
        keys = readings.get(ord(ch))
        nxt = text[k + 1] if k + 1 < len(text) else ""
        # Not before a parenthesis of the text's own (that would extend the
        # run), nor after a space of its own (which the flattener's space rule
        # cannot tell from its own; see corpus/pinyin/README.md).
        after_space = k > 0 and text[k - 1] == " "
        if keys and is_han(ord(ch)) and nxt not in "(（" and not after_space and rng.random() < 0.3:
            out.append(f"({rng.choice(keys)})")
    annotated = "".join(out)
    assert zhclean.strip_pinyin(annotated) == text
