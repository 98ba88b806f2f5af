"""Every test runs over both implementations, under the public API.

The ``implementation`` fixture (used by every test) swaps the loops each
capability's facade calls (``zhclean.pinyin._loops.LOOPS``,
``zhclean.mojibake._loops.LOOPS``) for the compiled modules, then for their
pure-Python twins, so the whole suite calls ``zhclean.strip_pinyin`` and
``zhclean.fix_mojibake`` twice and pins behaviour, never a private loop.
A test marked ``any_implementation`` runs once, with what is installed
(it compares the two itself with ``using``, or does not depend on them).
"""
from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator

import pytest

import zhclean
from corpus import HERE as CORPUS, REPOSITORY as ROOT, SHARED as SHARED_CORPUS, read_jsonl
from zhclean.mojibake import _loops as mojibake_dispatch
from zhclean.pinyin import _loops as pinyin_dispatch

__all__ = ["CORPUS", "ROOT", "SHARED_CORPUS", "read_jsonl", "using", "twins"]

IMPLEMENTATIONS = ("cython", "python")
_DISPATCHERS = {"pinyin": pinyin_dispatch, "mojibake": mojibake_dispatch}
_SUFFIX = {"cython": "_loops_c", "python": "_loops_py"}


def loops_of(kind: str) -> dict[str, object]:
    """The loops module of each capability for ``kind``; skips if not built."""
    modules = {}
    for capability in _DISPATCHERS:
        name = f"zhclean.{capability}.{_SUFFIX[kind]}"
        try:
            modules[capability] = importlib.import_module(name)
        except ImportError as exc:
            pytest.skip(f"{name} is not built ({exc}); test_package checks that it is")
    return modules


@contextlib.contextmanager
def using(kind: str) -> Iterator[None]:
    """Run the public API over one implementation's loops inside the block."""
    modules = loops_of(kind)
    saved = {capability: dispatch.LOOPS for capability, dispatch in _DISPATCHERS.items()}
    try:
        for capability, dispatch in _DISPATCHERS.items():
            dispatch.LOOPS = modules[capability]
        yield
    finally:
        for capability, dispatch in _DISPATCHERS.items():
            dispatch.LOOPS = saved[capability]


def twins(call, *args, **kwargs) -> tuple[object, object]:
    """``call(*args, **kwargs)`` over the compiled loops and over the twins:
    the results, or the exceptions raised, as (compiled, twin)."""
    results = []
    for kind in IMPLEMENTATIONS:
        with using(kind):
            try:
                results.append(call(*args, **kwargs))
            except Exception as exc:  # compared, not swallowed: see callers
                results.append((type(exc), str(exc)))
    return results[0], results[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "any_implementation: run once, with the installed loops (the test compares them itself)"
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "implementation" in metafunc.fixturenames:
        once = metafunc.definition.get_closest_marker("any_implementation") is not None
        metafunc.parametrize(
            "implementation", ["installed"] if once else list(IMPLEMENTATIONS), indirect=True, scope="session"
        )


@pytest.fixture(scope="session", autouse=True)
def implementation(request: pytest.FixtureRequest) -> Iterator[str]:
    """Which loops the public API runs over in this test."""
    if request.param == "installed":
        yield zhclean.KERNELS
        return
    with using(request.param):
        yield request.param
