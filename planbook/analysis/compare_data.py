"""The book's part 地区比较 Regions compared: its data and where it stands (first, when the reports cover
more than one region).

The part's data is written to ``data/<part id>/``: ``compare.csv`` (the rows of ``planbook compare``
with the figure as written, its indicator's name and a link to its sentence), ``gaps.csv`` (targets
down the hierarchy), ``verdicts.csv`` (last year's targets against outcomes, region by region) and
``compare.json`` (the regions, the warnings and the reports whose region is unknown). Its chapter
notebooks (``notebooks/compare/``) read them, or compute them from ``report_paths`` when run on
their own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planbook.analysis.codes import load_codebook
from planbook.analysis.compare import compare_reports
from planbook.analysis.hierarchy import hierarchy_gaps, placed_pairs, verdict_counts, verdicts
from planbook.analysis.region_data import members_of_paths
from planbook.analysis.regions import RegionReport
from planbook.analysis.regions import report_paths as expand
from planbook.analysis.statements import first_copy, statements
from planbook.analysis.targets import pair_targets
from planbook.export import table_csv
from planbook.files import write_files
from planbook.frames import COMPARE_TABLE, COUNTS_TABLE, GAPS_TABLE
from planbook.model import Report, source_link
from planbook.spreadsheet import raw_frame
from planbook.text.divisions import place

PART_ID = "regions-compared"
PART_TITLE = "地区比较 Regions compared"
TEMPLATES = "compare"  # notebooks/compare/*.ipynb
ABOUT_FILE = "compare.json"
ROWS_FILE = "compare.csv"
GAPS_FILE = "gaps.csv"
VERDICTS_FILE = "verdicts.csv"
_NUMERIC = re.compile(
    r"^(?:value|value_high|parent_value|gap_pp|year|targets|met|missed|unclear|not_reported)$|(?:^|_)(?:start|end)$"
)
_NOT_NUMERIC = frozenset({"met", "parent_met"})  # verdict words in gaps.csv, counts in verdicts.csv


@dataclass(frozen=True)
class ComparePart:
    """The part: its id (a folder of book/ and data/), chapters, and its data files by name."""

    id: str
    chapters: tuple[str, ...]
    files: dict[str, str] = field(compare=False)

    @property
    def inputs(self) -> tuple[str, ...]:
        """What its notebooks read: the data files' texts, in name order."""
        return tuple(self.files[name] for name in sorted(self.files))


@dataclass(frozen=True)
class CompareTables:
    """What the part shows: the rows, the hierarchy gaps, the verdict counts, the regions, warnings, unknown."""

    rows: pd.DataFrame
    gaps: pd.DataFrame
    verdicts: pd.DataFrame
    regions: tuple[str, ...]
    warnings: tuple[str, ...]
    unknown: tuple[str, ...]


def _labels() -> dict[str, str]:

    return {c.code: f"{c.label_zh} {c.label_en}".strip() for c in load_codebook().codes}


def _link(report: object, sentence: object) -> str:
    if not report or pd.isna(sentence):
        return ""
    return f"../{report}/{source_link(int(sentence))}"


def compare_files(reports: Sequence[Report], rows: Sequence[pd.DataFrame]) -> dict[str, str]:
    """The part's data files by name (nothing written) for the reports and their extracted rows."""
    members = []
    for report, frame in zip(reports, rows, strict=True):
        frame = first_copy(report, frame)
        members.append(RegionReport(report, frame, tuple(statements(report, frame))))
    comparison = compare_reports(members)
    pairs, _ = pair_targets(members)  # their warnings are the region chapters'
    pairs = placed_pairs(pairs, comparison.places)
    labels = _labels()
    frame = comparison.frame.copy()
    frame["label"] = frame["indicator"].map(lambda c: labels.get(c, c))
    frame["link"] = [_link(r, s) for r, s in zip(frame["report"], frame["sentence_start"], strict=True)]
    gaps = hierarchy_gaps(comparison.frame, verdicts(pairs))
    gaps["label"] = gaps["indicator"].map(lambda c: labels.get(c, c))
    gaps["link"] = [_link(r, s) for r, s in zip(gaps["report"], gaps["sentence_start"], strict=True)]
    gaps["parent_link"] = [
        _link(r, s) for r, s in zip(gaps["parent_report"], gaps["parent_sentence_start"], strict=True)
    ]
    headline = {c.code for c in load_codebook().codes if c.headline}
    regions = sorted({p.name for p in comparison.places.values() if p.name})
    about = {"regions": regions, "warnings": comparison.warnings, "unknown": comparison.unknown}
    return {
        ABOUT_FILE: json.dumps(about, ensure_ascii=False, indent=1) + "\n",
        ROWS_FILE: table_csv(frame),
        GAPS_FILE: table_csv(gaps),
        VERDICTS_FILE: table_csv(verdict_counts(pairs, headline)),
    }


def region_names(reports: Sequence[Report]) -> set[str]:
    """The regions the reports cover, as placed (贵州 and 贵州省 are one; an unknown region counts for none)."""
    names = set()
    for r in reports:
        p = place(r.region, r.text)
        if p.name:
            names.add((p.name, p.parent))
    return {name for name, _ in names}


def compare_part(
    reports: Sequence[Report], rows: Sequence[pd.DataFrame], chapters: Sequence[str], taken: set[str]
) -> ComparePart | None:
    """The part when the reports cover more than one region and a chapter template exists; None otherwise."""
    if not chapters or len(region_names(reports)) < 2:
        return None
    ident = PART_ID
    while ident in taken:
        ident = f"{ident}-part"
    return ComparePart(ident, tuple(chapters), compare_files(reports, rows))


def write_compare_data(files: dict[str, str], folder: Path) -> None:
    """Write the part's data files into ``folder``, all of them or none."""
    write_files({folder / name: text for name, text in files.items()})


def _read(path: Path) -> pd.DataFrame:
    frame = raw_frame(pd.read_csv(path, dtype=str, keep_default_na=False))
    for column in frame.columns:
        if _NUMERIC.search(column) and not (column in _NOT_NUMERIC and path.name == GAPS_FILE):
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def read_compare(folder: Path) -> CompareTables:
    """The part's tables as the build wrote them into ``folder``."""
    about = json.loads((folder / ABOUT_FILE).read_text(encoding="utf-8"))
    return CompareTables(
        COMPARE_TABLE.mark(_read(folder / ROWS_FILE)),
        GAPS_TABLE.mark(_read(folder / GAPS_FILE)),
        COUNTS_TABLE.mark(_read(folder / VERDICTS_FILE)),
        tuple(about["regions"]),
        tuple(about["warnings"]),
        tuple(about["unknown"]),
    )


def compare_data(compare_dir: str | Path = "", report_paths: Sequence[str | Path] | str = ()) -> CompareTables:
    """The part's tables: read from ``compare_dir`` when the build wrote them there, else computed from
    ``report_paths`` (a list, a JSON list, a folder or a file: papermill's ``-p`` passes text) and written there."""
    if isinstance(report_paths, str):
        report_paths = json.loads(report_paths) if report_paths.lstrip().startswith("[") else [report_paths]
    paths = expand(report_paths) if report_paths else []
    folder = Path(compare_dir) if compare_dir else Path("data") / PART_ID
    if (folder / ABOUT_FILE).is_file() and not paths:
        return read_compare(folder)
    if not paths:
        raise ValueError("the regions compared need reports (report_paths) or the build's data (compare_dir)")
    members = members_of_paths(paths)
    write_compare_data(compare_files([m.report for m in members], [m.rows for m in members]), folder)
    return read_compare(folder)
