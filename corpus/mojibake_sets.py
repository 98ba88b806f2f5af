"""Loaders for the mojibake data of issue 9 (no assertions here: tests decide).

    from corpus.mojibake_sets import new_family_cases, wild_cases, multilingual_lines

- ``new_family_cases()``: ``corpus/mojibake/new_families.jsonl`` (the decoders of
  the wild, short runs, one-family documents, short GBK<->Big5 spans), the same
  fields as ``cases.jsonl`` plus ``target`` (the damaged part's original) and
  ``limit`` (``recoverable`` of ``characters`` of the target; see
  ``corpus.lossy.recoverable_limit``); short runs also have ``note``.
- ``more_must_not_change()``: ``must_not_change_more.jsonl`` (real lines with a
  lookalike of a short run in its own sense), ``{"id", "text", "note"}``.
- ``wild_cases()``: ``wild.jsonl``, the garbled texts issue 9 quotes.
- ``multilingual_lines(lang=None)``: ``corpus/multilingual/*.jsonl``, correct text
  in 17 languages; one language's or all.
- ``families(cases)``: the family names present, sorted.
"""
from __future__ import annotations

from corpus import HERE, read_jsonl

MOJIBAKE = HERE / "mojibake"
MULTILINGUAL = HERE / "multilingual"


def new_family_cases() -> list[dict]:
    return read_jsonl(MOJIBAKE / "new_families.jsonl")


def more_must_not_change() -> list[dict]:
    return read_jsonl(MOJIBAKE / "must_not_change_more.jsonl")


def wild_cases() -> list[dict]:
    return read_jsonl(MOJIBAKE / "wild.jsonl")


def user_found_cases() -> list[dict]:
    """Correct text users found damaged, and correct words beside real
    mojibake (``mojibake/user_found.jsonl``)."""
    return read_jsonl(MOJIBAKE / "user_found.jsonl")


def multilingual_lines(lang: str | None = None) -> list[dict]:
    paths = [MULTILINGUAL / f"{lang}.jsonl"] if lang else sorted(MULTILINGUAL.glob("*.jsonl"))
    return [row for path in paths for row in read_jsonl(path)]


def families(cases: list[dict]) -> list[str]:
    return sorted({case["family"] for case in cases})
