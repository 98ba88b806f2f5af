"""Dispatcher: the compiled unit scan, or its pure-Python twin."""
from __future__ import annotations

from types import ModuleType

from .._impl import PURE_PYTHON

LOOPS: ModuleType
if PURE_PYTHON:
    from . import _loops_py as LOOPS
else:
    try:
        from . import _loops_c as LOOPS  # type: ignore[no-redef]
    except ImportError:  # built without a compiler: setup.py warned then
        from . import _loops_py as LOOPS  # noqa: F401  (the fallback is the point)
