"""Every command given what a hostile user gives it: one line on stderr, the right exit status, no traceback,
and an answer in bounded time (a named pipe, a device, a link loop, a file over the size cap, a name with
control characters, a scheduler address that is no scheduler)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"
# Each command, with the arguments that put its output (or its book and data) into ``out``.
COMMANDS = {
    "extract": lambda out: ["-o", str(out / "rows.csv")],
    "text": lambda out: [],
    "targets": lambda out: ["-o", str(out / "targets.csv")],
    "compare": lambda out: ["-o", str(out / "compare.csv")],
    "panel": lambda out: ["-o", str(out / "panel.duckdb")],
    "build": lambda out: ["--book", str(out / "book"), "--data", str(out / "data"), "--quiet"],
}


def planbook(*args: str | Path, timeout: float = 120, env: dict[str, str] | None = None) -> tuple[int, str, float]:
    """Exit status, stderr and seconds of ``python -m planbook ARGS`` (a hang fails the test at ``timeout``)."""
    environment = {k: v for k, v in os.environ.items() if k != "PLANBOOK_SCHEDULER"}
    environment.update({"PYTHONPATH": str(ROOT), **(env or {})})
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "planbook", *map(str, args)],
        capture_output=True,
        cwd=ROOT,
        env=environment,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )
    return done.returncode, done.stderr.decode("utf-8", "replace"), time.monotonic() - started


def one_line(status: int, err: str, expected: int = 2) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert status == expected and len(lines) == 1 and "Traceback" not in err, (status, err)
    return lines[0]


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_named_pipe_is_one_line_for_every_command(tmp_path: Path, command: str) -> None:
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    status, err, _ = planbook(command, pipe, *COMMANDS[command](tmp_path), timeout=90)
    assert one_line(status, err).endswith(f"{pipe}: a named pipe, not a report file")


@pytest.mark.parametrize("command", ["targets", "panel", "build"])
def test_a_symlink_loop_is_one_line(tmp_path: Path, command: str) -> None:
    (tmp_path / "loop.txt").symlink_to("loop.txt")
    status, err, _ = planbook(command, tmp_path / "loop.txt", *COMMANDS[command](tmp_path))
    assert one_line(status, err).endswith("loop.txt: a loop of symbolic links")


@pytest.mark.parametrize("command", ["extract", "panel"])
def test_dev_zero_and_a_file_over_the_cap_are_one_line(tmp_path: Path, command: str) -> None:
    status, err, _ = planbook(command, "/dev/zero", *COMMANDS[command](tmp_path))
    assert one_line(status, err).endswith("/dev/zero: a device, not a report file")
    status, err, _ = planbook(command, SEED, *COMMANDS[command](tmp_path), "--max-size", "10k")
    assert "more than a report may have (10 kB); give --max-size" in one_line(status, err)
    status, err, _ = planbook(command, SEED, *COMMANDS[command](tmp_path), env={"PLANBOOK_MAX_SIZE": "10k"})
    assert "more than a report may have (10 kB)" in one_line(status, err)


def test_stdin_is_read_when_asked_for() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "planbook", "text", "-"],
        input=SEED.read_bytes(),
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert done.returncode == 0 and done.stdout == SEED.read_bytes()


def test_a_name_with_control_characters_is_printed_escaped(tmp_path: Path) -> None:
    bad = tmp_path / "report\x1b[2J\nforged.txt"
    bad.write_bytes(b"%PDF-1.4 not text")
    status, err, _ = planbook("extract", bad)
    line = one_line(status, err)
    assert "\x1b" not in err and "report\\x1b[2J\\nforged.txt: a PDF file" in line
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a\u202etxt.exe.txt").write_bytes(b"%PDF-1.4 not text")
    (folder / "good-2020.txt").write_bytes(SEED.read_bytes())
    status, err, _ = planbook("panel", folder, "-o", tmp_path / "p.duckdb", "--keep-going", "--quiet")
    assert "\u202e" not in err and "a\\u202etxt.exe.txt" in one_line(status, err, expected=1)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port that accepts connections and never says a word."""
    yield from _server(b"")


@pytest.fixture
def garbage_port() -> Iterator[int]:
    """A port that answers every connection with bytes that claim a frame of exabytes."""
    yield from _server(b"\xff" * 64 + os.urandom(64))


def _server(reply: bytes) -> Iterator[int]:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            held.append(conn)
            if reply:
                try:
                    conn.sendall(reply)
                except OSError:
                    pass

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield server.getsockname()[1]
    finally:
        server.close()
        for conn in held:
            conn.close()


@pytest.mark.parametrize("command", ["panel", "build"])
def test_a_scheduler_address_that_is_no_address_is_one_line_and_nothing_after(tmp_path: Path, command: str) -> None:
    status, err, seconds = planbook(command, SEED, *COMMANDS[command](tmp_path), "--scheduler", "notaurl")
    assert "notaurl: not the address of a Dask scheduler" in one_line(status, err)
    assert seconds < 30  # no client left behind to time out at exit


@pytest.mark.parametrize("command", ["panel", "build"])
def test_a_port_that_says_nothing_is_one_line_in_bounded_time(tmp_path: Path, command: str, silent_port: int) -> None:
    address = f"tcp://127.0.0.1:{silent_port}"
    args = [command, SEED, *COMMANDS[command](tmp_path), "--scheduler", address]
    status, err, seconds = planbook(*args, env={"PLANBOOK_SCHEDULER_TIMEOUT": "3"}, timeout=90)
    line = one_line(status, err)
    assert line.endswith(f": {address}: cannot reach the Dask scheduler (no answer in time)")
    assert seconds < 45


def test_a_peer_answering_garbage_is_one_line(tmp_path: Path, garbage_port: int) -> None:
    address = f"tcp://127.0.0.1:{garbage_port}"
    status, err, _ = planbook("panel", SEED, "-o", tmp_path / "p.duckdb", "--scheduler", address, timeout=90)
    assert one_line(status, err).startswith(f"planbook: {address}: cannot reach the Dask scheduler (")
    assert not (tmp_path / "p.duckdb").exists()


def test_evaluate_given_a_named_pipe_is_one_line(tmp_path: Path) -> None:
    pipe = tmp_path / "pred.csv"
    os.mkfifo(pipe)
    gold = ROOT / "tests" / "fixtures" / "jingzhou-district-2020.csv"
    status, err, _ = planbook("evaluate", gold, pipe, timeout=60)
    assert one_line(status, err).endswith("pred.csv: not a file")
    status, err, _ = planbook("evaluate", "--targets", ROOT / "tests" / "fixtures" / "chains", pipe, timeout=60)
    assert one_line(status, err).endswith("pred.csv: not a regular file")
