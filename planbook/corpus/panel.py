"""Every report in one DuckDB database (``python -m planbook panel REPORT_OR_DIR... -o panel.duckdb``).

The tables (:mod:`planbook.corpus.schema`): ``reports`` (file, content hash, profile),
``indicators`` (every row of every report, as ``planbook extract`` writes them), ``statements``
(the coded figures), ``targets`` (the pairs of ``planbook targets``) and ``compare`` (the rows of
``planbook compare``, made again from the tables whenever a report changed). A run reads only the
reports that are new, whose bytes changed, or that other planbook code read; a changed report's
rows are replaced, and the targets are paired again for the regions whose reports changed — from
the tables, without reading their other reports. The per-report work runs on an executor
(:mod:`planbook.corpus.executor`); this process writes everything.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from planbook.analysis.compare import compare_reports
from planbook.analysis.regions import report_paths
from planbook.analysis.targets import pair_targets
from planbook.corpus.executor import Executor, SerialExecutor, make_executor
from planbook.corpus.fingerprint import planbook_fingerprint
from planbook.corpus.schema import REPORT_COLUMNS
from planbook.corpus.store import Known, Store, os_problem
from planbook.corpus.work import FileStat, ReportFailure, ReportInput, ReportResult, read_one
from planbook.errors import PanelError, StoreError
from planbook.model import ReportError
from planbook.shown import printable
from planbook.text.reading import STDIN

# Results written to the database at a time: bounds the client's memory on a corpus of any size.
BATCH = 200
# What a local worker process imports once, before its first report.
PRELOAD = ("planbook.corpus.work", "planbook.extract", "planbook.analysis.statements")
EXIT_SKIPPED = 1
SKIPPED = "planbook: skipped: "


@dataclass(frozen=True)
class Source:
    """A file given for the panel, hashed but not yet read: its id, path as given, absolute path and SHA-256."""

    id: str
    path: str
    file: str
    sha256: str


@dataclass
class PanelRun:
    """What a run did: reports read, left as they were, replaced or skipped; regions paired again; table sizes."""

    output: Path
    read: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[ReportFailure] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the terminal."""
        c = self.counts
        parts = [
            f"{len(self.read)} report(s) read ({len(self.replaced)} replaced), {len(self.unchanged)} unchanged",
            f"{len(self.skipped)} skipped" if self.skipped else "",
            f"targets paired again for {', '.join(self.regions)}" if self.regions else "",
            f"now {c.get('reports', 0)} reports, {c.get('indicators', 0)} indicator rows, "
            f"{c.get('targets', 0)} targets",
        ]
        return f"{self.output}: " + "; ".join(p for p in parts if p)


def update_panel(
    paths: Iterable[str | Path],
    output: str | Path,
    *,
    parquet: str | Path | None = None,
    keep_going: bool = False,
    replace: bool = False,
    executor: Executor | None = None,
    log: Callable[[str], None] = lambda line: None,
) -> PanelRun:
    """Add the reports under ``paths`` to the panel database ``output`` (created when missing); the API of ``panel``.

    Without ``keep_going`` the first report that cannot be read stops the run before anything is
    written (a ``PanelError`` naming it); with it, such reports are logged, skipped and listed in
    ``PanelRun.skipped``. A report id already in the database from another file with other
    content is an error naming both files, unless ``replace``: then the new file's rows replace it.
    """
    run = PanelRun(Path(output))
    store = Store(output, waiting=log)
    try:
        # Hashed with the database open: a file as it was when a run hashed it is not read again (FileStat).
        found = _sources(paths, store.file_stats())
        sources, failures = found.sources, found.failures
        failures += _conflicts_within(sources)
        _stop_or_skip(failures, keep_going, run, log)
        sources = [s for s in sources if s.id not in {f.id for f in failures}]
        known = store.known()
        todo, moved = _plan(sources, known, replace, run, keep_going, log)
        old_regions = {known[s.id].region for s in todo if s.id in known}
        results = _read_all(todo, executor or SerialExecutor(), store, keep_going, run, log)
        store.set_files(moved)
        store.put_file_stats(found.stats)
        changed = [r.id for r in results]
        run.replaced = [i for i in changed if i in known]
        regions = old_regions | {_region(r) for r in results}
        if changed:
            frame, warnings = pair_targets(store.region_reports(regions, changed))
            store.put_targets(frame, regions, changed)
            # Regions compared: the whole table again (one region's choice of report can change another's parent).
            places = store.placements()
            comparison = compare_reports(store.all_reports(places), places)
            store.put_compare(comparison.frame)
            run.warnings = warnings + comparison.warnings
            run.regions = sorted(r for r in regions if r)
        for w in run.warnings:
            log(f"planbook: warning: {w}")
        if parquet is not None:
            store.write_parquet(parquet)
        run.counts = store.counts()
        store.commit()
    except duckdb.Error as exc:
        store.rollback()
        raise store.problem(exc) from None
    except BaseException:
        store.rollback()
        raise
    return run


@dataclass
class Hashed:
    """The files given, hashed: the sources, the files that cannot be read, the stats of the files read."""

    sources: list[Source] = field(default_factory=list)
    failures: list[ReportFailure] = field(default_factory=list)
    stats: list[FileStat] = field(default_factory=list)


def _sources(paths: Iterable[str | Path], hashed: dict[str, FileStat]) -> Hashed:
    """Every file under the paths, hashed (read once here), unless it is as it was when a run hashed it
    (``hashed``, by file: its hash is taken from there); files that cannot be read become failures. Also
    the stats of the files hashed now, for the next run."""
    sources, failures, stats, seen = [], [], [], set()
    folders: dict[Path, str] = {}
    for p in report_paths(paths):
        known = hashed.get(_resolved(p, folders))
        if known is not None and _unchanged(known, p):
            if known.file not in seen:
                seen.add(known.file)
                sources.append(Source(ReportInput.id_of(p), str(p), known.file, known.sha256))
            continue
        try:
            item, stat = ReportInput.read_stat(p)
        except ReportError as exc:
            failures.append(ReportFailure(ReportInput.id_of(p), str(p), str(exc)))
            continue
        if item.file in seen:  # the same file named twice is read once
            continue
        seen.add(item.file)
        sources.append(Source(item.id, item.path, item.file, item.sha256))
        stats += [stat] if stat is not None else []
    return Hashed(sources, failures, stats)


def _resolved(path: Path, folders: dict[Path, str]) -> str:
    """The file's absolute path as ``Path.resolve`` gives it, its folder resolved once (a corpus is a few folders
    of many files); "" for the standard input or a path that cannot be resolved. Only a look-up key: a path
    given otherwise than the hash recorded finds nothing, and the file is hashed."""
    if str(path) == STDIN:
        return ""
    try:
        if path.name in ("", ".", "..") or os.path.islink(path):
            return str(path.resolve())
        if path.parent not in folders:
            folders[path.parent] = str(path.parent.resolve())
        return os.path.join(folders[path.parent], path.name)
    except (OSError, RuntimeError):  # a symlink loop: reading says so
        return ""


def _unchanged(known: FileStat, path: Path) -> bool:
    try:
        return known.unchanged(os.stat(path))
    except OSError:
        return False


def _conflicts_within(sources: list[Source]) -> list[ReportFailure]:
    """Two files of the run with one id: the same bytes are read once; other bytes are an error naming both."""
    first: dict[str, Source] = {}
    out = []
    for s in list(sources):
        other = first.setdefault(s.id, s)
        if other is s:
            continue
        sources.remove(s)
        if other.sha256 != s.sha256:
            out.append(
                ReportFailure(
                    s.id,
                    s.path,
                    f"{other.path} and {s.path} both give the report id {s.id} with different contents; rename one",
                )
            )
    return out


def _stop_or_skip(failures: list[ReportFailure], keep_going: bool, run: PanelRun, log: Callable[[str], None]) -> None:
    """Without --keep-going the first failure stops the run; with it, each is logged and skipped."""
    if failures and not keep_going:
        raise PanelError(failures[0].message)
    for f in failures:
        log(f"{SKIPPED}{f.message}")
        run.skipped.append(f)


def _plan(
    sources: list[Source],
    known: dict[str, Known],
    replace: bool,
    run: PanelRun,
    keep_going: bool,
    log: Callable[[str], None],
) -> tuple[list[Source], dict[str, str]]:
    """The sources to read (new, changed, or read by other code) and the unchanged ones that moved."""
    fingerprint = planbook_fingerprint()
    todo, moved, failures = [], {}, []
    for s in sources:
        k = known.get(s.id)
        if k is None:
            todo.append(s)
        elif k.sha256 == s.sha256 and k.planbook == fingerprint:
            run.unchanged.append(s.id)
            if k.file != s.file:
                moved[s.id] = s.file
        elif k.file != s.file and k.sha256 != s.sha256 and not replace:
            failures.append(
                ReportFailure(
                    s.id,
                    s.path,
                    f"{s.path}: the report id {s.id} is already in "
                    f"{run.output} from {k.file}, with other contents; rename one, "
                    f"or give --replace to use {s.path}",
                )
            )
        else:
            todo.append(s)
    _stop_or_skip(failures, keep_going, run, log)
    return todo, moved


def _inputs(todo: Sequence[Source], failures: list[ReportFailure]) -> Iterator[ReportInput]:
    """Each source's bytes read again as it is submitted (a corpus never sits in memory whole)."""
    for s in todo:
        try:
            yield ReportInput.read(s.path)
        except ReportError as exc:  # gone or unreadable since it was hashed
            failures.append(ReportFailure(s.id, s.path, str(exc)))


def _read_all(
    todo: Sequence[Source],
    executor: Executor,
    store: Store,
    keep_going: bool,
    run: PanelRun,
    log: Callable[[str], None],
) -> list[ReportResult]:
    """Run read_one over the sources and put the results into the database a batch at a time."""
    fingerprint = planbook_fingerprint()
    late: list[ReportFailure] = []
    batch: list[ReportResult] = []
    done: list[ReportResult] = []
    with closing(executor.map(read_one, _inputs(todo, late))) as results:
        for result in results:
            _stop_or_skip(late, keep_going, run, log)
            late.clear()
            if isinstance(result, ReportFailure):
                _stop_or_skip([result], keep_going, run, log)
                continue
            if result.planbook != fingerprint:
                raise PanelError(
                    f"{executor.describe()}: a worker runs other planbook code or data "
                    f"({result.planbook}, here {fingerprint}); install the same checkout there"
                )
            batch.append(result)
            if len(batch) >= BATCH:
                store.put_reports(batch)
                done += [_light(r) for r in batch]
                batch = []
    _stop_or_skip(late, keep_going, run, log)
    store.put_reports(batch)
    done += [_light(r) for r in batch]
    run.read = [r.id for r in done]
    return done


def _light(result: ReportResult) -> ReportResult:
    """The result without its rows (they are in the database): only the id and profile are kept."""
    return ReportResult(result.id, result.report, [], [], result.planbook)


def _region(result: ReportResult) -> str:
    return result.report[REPORT_COLUMNS.index("region")]


def cmd_panel(args: argparse.Namespace) -> int:
    """Add the reports to the panel database; exit 1 when --keep-going skipped some, 2 on an error."""

    def log(line: str) -> None:
        if not args.quiet or line.startswith(SKIPPED):
            print(printable(line), file=sys.stderr)

    if args.jobs is not None and args.jobs < 1:
        raise PanelError(f"--jobs {args.jobs}: give at least 1")
    with make_executor(args.scheduler, args.jobs, PRELOAD) as executor:
        try:
            run = update_panel(
                args.reports,
                args.output,
                parquet=args.parquet,
                keep_going=args.keep_going,
                replace=args.replace,
                executor=executor,
                log=log,
            )
        except OSError as exc:  # anything not already turned into one line (the folder of -o, a full disk)
            raise os_problem(exc.filename or args.output, exc, doing="") from None
    if not args.quiet:
        print(printable(f"planbook: {run.summary()}"), file=sys.stderr)
    return EXIT_SKIPPED if run.skipped else 0


__all__ = ["PanelError", "PanelRun", "StoreError", "cmd_panel", "update_panel"]
