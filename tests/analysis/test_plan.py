"""Tests for planbook/analysis/plan.py: every target beside the outcome it continues."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook.analysis import plan, tables
from planbook.analysis.names import name_match
from planbook.model import rows_frame
from tests.analysis.test_tables import twice
from tests.extract.test_reader import rows_of


def test_plan_vs_outcome_sets_target_beside_outcome(seed_rows):
    p = plan.plan_vs_outcome(seed_rows, 2020, 2021)
    gdp = p[p["indicator"] == "地区生产总值"].iloc[0]
    assert (gdp["outcome_change"], gdp["target_change"], gdp["jump"]) == (-4.5, 10, 14.5)
    assert gdp["implied_level"] == pytest.approx(375.331)
    fai = p[p["indicator"] == "全社会固定资产投资"].iloc[0]
    assert fai["outcome_indicator"] == "固定资产投资" and fai["outcome_change"] == -7.2
    jobs = p[p["indicator"] == "城镇新增就业"].iloc[0]
    assert jobs["outcome_level"] == 4868 and jobs["implied_change"] == pytest.approx(-7.5596, abs=1e-3)


def test_plan_keeps_targets_without_outcome(seed_rows):
    p = plan.plan_vs_outcome(seed_rows, 2020, 2021)
    assert len(p) == len(tables.indicator_table(seed_rows).query("status == 'target' and year == '2021'"))
    assert (p.loc[p["indicator"] == "外贸出口总额", "outcome_indicator"] == "").all()


def test_plan_on_synthetic_report_matches_scoped_name(synthetic_rows):
    p = plan.plan_vs_outcome(synthetic_rows, 2021, 2022)
    gdp = p[p["indicator"] == "全县生产总值"].iloc[0]
    assert gdp["outcome_indicator"] == "生产总值"
    assert gdp["implied_level"] == pytest.approx(100.5 * 1.07)


def test_implied_levels_are_the_lines_with_one(synthetic_rows):
    implied = plan.implied_levels(plan.plan_vs_outcome(synthetic_rows, 2021, 2022))
    assert list(implied["indicator"]) == ["全县生产总值", "城镇居民人均可支配收入"]


def test_plan_of_no_rows_has_the_columns(synthetic_rows):
    p = plan.plan_vs_outcome(synthetic_rows.iloc[:0], 2021, 2022)
    assert p.empty and tuple(p.columns) == plan.PLAN_COLUMNS


def test_only_the_plan_years_targets_beside_one_year_outcomes(seed_rows):
    rows = seed_rows.copy()
    five_years = (rows["indicator"] == "地区生产总值") & (rows["kind"] == "actual")
    rows.loc[five_years, "period"] = "2016-2020"  # a five-year outcome
    p = plan.plan_vs_outcome(rows, 2020, 2021)
    gdp = p[p["indicator"] == "地区生产总值"].iloc[0]
    assert gdp["outcome_indicator"] == "" and gdp["target_year"] == "2021"
    assert set(p["target_year"]) == {"2021"}


def _full_scan(tg: dict, actuals: list[dict], review_year: int | None) -> dict | None:
    """The rule the plan table follows, as a scan of every outcome (the index must give the same)."""

    def comparable(ac: dict) -> bool:
        if pd.notna(tg["change"]) and (
            pd.notna(ac["level"]) or (pd.notna(ac["change"]) and ac["change_unit"] == tg["change_unit"])
        ):
            return True
        if pd.notna(plan._rate(tg)) and pd.notna(plan._rate(ac)):
            return True
        return pd.notna(tg["level"]) and pd.notna(ac["level"]) and ac["unit"] == tg["unit"]

    best, best_key = None, None
    target_years = plan._years(tg["year"])
    if plan._bare(tg["indicator"]):
        return None
    for ac in actuals:
        score = name_match(tg["indicator"], ac["indicator"])
        if not score or not comparable(ac) or plan._is_new(tg["indicator"]) != plan._is_new(ac["indicator"]):
            continue
        if score == 1 and not plan._loosely_same(tg["indicator"], ac["indicator"]):
            continue
        years = plan._years(ac["year"])
        if target_years and years and years[1] >= target_years[0]:
            continue
        year = years[1] if years else -1
        key = (score, year == review_year, year, pd.notna(ac["change"]) and pd.notna(ac["level"]), -int(ac["start"]))
        if best_key is None or key > best_key:
            best, best_key = ac, key
    return best


@pytest.mark.parametrize("review_year", [2020, 2021, None])
def test_indexed_outcomes_give_what_a_full_scan_gives(seed_rows, synthetic_rows, review_year):
    lines = tables.indicator_table(pd.concat([seed_rows, twice(synthetic_rows)], ignore_index=True))
    records = lines.to_dict("records")
    actuals = [r for r in records if r["status"] == "actual"]
    outcomes = plan._Outcomes(actuals, review_year)
    for tg in (r for r in records if r["status"] == "target"):
        expected = _full_scan(tg, actuals, review_year)
        assert outcomes.best(tg) is expected, tg["indicator"]


@pytest.mark.parametrize(
    ("actual", "target", "name"),
    [
        # a size class of clusters counted, not their revenue
        ("营业收入超百亿元的县域特色产业集群达到76个。", "营业收入增长8%。", "营业收入"),
        # an intensity (per 万元), not the quantity
        ("万元地区生产总值能耗下降3%。", "地区生产总值增长6%。", "地区生产总值"),
    ],
)
def test_a_name_that_adds_an_amount_is_not_the_same_quantity(actual, target, name):
    rows = rows_frame(rows_of(actual, target))
    line = plan.plan_vs_outcome(rows, 2020, 2021).query("indicator == @name").iloc[0]
    assert line["outcome_indicator"] == "" and pd.isna(line["implied_level"])


def test_a_name_with_a_scope_is_still_the_same_quantity():
    rows = rows_frame(rows_of("规模以上工业营业收入500亿元。", "规上工业营业收入增长8%。"))
    line = plan.plan_vs_outcome(rows, 2020, 2021).query("indicator == '规上工业营业收入'").iloc[0]
    assert line["implied_level"] == pytest.approx(540)


@pytest.mark.parametrize(
    ("actual", "target", "name"),
    [
        # a part of the quantity: of the district's own level, of one industry, of one kind of cluster or project
        ("区本级固定资产投资增长16.6%。", "全社会固定资产投资增长10%。", "全社会固定资产投资"),
        ("规上装备工业增加值增长8.4%。", "规上工业增加值增长5%。", "规上工业增加值"),
        ("县域特色产业集群营业收入增长11%。", "营业收入增长8%。", "营业收入"),
        ("规模以上工业营业收入500亿元。", "营业收入增长8%。", "营业收入"),
        ("民生重点项目完成投资80亿元。", "全市重点项目完成投资1000亿元以上。", "重点项目完成投资"),
        # another quantity: an intensity, the rural part of an income
        (
            "全市地区生产总值33757亿元，增长5.3%。",
            "单位地区生产总值二氧化碳排放下降3.8%。",
            "单位地区生产总值二氧化碳排放",
        ),
        ("居民人均可支配收入3.1万元。", "农村居民人均可支配收入增长6%。", "农村居民人均可支配收入"),
        # one project's investment is no other project's (each is named for its project)
        ("总投资7亿元的物流园项目建成投产。", "实施总投资11.4亿元的基础设施项目。", "基础设施项目投资"),
    ],
)
def test_a_pair_needs_the_same_indicator(actual, target, name):
    rows = rows_frame(rows_of(actual, target))
    (line,) = plan.plan_vs_outcome(rows, 2020, 2021).to_dict("records")  # the one target, whatever its name
    assert name.endswith(line["indicator"][-4:])
    assert line["outcome_indicator"] == "", line["outcome_indicator"]


@pytest.mark.parametrize(
    ("actual", "target", "name", "outcome"),
    [
        ("城镇登记失业率3.8%。", "登记失业率控制在4.5%以内。", "登记失业率", "城镇登记失业率"),  # one code
        ("外贸进出口总值4410亿元。", "外贸进出口增长5%。", "外贸进出口", "外贸进出口总值"),  # a measure word
        ("实施老楼加装电梯869台。", "老楼加装电梯800台。", "老楼加装电梯", "实施老楼加装电梯"),  # a verb of doing
    ],
)
def test_words_that_leave_the_quantity_as_it_is_still_pair(actual, target, name, outcome):
    rows = rows_frame(rows_of(actual, target))
    lines = plan.plan_vs_outcome(rows, 2020, 2021)
    assert lines[lines["indicator"] == name].iloc[0]["outcome_indicator"] == outcome


@pytest.mark.parametrize(
    ("actual", "target", "name"),
    [
        # a bare 投资 says too little to stand for 固定资产投资
        ("重点片区建设热火朝天，完成投资1104亿元。", "全社会固定资产投资增长6.5%。", "全社会固定资产投资"),
        ("进出口总值完成583亿美元。", "出口总值增长8%。", "出口总值"),  # 出口 inside 进出口 is no export
    ],
)
def test_a_short_or_word_piece_name_does_not_stand_for_a_longer_one(actual, target, name):
    rows = rows_frame(rows_of(actual, target))
    line = plan.plan_vs_outcome(rows, 2020, 2021).query("indicator == @name").iloc[0]
    assert line["outcome_indicator"] == "", line["outcome_indicator"]


def test_an_outcome_of_part_of_the_year_is_never_set_beside_a_target():
    rows = rows_frame(rows_of("1-11月，外贸进出口总额15.6亿元，增长12%。", "外贸进出口总额增长8%。"))
    line = plan.plan_vs_outcome(rows, 2020, 2021).query("indicator == '外贸进出口总额'").iloc[0]
    assert line["outcome_indicator"] == "" and pd.isna(line["implied_level"])
    whole = rows_frame(rows_of("外贸进出口总额15.6亿元，增长12%。", "外贸进出口总额增长8%。"))
    assert plan.plan_vs_outcome(whole, 2020, 2021).iloc[0]["implied_level"] == pytest.approx(16.848)
