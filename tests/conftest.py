"""Every kernel test runs over both implementations, Cython and pure Python."""
from __future__ import annotations

import importlib

import pytest

from corpus import HERE as CORPUS, REPOSITORY as ROOT, SHARED as SHARED_CORPUS, read_jsonl

IMPLEMENTATIONS = {
    "pinyin": {"cython": "zhclean._pinyin", "python": "zhclean._pinyin_py"},
    "mojibake": {"cython": "zhclean._mojibake", "python": "zhclean._mojibake_py"},
}


def _load(module_name: str):
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        pytest.skip(f"{module_name} is not built ({exc}); test_package checks that it is")


@pytest.fixture(params=["cython", "python"], scope="session")
def pinyin(request):
    """The pinyin kernel module: compiled, then its pure-Python twin."""
    return _load(IMPLEMENTATIONS["pinyin"][request.param])


@pytest.fixture(scope="session")
def both_pinyin():
    return _load(IMPLEMENTATIONS["pinyin"]["cython"]), _load(IMPLEMENTATIONS["pinyin"]["python"])


@pytest.fixture(params=["cython", "python"], scope="session")
def mojibake(request):
    """The mojibake kernel module: compiled, then its pure-Python twin."""
    return _load(IMPLEMENTATIONS["mojibake"][request.param])


@pytest.fixture(scope="session")
def both_mojibake():
    return _load(IMPLEMENTATIONS["mojibake"]["cython"]), _load(IMPLEMENTATIONS["mojibake"]["python"])
