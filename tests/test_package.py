"""The package as installed: which kernels run, what import costs, typing."""
from __future__ import annotations

import doctest
import os
import pathlib
import subprocess
import sys

import pytest

import zhclean


def python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.skipif(
    os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0"), reason="the twins were asked for"
)
def test_installed_package_runs_the_compiled_kernels():
    assert zhclean.KERNELS == "cython"
    assert zhclean.strip_pinyin.__module__ == "zhclean._pinyin"


def test_environment_variable_forces_the_twins():
    assert python("import zhclean; print(zhclean.KERNELS)", ZHCLEAN_PURE_PYTHON="1") == "python"
    assert python("import zhclean; print(zhclean.strip_pinyin('書(shu)'))", ZHCLEAN_PURE_PYTHON="1") == "書"


def test_import_is_light():
    """Importing loads no table and no heavy module; the first call loads the readings."""
    out = python(
        "import sys, zhclean, zhclean._pinyin_tables as t;"
        "heavy = [m for m in ('opencc', 'regex', 'pypinyin', 'jieba', 'numpy') if m in sys.modules];"
        "print(t._tables is None, heavy);"
        "zhclean.strip_pinyin('書(shu)'); print(t._tables is not None)"
    )
    assert out.splitlines() == ["True []", "True"]


def test_typing_information_ships():
    package = pathlib.Path(zhclean.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "_pinyin.pyi").exists()


def test_docstring_examples():
    from zhclean import _pinyin_py

    for module in (zhclean, _pinyin_py):
        failures, tried = doctest.testmod(module)
        assert tried and not failures
    try:
        from zhclean import _pinyin
    except ImportError:
        return
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner()
    for test in finder.find(_pinyin.strip_pinyin, "strip_pinyin", globs={"strip_pinyin": _pinyin.strip_pinyin}):
        runner.run(test)
    assert runner.failures == 0 and runner.tries > 0


def test_every_reading_belongs_to_a_han_character():
    from zhclean._pinyin_tables import is_han, reading_tables

    tables = reading_tables()
    assert len(tables.readings) > 40000
    assert all(is_han(cp) for cp in tables.readings)
    assert all(len(s) <= 6 and s.isascii() and s.isalpha() for s in tables.syllables)
