"""Per-family accuracy of fix_mojibake on corpus/mojibake/ (not a timing).

    python benchmarks/mojibake_accuracy.py [--markdown]

Exact: output equal to the expected repair.  Recovered: of the characters a
perfect repair recovers in lossy whole-text cases, how many come back in place (by a
longest-common-subsequence match).  Controls changed: must-not-change texts
the function altered (must be 0).
"""
from __future__ import annotations

import collections
import difflib
import json
import pathlib
import sys

import zhclean

ROOT = pathlib.Path(__file__).resolve().parent.parent / "corpus" / "mojibake"


def accuracy() -> tuple[dict, int, int]:
    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    with (ROOT / "cases.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            case = json.loads(line)
            out = zhclean.fix_mojibake(case["input"])
            row = rows[case["family"]]
            row["cases"] += 1
            row["exact"] += out == case["expected"]
            if case["lossy"] and case["scope"] == "whole" and case["family"] != "loss-marker":
                wanted = case["expected"].replace("\ufffd", "")
                matcher = difflib.SequenceMatcher(None, wanted, out.replace("\ufffd", ""), autojunk=False)
                row["recoverable"] += len(wanted)
                row["recovered"] += sum(block.size for block in matcher.get_matching_blocks())
    changed = total = 0
    with (ROOT / "must_not_change.jsonl").open(encoding="utf-8") as stream:
        for line in stream:
            text = json.loads(line)["text"]
            total += 1
            changed += zhclean.fix_mojibake(text) is not text
    return rows, changed, total


def main() -> None:
    rows, changed, total = accuracy()
    print(f"zhclean {zhclean.__version__}, kernels: {zhclean.KERNELS}\n")
    print("| family (right->wrong) | exact | recovered in lossy cases |")
    print("|---|---|---|")
    for family in sorted(rows):
        row = rows[family]
        recovered = f"{row['recovered']}/{row['recoverable']}" if row["recoverable"] else "-"
        print(f"| {family} | {row['exact']}/{row['cases']} | {recovered} |")
    print(f"\ncontrols changed: {changed} of {total}")
    if changed:
        sys.exit(1)


if __name__ == "__main__":
    main()
