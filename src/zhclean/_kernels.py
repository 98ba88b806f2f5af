"""Pick the compiled kernels or their pure-Python twins, once, at import.

Everything else imports kernel functions from here, never from ``_pinyin``,
``_mojibake`` or their ``_py`` twins directly.  ``ZHCLEAN_PURE_PYTHON=1``
forces the twins.
"""
from __future__ import annotations

import os

__all__ = ["KERNELS", "fix_mojibake", "mojibake_report", "strip_pinyin"]

KERNELS: str
if os.environ.get("ZHCLEAN_PURE_PYTHON", "") not in ("", "0"):
    from ._mojibake_py import fix_mojibake, mojibake_report
    from ._pinyin_py import strip_pinyin

    KERNELS = "python"
else:
    try:
        from ._mojibake import fix_mojibake, mojibake_report
        from ._pinyin import strip_pinyin
    except ImportError:  # built without a compiler: setup.py warned then
        from ._mojibake_py import fix_mojibake, mojibake_report
        from ._pinyin_py import strip_pinyin

        KERNELS = "python"
    else:
        KERNELS = "cython"
