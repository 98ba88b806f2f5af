"""Dispatcher: the compiled mojibake loops, or their pure-Python twin.

``Loops`` is what the repair expects of either module; the facade passes
``LOOPS`` down, so the repair never imports a loops module itself.
"""
from __future__ import annotations

from array import array
from types import ModuleType
from typing import Protocol

from .._impl import PURE_PYTHON
from .records import HybridCosts, HybridOption, Screened, TextStats


class Loops(Protocol):
    def find_regions(self, text: str) -> list[tuple[int, int]]: ...
    def screen(self, text: str, regions: list[tuple[int, int]]) -> Screened: ...
    def scan_and_screen(self, text: str) -> Screened: ...
    def word_windows(self, text: str, start: int, end: int, wrong: str, right: str) -> list[tuple[int, int, str]]: ...
    def text_stats(self, text: str) -> TextStats: ...
    def class_bytes(self, text: str) -> bytes: ...
    def collapse_losses(self, text: str) -> str: ...
    def encode_single_byte(self, text: str, others: int = -1) -> bytes: ...
    def euro_choices(self, text: str, encoded: array, pair_first: bool, stand_in: str) -> bytes: ...
    def hybrid_path(
        self, text: str, readings: dict[str, list[HybridOption]], decoded: array, classes: bytes, costs: HybridCosts
    ) -> list[bytes | None]: ...
    def resync(
        self, region: str, wrong: str, right: str, margin: int, switch: int,
        pin_start: bool, pin_end: bool, chunk: int, least: int = 0,
    ) -> list[tuple[int, int, str]]: ...


LOOPS: ModuleType
if PURE_PYTHON:
    from . import _loops_py as LOOPS
else:
    try:
        from . import _loops_c as LOOPS  # type: ignore[no-redef]
    except ImportError:  # built without a compiler: setup.py warned then
        from . import _loops_py as LOOPS  # noqa: F401  (the fallback is the point)
