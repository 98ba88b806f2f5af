"""The mojibake families of issue 9, written to ``corpus/mojibake/new_families.jsonl``
and ``corpus/mojibake/must_not_change_more.jsonl`` by ``generate_mojibake_cases``.

Kept apart from ``cases.jsonl`` (whose every case keeps its id and content byte
for byte) and drawn from their own random generator (seed 20261129), so adding
them changed nothing that was there.  Ids go on from the last id of
``cases.jsonl``.  The decoders and the expected repairs come from
``corpus/lossy.py``; what each family is, ``corpus/mojibake/README.md`` says.
"""
from __future__ import annotations

import pathlib
import random
import re

from corpus.lossy import encodable, expected_repair, hybrid_decode, survivors, wrong_decode

ROOT = pathlib.Path(__file__).resolve().parent
SEED = 20261129

# (right, wrong, errors): the decoders of the wild.  "strict" keeps only cases
# that lost nothing (the decoder cannot lose anything on them anyway).
DECODER_FAMILIES = [
    ("utf-8", "whatwg-gbk", "replace"),
    ("utf-8", "cp936", "replace"),
    ("utf-8", "whatwg-big5", "replace"),
    ("gbk", "whatwg-big5", "replace"),
    ("big5", "whatwg-gbk", "replace"),
    ("gb18030", "gbk", "replace"),
    ("gb18030", "latin-1", "strict"),
    ("utf-8", "kz1048", "replace"),
    ("utf-8", "ptcp154", "strict"),
    ("gbk", "hybrid-latin-1", "strict"),
    ("gbk", "hybrid-cp1252", "replace"),
    ("gbk", "hybrid-cp1252-whatwg", "strict"),
]
# Characters GBK has not and GB18030 has, put into real lines for the gb18030
# families: four-byte ones (a name with a rare character, a bullet, an emoji,
# Hangul) and two GB18030-only pairs (䶮 FE 9F, ǹ A8 BF).
GB18030_ONLY = ["𠮷野家", "•", "😀", "한국", "䶮", "ǹ"]
# CJK punctuation whose UTF-8 bytes contain 0x80, the byte WHATWG gbk reads as €.
PUNCTUATION_80 = "、。〈〉《》「」『』【】“”‘’…—"



def clause_of(line: str, rng: random.Random) -> str:
    parts = [p for p in re.split(r"(?<=[,。;:?!、，])", line) if len(p) >= 6]
    return rng.choice(parts) if parts else line[:30]


def garble(target: str, right: str, wrong: str, errors: str) -> tuple[str, str, dict]:
    """``target`` through one wrong decoder: (input, expected, limit)."""
    broken, lost = wrong_decode(target.encode(right), wrong, "ignore" if errors == "ignore" else "replace")
    kept = survivors(target, right, lost)
    return broken, expected_repair(target, right, lost), {"recoverable": sum(kept), "characters": len(target)}


def case(family: str, scope: str, broken: str, expected: str, original: str, target: str, limit: dict) -> dict:
    return {
        "family": family, "scope": scope, "lossy": limit["recoverable"] < limit["characters"] or "\ufffd" in expected,
        "input": broken, "expected": expected, "original": original, "target": target, "limit": limit,
    }


def decoder_cases(traditional: list[str], simplified: list[str], rng: random.Random, per_scope: int = 24) -> list[dict]:
    """Each of DECODER_FAMILIES, ``per_scope`` whole lines and as many clauses
    inside correct text.  Big5 takes the Traditional lines, GBK and GB18030 the
    Simplified ones (GB18030 with a character GBK has not put in), UTF-8 both.
    The hybrid's clause is GBK inside UTF-8 text, and the whole byte stream goes
    through the hybrid (as a crawler reads a page that mixes the two)."""
    cases = []
    for right, wrong, errors in DECODER_FAMILIES:
        pool = {"big5": traditional, "gbk": simplified, "gb18030": simplified}.get(right, traditional + simplified)
        pool = [line for line in pool if encodable(line, right)]
        family = f"{right}->{wrong}"
        for scope in ("whole", "span"):
            made = 0
            for _ in range(per_scope * 4):
                if made == per_scope:
                    break
                line = rng.choice(pool)
                target = line if scope == "whole" else clause_of(line, rng)
                if right == "gb18030":
                    cut = rng.randrange(1, len(target))
                    target = target[:cut] + rng.choice(GB18030_ONLY) + target[cut:]
                if scope == "whole":
                    broken, expected, limit = garble(target, right, wrong, errors)
                    original = target
                else:
                    context = rng.choice(pool)
                    before, after = "據報道，" + context[: min(len(context) // 2, 20)], "。" + context[-20:]
                    if wrong.startswith("hybrid-"):
                        head, tail = before.encode("utf-8"), after.encode("utf-8")
                        text, lost = hybrid_decode(head + target.encode(right) + tail, wrong[len("hybrid-"):])
                        assert text.startswith(before) and text.endswith(after)
                        lost = [(start - len(head), end - len(head)) for start, end in lost]
                        kept = survivors(target, right, lost)
                        broken = text[len(before): len(text) - len(after)]
                        expected = expected_repair(target, right, lost)
                        limit = {"recoverable": sum(kept), "characters": len(target)}
                    else:
                        broken, expected, limit = garble(target, right, wrong, errors)
                    broken, expected = before + broken + after, before + expected + after
                    original = before + target + after
                if errors == "strict" and limit["recoverable"] < limit["characters"]:
                    continue
                if broken == original:
                    continue
                cases.append(case(family, scope, broken, expected, original, target, limit))
                made += 1
    # CJK punctuation through WHATWG gbk: lines rich in marks whose UTF-8 has 0x80.
    rich = sorted((line for line in simplified + traditional if sum(ch in PUNCTUATION_80 for ch in line) >= 3),
                  key=lambda line: -sum(ch in PUNCTUATION_80 for ch in line))
    for line in rich[:24]:
        broken, expected, limit = garble(line, "utf-8", "whatwg-gbk", "replace")
        cases.append(case("utf-8->whatwg-gbk", "punctuation", broken, expected, line, line, limit))
    return cases


# Short runs: (family, original fragment, note).  Each is put into a real line at
# a clause boundary; the fragment alone goes through the wrong decoder.
RUNS = [
    ("utf-8->gbk", "{n}° C", "° as UTF-8 read as GBK: 掳 between digits and a unit"),
    ("utf-8->gbk", "{n}°C", "° as UTF-8 read as GBK"),
    ("utf-8->gbk", "{n}×{m}", "× as UTF-8 read as GBK: 脳 between digits"),
    ("utf-8->gbk", "{n}±{m}", "± as UTF-8 read as GBK: 卤 between digits"),
    ("utf-8->gbk", "café", "é as UTF-8 read as GBK: 茅 inside a Latin word"),
    ("utf-8->whatwg-gbk", "It’s {word}", "’ as UTF-8 read as WHATWG gbk: 鈥檚 (E2 80 -> 鈥, 99 73 -> 檚)"),
    ("utf-8->whatwg-gbk", "don’t", "’ as UTF-8 read as WHATWG gbk"),
    ("utf-8->whatwg-gbk", "{n}°C", "° as UTF-8 read as WHATWG gbk"),
    ("gbk->latin-1", "《{word}》", "《》 as GBK read as Latin-1: ¡¶…¡·"),
    ("gbk->latin-1", "“{word}”", "“” as GBK read as Latin-1: ¡°…¡±"),
    ("gbk->latin-1", "（{word}）", "（） as GBK read as Latin-1: £¨…£©"),
    ("utf-8->cp1252", "Ningbo，China", "full-width comma as UTF-8 read as windows-1252: ï¼Œ"),
    ("utf-8->cp1252", "{word}：{n}", "full-width colon as UTF-8 read as windows-1252: ï¼š"),
    ("utf-8->cp1252", "café", "é as UTF-8 read as windows-1252: Ã©"),
    ("utf-8->cp1252", "São Paulo", "ã as UTF-8 read as windows-1252: Ã£"),
    ("utf-8->cp1252", "Zürich", "ü as UTF-8 read as windows-1252: Ã¼"),
    ("utf-8->cp1252-whatwg", "qǐng", "ǐ as UTF-8 read by browsers as windows-1252: Ç + C1 control 0x90"),
    ("utf-8->cp1252-whatwg", "bào", "à as UTF-8 read by browsers as windows-1252: Ã + no-break space"),
]
WORDS = ["wealbk04", "Nature", "Science", "iPhone", "Python", "OK", "NBA", "WiFi", "Windows", "GDP"]
# Correct text with the characters those runs produce, which must stay as it is.
LOOKALIKES = [
    ("匪徒掳走了两名人质", "掳 in its own sense (to carry off)"),
    ("抢掠财物、掳掠人口", "掳 in its own sense"),
    ("52路公交车", "路 after digits"),
    ("西戎献锟铻之剑", "锟 in 锟铻 (a sword's name, 列子)"),
    ("卤肉饭和卤蛋", "卤 in its own sense"),
    ("茅台酒", "茅 in a name"),
    ("《Nature》杂志", "《》 with Latin inside, correct"),
    ("¡Hola! 是西班牙语的问候", "¡ in Spanish, correct"),
    ("售价£20", "£ as a currency, correct"),
    ("Ã is a letter of Portuguese", "Ã in its own sense"),
    ("São Paulo（圣保罗）", "ã correct beside Chinese"),
    ("café咖啡馆", "é correct beside Chinese"),
    ("气温52°C", "° correct"),
    ("面积3×4米", "× correct"),
]


def run_cases(traditional: list[str], simplified: list[str], rng: random.Random, per_run: int = 4) -> list[dict]:
    """One- and two-character runs with unmistakable structure, inside real lines."""
    cases = []
    for family, template, note in RUNS:
        right, wrong = family.split("->")
        pool = [line for line in (simplified if right != "big5" else traditional) if encodable(line, right)]
        for _ in range(per_run):
            fragment = template.format(n=rng.randrange(2, 99), m=rng.randrange(2, 9), word=rng.choice(WORDS))
            broken, expected, limit = garble(fragment, right, wrong, "replace")
            line = rng.choice(pool)
            cuts = [m.end() for m in re.finditer(r"[，,。;；]", line)] or [len(line) // 2]
            cut = rng.choice(cuts)
            before, after = line[:cut], line[cut:]
            item = case(f"run:{family}", "run", before + broken + after, before + expected + after,
                        before + fragment + after, fragment, limit)
            item["note"] = note
            cases.append(item)
    return cases


def _seed_windows(size: int = 6) -> list[list[str]]:
    """Windows of consecutive lines of the seed pages that carry tone-marked pinyin."""
    windows = []
    for path in sorted((ROOT / "samples" / "seeds").glob("*.txt")):
        lines = [line.rstrip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        for start in range(0, max(1, len(lines) - size + 1), size // 2):
            window = lines[start:start + size]
            if any(re.search("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", line) for line in window):
                windows.append(window)
    return windows


DOCUMENT_FAMILIES = [
    ("utf-8", "cp1252-whatwg"), ("utf-8", "latin-1"), ("utf-8", "cp1252"), ("utf-8", "gbk"),
    ("utf-8", "whatwg-gbk"), ("gbk", "latin-1"),
]


# Latin words with one or two non-ASCII letters, put between spaces into the
# lines of a document, where they become short runs of the document's family.
DOCUMENT_WORDS = ["café", "São Paulo", "Zürich", "qǐng", "bào", "naïve", "Ångström", "It’s OK", "résumé", "lǜ"]


def _gold_windows(simplified: list[str], rng: random.Random, count: int, size: int = 6) -> list[list[str]]:
    windows = []
    for _ in range(count):
        window = []
        for line in rng.sample(simplified, size):
            cut = rng.randrange(len(line) // 4, 3 * len(line) // 4)
            window.append(line[:cut] + " " + rng.choice(DOCUMENT_WORDS) + " " + line[cut:])
        windows.append(window)
    return windows


def document_cases(rng: random.Random, simplified: list[str] = (), per_family: int = 8, mixed: int = 4) -> list[dict]:
    """Whole documents through ONE wrong decoder, line by line: long spans (the
    Chinese) and one- or two-character runs of the same family.  ``per_family``
    are six lines of a real page, Chinese with tone-marked pinyin annotations as
    scraped (a tone letter inside Latin pinyin: `qÇ\\x90ng`); ``mixed`` are six
    real lines, each with a Latin word (`café`, `São Paulo`) put between spaces.
    Expected: the full repair."""
    windows = _seed_windows()
    cases = []
    for right, wrong in DOCUMENT_FAMILIES:
        usable = [w for w in windows if encodable("\n".join(w), right)]
        chosen = rng.sample(usable, min(per_family, len(usable)))
        extra = [w for w in _gold_windows(list(simplified), rng, mixed * 3) if encodable("\n".join(w), right)]
        for window in chosen + extra[:mixed]:
            broken_lines, expected_lines = [], []
            recoverable = characters = 0
            for line in window:
                broken, expected, limit = garble(line, right, wrong, "replace")
                broken_lines.append(broken)
                expected_lines.append(expected)
                recoverable += limit["recoverable"]
                characters += limit["characters"]
            original = "\n".join(window)
            cases.append(case(f"document:{right}->{wrong}", "document", "\n".join(broken_lines),
                              "\n".join(expected_lines), original, original,
                              {"recoverable": recoverable, "characters": characters}))
    return cases


def short_span_cases(traditional: list[str], simplified: list[str], rng: random.Random, count: int = 24) -> list[dict]:
    """4-5 Han characters of a real line in the other two-byte codec's reading:
    GBK read as Big5 inside the Simplified line, Big5 read as GBK inside the
    Traditional one (Python's codecs, errors="replace")."""
    cases = []
    for right, wrong, pool in (("gbk", "big5", simplified), ("big5", "gbk", traditional)):
        pool = [line for line in pool if encodable(line, right)]
        made = 0
        while made < count:
            line = rng.choice(pool)
            runs = [m for m in re.finditer(r"[\u4e00-\u9fff]{5,}", line)]
            if not runs:
                continue
            run = rng.choice(runs)
            size = rng.choice((4, 5))
            start = rng.randrange(run.start(), run.end() - size + 1)
            target = line[start:start + size]
            broken, expected, limit = garble(target, right, wrong, "replace")
            before, after = line[:start], line[start + size:]
            cases.append(case(f"short-span:{right}->{wrong}", "short-span", before + broken + after,
                              before + expected + after, line, target, limit))
            made += 1
    return cases


def must_not_change_more(traditional: list[str], simplified: list[str], rng: random.Random) -> list[tuple[str, str]]:
    """Real lines with a lookalike of a short run in its own, correct sense."""
    keep = []
    for fragment, note in LOOKALIKES:
        for _ in range(3):
            line = rng.choice(simplified)
            cuts = [m.end() for m in re.finditer(r"[，,。;；]", line)] or [len(line) // 2]
            cut = rng.choice(cuts)
            keep.append((line[:cut] + fragment + line[cut:], f"real line with {note}"))
    return keep


def all_cases(traditional: list[str], simplified: list[str], rng: random.Random) -> list[dict]:
    return (decoder_cases(traditional, simplified, rng) + run_cases(traditional, simplified, rng)
            + document_cases(rng, simplified) + short_span_cases(traditional, simplified, rng))
