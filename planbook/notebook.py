"""Preamble of every chapter notebook (``from planbook.notebook import *``): options, theme, helpers.

A chapter is a parameters cell (``report_path``, and optionally ``report_id`` and ``data_dir``),
this preamble, then prose, tables and charts made by the calls below. ``__all__`` holds what the
chapter templates use, nothing else.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

import altair as alt
import pandas as pd
from IPython.display import HTML, Markdown, display
from myst_nb import glue

from planbook.analysis.audit import audit_part, audit_summary, rate_parts, run_audit
from planbook.analysis.chapter_data import ReportData, report_data
from planbook.analysis.compare_data import CompareTables, compare_data
from planbook.analysis.headline import headline_table, is_headline
from planbook.analysis.plan import implied_levels, plan_vs_outcome
from planbook.analysis.region_data import RegionTables, own_words_of_report, region_data
from planbook.analysis.tables import chapter_rows, chapter_table, income_table, indicator_table, rank_gap_table
from planbook.analysis.verdict import rule_markdown
from planbook.model import Kind, ReportFacts
from planbook.numbers import fmt_change, fmt_number
from planbook.present import vega
from planbook.present.cells import table_html
from planbook.present.charts import (
    audit_chart,
    change_bars,
    empty_chart,
    enable_theme,
    jump_chart,
    level_bars,
    series_chart,
    share_bars,
    targets_chart,
)
from planbook.present.compare import (
    chart_keys,
    dot_chart,
    gap_chart,
    gaps_html,
    plan_years,
    verdicts_html,
    year_table_html,
)
from planbook.present.summary import Summary, region_summary, report_summary
from planbook.present.verdicts import indicator_verdicts_html, verdicts_chart, year_verdicts_html

pd.set_option("display.max_rows", 200)
pd.set_option("display.max_columns", 40)
pd.set_option("display.max_colwidth", 120)
pd.set_option("display.width", 200)

enable_theme()

# Offline, deterministic chart output: no CDN scripts and no random element ids in executed notebooks.
vega.enable()
# Altair validates every chart against the Vega-Lite schema as it is built and again as it is shown,
# which takes longer than the chapters' own work; tests/present/test_charts.py validates every builder.
alt.utils.schemapi.disable_debug_mode()

ABSENT = "本报告未提及 — not stated in this report."

__all__ = [
    "audit_chart",
    "audit_part",
    "audit_summary",
    "change_bars",
    "chapter_facts",
    "chapter_rows",
    "compare_data",
    "compare_facts",
    "chapter_table",
    "display",
    "glue_chart",
    "glue_facts",
    "glue_summary",
    "indicator_verdicts_html",
    "region_summary_of",
    "report_summary_of",
    "show_downloads",
    "verdicts_chart",
    "year_verdicts_html",
    "gap_chart",
    "gaps_html",
    "glue_text",
    "headline_facts",
    "headline_table",
    "implied_levels",
    "income_table",
    "indicator_table",
    "jump_chart",
    "level_bars",
    "Markdown",
    "plan_facts",
    "plan_vs_outcome",
    "rank_gap_table",
    "rate_parts",
    "region_data",
    "report_data",
    "rule_markdown",
    "run_audit",
    "series_chart",
    "share_bars",
    "show_chart",
    "show_notes",
    "show_section",
    "show_dot_charts",
    "show_html",
    "show_table",
    "show_year_tables",
    "verdicts_html",
    "target_facts",
    "targets_chart",
]


# ---------------------------------------------------------------- display


def show_table(df: pd.DataFrame, caption: str = "", what: str = "") -> None:
    """Display a table as plain HTML (no random ids, unlike ``df.style``); an absent note when it is empty."""
    if df is None or df.empty:
        absent(what or caption or "表格 table")
        return
    display(HTML(table_html(df, caption)))


def show_chart(chart: alt.TopLevelMixin | None, what: str = "") -> None:
    """Display a chart inline, or an absent note when there is none."""
    if chart is None:
        absent(what or "图 chart")
    else:
        display(vega.displayable(chart))


def show_html(text: str, what: str) -> None:
    """Display an HTML table made by ``planbook.present``, or an absent note when there is none."""
    if text:
        display(HTML(text))
    else:
        absent(what)


def show_year_tables(data: CompareTables) -> None:
    """A table per year (latest first): regions × headline indicators, the outcome of the year before → the target."""
    years = plan_years(data.rows)
    if not years:
        absent("地区比较 regions compared")
    for year in years:
        display(Markdown(f"### {year}"))
        display(HTML(year_table_html(data.rows, year)))


def show_dot_charts(data: CompareTables) -> None:
    """A dot chart per indicator and year that at least two regions state."""
    keys = chart_keys(data.rows)
    if not keys:
        absent("两个以上地区的同一指标 one indicator stated by two regions or more")
    for year, indicator in keys:
        show_chart(dot_chart(data.rows, year, indicator))


def show_notes(data: CompareTables) -> None:
    """The warnings of the regions compared (reports set aside, regions not placed) and the reports of no region."""
    lines = [f"- {html.escape(w)}" for w in data.warnings]
    if data.unknown:
        lines.append(f"- 地区不明或不在区划中 region unknown or not a division: {html.escape(', '.join(data.unknown))}")
    display(Markdown("\n".join(lines) if lines else "*没有 none.*"))


def absent(what: str) -> None:
    """Say that the report does not state something, and move on."""
    display(Markdown(f"*{html.escape(what)}: {ABSENT}*"))


def show_section(rows: pd.DataFrame, chapters: str | Sequence[str], what: str = "") -> None:
    """One chapter section: outcomes table and levels chart, changes chart, then next-year targets."""
    label = what or (chapters if isinstance(chapters, str) else "、".join(chapters))
    actual = chapter_table(rows, chapters, kind=Kind.ACTUAL)
    target = chapter_table(rows, chapters, kind=Kind.TARGET)
    if actual.empty and target.empty:
        absent(label)
        return
    show_table(actual, caption=f"{label}: 实绩 outcomes", what=f"{label} outcomes")
    if actual["level"].notna().any():
        show_chart(level_bars(actual, title=f"{label}: 数值 levels by unit"))
    if actual["change"].notna().any():
        show_chart(change_bars(actual, title=f"{label}: 变化 changes"))
    show_table(target, caption=f"{label}: 目标 targets", what=f"{label} targets")


# ---------------------------------------------------------------- glue (numbers quoted in prose)


def glue_text(name: str, value: object) -> str:
    """Glue a number or string for ``{glue:text}`` (numbers formatted as a reader writes them)."""
    text = fmt_number(value) if isinstance(value, int | float) and not isinstance(value, bool) else str(value)
    glue(name, text, display=False)
    return text


def glue_facts(facts: dict[str, object], prefix: str = "") -> dict[str, str]:
    """Glue every fact under ``prefix + key``, and show them as a small table: in plain Jupyter, where the
    prose shows ``{glue:text}`` placeholders, each figure is there to read (the book removes the cell)."""
    glued = {prefix + k: glue_text(prefix + k, v) for k, v in facts.items()}
    rows = "".join(
        f"<tr><td><code>{html.escape(k)}</code></td><td>{html.escape(v)}</td></tr>" for k, v in glued.items()
    )
    display(HTML(f'<table class="planbook-glued"><tr><th>glue</th><th>value</th></tr>{rows}</table>'))
    return {k[len(prefix) :]: v for k, v in glued.items()}


def glue_chart(name: str, chart: alt.TopLevelMixin | None, title: str = "") -> None:
    """Glue a chart for ``{glue:figure}``, shown in the cell's output too (HTML with a static picture, so
    plain Jupyter shows it); a missing chart becomes a 'not stated' panel so the name exists."""
    glue(name, vega.displayable(chart if chart is not None else empty_chart(title or name)), display=True)


def glue_summary(name: str, summary: Summary) -> None:
    """Glue a summary (English and Chinese paragraphs, figures linked) for a ``{glue}`` directive, shown too."""
    glue(name, HTML(summary.html()), display=True)


def show_downloads(folder: str | Path) -> None:
    """Links to download the CSV and JSON files of a data folder (given relative to the chapter): MyST
    ``{download}`` roles, which the cell's ``mystnb.markdown_format: myst`` metadata lets the book resolve."""
    files = sorted(p for p in Path(folder).glob("*") if p.suffix in (".csv", ".json"))
    if not files:
        return
    links = [f"{{download}}`{p.name} <{p.as_posix()}>`" for p in files]
    display(Markdown("下载 Download: " + " · ".join(links)))


def report_summary_of(data: ReportData, report_path: str, region_dir: str = "") -> Summary:
    """A report's summary: its headline outcomes, its headline targets, and, for a report of a region whose
    data folder is given, the verdicts on last year's targets; its own words on its targets quoted."""
    rows, facts = data.rows, data.facts
    english = dict(zip(rows["indicator"], rows["indicator_en"], strict=True))
    headline = headline_table(rows, facts.review_year)
    plan = plan_vs_outcome(rows, facts.review_year, facts.plan_year)
    if region_dir:
        region = region_data(region_dir)
        own = region.own_words[region.own_words["report"] == facts.id]
        return report_summary(headline, plan, facts, is_headline, english, region.targets, own)
    own = own_words_of_report(report_path, facts)
    return report_summary(headline, plan, facts, is_headline, english, None, own)


def region_summary_of(data: RegionTables) -> Summary:
    """A region's summary from the tables of its chapters."""
    name = str(data.series["region"].iloc[0]) if len(data.series) else ""
    return region_summary(name, data.series, data.targets, data.own_words)


# ---------------------------------------------------------------- facts for the prose


def chapter_facts(rows: pd.DataFrame, chapters: str | Sequence[str]) -> dict[str, object]:
    """Counts for a chapter's prose: outcomes, targets, units, changes that fall."""
    t = chapter_table(rows, chapters)
    actual, target = t[t["status"] == Kind.ACTUAL], t[t["status"] == Kind.TARGET]
    return {
        "n_actual": len(actual),
        "n_target": len(target),
        "n_units": int(actual.loc[actual["level"].notna(), "unit"].nunique()),
        "n_falls": int((actual["change"] < 0).sum()),
        "n_rises": int((actual["change"] > 0).sum()),
    }


def headline_facts(h: pd.DataFrame, report: ReportFacts) -> dict[str, object]:
    """Facts for the overview prose: the year under review, headline counts, the first headline figure."""
    first = h[h["level"].notna()].head(1)
    facts: dict[str, object] = {
        "year": "" if report.review_year is None else str(report.review_year),
        "title": report.title or report.id,
        "n_headline": len(h),
        "n_changes": int(h["change"].notna().sum()),
        "n_falls": int((h["change"] < 0).sum()),
        "n_rises": int((h["change"] > 0).sum()),
        "lead_indicator": "—",
        "lead_level": "—",
        "lead_change": "—",
    }
    if not first.empty:
        r = first.iloc[0]
        facts.update(
            lead_indicator=r["indicator"],
            lead_level=f"{fmt_number(r['level'])} {r['unit']}",
            lead_change=fmt_change(r["change"], r["change_unit"]) or "—",
        )
    return facts


def plan_facts(plan: pd.DataFrame) -> dict[str, object]:
    """Facts for the plan prose: targets, matched outcomes, the largest jump."""
    jumps = plan[plan["jump"].notna()]
    facts: dict[str, object] = {
        "n_targets": len(plan),
        "n_matched": int((plan["outcome_indicator"] != "").sum()),
        "n_jumps": len(jumps),
        "n_implied": int(plan["implied_level"].notna().sum()),
        "top_jump_indicator": "—",
        "top_jump": "—",
    }
    if not jumps.empty:
        top = jumps.loc[jumps["jump"].abs().sort_values(ascending=False, kind="mergesort").index[0]]
        facts.update(
            top_jump_indicator=top["indicator"],
            top_jump=f"{fmt_change(top['outcome_change'], top['change_unit'])} → "
            f"{fmt_change(top['target_change'], top['change_unit'])}",
        )
    return facts


def compare_facts(data: CompareTables) -> dict[str, object]:
    """Facts for the regions compared: how many regions, of which levels, which years, gaps above the parent."""
    levels = data.rows.drop_duplicates(["region", "parent"])["level"].value_counts()
    years = plan_years(data.rows)
    gaps = data.gaps["gap_pp"] if len(data.gaps) else pd.Series(dtype=float)
    return {
        "n_regions": len(data.regions),
        "levels": "、".join(f"{n} {level or 'unknown'}" for level, n in levels.items()) or "—",
        "years": f"{years[-1]}–{years[0]}" if len(years) > 1 else (str(years[0]) if years else "—"),
        "n_unknown": len(data.unknown),
        "n_gaps": len(gaps),
        "n_above": int((gaps > 0).sum()),
        "n_below": int((gaps < 0).sum()),
        "n_warnings": len(data.warnings),
    }


def target_facts(targets: pd.DataFrame) -> dict[str, object]:
    """Facts for the targets chapter's prose: how many targets, met, missed, unclear, not reported, and how many
    outcomes a later statement than the first gave (a communiqué, a revision)."""
    met = targets["met"].value_counts()
    years = sorted(int(y) for y in targets["year"].dropna().unique())
    sources = targets["outcome_source"].value_counts() if "outcome_source" in targets else pd.Series(dtype=int)
    return {
        "n_communique": int(sources.get("communique", 0)),
        "n_revised": int(sources.get("revised", 0)),
        "n_targets": len(targets),
        "n_met": int(met.get("yes", 0)),
        "n_missed": int(met.get("no", 0)),
        "n_unclear": int(met.get("unclear", 0)),
        "n_not_reported": int(met.get("not_reported", 0)),
        "years": f"{years[0]}–{years[-1]}" if years else "—",
    }
