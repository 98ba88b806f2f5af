"""ftfy's own test cases (``corpus/ftfy/test_cases.json``, ftfy 6.3.1, Apache-2.0,
by Robyn Speer) in one normalised shape, for a peer suite.

    from corpus.ftfy_cases import ftfy_cases
    cases = ftfy_cases()                                  # all 161
    keep = [c for c in cases if c["must_not_change"]]     # 49

Each case is a dict:

- ``id``: ``ftfy-000`` ... in file order (stable while the vendored file is).
- ``label``, ``comment``, ``original``, ``fixed``, ``expect``: as in ftfy's file
  (``comment`` is ``""`` where it has none).
- ``fixed-encoding``: what ``ftfy.fix_encoding`` should give (ftfy's field, or
  ``fixed`` where the file leaves it out, as ftfy's own test does).  This is the
  expectation for a mojibake repairer: ``fixed`` also has ftfy's other steps
  (quote uncurling, HTML entities, C1 controls as Windows-1252...).
- ``category``: ``known-failure`` (``expect == "fail"``), ``negative``,
  ``synthetic``, ``language-name`` or ``in-the-wild``, from the label as ftfy's
  repository sorts them into files after 6.3.1.
- ``must_not_change``: ``fixed-encoding == original`` (49 cases: correct text
  that looks like mojibake, and garbles ftfy leaves alone on purpose).
- ``known_failure``: ftfy itself does not reach ``fixed-encoding`` (ftfy marks
  it ``expect: fail``); the expectation is still what the text should be.
- ``lossy``: the expected text has a U+FFFD the original did not have.
- ``scripts``: sorted Unicode script names of the letters of ``fixed-encoding``
  (``Latin``, ``Greek``, ``Cyrillic``, ``Hebrew``, ``Arabic``, ``Thai``,
  ``Devanagari``, ``Tamil``, ``Han``, ``Kana``, ``Hangul``), from code point ranges.
- ``language_hint``: the language the label names (``"Turkish"``, ``"Greek"``,
  ``"Simplified Chinese"``...), or ``None``.
- ``cjk``: the expected text has Han, Kana, Hangul or full-width/CJK punctuation.
- ``is_chinese``: the expected text is Chinese: the label says Chinese, or it has
  Han or CJK punctuation and neither Kana nor Hangul nor a non-Chinese language
  in its label (so ``Ningbo，China``, with its full-width comma, is Chinese and
  ``日本語`` is not).  Everything else is the "non-Chinese" set of issue 9: each
  must come back as ``fixed-encoding`` or exactly as it was, never as anything else.
"""
from __future__ import annotations

import json
import re

from corpus import HERE

PATH = HERE / "ftfy" / "test_cases.json"

# Language names found in ftfy's labels, longest first so "Simplified Chinese"
# wins over "Chinese".
_LANGUAGES = sorted(
    [
        "Simplified Chinese", "Traditional Chinese", "Chinese", "Japanese", "Korean", "Russian",
        "Bulgarian", "Serbian", "Greek", "Turkish", "Hebrew", "Arabic", "Hindi", "Tamil", "Thai",
        "Vietnamese", "French", "German", "Italian", "Spanish", "Portuguese", "Czech", "Slovak",
        "Lithuanian", "Latvian", "Romanian", "Gaelic", "Dutch", "Malay", "English", "Swedish",
        "Norwegian", "Finnish", "Afrikaans", "Croatian", "Ukrainian", "Indonesian",
    ],
    key=len,
    reverse=True,
)
_LANGUAGE_RE = re.compile("|".join(re.escape(name) for name in _LANGUAGES))

# (script, first, last) code point ranges for the letters we care about.
_SCRIPTS = [
    ("Latin", 0x0041, 0x024F), ("Latin", 0x1E00, 0x1EFF), ("Greek", 0x0370, 0x03FF),
    ("Greek", 0x1F00, 0x1FFF), ("Cyrillic", 0x0400, 0x052F), ("Hebrew", 0x0590, 0x05FF),
    ("Arabic", 0x0600, 0x06FF), ("Devanagari", 0x0900, 0x097F), ("Tamil", 0x0B80, 0x0BFF),
    ("Thai", 0x0E00, 0x0E7F), ("Hangul", 0x1100, 0x11FF), ("Hangul", 0xAC00, 0xD7AF),
    ("Kana", 0x3040, 0x30FF), ("Han", 0x3400, 0x4DBF), ("Han", 0x4E00, 0x9FFF),
    ("Han", 0x20000, 0x2FFFF),
]
_CJK_PUNCTUATION = re.compile("[\u3000-\u303f\uff00-\uffef]")


def _scripts(text: str) -> list[str]:
    found = set()
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        for name, first, last in _SCRIPTS:
            if first <= code <= last:
                found.add(name)
                break
    return sorted(found)


def _category(case: dict) -> str:
    label = case["label"]
    if case["expect"] == "fail":
        return "known-failure"
    if "language name" in label:
        return "language-name"
    if label.startswith("Synthetic"):
        return "synthetic"
    if "negative" in label.split(":")[0].lower():
        return "negative"
    return "in-the-wild"


def ftfy_cases() -> list[dict]:
    """Every case of ftfy's test suite in the shape the module docstring gives."""
    with PATH.open(encoding="utf-8") as stream:
        raw = json.load(stream)
    cases = []
    for index, case in enumerate(raw):
        fixed_encoding = case.get("fixed-encoding", case["fixed"])
        scripts = _scripts(fixed_encoding)
        match = _LANGUAGE_RE.search(case["label"])
        language = match.group(0) if match else None
        cjk = bool({"Han", "Kana", "Hangul"} & set(scripts)) or bool(_CJK_PUNCTUATION.search(fixed_encoding))
        if language is not None:
            chinese = "Chinese" in language
        else:
            chinese = ("Han" in scripts or bool(_CJK_PUNCTUATION.search(fixed_encoding))) and not (
                {"Kana", "Hangul"} & set(scripts)
            )
        cases.append({
            "id": f"ftfy-{index:03d}",
            "label": case["label"],
            "comment": case.get("comment", ""),
            "original": case["original"],
            "fixed-encoding": fixed_encoding,
            "fixed": case["fixed"],
            "expect": case["expect"],
            "category": _category(case),
            "must_not_change": fixed_encoding == case["original"],
            "known_failure": case["expect"] == "fail",
            "lossy": "\ufffd" in fixed_encoding and "\ufffd" not in case["original"],
            "scripts": scripts,
            "language_hint": language,
            "cjk": cjk,
            "is_chinese": chinese,
        })
    return cases


if __name__ == "__main__":
    import collections

    loaded = ftfy_cases()
    print(len(loaded), "cases;", sum(c["must_not_change"] for c in loaded), "must not change;",
          sum(c["is_chinese"] for c in loaded), "Chinese;",
          sum(not c["must_not_change"] and not c["is_chinese"] for c in loaded), "non-Chinese repairs,",
          sum(not c["must_not_change"] and not c["cjk"] for c in loaded), "of them without CJK")
    print(collections.Counter(c["category"] for c in loaded))
