"""The one way planbook writes a file: whole or not at all, and not at all when nothing changed.

A failure (read-only folder, full disk, no permission) is an ``OSError`` that names the file that was
to be written, never the temporary one, and leaves every file as it was.

A build changes many files (``data/`` and the book's sources) before it knows that it will succeed;
while a :func:`journal` is open, every file written, removed or touched under its folders is recorded
first (the old file kept under a hard link, which costs no space), so that a build that fails (a full
disk in the last step, Ctrl-C) puts every one of them back as it was.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import threading
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path

from planbook.locks import pid_alive


def write_atomic(path: str | Path, content: str | bytes) -> bool:
    """Write ``content`` (text as UTF-8) to ``path`` via a temporary name and a rename.

    A killed build never leaves half a file, and a file whose bytes would not change is not touched
    (its time stamp stays, so tools that look at times see no change). Returns True when written.
    """
    return bool(write_files({Path(path): content}))


def write_files(files: Mapping[Path, str | bytes]) -> list[Path]:
    """Write several files all or none (as far as renames allow): every changed one goes to a
    temporary name first, and only when all of them are written are they renamed into place.

    Files whose bytes would not change are not touched. Returns the files written. A device or a
    pipe (``-o /dev/stdout``) is written in place: it cannot be renamed over.
    """
    changed: dict[Path, bytes] = {}
    in_place: list[Path] = []
    for path, content in files.items():
        path = Path(path)
        data = content.encode("utf-8") if isinstance(content, str) else content
        if path.exists() and not path.is_file():
            _write_named(path, path, data)
            in_place.append(path)
        elif not (path.is_file() and path.read_bytes() == data):
            changed[path] = data
    temporary: dict[Path, Path] = {}
    try:
        for path, data in changed.items():
            _mkdir_named(path.parent)
            temporary[path] = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
            _write_named(temporary[path], path, data)
        for path, tmp in temporary.items():
            try:
                _recorded(path)
                os.replace(tmp, path)
            except OSError as exc:
                raise _named(exc, path) from None
    finally:
        for tmp in temporary.values():
            tmp.unlink(missing_ok=True)
    return [*in_place, *changed]


def _write_file(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)


def _write_named(path: Path, target: Path, data: bytes) -> None:
    """Write ``data`` to ``path``; an OSError names ``target`` (the file the user knows)."""
    try:
        _write_file(path, data)
    except OSError as exc:
        raise _named(exc, target) from None


def _mkdir_named(folder: Path) -> None:
    try:
        journal = _ACTIVE
        if journal is not None and journal.covers(folder):
            journal.before_mkdir(folder)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _named(exc, Path(exc.filename) if exc.filename else folder) from None


def _named(exc: OSError, path: Path) -> OSError:
    """The same error (same type and errno, so callers can still tell a full disk) naming ``path``."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))


UNDO_PREFIX = ".planbook-undo-"  # <root>/.planbook-undo-<pid>/<n>: the old files a journal keeps
_TEMPORARY = re.compile(r"\..+\.(?P<pid>\d+)\.\d+\.tmp")


class Journal:
    """What was changed under some folders while the journal was open: each file's old version (a hard
    link to it, in a hidden folder of the root), the files and folders that were new, the time stamps
    moved; :meth:`undo` puts them back."""

    def __init__(self, roots: Sequence[Path], skip: Sequence[Path] = ()) -> None:
        self.roots = [Path(os.path.abspath(r)) for r in roots]
        self.skip = [Path(os.path.abspath(r)) for r in skip]
        self._old: dict[Path, Path | None] = {}  # path → its old file kept aside, or None when it was new
        self._folders: list[Path] = []
        self._times: dict[Path, tuple[int, int]] = {}
        self._lock = threading.Lock()

    def covers(self, path: Path) -> bool:
        """``path`` is under one of the journal's folders (and not under one it leaves out)."""
        p = Path(os.path.abspath(path))
        return any(p.is_relative_to(r) for r in self.roots) and not any(p.is_relative_to(s) for s in self.skip)

    def _kept_name(self, path: Path) -> Path:
        root = next(r for r in self.roots if path.is_relative_to(r))
        folder = root / f"{UNDO_PREFIX}{os.getpid()}"
        folder.mkdir(exist_ok=True)
        return folder / str(len(self._old))

    def before_change(self, path: Path) -> None:
        """Keep the old version of ``path`` (once) before it is replaced or removed."""
        path = Path(os.path.abspath(path))
        with self._lock:
            if path in self._old:
                return
            if not os.path.lexists(path):
                self._old[path] = None
                return
            kept = self._kept_name(path)
            try:
                os.link(path, kept, follow_symlinks=False)
            except OSError:  # a file system without hard links: a copy
                shutil.copy2(path, kept, follow_symlinks=False)
            self._old[path] = kept

    def before_mkdir(self, folder: Path) -> None:
        """Note the folders that ``mkdir -p folder`` will make."""
        missing = []
        p = Path(os.path.abspath(folder))
        while not p.exists() and p != p.parent:
            missing.append(p)
            p = p.parent
        with self._lock:
            self._folders.extend(reversed(missing))

    def before_touch(self, path: Path) -> None:
        """Keep the time stamps of ``path`` (once) before they are moved."""
        path = Path(os.path.abspath(path))
        with self._lock:
            if path not in self._times and path not in self._old:
                st = path.stat()
                self._times[path] = (st.st_atime_ns, st.st_mtime_ns)

    def undo(self) -> None:
        """Put every file back as it was: old versions renamed back, new files and folders removed, times reset."""
        with self._lock:
            for path, kept in reversed(list(self._old.items())):
                with contextlib.suppress(OSError):
                    if kept is None:
                        os.unlink(path)
                    else:
                        os.replace(kept, path)
            for path, times in self._times.items():
                with contextlib.suppress(OSError):
                    os.utime(path, ns=times)
            for folder in reversed(self._folders):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only when empty
            self._old, self._times, self._folders = {}, {}, []
            self._remove_kept()

    def keep(self) -> None:
        """Keep the changes: the old versions are removed."""
        with self._lock:
            self._old, self._times, self._folders = {}, {}, []
            self._remove_kept()

    def _remove_kept(self) -> None:
        for root in self.roots:
            shutil.rmtree(root / f"{UNDO_PREFIX}{os.getpid()}", ignore_errors=True)


_ACTIVE: Journal | None = None


@contextlib.contextmanager
def journal(
    roots: Sequence[Path], skip: Sequence[Path] = (), keep_on: tuple[type[BaseException], ...] = ()
) -> Iterator[Journal]:
    """Record every change under ``roots`` (not under ``skip``) while the block runs; undo them all when
    it raises, unless the exception is one of ``keep_on`` (the changes then stay, as on success)."""
    global _ACTIVE
    if _ACTIVE is not None:
        raise RuntimeError("a journal is open already")
    record = _ACTIVE = Journal(roots, skip)
    try:
        yield record
    except keep_on:
        record.keep()
        raise
    except BaseException:
        record.undo()
        raise
    else:
        record.keep()
    finally:
        _ACTIVE = None


def _recorded(path: Path) -> None:
    journal = _ACTIVE
    if journal is not None and journal.covers(path):
        journal.before_change(path)


def remove_file(path: Path) -> None:
    """Remove a file (recorded by an open journal, so that a failed build puts it back)."""
    _recorded(path)
    path.unlink()


def touch(path: Path) -> None:
    """Move a file's time stamp to now (recorded by an open journal)."""
    journal = _ACTIVE
    if journal is not None and journal.covers(path):
        journal.before_touch(path)
    os.utime(path)


def remove_leftovers(folder: Path, skip: Sequence[Path] = ()) -> list[Path]:
    """Remove what killed processes left under ``folder``: temporary files, and the old versions a journal kept."""
    removed = []
    skipped = [Path(os.path.abspath(s)) for s in skip]
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(os.path.abspath(dirpath))
        for d in list(dirnames):
            if here / d in skipped:
                dirnames.remove(d)
            elif d.startswith(UNDO_PREFIX) and d[len(UNDO_PREFIX) :].isdigit():
                dirnames.remove(d)
                if not pid_alive(int(d[len(UNDO_PREFIX) :])):
                    shutil.rmtree(here / d, ignore_errors=True)
                    removed.append(here / d)
        for name in filenames:
            m = _TEMPORARY.fullmatch(name)
            if m and not pid_alive(int(m.group("pid"))):
                with contextlib.suppress(OSError):
                    os.unlink(here / name)
                    removed.append(here / name)
    return removed
