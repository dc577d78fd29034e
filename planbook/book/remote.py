"""Chapter notebooks run on a ``dask.distributed`` cluster: the files a notebook reads travel with it.

A :class:`NotebookJob` is plain data: the template, its parameters and every file the parameters
name (the report, its data folder or the region's), each at its path relative to the notebook's
folder, which is how the parameters name them. A worker stages the files in a temporary folder of
the same shape, runs the notebook there in its warm kernel (:class:`WarmKernels`, a worker plugin
that keeps one kernel pool per worker between tasks) and sends back the executed notebook's JSON.
The client writes every file and runs jupyter-book. The notebook is normalised exactly as a local
run is (``notebooks.normalize_notebook``), so the JSON is byte for byte the one a local build
writes; the workers only need planbook installed, not the client's files.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from distributed import LocalCluster, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from planbook.book.kernels import KernelPool, kernel_name, remove_stale_runtimes, runtime_folder
from planbook.book.notebooks import NotebookTask, relative, run_template
from planbook.corpus.executor import DaskExecutor
from planbook.errors import BuildError

PLUGIN_NAME = "planbook-warm-kernels"
JOB_PREFIX = "planbook-job-"  # a worker's folder for one notebook: planbook-job-<pid>-…, removed after it


@dataclass(frozen=True)
class ShippedFile:
    """A file a notebook reads: its path from the notebook's folder, its bytes and its modification time."""

    rel: str
    data: bytes
    mtime: float


@dataclass(frozen=True)
class NotebookJob:
    """One chapter notebook to run on a worker, with everything it reads."""

    unit: str  # the report or region id
    name: str  # the output's file name
    template: str  # the template's JSON
    template_rel: str  # paths as the local build records them in the notebook's metadata
    output_rel: str
    params: dict
    kernel: str
    files: tuple[ShippedFile, ...]


@dataclass(frozen=True)
class JobResult:
    """The executed notebook's JSON, or the one-line reason it failed."""

    text: str = ""
    error: str = ""


def _named_paths(params: dict) -> Iterator[str]:
    for value in params.values():
        if isinstance(value, str) and value:
            yield value
        elif isinstance(value, list | tuple):
            yield from (v for v in value if isinstance(v, str) and v)


def shipped_files(params: dict, folder: Path) -> tuple[ShippedFile, ...]:
    """Every file the parameters name (a file, or all files under a folder), relative to ``folder``."""
    out: dict[str, ShippedFile] = {}
    for value in _named_paths(params):
        # Lexically (the notebook's folder may not exist yet): book/r/../../seeds/r.txt → seeds/r.txt
        target = Path(os.path.normpath(folder / value))
        if target.is_file():
            found = [target]
        elif target.is_dir():
            found = sorted(p for p in target.rglob("*") if p.is_file())
        else:
            continue
        for p in found:
            rel = Path(os.path.relpath(p, folder)).as_posix()
            out.setdefault(rel, ShippedFile(rel, p.read_bytes(), p.stat().st_mtime))
    return tuple(out[k] for k in sorted(out))


def job_of(task: NotebookTask, root: Path) -> NotebookJob:
    """The job for a task of the local build plan."""
    return NotebookJob(
        unit=task.report_id,
        name=task.output.name,
        template=task.template.read_text(encoding="utf-8"),
        template_rel=relative(task.template, root),
        output_rel=relative(task.output, root),
        params=dict(task.params),
        kernel=kernel_name(task.template),
        files=shipped_files(task.params, task.output.parent),
    )


def _stage(job: NotebookJob, top: Path) -> Path:
    """Write the job's files under ``top``; return the notebook's folder, deep enough that every
    ``../`` of a relative path stays inside ``top``."""
    depth = max((f.rel.split("/").count("..") for f in job.files), default=0)
    folder = top.joinpath(*(["d"] * depth), "notebook")
    folder.mkdir(parents=True)
    # Oldest first is not needed: each file gets its own time back, so a staleness check (data
    # older than the report) sees what the client sees.
    for f in job.files:
        p = (folder / f.rel).resolve()
        if top.resolve() not in p.parents:
            raise BuildError(f"{job.unit}/{job.name}: a parameter names a file outside the staging folder")
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(f.data)
        os.utime(p, (f.mtime, f.mtime))
    return folder


def _worker_pool() -> KernelPool | None:
    """The warm kernel pool of the Dask worker running this task (None outside a worker)."""
    try:
        plugin = get_worker().plugins.get(PLUGIN_NAME)
    except (ImportError, ValueError):
        return None
    return getattr(plugin, "pool", None)


def run_job(job: NotebookJob) -> JobResult:
    """On a worker: stage the files, run the notebook in the worker's warm kernel, return its JSON.
    Never raises: a failure comes back as a line naming the notebook."""
    remove_stale_runtimes(Path(tempfile.gettempdir()), JOB_PREFIX)  # the folders of workers that were killed
    top = Path(tempfile.mkdtemp(prefix=f"{JOB_PREFIX}{os.getpid()}-"))
    try:
        folder = _stage(job, top)
        template = top / "template.ipynb"
        template.write_text(job.template, encoding="utf-8")
        text = run_template(
            template, folder, job.params, job.kernel, job.unit, job.template_rel, job.output_rel, _worker_pool()
        )
        return JobResult(text=text)
    except BuildError as exc:
        return JobResult(error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a kernel that died, a worker without a package: name the notebook
        return JobResult(error=f"{job.name} for {job.unit}: {type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(top, ignore_errors=True)


class WarmKernels(WorkerPlugin):
    """Dask worker plugin: one warm kernel pool per worker, kept between the notebooks it runs."""

    name = PLUGIN_NAME

    def __init__(self) -> None:
        self.pool: KernelPool | None = None
        self.runtime: Path | None = None

    def setup(self, worker: Any) -> None:
        """Called on each worker when the plugin is registered (and on workers that join later): the
        connection files go to a folder of this worker's, and those of killed workers are removed."""
        self.runtime = runtime_folder()
        self.pool = KernelPool(self.runtime)

    def teardown(self, worker: Any) -> None:
        """Called when the worker closes: shut its kernels down, remove their folder."""
        if self.pool is not None:
            self.pool.close()
        if self.runtime is not None:
            shutil.rmtree(self.runtime, ignore_errors=True)


def run_on_cluster(tasks: Sequence[NotebookTask], root: Path, address: str, on_done: Any = None) -> list[JobResult]:
    """Run the tasks on the cluster at ``address``; results in task order (``on_done`` after each)."""
    results = []
    with DaskExecutor(address) as executor:
        executor.call(lambda: executor.client.register_plugin(WarmKernels(), name=PLUGIN_NAME), "take the plugin")
        for result in executor.map(run_job, (job_of(t, root) for t in tasks)):
            results.append(result)
            if on_done is not None:
                on_done()
    return results


@contextlib.contextmanager
def local_cluster(workers: int = 2) -> Iterator[str]:
    """A scheduler and worker processes on 127.0.0.1 (one thread each), for tests and benchmarks."""
    with LocalCluster(
        n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address
