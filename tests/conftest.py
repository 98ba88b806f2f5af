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
from collections.abc import Iterator

import pytest

import zhclean
from corpus import HERE as CORPUS, REPOSITORY as ROOT, SHARED as SHARED_CORPUS, read_jsonl
from corpus.implementations import IMPLEMENTATIONS, NotBuilt, twins
from corpus.implementations import loops_of as _loops_of
from corpus.implementations import using as _using

__all__ = ["CORPUS", "ROOT", "SHARED_CORPUS", "read_jsonl", "using", "twins"]



def loops_of(kind: str) -> dict[str, object]:
    """The loops module of each capability for ``kind``; skips if not built."""
    try:
        return _loops_of(kind)
    except NotBuilt as exc:
        pytest.skip(f"{exc}; test_package checks that it is")


@contextlib.contextmanager
def using(kind: str) -> Iterator[None]:
    """``corpus.implementations.using``, skipping where the loops are not built."""
    loops_of(kind)
    with _using(kind):
        yield


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
