"""Build the HTML book: extract the reports, run chapter notebooks with papermill, assemble with jupyter-book.

Steps (one progress bar over all of them):

1. load and extract every report; a bad report stops the build before anything is written;
2. decide which chapter notebooks must run: one is re-executed only when one of its inputs changed
   (template, parameters, report file, extracted data, shared data files, planbook source) — the
   input hashes are kept in ``book/<id>/.manifest.json``;
3. while kernels start and import their libraries, write ``data/<id>/indicators.csv`` and the
   chapter tables and audit derived from it (``data/<id>/tables/``); then run the notebooks with
   papermill into ``book/<id>/<chapter>.ipynb``, in parallel, each worker reusing one warm kernel
   (reset between notebooks); executed notebooks are normalised (no timings, fixed cell ids) so
   the same inputs give byte-identical files;
4. meanwhile write the other pages (``planbook.pages``), ``book/_toc.yml`` and the vega scripts;
5. run jupyter-book (``-W -n --keep-going``) into a staging folder and, on success only, swap it
   with ``book/_build/html`` in one atomic rename. A failed or killed build leaves the last good
   book as it was; every generated file is written to a temporary name and renamed.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import errno
import hashlib
import json
import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from planbook import pages, vega
from planbook.model import IndicatorRow, Report, ReportError
from planbook.text import sanitize_id

REPO = Path(__file__).resolve().parents[1]
PACKAGE_DIR = Path(__file__).resolve().parent
REPORT_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST = ".manifest.json"
MANIFEST_VERSION = 1
STAGE_PREFIX = ".stage-"
# Papermill metadata that changes from run to run although the inputs did not.
TIMING_KEYS = ("start_time", "end_time", "duration")


class BuildError(Exception):
    """The book could not be built; the message says which step failed and why (one line first)."""


@dataclass
class BuildResult:
    """What a build did."""

    html_dir: Path
    reports: list[str]
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    html_rebuilt: bool = True
    seconds: float = 0.0


@dataclass
class _Task:
    report: Report
    template: Path
    output: Path
    params: dict
    inputs_hash: str


# ---------------------------------------------------------------------------------------------
# Small helpers


def _sha(data: bytes | str) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def _file_sha(path: Path) -> str:
    return _sha(path.read_bytes()) if path.is_file() else ""


def _rel(path: Path, root: Path) -> str:
    """Posix path relative to root when inside it (stable across machines), else absolute."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_posix()


def _rel_from(path: Path, folder: Path) -> str:
    """Posix path of ``path`` relative to ``folder`` (``../../seeds/x.txt``)."""
    return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def write_atomic(path: Path, content: str | bytes) -> bool:
    """Write via a temporary file and rename; skip when unchanged. Returns True if written."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return True


# Chapter notebooks in reading order: the topics, then next year's plan, then the audit.
BOOK_ORDER = ("overview", "agriculture", "industry", "environment", "livelihoods", "plan", "audit")


def chapter_key(template: Path) -> tuple[int, str]:
    """Order of chapters: BOOK_ORDER (by stem, optional NN- prefix ignored), other templates after, by name."""
    stem = re.sub(r"^\d+[-_]", "", template.stem)
    return (BOOK_ORDER.index(stem) if stem in BOOK_ORDER else len(BOOK_ORDER), template.stem)


def find_templates(templates_dir: Path) -> list[Path]:
    """Chapter notebook templates, in book order."""
    return sorted(
        (p for p in templates_dir.glob("*.ipynb") if not p.name.startswith((".", "_"))), key=chapter_key
    )


def find_reports(seeds_dir: Path) -> list[Path]:
    """Report files in the seeds folder, by name."""
    return sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())


def source_hash(package_dir: Path = PACKAGE_DIR) -> str:
    """Hash of the planbook package source (every .py), which notebooks import."""
    h = hashlib.sha256()
    for p in sorted(package_dir.rglob("*.py")):
        if "__pycache__" in p.parts:
            continue
        h.update(p.relative_to(package_dir).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def shared_data_hash(data_dir: Path) -> str:
    """Hash of the files directly in data/ (glossary, units, keyword tables) that notebooks may read."""
    h = hashlib.sha256()
    if data_dir.is_dir():
        for p in sorted(data_dir.iterdir()):
            if p.is_file() and not p.name.startswith("."):
                h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# Stages that call the rest of planbook (module-level so tests can replace them)


def load(path: Path) -> Report:
    """Load one report (``planbook.report.load_report``); ReportError on bad input."""
    from planbook.text import load_report

    return load_report(path)


def extract_rows(report: Report) -> list[IndicatorRow]:
    """Indicator rows of a report (``planbook.extract.extract``)."""
    from planbook.extract import extract

    return list(extract(report))


def rows_csv(rows: Sequence[IndicatorRow]) -> str:
    """The indicators CSV text (``planbook.export.write_rows`` format)."""
    import io

    from planbook.export import write_rows

    buf = io.StringIO()
    write_rows(list(rows), buf, "csv")
    return buf.getvalue()


def _looks_stale(paths: Sequence[Path], templates: Sequence[Path], data_dir: Path, book_dir: Path) -> bool:
    """A cheap guess (file times) that some notebook will have to run; only used to warm kernels early."""
    inputs = [*templates, *PACKAGE_DIR.glob("*.py"), *(p for p in data_dir.glob("*") if p.is_file())]
    newest_input = max((p.stat().st_mtime for p in inputs), default=0.0)
    for report in paths:
        manifest = book_dir / sanitize_id(Path(report).stem) / MANIFEST
        if not manifest.is_file() or manifest.stat().st_mtime < max(newest_input, Path(report).stat().st_mtime):
            return True
    return False


def write_derived_tables(report_data_dir: Path, report_id: str) -> list[Path]:
    """Chapter tables and the audit as CSV under ``report_data_dir/tables/`` (from indicators.csv)."""
    from planbook import audit, tables

    rows = tables.load_rows(report_data_dir, report_id)
    return [*tables.write_tables(rows, report_data_dir), audit.write_audit(rows, report_data_dir)]


def segment_report(report: Report):
    """``planbook.segment.segment`` when available (sentences, paragraphs, headings), else None."""
    try:
        from planbook.text import segment
    except ImportError:
        return None
    return segment(report)


# ---------------------------------------------------------------------------------------------
# Notebooks


def normalize_notebook(nb, input_rel: str, output_rel: str) -> None:
    """Remove what differs between two runs of the same inputs: timings, staging paths, random ids."""
    pm = nb.metadata.get("papermill")
    if pm is not None:
        for k in (*TIMING_KEYS, "exception"):
            pm.pop(k, None)
        pm["input_path"] = input_rel
        pm["output_path"] = output_rel
    seen: set[str] = set()
    for i, cell in enumerate(nb.cells):
        meta = cell.get("metadata", {})
        meta.pop("execution", None)  # nbclient's iopub timestamps
        cpm = meta.get("papermill")
        if cpm is not None:
            for k in TIMING_KEYS:
                cpm.pop(k, None)
        tags = meta.get("tags", [])
        if "injected-parameters" in tags:
            cell["id"] = "injected-parameters"  # papermill gives it a random id
        if ("parameters" in tags or "injected-parameters" in tags) and "remove-cell" not in tags:
            meta["tags"] = [*tags, "remove-cell"]  # parameters are plumbing, not part of the page
        cid = cell.get("id")
        if not cid or cid in seen:
            cid = f"cell-{i}"
            cell["id"] = cid
        seen.add(cid)


def _kernel_name(template: Path) -> str:
    try:
        meta = json.loads(template.read_text(encoding="utf-8")).get("metadata", {})
    except (OSError, ValueError):
        return "python3"
    return (meta.get("kernelspec") or {}).get("name") or "python3"


# ipykernel logs to our stderr that it runs over TCP without encryption (local only) and that
# shutdown interrupted it; cell errors still reach the notebook. No history database: a reused
# kernel restarts its execution count, which the database would reject.
KERNEL_ARGS = ["--IPKernelApp.log_level=CRITICAL", "--HistoryManager.enabled=False"]
# Run in a warm kernel before each notebook, so that it starts as in a fresh kernel: empty
# namespace, execution counts from 1, chart ids from the start, warnings shown again, cwd = the
# notebook's folder. Imported modules stay: that is the time saved.
_RESET = (
    "get_ipython().run_line_magic('reset', '-f')\n"
    "import os as _os, sys as _sys, warnings as _warnings\n"
    "_os.chdir({cwd!r})\n"
    "getattr(_warnings, '_filters_mutated', lambda: None)()\n"
    "_sys.modules['planbook.vega'].reset_ids() if 'planbook.vega' in _sys.modules else None\n"
    "del _os, _sys, _warnings\n"
    "get_ipython().execution_count = 1\n"
)


# The libraries every chapter imports, loaded while a kernel warms up. Only modules whose import
# changes no state: planbook.notebook (theme, renderer, options) is imported by each chapter's own
# preamble, so a chapter sets up a reused kernel exactly as it would set up a fresh one.
WARMUP = "import altair, pandas, IPython.display, myst_nb\n"


class KernelPool:
    """One warm kernel per worker thread and kernel name, shared by the notebooks the worker runs.

    Starting a kernel and importing pandas, Altair and planbook costs more than most chapters'
    own work; a kernel reset between notebooks (``_RESET``) keeps their outputs the same as in a
    fresh kernel, which the determinism test and nbval (always a fresh kernel) check.
    """

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list = []
        self._lock = threading.Lock()
        self._idle: queue.Queue = queue.Queue()  # warmed kernels no worker has taken yet
        self._warming = 0
        self._warm_name = ""
        self.prestarted = False

    def _start(self, kernel_name: str, cwd: Path):
        from jupyter_client.manager import KernelManager

        km = KernelManager(kernel_name=kernel_name)
        km.start_kernel(cwd=str(cwd), extra_arguments=KERNEL_ARGS)
        with self._lock:
            self._all.append(km)
        return km

    def prestart(self, count: int, kernel_name: str, cwd: Path, warmup: str = WARMUP) -> None:
        """Start ``count`` kernels in the background and run ``warmup`` (the chapters' imports) in each."""

        def warm() -> None:
            km = None
            try:
                km = self._start(kernel_name, cwd)
                _run(km, warmup, started=True)
            except Exception:  # noqa: BLE001 - a worker then starts its own kernel and reports its error
                pass
            self._idle.put(km)

        # Imported here, in one thread: modules imported by several threads at once can fail.
        import jupyter_client.manager  # noqa: F401

        self._warming, self._warm_name = count, kernel_name
        self.prestarted = True
        for _ in range(count):
            threading.Thread(target=warm, daemon=True).start()

    def get(self, kernel_name: str, cwd: Path):
        """A running kernel manager for this thread, reset for a notebook in ``cwd``."""
        kernels = self._local.__dict__.setdefault("kernels", {})
        km = kernels.get(kernel_name)
        if km is None and kernel_name == self._warm_name:
            with self._lock:
                take = self._warming > 0
                self._warming -= int(take)
            km = self._idle.get() if take else None
        started = km is None or not km.is_alive()
        if started:
            km = self._start(kernel_name, cwd)
        kernels[kernel_name] = km
        _run(km, _RESET.format(cwd=str(cwd)), started=started)
        return km

    def close(self) -> None:
        """Shut every kernel down."""
        with self._lock:
            kernels, self._all = self._all, []
        for km in kernels:
            with contextlib.suppress(Exception):
                km.shutdown_kernel(now=True)


def _run(km, code: str, started: bool = False) -> None:
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


def execute_notebook(task: _Task, root: Path, pool: KernelPool | None = None) -> str:
    """Run one template with papermill; return the normalised notebook JSON (nothing written).

    With a ``pool`` the notebook runs in the worker's warm kernel, else in a kernel of its own.
    """
    import nbformat
    import papermill as pm

    task.output.parent.mkdir(parents=True, exist_ok=True)
    kernel_name = _kernel_name(task.template)
    warm = {"km": pool.get(kernel_name, task.output.parent)} if pool is not None else {}
    try:
        nb = pm.execute_notebook(
            str(task.template),
            None,
            parameters=task.params,
            # papermill changes this process's working directory for a kernel it starts itself (not
            # safe with several threads); a pooled kernel has already moved to the folder itself.
            cwd=None if warm else str(task.output.parent),
            kernel_name=kernel_name,
            progress_bar=False,
            log_output=False,
            request_save_on_cell_execute=False,
            extra_arguments=KERNEL_ARGS,
            **warm,
        )
    except pm.PapermillExecutionError as exc:
        raise BuildError(
            f"{task.template.name} failed for {task.report.id} in cell {exc.exec_count}: "
            f"{exc.ename}: {exc.evalue}"
        ) from None
    normalize_notebook(nb, _rel(task.template, root), _rel(task.output, root))
    return nbformat.writes(nb) + "\n"


@contextlib.contextmanager
def _kernel_path(paths: Sequence[Path]) -> Iterator[None]:
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


def _read_manifest(path: Path) -> dict:
    try:
        m = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if m.get("version") != MANIFEST_VERSION:
        return {}
    return m.get("notebooks", {})


def _write_manifest(path: Path, entries: dict) -> None:
    doc = {"version": MANIFEST_VERSION, "notebooks": dict(sorted(entries.items()))}
    write_atomic(path, json.dumps(doc, indent=1, sort_keys=True) + "\n")


# ---------------------------------------------------------------------------------------------
# HTML


def jupyter_book(book_dir: Path, config: Path, toc: Path, out_dir: Path) -> None:
    """Run ``jupyter-book build`` (warnings are errors) into out_dir/_build/html."""
    cmd = [
        sys.executable,
        "-c",
        "from jupyter_book.cli.main import main; main()",
        "build",
        str(book_dir),
        "--config",
        str(config),
        "--toc",
        str(toc),
        "--path-output",
        str(out_dir),
        "--all",
        "-W",
        "-n",
        "--keep-going",
        "-q",
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, encoding="utf-8", errors="replace")
    if proc.returncode != 0 or not (out_dir / "_build" / "html" / "index.html").is_file():
        output = _ANSI.sub("", proc.stdout + "\n" + proc.stderr).splitlines()
        problems = [line for line in output if "WARNING" in line or "ERROR" in line or "Error" in line]
        detail = "\n".join((problems or output)[-30:])
        raise BuildError(f"jupyter-book failed (exit {proc.returncode}):\n{detail}")


_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_RESOURCE_RE = re.compile(
    r"<(?:script|img|iframe|audio|video|source|embed)\b[^>]*?\bsrc\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|<link\b[^>]*?\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)",
    re.IGNORECASE,
)
_HREF_RE = re.compile(r"\bhref\s*=\s*[\"']?((?:https?:)?//[^\"'\s>]+)", re.IGNORECASE)


def external_references(html_dir: Path, links: bool = False) -> list[tuple[str, str]]:
    """(file, url) of every resource the pages load from another host (with links: every <a href> too)."""
    found = []
    for p in sorted(html_dir.rglob("*")):
        if p.suffix not in (".html", ".css") or not p.is_file():
            continue
        text = p.read_text(encoding="utf-8", errors="replace")
        for m in _RESOURCE_RE.finditer(text):
            found.append((p.relative_to(html_dir).as_posix(), next(g for g in m.groups() if g)))
        if links:
            for m in _HREF_RE.finditer(text):
                found.append((p.relative_to(html_dir).as_posix(), m.group(1)))
    return sorted(set(found))


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two directories (Linux renameat2 RENAME_EXCHANGE); False when unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.ENOTSUP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def publish(new_html: Path, html_dir: Path) -> None:
    """Make new_html the published html_dir in one atomic step; the old folder is removed after."""
    html_dir.parent.mkdir(parents=True, exist_ok=True)
    if not html_dir.exists():
        os.rename(new_html, html_dir)
        return
    if _exchange(new_html, html_dir):
        shutil.rmtree(new_html)  # now holds the previous book
        return
    # Fallback (no renameat2): two renames, the book is missing only between them.
    old = html_dir.with_name(f"{STAGE_PREFIX}old-{os.getpid()}")
    os.rename(html_dir, old)
    os.rename(new_html, html_dir)
    shutil.rmtree(old)


@contextlib.contextmanager
def _lock(build_dir: Path) -> Iterator[None]:
    import fcntl

    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".planbook-build.lock", "w") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another build is running on {build_dir.parent}") from None
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _tree_hash(paths: Sequence[Path]) -> str:
    """Hash of the names and contents of files (the HTML is rebuilt when it changes)."""
    h = hashlib.sha256()
    for p in sorted({q.resolve() for q in paths}):
        h.update(str(p).encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


# ---------------------------------------------------------------------------------------------
# The build


def write_pages(
    loaded: Sequence[tuple[Report, list[IndicatorRow], str]],
    chapters: Sequence[str],
    book_dir: Path,
    data_dir: Path,
    gold_dirs: Sequence[Path],
    config: Path,
) -> tuple[set[Path], list[Path]]:
    """Every generated page (landing, source text, data, method, index, glossary, _toc.yml) and the
    static files; returns the generated files and the chart scripts."""
    generated: set[Path] = set()

    def put(path: Path, text: str) -> None:
        write_atomic(path, text)
        generated.add(path)

    glossary = pages.read_glossary(data_dir / "glossary.csv")
    for report, rows, _ in loaded:
        out_dir = book_dir / report.id
        seg = segment_report(report)
        put(out_dir / "index.md", pages.landing_page(report, rows, chapters))
        put(
            out_dir / "source.md",
            pages.source_page(
                report,
                rows,
                seg.sentences if seg else None,
                seg.paragraphs if seg else None,
                [(h.start, h.end, h.level) for h in seg.headings] if seg else (),
            ),
        )
        data_files = sorted(
            p for p in (data_dir / report.id).rglob("*") if p.is_file() and p.suffix in (".csv", ".json")
        )
        put(out_dir / "data.md", pages.data_page(report, data_files, out_dir))
        gold = find_gold(report.id, gold_dirs)
        scores = pages.gold_scores(report, rows, gold)
        put(out_dir / "method.md", pages.method_page(report, rows, scores, gold.name if gold else ""))
        # Remove chapters whose template is gone and stray pages (the folder is generated).
        keep = {f"{c}.ipynb" for c in chapters} | {"index.md", "source.md", "data.md", "method.md"}
        for p in out_dir.iterdir():
            if p.is_file() and p.suffix in (".ipynb", ".md") and p.name not in keep:
                p.unlink()
    title = (yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("title", "planbook")
    put(book_dir / "index.md", pages.index_page([r for r, _, _ in loaded], title))
    put(book_dir / "glossary.md", pages.glossary_page(glossary))
    put(book_dir / "_toc.yml", toc_yaml([r for r, _, _ in loaded], chapters))
    static = book_dir / "_static"
    put(static / "planbook.css", pages.CSS)
    put(static / "favicon.svg", pages.FAVICON_SVG)
    assets = [static / a for a in vega.write_vega_assets(static)]

    return generated, assets


def toc_yaml(reports: Sequence[Report], chapters: Sequence[str]) -> str:
    """``_toc.yml``: book index, a part per report (landing, chapters, source, data, method), glossary."""
    parts = []
    for r in reports:
        files = ["index", *chapters, "source", "data", "method"]
        parts.append({"caption": r.title or r.id, "chapters": [{"file": f"{r.id}/{f}"} for f in files]})
    parts.append({"caption": "Reference", "chapters": [{"file": "glossary"}]})
    toc = {"format": "jb-book", "root": "index", "parts": parts}
    return "# Generated by planbook.build; do not edit.\n" + yaml.safe_dump(
        toc, allow_unicode=True, sort_keys=False, width=1000
    )


def find_gold(report_id: str, dirs: Sequence[Path]) -> Path | None:
    """The gold table of a report: ``<dir>/<report-id>.csv`` in the first folder that has one."""
    for d in dirs:
        p = d / f"{report_id}.csv"
        if p.is_file():
            return p
    return None


def build(
    reports: Sequence[Path] | None = None,
    *,
    root: Path | None = None,
    seeds_dir: Path | None = None,
    templates_dir: Path | None = None,
    data_dir: Path | None = None,
    book_dir: Path | None = None,
    config: Path | None = None,
    gold_dirs: Sequence[Path] | None = None,
    jobs: int | None = None,
    force: bool = False,
    progress: bool = True,
) -> BuildResult:
    """Build the book from the given reports (default: every report in seeds/) and publish its HTML.

    Folders default to the repository's ``seeds/``, ``notebooks/``, ``data/``, ``book/`` and
    ``_config.yml``; notebooks run with ``root`` as working directory. ``force`` re-executes every
    notebook. Raises ReportError for a report that cannot be read (nothing written) and BuildError
    when a notebook or jupyter-book fails (the published HTML is left as it was).
    """
    from tqdm import tqdm

    t0 = time.perf_counter()
    root = Path(root).resolve() if root else REPO
    # Absolute paths: jupyter-book resolves --toc against the book folder, papermill runs in root.
    seeds_dir = Path(seeds_dir).resolve() if seeds_dir else root / "seeds"
    templates_dir = Path(templates_dir).resolve() if templates_dir else root / "notebooks"
    data_dir = Path(data_dir).resolve() if data_dir else root / "data"
    book_dir = Path(book_dir).resolve() if book_dir else root / "book"
    config = Path(config).resolve() if config else REPO / "_config.yml"
    gold_dirs = list(gold_dirs) if gold_dirs is not None else [root / "tests" / "fixtures"]
    jobs = max(1, jobs or os.cpu_count() or 1)
    paths = [Path(p) for p in reports] if reports else find_reports(seeds_dir)
    if not paths:
        raise ReportError(f"{seeds_dir}: no reports (.txt, .html) to build")
    templates = find_templates(templates_dir)
    chapters = [t.stem for t in templates]
    for reserved in ("index", "source", "data", "method", "glossary"):
        if reserved in chapters:
            raise BuildError(f"{templates_dir}/{reserved}.ipynb: chapter name clashes with a generated page")
    build_dir = book_dir / "_build"
    html_dir = build_dir / "html"

    bar = tqdm(
        total=len(paths) * (2 + len(templates)) + 3,
        desc="planbook build",
        unit="step",
        disable=not progress,
        file=sys.stderr,
        leave=False,
    )
    result = BuildResult(html_dir=html_dir, reports=[])
    with contextlib.ExitStack() as stack:
        stack.enter_context(bar)
        # Kernels can start (and import their libraries) while the reports are read, when the
        # book looks out of date; whether a notebook really runs is decided by its input hashes.
        stack.enter_context(_kernel_path([root, PACKAGE_DIR.parent]))
        kernels = stack.enter_context(contextlib.closing(KernelPool()))
        if templates and (force or _looks_stale(paths, templates, data_dir, book_dir)):
            kernels.prestart(min(jobs, len(paths) * len(templates)), _kernel_name(templates[0]), root)
        # 1. Load and extract everything before writing (or locking) anything.
        bar.set_postfix_str("extract")
        loaded: list[tuple[Report, list[IndicatorRow], str]] = []
        for p in paths:
            report = load(p)
            rows = extract_rows(report)
            loaded.append((report, rows, rows_csv(rows)))
            bar.update()
        ids = [r.id for r, _, _ in loaded]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ReportError(f"two reports have the same id {dup[0]!r}; rename one of the files")
        result.reports = ids

        stack.enter_context(_lock(build_dir))
        for old in build_dir.glob(f"{STAGE_PREFIX}*"):  # left by a killed build
            shutil.rmtree(old, ignore_errors=True)

        # 2. Notebooks to run: reuse those whose input hashes match the manifest.
        common = _sha(
            json.dumps(
                {
                    "planbook": source_hash(),
                    "shared_data": shared_data_hash(data_dir),
                    "python": sys.version,
                    "requirements": _file_sha(root / "requirements.txt"),
                    "renderer": vega.RENDERER_NAME,
                },
                sort_keys=True,
            )
        )
        tasks: list[_Task] = []
        manifests: dict[str, dict] = {}
        for report, _, text in loaded:
            out_dir = book_dir / report.id
            manifest = _read_manifest(out_dir / MANIFEST)
            names = {f"{c}.ipynb" for c in chapters}
            manifests[report.id] = {k: v for k, v in manifest.items() if k in names}
            report_bytes = Path(report.path).read_bytes()
            for template in templates:
                output = out_dir / f"{template.stem}.ipynb"
                # Paths relative to the notebook's folder, where it runs (papermill here, nbval in
                # the tests), so executed notebooks hold no machine-specific path.
                params = {
                    "report_path": _rel_from(Path(report.path), out_dir),
                    "report_id": report.id,
                    "data_dir": _rel_from(data_dir / report.id, out_dir),
                }
                inputs = _sha(
                    json.dumps(
                        {
                            "common": common,
                            "template": _sha(template.read_bytes()),
                            "params": params,
                            "report": _sha(report_bytes),
                            "data": _sha(text),
                        },
                        sort_keys=True,
                    )
                )
                entry = manifest.get(output.name, {})
                if (
                    not force
                    and entry.get("inputs") == inputs
                    and output.is_file()
                    and entry.get("output") == _sha(output.read_bytes())
                ):
                    result.reused.append(_rel(output, root))
                    bar.update()
                    continue
                tasks.append(_Task(report, template, output, params, inputs))

        # 3. Kernels warm up (imports included) while the extracted data, the chapter tables and the
        # audit derived from it (data/<id>/tables/) are written; then the notebooks run.
        failures: list[str] = []
        done: dict[str, list[tuple[_Task, str]]] = {}
        workers = max(1, min(jobs, len(tasks)))
        if tasks and not kernels.prestarted:
            kernels.prestart(workers, _kernel_name(tasks[0].template), root)
        for report, _, text in loaded:
            write_atomic(data_dir / report.id / "indicators.csv", text)
            write_derived_tables(data_dir / report.id, report.id)
            bar.update()
        bar.set_postfix_str(f"run {len(tasks)} notebooks")
        with ThreadPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(execute_notebook, t, root, kernels): t for t in tasks}
            # 4. The other pages, the table of contents and static files, while the notebooks run.
            generated, assets = write_pages(loaded, chapters, book_dir, data_dir, gold_dirs, config)
            bar.update()
            for fut in as_completed(futures):
                t = futures[fut]
                try:
                    done.setdefault(t.report.id, []).append((t, fut.result()))
                except BuildError as exc:
                    failures.append(str(exc))
                except Exception as exc:  # kernel died, bad template JSON …: name the notebook
                    failures.append(f"{t.template.name} for {t.report.id}: {type(exc).__name__}: {exc}")
                bar.update()
        kernels.close()  # before jupyter-book, which wants the memory more
        # Install what succeeded (each file complete, its manifest entry updated after it).
        for rid, items in done.items():
            for t, text in sorted(items, key=lambda it: it[0].output.name):
                write_atomic(t.output, text)
                entry = {"inputs": t.inputs_hash, "output": _sha(text.encode("utf-8"))}
                manifests[rid][t.output.name] = entry
                result.executed.append(_rel(t.output, root))
        for report, _, _ in loaded:
            _write_manifest(book_dir / report.id / MANIFEST, manifests[report.id])
        if failures:
            raise BuildError(
                f"{len(failures)} notebook(s) failed; the published book was not changed:\n"
                + "\n".join(failures)
            )

        # 5. HTML into a staging folder, then publish atomically (skipped when nothing changed).
        reports_built = [r for r, _, _ in loaded]
        sources = [*generated, *assets, config]
        sources += [book_dir / r.id / f"{c}.ipynb" for r in reports_built for c in chapters]
        sources += [p for r in reports_built for p in (data_dir / r.id).rglob("*") if p.is_file()]
        stamp = _tree_hash(sources)
        stamp_file = html_dir / ".planbook-sources"
        if not force and stamp_file.is_file() and stamp_file.read_text().strip() == stamp:
            result.html_rebuilt = False
            bar.update(2)
        else:
            stage = build_dir / f"{STAGE_PREFIX}{os.getpid()}"
            try:
                bar.set_postfix_str("jupyter-book")
                jupyter_book(book_dir, config, book_dir / "_toc.yml", stage)
                bar.update()
                new_html = stage / "_build" / "html"
                loads = external_references(new_html)
                if loads:
                    shown = ", ".join(f"{f}: {u}" for f, u in loads[:5])
                    raise BuildError(f"the pages would load {len(loads)} file(s) from other hosts: {shown}")
                (new_html / ".planbook-sources").write_text(stamp + "\n")
                publish(new_html, html_dir)
                bar.update()
            finally:
                shutil.rmtree(stage, ignore_errors=True)
    result.seconds = time.perf_counter() - t0
    return result


# ---------------------------------------------------------------------------------------------
# Command line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``planbook build [REPORT …]``."""
    parser.add_argument(
        "reports", nargs="*", metavar="REPORT", help="report files (default: every report in seeds/)"
    )
    parser.add_argument("--seeds", type=Path, help="folder of reports (default: seeds/)")
    parser.add_argument("--notebooks", type=Path, help="folder of chapter templates (default: notebooks/)")
    parser.add_argument("--data", type=Path, help="data folder (default: data/)")
    parser.add_argument("--book", type=Path, help="book source folder (default: book/)")
    parser.add_argument("--config", type=Path, help="jupyter-book configuration (default: _config.yml)")
    parser.add_argument(
        "--gold",
        type=Path,
        action="append",
        help="folder with hand-labelled <report-id>.csv for the Method page's score "
        "(repeatable; default: tests/fixtures/)",
    )
    parser.add_argument("-j", "--jobs", type=int, help="notebooks run in parallel (default: number of CPUs)")
    parser.add_argument("--force", action="store_true", help="re-execute every notebook and rebuild the HTML")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress bar")


def run(args: argparse.Namespace) -> int:
    """Run ``planbook build``: 0 on success, 2 on a bad report, 1 when the build failed."""
    try:
        res = build(
            args.reports or None,
            seeds_dir=args.seeds,
            templates_dir=args.notebooks,
            data_dir=args.data,
            book_dir=args.book,
            config=args.config,
            gold_dirs=args.gold,
            jobs=args.jobs,
            force=args.force,
            progress=not args.quiet,
        )
    except ReportError as exc:
        print(f"planbook build: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"planbook build: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("planbook build: interrupted; the published book was not changed", file=sys.stderr)
        return 130
    html = "rebuilt" if res.html_rebuilt else "unchanged"
    print(
        f"Built {len(res.reports)} report(s) in {res.seconds:.1f}s: "
        f"{len(res.executed)} notebook(s) executed, {len(res.reused)} reused; HTML {html}."
    )
    print(f"Open {res.html_dir / 'index.html'}")
    print(f"  or serve it: python -m http.server -d {res.html_dir} 8000  →  http://127.0.0.1:8000/")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m planbook.build`` (the same as ``python -m planbook build``)."""
    parser = argparse.ArgumentParser(prog="planbook build", description="Build the HTML book.")
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
