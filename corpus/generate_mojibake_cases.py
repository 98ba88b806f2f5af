"""Generate the mojibake test cases in ``corpus/mojibake/``.

Source text: the clean lines of ``corpus/samples/gold/`` (real news, mostly
Traditional) and their Simplified forms (OpenCC t2s), pushed through every
(right codec -> wrong decoder) family zhclean repairs, whole and as a span
inside otherwise correct text, losslessly and with the losses real decoders
make (Python's errors="replace" and "ignore"; the browsers' Windows-1252,
which keeps undefined bytes as C1 controls).

The expected repair of a lossy case is computed here, independently of the
kernel: every original character whose bytes all survived the wrong decoder
comes back, and each run of characters that lost a byte becomes one U+FFFD.

    pip install opencc
    python -m corpus.generate_mojibake_cases      # from the repository root

Deterministic (fixed seed).  Also writes the must-not-change set.
"""
from __future__ import annotations

import json
import pathlib
import random
import re

import opencc

from corpus.lossy import encodable, expected_repair, wrong_decode

ROOT = pathlib.Path(__file__).resolve().parent
OUT = ROOT / "mojibake"

FAMILIES = [
    # (right, wrong, errors)
    ("utf-8", "gbk", "replace"),
    ("utf-8", "gbk", "ignore"),
    ("utf-8", "gb18030", "replace"),
    ("utf-8", "big5", "replace"),
    ("utf-8", "cp932", "replace"),
    ("utf-8", "latin-1", "strict"),
    ("utf-8", "cp1252", "replace"),
    ("utf-8", "cp1252-whatwg", "strict"),
    ("gbk", "latin-1", "strict"),
    ("gbk", "cp1252", "replace"),
    ("gbk", "big5", "replace"),
    ("big5", "gbk", "replace"),
    ("big5", "gb18030", "strict"),
    ("big5", "latin-1", "strict"),
    ("big5", "cp1252", "replace"),
]
DOUBLE = [("utf-8", "latin-1"), ("utf-8", "cp1252-whatwg")]


def sources() -> tuple[list[str], list[str]]:
    t2s = opencc.OpenCC("t2s")
    lines = []
    for path in sorted((ROOT / "samples" / "gold").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if len(re.findall(r"[\u4e00-\u9fff]", line)) >= 12:
                lines.append(line)
    traditional = sorted(set(lines))
    simplified = sorted({t2s.convert(line) for line in lines})
    return traditional, simplified


def clause_of(line: str, rng: random.Random) -> str:
    parts = [p for p in re.split(r"(?<=[,。;:?!、，])", line) if len(p) >= 6]
    return rng.choice(parts) if parts else line[:30]



def family_cases(
    traditional: list[str], simplified: list[str], rng: random.Random, per_scope: int = 24
) -> list[dict]:
    """Every family of FAMILIES, ``per_scope`` whole lines and as many clauses
    inside correct text, from these lines (Big5 takes the Traditional ones,
    GBK the Simplified ones, UTF-8 both)."""
    cases = []
    for right, wrong, errors in FAMILIES:
        pool = traditional if right == "big5" else simplified if right == "gbk" else traditional + simplified
        pool = [line for line in pool if encodable(line, right)]
        for scope in ("whole", "span"):
            for k in range(per_scope):
                line = rng.choice(pool)
                target = line if scope == "whole" else clause_of(line, rng)
                data = target.encode(right)
                broken, lost = wrong_decode(data, wrong, errors if errors != "strict" else "replace")
                if errors == "strict" and lost:
                    continue
                expected = expected_repair(target, right, lost)
                if scope == "span":
                    context = rng.choice(pool)
                    cut = context.find(target) if target in context else len(context) // 2
                    before, after = "據報道，" + context[: min(cut, 20)], "。" + context[-20:]
                    broken, expected, target = before + broken + after, before + expected + after, before + target + after
                cases.append({
                    "family": f"{right}->{wrong}" + ("(ignore)" if errors == "ignore" else ""),
                    "scope": scope,
                    "lossy": bool(lost),
                    "input": broken,
                    "expected": expected,
                    "original": target,
                })
    return cases


def external_sources(folder: pathlib.Path) -> tuple[list[str], list[str]]:
    """Lines of the external texts (``../shared/corpus/external``), which stay
    outside the repository: the tests build cases from them when present.
    Traditional lines as they are and through OpenCC t2s; the mixed-script
    Wikipedia article's lines where they encode in Big5, and through t2s."""
    t2s = opencc.OpenCC("t2s")
    lines = []
    for path in sorted(folder.glob("*.txt")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            line = line.strip()
            if len(re.findall(r"[\u4e00-\u9fff]", line)) >= 12:
                lines.append(line)
    traditional = sorted({line for line in lines if encodable(line, "big5")})
    simplified = sorted({t2s.convert(line) for line in lines})
    return traditional, simplified


def main() -> None:
    rng = random.Random(20261125)
    traditional, simplified = sources()
    cases = family_cases(traditional, simplified, rng)
    for right, wrong in DOUBLE:
        for k in range(20):
            target = rng.choice(simplified)
            once, lost1 = wrong_decode(target.encode(right), wrong, "replace")
            twice, lost2 = wrong_decode(once.encode("utf-8"), wrong, "replace")
            assert not lost1 and not lost2
            cases.append({
                "family": f"{right}->{wrong}->{wrong}", "scope": "whole", "lossy": False,
                "input": twice, "expected": target, "original": target,
            })
    markers = ["锟斤拷", "锟斤拷锟斤拷", "烫烫烫烫", "屯屯屯屯屯", "\ufffd\ufffd", "????"]
    for k in range(24):
        line = rng.choice(simplified)
        cut = rng.randrange(4, len(line) - 4)
        marker = markers[k % len(markers)]
        text = line[:cut] + marker + line[cut:]
        cases.append({
            "family": "loss-marker", "scope": "span", "lossy": True, "input": text, "expected": text,
            "original": text, "loss": [{"marker": marker, "start": cut, "end": cut + len(marker)}],
        })
    OUT.mkdir(exist_ok=True)
    with (OUT / "cases.jsonl").open("w", encoding="utf-8") as stream:
        for i, case in enumerate(cases):
            stream.write(json.dumps({"id": f"case-{i:04d}", **case}, ensure_ascii=False) + "\n")
    keep = must_not_change(traditional, simplified)
    with (OUT / "must_not_change.jsonl").open("w", encoding="utf-8") as stream:
        for i, (text, note) in enumerate(keep):
            stream.write(json.dumps({"id": f"keep-{i:04d}", "text": text, "note": note}, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for case in cases:
        counts[case["family"]] = counts.get(case["family"], 0) + 1
    print(f"{len(cases)} cases, {len(keep)} must not change; per family: {counts}")
    write_more(traditional, simplified, first_case=len(cases), first_keep=len(keep))


def write_more(traditional: list[str], simplified: list[str], first_case: int, first_keep: int) -> None:
    """The families of issue 9 (``generate_mojibake_more``), from their own
    random generator, in files of their own; ids go on from the files above."""
    from corpus import generate_mojibake_more as more
    from corpus import generate_wild_cases as wild

    rng = random.Random(more.SEED)
    cases = more.all_cases(traditional, simplified, rng)
    with (OUT / "new_families.jsonl").open("w", encoding="utf-8") as stream:
        for i, case in enumerate(cases, start=first_case):
            stream.write(json.dumps({"id": f"case-{i:04d}", **case}, ensure_ascii=False) + "\n")
    keep = more.must_not_change_more(traditional, simplified, rng)
    with (OUT / "must_not_change_more.jsonl").open("w", encoding="utf-8") as stream:
        for i, (text, note) in enumerate(keep, start=first_keep):
            stream.write(json.dumps({"id": f"keep-{i:04d}", "text": text, "note": note}, ensure_ascii=False) + "\n")
    counts: dict[str, int] = {}
    for case in cases:
        counts[case["family"]] = counts.get(case["family"], 0) + 1
    print(f"{len(cases)} new-family cases, {len(keep)} more must not change; per family: {counts}")
    wild.main()


WRITTEN = [
    ("浣溪沙 一曲新詞酒一杯，去年天氣舊亭臺", "classical, rare characters"),
    ("锟铻之剑，龘龘然，鍙字亦可見於古籍", "rare characters that look like mojibake"),
    ("床前明月光，疑是地上霜。舉頭望明月，低頭思故鄉。", "classical poem"),
    ("马丁·路德·金于1963年发表演说《我有一个梦想》", "Latin-1 middle dot in a name"),
    ("今天气温25°C±2，面积3×4米，折扣½价", "Latin-1 symbols"),
    ("我在café喝咖啡，©2020 版权所有 ®", "Latin-1 letters in Chinese"),
    ("東京で新しい発表がありました。明日は雨が降るでしょう。", "Japanese"),
    ("彼は逃げるように走り去った。発表会は来週です。", "Japanese"),
    ("カタカナのテキストとひらがなのテキスト、漢字もあります。", "Japanese"),
    ("한국어는 아름다운 언어입니다. 서울에서 만나요.", "Korean"),
    ("Müller traf Øresund in São Paulo, naïve Ærø, prix 5 € ½", "European"),
    ("Les élèves étaient déjà là, à côté de l'église.", "French"),
    ("Ångström, Smörgåsbord, Ðakovo, Þórshöfn, façade", "Nordic and more"),
    ("El niño comió piñata en España — ¿verdad? ¡Sí!", "Spanish"),
    ("emoji 😀🎉👍 和中文混排 🇨🇳", "emoji"),
    ('def f(x):\n    return {"key": [1, 2, 3]}  # 注释', "code"),
    ("<p>&nbsp;新闻&amp;资讯 &lt;b&gt;</p>", "HTML"),
    ("https://example.com/路径?查询=值&a=1", "URL"),
    ("数学：α² + β² = γ²，∑∫√∞≠≤≥ ∀x∈ℝ", "mathematics"),
    ("引号“你好”和‘再见’……——《书名》【注】", "full-width punctuation"),
    ("\xa0\xa0新闻\xa0\xa0正文\xa0", "no-break spaces"),
    ("Ã is a letter; Â too: Portuguese ÃO and French Â", "Latin letters that mojibake also has"),
    ("価格は¥1,000です。※注意", "yen sign"),
]


def must_not_change(traditional: list[str], simplified: list[str]) -> list[tuple[str, str]]:
    keep = [(line, "real Traditional news line") for line in traditional]
    keep += [(line, "real news line, Simplified") for line in simplified]
    # Short pieces too: a clause has less context to protect it.
    clauses = sorted({c for line in traditional + simplified for c in re.split(r"(?<=[,。;:?!、，])", line) if len(c) >= 4})
    keep += [(clause, "real clause") for clause in clauses]
    # Real lines with legitimate Latin-1 and Windows-1252 characters in them.
    extras = ["°C", "±", "×", "·", "©", "é", "ü", "½", "€", "—", "…", "“”"]
    for k, line in enumerate(simplified[:60] + traditional[:60]):
        cut = len(line) // 2
        keep.append((line[:cut] + extras[k % len(extras)] + line[cut:], "real line with a Latin-1 character"))
    keep += WRITTEN
    return keep


if __name__ == "__main__":
    main()
