"""Per-family accuracy of fix_mojibake on corpus/mojibake/ (not a timing).

    python -m benchmarks.mojibake_accuracy [--markdown]      # from the repository root

Exact: output equal to the expected repair.  Recovered: of the characters a
perfect repair recovers in lossy whole-text cases, how many come back in place (by a
longest-common-subsequence match).  Inventing: cases whose output holds a
character neither the original nor the input had.  External: the same
families built from ../shared/corpus/external (when present) with the same
generator.  Controls changed: must-not-change texts the function altered
(must be 0).
"""
from __future__ import annotations

import collections
import difflib
import json
import random
import sys

import zhclean

from corpus import EXTERNAL, HERE

ROOT = HERE / "mojibake"


def _score(cases, rows: dict) -> None:
    for case in cases:
        out = zhclean.fix_mojibake(case["input"])
        row = rows[case["family"]]
        row["cases"] += 1
        row["exact"] += out == case["expected"]
        row["invented"] += bool(set(out) - set(case["original"]) - set(case["input"]) - {"\ufffd"})
        if case["lossy"] and case["scope"] == "whole" and case["family"] != "loss-marker":
            wanted = case["expected"].replace("\ufffd", "")
            matcher = difflib.SequenceMatcher(None, wanted, out.replace("\ufffd", ""), autojunk=False)
            row["recoverable"] += len(wanted)
            row["recovered"] += sum(block.size for block in matcher.get_matching_blocks())


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


def accuracy() -> tuple[dict, dict, int, int]:
    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with (ROOT / "cases.jsonl").open(encoding="utf-8") as stream:
        _score((json.loads(line) for line in stream), rows)
    external: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    _score(_external_cases(), external)
    changed = total = 0
    with (ROOT / "must_not_change.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            text = json.loads(line)["text"]
            total += 1
            changed += zhclean.fix_mojibake(text) is not text
    return rows, external, changed, total


def main() -> None:
    rows, external, changed, total = accuracy()
    print(f"zhclean {zhclean.__version__}, kernels: {zhclean.KERNELS}\n")
    print("| family (right->wrong) | exact | recovered in lossy cases | inventing | "
          "external: exact | external: inventing |")
    print("|---|---|---|---|---|---|")
    for family in sorted(rows):
        row, ext = rows[family], external.get(family)
        recovered = f"{row['recovered']}/{row['recoverable']}" if row["recoverable"] else "-"
        ext_exact = f"{ext['exact']}/{ext['cases']}" if ext else "-"
        ext_invented = str(ext["invented"]) if ext else "-"
        print(f"| {family} | {row['exact']}/{row['cases']} | {recovered} | {row['invented']} | "
              f"{ext_exact} | {ext_invented} |")
    print(f"\ncontrols changed: {changed} of {total}")
    if changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
