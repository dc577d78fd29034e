"""Figures of part of the year (1-11月, 前三季度, 上半年, 3月份): qualifier partial_year, in their scope only."""

from __future__ import annotations

import pytest

from tests.extract.test_reader import rows_of


def _qualifiers(text: str) -> list[tuple[float, str]]:
    return [(r.value, r.qualifier) for r in rows_of(text)]


@pytest.mark.parametrize(
    "text",
    [
        "1至11月，全区完成外贸进出口总额15.6亿元，增长12%。",  # an opening clause: the whole sentence
        "2020年1-10月全区实现社会消费品零售总额98.7亿元，比上年同期增长3%。",
        "前三季度，地区生产总值完成210亿元，增长4.1%。",
        "截至10月底，全区市场主体达到5.6万户，增长9%。",
        "上半年，规模以上工业增加值增长6%，高于全市2个百分点。",
    ],
)
def test_every_figure_after_an_opening_part_of_the_year_is_of_that_part(text: str) -> None:
    assert {q for _, q in _qualifiers(text)} == {"partial_year"}


def test_whole_year_words_end_the_part() -> None:
    estimated = _qualifiers("前三季度，地区生产总值增长4.1%，预计全年增长4.5%。")
    assert estimated == [(4.1, "partial_year"), (4.5, "estimate")]
    assert _qualifiers("上半年，工业投资增长6%，全年粮食产量28万吨。") == [(6.0, "partial_year"), (28.0, "")]


def test_a_part_of_the_year_inside_a_clause_dates_that_clause_only() -> None:
    rows = rows_of("落实助企政策，3月份规模以上工业企业复工率达到99.7%，为企业减税降费15亿元以上。")
    assert [(r.indicator, r.qualifier) for r in rows] == [
        ("规模以上工业企业复工率", "partial_year"),  # the month is no part of the name
        ("企业减税降费", "lower_bound"),
    ]


def test_a_part_of_the_year_that_sets_a_scene_dates_nothing() -> None:
    rows = _qualifiers("在上半年农产品价格下滑的情况下，粮食总产量达到29.1万吨。")
    assert rows == [(29.1, "")]


def test_a_date_is_no_part_of_the_year() -> None:
    assert _qualifiers("一期安置区11月底前入住，新建安置房1200套。") == [(1200.0, "")]
