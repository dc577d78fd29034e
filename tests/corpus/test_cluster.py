"""A cluster that goes away: every worker killed, or the scheduler, stops a run with one line naming the
cluster, in bounded time (a run used to wait for a worker forever)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from planbook.corpus.executor import DaskExecutor, ExecutorError
from tests.corpus.helpers import ROOT, copy_corpus, pid_after

DASK = Path(sys.executable).with_name("dask")
pytestmark = pytest.mark.skipif(not DASK.exists(), reason="the dask command is not installed beside python")


def _env() -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k != "PLANBOOK_SCHEDULER"}, "PYTHONPATH": str(ROOT)}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=30)


@pytest.fixture
def scheduler() -> Iterator[tuple[str, subprocess.Popen]]:
    """A scheduler on 127.0.0.1 (its own process, so that a test can kill it)."""
    port = _free_port()
    command = [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"]
    proc = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    try:
        yield f"tcp://127.0.0.1:{port}", proc
    finally:
        _stop(proc)


def _worker(address: str) -> subprocess.Popen:
    """A worker without a nanny (a nanny would start a killed worker again), one thread; waits until it joined."""
    command = [str(DASK), "worker", address, "--no-nanny", "--nthreads", "1", "--no-dashboard"]
    proc = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with DaskExecutor(address) as probe:
        deadline = time.monotonic() + 60
        while not probe.call(probe.client.nthreads, "list its workers") and time.monotonic() < deadline:
            time.sleep(0.2)
    return proc


def test_every_worker_killed_mid_run_stops_the_run_naming_the_cluster(scheduler, monkeypatch) -> None:
    address, _ = scheduler
    worker = _worker(address)
    monkeypatch.setenv("PLANBOOK_NO_WORKER_WAIT", "2")
    started = time.monotonic()
    results = []
    try:
        with pytest.raises(ExecutorError) as err, DaskExecutor(address, timeout=3) as executor:
            for result in executor.map(pid_after, [(i, 1.0) for i in range(20)]):
                results.append(result)
                if len(results) == 1:
                    worker.kill()  # the only worker, and no nanny to start it again
    finally:
        _stop(worker)
    assert str(err.value).startswith(f"{address}: no worker left on the Dask cluster (none for 2 s)")
    assert len(results) == 1 and time.monotonic() - started < 60


def test_the_scheduler_killed_mid_run_stops_the_run_naming_it(scheduler) -> None:
    address, proc = scheduler
    worker = _worker(address)
    results = []
    try:
        with pytest.raises(ExecutorError) as err, DaskExecutor(address, timeout=3) as executor:
            for result in executor.map(pid_after, [(i, 1.0) for i in range(20)]):
                results.append(result)
                if len(results) == 1:
                    proc.kill()
    finally:
        _stop(worker)
    # The client notices the lost connection (its tasks are cancelled), or a call to the scheduler fails.
    assert re.fullmatch(
        rf"{re.escape(address)}: (lost the connection to the Dask scheduler|the Dask scheduler failed to .*)",
        str(err.value),
    )


def test_a_cluster_without_workers_is_one_line_from_the_command(scheduler, tmp_path: Path) -> None:
    address, _ = scheduler
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    env = {**_env(), "PLANBOOK_NO_WORKER_WAIT": "2", "PLANBOOK_SCHEDULER_TIMEOUT": "2"}
    done = subprocess.run(
        [sys.executable, "-m", "planbook", "panel", str(corpus), "-o", str(tmp_path / "p.duckdb"), "--quiet"],
        cwd=ROOT,
        env={**env, "PLANBOOK_SCHEDULER": address},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert done.stderr.splitlines() == [
        f"planbook: {address}: no worker left on the Dask cluster (none for 2 s); "
        f"start workers with `dask worker {address}` and run again"
    ]
    assert not (tmp_path / "p.duckdb").exists()
