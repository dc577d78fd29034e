"""Targets down the hierarchy and last year's verdicts, region by region, from the rows of ``compare``.

:func:`hierarchy_gaps`: where a region and the region directly above it (its ``parent``) set a
target for the same indicator, year and form in %, the gap in percentage points — county − city,
city − province (层层加码 when positive). A range counts at its midpoint (5%—5.5% is 5.25), a bound
(7%以上, 3%以内) at its figure. Each side keeps the verdict on its own target when a report reviewing
the year is among the inputs (``planbook targets``).

:func:`verdict_counts`: per region, the targets of the latest year whose outcome a report states,
counted as met, missed, unclear and not reported.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from planbook.frames import COUNTS_TABLE, GAPS_TABLE
from planbook.model import Kind
from planbook.text.divisions import Placement

GAP_COLUMNS: tuple[str, ...] = GAPS_TABLE.columns
COUNT_COLUMNS: tuple[str, ...] = COUNTS_TABLE.columns
RATE_UNIT = "%"


def midpoint(value: float, high: float | None) -> float:
    """A target's figure for a gap: a range at its midpoint, any other at its value."""
    return (value + high) / 2 if high is not None and not pd.isna(high) else value


def placed_pairs(pairs: pd.DataFrame, places: Mapping[str, Placement]) -> pd.DataFrame:
    """The target pairs with the region as placed from the target's report (贵州 → 贵州省), and its level."""
    out = pairs.copy()
    out["region"] = [
        places[r].name if r in places else reg for r, reg in zip(out["target_report"], out["region"], strict=True)
    ]
    out["level"] = [places[r].level if r in places else "" for r in out["target_report"]]
    return out


def verdicts(pairs: pd.DataFrame) -> dict[tuple[str, int], str]:
    """(target report, target start) → met (yes, no, unclear) for the targets whose outcome is known."""
    known = pairs[pairs["met"].isin(("yes", "no", "unclear"))]
    return {
        (str(r), int(s)): str(m)
        for r, s, m in zip(known["target_report"], known["target_start"], known["met"], strict=True)
    }


def hierarchy_gaps(frame: pd.DataFrame, met: Mapping[tuple[str, int], str] | None = None) -> pd.DataFrame:
    """Every target in % beside its parent's target for the same indicator, year and form, and the gap."""
    met = met or {}
    targets = frame[(frame["kind"] == Kind.TARGET) & (frame["unit"] == RATE_UNIT) & (frame["level"] != "")]
    by_region = {key: group for key, group in targets.groupby(["region", "year", "indicator", "measure"], sort=False)}
    records = []
    for row in targets.itertuples(index=False):
        if not row.parent:
            continue
        above = by_region.get((row.parent, row.year, row.indicator, row.measure))
        if above is None or len(above) != 1:
            continue  # the parent set no such target (or two regions of its name did: which is unknown)
        p = above.iloc[0]
        value, parent_value = midpoint(row.value, row.value_high), midpoint(p["value"], p["value_high"])
        records.append(
            {
                "year": row.year,
                "indicator": row.indicator,
                "measure": row.measure,
                "region": row.region,
                "level": row.level,
                "parent": row.parent,
                "parent_level": p["level"],
                "written": row.written,
                "parent_written": p["written"],
                "value": value,
                "parent_value": parent_value,
                "gap_pp": round(value - parent_value, 6),
                "met": met.get((row.report, int(row.start)), ""),
                "parent_met": met.get((p["report"], int(p["start"])), ""),
                "report": row.report,
                "sentence_start": row.sentence_start,
                "parent_report": p["report"],
                "parent_sentence_start": p["sentence_start"],
            }
        )
    gaps = GAPS_TABLE.frame(records)
    return gaps.sort_values(["year", "indicator", "parent", "region"], kind="stable").reset_index(drop=True)


def verdict_counts(pairs: pd.DataFrame, codes: set[str] | None = None) -> pd.DataFrame:
    """Per region: the targets of the latest year a report among the inputs reviews, by verdict (``codes`` only)."""
    if codes is not None:
        pairs = pairs[pairs["indicator"].isin(codes)]
    records = []
    for region, group in pairs.groupby("region", sort=True):
        reviewed = group[group["outcome_report"].astype(str) != ""]
        year = int(reviewed["year"].max()) if len(reviewed) else int(group["year"].max())
        of_year = group[group["year"] == year]
        counts = of_year["met"].value_counts()
        records.append(
            {
                "region": region,
                "level": of_year["level"].iloc[0] if "level" in of_year else "",
                "year": year,
                "targets": len(of_year),
                "met": int(counts.get("yes", 0)),
                "missed": int(counts.get("no", 0)),
                "unclear": int(counts.get("unclear", 0)),
                "not_reported": int(counts.get("not_reported", 0)),
            }
        )
    return COUNTS_TABLE.frame(records)
