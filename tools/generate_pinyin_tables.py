"""Generate ``src/zhclean/pinyin/data/readings.txt`` from pypinyin's data.

The pinyin kernel checks an annotation such as ``書(shu)`` against the
readings of the character before it.  Those readings come from pypinyin's
single-character heteronym table (``pypinyin.pinyin_dict.pinyin_dict``), and
the zhuyin spellings from pypinyin's bopomofo converter.  pypinyin is MIT
licensed (https://github.com/mozillazg/python-pinyin); it is used only here,
offline, never at run time.

pypinyin decides.  ``tools/data/pinyin_supplement.tsv`` adds a handful of
readings it lacks that annotated web text uses (粳 gēng, 垃圾 lè sè), each
reviewed by hand with the source that attests it written on its line; it
only adds, never removes, and the output's header counts what it added.

Run from the repository root, in an environment with the pinned pypinyin::

    pip install pypinyin==0.55.0
    python -m tools.generate_pinyin_tables      # from the repository root, zhclean installed

The output is deterministic, so re-running it with the same pypinyin version
must leave ``git diff`` empty.

Format of the generated file (UTF-8; ``#`` lines are comments):

``S<TAB>syllable<TAB>characters``
    one line per toneless syllable, sorted; ``characters`` are every
    character having that reading, in code point order.  Syllables are
    lower-case ASCII with ``v`` for ``ü`` and ``e`` for ``ê``.
``Z<TAB>zhuyin<TAB>syllable[,syllable...]``
    one line per toneless zhuyin spelling and the syllables it spells (``ㄣ``
    spells both ``en`` and ``n``).
"""
from __future__ import annotations

import collections
import pathlib
import unicodedata

import pypinyin
from pypinyin.pinyin_dict import pinyin_dict
from pypinyin.style.bopomofo import BopomofoConverter

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "zhclean" / "pinyin" / "data" / "readings.txt"
SUPPLEMENT = ROOT / "tools" / "data" / "pinyin_supplement.tsv"
from zhclean.pinyin.tables import is_han  # the loops' own definition of Han (installed package)
ZHUYIN_TONE_MARKS = "ˉˊˇˋ˙"


def toneless(reading: str) -> str:
    """``lǜ`` -> ``lv``, ``ê̄`` -> ``e``, ``ḿ`` -> ``m``: the key the kernel compares."""
    out = []
    for ch in unicodedata.normalize("NFD", reading.lower()):
        if ch == "\u0308":  # diaeresis: the u before it is ü, spelled v
            out[-1] = "v"
        elif unicodedata.combining(ch):
            continue
        else:
            out.append(ch)
    key = "".join(out)
    if not key.isascii() or not key.isalpha():
        raise ValueError(f"unexpected reading {reading!r}")
    return key


def supplement() -> list[tuple[int, str]]:
    """(code point, tone-marked reading) of every reviewed supplement line."""
    rows = []
    for line in SUPPLEMENT.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        char, reading, source = line.split("\t")
        if len(char) != 1 or not is_han(ord(char)) or not source.strip():
            raise ValueError(f"{SUPPLEMENT}: bad line {line!r}")
        rows.append((ord(char), reading))
    return rows


def main() -> None:
    by_syllable: dict[str, set[int]] = collections.defaultdict(set)
    zhuyin: dict[str, set[str]] = collections.defaultdict(set)
    converter = BopomofoConverter()
    skipped = 0
    for cp, readings in pinyin_dict.items():
        if not is_han(cp):
            # pypinyin also reads some private-use code points (GB18030's
            # stand-ins for characters Unicode later encoded); an annotation
            # never follows one in real text.
            skipped += 1
            continue
        for reading in readings.split(","):
            key = toneless(reading)
            by_syllable[key].add(cp)
            spelled = converter.to_bopomofo(reading).strip(ZHUYIN_TONE_MARKS)
            if spelled:
                zhuyin[spelled].add(key)
    # Compatibility ideographs (U+F900.., U+2F800..) have no entries of their
    # own; each is canonically equivalent to a unified ideograph, whose
    # readings it takes: 豈 U+F900 reads as 豈 U+8C48.
    compat = 0
    for cp in list(range(0xF900, 0xFB00)) + list(range(0x2F800, 0x2FA20)):
        unified = unicodedata.normalize("NFC", chr(cp))
        if len(unified) == 1 and unified != chr(cp) and ord(unified) in pinyin_dict:
            compat += 1
            for reading in pinyin_dict[ord(unified)].split(","):
                by_syllable[toneless(reading)].add(cp)
    added = 0
    for cp, reading in supplement():
        key = toneless(reading)
        if cp not in by_syllable[key]:
            added += 1
        by_syllable[key].add(cp)
        spelled = converter.to_bopomofo(reading).strip(ZHUYIN_TONE_MARKS)
        zhuyin[spelled].add(key)
    longest = max(map(len, by_syllable))
    assert longest <= 6, longest  # the kernel packs a syllable into 6 letters
    lines = [
        "# Toneless readings of Chinese characters, and zhuyin spellings of syllables.",
        f"# Generated by tools/generate_pinyin_tables.py from pypinyin {pypinyin.__version__}",
        "# (pinyin_dict heteronym data and its bopomofo converter; MIT licence,",
        "# https://github.com/mozillazg/python-pinyin). Do not edit by hand.",
        f"# {len(pinyin_dict) - skipped} characters ({skipped} private-use code points left out),"
        f" {compat} compatibility ideographs read as their unified forms, {len(by_syllable)} syllables, {len(zhuyin)} zhuyin spellings.",
        f"# {added} readings added from tools/data/pinyin_supplement.tsv (reviewed, each with its source there).",
    ]
    for key in sorted(by_syllable):
        lines.append(f"S\t{key}\t{''.join(map(chr, sorted(by_syllable[key])))}")
    for spelled in sorted(zhuyin):
        lines.append(f"Z\t{spelled}\t{','.join(sorted(zhuyin[spelled]))}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
