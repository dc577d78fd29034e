"""Step 4 of the build: run the chapter notebooks, in warm local kernels or on a Dask cluster.

Either way the result is the same :class:`NotebookRuns`: each notebook's normalised JSON (nothing is
written here) and a line for each notebook that failed. On a cluster (``--scheduler ADDRESS`` or
``$PLANBOOK_SCHEDULER``) the notebooks run on its workers (``planbook.book.remote``); the client
writes every file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from planbook.book.kernels import KernelPool
from planbook.book.notebooks import NotebookTask, execute_notebook
from planbook.errors import BuildError

SCHEDULER_ENV = "PLANBOOK_SCHEDULER"
T = TypeVar("T")


@dataclass(frozen=True)
class ExecutedNotebook:
    """A notebook papermill ran: its task and the normalised notebook text (not written yet)."""

    task: NotebookTask
    text: str


@dataclass
class NotebookRuns:
    """Step 4's result: notebooks that ran, and a line for each that failed."""

    done: list[ExecutedNotebook] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Workers:
    """Where the notebooks run: ``address`` of a Dask scheduler, else ``threads`` local warm kernels."""

    kernels: KernelPool
    threads: int
    address: str = ""


def cluster_address(scheduler: str | None, jobs: int | None) -> str:
    """The scheduler to use: the option, else ``$PLANBOOK_SCHEDULER`` unless ``--jobs`` was given."""
    if scheduler:
        return scheduler
    return "" if jobs is not None else os.environ.get(SCHEDULER_ENV, "").strip()


def run_notebooks(
    tasks: Sequence[NotebookTask], root: Path, where: Workers, bar: Any, meanwhile: Callable[[], T]
) -> tuple[NotebookRuns, T]:
    """Run every task; ``meanwhile()`` (writing the pages) runs while they do. Returns the runs and
    what ``meanwhile`` returned."""
    if where.address:
        return run_remote(tasks, root, where.address, bar), meanwhile()
    with ThreadPoolExecutor(max_workers=where.threads) as pool:
        try:
            futures = {pool.submit(execute_notebook, t, root, where.kernels): t for t in tasks}
            other = meanwhile()
            bar.update()
            return collect_notebooks(futures, bar), other
        except BaseException:
            # Interrupted, or a page could not be written: the notebooks not started are dropped
            # and the running ones interrupted, so that the pool's shutdown need not wait for them.
            pool.shutdown(wait=False, cancel_futures=True)
            where.kernels.interrupt()
            raise


def collect_notebooks(futures: dict[Future, NotebookTask], bar: Any) -> NotebookRuns:
    """Wait for the local notebooks; a failure is kept as a line naming the notebook."""
    runs = NotebookRuns()
    for fut in as_completed(futures):
        t = futures[fut]
        try:
            runs.done.append(ExecutedNotebook(t, fut.result()))
        except BuildError as exc:
            runs.failures.append(str(exc))
        except Exception as exc:  # kernel died, bad template JSON …: name the notebook
            runs.failures.append(f"{t.template.name} for {t.report_id}: {type(exc).__name__}: {exc}")
        bar.update()
    return runs


def run_remote(tasks: Sequence[NotebookTask], root: Path, address: str, bar: Any) -> NotebookRuns:
    """Run the tasks on the Dask cluster at ``address`` (each worker keeps its kernels warm)."""
    if not tasks:
        return NotebookRuns()
    # remote imports distributed (~2.8 s): only a build on a Dask cluster needs it
    from planbook.book.remote import run_on_cluster

    runs = NotebookRuns()
    bar.update()  # the pages, written after the notebooks here
    for task, result in zip(tasks, run_on_cluster(tasks, root, address, bar.update), strict=True):
        if result.error:
            runs.failures.append(result.error)
        else:
            runs.done.append(ExecutedNotebook(task, result.text))
    return runs
