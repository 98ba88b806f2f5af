"""--diff: a unified diff of one input against its cleaned text.

The Cleaner keeps units aligned (unit k of the output is unit k of the
input cleaned), so the diff is made unit by unit: an unchanged unit is
context, a changed one is compared line by line.  No quadratic matching
over the whole file; the file's lines are held until its diff is printed.
"""
from __future__ import annotations

import difflib
import re

__all__ = ["Diff"]

CONTEXT = 3  # lines of context around each change, as diff -u
_LINE = re.compile(r"[^\n]*\n|[^\n]+$")


def _lines(text: str) -> list[str]:
    return _LINE.findall(text)


class _Aligned(difflib.SequenceMatcher):
    """A matcher that is told the opcodes instead of finding them."""

    def __init__(self, opcodes: list[tuple[str, int, int, int, int]]) -> None:
        super().__init__(None, [], [])
        self._codes = opcodes

    def get_opcodes(self) -> list[tuple[str, int, int, int, int]]:  # type: ignore[override]
        return self._codes


def _range(start: int, stop: int) -> str:
    length = stop - start
    if length == 1:
        return f"{start + 1}"
    return f"{start if length == 0 else start + 1},{length}"


def _out(sign: str, line: str) -> str:
    return f"{sign}{line}" if line.endswith("\n") else f"{sign}{line}\n\\ No newline at end of file\n"


class Diff:
    def __init__(self, name: str) -> None:
        self.name = name
        self.a: list[str] = []
        self.b: list[str] = []
        self.codes: list[tuple[str, int, int, int, int]] = []

    def add(self, before: list[str], after: list[str]) -> None:
        """Units of the input and the same units cleaned."""
        for old, new in zip(before, after):
            a, b = _lines(old), _lines(new)
            i, j = len(self.a), len(self.b)
            if old == new:
                self._code("equal", i, i + len(a), j, j + len(b))
            else:
                for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
                    self._code(tag, i + i1, i + i2, j + j1, j + j2)
            self.a.extend(a)
            self.b.extend(b)

    def _code(self, tag: str, i1: int, i2: int, j1: int, j2: int) -> None:
        if i1 == i2 and j1 == j2:
            return
        if tag == "equal" and self.codes and self.codes[-1][0] == "equal":
            _, start_a, _, start_b, _ = self.codes[-1]
            self.codes[-1] = ("equal", start_a, i2, start_b, j2)
        else:
            self.codes.append((tag, i1, i2, j1, j2))

    def render(self) -> str:
        """The unified diff, empty when nothing changed."""
        if all(code[0] == "equal" for code in self.codes):
            return ""
        out = [f"--- {self.name}\n", f"+++ {self.name} (cleaned)\n"]
        for group in _Aligned(self.codes).get_grouped_opcodes(CONTEXT):
            first, last = group[0], group[-1]
            out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
            for tag, i1, i2, j1, j2 in group:
                if tag == "equal":
                    out.extend(_out(" ", line) for line in self.a[i1:i2])
                    continue
                out.extend(_out("-", line) for line in self.a[i1:i2])
                out.extend(_out("+", line) for line in self.b[j1:j2])
        return "".join(out)
