"""Tests of planbook/book/kernels.py: a start that lost a port is tried again, connection files go."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from planbook.book import kernels
from planbook.book.kernels import KernelPool, kernel_runtime
from planbook.errors import BuildError

pytestmark = pytest.mark.slow


@pytest.fixture
def busy_port():
    """A port another program holds."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        yield s.getsockname()[1]


def _clashing(monkeypatch, port: int, clashes: int) -> list:
    """The pool's first ``clashes`` kernel managers ask for ``port``, which is taken; returns all managers."""
    made = []
    real = KernelPool._manager

    def manager(self, name):
        km = real(self, name)
        if len(made) < clashes:
            km.cache_ports = False
            km.shell_port = port
        made.append(km)
        return km

    monkeypatch.setattr(KernelPool, "_manager", manager)
    return made


def test_a_start_that_lost_a_port_is_tried_once_more(tmp_path, monkeypatch, busy_port, capfd):
    made = _clashing(monkeypatch, busy_port, clashes=1)
    with kernel_runtime(tmp_path) as runtime:
        pool = KernelPool()
        try:
            km = pool._start("python3", tmp_path)
            assert km.is_alive() and len(made) == 2 and km.shell_port != busy_port
            assert sorted(runtime.iterdir()) == sorted([Path(km.connection_file), kernels.start_log(km)])
        finally:
            pool.close()
        assert list(runtime.iterdir()) == []  # connection files and logs removed
    assert "Address already in use" not in capfd.readouterr().err  # the kernel's traceback is not ours


def test_a_second_clash_is_an_error_with_the_kernels_words(tmp_path, monkeypatch, busy_port):
    _clashing(monkeypatch, busy_port, clashes=2)
    with kernel_runtime(tmp_path) as runtime:
        pool = KernelPool()
        with pytest.raises(BuildError, match="kernel python3 did not start: .*Address already in use"):
            pool._start("python3", tmp_path)
        pool.close()
        assert list(runtime.iterdir()) == []


def test_kernel_runtime_is_removed_and_a_killed_builds_is_removed_next_time(tmp_path):
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f"{kernels.RUNTIME_PREFIX}{gone.stdout.strip()}-x1"
    stale.mkdir()
    (stale / "kernel-1.json").write_text("{}")
    running = tmp_path / f"{kernels.RUNTIME_PREFIX}{os.getpid()}-x2"  # a build still running
    running.mkdir()
    with kernel_runtime(tmp_path) as runtime:
        assert os.environ["JUPYTER_RUNTIME_DIR"] == str(runtime)
        assert runtime.is_dir() and not stale.exists() and running.exists()
    assert not runtime.exists() and os.environ.get("JUPYTER_RUNTIME_DIR") != str(runtime)


def test_close_waits_for_a_kernel_being_started_and_that_kernel_goes(tmp_path, monkeypatch):
    """A build stopped while a kernel starts (a warm kernel started in the background) leaves no kernel and no
    connection file behind: close() returns only once that start has seen the pool closed and stopped it."""
    entered = threading.Event()
    made = []
    real = KernelPool._manager

    def slow_manager(self, name):
        km = real(self, name)
        start = km.start_kernel

        def start_kernel(**kw):
            entered.set()
            time.sleep(1)  # close() is called meanwhile
            start(**kw)

        km.start_kernel = start_kernel
        made.append(km)
        return km

    monkeypatch.setattr(KernelPool, "_manager", slow_manager)
    errors = []
    with kernel_runtime(tmp_path) as runtime:
        pool = KernelPool()

        def start() -> None:
            try:
                pool._start("python3", tmp_path)
            except BuildError as exc:
                errors.append(str(exc))

        thread = threading.Thread(target=start)
        thread.start()
        assert entered.wait(30)
        pool.close()
        assert not thread.is_alive()  # the start ended before close() returned
        assert errors == ["kernels were shut down"]
        assert list(runtime.iterdir()) == [] and not made[0].is_alive()
    thread.join()


def test_the_reset_between_notebooks_empties_the_namespace_without_collecting_garbage(tmp_path, monkeypatch):
    import gc

    from IPython.core.interactiveshell import InteractiveShell

    monkeypatch.chdir(tmp_path)  # the reset moves to the notebook's folder; the test's own is restored after
    # The shell puts its own __main__ (no __spec__) in sys.modules: put pytest's back after, or every later
    # test that spawns a process (the executors, a Dask cluster) fails.
    monkeypatch.setitem(sys.modules, "__main__", sys.modules["__main__"])
    shell = InteractiveShell.instance()
    try:
        shell.run_cell("leftover = 1\nimport os as left_module", store_history=True)
        collections: list[int] = []

        def collect(generation: int = 2) -> int:
            collections.append(generation)
            return 0

        monkeypatch.setattr(gc, "collect", collect)
        folder = tmp_path / "chapter"
        folder.mkdir()
        assert shell.run_cell(kernels.RESET.format(cwd=str(folder))).success
        assert collections == []  # two full collections per notebook cost more than some chapters take
        assert gc.collect is collect  # put back as it was
        assert "leftover" not in shell.user_ns and "left_module" not in shell.user_ns
        assert "_planbook_reset" not in shell.user_ns
        assert Path.cwd() == folder and shell.execution_count == 1
    finally:
        InteractiveShell.clear_instance()


def _heartbeats() -> int:
    """Kernel clients whose channels are open in this process (each has a heartbeat thread)."""
    from jupyter_client.channels import HBChannel

    return sum(isinstance(t, HBChannel) and t.is_alive() for t in threading.enumerate())


def test_the_channels_papermill_opens_in_a_warm_kernel_are_closed_before_its_next_notebook(tmp_path):
    import nbformat

    from planbook.book.notebooks import run_template

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    template = tmp_path / "chapter.ipynb"
    nbformat.write(nb, template)
    before = _heartbeats()
    with kernel_runtime(tmp_path):
        pool = KernelPool()
        try:
            for _ in range(3):
                run_template(template, tmp_path, {}, "python3", "unit", "chapter.ipynb", "out.ipynb", pool)
                # Only the running notebook's client is open: a long build no longer runs out of sockets.
                assert _heartbeats() - before <= 1
        finally:
            pool.close()
    assert _heartbeats() == before
