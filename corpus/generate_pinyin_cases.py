"""Generate the pinyin-annotation test cases in ``corpus/pinyin/``.

What it writes (one JSON object per line, UTF-8, ``ensure_ascii=False``):

- ``pinyin/must_change.jsonl``  ``{"id", "input", "expected", "mode", "note"}``:
  real text annotated the way flattened ``<ruby>`` markup leaves it, and the
  five real seed pages line by line against their hand-made gold lines.
- ``pinyin/must_not_change.jsonl``  ``{"id", "text", "note"}``: real text with
  no annotation, and real-looking parentheticals that are not annotations.
- ``pinyin/syllable_mode.jsonl``  ``{"id", "input", "expected", "mode", "note"}``
  for ``verify="syllable"``; every input there comes through the default
  ``verify="reading"`` unchanged, so the file holds only what syllable mode
  adds.

Source texts: the gold pages in ``corpus/samples/gold/`` (five scraped news
pages with their pinyin removed by hand) and sample 003, which has no
annotations (``corpus/samples/seeds/003_*.txt``, byte-identical to its gold);
the seed/gold pairs themselves; and short hand-written phrases for the
parentheticals (bylines, English glosses, list markers, Japanese, Korean...).
Annotations are synthetic: a random reading among the character's heteronyms.

Every ``expected`` is computed by a reference implementation in
``corpus/pinyin_reference.py``, a plain transcription of the rules written
for the generators, not the package's kernel: for these three files the
rules before issue 10 (``legacy_strip``, so that they stay byte for byte);
``superseded.jsonl`` lists the cases whose expectation the current rules
changed, and ``corpus/pinyin_form_cases.py`` writes the cases of issue 10's
forms with the current rules (``reference_strip``).  Each generated case also carries the
expectation it was built for (the clean text it came from); the two are
compared and any disagreement is printed and marked in the case's note,
never dropped.  Every must-not-change text is checked to come through the
reference unchanged.

pypinyin (MIT licence, version 0.55.0) supplies the readings
(``pypinyin.pinyin_dict.pinyin_dict``, heteronyms) and the zhuyin spellings
(``Style.BOPOMOFO``).  It is used only here, offline, to generate data::

    pip install '.[tables]'                    # pypinyin==0.55.0
    python -m corpus.generate_pinyin_cases     # from the repository root

Deterministic: fixed random seed and sorted inputs, so re-running it leaves
``git diff`` empty.
"""
from __future__ import annotations

import json
import pathlib
import random
import re
import sys
import unicodedata

import pypinyin
from pypinyin.pinyin_dict import pinyin_dict

from corpus.pinyin_reference import reference_strip as reference_strip_now
from corpus.pinyin_reference import (
    ALL_PINYIN,
    ALL_READINGS,
    SPACE_RULES,
    ZHUYIN_TONES,
    bopomofo,
    dict_readings,
    group_passes,
    is_han,
    legacy_strip,
    pinyin_key,
    reading_keys,
    run_end,
    zhuyin_key,
)

ROOT = pathlib.Path(__file__).resolve().parent
SAMPLES = ROOT / "samples"
OUT = ROOT / "pinyin"
SEED = 20260301
PYPINYIN_VERSION = "0.55.0"

# The rules before issue 10, which the three original files were made with:
# see corpus/pinyin_reference.py (legacy_strip, and its helpers).
reference_strip = legacy_strip


# ---------------------------------------------------------------------------
# Source text.
# ---------------------------------------------------------------------------

def read(path: pathlib.Path) -> str:
    return path.read_bytes().decode("utf-8")


def gold_lines() -> list[tuple[str, int, str]]:
    """(file, 1-based line number, line) for every non-empty gold line."""
    rows = []
    for path in sorted((SAMPLES / "gold").glob("*.txt")):
        for number, line in enumerate(read(path).split("\n"), 1):
            if line.strip():
                rows.append((path.name, number, line))
    return rows


def sentences(lines: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    """(where, sentence) for the sentences of the gold lines with 2+ Han."""
    found = []
    for name, number, line in lines:
        for part in re.split(r"(?<=[。;?!！？；])", line):
            if sum(map(is_han, part)) >= 2:
                found.append((f"{name[:3]}:{number}", part))
    return found


def clauses(lines: list[tuple[str, int, str]]) -> list[tuple[str, str]]:
    found = []
    for where, sentence in sentences(lines):
        for part in re.split(r"(?<=[,、:;。?!])", sentence):
            if sum(map(is_han, part)) >= 3 and "(" not in part and "\uff08" not in part:
                found.append((where, part))
    return found


# ---------------------------------------------------------------------------
# Writing annotations.
# ---------------------------------------------------------------------------

TONE_DIGIT = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
STYLES = ["marks", "nfd", "toneless", "digits", "capital", "upper", "lookalike", "zhuyin"]


def toneless(reading: str) -> str:
    out = []
    for c in unicodedata.normalize("NFD", reading):
        if c == "\u0308":
            out[-1] = "ü"
        elif not unicodedata.combining(c):
            out.append(c)
    return "".join(out)


def tone_digit(reading: str, rng: random.Random) -> str:
    nfd = unicodedata.normalize("NFD", reading)
    return next((TONE_DIGIT[c] for c in nfd if c in TONE_DIGIT), rng.choice("50"))


def spell_u(text: str, rng: random.Random) -> str:
    """ü as written by the flatteners: ü, v or u:."""
    return text.replace("ü", rng.choice(["ü", "v", "u:"]))


def spell(reading: str, style: str, rng: random.Random) -> str:
    """One annotation of ``reading`` (tone-marked, from pypinyin)."""
    if style == "marks":
        return reading
    if style == "nfd":
        return unicodedata.normalize("NFD", reading)
    if style == "toneless":
        return spell_u(toneless(reading), rng)
    if style == "digits":
        return spell_u(toneless(reading), rng) + tone_digit(reading, rng)
    if style == "capital":
        base = rng.choice([reading, spell_u(toneless(reading), rng)])
        return base[:1].upper() + base[1:]
    if style == "upper":
        return rng.choice([reading, spell_u(toneless(reading), rng)]).upper()
    if style == "lookalike":
        nfd = unicodedata.normalize("NFD", reading).replace("a", "\u0251").replace("g", "\u0261")
        return unicodedata.normalize("NFC", nfd)
    if style == "zhuyin":
        z = bopomofo(reading)
        variant = rng.random()
        if z.endswith("\u02d9") and variant < 0.5:
            z = "\u02d9" + z[:-1]  # the neutral-tone dot goes first in print
        elif z[-1] not in ZHUYIN_TONES and variant < 0.3:
            z += "\u02c9"  # the first-tone bar, usually left out
        return z
    raise ValueError(style)


def wrap(group: str, wide: bool) -> str:
    return "\uff08" + group + "\uff09" if wide else "(" + group + ")"


def annotatable(ch: str) -> bool:
    return is_han(ch) and bool(dict_readings(ch))


def choose(text: str, density: str, rng: random.Random) -> list[bool]:
    spots = [k for k, ch in enumerate(text) if annotatable(ch)]
    chosen = [False] * len(text)
    if not spots:
        return chosen
    if density == "one":
        chosen[rng.choice(spots)] = True
    else:
        rate = {"all": 1.0, "half": 0.5, "fifth": 0.2}[density]
        for k in spots:
            chosen[k] = rng.random() < rate
        if not any(chosen):
            chosen[rng.choice(spots)] = True
    # A space of the text's own between two annotated characters cannot be
    # told from the flattener's space (責(zé)任(rèn) 筑(zhù)牢 loses it): never
    # annotate both sides of a text's own space.
    for k in range(2, len(text)):
        if text[k - 1] == " " and chosen[k - 2] and chosen[k]:
            chosen[k] = False
    return chosen


def annotate(text: str, chosen: list[bool], rng: random.Random, style: str, wide: bool = False,
             repeat: int = 1, spaced: bool = False) -> str:
    """``text`` with a run after every chosen character.

    ``spaced``: the flattener puts a space after each annotated character
    that a Han character follows -- between two annotated characters, and at
    the end of such a chain (社(she) 會(hui) 變遷).  Not where the character
    after the space is followed by a space of the text's own and a Han
    character: that space would end a chain too and be taken for the
    flattener's.
    """
    out = []
    chained = False  # this character came after a flattener space
    for k, ch in enumerate(text):
        out.append(ch)
        if not chosen[k]:
            chained = False
            continue
        reading = rng.choice(dict_readings(ch))
        group = wrap(spell(reading, style, rng), wide)
        out.append(group * repeat)
        nxt = text[k + 1] if k + 1 < len(text) else ""
        own_space_after_next = text[k + 2 : k + 3] == " " and k + 3 < len(text) and is_han(text[k + 3])
        if spaced and nxt and is_han(nxt) and (chosen[k + 1] and not own_space_after_next or chained and not chosen[k + 1]):
            out.append(" ")
            chained = True
        else:
            chained = False
    return "".join(out)


# ---------------------------------------------------------------------------
# Case collection with the reference check.
# ---------------------------------------------------------------------------

class Cases:
    def __init__(self, name: str, mode: str | None):
        self.name = name
        self.mode = mode
        self.rows: list[dict] = []
        self.disagreements: list[dict] = []

    def change(self, text: str, intended: str, note: str) -> None:
        """A case whose expectation is the reference's; ``intended`` is what it was built for."""
        expected = reference_strip(text, self.mode)
        row = {"input": text, "expected": expected, "mode": self.mode, "note": note}
        if expected != intended:
            row["note"] = note + " [the reference differs from the construction: see README]"
            self.disagreements.append({"input": text, "intended": intended, "reference": expected, "note": note})
        self.rows.append(row)

    def keep(self, text: str, note: str) -> bool:
        """A must-not-change text; refused (and reported) when the reference changes it."""
        if reference_strip(text, "reading") != text:
            self.disagreements.append({"text": text, "reference": reference_strip(text, "reading"), "note": note})
            return False
        self.rows.append({"text": text, "note": note})
        return True

    def write(self) -> None:
        stem = self.name.split(".")[0]
        seen = set()
        with (OUT / self.name).open("w", encoding="utf-8", newline="\n") as stream:
            for k, row in enumerate(self.rows):
                key = row.get("input", row.get("text"))
                assert key not in seen, f"duplicate case in {self.name}: {key!r}"
                seen.add(key)
                stream.write(json.dumps({"id": f"{stem}-{k:04d}", **row}, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# must_change
# ---------------------------------------------------------------------------

REAL_PARENTHETICALS = [
    "(市、區)", "(市、区)", "(記者 張冰)", "(记者 张冰)", "(通訊員 瀟湘平)", "(通讯员 李明)",
    "(责编:王艳、赵怡)", "(2020)", "(2020年)", "(下同)", "(試行)", "(草案)", "(見圖)",
    "(以下简称\"协会\")", "(a)", "(b)", "(B)", "(e)", "(WHO)", "(GDP)", "(含)", "(注)",
    "(一)", "(1)", "（記者 王明）", "（下同）", "（2020年）",
]


def seed_pairs(cases: Cases) -> tuple[int, dict[str, int]]:
    """The seed pages line by line against their gold lines."""
    changed = 0
    other_rules = {rule: 0 for rule in SPACE_RULES[1:]}
    for seed in sorted((SAMPLES / "seeds").glob("*.txt")):
        seed_lines = read(seed).split("\n")
        gold = read(SAMPLES / "gold" / seed.name).split("\n")
        assert len(seed_lines) == len(gold), seed.name
        for number, (line, expected) in enumerate(zip(seed_lines, gold), 1):
            if line == expected:
                continue
            changed += 1
            for rule in other_rules:
                if reference_strip(line, "reading", rule) != expected:
                    other_rules[rule] += 1
                    print(f"  space rule {rule!r} would disagree with gold: {seed.name} line {number}")
            cases.change(line, expected, f"real page {seed.name} line {number} against its gold line")
    return changed, other_rules


def style_sweep(cases: Cases, units: list[tuple[str, str]], rng: random.Random, passes: int) -> None:
    densities = ["all", "half", "fifth", "one"]
    count = 0
    for round_ in range(passes):
        order = units[:]
        rng.shuffle(order)
        for where, text in order:
            if not any(annotatable(c) for c in text):
                continue
            style = STYLES[count % len(STYLES)]
            density = densities[(count // len(STYLES) + round_) % len(densities)]
            wide = rng.random() < 0.25
            repeat = rng.choice([2, 2, 3]) if rng.random() < 0.2 else 1
            spaced = density in ("all", "half") and rng.random() < 0.3
            chosen = choose(text, density, rng)
            annotated = annotate(text, chosen, rng, style, wide, repeat, spaced)
            note = (f"gold {where}; style={style} density={density} "
                    f"parens={'full-width' if wide else 'ascii'} repeat={repeat} flattener-spaces={spaced}")
            cases.change(annotated, text, note)
            count += 1


U_CHARS = "率綠慮律女旅屢略呂侶縷驢掠绿虑吕侣屡驴"
U_SPELLINGS = [
    ("marks", lambda r: r), ("nfd", lambda r: unicodedata.normalize("NFD", r)),
    ("ü", lambda r: toneless(r)), ("v", lambda r: toneless(r).replace("ü", "v")),
    ("u:", lambda r: toneless(r).replace("ü", "u:")), ("v+digit", None), ("ü+digit", None),
    ("u:+digit", None), ("UPPER Ü", lambda r: toneless(r).upper()),
    ("UPPER V", lambda r: toneless(r).replace("ü", "v").upper()),
    ("Capital u:", lambda r: toneless(r).replace("ü", "u:").capitalize()), ("UPPER marks", lambda r: r.upper()),
]


def u_cases(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    """ü written every way, on real characters with a ü reading."""
    with_u = [(w, t) for w, t in units
              if any(c in U_CHARS and any("ü" in toneless(r) for r in dict_readings(c)) for c in t)]
    for k, (label, fn) in enumerate(U_SPELLINGS):
        where, text = with_u[k % len(with_u)]
        out = []
        for ch in text:
            out.append(ch)
            u_readings = [r for r in dict_readings(ch) if "ü" in toneless(r)] if ch in U_CHARS else []
            if u_readings:
                r = rng.choice(u_readings)
                if fn is None:
                    spelled = toneless(r).replace("ü", label.split("+")[0]) + tone_digit(r, rng)
                else:
                    spelled = fn(r)
                out.append(wrap(spelled, k % 3 == 2))
        cases.change("".join(out), text, f"gold {where}; ü spelled {label}")


def mixed_runs(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    """Runs that mix written forms: pinyin then zhuyin ruby, toneless then marked."""
    combos = [("marks", "zhuyin"), ("zhuyin", "marks"), ("toneless", "marks"), ("digits", "toneless"),
              ("upper", "nfd"), ("lookalike", "zhuyin"), ("marks", "marks", "zhuyin"),
              ("toneless", "digits", "capital")]
    for k, combo in enumerate(combos):
        where, text = units[rng.randrange(len(units))]
        chosen = choose(text, ["all", "half", "fifth"][k % 3], rng)
        out = []
        for j, ch in enumerate(text):
            out.append(ch)
            if chosen[j]:
                reading = rng.choice(dict_readings(ch))
                out.append("".join(wrap(spell(reading, style, rng), k % 2 == 1) for style in combo))
        cases.change("".join(out), text, f"gold {where}; one run mixing {'+'.join(combo)}")


def before_parentheticals(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    """An annotation run right before a real parenthetical: the run stops there."""
    for k, paren in enumerate(REAL_PARENTHETICALS):
        where, text = units[rng.randrange(len(units))]
        spots = [j for j, ch in enumerate(text) if annotatable(ch)]
        spot = rng.choice(spots)
        ch = text[spot]
        # The real parenthetical must not itself pass as a reading of ch.
        if run_end(paren, 0, ch, "reading") > 0:
            print(f"  skipped {ch}{paren}: the parenthetical reads as an annotation of {ch}")
            continue
        style = STYLES[k % len(STYLES)]
        groups = "".join(wrap(spell(rng.choice(dict_readings(ch)), style, rng), k % 4 == 3)
                         for _ in range(rng.choice([1, 2, 2, 3])))
        head, tail = text[: spot + 1], text[spot + 1 :]
        other = choose(tail, "fifth", rng) if k % 2 else [False] * len(tail)
        cases.change(head + groups + paren + annotate(tail, other, rng, style),
                     head + paren + tail, f"gold {where}; annotation run ends at the real parenthetical {paren}")
    # The real case, in its real sentence.
    cases.change("以縣(xian)(xian)(市、區)為單位", "以縣(市、區)為單位",
                 "seed 004 line 2: the run ends at the real parenthetical (市、區)")


def pick_unit(units: list[tuple[str, str]], rng: random.Random, want) -> tuple[str, str, list[int]]:
    """A random unit with at least one position satisfying ``want(text, j)``."""
    while True:
        where, text = units[rng.randrange(len(units))]
        spots = [j for j in range(len(text)) if want(text, j)]
        if spots:
            return where, text, spots


def space_cases(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    """The one ASCII space after a removed run, and the spaces that stay."""
    plans = [
        ("space then an annotated Han character: dropped", " ", True),
        ("space then a Han character with no annotation: kept (as gold 000 line 12 `持續(xù) 三項`)", " ", False),
        ("two spaces: both kept", "  ", True),
        ("no-break space U+00A0: kept", "\u00a0", True),
        ("ideographic space U+3000: kept", "\u3000", True),
        ("tab: kept", "\t", True),
    ]
    pair = lambda t, j: j + 1 < len(t) and annotatable(t[j]) and annotatable(t[j + 1])  # noqa: E731
    for k, (label, gap, annotate_next) in enumerate(plans * 3):
        where, text, spots = pick_unit(units, rng, pair)
        j = rng.choice(spots)
        a, b = text[j], text[j + 1]
        style = STYLES[k % len(STYLES)]
        ga = wrap(spell(rng.choice(dict_readings(a)), style, rng), k % 2 == 1)
        gb = wrap(spell(rng.choice(dict_readings(b)), style, rng), k % 2 == 1) if annotate_next else ""
        dropped = gap == " " and annotate_next
        built = text[:j] + a + ga + gap + b + gb + text[j + 2 :]
        intended = text[: j + 1] + ("" if dropped else gap) + text[j + 1 :]
        cases.change(built, intended, f"gold {where}; {label}")
    # The end of a chain of spaced annotations: the last space goes too.
    for k in range(8):
        size = 2 + k % 3
        where, text, starts = pick_unit(
            units, rng, lambda t, j: j + size < len(t) and all(annotatable(c) for c in t[j : j + size + 1]))
        j = rng.choice(starts)
        style = STYLES[(k + 2) % len(STYLES)]
        built = text[:j] + " ".join(
            c + wrap(spell(rng.choice(dict_readings(c)), style, rng), k % 2 == 0) for c in text[j : j + size]
        ) + " " + text[j + size :]
        cases.change(built, text, f"gold {where}; a chain of {size} spaced annotations and the space after its "
                                  f"last one before an unannotated character (社(she) 會(hui) 變遷), style={style}")
    cases.change("社(she) 會(hui) 變遷", "社會變遷", "the brief's example: a chain of spaced annotations")
    # A space before anything but a Han character stays.
    for k, follower in enumerate(["2020年", "APP", ",", "“", "(", "。", "1+1", "\n"]):
        where, text, spots = pick_unit(units, rng, lambda t, j: annotatable(t[j]))
        spot = rng.choice(spots)
        ch = text[spot]
        group = wrap(spell(rng.choice(dict_readings(ch)), STYLES[k % len(STYLES)], rng), False)
        built = text[: spot + 1] + group + " " + follower + text[spot + 1 :]
        intended = text[: spot + 1] + " " + follower + text[spot + 1 :]
        if follower == "(":
            built += ")"
            intended += ")"
        cases.change(built, intended, f"gold {where}; space before {follower!r} after a run: kept")


def edge_positions(cases: Cases, lines: list[tuple[str, int, str]], rng: random.Random) -> None:
    """Annotations at the start and end of the string, before punctuation and newlines."""
    by_file: dict[str, list[str]] = {}
    for name, _, line in lines:
        by_file.setdefault(name, []).append(line)
    blocks = []
    for name, rows in sorted(by_file.items()):
        for k in range(0, len(rows) - 1, 3):
            chunk = rows[k : k + 3]
            if sum(len(r) for r in chunk) < 700:
                blocks.append((f"{name[:3]} lines {k + 1}-{k + len(chunk)} (non-empty)", "\n".join(chunk)))
    for k, (where, text) in enumerate(blocks[:14]):
        chosen = [False] * len(text)
        for j, ch in enumerate(text):
            if not annotatable(ch):
                continue
            nxt = text[j + 1] if j + 1 < len(text) else ""
            if j == 0 or nxt in ("", "\n") or (nxt and not is_han(nxt) and not nxt.isalnum() and nxt != " "):
                chosen[j] = True
        style = STYLES[k % len(STYLES)]
        cases.change(annotate(text, chosen, rng, style, k % 3 == 0), text,
                     f"gold {where}; only characters at string start/end and before punctuation or a newline, "
                     f"style={style}")
    # Short strings: first and last character annotated, the string ends with a group.
    for k, (where, text) in enumerate(clauses(lines)[::37][:10]):
        stripped = text.rstrip(",、:;。?!")
        last = len(stripped) - 1
        if not annotatable(stripped[last]):
            continue
        chosen = [j in (0, last) and annotatable(stripped[j]) for j in range(len(stripped))]
        cases.change(annotate(stripped, chosen, rng, STYLES[(k + 3) % len(STYLES)], k % 2 == 0), stripped,
                     f"gold {where} clause cut before its punctuation; first and last character annotated, "
                     f"the string ends with a group")
    for k, ch in enumerate("會書中長"):
        reading = rng.choice(dict_readings(ch))
        cases.change(ch + wrap(spell(reading, STYLES[k], rng), k % 2 == 1), ch, "one annotated character alone")
    # A group followed by a stray parenthesis: the group goes, the stray stays.
    for text, intended in [("書(shu))", "書)"), ("書(shu)(", "書("), ("書(shū)（", "書（"), ("書（shu）)", "書)"),
                           ("書(shu)(shu", "書(shu"), ("書(shu)(shu）", "書(shu）")]:
        cases.change(text, intended, "a passing group, then a stray or unbalanced parenthesis that stays")
    # Bare single letters go when they are a reading (方案(a) stays: a is no reading of 案).
    for text, intended in [("嗯(n)", "嗯"), ("嗯(ng)", "嗯"), ("呣(m)", "呣"), ("啊(a)", "啊"), ("哦(o)", "哦"),
                           ("欸(ê)", "欸"), ("欸(e)", "欸"), ("阿(A)", "阿"), ("方案(an)(a)", "方案(a)")]:
        cases.change(text, intended, "a bare letter that is a reading of the character goes (in every mode)")


def extension_cases(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    """Extension-block and compatibility ideographs that pypinyin reads."""
    picks = [0x20000, 0x3400, 0x4DB5, 0xF900, 0xF901, 0xF907]
    blocks = [(0x3400, 0x4DBF), (0x20000, 0x2A6DF), (0x2A700, 0x2EBEF), (0x30000, 0x3134F), (0x31350, 0x323AF),
              (0xF900, 0xFAFF), (0x2F800, 0x2FA1F)]
    for lo, hi in blocks:
        cps = [cp for cp in range(lo, hi + 1) if dict_readings(chr(cp))]
        picks += rng.sample(cps, min(3, len(cps)))
    for k, cp in enumerate(dict.fromkeys(p for p in picks if dict_readings(chr(p)))):
        ch = chr(cp)
        where, text = units[rng.randrange(len(units))]
        spot = rng.choice([j for j, c in enumerate(text) if is_han(c)])
        clean = text[: spot + 1] + ch + text[spot + 1 :]
        chosen = [j == spot + 1 or (k % 2 == 1 and annotatable(c) and rng.random() < 0.3) for j, c in enumerate(clean)]
        style = STYLES[k % len(STYLES)]
        how = "" if cp in pinyin_dict else (
            f" (no pypinyin entry of its own: read as its NFC form U+{ord(unicodedata.normalize('NFC', ch)):04X})")
        cases.change(annotate(clean, chosen, rng, style, k % 3 == 0), clean,
                     f"gold {where} with U+{cp:04X} {unicodedata.name(ch, 'CJK IDEOGRAPH')} inserted and "
                     f"annotated{how}, style={style}")
    for text in ["二〇二〇年", "二〇二二年03月19日"]:
        chosen = [c == "〇" for c in text]
        cases.change(annotate(text, chosen, rng, "marks"), text, "U+3007 〇 (Script=Han) annotated with a reading")


def whole_lines(cases: Cases, lines: list[tuple[str, int, str]], rng: random.Random) -> None:
    """A few whole gold lines, densely annotated, as the pages come."""
    long_lines = [(n, k, t) for n, k, t in lines if len(t) > 150][::3]
    for k, (name, number, text) in enumerate(long_lines[:6]):
        style = ["marks", "toneless", "nfd", "digits", "zhuyin", "capital"][k]
        repeat = [1, 2, 1, 1, 1, 3][k]
        chosen = choose(text, ["all", "half"][k % 2], rng)
        cases.change(annotate(text, chosen, rng, style, k == 4, repeat, k == 1), text,
                     f"gold {name} line {number} whole, style={style} repeat={repeat}")


def neutral_digits(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    """Tone digits 0 and 5 for the neutral tone, on characters pypinyin reads toneless."""
    def plain_readings(ch: str) -> list[str]:
        return [r for r in dict_readings(ch) if not pinyin_key(r)[1]] if annotatable(ch) else []

    neutral = [(w, t) for w, t in units if any(plain_readings(c) for c in t)]
    for k in range(8):
        where, text = neutral[(k * 7) % len(neutral)]
        out = []
        for ch in text:
            out.append(ch)
            plain = plain_readings(ch)
            if plain:
                out.append(wrap(spell_u(toneless(plain[0]), rng) + "05"[k % 2], k % 3 == 1))
        cases.change("".join(out), text, f"gold {where}; neutral-tone readings written with digit {'05'[k % 2]}")


# ---------------------------------------------------------------------------
# must_not_change
# ---------------------------------------------------------------------------

GLOSSES = [
    ("钢笔", "pen"), ("男人", "man"), ("风扇", "fan"), ("乐队", "band"), ("长", "long"), ("龙", "long"),
    ("北京", "Beijing"), ("上海", "Shanghai"), ("世界卫生组织", "WHO"), ("熊猫", "panda"), ("茶", "tea"),
    ("书", "book"), ("猫", "cat"), ("门", "door"), ("山", "mountain"), ("水", "water"), ("他", "he"),
    ("她", "she"), ("我", "me"), ("平底锅", "pan"), ("禁令", "ban"), ("罐头", "can"), ("帮派", "gang"),
    ("悬挂", "hang"), ("太阳", "sun"), ("母鸡", "hen"), ("巢穴", "den"), ("领带", "tie"), ("谎言", "lie"),
    ("死", "die"), ("馅饼", "pie"), ("垃圾桶", "bin"), ("别针", "pin"), ("锣", "gong"), ("禅", "zen"),
    ("人民币", "yuan"), ("元", "yuan"), ("日元", "yen"), ("妈妈", "ma"), ("爸爸", "pa"), ("乒乓球", "ping-pong"),
    ("乒", "ping"), ("阴", "yin"), ("阳", "yang"), ("气", "qi"), ("道", "tao"), ("唱", "sang"), ("他们", "men"),
    ("棕褐色", "tan"), ("苍白", "wan"), ("沼泽", "fen"), ("功夫", "kung fu"), ("豆腐", "tofu"), ("台风", "typhoon"),
    ("饺子", "dumpling"), ("面条", "noodle"), ("米饭", "rice"), ("狗", "dog"), ("马", "horse"), ("鱼", "fish"),
    ("雨", "rain"), ("火", "fire"), ("树", "tree"), ("船", "boat"), ("路", "road"), ("河", "river"), ("海", "sea"),
    ("星", "star"), ("手", "hand"), ("头", "head"), ("眼", "eye"), ("胖", "fat"), ("热", "hot"), ("新", "new"),
    ("买", "buy"), ("卖", "sell"), ("床", "bed"), ("手机", "phone"), ("网络", "net"), ("游戏", "game"),
    ("新闻", "news"), ("口罩", "mask"), ("核酸", "nucleic acid"), ("冠状病毒", "coronavirus"),
    ("新冠肺炎", "COVID-19"), ("人工智能", "AI"), ("国内生产总值", "GDP"), ("首席执行官", "CEO"),
    ("应用程序", "App"), ("计算机断层扫描", "CT"), ("世界贸易组织", "WTO"), ("联合国", "UN"), ("长城", "Great Wall"),
    ("男孩", "boy"), ("风", "wind"), ("女", "woman"), ("帮", "bang"), ("段位", "dan"), ("本", "ben"),
    ("书记", "Secretary"), ("乐", "le"), ("鹅", "e"), ("阿", "a"),
]
GLOSS_FRAMES = ["{w}({g})", "这是{w}({g})。", "我们买了{w}（{g}）和别的东西", "所谓{w}({g}),就是", "{w}({g}) 和{w}"]

LIST_MARKERS = [
    "方案(a)", "方案(b)", "方案(c)", "方案(A)", "維生素(e)", "维生素(E)", "會議室(B)", "會議室(C)", "第一條(i)",
    "附件(ii)", "條款(iv)", "步驟(d)", "選項(f)", "表格(x)", "圖(1)", "圖(2)", "圖（3）", "第三節(三)",
    "情形(o)", "情形(m)", "類別(n)",
]
NOTES = [
    "(記者 張冰)", "(记者 张冰)", "(通訊員 瀟湘平)", "(通讯员 李华)", "(通讯员 王伟 记者 刘洋)",
    "(责编:王艳、赵怡)", "(責編:何璐)", "(编辑:何璐)", "(2020)", "(2020年)", "(2022年3月)", "(下同)",
    "(見圖)", "(见图)", "(以下简称\"协会\")", "(以下簡稱「協會」)", "(試行)", "(草案)", "(含稅)", "(市、區)",
    "(縣、市、區)", "(WHO)", "(GDP)", "(CT)", "(APP)", "(COVID-19)", "(1+1+1)", "(注)", "(附件一)",
    "（記者 王明）", "（记者 王明）", "（下同）", "（2020年）", "（草案）", "（完）", "(完)", "(圖/新華社)",
    "(一)", "(二)", "(1)", "(ⅰ)",
]
NON_HAN_BEFORE = [
    "ABC(shu)", "1(yi)", "。(shi)", "「(zhong)", "」(le)", ",(shi)", "、(he)", "“(de)", "”(le)", "!(a)",
    "2020(nian)", "APP(shi)", "CT(cha)", "ａ(shu)", "１(yi)", "の(de)", "한(han)", "ㄕ(shu)", "·(zhong)",
    "—(yi)", "…(de)", "》(shu)", "〈(zhong)〉", " (shu)", "\u00a0(shu)",
    "\u3000(shu)", "\n(shu)", "(shu)書", "(shū)", "(ㄕㄨ)", "書 (shu)", "書\u3000(shu)", "書\n(shu)",
]
MALFORMED = [
    "書(shu", "書shu)", "((書", "書((shu)", "書(shu）", "書（shu)", "書（shu", "書(", "書（", "書()", "書（）",
    "書( )", "書( shu)", "書(shu )", "書(sh u)", "書(shu\n)", "書(\tshu)", "書(shu6)", "書(6)", "書(sh1u)",
    "書(1shu)", "書(shu12)", "書(shuu)", "書(s-hu)", "書(shu-shu)", "書(shu shu)", "書(shu,shu)", "書(shu/shū)",
    "書(ｓｈｕ)", "書(ＳＨＵ)", "書[shu]", "書{shu}", "書<shu>", "書【shu】", "書〔shu〕", "書(ˊ)", "書(ㄅㄆㄇ)",
    "書(ㄕㄨ ㄕㄨ)", "書(（shu）)", "書（(shu)）", "書(ʃu)",
]
JAPANESE = [
    "漢字(かんじ)", "東京(とうきょう)", "日本語(にほんご)", "振り仮名(ふりがな)", "東京(Tokyo)", "大阪(Osaka)",
    "京都(Kyoto)", "漢字(kanji)", "日本(Nihon)", "先生(せんせい)が来た", "新聞(しんぶん)を読む", "日(ni)",
    "人(jin)", "山(yama)", "会議(かいぎ)に出席(しゅっせき)する", "東京（とうきょう）",
]
KOREAN = [
    "한국어(韓國語)", "대한민국(大韓民國)", "서울(Seoul)", "김치(kimchi)", "韓國(한국)", "金(김)",
    "朴(Park)", "金(Kim)", "학교(學校)에 간다", "漢字(한자)",
]
MULTI_SYLLABLE = [
    "中國(Zhongguo)", "中国(zhōngguó)", "西安(Xi'an)", "北京(Běijīng)", "書記(shuji)", "會議(hui yi)",
    "成都(Chengdu)", "重慶(Chongqing)", "永州(Yongzhou)", "習近平(Xi Jinping)", "書(shushu)",
]


def not_a_reading(ch: str, rng: random.Random) -> str:
    """A tone-marked reading of some other character that is no reading of ``ch``."""
    while True:
        reading = rng.choice(ALL_READINGS)
        key = pinyin_key(reading)[0]
        if key not in reading_keys(ch) and len(key) > 1:
            return reading


def must_not_change(cases: Cases, lines, sents, units, rng: random.Random) -> dict[str, int]:
    counts: dict[str, int] = {}

    def add(text: str, note: str, family: str) -> None:
        if cases.keep(text, note):
            counts[family] = counts.get(family, 0) + 1

    for path in sorted((SAMPLES / "gold").glob("*.txt")):
        add(read(path), f"gold page {path.name}, whole", "real pages")
    for name, number, line in lines:
        also = " (= seed 003 line, which has no annotations)" if name.startswith("003") else ""
        add(line, f"gold {name} line {number}{also}", "real lines")
    seen = {line for _, _, line in lines}
    for where, text in sents:
        if text not in seen:
            seen.add(text)
            add(text, f"gold {where}, one sentence", "real sentences")
    # Genuine parentheticals right after a Han character of real text.
    for k, paren in enumerate(NOTES * 4):
        where, text = units[(k * 13) % len(units)]
        spots = [j for j, ch in enumerate(text) if is_han(ch)]
        for attempt in range(20):
            # Half of them where such notes usually sit, after the clause's last character.
            spot = spots[-1] if k % 2 == 0 and attempt == 0 else rng.choice(spots)
            built = text[: spot + 1] + paren + text[spot + 1 :]
            if reference_strip(built) == built and built not in seen:
                seen.add(built)
                add(built, f"gold {where} with the real parenthetical {paren} after {text[spot]}", "parenthetical notes")
                break
    # English glosses, kept only when the word is no reading of the character before it.
    for k, (word, gloss) in enumerate(GLOSSES):
        last = word[-1]
        parsed = pinyin_key(gloss)
        if parsed and parsed[0] in reading_keys(last):
            print(f"  gloss left out: {word}({gloss}) -- {gloss!r} is a reading of {last} in pypinyin")
            continue
        is_syllable = bool(parsed) and parsed[0] in ALL_PINYIN
        frames = GLOSS_FRAMES[k % len(GLOSS_FRAMES) : k % len(GLOSS_FRAMES) + (2 if is_syllable else 1)]
        for frame in frames:
            note = (f"English gloss {gloss!r} after {last}, not a reading of it"
                    + (" (though a Mandarin syllable)" if is_syllable else ""))
            add(frame.format(w=word, g=gloss), note, "English glosses")
    for k, marker in enumerate(LIST_MARKERS):
        where, text = units[(k * 29) % len(units)]
        add(marker, "list marker after a Han character", "list markers")
        add(text + marker + "的內容", f"gold {where} followed by a list marker", "list markers")
    for text in NON_HAN_BEFORE:
        add(text, "syllable-looking group after a non-Han character (or at the start)", "non-Han before")
    add("々(shu)", "U+3005 iteration mark: Script=Han, but outside the ideograph blocks and without a reading",
        "non-Han before")
    add("\ue815(yè)", "U+E815 private-use code point: pypinyin has a reading for it, but it is not a Han "
        "character", "non-Han before")
    for text in MALFORMED:
        add(text, "unbalanced, mismatched or malformed parentheses / group content", "malformed")
    for text in JAPANESE:
        add(text, "Japanese furigana / romaji in parentheses", "Japanese")
    for text in KOREAN:
        add(text, "Korean with parentheses", "Korean")
    for text in MULTI_SYLLABLE:
        add(text, "more than one syllable in one group is not an annotation group", "multi-syllable")
    # Pinyin / zhuyin that is not a reading of the character before it.
    for text in ["書(zhong)", "中(shu)", "書(ㄓㄨㄥ)", "中(ㄕㄨ)", "長(long)", "會(shu)", "疫(qing)", "行(xin)"]:
        add(text, "a syllable that is not a reading of the character before it", "not a reading")
    for k in range(80):
        where, text = units[(k * 17 + 5) % len(units)]
        spots = [j for j, ch in enumerate(text) if annotatable(ch)]
        spot = rng.choice(spots)
        ch = text[spot]
        style = STYLES[k % len(STYLES)]
        group = wrap(spell(not_a_reading(ch, rng), style, rng), k % 4 == 0)
        built = text[: spot + 1] + group + text[spot + 1 :]
        if built not in seen:
            seen.add(built)
            add(built, f"gold {where}; {group} after {ch} is not one of its readings, style={style}", "not a reading")
    # Characters with no reading in pypinyin.
    for text, note in [
        ("\U0002A6D6(shu)", "U+2A6D6 (Extension B) has no pypinyin reading"),
        ("\U0002A6D6(zhong)", "U+2A6D6 (Extension B) has no pypinyin reading"),
        ("\uf900(zhong)", "U+F900 compatibility ideograph reads as U+8C48 (qi/kai), not zhong"),
        ("\U00020000(zhong)", "U+20000 𠀀 reads he, not zhong"),
    ]:
        add(text, note, "no reading")
    return counts


# ---------------------------------------------------------------------------
# syllable mode
# ---------------------------------------------------------------------------

# Text annotated first and converted between scripts afterwards: the
# annotation splits the phrase, so the converter maps the character alone and
# the reading no longer belongs to it.  The converted strings are what OpenCC
# 1.4.2 (Apache-2.0) gives with its t2s / s2t configurations, written down here
# once so that the generator does not depend on it; only the groups that lost
# their reading are kept, so the default mode leaves every input unchanged.
CONVERTED = [
    ("乾(qián)隆皇帝", "干(qián)隆皇帝", "t2s 乾->干 (as a phrase, 乾隆 stays 乾隆)"),
    ("乾(qián)坤", "干(qián)坤", "t2s 乾->干"),
    ("乾(qián)隆年間", "干(qián)隆年间", "t2s 乾->干"),
    ("他吁(xū)了一口气", "他籲(xū)了一口氣", "s2t 吁->籲, which reads yu only"),
    ("气喘吁(xū)吁(xū)", "氣喘籲(xū)籲(xū)", "s2t 吁->籲"),
    ("拚(pàn)命", "拼(pàn)命", "t2s 拚->拼, which reads pin/bing"),
    ("葉(shè)公好龍", "叶(shè)公好龙", "t2s 葉->叶 (葉 read she in 葉公; 叶 has ye/xie)"),
]


def syllable_cases(cases: Cases, units: list[tuple[str, str]], rng: random.Random) -> None:
    def add(text: str, intended: str, note: str) -> None:
        assert reference_strip(text, "reading") == text, f"reading mode changes {text!r}"
        cases.change(text, intended, note)

    strip_groups = lambda s: re.sub(r"[(（][^()（）]*[)）]", "", s)  # noqa: E731
    for before, after, why in CONVERTED:
        assert reference_strip(before, "reading") == strip_groups(before), before
        add(after, strip_groups(after), f"annotated, then converted: {before} -> {after} ({why})")
    # Misaligned ruby: every group is the next character's reading.  Groups
    # that happen to be readings of the character they follow are left out
    # (the default mode would take them).
    for k in range(12):
        where, text = units[(k * 31 + 3) % len(units)]
        han = [j for j, ch in enumerate(text) if annotatable(ch)]
        style = ["marks", "toneless", "digits", "zhuyin"][k % 4]
        out, intended = [], []
        for j, ch in enumerate(text):
            out.append(ch)
            intended.append(ch)
            if j not in han or han.index(j) + 1 == len(han):
                continue
            nxt = text[han[han.index(j) + 1]]
            group = wrap(spell(rng.choice(dict_readings(nxt)), style, rng), k % 3 == 0)
            if group_passes(group[1:-1], ch, "reading"):
                continue
            out.append(group)
            key = pinyin_key(group[1:-1])
            if key and not key[1] and len(key[0]) == 1:
                intended.append(group)  # a bare toneless letter stays unless it is a reading
        add("".join(out), "".join(intended),
            f"gold {where}; ruby misaligned by one character (each group is the next character's reading), "
            f"style={style}")
    removed = [
        ("钢笔(pen)", "钢笔", "English word that is a Mandarin syllable: removed in syllable mode (kept in reading mode)"),
        ("男人(man)", "男人", "English 'man' is a syllable: removed"),
        ("风扇(fan)", "风扇", "English 'fan' is a syllable: removed"),
        ("长(long)", "长", "'long' is a syllable, not a reading of 长: removed"),
        ("他(he)和她(she)", "他和她", "'he' and 'she' are syllables: removed"),
        ("日(ni)", "日", "romaji 'ni' is a Mandarin syllable: removed in syllable mode"),
        ("書(zhong)", "書", "a syllable that is not a reading: removed"),
        ("中(Shū)", "中", "a syllable that is not a reading: removed"),
        ("書(ㄓㄨㄥ)", "書", "a zhuyin syllable that is not a reading: removed"),
        ("書(zhōng)(ㄓㄨㄥ)記", "書記", "a run of syllables; neither needs to be a reading"),
        ("方案(ā)", "方案", "a tone-marked single letter has a tone: removed (the exception is for toneless letters)"),
        ("方案(a1)", "方案", "a single letter with a tone digit: removed (the exception is for toneless letters)"),
        ("以縣(shi)(shi)(市、區)為單位", "以縣(市、區)為單位", "the run stops at the first group that is not a syllable"),
        ("方案(fang)(a)", "方案(a)", "run: 'fang' goes, the bare letter (a) stops it"),
        ("社(zhong) 會(shu) 變遷", "社會變遷", "a chain of spaced annotations, none a reading"),
        ("社(zhong) 會變遷", "社 會變遷", "a space before an unannotated character stays"),
    ]
    for text, intended, note in removed:
        add(text, intended, note)
    stays = [
        ("方案(a)", "a bare toneless letter that is not a reading: a list marker, kept in every mode"),
        ("方案(A)", "a capital list marker"), ("維生素(e)", "list marker / vitamin letter"),
        ("會議室(B)", "not a syllable"),
        ("尺寸(m)", "bare 'm' (a syllable, of 呣) is not a reading of 寸"),
        ("類別(n)", "bare 'n' is not a reading of 別"), ("情形(o)", "bare 'o' is not a reading of 形"),
        ("北京(Beijing)", "two syllables: not a group"), ("乐队(band)", "not a syllable"),
        ("世界卫生组织(WHO)", "not a syllable"), ("(2020)", "digits"),
        ("各县区负责同志列席会议。 (记者 张冰)", "byline"), ("(责编:王艳、赵怡)", "editor credit"),
        ("ABC(shu)", "after a non-Han character"), ("1(yi)", "after a digit"), ("。(shi)", "after punctuation"),
        ("書(shu", "unbalanced"), ("書(shu）", "mismatched widths"), ("漢字(かんじ)", "Japanese furigana"),
        ("한(han)", "after Hangul"), ("書(ｓｈｕ)", "full-width letters are not pinyin"),
        ("書(ㄅㄆㄇ)", "zhuyin letters that spell no syllable"), ("書(shu6)", "tone digit out of range"),
    ]
    for text, note in stays:
        add(text, text, "kept in syllable mode too: " + note)


# ---------------------------------------------------------------------------

def superseded(change: Cases, keep: Cases, syllable: Cases) -> None:
    """Every original case checked against the rules as they are (issue 10):
    ``pinyin/superseded.jsonl`` lists those whose expectation changed -- the
    original files stay as they were, ids and contents."""
    rows = []
    for cases, field in ((change, "expected"), (keep, None), (syllable, "expected")):
        stem = cases.name.split(".")[0]
        for k, row in enumerate(cases.rows):
            text = row.get("input", row.get("text"))
            mode = row.get("mode") or "reading"
            was = row[field] if field else text
            now = reference_strip_now(text, mode)
            if now != was:
                rows.append({"id": f"{stem}-{k:04d}", "file": cases.name, "text": text, "mode": mode,
                             "was": was, "expected": now, "note": SUPERSEDED_WHY.get(text, "see README")})
    with (OUT / "superseded.jsonl").open("w", encoding="utf-8", newline="\n") as stream:
        for row in rows:
            stream.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"superseded.jsonl: {len(rows)} original cases whose expectation issue 10 changed")
    for row in rows:
        print("  ", json.dumps(row, ensure_ascii=False))


SUPERSEDED_WHY = {
    "中国(zhōngguó)": "issue 10: a word-level group (中心(zhōng xīn)) is an annotation",
    "書記(shuji)": "issue 10: run-together syllables split against the characters (成语(chengyu)) are an annotation",
    "會議(hui yi)": "issue 10: a word-level group (妈妈(mā ma)) is an annotation",
}


def main() -> int:
    if pypinyin.__version__ != PYPINYIN_VERSION:
        print(f"pypinyin {PYPINYIN_VERSION} is required (found {pypinyin.__version__})", file=sys.stderr)
        return 1
    rng = random.Random(SEED)
    lines = gold_lines()
    sents = sentences(lines)
    units = clauses(lines)
    print(f"source: {len(lines)} non-empty gold lines, {len(sents)} sentences, {len(units)} clauses")

    change = Cases("must_change.jsonl", "reading")
    print("seed pages against gold:")
    changed, other_rules = seed_pairs(change)
    seed_bad = len(change.disagreements)
    print(f"  {changed} changed lines; the reference (space rule 'chain') agrees with gold on {changed - seed_bad}, "
          f"disagrees on {seed_bad}; the other space rules would disagree on {other_rules}")
    for text, intended in [("社(she) 會(hui) 變遷", "社會變遷"), ("抓持續(xù) 三項", "抓持續 三項")]:
        print(f"  {text} -> " + ", ".join(f"{rule}: {reference_strip(text, 'reading', rule)!r}" for rule in SPACE_RULES)
              + f" (wanted {intended!r})")
    # The shared corpus README: every group in the seeds is a reading.  Count
    # every syllable-looking group of every run after a Han character.
    groups = not_reading = 0
    per_page = []
    for seed in sorted((SAMPLES / "seeds").glob("*.txt")):
        text = read(seed)
        page = 0
        for m in re.finditer(r"((?:\([^()]*\))+)", text):
            if m.start() == 0 or not is_han(text[m.start() - 1]):
                continue
            for inner in re.findall(r"\(([^()]*)\)", m.group(1)):
                if pinyin_key(inner) or zhuyin_key(inner):
                    page += 1
                    not_reading += not group_passes(inner, text[m.start() - 1], "reading")
        groups += page
        per_page.append(f"{seed.name[:3]}={page}")
    print(f"  syllable-looking groups in the seeds: {groups} ({' '.join(per_page)}), not a reading: {not_reading}")

    style_sweep(change, sents, rng, passes=2)
    u_cases(change, units, rng)
    mixed_runs(change, units, rng)
    before_parentheticals(change, units, rng)
    space_cases(change, units, rng)
    edge_positions(change, lines, rng)
    extension_cases(change, units, rng)
    whole_lines(change, lines, rng)
    neutral_digits(change, units, rng)

    keep = Cases("must_not_change.jsonl", None)
    counts = must_not_change(keep, lines, sents, units, rng)

    syllable = Cases("syllable_mode.jsonl", "syllable")
    syllable_cases(syllable, units, rng)

    OUT.mkdir(exist_ok=True)
    for cases in (change, keep, syllable):
        cases.write()
        size = (OUT / cases.name).stat().st_size
        print(f"{cases.name}: {len(cases.rows)} cases, {size} bytes, {len(cases.disagreements)} disagreements")
        for d in cases.disagreements:
            print("  DISAGREEMENT", json.dumps(d, ensure_ascii=False)[:400])
    print("must_not_change by family:", json.dumps(counts, ensure_ascii=False))
    superseded(change, keep, syllable)
    from corpus.pinyin_form_cases import write_form_cases  # it imports this module's helpers

    forms = write_form_cases(lines, units)
    print("issue 10 forms (must change, must not change):", json.dumps(forms, ensure_ascii=False))
    assert len(change.rows) >= 400 and len(keep.rows) >= len(change.rows)
    assert all(row["input"] != row["expected"] for row in change.rows)
    # All the must-change inputs as one text (how tests/test_pinyin_corpus.py uses them).
    joined = "\n".join(row["input"] for row in change.rows)
    assert reference_strip(joined) == "\n".join(row["expected"] for row in change.rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
