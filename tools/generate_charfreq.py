"""Generate ``src/zhclean/data/charfreq.txt``: how common each character is.

The mojibake repair accepts a re-decoding only when it reads as far more
likely text than what it replaces (鍙戝竷 -> 发布), judged by these classes.

Sources, used here only, offline:

* jieba 0.42.1 ``dict.txt`` (MIT, https://github.com/fxsjy/jieba): word
  counts.  A character's count is the sum of the counts of the words it is
  in.  The dictionary is itself contaminated by mojibake: 锛 (12,605), 涓
  (12,958), 鍙, 鐨, 銆, 紝 stand as frequent one-character "words" (pieces of
  UTF-8 text read as GBK) yet almost never inside a longer word, where real
  characters live.  So a one-character word does not count when the
  character has the shape of such mojibake (its GBK bytes are a UTF-8 lead
  byte and a continuation byte, or start with a continuation byte) and
  occurs inside longer words less than 5% as often: 锛 and 涓 lose their
  weight, 了, 是 and 她 keep theirs.
* OpenCC (Apache-2.0, https://github.com/BYVoid/OpenCC) through the
  ``opencc`` package: jieba is nearly blind to Traditional characters (國 10,
  語 0), so each takes the larger of its own count and its Simplified form's
  (t2s), and each Simplified character's Traditional forms (s2t, s2tw,
  s2hk) take at least its count.
* A short hand-written supplement below, for what a Chinese dictionary does
  not cover: CJK punctuation, the Latin-1 symbols Chinese text uses (no-break
  space, °, ±, ×, ·), and Japanese kana, which are ordinary in Japanese (so
  correct Japanese is never taken for mojibake of Chinese), graded by how
  common each kana is in Japanese text.

Run from the repository root::

    pip install jieba==0.42.1 opencc
    python tools/generate_charfreq.py

Output: ``#`` comment lines, then ``CLASS<TAB>CHARACTERS`` lines, classes 1
(rare but attested) to 15 (的, 是, ，); a character not listed is class 0.
"""
from __future__ import annotations

import collections
import math
import pathlib

import jieba
import opencc

OUT = pathlib.Path(__file__).resolve().parent.parent / "src" / "zhclean" / "data" / "charfreq.txt"

# CJK punctuation and full-width forms as common as the commonest characters.
PUNCTUATION = "，。、；：？！“”‘’（）《》【】—…·「」『』〈〉～"
# Japanese kana by how common they are in running Japanese text (a
# judgement, not a count): particles and endings first.
KANA_COMMON = "のにはをたがでてとしいかなるれらもすっうまりこあんくきだよけさせ"
KANA_RARE = "ぁぃぅぇぉゎゐゑゔゕゖァィゥェォヮヰヱヴヵヶヷヸヹヺ"
HIRAGANA = [chr(cp) for cp in range(0x3041, 0x3097)]
KATAKANA = [chr(cp) for cp in range(0x30A1, 0x30FB)] + ["ー"]
KATAKANA_COMMON = "ーンストルクリイラタシアドレカ"


def mojibake_shaped(ch: str) -> bool:
    """Whether ``ch`` can be a piece of UTF-8 text decoded as GBK."""
    try:
        first, second = ch.encode("gbk")
    except (UnicodeEncodeError, ValueError):
        return False
    continuation = range(0x80, 0xC0)
    lead = range(0xE0, 0xF0)
    return (first in lead and second in continuation) or (
        first in continuation and (second in continuation or second in lead)
    )


def char_counts() -> collections.Counter:
    path = pathlib.Path(jieba.__file__).with_name("dict.txt")
    single: collections.Counter = collections.Counter()
    inside: collections.Counter = collections.Counter()
    with path.open(encoding="utf-8") as stream:
        for line in stream:
            word, count, *_ = line.split()
            if len(word) == 1:
                single[word] += int(count)
            else:
                for ch in word:
                    inside[ch] += int(count)
    counts = collections.Counter(inside)
    dropped = []
    for ch, count in single.items():
        if inside[ch] >= 0.05 * count or not mojibake_shaped(ch):
            counts[ch] += count
        else:
            dropped.append((count, ch))
    dropped.sort(reverse=True)
    print(f"one-character words not counted ({len(dropped)}), largest:", " ".join(ch for _, ch in dropped[:30]))
    return counts


def spread_to_variants(counts: collections.Counter) -> None:
    t2s = opencc.OpenCC("t2s")
    to_traditional = [opencc.OpenCC(config) for config in ("s2t", "s2tw", "s2hk")]
    for cp in list(range(0x3400, 0x4DC0)) + list(range(0x4E00, 0xA000)):
        ch = chr(cp)
        simplified = t2s.convert(ch)
        if len(simplified) == 1 and simplified != ch:
            counts[ch] = max(counts[ch], counts[simplified])
    for ch, count in list(counts.items()):
        for converter in to_traditional:
            traditional = converter.convert(ch)
            if len(traditional) == 1 and traditional != ch:
                counts[traditional] = max(counts[traditional], count)


def classes(counts: collections.Counter) -> dict[str, int]:
    top = max(counts.values())
    result = {}
    for ch, count in counts.items():
        if count > 0:
            # One class per factor of about 2.6 below the commonest character.
            result[ch] = max(1, min(15, 16 + math.floor(math.log(count / top) / math.log(2.6))))
    for ch in PUNCTUATION:
        result[ch] = 14
    for ch in HIRAGANA + KATAKANA:
        result[ch] = 8
    for ch in KANA_COMMON + KATAKANA_COMMON:
        result[ch] = 12
    for ch in KANA_RARE:
        result[ch] = 2
    # Hangul syllables stay rare: 쾡 is what GBK read as Latin-1 (¼ì¾¡) turns
    # into when taken for UTF-8, and no wrong decoder leaves Hangul behind in
    # Chinese text, so correct Korean is never repaired anyway.
    for cp in range(0xAC00, 0xD7A4):
        result[chr(cp)] = 2
    # Latin-1 symbols Chinese text uses (&nbsp;, 25°C±2, 3×4, 马丁·路德·金):
    # a repair that yields them (Â\xa0 -> \xa0) reads as ordinary text.
    for ch in "\xa0°±×÷·©®":
        result[ch] = 9
    return result


def main() -> None:
    counts = char_counts()
    spread_to_variants(counts)
    table = classes(counts)
    by_class: dict[int, list[str]] = collections.defaultdict(list)
    for ch, klass in table.items():
        by_class[klass].append(ch)
    lines = [
        "# Frequency class (1 rare .. 15 commonest) of characters in Chinese text.",
        f"# Generated by tools/generate_charfreq.py from jieba {jieba.__version__} dict.txt (MIT),",
        f"# Traditional forms through OpenCC {getattr(opencc, '__version__', '')} (Apache-2.0),",
        "# with a hand-written supplement for punctuation, kana and Hangul. Do not edit by hand.",
    ]
    for klass in sorted(by_class, reverse=True):
        lines.append(f"{klass}\t{''.join(sorted(by_class[klass]))}")
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    summary = {k: len(v) for k, v in sorted(by_class.items(), reverse=True)}
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes); characters per class: {summary}")
    for ch in "锛涓鍙鐨銆浜戝竷发布国國語说說的是浣溪龘锟铻":
        print(ch, table.get(ch, 0), end="  ")
    print()


if __name__ == "__main__":
    main()
