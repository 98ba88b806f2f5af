"""Random mojibake from the external texts: twins, idempotence, inventions, controls.

    python -m benchmarks.mojibake_fuzz [SEED] [PER_FAMILY]      # from the repository root

Pieces of random lines of ``../shared/corpus/external`` (10-80 characters;
Simplified through OpenCC for GBK) go through each (right -> wrong) family,
whole and between two pieces of other real lines, with Python's
``errors="replace"``.  For each family and scope it counts: exact repairs
(as ``corpus/lossy.py`` defines them), outputs left untouched, cases where
the Cython kernel and the twin differ, repairs that change when repaired
again, and outputs holding a character neither the original nor the input
had.  Then 2,000 clean lines, which must come back as the same object.
Not a test (the tests hold fixed cases); a wider net for regressions.
"""
from __future__ import annotations

import collections
import random
import sys

import opencc

import zhclean
from corpus import EXTERNAL
from corpus.implementations import over
from corpus.lossy import expected_repair, wrong_decode

fix_with_twins = over("python", zhclean.fix_mojibake)
FAMILIES = [
    ("utf-8", "gbk"), ("utf-8", "gb18030"), ("utf-8", "big5"), ("utf-8", "cp932"),
    ("utf-8", "cp1252"), ("utf-8", "latin-1"), ("gbk", "latin-1"), ("gbk", "big5"),
    ("big5", "gbk"), ("big5", "gb18030"), ("big5", "latin-1"),
    ("gbk", "whatwg-big5"),  # last: the families before it draw the pieces they always drew
]


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    per_family = int(sys.argv[2]) if len(sys.argv) > 2 else 60
    if not EXTERNAL.is_dir():
        sys.exit(f"{EXTERNAL} is not there")
    t2s = opencc.OpenCC("t2s")
    lines = [
        line.strip()
        for path in sorted(EXTERNAL.glob("*.txt"))
        for line in path.read_text(encoding="utf-8-sig").splitlines()
        if len(line.strip()) >= 12
    ]
    rng = random.Random(seed)
    rows: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for right, wrong in FAMILIES:
        for _ in range(per_family):
            line = rng.choice(lines)
            start = rng.randrange(max(1, len(line) - 10))
            piece = line[start : start + rng.randint(10, 80)]
            if right == "gbk":
                piece = t2s.convert(piece)
            try:
                data = piece.encode(right)
            except UnicodeEncodeError:
                continue
            text, lost = wrong_decode(data, wrong, "strict" if wrong == "latin-1" else "replace")
            expected = expected_repair(piece, right, lost)
            context = rng.choice(lines)[:30]
            for scope, given, wanted, original in (
                ("whole", text, expected, piece),
                ("span", context + text + context, context + expected + context, context + piece + context),
            ):
                out = zhclean.fix_mojibake(given)
                row = rows[f"{right}->{wrong} {scope}"]
                row["cases"] += 1
                row["exact"] += out == wanted
                row["untouched"] += out is given
                row["twins differ"] += out != fix_with_twins(given)
                row["not idempotent"] += zhclean.fix_mojibake(out) != out
                row["inventing"] += bool(set(out) - set(original) - set(given) - {"\ufffd"})
    columns = ["cases", "exact", "untouched", "twins differ", "not idempotent", "inventing"]
    print(f"seed {seed}, kernels: {zhclean.KERNELS}\n")
    print("| family scope | " + " | ".join(columns) + " |")
    print("|---|" + "---:|" * len(columns))
    for name in sorted(rows):
        print(f"| {name} | " + " | ".join(str(rows[name][c]) for c in columns) + " |")
    controls = rng.sample(lines, 2000)
    changed = sum(zhclean.fix_mojibake(line) is not line for line in controls)
    print(f"\nclean lines changed: {changed} of {len(controls)}")


if __name__ == "__main__":
    main()
