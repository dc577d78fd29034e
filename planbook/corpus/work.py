"""The per-report task of the panel: a report's bytes in, its profile, rows and coded figures out, as plain data.

:func:`read_one` runs wherever the executor puts it — in this process, a local worker process or
a Dask worker on another machine — so it takes the file's bytes (read by the client, which may
be the only machine that has the file) and returns tuples of Python values that pickle exactly.
It never writes anything: the client writes every file.
"""

from __future__ import annotations

import hashlib
import math
import os
import stat
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from planbook.corpus.fingerprint import planbook_fingerprint
from planbook.corpus.schema import INDICATORS, REPORT_COLUMNS, STATEMENT_FIELDS
from planbook.model import ROW_DTYPES, IndicatorRow, Report, ReportError
from planbook.text import load_report, read_bytes, sanitize_id
from planbook.text.divisions import place
from planbook.text.reading import STDIN


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

    @classmethod
    def read_stat(cls, path: str | Path) -> tuple[ReportInput, FileStat | None]:
        """:meth:`read`, and the file's stat when it did not change while it was read (else None)."""
        hashed_ns = time.time_ns()
        if str(path) == STDIN:
            return cls.read(path), None  # no file to stat
        try:
            before = os.stat(path)
        except OSError:
            before = None  # read says why
        item = cls.read(path)
        try:
            after = os.stat(path)
        except OSError:
            return item, None
        if before is None:
            return item, None
        known = FileStat.of(item.file, before, item.sha256, hashed_ns)
        return item, known if known.same(after) else None

    @staticmethod
    def id_of(path: str | Path) -> str:
        """The report id of a file: its sanitised name without the extension."""
        return sanitize_id(Path(path).stem)


# A file's times tell a change only when it was hashed this long after it last changed: two writes within
# one tick of the file system's clock (up to 2 s, on FAT) may leave the same times and size.
SETTLED_NS = 2_000_000_000


@dataclass(frozen=True)
class FileStat:
    """What a file was like (``os.stat``) when its bytes were hashed: lets a later run skip hashing it again."""

    file: str
    size: int
    mtime_ns: int
    ctime_ns: int
    device: int
    inode: int
    sha256: str
    hashed_ns: int  # the clock (time.time_ns) just before the file was stat-ed and read

    @classmethod
    def of(cls, file: str, st: os.stat_result, sha256: str, hashed_ns: int) -> FileStat:
        return cls(file, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino, sha256, hashed_ns)

    def same(self, st: os.stat_result) -> bool:
        """The same file (device, inode) of the same size, modified and changed at the same times."""
        now = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_dev, st.st_ino)
        return now == (self.size, self.mtime_ns, self.ctime_ns, self.device, self.inode)

    def unchanged(self, st: os.stat_result) -> bool:
        """Whether the file still holds the bytes hashed, without reading it.

        Safe where the file system keeps the times (local POSIX ones): any write, truncation, rename over
        it, chmod or utime sets its ctime to the clock, and nothing sets the ctime back, so a file whose
        size, mtime, ctime, device and inode are as they were, when those times lie well before the hash
        was taken (a later write would have a later time), has not changed. Not safe when the system
        clock is set back, or on file systems that invent the times (some network and FAT mounts).
        """
        settled = max(self.mtime_ns, self.ctime_ns) < self.hashed_ns - SETTLED_NS
        return settled and stat.S_ISREG(st.st_mode) and self.same(st)


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
    from planbook.analysis.statements import row_statements
    from planbook.extract import extract

    report = load_report(item.path, report_id=item.id, data=item.data)
    rows = extract(report)
    indicators = indicator_records(rows)
    coded = [(s.report, seq, *_STATEMENT_VALUES(s)) for seq, s in enumerate(row_statements(report, rows))]
    return ReportResult(
        item.id, _report_record(report, item, len(indicators)), indicators, coded, planbook_fingerprint()
    )


# A statement's fields after ``report``, in the table's order (seq goes between).
_STATEMENT_VALUES = attrgetter(*(f for f in STATEMENT_FIELDS if f != "report"))
_INDICATOR_VALUES = attrgetter(*INDICATORS.names)
# The Python class of each column's values in the row frame (ROW_DTYPES: str, int64, float64).
_CLASSES = tuple({"str": str, "int64": int, "float64": float}[ROW_DTYPES[c]] for c in INDICATORS.names)


def indicator_records(rows: Sequence[IndicatorRow]) -> list[tuple]:
    """The ``indicators`` rows of a report straight from its extracted rows: the values and order of
    ``to_frame(rows)`` (by start, end, measure; nothing missing) without building the frame. Kinds and
    measures stay the StrEnums they are (the frame keeps them too): the table holds their text."""
    out = []
    for r in sorted(rows, key=lambda r: (r.start, r.end, r.measure)):
        values = _INDICATOR_VALUES(r)
        if None in values:  # as typed_rows fills them (the extractor leaves none)
            values = tuple(_filled(cls, v) for cls, v in zip(_CLASSES, values, strict=True))
        out.append(values)
    return out


def _filled(cls: type, v: object) -> object:
    """A missing value as the row frame fills it: text "", an offset 0, a number NaN."""
    if v is not None:
        return v
    return "" if cls is str else 0 if cls is int else math.nan


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
