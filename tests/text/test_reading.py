"""Reading a report's bytes: regular files only (or stdin), a size cap, special files in a folder named."""

from __future__ import annotations

import io
import os
import socket
import threading
from pathlib import Path

import pytest

from planbook.model import ReportError
from planbook.text import load_report, report_files
from planbook.text.reading import MAX_SIZE_ENV, parse_size, read_bytes, set_max_size

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"


def test_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    outcome: list[BaseException | bytes] = []
    reader = threading.Thread(target=lambda: outcome.append(_attempt(pipe)), daemon=True)
    reader.start()
    reader.join(5)
    if reader.is_alive():  # opening a pipe for reading waits for a writer: give it one, then fail
        with open(pipe, "wb"):
            pass
        pytest.fail("reading a named pipe waited")
    assert isinstance(outcome[0], ReportError)
    assert str(outcome[0]).endswith("pipe.txt: a named pipe, not a report file")


def _attempt(path: Path) -> BaseException | bytes:
    try:
        return read_bytes(path)
    except ReportError as exc:
        return exc


def test_a_device_a_socket_a_loop_and_a_dangling_link_are_named(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"^/dev/zero: a device, not a report file$"):
        read_bytes(Path("/dev/zero"))
    (tmp_path / "a.txt").symlink_to("b.txt")
    (tmp_path / "b.txt").symlink_to("a.txt")
    with pytest.raises(ReportError, match=r"a.txt: a loop of symbolic links$"):
        read_bytes(tmp_path / "a.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(ReportError, match=r"gone.txt: a link to a missing file \(.*nowhere.txt\)$"):
        read_bytes(tmp_path / "gone.txt")
    with socket.socket(socket.AF_UNIX) as s:
        s.bind(str(tmp_path / "sock.txt"))
        with pytest.raises(ReportError, match=r"sock.txt: a socket, not a report file$"):
            read_bytes(tmp_path / "sock.txt")
    with pytest.raises(ReportError, match=r"missing.txt: no such file$"):
        read_bytes(tmp_path / "missing.txt")


def test_a_file_over_the_cap_is_refused_before_it_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(SEED.read_bytes())
    size = path.stat().st_size
    with pytest.raises(
        ReportError,
        match=rf"big.txt: {size:,} bytes, more than a report may have \(1 kB\); give --max-size 1MB to read it$",
    ):
        read_bytes(path, limit=1000)
    monkeypatch.setenv(MAX_SIZE_ENV, "1k")
    with pytest.raises(ReportError, match=r"give --max-size \S+ to read it$"):
        load_report(path)
    monkeypatch.setenv(MAX_SIZE_ENV, "1M")
    assert load_report(path).text  # a raised cap reads it
    assert read_bytes(path, limit=size) == SEED.read_bytes()  # a file exactly at the cap is read


def test_sizes_are_read_in_decimal_units() -> None:
    assert parse_size("20M") == 20_000_000
    assert parse_size("1.5 GB") == 1_500_000_000
    assert parse_size("800k") == 800_000
    assert parse_size("123") == 123
    with pytest.raises(ValueError, match="not a size"):
        parse_size("lots")
    with pytest.raises(ReportError, match="--max-size: not a size"):
        set_max_size("lots")


def test_stdin_is_read_when_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    data = SEED.read_bytes()
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert read_bytes(Path("-")) == data
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    with pytest.raises(ReportError, match=r"^stdin: more than a report may have"):
        read_bytes(Path("-"), limit=100)


def test_special_files_in_a_folder_are_listed_so_that_reading_names_them(tmp_path: Path) -> None:
    (tmp_path / "a-2020.txt").write_bytes(SEED.read_bytes())
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "notes.md").write_text("not a report")
    (tmp_path / "sub.txt").mkdir()  # a folder named like a report is no report
    listed = report_files([tmp_path])
    assert [f.path.name for f in listed] == ["a-2020.txt", "gone.txt", "loop.txt", "pipe.txt", "zero.txt"]
    assert all(f.listed for f in listed)
    problems = []
    for f in listed[1:]:
        with pytest.raises(ReportError) as err:
            load_report(f.path)
        problems.append(str(err.value).split(": ", 1)[1])
    assert problems == [
        f"a link to a missing file ({tmp_path / 'nowhere.txt'})",
        "a loop of symbolic links",
        "a named pipe, not a report file",
        "a device, not a report file",
    ]


def test_a_symlink_loop_given_as_a_report_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    files = report_files([tmp_path / "loop.txt"])  # resolving it must not raise RuntimeError
    assert [f.path.name for f in files] == ["loop.txt"]
    with pytest.raises(ReportError, match="a loop of symbolic links"):
        load_report(files[0].path)
