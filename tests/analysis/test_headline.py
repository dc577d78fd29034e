"""Tests for planbook/analysis/headline.py: one rule for the Overview's headline table and the cards."""

from __future__ import annotations

import pandas as pd

from planbook.analysis import headline
from planbook.model import IndicatorRow, rows_frame


def test_headline_table_takes_the_review_years_headline_outcomes(seed_rows):
    t = headline.headline_table(seed_rows, 2020)
    assert set(t["status"]) == {"actual"} and set(t["year"]) == {"2020"}
    gdp = t.iloc[0]  # GDP comes first: the order of the terms in data/indicator_terms.csv
    assert gdp["indicator"] == "地区生产总值"
    assert (gdp["level"], gdp["change"], gdp["rank"], gdp["gap_pp"]) == (341.21, -4.5, 2, 1.4)
    assert t["indicator"].is_unique


def test_headline_terms_come_from_data():
    assert headline.is_headline("城镇居民人均可支配收入")
    assert not headline.is_headline("粮食产量")
    assert not headline.is_headline("单位地区生产总值能耗")  # names GDP, measures energy
    assert not headline.is_headline("亿元地区生产总值生产安全事故死亡率")  # names GDP, measures safety
    assert headline.is_headline("货物进出口总额")
    assert not headline.is_headline("东盟进出口总额")  # a part of the total
    assert not headline.is_headline("财政收入过亿元的县")  # a count of counties of a size class
    assert not headline.is_headline("全部财政收入超10亿元的县")
    assert headline.is_headline("全部财政收入") and headline.is_headline("规模以上工业增加值")


def _row(start: int, indicator: str, measure: str, value: float, period: str = "2022", **kw) -> IndicatorRow:
    unit = "%" if measure == "change_pct" else "亿元"
    return IndicatorRow("r", start, start + 1, "1", indicator, "", period, kw.pop("kind", "actual"), measure, value,
                        unit, sentence_start=start // 30 * 30, sentence_end=start // 30 * 30 + 20, **kw)  # fmt: skip


def test_a_growth_rate_without_a_level_is_a_headline_and_a_card():
    rows = rows_frame(
        [
            _row(0, "重点项目", "level", 12),  # a count of programmes: no headline
            _row(30, "地区生产总值", "change_pct", 3.8),  # no level stated
            _row(60, "地区生产总值", "level", 2.6, period="2017", qualifier="before"),  # start of a 从…到 pair
            _row(90, "一般公共预算收入", "level", 4000),
            _row(95, "一般公共预算收入", "change_pct", 2.1),
            _row(120, "地区生产总值", "change_pct", 6, period="2023", kind="target"),
        ]
    )
    t = headline.headline_table(rows, 2022)
    assert list(t["indicator"]) == ["地区生产总值", "一般公共预算收入"]
    cards = headline.headline_cards(t)
    assert (cards[0].value, cards[0].unit, cards[0].value_is_change) == (3.8, "%", True)
    assert (cards[1].value, cards[1].change, cards[1].value_is_change) == (4000, 2.1, False)


def test_no_year_under_review_gives_an_empty_table(seed_rows):
    t = headline.headline_table(seed_rows, None)
    assert t.empty and isinstance(t, pd.DataFrame)


def test_a_figure_of_part_of_the_year_is_no_headline():
    from tests.extract.test_reader import rows_of

    rows = rows_frame(rows_of("前三季度，地区生产总值完成210亿元，增长4.1%。全年一般公共预算收入12亿元。"))
    t = headline.headline_table(rows, 2020)
    assert list(t["indicator"]) == ["一般公共预算收入"]
