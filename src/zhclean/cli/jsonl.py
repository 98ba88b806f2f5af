"""JSON Lines: clean one string field of each record, touching nothing else.

A record's line is rewritten only where its field's value changes: the
value's JSON text is replaced by the cleaned string's (non-ASCII written as
such, lone surrogates escaped), and every other byte of the line (other
fields, key order, spacing, escapes, number spellings, the line break)
stays.  A blank line is passed through.  A line that is not a JSON object
with that field holding a string is a bad record.
"""
from __future__ import annotations

import json
import re
from json.decoder import scanstring  # type: ignore[attr-defined]
from typing import NamedTuple, Optional

__all__ = ["BadRecord", "Located", "locate", "replace"]

_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_SURROGATE = re.compile("[\ud800-\udfff]")


class BadRecord(ValueError):
    """A line that is not a record with the field as a string; one line of words."""


class Located(NamedTuple):
    value: str
    start: int  # the value's JSON text in the line: line[start:end]
    end: int


def _skip(line: str, at: int) -> int:
    return _SPACE.match(line, at).end()  # type: ignore[union-attr]


def _expect(line: str, at: int, what: str) -> None:
    if line[at:at + 1] != what:
        found = repr(line[at]) if at < len(line) else "the end of the line"
        raise BadRecord(f"expected {what!r} at column {at + 1}, found {found}")


def locate(line: str, field: str) -> Optional[Located]:
    """Where ``field``'s string value is in ``line`` (None for a blank line).

    Reads the whole line as JSON (the top-level object member by member,
    each value with the standard decoder), so a line is either a valid
    record or a ``BadRecord``.  With a key given twice, the last one counts,
    as in ``json.loads``.
    """
    at = _skip(line, 0)
    if at == len(line):
        return None
    _expect(line, at, "{")
    at = _skip(line, at + 1)
    found: Optional[tuple[object, int, int]] = None
    if line[at:at + 1] == "}":
        at += 1
    else:
        while True:
            _expect(line, at, '"')
            try:
                key, at = scanstring(line, at + 1)
                at = _skip(line, at)
                _expect(line, at, ":")
                start = _skip(line, at + 1)
                value, at = _DECODER.raw_decode(line, start)
            except json.JSONDecodeError as error:
                # (json's own messages may end in "at": "Unterminated string starting at")
                raise BadRecord(f"{error.msg.removesuffix(' at')} at column {error.colno}") from None
            if key == field:
                found = (value, start, at)
            at = _skip(line, at)
            if line[at:at + 1] == ",":
                at = _skip(line, at + 1)
                continue
            _expect(line, at, "}")
            at += 1
            break
    at = _skip(line, at)
    if at != len(line):
        raise BadRecord(f"extra data after the record at column {at + 1}")
    if found is None:
        raise BadRecord(f"no field {field!r}")
    value, start, end = found
    if not isinstance(value, str):
        raise BadRecord(f"field {field!r} is {type(value).__name__}, not a string")
    return Located(value, start, end)


def replace(line: str, where: Located, cleaned: str) -> str:
    """``line`` with the located value replaced by ``cleaned`` (the line itself if unchanged)."""
    if cleaned == where.value:
        return line
    text = json.dumps(cleaned, ensure_ascii=False)
    if _SURROGATE.search(text):
        # Lone surrogates have no UTF-8: escaped, they alone (the rest of the
        # field stays as it reads).
        text = _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return line[:where.start] + text + line[where.end:]
