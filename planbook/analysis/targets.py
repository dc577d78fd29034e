"""Each year's targets beside the outcomes the next report states (``python -m planbook targets``).

For every chain of one region's reports (:mod:`planbook.analysis.regions`), every coded target for year N
in the report that plans N is paired with the outcome for year N in the report that reviews N:
the same indicator code, the same form (a growth rate with a growth rate), the same printed unit
and a single year. Nothing else is accepted — not a level against a growth rate, a five-year
average or total, a five-year goal, another indicator, region or year — so a target without such
an outcome is ``not_reported``, with a note saying what the next report gives instead. The verdict
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

from planbook.analysis.regions import Chain, RegionReport, chains, read_reports
from planbook.analysis.statements import Statement
from planbook.analysis.verdict import Figure, Rules, judge, load_rules
from planbook.files import write_atomic
from planbook.model import NOT_WHOLE_PERIOD
from planbook.present.numbers import file_number as format_value

TARGET_COLUMNS: tuple[str, ...] = (
    "region",
    "year",
    "indicator",
    "measure",
    "unit",
    "target_value",
    "target_qualifier",
    "target_report",
    "target_start",
    "target_end",
    "outcome_value",
    "outcome_qualifier",
    "outcome_report",
    "outcome_start",
    "outcome_end",
    "met",
    "note",
)
NUMERIC_COLUMNS = frozenset(
    {"year", "target_value", "target_start", "target_end", "outcome_value", "outcome_start", "outcome_end"}
)
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
    """One target, its outcome (None when not reported) and the verdict."""

    region: str
    year: int
    target: Statement
    outcome: Statement | None
    met: str
    note: str

    def record(self) -> dict[str, object]:
        """The row in TARGET_COLUMNS order (values signed, as printed)."""
        t, o = self.target, self.outcome
        return {
            "region": self.region,
            "year": self.year,
            "indicator": t.code,
            "measure": t.form,
            "unit": t.unit,
            "target_value": t.value,
            "target_qualifier": t.qualifier,
            "target_report": t.report,
            "target_start": t.start,
            "target_end": t.end,
            "outcome_value": o.value if o else None,
            "outcome_qualifier": o.qualifier if o else "",
            "outcome_report": o.report if o else "",
            "outcome_start": o.start if o else None,
            "outcome_end": o.end if o else None,
            "met": self.met,
            "note": self.note,
        }


def _number(v: float) -> str:
    return str(format_value(v))


def _same_unit(t: Statement, o: Statement, rules: Rules) -> bool:
    if t.unit == o.unit:
        return True
    return rules.cross_scale and bool(t.unit_scaled) and t.unit_scaled == o.unit_scaled


def _describe(s: Statement, t: Statement) -> str:
    what = FORMS_TEXT.get(s.form, s.form)
    period = f" for {s.period}" if not s.period.isdigit() else (" over several years" if s.multi_year else "")
    if s.form == t.form and s.unit != t.unit and s.unit_scaled and s.unit_scaled == t.unit_scaled:
        # The same quantity in another scale (12300亿元 against 1万亿元): name it, and the rule that kept it out.
        return f"{what} {_number(s.value)}{s.unit}{period} (another scale; see cross_scale in data/target_rules.csv)"
    return f"{what} in {s.unit}{period}" if s.unit else f"{what}{period}"


def _not_reported_note(t: Statement, outcome_report: RegionReport, year: int) -> str:
    """What the next report gives for the indicator instead of a comparable figure."""
    others = []
    for s in outcome_report.statements:
        if s.code != t.code or s.kind != "actual" or s.raw_qualifier in NOT_WHOLE_PERIOD:
            continue
        if s.period == str(year) or (not s.period.isdigit() and s.period.endswith(str(year))):
            d = _describe(s, t)
            if d not in others:
                others.append(d)
    head = f"{outcome_report.id} gives no {FORMS_TEXT.get(t.form, t.form)} in {t.unit} for {year}"
    return f"{head}, only: {'; '.join(others)}" if others else head


def _signature(s: Statement) -> tuple:
    return (round(s.value * s.scale, 9), s.qualifier, None if s.high is None else round(s.high * s.scale, 9))


def _pair_one(t: Statement, region: str, year: int, outcome_report: RegionReport, chain: Chain,
              rules: Rules) -> TargetPair:  # fmt: skip
    """The target against the report that reviews its year."""
    candidates = [
        s
        for s in outcome_report.statements
        if s.kind == "actual"
        and s.period == str(year)
        and s.code == t.code
        and s.pairable
        and s.form == t.form
        and _same_unit(t, s, rules)
    ]
    if not candidates:
        return TargetPair(region, year, t, None, "not_reported", _not_reported_note(t, outcome_report, year))
    signatures: dict[tuple, Statement] = {}
    for s in candidates:
        signatures.setdefault(_signature(s), s)
    notes = []
    if len(signatures) > 1:
        o = _summary_choice(list(signatures.values()), outcome_report, year)
        others = ", ".join(f"{_number(s.value)} at {s.start}" for s in signatures.values() if s is not o)
        if o is None:
            # Two different figures for one quantity and year, neither in the report's summary: a guess.
            listed = ", ".join(f"{_number(s.value)} at {s.start}" for s in signatures.values())
            return TargetPair(region, year, t, None, "unclear",
                              f"{outcome_report.id} states different figures: {listed}")  # fmt: skip
        notes.append(f"the summary figure; also stated as {others}")
        candidates = [o]
    o = candidates[0]
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
    span = outcome_report.report.review_span
    if span.endswith(str(year)):
        notes.append(f"outcome from the review of {span}")
    choice = chain.choice_note(outcome_report.id)
    if choice:
        notes.append(choice)
    return TargetPair(region, year, t, o, verdict.met, "; ".join(notes))


def _summary_choice(options: list[Statement], r: RegionReport, year: int) -> Statement | None:
    """Of different figures for one quantity, the one whose sentence states the most coded figures of the year.

    A report opens its review with a summary of the headline figures; a figure restated later
    with another value is almost always of a part (a new area, a sector) whose name the sentence
    leaves out. Only a strict winner is chosen.
    """

    def weight(s: Statement) -> int:
        return len({x.code for x in r.statements if x.sentence_start == s.sentence_start and x.kind == "actual"
                    and x.period == str(year)})  # fmt: skip

    ranked = sorted(options, key=lambda s: (-weight(s), s.start))
    if len(ranked) > 1 and weight(ranked[0]) == weight(ranked[1]):
        return None
    return ranked[0]


def _targets_of(r: RegionReport, year: int) -> list[tuple[Statement, str]]:
    """The report's coded targets for ``year``, each once (a target restated later keeps its first place)."""
    out: list[tuple[Statement, list[int]]] = []
    for s in r.statements:
        if s.kind != "target" or s.period != str(year) or not s.pairable:
            continue
        same = next((t for t in out if _signature(t[0]) == _signature(s) and (t[0].code, t[0].form, t[0].unit)
                     == (s.code, s.form, s.unit)), None)  # fmt: skip
        if same:
            same[1].append(s.start)
        else:
            out.append((s, []))
    return [(s, f"also stated at {', '.join(map(str, again))}" if again else "") for s, again in out]


def pair_chain(chain: Chain, rules: Rules | None = None) -> list[TargetPair]:
    """Every target of the chain's reports against the next report's outcome."""
    rules = rules or load_rules()
    pairs = []
    for r in chain.reports:
        year = r.report.plan_year
        if year is None:
            continue
        outcome_report = chain.reviewing(year) if chain.region else None
        why_none = ""
        if not chain.region:
            why_none = "the region of the report is unknown, so no next report can be chosen"
        elif outcome_report is None:
            why_none = f"no {chain.region} report reviewing {year} among the inputs"
        elif outcome_report.thin:
            why_none = f"{outcome_report.id} is not the whole report ({outcome_report.thin}); its figures are not read"
        elif not _states_year(outcome_report, year):
            why_none = f"{outcome_report.id} states no figure for {year}"
        target_choice = chain.choice_note(r.id)
        for t, again in _targets_of(r, year):
            if why_none or outcome_report is None:
                pair = TargetPair(chain.region, year, t, None, "not_reported", why_none)
            else:
                pair = _pair_one(t, chain.region, year, outcome_report, chain, rules)
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
    if r.rows.empty:
        return False
    periods = r.rows["period"].astype("string")
    return bool(((r.rows["kind"] == "actual") & (periods == str(year))).any())


def pair_targets(reports: Sequence[RegionReport], rules: Rules | None = None) -> tuple[pd.DataFrame, list[str]]:
    """All target → outcome pairs of the reports as a frame in TARGET_COLUMNS, and the warnings."""
    rules = rules or load_rules()
    groups, warnings = chains(reports)
    pairs = [p for chain in groups for p in pair_chain(chain, rules)]
    frame = pd.DataFrame([p.record() for p in pairs], columns=list(TARGET_COLUMNS))
    for column in ("year", "target_start", "target_end", "outcome_start", "outcome_end"):
        frame[column] = frame[column].astype("Int64")
    for column in ("target_value", "outcome_value"):
        frame[column] = frame[column].astype("float64")
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
        writer.writerow([format_value(v) for v in record])
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
