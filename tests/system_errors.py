"""Errors of the system for the tests: a read-only folder and a full disk under a folder.

Every file planbook writes goes through ``planbook.files``; these helpers make its writes under a
folder fail as the system would. A read-only folder also gets read-only modes, which is all it
takes for a normal user; root ignores modes, so the refusal is simulated as well.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from planbook import files


def _under(path: Path, folder: Path) -> bool:
    return Path(os.path.abspath(path)).is_relative_to(os.path.abspath(folder))


def refuse_writes(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int, half: bool = False) -> list[Path]:
    """Writes of files under ``folder`` fail with ``code`` (after half the bytes with ``half``).

    Returns the list the refused paths are appended to, so that a test can see a write was tried.
    """
    real = files._write_file
    refused: list[Path] = []

    def write(path: Path, data: bytes) -> None:
        if not _under(path, folder):
            return real(path, data)
        refused.append(path)
        if half:
            real(path, data[: len(data) // 2])
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(files, "_write_file", write)
    return refused


@contextlib.contextmanager
def read_only(monkeypatch: pytest.MonkeyPatch, folder: Path) -> Iterator[list[Path]]:
    """``folder`` and the folders in it read-only while the block runs; yields the refused writes."""
    folders = [folder, *(p for p in folder.rglob("*") if p.is_dir())]
    code = errno.EACCES if os.geteuid() else errno.EROFS
    refused = refuse_writes(monkeypatch, folder, code)
    for d in folders:
        d.chmod(0o555)
    try:
        yield refused
    finally:
        for d in folders:
            d.chmod(0o755)


def full_disk(monkeypatch: pytest.MonkeyPatch, folder: Path) -> list[Path]:
    """The disk under ``folder`` is full: a write stops half-way with ENOSPC."""
    return refuse_writes(monkeypatch, folder, errno.ENOSPC, half=True)
