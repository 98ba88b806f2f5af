"""Generate the pinyin-annotation test cases in ``corpus/pinyin/``.

Source text: the lines of ``corpus/samples/gold/`` (five real news pages with
no annotations left), split into clauses.  Must-change cases annotate real
clauses the way flattened ``<ruby>`` markup does, in every written form the
kernel accepts; the expected output is the clause itself.  Must-not-change
cases are real clauses as they are, and real clauses with genuine
parentheticals put after their characters (bylines, English glosses that are
not readings, list markers, years...), checked against pypinyin to be sure
no inserted group is a reading of the character before it.

Readings come from pypinyin 0.55.0 (MIT), used here only, offline::

    pip install pypinyin==0.55.0
    python corpus/generate_pinyin_cases.py

Deterministic: a fixed seed, so re-running leaves ``git diff`` empty.
"""
from __future__ import annotations

import json
import pathlib
import random
import re
import unicodedata

from pypinyin.pinyin_dict import pinyin_dict
from pypinyin.style.bopomofo import BopomofoConverter

ROOT = pathlib.Path(__file__).resolve().parent
OUT = ROOT / "pinyin"
TONE_DIGIT = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
BOPOMOFO = BopomofoConverter()
HAN = re.compile(r"[\u3400-\u9fff]")


def readings(ch: str) -> list[str]:
    return pinyin_dict.get(ord(ch), "").split(",") if ord(ch) in pinyin_dict else []


def toneless(reading: str) -> str:
    out = []
    for c in unicodedata.normalize("NFD", reading.lower()):
        if c == "\u0308":
            out[-1] = "v"
        elif not unicodedata.combining(c):
            out.append(c)
    return "".join(out)


def spell(reading: str, style: str, rng: random.Random) -> str:
    """One annotation of ``reading`` in a written form the flatteners produce."""
    if style == "marks":
        return reading
    if style == "nfd":
        return unicodedata.normalize("NFD", reading)
    if style == "toneless":
        return toneless(reading).replace("v", rng.choice(["v", "ü", "u:"]))
    if style == "digits":
        nfd = unicodedata.normalize("NFD", reading)
        digit = next((TONE_DIGIT[c] for c in nfd if c in TONE_DIGIT), "5")
        return toneless(reading).replace("v", "ü") + digit
    if style == "upper":
        return rng.choice([str.upper, str.capitalize])(toneless(reading))
    if style == "zhuyin":
        return BOPOMOFO.to_bopomofo(reading)
    raise ValueError(style)


STYLES = ["marks", "nfd", "toneless", "digits", "upper", "zhuyin"]


def clauses() -> list[str]:
    found = []
    for path in sorted((ROOT / "samples" / "gold").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for clause in re.split(r"(?<=[,。;:?!、])", line.strip()):
                if len(HAN.findall(clause)) >= 4 and "(" not in clause and "（" not in clause:
                    found.append(clause)
    return sorted(set(found))


def annotate(clause: str, rng: random.Random, case: int) -> tuple[str, str]:
    style = STYLES[case % len(STYLES)]
    density = [1.0, 0.5, 0.2][case % 3]
    wide = case % 5 == 0
    repeat = 1 if case % 4 else rng.choice([2, 3])
    spaced = style != "zhuyin" and case % 7 == 0
    chosen = [bool(HAN.match(ch) and readings(ch) and rng.random() < density) for ch in clause]
    # A space of the text's own between two annotated characters cannot be
    # told from the flattener's (責任 筑牢 annotated throughout loses it):
    # leave the character after such a space bare.
    for k in range(1, len(clause)):
        if clause[k - 1] == " ":
            chosen[k] = False
    if not any(chosen):
        first = next(k for k, ch in enumerate(clause) if HAN.match(ch) and readings(ch))
        chosen[first] = True
    out = []
    for k, ch in enumerate(clause):
        out.append(ch)
        if not chosen[k]:
            continue
        group = spell(rng.choice(readings(ch)), style, rng)
        out.append(("（" + group + "）" if wide else "(" + group + ")") * repeat)
        # The flattener's space only where the kernel's rule drops it: between
        # annotated characters.
        if spaced and k + 1 < len(clause) and chosen[k + 1]:
            out.append(" ")
    return "".join(out), f"style={style} density={density} wide={wide} repeat={repeat} spaced={spaced}"


# Genuine parentheticals: (text, is it safe after any character?).
PARENTHETICALS = [
    "(記者 張冰)", "(记者 王明)", "(通讯员 李华)", "(责编:王艳、赵怡)", "（記者 陳偉）",
    "(2020)", "(2020年)", "(下同)", "(见图)", "(以下简称\"协会\")", "(a)", "(b)", "(B)",
    "(e)", "(WHO)", "(GDP)", "(COVID-19)", "(含)", "(市、區)", "(試行)", "(草案)",
]
GLOSSES = [
    ("钢笔", "pen"), ("男人", "man"), ("风扇", "fan"), ("乐队", "band"), ("北京", "Beijing"),
    ("上海", "Shanghai"), ("世界卫生组织", "WHO"), ("方案", "a"), ("维生素", "e"),
    ("会议室", "B"), ("长城", "Great Wall"), ("熊猫", "panda"), ("茶", "tea"), ("龙", "dragon"),
    ("功夫", "kung fu"), ("麻将", "mahjong"), ("豆腐", "tofu"), ("台风", "typhoon"),
    ("人工智能", "AI"), ("网络", "net"), ("书", "book"), ("猫", "cat"), ("门", "door"),
    ("路", "road"), ("山", "mountain"), ("水", "water"), ("他", "he"), ("她", "she"),
    ("长", "long"), ("短", "short"), ("新", "new"), ("买", "buy"), ("卖", "sell"),
    ("饭", "rice"), ("国", "country"), ("中", "zhong"), ("書", "zhong"), ("中", "shu"),
]


def is_reading(ch: str, group: str) -> bool:
    key = toneless(group).replace("u:", "v")
    return any(toneless(r) == key for r in readings(ch))


def must_not_change(rng: random.Random, source: list[str]) -> list[dict]:
    cases = [{"text": clause, "note": "real clause, no annotation"} for clause in source]
    for k, clause in enumerate(source):
        paren = PARENTHETICALS[k % len(PARENTHETICALS)]
        spots = [i for i, ch in enumerate(clause) if HAN.match(ch)]
        spot = rng.choice(spots)
        inner = paren[1:-1]
        if is_reading(clause[spot], inner):
            continue
        cases.append({"text": clause[: spot + 1] + paren + clause[spot + 1 :], "note": "real parenthetical after a character"})
    for word, gloss in GLOSSES:
        if is_reading(word[-1], gloss):
            continue  # 龙(long) would be an annotation
        for template in ("这是{w}({g})。", "{w}（{g}）很好", "我们说{w}({g})", "{w}({g}) 和{w}"):
            cases.append({"text": template.format(w=word, g=gloss), "note": f"gloss {gloss!r} is no reading of {word[-1]}"})
    odd = [
        "ABC(shu)", "1(yi)", "。(shi)", "「(zhong)", "書(shu", "書shu)", "((書", "書((shu)",
        "書(shu）", "書（shu)", "書()", "書( )", "書( shu)", "書(shu )", "書 (shu)",
        "書(zhuangzhuang)", "漢字(かんじ)", "東京(とうきょう)", "한국어(韓國語)", "持續 三項",
        "書(ˊ)", "書(ㄕㄨˊˊ)", "(", ")", "書(shu1x)", "書(sh1u)", "書(:shu)", "書(shuu:)",
        "書(ㄓㄨㄥ)", "中(ㄕㄨ)", "abc (def) 書 (shu)", "書[shu]", "書{shu}", "書<shu>",
    ]
    cases.extend({"text": text, "note": "near miss"} for text in odd)
    return cases


def syllable_mode(rng: random.Random, source: list[str]) -> list[dict]:
    """verify="syllable": annotations that are syllables but not readings of the
    character they follow (as after a Simplified/Traditional conversion of the
    annotated text) go; bare toneless letters and non-syllables stay."""
    syllables = sorted({toneless(r) for value in pinyin_dict.values() for r in value.split(",")})
    syllables = [s for s in syllables if len(s) > 1 and s.isascii()]
    cases = []
    for clause in source[:60]:
        spots = [i for i, ch in enumerate(clause) if HAN.match(ch)]
        spot = rng.choice(spots)
        wrong = rng.choice([s for s in syllables if not is_reading(clause[spot], s)])
        keep = rng.choice(["(a)", "(e)", "(B)", "(2020)", "(WHO)"])
        text = clause[: spot + 1] + f"({wrong})" + clause[spot + 1 :]
        cases.append({"input": text, "expected": clause, "mode": "syllable", "note": f"{wrong} is no reading of {clause[spot]}"})
        text = clause[: spot + 1] + keep + clause[spot + 1 :]
        cases.append({"input": text, "expected": text, "mode": "syllable", "note": f"{keep} is no syllable, or a bare letter"})
    return cases


def main() -> None:
    rng = random.Random(20261125)
    source = clauses()
    must_change = []
    for k, clause in enumerate(source):
        text, note = annotate(clause, rng, k)
        must_change.append({"input": text, "expected": clause, "mode": "reading", "note": note})
    # A run stops at the first group that is not an annotation.
    for clause in source[:60]:
        spots = [i for i, ch in enumerate(clause) if HAN.match(ch) and readings(ch)]
        spot = rng.choice(spots)
        reading = rng.choice(readings(clause[spot]))
        paren = rng.choice(["(市、區)", "(試行)", "(2020)", "(記者 張冰)"])
        head = clause[: spot + 1]
        must_change.append({
            "input": head + f"({toneless(reading)})" * rng.choice([1, 2]) + paren + clause[spot + 1 :],
            "expected": head + paren + clause[spot + 1 :],
            "mode": "reading",
            "note": "annotation run before a real parenthetical",
        })
    # The real pages, line by line.
    for seed in sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        gold = (ROOT / "samples" / "gold" / seed.name).read_text(encoding="utf-8").splitlines()
        for k, (line, expected) in enumerate(zip(seed.read_text(encoding="utf-8").splitlines(), gold)):
            if line != expected:
                must_change.append({"input": line, "expected": expected, "mode": "reading", "note": f"{seed.name} line {k + 1}"})
    keep = must_not_change(rng, source)
    syllable = syllable_mode(rng, source)
    OUT.mkdir(exist_ok=True)
    for name, rows in (
        ("must_change.jsonl", must_change),
        ("must_not_change.jsonl", keep),
        ("syllable_mode.jsonl", syllable),
    ):
        with (OUT / name).open("w", encoding="utf-8") as stream:
            for i, row in enumerate(rows):
                stream.write(json.dumps({"id": f"{name.split('.')[0]}-{i:04d}", **row}, ensure_ascii=False) + "\n")
    print(
        f"{len(must_change)} must change, {len(keep)} must not change, "
        f"{len(syllable)} syllable mode, from {len(source)} clauses"
    )


if __name__ == "__main__":
    main()
