"""Indicator rows in files: written as deterministic CSV or JSON, read back as the typed row frame.

The same rows always give the same bytes; ``load_rows`` is the one way back from a file to rows. A CSV
cell a spreadsheet would run as a formula gets a leading apostrophe (``planbook.spreadsheet``), which
reading the file back removes.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO

import pandas as pd

from planbook.files import write_atomic
from planbook.model import COLUMNS, IndicatorRow, ReportError, ReportFacts, typed_rows
from planbook.numbers import file_number, file_value, is_missing
from planbook.spreadsheet import csv_cell, csv_frame, raw_frame

FORMATS = ("csv", "json")
ROWS_FILE = "indicators.csv"
FACTS_FILE = "report.json"  # beside the rows: what the report is (genre, region, years, warnings)
# Derived values (an implied change of −7.55957272 %) keep 10 significant digits in the table CSVs.
TABLE_SIGNIFICANT = 10


def _records(rows: Iterable[IndicatorRow] | pd.DataFrame) -> list[dict]:
    """Rows as dicts in COLUMNS order, stably sorted by start offset."""
    if isinstance(rows, pd.DataFrame):
        frame = rows.reindex(columns=list(COLUMNS))
        records = [dict(zip(COLUMNS, values, strict=True)) for values in frame.itertuples(index=False)]
    else:
        records = [r.as_dict() for r in rows]
    return sorted(records, key=lambda r: file_value(r["start"]) or 0)


def rows_to_csv(rows: Iterable[IndicatorRow] | pd.DataFrame) -> str:
    """CSV text with a header of COLUMNS and "\\n" line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in _records(rows):
        writer.writerow([csv_cell(file_number(record[c])) for c in COLUMNS])
    return buffer.getvalue()


def rows_to_json(rows: Iterable[IndicatorRow] | pd.DataFrame) -> str:
    """JSON list of objects with COLUMNS keys, non-ASCII kept, one key per line."""
    records = [{c: _json_value(r[c]) for c in COLUMNS} for r in _records(rows)]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _json_value(v: object) -> object:
    number = file_value(v)
    if number is not None:
        return number
    if is_missing(v):
        return None
    return v if isinstance(v, str | bool) else str(v)


def write_rows(
    rows: Iterable[IndicatorRow] | pd.DataFrame, path_or_buffer: str | Path | IO[str], fmt: str = "csv"
) -> None:
    """Write rows as CSV or JSON to a path (UTF-8, no BOM) or an open text buffer."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    content = rows_to_csv(rows) if fmt == "csv" else rows_to_json(rows)
    if isinstance(path_or_buffer, str | Path):
        write_atomic(path_or_buffer, content)  # whole or not at all
    else:
        path_or_buffer.write(content)


def rows_file(data_dir: str | Path, report_id: str) -> Path:
    """Where a report's rows are: ``data_dir/indicators.csv``, else ``data_dir/<report_id>/indicators.csv``."""
    d = Path(data_dir)
    nested = d / report_id / ROWS_FILE
    return nested if not (d / ROWS_FILE).exists() and nested.exists() else d / ROWS_FILE


def load_rows(data_dir: str | Path, report_id: str) -> pd.DataFrame:
    """The typed row frame of ``report_id`` from its indicators.csv (see ``rows_file``).

    A file that holds only other reports' rows is an error naming both ids, never an empty frame.
    """
    path = rows_file(data_dir, report_id)
    if not path.exists():
        raise FileNotFoundError(f"{path}: no indicator rows; run the extractor for {report_id}")
    return parse_rows(path, report_id)


def parse_rows(csv_text_or_path: str | Path, report_id: str = "", name: str = "") -> pd.DataFrame:
    """The typed row frame of ``report_id`` from CSV text (a ``str``) or a CSV file (a ``Path``)."""
    source = csv_text_or_path if isinstance(csv_text_or_path, Path) else io.StringIO(csv_text_or_path)
    name = name or str(csv_text_or_path if isinstance(csv_text_or_path, Path) else "rows")
    # Everything as text: typed_rows gives each column its declared dtype.
    df = raw_frame(pd.read_csv(source, dtype=str, keep_default_na=False))
    if report_id and "report" in df.columns:
        found = sorted(set(df["report"]) - {""})
        if found and report_id not in found:
            raise ReportError(f"{name}: holds the rows of report {', '.join(found)}, not of {report_id}")
        if found:
            df = df[df["report"] == report_id]
    return typed_rows(df)


def load_facts(rows_path: Path, report_id: str) -> ReportFacts:
    """The report facts written beside a rows file; facts of another report are an error naming both."""
    path = rows_path.with_name(FACTS_FILE)
    try:
        facts = ReportFacts.from_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, TypeError) as exc:
        raise ReportError(f"{path}: cannot read the report facts ({exc}); extract the report again") from None
    if report_id and facts.id != report_id:
        raise ReportError(f"{path}: holds the facts of report {facts.id}, not of {report_id}")
    return facts


def table_csv(table: pd.DataFrame) -> str:
    """A table as deterministic CSV text: LF line ends, numbers as files write them, no index, formula-like
    text marked (``planbook.spreadsheet``)."""
    return csv_frame(table).to_csv(
        index=False,
        lineterminator="\n",
        float_format=lambda v: file_number(v, significant=TABLE_SIGNIFICANT, decimals=None),
    )
