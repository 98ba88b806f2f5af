"""zhclean: clean Chinese text scraped from the web.

>>> import zhclean
>>> zhclean.strip_pinyin("省(sheng)委(wei)書(shu)(shu)記")
'省委書記'
>>> zhclean.fix_mojibake("鍙戝竷浜嗘柊闂伙紝浠婂ぉ")
'发布了新闻，今天'

``zhclean.KERNELS`` says which implementation runs: ``"cython"`` or
``"python"`` (the pure-Python twins, forced by ``ZHCLEAN_PURE_PYTHON=1``).
"""
from ._kernels import KERNELS, fix_mojibake, mojibake_report, strip_pinyin
from ._mojibake_types import MojibakeFinding

__version__ = "0.1.0"
__all__ = ["KERNELS", "MojibakeFinding", "fix_mojibake", "mojibake_report", "strip_pinyin", "__version__"]
