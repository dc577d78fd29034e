"""Where per-item work runs: in this process, in local worker processes, or on a Dask cluster — one ``map`` for all.

Every executor has ``map(func, items)``: ``func`` is a module-level function (it is pickled by
name), each item and result is plain data, and results come back **in the order of the items**,
whatever finished first, so whatever the client writes from them is the same on every executor.
Items are submitted a window at a time, so a corpus of any size never sits in memory at once.
Workers only compute; the client writes every file.

The book build is meant to use the same interface later: a task per chapter notebook
(template, parameters, the report's rows as plain data) whose function executes the notebook
and returns its JSON. Locally that function takes a kernel from the warm kernel pool of its
process; on Dask a ``distributed.WorkerPlugin`` registered through :attr:`DaskExecutor.client`
keeps one pool per worker between tasks, and the function finds it with
``distributed.get_worker().plugins``.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from planbook.corpus.cluster import ExecutorError, bounded, call_timeout, no_worker_wait, probe_scheduler
from planbook.shown import shown

T = TypeVar("T")
R = TypeVar("R")

SCHEDULER_ENV = "PLANBOOK_SCHEDULER"
# Items in flight per worker: enough to keep every worker busy while the client consumes results.
WINDOW_PER_WORKER = 4
POLL = 0.05  # seconds between looks for a finished task on a cluster (its liveness is checked less often)


class Executor:
    """Runs ``func`` over items and yields the results in item order."""

    name = "executor"
    workers = 1

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``func(item)`` for every item, in item order."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the workers (the serial executor has none)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def describe(self) -> str:
        """A few words for messages and the benchmark table."""
        return self.name


class SerialExecutor(Executor):
    """Each call in this process, one after the other: no start-up cost, the default."""

    name = "serial"

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``func(item)`` for every item, in item order."""
        for item in items:
            yield func(item)


class ProcessExecutor(Executor):
    """Local worker processes (started by a fork server that has already imported ``preload``)."""

    name = "processes"

    def __init__(self, workers: int, preload: Sequence[str] = ()) -> None:
        # A fork server, not plain fork: the client may hold DuckDB's threads, and forking a
        # threaded process can deadlock; the server forks from a clean process that has only
        # imported ``preload``, so each worker starts without importing pandas and planbook again.
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
        self.workers = workers
        self._pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``func(item)`` for every item, in item order."""
        yield from _ordered(
            lambda item: self._pool.submit(func, item), Future.result, items, WINDOW_PER_WORKER * self.workers
        )

    def close(self) -> None:
        """Stop the worker processes (pending items are cancelled)."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def describe(self) -> str:
        return f"{self.workers} local processes"


class DaskExecutor(Executor):
    """Tasks on an existing ``dask.distributed`` cluster, through a client connected to its scheduler.

    Every wait is bounded (:mod:`planbook.corpus.cluster`): the address is probed before a client is
    made, each call to the scheduler has a timeout, and a run stops with one line when the scheduler is
    lost or the cluster has had no worker for ``$PLANBOOK_NO_WORKER_WAIT`` seconds.
    """

    name = "dask"

    def __init__(self, address: str, timeout: float | None = None) -> None:
        # distributed (~2.8 s to import) only when a scheduler is given
        from distributed import Client

        self.address = address
        self.timeout = call_timeout() if timeout is None else timeout
        quiet_dask_logs()
        probe_scheduler(address, self.timeout)
        self.client = bounded(
            lambda: Client(address, timeout=self.timeout, set_as_default=False),
            self.timeout + 5,
            address,
            "take a client",
        )
        try:
            info = self.call(self.client.scheduler_info, "say how many workers it has")
        except BaseException:
            self.close()
            raise
        self.workers = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))

    def call(self, func: Callable[[], R], doing: str) -> R:
        """``func()``, a call to the scheduler, waited for at most the timeout (ExecutorError naming the address)."""
        return bounded(func, self.timeout, self.address, doing)

    def map(self, func: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``func(item)`` for every item on the cluster, in item order.

        Results stream back as tasks finish (``as_completed`` gathers them in the background, with
        no round trip per result) and are put back in item order here; no more than a window of
        items is submitted beyond the next one to yield.
        """
        # distributed (~2.8 s to import) only when a scheduler is given
        from distributed import as_completed

        window = max(64, WINDOW_PER_WORKER * self.workers)
        source = iter(enumerate(items))
        finished = as_completed(with_results=True, loop=self.client.loop)
        index: dict[str, int] = {}
        pending: dict[str, Any] = {}
        done: dict[int, R] = {}
        submitted = next_out = 0

        def submit() -> None:
            nonlocal submitted
            while submitted - next_out < window:
                try:
                    i, item = next(source)
                except StopIteration:
                    return
                # pure=False: two equal items are still two tasks, and no key is kept from an earlier run.
                future = self.client.submit(func, item, pure=False)
                index[future.key], pending[future.key] = i, future
                finished.add(future)
                submitted += 1

        try:
            submit()
            while pending:
                self._wait_for_one(finished)
                try:
                    future, result = next(finished)
                except Exception as exc:  # a worker lost or killed: name the cluster, not a report
                    raise ExecutorError(
                        f"{shown(self.address)}: a task failed on the cluster ({type(exc).__name__}: {exc})"
                    ) from None
                if future.status != "finished":  # cancelled: the client lost the scheduler
                    raise ExecutorError(f"{shown(self.address)}: lost the connection to the Dask scheduler")
                del pending[future.key]
                done[index.pop(future.key)] = result
                while next_out in done:
                    yield done.pop(next_out)
                    next_out += 1
                submit()
        finally:
            if pending:
                with contextlib.suppress(ExecutorError):
                    self.call(lambda: self.client.cancel(list(pending.values())), "cancel the tasks left")

    def _wait_for_one(self, finished: Any) -> None:
        """Return when a result is ready; ExecutorError when the scheduler is lost, or no worker has been
        on the cluster for the wait allowed (a task then waits for none, forever)."""
        check_every = min(5.0, self.timeout)
        allowed = no_worker_wait()
        last_check = time.monotonic()
        without_workers: float | None = None
        while not finished.has_ready():
            time.sleep(POLL)
            now = time.monotonic()
            if now - last_check < check_every:
                continue
            last_check = now
            threads = self.call(self.client.nthreads, "say which workers it has")
            if threads:
                without_workers = None
                continue
            without_workers = now if without_workers is None else without_workers
            if now - without_workers >= allowed:
                raise ExecutorError(
                    f"{shown(self.address)}: no worker left on the Dask cluster (none for {allowed:g} s); "
                    f"start workers with `dask worker {shown(self.address)}` and run again"
                )

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running), waiting no longer than the timeout."""
        client = getattr(self, "client", None)
        if client is not None:
            with contextlib.suppress(ExecutorError):
                self.call(lambda: client.close(timeout=self.timeout), "close the client")

    def describe(self) -> str:
        return f"Dask cluster at {self.address} ({self.workers} threads)"


def quiet_dask_logs() -> None:
    """No log lines of distributed's in this process: what goes wrong with the cluster is said in one line
    (an ExecutorError), not in the tracebacks its client logs while it tries to reconnect."""
    # distributed's configuration gives some of its loggers levels of their own: each is raised.
    names = [n for n in logging.root.manager.loggerDict if n == "distributed" or n.startswith("distributed.")]
    for name in ["distributed", *names]:
        logging.getLogger(name).setLevel(logging.CRITICAL + 1)


def _ordered(submit: Callable[[T], Any], result: Callable[[Any], R], items: Iterable[T], window: int) -> Iterator[R]:
    """Submit items a window ahead of the one whose result is yielded; cancel what is left if the consumer stops."""
    pending: deque[Any] = deque()
    try:
        for item in items:
            pending.append(submit(item))
            if len(pending) >= window:
                yield result(pending.popleft())
        while pending:
            yield result(pending.popleft())
    finally:
        for future in pending:
            future.cancel()


def make_executor(scheduler: str | None = None, jobs: int | None = None, preload: Sequence[str] = ()) -> Executor:
    """The executor for the options: a Dask scheduler's address, else ``jobs`` local processes, else
    ``$PLANBOOK_SCHEDULER``, else this process.

    This process (the default) is the fastest for a few dozen reports: workers cost a second or
    two to start. ``jobs`` given on the command line wins over the environment variable.
    """
    address = scheduler or ("" if jobs is not None else os.environ.get(SCHEDULER_ENV, "").strip())
    if address:
        return DaskExecutor(address)
    if jobs is not None and jobs > 1:
        return ProcessExecutor(jobs, preload)
    return SerialExecutor()
