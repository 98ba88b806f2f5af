"""Hugging Face ``datasets``: clean a column with ``Dataset.map``.

The one-liner::

    from zhclean.integrations.datasets import cleaner_map

    ds = ds.map(cleaner_map("text"), batched=True, num_proc=2)

``cleaner_map(column, **options)`` takes the Cleaner's options
(``cleaner_map("text", script="simplified", mojibake=False)``) or a
``cleaner=``, and ``output=`` to write the cleaned text to another column.
The callable it returns pickles as the Cleaner's options and the column
names only, so ``datasets`` computes the same fingerprint for it in every
process and every run, and a second ``map`` with the same options reuses the
cache.  It works batched (lists) and not (one string); ``None`` stays
``None``.  This module does not import ``datasets`` itself.
"""
from __future__ import annotations

from typing import Any, Optional

from ..cleaner import Cleaner

__all__ = ["CleanColumn", "cleaner_map"]


class CleanColumn:
    """``batch -> {output: cleaned texts}`` for ``Dataset.map``."""

    __slots__ = ("cleaner", "column", "output")

    def __init__(self, cleaner: Cleaner, column: str = "text", output: Optional[str] = None) -> None:
        self.cleaner = cleaner
        self.column = column
        self.output = output or column

    def __call__(self, batch: dict[str, Any]) -> dict[str, Any]:
        texts = batch[self.column]
        if texts is None or isinstance(texts, str):  # batched=False: one record
            return {self.output: None if texts is None else self.cleaner.clean(texts)}
        texts = list(texts)
        if None in texts:
            return {self.output: [None if text is None else self.cleaner.clean(text) for text in texts]}
        return {self.output: self.cleaner.clean_batch(texts)}

    def __reduce__(self) -> tuple[type, tuple[Cleaner, str, str]]:
        return CleanColumn, (self.cleaner, self.column, self.output)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CleanColumn) and (self.cleaner, self.column, self.output) == (
            other.cleaner, other.column, other.output)

    def __hash__(self) -> int:
        return hash((self.cleaner, self.column, self.output))

    def __repr__(self) -> str:
        return f"CleanColumn({self.cleaner!r}, column={self.column!r}, output={self.output!r})"


def cleaner_map(column: str = "text", *, output: Optional[str] = None, cleaner: Optional[Cleaner] = None,
                **options: Any) -> CleanColumn:
    """A callable for ``ds.map(..., batched=True)`` that cleans ``column``."""
    if cleaner is not None and options:
        raise ValueError("give either a cleaner or its options, not both")
    return CleanColumn(cleaner if cleaner is not None else Cleaner(**options), column, output)
