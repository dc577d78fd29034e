"""Tests for planbook/present/cells.py: reader-facing cells, escaped, with links to the source."""

from __future__ import annotations

import pandas as pd

from planbook.analysis import tables
from planbook.analysis.audit import run_audit
from planbook.analysis.plan import plan_vs_outcome
from planbook.model import rows_frame, typed_rows
from planbook.present import cells
from tests.extract.test_reader import rows_of


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


def test_target_cells_show_the_bound_as_written_and_both_outcomes():
    pair = {
        "year": 2021, "indicator": "energy_intensity", "label": "", "measure": "change_pct", "unit": "%",
        "target_value": -5.0, "target_qualifier": "at_most", "target_written": "下降5%以上",
        "outcome_value": -5.4, "outcome_unit": "%", "outcome_qualifier": "exact", "outcome_source": "revised",
        "preliminary_value": -4.6, "preliminary_unit": "%", "preliminary_qualifier": "exact",
        "met": "yes", "note": "", "target_link": "", "target_report": "a", "outcome_link": "", "outcome_report": "c",
        "preliminary_link": "../b/source.html#s-1", "preliminary_report": "b",
    }  # fmt: skip
    grain = {**pair, "indicator": "grain_output", "measure": "level", "unit": "亿斤", "target_value": 80.0,
             "target_qualifier": "at_least", "target_written": "80亿斤以上", "outcome_value": 420.0,
             "outcome_unit": "万吨", "outcome_source": "preliminary", "preliminary_value": None}  # fmt: skip
    shown = cells.display_targets(pd.DataFrame([pair, grain]))
    fall, level = shown.iloc[0], shown.iloc[1]
    assert fall["目标 Target"] == "−5% or more (下降5%以上)"  # a bound on the size of the fall, never "以内 (≤)"
    assert (fall["实绩 Outcome"], fall["初次公布 First stated"]) == ("−5.4%", "−4.6%")
    assert fall["来源 Stated as"] == "修订 revised"
    assert fall["初次公布原文 First statement source"] == '<a href="../b/source.html#s-1">b</a>'
    assert (level["目标 Target"], level["实绩 Outcome"]) == ("80亿斤 or more (80亿斤以上)", "420万吨")
    assert level["初次公布 First stated"] == ""


def test_a_bound_in_a_chapter_table_reads_in_words_of_size(seed_rows):
    assert cells.QUALIFIER_LABELS["lower_bound"] == "以上 or more"  # 下降5%以上: a fall of 5% or more
    assert "≤" not in " ".join(cells.QUALIFIER_LABELS.values()) and "≥" not in " ".join(cells.QUALIFIER_LABELS.values())


def test_a_place_among_the_first_n_reads_前_n_位() -> None:
    rows = rows_frame(rows_of("粮食产量居全国前5位，棉花产量居全国第3位。"))
    table = tables.indicator_table(rows)
    assert table["rank_top"].tolist() == [True, False]
    ranks = " ".join(map(str, cells.html_cells(table)["排名/差距 Rank/gap"]))
    assert "全国前5位" in ranks and "全国第3位" in ranks
