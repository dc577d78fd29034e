"""Warm Jupyter kernels for the chapter notebooks: one per worker thread, reset between notebooks.

Starting a kernel and importing pandas, Altair and planbook costs more than most chapters' own
work; a kernel reset between notebooks (``RESET``) keeps their outputs the same as in a fresh
kernel, which the determinism test and nbval (always a fresh kernel) check.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path

from planbook.book.errors import BuildError

# ipykernel logs to our stderr that it runs over TCP without encryption (local only) and that
# shutdown interrupted it; cell errors still reach the notebook. No history database: a reused
# kernel restarts its execution count, which the database would reject.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
# Run in a warm kernel before each notebook, so that it starts as in a fresh kernel: empty
# namespace, execution counts from 1, chart ids from the start, warnings shown again, cwd = the
# notebook's folder. Imported modules stay: that is the time saved.
# The folder changes first: the last notebook's folder may be gone (a worker's staging folder), and
# %reset asks for the current one.
RESET = (
    "__import__('os').chdir({cwd!r})\n"
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import os as _os, sys as _sys, warnings as _warnings\n"
    "getattr(_warnings, '_filters_mutated', lambda: None)()\n"
    "_vega = _sys.modules.get('planbook.present.vega')\n"
    "_vega.reset_ids() if _vega else None\n"
    "del _os, _sys, _warnings, _vega\n"
    "get_ipython().execution_count = 1\n"
)
# The libraries every chapter imports, loaded while a kernel warms up. Only modules whose import
# changes no state: planbook.notebook (theme, renderer, options) is imported by each chapter's own
# preamble, so a chapter sets up a reused kernel exactly as it would set up a fresh one.
WARMUP = "import altair, pandas, IPython.display, myst_nb\n"


def kernel_name(template: Path) -> str:
    """The kernel a notebook asks for in its metadata (python3 when it names none)."""
    try:
        meta = json.loads(template.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return "python3"
    return (meta.get("kernelspec") or {}).get("name") or "python3"


@contextlib.contextmanager
def kernel_path(paths: Sequence[Path]) -> Iterator[None]:
    """Kernels started meanwhile can import planbook (PYTHONPATH is inherited by the kernel)."""
    old = os.environ.get("PYTHONPATH")
    extra = [str(p) for p in paths]
    os.environ["PYTHONPATH"] = os.pathsep.join(extra + ([old] if old else []))
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


def run_code(km, code: str, started: bool = False) -> None:
    """Run code in a kernel outside any notebook (no history, no output kept).

    ``started``: the kernel was just started (wait until it answers, which costs a few tenths of a
    second that a kernel known to be running does not need).
    """
    kc = km.blocking_client()
    kc.start_channels()
    try:
        if started:
            kc.wait_for_ready(timeout=60)
        reply = kc.execute_interactive(code, store_history=False, timeout=120, output_hook=lambda msg: None)
    finally:
        kc.stop_channels()
    content = reply["content"]
    if content["status"] != "ok":
        raise BuildError(f"kernel set-up failed: {content.get('ename', '')}: {content.get('evalue', '')}")


class KernelPool:
    """One warm kernel per worker thread and kernel name, shared by the notebooks the worker runs."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()
        self._idle: queue.Queue = queue.Queue()  # warmed kernels no worker has taken yet
        self._warming = 0
        self._warm_name = ""
        self.prestarted = False

    def _start(self, name: str, cwd: Path):
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name=name)
        km.start_kernel(cwd=str(cwd), extra_arguments=KERNEL_ARGS)
        with self._lock:
            self._all.append(km)
        return km

    def prestart(self, count: int, name: str, cwd: Path, warmup: str = WARMUP) -> None:
        """Start ``count`` kernels in the background and run ``warmup`` (the chapters' imports) in each."""

        def warm() -> None:
            km = None
            try:
                km = self._start(name, cwd)
                run_code(km, warmup, started=True)
            except Exception:  # noqa: BLE001 - a worker then starts its own kernel and reports its error
                pass
            self._idle.put(km)

        # Imported here, in one thread: modules imported by several threads at once can fail.
        import jupyter_client.manager  # noqa: F401

        self._warming, self._warm_name = count, name
        self.prestarted = True
        for _ in range(count):
            threading.Thread(target=warm, daemon=True).start()

    def get(self, name: str, cwd: Path):
        """A running kernel manager for this thread, reset for a notebook in ``cwd``."""
        kernels = self._local.__dict__.setdefault("kernels", {})
        km = kernels.get(name)
        if km is None and name == self._warm_name:
            with self._lock:
                take = self._warming > 0
                self._warming -= int(take)
            km = self._idle.get() if take else None
        started = km is None or not km.is_alive()
        if started:
            km = self._start(name, cwd)
        kernels[name] = km
        run_code(km, RESET.format(cwd=str(cwd)), started=started)
        return km

    def close(self) -> None:
        """Shut every kernel down."""
        with self._lock:
            kernels, self._all = self._all, []
        for km in kernels:
            with contextlib.suppress(Exception):
                km.shutdown_kernel(now=True)
