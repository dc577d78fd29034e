"""Regions side by side: each region's headline outcomes and targets (``python -m planbook compare``).

For every report one row per headline indicator (``headline`` in ``data/indicator_codes.csv``) and
kind: the outcome of the year it reviews (``actual``) and the target for the year it plans
(``target``), each a coded figure of :mod:`planbook.analysis.statements` — the value signed and the
bound (``exact``, ``approx``, ``at_least``, ``at_most``, ``range``) as ``planbook targets`` gives
them. Of the forms a report states a quantity in, the first of :data:`FORM_ORDER` is taken (a
growth rate before a level: rates compare across regions of any size), and of that form the
first single-year figure in the text (the summary before the chapters).

Each report's region is placed by :func:`planbook.text.divisions.place`: its official name,
its level and the region directly above it. Of two reports of one region reviewing one year, one
is used (:func:`choose`): the whole text before a stub, a work report before a plan report before
another genre, then the longer, then the first by id; the other is named in a warning. A report
whose region is unknown is kept, its rows with an empty region, and listed apart.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from planbook.analysis.codes import load_codebook
from planbook.analysis.regions import RegionReport, read_reports
from planbook.analysis.statements import CHANGE_FORMS, Statement
from planbook.frames import COMPARE_TABLE
from planbook.model import Kind, Measure
from planbook.numbers import file_number
from planbook.spreadsheet import csv_cell
from planbook.text.divisions import LEVELS, Placement, place
from planbook.vocabulary import words

# Besides the columns of the CSV, what the book shows: the figure as written and its sentence.
EXTRA_COLUMNS: tuple[str, ...] = ("written", "sentence_start", "genre", "delivered_year")
COMPARE_COLUMNS: tuple[str, ...] = tuple(c for c in COMPARE_TABLE.columns if c not in EXTRA_COLUMNS)
NUMERIC_COLUMNS = COMPARE_TABLE.numeric - set(EXTRA_COLUMNS)  # written as JSON numbers
FORM_ORDER = (Measure.CHANGE_PCT, Measure.RATIO_PCT, Measure.LEVEL, Measure.CHANGE_PP, Measure.CHANGE_ABS)
GENRE_ORDER = ("work_report", "plan_report", "communique", "unknown", "five_year_plan")
KIND_ORDER = (Kind.ACTUAL, Kind.TARGET)


@dataclass
class Comparison:
    """The rows (COMPARE_COLUMNS, then EXTRA_COLUMNS), the warnings, and the reports of unknown region."""

    frame: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # report ids whose region is unknown or not a division
    places: dict[str, Placement] = field(default_factory=dict)  # report id → placement


@lru_cache(maxsize=1)
def _written_res() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Bound words before a figure and qualifier words after its unit (``data/words.csv``)."""
    before = [w for n in ("approx_before", "lower_bound_before", "upper_bound_before") for w in words(n)]
    after = words("qualifier_after")
    return re.compile(f"(?:{'|'.join(sorted(before, key=len, reverse=True))})$"), re.compile(
        f"^(?:{'|'.join(sorted(after, key=len, reverse=True))})"
    )


def written(text: str, s: Statement) -> str:
    """The figure as the report writes it: 5%左右, 7%以上, 5%—5.5%, 不超过3% (the literal, its unit and bound words)."""
    if not text:
        return s.text + s.unit
    before_re, after_re = _written_res()
    m = before_re.search(text[max(0, s.start - 6) : s.start])
    head = m.group(0) if m else ""
    rest = text[s.end : s.end + len(s.unit) + 4]
    for unit in (s.unit, s.unit.replace("%", "％")):
        if unit and rest.startswith(unit):
            rest = rest[len(unit) :]
            break
    q = after_re.match(rest)  # the unit is added where the text leaves it out (5%—5.5 is 5%—5.5%)
    # A fall keeps its sign (同比下降4.5% is −4.5%), unless a bound word already stands before it.
    sign = "−" if s.value < 0 and s.form in CHANGE_FORMS and not head else ""
    return head + sign + text[s.start : s.end] + s.unit + (q.group(0) if q else "")


def headline_codes() -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for c in load_codebook().codes:
        if c.headline:
            seen.setdefault(c.code)
    return tuple(seen)


def pick(statements: Iterable[Statement], code: str, kind: str, year: int | None) -> Statement | None:
    """The figure of one quantity and kind for ``year``: the first form of FORM_ORDER stated, its first statement."""
    if year is None:
        return None
    found = [s for s in statements if s.code == code and s.kind == kind and s.period == str(year) and s.pairable]
    for form in FORM_ORDER:
        of_form = [s for s in found if s.form == form]
        if of_form:
            return min(of_form, key=lambda s: s.start)
    return None


def _preference(r: RegionReport) -> tuple:
    genre = r.report.genre
    rank = GENRE_ORDER.index(genre) if genre in GENRE_ORDER else len(GENRE_ORDER)
    return (bool(r.thin), rank, -r.text_chars, r.id)


def _why(chosen: RegionReport, other: RegionReport) -> str:
    if other.thin and not chosen.thin:
        return "the whole text, not a stub, summary or abridged one"
    if _preference(chosen)[1] != _preference(other)[1]:
        return f"a {chosen.report.genre} before a {other.report.genre}"
    if chosen.text_chars != other.text_chars:
        return "the longer text"
    return "the first by name"


def choose(reports: Sequence[RegionReport], places: dict[str, Placement]) -> tuple[list[RegionReport], list[str]]:
    """One report per region and year under review (see the module's note), and a warning for each set aside."""
    groups: dict[tuple, list[RegionReport]] = defaultdict(list)
    for r in sorted(reports, key=lambda r: r.id):
        p = places[r.id]
        key = (p.name, p.parent, r.review_year) if p.name else ("", r.id, r.review_year)
        groups[key].append(r)
    chosen, warnings = [], []
    for (name, _, year), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)):
        ranked = sorted(members, key=_preference)
        chosen.append(ranked[0])
        for other in ranked[1:]:
            # Two files of one id (one report in two folders) are named by their paths.
            used, aside = (
                (ranked[0].id, other.id) if other.id != ranked[0].id else (ranked[0].report.path, other.report.path)
            )
            warnings.append(
                f"{aside}: like {used}, a {name} report reviewing {year}; {used} is used ({_why(ranked[0], other)})"
            )
    return sorted(chosen, key=lambda r: r.id), warnings


def level_conflicts(reports: Sequence[RegionReport], places: dict[str, Placement]) -> list[str]:
    """A warning for each region name placed differently by different files (each file keeps its own placement)."""
    by_name: dict[str, dict[tuple[str, str], list[str]]] = defaultdict(lambda: defaultdict(list))
    for r in reports:
        p = places[r.id]
        if p.name:
            by_name[p.name][(p.level, p.parent)].append(r.id)
    out = []
    for name, seen in sorted(by_name.items()):
        if len(seen) < 2:
            continue
        told = "; ".join(
            f"{level or 'level unknown'}{f' under {parent}' if parent else ''} in {', '.join(sorted(ids))}"
            for (level, parent), ids in sorted(seen.items())
        )
        out.append(f"{name}: placed differently by different files ({told}); each file keeps its own")
    return out


def _record(r: RegionReport, p: Placement, s: Statement, year: int) -> dict[str, object]:
    return {
        "region": p.name,
        "level": p.level,
        "parent": p.parent,
        "year": year,
        "indicator": s.code,
        "measure": s.form,
        "kind": s.kind,
        "value": s.value,
        "value_high": s.high if s.qualifier == "range" else None,
        "qualifier": s.qualifier,
        "unit": s.unit,
        "report": r.id,
        "start": s.start,
        "end": s.end,
        "written": written(r.report.text, s),
        "sentence_start": s.sentence_start,
        "genre": r.report.genre,
        "delivered_year": r.report.delivered_year,
    }


def report_rows(r: RegionReport, p: Placement, codes: Sequence[str] | None = None) -> list[dict[str, object]]:
    """One report's rows: per headline code, the outcome of its review year and the target of its plan year."""
    out = []
    for code in codes if codes is not None else headline_codes():
        for kind, year in ((Kind.ACTUAL, r.review_year), (Kind.TARGET, r.report.plan_year)):
            s = pick(r.statements, code, kind, year)
            if s is not None and year is not None:
                out.append(_record(r, p, s, year))
    return out


def compare_frame(records: list[dict[str, object]]) -> pd.DataFrame:
    """The rows as a frame in COMPARE_COLUMNS + EXTRA_COLUMNS, typed and in a stable order."""
    frame = COMPARE_TABLE.frame(records)
    if frame.empty:
        return frame
    order = {c: i for i, c in enumerate(headline_codes())}
    keys = pd.DataFrame(
        {
            "region": frame["region"],
            "parent": frame["parent"],
            "year": frame["year"],
            "kind": frame["kind"].map(lambda k: KIND_ORDER.index(k) if k in KIND_ORDER else 9),
            "indicator": frame["indicator"].map(lambda c: order.get(c, len(order))),
            "report": frame["report"],
        }
    )
    index = keys.sort_values(list(keys.columns), kind="stable").index
    return frame.loc[index].reset_index(drop=True)


def compare_reports(reports: Sequence[RegionReport], places: dict[str, Placement] | None = None) -> Comparison:
    """The rows of the reports side by side; ``places`` (report id → placement) is placed from the texts if absent."""
    places = dict(places or {})
    for r in reports:
        if r.id not in places:
            places[r.id] = place(r.report.region, r.report.text)
    warnings = [f"{r.id}: {places[r.id].note}" for r in sorted(reports, key=lambda r: r.id) if places[r.id].note]
    warnings += level_conflicts(reports, places)
    chosen, choice_warnings = choose(reports, places)
    warnings += choice_warnings
    unknown = sorted(r.id for r in reports if not places[r.id].level and not places[r.id].name)
    unplaced = sorted(r.id for r in reports if places[r.id].name and not places[r.id].level)
    if unknown:
        warnings.append(f"region unknown, rows kept with an empty region: {', '.join(unknown)}")
    records = [row for r in chosen for row in report_rows(r, places[r.id])]
    return Comparison(compare_frame(records), warnings, sorted({*unknown, *unplaced}), places)


def compare_paths(paths: Iterable[str], places: dict[str, Placement] | None = None) -> Comparison:
    """Read the reports under the paths and set them side by side (the API behind the command)."""
    return compare_reports(read_reports(paths), places)


def level_rank(level: str) -> int:
    """national, province, city, county, district in that order; unknown last."""
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def compare_csv(frame: pd.DataFrame) -> str:
    """The rows as CSV text in COMPARE_COLUMNS ("\\n" line ends; 5 not 5.0; empty cells for missing values)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COMPARE_COLUMNS)
    for record in frame.reindex(columns=list(COMPARE_COLUMNS)).itertuples(index=False):
        writer.writerow([csv_cell(file_number(v)) for v in record])
    return buffer.getvalue()


def compare_json(frame: pd.DataFrame) -> str:
    """The rows as a JSON list of objects: numbers as numbers, a missing number null, missing text ""."""
    records = []
    for record in frame.reindex(columns=list(COMPARE_COLUMNS)).itertuples(index=False):
        row: dict[str, object] = {}
        for column, v in zip(COMPARE_COLUMNS, record, strict=True):
            text = file_number(v)
            row[column] = (json.loads(text) if text else None) if column in NUMERIC_COLUMNS else text
        records.append(row)
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"
