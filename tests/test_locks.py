"""One holder at a time: the lock file beside what is written, released when its holder ends, however it ends."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from planbook.locks import LockBusy, file_lock, pid_alive


def test_a_second_holder_waits_then_gets_the_lock_and_no_lock_file_is_left(tmp_path: Path) -> None:
    lock = tmp_path / ".x.lock"
    order: list[str] = []
    told = threading.Event()

    def second() -> None:
        with file_lock(lock, waiting=told.set):
            order.append("second")

    with file_lock(lock):
        order.append("first")
        waiter = threading.Thread(target=second)
        waiter.start()
        assert told.wait(10)  # it said it waits
        time.sleep(0.3)
        assert order == ["first"]
    waiter.join(10)
    assert order == ["first", "second"]
    assert list(tmp_path.iterdir()) == []


def test_without_waiting_a_held_lock_is_lock_busy(tmp_path: Path) -> None:
    lock = tmp_path / ".x.lock"
    with file_lock(lock), pytest.raises(LockBusy, match=r"\.x\.lock is held by another process"):
        with file_lock(lock, wait=False):
            pass


def test_a_killed_holder_leaves_no_lock_that_stops_the_next(tmp_path: Path) -> None:
    lock = tmp_path / ".x.lock"
    hold = (
        f"import fcntl, os, time; fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT); "
        "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)"
    )
    proc = subprocess.Popen([sys.executable, "-c", hold], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    with pytest.raises(LockBusy):
        with file_lock(lock, wait=False):
            pass
    proc.kill()
    proc.wait(10)
    with file_lock(lock, wait=False):  # the lock file is still there, its lock went with the process
        pass
    assert not pid_alive(proc.pid)
