"""A region's headline figures across its reports, and the audit across years.

:func:`series` lists every outcome of a headline indicator that any of a region's reports
states for a single year (levels, growth rates, rates), one row per report and figure, so that a
chart can draw levels and growth by year and link each point to its sentence. When two reports
state the same year differently (a preliminary 预计 figure, then the revised one), both rows are
kept and marked ``superseded`` and ``revised``.

:func:`cross_year_audit` checks, for indicators whose growth is nominal, each level for year N
against the level for N−1 in the earlier report grown by the growth stated for N, within the
rounding of the printed digits (``pass`` or ``flag``, all three sources kept), and lists every
figure restated differently by a later report as ``revised`` — a revision, not an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import pandas as pd

from planbook.analysis.codes import load_codebook
from planbook.analysis.regions import RegionReport
from planbook.analysis.statements import Statement
from planbook.frames import CROSS_YEAR_TABLE, SERIES_TABLE
from planbook.model import NOT_WHOLE_PERIOD, CheckResult, Kind, Measure, SeriesStatus, year_of

SERIES_FORMS = (Measure.LEVEL, Measure.CHANGE_PCT, Measure.RATIO_PCT)
SERIES_COLUMNS: tuple[str, ...] = SERIES_TABLE.columns
# The audit across years; planbook.analysis.audit.AUDIT_COLUMNS are the checks within one report.
CROSS_YEAR_COLUMNS: tuple[str, ...] = CROSS_YEAR_TABLE.columns
FORM_WORDS = {"level": "level", "change_pct": "growth rate", "ratio_pct": "rate"}
STATUSES: tuple[str, ...] = tuple(SeriesStatus)


class Quantity(NamedTuple):
    """What a series point measures (a sort and grouping key)."""

    region: str
    code: str
    form: str
    base_unit: str


@dataclass(frozen=True)
class Point:
    """One outcome in a series: the statement and the report that made it."""

    region: str
    statement: Statement
    delivered_year: int | None

    @property
    def key(self) -> Quantity:
        """The quantity it measures: region, code, form and base unit."""
        s = self.statement
        return Quantity(self.region, s.code, s.form, base_unit(s))


def base_unit(s: Statement) -> str:
    """The unit a statement's value is compared in (元 for 亿元)."""
    return s.unit_scaled or s.unit


def half_unit(text: str, scale: float = 1.0) -> float:
    """Half a unit of the last printed digit, in base units: 6.3 → 0.05, 2 (万亿) → 0.5 × 1e12."""
    literal = text.split("-")[0].split("~")[0].replace(",", "").replace("，", "")
    decimals = len(literal.split(".")[1]) if "." in literal else 0
    return 0.5 * 10.0**-decimals * scale


def same_within_rounding(a: Statement, b: Statement) -> bool:
    """Whether two printed figures may be one value rounded differently (2万亿元 and 20394.3亿元)."""
    va, vb = a.value * a.scale, b.value * b.scale
    tolerance = max(half_unit(a.text, a.scale), half_unit(b.text, b.scale)) * (1 + 1e-9)
    return abs(va - vb) <= tolerance


def _points(reports: Sequence[RegionReport], codes: set[str] | None) -> list[Point]:
    points = []
    for r in reports:
        if not r.report.region:
            continue
        for s in r.statements:
            if s.kind != Kind.ACTUAL or year_of(s.period) is None or s.multi_year or s.form not in SERIES_FORMS:
                continue
            if s.raw_qualifier in NOT_WHOLE_PERIOD:
                continue  # model.NOT_WHOLE_PERIOD: a 从…到 start (its year rarely read right), a 1-11月 figure
            if s.unit == "倍":
                continue  # 是2005年的2.3倍, 增长1.1倍: a multiple of another year, neither a level nor a rate
            if codes is not None and s.code not in codes:
                continue
            points.append(Point(r.report.region, s, r.report.delivered_year))
    return points


def _headline_codes() -> set[str]:
    return {c.code for c in load_codebook().codes if c.headline}


def _grouped(reports: Sequence[RegionReport], codes: set[str]) -> list[tuple[tuple, list[list[Point]]]]:
    """Points by quantity and year, then by report in delivery order; a report's repeats of a figure dropped."""
    groups: dict[tuple, list[Point]] = defaultdict(list)
    for p in _points(reports, codes):
        groups[(*p.key, p.statement.period)].append(p)
    out = []
    for key in sorted(groups):
        per_report: dict[str, list[Point]] = {}
        for p in sorted(groups[key], key=lambda p: (p.delivered_year or 0, p.statement.report, p.statement.start)):
            kept = per_report.setdefault(p.statement.report, [])
            if not any(same_within_rounding(q.statement, p.statement) for q in kept):
                kept.append(p)
        out.append((key, list(per_report.values())))
    return out


def series(reports: Sequence[RegionReport], codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Outcomes of the headline indicators (or ``codes``) by region and year, one row per report and figure.

    A point whose scope or basis note (含某新区, 不含农户) differs from the point before it in its series
    (the year before, or an earlier statement of the year) says so in its note: the two are not one quantity
    joined without a word.
    """
    wanted = set(codes) if codes is not None else _headline_codes()
    rows = []
    previous: dict[Quantity, Statement] = {}
    for key, by_report in _grouped(reports, wanted):
        statuses = _statuses(by_report)
        quantity = Quantity(*key[:4])
        for points in by_report:
            for p in points:
                status, note = statuses[id(p)]
                before = previous.get(quantity)
                if before is not None and before.scope != p.statement.scope:
                    note = "; ".join(n for n in (note, _scope_change(before, p.statement)) if n)
                previous[quantity] = p.statement
                rows.append(_series_row(p, status, note))
    return SERIES_TABLE.frame(rows)


def _scope_change(before: Statement, s: Statement) -> str:
    """A point whose scope note differs from the point before it, said in its note."""
    return (f"scope differs from {before.period} in {before.report}: {s.note or 'without a note'} here, "
            f"{before.note or 'without a note'} there")  # fmt: skip


def _statuses(by_report: list[list[Point]]) -> dict[int, tuple[str, str]]:
    """Status of each point of one quantity and year, given the points of each report in report order."""
    out: dict[int, tuple[str, str]] = {}
    for points in by_report:
        if len(points) > 1:
            others = ", ".join(f"{p.statement.text} at {p.statement.start}" for p in points)
            for p in points:
                out[id(p)] = (SeriesStatus.AMBIGUOUS, f"{p.statement.report} states different figures: {others}")
    single = [points[0] for points in by_report if len(points) == 1]
    for i, p in enumerate(single):
        earlier = single[i - 1] if i else None
        later = single[i + 1] if i + 1 < len(single) else None
        if later is not None and not same_within_rounding(p.statement, later.statement):
            out[id(p)] = (SeriesStatus.SUPERSEDED, f"restated as {later.statement.text} by {later.statement.report}")
        elif earlier is not None and not same_within_rounding(p.statement, earlier.statement):
            out[id(p)] = (
                SeriesStatus.REVISED,
                f"first stated as {earlier.statement.text} by {earlier.statement.report}",
            )
        else:
            out[id(p)] = (SeriesStatus.CONFIRMED if len(single) > 1 else SeriesStatus.SINGLE, "")
    return out


def _restatements(by_report: list[list[Point]]) -> list[tuple[Point, Point]]:
    """(earlier, later) statements of one quantity and year by consecutive reports that differ."""
    single = [points[0] for points in by_report if len(points) == 1]
    return [
        (a, b) for a, b in zip(single, single[1:], strict=False) if not same_within_rounding(a.statement, b.statement)
    ]


def _series_row(p: Point, status: str, note: str) -> dict[str, object]:
    s = p.statement
    return {
        "region": p.region,
        "indicator": s.code,
        "measure": s.form,
        "unit": s.unit,
        "year": int(s.period),
        "value": s.value,
        "qualifier": s.qualifier,
        "value_scaled": s.value * s.scale,
        "unit_scaled": s.unit_scaled or s.unit,
        "report": s.report,
        "delivered_year": p.delivered_year,
        "start": s.start,
        "end": s.end,
        "sentence_start": s.sentence_start,
        "preliminary": s.preliminary,
        "status": status,
        "scope_note": s.note,
        "note": note,
    }


def _first(points: list[Point], year: int, form: str, reviewing: dict[str, int]) -> Point | None:
    """The figure for ``year`` in ``form`` from the report that reviews that year (first in its text)."""
    options = [
        p
        for p in points
        if p.statement.period == str(year) and p.statement.form == form and reviewing.get(p.statement.report) == year
    ]
    return min(options, key=lambda p: (p.statement.report, p.statement.start)) if options else None


def cross_year_audit(reports: Sequence[RegionReport], codes: Iterable[str] | None = None) -> pd.DataFrame:
    """Levels against last year's level grown by this year's rate (``growth_chain``), and restated figures."""
    book = load_codebook()
    nominal = {c.code for c in book.codes if c.growth_basis == "nominal"}
    wanted = set(codes) if codes is not None else _headline_codes()
    reviewing = {r.id: r.report.review_year for r in reports if r.report.review_year is not None}
    points = _points(reports, wanted)
    by_indicator: dict[tuple[str, str], list[Point]] = defaultdict(list)
    for p in points:
        by_indicator[(p.region, p.statement.code)].append(p)
    rows: list[dict[str, object]] = []
    for (region, code), group in sorted(by_indicator.items()):
        if code not in nominal:
            continue  # a growth rate at comparable prices cannot grow a nominal level
        years = sorted({int(p.statement.period) for p in group})
        for year in years:
            level = _first(group, year, Measure.LEVEL, reviewing)
            base = _first(group, year - 1, Measure.LEVEL, reviewing)
            growth = _first(group, year, Measure.CHANGE_PCT, reviewing)
            if level is None or base is None or growth is None or growth.statement.unit != "%":
                continue
            if base_unit(level.statement) != base_unit(base.statement):
                continue  # 2.8万元 against 1.47万元 yes; a count against an amount no
            rows.append(_growth_row(region, code, year, level.statement, base.statement, growth.statement))
    for _, by_report in _grouped(reports, wanted):
        for earlier, later in _restatements(by_report):
            rows.append(_restated_row(earlier, later))
    frame = CROSS_YEAR_TABLE.frame(rows)
    if not frame.empty:
        frame = frame.sort_values(["region", "indicator", "year", "check", "value_report"], kind="stable")
    return frame.reset_index(drop=True)


def _growth_row(region: str, code: str, year: int, level: Statement, base: Statement, growth: Statement) -> dict:
    """level(N) against level(N−1) × (1 + g(N)), every input widened by half its last printed digit."""
    b, hb = base.value * base.scale, half_unit(base.text, base.scale)
    g, hg = growth.value, half_unit(growth.text)
    low = (b - hb) * (1 + (g - hg) / 100)
    high = (b + hb) * (1 + (g + hg) / 100)
    v, hv = level.value * level.scale, half_unit(level.text, level.scale)
    ok = v + hv >= low and v - hv <= high
    # Expected values in the unit the level is printed in.
    low_printed, high_printed = low / level.scale, high / level.scale
    note = "" if ok else (
        "the level does not follow from last year's level and this year's growth "
        "(a revised base, a comparable-basis rate or another coverage)"
    )  # fmt: skip
    notes = {x.note for x in (level, base, growth)}
    if len(notes) > 1:
        scopes = ", ".join(f"{x.report} {x.text}: {x.note or 'without a note'}" for x in (base, level, growth))
        note = "; ".join(n for n in (note, f"scope notes differ ({scopes})") if n)
    return {
        "check": "growth_chain",
        "region": region,
        "indicator": code,
        "unit": level.unit,
        "year": year,
        "status": CheckResult.PASS if ok else CheckResult.FLAG,
        **_side("value", level),
        "value": level.value,
        "base_year": year - 1,
        **_side("base", base),
        "base_value": base.value,
        "base_unit": base.unit,
        **_side("growth", growth),
        "growth": growth.value,
        "expected_low": round(low_printed, 6),
        "expected_high": round(high_printed, 6),
        "note": note,
    }


def _side(prefix: str, s: Statement) -> dict[str, object]:
    return {
        f"{prefix}_report": s.report,
        f"{prefix}_start": s.start,
        f"{prefix}_end": s.end,
        f"{prefix}_sentence_start": s.sentence_start,
    }


def _restated_row(earlier: Point, later: Point) -> dict[str, object]:
    """A figure restated differently by a later report, beside the earlier statement."""
    a, b = earlier.statement, later.statement
    return {
        "check": "restated",
        "region": later.region,
        "indicator": b.code,
        "unit": b.unit,
        "year": int(b.period),
        "status": CheckResult.REVISED,
        **_side("value", b),
        "value": b.value,
        "base_year": int(a.period),
        **_side("base", a),
        "base_value": a.value,
        "base_unit": a.unit,
        "note": f"the {FORM_WORDS.get(b.form, b.form)} stated by {a.report} is restated by {b.report}"
        + (" (the first was preliminary, 预计)" if a.preliminary else "")
        + "; a revision, not an error",
    }
