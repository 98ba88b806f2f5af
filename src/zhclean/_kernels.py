"""Pick the compiled kernels or their pure-Python twins, once, at import.

Everything else imports kernel functions from here, never from ``_pinyin``
or ``_pinyin_py`` directly.  ``ZHCLEAN_PURE_PYTHON=1`` forces the twins.
"""
from __future__ import annotations

import os

__all__ = ["KERNELS", "strip_pinyin"]

KERNELS: str
if os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0"):
    from ._pinyin_py import strip_pinyin

    KERNELS = "python"
else:
    try:
        from ._pinyin import strip_pinyin
    except ImportError:  # built without a compiler: setup.py warned then
        from ._pinyin_py import strip_pinyin

        KERNELS = "python"
    else:
        KERNELS = "cython"
