"""Build the Cython kernels; fall back to the pure-Python twins without a compiler.

Every Cython compiler directive the project uses is set here, in one place.
"""
import os
import sys
import warnings

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# One compiled loops module per capability, beside its pure-Python twin.
KERNELS = [
    "pinyin._loops_c", "mojibake._loops_c", "mojibake._resync_c", "mojibake._screen_c", "mojibake._hybrid_c",
    "chars._loops_c", "script._loops_c",
]

DIRECTIVES = {
    "language_level": 3,
    "boundscheck": False,
    "wraparound": False,
    "cdivision": True,
    "initializedcheck": False,
    "infer_types": True,
    "embedsignature": True,
}

# ZHCLEAN_PURE_PYTHON=1 at build time skips compiling (the twins are used).
PURE = os.environ.get("ZHCLEAN_PURE_PYTHON", "").strip().lower() in ("1", "true", "yes", "on")


class OptionalBuildExt(build_ext):
    """Warn and install the pure-Python package when compiling fails."""

    def run(self):
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers, ...
            self._warn(exc)

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except Exception as exc:
            self._warn(exc)

    @staticmethod
    def _warn(exc):
        message = (
            f"zhclean: could not compile the Cython kernels ({exc}); installing the "
            "pure-Python twins instead, which give the same results but run many "
            "times slower. Install a C compiler and Python headers, then reinstall."
        )
        warnings.warn(message)
        print("WARNING: " + message, file=sys.stderr)


def extensions():
    if PURE:
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        OptionalBuildExt._warn(ImportError("Cython is not installed"))
        return []
    modules = [
        Extension(
            f"zhclean.{name}",
            [f"src/zhclean/{name.replace('.', '/')}.pyx"],
            extra_compile_args=["-O3"] if os.name != "nt" else [],
        )
        for name in KERNELS
    ]
    return cythonize(modules, compiler_directives=DIRECTIVES, quiet=True)


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
