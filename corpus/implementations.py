"""Switching the loops the public API runs over, for tests and benchmarks.

Each capability's facade calls the module its dispatcher holds in ``LOOPS``
(``zhclean.pinyin._loops``, ``zhclean.mojibake._loops``, ``zhclean.chars._loops``, ``zhclean.script._loops``); swapping those
runs the very same public functions over the compiled loops or over their
pure-Python twins.  ``tests/conftest.py`` runs the whole suite both ways
with this, and the benchmarks time both.
"""
from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable, Iterator
from types import ModuleType
from typing import Any

from zhclean.chars import _loops as _chars_dispatch
from zhclean.mojibake import _loops as _mojibake_dispatch
from zhclean.pinyin import _loops as _pinyin_dispatch
from zhclean.script import _loops as _script_dispatch

IMPLEMENTATIONS = ("cython", "python")
DISPATCHERS = {"pinyin": _pinyin_dispatch, "mojibake": _mojibake_dispatch, "chars": _chars_dispatch, "script": _script_dispatch}
_SUFFIX = {"cython": "_loops_c", "python": "_loops_py"}


class NotBuilt(ImportError):
    """The compiled loops were not built (no compiler at install time)."""


def loops_of(kind: str) -> dict[str, ModuleType]:
    """The loops module of each capability for ``kind`` (``cython`` or ``python``)."""
    modules = {}
    for capability in DISPATCHERS:
        name = f"zhclean.{capability}.{_SUFFIX[kind]}"
        try:
            modules[capability] = importlib.import_module(name)
        except ImportError as exc:
            raise NotBuilt(f"{name} is not built ({exc})") from exc
    return modules


@contextlib.contextmanager
def using(kind: str) -> Iterator[None]:
    """Run the public API over one implementation's loops inside the block."""
    modules = loops_of(kind)
    saved = {capability: dispatch.LOOPS for capability, dispatch in DISPATCHERS.items()}
    try:
        for capability, dispatch in DISPATCHERS.items():
            dispatch.LOOPS = modules[capability]
        yield
    finally:
        for capability, dispatch in DISPATCHERS.items():
            dispatch.LOOPS = saved[capability]


def over(kind: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` (a public one) bound to run over ``kind``'s loops."""
    loops_of(kind)  # fail now, not in the middle of a timing

    def call(*args: Any, **kwargs: Any) -> Any:
        with using(kind):
            return function(*args, **kwargs)

    call.__name__ = f"{function.__name__}[{kind}]"
    return call


def twins(call: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, Any]:
    """``call(*args, **kwargs)`` over the compiled loops and over the twins:
    the results, or the (type, message) of the exceptions raised, as
    (compiled, twin)."""
    results = []
    for kind in IMPLEMENTATIONS:
        with using(kind):
            try:
                results.append(call(*args, **kwargs))
            except Exception as exc:  # compared by the caller, not swallowed
                results.append((type(exc), str(exc)))
    return results[0], results[1]
