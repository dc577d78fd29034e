"""Tests for planbook.corpus.executor, and for the panel being the same on every executor (a real Dask cluster)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from planbook.analysis.targets import targets_csv
from planbook.corpus.executor import (
    DaskExecutor,
    ExecutorError,
    ProcessExecutor,
    SerialExecutor,
    make_executor,
)
from planbook.corpus.panel import PRELOAD, update_panel
from planbook.corpus.schema import INDICATORS, TABLES, TARGETS
from planbook.export import rows_to_csv
from tests.corpus.helpers import ROOT, copy_corpus, pid_after, tables

# Later items finish first: results must still come back in item order.
ITEMS = list(enumerate([0.2, 0.15, 0.1, 0.05, 0.0, 0.0, 0.05, 0.1] * 3))


def in_order(results: list[tuple[int, int]]) -> set[int]:
    """The process ids of results that came back in item order."""
    assert [i for i, _ in results] == list(range(len(ITEMS)))
    return {pid for _, pid in results}


def test_serial_map_keeps_order_and_runs_here() -> None:
    assert list(SerialExecutor().map(pid_after, [(0, 0.0), (1, 0.0)])) == [(0, os.getpid()), (1, os.getpid())]


def test_process_map_keeps_order_and_runs_in_two_other_processes() -> None:
    with ProcessExecutor(2) as executor:
        pids = in_order(list(executor.map(pid_after, ITEMS)))
        assert list(executor.map(abs, [-3, 2, -1])) == [3, 2, 1]
    assert os.getpid() not in pids and len(pids) == 2


def test_make_executor_follows_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PLANBOOK_SCHEDULER", raising=False)
    assert isinstance(make_executor(), SerialExecutor)
    assert isinstance(make_executor(jobs=1), SerialExecutor)
    with make_executor(jobs=2) as executor:
        assert isinstance(executor, ProcessExecutor) and executor.workers == 2
    monkeypatch.setenv("PLANBOOK_SCHEDULER", "tcp://127.0.0.1:9")
    with pytest.raises(ExecutorError, match=r"^tcp://127.0.0.1:9: cannot reach the Dask scheduler"):
        DaskExecutor("tcp://127.0.0.1:9", timeout=1)
    # --jobs on the command line wins over the environment
    assert isinstance(make_executor(jobs=1), SerialExecutor)


def query_csvs(db: Path) -> tuple[str, str, str]:
    """Exports of a panel: indicators and targets in the project's CSV, and every table through DuckDB's CSV."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        duck = "".join(con.execute(t.select_sql()).df().to_csv(index=False) for t in TABLES)
        return (
            rows_to_csv(con.execute(INDICATORS.select_sql()).df()),
            targets_csv(con.execute(TARGETS.select_sql()).df()),
            duck,
        )
    finally:
        con.close()


def parquet_bytes(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def cluster():
    """A scheduler and two worker processes on 127.0.0.1 (one thread each), for this module's tests."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None, silence_logs=40
    ) as local:
        yield local


def test_dask_map_keeps_order_and_runs_on_both_workers(cluster) -> None:
    with DaskExecutor(cluster.scheduler_address) as executor:
        pids = in_order(list(executor.map(pid_after, ITEMS)))
        assert executor.workers == 2
    assert os.getpid() not in pids and len(pids) == 2


def test_the_panel_is_byte_identical_on_every_executor(tmp_path: Path, cluster) -> None:
    corpus = copy_corpus(tmp_path / "in")
    runs = {}
    executors = {
        "serial": SerialExecutor(),
        "processes": ProcessExecutor(2, PRELOAD),
        "dask": DaskExecutor(cluster.scheduler_address),
    }
    for name, executor in executors.items():
        with executor:
            update_panel([corpus], tmp_path / f"{name}.duckdb", parquet=tmp_path / f"{name}-pq", executor=executor)
        runs[name] = (
            tables(tmp_path / f"{name}.duckdb"),
            query_csvs(tmp_path / f"{name}.duckdb"),
            parquet_bytes(tmp_path / f"{name}-pq"),
        )
    serial = runs["serial"]
    assert len(serial[0]["indicators"]) > 1000 and len(serial[0]["targets"]) > 20
    for name in ("processes", "dask"):
        assert runs[name][0] == serial[0], name
        assert runs[name][1] == serial[1], name
        assert runs[name][2] == serial[2], name


def test_the_command_runs_on_the_cluster_named_by_option_or_environment(tmp_path: Path, cluster) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    update_panel([corpus], tmp_path / "serial.duckdb")
    environment = {k: v for k, v in os.environ.items() if k != "PLANBOOK_SCHEDULER"}
    environment["PYTHONPATH"] = str(ROOT)
    for how, extra, env in (
        ("option", ["--scheduler", cluster.scheduler_address], environment),
        ("environment", [], {**environment, "PLANBOOK_SCHEDULER": cluster.scheduler_address}),
    ):
        db = tmp_path / f"{how}.duckdb"
        done = subprocess.run(
            [sys.executable, "-m", "planbook", "panel", str(corpus), "-o", str(db), *extra],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr
        assert tables(db) == tables(tmp_path / "serial.duckdb"), how
        assert query_csvs(db) == query_csvs(tmp_path / "serial.duckdb"), how
    # Tasks really ran there: the scheduler has seen read_one tasks.
    with DaskExecutor(cluster.scheduler_address) as executor:
        counts = executor.client.run_on_scheduler(
            lambda dask_scheduler: sum(1 for k in dask_scheduler.task_prefixes if "read_one" in k)
        )
    assert counts >= 1
