"""The whole book's figures in one DuckDB file and as Parquet, for the book's Data page.

It is the corpus panel (``planbook panel``, :mod:`planbook.corpus`) of the book's reports, kept in
``book/_build/panel/`` (beside the published HTML, never committed). It is made again only when a
report of the book is new or changed, or other planbook code or word lists read them (the panel's
own rule); a report that left the book makes a new panel, so the file holds exactly the book's reports.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from planbook.corpus.fingerprint import planbook_fingerprint
from planbook.corpus.panel import update_panel
from planbook.corpus.schema import TABLES
from planbook.corpus.work import ReportInput
from planbook.files import write_atomic

PANEL_DIR = "panel"
DATABASE = "planbook-book.duckdb"
PARQUET_DIR = "parquet"
STAMP = "panel.json"  # what the panel was made from: report ids and SHA-256, planbook's fingerprint, counts


@dataclass(frozen=True)
class BookPanel:
    """The panel's files (the database, then one Parquet file per table) and each table's rows."""

    files: tuple[Path, ...]
    counts: dict[str, int]
    reports: tuple[str, ...]


def _sources(paths: Sequence[Path]) -> dict[str, str]:
    """Report id → SHA-256 of its file, as the panel identifies reports."""
    out = {}
    for p in paths:
        out[ReportInput.id_of(p)] = hashlib.sha256(Path(p).read_bytes()).hexdigest()
    return dict(sorted(out.items()))


def _read_stamp(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _files(folder: Path) -> tuple[Path, ...]:

    parquet = tuple(folder / PARQUET_DIR / f"{t.name}.parquet" for t in TABLES)
    return (folder / DATABASE, *parquet)


def book_panel(paths: Sequence[Path], folder: Path) -> BookPanel:
    """The panel of the reports at ``paths`` in ``folder``, made again only when they or planbook changed."""
    sources = _sources(paths)
    stamp = {"reports": sources, "planbook": planbook_fingerprint()}
    old = _read_stamp(folder / STAMP)
    files = _files(folder)
    if {k: old.get(k) for k in stamp} == stamp and all(p.is_file() for p in files):
        return BookPanel(files, old.get("counts", {}), tuple(sources))
    if set(old.get("reports", {})) - set(sources) or old.get("planbook") != stamp["planbook"]:
        # a report left the book, or another planbook made the panel (its tables may differ): start again
        for p in files:
            p.unlink(missing_ok=True)
    run = update_panel([str(p) for p in paths], folder / DATABASE, parquet=folder / PARQUET_DIR, replace=True)
    write_atomic(folder / STAMP, json.dumps({**stamp, "counts": run.counts}, indent=1, sort_keys=True) + "\n")
    return BookPanel(files, run.counts, tuple(sources))
