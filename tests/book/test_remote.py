"""Chapter notebooks on a Dask cluster: the files travel with the job, the notebooks come back the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from planbook.book import kernels
from planbook.book.notebooks import NotebookTask
from planbook.book.remote import (
    JOB_PREFIX,
    PLUGIN_NAME,
    NotebookJob,
    WarmKernels,
    _stage,
    job_of,
    local_cluster,
    run_job,
)
from tests.book.tiny import make_project, patch_build, run_build

REPO = Path(__file__).resolve().parents[2]


def test_a_job_carries_the_files_its_parameters_name(tmp_path: Path) -> None:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    report = root / "seeds" / "r.txt"
    report.write_text("报告", encoding="utf-8")
    data = root / "data" / "r"
    (data / "tables").mkdir(parents=True)
    (data / "indicators.csv").write_text("a\n1\n", encoding="utf-8")
    (data / "tables" / "t.csv").write_text("b\n2\n", encoding="utf-8")
    os.utime(report, (1_000_000, 1_000_000))
    template = root / "notebooks" / "overview.ipynb"
    template.parent.mkdir()
    template.write_text('{"cells": []}', encoding="utf-8")
    params = {"report_path": "../../seeds/r.txt", "report_id": "r", "data_dir": "../../data/r", "other": []}
    task = NotebookTask("r", template, root / "book" / "r" / "overview.ipynb", params, "hash")
    job = job_of(task, root)
    assert [f.rel for f in job.files] == [
        "../../data/r/indicators.csv",
        "../../data/r/tables/t.csv",
        "../../seeds/r.txt",
    ]
    assert (job.template_rel, job.output_rel) == ("notebooks/overview.ipynb", "book/r/overview.ipynb")
    # Staged elsewhere, every relative parameter finds its file, with its bytes and time.
    folder = _stage(job, tmp_path / "stage")
    assert (folder / params["report_path"]).read_text(encoding="utf-8") == "报告"
    assert (folder / params["report_path"]).stat().st_mtime == 1_000_000
    assert (folder / params["data_dir"] / "tables" / "t.csv").read_text(encoding="utf-8") == "b\n2\n"


def test_a_failing_job_comes_back_as_a_line_naming_the_notebook(tmp_path: Path) -> None:
    job = NotebookJob("r", "overview.ipynb", "not json", "notebooks/overview.ipynb", "book/r/overview.ipynb",
                      {}, "python3", ())  # fmt: skip
    result = run_job(job)
    assert result.text == "" and result.error.startswith("overview.ipynb for r:")


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_a_worker_removes_what_killed_workers_left(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # the workers' temporary folder
    dead = _dead_pid()
    job_folder = tmp_path / f"{JOB_PREFIX}{dead}-abc"  # a killed worker's notebook, with the report in it
    (job_folder / "d" / "notebook").mkdir(parents=True)
    (job_folder / "seeds.txt").write_text("报告", encoding="utf-8")
    kernels_folder = tmp_path / f"{kernels.RUNTIME_PREFIX}{dead}-xyz"  # its kernels' connection files
    kernels_folder.mkdir()
    (kernels_folder / "kernel-1.json").write_text("{}")
    plugin = WarmKernels()
    plugin.setup(worker=None)
    try:
        assert not kernels_folder.exists() and plugin.runtime is not None and plugin.runtime.is_dir()
        assert plugin.runtime.name.startswith(f"{kernels.RUNTIME_PREFIX}{os.getpid()}-")
        job = NotebookJob("r", "overview.ipynb", "not json", "notebooks/overview.ipynb", "book/r/overview.ipynb",
                          {}, "python3", ())  # fmt: skip
        assert run_job(job).error  # the job fails; the killed worker's folder is gone all the same
        assert not job_folder.exists()
        assert [p for p in tmp_path.iterdir() if p.name.startswith(JOB_PREFIX)] == []  # its own removed too
    finally:
        plugin.teardown(worker=None)
    assert not plugin.runtime.exists()


def _files(root: Path) -> dict[str, bytes]:
    out = {}
    for folder in ("book", "data"):
        for p in sorted((root / folder).rglob("*")):
            if p.is_file() and "_build" not in p.parts and p.suffix in (".ipynb", ".csv", ".json", ".md", ".yml"):
                out[p.relative_to(root).as_posix()] = p.read_bytes()
    return out


@pytest.mark.slow
def test_a_book_built_on_a_cluster_is_the_book_built_here(tmp_path: Path, monkeypatch) -> None:
    """A scheduler and two worker processes on 127.0.0.1 run the chapter notebooks; every notebook,
    CSV and page is byte for byte the one a local build writes."""
    from planbook.book import runs

    patch_build(monkeypatch)
    here = make_project(tmp_path / "here")
    # The repository's chapter templates (the region's chapters too), on two reports of one region.
    shutil.rmtree(here / "notebooks")
    shutil.copytree(REPO / "notebooks", here / "notebooks")
    (here / "seeds" / "tiny-2021.txt").write_text(
        (here / "seeds" / "tiny-2020.txt").read_text(encoding="utf-8").replace("2020", "2021"), encoding="utf-8"
    )
    there = tmp_path / "there"
    shutil.copytree(here, there)
    local = run_build(here)

    def not_here(*args: object) -> str:
        raise AssertionError("a notebook ran in this process, not on the cluster")

    monkeypatch.setattr(runs, "execute_notebook", not_here)
    with local_cluster(2) as address:
        remote = run_build(there, scheduler=address)
        # Each worker kept its kernel between notebooks (the plugin's pool), ready for the next build.
        from distributed import Client

        with Client(address) as client:
            kept = client.run(lambda dask_worker: len(dask_worker.plugins[PLUGIN_NAME].pool._all))
        assert len(kept) == 2 and all(n == 1 for n in kept.values()), kept
    assert sorted(local.executed) == sorted(remote.executed)
    assert {Path(p).name for p in remote.executed} >= {"overview.ipynb", "targets.ipynb", "series.ipynb"}
    here_files, there_files = _files(here), _files(there)
    assert here_files.keys() == there_files.keys()
    different = [k for k in here_files if here_files[k] != there_files[k]]
    assert different == []
    assert (there / "book" / "_build" / "html" / "tiny-2021" / "overview.html").is_file()
