"""The ``zhclean`` command: clean UTF-8 files (or standard input) to standard output."""
from __future__ import annotations

import argparse
import sys
from typing import BinaryIO, Iterator, Literal, Sequence, cast

from . import __version__
from .pinyin import strip_pinyin

# Files are cleaned a block of lines at a time so memory stays flat on large
# inputs.  Annotations never cross a line, so cutting at a newline is exact.
BLOCK_BYTES = 1 << 20


class InputError(Exception):
    """A file that cannot be read or decoded; the message is one line."""


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhclean",
        description="Clean Chinese text: strip inline pinyin annotations "
        "such as 書(shu) left by flattened <ruby> markup. Reads UTF-8 files "
        "(or standard input) and writes the cleaned text to standard output.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files; - or none for standard input")
    parser.add_argument(
        "--verify",
        choices=("reading", "syllable"),
        default="reading",
        help="remove a pinyin group only when it is a reading of the character "
        "before it (reading, the default) or whenever it is a Mandarin syllable",
    )
    parser.add_argument("--version", action="version", version=f"zhclean {__version__}")
    return parser


def _blocks(stream: BinaryIO, name: str) -> Iterator[str]:
    """Decode ``stream`` as UTF-8 in blocks of whole lines.

    A line longer than a block is read whole: cutting inside it could cut
    an annotation in two.
    """
    offset = 0  # bytes of the file decoded so far, for error messages
    pending = b""
    first = True
    while True:
        chunk = stream.read(BLOCK_BYTES)
        data = pending + chunk if pending else chunk
        if chunk:
            cut = data.rfind(b"\n") + 1
            if cut == 0:
                pending = data
                continue
            block, pending = data[:cut], data[cut:]
        else:
            block, pending = data, b""
        if first and block.startswith(b"\xef\xbb\xbf"):
            block = block[3:]  # a UTF-8 byte order mark is not text
            offset += 3
        first = False
        try:
            text = block.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(
                f"{name}: not valid UTF-8 at byte {offset + exc.start} ({exc.reason})"
            ) from None
        offset += len(block)
        yield text
        if not chunk:
            return


Verify = Literal["reading", "syllable"]


def _clean_stream(stream: BinaryIO, name: str, out: BinaryIO, verify: Verify) -> None:
    for text in _blocks(stream, name):
        out.write(strip_pinyin(text, verify=verify).encode("utf-8", "surrogatepass"))


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    verify = cast(Verify, args.verify)  # argparse's choices= checked it
    out = sys.stdout.buffer
    status = 0
    try:
        for name in args.files or ["-"]:
            try:
                if name == "-":
                    _clean_stream(sys.stdin.buffer, "<stdin>", out, verify)
                else:
                    with open(name, "rb") as stream:
                        _clean_stream(stream, name, out, verify)
            except OSError as exc:
                if exc.filename is None and isinstance(exc, BrokenPipeError):
                    raise
                print(f"zhclean: {name}: {exc.strerror or exc}", file=sys.stderr)
                status = 1
            except InputError as exc:
                print(f"zhclean: {exc}", file=sys.stderr)
                status = 1
        out.flush()
    except BrokenPipeError:
        # The reader went away (zhclean big.txt | head): not an error of ours.
        try:
            sys.stdout = None  # type: ignore[assignment]
        finally:
            return status
    except KeyboardInterrupt:
        return 130
    return status
