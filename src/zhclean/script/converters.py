"""OpenCC converters: one per configuration per process, built on first use.

Each converter loads its dictionaries when it is made (tens of
milliseconds), so none is made at import, and each is made once per process
by the package's one lazy loader; a ``Lazy`` refuses to be pickled, so no
object that holds one at module level (``convert``, a ``Cleaner`` that
calls it) carries an OpenCC object into a pickle: the other process builds
its own.

Thread safety: the binding (``opencc`` 1.4.2, pybind11) holds the GIL for
the whole of ``convert`` (measured: a Python thread made no progress for the
0.31 s one 4 MB conversion took), so two calls never overlap today.  Each
converter still gets its own lock, which costs one uncontended acquire per
call (zhclean makes one call per document and configuration), so that a
build without a GIL, or a binding that releases it, cannot run one
converter in two threads at once.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Sequence

from .._lazy import Lazy
from ..chars import CharMap, translate
from . import _loops

# The OpenCC configuration behind each explicit target, and the Simplified
# one unification uses for a Simplified majority.
CONFIGS = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2tw",
    "hongkong": "s2hk",
    "taiwan-phrases": "s2twp",
}

# Joins the pieces of one batch: no OpenCC dictionary key holds a line
# break (the table generator checks), so no match can cross it and the
# converted batch splits back into exactly the converted pieces.
SEPARATOR = "\n"
# A lone surrogate (a str may hold one; UTF-8, which the binding hands
# OpenCC, cannot) goes to OpenCC as a SEPARATOR, which no match crosses, as
# none crosses a character no dictionary holds, and is put back after.
_BREAKS = re.compile(f"[{SEPARATOR}\ud800-\udfff]")
_SURROGATES = re.compile("[\ud800-\udfff]")


class _Converter:
    """An OpenCC converter behind a lock."""

    __slots__ = ("_convert", "_lock", "config")

    def __init__(self, config: str) -> None:
        import opencc  # only when the first text needs it: importing zhclean loads no OpenCC

        self.config = config
        self._convert = opencc.OpenCC(config).convert
        self._lock = threading.Lock()

    def __call__(self, text: str) -> str:
        if _SURROGATES.search(text) is not None:
            return self._around_surrogates(text)
        with self._lock:
            return self._convert(text)

    def _around_surrogates(self, text: str) -> str:
        """OpenCC's conversion of ``text``, each lone surrogate left where it is."""
        with self._lock:
            converted = self._convert(_SURROGATES.sub(SEPARATOR, text)).split(SEPARATOR)
        breaks = _BREAKS.findall(text)  # what each SEPARATOR stood for
        return converted[0] + "".join(b + part for b, part in zip(breaks, converted[1:]))


def _lazy(config: str) -> Lazy[_Converter]:
    def build() -> _Converter:
        return _Converter(config)

    build.__name__ = f"opencc_{config}"
    return Lazy(build)


CONVERTERS: dict[str, Lazy[_Converter]] = {config: _lazy(config) for config in sorted(set(CONFIGS.values()))}


def convert_joined(config: str, pieces: Sequence[str], forms: CharMap | None = None) -> str:
    """OpenCC's conversion of the pieces (no piece may hold a line break),
    in one call, still joined by SEPARATOR; then ``forms`` replaced when
    given."""
    if not pieces:
        return ""
    return _converted(config, SEPARATOR.join(pieces), len(pieces), forms)


def _converted(config: str, text: str, pieces: int, forms: CharMap | None) -> str:
    joined = CONVERTERS[config].get()(text)
    if joined.count(SEPARATOR) != pieces - 1:
        raise RuntimeError(f"OpenCC {config} changed the number of lines of a batch")
    if forms is not None:
        joined = translate(joined, forms)
    return joined


def convert_spans(config: str, text: str, spans: Sequence[tuple[int, ...]], forms: CharMap | None = None) -> str:
    """``convert_joined`` of the pieces of ``text`` that ``spans`` cover
    (a span's first and last numbers), joined in one string written once
    (``_loops.joined``: a list of 12,496 slices and its join took 2 ms of
    the zhwiki text's unification)."""
    if not spans:
        return ""
    return _converted(config, _loops.LOOPS.joined(text, list(spans)), len(spans), forms)


def convert_pieces(config: str, pieces: Sequence[str], forms: CharMap | None = None) -> list[str]:
    """OpenCC's conversion of each piece (no piece may hold a line break), in
    one call; then ``forms`` replaced when given."""
    if not pieces:
        return []
    return convert_joined(config, pieces, forms).split(SEPARATOR)
