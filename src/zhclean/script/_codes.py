"""The character codes the unit scan reads: one byte per BMP character, one bit per class.

``units`` builds one table per minority side from the script's classes; the
compiled scan (``_loops_c.pyx``) tests these bits, and its twin
(``_loops_py.py``) turns each bit back into a regular-expression class.
Characters outside the BMP are in no class (the classes of ``tables`` are
BMP-only for ``re``'s sake, and so are the unit patterns).
"""
from __future__ import annotations

from collections.abc import Iterable

MINORITY = 0x01  # the minority script's characters
MAJORITY = 0x02  # the majority script's characters
STRONG = 0x04  # minority characters no page of the majority writes (not weak)
SENTENCE_END = 0x08  # SENTENCE_ENDS
CLAUSE_END = 0x10  # CLAUSE_ENDS (sentence ends included)
KANA = 0x20
CHANGING = 0x40  # what a clause's conversion changes: minority characters and CS/CT
REACH = 0x80  # what a window reaches over: dictionary characters of neither script
# On a minority character (never REACH, which is of neither script): one the
# majority's pages write as their own word (tables.own), so that two of them
# are no run (Cantonese 結晒婚生晒仔).
OWN = REACH

TABLE_SIZE = 0x10000


def code_table(classes: Iterable[tuple[int, Iterable[str]]]) -> bytes:
    """The table: for each (bit, characters), that bit set on each BMP character."""
    table = bytearray(TABLE_SIZE)
    for bit, chars in classes:
        for ch in chars:
            cp = ord(ch)
            if cp < TABLE_SIZE:
                table[cp] |= bit
    return bytes(table)


def chars_with(table: bytes, bit: int) -> str:
    """The characters whose code has ``bit``, in code-point order."""
    return "".join(chr(cp) for cp, code in enumerate(table) if code & bit)
