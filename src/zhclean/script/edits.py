"""Edits: what a conversion changes, as (start, end, replacement) in the input.

Both kinds of conversion produce edits, sorted and disjoint, and ``convert``
applies them, so there is one implementation of each conversion and the
``Cleaner`` can report and map every change.  An explicit target converts
the text piece by piece, cut at characters that occur in no OpenCC
dictionary key (``tables``' alphabet): no dictionary match can start, end
or cross such a character, so each piece converts exactly as it does inside
the whole text, and a text with no such piece never reaches OpenCC.
"""
from __future__ import annotations

from collections.abc import Sequence

from .._edits import Edit, apply
from .converters import convert_pieces
from .tables import CHUNKS

__all__ = ["Edit", "apply", "converted_count", "explicit_edits", "replace"]

# How many characters at each end of a replacement are compared one by one
# before bisecting: a run's first and last characters always change, and a
# converted sentence mostly changes within its first few characters.
LINEAR = 8


def _common_prefix(a: str, b: str) -> int:
    """Length of the common prefix of ``a`` and ``b``: a few characters looked
    at one by one (a conversion mostly changes the first ones), then slices
    compared in C, by bisection."""
    hi = min(len(a), len(b))
    for k in range(min(hi, LINEAR)):
        if a[k] != b[k]:
            return k
    lo = min(hi, LINEAR)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[:mid] == b[:mid]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _common_suffix(a: str, b: str, limit: int) -> int:
    """Length of the common suffix of ``a`` and ``b``, at most ``limit``."""
    for k in range(min(limit, LINEAR)):
        if a[len(a) - 1 - k] != b[len(b) - 1 - k]:
            return k
    lo, hi = min(limit, LINEAR), limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if a[len(a) - mid :] == b[len(b) - mid :]:
            lo = mid
        else:
            hi = mid - 1
    return lo


def replace(text: str, start: int, end: int, new: str) -> list[Edit]:
    """The edit turning ``text[start:end]`` into ``new``, without the common
    prefix and suffix; none when they are equal."""
    old = text[start:end]
    if old == new:
        return []
    head = _common_prefix(old, new)
    tail = _common_suffix(old, new, min(len(old), len(new)) - head)
    return [(start + head, end - tail, new[head : len(new) - tail])]


def explicit_edits(text: str, config: str) -> list[Edit]:
    """The edits of OpenCC ``config`` over ``text``."""
    chunks = [m.span() for m in CHUNKS.get().finditer(text)]
    if not chunks:
        return []
    converted = convert_pieces(config, [text[a:b] for a, b in chunks])
    edits: list[Edit] = []
    for (a, b), new in zip(chunks, converted):
        edits.extend(replace(text, a, b, new))
    return edits


def converted_count(text: str, edits: Sequence[Edit]) -> int:
    """How many characters of ``text`` the edits change: those that differ,
    where an edit keeps the length (every conversion but the vocabulary of
    ``"taiwan-phrases"``), else every character the edit replaces."""
    changed = 0
    for start, end, new in edits:
        if end - start == len(new):
            changed += sum(map(str.__ne__, text[start:end], new))
        else:
            changed += end - start
    return changed
