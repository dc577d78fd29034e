"""Build the HTML book in five named steps, each a function with named inputs and outputs:

1. ``load_reports``: load and extract every report; a bad report stops the build before anything
   is written;
2. ``plan_tasks``: decide which chapter notebooks must run — one is re-executed only when one of its
   inputs changed (template, parameters, report file, extracted data, shared data files, planbook
   source); the input hashes are kept in ``book/<id>/.manifest.json``;
3. ``write_data``: while kernels start and import their libraries, write ``data/<id>/indicators.csv``
   and the chapter tables and audit derived from it (``data/<id>/tables/``);
4. ``run_notebooks`` with papermill into ``book/<id>/<chapter>.ipynb``, in parallel, each worker
   reusing one warm kernel (``planbook.book.kernels``), while ``write_pages`` writes the other pages,
   ``book/_toc.yml`` and the static files; executed notebooks are normalised so the same inputs give
   byte-identical files, and installed with their manifest entries by ``install_notebooks``;
5. ``publish_html``: jupyter-book (``-W -n --keep-going``) into a staging folder and, on success
   only, one atomic swap with ``book/_build/html`` (``planbook.book.publish``).

The book folder and the data folder are each locked for the build (another build on either is an
error naming it), and from step 3 on every file written under them is recorded (``planbook.files.
journal``): a build that fails otherwise than by a notebook (a full disk, Ctrl-C) puts them all back.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from planbook.analysis.chapter_data import data_files, touch_rows
from planbook.analysis.compare_data import ComparePart
from planbook.analysis.region_data import RegionPart, region_files
from planbook.book import pages
from planbook.book.kernels import KernelPool, kernel_name, kernel_path, kernel_runtime
from planbook.book.manifest import (
    MANIFEST,
    PACKAGE_DIR,
    common_hash,
    is_current,
    notebook_hash,
    read_manifest,
    sha,
    source_hash,
    tree_hash,
    write_manifest,
)
from planbook.book.notebooks import NotebookTask, find_templates, relative
from planbook.book.publish import build_and_publish, build_lock, check_unchanged, data_lock, is_published
from planbook.book.runs import NotebookRuns, Workers, cluster_address, run_notebooks
from planbook.book.site import BuildOptions, Folders, LoadedReport, WrittenPages, resolve_folders, write_pages
from planbook.book.unchanged import last_result, remember_build
from planbook.book.units import Unit, compare_of, compare_units, region_units, regions_of, report_units
from planbook.corpus.cluster import probe_scheduler
from planbook.errors import BuildError
from planbook.export import ROWS_FILE, rows_to_csv
from planbook.extract import extract
from planbook.files import journal, write_atomic, write_files
from planbook.model import IndicatorRow, Report, ReportError, ReportFacts
from planbook.present.vega import RENDERER_NAME
from planbook.text import ReportFile, load_report, report_files, sanitize_id
from planbook.text.ids import check_names, report_id
from planbook.vocabulary import vocabulary_files


@dataclass
class BuildResult:
    """What a build did."""

    html_dir: Path
    reports: list[str]
    executed: list[str] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    html_rebuilt: bool = True
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)  # "<report id>: <warning>" for each report
    notes: list[str] = field(default_factory=list)  # "<report id>: <note>", e.g. an id that holds a hash


@dataclass
class TaskPlan:
    """Step 2's result: the notebooks to run, those reused as they are, and the kept manifest entries."""

    tasks: list[NotebookTask] = field(default_factory=list)
    reused: list[str] = field(default_factory=list)
    manifests: dict[str, dict[str, dict]] = field(default_factory=dict)


def chapter_templates(templates_dir: Path) -> list[Path]:
    """The chapter templates in book order; a chapter named like a generated page is an error."""
    templates = find_templates(templates_dir)
    for reserved in (*pages.REPORT_PAGES, "glossary"):
        if reserved in (t.stem for t in templates):
            raise BuildError(f"{templates_dir}/{reserved}.ipynb: chapter name clashes with a generated page")
    return templates


def extract_rows(report: Report) -> list[IndicatorRow]:
    """Indicator rows of a report (``planbook.extract.extract``, imported when a build needs it)."""
    return list(extract(report))


def load_reports(files: Sequence[ReportFile], bar: Any, skipped: list[str]) -> list[LoadedReport]:
    """Step 1: load and extract every report before anything is written. ReportError on a bad file
    named by the user, and on two files that would get one id (named before any report is read); a
    bad file found in a folder is skipped, its error added to ``skipped``."""
    check_names([f.path for f in files])
    loaded = []
    for f in files:
        try:
            report = load_report(f.path)
        except ReportError as exc:
            if not f.listed:
                raise
            skipped.append(f"{exc} (skipped)")
            bar.update()
            continue
        rows = extract_rows(report)
        loaded.append(LoadedReport(report, rows, rows_to_csv(rows)))
        bar.update()
    if not loaded:
        raise ReportError("no report could be read: " + "; ".join(skipped))
    return loaded


def id_notes(loaded: Sequence[LoadedReport]) -> list[str]:
    """``<id>: <note>`` for each report whose id holds a hash of its file name."""
    notes = ((item.report.id, report_id(Path(item.report.path).stem).note()) for item in loaded)
    return [f"{ident}: {note}" for ident, note in notes if note]


def plan_tasks(units: Sequence[Unit], folders: Folders, force: bool, bar: Any) -> TaskPlan:
    """Step 2: a task per notebook whose inputs changed (all with ``force``); the others are reused.

    Parameters are paths relative to the notebook's folder, where it runs (papermill here, nbval in
    the tests), so executed notebooks hold no machine-specific path.
    """
    common = common_hash(source_hash(), vocabulary_files(), folders.root / "requirements.txt", RENDERER_NAME)
    plan = TaskPlan()
    for unit in units:
        out_dir = folders.book / unit.id
        manifest = read_manifest(out_dir / MANIFEST)
        plan.manifests[unit.id] = {k: v for k, v in manifest.items() if k in unit.names}
        for template in unit.templates:
            output = out_dir / f"{template.stem}.ipynb"
            params, read = unit.run_of(template)
            inputs = notebook_hash(common, template, params, read)
            if not force and is_current(manifest.get(output.name, {}), inputs, output):
                plan.reused.append(relative(output, folders.root))
                bar.update()
            else:
                plan.tasks.append(NotebookTask(unit.id, template, output, params, inputs))
    return plan


def write_data(
    loaded: Sequence[LoadedReport], parts: Sequence[RegionPart], compared: ComparePart | None, data_dir: Path, bar: Any
) -> dict[Path, str]:
    """Step 3: each report's indicators.csv and the tables and audit derived from it, each region's
    target pairs, series and audit across years, the regions compared: all of them or none (a full
    disk or a read-only folder leaves the last good data as it was)."""
    files: dict[Path, str] = {}
    for item in loaded:
        files.update(data_files(data_dir / item.report.id, item.rows_csv, ReportFacts.of(item.report)))
        bar.update()
    for part in parts:
        files.update(region_files(part, data_dir / part.id))
    if compared is not None:
        files.update({data_dir / compared.id / name: text for name, text in compared.files.items()})
    write_files(files)
    for item in loaded:
        touch_rows(data_dir / item.report.id / ROWS_FILE, item.report.path)
    return files


def install_notebooks(runs: NotebookRuns, plan: TaskPlan, units: Sequence[Unit], folders: Folders) -> list[str]:
    """Write what succeeded (each file complete, its manifest entry after it); BuildError on failures."""
    order = {unit.id: i for i, unit in enumerate(units)}
    executed = []
    for run in sorted(runs.done, key=lambda r: (order[r.task.report_id], r.task.output.name)):
        write_atomic(run.task.output, run.text)
        entry = {"inputs": run.task.inputs_hash, "output": sha(run.text.encode("utf-8"))}
        plan.manifests[run.task.report_id][run.task.output.name] = entry
        executed.append(relative(run.task.output, folders.root))
    for unit in units:
        write_manifest(folders.book / unit.id / MANIFEST, plan.manifests[unit.id])
    if runs.failures:
        raise BuildError(
            f"{len(runs.failures)} notebook(s) failed; the published book was not changed:\n" + "\n".join(runs.failures)
        )
    return executed


def publish_html(units: Sequence[Unit], written: WrittenPages, folders: Folders, force: bool, jobs: int = 1) -> bool:
    """Step 5: build and publish the HTML unless it was built from the same sources; True when rebuilt.
    Sphinx works in ``jobs`` + 1 processes: its main one indexes each page for search while the others write."""
    sources = [*written.files, folders.config]
    sources += [folders.book / u.id / name for u in units for name in sorted(u.names)]
    sources += [p for u in units for p in (folders.data / u.id).rglob("*") if p.is_file()]
    stamp = tree_hash(sources)
    if not force and is_published(folders.html_dir, stamp):
        return False
    build_and_publish(folders.book, folders.config, folders.html_dir, stamp, jobs + 1)
    return True


def looks_stale(files: Sequence[ReportFile], templates: Sequence[Path], folders: Folders) -> bool:
    """A cheap guess (file times) that some notebook will have to run; only used to warm kernels early."""
    inputs = [*templates, *PACKAGE_DIR.rglob("*.py"), *vocabulary_files()]
    newest_input = max((p.stat().st_mtime for p in inputs), default=0.0)
    for f in files:
        manifest = folders.book / sanitize_id(f.path.stem) / MANIFEST
        if not (manifest.is_file() and f.path.is_file()):
            return True
        if manifest.stat().st_mtime < max(newest_input, f.path.stat().st_mtime):
            return True
    return False


def _progress(total: int, enabled: bool):

    return tqdm(total=total, desc="planbook build", unit="step", disable=not enabled, file=sys.stderr, leave=False)


def build(reports: Sequence[Path] | None = None, options: BuildOptions | None = None) -> BuildResult:
    """Build the book from the given reports (default: every report in seeds/) and publish its HTML.

    Raises ReportError for a report that cannot be read (nothing written) and BuildError when a
    notebook or jupyter-book fails (the published HTML is left as it was).
    """
    t0 = time.perf_counter()
    options = options or BuildOptions()
    folders = resolve_folders(options)
    paths = report_files(reports or [folders.seeds])
    if not paths:
        raise ReportError(f"{folders.seeds}: no reports (.txt, .html) to build")
    templates = chapter_templates(folders.templates)
    chapters = [t.stem for t in templates]
    jobs, force = max(1, options.jobs or os.cpu_count() or 1), options.force
    address = cluster_address(options.scheduler, options.jobs)
    if not (force or address) and (same := last_result(paths, folders)) is not None:  # nothing changed since
        return BuildResult(**same, html_dir=folders.html_dir, seconds=time.perf_counter() - t0)
    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(_progress(len(paths) * (2 + len(templates)) + 3, options.progress))
        bar.total += 2 * len(paths)  # room for the chapters of the regions (reports together)
        stack.enter_context(kernel_path([folders.root, PACKAGE_DIR.parent]))
        stack.enter_context(kernel_runtime())  # connection files removed however the build ends
        kernels = stack.enter_context(contextlib.closing(KernelPool()))
        # Kernels start (and import their libraries) while the reports are read, when the book looks
        # out of date; whether a notebook really runs is decided by its input hashes.
        if address:  # a wrong address or a peer that is no scheduler: said now, before anything is written
            probe_scheduler(address)
        if templates and not address and (force or looks_stale(paths, templates, folders)):
            kernels.prestart(min(jobs, len(paths) * len(templates)), kernel_name(templates[0]), folders.root)
        bar.set_postfix_str("extract")
        skipped: list[str] = []
        loaded = load_reports(paths, bar, skipped)
        parts = regions_of(loaded, folders.templates)
        compared = compare_of(loaded, parts, folders.templates)  # first in the book: more than one region
        units = [*compare_units(compared, folders), *region_units(parts, loaded, folders)]
        units += report_units(loaded, templates, folders, parts)
        stack.enter_context(build_lock(folders.build_dir))
        stack.enter_context(data_lock(folders.data))  # two builds never share a data folder
        # From here every file written into data/ and the book's sources is put back if the build fails
        # (a notebook failing is no failure of the build's writing: what succeeded is kept for the next).
        stack.enter_context(journal([folders.data, folders.book], [folders.build_dir], keep_on=(BuildError,)))
        plan = plan_tasks(units, folders, force, bar)
        workers = max(1, min(jobs, len(plan.tasks)))
        if plan.tasks and not kernels.prestarted and not address:
            kernels.prestart(workers, kernel_name(plan.tasks[0].template), folders.root)
        data_files = write_data(loaded, parts, compared, folders.data, bar)
        bar.set_postfix_str(f"run {len(plan.tasks)} notebooks")
        where = Workers(kernels, workers, address)
        pages_of_book = lambda: write_pages(loaded, chapters, folders, parts, compared)  # noqa: E731 - meanwhile
        runs, written = run_notebooks(plan.tasks, folders.root, where, bar, pages_of_book)
        kernels.close()  # before jupyter-book, which wants the memory more
        check_unchanged(data_files)
        executed = install_notebooks(runs, plan, units, folders)
        bar.set_postfix_str("jupyter-book")
        html_rebuilt = publish_html(units, written, folders, force, jobs)
        bar.update(2)
        result = BuildResult(
            html_dir=folders.html_dir,
            reports=[item.report.id for item in loaded],
            executed=executed,
            reused=plan.reused,
            html_rebuilt=html_rebuilt,
            warnings=[*skipped, *(f"{item.report.id}: {w}" for item in loaded for w in item.report.warnings)],
            notes=id_notes(loaded),
        )
        remember_build(paths, folders, units, loaded, result)
    result.seconds = time.perf_counter() - t0
    return result
