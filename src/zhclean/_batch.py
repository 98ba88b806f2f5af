"""Batches: which texts of a batch a step may change, found in one pass.

``Cleaner.clean_batch`` joins a batch's texts with line breaks and asks each
step which of them it may change (each capability's ``changing``); the
step then runs on those only.  Every step leaves a text without the
characters that start its work as it is (a scan in C tells), so on a batch
of short units (the command's lines, a ``datasets`` column) most texts skip
most steps without a Python call: the call itself cost more than the scan
that would have found nothing.  A step's ``changing`` may name texts it
then leaves as they are, never leave out one it would change.
"""
from __future__ import annotations

import bisect
import re
from typing import Union, cast

from .chars import CharTable, first_of

__all__ = ["Joined", "join", "matching", "overlapping"]

Joined = tuple[str, list[int]]  # the texts joined by "\n", and where each starts


def join(texts: list[str]) -> Joined:
    """``texts`` joined by line breaks, with the index where each starts."""
    starts = [0] * len(texts)
    at = 0
    for k, text in enumerate(texts):
        starts[k] = at
        at += len(text) + 1
    return "\n".join(texts), starts


def matching(pattern: Union[re.Pattern[str], CharTable], joined: Joined) -> list[int]:
    """The indices of the texts that hold a match of ``pattern`` starting in
    them (or a character of a ``CharTable``: a scan in C): one search from
    each text found, never a second one in it."""
    text, starts = joined
    found: list[int] = []
    pos = 0
    table = pattern if isinstance(pattern, CharTable) else None
    while True:
        if table is not None:
            at = first_of(text, table, pos)
        else:
            match = cast("re.Pattern[str]", pattern).search(text, pos)
            at = match.start() if match is not None else -1
        if at < 0:
            return found
        k = bisect.bisect_right(starts, at) - 1
        found.append(k)
        if k + 1 == len(starts):
            return found
        pos = starts[k + 1]


def overlapping(spans: list[tuple[int, int]], joined: Joined) -> list[int]:
    """The indices of the texts that ``spans`` (of the joined text, sorted) meet."""
    starts = joined[1]
    found: list[int] = []
    for start, end in spans:
        first = bisect.bisect_right(starts, start) - 1
        last = bisect.bisect_right(starts, max(start, end - 1)) - 1
        for k in range(max(first, found[-1] + 1 if found else 0), last + 1):
            found.append(k)
    return found
