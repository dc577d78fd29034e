"""Tests for planbook/present/cells.py: reader-facing cells, escaped, with links to the source."""

from __future__ import annotations

import pandas as pd

from planbook.analysis import tables
from planbook.analysis.audit import run_audit
from planbook.analysis.plan import plan_vs_outcome
from planbook.model import typed_rows
from planbook.present import cells


def test_before_after_reads_as_an_arrow(seed_rows):
    t = tables.chapter_table(seed_rows, "business_env")
    assert "45 → 20 日" in cells.display_table(t).to_string()


def test_source_cell_is_a_link(seed_rows):
    shown = cells.display_table(tables.indicator_table(seed_rows).head(1))
    assert shown.iloc[0]["原文 Source"] == '<a href="source.html#s-320">原文</a>'


def test_display_escapes_indicator_names():
    rows = typed_rows(
        pd.DataFrame(
            [
                {
                    "report": "x",
                    "start": 5,
                    "end": 6,
                    "text": "1",
                    "indicator": "<b>x</b>",
                    "period": 2020,
                    "kind": "actual",
                    "measure": "level",
                    "value": 1.0,
                    "unit": "个",
                    "chapter": "overview",
                    "sentence_start": 0,
                    "sentence_end": 10,
                    "sentence": "<b>x</b>1个。",
                }
            ]
        )
    )
    shown = cells.display_table(tables.indicator_table(rows))
    assert shown.iloc[0]["指标 Indicator"] == "&lt;b&gt;x&lt;/b&gt;"


def test_empty_columns_are_dropped_but_name_and_source_stay(synthetic_rows):
    shown = cells.display_table(tables.chapter_table(synthetic_rows, "agriculture"))
    assert list(shown.columns) == ["指标 Indicator", "年份 Year", "实绩/目标 Status", "数值 Level", "原文 Source"]


def test_plan_cells_show_both_sides_with_years(seed_rows):
    shown = cells.display_plan(plan_vs_outcome(seed_rows, 2020, 2021))
    gdp = shown[shown["指标 Indicator"] == "地区生产总值"].iloc[0]
    assert gdp["实绩 Outcome"].endswith("(2020)") and "−4.5%" in gdp["实绩 Outcome"]
    assert gdp["跃升 Jump"] == "+14.5%"


def test_table_html_picks_the_cells_of_each_table(seed_rows):
    audit_html = cells.table_html(run_audit(seed_rows), caption="核对 <checks>")
    assert "⚠ flag" in audit_html and "<caption>核对 &lt;checks&gt;</caption>" in audit_html
    assert 'class="dataframe planbook-table"' in audit_html and "T_" not in audit_html
