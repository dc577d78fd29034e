"""The data a chapter stands on: ``data/<id>/indicators.csv`` and the tables and audit derived from it."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planbook.analysis.audit import run_audit
from planbook.analysis.headline import headline_table
from planbook.analysis.plan import plan_vs_outcome
from planbook.analysis.tables import chapter_table, rank_gap_table
from planbook.export import ROWS_FILE, load_rows
from planbook.files import write_atomic
from planbook.model import CHAPTERS
from planbook.present.numbers import file_number

TABLES_DIR = "tables"
# Derived values (an implied change of −7.55957272 %) keep 10 significant digits in the table CSVs.
TABLE_SIGNIFICANT = 10


def table_csv(table: pd.DataFrame) -> str:
    """A table as deterministic CSV text: LF line ends, numbers as files write them, no index."""
    return table.to_csv(
        index=False,
        lineterminator="\n",
        float_format=lambda v: file_number(v, significant=TABLE_SIGNIFICANT, decimals=None),
    )


def derived_tables(rows: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The CSV tables of a report by file name: each chapter, headline, rank/gap, plan, audit."""
    # The sentence text is in indicators.csv already; the tables carry the link to it instead.
    tables = {f"{ch}.csv": chapter_table(rows, ch) for ch in CHAPTERS}
    tables["headline.csv"] = headline_table(rows)
    tables["rank_gap.csv"] = rank_gap_table(rows)
    tables["plan_vs_outcome.csv"] = plan_vs_outcome(rows)
    tables = {name: t.drop(columns=["sentence"]) for name, t in tables.items()}
    tables["audit.csv"] = run_audit(rows)
    return tables


def write_report_data(folder: Path, rows_csv: str, report_id: str) -> list[Path]:
    """Write ``indicators.csv`` and the tables derived from it into ``folder``; returns the files."""
    path = folder / ROWS_FILE
    write_atomic(path, rows_csv)
    rows = load_rows(folder, report_id)
    written = [path]
    for name, table in derived_tables(rows).items():
        write_atomic(folder / TABLES_DIR / name, table_csv(table))
        written.append(folder / TABLES_DIR / name)
    return written
