"""Reading and writing files safely: regular files only, size limits while reading, atomic writes.

- :func:`read_file` opens only regular files (never ``/dev/zero``, a FIFO or
  a socket, which would never end or block forever) and stops at the limit
  while reading, even if the file grows meanwhile.
- :func:`atomic_write` writes a temporary file beside the output and renames
  it over the output; the temporary file is removed on any failure, on
  Ctrl-C, SIGTERM and SIGHUP. It refuses read-only outputs (as ``cp`` does
  without ``-f``) and writes through symbolic links.
"""

from __future__ import annotations

import contextlib
import gc
import os
import re
import signal
import stat
import tempfile
import threading
import time
from pathlib import Path

from ..errors import OrgError

TEMP_MARK = ".orbit-"
"""Part of the name of Orbit's temporary files: ``.out.yaml.orbit-k2j4x9ab.tmp``."""
STALE_TEMP_SECONDS = 24 * 3600
"""Temporary files of Orbit's naming older than this are removed when writing to their folder."""
_TEMP_NAME = re.compile(r"^\..+\.orbit-[a-z0-9_]{8}\.tmp$")


def check_size(size: int, limit: int, source: str) -> None:
    """Refuse a file of more than ``limit`` bytes (``size`` is ``limit + 1`` when reading stopped there)."""
    if size > limit:
        shown = f"more than {_bytes(limit)}" if size == limit + 1 else _bytes(size)
        raise OrgError(source, None, f"file is {shown}; the limit is {_bytes(limit)}")


def _bytes(n: int) -> str:
    """``1073741824`` → ``1 GiB``; ``2500`` → ``2,500 bytes``."""
    for unit, shift in (("GiB", 30), ("MiB", 20)):
        if n >= 1 << shift:
            return f"{n / (1 << shift):,.3g} {unit}"
    return f"{n:,} bytes"


def read_file(path: Path, limit: int, source: str) -> bytes:
    """The bytes of a regular file, never more than ``limit``.

    Raises
    ------
    OrgError
        For a missing file, a folder, a device, FIFO or socket, a file over
        the limit, or a file that cannot be read.
    """
    try:
        st = path.stat()
        if stat.S_ISDIR(st.st_mode):
            raise OrgError(source, None, "is a folder, not a file")
        if not stat.S_ISREG(st.st_mode):
            raise OrgError(source, None, "is not a regular file (a device, FIFO or socket): Orbit reads only files")
        check_size(st.st_size, limit, source)
        # O_NONBLOCK: a FIFO swapped in after the check cannot block the open
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
        with os.fdopen(os.open(path, flags), "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):
                raise OrgError(source, None, "is not a regular file: Orbit reads only files")
            data = fh.read(limit + 1)
        check_size(len(data), limit, source)
        return data
    except FileNotFoundError:
        raise OrgError(source, None, "no such file") from None
    except PermissionError:
        raise OrgError(source, None, "permission denied") from None
    except OSError as err:
        raise OrgError(source, None, f"cannot read: {err.strerror or err}") from None


class WriteInterrupted(BaseException):
    """SIGTERM or SIGHUP arrived while :func:`atomic_write` was writing."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a reader never sees half a file.

    The bytes go to a temporary file in the same folder, which then replaces
    ``path`` in one rename. On failure, Ctrl-C, SIGTERM or SIGHUP the
    temporary file is removed and ``path`` is left as it was; the signal is
    then delivered as usual. Stale temporary files of Orbit's naming older
    than a day are removed from the folder.

    - An existing read-only ``path`` is refused, as ``cp`` refuses without ``-f``.
    - A symbolic link is written through: its target is replaced atomically
      and the link stays. A link to nothing is refused.
    - Only regular files are replaced, never devices, FIFOs or folders.

    Raises
    ------
    OrgError
        For the refusals above.
    OSError
        When the folder cannot be written.
    """
    shown = str(path)
    path = Path(path)
    if path.is_symlink():
        target = Path(os.path.realpath(path))
        if not target.exists():
            raise OrgError(shown, None, f"is a symbolic link to {str(target)!r}, which does not exist: not written")
        path = target
    try:
        st = path.stat()
    except FileNotFoundError:
        st = None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise OrgError(shown, None, "is a folder, not a file: not written")
        if not stat.S_ISREG(st.st_mode):
            raise OrgError(shown, None, "is not a regular file (a device, FIFO or socket): not written")
        if not st.st_mode & 0o222 or not os.access(path, os.W_OK):
            raise OrgError(shown, None, "is read-only: not overwritten (make it writable or remove it first)")
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temp_files(folder)
    with _signals_interrupt(shown):
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:100]}{TEMP_MARK}", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            if st is not None:
                with contextlib.suppress(OSError):
                    os.chmod(tmp, st.st_mode & 0o777)
            else:
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(tmp, 0o666 & ~umask)
            os.replace(tmp, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise


@contextlib.contextmanager
def _signals_interrupt(shown: str):
    """Inside, SIGTERM and SIGHUP raise :class:`WriteInterrupted`; once cleaned up, the signal is delivered again.

    Only in the main thread, where signal handlers live; an ignored signal stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, _frame):
        raise WriteInterrupted(signum)

    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        sig = getattr(signal, name, None)
        if sig is None:
            continue
        old = signal.getsignal(sig)
        if old in (signal.SIG_IGN, None):
            continue
        previous[sig] = old
        signal.signal(sig, interrupt)
    try:
        yield
    except WriteInterrupted as err:
        for sig, old in previous.items():
            signal.signal(sig, old)
        previous = {}
        signal.raise_signal(err.signum)  # the usual end: the process stops as the signal says
        raise OrgError(shown, None, f"interrupted by signal {err.signum}: not written") from None
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def remove_stale_temp_files(folder: Path) -> None:
    """Remove the ``.NAME.orbit-<random>.tmp`` files older than a day that a killed process left in ``folder``."""
    cutoff = time.time() - STALE_TEMP_SECONDS
    try:
        entries = os.scandir(folder)
    except OSError:
        return
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    with entries:
        for entry in entries:
            if TEMP_MARK not in entry.name or not _TEMP_NAME.match(entry.name):
                continue
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and st.st_mtime < cutoff and uid in (None, st.st_uid):
                    os.unlink(entry.path)


@contextlib.contextmanager
def gc_paused():
    """Pause Python's cyclic garbage collector while a loader builds millions of objects.

    Collections triggered by the allocations (not by garbage) made parsing
    a 100,000-unit YAML file five times slower. The collector is switched
    back on afterwards, if it was on.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
