"""Argument checks and the sets of modes, defined once for the whole package.

Every public function checks its arguments here, in its facade, before any
loop runs; the loops trust what they are given.  Each set of modes is a
``Literal`` alias, and the tuple of its values is derived from the alias, so
the two cannot drift; the command line and the stubs use the same aliases.
"""
from __future__ import annotations

from typing import Literal, NoReturn, get_args

__all__ = [
    "PUNCTUATION_DIRECTIONS",
    "Punctuation",
    "SCRIPTS",
    "SCRIPT_TARGETS",
    "UNITS",
    "Script",
    "ScriptTarget",
    "Unit",
    "VERIFY_MODES",
    "Verify",
    "check_choice",
    "require_str",
]

# How strip_pinyin decides that a bracketed syllable is an annotation.
Verify = Literal["reading", "syllable"]
VERIFY_MODES: tuple[str, ...] = get_args(Verify)

# What zhclean.convert converts into: unification into the majority script,
# or everything into one script as an OpenCC configuration does (t2s, s2t,
# s2tw, s2hk, s2twp).
ScriptTarget = Literal["auto", "simplified", "traditional", "taiwan", "hongkong", "taiwan-phrases"]
SCRIPT_TARGETS: tuple[str, ...] = get_args(ScriptTarget)

# Which way the Cleaner's punctuation step turns the marks , ; : ? ! ( ).
Punctuation = Literal["fullwidth", "ascii"]
PUNCTUATION_DIRECTIONS: tuple[str, ...] = get_args(Punctuation)

# What the command line hands the Cleaner as one document (see zhclean.cli).
Unit = Literal["line", "paragraph", "file"]
UNITS: tuple[str, ...] = get_args(Unit)

# What zhclean.detect_script reports.
Script = Literal["traditional", "simplified", "mixed", "neutral", "japanese"]
SCRIPTS: tuple[str, ...] = get_args(Script)


def require_str(text: object, function: str) -> None:
    """Raise ``TypeError`` naming ``function`` unless ``text`` is a ``str``."""
    if not isinstance(text, str):
        _not_str(text, function)


def _not_str(text: object, function: str) -> NoReturn:
    raise TypeError(
        f"{function}() expects str, not {type(text).__name__}; "
        "decode bytes first, e.g. data.decode('utf-8')"
    )


def check_choice(name: str, value: object, choices: tuple[str, ...]) -> None:
    """Raise ``ValueError`` naming the argument and its valid values."""
    if value not in choices or not isinstance(value, str):
        valid = ", ".join(repr(c) for c in choices)
        raise ValueError(f"{name} must be one of {valid}, not {value!r}")
