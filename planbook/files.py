"""The one way planbook writes a file: whole or not at all, and not at all when nothing changed.

A failure (read-only folder, full disk, no permission) is an ``OSError`` that names the file that was
to be written, never the temporary one, and leaves every file as it was.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Mapping
from pathlib import Path


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
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _named(exc, Path(exc.filename) if exc.filename else folder) from None


def _named(exc: OSError, path: Path) -> OSError:
    """The same error (same type and errno, so callers can still tell a full disk) naming ``path``."""
    return type(exc)(exc.errno, exc.strerror or str(exc), str(path))
