"""The mojibake kernel on data: generated cases per family, the must-not-change
set, and (when present) large external texts it has never seen."""
from __future__ import annotations

import collections

import pytest

import zhclean

from conftest import CORPUS, SHARED_CORPUS, read_jsonl
from corpus.lossy import expected_repair, wrong_decode

CASES = read_jsonl(CORPUS / "mojibake" / "cases.jsonl")
MUST_NOT_CHANGE = read_jsonl(CORPUS / "mojibake" / "must_not_change.jsonl")
EXTERNAL = sorted((SHARED_CORPUS / "external").glob("*.txt")) if (SHARED_CORPUS / "external").is_dir() else []

# Exact repairs each family must keep reaching: floors measured on this
# corpus, not goals (the goal is all).  Families where a wrong decoder lost
# bytes of a two-byte encoding, or dropped them silently, are the hard ones;
# see the README's known limits.
FLOORS = {
    "big5->cp1252": 48, "big5->gb18030": 44, "big5->gbk": 43, "big5->latin-1": 48,
    "gbk->big5": 45, "gbk->cp1252": 48, "gbk->latin-1": 48, "loss-marker": 24,
    "utf-8->big5": 9, "utf-8->cp1252": 48, "utf-8->cp1252-whatwg": 47,
    "utf-8->cp1252-whatwg->cp1252-whatwg": 20, "utf-8->cp932": 48, "utf-8->gb18030": 46,
    "utf-8->gbk": 47, "utf-8->gbk(ignore)": 18, "utf-8->latin-1": 48, "utf-8->latin-1->latin-1": 20,
}


def test_every_family_is_covered():
    families = collections.Counter(case["family"] for case in CASES)
    assert set(families) == set(FLOORS)
    assert all(count >= 20 for count in families.values())
    assert len(MUST_NOT_CHANGE) >= 400


def test_exact_repairs_per_family():
    exact = collections.Counter(
        case["family"] for case in CASES if zhclean.fix_mojibake(case["input"]) == case["expected"]
    )
    below = {family: (exact[family], floor) for family, floor in FLOORS.items() if exact[family] < floor}
    assert not below, f"families below their floor (got, floor): {below}"


def _invented(cases):
    found = []
    for case in cases:
        out = zhclean.fix_mojibake(case["input"])
        extra = set(out) - set(case["original"]) - set(case["input"]) - {"\ufffd"}
        if extra:
            found.append((case["id"], case["family"], "".join(sorted(extra))))
    return found


# Where the right codec is itself a two-byte one and bytes were lost (GBK
# read as Big5 with errors="replace"), the reading goes out of step after
# each loss; the re-reading (the loops' resync) puts it back in step, but
# which byte pairs up with which is a judgement, so these get their own test.
OUT_OF_STEP = ("gbk->big5", "big5->gbk")


def test_no_repair_invents_a_character():
    """Out comes the original's characters, U+FFFD, or what was already there."""
    cases = [
        c for c in CASES
        if not c["family"].endswith("(ignore)") and not (c["family"] in OUT_OF_STEP and c["lossy"])
    ]
    invented = _invented(cases)
    assert len(invented) <= 2, invented  # none of 640 cases today; see README


def test_two_byte_losses_rarely_invent():
    cases = [c for c in CASES if c["family"] in OUT_OF_STEP and c["lossy"]]
    invented = _invented(cases)
    assert len(invented) <= 2, invented  # none of 192 cases today


def test_silently_dropped_bytes_invent_nothing():
    """Where a decoder dropped bytes without a trace, the character that joins
    the mojibake to the punctuation after it is not taken for another: 冦。
    re-read is not 㡣 but a loss and 。 as it was (trims.release_marked_tail;
    4 of these 48 cases invented 㡣 before it)."""
    cases = [c for c in CASES if c["family"].endswith("(ignore)")]
    invented = _invented(cases)
    assert not invented, invented


def test_a_punctuation_mark_after_dropped_bytes_stays():
    text = "據報道，会议强调,疫情防控是没有硝烟的战争,必须寮曞煎競姘戝洟缁撲竴蹇冦。为等违纪违法问题,坚决依纪依法调查处理。"
    assert zhclean.fix_mojibake(text) == (
        "據報道，会议强调,疫情防控是没有硝烟的战争,必须引\ufffd市民团结一心\ufffd。为等违纪违法问题,坚决依纪依法调查处理。"
    )
    (finding,) = zhclean.mojibake_report(text)
    assert finding.kind == "repaired" and finding.replacement.endswith("一心\ufffd") and text[finding.end] == "。"


def test_lossless_repairs_are_exact_or_untouched():
    """Where no byte was lost, a family is either repaired exactly or left alone."""
    partial = []
    for case in CASES:
        if case["lossy"]:
            continue
        out = zhclean.fix_mojibake(case["input"])
        if out not in (case["expected"], case["input"]):
            partial.append((case["id"], case["family"]))
    assert len(partial) <= 12, partial


def test_loss_markers_are_kept_and_reported():
    for case in CASES:
        if case["family"] != "loss-marker":
            continue
        assert zhclean.fix_mojibake(case["input"]) is case["input"]
        reported = [(f.start, f.end) for f in zhclean.mojibake_report(case["input"]) if f.kind == "loss"]
        marker = case["loss"][0]
        assert any(start <= marker["start"] and marker["end"] <= end for start, end in reported)


def test_correct_text_is_never_changed():
    changed = [c for c in MUST_NOT_CHANGE if zhclean.fix_mojibake(c["text"]) is not c["text"]]
    assert not changed, changed[:5]


@pytest.mark.skipif(not EXTERNAL, reason="../shared/corpus/external is not beside the repository")
@pytest.mark.parametrize("path", EXTERNAL, ids=lambda p: p.name)
def test_external_texts_are_untouched(path, implementation):
    text = path.read_text(encoding="utf-8")
    if implementation == "python":
        text = text[:100_000]  # the twin is slow on classical text full of rare characters
    assert zhclean.fix_mojibake(text) is text


@pytest.mark.skipif(not EXTERNAL, reason="../shared/corpus/external is not beside the repository")
@pytest.mark.parametrize("codec", ["gbk", "latin-1"])
def test_external_text_as_mojibake_comes_back(codec):
    """Unseen real text (Wikipedia, mixed script) read with a wrong codec."""
    text = (SHARED_CORPUS / "external" / "zhwiki-hanyu-mixed.txt").read_text(encoding="utf-8")
    # Lines of a few characters (a heading: 目次) are too short to be evidence.
    lines = [line for line in text.splitlines() if sum(ch > "\u3000" for ch in line) >= 6][:200]
    exact = 0
    for line in lines:
        broken, lost = wrong_decode(line.encode("utf-8"), codec)
        exact += zhclean.fix_mojibake(broken) == expected_repair(line, "utf-8", lost)
    # Measured: 147 of 200 lines exact (GBK), 200 of 200 (Latin-1); the rest
    # are partial repairs at the edges of losses (README, known limits).
    assert exact >= 0.7 * len(lines), f"{exact} of {len(lines)} lines"
