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
import re
import shutil
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path

from planbook.errors import BuildError

# ipykernel logs to our stderr that it runs over TCP without encryption (local only) and that
# shutdown interrupted it; cell errors still reach the notebook. No history database: a reused
# kernel restarts its execution count, which the database would reject.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
# Run in a warm kernel before each notebook, so that it starts as in a fresh kernel: empty
# namespace, execution counts from 1, chart ids from the start, warnings shown again, cwd = the
# notebook's folder. Imported modules stay: that is the time saved.
# The folder changes first: the last notebook's folder may be gone (a worker's staging folder), and
# %reset asks for the current one. %reset runs two full garbage collections (a quarter of a second
# with pandas and Altair loaded, more than some chapters take): they free memory sooner and change no
# output, so they are skipped; the collector still runs by itself as objects pile up. The helper is
# a function so that it outlives the namespace it empties.
RESET = (
    "__import__('os').chdir({cwd!r})\n"
    "def _planbook_reset(shell=get_ipython(), gc=__import__('gc')):\n"
    "    collect, gc.collect = gc.collect, lambda generation=2: 0\n"
    "    try:\n"
    "        shell.run_line_magic('reset', '-f')\n"
    "    finally:\n"
    "        gc.collect = collect\n"
    "_planbook_reset()\n"
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
# A build's kernels keep their connection files (and what they print before they run) in a folder of
# its own, removed when the build ends, however it ends; a killed build's folder is removed by the
# next build, once its process is gone.
RUNTIME_PREFIX = "planbook-kernels-"
# A kernel binds the ports its connection file names; another program may have taken one since they
# were chosen. Such a start is tried once more, with other ports.
PORT_CLASH = "Address already in use"
START_WAIT = 30  # seconds close() waits for kernels being started to see it and stop (a start takes ~1 s)


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


@contextlib.contextmanager
def kernel_runtime(parent: Path | None = None) -> Iterator[Path]:
    """A folder for the kernels' connection files while the block runs (``JUPYTER_RUNTIME_DIR``, which
    papermill's own kernels use too); the folders of builds that were killed are removed first."""
    folder = runtime_folder(parent)
    old = os.environ.get("JUPYTER_RUNTIME_DIR")
    os.environ["JUPYTER_RUNTIME_DIR"] = str(folder)
    try:
        yield folder
    finally:
        if old is None:
            os.environ.pop("JUPYTER_RUNTIME_DIR", None)
        else:
            os.environ["JUPYTER_RUNTIME_DIR"] = old
        shutil.rmtree(folder, ignore_errors=True)


def runtime_folder(parent: Path | None = None) -> Path:
    """A new kernel folder of this process (``planbook-kernels-<pid>-…``), once the folders of processes
    that were killed are removed."""
    parent = Path(parent or tempfile.gettempdir())
    remove_stale_runtimes(parent)
    return Path(tempfile.mkdtemp(prefix=f"{RUNTIME_PREFIX}{os.getpid()}-", dir=parent))


def remove_stale_runtimes(parent: Path, prefix: str = RUNTIME_PREFIX) -> list[Path]:
    """Remove the folders ``<prefix><pid>-…`` of processes that are gone (killed); returns them."""
    removed = []
    for folder in parent.glob(f"{prefix}*"):
        m = re.match(rf"{re.escape(prefix)}(\d+)-", folder.name)
        if m and folder.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


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

    def __init__(self, runtime: Path | None = None) -> None:
        self._runtime = runtime  # the folder of the connection files (default: $JUPYTER_RUNTIME_DIR, else /tmp)
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()
        self._idle: queue.Queue = queue.Queue()  # warmed kernels no worker has taken yet
        self._warming = 0
        self._warm_name = ""
        self._closed = False
        self._starting = 0  # kernels being started now (close() waits for them: a start never outlives it)
        self._started = threading.Condition(self._lock)
        self._clients: dict[int, list] = {}  # the clients papermill made of each kernel (id of its manager)
        self.prestarted = False

    def _manager(self, name: str):
        """A kernel manager whose connection file is in the build's kernel folder (when there is one)."""
        # jupyter_client (~0.5 s to import) only when a kernel starts: a rebuild reusing every notebook starts none
        from jupyter_client.manager import KernelManager

        runtime = self._runtime or os.environ.get("JUPYTER_RUNTIME_DIR")
        folder = Path(runtime) if runtime else Path(tempfile.gettempdir())
        km = KernelManager(kernel_name=name, connection_file=str(folder / f"kernel-{uuid.uuid4().hex}.json"))
        # papermill (nbclient) leaves the channels of a client it made of a kernel it did not start open:
        # five sockets and a heartbeat thread a notebook, until a long build runs out of sockets.
        made, make = self._clients.setdefault(id(km), []), km.client

        def client(**kwargs):
            kc = make(**kwargs)
            made.append(kc)
            return kc

        km.client = client
        return km

    def _stop_clients(self, km) -> None:
        """Close the channels of the clients made of ``km`` by the notebooks it ran."""
        made = self._clients.get(id(km), [])
        while made:
            with contextlib.suppress(Exception):
                made.pop().stop_channels()

    def _start(self, name: str, cwd: Path):
        """A started kernel that answers; a start that lost a port to another program is tried once more."""
        for attempt in (1, 2):
            km = self._launch(name, cwd)
            log = start_log(km)
            try:
                _wait_ready(km)
                return km
            except Exception as exc:  # noqa: BLE001 - the kernel's own words say what went wrong
                said = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
                _stop(km)
                with self._lock:
                    if km in self._all:  # (close() may have taken it already)
                        self._all.remove(km)
                if attempt == 1 and PORT_CLASH in said:
                    continue
                last = [line for line in said.splitlines() if line.strip()]
                raise BuildError(f"kernel {name} did not start: {last[-1] if last else exc}") from None
        raise AssertionError("unreachable")

    def _launch(self, name: str, cwd: Path):
        """Start a kernel process and count it among the pool's; one that started while the pool closed is
        stopped at once (its connection file with it) before close() returns."""
        km = self._manager(name)
        with self._lock:
            if self._closed:
                raise BuildError("kernels were shut down")
            self._starting += 1
        try:
            with open(start_log(km), "wb") as err:  # what the kernel prints before it runs (a clash's traceback)
                km.start_kernel(cwd=str(cwd), extra_arguments=KERNEL_ARGS, stdout=subprocess.DEVNULL, stderr=err)
            with self._lock:
                closed = self._closed
                if not closed:
                    self._all.append(km)
            if closed:  # the build is stopping: a kernel that started meanwhile goes at once
                _stop(km)
                raise BuildError("kernels were shut down")
            return km
        finally:
            with self._lock:
                self._starting -= 1
                self._started.notify_all()

    def prestart(self, count: int, name: str, cwd: Path, warmup: str = WARMUP) -> None:
        """Start ``count`` kernels in the background and run ``warmup`` (the chapters' imports) in each."""

        def warm() -> None:
            km = None
            try:
                km = self._start(name, cwd)
                run_code(km, warmup)
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
        if km is not None:
            self._stop_clients(km)  # the last notebook's
        if km is None or not km.is_alive():
            km = self._start(name, cwd)
        kernels[name] = km
        run_code(km, RESET.format(cwd=str(cwd)))
        return km

    def interrupt(self) -> None:
        """Interrupt what every kernel is running (as Ctrl-C in a notebook): its notebook stops with an
        error at once, rather than after its cell; a kernel shut down instead would leave the notebook
        waiting for the kernel's messages."""
        with self._lock:
            kernels = list(self._all)
        for km in kernels:
            with contextlib.suppress(Exception):
                km.interrupt_kernel()

    def close(self) -> None:
        """Shut every kernel down (which removes its connection file); no kernel starts after."""
        with self._lock:
            kernels, self._all, self._closed = self._all, [], True
        for km in kernels:
            self._stop_clients(km)
            _stop(km)
        with self._lock:  # a kernel starting in another thread stops itself on seeing the pool closed
            self._started.wait_for(lambda: self._starting == 0, timeout=START_WAIT)


def start_log(km) -> Path:
    """Where a kernel's own output goes (beside its connection file): a failed start's traceback."""
    return Path(km.connection_file).with_suffix(".log")


def _wait_ready(km) -> None:
    """Wait until a kernel just started answers (RuntimeError when it died, as on a port clash)."""
    kc = km.blocking_client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=60)
    finally:
        kc.stop_channels()


def _stop(km) -> None:
    """Shut a kernel down and remove its connection file, whatever state it is in."""
    with contextlib.suppress(Exception):
        km.shutdown_kernel(now=True)
    with contextlib.suppress(Exception):
        km.cleanup_resources()
    with contextlib.suppress(OSError):
        start_log(km).unlink(missing_ok=True)
