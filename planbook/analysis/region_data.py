"""A region's reports together: the part of the book they form, and the data its two chapters stand on.

Reports of one region (read from their text, never from the file name) form one part when there
are at least two: besides each report's own chapters, a "目标与实绩 Targets and outcomes" chapter
(every target of year N beside the outcome the region's later reports state for N: the first
statement, the communiqué's, a revision) and a "历年 Over the years" chapter
(headline indicators as series across the reports, and the audit across years). Their data is
written to ``data/<region id>/``; the chapter notebooks read it, or compute it from ``report_paths``
when they run on their own.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from planbook.analysis.codes import load_codebook
from planbook.analysis.regions import RegionReport
from planbook.analysis.regions import report_paths as expand
from planbook.analysis.self_verdict import COLUMNS, self_verdicts
from planbook.analysis.series import cross_year_audit, series
from planbook.analysis.statements import statements
from planbook.analysis.targets import pair_targets
from planbook.export import table_csv
from planbook.files import write_files
from planbook.frames import CROSS_YEAR_TABLE, OWN_WORDS_TABLE, SERIES_TABLE, TARGETS_TABLE
from planbook.model import Report, rows_frame, source_link
from planbook.spreadsheet import raw_frame
from planbook.text import load_report, sanitize_id

REGION_FILE = "region.json"
TARGETS_FILE = "targets.csv"
SERIES_FILE = "series.csv"
AUDIT_FILE = "cross_year_audit.csv"
OWN_WORDS_FILE = "own_words.csv"  # each report's own sentence on its targets (planbook.analysis.self_verdict)
# The region chapters' page names (their templates are notebooks/region/*.ipynb).
REGION_PAGES = ("targets", "series")
# Columns of the region tables that hold numbers (the others are text, "" when empty).
_BOOLEAN = ("headline",)
_NUMERIC = re.compile(
    r"^(?:(?:target_|outcome_|preliminary_|base_)?value|value_scaled|growth|expected_low|expected_high"
    r"|(?:base_|delivered_)?year)$"
    r"|(?:^|_)(?:start|end)$"
)


@dataclass(frozen=True)
class RegionMember:
    """A report of a region as the region's chapters need it: the report and its rows."""

    report: Report
    rows: pd.DataFrame


@dataclass(frozen=True)
class RegionPart:
    """A region's reports in the book: its id (a folder of book/ and data/), its name, its reports by year."""

    id: str
    name: str
    members: tuple[RegionMember, ...]
    chapters: tuple[str, ...] = REGION_PAGES  # the region's own chapters (its templates' names)

    @property
    def report_ids(self) -> tuple[str, ...]:
        return tuple(m.report.id for m in self.members)

    @property
    def caption(self) -> str:
        years = [m.report.review_year for m in self.members if m.report.review_year is not None]
        return f"{self.name} {min(years)}–{max(years)}" if years else self.name


def region_id(name: str, report_ids: Sequence[str]) -> str:
    """The reports' common id without its year (hebei-province-2021, -2024 → hebei-province), else a
    hash of the region's name; never the id of one of the reports."""
    stems = {re.sub(r"-?\d{4}$", "", i) for i in report_ids}
    stem = stems.pop() if len(stems) == 1 else ""
    ident = stem if stem and stem not in report_ids else sanitize_id(name).replace("report-", "region-", 1)
    return ident if ident not in report_ids else f"{ident}-region"


def region_parts(members: Sequence[RegionMember]) -> list[RegionPart]:
    """Regions with at least two reports, each with its reports in the order of the years they review."""
    groups: dict[str, list[RegionMember]] = defaultdict(list)
    for m in members:
        if m.report.region:
            groups[m.report.region].append(m)
    parts = []
    for name, group in sorted(groups.items()):
        if len(group) < 2:
            continue
        group.sort(key=lambda m: (m.report.review_year or 0, m.report.id))
        parts.append(RegionPart(region_id(name, [m.report.id for m in group]), name, tuple(group)))
    return parts


@dataclass(frozen=True)
class RegionTables:
    """What a region's chapters show: the target pairs, the series, the audit across years, warnings."""

    targets: pd.DataFrame
    series: pd.DataFrame
    audit: pd.DataFrame
    warnings: tuple[str, ...]
    own_words: pd.DataFrame = field(default_factory=lambda: own_words_frame([]))


def region_tables(part: RegionPart) -> RegionTables:
    """Pair the targets, draw the series and audit across years, each row with links to its sentences."""
    reports = [RegionReport(m.report, m.rows, tuple(statements(m.report, m.rows))) for m in part.members]
    targets, warnings = pair_targets(reports)
    sentence_of = {m.report.id: dict(zip(m.rows["start"], m.rows["sentence_start"], strict=True)) for m in part.members}

    def link(report: object, start: object) -> str:
        if not report or pd.isna(start):
            return ""
        sentence = sentence_of.get(str(report), {}).get(int(start))
        return f"../{report}/{source_link(int(sentence))}" if sentence is not None else ""

    for side in ("target", "outcome", "preliminary"):
        targets[f"{side}_link"] = [
            link(r, s) for r, s in zip(targets[f"{side}_report"], targets[f"{side}_start"], strict=True)
        ]
    points = series(reports)
    points["link"] = [link(r, s) for r, s in zip(points["report"], points["start"], strict=True)]
    audit = cross_year_audit(reports)
    for side in ("value", "base", "growth"):
        audit[f"{side}_link"] = [
            link(r, s) for r, s in zip(audit[f"{side}_report"], audit[f"{side}_start"], strict=True)
        ]
    labels, headline = _labels()
    for frame in (targets, points, audit):
        frame["label"] = frame["indicator"].map(lambda code: labels.get(code, code))
    targets["headline"] = targets["indicator"].isin(headline)
    return RegionTables(targets, points, audit, tuple(warnings), own_words_of(part))


assert OWN_WORDS_TABLE.columns == (*COLUMNS, "link")  # the declaration follows self_verdict's columns


def own_words_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The reports' own words on their targets, one row per clause (columns of ``self_verdict`` and a link)."""
    return OWN_WORDS_TABLE.frame(records)


def own_words_of_report(report_path: str | Path, facts) -> pd.DataFrame:
    """A lone report's clauses judging its targets, linked to their sentences on its own source page."""
    report = load_report(report_path, facts.id)
    verdicts = self_verdicts(report, facts.review_year)
    return own_words_frame([{**asdict(v), "link": source_link(v.sentence_start)} for v in verdicts])


def own_words_of(part: RegionPart) -> pd.DataFrame:
    """Each report's clauses judging its targets (on the year it reviews), linked to their sentences (every
    sentence of the segmentation has its anchor on the source page)."""
    records = []
    for m in part.members:
        for v in self_verdicts(m.report, m.report.review_year):
            records.append({**asdict(v), "link": f"../{v.report}/{source_link(v.sentence_start)}"})
    return own_words_frame(records)


def _labels() -> tuple[dict[str, str], set[str]]:
    """Each indicator code's name for readers (地区生产总值 gross regional product), and the headline codes."""
    codes = load_codebook().codes
    return {c.code: f"{c.label_zh} {c.label_en}".strip() for c in codes}, {c.code for c in codes if c.headline}


def region_files(part: RegionPart, folder: Path) -> dict[Path, str]:
    """``region.json``, ``targets.csv``, ``series.csv``, ``cross_year_audit.csv`` and ``own_words.csv``
    of a region by path, nothing written."""
    tables = region_tables(part)
    about = {"id": part.id, "name": part.name, "reports": list(part.report_ids), "warnings": list(tables.warnings)}
    files = {
        REGION_FILE: json.dumps(about, ensure_ascii=False, indent=1) + "\n",
        TARGETS_FILE: table_csv(tables.targets),
        SERIES_FILE: table_csv(tables.series),
        AUDIT_FILE: table_csv(tables.audit),
        OWN_WORDS_FILE: table_csv(tables.own_words),
    }
    return {folder / name: text for name, text in files.items()}


def write_region_data(part: RegionPart, folder: Path) -> list[Path]:
    """Write a region's files (``region_files``), all of them or none."""
    files = region_files(part, folder)
    write_files(files)
    return list(files)


def members_of_paths(report_paths: Sequence[str | Path]) -> list[RegionMember]:
    """Load and extract the reports (for a region chapter run on its own)."""
    # Imported here, as in chapter_data: only a chapter run on its own extracts (~0.5 s more for every kernel)
    from planbook.extract import extract

    out = []
    for p in report_paths:
        report = load_report(p)
        out.append(RegionMember(report, rows_frame(extract(report))))
    return out


def read_region_tables(folder: Path) -> RegionTables:
    """A region's tables as the build wrote them into ``folder``."""

    def read(name: str) -> pd.DataFrame:
        frame = raw_frame(pd.read_csv(folder / name, dtype=str, keep_default_na=False))
        for column in frame.columns:
            if _NUMERIC.search(column):
                frame[column] = pd.to_numeric(frame[column], errors="coerce")
            elif column in _BOOLEAN:
                frame[column] = frame[column] == "True"
        return frame

    about = json.loads((folder / REGION_FILE).read_text(encoding="utf-8"))
    own = OWN_WORDS_TABLE.mark(read(OWN_WORDS_FILE)) if (folder / OWN_WORDS_FILE).is_file() else own_words_frame([])
    targets, series = TARGETS_TABLE.mark(read(TARGETS_FILE)), SERIES_TABLE.mark(read(SERIES_FILE))
    return RegionTables(targets, series, CROSS_YEAR_TABLE.mark(read(AUDIT_FILE)), tuple(about.get("warnings", ())), own)


def region_data(region_dir: str | Path = "", report_paths: Sequence[str | Path] | str = ()) -> RegionTables:
    """The tables of a region chapter: read from ``region_dir`` when the build wrote them there, else
    computed from ``report_paths`` (a chapter run on its own with papermill) and written there.

    ``report_paths`` may be a list, a JSON list, one folder of reports or one file (papermill's ``-p``
    passes text).
    """
    if isinstance(report_paths, str):
        report_paths = json.loads(report_paths) if report_paths.lstrip().startswith("[") else [report_paths]
    report_paths = expand(report_paths) if report_paths else []
    folder = Path(region_dir) if region_dir else None
    if folder is not None and (folder / REGION_FILE).is_file() and not report_paths:
        return read_region_tables(folder)
    parts = region_parts(members_of_paths(report_paths))
    if not parts:
        raise ValueError("a region chapter needs at least two reports of one region (report_paths)")
    folder = folder or Path("data") / parts[0].id
    write_region_data(parts[0], folder)
    return read_region_tables(folder)
