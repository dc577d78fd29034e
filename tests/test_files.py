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


def test_a_journal_puts_back_every_file_written_removed_or_touched_when_the_block_fails(tmp_path):
    from planbook.files import journal, remove_file, touch

    data = tmp_path / "data"
    write_files({data / "a.csv": "old a\n", data / "b.csv": "old b\n", data / "c.csv": "old c\n"})
    os.utime(data / "c.csv", ns=(1, 1))
    before = _state(data)
    outside = tmp_path / "cache.txt"
    with pytest.raises(RuntimeError), journal([data]):
        write_files({data / "a.csv": "new a\n", data / "new" / "d.csv": "d\n", outside: "kept\n"})
        remove_file(data / "b.csv")
        touch(data / "c.csv")
        raise RuntimeError("the last step failed")
    assert _state(data) == before  # same inodes, times and bytes; the new folder gone too
    assert outside.read_text() == "kept\n"  # outside the journal's folders: not its business
    with journal([data]):
        write_atomic(data / "a.csv", "new a\n")
    assert (data / "a.csv").read_text() == "new a\n" and sorted(p.name for p in data.iterdir()) == [
        "a.csv",
        "b.csv",
        "c.csv",
    ]  # kept, and the old versions gone


def test_a_journal_keeps_the_changes_on_the_exceptions_it_is_told_to(tmp_path):
    from planbook.files import journal

    with pytest.raises(KeyError), journal([tmp_path], keep_on=(KeyError,)):
        write_atomic(tmp_path / "a.csv", "a\n")
        raise KeyError("a notebook failed")
    assert [p.name for p in tmp_path.iterdir()] == ["a.csv"]


def test_leftovers_of_dead_processes_are_removed(tmp_path):
    import subprocess

    from planbook.files import remove_leftovers

    proc = subprocess.Popen(["true"])
    proc.wait()
    dead = proc.pid
    (tmp_path / "sub").mkdir()
    stale = [tmp_path / "sub" / f".a.csv.{dead}.12.tmp", tmp_path / f".planbook-undo-{dead}"]
    stale[0].write_text("half")
    stale[1].mkdir()
    (stale[1] / "0").write_text("old")
    live = tmp_path / f".a.csv.{os.getpid()}.12.tmp"
    live.write_text("being written")
    assert sorted(remove_leftovers(tmp_path)) == sorted(stale)
    assert not any(p.exists() for p in stale) and live.exists()
