"""Headline figures: the year under review, the Overview's headline table and the landing page's cards.

Both rules are kept as they were and side by side here, so that they can become one rule.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from planbook.analysis.tables import indicator_table
from planbook.model import IndicatorRow
from planbook.terms import INDICATOR_TERMS, terms

# Changes a landing card shows beside a level: relative ones (a change of an amount is not shown).
CARD_CHANGES = ("change_pct", "change_pp")


def main_year(rows: pd.DataFrame) -> int | None:
    """The year under review: the most frequent period of actual rows (latest on a tie)."""
    periods = rows.loc[rows["kind"] == "actual", "period"].dropna()
    if periods.empty:
        return None
    counts = periods.astype(int).value_counts()
    best = counts.max()
    return int(max(p for p, n in counts.items() if n == best))


def is_headline(name: str) -> bool:
    """True when the name holds a headline term of data/indicator_terms.csv (GDP, value added …)."""
    return any(t in name for t in terms(INDICATOR_TERMS, "headline"))


def headline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """This year's headline outcomes: the overview chapter's actuals plus headline indicators elsewhere."""
    year = main_year(rows)
    keep = (rows["kind"] == "actual") & (
        (rows["chapter"] == "overview") | rows["indicator"].map(is_headline).astype(bool)
    )
    if year is not None:
        keep &= rows["period"].fillna(year).astype(int) == year
    return indicator_table(rows[keep])


@dataclass(frozen=True)
class HeadlineFigure:
    """A landing card: a level and, when the same sentence gives it, its change after it."""

    label: str
    level: IndicatorRow
    change: IndicatorRow | None


def headline_figures(rows: Sequence[IndicatorRow], year: int | None, limit: int = 4) -> list[HeadlineFigure]:
    """The first actual levels of distinct indicators (overview chapter first), with their change."""
    levels = [
        r for r in rows if r.measure == "level" and r.kind == "actual" and (year is None or r.period in (year, None))
    ]
    levels.sort(key=lambda r: (r.chapter != "overview", r.start))
    picked: list[HeadlineFigure] = []
    seen: set[str] = set()
    for r in levels:
        name = r.indicator or r.indicator_en
        if not name or name in seen:
            continue
        seen.add(name)
        change = next(
            (
                c
                for c in rows
                if c.sentence_start == r.sentence_start
                and c.start > r.start
                and c.indicator == r.indicator
                and c.measure in CARD_CHANGES
            ),
            None,
        )
        picked.append(HeadlineFigure(name, r, change))
        if len(picked) >= limit:
            break
    return picked
