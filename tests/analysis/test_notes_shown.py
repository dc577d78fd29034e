"""Scope notes and compared areas shown where figures are shown: chapter tables, headline cards, cells, chart
tooltips and the landing page's cards (issue 16, point 4)."""

from __future__ import annotations

from planbook.analysis import headline, tables
from planbook.book.pages import landing_page
from planbook.extract import extract
from planbook.model import rows_frame
from planbook.present import cells, charts
from planbook.text import report_from_text

REPORT = (
    "某某区2022年国民经济和社会发展计划执行情况及2023年计划(草案)的报告\n\n"
    "一、2022年国民经济和社会发展计划执行情况\n\n"
    "全区地区生产总值完成512.3亿元（含开发区），增长4.1%，增速居全市第二，高于全省平均水平0.8个百分点。"
    "一般公共预算收入完成31.2亿元，（扣除留抵退税因素）增长6.4%。"
    "固定资产投资（不含农户，下同）增长9.5%。\n\n"
    "二、2023年国民经济和社会发展计划目标\n\n固定资产投资增长10%。\n"
)


def _rows():
    report = report_from_text(REPORT)
    return report, extract(report)


def _line(table, name):
    hit = table[table["indicator"] == name]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_a_line_says_which_of_its_figures_a_note_belongs_to():
    t = tables.indicator_table(rows_frame(_rows()[1]))
    assert _line(t, "地区生产总值")["note"] == "含开发区（数值）"  # the level's, not the growth's
    assert _line(t, "一般公共预算收入")["note"] == "扣除留抵退税因素（变化）"
    target = t[(t["indicator"] == "固定资产投资") & (t["status"] == "target")].iloc[0]
    assert target["note"] == "不含农户"  # 下同: the plan's figure of the same quantity too


def test_a_line_keeps_the_areas_its_rank_and_gap_are_measured_against():
    t = tables.indicator_table(rows_frame(_rows()[1]))
    gdp, growth = _line(t, "地区生产总值"), _line(t, "地区生产总值增速")
    assert (gdp["gap_pp"], gdp["gap_area"]) == (0.8, "全省")
    assert (growth["rank"], growth["rank_area"]) == (2, "全市")
    shown = cells.display_table(t)
    assert "比全省 +0.8个百分点" in set(shown["排名/差距 Rank/gap"])
    assert "全市第2位" in set(shown["排名/差距 Rank/gap"])
    assert "含开发区（数值）" in set(shown["口径 Note"])


def test_a_note_shows_on_the_headline_card_and_the_landing_page():
    report, rows = _rows()
    cards = headline.headline_cards(headline.headline_table(rows_frame(rows), 2022))
    assert [(c.label, c.note) for c in cards][:2] == [
        ("地区生产总值", "含开发区（数值）"),
        ("一般公共预算收入", "扣除留抵退税因素（变化）"),
    ]
    page = landing_page(report, rows, [])
    assert '<span class="pb-note">含开发区（数值）</span>' in page


def test_a_note_shows_in_the_chart_tooltips():
    t = tables.indicator_table(rows_frame(_rows()[1]))
    for chart, note in (
        (charts.change_bars(t), "扣除留抵退税因素（变化）"),
        (charts.level_bars(t), "含开发区（数值）"),
    ):
        spec = chart.to_dict()
        tips = [tip for v in _walk(spec) for tip in v.get("encoding", {}).get("tooltip", [])]
        assert any(tip["field"] == "note" for tip in tips)
        assert note in {r.get("note") for d in spec.get("datasets", {}).values() for r in d}


def _walk(spec):
    """Every dict of a chart spec."""
    if isinstance(spec, dict):
        yield spec
        for v in spec.values():
            yield from _walk(v)
    elif isinstance(spec, list):
        for v in spec:
            yield from _walk(v)
