"""Record what the public functions return on every text the project has, to
prove a change of structure changed no behaviour.

    python -m tools.snapshot_outputs write BEFORE.json     # at the old commit
    python -m tools.snapshot_outputs write AFTER.json      # at the new one
    python -m tools.snapshot_outputs compare BEFORE.json AFTER.json

(from the repository root, with the package installed; ``ZHCLEAN_PURE_PYTHON=1``
records the twins).  Texts: every committed case in ``corpus/``, the real
samples, every line of the external texts and the mojibake cases built from
them, the random pieces ``benchmarks/mojibake_fuzz.py`` draws (two seeds),
and seeded random strings over an alphabet of the characters the rules look
at.  For each text and function it stores a SHA-256 of the output (of its
``repr`` for ``mojibake_report`` and ``detect_script``), so ``compare`` names
every text whose output changed.
"""
from __future__ import annotations

import hashlib
import json
import random
import sys
from typing import Callable, Iterator

import zhclean
from corpus import EXTERNAL, HERE, read_jsonl

ALPHABET = (
    "書記中心结會(（)）[]【】 ,，。:：shujiéìǎüvu:ㄕㄨˊ˙一丨|鍙戝竷浜嗘柊闂伙紝浠婂ぉ"
    "·¢²¼ÁËÐÂÎÅå\x8f‘¸ƒ€锟斤拷烫屯?\ufffd@AZaz09\n\t涓娈垫枃穦某眏秸璶dよ"
    "ΑβγДжЂ한국어東京で発表é\u0301\u030c\U00020000\ud800\x00"
)


def texts() -> Iterator[tuple[str, str]]:
    """(name, text) for every text the snapshot covers."""
    for path in sorted((HERE / "pinyin").glob("*.jsonl")) + sorted((HERE / "mojibake").glob("*.jsonl")):
        for case in read_jsonl(path):
            yield f"{path.parent.name}/{case['id']}", case.get("input", case.get("text"))
    for path in sorted((HERE / "samples").glob("*/*.txt")):
        yield f"samples/{path.parent.name}/{path.name}", path.read_text(encoding="utf-8")
    if EXTERNAL.is_dir():
        for path in sorted(EXTERNAL.glob("*.txt")):
            for k, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines()):
                yield f"external/{path.name}:{k}", line
        yield from _external_cases()
        for seed in (1, 7):
            yield from _fuzz_cases(seed)
        yield from _long_texts()
    rng = random.Random(20261129)
    for k in range(3000):
        yield f"random/{k}", "".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 60)))


def _external_cases() -> Iterator[tuple[str, str]]:
    try:
        from corpus.generate_mojibake_cases import external_sources, family_cases
    except ImportError:  # opencc absent
        return
    traditional, simplified = external_sources(EXTERNAL)
    for k, case in enumerate(family_cases(traditional, simplified, random.Random(20261126))):
        yield f"external-case/{k}", case["input"]


def _long_texts() -> Iterator[tuple[str, str]]:
    """Whole external texts through lossy families: regions far longer than
    the re-reading's pieces, and texts long enough to release the GIL."""
    for path in sorted(EXTERNAL.glob("*.txt")):
        text = path.read_text(encoding="utf-8-sig")[:60000]
        for right, wrong in (("big5", "gbk"), ("gbk", "big5"), ("utf-8", "gbk"), ("utf-8", "big5")):
            try:
                data = text.encode(right, "ignore" if right != "utf-8" else "strict")
            except UnicodeEncodeError:
                continue
            yield f"long/{path.name}/{right}->{wrong}", data.decode(wrong, "replace")


def _fuzz_cases(seed: int, per_family: int = 60) -> Iterator[tuple[str, str]]:
    """The pieces ``benchmarks/mojibake_fuzz.py`` draws for ``seed``."""
    try:
        import opencc
    except ImportError:
        return
    from corpus.lossy import wrong_decode

    families = [
        ("utf-8", "gbk"), ("utf-8", "gb18030"), ("utf-8", "big5"), ("utf-8", "cp932"),
        ("utf-8", "cp1252"), ("utf-8", "latin-1"), ("gbk", "latin-1"), ("gbk", "big5"),
        ("big5", "gbk"), ("big5", "gb18030"), ("big5", "latin-1"),
    ]
    t2s = opencc.OpenCC("t2s")
    lines = [
        line.strip()
        for path in sorted(EXTERNAL.glob("*.txt"))
        for line in path.read_text(encoding="utf-8-sig").splitlines()
        if len(line.strip()) >= 12
    ]
    rng = random.Random(seed)
    for right, wrong in families:
        for k in range(per_family):
            line = rng.choice(lines)
            start = rng.randrange(max(1, len(line) - 10))
            piece = line[start : start + rng.randint(10, 80)]
            if right == "gbk":
                piece = t2s.convert(piece)
            try:
                data = piece.encode(right)
            except UnicodeEncodeError:
                continue
            text, _ = wrong_decode(data, wrong, "strict" if wrong == "latin-1" else "replace")
            context = rng.choice(lines)[:30]
            yield f"fuzz{seed}/{right}->{wrong}/{k}/whole", text
            yield f"fuzz{seed}/{right}->{wrong}/{k}/span", context + text + context


FUNCTIONS: dict[str, Callable[[str], object]] = {
    "strip_pinyin": zhclean.strip_pinyin,
    "strip_pinyin(syllable)": lambda text: zhclean.strip_pinyin(text, verify="syllable"),
    "fix_mojibake": zhclean.fix_mojibake,
    "mojibake_report": zhclean.mojibake_report,
    "convert(auto)": lambda text: zhclean.convert(text, to="auto"),
    "detect_script": zhclean.detect_script,
    "Cleaner()": zhclean.Cleaner(),
}


def _digest(value: object) -> str:
    data = value if isinstance(value, str) else repr(value)
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def write(path: str) -> None:
    snapshot = {}
    for name, text in texts():
        for function, call in FUNCTIONS.items():
            snapshot[f"{function} {name}"] = _digest(call(text))
    with open(path, "w", encoding="utf-8") as stream:
        json.dump({"kernels": zhclean.KERNELS, "outputs": snapshot}, stream, ensure_ascii=False, indent=0)
    print(f"{len(snapshot)} outputs ({len(snapshot) // len(FUNCTIONS)} texts) from the {zhclean.KERNELS} kernels -> {path}")


def compare(before_path: str, after_path: str) -> int:
    with open(before_path, encoding="utf-8") as stream:
        before = json.load(stream)["outputs"]
    with open(after_path, encoding="utf-8") as stream:
        after = json.load(stream)["outputs"]
    changed = sorted(key for key in before.keys() & after.keys() if before[key] != after[key])
    missing = sorted(before.keys() ^ after.keys())
    for key in changed:
        print(f"changed: {key}")
    for key in missing:
        print(f"in one snapshot only: {key}")
    print(f"{len(before.keys() & after.keys())} outputs compared, {len(changed)} changed, {len(missing)} in one only")
    return 1 if changed or missing else 0


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "write":
        write(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "compare":
        sys.exit(compare(sys.argv[2], sys.argv[3]))
    else:
        sys.exit(__doc__)
