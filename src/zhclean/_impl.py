"""Which implementation of the loops runs: the one switch for every capability.

``ZHCLEAN_PURE_PYTHON`` set to a true value (``1``, ``true``, ``yes``, ``on``)
forces the pure-Python twins; unset, empty or false (``0``, ``false``, ``no``,
``off``) leaves the compiled loops in charge where they were built.  Each
capability's dispatcher (``pinyin/_loops.py``, ``mojibake/_loops.py``) reads
``PURE_PYTHON`` and picks its module once, at import.
"""
from __future__ import annotations

import os

__all__ = ["PURE_PYTHON", "implementation_of"]

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


def _flag(name: str) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"{name}={os.environ[name]!r}: use 1/true/yes/on or 0/false/no/off")


PURE_PYTHON = _flag("ZHCLEAN_PURE_PYTHON")


def implementation_of(module: object) -> str:
    """``"cython"`` for a compiled loops module, ``"python"`` for a twin."""
    return "python" if getattr(module, "__file__", "").endswith(".py") else "cython"
