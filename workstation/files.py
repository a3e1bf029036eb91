"""Files the workstation creates hold client data: readable by the user only.

- :func:`private_umask` at program start (0o077): every file the process creates afterwards is
  ``0600`` and every folder ``0700`` (SQLite's ``-wal``/``-shm`` copy the database file's mode).
- :func:`private_file` / :func:`private_dir` tighten one path explicitly (files made before the
  umask, or by another program, e.g. an older version of this one).
- :func:`write_private` writes bytes to a new ``0600`` file; :func:`private_temp_file` is a
  temporary file (e.g. a PDF to print) removed when the block ends, printed or not.
- :func:`secure_remove` overwrites a file before unlinking it (a plain database copy after its
  encryption). On SSDs and copy-on-write file systems the old blocks may survive; the OS's disk
  encryption (BitLocker, LUKS) is the answer there.

On Windows ``chmod`` only toggles the read-only flag; the per-user profile folder
(``%LOCALAPPDATA%``) already keeps other users out, so these are no-ops in effect.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
UMASK = 0o077


def private_umask() -> int:
    """Make files this process creates private from now on; returns the previous umask."""
    return os.umask(UMASK)


def private_file(path: Path) -> None:
    """``chmod 0600`` (a missing file is ignored)."""
    with contextlib.suppress(FileNotFoundError):
        if stat.S_IMODE(path.stat().st_mode) != FILE_MODE:
            path.chmod(FILE_MODE)


def private_dir(path: Path) -> Path:
    """Create ``path`` (and missing parents) as ``0700``; an existing folder keeps its mode unless
    it is the program's own (callers pass only folders the program owns)."""
    missing = [p for p in (path, *path.parents) if not p.exists()]
    path.mkdir(parents=True, exist_ok=True)
    for created in missing:
        with contextlib.suppress(OSError):
            created.chmod(DIR_MODE)
    return path


def write_private(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` as a ``0600`` file (an existing file is replaced)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), FILE_MODE)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    private_file(path)
    return path


def create_private(path: Path) -> None:
    """Create an empty ``0600`` file unless it exists (before SQLite creates a database there)."""
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))


@contextlib.contextmanager
def private_temp_file(suffix: str = "", prefix: str = "workstation-", data: bytes | None = None) -> Iterator[Path]:
    """A ``0600`` temporary file (``mkstemp``), removed at the end of the block, whatever happens."""
    fd, name = tempfile.mkstemp(suffix=suffix, prefix=prefix)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            if data is not None:
                fh.write(data)
        private_file(path)
        yield path
    finally:
        path.unlink(missing_ok=True)


def secure_remove(path: Path) -> None:
    """Overwrite ``path`` with zeros, flush it to disk, then delete it (missing: nothing to do)."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    chunk = b"\0" * (1 << 20)
    with path.open("r+b") as fh:
        left = size
        while left > 0:
            n = min(left, len(chunk))
            fh.write(chunk[:n])
            left -= n
        fh.flush()
        os.fsync(fh.fileno())
    path.unlink()
