"""Inputs that are broken or built to be slow (issue 9), made to measure.

Every function takes ``size``, a number of UTF-8 bytes, and returns one line
(no newline) of about that size (never more), the same on every call: the
texts are built from the real lines of ``corpus/samples/gold/`` with fixed
seeds.  For benchmarks and throughput floors, not for exact-output tests.

    from corpus.mojibake.adversarial import ADVERSARIAL, SIZES
    for name, make in ADVERSARIAL.items():
        for size in SIZES:
            text = make(size)

What each one is, and what issue 9 measured on it:

- ``loss_markers``: ``锟斤拷`` repeated (nothing to repair, only to report).
- ``question_marks``: one unbroken run of ``?`` (a paragraph encoded with
  errors="replace"; the backtracking pattern case).
- ``gbk_as_big5``: real text, GBK bytes read as Big5 (errors="replace").
- ``alternating``: three mojibake characters (two Chinese characters, UTF-8
  read as GBK) then three correct ones, over and over.
- ``span_every_50``: real text with a 4-character span of UTF-8 read as GBK
  in every 50 characters.
- ``utf8_as_latin1``: real text, UTF-8 read as Latin-1 (sizes 1-8 MB: the
  cliff at 2 MB).
- ``random_gbk_big5``: random characters from the GBK and Big5 ranges (every
  valid two-byte character of either codec, uniformly).
- ``quadratic``: ``'鍙戝竷的是了' * n`` (many repairs in one region).
"""
from __future__ import annotations

import functools
import pathlib
import random
from typing import Callable

GOLD = pathlib.Path(__file__).resolve().parent.parent / "samples" / "gold"
MB = 1_000_000
SIZES = [MB // 4, MB // 2, MB, 2 * MB, 4 * MB, 8 * MB]


@functools.lru_cache(maxsize=None)
def _text() -> str:
    """The gold lines that GBK and Big5 can both write, joined without newlines."""
    lines = []
    for path in sorted(GOLD.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            try:
                line.encode("gbk")
                line.encode("big5")
            except UnicodeEncodeError:
                continue
            if line:
                lines.append(line)
    return "".join(lines)


def _fill(unit: str, size: int) -> str:
    """``unit`` repeated and cut to at most ``size`` UTF-8 bytes."""
    per = len(unit.encode("utf-8"))
    text = unit * (size // per + 1)
    return _cut(text, size)


def _cut(text: str, size: int) -> str:
    data = text.encode("utf-8")[:size]
    return data.decode("utf-8", "ignore")


def _repeat_real(transform: Callable[[str], str], size: int) -> str:
    unit = transform(_text())
    return _fill(unit, size)


def loss_markers(size: int) -> str:
    return _fill("锟斤拷", size)


def question_marks(size: int) -> str:
    return "?" * size


def gbk_as_big5(size: int) -> str:
    return _repeat_real(lambda text: text.encode("gbk").decode("big5", "replace"), size)


def alternating(size: int) -> str:
    def build(text: str) -> str:
        han = [ch for ch in text if "\u4e00" <= ch <= "\u9fff"]
        out = []
        for i in range(0, len(han) - 5, 5):
            garbled = "".join(han[i:i + 2]).encode("utf-8").decode("gbk", "replace")
            out.append(garbled + "".join(han[i + 2:i + 5]))
        return "".join(out)
    return _repeat_real(build, size)


def span_every_50(size: int) -> str:
    def build(text: str) -> str:
        out = []
        for i in range(0, len(text) - 50, 50):
            block = text[i:i + 50]
            out.append(block[:23] + block[23:27].encode("utf-8").decode("gbk", "replace") + block[27:])
        return "".join(out)
    return _repeat_real(build, size)


def utf8_as_latin1(size: int) -> str:
    unit = _text().encode("utf-8").decode("latin-1")
    return _cut(unit * (size // len(unit.encode("utf-8")) + 1), size)


@functools.lru_cache(maxsize=None)
def _two_byte_characters() -> tuple[str, ...]:
    chars = set()
    for codec in ("gbk", "big5"):
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                try:
                    chars.add(bytes([lead, trail]).decode(codec))
                except UnicodeDecodeError:
                    pass
    return tuple(sorted(chars))


def random_gbk_big5(size: int, seed: int = 20261129) -> str:
    rng = random.Random(seed)
    pool = _two_byte_characters()
    count = size // 3 + 1
    return _cut("".join(rng.choice(pool) for _ in range(count)), size)


def quadratic(size: int) -> str:
    return _fill("鍙戝竷的是了", size)


ADVERSARIAL: dict[str, Callable[[int], str]] = {
    "loss_markers": loss_markers,
    "question_marks": question_marks,
    "gbk_as_big5": gbk_as_big5,
    "alternating": alternating,
    "span_every_50": span_every_50,
    "utf8_as_latin1": utf8_as_latin1,
    "random_gbk_big5": random_gbk_big5,
    "quadratic": quadratic,
}


if __name__ == "__main__":
    for name, make in ADVERSARIAL.items():
        text = make(MB // 4)
        print(f"{name}: {len(text.encode('utf-8'))} bytes, {len(text)} characters: {text[:24]!r}")
