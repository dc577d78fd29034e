"""Tests for planbook/analysis/tables.py: rows joined into one line per quantity."""

from __future__ import annotations

import pandas as pd

from planbook.analysis import tables
from planbook.model import source_link, typed_rows


def line(t: pd.DataFrame, indicator: str, status: str = "actual") -> pd.Series:
    """The one line of ``indicator`` with ``status`` in table ``t``."""
    hit = t[(t["indicator"] == indicator) & (t["status"] == status)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_level_and_change_share_one_line(seed_rows):
    gdp = line(tables.chapter_table(seed_rows, "overview"), "地区生产总值")
    assert gdp["level"] == 341.21 and gdp["unit"] == "亿元"
    assert gdp["change"] == -4.5 and gdp["change_unit"] == "%"
    assert gdp["rank"] == 2 and gdp["gap_pp"] == 1.4


def test_share_in_adjacent_sentence_joins_sector_line(seed_rows):
    first = line(tables.indicator_table(seed_rows), "第一产业增加值")
    assert (first["level"], first["change"], first["share_pct"]) == (48.06, 1.6, 14.1)


def test_before_after_pair_on_one_line(seed_rows):
    t = tables.chapter_table(seed_rows, "business_env")
    row = line(t, "简易注销公示时间")
    assert (row["before"], row["level"], row["change"]) == (45, 20, -60)


def test_range_ends_on_one_line(seed_rows):
    row = line(tables.chapter_table(seed_rows, "environment"), "每乡镇区级样板示范沟渠", "target")
    assert (row["level"], row["level_high"]) == (1, 2)


def test_target_and_outcome_never_join(seed_rows):
    t = tables.chapter_table(seed_rows, "livelihoods")
    assert line(t, "城镇新增就业", "actual")["level"] == 4868
    assert line(t, "城镇新增就业", "target")["level"] == 4500


def test_every_row_lands_in_exactly_one_line(seed_rows):
    t = tables.indicator_table(seed_rows)
    slots = t[["level", "level_high", "before", "change", "rank", "gap_pp", "share_pct", "ratio_pct"]].notna()
    assert int(slots.to_numpy().sum()) == len(seed_rows)


def test_link_points_to_sentence(seed_rows):
    t = tables.indicator_table(seed_rows)
    assert (t["link"] == t["sentence_start"].map(source_link)).all()


def test_empty_chapter_gives_empty_table_with_columns(synthetic_rows):
    t = tables.chapter_table(synthetic_rows, "environment")
    assert t.empty and tuple(t.columns) == tables.TABLE_COLUMNS


def test_chapter_table_keeps_only_the_kind_asked_for(seed_rows):
    t = tables.chapter_table(seed_rows, "livelihoods", kind="target")
    assert not t.empty and set(t["status"]) == {"target"}


def test_rank_gap_table_holds_lines_with_a_rank_or_gap(seed_rows):
    t = tables.rank_gap_table(seed_rows)
    assert not t.empty and (t["rank"].notna() | t["gap_pp"].notna()).all()


def test_income_table_gathers_incomes_from_every_chapter(synthetic_rows):
    t = tables.income_table(synthetic_rows)
    assert set(t["indicator"]) == {"城镇居民人均可支配收入"}
    assert set(t["status"]) == {"actual", "target"}


def test_same_rows_in_another_order_give_the_same_table(seed_rows):
    shuffled = typed_rows(seed_rows.sample(frac=1, random_state=1))
    pd.testing.assert_frame_equal(tables.indicator_table(shuffled), tables.indicator_table(seed_rows))


def twice(rows: pd.DataFrame, shift: int = 100_000) -> pd.DataFrame:
    """The rows followed by a copy of them ``shift`` characters further on (a report saved twice)."""
    copy = rows.copy()
    for c in ("start", "end", "sentence_start", "sentence_end"):
        copy[c] = copy[c] + shift
    return pd.concat([rows, copy], ignore_index=True)


def test_a_report_twice_gives_each_line_twice(seed_rows):
    once, both = tables.indicator_table(seed_rows), tables.indicator_table(twice(seed_rows))
    second = both.iloc[len(once) :].reset_index(drop=True)
    assert len(both) == 2 * len(once)
    assert both.iloc[: len(once)].reset_index(drop=True).equals(once)
    assert (second["start"] - 100_000).equals(once["start"])
    assert second.drop(columns=["start", "sentence_start", "link"]).equals(
        once.drop(columns=["start", "sentence_start", "link"])
    )


def test_rows_out_of_text_order_still_join(seed_rows):
    shuffled = seed_rows.iloc[::-1].reset_index(drop=True)
    lines = tables.indicator_table(shuffled)
    gdp = lines[(lines["indicator"] == "地区生产总值") & (lines["status"] == "actual")].iloc[0]
    assert gdp["level"] == 341.21 and gdp["change"] == -4.5


def test_a_figure_of_part_of_the_year_keeps_a_line_of_its_own():
    from planbook.model import rows_frame
    from tests.extract.test_reader import rows_of

    rows = rows_frame(rows_of("地区生产总值完成300亿元，其中前三季度增长4.1%。"))
    t = tables.indicator_table(rows)
    assert t["qualifier"].tolist() == ["", "partial_year"]  # not one line: 4.1% is no growth of the 300亿元
    assert t["level"].tolist()[0] == 300.0 and pd.isna(t["change"].tolist()[0])
    assert pd.isna(t["level"].tolist()[1]) and t["change"].tolist()[1] == 4.1
