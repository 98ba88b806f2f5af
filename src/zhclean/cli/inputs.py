"""Which inputs a command line names: files, directories (recursively) and standard input."""
from __future__ import annotations

import fnmatch
import os
import stat
from typing import NamedTuple, Optional

from .errors import describe

__all__ = ["STDIN", "Source", "discover"]


class Source(NamedTuple):
    """One input: a file, or standard input (``path`` None)."""

    name: str  # as messages show it
    path: Optional[str]
    relative: str  # below its directory argument (or the file's own name): where -o DIR puts it
    size: Optional[int]  # bytes, for regular files (the progress bar's total)


STDIN = Source("<stdin>", None, "stdin", None)


def _matches(relative: str, name: str, globs: list[str]) -> bool:
    return any(fnmatch.fnmatchcase(relative if "/" in pattern else name, pattern) for pattern in globs)


def _walk(top: str, globs: list[str]) -> list[Source]:
    """The files below ``top`` matching a pattern, in sorted order; hidden
    directories (``.git``) and symbolic links to directories are not entered."""
    found = []
    for directory, subdirectories, files in os.walk(top):
        subdirectories[:] = sorted(d for d in subdirectories if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, top).replace(os.sep, "/")
            if not _matches(relative, name, globs):
                continue
            try:
                info = os.stat(path)
            except OSError:
                continue  # a dangling link: nothing to clean
            if stat.S_ISREG(info.st_mode):
                found.append(Source(path, path, relative, info.st_size))
    return found


def discover(paths: list[str], globs: list[str]) -> tuple[list[Source], list[str], list[str]]:
    """The inputs in command-line order, the errors (one line each, for paths
    that cannot be read) and the notes (directories where nothing matched)."""
    sources: list[Source] = []
    errors: list[str] = []
    notes: list[str] = []
    for path in paths or ["-"]:
        if path == "-":
            sources.append(STDIN)
            continue
        try:
            info = os.stat(path)
        except OSError as error:
            errors.append(f"{path or repr(path)}: {describe(error)}")
            continue
        if stat.S_ISDIR(info.st_mode):
            found = _walk(path, globs)
            if not found:
                notes.append(f"{path}: no file matches {' or '.join(globs)}")
            sources.extend(found)
        else:
            size = info.st_size if stat.S_ISREG(info.st_mode) else None
            sources.append(Source(path, path, os.path.basename(path), size))
    return sources, errors, notes
