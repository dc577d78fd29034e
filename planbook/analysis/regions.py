"""Reports grouped by the region that issued them (read from the text) and ordered by year.

Directories given on the command line expand to their reports. Each report is loaded, extracted
and coded once (:class:`RegionReport`). A *chain* is the run of one region's annual reports of one
genre (work reports, or plan reports) by the year they review; where two files read as the same
year (a file holding another year's text, a summary beside the full speech), one is chosen — the
full text over a stub, summary or abridged version, then the longer — and the choice is recorded.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from planbook.analysis.statements import Statement, first_copy, statements
from planbook.model import Kind, Report
from planbook.text import load_report
from planbook.text.load import report_files

# Genres whose reports follow each other year by year, each setting the next year's targets.
CHAINED_GENRES = ("work_report", "plan_report", "unknown")
# Report warnings (planbook.text.profile) that say the text is not the whole report.
_THIN_RE = re.compile(r"stub|summary|abridged|摘登|摘要")


@dataclass(frozen=True)
class RegionReport:
    """One loaded report with its extracted rows (first copy only) and its coded figures."""

    report: Report
    rows: pd.DataFrame = field(repr=False, compare=False)
    statements: tuple[Statement, ...] = field(repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.report.id

    @property
    def thin(self) -> str:
        """The report's warning when it is a stub, a summary or an abridged text; "" otherwise."""
        if not self.report.partial:
            return ""
        return next((w for w in self.report.warnings if _THIN_RE.search(w)), self.report.partial)

    @property
    def review_year(self) -> int | None:
        """The year whose outcomes the report states."""
        r = self.report
        if r.review_year is not None:
            return r.review_year
        return r.plan_year - 1 if r.plan_year is not None else None

    @cached_property
    def actual_years(self) -> frozenset[str]:
        """The periods of the report's outcome rows (coded or not), looked up once."""
        if self.rows.empty:
            return frozenset()
        return frozenset(self.rows.loc[self.rows["kind"] == Kind.ACTUAL, "period"].astype("string").dropna())

    @cached_property
    def by_code(self) -> dict[str, list[Statement]]:
        """The coded figures by code, in their order (a target looks up its own code's only)."""
        out: dict[str, list[Statement]] = {}
        for s in self.statements:
            out.setdefault(s.code, []).append(s)
        return out

    @property
    def text_chars(self) -> int:
        """Characters of the body read once (repeated passages not counted)."""
        r = self.report
        return r.body_stop - r.body_start - sum(b - a for a, b in r.repeats)


@dataclass(frozen=True)
class Chain:
    """One region's reports of one genre, one per review year, and the files set aside."""

    region: str
    genre: str
    reports: tuple[RegionReport, ...]  # by review year
    set_aside: tuple[tuple[RegionReport, RegionReport], ...] = ()  # (file not used, file used instead)

    def reviewing(self, year: int) -> RegionReport | None:
        """The report that states the outcomes of ``year``."""
        return next((r for r in self.reports if r.review_year == year), None)

    @cached_property
    def _set_aside_for(self) -> dict[str, list[tuple[RegionReport, RegionReport]]]:
        """The pairs of set_aside by the id of the file used, in their order (asked for every target paired)."""
        out: dict[str, list[tuple[RegionReport, RegionReport]]] = {}
        for other, chosen in self.set_aside:
            out.setdefault(chosen.id, []).append((other, chosen))
        return out

    def choice_note(self, report_id: str) -> str:
        """Why this report, and not another file read as the same year, was used ("" when there was no choice)."""
        notes = []
        for other, chosen in self._set_aside_for.get(report_id, ()):
            if other.thin and not chosen.thin:
                why = "the whole text, not a stub, summary or abridged one"
            elif other.text_chars != chosen.text_chars:
                why = "the longer text"
            else:
                why = "the first by name"
            notes.append(f"{other.id} also reads as reviewing {chosen.review_year}; {report_id} used ({why})")
        return "; ".join(notes)


def report_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files as given; a directory gives its .txt/.html reports in name order (each file once)."""
    return [f.path for f in report_files(paths)]


def read_report(path: str | Path) -> RegionReport:
    """Load, extract and code one report (a bad file raises ReportError naming it)."""
    report = load_report(path)
    # Imported late, as in the CLI: bad input is reported before the extractor is imported.
    from planbook.extract import extract, to_frame

    rows = first_copy(report, to_frame(extract(report)))
    return RegionReport(report, rows, tuple(statements(report, rows)))


def read_reports(paths: Iterable[str | Path]) -> list[RegionReport]:
    """Every report under the paths, each read once (the same file named twice is read once)."""
    return [read_report(p) for p in report_paths(paths)]


def _preference(r: RegionReport) -> tuple:
    """Sort key of files read as the same year: the whole text first, then the longer, then by id."""
    return (bool(r.thin), -r.text_chars, r.id)


def chains(reports: Sequence[RegionReport]) -> tuple[list[Chain], list[str]]:
    """Group reports into chains by (region, genre) and year; also the warnings about what was left out."""
    groups: dict[tuple[str, str], list[RegionReport]] = defaultdict(list)
    warnings: list[str] = []
    for r in sorted(reports, key=lambda r: r.id):
        if r.report.genre not in CHAINED_GENRES:
            continue
        if not r.report.region:
            # Never guess the region from the file name: such a report stands alone.
            warnings.append(f"{r.id}: no issuing region found in the text; its targets are not paired")
            groups[("", r.id)].append(r)
            continue
        if r.review_year is None:
            warnings.append(f"{r.id}: the year it reviews is unknown; not paired")
            continue
        groups[(r.report.region, r.report.genre)].append(r)
    out = []
    for (region, genre), members in sorted(groups.items()):
        by_year: dict[int, list[RegionReport]] = defaultdict(list)
        for r in members:
            by_year[r.review_year if r.review_year is not None else 0].append(r)
        chosen, aside = [], []
        for year in sorted(by_year):
            ranked = sorted(by_year[year], key=_preference)
            chosen.append(ranked[0])
            for other in ranked[1:]:
                aside.append((other, ranked[0]))
                warnings.append(
                    f"{other.id}: read as the {region} report reviewing {year}, like {ranked[0].id}; "
                    f"{ranked[0].id} is used"
                )
        out.append(Chain(region, genre if region else "", tuple(chosen), tuple(aside)))
    return out, warnings
