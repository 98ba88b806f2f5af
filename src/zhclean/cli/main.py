"""``main``: inputs to outputs through the Cleaner, in order, with one-line errors.

Each input gets its own output (a file written atomically, or its share of
standard output); an error in one input is reported in one line, aborts
that input's output only, and the next input is cleaned.  Only an error of
standard output itself (closed, full) ends the run; a reader that goes away
(``zhclean big.txt | head``) ends it quietly.
"""
from __future__ import annotations

import argparse
import os
import signal
import stat
import sys
import time
from collections import deque
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from typing import BinaryIO, Iterator, NamedTuple, Optional, Sequence, Union, cast

from .._args import Unit
from ..cleaner import Cleaner
from .decoding import Decoder, failure_message, resolve
from .diff import Diff
from .errors import CommandError, InputError, OutputError, describe
from .extents import extent_batches
from .inputs import Source, discover
from .jobs import Done, Runner, WorkersFailed
from .options import EXIT_CHANGED, EXIT_ERROR, EXIT_OK, cleaner_options, parse, stderr_is_terminal
from .output import NullSink, Sink, StreamSink, output_file
from .progress import Progress
from .stats import FileStats, render, to_json
from .units import read_batches, split_lines
from .work import Settings

__all__ = ["main"]


class _Fatal(Exception):
    """An error that ends the run (standard output unusable, a worker lost)."""


class FileRun:
    """One input on its way: its decoder, output, figures and state."""

    def __init__(self, source: Source, sink: Sink, decoder: Decoder, diff: Optional[Diff]) -> None:
        self.source = source
        self.sink = sink
        self.decoder = decoder
        self.diff = diff
        self.stats = FileStats(source.name)
        self.start = time.perf_counter()
        self.lines = 0  # records seen (JSONL line numbers)
        self.changed = False
        self.error: Optional[str] = None  # set when the input failed; its later batches are dropped


class Item(NamedTuple):
    run: FileRun
    future: Union[Future, Done, None]  # None: the end of the input
    units: Optional[list[str]]  # the batch (kept for --diff)
    raw: int  # bytes read for it
    error: Optional[CommandError]  # at the end: why the input stopped, if it did
    start: int = 0  # the input's byte offset of the batch (Settings.raw)


class App:
    def __init__(self, args: argparse.Namespace, cleaner: Cleaner, encoding: str) -> None:
        self.args = args
        self.encoding = encoding
        lines = args.jsonl or args.unit == "line"
        # UTF-8 runs of lines go to the cleaning undecoded (--diff keeps the
        # input's units as text, to compare).
        raw = lines and encoding == "utf-8" and not args.diff
        self.settings = Settings(cleaner, args.field if args.jsonl else None, args.skip_bad,
                                 bool(args.stats or args.stats_json), args.diff, lines, raw)
        self.status = EXIT_OK
        self.stdout: Optional[BinaryIO] = getattr(sys.stdout, "buffer", None)
        self.stdout_sink: Optional[StreamSink] = None
        self.progress = Progress(None, None)
        self.files: list[FileStats] = []
        self.changed_files = 0
        self.bad_records = 0
        self.open_runs: list[FileRun] = []

    # --- messages ---------------------------------------------------------------
    def error(self, message: str) -> None:
        self.progress.clear()
        print(f"zhclean: {message}", file=sys.stderr, flush=True)
        self.status = EXIT_ERROR

    def note(self, message: str) -> None:
        if not self.args.quiet:
            self.progress.clear()
            print(f"zhclean: {message}", file=sys.stderr, flush=True)

    # --- planning ---------------------------------------------------------------
    def _uses_stdout(self) -> bool:
        return not (self.args.output or self.args.in_place) or self.args.check or self.args.diff

    def _targets(self, sources: list[Source]) -> Optional[list[Optional[str]]]:
        """Each input's output file (None: standard output or nothing), or
        None after a usage error."""
        args = self.args
        if args.in_place:
            return [source.path for source in sources]
        if not args.output:
            return [None] * len(sources)
        into_directory = (
            os.path.isdir(args.output) or args.output.endswith(("/", os.sep)) or len(sources) > 1
            or any(os.path.isdir(path) for path in args.paths)
        )
        if not into_directory:
            return [args.output for _ in sources]
        targets: list[Optional[str]] = []
        seen: dict[str, str] = {}
        for source in sources:
            if source.path is None:
                self.error("standard input cannot go into a directory: give -o a file name")
                return None
            target = os.path.join(args.output, *source.relative.split("/"))
            if target in seen:
                self.error(f"{source.name} and {seen[target]} would both be written to {target}")
                return None
            seen[target] = source.name
            targets.append(target)
        return targets

    def _refuse_same_file(self, sources: list[Source], targets: list[Optional[str]]) -> bool:
        """Whether an output is its own input without --in-place (then say so)."""
        stdout_file = None
        if self.stdout is not None and not (self.args.output or self.args.in_place or self.args.check
                                            or self.args.diff):
            try:
                info = os.fstat(self.stdout.fileno())
                if stat.S_ISREG(info.st_mode):
                    stdout_file = (info.st_dev, info.st_ino)
            except (OSError, ValueError):
                pass
        for source, target in zip(sources, targets):
            if source.path is None or self.args.in_place:
                continue
            try:
                info = os.stat(source.path)
            except OSError:
                continue
            if (info.st_dev, info.st_ino) == stdout_file:
                self.error(f"{source.name}: standard output is this input file; use --in-place to rewrite it")
                return True
            if target is not None and os.path.exists(target) and os.path.samefile(source.path, target):
                self.error(f"{source.name}: the output is the input file; use --in-place to rewrite it")
                return True
        return False

    # --- one input --------------------------------------------------------------
    def _start(self, source: Source, target: Optional[str]) -> Optional[FileRun]:
        args = self.args
        try:
            if args.check or args.diff:
                sink: Sink = NullSink()
            elif args.in_place and target is not None and not os.path.isfile(target):
                self.error(f"{source.name}: not a regular file; --in-place rewrites files only")
                return None
            elif target is not None:
                sink = output_file(target, only_if_changed=args.in_place)
            else:
                assert self.stdout_sink is not None
                sink = self.stdout_sink
        except OutputError as error:
            self.error(str(error))
            return None
        run = FileRun(source, sink, Decoder(self.encoding, source.name), Diff(source.name) if args.diff else None)
        self.open_runs.append(run)
        return run

    def _items(self, run: FileRun, runner: Runner) -> Iterator[Item]:
        source = run.source
        try:
            stream: BinaryIO = (
                sys.stdin.buffer if source.path is None else open(source.path, "rb", buffering=0)  # noqa: SIM115
            )
        except OSError as error:
            yield Item(run, None, None, 0, InputError(f"{source.name}: {describe(error)}"))
            return
        except AttributeError:  # standard input closed
            yield Item(run, None, None, 0, InputError("<stdin>: standard input is closed"))
            return
        try:
            unit: Unit = self.args.unit if not self.args.jsonl else "line"
            if runner.jobs > 1 and self.settings.raw and source.path is not None and _regular(stream):
                batches = extent_batches(stream.fileno(), source.path, run.decoder)  # workers read them
            else:
                batches = read_batches(
                    stream, run.decoder, unit, self.args.block_size, self.settings.raw, partial=not self.args.jsonl
                )
            for batch in batches:
                future = runner.submit(batch.units)
                units = cast("list[str]", batch.units) if self.args.diff else None  # --diff: never raw
                yield Item(run, future, units, batch.raw_bytes, None, batch.start)
                if run.error is not None:
                    break  # bytes that are not UTF-8 (found in a worker) ended the input
        except CommandError as error:
            yield Item(run, None, None, 0, error)
        except OSError as error:
            yield Item(run, None, None, 0, InputError(f"{source.name}: read error: {describe(error)}"))
        else:
            yield Item(run, None, None, 0, None)
        finally:
            if source.path is not None:
                stream.close()

    def _take(self, item: Item, runner: Runner) -> None:
        """A batch's result, in input order, to its output."""
        run = item.run
        if item.future is None:
            self._finish(run, item.error)
            return
        if run.error is not None:
            item.future.cancel()
            return
        try:
            result = runner.take(item.future)
        except BrokenProcessPool:
            raise _Fatal("a worker process died (out of memory?); stopping") from None
        if result.failed is not None:
            run.error = f"{run.source.name}: {result.failed}"
            return
        for index, message in result.bad:
            where = f"{run.source.name}:{run.lines + index + 1}"
            if result.stopped and index == result.bad[-1][0]:
                run.error = f"{where}: bad JSONL record: {message} (--skip-bad passes such records through)"
            else:
                run.stats.bad_records += 1
                self.note(f"{where}: bad JSONL record passed through unchanged: {message}")
        run.lines += result.units
        if result.undecodable is not None and run.error is None:
            at, reason = result.undecodable
            run.error = failure_message(run.source.name, "utf-8", item.start + at, reason)
        spilled = result.spilled
        try:
            if spilled is None:
                run.sink.write(result.data)
            else:  # in the worker's spill file (see spill.py): copied from there
                run.sink.copy_from(runner.spill_descriptor(spilled), spilled.offset, spilled.length)
        except OutputError as error:
            if run.sink is self.stdout_sink:
                raise _Fatal(str(error)) from None
            run.error = str(error)
            return
        except BrokenPipeError:
            raise  # standard output closed: the run ends quietly (see run)
        except (OSError, EOFError) as error:  # the spill file: unreadable, cut short
            why = describe(error) if isinstance(error, OSError) else str(error)
            raise _Fatal(f"a worker's result could not be read back: {why}; stopping") from None
        if run.diff is not None and item.units is not None and result.cleaned is not None:
            originals = split_lines(item.units) if self.settings.lines else item.units
            run.diff.add(originals[: len(result.cleaned)], result.cleaned)
        run.changed = run.changed or result.changed
        run.stats.add(result.stats)
        run.stats.bytes_in += item.raw
        run.stats.bytes_out += len(result.data) if spilled is None else spilled.length
        self.progress.advance(item.raw)

    def _finish(self, run: FileRun, error: Optional[CommandError]) -> None:
        self.open_runs.remove(run)
        run.stats.seconds = time.perf_counter() - run.start
        self.files.append(run.stats)
        self.bad_records += run.stats.bad_records
        message = str(error) if error is not None else run.error
        try:
            if message is not None:
                run.sink.abort()
                run.stats.error = message
                self.error(message)
                return
            changed = run.changed or not run.decoder.lossless  # a BOM, another codec: other bytes
            run.stats.changed = changed
            if changed:
                self.changed_files += 1
            if self.args.check and changed:
                self._print(f"{run.source.name}\n".encode("utf-8", "surrogateescape"))
            if run.diff is not None:
                self._print(run.diff.render().encode("utf-8", "surrogateescape"))
            if run.sink.commit(changed) and self.args.in_place:
                self.note(f"cleaned {run.source.name}")
        except OutputError as failure:
            if run.sink is self.stdout_sink:
                raise _Fatal(str(failure)) from None
            run.stats.error = str(failure)
            self.error(str(failure))

    def _print(self, data: bytes) -> None:
        if not data:
            return
        assert self.stdout_sink is not None
        try:
            self.stdout_sink.write(data)
            self.stdout_sink.commit(False)
        except OutputError as error:
            raise _Fatal(str(error)) from None

    # --- the run ------------------------------------------------------------------
    def run(self, sources: list[Source], errors: list[str], notes: list[str]) -> int:
        for message in errors:
            self.error(message)
        for message in notes:
            self.note(message)
        targets = self._targets(sources)
        if targets is None or self._refuse_same_file(sources, targets):
            return EXIT_ERROR
        if self._uses_stdout() and sources:
            if self.stdout is None:
                self.error("standard output is closed: give -o FILE, --in-place or --check")
                return EXIT_ERROR
            self.stdout_sink = StreamSink(self.stdout)
        sizes = [source.size for source in sources]
        total = sum(size for size in sizes if size is not None) if None not in sizes else None
        show = stderr_is_terminal() and not self.args.quiet
        self.progress = Progress(sys.stderr if show else None, total)
        started = time.perf_counter()
        try:
            self._pipeline(sources, targets)
        except (_Fatal, WorkersFailed) as fatal:
            self.error(str(fatal))
        except BrokenPipeError:
            self._quiet_stdout()
        finally:
            for run in list(self.open_runs):
                if run.sink is not self.stdout_sink:
                    run.sink.abort()
            self.progress.clear()
        self._report(time.perf_counter() - started)
        return self._exit_status()

    def _pipeline(self, sources: list[Source], targets: list[Optional[str]]) -> None:
        runner = Runner(self.settings, self.args.jobs)
        queue: deque[Item] = deque()
        out = 0  # batches submitted and not taken
        try:
            for source, target in zip(sources, targets):
                run = self._start(source, target)
                if run is None:
                    continue
                for item in self._items(run, runner):
                    queue.append(item)
                    out += item.future is not None
                    while out > runner.window:
                        taken = queue.popleft()
                        out -= taken.future is not None
                        self._take(taken, runner)
            while queue:
                self._take(queue.popleft(), runner)
        finally:
            for item in queue:
                if item.future is not None:
                    item.future.cancel()
            runner.close()

    def _quiet_stdout(self) -> None:
        """The reader went away: not an error of ours; nothing more to flush."""
        try:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def _report(self, seconds: float) -> None:
        if self.args.stats:
            self.progress.clear()
            sys.stderr.write(render(self.files, seconds))
        if self.args.stats_json:
            try:
                target = output_file(self.args.stats_json)
                target.write(to_json(self.files, seconds).encode("utf-8"))
                target.commit(True)
            except OutputError as error:
                self.error(str(error))
        if self.args.check and self.changed_files and not self.args.quiet:
            self.note(f"{self.changed_files} of {len(self.files)} files would change")

    def _exit_status(self) -> int:
        if self.status == EXIT_ERROR:
            return EXIT_ERROR
        if self.changed_files and (self.args.check or self.args.fail_on_change):
            return EXIT_CHANGED
        if self.bad_records:
            return EXIT_CHANGED
        return EXIT_OK


def _regular(stream: BinaryIO) -> bool:
    try:
        info = os.fstat(stream.fileno())
    except (OSError, ValueError):
        return False
    return stat.S_ISREG(info.st_mode) and info.st_size > 0


def _terminate(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)  # unwinds: temporary files are removed on the way out


def _run(argv: Optional[Sequence[str]]) -> int:
    args = parse(list(argv) if argv is not None else None)
    try:
        encoding = resolve(args.encoding)
    except ValueError as error:
        print(f"zhclean: error: {error} (see zhclean --help)", file=sys.stderr)
        return EXIT_ERROR
    cleaner = Cleaner(**cleaner_options(args))
    sources, errors, notes = discover(args.paths, args.glob)
    return App(args, cleaner, encoding).run(sources, errors, notes)


def main(argv: Optional[Sequence[str]] = None) -> int:
    """The ``zhclean`` command; returns the exit status (see ``zhclean --help``)."""
    try:
        previous = signal.signal(signal.SIGTERM, _terminate)
    except ValueError:
        previous = None  # not the main thread: leave signals alone
    try:
        return _run(argv)
    except KeyboardInterrupt:
        print("zhclean: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print("zhclean: out of memory (a unit too large? try --unit line)", file=sys.stderr)
        return EXIT_ERROR
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)  # main() called from Python: its handler back
