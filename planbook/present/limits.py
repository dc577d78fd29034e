"""How much a chart draws: past a limit, the figures with the largest values, and a subtitle saying so.

Altair refuses to embed more than 5,000 rows in a chart (``MaxRowsError``), and long before that a bar
chart stops being readable (a bar is 22 pixels: 1,000 bars are a chart 22,000 pixels high, near what a
browser's canvas can draw). A very large report (or one that repeats its figures many times) can give a
chapter tens of thousands of figures: its charts then draw the ``MAX_BARS`` figures of largest absolute
value, in their usual order, and their subtitle says how many of how many are shown. The tables beside
the charts list every figure.
"""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

MAX_BARS = 1000


@dataclass(frozen=True)
class Drawn:
    """The rows a chart draws, and the note for its subtitle ("" when it draws them all)."""

    rows: pd.DataFrame
    note: str = ""


def largest(df: pd.DataFrame, by: str, limit: int = MAX_BARS) -> Drawn:
    """The ``limit`` rows of largest ``|by|`` (the first in order among equals), kept in their order."""
    if len(df) <= limit:
        return Drawn(df)
    magnitude = pd.to_numeric(df[by], errors="coerce").abs().fillna(-1.0).reset_index(drop=True)
    keep = magnitude.sort_values(ascending=False, kind="mergesort").index[:limit].sort_values()
    note = (
        f"显示绝对值最大的 {limit:,} 项（共 {len(df):,} 项）— the {limit:,} largest of {len(df):,} figures "
        "are drawn; the table lists every one"
    )
    return Drawn(df.iloc[keep], note)


def first_groups(df: pd.DataFrame, group: str, limit: int = MAX_BARS) -> Drawn:
    """The rows of the first ``limit`` groups (a bar each), in their order."""
    groups = df[group].drop_duplicates()
    if len(groups) <= limit:
        return Drawn(df)
    note = f"显示前 {limit:,} 组（共 {len(groups):,} 组）— the first {limit:,} of {len(groups):,} groups are drawn"
    return Drawn(df[df[group].isin(set(groups.iloc[:limit]))], note)


def titled(title: str, note: str) -> str | alt.TitleParams:
    """The chart's title, with the note as its subtitle when there is one."""
    return alt.TitleParams(title, subtitle=[note], anchor="start") if note else title
