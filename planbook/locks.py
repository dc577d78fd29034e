"""One writer at a time: an exclusive lock on a lock file beside what is written (``flock``).

The lock is the file's, held by an open descriptor, so the system releases it when its process ends,
however it ends: a killed run never leaves a lock that stops the next one. The holder removes the lock
file before releasing it; a run that was waiting on the removed file sees that the path now names
another file (or none) and locks again, so two runs never both hold the lock of one path.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from planbook.shown import shown


class LockBusy(Exception):
    """The lock is held by another process and the caller asked not to wait."""

    def __init__(self, lock: Path) -> None:
        super().__init__(f"{shown(lock)} is held by another process")
        self.lock = lock


def _same_file(fd: int, path: Path) -> bool:
    """The descriptor's file is still the one at ``path`` (the last holder has not removed it)."""
    try:
        there = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(fd)
    return (mine.st_dev, mine.st_ino) == (there.st_dev, there.st_ino)


def _acquire(lock: Path, wait: bool, waiting: Callable[[], None]) -> int:
    """A descriptor holding the lock of ``lock``; LockBusy when another holds it and ``wait`` is False."""
    told = False
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    raise LockBusy(lock) from None
                if not told:
                    waiting()
                    told = True
                fcntl.flock(fd, fcntl.LOCK_EX)  # Ctrl-C (or a SIGTERM turned into it) stops the wait
            if _same_file(fd, lock):
                return fd
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)  # the holder removed the file while this run waited: lock the new one


@contextlib.contextmanager
def file_lock(lock: Path, wait: bool = True, waiting: Callable[[], None] = lambda: None) -> Iterator[Path]:
    """Hold the exclusive lock of the file ``lock`` (created if missing) while the block runs.

    Another holder: wait for it (``waiting()`` is called once, to say so) or, without ``wait``, raise
    :class:`LockBusy`. OSError when the lock file cannot be created (a read-only folder). The lock file
    is removed when the block ends.
    """
    fd = _acquire(Path(lock), wait, waiting)
    try:
        yield Path(lock)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """A process with this id is running (another user's counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):
        return False
    return True
