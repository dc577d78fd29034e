"""Tables as readers see them: reader-facing text cells (HTML-escaped, links as <a>) and plain HTML tables."""

from __future__ import annotations

import html
from collections.abc import Callable

import pandas as pd

from planbook.frames import TableKind, kind_of
from planbook.model import CheckResult
from planbook.numbers import fmt_bound, fmt_change, fmt_number

QUALIFIER_LABELS: dict[str, str] = {
    "approx": "约",
    # A bound as written bounds the figure's size: 下降5%以上 is a fall of 5% or more (not "≥ −5").
    "lower_bound": "以上 or more",
    "upper_bound": "以内 or less",
    "estimate": "预计",
    "before": "之前",
    "after": "之后",
    "range_low": "区间下限",
    "range_high": "区间上限",
    "partial_year": "年内部分月份",
}
STATUS_LABELS: dict[str, str] = {"actual": "实绩 actual", "target": "目标 target"}
CHECK_LABELS: dict[str, str] = {
    "sector_sum": "三次产业增加值之和 = 生产总值 (sectors sum to GDP)",
    "structure_shares": "结构比重 = 增加值 / 合计 (shares match levels)",
    "rate_parts": "比率 = 部分 / 总数 (rates match their parts)",
    "before_after": "压缩/减少幅度 = 前后数值 (reductions match before/after)",
    "change_sign": "变化符号与措辞一致 (sign matches wording)",
}

Cells = dict[str, Callable[[pd.Series], str]]


def link_html(url: str, label: str = "原文") -> str:
    """An HTML anchor to a source sentence (empty when there is no URL)."""
    return f'<a href="{html.escape(url)}">{html.escape(label)}</a>' if url else ""


def _level_text(r: pd.Series) -> str:
    lv, unit = fmt_number(r["level"]), r["unit"]
    if r.get("before") is not None and pd.notna(r.get("before")):
        return f"{fmt_number(r['before'])} → {lv} {unit}".strip()
    if pd.notna(r.get("level_high")):
        return f"{lv}–{fmt_number(r['level_high'])} {unit}".strip()
    return f"{lv} {unit}".strip() if lv else ""


def _rank_gap_text(r: pd.Series) -> str:
    """全省第2位; 比全国 +1.4个百分点: a rank and a gap with the area each is measured against."""
    parts = []
    if pd.notna(r["rank"]):
        mark = "前" if r.get("rank_top", False) in (True, "True") else "第"  # 全国前10位: among the first ten
        parts.append(f"{r.get('rank_area', '') or ''}{mark}{fmt_number(r['rank'])}位")
    if pd.notna(r["gap_pp"]):
        area = r.get("gap_area", "") or ""
        parts.append(f"比{area} " * bool(area) + fmt_change(r["gap_pp"], "个百分点"))
    return "; ".join(parts)


def _share_text(r: pd.Series) -> str:
    parts = []
    if pd.notna(r["share_pct"]):
        parts.append(f"占比 {fmt_number(r['share_pct'])}%")
    if pd.notna(r["ratio_pct"]):
        parts.append(f"{fmt_number(r['ratio_pct'])}%")
    return "; ".join(parts)


def _qualifier_text(q: str) -> str:
    return "、".join(QUALIFIER_LABELS.get(x, x) for x in q.split(";") if x)


def _cells(table: pd.DataFrame, cols: Cells) -> pd.DataFrame:
    rows = [r for _, r in table.iterrows()]  # once for all the columns: iterrows builds a Series a row
    return pd.DataFrame({k: [f(r) for r in rows] for k, f in cols.items()}, columns=list(cols))


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """A chapter table as reader-facing text cells (HTML-escaped, link as <a>), empty columns dropped."""
    e = html.escape
    out = _cells(
        table,
        {
            "指标 Indicator": lambda r: e(r["indicator"]),
            "English": lambda r: e(r["indicator_en"]),
            "年份 Year": lambda r: str(r["year"]),
            "实绩/目标 Status": lambda r: STATUS_LABELS.get(r["status"], r["status"]),
            "数值 Level": lambda r: e(_level_text(r)),
            "变化 Change": lambda r: e(fmt_change(r["change"], r["change_unit"])),
            "排名/差距 Rank/gap": lambda r: e(_rank_gap_text(r)),
            "占比/比率 Share/rate": lambda r: e(_share_text(r)),
            "说明 Qualifier": lambda r: e(_qualifier_text(r["qualifier"])),
            "口径 Note": lambda r: e(r.get("note", "") or ""),
            "原文 Source": lambda r: link_html(r["link"]),
        },
    )
    keep = [c for c in out.columns if c.startswith("指标") or c.startswith("原文") or (out[c] != "").any()]
    return out[keep]


def _plan_level(v: float, unit: str) -> str:
    s = fmt_number(v)
    return f"{s} {unit}".strip() if s else ""


def _plan_side(r: pd.Series, which: str) -> str:
    """One side of a plan line (outcome or target): level; change; rate (year)."""
    parts = [_plan_level(r[f"{which}_level"], r["unit"]), fmt_change(r[f"{which}_change"], r["change_unit"])]
    rate = fmt_number(r[f"{which}_rate"])
    parts.append(f"{rate}%" if rate else "")
    text = "; ".join(x for x in parts if x)
    year = r[f"{which}_year"]
    return f"{text} ({year})" if text and year else text


def display_plan(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan-vs-outcome table as reader-facing text cells."""
    e = html.escape
    out = _cells(
        plan,
        {
            "指标 Indicator": lambda r: e(r["indicator"]),
            "对应实绩 Outcome of": lambda r: e(r["outcome_indicator"]),
            "实绩 Outcome": lambda r: e(_plan_side(r, "outcome")),
            "目标 Target": lambda r: e(_plan_side(r, "target")),
            "跃升 Jump": lambda r: e(fmt_change(r["jump"], r["change_unit"])),
            "隐含水平 Implied level": lambda r: e(_plan_level(round(r["implied_level"], 2), r["unit"])),
            "隐含变化 Implied change": lambda r: e(fmt_change(round(r["implied_change"], 1), "%")),
            "说明 Qualifier": lambda r: e(_qualifier_text(r["qualifier"])),
            "目标原文 Target source": lambda r: link_html(r["link"]),
            "实绩原文 Outcome source": lambda r: link_html(r["outcome_link"]),
        },
    )
    keep = [c for c in out.columns if c.startswith("指标") or (out[c] != "").any()]
    return out[keep]


def display_audit(audit: pd.DataFrame) -> pd.DataFrame:
    """Audit results as reader-facing text cells (HTML-escaped, source as a link)."""
    e = html.escape
    return _cells(
        audit,
        {
            "核对 Check": lambda r: e(CHECK_LABELS.get(r["check"], r["check"])),
            "对象 Subject": lambda r: e(r["subject"]),
            "推算 Expected": lambda r: e(fmt_number(r["expected"])),
            "报告 Stated": lambda r: e(fmt_number(r["stated"])),
            "差 Difference": lambda r: e(fmt_number(r["difference"], signed=True)),
            "结果 Status": lambda r: "✔ pass" if r["status"] == CheckResult.PASS else "⚠ flag",
            "说明 Detail": lambda r: e(r["detail"]),
            "原文 Source": lambda r: link_html(r["link"]),
        },
    )


MET_LABELS: dict[str, str] = {
    "yes": "✔ 达成 met",
    "no": "✘ 未达成 missed",
    "unclear": "？不确定 unclear",
    "not_reported": "— 未报告 not reported",
}
SOURCE_LABELS: dict[str, str] = {
    "preliminary": "初次公布 first statement",
    "communique": "统计公报 communiqué",
    "revised": "修订 revised",
}
_SIGNED_MEASURES = ("change_pct", "change_pp", "change_abs", "avg_change_pct", "cum_change_pct")


def _figure(value: object, unit: str, qualifier: str = "", measure: str = "", written: str = "") -> str:
    """A figure with its bound in words of its size, and as written when that says more (下降5%以上)."""
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return ""
    return fmt_bound(float(value), unit, qualifier, measure in _SIGNED_MEASURES, written)  # type: ignore[arg-type]


def _side_unit(r: pd.Series, side: str) -> str:
    """The unit one side is written in (80亿斤 against 420万吨: each as written)."""
    return str(r.get(f"{side}_unit", "") or r["unit"])


def display_targets(targets: pd.DataFrame) -> pd.DataFrame:
    """Target → outcome pairs as reader-facing cells: the target as written, the outcome the verdict uses and what
    it is (first statement, communiqué, revised), the first statement when it was revised, a link for each."""
    e = html.escape

    def side(r: pd.Series, s: str) -> str:
        return _figure(r.get(f"{s}_value"), _side_unit(r, s), r.get(f"{s}_qualifier", ""), r["measure"])

    return _cells(
        targets,
        {
            "年份 Year": lambda r: str(r["year"]),
            "指标 Indicator": lambda r: e(r.get("label", "") or r["indicator"]),
            "目标 Target": lambda r: e(
                _figure(r["target_value"], r["unit"], r["target_qualifier"], r["measure"], r.get("target_written", ""))
            ),  # fmt: skip
            "实绩 Outcome": lambda r: e(side(r, "outcome")),
            "来源 Stated as": lambda r: e(SOURCE_LABELS.get(r.get("outcome_source", ""), r.get("outcome_source", ""))),
            "初次公布 First stated": lambda r: e(side(r, "preliminary")),
            "结果 Verdict": lambda r: e(MET_LABELS.get(r["met"], r["met"])),
            "说明 Note": lambda r: e(r["note"]),
            "目标原文 Target source": lambda r: link_html(r["target_link"], r["target_report"]),
            "实绩原文 Outcome source": lambda r: link_html(r["outcome_link"], r["outcome_report"]),
            "初次公布原文 First statement source": lambda r: link_html(
                r.get("preliminary_link", ""), r.get("preliminary_report", "")
            ),  # fmt: skip
        },
    )


def display_series(points: pd.DataFrame) -> pd.DataFrame:
    """A region's series as reader-facing cells: year, figure, the report that states it, its status."""
    e = html.escape
    return _cells(
        points,
        {
            "指标 Indicator": lambda r: e(r.get("label", "") or r["indicator"]),
            "年份 Year": lambda r: str(r["year"]),
            "数值 Figure": lambda r: e(_figure(r["value"], r["unit"], "", r["measure"])),
            "报告 Report": lambda r: link_html(r["link"], r["report"]),
            "状态 Status": lambda r: e(r["status"]),
            "说明 Note": lambda r: e(r["note"]),
        },
    )


CROSS_YEAR_LABELS: dict[str, str] = {
    "growth_chain": "上年水平 × (1 + 增速) = 本年水平 (last year's level grown at this year's rate)",
    "restated": "同一年份的数字被修订 (a figure restated by a later report)",
}


def display_cross_year(audit: pd.DataFrame) -> pd.DataFrame:
    """The audit across a region's years as reader-facing cells, every figure linked to its sentence."""
    e = html.escape

    def expected(r: pd.Series) -> str:
        if pd.isna(r["expected_low"]):
            return ""
        return f"{fmt_number(round(r['expected_low'], 2))}–{fmt_number(round(r['expected_high'], 2))}"

    return _cells(
        audit,
        {
            "核对 Check": lambda r: e(CROSS_YEAR_LABELS.get(r["check"], r["check"])),
            "指标 Indicator": lambda r: e(r.get("label", "") or r["indicator"]),
            "年份 Year": lambda r: str(r["year"]),
            "报告 Stated": lambda r: e(_figure(r["value"], r["unit"])) + " " + link_html(r["value_link"]),
            "上年 Base": lambda r: e(_figure(r["base_value"], r["base_unit"])) + " " + link_html(r["base_link"]),
            "增速 Growth": lambda r: e(_figure(r["growth"], "%", "", "change_pct")) + " " + link_html(r["growth_link"]),
            "推算 Expected": lambda r: e(expected(r)),
            "结果 Status": lambda r: e(r["status"]),
            "说明 Note": lambda r: e(r["note"]),
        },
    )


def html_cells(df: pd.DataFrame) -> pd.DataFrame:
    """Reader-facing cells for any frame: a declared table (``planbook.frames``) gets the formatter of its kind,
    any other frame is escaped text."""
    show = _DISPLAYS.get(kind_of(df))  # type: ignore[arg-type]
    return show(df) if show is not None else df.astype(str).map(html.escape)


# The formatter of each kind of table; the other kinds are not shown through html_cells.
_DISPLAYS: dict[TableKind, Callable[[pd.DataFrame], pd.DataFrame]] = {
    TableKind.TARGETS: display_targets,
    TableKind.SERIES: display_series,
    TableKind.CROSS_YEAR: display_cross_year,
    TableKind.CHAPTER: display_table,
    TableKind.PLAN: display_plan,
    TableKind.AUDIT: display_audit,
}


def table_html(df: pd.DataFrame, caption: str = "") -> str:
    """A table as plain HTML (no random ids, unlike ``df.style``), with an optional caption."""
    table = html_cells(df).to_html(escape=False, index=False, border=0, na_rep="", classes="planbook-table")
    if caption:
        table = table.replace(">", f"><caption>{html.escape(caption)}</caption>", 1)
    return table
