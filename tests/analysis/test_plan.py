"""Tests for planbook/analysis/plan.py: every target beside the outcome it continues."""

from __future__ import annotations

import pytest

from planbook.analysis import plan, tables


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
