"""The panel's tables: every column's name and DuckDB type, declared once (DDL, inserts, order and Parquet follow).

``indicators`` has exactly the columns of ``planbook extract`` (:data:`planbook.model.COLUMNS`),
``targets`` those of ``planbook targets`` (:data:`planbook.analysis.targets.TARGET_COLUMNS`) and
``statements`` the fields of :class:`planbook.analysis.statements.Statement` (the coded figures the
targets are paired from) and ``compare`` those of ``planbook compare``
(:data:`planbook.analysis.compare.COMPARE_COLUMNS`); the assertions below fail when one of them
gains a column that has no type here. ``reports`` holds each report's file, content hash and
profile — enough to pair its targets again without reading it — and where its region lies.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from planbook.analysis.compare import COMPARE_COLUMNS
from planbook.analysis.statements import Statement
from planbook.analysis.targets import TARGET_COLUMNS
from planbook.model import COLUMNS


@dataclass(frozen=True)
class Column:
    """One column: its name and DuckDB type."""

    name: str
    type: str

    @property
    def sql(self) -> str:
        """The quoted name (``end`` and ``text`` are SQL words)."""
        return f'"{self.name}"'


@dataclass(frozen=True)
class Table:
    """A table: its columns in order and the columns that order its rows in every export."""

    name: str
    columns: tuple[Column, ...]
    order: tuple[str, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def create_sql(self) -> str:
        """``CREATE TABLE`` with the declared columns."""
        body = ", ".join(f"{c.sql} {c.type}" for c in self.columns)
        return f"CREATE TABLE {self.name} ({body})"

    def select_sql(self, where: str = "") -> str:
        """Every column in order, rows in the table's order (the same on every run and executor)."""
        cols = ", ".join(c.sql for c in self.columns)
        order = ", ".join(f'"{c}"' for c in self.order)
        return f"SELECT {cols} FROM {self.name} {where} ORDER BY {order}".replace("  ", " ")


def _table(name: str, names: tuple[str, ...], types: dict[str, str], order: tuple[str, ...]) -> Table:
    missing, extra = set(names) - set(types), set(types) - set(names)
    assert not missing and not extra, f"{name}: untyped columns {sorted(missing)}, types of no column {sorted(extra)}"
    return Table(name, tuple(Column(n, types[n]) for n in names), order)


REPORT_TYPES = {
    "id": "VARCHAR",
    "file": "VARCHAR",  # absolute path of the file read
    "sha256": "VARCHAR",  # of the file's bytes: the key of incremental runs
    "characters": "INTEGER",  # of the loaded text (what the offsets index)
    "region": "VARCHAR",
    "genre": "VARCHAR",
    "delivered_year": "INTEGER",
    "review_year": "INTEGER",
    "plan_year": "INTEGER",
    "review_span": "VARCHAR",
    "plan_span": "VARCHAR",
    "warnings": "VARCHAR[]",
    "partial": "VARCHAR",  # "stub", "abridged" or "" (a whole text): which of two files of one year is used
    # Where the region lies (planbook.text.divisions.place, with the text): official name, level, parent.
    "division": "VARCHAR",
    "division_code": "VARCHAR",  # 行政区划代码 (six digits), "" when not placed
    "level": "VARCHAR",
    "parent": "VARCHAR",
    "division_note": "VARCHAR",  # why the region could not be placed ("" when it was)
    "title": "VARCHAR",
    "publisher": "VARCHAR",
    "published": "VARCHAR",
    "encoding": "VARCHAR",
    "source_format": "VARCHAR",
    "body_start": "INTEGER",
    "body_end": "INTEGER",
    "repeats": "INTEGER[][]",  # [start, end] of passages that repeat earlier text (not read)
    "rows": "INTEGER",  # indicator rows extracted
    "planbook": "VARCHAR",  # fingerprint of the planbook code and data lists that read it
}
REPORT_COLUMNS: tuple[str, ...] = tuple(REPORT_TYPES)

INDICATOR_TYPES = {
    "report": "VARCHAR",
    "start": "INTEGER",
    "end": "INTEGER",
    "text": "VARCHAR",
    "indicator": "VARCHAR",
    "indicator_en": "VARCHAR",
    "period": "VARCHAR",  # "2020", a span "2016-2020", or ""
    "kind": "VARCHAR",
    "measure": "VARCHAR",
    "value": "DOUBLE",
    "unit": "VARCHAR",
    "scale": "DOUBLE",
    "value_scaled": "DOUBLE",
    "unit_scaled": "VARCHAR",
    "qualifier": "VARCHAR",
    "note": "VARCHAR",
    "area": "VARCHAR",
    "name_flag": "VARCHAR",
    "chapter": "VARCHAR",
    "part": "VARCHAR",
    "section": "VARCHAR",
    "sentence_start": "INTEGER",
    "sentence_end": "INTEGER",
    "sentence": "VARCHAR",
}

STATEMENT_TYPES = {
    "report": "VARCHAR",
    "seq": "INTEGER",  # place in the report's list of statements: pairing reads them in this order
    "start": "INTEGER",
    "end": "INTEGER",
    "text": "VARCHAR",
    "code": "VARCHAR",
    "indicator": "VARCHAR",
    "form": "VARCHAR",
    "unit": "VARCHAR",
    "unit_scaled": "VARCHAR",
    "scale": "DOUBLE",
    "value": "DOUBLE",
    "qualifier": "VARCHAR",
    "high": "DOUBLE",
    "kind": "VARCHAR",
    "period": "VARCHAR",
    "raw_qualifier": "VARCHAR",
    "sentence_start": "INTEGER",
    "sentence_end": "INTEGER",
    "preliminary": "BOOLEAN",
    "multi_year": "BOOLEAN",
    "note": "VARCHAR",
    "year_named": "BOOLEAN",
    "written": "VARCHAR",
}
STATEMENT_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Statement))
STATEMENT_COLUMNS: tuple[str, ...] = ("report", "seq", *(f for f in STATEMENT_FIELDS if f != "report"))
assert STATEMENT_FIELDS[0] == "report"  # a stored row is then Statement(row[0], *row[2:]) (the store reads it so)

TARGET_TYPES = {
    "region": "VARCHAR",
    "year": "INTEGER",
    "indicator": "VARCHAR",
    "measure": "VARCHAR",
    "unit": "VARCHAR",
    "target_value": "DOUBLE",
    "target_qualifier": "VARCHAR",
    "target_written": "VARCHAR",  # the target as the report writes it (下降5%以上)
    "target_report": "VARCHAR",
    "target_start": "INTEGER",
    "target_end": "INTEGER",
    "outcome_value": "DOUBLE",
    "outcome_unit": "VARCHAR",  # the unit the outcome is written in (万吨 against a target in 亿斤)
    "outcome_qualifier": "VARCHAR",
    "outcome_source": "VARCHAR",  # preliminary, communique or revised (planbook.analysis.outcomes)
    "outcome_report": "VARCHAR",
    "outcome_start": "INTEGER",
    "outcome_end": "INTEGER",
    "preliminary_value": "DOUBLE",  # the first statement, when the verdict uses a later one
    "preliminary_unit": "VARCHAR",
    "preliminary_qualifier": "VARCHAR",
    "preliminary_report": "VARCHAR",
    "preliminary_start": "INTEGER",
    "preliminary_end": "INTEGER",
    "met": "VARCHAR",
    "note": "VARCHAR",
}

COMPARE_TYPES = {
    "region": "VARCHAR",
    "level": "VARCHAR",
    "parent": "VARCHAR",
    "year": "INTEGER",
    "indicator": "VARCHAR",
    "measure": "VARCHAR",
    "kind": "VARCHAR",
    "value": "DOUBLE",
    "value_high": "DOUBLE",
    "qualifier": "VARCHAR",
    "unit": "VARCHAR",
    "report": "VARCHAR",
    "start": "INTEGER",
    "end": "INTEGER",
}

REPORTS = _table("reports", REPORT_COLUMNS, REPORT_TYPES, ("id",))
# Within a report, the order of `planbook extract` (start, end, measure); the rest only breaks ties.
INDICATORS = _table("indicators", COLUMNS, INDICATOR_TYPES, ("report", "start", "end", "measure", *COLUMNS[4:]))
# In the order statements() made them (text order; a figure with two codes gives two).
STATEMENTS = _table("statements", STATEMENT_COLUMNS, STATEMENT_TYPES, ("report", "seq"))
# The order of `planbook targets`, then the rest of the key so that ties cannot swap.
TARGETS = _table(
    "targets",
    TARGET_COLUMNS,
    TARGET_TYPES,
    (
        "region",
        "year",
        "target_report",
        "target_start",
        "indicator",
        "measure",
        "unit",
        "outcome_report",
        "outcome_start",
    ),
)
# The order of `planbook compare`'s rows is made by its code; here the whole key, so that ties cannot swap.
COMPARE = _table(
    "compare",
    COMPARE_COLUMNS,
    COMPARE_TYPES,
    ("region", "parent", "year", "kind", "indicator", "measure", "report", "start"),
)
TABLES: tuple[Table, ...] = (REPORTS, INDICATORS, STATEMENTS, TARGETS, COMPARE)
# Tables keyed by report id: a report's rows are replaced together.
PER_REPORT: tuple[tuple[Table, str], ...] = ((REPORTS, "id"), (INDICATORS, "report"), (STATEMENTS, "report"))
# Not a table of data: the completion mark a run writes in the transaction that commits it (the format,
# the rows each table holds, the Parquet copies that go with it). A database without it, or whose
# tables hold other numbers of rows, was not written (completely) by planbook and is refused.
MARK = Table("planbook_panel", (Column("key", "VARCHAR"), Column("value", "VARCHAR")), ("key",))
# Not a table of data either: what each report file was like when it was last hashed (its size, times and
# inode, as os.stat gives them), so that a run hashes again only the files that changed since
# (planbook.corpus.panel.FileStat says when that is safe). A cache: rebuilt by any run, absent from old panels.
FILES = Table(
    "planbook_files",
    (
        Column("file", "VARCHAR"),
        Column("size", "BIGINT"),
        Column("mtime_ns", "BIGINT"),
        Column("ctime_ns", "BIGINT"),
        Column("device", "UBIGINT"),
        Column("inode", "UBIGINT"),
        Column("sha256", "VARCHAR"),
        Column("hashed_ns", "BIGINT"),  # the clock when the file was stat-ed and read
    ),
    ("file",),
)
