"""Each year's targets beside the outcomes the region's later reports state (``python -m planbook targets``).

For every chain of one region's reports (:mod:`planbook.analysis.regions`), every coded target for
year N in the report that plans N is paired with the outcome for year N that the region's reports
state (:mod:`planbook.analysis.outcomes`): first the report reviewing N, then the communiqué of N,
then a later report that revises it. The verdict uses the latest and the table names it
(``outcome_source``), with the first statement beside it (``preliminary_*``). A figure counts when
it has the same indicator code, the same form (a growth rate with a growth rate), the same printed
unit (or another unit of one quantity, 亿斤 and 万吨, as ``data/target_rules.csv`` says) and a single
year. Nothing else is accepted — not a level against a growth rate, a five-year average or total,
a five-year goal, another indicator, region or year — so a target without such an outcome is
``not_reported``, with a note saying what the reports reviewing the year give instead. The verdict
is :func:`planbook.analysis.verdict.judge`, whose rule is ``data/target_rules.csv``.

Only targets whose quantity has a code (``data/indicator_codes.csv``) are listed. An uncoded
target cannot be named reliably — the extractor's name for it is often a fragment (支持,
每个县建成) — so it is left out rather than listed as ``not_reported`` under a guessed name;
adding its name to the code list brings it in.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import pandas as pd

from planbook.analysis.outcomes import SOURCE_WORDS, Source, choose, find_outcome, outcome_sources, signature
from planbook.analysis.regions import Chain, RegionReport, chains, read_reports
from planbook.analysis.statements import Statement
from planbook.analysis.verdict import Figure, Rules, judge, load_rules
from planbook.files import write_atomic
from planbook.frames import TARGETS_TABLE
from planbook.model import NOT_WHOLE_PERIOD, Kind, Period, year_of
from planbook.numbers import file_number as format_value
from planbook.spreadsheet import csv_cell
from planbook.vocabulary import unit_stem

TARGET_COLUMNS: tuple[str, ...] = TARGETS_TABLE.columns
NUMERIC_COLUMNS = TARGETS_TABLE.numeric  # written as JSON numbers
FORMS_TEXT = {
    "change_pct": "growth rate",
    "change_pp": "change in percentage points",
    "change_abs": "change",
    "level": "level",
    "ratio_pct": "rate",
    "avg_change_pct": "average growth rate",
    "cum_change_pct": "cumulative change",
    "rank": "rank",
    "gap_pp": "gap to another place",
}


@dataclass(frozen=True)
class TargetPair:
    """One target, the outcome the verdict uses (None when not reported), the first statement of the outcome
    when the verdict uses a later one, and the verdict."""

    region: str
    year: int
    target: Statement
    outcome: Statement | None
    met: str
    note: str
    source: str = ""  # what the outcome is: outcomes.SOURCE_KINDS (preliminary, communique, revised)
    first: Statement | None = None  # the first statement (preliminary), when the verdict uses a later one

    def record(self) -> dict[str, object]:
        """The row in TARGET_COLUMNS order (values signed, as printed)."""
        t, o, f = self.target, self.outcome, self.first
        return {
            "region": self.region,
            "year": self.year,
            "indicator": t.code,
            "measure": t.form,
            "unit": t.unit,
            "target_value": t.value,
            "target_qualifier": t.qualifier,
            "target_written": t.written,
            "target_report": t.report,
            "target_start": t.start,
            "target_end": t.end,
            **_side("outcome", o),
            "outcome_source": self.source if o else "",
            **_side("preliminary", f),
            "met": self.met,
            "note": self.note,
        }


def _side(prefix: str, s: Statement | None) -> dict[str, object]:
    """An outcome's columns: value, unit as written, qualifier, report and offsets (empty when there is none)."""
    return {
        f"{prefix}_value": s.value if s else None,
        f"{prefix}_unit": s.unit if s else "",
        f"{prefix}_qualifier": s.qualifier if s else "",
        f"{prefix}_report": s.report if s else "",
        f"{prefix}_start": s.start if s else None,
        f"{prefix}_end": s.end if s else None,
    }


def _number(v: float) -> str:
    return str(format_value(v))


def _describe(s: Statement, t: Statement) -> str:
    what = FORMS_TEXT.get(s.form, s.form)
    period = f" for {s.period}" if year_of(s.period) is None else (" over several years" if s.multi_year else "")
    if s.form == t.form and s.unit != t.unit and s.unit_scaled and s.unit_scaled == t.unit_scaled:
        # The same quantity in another scale (12300亿元 against 1万亿元) or unit (万吨 against 亿斤): name it, and
        # the rule that kept it out.
        rule = "scale" if unit_stem(s.unit) == unit_stem(t.unit) else "unit"
        return f"{what} {_number(s.value)}{s.unit}{period} (another {rule}; see cross_{rule} in data/target_rules.csv)"
    return f"{what} in {s.unit}{period}" if s.unit else f"{what}{period}"


def _gives_instead(t: Statement, r: RegionReport, year: int) -> str:
    """What a report reviewing the year gives for the indicator instead of a comparable figure."""
    others = []
    for s in r.by_code.get(t.code, ()):
        if s.kind != Kind.ACTUAL or s.raw_qualifier in NOT_WHOLE_PERIOD:
            continue
        p = Period.parse(s.period)
        if p is not None and p.end == year:  # the year, or a span ending in it
            d = _describe(s, t)
            if d not in others:
                others.append(d)
    head = f"{r.id} gives no {FORMS_TEXT.get(t.form, t.form)} in {t.unit} for {year}"
    return f"{head}, only: {'; '.join(others)}" if others else head


def _not_reported_note(t: Statement, region: str, year: int, sources: Sequence[Source]) -> str:
    """Why no report states a comparable outcome: each report reviewing the year, or that there is none."""
    notes = []
    for src in sources:
        r = src.report
        if src.kind == "revised":
            continue
        if r.thin:
            notes.append(f"{r.id} is not the whole report ({r.thin}); its figures are not read")
        elif not _states_year(r, year):
            notes.append(f"{r.id} states no figure for {year}")
        else:
            notes.append(_gives_instead(t, r, year))
    return "; ".join(notes) or f"no {region} report reviewing {year} among the inputs"


def _scope_note(t: Statement, o: Statement) -> str:
    """A target and an outcome of different scope or basis notes are paired, and the note says so."""
    if t.scope == o.scope:
        return ""  # a basis every growth rate shares (按可比价格计算) is no difference of scope
    return f"scope differs: target {t.note or 'without a note'}, outcome {o.note or 'without a note'}"


def _judged(t: Statement, o: Statement, rules: Rules) -> tuple[str, list[str]]:
    """The verdict on the target and the outcome, in base units when their units differ, and its notes."""
    notes = []
    if o.qualifier == "range" and o.high is not None:
        notes.append(f"outcome range {_number(o.value)} to {_number(o.high)}")
    if o.unit != t.unit:
        target_fig = Figure(t.value * t.scale, t.qualifier, t.scaled(t.high))
        outcome_fig = Figure(o.value * o.scale, o.qualifier, o.scaled(o.high))
        verdict = judge(target_fig, outcome_fig, t.unit_scaled, t.code, rules)
        notes.append(f"outcome written in {o.unit}, compared in {t.unit_scaled}")
    else:
        verdict = judge(t.figure, o.figure, t.unit, t.code, rules)
    if verdict.reason:
        notes.append(verdict.reason)
    if o.preliminary:
        notes.append("outcome preliminary (预计)")
    return verdict.met, notes


def _pair_one(t: Statement, region: str, year: int, sources: Sequence[Source], chain: Chain,
              rules: Rules) -> TargetPair:  # fmt: skip
    """The target against every report that states the outcome of its year; the verdict on the latest."""
    found, unclear = [], []
    for src in sources:
        f = None if src.report.thin else find_outcome(t, year, src, rules)
        if f is not None:
            (found if f.statement is not None else unclear).append(f)
    if not found:
        if unclear:
            return TargetPair(region, year, t, None, "unclear", "; ".join(f.note for f in unclear))
        return TargetPair(region, year, t, None, "not_reported", _not_reported_note(t, region, year, sources))
    chosen = choose(found)
    o = chosen.used.statement
    first = chosen.first.statement if chosen.first is not None else None
    assert o is not None
    kind = chosen.used.source.kind
    notes = [chosen.used.note]
    if first is not None:  # the verdict is on a later statement: a communiqué's or a revision
        by = f"revised by {o.report}" if kind == "revised" else f"from the {SOURCE_WORDS[kind]} {o.report}"
        notes.append(f"outcome {by}; first stated as {_number(first.value)}{first.unit} by {first.report}")
    notes += [*chosen.notes, *(f.note for f in unclear)]
    met, verdict_notes = _judged(t, o, rules)
    notes += verdict_notes
    span = chosen.used.source.report.report.review_span
    if kind == "preliminary" and span.endswith(str(year)):
        notes.append(f"outcome from the review of {span}")
    notes += [chain.choice_note(o.report), _scope_note(t, o)]
    return TargetPair(region, year, t, o, met, "; ".join(n for n in notes if n), kind, first)


def _targets_of(r: RegionReport, year: int) -> list[tuple[Statement, str]]:
    """The report's coded targets for ``year``, each once (a target restated later keeps its first place)."""
    out: dict[tuple, tuple[Statement, list[int]]] = {}  # by what makes two targets one (a look-up, not a scan)
    for s in r.statements:
        if s.kind != Kind.TARGET or s.period != str(year) or not s.pairable:
            continue
        key = (signature(s), s.code, s.form, s.unit)
        if key in out:
            out[key][1].append(s.start)
        else:
            out[key] = (s, [])
    return [(s, f"also stated at {', '.join(map(str, again))}" if again else "") for s, again in out.values()]


def pair_chain(
    chain: Chain, rules: Rules | None = None, region_reports: Sequence[RegionReport] = ()
) -> list[TargetPair]:
    """Every target of the chain's reports against the outcomes the region's reports state for its year.

    ``region_reports`` are all the region's reports (of any genre) that may state outcomes; by default
    the chain's own.
    """
    rules = rules or load_rules()
    pool = list(region_reports) or list(chain.reports)
    pairs = []
    for r in chain.reports:
        year = r.report.plan_year
        if year is None:
            continue
        sources = outcome_sources(pool, year, chain.reviewing(year)) if chain.region else []
        target_choice = chain.choice_note(r.id)
        for t, again in _targets_of(r, year):
            if not chain.region:
                why = "the region of the report is unknown, so no next report can be chosen"
                pair = TargetPair(chain.region, year, t, None, "not_reported", why)
            else:
                pair = _pair_one(t, chain.region, year, sources, chain, rules)
            notes = [
                pair.note,
                f"target range {_number(t.value)} to {_number(t.high)}"
                if t.qualifier == "range" and t.high is not None
                else "",
                again,
                f"target report: {target_choice}" if target_choice else "",
            ]
            pairs.append(replace(pair, note="; ".join(n for n in notes if n)))
    return pairs


def _states_year(r: RegionReport, year: int) -> bool:
    """Whether any extracted row of the report (coded or not) is an outcome of ``year``."""
    return str(year) in r.actual_years


def _region_pools(reports: Sequence[RegionReport], groups: Sequence[Chain]) -> dict[str, list[RegionReport]]:
    """Each region's reports that may state outcomes: every genre, without the files a chain set aside."""
    aside = {other.id for chain in groups for other, _ in chain.set_aside}
    pools: dict[str, list[RegionReport]] = {}
    for r in sorted(reports, key=lambda r: r.id):
        if r.report.region and r.id not in aside:
            pools.setdefault(r.report.region, []).append(r)
    return pools


def pair_targets(reports: Sequence[RegionReport], rules: Rules | None = None) -> tuple[pd.DataFrame, list[str]]:
    """All target → outcome pairs of the reports as a frame in TARGET_COLUMNS, and the warnings."""
    rules = rules or load_rules()
    groups, warnings = chains(reports)
    pools = _region_pools(reports, groups)
    pairs = [p for chain in groups for p in pair_chain(chain, rules, pools.get(chain.region, ()))]
    frame = TARGETS_TABLE.frame([p.record() for p in pairs])
    if not frame.empty:
        frame = frame.sort_values(
            ["region", "year", "target_report", "target_start", "indicator"], kind="stable"
        ).reset_index(drop=True)
    return frame, warnings


def targets_of_paths(paths: Iterable[str | Path], rules: Rules | None = None) -> tuple[pd.DataFrame, list[str]]:
    """Read the reports under the paths and pair their targets (the API behind the command)."""
    return pair_targets(read_reports(paths), rules)


def targets_csv(frame: pd.DataFrame) -> str:
    """The pairs as CSV text ("\\n" line ends; 9 not 9.0; empty cells for missing values)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TARGET_COLUMNS)
    for record in frame.reindex(columns=list(TARGET_COLUMNS)).itertuples(index=False):
        writer.writerow([csv_cell(format_value(v)) for v in record])
    return buffer.getvalue()


def targets_json(frame: pd.DataFrame) -> str:
    """The pairs as a JSON list of objects: numbers as numbers, a missing number null, missing text ""."""
    records = []
    for record in frame.reindex(columns=list(TARGET_COLUMNS)).itertuples(index=False):
        row: dict[str, object] = {}
        for column, v in zip(TARGET_COLUMNS, record, strict=True):
            text = format_value(v)
            if column in NUMERIC_COLUMNS:
                row[column] = json.loads(text) if text else None
            else:
                row[column] = text
        records.append(row)
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def write_targets(frame: pd.DataFrame, out: str | Path | IO[str], fmt: str = "csv") -> None:
    """Write the pairs as CSV or JSON to a path (UTF-8) or an open text buffer."""
    content = targets_csv(frame) if fmt == "csv" else targets_json(frame)
    if isinstance(out, str | Path):
        write_atomic(out, content)  # whole or not at all; an OSError names the file
    else:
        out.write(content)
