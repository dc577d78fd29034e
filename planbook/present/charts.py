"""Altair chart builders with one theme: changes, shares, levels per unit, plan jumps, audit status."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd

from planbook.numbers import fmt_number, in_unit
from planbook.present.cells import STATUS_LABELS
from planbook.present.limits import first_groups, largest, titled

# Encodings are given as channel objects (alt.X("change:Q")), never as strings: Altair makes a channel of a
# string by indexing every class of its schema anew (~10 ms a call, more than the rest of a layer).
THEME = "planbook"
FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
# Okabe–Ito: distinguishable with the common colour-vision deficiencies.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
POSITIVE = "#0072B2"  # blue
NEGATIVE = "#D55E00"  # vermillion
NEUTRAL = "#7F7F7F"
PASS = "#009E73"  # bluish green
FLAG = "#D55E00"
RISE, FALL = "增长 rise (+)", "下降 fall (−)"
WIDTH = 460
BAR_STEP = 22
SENTENCE_CHARS = 90


def theme() -> alt.theme.ThemeConfig:
    """The single planbook theme: CJK font stack, Okabe–Ito categories, left-aligned titles."""
    label = {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12, "titleFontSize": 12}
    return alt.theme.ThemeConfig(
        {
            "config": {
                "font": FONT,
                "title": {"font": FONT, "fontSize": 15, "anchor": "start", "subtitleFont": FONT},
                "axis": {**label, "labelLimit": 260},
                "legend": {**label, "orient": "bottom"},
                "header": {"labelFont": FONT, "titleFont": FONT, "labelFontSize": 12},
                "range": {"category": list(OKABE_ITO)},
                "view": {"stroke": None},
                "text": {"font": FONT},
            }
        }
    )


def enable_theme() -> None:
    """Register (once) and enable the planbook theme."""
    if THEME not in alt.theme.names():
        alt.theme.register(THEME, enable=False)(theme)
    alt.theme.enable(THEME)


enable_theme()


def _short(sentence: str) -> str:
    s = str(sentence).strip()
    return s if len(s) <= SENTENCE_CHARS else s[: SENTENCE_CHARS - 1] + "…"


def _notes(table: pd.DataFrame) -> pd.Series | list[str]:
    """The scope or basis notes of a table's lines ("" where none), for the tooltips."""
    return table["note"].fillna("").astype(str) if "note" in table else [""] * len(table)


NOTE_TIP = alt.Tooltip("note:N", title="口径 note")


def empty_chart(title: str, message: str = "本报告未给出相关数据 — not stated in this report") -> alt.Chart:
    """A valid, data-free chart that says there is nothing to draw (keeps glue names stable)."""
    return (
        alt.Chart(alt.Data(values=[{"message": message}]), title=title)
        .mark_text(fontSize=13, color=NEUTRAL)
        .encode(text=alt.Text("message:N"))
        .properties(width=WIDTH, height=40)
    )


def _per_unit(
    df: pd.DataFrame, unit_col: str, title: str, build: Callable[..., alt.LayerChart], by: str
) -> alt.TopLevelMixin:
    """One panel per unit (never two units on one axis), stacked vertically; past MAX_BARS figures, the
    largest by ``by`` (the subtitle says so). ``build(rows, unit, **properties)`` makes a panel.

    Properties are given as the charts are made, not set after (``.properties``, ``.resolve_scale``): each
    such call copies the layers deeply, which cost more than drawing them; the spec is the same."""
    drawn = largest(df, by)
    df, heading = drawn.rows, titled(title, drawn.note)
    units = sorted(u for u in df[unit_col].unique())
    if len(units) == 1:
        return build(df[df[unit_col] == units[0]], units[0], title=heading)
    panels = [build(df[df[unit_col] == u], u) for u in units]
    independent = alt.Resolve(scale=alt.ScaleResolveMap(x="independent", y="independent"))
    return alt.vconcat(*panels, title=heading, resolve=independent)


def _names(indicators: pd.Series, years: pd.Series) -> list[str]:
    """Row labels that are unique within a chart: the indicator, plus the year or a counter if repeated."""
    ind = [str(x) for x in indicators]
    yrs = [str(y) for y in years]
    out, seen = [], {}
    for i, y in zip(ind, yrs, strict=True):
        name = i if ind.count(i) == 1 else f"{i} ({y})" if y else i
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} #{seen[name]}")
    return out


def _height(n: int) -> int:
    return max(BAR_STEP * n, 40)


def change_bars(table: pd.DataFrame, title: str = "变化 Changes") -> alt.TopLevelMixin:
    """Diverging bars of signed changes (one panel per change unit); falls vermillion, rises blue."""
    if table.empty or "change" not in table:
        return empty_chart(title)
    df = table[table["change"].notna()]
    if df.empty:
        return empty_chart(title)
    df = (
        pd.DataFrame(
            {
                "indicator": _names(df["indicator"], df["year"]),
                "year": df["year"].astype(str),
                "change": df["change"].astype(float),
                "unit": df["change_unit"].astype(str),
                "label": [fmt_number(v, signed=True) + u for v, u in zip(df["change"], df["change_unit"], strict=True)],
                "direction": [FALL if v < 0 else RISE for v in df["change"]],
                "note": list(_notes(df)),
                "sentence": df["sentence"].map(_short),
            }
        )
        .sort_values(["change", "indicator"], ascending=[False, True], kind="mergesort")
        .reset_index(drop=True)
    )

    def panel(d: pd.DataFrame, unit: str, **properties: object) -> alt.LayerChart:
        base = alt.Chart(d).encode(
            y=alt.Y("indicator:N", sort=list(d["indicator"]), title=None),
            x=alt.X("change:Q", title=f"变化 change ({unit})"),
            tooltip=[
                alt.Tooltip("indicator:N", title="指标"),
                alt.Tooltip("label:N", title=f"变化 ({unit})"),
                alt.Tooltip("year:N", title="年份"),
                NOTE_TIP,
                alt.Tooltip("sentence:N", title="原文"),
            ],
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "direction:N", title=None, scale=alt.Scale(domain=[RISE, FALL], range=[POSITIVE, NEGATIVE])
            ),
        )
        labels = base.mark_text(
            dx=alt.ExprRef("datum.change < 0 ? -4 : 4"),
            align=alt.ExprRef("datum.change < 0 ? 'right' : 'left'"),
            fontSize=11,
        ).encode(text=alt.Text("label:N"))
        zero = alt.Chart(alt.Data(values=[{"zero": 0}])).mark_rule(color="#333333").encode(x=alt.X("zero:Q"))
        return alt.layer(bars, labels, zero, width=WIDTH, height=_height(len(d)), **properties)

    return _per_unit(df, "unit", title, panel, by="change")


def level_bars(table: pd.DataFrame, title: str = "数值 Levels") -> alt.TopLevelMixin:
    """Bars of levels, one panel per unit (万亩 and 万吨 never share an axis); targets hatched by colour."""
    if table.empty or "level" not in table:
        return empty_chart(title)
    df = table[table["level"].notna() & (table["unit"].astype(str) != "")]
    if df.empty:
        return empty_chart(title)
    df = pd.DataFrame(
        {
            "indicator": _names(df["indicator"], df["year"]),
            "year": df["year"].astype(str),
            "status": df["status"].map(STATUS_LABELS).fillna(df["status"]),
            "level": df["level"].astype(float),
            "unit": df["unit"].astype(str),
            "label": [fmt_number(v) for v in df["level"]],
            "note": list(_notes(df)),
            "sentence": df["sentence"].map(_short),
        }
    ).reset_index(drop=True)

    def panel(d: pd.DataFrame, unit: str, **properties: object) -> alt.LayerChart:
        base = alt.Chart(d, title=alt.Title(f"单位 unit: {unit}", fontSize=12)).encode(
            y=alt.Y("indicator:N", sort=list(d["indicator"]), title=None),
            x=alt.X("level:Q", title=f"数值 value ({unit})"),
            tooltip=[
                alt.Tooltip("indicator:N", title="指标"),
                alt.Tooltip("label:N", title=f"数值 ({unit})"),
                alt.Tooltip("year:N", title="年份"),
                alt.Tooltip("status:N", title="实绩/目标"),
                NOTE_TIP,
                alt.Tooltip("sentence:N", title="原文"),
            ],
        )
        bars = base.mark_bar().encode(
            color=alt.Color(
                "status:N",
                title=None,
                scale=alt.Scale(domain=list(STATUS_LABELS.values()), range=[OKABE_ITO[0], OKABE_ITO[1]]),
            ),
        )
        labels = base.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text("label:N"))
        return alt.layer(bars, labels, width=WIDTH, height=_height(len(d)), **properties)

    return _per_unit(df, "unit", title, panel, by="level")


def share_groups(table: pd.DataFrame) -> pd.DataFrame:
    """Structure shares stated together (same sentence, year, status), with an 其他 remainder under 100%."""
    cols = ["group", "indicator", "share", "label", "sentence", "order", "note"]
    if table.empty or "share_pct" not in table:
        return pd.DataFrame(columns=cols)
    df = table[table["share_pct"].notna()]
    out = []
    for k, ((_s, year, status), g) in enumerate(df.groupby(["sentence_start", "year", "status"], sort=True)):
        if len(g) < 2:
            continue  # a lone share (占GDP比重 3%) is a number for the table, not a structure
        name = f"{year} {'实绩' if status == 'actual' else '目标'} ({k + 1})".strip()
        for i, (_, r) in enumerate(g.iterrows()):
            out.append(
                [
                    name,
                    r["indicator"],
                    float(r["share_pct"]),
                    fmt_number(r["share_pct"]) + "%",
                    _short(r["sentence"]),
                    i,
                    str(r.get("note", "") or ""),
                ]
            )
        rest = 100.0 - float(g["share_pct"].sum())
        if rest > 0.5:
            out.append([name, "其他 other", rest, fmt_number(round(rest, 2)) + "%", "", len(g), ""])
    return pd.DataFrame(out, columns=cols)


def share_bars(table: pd.DataFrame, title: str = "结构 Structure (%)") -> alt.TopLevelMixin:
    """100% stacked bars of shares stated together (e.g. 三产业结构比)."""
    df = share_groups(table)
    if df.empty:
        return empty_chart(title)
    drawn = first_groups(df, "group")
    df = drawn.rows
    base = alt.Chart(df, title=titled(title, drawn.note)).encode(
        y=alt.Y("group:N", title=None),
        x=alt.X("share:Q", stack="normalize", title="占比 share (%)", axis=alt.Axis(format="%")),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip("indicator:N", title="指标"),
            alt.Tooltip("label:N", title="占比 (%)"),
            NOTE_TIP,
            alt.Tooltip("sentence:N", title="原文"),
        ],
    )
    bars = base.mark_bar().encode(color=alt.Color("indicator:N", title=None, sort=None))
    labels = base.mark_text(color="white", fontSize=11, align="center").encode(
        x=alt.X("share:Q", stack="normalize", bandPosition=0.5), text=alt.Text("label:N")
    )
    return alt.layer(bars, labels, width=WIDTH, height=_height(df["group"].nunique()) + 20)


def jump_chart(plan: pd.DataFrame, title: str = "实绩 → 目标 Outcome → target") -> alt.TopLevelMixin:
    """Arrows from this year's change to next year's target change (one panel per unit)."""
    need = {"outcome_change", "target_change"}
    if plan.empty or not need <= set(plan.columns):
        return empty_chart(title)
    df = plan[plan["outcome_change"].notna() & plan["target_change"].notna()]
    if df.empty:
        return empty_chart(title)
    df = pd.DataFrame(
        {
            "indicator": _names(df["indicator"], df["target_year"]),
            "outcome": df["outcome_change"].astype(float),
            "target": df["target_change"].astype(float),
            "unit": df["change_unit"].astype(str),
            "outcome_label": [fmt_number(v, signed=True) for v in df["outcome_change"]],
            "target_label": [fmt_number(v, signed=True) for v in df["target_change"]],
            "direction": [FALL if v < 0 else RISE for v in df["outcome_change"]],
            "sentence": df["sentence"].map(_short),
        }
    ).reset_index(drop=True)

    def panel(d: pd.DataFrame, unit: str, **properties: object) -> alt.LayerChart:
        tip = [
            alt.Tooltip("indicator:N", title="指标"),
            alt.Tooltip("outcome_label:N", title=f"实绩 outcome ({unit})"),
            alt.Tooltip("target_label:N", title=f"目标 target ({unit})"),
            alt.Tooltip("sentence:N", title="目标原文"),
        ]
        y = alt.Y("indicator:N", sort=list(d["indicator"]), title=None)
        base = alt.Chart(d).encode(y=y, tooltip=tip)
        rule = base.mark_rule(color=NEUTRAL, strokeWidth=2).encode(
            x=alt.X("outcome:Q", title=f"变化 change ({unit})"), x2=alt.X2("target:Q")
        )
        outcome = base.mark_point(filled=True, size=90, shape="circle").encode(
            x=alt.X("outcome:Q"),
            color=alt.Color(
                "direction:N",
                title="实绩 outcome",
                scale=alt.Scale(domain=[RISE, FALL], range=[POSITIVE, NEGATIVE]),
            ),
        )
        target = base.mark_point(filled=True, size=110, shape="triangle-right", color="#000000").encode(
            x=alt.X("target:Q")
        )
        label = base.mark_text(align="left", dx=8, fontSize=11).encode(
            x=alt.X("target:Q"), text=alt.Text("target_label:N")
        )
        zero = (
            alt.Chart(alt.Data(values=[{"zero": 0}]))
            .mark_rule(color="#333333", strokeDash=[3, 3])
            .encode(x=alt.X("zero:Q"))
        )
        return alt.layer(rule, outcome, target, label, zero, width=WIDTH, height=_height(len(d)), **properties)

    return _per_unit(df, "unit", title, panel, by="target")


def audit_chart(audit: pd.DataFrame, title: str = "核对 Checks between figures") -> alt.TopLevelMixin:
    """Counts of passed and flagged checks between figures, per check. Only these count: the reading's
    self-checks (each change's sign against its wording) are left out here and shown in their own table."""
    figures = audit[audit["scope"] == "figures"] if len(audit) else audit
    if figures.empty:
        return empty_chart(title, "没有数字之间的核对 — no checks between figures")
    df = figures.groupby(["check", "status"], sort=True).size().reset_index(name="count")
    return (
        alt.Chart(df, title=title)
        .mark_bar()
        .encode(
            y=alt.Y("check:N", title=None, sort=None),
            x=alt.X("count:Q", title="核对数 number of checks", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("status:N", title=None, scale=alt.Scale(domain=["pass", "flag"], range=[PASS, FLAG])),
            tooltip=[
                alt.Tooltip("check:N", title="核对"),
                alt.Tooltip("status:N", title="结果"),
                alt.Tooltip("count:Q", title="数目"),
            ],
        )
        .properties(width=WIDTH, height=_height(df["check"].nunique()))
    )


MET_COLOURS = {"yes": POSITIVE, "no": NEGATIVE, "unclear": NEUTRAL, "not_reported": "#BBBBBB"}
MET_NAMES = {
    "yes": "达成 met",
    "no": "未达成 missed",
    "unclear": "不确定 unclear",
    "not_reported": "未报告 not reported",
}


def _year_axis(df: pd.DataFrame) -> alt.X:
    """Years on a continuous axis over the region's whole span (the same in every panel)."""
    lo, hi = int(df["year"].min()), int(df["year"].max())
    return alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[lo - 0.5, hi + 0.5], nice=False, zero=False),
        axis=alt.Axis(format="d", values=list(range(lo, hi + 1)), labelOverlap=True, grid=False),
    )


PANEL = {"width": 200, "height": 120}  # a panel of _panels (given to its layer)


def _panels(layer: alt.LayerChart, title: str) -> alt.TopLevelMixin:
    """A panel per indicator and unit, two a row, each with its own value axis and its years shown (``layer``
    made with the PANEL size: set after, it would copy the layers once more)."""
    return layer.facet(
        facet=alt.Facet("panel:N", title=None, header=alt.Header(labelFontSize=11)),
        columns=2,
        resolve=alt.Resolve(scale=alt.ScaleResolveMap(y="independent"), axis=alt.AxisResolveMap(x="independent")),
        title=title,
    )


def targets_chart(targets: pd.DataFrame, title: str = "目标与实绩 Targets and outcomes") -> alt.TopLevelMixin:
    """Per indicator: each year's target (grey tick) and the outcome the next report states (a dot
    coloured by the verdict: blue met, vermillion missed); a panel per indicator and unit."""
    df = targets[targets["outcome_value"].notna() | targets["target_value"].notna()].copy()
    if "headline" in df:
        df = df[df["headline"].astype(bool)]  # the macro targets; the others are in the table
    if df.empty:
        return empty_chart(title)
    df["panel"] = df["label"].fillna(df["indicator"]) + " (" + df["unit"] + ")"
    df["verdict"] = df["met"].map(MET_NAMES)
    df["year"] = df["year"].astype(int)
    # An outcome in another unit (420万吨 against 80亿斤) is drawn in the target's; the tooltip shows it as written.
    units = df["outcome_unit"] if "outcome_unit" in df else df["unit"]
    df["outcome_drawn"] = [
        in_unit(v, u or t, t) for v, u, t in zip(df["outcome_value"], units, df["unit"], strict=True)
    ]
    df["outcome_written"] = [f"{fmt_number(v)}{u or t}" if pd.notna(v) else "" for v, u, t in
                             zip(df["outcome_value"], units, df["unit"], strict=True)]  # fmt: skip
    tooltip = [
        alt.Tooltip("label:N", title="指标"),
        alt.Tooltip("year:O", title="年份"),
        alt.Tooltip("target_value:Q", title="目标 target"),
        alt.Tooltip("outcome_written:N", title="实绩 outcome"),
        alt.Tooltip("verdict:N", title="结果"),
        alt.Tooltip("note:N", title="说明"),
    ]
    base = alt.Chart(df).encode(x=_year_axis(df), tooltip=tooltip)
    target = base.mark_tick(color=NEUTRAL, thickness=3, size=14, orient="horizontal").encode(
        y=alt.Y("target_value:Q", title=None, scale=alt.Scale(padding=8))  # a target at 0 or the edge stays visible
    )
    outcome = base.mark_point(filled=True, size=80).encode(
        y=alt.Y("outcome_drawn:Q", title=None),
        color=alt.Color(
            "verdict:N",
            title="结果 verdict",
            scale=alt.Scale(domain=list(MET_NAMES.values()), range=[MET_COLOURS[k] for k in MET_NAMES]),
            legend=alt.Legend(orient="top"),
        ),
        href=alt.Href("outcome_link:N"),
    )
    return _panels(alt.layer(target, outcome, data=df, **PANEL), title)


def series_chart(points: pd.DataFrame, title: str = "历年 Over the years") -> alt.TopLevelMixin:
    """Each headline indicator across the region's reports (levels and growth rates in panels of
    their own); a revised figure and the preliminary one it replaced both show, told apart by shape."""
    df = points.copy()
    if df.empty:
        return empty_chart(title)
    df["panel"] = df["label"].fillna(df["indicator"]) + " (" + df["unit"] + ")"
    df["year"] = df["year"].astype(int)
    df["sentence"] = df["note"].fillna("")
    tooltip = [
        alt.Tooltip("label:N", title="指标"),
        alt.Tooltip("year:O", title="年份"),
        alt.Tooltip("value:Q", title="数值"),
        alt.Tooltip("unit:N", title="单位"),
        alt.Tooltip("report:N", title="报告 report"),
        alt.Tooltip("status:N", title="状态 status"),
    ]
    base = alt.Chart(df).encode(x=_year_axis(df), y=alt.Y("value:Q", title=None, scale=alt.Scale(padding=8)))
    # The line joins one figure a year (a superseded or an ambiguous figure is a dot only).
    line = base.transform_filter("datum.status != 'superseded' && datum.status != 'ambiguous'").mark_line(
        color=POSITIVE
    )
    dots = base.mark_point(filled=True, size=60).encode(
        shape=alt.Shape("status:N", title="状态 status", legend=alt.Legend(orient="top")),
        color=alt.condition(alt.datum.value < 0, alt.value(NEGATIVE), alt.value(POSITIVE)),
        tooltip=tooltip,
        href=alt.Href("link:N"),
    )
    return _panels(alt.layer(line, dots, data=df, **PANEL), title)
