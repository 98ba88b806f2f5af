"""Cleaning one batch of units: the work a job does, in this process or a worker.

The settings (the Cleaner and what to return) reach a worker process once,
pickled, when it starts (``start_worker``); each batch then travels as a
list of strings, or of UTF-8 runs of lines still undecoded (``raw``: the
worker decodes them, not the main process), and comes back as UTF-8 bytes.
The same function cleans in the main process with ``--jobs 1``, so the
output cannot depend on the number of jobs.
"""
from __future__ import annotations

import signal
from typing import NamedTuple, Optional, cast

from ..cleaner import Cleaner
from .extents import Extent, ExtentChanged, read_extent
from .jsonl import BadRecord, Located, locate, replace
from .spill import Spilled, SpillWriter
from .units import Units, split_lines

__all__ = ["STAT_FIELDS", "Result", "Settings", "clean_batch", "clean_in_worker", "start_worker"]

# The Cleaner's per-document statistics the command adds up (--stats).
STAT_FIELDS = (
    "units", "chars_in", "chars_out", "annotations_removed", "mojibake_repaired", "mojibake_lost",
    "chars_converted", "normalized",
)


class Settings(NamedTuple):
    cleaner: Cleaner
    field: Optional[str]  # --jsonl: the field cleaned; None: units are text
    skip_bad: bool
    stats: bool  # add up the Cleaner's statistics (slower: Cleaner.process)
    keep: bool  # return the cleaned units too (for --diff)
    lines: bool = False  # a batch holds runs of whole lines: cut them into lines (the units) first
    raw: bool = False  # ... as UTF-8 bytes: decode them first (with lines)


class Result(NamedTuple):
    data: bytes  # the cleaned units, UTF-8
    changed: bool
    cleaned: Optional[list[str]]  # with Settings.keep
    stats: Optional[tuple[int, ...]]  # with Settings.stats, in STAT_FIELDS order
    bad: list[tuple[int, str]]  # bad records: (index in the batch, what is wrong)
    stopped: bool  # the last bad record ended the input (no --skip-bad): data holds the records before it
    units: int  # units in the batch (records, for JSON Lines line numbers)
    undecodable: Optional[tuple[int, str]] = None  # raw: (byte offset in the batch, reason) of bytes
    # that are not UTF-8; data holds the units before them (the text before them ends the input)
    failed: Optional[str] = None  # an Extent could not be read (the file changed), or cleaning failed: nothing kept
    spilled: Optional[Spilled] = None  # data is in the worker's spill file, not in .data


def _clean_texts(settings: Settings, texts: list[str]) -> tuple[list[str], Optional[list[int]]]:
    if not settings.stats:
        return settings.cleaner.clean_batch(texts), None
    totals = [0] * len(STAT_FIELDS)
    cleaned = []
    for text in texts:
        done = settings.cleaner.process(text)
        cleaned.append(done.text)
        stats = done.stats
        for k, value in enumerate((1, stats.chars_in, stats.chars_out, stats.annotations_removed,
                                   stats.mojibake_repaired, stats.mojibake_lost, stats.chars_converted,
                                   stats.normalized)):
            totals[k] += value
    return cleaned, totals


def _clean_records(settings: Settings, lines: list[str]) -> Result:
    assert settings.field is not None
    bad: list[tuple[int, str]] = []
    places: list[tuple[int, Located]] = []
    stopped = False
    for index, line in enumerate(lines):
        try:
            where = locate(line, settings.field)
        except BadRecord as error:
            bad.append((index, str(error)))
            if not settings.skip_bad:
                lines = lines[:index]
                stopped = True
                break
            continue
        if where is not None:
            places.append((index, where))
    cleaned, totals = _clean_texts(settings, [where.value for _, where in places])
    out = list(lines)
    for (index, where), text in zip(places, cleaned):
        out[index] = replace(lines[index], where, text)
    changed = any(new is not old for new, old in zip(out, lines))
    return Result(
        "".join(out).encode("utf-8"), changed, out if settings.keep else None,
        tuple(totals) if totals is not None else None, bad, stopped, len(out),
    )


def decode_runs(runs: Units) -> tuple[list[str], Optional[tuple[int, str]]]:
    """UTF-8 runs of lines (or the one Extent that holds them) as text, up to
    the first bytes that are not UTF-8 (then also: their offset in the joined
    runs, and the reason).  ExtentChanged when an extent cannot be read."""
    data = read_extent(runs[0]) if runs and isinstance(runs[0], Extent) else b"".join(cast("list[bytes]", runs))
    try:
        text, undecodable = data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        text, undecodable = data[: error.start].decode("utf-8"), (error.start, error.reason)
    # No text, no unit: an empty batch counted as one had line numbers and
    # --stats depend on the block size.
    return ([text] if text else []), undecodable


def clean_batch(settings: Settings, units: Units) -> Result:
    """The batch cleaned, unit by unit.  A failure inside the library (a
    bug: any str is valid input) fails this input's batch, in one line
    naming it; the other inputs go on."""
    try:
        return _clean_batch(settings, units)
    except Exception as error:  # noqa: BLE001 - reported, one line, never a traceback
        failed = f"internal error, please report it: {type(error).__name__}: {error}"
        return Result(b"", False, [] if settings.keep else None, None, [], False, 0, failed=failed)


def _clean_batch(settings: Settings, units: Units) -> Result:
    undecodable = None
    if settings.raw:
        try:
            units, undecodable = decode_runs(cast("list[bytes]", units))
        except ExtentChanged as error:
            return Result(b"", False, [] if settings.keep else None, None, [], False, 0, failed=str(error))
    if settings.field is not None and undecodable is not None and units:
        # The record the bytes that are not UTF-8 cut short is no record: the
        # error is theirs, at their offset (it was reported as bad JSON).
        text = cast("list[str]", units)[0]
        units = [text[: text.rfind("\n") + 1]] if "\n" in text else []
    if settings.lines:
        units = split_lines(cast("list[str]", units))
    texts = cast("list[str]", units)
    if settings.field is not None:
        return _clean_records(settings, texts)._replace(undecodable=undecodable)
    cleaned, totals = _clean_texts(settings, texts)
    changed = any(new is not old and new != old for new, old in zip(cleaned, texts))
    return Result(
        "".join(cleaned).encode("utf-8"), changed, cleaned if settings.keep else None,
        tuple(totals) if totals is not None else None, [], False, len(texts), undecodable,
    )


_SETTINGS: Optional[Settings] = None
_SPILL: Optional[SpillWriter] = None


def start_worker(settings: Settings, keep: int) -> None:
    """A worker process's start: the settings, once, and the file its
    results go back through (see ``spill``: ``keep`` is how many results
    the main process may have out at once, plus one); Ctrl-C is the
    parent's to handle."""
    global _SETTINGS, _SPILL
    _SETTINGS = settings
    _SPILL = SpillWriter(keep)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def clean_in_worker(units: Units) -> Result:
    assert _SETTINGS is not None and _SPILL is not None, "start_worker was not run"
    result = clean_batch(_SETTINGS, units)
    spilled = _SPILL.put(result.data)
    return result if spilled is None else result._replace(data=b"", spilled=spilled)
