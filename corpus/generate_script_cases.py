"""Generate the mixed-script test cases in ``corpus/script/cases.jsonl``.

Each case is a real page of ``corpus/samples/gold/`` with some of its text
put into the other script by OpenCC, the way mixed pages arise: whole
sentences (a pasted paragraph, a forum reply in the other script) or a
phrase inside a sentence (a template, a word typed in the other script).
Unification (``zhclean.convert(mixed, to="auto")``) should give the page
back.  A case is stored as edits on its source page, not as text:

    {"id", "source", "kind": "sentences"|"phrases", "majority": "traditional"|"simplified",
     "share": float, "edits": [[start, end, replacement], ...]}

``share`` is the share of sentences (``sentences``) the case converted; the
mixed page is the source with the edits applied (positions in the source).

What may be converted: a sentence (cut after 。！？；, or at a line break)
or a phrase (2 to 6 Han characters inside a sentence, two or more of which
the conversion changes) qualifies only if OpenCC brings it back exactly,
alone: for a Traditional page, ``t2s`` then the configuration of the
page's own standard (s2tw for the Taiwan forms of these pages) must return
it; for the Simplified page (003), ``s2t`` then ``t2s``.  A piece that
round trip loses (``乾隆`` -> ``干隆`` -> ``幹隆``) is one no tool can
restore, so it makes no test.

Deterministic (``random.Random`` seeded per case); run from the repository
root with the pinned OpenCC::

    pip install opencc==1.4.2
    python -m corpus.generate_script_cases
"""
from __future__ import annotations

import json
import random
import re

import opencc

from corpus import HERE

GOLD = HERE / "samples" / "gold"
OUT = HERE / "script" / "cases.jsonl"
SHARES = (0.05, 0.10, 0.20, 0.30)  # of the sentences converted in a "sentences" case
PHRASES_PER_CASE = (1, 2, 4)  # phrases converted in a "phrases" case
SEEDS_PER_SETTING = 2
SENTENCE = re.compile(r"[^。！？；!?;\n]*[。！？；!?;]?\n?")
HAN = re.compile(r"[\u3400-\u9fff]{2,6}")
# The Traditional standard of each source page (all four Traditional pages
# write Taiwan's 為 and 裡), and OpenCC's configuration for it.
TRADITIONAL_CONFIG = "s2tw"

_converters: dict[str, opencc.OpenCC] = {}


def cc(config: str, text: str) -> str:
    if config not in _converters:
        _converters[config] = opencc.OpenCC(config)
    return _converters[config].convert(text)


def round_trips(piece: str, traditional: bool) -> str | None:
    """The piece in the other script, if OpenCC brings it back exactly; else None."""
    if traditional:
        other = cc("t2s", piece)
        back = cc(TRADITIONAL_CONFIG, other)
    else:
        other = cc("s2t", piece)
        back = cc("t2s", other)
    if other == piece or back != piece:
        return None
    return other


def sentences(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in SENTENCE.finditer(text) if m.end() > m.start()]


def sentence_case(text: str, traditional: bool, share: float, rng: random.Random) -> list[list]:
    spans = sentences(text)
    chosen = rng.sample(range(len(spans)), max(1, round(share * len(spans))))
    edits = []
    for index in sorted(chosen):
        start, end = spans[index]
        other = round_trips(text[start:end], traditional)
        if other is not None:
            edits.append([start, end, other])
    return edits


def phrase_case(text: str, traditional: bool, count: int, rng: random.Random) -> list[list]:
    candidates = []
    for match in HAN.finditer(text):
        start, end = match.span()
        length = rng.randint(2, end - start)
        offset = rng.randint(start, end - length)
        piece = text[offset : offset + length]
        other = round_trips(piece, traditional)
        if other is not None and sum(a != b for a, b in zip(piece, other)) >= 2:
            candidates.append([offset, offset + length, other])
    chosen = sorted(rng.sample(range(len(candidates)), min(count, len(candidates))))
    return [candidates[i] for i in chosen]


def main() -> None:
    cases = []
    for path in sorted(GOLD.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        traditional = not path.name.startswith("003")
        settings = [("sentences", share) for share in SHARES] + [("phrases", n) for n in PHRASES_PER_CASE]
        for kind, setting in settings:
            for seed in range(SEEDS_PER_SETTING):
                case_id = f"{path.stem[:3]}-{kind}-{setting}-{seed}"
                rng = random.Random(case_id)
                if kind == "sentences":
                    edits = sentence_case(text, traditional, float(setting), rng)
                else:
                    edits = phrase_case(text, traditional, int(setting), rng)
                if not edits:
                    continue
                cases.append(
                    {
                        "id": case_id,
                        "source": path.name,
                        "kind": kind,
                        "majority": "traditional" if traditional else "simplified",
                        "share": setting if kind == "sentences" else None,
                        "edits": edits,
                    }
                )
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as stream:
        for case in cases:
            stream.write(json.dumps(case, ensure_ascii=False) + "\n")
    print(f"{len(cases)} cases -> {OUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
