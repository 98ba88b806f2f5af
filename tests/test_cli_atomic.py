"""Writing files: atomic, permissions kept, nothing partial after a failure or a kill."""
from __future__ import annotations

import errno
import io
import os
import signal
import subprocess
import sys
import time

import pytest

from zhclean.cli import main, output

pytestmark = pytest.mark.any_implementation


def run_here(monkeypatch, *args: str) -> int:
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(io.BytesIO(), encoding="utf-8"))
    return main(list(args))


def test_in_place_rewrites_changed_files_only_and_keeps_permissions(monkeypatch, tmp_path, capsys):
    changing = tmp_path / "a.txt"
    changing.write_text("書(shu)記\n", encoding="utf-8")
    changing.chmod(0o640)
    clean = tmp_path / "b.txt"
    clean.write_text("書記\n", encoding="utf-8")
    before = clean.stat()
    assert run_here(monkeypatch, "--in-place", str(changing), str(clean)) == 0
    assert changing.read_text(encoding="utf-8") == "書記\n"
    assert oct(changing.stat().st_mode & 0o777) == oct(0o640)
    after = clean.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # not rewritten
    assert "cleaned" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "b.txt"]
    changing.write_text("書(shu)記\n", encoding="utf-8")
    assert run_here(monkeypatch, "--in-place", "--fail-on-change", "-q", str(changing), str(clean)) == 1
    assert run_here(monkeypatch, "--in-place", "--fail-on-change", str(changing), str(clean)) == 0


def test_in_place_through_a_symbolic_link_rewrites_its_file(monkeypatch, tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("書(shu)\n", encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert run_here(monkeypatch, "-i", str(link)) == 0
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "書\n"


def test_same_file_as_input_and_output_is_refused(monkeypatch, tmp_path, capsys):
    source = tmp_path / "a.txt"
    source.write_text("書(shu)\n", encoding="utf-8")
    assert run_here(monkeypatch, str(source), "-o", str(source)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "the output is the input file; use --in-place" in err
    assert run_here(monkeypatch, str(tmp_path), "-o", str(tmp_path)) == 2  # the same tree
    assert source.read_text(encoding="utf-8") == "書(shu)\n"
    result = subprocess.run(f'"{sys.executable}" -m zhclean "{source}" >> "{source}"', shell=True,
                            capture_output=True, timeout=60)
    assert result.returncode == 2 and b"standard output is this input file" in result.stderr
    assert source.read_text(encoding="utf-8") == "書(shu)\n"


@pytest.mark.parametrize("unnamed", [True, False], ids=["O_TMPFILE", "named temporary file"])
def test_a_failure_mid_write_leaves_the_original_and_no_partial_file(monkeypatch, tmp_path, capsys, unnamed):
    """The disk fills on the second block written: the target keeps its old
    text, no temporary file is left, the error names the output, and the
    other input's output is written all the same."""
    if not unnamed:
        monkeypatch.delattr(os, "O_TMPFILE", raising=False)
    elif not hasattr(os, "O_TMPFILE"):
        pytest.skip("no O_TMPFILE here")
    big = tmp_path / "in" / "big.txt"
    big.parent.mkdir()
    big.write_text("書(shu)記\n" * 200_000, encoding="utf-8")  # several batches
    small = tmp_path / "in" / "small.txt"
    small.write_text("說(shuo)\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "big.txt").write_text("the old text\n", encoding="utf-8")
    real_open = output.AtomicFile._open

    class FillsUp:
        """The temporary file, on a disk that fills after 100 kB."""

        def __init__(self, file):
            self.file, self.written = file, 0

        def write(self, data):
            if self.written + len(data) > 100_000:
                self.file.write(data[: 100_000 - self.written])  # a partial block, as a full disk does
                self.file.flush()
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            self.written += len(data)
            return self.file.write(data)

        def __getattr__(self, name):
            return getattr(self.file, name)

    def opened(self):
        file = real_open(self)
        return FillsUp(file) if self.name.endswith("big.txt") else file

    monkeypatch.setattr(output.AtomicFile, "_open", opened)
    assert run_here(monkeypatch, str(tmp_path / "in"), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{out / 'big.txt'}: write error: No space left on device" in err
    assert (out / "big.txt").read_text(encoding="utf-8") == "the old text\n"
    assert (out / "small.txt").read_text(encoding="utf-8") == "說\n"
    assert sorted(p.name for p in out.iterdir()) == ["big.txt", "small.txt"]


def _output_written(pid: int, directory) -> bool:
    """Whether process ``pid`` has an open file in ``directory`` with data in it."""
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            if os.readlink(f"/proc/{pid}/fd/{fd}").startswith(str(directory)) and \
                    os.stat(f"/proc/{pid}/fd/{fd}").st_size > 0 and int(fd) > 2:
                return True
        except OSError:
            continue
    return False


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to see the output being written")
@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_a_killed_process_leaves_the_original_and_no_partial_file(tmp_path, how):
    """Input comes from a pipe: half of it, then the process is killed while
    its output file holds what it has cleaned so far."""
    target = tmp_path / "target.txt"
    target.write_text("the old text\n", encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "zhclean", "-", "-o", str(target)],
                               stdin=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdin is not None
    process.stdin.write("書(shu)記\n".encode() * 300_000)  # ~5 MB: several batches
    process.stdin.flush()
    deadline = time.monotonic() + 60
    while not _output_written(process.pid, tmp_path):
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.05)
    process.send_signal(how)
    process.wait(timeout=60)
    assert target.read_text(encoding="utf-8") == "the old text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["target.txt"]
    assert process.stderr is not None
    if how == signal.SIGTERM:
        assert process.returncode == 128 + signal.SIGTERM and b"Traceback" not in process.stderr.read()
    process.stdin.close()
    process.stderr.close()


def test_pages_handed_to_the_disk_while_writing_change_nothing_written(monkeypatch, tmp_path):
    """Every WRITE_BACK_BYTES the output's pages are handed to the disk
    (posix_fadvise): the file is the same, whole, after the rename."""
    monkeypatch.setattr(output, "WRITE_BACK_BYTES", 1000)
    advised = []
    if hasattr(os, "posix_fadvise"):
        real = os.posix_fadvise
        monkeypatch.setattr(os, "posix_fadvise", lambda fd, at, n, how: (advised.append((at, n)), real(fd, at, n, how)))
    target = tmp_path / "out.txt"
    sink = output.AtomicFile(str(target))
    pieces = [bytes([65 + k % 26]) * (300 + 37 * k) for k in range(40)]
    for piece in pieces:
        sink.write(piece)
    assert sink.commit(True)
    assert target.read_bytes() == b"".join(pieces)
    if hasattr(os, "posix_fadvise"):
        assert len(advised) > 5 and all(a + n == b for (a, n), (b, _) in zip(advised, advised[1:]))


def _read_fifo(path, into: list) -> None:
    with open(path, "rb") as stream:
        into.append(stream.read())


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
@pytest.mark.parametrize("option", ["-o", "--stats-json"])
def test_a_named_pipe_as_output_is_written_to_not_replaced(monkeypatch, tmp_path, option):
    """A named pipe (or a device) stays what it is: renaming a file over it
    left its reader blocked and a regular file in its place."""
    import threading

    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n", encoding="utf-8")
    pipe = tmp_path / "out"
    os.mkfifo(pipe)
    got: list = []
    reader = threading.Thread(target=_read_fifo, args=(pipe, got))
    reader.start()
    args = [str(source), "-o", str(pipe)] if option == "-o" else [str(source), "--stats-json", str(pipe)]
    assert run_here(monkeypatch, *args) == 0
    reader.join(10)
    assert not reader.is_alive()
    assert os.path.exists(pipe) and not os.path.isfile(pipe)
    assert got and (got[0] == "書記\n".encode() if option == "-o" else got[0].startswith(b"{"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="making a device node needs root")
def test_a_device_as_output_stays_a_device(monkeypatch, tmp_path):
    """-o on a character device (a private /dev/null) writes to it."""
    import stat

    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n", encoding="utf-8")
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    assert run_here(monkeypatch, str(source), "-o", str(device)) == 0
    assert run_here(monkeypatch, str(source), "--stats-json", str(device)) == 0
    assert stat.S_ISCHR(os.stat(device).st_mode)


def test_standard_output_named_as_the_output_file(tmp_path):
    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n", encoding="utf-8")
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    done = subprocess.run(
        [sys.executable, "-m", "zhclean", str(source), "-o", "/dev/stdout"], capture_output=True, timeout=60
    )
    assert (done.returncode, done.stdout) == (0, "書記\n".encode())


def test_in_place_on_what_is_not_a_file_is_refused(monkeypatch, tmp_path, capsys):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / "p"
    os.mkfifo(pipe)
    assert run_here(monkeypatch, "--in-place", str(pipe)) == 2
    assert "not a regular file" in capsys.readouterr().err
    assert not os.path.isfile(pipe)


def test_standard_output_sent_to_a_file_and_named_as_the_output_keeps_the_file(tmp_path):
    """-o /dev/stdout with standard output appended to a file: the file is
    written to, not replaced (its text was lost)."""
    if not os.path.exists("/dev/stdout"):
        pytest.skip("no /dev/stdout here")
    source = tmp_path / "a.txt"
    source.write_text("書(shu)記\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    out.write_text("prev\n", encoding="utf-8")
    with open(out, "ab") as stream:
        done = subprocess.run([sys.executable, "-m", "zhclean", str(source), "-o", "/dev/stdout"], stdout=stream,
                              stderr=subprocess.PIPE, timeout=60)
    assert done.returncode == 0, done.stderr
    assert out.read_text(encoding="utf-8") == "prev\n書記\n"
