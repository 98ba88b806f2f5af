"""Where cleaned text goes: standard output, or a file written atomically.

A file is never written in place.  The output goes to a new file in the
target's directory, unnamed while it is written where the system allows it
(Linux ``O_TMPFILE``: a killed process leaves nothing behind), else named
``.NAME.XXXX.zhclean-tmp`` and removed on any error or signal; when complete
it is flushed, ``fsync``-ed, given the target's permissions (owner and
group too where allowed), named, and renamed over the target, and the
directory is ``fsync``-ed.  So the target is either the old file, whole, or
the new one, whole: a full disk, a write error or a kill mid-write leave the
original as it was.  What is not a file to replace (a device such as
``/dev/null``, ``/dev/stdout``, a named pipe, a socket) is written to as it
is (``output_file``): renaming over it would put a file in its place.
"""
from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from typing import BinaryIO, Optional

from .errors import OutputError, describe
from .extents import pread_exactly

__all__ = ["AtomicFile", "DeviceFile", "NullSink", "Sink", "StreamSink", "output_file"]

STDOUT_NAME = "<stdout>"
# An output file's pages are handed to the disk (posix_fadvise DONTNEED starts
# their write-back without waiting for it) every time this much more is
# written, so that the fsync before the rename has little left to wait for:
# on 300 MB it took 0.3-0.45 s here, all of it after the last batch, against
# 0.02-0.11 s for 100 MB written this way at the command's pace.
WRITE_BACK_BYTES = 1 << 25


class Sink:
    """An output for one input (standard output is shared by all)."""

    name = ""

    def write(self, data: bytes) -> None:
        raise NotImplementedError

    def copy_from(self, fd: int, offset: int, length: int) -> None:
        """Write ``length`` bytes of the file open as ``fd`` from ``offset``
        (a worker's spilled result).  OutputError where the output fails;
        OSError or EOFError where the file cannot be read."""
        self.write(pread_exactly(fd, length, offset))

    def commit(self, changed: bool) -> bool:
        """The input is done: make the output final; whether a file was written."""
        return False

    def abort(self) -> None:
        """The input failed: leave no trace of it where that is possible."""


class NullSink(Sink):
    """--check and --diff: nothing is written."""

    def write(self, data: bytes) -> None:
        pass

    def copy_from(self, fd: int, offset: int, length: int) -> None:
        pass  # nothing to write: nothing to read


class StreamSink(Sink):
    """Standard output: what is written stays written."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.name = STDOUT_NAME

    def write(self, data: bytes) -> None:
        try:
            self.stream.write(data)
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"{self.name}: write error: {describe(error)}") from None

    def commit(self, changed: bool) -> bool:
        try:
            self.stream.flush()
        except BrokenPipeError:
            raise
        except OSError as error:
            raise OutputError(f"{self.name}: write error: {describe(error)}") from None
        return False

    def abort(self) -> None:
        self.commit(False)  # what was cleaned before the error stays


class DeviceFile(StreamSink):
    """A device, a named pipe or a socket named as the output: opened and
    written to, as a stream is (nothing to replace, nothing to undo)."""

    def __init__(self, target: str) -> None:
        try:
            # Appended to: a device or a pipe ignores it, and standard output
            # sent to a file (with >>) keeps what it holds.
            stream = open(target, "ab")  # noqa: SIM115  (closed by commit)
        except OSError as error:
            raise OutputError(f"{target}: cannot write: {describe(error)}") from None
        super().__init__(stream)
        self.name = target

    def commit(self, changed: bool) -> bool:
        try:
            super().commit(changed)
        finally:
            try:
                self.stream.close()
            except OSError:
                pass
        return True


# Names of this process's own open files (standard output, a descriptor):
# written to as they are open, whatever file they lead to (standard output
# sent to a file with >> lost that file's text when it was replaced).
_OPEN_FILE_NAMES = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/self/fd/")


def output_file(target: str, only_if_changed: bool = False) -> Sink:
    """The sink for a file named as an output: ``AtomicFile`` where it is
    a regular file (or none yet), ``DeviceFile`` where it is anything else
    that can be written to, or a name of one of this process's open files."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        mode = 0
    if target.startswith(_OPEN_FILE_NAMES) or (mode and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)):
        return DeviceFile(target)
    return AtomicFile(target, only_if_changed)


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


class AtomicFile(Sink):
    """``target`` replaced atomically; with ``only_if_changed``, untouched
    (not even its time) when the output is the same text."""

    def __init__(self, target: str, only_if_changed: bool = False) -> None:
        self.name = target
        self.target = os.path.realpath(target)  # a link stays a link: its file is replaced
        self.directory = os.path.dirname(self.target)
        self.only_if_changed = only_if_changed
        self._temp_name: Optional[str] = None  # the named temporary file, if one
        self._written = self._handed = 0  # bytes written; bytes handed to the disk
        self._copies = hasattr(os, "copy_file_range")  # until one fails: see copy_from
        try:
            os.makedirs(self.directory, exist_ok=True)
            self._file = self._open()
        except OSError as error:
            raise OutputError(f"{self.name}: cannot write: {describe(error)}") from None

    def _open(self) -> BinaryIO:
        if hasattr(os, "O_TMPFILE"):
            try:
                fd = os.open(self.directory, os.O_TMPFILE | os.O_WRONLY | getattr(os, "O_CLOEXEC", 0), 0o600)
                return os.fdopen(fd, "wb")
            except OSError:
                pass  # this file system has no unnamed files: a named one
        fd, self._temp_name = tempfile.mkstemp(
            dir=self.directory, prefix=f".{os.path.basename(self.target)}.", suffix=".zhclean-tmp"
        )
        return os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self._file.write(data)
            self._written += len(data)
            if self._written - self._handed >= WRITE_BACK_BYTES:
                self._hand_to_disk()
        except OSError as error:
            self.abort()
            raise OutputError(f"{self.name}: write error: {describe(error)}") from None

    def copy_from(self, fd: int, offset: int, length: int) -> None:
        """The bytes copied by the kernel (``copy_file_range``), from page cache
        to page cache: with --jobs 2 on 300 MB, reading each result into this
        process and writing it out again cost the main process 0.2-0.5 s of
        system time on the two cores the workers clean on, the copy 0.15 s.
        Where it fails (files on two file systems, an old kernel, an error on
        either side), the rest goes the ordinary way, which tells which side
        failed, and so do the copies after it."""
        done = 0
        if self._copies:
            try:
                self._file.flush()
            except OSError as error:
                self.abort()
                raise OutputError(f"{self.name}: write error: {describe(error)}") from None
            out = self._file.fileno()
            try:
                while done < length:
                    # (At the output's position, which it moves on: the buffered
                    # writes before and after meet the copied bytes where they end.)
                    copied = os.copy_file_range(fd, out, length - done, offset + done)
                    if not copied:
                        raise EOFError(f"{length - done} bytes missing at {offset + done}")
                    done += copied
            except OSError:
                self._copies = False
            self._written += done
        if done < length:
            super().copy_from(fd, offset + done, length - done)
        elif self._written - self._handed >= WRITE_BACK_BYTES:
            try:
                self._hand_to_disk()
            except OSError as error:
                self.abort()
                raise OutputError(f"{self.name}: write error: {describe(error)}") from None

    def _hand_to_disk(self) -> None:
        self._file.flush()
        if hasattr(os, "posix_fadvise"):
            try:
                os.posix_fadvise(self._file.fileno(), self._handed, self._written - self._handed,
                                 os.POSIX_FADV_DONTNEED)
            except OSError:
                pass  # only advice: the fsync at the end does it all the same
        self._handed = self._written

    def _mode(self) -> tuple[int, int, int]:
        try:
            info = os.stat(self.target)
            return stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid
        except FileNotFoundError:
            return 0o666 & ~_umask(), -1, -1

    def commit(self, changed: bool) -> bool:
        if self.only_if_changed and not changed:
            self.abort()
            return False
        try:
            self._file.flush()
            fd = self._file.fileno()
            os.fsync(fd)
            mode, uid, gid = self._mode()
            os.fchmod(fd, mode)
            if uid >= 0 and (uid, gid) != (os.getuid(), os.getgid()):
                try:
                    os.fchown(fd, uid, gid)
                except OSError:
                    pass  # not ours to give away: the mode is kept all the same
            self._name_it()
            self._file.close()
            os.replace(self._temp_name, self.target)  # type: ignore[arg-type]
            self._temp_name = None
            self._sync_directory()
        except OSError as error:
            self.abort()
            raise OutputError(f"{self.name}: write error: {describe(error)}") from None
        return True

    def _name_it(self) -> None:
        """Give an unnamed temporary file a name beside the target."""
        if self._temp_name is not None:
            return
        name = os.path.join(self.directory, f".{os.path.basename(self.target)}.{os.getpid()}.zhclean-tmp")
        directory = os.open(self.directory, os.O_RDONLY)
        try:
            # linkat(AT_SYMLINK_FOLLOW) on /proc/self/fd: the dst_dir_fd argument makes
            # os.link use linkat, which follows the magic link to the open file.
            os.link(f"/proc/self/fd/{self._file.fileno()}", os.path.basename(name),
                    dst_dir_fd=directory, follow_symlinks=True)
            self._temp_name = name
        except OSError as error:
            if error.errno == errno.EEXIST:
                raise
            self._copy_to_named()
        finally:
            os.close(directory)

    def _copy_to_named(self) -> None:
        """No way to name the unnamed file here: copy it into a named one."""
        fd, name = tempfile.mkstemp(
            dir=self.directory, prefix=f".{os.path.basename(self.target)}.", suffix=".zhclean-tmp"
        )
        self._temp_name = name
        with open(f"/proc/self/fd/{self._file.fileno()}", "rb") as source, os.fdopen(fd, "wb") as copy:
            shutil.copyfileobj(source, copy)
            copy.flush()
            os.fsync(copy.fileno())
            os.fchmod(copy.fileno(), os.fstat(self._file.fileno()).st_mode & 0o7777)

    def _sync_directory(self) -> None:
        try:
            fd = os.open(self.directory, os.O_RDONLY)
        except OSError:
            return
        try:
            os.fsync(fd)
        except OSError:
            pass  # some file systems cannot sync a directory; the rename is done
        finally:
            os.close(fd)

    def abort(self) -> None:
        try:
            self._file.close()
        except OSError:
            pass
        if self._temp_name is not None:
            try:
                os.unlink(self._temp_name)
            except OSError:
                pass
            self._temp_name = None
