"""Scope and basis notes kept with their figures (issue 16, point 4): sentences written for these tests."""

from __future__ import annotations

import pytest

from planbook.extract import extract
from planbook.extract.notes import take_notes
from planbook.model import IndicatorRow
from planbook.text import report_from_text

TITLE = "某某县2022年国民经济和社会发展计划执行情况及2023年计划(草案)的报告\n\n"
PARTS = "一、2022年国民经济和社会发展计划执行情况\n\n{actual}\n\n二、2023年国民经济和社会发展计划目标\n\n{target}\n"


def rows_of(actual: str, target: str = "无。") -> list[IndicatorRow]:
    report = report_from_text(TITLE + PARTS.format(actual=actual, target=target))
    rows = extract(report)
    for r in rows:
        assert report.text[r.start : r.end] == r.text  # notes taken out of the reading never move an offset
    return rows


def seen(rows: list[IndicatorRow]) -> list[tuple[str, str, str]]:
    return [(r.text, r.indicator, r.note) for r in rows]


def test_a_note_after_the_unit_belongs_to_that_figure_only():
    rows = rows_of("全县生产总值实现876.4亿元（含高新区），比上年增长5.1%。")
    assert seen(rows) == [("876.4", "地区生产总值", "含高新区"), ("5.1", "地区生产总值", "")]


def test_a_note_before_a_change_belongs_to_the_change():
    rows = rows_of("税收收入完成23.1亿元，（剔除留抵退税因素）增长4.8%。")
    assert seen(rows) == [("23.1", "税收收入", ""), ("4.8", "税收收入", "剔除留抵退税因素")]


def test_a_note_inside_a_name_is_no_part_of_the_name_and_holds_below():
    rows = rows_of(
        "全县固定资产投资（不含农户，下同）比上年增长7.7%。其中，民间投资下降2.1%。",
        "固定资产投资增长8%以上。",
    )
    assert seen(rows) == [
        ("7.7", "固定资产投资", "不含农户"),
        ("2.1", "民间投资", ""),  # another quantity: the note is not its own
        ("8", "固定资产投资", "不含农户"),  # 下同: a later figure of the same quantity, in another part
    ]


def test_a_note_inside_a_name_holds_for_that_quantitys_later_figures_of_the_sentence():
    rows = rows_of("社会消费品零售总额（限额以上）完成65亿元，增长3.3%，占全市比重为12%。")
    assert [r.note for r in rows[:2]] == ["", ""]  # 限额以上 opens with no note word: no note
    rows = rows_of("社会消费品零售总额（不含批发）完成65亿元，增长3.3%。")
    assert seen(rows) == [("65", "社会消费品零售总额", "不含批发"), ("3.3", "社会消费品零售总额", "不含批发")]


def test_a_price_base_is_a_note_and_never_the_figures_year():
    rows = rows_of("按2010年不变价格计算，全县生产总值增长6.3%，第一产业增加值增长3.9%。")
    assert [(r.period, r.note) for r in rows] == [("2022", "按2010年不变价格计算")] * 2


def test_a_basis_clause_after_a_level_goes_to_the_figures_after_it():
    rows = rows_of("全年实现生产总值432.1亿元，按可比价格计算，比上年增长4.4%。")
    assert seen(rows) == [("432.1", "地区生产总值", ""), ("4.4", "地区生产总值", "按可比价格计算")]


def test_a_basis_clause_that_ends_the_sentence_goes_to_the_figures_before_it():
    rows = rows_of("全县生产总值增长4.4%，增速比上年回落1.2个百分点，按可比价格计算。")
    assert [r.note for r in rows] == ["按可比价格计算", "按可比价格计算"]


def test_notes_within_a_clause():
    rows = rows_of("地方一般公共预算收入同口径增长9.2%，城镇居民人均可支配收入扣除价格因素后增长3.1%。")
    assert seen(rows) == [
        ("9.2", "地方一般公共预算收入", "同口径"),
        ("3.1", "城镇居民人均可支配收入", "扣除价格因素后"),
    ]


def test_an_estimate_that_is_approximate_keeps_both():
    rows = rows_of("预计全年生产总值增长5%左右，规上工业增加值增长6%。")
    assert [(r.qualifier, r.note) for r in rows] == [("approx", "预计"), ("estimate", "")]


def test_a_bare_inclusive_mark_is_no_note():
    rows = rows_of("新开工5000万元（含）以上项目42个。")
    assert [(r.text, r.note) for r in rows] == [("42", "")]  # 5000万元（含）以上 is the size class


def test_a_bracket_that_counts_something_is_read_not_taken():
    rows = rows_of("新增市场主体1.2万户（含个体工商户8000户）。")
    assert "8000" in [r.text for r in rows]


@pytest.mark.parametrize(
    ("text", "left", "note"),
    [
        ("粮食产量（含大豆）达到9.1万吨", "粮食产量达到9.1万吨", "含大豆"),
        ("按常住人口计算，人均生产总值5.2万元", "人均生产总值5.2万元", "按常住人口计算"),
        ("投资(按同口径)增长3%", "投资增长3%", "按同口径"),
    ],
)
def test_take_notes_leaves_the_text_a_reader_reads(text: str, left: str, note: str):
    taken = take_notes(text, None, 100)
    assert taken is not None and taken.ctext == left and [n.text for n in taken.notes] == [note]
    assert len(taken.cmap) == len(left) and all(100 <= k < 100 + len(text) for k in taken.cmap)
    assert "".join(text[k - 100] for k in taken.cmap) == left


def test_a_sentence_without_notes_is_left_alone():
    assert take_notes("全县生产总值增长4.4%。", None, 0) is None


def test_a_name_note_holds_for_the_rank_of_that_quantitys_growth():
    rows = rows_of("全县固定资产投资（含园区）完成86亿元，增长3.1%，增幅居全市第二。")
    assert [(r.indicator, r.note) for r in rows] == [
        ("固定资产投资", "含园区"),
        ("固定资产投资", "含园区"),
        ("固定资产投资增速", "含园区"),
    ]
