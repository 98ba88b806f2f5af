"""The command's arguments: one parser, its Cleaner flags derived from the Cleaner.

Every step of ``zhclean.Cleaner`` is a flag of the same name, built from
``cleaner.STEPS``, ``DEFAULTS`` and ``_CHOICES`` (the one definition of the
options): a step that is on or off is ``--width`` / ``--no-width``; a step
with modes takes them as words (``--pinyin syllable``, ``--script
simplified``, ``--punctuation fullwidth``), ``none`` or ``--no-pinyin``
switching it off.  Only the one-line help of each step is written here.
"""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any, NoReturn

from .. import __version__
from .._args import UNITS, VERIFY_MODES
from ..cleaner import _CHOICES, DEFAULTS, STEPS

__all__ = ["EXIT_CHANGED", "EXIT_ERROR", "EXIT_OK", "cleaner_options", "parse"]

EXIT_OK = 0
EXIT_CHANGED = 1  # --check: files would change; --fail-on-change: files changed; --skip-bad: records skipped
EXIT_ERROR = 2  # usage, input or output errors

# What each Cleaner step does, in a few words (the flags come from the Cleaner).
STEP_HELP = {
    "mojibake": "repair text decoded with the wrong codec (鍙戝竷 -> 发布)",
    "pinyin": "strip inline pinyin annotations (書(shu) -> 書): only readings of the character "
    "before (reading) or any Mandarin syllable (syllable)",
    "script": "unify mixed Traditional/Simplified text into its majority script (auto), "
    "or convert everything to one script",
    "width": "full-width ASCII letters and digits to half-width, with the marks of a number they write (ＡＢＣ１２．５％ -> ABC12.5%%)",
    "punctuation": "ASCII ,;:?!() in Chinese to full-width (fullwidth), or the reverse (ascii)",
    "invisible": "remove zero-width characters, soft hyphens and stray byte order marks",
    "whitespace": "remove spaces at line ends (tabs stay; a lone CR ends no line), typographic spaces to spaces",
}

DESCRIPTION = """\
Clean Chinese text: repair mojibake, strip inline pinyin, unify script and
normalize width, punctuation, invisible characters and whitespace, with the
same options as zhclean.Cleaner.  Reads files, directories (recursively,
files matching --glob) or standard input; writes UTF-8 to standard output,
to -o FILE/DIR, or back in place (atomically)."""

EPILOG = """\
unit of cleaning:
  The Cleaner sees one unit at a time, as one document; the output is the
  units cleaned, in order, and does not depend on how the file is read.
    line       (default) a line, with its line break ("\\n" or "\\r\\n"); a
               lone "\\r" is not a line break.  Memory holds one block of
               lines and the longest line.
    paragraph  lines up to and including the blank lines after them (a blank
               line holds only whitespace).  Memory: the longest paragraph.
    file       the whole file (memory: the whole file).  Choose it when a
               document should be judged whole: --script auto unifies a unit
               into its own majority script, and mojibake repair weighs the
               evidence of the unit.
  With --jsonl the unit is the string in --field of each record.

encodings:
  Input is UTF-8 unless -e names another codec (gb18030, gbk, big5, utf-16,
  ...).  -e auto detects UTF-8 (with or without a byte order mark), UTF-16
  and UTF-32 with a byte order mark, GB18030/GBK and Big5 from the first
  64 KiB.  Output is always UTF-8, without a byte order mark: a BOM at the
  start of the input belongs to its encoding and is not written back.  A
  byte that does not decode is an error naming the file and its byte offset;
  standard output then ends with the text before that byte, an output file
  is not written.

exit status:
  0  success, nothing to report
  1  --check: some file would change; --fail-on-change: some file changed;
     --skip-bad: bad JSONL records were passed through unchanged
  2  usage error, or an input or output error (the other files are still
     cleaned and written)"""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """Usage errors in one line, exit status 2."""
        self.exit(EXIT_ERROR, f"zhclean: error: {message} (see zhclean --help)\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {value}")
    return value


def _word(value: Any) -> str:
    return "none" if value is None else str(value)


def _add_steps(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("cleaning steps (the options of zhclean.Cleaner, in the order they run)")
    for name in STEPS:
        default = DEFAULTS[name]
        words = [choice for choice in _CHOICES[name] if isinstance(choice, str)]
        if not words:
            group.add_argument(
                f"--{name}", action=argparse.BooleanOptionalAction, default=default,
                help=f"{STEP_HELP[name]} (default: {'on' if default else 'off'})",
            )
            continue
        group.add_argument(
            f"--{name}", choices=(*words, "none"), default=_word(default), metavar="|".join((*words, "none")),
            help=f"{STEP_HELP[name]} (default: {_word(default)})",
        )
        group.add_argument(f"--no-{name}", dest=name, action="store_const", const="none", help=f"same as --{name} none")
    # The option of the first command line (pinyin only), kept working.
    group.add_argument("--verify", dest="pinyin", choices=VERIFY_MODES, help=argparse.SUPPRESS)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="zhclean", description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or directories; - or none for standard input")
    parser.add_argument("--version", action="version", version=f"zhclean {__version__}")

    inputs = parser.add_argument_group("input")
    inputs.add_argument("--glob", action="append", metavar="PATTERN",
                        help="files to take from directories (repeatable; default *.txt, or *.jsonl with --jsonl); "
                        "a pattern with / matches the path below the directory")
    inputs.add_argument("-e", "--encoding", default="utf-8", metavar="CODEC",
                        help="encoding of the input: utf-8 (default), gb18030, big5, utf-16, ..., or auto")
    inputs.add_argument("--unit", choices=UNITS, help="what the Cleaner sees as one document (default: line; "
                        "see below)")
    inputs.add_argument("--jsonl", action="store_true", help="input is JSON Lines: clean one field of each record, "
                        "keep the other fields, the key order and the line order")
    inputs.add_argument("--field", default="text", help="the field --jsonl cleans (default: text)")
    inputs.add_argument("--skip-bad", action="store_true", help="pass malformed JSONL records through unchanged "
                        "(counted and reported) instead of stopping at them")

    outputs = parser.add_argument_group("output")
    outputs.add_argument("-o", "--output", metavar="FILE|DIR", help="write to FILE (one input) or into DIR "
                         "(several inputs or a directory: the same relative paths)")
    outputs.add_argument("-i", "--in-place", action="store_true", help="rewrite each file that changes, atomically")
    outputs.add_argument("--check", action="store_true", help="change nothing; list the files that would change "
                         "(standard output) and exit 1 if any")
    outputs.add_argument("--diff", action="store_true", help="print a unified diff of what would change instead "
                         "of writing")
    outputs.add_argument("--fail-on-change", action="store_true", help="exit 1 when a file was changed "
                         "(what a pre-commit fixer does)")

    run = parser.add_argument_group("running")
    run.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                     help="clean in N processes (0: one per CPU); the output is the same, in the same order")
    run.add_argument("--block-size", type=_positive, default=1 << 20, metavar="BYTES",
                     help="bytes read at a time (default 1 MiB); the output does not depend on it")
    run.add_argument("-q", "--quiet", action="store_true", help="no progress bar, no notes on standard error "
                     "(errors are still reported)")
    run.add_argument("--stats", action="store_true", help="print a summary per file and in total on standard error")
    run.add_argument("--stats-json", metavar="FILE", help="write the same summary as JSON to FILE")
    _add_steps(parser)
    return parser


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The arguments, checked together; a conflict is a usage error (exit 2)."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.in_place and (args.output or args.check or args.diff):
        parser.error("--in-place does not go with -o, --check or --diff")
    if args.output and (args.check or args.diff):
        parser.error("-o does not go with --check or --diff: they write nothing")
    if args.in_place and (not args.paths or "-" in args.paths):
        parser.error("--in-place needs files, not standard input")
    if args.jsonl and args.unit:
        parser.error("--unit does not apply to --jsonl: the unit is the record's field")
    if args.block_size < 1:
        parser.error("--block-size must be at least 1")
    if args.jobs == 0:
        args.jobs = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    args.unit = args.unit or "line"
    args.glob = args.glob or (["*.jsonl"] if args.jsonl else ["*.txt"])
    return args


def cleaner_options(args: argparse.Namespace) -> dict[str, Any]:
    """The Cleaner's options from the parsed flags ("none" is off)."""
    return {name: None if getattr(args, name) == "none" else getattr(args, name) for name in STEPS}


def stderr_is_terminal() -> bool:
    try:
        return sys.stderr is not None and sys.stderr.isatty()
    except (OSError, ValueError):
        return False
