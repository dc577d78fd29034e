"""Tests for planbook/tables.py: joined lines, plan vs outcome, display cells and deterministic CSVs."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook import tables
from planbook.model import CHAPTERS, source_link


def _line(t: pd.DataFrame, indicator: str, status: str = "actual") -> pd.Series:
    hit = t[(t["indicator"] == indicator) & (t["status"] == status)]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def test_level_and_change_share_one_line(seed_rows):
    gdp = _line(tables.headline_table(seed_rows), "地区生产总值")
    assert gdp["level"] == 341.21 and gdp["unit"] == "亿元"
    assert gdp["change"] == -4.5 and gdp["change_unit"] == "%"
    assert gdp["rank"] == 2 and gdp["gap_pp"] == 1.4


def test_share_in_adjacent_sentence_joins_sector_line(seed_rows):
    first = _line(tables.headline_table(seed_rows), "第一产业增加值")
    assert (first["level"], first["change"], first["share_pct"]) == (48.06, 1.6, 14.1)


def test_before_after_pair_on_one_line(seed_rows):
    t = tables.chapter_table(seed_rows, "business_env")
    line = _line(t, "简易注销公示时间")
    assert (line["before"], line["level"], line["change"]) == (45, 20, -60)
    assert "45 → 20 日" in tables.display_table(t).to_string()


def test_range_ends_on_one_line(seed_rows):
    line = _line(tables.chapter_table(seed_rows, "environment"), "每乡镇区级样板示范沟渠", "target")
    assert (line["level"], line["level_high"]) == (1, 2)


def test_target_and_outcome_never_join(seed_rows):
    t = tables.chapter_table(seed_rows, "livelihoods")
    assert _line(t, "城镇新增就业", "actual")["level"] == 4868
    assert _line(t, "城镇新增就业", "target")["level"] == 4500


def test_every_row_lands_in_exactly_one_line(seed_rows):
    t = tables.indicator_table(seed_rows)
    slots = t[["level", "level_high", "before", "change", "rank", "gap_pp", "share_pct", "ratio_pct"]].notna()
    assert int(slots.to_numpy().sum()) == len(seed_rows)


def test_link_points_to_sentence(seed_rows):
    t = tables.indicator_table(seed_rows)
    assert (t["link"] == t["sentence_start"].map(source_link)).all()
    cells = tables.display_table(t.head(1))
    assert cells.iloc[0]["原文 Source"] == '<a href="source.html#s-320">原文</a>'


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("全区地区生产总值", "地区生产总值"),
        ("全社会固定资产投资", "固定资产投资"),
        ("规模以上工业增加值", "工业增加值"),
        ("2021年全年规上工业增加值", "工业增加值"),
        ("“十四五”项目", "十四五项目"),
    ],
)
def test_normalise_name_strips_scope_prefixes(name, normal):
    assert tables.normalise_name(name) == normal


def test_name_match_exact_then_containment():
    assert tables.name_match("地区生产总值", "地区生产总值") == 2
    assert tables.name_match("全社会消费品零售总额", "社会消费品零售总额") == 1
    assert tables.name_match("一般公共预算收入", "一般预算收入") == 0


def test_plan_vs_outcome_sets_target_beside_outcome(seed_rows):
    plan = tables.plan_vs_outcome(seed_rows)
    gdp = plan[plan["indicator"] == "地区生产总值"].iloc[0]
    assert (gdp["outcome_change"], gdp["target_change"], gdp["jump"]) == (-4.5, 10, 14.5)
    assert gdp["implied_level"] == pytest.approx(375.331)
    fai = plan[plan["indicator"] == "全社会固定资产投资"].iloc[0]
    assert fai["outcome_indicator"] == "固定资产投资" and fai["outcome_change"] == -7.2
    jobs = plan[plan["indicator"] == "城镇新增就业"].iloc[0]
    assert jobs["outcome_level"] == 4868 and jobs["implied_change"] == pytest.approx(-7.5596, abs=1e-3)


def test_plan_keeps_targets_without_outcome(seed_rows):
    plan = tables.plan_vs_outcome(seed_rows)
    assert len(plan) == len(tables.indicator_table(seed_rows).query("status == 'target'"))
    assert (plan.loc[plan["indicator"] == "外贸出口总额", "outcome_indicator"] == "").all()


def test_plan_on_synthetic_report_matches_scoped_name(synthetic_rows):
    plan = tables.plan_vs_outcome(synthetic_rows)
    gdp = plan[plan["indicator"] == "全县生产总值"].iloc[0]
    assert gdp["outcome_indicator"] == "生产总值"
    assert gdp["implied_level"] == pytest.approx(100.5 * 1.07)


def test_empty_chapter_gives_empty_table_with_columns(synthetic_rows):
    t = tables.chapter_table(synthetic_rows, "environment")
    assert t.empty and tuple(t.columns) == tables.TABLE_COLUMNS


def test_fmt_number_uses_true_minus_and_plus():
    assert tables.fmt_number(-4.5) == "−4.5"
    assert tables.fmt_number(1.6, signed=True) == "+1.6"
    assert tables.fmt_number(341.21) == "341.21"
    assert tables.fmt_number(float("nan")) == ""


def test_display_escapes_indicator_names():
    rows = pd.DataFrame(
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
    cells = tables.display_table(tables.indicator_table(rows))
    assert cells.iloc[0]["指标 Indicator"] == "&lt;b&gt;x&lt;/b&gt;"


def test_write_tables_is_deterministic(seed_rows, tmp_path):
    first = {p.name: p.read_bytes() for p in tables.write_tables(seed_rows, tmp_path / "a")}
    shuffled = seed_rows.sample(frac=1, random_state=1)
    second = {p.name: p.read_bytes() for p in tables.write_tables(shuffled, tmp_path / "b")}
    assert first == second
    assert {f"{c}.csv" for c in CHAPTERS} <= set(first)
    text = first["overview.csv"].decode("utf-8")
    assert "\r" not in text and "source.html#s-320" in text and "<a " not in text
    assert "341.21" in text
