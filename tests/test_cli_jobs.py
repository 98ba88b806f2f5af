"""--jobs on a file: the workers read their own extents of it and send their
results back through spill files (cli/extents.py, cli/spill.py)."""
from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time

import pytest

from zhclean.cli import extents, spill
from zhclean.cli.decoding import Decoder
from zhclean.cli.units import BATCH_BYTES, read_batches, split_lines
from zhclean.cli.work import Settings, clean_batch, decode_runs
from zhclean.cleaner import Cleaner

pytestmark = pytest.mark.any_implementation


def _extents(path) -> tuple[list[extents.Extent], Decoder]:
    decoder = Decoder("utf-8", str(path))
    with open(path, "rb", buffering=0) as stream:
        batches = list(extents.extent_batches(stream.fileno(), str(path), decoder))
    return [batch.units[0] for batch in batches], decoder  # type: ignore[misc]


@pytest.mark.parametrize("shape", ["bom", "crlf", "no final newline", "one huge line", "long lines", "one byte"])
def test_extents_hold_the_lines_the_reader_would_cut(tmp_path, shape):
    """The extents cover the file after its byte order mark exactly, each
    ends after a newline (or at the end), and their lines are the lines
    read_batches hands on, in order."""
    line = "書(shu)記，發布了新聞\n"
    data = {
        "bom": b"\xef\xbb\xbf" + (line * 100_000).encode(),
        "crlf": (line.replace("\n", "\r\n") * 90_000).encode(),
        "no final newline": (line * 100_000).encode()[:-1],
        "one huge line": ("書記" * 600_000).encode(),  # 3.6 MB, read through in windows
        "long lines": ((("長" * 300_000) + "\n") * 5).encode(),  # lines longer than a batch
        "one byte": b"\n",
    }[shape]
    path = tmp_path / "in.txt"
    path.write_bytes(data)
    found, decoder = _extents(path)
    skipped = 3 if shape == "bom" else 0
    assert decoder.skipped == skipped and decoder.bom == (shape == "bom")
    assert found[0].start == skipped and found[-1].end == len(data)
    assert all(a.end == b.start for a, b in zip(found, found[1:]))
    assert all(data[e.end - 1:e.end] == b"\n" for e in found[:-1])
    assert all(e.end - e.start >= BATCH_BYTES or e is found[-1] for e in found)
    with open(path, "rb", buffering=0) as stream:
        expected = [line for batch in read_batches(stream, Decoder("utf-8", "x"), "line", 4099, raw=True)
                    for line in split_lines([b"".join(batch.units).decode()]) if line]  # type: ignore[arg-type]
    text = "".join(decode_runs([extent])[0][0] for extent in found)  # type: ignore[list-item]
    assert split_lines([text]) == expected


def test_a_file_changed_under_the_workers_is_an_error_not_a_guess(tmp_path, monkeypatch):
    """A worker that opens the file (its first extent of it) after it was
    changed or replaced says so, and cleans nothing."""
    path = tmp_path / "in.txt"
    path.write_text("書(shu)記\n" * 200_000, encoding="utf-8")
    found, _ = _extents(path)
    settings = Settings(Cleaner(), None, False, False, False, lines=True, raw=True)
    assert clean_batch(settings, [found[0]]).failed is None  # type: ignore[list-item]
    with open(path, "ab") as stream:
        stream.write("多了一行\n".encode())
    monkeypatch.setattr(extents, "_OPEN", None)  # as in a worker that has not read this file yet
    result = clean_batch(settings, [found[1]])  # type: ignore[list-item]
    assert result.failed == "changed while it was read" and result.data == b""
    path.unlink()
    with pytest.raises(extents.ExtentChanged, match="cannot be read again"):
        extents.read_extent(found[1])


def test_a_file_cut_short_after_its_identity_was_taken(tmp_path, monkeypatch):
    path = tmp_path / "in.txt"
    path.write_text("書(shu)記\n" * 200_000, encoding="utf-8")
    found, _ = _extents(path)
    extents.read_extent(found[0])
    os.truncate(path, 10)  # the open descriptor now reads short
    monkeypatch.setattr(extents, "_identity", lambda info: found[0].identity)
    with pytest.raises(extents.ExtentChanged, match="cut short"):
        extents.read_extent(found[-1])


def test_spilled_results_are_read_back_in_order_across_files(monkeypatch):
    """A writer starts a new file only once the current one holds ``keep``
    results, and closes the one before it then: a reader that lags up to
    keep - 1 results behind still reads every result whole."""
    monkeypatch.setattr(spill, "SPILL_BYTES", 10_000)
    monkeypatch.setattr(spill, "SPILL_FROM", 1)
    keep = 3
    writer, reader = spill.SpillWriter(keep), spill.SpillReader()
    payloads = [bytes([k % 251]) * (3000 + 997 * k) for k in range(40)]
    out = []
    try:
        for k, data in enumerate(payloads):
            where = writer.put(data)
            assert where is not None and where.length == len(data)
            out.append(where)
            if k >= keep - 1:
                assert reader.take(out[k - keep + 1]) == payloads[k - keep + 1]
        for k in range(len(payloads) - keep + 1, len(payloads)):
            assert reader.take(out[k]) == payloads[k]
        assert out[-1].generation > 5  # the files did turn over
    finally:
        reader.close()


def test_small_results_and_systems_without_unnamed_files_use_the_pipe(monkeypatch):
    writer = spill.SpillWriter(3)
    assert writer.put(b"x" * (spill.SPILL_FROM - 1)) is None
    real_open = os.open

    def no_tmpfile(path, flags, *args):
        if flags & getattr(os, "O_TMPFILE", 0):
            raise OSError(95, "Operation not supported")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_tmpfile)
    writer = spill.SpillWriter(3)
    assert writer.put(b"x" * spill.SPILL_FROM) is None
    assert writer.put(b"x" * spill.SPILL_FROM) is None  # and it does not try again


def test_two_jobs_on_a_file_with_spilled_results(tmp_path):
    """A file of several batches, cleaned with two jobs to a file and to
    standard output: the same bytes as one job, a BOM dropped the same way."""
    text = "疫(yi)(yi)情防(fang)控,持續 三項\r\n鍙戝竷浜嗘柊闂伙紝\n" * 60_000  # ~4 MB
    source = tmp_path / "in.txt"
    source.write_bytes(b"\xef\xbb\xbf" + text.encode())
    outputs = []
    for jobs in ("1", "2"):
        target = tmp_path / f"out{jobs}.txt"
        result = subprocess.run([sys.executable, "-m", "zhclean", "-q", "--jobs", jobs, str(source), "-o", str(target)],
                                capture_output=True, timeout=300)
        assert result.returncode == 0, result.stderr
        outputs.append(target.read_bytes())
        piped = subprocess.run([sys.executable, "-m", "zhclean", "-q", "--jobs", jobs, str(source)],
                               capture_output=True, timeout=300)
        assert piped.stdout == outputs[-1]
    assert outputs[0] == outputs[1] == "".join(Cleaner().clean_batch(split_lines([text]))).encode()
    assert not outputs[1].startswith(codecs.BOM_UTF8)


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children") as listing:
                found += [int(child) for child in listing.read().split()]
        except OSError:
            pass
    return found


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_a_worker_killed_mid_run_is_one_line_and_leaves_the_target_alone(tmp_path):
    """A worker that dies (the out-of-memory killer) ends the run with one
    line and exit status 2; the output file keeps its old content and no
    temporary file is left beside it."""
    source = tmp_path / "in.txt"
    source.write_text("疫(yi)情防(fang)控,持續 三項。鍙戝竷浜嗘柊闂伙紝\n" * 1_200_000, encoding="utf-8")  # ~60 MB
    target = tmp_path / "out.txt"
    target.write_text("old\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "zhclean", "-q", "--jobs", "2", str(source), "-o", str(target)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.05)
            workers = _children(process.pid)
        assert process.poll() is None, "the run ended before its workers could be seen"
        time.sleep(0.3)  # a few batches in
        os.kill(workers[0], signal.SIGKILL)
        out, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 2
    lines = err.decode().splitlines()
    assert len(lines) == 1 and "worker process died" in lines[0], err
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.txt", "out.txt"]


def test_a_spill_that_cannot_be_read_back_raises_what_main_reports():
    """A worker gone (its /proc entry with it) is an OSError, a file shorter
    than the result an EOFError: the command turns both into one line."""
    reader = spill.SpillReader()
    try:
        with pytest.raises(OSError):
            reader.take(spill.Spilled(2**22 + 12345, 1, 3, 0, 10))
        writer = spill.SpillWriter(3)
        where = writer.put(b"x" * spill.SPILL_FROM)
        assert where is not None
        with pytest.raises(EOFError):
            reader.take(where._replace(length=where.length + 1))
    finally:
        reader.close()


def test_workers_that_cannot_start_end_the_run_with_one_line(tmp_path, monkeypatch, capsys):
    """The system's limit on processes reached (EAGAIN from fork): one line
    naming the workers, exit 2, no hang (it was blamed on the input as a
    read error, and the half-started pool was waited for forever)."""
    import errno
    import io

    from zhclean.cli import jobs, main

    def refuse(self, *args, **kwargs):
        raise OSError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(jobs.ProcessPoolExecutor, "submit", refuse)
    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n" * 1000, encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    started = time.monotonic()
    assert main(["--jobs", "2", str(source)]) == 2
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert "cannot start 2 worker processes" in err and "read error" not in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() == 0, reason="root has no limit on processes")
def test_a_limit_on_processes_is_one_line_not_a_hang(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n" * 20000, encoding="utf-8")
    script = (
        "import resource, sys; from zhclean.cli import main;"
        "resource.setrlimit(resource.RLIMIT_NPROC, (1, 1));"
        f"sys.exit(main(['--jobs', '8', {str(source)!r}, '-o', {str(tmp_path / 'out.txt')!r}]))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert done.returncode == 2
    assert b"worker processes" in done.stderr


def _spilled(writer: spill.SpillWriter, reader: spill.SpillReader, data: bytes) -> tuple[int, int, int]:
    where = writer.put(data)
    assert where is not None
    return reader.descriptor(where), where.offset, where.length


@pytest.mark.parametrize("kernel_copy", [True, False], ids=["copy_file_range", "read and write"])
def test_spilled_results_copied_into_an_output_between_written_ones(tmp_path, monkeypatch, kernel_copy):
    """The main process hands a spilled result to the output without reading
    it (output.Sink.copy_from): bytes written and bytes copied, in any
    order, make the file in that order; where the kernel cannot copy (files
    on two file systems, an old kernel), the same through this process."""
    from zhclean.cli import output

    if not kernel_copy:
        def refuse(*args):
            raise OSError(18, "Invalid cross-device link")
        monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
    writer, reader = spill.SpillWriter(3), spill.SpillReader()
    target = tmp_path / "out.txt"
    sink = output.output_file(str(target))
    expected = []
    try:
        for k in range(12):
            piece = ("書記，發布了新聞\n" * (k * 700 + 2700)).encode()  # SPILL_FROM or more
            if k % 3:
                sink.copy_from(*_spilled(writer, reader, piece))
            else:
                sink.write(piece)
            expected.append(piece)
        assert sink.commit(True)
    finally:
        reader.close()
    assert target.read_bytes() == b"".join(expected)
    assert sink._copies is kernel_copy  # a copy that failed is not tried again


def test_a_spilled_result_cut_short_is_an_eof_for_every_sink(tmp_path):
    """A result longer than its spill file is an EOFError (main reports it in
    one line), not a short output; --check's sink reads nothing at all."""
    from zhclean.cli import output

    writer, reader = spill.SpillWriter(3), spill.SpillReader()
    try:
        fd, offset, length = _spilled(writer, reader, b"x" * spill.SPILL_FROM)
        sink = output.output_file(str(tmp_path / "out.txt"))
        with pytest.raises(EOFError):
            sink.copy_from(fd, offset, length + 1)
        sink.abort()
        with open(tmp_path / "stream.txt", "wb") as stream:
            with pytest.raises(EOFError):
                output.StreamSink(stream).copy_from(fd, offset, length + 1)
        output.NullSink().copy_from(fd, offset, length + 1)
    finally:
        reader.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["stream.txt"]
