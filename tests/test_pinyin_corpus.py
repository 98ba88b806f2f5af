"""The pinyin kernel on data: the real pages, the generated cases, and (when
present beside the repository) large external texts it has never seen."""
from __future__ import annotations

import random
import unicodedata

import pytest

import zhclean

from conftest import CORPUS, SHARED_CORPUS, read_jsonl

SAMPLES = sorted((CORPUS / "samples" / "seeds").glob("*.txt"))
MUST_CHANGE = read_jsonl(CORPUS / "pinyin" / "must_change.jsonl")
MUST_NOT_CHANGE = read_jsonl(CORPUS / "pinyin" / "must_not_change.jsonl")
SYLLABLE_MODE = read_jsonl(CORPUS / "pinyin" / "syllable_mode.jsonl")
# Issue 10: the forms files, and the original cases whose expectation it changed.
FORMS_CHANGE = read_jsonl(CORPUS / "pinyin" / "forms_must_change.jsonl")
FORMS_KEEP = read_jsonl(CORPUS / "pinyin" / "forms_must_not_change.jsonl")
FORMS_SYLLABLE = read_jsonl(CORPUS / "pinyin" / "forms_syllable_mode.jsonl")
SUPERSEDED = read_jsonl(CORPUS / "pinyin" / "superseded.jsonl")
SUPERSEDED_IDS = {row["id"] for row in SUPERSEDED}
EXTERNAL = sorted((SHARED_CORPUS / "external").glob("*.txt")) if (SHARED_CORPUS / "external").is_dir() else []


def test_the_corpus_is_balanced():
    assert len(MUST_CHANGE) >= 400
    assert len(MUST_NOT_CHANGE) >= len(MUST_CHANGE)
    forms = {row["form"] for row in FORMS_CHANGE}
    assert len(forms) >= 10
    for form in forms:
        changed = sum(row["form"] == form for row in FORMS_CHANGE)
        kept = sum(row["form"] == form for row in FORMS_KEEP)
        assert kept >= changed > 0, form


def test_superseded_cases_are_few_and_named():
    """Issue 10 changed what three original cases expect (multi-syllable groups are word-level
    annotations now); the original files keep them, superseded.jsonl says what they give now."""
    assert [row["text"] for row in SUPERSEDED] == ["中国(zhōngguó)", "書記(shuji)", "會議(hui yi)"]
    originals = {row["id"]: row for row in MUST_NOT_CHANGE}
    for row in SUPERSEDED:
        assert originals[row["id"]]["text"] == row["text"]
        assert zhclean.strip_pinyin(row["text"], verify=row["mode"]) == row["expected"]


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
    kept = [c for c in MUST_NOT_CHANGE if c["id"] not in SUPERSEDED_IDS]
    changed = [c for c in kept if zhclean.strip_pinyin(c["text"]) is not c["text"]]
    assert not changed, f"{len(changed)} of {len(kept)} changed, first: {changed[:3]}"


@pytest.mark.parametrize("form", sorted({row["form"] for row in FORMS_CHANGE}))
def test_new_forms_are_removed(form):
    cases = [c for c in FORMS_CHANGE if c["form"] == form]
    wrong = [c for c in cases if zhclean.strip_pinyin(c["input"]) != c["expected"]]
    assert not wrong, f"{len(wrong)} of {len(cases)} wrong, first: {wrong[:3]}"


@pytest.mark.parametrize("form", sorted({row["form"] for row in FORMS_KEEP}))
def test_new_forms_leave_real_text_alone(form):
    cases = [c for c in FORMS_KEEP if c["form"] == form]
    changed = [c for c in cases if zhclean.strip_pinyin(c["text"]) is not c["text"]]
    assert not changed, f"{len(changed)} of {len(cases)} changed, first: {changed[:3]}"
    if form == "bare":  # Chinese-English text is left alone in syllable mode too
        assert all(zhclean.strip_pinyin(c["text"], verify="syllable") is c["text"] for c in cases)


def test_new_forms_in_syllable_mode():
    for case in FORMS_SYLLABLE:
        assert zhclean.strip_pinyin(case["input"], verify="syllable") == case["expected"], case
        assert zhclean.strip_pinyin(case["input"]) == case["expected_reading"], case


def test_syllable_mode_cases():
    wrong = [c for c in SYLLABLE_MODE if zhclean.strip_pinyin(c["input"], verify="syllable") != c["expected"]]
    assert not wrong, wrong[:3]
    # The default mode keeps all of them: none is a reading.
    assert all(zhclean.strip_pinyin(c["input"]) is c["input"] for c in SYLLABLE_MODE)


def test_a_whole_corpus_in_one_string():
    text = "\n".join(c["input"] for c in MUST_CHANGE + FORMS_CHANGE)
    assert zhclean.strip_pinyin(text) == "\n".join(c["expected"] for c in MUST_CHANGE + FORMS_CHANGE)


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
        # Not before a bracket of the text's own (that would extend the
        # run), nor after a space of its own (which the flattener's space rule
        # cannot tell from its own; see corpus/pinyin/README.md).
        after_space = k > 0 and text[k - 1] == " "
        if keys and is_han(ord(ch)) and nxt not in "(（[【" and not after_space and rng.random() < 0.3:
            out.append(f"({rng.choice(keys)})")
    annotated = "".join(out)
    assert zhclean.strip_pinyin(annotated) == text


def _marked(key: str) -> str:
    """A toneless key of the reading table written with a tone mark: zhong -> zhōng, lv -> lǖ."""
    spelled = unicodedata.normalize("NFD", key.replace("v", "ü"))
    for k, ch in enumerate(spelled):
        if ch in "aeiou":
            while k + 1 < len(spelled) and unicodedata.combining(spelled[k + 1]):
                k += 1
            return unicodedata.normalize("NFC", spelled[: k + 1] + "\u0304" + spelled[k + 1 :])
    return unicodedata.normalize("NFC", spelled[:1] + "\u0300" + spelled[1:])  # m, n, ng


@pytest.mark.skipif(not EXTERNAL, reason="../shared/corpus/external is not beside the repository")
@pytest.mark.parametrize("form", ["word", "space-before", "labelled", "bare"])
@pytest.mark.parametrize("path", EXTERNAL, ids=lambda p: p.name)
def test_external_texts_annotated_in_new_forms_come_back(path, form):
    """Unseen real text, annotated in issue 10's forms with its own readings, comes back exactly."""
    from zhclean.pinyin.tables import OPEN_PARENS, is_han, is_latin_word, reading_tables

    readings = reading_tables().readings
    rng = random.Random(f"{path.name}-{form}")
    text = path.read_text(encoding="utf-8")[:100_000]
    out = []
    k = 0
    while k < len(text):
        ch = text[k]
        out.append(ch)
        nxt = text[k + 1] if k + 1 < len(text) else ""
        usable = (is_han(ord(ch)) and ord(ch) in readings and (not nxt or not (
            is_latin_word(ord(nxt)) or ord(nxt) in OPEN_PARENS or nxt == " ")) and not (k > 0 and text[k - 1] == " "))
        if form == "word" and usable and k > 0 and is_han(ord(text[k - 1])) and ord(text[k - 1]) in readings \
                and rng.random() < 0.2:
            out.append("(" + rng.choice(readings[ord(text[k - 1])]) + " " + rng.choice(readings[ord(ch)]) + ")")
            k += 1
            if k < len(text):
                out.append(text[k])  # not the first of the next word
        elif form == "space-before" and usable and rng.random() < 0.3:
            out.append(" (" + rng.choice(readings[ord(ch)]) + rng.choice("12345") + ")")
        elif form == "labelled" and usable and rng.random() < 0.3:
            out.append(rng.choice(["(拼音:", "[pinyin:", "【读音:"]) + rng.choice(readings[ord(ch)]) + ")")
            out[-1] = out[-1][:-1] + {"(": ")", "[": "]", "【": "】"}[out[-1][0]]
        elif form == "bare" and usable and rng.random() < 0.3:
            out.append(_marked(rng.choice(readings[ord(ch)])))
        k += 1
    annotated = "".join(out)
    assert annotated != text
    assert zhclean.strip_pinyin(annotated) == text
