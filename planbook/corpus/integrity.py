"""A panel database as planbook wrote it: a completion mark stored with the tables and checked, with every
block's checksum, before a run adds anything; the Parquet copies that go with each commit.

The mark (table ``planbook_panel``) is written in the transaction that commits a run: the format, the
rows each table holds, and the set of Parquet copies written for that commit. Before a run adds a
report it reads the whole database once (DuckDB verifies the checksum of every block it reads) and
compares the row counts with the mark: junk written into the file, a copy cut short, or tables changed
by another program make the run stop with one line, before anything is written.

Parquet copies are written under temporary names that carry the set's id, before the commit, and
renamed after it. A run killed between the commit and the renames leaves the committed set's files
under their temporary names: the next run (holding the database's lock) finishes the renames, and
removes the temporary files of sets that were never committed.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb

from planbook.corpus.schema import FILES, MARK, TABLES
from planbook.locks import pid_alive
from planbook.model import ReportError
from planbook.shown import shown

FORMAT = "planbook panel 1"
_TEMPORARY = re.compile(r"\.(?P<name>.+\.parquet)\.tmp-(?P<pid>\d+)-(?P<token>[0-9a-f]+)")


class DamagedError(ReportError):
    """The database is not as planbook wrote it (no mark, other row counts, a block failing its checksum)."""


@dataclass(frozen=True)
class ParquetSet:
    """The Parquet copies of one commit: their folder (absolute), the set's id and the files' names."""

    folder: str
    id: str
    names: tuple[str, ...]

    @classmethod
    def new(cls, folder: Path, names: tuple[str, ...]) -> ParquetSet:
        return cls(str(folder.resolve()), f"{os.getpid()}-{uuid.uuid4().hex[:12]}", names)

    def temporary(self, name: str) -> Path:
        """Where a file of the set is written before the commit."""
        return Path(self.folder) / f".{name}.tmp-{self.id}"

    def final(self, name: str) -> Path:
        return Path(self.folder) / name

    def to_json(self) -> str:
        return json.dumps({"folder": self.folder, "set": self.id, "files": list(self.names)}, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ParquetSet | None:
        try:
            doc = json.loads(text)
            return cls(str(doc["folder"]), str(doc["set"]), tuple(doc["files"]))
        except (ValueError, KeyError, TypeError):
            return None


def write_mark(con: duckdb.DuckDBPyConnection, parquet: ParquetSet | None, previous: dict[str, str]) -> None:
    """Write the completion mark inside the running transaction (a run without --parquet keeps the last set)."""
    counts = {t.name: con.execute(f"SELECT count(*) FROM {t.name}").fetchone()[0] for t in TABLES}
    rows = {"format": FORMAT, "rows": json.dumps(counts, sort_keys=True)}
    rows["parquet"] = parquet.to_json() if parquet is not None else previous.get("parquet", "")
    con.execute(f"DELETE FROM {MARK.name}")
    con.executemany(f"INSERT INTO {MARK.name} VALUES (?, ?)", sorted(rows.items()))


def _damaged(output: Path, what: str) -> DamagedError:
    return DamagedError(
        f"{shown(output)}: damaged, or not as planbook wrote it ({what}); restore a copy or write a new database"
    )


def check_database(con: duckdb.DuckDBPyConnection, output: Path) -> dict[str, str]:
    """The mark of a database planbook wrote completely; DamagedError (one line) for any other.

    Every table is read whole (every column hashed), so that DuckDB checks every block's checksum.
    """
    try:
        mark = dict(con.execute(f"SELECT key, value FROM {MARK.name}").fetchall())
    except duckdb.Error:
        mark = {}
    if mark.get("format") != FORMAT:
        raise _damaged(output, "no mark of a complete planbook panel")
    try:
        counts = json.loads(mark.get("rows", ""))
    except ValueError:
        counts = {}
    present = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    # The record of the files hashed is read too (its blocks checked), though no mark counts its rows.
    for table in (*TABLES, *((FILES,) if FILES.name in present else ())):
        hashes = ", ".join(f"bit_xor(hash({c.sql}))" for c in table.columns)
        try:
            found = con.execute(f"SELECT count(*), {hashes} FROM {table.name}").fetchone()[0]
        except duckdb.Error as exc:
            first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
            raise _damaged(
                output, f"the table {table.name} cannot be read: {first.removeprefix('IO Error: ')}"
            ) from None
        if table is not FILES and counts.get(table.name) != found:
            raise _damaged(
                output, f"the table {table.name} holds {found} rows where its mark says {counts.get(table.name)}"
            )
    return mark


def finish_parquet(mark: dict[str, str]) -> list[Path]:
    """Finish the renames of the committed Parquet set (a run killed after its commit); remove the
    temporary files of sets never committed whose run is gone. Returns the files renamed."""
    committed = ParquetSet.from_json(mark.get("parquet", "")) if mark.get("parquet") else None
    if committed is None:
        return []
    renamed = []
    for name in committed.names:
        temporary = committed.temporary(name)
        if temporary.is_file():
            os.replace(temporary, committed.final(name))
            renamed.append(committed.final(name))
    remove_stale_parquet(Path(committed.folder))
    return renamed


def remove_stale_parquet(folder: Path) -> None:
    """Remove the temporary Parquet files in ``folder`` left by runs that are gone."""
    with contextlib.suppress(OSError):
        for entry in os.listdir(folder):
            m = _TEMPORARY.fullmatch(entry)
            if m and not pid_alive(int(m.group("pid"))):
                with contextlib.suppress(OSError):
                    (folder / entry).unlink()
