"""Generate ``src/zhclean/mojibake/data/charfreq.txt``: the character-frequency classes.

The mojibake repair accepts a candidate only if the repaired text reads as far
more plausible than the mojibake (鍙戝竷 -> 发布); plausibility is judged one
character at a time with the classes in this table: 15 = 的 是 ，,
1 = rare but attested, absent = 0 (unattested).

Sources, used only here, offline, never at run time:

* jieba 0.42.1 ``dict.txt`` (MIT licence, https://github.com/fxsjy/jieba):
  349,046 lines of ``word count POS``.  A character's frequency is the sum,
  over all words, of the word's count for each occurrence of the character.
* OpenCC 1.4.2 (Apache-2.0 licence, https://github.com/BYVoid/OpenCC), for
  Traditional forms, which jieba barely attests (國 10, 語 0).
* pypinyin 0.55.0 (MIT licence, https://github.com/mozillazg/python-pinyin),
  only as a list of real Han characters: those neither source attests get
  class 1 (龘).

Run from the repository root, with the pinned versions::

    pip install jieba==0.42.1 OpenCC==1.4.2 pypinyin==0.55.0
    python -m tools.generate_charfreq

The output is deterministic (its only date is the ``DATE`` constant below), so
re-running with the same versions must leave ``git diff`` empty.  The script
prints what it cleaned, the size of each class and a few probe characters.

1. jieba's own mojibake
-----------------------
jieba's counts were taken partly over UTF-8 text that had been decoded as GBK,
and the debris stands in the dictionary as frequent one-character "words" that
occur in no real word: 涓 12958 (E4 B8, the first two bytes of 一 上 不 中
为 ... read as GBK), 锛 12605 (EF BC: ，：；！？), 紝 11651 (the bytes after
，), 浜 7066, 銆 6982 (E3 80: 、。《》), 殑 6399 and 鐨 5901 (pieces of 的),
鏄 4025 (是), 鍙 2979 (发 可 只), 鈥 2416 (E2 80: “ ” …), 戝 832, 竷 227.
A UTF-8 CJK character is three bytes ``L c c`` (L in E1-EF, c in 80-BF);
read as GBK, a run of them pairs up as (L, c), (c, L'), (c, c), cycling, and
(c, ASCII) where the run meets ASCII.

* Multi-character words are clean.  A word would be removed if all of its
  characters had those byte shapes in the right cycle, none were a common
  (GB2312 level-1) character, and its GBK bytes, trimmed by at most two bytes
  at either end, decoded as strict UTF-8 into common characters or CJK
  punctuation covering two thirds of the bytes.  No word of jieba 0.42.1
  qualifies: 948 multi-character words have the byte shapes (活动 规定 飓风
  臣妾 濡溼 ...), and all of them are real.
* The 11,580 one-character entries hold the debris.  An entry is
  *uncorroborated* when its count exceeds the character's occurrences inside
  multi-character words (where characters are real), the character is not
  in GB2312 level 1 (B0A1-D7FE, the 3,755 common characters, whose real
  counts dwarf any debris: 会 is 92,091 alone and 355,333 inside words), and
  it either has one of the debris byte shapes or lies outside GB2312
  altogether (GBK extension: Traditional and rare forms, which jieba lists by
  the hundred with POS ``zg`` and large counts yet in no word: 購 1875,
  諲 1607, 魦 1147, 龢 732 - not all of that is UTF-8 debris, none of it is
  corroborated).  An uncorroborated entry counts ``FLOOR`` (3, jieba's own
  minimum): the character stays attested, its weight comes from real words
  (涓 from 涓涓 and 涓滴; 姊 from 姊妹).
* With jieba 0.42.1 that cuts 3,974 entries (3,007 with debris shapes, 967
  GBK-extension ones) and removes 570,944 of the 27,079,154 one-character
  counts (2.1 %); the largest were 涓 12958, 锛 12605, 紝 11651, 浜 7066,
  銆 6982, 殑 6399, 鐨 5901, 剉 5860, 浠 4587, 屽 4132, 姊 4076, 鏄 4025.
  Common characters that double as debris (崇 会 便 达 点 间) keep their
  counts, and so do rare characters jieba lists alone often without any
  mojibake shape (嗯 朕 咦: interjections and the like).

2. Traditional characters
-------------------------
Every jieba word is converted whole by OpenCC's ``s2t``, ``s2tw`` and
``s2hk`` (its phrase tables split 发 into 發生 and 頭髮, 系 into 系統 and
關係, 台 into 臺灣 for s2t/s2tw and 台灣 for s2hk) and counted again; a
character gets the most it has in any of the three conversions when that is
more than its own count: 國 gets 国's frequency, 髮 only what 头发 and its
kin give.  Characters in CJK Unified Ideographs (U+4E00-U+9FFF) and
Extension A (U+3400-U+4DBF) that no conversion produces but ``t2s``,
``tw2s`` or ``hk2s`` maps to a single Simplified character (variants: 眞 麫
綫) get ``VARIANT_FACTOR`` (1/32) of its frequency.  Compatibility
ideographs (U+F900-) and characters beyond the BMP are left out.

3. Non-Han characters
---------------------
jieba has next to none.  Punctuation, full-width forms, digits, letters and
symbols of Chinese text get hand-set frequencies relative to 的 (``NON_HAN``:
rough shares in modern news and web text, ， about as frequent as 的, 。 half
of it, 、 a fifth ...).  Of Latin-1 only what Chinese text uses is listed
(no-break space, · ° ± × ÷ © ®): the rest is what GBK or Big5 read as Latin-1
looks like (·¢²¼ for 发布, µo for 發), and § once listed was enough to keep
µo from being repaired.  Kana get set classes (``KANA_*``); Hangul is left
out (see the comment there).

4. Classes
----------
With x = log2(freq / freq(的)), class k holds the characters with
``x >= LOWER_BOUNDS[k]`` (below class k + 1's bound), class 1 every other
attested one.  的 and anything as frequent are 15; 15-12 hold about 500 of
GB2312's characters, 90 % of GB2312 level 1 is 7 or more, and the line
between 5 and 4, which the consumer treats as the start of "rare", falls
near the 4,400th commonest character.

Output format (UTF-8; ``#`` lines are comments): one line per class,
``CLASS<TAB>CHARS``, from 15 down to 1, ``CHARS`` in code point order.
Characters not listed are class 0.
"""
from __future__ import annotations

import argparse
import collections
import math
import pathlib

import jieba
import opencc
import pypinyin
from pypinyin.pinyin_dict import pinyin_dict

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "zhclean" / "mojibake" / "data" / "charfreq.txt"

JIEBA_PINNED = "0.42.1"
OPENCC_PINNED = "1.4.2"
PYPINYIN_PINNED = "0.55.0"
# Written into the header.  Bump by hand when regenerating from different
# inputs (the wall clock would make the output non-deterministic).
DATE = "2026-11-25"

FLOOR = 3  # jieba's own smallest count for a listed word is 2 or 3
VARIANT_FACTOR = 1 / 32

# Class k holds the characters with log2(freq / freq(的)) >= LOWER_BOUNDS[k]
# (and below the bound of class k + 1); class 1 holds every attested
# character below LOWER_BOUNDS[2].  Three slopes: one bit per class for the
# few hundred commonest characters (15-12), 1.25 bits per class for common
# vocabulary (11-7; about 90 % of GB2312 level 1 is 7 or more), 0.6 bits per
# class for 6-4, where the common characters end (jieba's counts of rare
# characters are dictionary listings more than usage and flatten out there;
# the consumer calls class 4 or less "rare", which this puts at about the
# 4,400th commonest character), then 1-1.5 bits.
LOWER_BOUNDS = {
    15: 0.0, 14: -1.0, 13: -2.0, 12: -3.0,
    11: -4.25, 10: -5.5, 9: -6.75, 8: -8.0, 7: -9.25,
    6: -9.85, 5: -10.45, 4: -11.05,
    3: -12.0, 2: -13.5,
}

HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF))

# Hand-set frequencies of non-Han characters, as fractions of the frequency of
# 的: rough shares in modern Simplified news and web text (「」『』 are the
# Taiwan and Hong Kong quotation marks).
NON_HAN: list[tuple[str, float]] = [
    ("，", 1.0),
    ("。", 0.5),
    ("、", 0.2),
    ("“”", 0.12),
    ("：", 0.08),
    ("「」", 0.06),
    ("（）", 0.05),
    ("《》", 0.04),
    ("？！", 0.03),
    ("；…", 0.02),  # … usually doubled: ……
    ("—\u3000", 0.015),  # — usually doubled: ——; U+3000 ideographic space
    ("【】", 0.01),
    ("·\xa0", 0.008),  # U+00B7 (GB2312 A1A4): 马丁·路德·金; no-break space (&nbsp;)
    ("‘’", 0.006),
    ("『』～％", 0.005),
    ("〇", 0.004),  # 二〇二四年
    ("０１２３４５６７８９", 0.003),
    ("〈〉〔〕", 0.002),
    ("．／－＋＝＜＞＃＆＊＠＿｜＂＇", 0.001),
    ("⋯―〜・‧﹏", 0.001),  # Big5 ellipsis and middle dot, dashes, wave dash
    ("℃￥●○■□▲△◆◇★☆※→←↑↓√×÷°±©®", 0.001),
    ("①②③④⑤⑥⑦⑧⑨⑩ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ〖〗", 0.001),
    ("ＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ", 0.001),
    ("ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ", 0.001),
    # Zhuyin (Taiwan's phonetic annotation, 書(ㄕㄨ)) and its tone marks.
    ("".join(map(chr, range(0x3105, 0x312A))) + "ˊˇˋ˙", 0.001),
    ("＄［］＼＾｀｛｝〃々№", 0.0003),
    ("αβγδεθλμπσφωΩΔΣ", 0.0003),
    # ASCII (the consumer looks only at characters from U+0080 on): digits
    # are common in Chinese text, Latin letters and ASCII punctuation less so.
    ("0123456789", 0.05),
    (".,:-/%()", 0.01),
    ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 0.005),
    ("!\"#$&'*+;<=>?@[\\]^_`{|}~", 0.002),
]
# Japanese kana, set directly by how common they are in Japanese text (a
# judgement, not a count): Japanese quoted in or beside Chinese text is no
# mojibake, and must read as well as Chinese does.  Hangul is left out (class
# 0): no wrong decoder leaves it in Chinese text, correct Korean cannot be
# re-decoded into anything (no single- or double-byte codec here encodes it
# but GB18030's four-byte forms), and Latin-1 mojibake taken for UTF-8 can
# produce it (¼ì¾¡ -> 쾡), so it must not look plausible.
KANA_COMMON = (
    "のにはをたがでてとしいかなるれらもすっうまりこあんくきだよけさせ"  # particles, endings
    "ーンストルクリイラタシアドレカ"
)
KANA_RARE = "ゎゐゑゔゕゖヮヰヱヴヵヶヷヸヹヺ"
CLASS_KANA_COMMON = 11
CLASS_KANA = 8
CLASS_KANA_RARE = 2


def gbk(text: str) -> bytes | None:
    try:
        return text.encode("gbk")
    except UnicodeEncodeError:
        return None


def gb2312_level1(b: bytes | None) -> bool:
    return b is not None and len(b) == 2 and 0xB0 <= b[0] <= 0xD7 and 0xA1 <= b[1] <= 0xFE


def gb2312(b: bytes | None) -> bool:
    return b is not None and len(b) == 2 and 0xA1 <= b[0] <= 0xF7 and 0xA1 <= b[1] <= 0xFE


def debris_shapes(b: bytes | None) -> set[str]:
    """Which pieces of UTF-8 read as GBK a two-byte GBK code can be.

    ``L``: lead + continuation byte, ``M``: continuation + lead,
    ``T``: continuation + continuation, ``A``: continuation + ASCII.
    """
    if b is None or len(b) != 2:
        return set()
    hi, lo = b
    shapes = set()
    if 0xE1 <= hi <= 0xEF and 0x80 <= lo <= 0xBF:
        shapes.add("L")
    if 0x80 <= hi <= 0xBF:
        if 0xE1 <= lo <= 0xEF:
            shapes.add("M")
        elif 0x80 <= lo <= 0xBF:
            shapes.add("T")
        elif 0x40 <= lo <= 0x7E:
            shapes.add("A")
    return shapes


_NEXT_SHAPE = {"L": "M", "M": "T", "T": "L"}


def common_or_punct(ch: str) -> bool:
    cp = ord(ch)
    return gb2312_level1(gbk(ch)) or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF


def is_mojibake_word(word: str) -> bool:
    """A multi-character word that reads as UTF-8 text decoded as GBK."""
    b = gbk(word)
    if b is None or len(word) < 2 or any(gb2312_level1(gbk(ch)) for ch in word):
        return False
    shapes = [debris_shapes(gbk(ch)) for ch in word]
    in_cycle = False
    for start in "LMT":
        expected = start
        for sh in shapes:
            if expected not in sh:
                break
            expected = _NEXT_SHAPE[expected]
        else:
            in_cycle = True
    if not in_cycle:
        return False
    for head in range(3):
        for tail in range(3):
            piece = b[head : len(b) - tail]
            if len(piece) * 3 < len(b) * 2:
                continue
            try:
                text = piece.decode("utf-8")
            except UnicodeDecodeError:
                continue
            if text and all(map(common_or_punct, text)):
                return True
    return False


def read_jieba() -> list[tuple[str, int]]:
    path = pathlib.Path(jieba.__file__).with_name("dict.txt")
    entries = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            word, count, _pos = line.rstrip("\n").split(" ")
            entries.append((word, int(count)))
    return entries


def clean(entries: list[tuple[str, int]]) -> tuple[list[tuple[str, int]], dict]:
    """Drop mojibake words; cut uncorroborated one-character entries to ``FLOOR``."""
    bad_words = [(w, c) for w, c in entries if len(w) > 1 and is_mojibake_word(w)]
    bad = {w for w, _ in bad_words}
    entries = [(w, c) for w, c in entries if w not in bad]

    in_words: collections.Counter[str] = collections.Counter()
    for word, count in entries:
        if len(word) > 1:
            for ch in word:
                in_words[ch] += count

    cleaned, cuts = [], []
    for word, count in entries:
        if len(word) == 1:
            b = gbk(word)
            uncorroborated = (
                b is not None
                and not gb2312_level1(b)
                and (debris_shapes(b) or not gb2312(b))
                and count > in_words[word]
            )
            if uncorroborated and count > FLOOR:
                cuts.append((word, count, FLOOR))
                count = FLOOR
        cleaned.append((word, count))
    report = {
        "bad_words": bad_words,
        "cuts": sorted(cuts, key=lambda t: (t[2] - t[1], t[0])),
        "removed": sum(c - k for _, c, k in cuts),
        "singles_total": sum(c for w, c in entries if len(w) == 1),
    }
    return cleaned, report


def is_han(ch: str) -> bool:
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in HAN_RANGES)


def han_frequencies(entries: list[tuple[str, int]]) -> collections.Counter[str]:
    freq: collections.Counter[str] = collections.Counter()
    for word, count in entries:
        for ch in word:
            if is_han(ch):
                freq[ch] += count
    return freq


def traditional(
    entries: list[tuple[str, int]], freq: collections.Counter[str]
) -> tuple[dict[str, float], dict]:
    """Frequencies of Traditional forms and variants, from the Simplified counts.

    Every word is converted whole (OpenCC's phrase tables split 发 into 發生
    and 頭髮, 系 into 關係 and 系統), once per target standard, and counted
    again; a Traditional form gets the most it has in any of them.  Forms no
    conversion produces, which only ``*2s`` knows, get ``VARIANT_FACTOR`` of
    their Simplified form's frequency.
    """
    text = "\n".join(word for word, _ in entries)
    converted_freq: collections.Counter[str] = collections.Counter()
    for config in ("s2t", "s2tw", "s2hk"):
        converted = opencc.OpenCC(config).convert(text).split("\n")
        assert len(converted) == len(entries), config
        counts: collections.Counter[str] = collections.Counter()
        for word, (_, count) in zip(converted, entries):
            for ch in word:
                if is_han(ch):
                    counts[ch] += count
        for ch, count in counts.items():
            converted_freq[ch] = max(converted_freq[ch], count)
    out: dict[str, float] = {}
    raised = collections.Counter()
    for ch, count in converted_freq.items():
        if count > freq.get(ch, 0):
            out[ch] = count
            raised["converted"] += 1
    chars = [chr(cp) for lo, hi in HAN_RANGES for cp in range(lo, hi + 1)]
    for config in ("t2s", "tw2s", "hk2s"):
        conv = opencc.OpenCC(config)
        for ch in chars:
            if converted_freq[ch]:
                continue
            s = conv.convert(ch)
            if len(s) == 1 and s != ch and is_han(s):
                share = freq.get(s, 0) * VARIANT_FACTOR
                if share > max(freq.get(ch, 0), out.get(ch, 0)):
                    raised["variant"] += ch not in out
                    out[ch] = share
    return out, {"raised": raised}


def class_of(f: float, ref: float) -> int:
    if f <= 0:
        return 0
    x = math.log2(f / ref)
    for k in range(15, 1, -1):
        if x >= LOWER_BOUNDS[k]:
            return k
    return 1


def build() -> tuple[dict[str, int], dict]:
    entries = read_jieba()
    cleaned, report = clean(entries)
    freq = han_frequencies(cleaned)
    trad, trad_report = traditional(cleaned, freq)
    final: dict[str, float] = dict(freq)
    for ch, f in trad.items():
        final[ch] = max(final.get(ch, 0), f)
    ref = freq["的"]
    for chars, share in NON_HAN:
        for ch in chars:
            assert not is_han(ch) and ch not in final, ch
            final[ch] = share * ref
    classes = {ch: class_of(f, ref) for ch, f in final.items() if ord(ch) < 0x10000}
    hiragana = [chr(cp) for cp in range(0x3041, 0x3097)]
    katakana = [chr(cp) for cp in range(0x30A1, 0x30FB)] + ["ー"]
    kana = hiragana + katakana
    for ch in kana:
        assert ch not in classes, ch
        classes[ch] = CLASS_KANA
    for ch in KANA_COMMON:
        classes[ch] = CLASS_KANA_COMMON
    for ch in KANA_RARE:
        classes[ch] = CLASS_KANA_RARE
    # Attested, without a frequency: every other Han character pypinyin reads.
    attested = 0
    for cp in pinyin_dict:
        ch = chr(cp)
        if is_han(ch) and ch not in classes:
            classes[ch] = 1
            attested += 1
    report["attested_only"] = attested
    report.update(trad_report, entries=len(entries), freq=freq, final=final, ref=ref)
    return {ch: k for ch, k in classes.items() if k > 0}, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT, help=f"default: {OUT}")
    args = parser.parse_args()
    versions = {}
    pins = ((jieba, JIEBA_PINNED), (opencc, OPENCC_PINNED), (pypinyin, PYPINYIN_PINNED))
    for mod, pinned in pins:
        versions[mod.__name__] = version = getattr(mod, "__version__", "?")
        if version != pinned:
            print(f"warning: {mod.__name__} {version}; table and docstring are for {pinned}")

    classes, report = build()
    by_class: dict[int, list[str]] = collections.defaultdict(list)
    for ch in sorted(classes, key=ord):
        by_class[classes[ch]].append(ch)
    bounds = [f"{k}: {LOWER_BOUNDS[k]:g}" for k in range(15, 1, -1)]
    lines = [
        "# Character frequency classes for judging mojibake repairs: CLASS<TAB>CHARS,",
        "# 15 = most frequent (的 是 ，) ... 1 = rare but attested; a character not",
        "# listed is class 0 (unattested).  CHARS are in code point order.",
        f"# Generated by tools/generate_charfreq.py ({DATE}); do not edit by hand.",
        f"# Han frequencies: jieba {versions['jieba']} dict.txt (MIT licence,",
        "# https://github.com/fxsjy/jieba), cleaned of its own UTF-8-as-GBK debris.",
        f"# Traditional forms: OpenCC {versions['opencc']} (Apache-2.0 licence,",
        "# https://github.com/BYVoid/OpenCC), s2t/s2tw/s2hk and t2s/tw2s/hk2s.",
        f"# Other Han characters pypinyin {versions['pypinyin']} reads (MIT licence,",
        "# https://github.com/mozillazg/python-pinyin): class 1, attested only.",
        "# Punctuation, full-width forms, symbols, digits, letters, kana: hand-set.",
        f"# {len(classes)} characters.  With x = log2(freq / freq(的)), class k if x >= its",
        f"# bound ({', '.join(bounds[:7])},",
        f"# {', '.join(bounds[7:])}), else 1.",
    ]
    for k in sorted(by_class, reverse=True):
        lines.append(f"{k}\t{''.join(by_class[k])}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")

    cuts = report["cuts"]
    print(f"jieba entries: {report['entries']}; multi-character mojibake words removed: "
          f"{len(report['bad_words'])} {report['bad_words'][:10]}")
    print(f"one-character entries cut to {FLOOR}: {len(cuts)}, count removed {report['removed']} of "
          f"{report['singles_total']} ({100 * report['removed'] / report['singles_total']:.1f} %)")
    print("  largest cuts: " + ", ".join(f"{w} {c}" for w, c, _ in cuts[:16]))
    print(f"Traditional forms raised: {dict(report['raised'])}; attested only (pypinyin): "
          f"{report['attested_only']}")
    for k in sorted(by_class, reverse=True):
        print(f"  class {k:2d}: {len(by_class[k]):5d}  {''.join(by_class[k][:24])}")
    probes = "锛涓鍙鐨銆浜戝竷鏂 发布国國語说說的是， 浣溪龘锟铻"
    print("  probes: " + "  ".join(f"{ch}{classes.get(ch, 0)}" for ch in probes if ch != " "))
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes, {len(classes)} characters)")


if __name__ == "__main__":
    main()
