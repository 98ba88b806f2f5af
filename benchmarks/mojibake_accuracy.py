"""Per-family accuracy of fix_mojibake on corpus/mojibake/ (not a timing).

    python -m benchmarks.mojibake_accuracy [cython|python]     # from the repository root

Two tables: the families of ``cases.jsonl`` and those of issue 9
(``new_families.jsonl``: the decoders browsers and Windows use, crawler
hybrids, one-character runs, one-decoder documents, short GBK<->Big5 spans).

Exact: output equal to the expected repair.  Inventing: cases whose output
holds a character neither the original nor the input had.  Lossy: over the
lossy cases whose recoverable limit is known (``corpus.lossy.case_limit``:
every whole-text case, and every case of ``new_families.jsonl``), the
characters of the damaged part, those recovered in place (a
longest-common-subsequence match of the output against the expected repair,
the correct text around a span counted as kept), and beside them the limit:
the characters whose bytes all survived the wrong decoder, all a perfect
repair can give back.  External: the older families built from
../shared/corpus/external (when present) with the same generator.  Controls:
correct texts the function changed (must be 0), and ftfy's own cases
(non-Chinese mojibake must come back as ftfy's repair or as it was).
An implementation given on the command line runs the public API over it
(default: the installed one).
"""
from __future__ import annotations

import collections
import contextlib
import difflib
import random
import sys

import zhclean

from corpus import EXTERNAL, HERE, read_jsonl
from corpus.ftfy_cases import ftfy_cases
from corpus.implementations import IMPLEMENTATIONS, using
from corpus.lossy import case_limit
from corpus.mojibake_sets import more_must_not_change, multilingual_lines, new_family_cases

ROOT = HERE / "mojibake"


def _score(cases, rows: dict) -> None:
    for case in cases:
        out = zhclean.fix_mojibake(case["input"])
        row = rows[case["family"]]
        row["cases"] += 1
        row["exact"] += out == case["expected"]
        row["invented"] += bool(set(out) - set(case["original"]) - set(case["input"]) - {"\ufffd"})
        limit = case_limit(case) if case["lossy"] else None
        if limit is None:
            continue
        recoverable, characters = limit
        # Characters of the original outside the damaged part (a span's context).
        context = len(case["original"]) - characters
        wanted = case["expected"].replace("\ufffd", "")
        matcher = difflib.SequenceMatcher(None, wanted, out.replace("\ufffd", ""), autojunk=False)
        matched = sum(block.size for block in matcher.get_matching_blocks())
        row["lossy"] += 1
        row["characters"] += characters
        row["recoverable"] += recoverable
        row["recovered"] += max(0, matched - context)


def _external_cases() -> list[dict]:
    """Cases built from ../shared/corpus/external, when it is there (see
    tests/test_mojibake_external.py); they stay outside the repository."""
    if not EXTERNAL.is_dir():
        return []
    try:
        from corpus.generate_mojibake_cases import external_sources, family_cases
    except ImportError:  # opencc absent
        return []
    traditional, simplified = external_sources(EXTERNAL)
    return family_cases(traditional, simplified, random.Random(20261126))


def _controls() -> list[tuple[str, int, int]]:
    """(set, changed, total) for every set of correct text."""
    sets = {
        "must_not_change.jsonl": [row["text"] for row in read_jsonl(ROOT / "must_not_change.jsonl")],
        "must_not_change_more.jsonl": [row["text"] for row in more_must_not_change()],
        "multilingual (17 languages)": [row["text"] for row in multilingual_lines()],
        "ftfy must-not-change": [case["original"] for case in ftfy_cases() if case["must_not_change"]],
    }
    return [(name, sum(zhclean.fix_mojibake(text) is not text for text in texts), len(texts))
            for name, texts in sets.items()]


def _ftfy_positive() -> collections.Counter:
    """ftfy's mojibake cases: exactly ftfy's repair, left as they were, or other."""
    counts: collections.Counter = collections.Counter()
    for case in ftfy_cases():
        if case["must_not_change"]:
            continue
        out = zhclean.fix_mojibake(case["original"])
        kind = "chinese" if case["is_chinese"] else "other"
        counts[kind, "exact" if out == case["fixed-encoding"] else "left" if out == case["original"] else "other"] += 1
    return counts


def accuracy() -> dict:
    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    _score(read_jsonl(ROOT / "cases.jsonl"), rows)
    new: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    _score(new_family_cases(), new)
    external: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    _score(_external_cases(), external)
    return {"rows": rows, "new": new, "external": external, "controls": _controls(), "ftfy": _ftfy_positive()}


def _share(part: int, whole: int) -> str:
    return f"{part} ({100 * part / whole:.1f}%)"


def _table(rows: dict, external: dict | None) -> None:
    head = "| family (right->wrong) | exact | inventing | lossy: characters | lossy: recovered | lossy: limit |"
    if external is not None:
        head += " external: exact | external: inventing |"
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    for family in sorted(rows):
        row = rows[family]
        line = f"| {family} | {row['exact']}/{row['cases']} | {row['invented']} |"
        if row["lossy"]:
            line += (f" {row['characters']} | {_share(row['recovered'], row['characters'])} |"
                     f" {_share(row['recoverable'], row['characters'])} |")
        else:
            line += " - | - | - |"
        if external is not None:
            ext = external.get(family)
            line += f" {ext['exact']}/{ext['cases']} | {ext['invented']} |" if ext else " - | - |"
        print(line)


def main() -> None:
    kind = sys.argv[1] if len(sys.argv) > 1 else None
    if kind is not None and kind not in IMPLEMENTATIONS:
        sys.exit(f"usage: python -m benchmarks.mojibake_accuracy [{'|'.join(IMPLEMENTATIONS)}]")
    with using(kind) if kind else contextlib.nullcontext():
        result = accuracy()
    print(f"zhclean {zhclean.__version__}, kernels: {kind or zhclean.KERNELS}\n")
    print("corpus/mojibake/cases.jsonl\n")
    _table(result["rows"], result["external"])
    print("\ncorpus/mojibake/new_families.jsonl (issue 9)\n")
    _table(result["new"], None)
    print()
    failed = False
    for name, changed, total in result["controls"]:
        print(f"controls changed, {name}: {changed} of {total}")
        failed |= changed > 0
    ftfy = result["ftfy"]
    non_chinese = sum(count for (group, _), count in ftfy.items() if group == "other")
    chinese = sum(count for (group, _), count in ftfy.items() if group == "chinese")
    print(f"ftfy's non-Chinese mojibake cases: {ftfy['other', 'exact']} of {non_chinese} exactly as ftfy's "
          f"fixed-encoding, {ftfy['other', 'left']} left as they were, {ftfy['other', 'other']} anything else")
    print(f"ftfy's Chinese mojibake cases: {ftfy['chinese', 'exact']} of {chinese} exact")
    failed |= ftfy["other", "other"] > 0
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
