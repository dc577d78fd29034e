"""Tests for planbook/analysis/headline.py: the year under review, the headline table and the cards."""

from __future__ import annotations

from planbook.analysis import headline
from planbook.model import IndicatorRow


def test_main_year_is_the_most_frequent_actual_period(seed_rows, synthetic_rows):
    assert headline.main_year(seed_rows) == 2020
    assert headline.main_year(synthetic_rows) == 2021
    assert headline.main_year(synthetic_rows.iloc[:0]) is None


def test_headline_table_takes_this_years_headline_outcomes(seed_rows):
    t = headline.headline_table(seed_rows)
    assert set(t["status"]) == {"actual"} and set(t["year"].dropna()) == {2020}
    gdp = t[t["indicator"] == "地区生产总值"].iloc[0]
    assert (gdp["level"], gdp["change"], gdp["rank"], gdp["gap_pp"]) == (341.21, -4.5, 2, 1.4)


def test_headline_terms_come_from_data():
    assert headline.is_headline("城镇居民人均可支配收入")
    assert not headline.is_headline("粮食产量")


def _row(start: int, indicator: str, measure: str, value: float, chapter: str = "overview") -> IndicatorRow:
    return IndicatorRow("r", start, start + 1, "1", indicator, "", 2020, "actual", measure, value, "亿元",
                        chapter=chapter, sentence_start=0, sentence_end=50)  # fmt: skip


def test_cards_pair_a_level_with_its_change_and_skip_repeats():
    rows = [
        _row(1, "产值", "level", 10),
        _row(3, "产值", "change_pct", -2),
        _row(5, "产值", "level", 11),
        _row(7, "投资", "level", 4, chapter="investment"),
        _row(9, "投资", "change_abs", 1, chapter="investment"),
    ]
    cards = headline.headline_figures(rows, 2020)
    assert [(c.label, c.level.value) for c in cards] == [("产值", 10), ("投资", 4)]
    assert cards[0].change is not None and cards[0].change.value == -2
    assert cards[1].change is None  # a change of an amount is not a card's change
