"""The data a chapter stands on: ``data/<id>/indicators.csv`` and the tables and audit derived from it.

The build writes them before the notebooks run; a chapter notebook run on its own (papermill with
only ``report_path``) extracts them first when they are missing or older than the report. Below the
book and the notebooks' preamble (``planbook.notebook``), which both read a report's data here.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from planbook.analysis.audit import run_audit
from planbook.analysis.headline import headline_table
from planbook.analysis.plan import plan_vs_outcome
from planbook.analysis.tables import chapter_table, rank_gap_table
from planbook.export import (
    FACTS_FILE,
    ROWS_FILE,
    load_facts,
    load_rows,
    parse_rows,
    rows_file,
    rows_to_csv,
    table_csv,
)
from planbook.files import touch, write_files
from planbook.model import CHAPTERS, ReportFacts
from planbook.text import load_report, sanitize_id

TABLES_DIR = "tables"
DEFAULT_DATA_DIR = Path("data")  # relative to where the notebook runs, as the templates' default paths


def derived_tables(rows: pd.DataFrame, facts: ReportFacts) -> dict[str, pd.DataFrame]:
    """The CSV tables of a report by file name: each chapter, headline, rank/gap, plan, audit."""
    # The sentence text is in indicators.csv already; the tables carry the link to it instead.
    tables = {f"{ch}.csv": chapter_table(rows, ch) for ch in CHAPTERS}
    tables["headline.csv"] = headline_table(rows, facts.review_year)
    tables["rank_gap.csv"] = rank_gap_table(rows)
    tables["plan_vs_outcome.csv"] = plan_vs_outcome(rows, facts.review_year, facts.plan_year)
    tables = {name: t.drop(columns=["sentence"]) for name, t in tables.items()}
    tables["audit.csv"] = run_audit(rows)
    return tables


def data_files(folder: Path, rows_csv: str, facts: ReportFacts) -> dict[Path, str]:
    """Every file of a report's data folder by path, nothing written: ``report.json``, ``indicators.csv``
    and the derived tables."""
    files = {folder / FACTS_FILE: facts.to_json(), folder / ROWS_FILE: rows_csv}
    for name, table in derived_tables(parse_rows(rows_csv, facts.id), facts).items():
        files[folder / TABLES_DIR / name] = table_csv(table)
    return files


def write_report_data(folder: Path, rows_csv: str, facts: ReportFacts, report_path: str | Path) -> list[Path]:
    """Write ``report.json``, ``indicators.csv`` and the derived tables into ``folder``; returns the files.

    All of them or none (``planbook.files.write_files``); files whose bytes would not change are left
    as they are (see ``touch_rows``).
    """
    files = data_files(folder, rows_csv, facts)
    write_files(files)
    touch_rows(folder / ROWS_FILE, report_path)
    return list(files)


def touch_rows(path: Path, report_path: str | Path) -> None:
    """Move the time stamp of an unchanged indicators.csv past its report's, so that a notebook run on
    its own sees that it is current."""
    if _older(path, report_path):
        # Only spares a lone chapter an extraction: a read-only data folder is no reason to fail.
        with contextlib.suppress(OSError):
            touch(path)


def _older(path: Path, report_path: str | Path) -> bool:
    report = Path(report_path)
    return report.is_file() and path.is_file() and path.stat().st_mtime < report.stat().st_mtime


@dataclass(frozen=True)
class ReportData:
    """What a chapter stands on: the report's typed rows and its facts (years, genre, warnings)."""

    rows: pd.DataFrame
    facts: ReportFacts


def report_data(report_path: str | Path, report_id: str = "", data_dir: str | Path = "") -> ReportData:
    """The typed rows and facts of a report for a chapter notebook, extracted first when that is needed.

    ``report_id`` defaults to the id the report file gets (``planbook.text.sanitize_id`` of its
    name), ``data_dir`` to ``data/<report_id>``. A missing indicators.csv, or one older than the
    report, is extracted from the report first; one that holds another report's rows is an error.
    """
    if not report_id:
        report_id = sanitize_id(Path(report_path).stem)
    folder = Path(data_dir) if data_dir else DEFAULT_DATA_DIR / report_id
    path = rows_file(folder, report_id)
    if path.exists():
        rows = load_rows(folder, report_id)  # another report's rows: an error naming both ids
        if not _older(path, report_path) and path.with_name(FACTS_FILE).exists():
            return ReportData(rows, load_facts(path, report_id))
    # Imported here: a build has written the data already, and the extractor adds ~0.5 s to every notebook
    # kernel's start (import of planbook.notebook: 3.0 s → 3.5 s); only a chapter run on its own extracts.
    from planbook.extract import extract

    report = load_report(report_path, report_id)
    write_report_data(path.parent, rows_to_csv(extract(report)), ReportFacts.of(report), report_path)
    return ReportData(load_rows(folder, report_id), load_facts(path, report_id))
