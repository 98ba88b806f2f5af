"""zhclean: clean Chinese text scraped from the web.

>>> import zhclean
>>> zhclean.strip_pinyin("省(sheng)委(wei)書(shu)(shu)記")
'省委書記'

``zhclean.KERNELS`` says which implementation runs: ``"cython"`` or
``"python"`` (the pure-Python twins, forced by ``ZHCLEAN_PURE_PYTHON=1``).
"""
from ._kernels import KERNELS, strip_pinyin

__version__ = "0.1.0"
__all__ = ["KERNELS", "strip_pinyin", "__version__"]
