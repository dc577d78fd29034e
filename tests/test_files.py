"""Tests of planbook/files.py: files written whole or not at all, errors naming the file."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from planbook.files import write_atomic, write_files
from tests.system_errors import full_disk, read_only


def _state(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes()) for p in folder.iterdir()}


def test_a_file_whose_bytes_would_not_change_is_not_touched(tmp_path):
    path = tmp_path / "a.csv"
    assert write_atomic(path, "x\n") is True
    before = _state(tmp_path)
    assert write_atomic(path, "x\n") is False
    assert _state(tmp_path) == before


def test_a_full_disk_leaves_every_file_as_it_was(tmp_path, monkeypatch):
    old = {tmp_path / "a.csv": "old a\n", tmp_path / "b.csv": "old b\n"}
    write_files(old)
    before = _state(tmp_path)
    full_disk(monkeypatch, tmp_path)
    with pytest.raises(OSError) as caught:
        write_files({tmp_path / "a.csv": "new a\n", tmp_path / "b.csv": "new b\n", tmp_path / "c.csv": "c\n"})
    assert caught.value.errno == errno.ENOSPC
    assert caught.value.filename == str(tmp_path / "a.csv")  # the file, not its temporary name
    assert _state(tmp_path) == before  # no new file, no temporary file, no file half-written


def test_a_read_only_folder_is_an_error_naming_the_file_and_changes_nothing(tmp_path, monkeypatch):
    write_atomic(tmp_path / "data" / "a.csv", "old\n")
    before = _state(tmp_path / "data")
    with read_only(monkeypatch, tmp_path / "data"), pytest.raises(OSError) as caught:
        write_atomic(tmp_path / "data" / "a.csv", "new\n")
    assert caught.value.errno in (errno.EACCES, errno.EROFS, errno.EPERM)
    assert caught.value.filename == str(tmp_path / "data" / "a.csv")
    assert _state(tmp_path / "data") == before


def test_a_read_only_folder_is_no_error_when_nothing_changes(tmp_path, monkeypatch):
    write_atomic(tmp_path / "data" / "a.csv", "same\n")
    with read_only(monkeypatch, tmp_path / "data") as refused:
        assert write_atomic(tmp_path / "data" / "a.csv", "same\n") is False
    assert refused == []


def test_a_device_is_written_in_place_not_replaced():
    assert write_atomic(os.devnull, "rows\n") is True
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


def test_a_folder_in_the_way_is_an_error_naming_it(tmp_path):
    (tmp_path / "rows.csv").mkdir()
    with pytest.raises(IsADirectoryError) as caught:
        write_atomic(tmp_path / "rows.csv", "x\n")
    assert caught.value.filename == str(tmp_path / "rows.csv")
