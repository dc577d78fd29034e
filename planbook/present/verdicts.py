"""A region's verdicts counted: met, missed, unclear and not reported per year and per indicator, with
each report's own words on its targets beside planbook's counts (the opening of the targets chapter)."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from planbook.frames import VERDICTS_BY_LABEL, VERDICTS_BY_YEAR
from planbook.present.cells import MET_LABELS, link_html
from planbook.present.charts import MET_COLOURS, MET_NAMES, WIDTH, _height, empty_chart

VERDICTS = ("yes", "no", "unclear", "not_reported")
TONE_LABELS = {"met": "达成 met", "mostly": "基本 mostly", "missed": "未完成 missed"}


def verdict_counts(targets: pd.DataFrame, by: str) -> pd.DataFrame:
    """Targets counted by ``by`` (``year`` or ``label``) and verdict: columns ``by``, yes, no, unclear,
    not_reported, total; years in order, indicators by their number of targets."""
    table = {"year": VERDICTS_BY_YEAR, "label": VERDICTS_BY_LABEL}[by]
    if targets.empty:
        return table.frame([])
    counts = pd.crosstab(targets[by], targets["met"]).reindex(columns=list(VERDICTS), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    counts = counts.reset_index()
    counts.columns.name = None
    if by != "year":
        counts = counts.sort_values(["total", by], ascending=[False, True], kind="mergesort")
    return table.frame(counts.reset_index(drop=True))


def _quotes(own: pd.DataFrame) -> str:
    """A report's own words, each clause linked to its sentence, with its tone."""
    items = []
    for r in own.itertuples():
        tone = TONE_LABELS.get(r.tone, r.tone)
        items.append(f"「{html.escape(r.clause)}」 ({html.escape(tone)}) {link_html(r.link, r.report)}")
    return "<br>".join(items)


def _table(head: list[str], body: list[list[str]]) -> str:
    cells = "".join(f"<th>{html.escape(h)}</th>" for h in head)
    rows = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in body)
    return f'<table class="planbook-table"><thead><tr>{cells}</tr></thead><tbody>{rows}</tbody></table>'


def year_verdicts_html(targets: pd.DataFrame, own: pd.DataFrame) -> str:
    """Per year: planbook's verdicts counted, and the words of the report reviewing the year on its targets."""
    counts = verdict_counts(targets, "year")
    years = sorted({int(y) for y in counts["year"]} | {int(y) for y in own["year"].dropna()})
    if not years:
        return ""
    by_year = {int(r["year"]): r for _, r in counts.iterrows()}
    body = []
    for year in years:
        row = by_year.get(year)
        numbers = [str(int(row[v])) if row is not None else "0" for v in (*VERDICTS, "total")]
        words = own[own["year"] == year] if len(own) else own
        body.append([str(year), *numbers, _quotes(words) or "—"])
    head = ["年份 Year", *(MET_LABELS[v] for v in VERDICTS), "合计 Total", "报告自评 The report's own words"]
    return _table(head, body)


def indicator_verdicts_html(targets: pd.DataFrame) -> str:
    """Per indicator: planbook's verdicts counted over the years."""
    counts = verdict_counts(targets, "label")
    body = [
        [html.escape(str(r["label"])), *(str(int(r[v])) for v in (*VERDICTS, "total"))] for _, r in counts.iterrows()
    ]
    head = ["指标 Indicator", *(MET_LABELS[v] for v in VERDICTS), "合计 Total"]
    return _table(head, body) if body else ""


def verdicts_chart(targets: pd.DataFrame, title: str = "每年目标完成情况 Verdicts by year") -> alt.TopLevelMixin:
    """A stacked bar per year: how many of its targets were met, missed, unclear or not reported."""
    counts = verdict_counts(targets, "year")
    if counts.empty:
        return empty_chart(title, "没有目标 — no targets")
    long = counts.melt(id_vars="year", value_vars=list(VERDICTS), var_name="met", value_name="count")
    long = long[long["count"] > 0].assign(
        verdict=lambda d: d["met"].map(MET_NAMES), year=lambda d: d["year"].astype(str)
    )
    names = [MET_NAMES[v] for v in VERDICTS]
    return (
        alt.Chart(long, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("year:O", title="年份 year", sort="descending"),
            x=alt.X("count:Q", title="目标数 number of targets", stack="zero", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color(
                "verdict:N",
                title=None,
                sort=names,
                scale=alt.Scale(domain=names, range=[MET_COLOURS[v] for v in VERDICTS]),
            ),  # fmt: skip
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:O", title="年份"),
                alt.Tooltip("verdict:N", title="结果"),
                alt.Tooltip("count:Q", title="数目"),
            ],  # fmt: skip
        )
        .transform_calculate(order=f"indexof({names!r}, datum.verdict)")
        .properties(width=WIDTH, height=_height(counts["year"].nunique()))
    )
