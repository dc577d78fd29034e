"""The panel database on disk: DuckDB tables written in one transaction, or a new file written aside and renamed.

One run at a time: a lock on ``.<name>.lock`` beside the database is taken before anything is opened or
made (a second run waits, saying so) and held until the run ends. A new database is written under a
temporary name in the same folder and renamed over the output only when the run succeeds, so a failed
first run leaves no file; what a killed run left (its temporary file and write-ahead log) is removed by
the next. An existing database is checked before anything is added (:mod:`planbook.corpus.integrity`:
the mark of a complete run, every block's checksum) and changed in one transaction, so a run that fails
or is killed halfway leaves it as it was (DuckDB discards an uncommitted transaction when it opens the
file again). Parquet copies are written under temporary names inside the transaction and renamed after
the commit (a run killed in between is finished by the next). Every DuckDB or OS error becomes one
:class:`StoreError` line naming the path.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import astuple, dataclass
from pathlib import Path

import duckdb
import pandas as pd

from planbook.analysis.compare import choose
from planbook.analysis.regions import RegionReport, chains
from planbook.analysis.statements import Statement, first_copy
from planbook.corpus.integrity import (
    DamagedError,
    ParquetSet,
    check_database,
    finish_parquet,
    remove_stale_parquet,
    write_mark,
)
from planbook.corpus.schema import (
    COMPARE,
    FILES,
    INDICATORS,
    MARK,
    PER_REPORT,
    REPORTS,
    STATEMENTS,
    TABLES,
    TARGETS,
    Table,
)
from planbook.corpus.work import FileStat, ReportResult, report_from_record
from planbook.errors import StoreError
from planbook.locks import file_lock
from planbook.model import ReportError
from planbook.shown import shown
from planbook.text.divisions import Placement


def os_problem(path: str | Path, exc: OSError, doing: str = "cannot write") -> StoreError:
    """A StoreError for an OS error (read-only folder, full disk …) on ``path`` (``doing`` "": the problem alone)."""
    problem = exc.strerror or str(exc)
    return StoreError(f"{path}: {doing} ({problem})" if doing else f"{path}: {problem}")


def make_folder(folder: Path) -> None:
    """Create the folder (and its parents) unless it is there; a file in the way or an OS error is one line."""
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"{folder}: not a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise os_problem(folder, exc, "cannot create the folder") from None


def _duckdb_problem(path: str | Path, exc: duckdb.Error, doing: str) -> StoreError:
    return StoreError(f"{path}: {doing} ({_first_line(exc)})")


def _first_line(exc: duckdb.Error) -> str:
    first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    for prefix in ("IO Error: ", "Invalid Input Error: ", "Catalog Error: ", "Serialization Error: "):
        first = first.removeprefix(prefix)
    return first


def _open_problem(path: Path, exc: duckdb.Error) -> StoreError | DamagedError:
    """Why an existing file or a new one cannot be opened: a file that is no DuckDB database is bad input
    (DamagedError), anything else (a read-only folder, a missing one) is output that failed (StoreError)."""
    if path.is_file() and not _is_duckdb_file(path):
        return DamagedError(f"{path}: cannot open the database ({_first_line(exc)})")
    return _duckdb_problem(path, exc, "cannot open the database")


def _is_duckdb_file(path: Path) -> bool:
    """A DuckDB database file: its magic bytes ``DUCK`` at offset 8 (an empty file is a new database)."""
    try:
        with path.open("rb") as f:
            head = f.read(12)
    except OSError:
        return True  # cannot say: the refusal is the system's
    return not head or head[8:12] == b"DUCK"


# What a report not read by pairing or compare holds for rows (RegionReport.rows: nothing reads them).
_EMPTY_ROWS = pd.DataFrame(columns=list(INDICATORS.names))
_EMPTY_OUTCOMES = pd.DataFrame(columns=["report", "start", "kind", "period"])


@dataclass(frozen=True)
class Known:
    """A report already in the database: the file it was read from, the hash of its bytes, the code that read it."""

    file: str
    sha256: str
    planbook: str
    region: str


class Store:
    """An open panel database with one transaction running; :meth:`commit` makes the run's changes the database.

    One run at a time writes a database: the lock on ``.<name>.lock`` beside it is taken before anything
    else (a temporary file included) and held until the run ends; a second run waits for it.
    """

    def __init__(self, output: str | Path, waiting: Callable[[str], None] = lambda line: None) -> None:
        self.output = Path(output)
        self._parquet: ParquetSet | None = None
        self._committed = False
        self._lock = contextlib.ExitStack()
        make_folder(self.output.parent)
        lock = self.output.with_name(f".{self.output.name}.lock")
        try:
            self._lock.enter_context(
                file_lock(
                    lock,
                    waiting=lambda: waiting(
                        f"planbook: waiting for {shown(lock)}: another run is writing {shown(self.output)}"
                    ),
                )
            )
        except OSError as exc:
            raise os_problem(lock, exc, "cannot take the lock") from None
        try:
            self._open()
        except BaseException:
            self._lock.close()
            raise

    def _open(self) -> None:
        """Remove what killed runs left, then open (a new database: create aside) and check the database."""
        remove_leftovers(self.output)
        self.new = not self.output.exists()
        # A new database is written aside and renamed at the end (the lock keeps other runs out meanwhile).
        self.path = self.output.with_name(f".{self.output.name}.tmp-{os.getpid()}") if self.new else self.output
        try:
            self.con = duckdb.connect(str(self.path))
        except duckdb.Error as exc:
            raise _open_problem(self.output, exc) from None
        self.mark: dict[str, str] = {}
        try:
            if self.new:
                for table in (*TABLES, MARK, FILES):
                    self.con.execute(table.create_sql())
                self.con.execute("CHECKPOINT")
            else:
                self._check_schema()
                self.mark = check_database(self.con, self.output)
                finish_parquet(self.mark)
            self.con.execute("BEGIN TRANSACTION")
            # A panel of an earlier planbook has no record of its files: every file is hashed once, then recorded.
            self.con.execute(FILES.create_sql().replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1))
        except duckdb.Error as exc:
            self.rollback()
            raise _duckdb_problem(self.output, exc, "cannot write the database") from None
        except OSError as exc:
            self.rollback()
            raise os_problem(exc.filename or self.output, exc, "") from None
        except (ReportError, StoreError):
            self.rollback()
            raise

    def _check_schema(self) -> None:
        """An existing database must have exactly the declared tables' columns and types."""
        rows = self.con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns "
            "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position"
        ).fetchall()
        found: dict[str, list[tuple[str, str]]] = {}
        for table, column, data_type in rows:
            found.setdefault(table, []).append((column, data_type))
        for table in (*TABLES, MARK, FILES):
            declared = [(c.name, c.type) for c in table.columns]
            if found.get(table.name) != declared and not (table is FILES and table.name not in found):
                what = "has no" if table.name not in found else "has another layout of the"
                raise DamagedError(
                    f"{self.output}: not a panel of this planbook ({what} table {table.name}); write a new database"
                )

    def problem(self, exc: duckdb.Error) -> StoreError:
        """The one line for a DuckDB error while writing (a full disk, a lock held by another process …)."""
        return _duckdb_problem(self.output, exc, "cannot write the database")

    def known(self) -> dict[str, Known]:
        """The reports in the database by id."""
        rows = self.con.execute("SELECT id, file, sha256, planbook, region FROM reports").fetchall()
        return {r[0]: Known(r[1], r[2], r[3], r[4]) for r in rows}

    def put_reports(self, results: Sequence[ReportResult]) -> None:
        """Replace the rows of these reports (all of their tables) with the results."""
        if not results:
            return
        ids = [r.id for r in results]
        for table, key in PER_REPORT:
            self.con.execute(
                f'DELETE FROM {table.name} WHERE "{key}" IN (SELECT unnest($ids::VARCHAR[]))', {"ids": ids}
            )
        self._insert(REPORTS, [r.report for r in results])
        self._insert(INDICATORS, [row for r in results for row in r.indicators])
        self._insert(STATEMENTS, [row for r in results for row in r.statements])

    def file_stats(self) -> dict[str, FileStat]:
        """How each report file was when a run hashed it, by file."""
        rows = self.con.execute(FILES.select_sql()).fetchall()
        return {r[0]: FileStat(*r) for r in rows}

    def put_file_stats(self, stats: Sequence[FileStat]) -> None:
        """Record how the files hashed in this run were; forget the files no report comes from."""
        if stats:
            self.con.execute(
                f"DELETE FROM {FILES.name} WHERE file IN (SELECT unnest($files::VARCHAR[]))",
                {"files": [s.file for s in stats]},
            )
            self._insert(FILES, [astuple(s) for s in stats])
        self.con.execute(f"DELETE FROM {FILES.name} WHERE file NOT IN (SELECT file FROM reports)")

    def set_files(self, files: dict[str, str]) -> None:
        """Record that unchanged reports (same bytes) now come from other paths."""
        for report_id, file in sorted(files.items()):
            self.con.execute("UPDATE reports SET file = ? WHERE id = ?", [file, report_id])

    def region_reports(self, regions: Iterable[str], ids: Iterable[str]) -> list[RegionReport]:
        """The reports of these regions (and these ids) rebuilt from the tables, ready to pair their targets.

        Pairing reads the coded figures and outcome periods only of the reports a chain uses: those of a
        file set aside for another of its year (a copy, a stub) are never read, so they are not loaded.
        """
        params = {"regions": sorted(set(regions) - {""}), "ids": sorted(set(ids))}
        where = "WHERE region IN (SELECT unnest($regions::VARCHAR[])) OR id IN (SELECT unnest($ids::VARCHAR[]))"
        profiles = self._profiles(where, params)
        groups, _ = chains(profiles)
        aside = {other.id for chain in groups for other, _ in chain.set_aside}
        return self._with_figures(profiles, {r.id for r in profiles} - aside, outcome_rows=True)

    def all_reports(self, places: dict[str, Placement]) -> list[RegionReport]:
        """Every report as ``compare`` reads it: with its coded figures when it is the one chosen for its
        region and year (:func:`planbook.analysis.compare.choose`; no other's are read), without its rows."""
        profiles = self._profiles()
        chosen, _ = choose(profiles, places)
        return self._with_figures(profiles, {r.id for r in chosen}, outcome_rows=False)

    def _profiles(self, where: str = "", params: dict | None = None) -> list[RegionReport]:
        """The reports (selected by ``where``) rebuilt from their ``reports`` rows, without figures or rows."""
        cursor = self.con.execute(REPORTS.select_sql(where), params or {})
        names = [d[0] for d in cursor.description]
        records = (dict(zip(names, row, strict=True)) for row in cursor.fetchall())
        return [RegionReport(report_from_record(record), _EMPTY_ROWS, ()) for record in records]

    def _with_figures(self, profiles: list[RegionReport], ids: set[str], outcome_rows: bool) -> list[RegionReport]:
        """The profiles, those of ``ids`` with their coded figures (and, for pairing, their outcome rows' periods)."""
        chosen = sorted(ids)
        cursor = self.con.execute(
            STATEMENTS.select_sql("WHERE report IN (SELECT unnest($ids::VARCHAR[]))"), {"ids": chosen}
        )
        # STATEMENT_COLUMNS: report, seq, then the Statement's other fields in order (a row is a Statement and seq).
        coded: dict[str, list[Statement]] = {}
        for row in cursor.fetchall():
            coded.setdefault(row[0], []).append(Statement(row[0], *row[2:]))
        by_report: dict[str, pd.DataFrame] = {}
        if outcome_rows:
            # Pairing reads of a report's rows only the periods of its outcomes (RegionReport.actual_years):
            # those columns of those rows, not every row's sentence.
            rows = self.con.execute(
                'SELECT "report", "start", "kind", "period" FROM indicators WHERE "kind" = \'actual\' '
                'AND "report" IN (SELECT unnest($ids::VARCHAR[])) ORDER BY "report", "start"',
                {"ids": chosen},
            ).df()
            by_report = dict(iter(rows.groupby("report", sort=False))) if len(rows) else {}
        out = []
        for r in profiles:
            if r.id not in ids:
                out.append(r)
                continue
            frame = by_report.get(r.id, _EMPTY_OUTCOMES).reset_index(drop=True)
            rows_read = first_copy(r.report, frame) if outcome_rows else _EMPTY_ROWS
            out.append(RegionReport(r.report, rows_read, tuple(coded.get(r.id, ()))))
        return out

    def put_targets(self, frame: pd.DataFrame, regions: Iterable[str], ids: Iterable[str]) -> None:
        """Replace the targets of these regions, and those set by these reports, with the frame's pairs."""
        self.con.execute(
            "DELETE FROM targets WHERE region IN (SELECT unnest($regions::VARCHAR[])) "
            "OR target_report IN (SELECT unnest($ids::VARCHAR[]))",
            {"regions": sorted(set(regions) - {""}), "ids": sorted(set(ids))},
        )
        records = frame.reindex(columns=list(TARGETS.names)).astype(object).where(frame.notna(), None)
        self._insert(TARGETS, [tuple(r) for r in records.itertuples(index=False, name=None)])

    def placements(self) -> dict[str, Placement]:
        """Every report's placement as read with its text (report id → placement)."""
        rows = self.con.execute("SELECT id, division, level, parent, division_code, division_note FROM reports")
        return {r[0]: Placement(r[1] or "", r[2] or "", r[3] or "", r[4] or "", r[5] or "") for r in rows.fetchall()}

    def put_compare(self, frame: pd.DataFrame) -> None:
        """Replace the ``compare`` table with the frame's rows."""
        self.con.execute("DELETE FROM compare")
        records = frame.reindex(columns=list(COMPARE.names)).astype(object)
        records = records.where(records.notna(), None)
        self._insert(COMPARE, [tuple(r) for r in records.itertuples(index=False, name=None)])

    def counts(self) -> dict[str, int]:
        """Rows in each table."""
        return {t.name: self.con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}

    def write_parquet(self, folder: str | Path) -> None:
        """Every table as ``folder/<table>.parquet`` (rows in the table's order), renamed into place on commit."""
        folder = Path(folder)
        make_folder(folder)
        remove_stale_parquet(folder)
        self._parquet = ParquetSet.new(folder, tuple(f"{t.name}.parquet" for t in TABLES))
        for table in TABLES:
            name = f"{table.name}.parquet"
            quoted = str(self._parquet.temporary(name)).replace("'", "''")
            try:
                self.con.execute(f"COPY ({table.select_sql()}) TO '{quoted}' (FORMAT PARQUET)")
            except duckdb.Error as exc:
                raise _duckdb_problem(self._parquet.final(name), exc, "cannot write") from None

    def commit(self) -> None:
        """Make the run's changes the database (and the Parquet files), or raise StoreError leaving the old ones.

        The mark goes into the same transaction, naming the Parquet set written for it; a run killed after
        the commit leaves that set under its temporary names, which the next run renames.
        """
        try:
            write_mark(self.con, self._parquet, self.mark)
            self.con.execute("COMMIT")
            self.con.execute("CHECKPOINT")
            self.con.close()
        except duckdb.Error as exc:
            self.rollback()
            raise _duckdb_problem(self.output, exc, "cannot write the database") from None
        if self.new:
            try:
                os.replace(self.path, self.output)
            except OSError as exc:
                self.rollback()
                raise os_problem(self.output, exc) from None
        # The database is the run's now: what follows cannot be rolled back, only finished (by the next
        # run, when this one stops during the renames).
        self._committed = True
        try:
            if self._parquet is not None:
                for name in self._parquet.names:
                    try:
                        os.replace(self._parquet.temporary(name), self._parquet.final(name))
                    except OSError as exc:
                        raise os_problem(self._parquet.final(name), exc) from None
            self._parquet = None
        finally:
            self._lock.close()

    def rollback(self) -> None:
        """Forget the run: the transaction is rolled back, a new database file and Parquet copies are removed
        (after the commit, nothing: the next run finishes the Parquet renames)."""
        if self._committed:
            self._lock.close()
            return
        try:
            self.con.execute("ROLLBACK")
        except (duckdb.Error, AttributeError):
            pass  # no transaction open, or the connection never opened
        try:
            self.con.close()
        except (duckdb.Error, AttributeError):
            pass
        if getattr(self, "new", False):
            _remove(self.path)
            _remove(Path(f"{self.path}.wal"))
        if self._parquet is not None:
            for name in self._parquet.names:
                _remove(self._parquet.temporary(name))
        self._parquet = None
        self._lock.close()

    def _insert(self, table: Table, rows: list[tuple]) -> None:
        """Insert rows given in the table's column order, each value cast to its declared type."""
        if not rows:
            return
        batch = pd.DataFrame.from_records(rows, columns=list(table.names))
        casts = ", ".join(f"CAST({c.sql} AS {c.type})" for c in table.columns)
        self.con.register("panel_batch", batch)
        try:
            self.con.execute(f"INSERT INTO {table.name} SELECT {casts} FROM panel_batch")
        finally:
            self.con.unregister("panel_batch")


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except FileNotFoundError:
        pass


def remove_leftovers(output: Path) -> list[Path]:
    """Remove the temporary databases (and their write-ahead logs) that killed runs left beside ``output``.

    Called with the lock held: no run is writing one now.
    """
    prefix = f".{output.name}.tmp-"
    removed = []
    try:
        names = os.listdir(output.parent)
    except OSError:
        return removed
    for name in names:
        if name.startswith(prefix):
            _remove(output.parent / name)
            removed.append(output.parent / name)
    return removed
