"""The README's examples are doctests: the documentation is the first test suite."""
from __future__ import annotations

import doctest
import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.any_implementation


def test_readme_examples_run():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert blocks
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    globs: dict = {}
    for number, block in enumerate(blocks):
        runner.run(parser.get_doctest(block, globs, f"README block {number}", "README.md", 0), clear_globs=False)
    assert runner.failures == 0 and runner.tries >= 5
