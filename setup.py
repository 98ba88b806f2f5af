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


# Where the assembler takes it: no branch that crosses or ends on a 32-byte
# boundary (Intel's JCC erratum: the microcode that works around it leaves
# such a branch out of the decoded-instruction cache).  The mojibake screen's
# hot loops ran 10-15% slower or faster as changes to other functions moved
# them: fix_mojibake on 2 MB of Greek and Cyrillic pages took 6.9 ms, then
# 8.0 after a change to _two_may_pass alone, 6.6 with this.  For that module
# alone: the character-set scan (chars._loops_c) ran 2-3% slower with it.
BRANCH_PADDING = "-Wa,-mbranches-within-32B-boundaries"
BRANCH_PADDED = {"zhclean.mojibake._screen_c"}


class OptionalBuildExt(build_ext):
    """Warn and install the pure-Python package when compiling fails."""

    def run(self):
        try:
            super().run()
        except Exception as exc:  # no compiler, no headers, ...
            self._warn(exc)

    def build_extension(self, ext):
        if (ext.name in BRANCH_PADDED and os.name != "nt" and BRANCH_PADDING not in ext.extra_compile_args
                and self._takes(BRANCH_PADDING)):
            ext.extra_compile_args = [*ext.extra_compile_args, BRANCH_PADDING]
        try:
            super().build_extension(ext)
        except Exception as exc:
            self._warn(exc)

    def _takes(self, flag):
        """Whether the compiler (and its assembler) builds a C file with ``flag``: once a build."""
        cache = self.__dict__.setdefault("_flags_taken", {})
        if flag not in cache:
            import tempfile

            with tempfile.TemporaryDirectory() as tmp:
                source = os.path.join(tmp, "probe.c")
                with open(source, "w") as out:
                    out.write("int probe(int x) { return x ? x + 1 : 0; }\n")
                try:
                    self.compiler.compile([source], output_dir=tmp, extra_postargs=[flag])
                    cache[flag] = True
                except Exception:
                    cache[flag] = False
        return cache[flag]

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
