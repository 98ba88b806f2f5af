"""zhclean: clean Chinese text scraped from the web.

>>> import zhclean
>>> zhclean.strip_pinyin("省(sheng)委(wei)書(shu)(shu)記")
'省委書記'
>>> zhclean.fix_mojibake("鍙戝竷浜嗘柊闂伙紝浠婂ぉ")
'发布了新闻，今天'
>>> zhclean.convert("這個頁面有疑問，請到互助客栈询问。")
'這個頁面有疑問，請到互助客棧詢問。'

>>> zhclean.clean("鍙戝竷浜嗘柊闂伙紝書(shu)記")
'发布了新闻，書記'

``zhclean.Cleaner`` composes every step (see ``zhclean.cleaner``).
One subpackage per capability (``pinyin``, ``mojibake``, ``script``, and
``chars``, the character-set scans they share), each with its facade under
the plain name and its compiled loops with their pure-Python twin beside
them (``script``'s convert through OpenCC).
``zhclean.KERNELS`` says which loops run: ``"cython"``, or ``"python"``
(the twins, forced by ``ZHCLEAN_PURE_PYTHON=1``, or used where the package
was installed without a compiler).
"""
from __future__ import annotations

from ._impl import implementation_of as _implementation_of
from .chars import _loops as _chars_loops
from .mojibake import MojibakeFinding, fix_mojibake, mojibake_report
from .mojibake import _loops as _mojibake_loops
from .pinyin import strip_pinyin
from .pinyin import _loops as _pinyin_loops
from .script import ScriptInfo, convert, detect_script
from .script import _loops as _script_loops
from .cleaner import Cleaned, Cleaner, CleanStats, TracedEdit, clean

__version__ = "0.2.0"

KERNELS: str = (
    "cython"
    if {_implementation_of(loops.LOOPS) for loops in (_pinyin_loops, _mojibake_loops, _chars_loops, _script_loops)} == {"cython"}
    else "python"
)

__all__ = [
    "KERNELS",
    "CleanStats",
    "Cleaned",
    "Cleaner",
    "MojibakeFinding",
    "ScriptInfo",
    "TracedEdit",
    "clean",
    "convert",
    "detect_script",
    "fix_mojibake",
    "mojibake_report",
    "strip_pinyin",
    "__version__",
]
