"""The per-report task of the panel: a report's bytes in, its profile, rows and coded figures out, as plain data.

:func:`read_one` runs wherever the executor puts it — in this process, a local worker process or
a Dask worker on another machine — so it takes the file's bytes (read by the client, which may
be the only machine that has the file) and returns tuples of Python values that pickle exactly.
It never writes anything: the client writes every file.
"""

from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass
from pathlib import Path

from planbook.corpus.fingerprint import planbook_fingerprint
from planbook.corpus.schema import INDICATORS, REPORT_COLUMNS, STATEMENT_FIELDS
from planbook.model import Report, ReportError
from planbook.text import load_report, read_bytes, sanitize_id
from planbook.text.divisions import place


@dataclass(frozen=True)
class ReportInput:
    """One file to read: its id, the path as given (for messages), its absolute path, bytes and hash."""

    id: str
    path: str
    file: str
    data: bytes
    sha256: str

    @classmethod
    def read(cls, path: str | Path) -> ReportInput:
        """Read the file's bytes here, on the client (a ReportError names the file when it cannot be read)."""
        p = Path(path)
        data = read_bytes(p)
        return cls(cls.id_of(p), str(p), str(p.resolve()), data, hashlib.sha256(data).hexdigest())

    @staticmethod
    def id_of(path: str | Path) -> str:
        """The report id of a file: its sanitised name without the extension."""
        return sanitize_id(Path(path).stem)


@dataclass(frozen=True)
class ReportResult:
    """A report read: one ``reports`` row, its ``indicators`` and ``statements`` rows, and who read it."""

    id: str
    report: tuple
    indicators: list[tuple]
    statements: list[tuple]
    planbook: str


@dataclass(frozen=True)
class ReportFailure:
    """A report that could not be read: the one-line message names the file; a planbook bug keeps its traceback."""

    id: str
    path: str
    message: str
    traceback: str = ""


def read_one(item: ReportInput) -> ReportResult | ReportFailure:
    """Load and extract one report and code its figures; bad input (or a bug) gives a ReportFailure, never raises."""
    try:
        return _read(item)
    except ReportError as exc:
        return ReportFailure(item.id, item.path, str(exc))
    except Exception as exc:  # a bug must not lose the other 999 reports of a --keep-going run
        message = (
            f"{item.path}: planbook failed on this report ({type(exc).__name__}: {exc}); "
            f"`planbook extract {item.path}` shows the traceback"
        )
        return ReportFailure(item.id, item.path, message, traceback.format_exc())


def _read(item: ReportInput) -> ReportResult:
    # Imported here, as in the CLI: a worker that only fails on bad input never imports the extractor.
    from planbook.analysis.statements import statements
    from planbook.extract import extract, to_frame

    report = load_report(item.path, report_id=item.id, data=item.data)
    frame = to_frame(extract(report))
    columns = [frame[c].tolist() for c in INDICATORS.names]  # .tolist() gives Python ints, floats and str
    indicators = list(zip(*columns, strict=True)) if len(frame) else []
    coded = [
        (s.report, seq, *(getattr(s, f) for f in STATEMENT_FIELDS if f != "report"))
        for seq, s in enumerate(statements(report, frame))
    ]
    return ReportResult(
        item.id, _report_record(report, item, len(indicators)), indicators, coded, planbook_fingerprint()
    )


def _report_record(report: Report, item: ReportInput, rows: int) -> tuple:
    """The ``reports`` row in REPORT_COLUMNS order."""
    placed = place(report.region, report.text)  # with the text, which the panel does not keep
    record = {
        "id": report.id,
        "file": item.file,
        "sha256": item.sha256,
        "characters": len(report.text),
        "region": report.region,
        "division": placed.name,
        "division_code": placed.code,
        "level": placed.level,
        "parent": placed.parent,
        "division_note": placed.note,
        "genre": report.genre,
        "delivered_year": report.delivered_year,
        "review_year": report.review_year,
        "plan_year": report.plan_year,
        "review_span": report.review_span,
        "plan_span": report.plan_span,
        "partial": report.partial,
        "warnings": list(report.warnings),
        "title": report.title,
        "publisher": report.publisher,
        "published": report.published,
        "encoding": report.encoding,
        "source_format": report.source_format,
        "body_start": report.body_start,
        "body_end": report.body_stop,
        "repeats": [[a, b] for a, b in report.repeats],
        "rows": rows,
        "planbook": planbook_fingerprint(),
    }
    return tuple(record[c] for c in REPORT_COLUMNS)


def report_from_record(record: dict) -> Report:
    """A Report rebuilt from its ``reports`` row: its profile without the text (all that pairing targets reads)."""
    return Report(
        id=record["id"],
        path=record["file"],
        text="",
        encoding=record["encoding"],
        source_format=record["source_format"],
        title=record["title"],
        region=record["region"],
        review_year=record["review_year"],
        genre=record["genre"],
        delivered_year=record["delivered_year"],
        plan_year=record["plan_year"],
        review_span=record["review_span"],
        plan_span=record["plan_span"],
        partial=record.get("partial") or "",
        repeats=tuple((int(a), int(b)) for a, b in record["repeats"]),
        publisher=record["publisher"],
        published=record["published"],
        body_start=record["body_start"],
        body_end=record["body_end"],
        warnings=tuple(record["warnings"]),
    )
