"""--stats and --stats-json: what was done, per file and in total."""
from __future__ import annotations

import json
from typing import Any, Optional

from .work import STAT_FIELDS

__all__ = ["FileStats", "render", "to_json"]

# Columns of the --stats table: (heading, key).
_COLUMNS = (
    ("chars in", "chars_in"), ("chars out", "chars_out"), ("annotations", "annotations_removed"),
    ("mojibake fixed", "mojibake_repaired"), ("lossy", "mojibake_lost"), ("converted", "chars_converted"),
    ("seconds", "seconds"), ("MB/s", "mb_per_s"),
)


class FileStats:
    """One input's figures; the Cleaner's counts only when asked for."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.bytes_in = 0
        self.bytes_out = 0
        self.seconds = 0.0
        self.counts: Optional[list[int]] = None
        self.bad_records = 0
        self.changed = False
        self.error: Optional[str] = None

    def add(self, counts: Optional[tuple[int, ...]]) -> None:
        if counts is None:
            return
        if self.counts is None:
            self.counts = [0] * len(STAT_FIELDS)
        for k, value in enumerate(counts):
            self.counts[k] += value

    def as_dict(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "name": self.name,
            "bytes_in": self.bytes_in,
            "bytes_out": self.bytes_out,
            "seconds": round(self.seconds, 6),
            "mb_per_s": round(self.bytes_in / 1e6 / self.seconds, 3) if self.seconds > 0 else None,
            "changed": self.changed,
            "bad_records": self.bad_records,
            "error": self.error,
        }
        if self.counts is not None:
            record.update(zip(STAT_FIELDS, self.counts))
        return record


def total(files: list[FileStats], seconds: float) -> FileStats:
    """The sum of ``files``, over the run's wall time."""
    sum_ = FileStats("total")
    for one in files:
        sum_.bytes_in += one.bytes_in
        sum_.bytes_out += one.bytes_out
        sum_.bad_records += one.bad_records
        sum_.changed = sum_.changed or one.changed
        if one.counts is not None:
            sum_.add(tuple(one.counts))
    sum_.seconds = seconds
    return sum_


def to_json(files: list[FileStats], seconds: float) -> str:
    summary = total(files, seconds).as_dict()
    del summary["error"]
    document = {"files": [one.as_dict() for one in files], "total": summary}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return f"{value:,}"


def render(files: list[FileStats], seconds: float) -> str:
    """A plain-text table, one row per file and a total row."""
    rows = [one.as_dict() for one in files] + [total(files, seconds).as_dict()]
    table = [["file", *(heading for heading, _ in _COLUMNS)]]
    for row in rows:
        name = row["name"] + (" (error)" if row.get("error") else "")
        table.append([name, *(_cell(row.get(key)) for _, key in _COLUMNS)])
    widths = [max(len(line[k]) for line in table) for k in range(len(table[0]))]
    lines = []
    for n, line in enumerate(table):
        cells = [line[0].ljust(widths[0])] + [cell.rjust(width) for cell, width in zip(line[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
        if n == 0:
            lines.append("  ".join("-" * width for width in widths))
    bad = sum(row["bad_records"] for row in rows[:-1])
    if bad:
        lines.append(f"bad JSONL records passed through unchanged: {bad:,}")
    return "\n".join(lines) + "\n"
