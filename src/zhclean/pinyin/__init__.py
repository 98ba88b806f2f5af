"""Inline pinyin annotations: what flattened ``<ruby>`` markup leaves behind.

The public facade of the capability: ``strip_pinyin`` checks its arguments
and hands the text to the loops (``_loops.LOOPS``: compiled, or the
pure-Python twin), which read the tables in ``tables``.  Calls go that way
only: the loops import nothing from here.
"""
from __future__ import annotations

from .._args import VERIFY_MODES, Verify, check_choice, require_str
from .._edits import Edit
from . import _loops

__all__ = ["strip_pinyin"]


def strip_pinyin(text: str, *, verify: Verify = "reading") -> str:
    """Remove inline pinyin (or zhuyin) annotations from ``text``.

    An annotation is a group of syllables in brackets after the Han
    characters they read: ``書(shu)``, ``結（jié）``, ``書(ㄕㄨ)``, the word
    ``中心(zhōng xīn)`` or ``成语(chengyu)``, ``褚 (chǔ)``, ``粳[jīng]``,
    ``工(拼音:gōng)``; repeated groups go together, up to the first that is
    not one.  Flattened ``<ruby>`` without brackets leaves bare syllables,
    ``弟dì子zǐ``: they go when they read their characters and a tone mark
    shows them for pinyin, never as part of a longer Latin word.
    ``verify="reading"`` removes a syllable only when it is a reading of its
    character; ``verify="syllable"`` accepts any Mandarin syllable of two or
    more letters (or with a tone).  Returns ``text`` itself when there is
    nothing to remove.

    >>> strip_pinyin("省(sheng)委(wei)書(shu)(shu)記")
    '省委書記'
    >>> strip_pinyin("以縣(xian)(xian)(市、區)為單位")
    '以縣(市、區)為單位'
    >>> strip_pinyin("(記者 張冰) 钢笔(pen)")
    '(記者 張冰) 钢笔(pen)'
    >>> strip_pinyin("中心(zhōng xīn)、弟dì子zǐ规ɡuī、用Python写")
    '中心、弟子规、用Python写'
    """
    require_str(text, "strip_pinyin")
    check_choice("verify", verify, VERIFY_MODES)
    return _loops.LOOPS.strip(text, verify == "reading")


def annotation_edits(text: str, verify: Verify = "reading") -> list[Edit]:
    """For the package's pipeline: the stretches ``strip_pinyin`` removes, as
    edits (each replaced by nothing), sorted and disjoint."""
    stripped = _loops.LOOPS.strip(text, verify == "reading")
    if stripped is text:
        return []
    return _deletions(text, stripped)


def _deletions(text: str, kept: str) -> list[Edit]:
    """Where ``kept`` (``text`` with stretches deleted) lost them: the first
    alignment, found a block at a time by slice comparisons."""
    edits: list[Edit] = []
    i = j = 0
    while j < len(kept):
        # Skip the longest common stretch from here: double, then halve.
        step = 1
        while j + step <= len(kept) and text[i : i + step] == kept[j : j + step]:
            i += step
            j += step
            step *= 2
        while step > 1:
            step //= 2
            if j + step <= len(kept) and text[i : i + step] == kept[j : j + step]:
                i += step
                j += step
        if j == len(kept):
            break
        start = i
        while text[i] != kept[j]:
            i += 1
        edits.append((start, i, ""))
    if i < len(text):
        edits.append((i, len(text), ""))
    return edits
