"""The character classes and reading tables both pinyin loops share.

Both implementations (``_loops_c.pyx`` and ``_loops_py.py``) take every fact
they use from here: which code points are Han, which letters may spell
pinyin (with which marks), and the readings of each character from
``data/readings.txt`` (generated from pypinyin by
``tools/generate_pinyin_tables.py``).  The few facts the compiled loops need
as C constants are mirrored there and compared with these by a test.
Loading the readings costs a few tens of milliseconds, so it happens on
first use, never at import.
"""
from __future__ import annotations

import pathlib
import unicodedata
from typing import NamedTuple

from .._data import data_rows
from .._lazy import Lazy

# Inclusive code point ranges of Han characters an annotation may follow:
# 〇 (which has readings), the unified ideographs with extensions A to I and
# the compatibility ideographs.  Unassigned gaps inside the astral ranges
# cost nothing: a gap character has no readings.
HAN_RANGES = (
    (0x3007, 0x3007),
    (0x3400, 0x4DBF),
    (0x4E00, 0x9FFF),
    (0xF900, 0xFAFF),
    (0x20000, 0x2FA1F),
    (0x30000, 0x323AF),
)

# The longest syllable is six letters ("zhuang").
MAX_SYLLABLE = 6
# The longest group content examined, which keeps the work per bracket
# bounded and the scan linear.  It was 16 (one syllable with marks and a
# digit); 48 holds a labelled four-syllable group in decomposed (NFD)
# letters with tone digits: 【拼音: yi1 fa1n fe1ng shu4n】.
MAX_GROUP = 48
# The most syllables a word-level group may have: four, for the four
# characters of a chengyu, 一帆风顺(yī fān fēng shùn).
MAX_WORD = 4
# The longest bare syllable, in code units: six letters each with a
# combining mark.  A longer run of Latin letters is a word, not a syllable.
MAX_TOKEN = 12

# Combining marks a pinyin letter may carry in decomposed (NFD) text.  The
# breve stands in for the caron on many web pages (ă for ǎ).
TONE_MARKS = frozenset((0x0300, 0x0301, 0x0304, 0x0306, 0x030C))
CIRCUMFLEX = 0x0302  # ê, as in the syllable ê (欸)
DIAERESIS = 0x0308  # ü

# Zhuyin tone marks: ˉ ˊ ˇ ˋ and the neutral-tone dot ˙ (written before the
# syllable in Taiwan, after it elsewhere).
ZHUYIN_TONES = frozenset((0x02C9, 0x02CA, 0x02C7, 0x02CB, 0x02D9))

# Brackets an annotation group may be written in, opener -> closer (matched
# widths only).  Round ones are the plain form of flattened <ruby>; square
# and lenticular ones are dictionary and content-farm habits (粳[jīng]米,
# 【jīng】) and count as a loose form (see below).
OPEN_PARENS = {0x28: 0x29, 0xFF08: 0xFF09, 0x5B: 0x5D, 0x3010: 0x3011}
ROUND_PARENS = frozenset((0x28, 0xFF08))

# Closing quotes after which a group annotates the quoted word: “长大”(zhǎng dà).
QUOTES = frozenset((0x201D, 0x300D, 0x300F, 0x22))  # ” 」 』 "

# Symbols that are also a reading of the character they follow: a group
# that is the symbol, in Title case with no tone and no label, after that
# character, is the symbol, not a ruby reading (钠(Na), 锂(Li), not 力(Li) in
# a sentence annotated in capitals).  The chemical elements whose symbol,
# lower case, is a reading of their name's character (all 118 names, in both
# scripts, checked against the readings table: Li Na Er Lu Bi Po), and the
# pascal (帕, pà).  They were stripped.
SYMBOL_AFTER = {
    "锂": "Li", "鋰": "Li", "钠": "Na", "鈉": "Na", "铒": "Er", "鉺": "Er", "镥": "Lu", "鑥": "Lu",
    "铋": "Bi", "鉍": "Bi", "钋": "Po", "釙": "Po", "帕": "Pa",
}

# Labels of content-farm templates, written right after the opening bracket
# and followed by a colon: 工(拼音:gōng)具, 下[pinyin:xià]去, 【读音:…】.  The
# ASCII one is matched in any case.
LABELS = ("拼音", "读音", "讀音", "注音", "读", "讀", "pinyin")
COLONS = frozenset((0x3A, 0xFF1A))  # : and ：

# Characters typed for ㄧ in zhuyin (挾(ㄒ一ㄝˊ)帶): 一, | and 丨.  They count
# only in a group that also has a real bopomofo letter: 第三节(一) is a number.
ZHUYIN_LOOKALIKES = {0x4E00: 0x3127, 0x7C: 0x3127, 0x4E28: 0x3127}

# What may separate the syllables of a word-level group: 中心(zhōng xīn),
# 西安(xī'ān), 西安(xī’ān); none at all is allowed too (成语(chengyu)).
SEPARATORS = frozenset((0x20, 0x27, 0x2019))

# The clean-text scan stops only at an opening bracket or at a code point in
# [TRIGGER_LOW, TRIGGER_HIGH): Latin-1 letters, Latin Extended-A/B, IPA
# (ɑ ɡ), spacing modifiers and the combining marks -- every tone-marked
# pinyin letter except ḿ ế ề.  A bare syllable is found from its tone mark,
# so text with no bracket and no tone mark costs one vector scan (plain ASCII
# letters beside Han characters, 30% of a Chinese-English text, never stop it).
TRIGGER_LOW, TRIGGER_HIGH = 0xC0, 0x370


# Vietnamese writes Han characters with their Hán-Việt readings beside them,
# and many of those readings are Mandarin syllables too: "Chữ Hán: 報 báo,
# 國 quốc" lost its "báo" as a bare annotation.  No other language writes
# the letters below: ơ and ư, a letter with two marks (ấ ặ ể ố ợ ữ..., but ế
# and ề, pinyin's ê with a tone), the hook above (ả ẻ ỉ ỏ ủ ỷ) and, decomposed,
# the hook, the horn, or a circumflex on a or o with a tone mark after it.
# (Not đ, Croatian and Serbian too; not ọ ẹ ị ụ, Yoruba's and Igbo's; not ỳ
# ỹ ẽ ĩ ũ, Welsh's and Guarani's; not â ô ã õ, Portuguese's and French's:
# each kept ruby beside such a name.)  A bare chain with one of them within
# VIETNAMESE_WINDOW code units of its ends is the text's own words.  48
# reaches across a dictionary line of three or four entries ("家 gia, 報
# báo, 國 quốc, 學 học").  Brackets are stronger evidence and are not
# affected.
VIETNAMESE_WINDOW = 48
VIETNAMESE_LETTERS = frozenset(
    [0x01A0, 0x01A1, 0x01AF, 0x01B0, 0x0309, 0x031B]
    + list(range(0x1EA4, 0x1EB8)) + list(range(0x1EC2, 0x1EC8)) + list(range(0x1ED0, 0x1EE4))
    + list(range(0x1EE8, 0x1EF2))
    + [0x1EA2, 0x1EA3, 0x1EBA, 0x1EBB, 0x1EC8, 0x1EC9, 0x1ECE, 0x1ECF, 0x1EE6, 0x1EE7, 0x1EF6, 0x1EF7]
)
# The marks that make a decomposed a or o with a circumflex Vietnamese.
VIETNAMESE_AFTER_CIRCUMFLEX = frozenset((0x0300, 0x0301, 0x0303, 0x0309, 0x0323))


# A bare chain with a pinyin syllable beside it that no Han character owns
# is a dictionary's list of readings (好 hǎo, hào lost hǎo and kept hào; 行
# xíng; háng), not flattened ruby.  Beside: across one of these marks (and
# a space or none), either way round; a syllable of two letters or more.
# (A space alone is a learner's page: mā 妈mā 麻má, Nǐ hǎo 你nǐ好hǎo; a
# tone-marked word that is no syllable says nothing: café, Pokémon, José;
# nor does French à.)
ROMANISED_SEPARATORS = frozenset(map(ord, ",/;，、；"))


def vietnamese_near(text: str, start: int, end: int) -> bool:
    """Whether a letter of VIETNAMESE_LETTERS (or a decomposed one, see
    VIETNAMESE_AFTER_CIRCUMFLEX) lies within VIETNAMESE_WINDOW code units
    of ``text[start:end]`` (or inside it); a decomposed letter counts where
    its base letter stands."""
    n = len(text)
    low, high = max(0, start - VIETNAMESE_WINDOW), min(n, end + VIETNAMESE_WINDOW)
    for k in range(low, high):
        cp = ord(text[k])
        if cp in VIETNAMESE_LETTERS:
            return True
        if (
            text[k] in "aoAO"
            and k + 2 < n
            and ord(text[k + 1]) == CIRCUMFLEX
            and ord(text[k + 2]) in VIETNAMESE_AFTER_CIRCUMFLEX
        ):
            return True
    return False


def is_han(cp: int) -> bool:
    for low, high in HAN_RANGES:
        if low <= cp <= high:
            return True
    return False


def is_zhuyin_letter(cp: int) -> bool:
    return 0x3105 <= cp <= 0x312F or 0x31A0 <= cp <= 0x31BF


def is_latin_word(cp: int) -> bool:
    """Whether ``cp`` can be part of a Latin word: a bare syllable must be a
    whole one (用Python写, 的Wi-Fi, 小米Mi手机 are never split)."""
    if cp < 0x80:
        return (0x30 <= cp <= 0x39 or 0x41 <= cp <= 0x5A or 0x61 <= cp <= 0x7A
                or cp == 0x2D or cp == 0x5F or cp == 0x27)
    return (0xC0 <= cp < 0x370 and cp != 0xD7 and cp != 0xF7) or 0x1E00 <= cp <= 0x1EFF or cp == 0x2019


def is_trigger(cp: int) -> bool:
    """Where the clean-text scan stops: an opening bracket or a possible tone mark."""
    return cp in OPEN_PARENS or TRIGGER_LOW <= cp < TRIGGER_HIGH


def _marked_letters() -> dict[int, tuple[str, bool]]:
    """Precomposed letters that spell pinyin: code point -> (letter, tonal).

    ``ǘ`` -> ("v", True), ``ü`` -> ("v", False), ``ê`` -> ("e", False),
    ``ḿ`` -> ("m", True).  ``ɑ`` and ``ɡ`` are the Latin look-alikes some
    pinyin fonts' text uses.
    """
    table = {0x0251: ("a", False), 0x0261: ("g", False)}
    candidates = list(range(0xC0, 0x250)) + [0x1E3E, 0x1E3F, 0x1EBE, 0x1EBF, 0x1EC0, 0x1EC1]
    for cp in candidates:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base, marks = decomposed[0].lower(), [ord(m) for m in decomposed[1:]]
        if not marks or base not in "aeioumn":
            continue
        tonal = False
        for mark in marks:
            if mark in TONE_MARKS:
                tonal = True
            elif mark == DIAERESIS and base == "u":
                base = "v"
            elif not (mark == CIRCUMFLEX and base == "e"):
                break
        else:
            table[cp] = (base, tonal)
    return table


MARKED_LETTERS = _marked_letters()
# The upper-case ones: a word-level group starting with one is a name.
UPPER_MARKED = frozenset(cp for cp in MARKED_LETTERS if chr(cp).isupper())

_DATA = pathlib.Path(__file__).with_name("data") / "readings.txt"


class ReadingTables(NamedTuple):
    readings: dict[int, tuple[str, ...]]  # Han code point -> toneless syllables
    syllables: frozenset[str]  # every toneless syllable
    zhuyin: dict[str, tuple[str, ...]]  # toneless zhuyin -> syllables it spells


def _load() -> ReadingTables:
    return _parse(_DATA.read_text(encoding="utf-8"))


READINGS: Lazy[ReadingTables] = Lazy(_load)


def reading_tables() -> ReadingTables:
    """The readings, parsed once per process (safe from any thread)."""
    return READINGS.get()


def _parse(text: str) -> ReadingTables:
    readings: dict[int, list[str]] = {}
    syllables = []
    zhuyin = {}
    for kind, key, value in data_rows(text):
        if kind == "S":
            syllables.append(key)
            for ch in value:
                readings.setdefault(ord(ch), []).append(key)
        elif kind == "Z":
            zhuyin[key] = tuple(value.split(","))
        else:
            raise ValueError(f"{_DATA}: unknown line kind {kind!r}")
    return ReadingTables(
        {cp: tuple(keys) for cp, keys in readings.items()}, frozenset(syllables), zhuyin
    )
