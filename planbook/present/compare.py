"""The regions compared as readers see them: a table per year (regions × headline indicators, each figure
as the report writes it and linked to its sentence), a dot chart per indicator, the hierarchy gaps."""

from __future__ import annotations

import html

import altair as alt
import pandas as pd

from planbook.analysis.compare import headline_codes, level_rank
from planbook.analysis.hierarchy import midpoint
from planbook.model import Kind
from planbook.numbers import fmt_number
from planbook.present.cells import MET_LABELS, link_html
from planbook.present.charts import NEGATIVE, NEUTRAL, POSITIVE, WIDTH, empty_chart

LEVEL_LABELS = {
    "national": "全国 national",
    "province": "省级 province",
    "city": "市级 city",
    "county": "县级 county",
    "district": "区 district",
    "": "不明 unknown",
}
TARGET, OUTCOME, NATIONAL = "目标 target", "实绩 outcome", "全国 national"
ROW_STEP = 18


def plan_years(rows: pd.DataFrame) -> list[int]:
    """The years whose targets (and the outcomes of the year before) the tables show, latest first."""
    return sorted({int(y) for y in _plan_year(rows).dropna()}, reverse=True)


def _plan_year(rows: pd.DataFrame) -> pd.Series:
    """The year a row belongs to: a target's own year, an outcome's year + 1 (the year its report plans)."""
    return rows["year"] + (rows["kind"] == Kind.ACTUAL).astype(int)


def _regions(rows: pd.DataFrame) -> pd.DataFrame:
    """The regions of the rows, national first, then by level, parent and name."""
    regions = rows[["region", "level", "parent"]].drop_duplicates()
    order = regions["level"].map(level_rank)
    return regions.assign(_o=order).sort_values(["_o", "parent", "region"], kind="stable").drop(columns="_o")


def _cell(group: pd.DataFrame) -> str:
    """An outcome and a target as written, each linked to its sentence: 5.4% → 5%左右."""
    parts = []
    for kind in (Kind.ACTUAL, Kind.TARGET):
        r = group[group["kind"] == kind]
        if r.empty:
            parts.append("—")
            continue
        row = r.iloc[0]
        parts.append(link_html(row["link"], row["written"]) or html.escape(row["written"]))
    return " → ".join(parts) if parts != ["—", "—"] else ""


def year_table_html(rows: pd.DataFrame, year: int) -> str:
    """Regions × headline indicators for one plan year: each cell the outcome of the year before → the target."""
    of_year = rows[_plan_year(rows) == year]
    if of_year.empty:
        return ""
    labels = list(dict.fromkeys(of_year.sort_values("indicator", key=_code_order)["label"]))
    head = "".join(f"<th>{html.escape(h)}</th>" for h in ("地区 Region", "级别 Level", "上级 Parent", *labels))
    body = []
    for region in _regions(of_year).itertuples(index=False):
        mine = of_year[(of_year["region"] == region.region) & (of_year["parent"] == region.parent)]
        cells = [html.escape(region.region or "(不明 unknown)"), LEVEL_LABELS.get(region.level, region.level)]
        cells.append(html.escape(region.parent))
        cells += [_cell(mine[mine["label"] == label]) for label in labels]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    caption = f"{year - 1}年实绩 → {year}年目标 (outcomes of {year - 1} → targets for {year})"
    return (
        f'<table class="planbook-table"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def _code_order(codes: pd.Series) -> pd.Series:
    order = {c: i for i, c in enumerate(headline_codes())}
    return codes.map(lambda c: order.get(c, len(order)))


def chart_keys(rows: pd.DataFrame) -> list[tuple[int, str]]:
    """(plan year, indicator) with figures of at least two regions: one dot chart each, latest year first."""
    df = rows.assign(plan_year=_plan_year(rows))
    counts = df.groupby(["plan_year", "indicator"])["region"].nunique()
    keys = [(int(y), str(i)) for (y, i), n in counts.items() if n >= 2]
    codes = pd.Series([k[1] for k in keys], dtype=object)
    rank = dict(zip(codes, _code_order(codes), strict=True))
    return sorted(keys, key=lambda k: (-k[0], rank.get(k[1], 0), k[1]))


def _dots_frame(rows: pd.DataFrame, year: int, indicator: str) -> pd.DataFrame:
    """The figures of one chart in the form and unit most regions state (never two units on one axis)."""
    df = rows[(_plan_year(rows) == year) & (rows["indicator"] == indicator)].copy()
    if df.empty:
        return df
    form = df.groupby(["measure", "unit"]).size().sort_values(ascending=False, kind="stable").index[0]
    df = df[(df["measure"] == form[0]) & (df["unit"] == form[1])].copy()
    df["name"] = [r if r else "(不明 unknown)" for r in df["region"]]
    df["series"] = [NATIONAL if lv == "national" else TARGET if k == Kind.TARGET else OUTCOME
                    for lv, k in zip(df["level"], df["kind"], strict=True)]  # fmt: skip
    df["high"] = [h if pd.notna(h) else v for v, h in zip(df["value"], df["value_high"], strict=True)]
    df["mid"] = [midpoint(v, h if pd.notna(h) else None) for v, h in zip(df["value"], df["value_high"], strict=True)]
    return df


def dot_chart(rows: pd.DataFrame, year: int, indicator: str) -> alt.TopLevelMixin:
    """The regions' targets for ``year`` (a range as a bar) and outcomes of the year before, sorted by target;
    the national figures as lines when a national report is among the inputs."""
    df = _dots_frame(rows, year, indicator)
    if df.empty:
        return empty_chart(indicator)
    label, unit = df["label"].iloc[0], df["unit"].iloc[0]
    regional = df[df["series"] != NATIONAL]
    targets = regional[regional["kind"] == Kind.TARGET].sort_values(["mid", "name"], ascending=[False, True])
    order = list(dict.fromkeys([*targets["name"], *regional.sort_values("mid", ascending=False)["name"]]))
    tooltip = [
        alt.Tooltip("name:N", title="地区"),
        alt.Tooltip("series:N", title="目标/实绩"),
        alt.Tooltip("written:N", title="原文写法"),
        alt.Tooltip("year:O", title="年份"),
        alt.Tooltip("report:N", title="报告 report"),
    ]
    colours = alt.Scale(domain=[TARGET, OUTCOME, NATIONAL], range=[NEUTRAL, POSITIVE, NEGATIVE])
    base = alt.Chart(regional).encode(
        y=alt.Y("name:N", sort=order, title=None),
        x=alt.X("value:Q", title=f"{label} ({unit})", scale=alt.Scale(zero=False, padding=10)),
        color=alt.Color("series:N", title=None, scale=colours, legend=alt.Legend(orient="top")),
        tooltip=tooltip,
        href=alt.Href("link:N"),
    )
    bars = (
        base.transform_filter(alt.datum.kind == "target")
        .mark_rule(strokeWidth=7, opacity=0.6)
        .encode(x2=alt.X2("high:Q"))
    )
    ticks = base.transform_filter(alt.datum.kind == "target").mark_tick(thickness=3, size=14)
    dots = base.transform_filter(alt.datum.kind == "actual").mark_point(filled=True, size=70)
    layers = [bars, ticks, dots]
    national = df[df["series"] == NATIONAL]
    if not national.empty:
        layers.append(
            alt.Chart(national)
            .mark_rule(strokeDash=[4, 3])
            .encode(x=alt.X("mid:Q"), color=alt.Color("series:N", scale=colours), tooltip=tooltip)
        )
    title = f"{label}: {year}年目标与{year - 1}年实绩 targets for {year}, outcomes of {year - 1}"
    # Properties given to the layer as it is made: set after, they would copy the layers once more.
    return alt.layer(*layers, title=title, width=WIDTH, height=max(ROW_STEP * len(order), 40))


def gaps_html(gaps: pd.DataFrame) -> str:
    """The hierarchy table: each target beside its parent's, the gap, and whether each met its own."""
    if gaps.empty:
        return ""
    body = []
    for g in gaps.itertuples(index=False):
        cells = [
            str(g.year),
            html.escape(g.label),
            f"{html.escape(g.region)} ({LEVEL_LABELS.get(g.level, g.level)})",
            link_html(g.link, g.written),
            f"{html.escape(g.parent)} ({LEVEL_LABELS.get(g.parent_level, g.parent_level)})",
            link_html(g.parent_link, g.parent_written),
            html.escape(fmt_number(g.gap_pp, signed=True)),
            html.escape(MET_LABELS.get(g.met, g.met or "—")),
            html.escape(MET_LABELS.get(g.parent_met, g.parent_met or "—")),
        ]
        body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    heads = ("年份 Year", "指标 Indicator", "地区 Region", "目标 Target", "上级 Parent", "上级目标 Parent's target",
             "差 Gap (个百分点)", "本级达成 Met (region)", "上级达成 Met (parent)")  # fmt: skip
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    return f'<table class="planbook-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


def gap_chart(gaps: pd.DataFrame, title: str = "层层加码 Targets down the hierarchy") -> alt.TopLevelMixin:
    """Bars of the gaps in percentage points (a region's target − its parent's): above the parent blue, below it
    vermillion."""
    if gaps.empty:
        return empty_chart(title, "没有上下级同一目标 — no region and its parent set the same target")
    df = gaps.copy()
    df["name"] = [f"{r} − {p} · {lb.split(' ')[0]} {y}" for r, p, lb, y in
                  zip(df["region"], df["parent"], df["label"], df["year"], strict=True)]  # fmt: skip
    df["side"] = ["高于上级 above" if v > 0 else "低于上级 below" if v < 0 else "持平 equal" for v in df["gap_pp"]]
    return (
        alt.Chart(df, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("name:N", title=None, sort=list(df["name"])),
            x=alt.X("gap_pp:Q", title="差 gap (个百分点 pp)"),
            color=alt.Color(
                "side:N",
                title=None,
                scale=alt.Scale(
                    domain=["高于上级 above", "低于上级 below", "持平 equal"], range=[POSITIVE, NEGATIVE, NEUTRAL]
                ),
            ),
            tooltip=[
                alt.Tooltip("name:N", title="地区"),
                alt.Tooltip("written:N", title="目标"),
                alt.Tooltip("parent_written:N", title="上级目标"),
                alt.Tooltip("gap_pp:Q", title="差 (个百分点)"),
            ],
            href=alt.Href("link:N"),
        )
        .properties(width=WIDTH, height=max(22 * len(df), 40))
    )


def verdicts_html(counts: pd.DataFrame) -> str:
    """Last year's targets against outcomes, region by region: met, missed, unclear, not reported."""
    if counts.empty:
        return ""
    heads = ("地区 Region", "级别 Level", "目标年份 Year", "目标 Targets", "达成 Met", "未达成 Missed",
             "不确定 Unclear", "未报告 Not reported")  # fmt: skip
    head = "".join(f"<th>{html.escape(h)}</th>" for h in heads)
    body = []
    for c in counts.itertuples(index=False):
        cells = [c.region, LEVEL_LABELS.get(c.level, c.level), c.year, c.targets, c.met, c.missed, c.unclear,
                 c.not_reported]  # fmt: skip
        body.append("<tr>" + "".join(f"<td>{html.escape(str(x))}</td>" for x in cells) + "</tr>")
    return f'<table class="planbook-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'
