"""Tests for planbook.analysis.outcomes: a year's outcome from any later report of the region.

The reports are small synthetic ones written here: a work report and the communiqué of the same year,
a five-year review as the next report, a later report revising a figure, a year nobody reviews.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from planbook.analysis.regions import RegionReport, read_reports
from planbook.analysis.series import series
from planbook.analysis.statements import statements
from planbook.analysis.targets import pair_targets, targets_of_paths
from tests.analysis.targets_helpers import (
    REVIEW_2021,
    TARGETS_2021,
    TARGETS_2022,
    communique,
    work_report,
)

REGION = "测试省"


def _write(folder: Path, **texts: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    return folder


def _pairs(folder: Path, year: int) -> dict[str, pd.Series]:
    frame, _ = targets_of_paths([folder])
    return {r["indicator"]: r for _, r in frame[frame["year"] == year].iterrows()}


def test_a_communique_of_the_year_revises_the_work_reports_figure(tmp_path: Path) -> None:
    # The work report of 2022 states GDP growth of 6.6% for 2021; the communiqué of 2021 states 6.4%,
    # the same budget revenue growth, and the unemployment rate the work report leaves out.
    body = "2021年，全省生产总值比上年增长6.4%。全年一般公共预算收入增长5%。年末城镇调查失业率5.1%。"
    folder = _write(
        tmp_path,
        a=work_report(REGION, 2021, "", TARGETS_2021),
        b=work_report(REGION, 2022, REVIEW_2021, TARGETS_2022),
        c=communique(REGION, 2021, body),
    )
    got = _pairs(folder, 2021)
    gdp = got["gdp"]
    assert (gdp["outcome_value"], gdp["outcome_source"], gdp["outcome_report"]) == (6.4, "communique", "c")
    assert (gdp["preliminary_value"], gdp["preliminary_report"]) == (6.6, "b")
    assert gdp["met"] == "yes"  # 6.4 is inside the 0.5 band of 6.5左右
    assert "outcome from the communiqué c; first stated as 6.6% by b" in gdp["note"]
    budget = got["general_budget_revenue"]  # the same figure twice: the first statement, confirmed
    assert (budget["outcome_report"], budget["outcome_source"], budget["outcome_value"]) == ("b", "preliminary", 5)
    assert pd.isna(budget["preliminary_value"]) and budget["preliminary_report"] == ""
    assert "confirmed by c (communiqué)" in budget["note"]
    jobless = got["surveyed_unemployment_rate"]  # only the communiqué states it
    assert (jobless["outcome_value"], jobless["outcome_source"], jobless["met"]) == (5.1, "communique", "yes")


def test_a_five_year_plan_delivered_the_next_year_states_the_last_year(tmp_path: Path) -> None:
    plan = "2020年全省主要预期目标是：生产总值增长6%左右，一般公共预算收入增长5%。"
    outline = (
        f"{REGION}国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n第一章 发展基础\n\n"
        "“十三五”时期是我省发展极不平凡的五年。五年来，全省生产总值年均增长6.8%，"
        "2020年全省生产总值增长3.9%。\n\n" + work_report(REGION, 2021, "", "").split("各位代表：")[1]
    )
    folder = _write(tmp_path, a=work_report(REGION, 2020, "", plan), b=outline)
    got = _pairs(folder, 2020)
    gdp = got["gdp"]
    assert (gdp["outcome_value"], gdp["outcome_report"], gdp["outcome_source"], gdp["met"]) == (
        3.9,
        "b",
        "preliminary",
        "no",
    )
    budget = got["general_budget_revenue"]
    assert budget["met"] == "not_reported" and budget["note"] == "b gives no growth rate in % for 2020"


def test_a_work_report_reviewing_five_years_and_the_last_one(tmp_path: Path) -> None:
    plan = "2020年全省主要预期目标是：生产总值增长6%左右，一般公共预算收入增长5%。"
    review = "五年来，全省生产总值年均增长6.8%，一般公共预算收入年均增长7%，到2020年全省生产总值增长3.9%。"
    nxt = work_report(REGION, 2021, review, TARGETS_2021).replace(
        "一、2020年工作回顾", "一、“十三五”时期和2020年工作回顾"
    )
    got = _pairs(_write(tmp_path, a=work_report(REGION, 2020, "", plan), b=nxt), 2020)
    assert (got["gdp"]["outcome_value"], got["gdp"]["met"]) == (3.9, "no")
    assert "outcome from the review of 2016-2020" in got["gdp"]["note"]
    budget = got["general_budget_revenue"]  # only a five-year average: no outcome of the year
    assert budget["met"] == "not_reported" and "average growth rate in % for 2016-2020" in budget["note"]


def test_a_later_report_revises_a_figure_and_the_verdict_follows(tmp_path: Path) -> None:
    plan_2022 = "2022年全省主要预期目标是：生产总值增长5%左右。"
    plan_2023 = "2023年全省主要预期目标是：生产总值增长5.5%左右。"
    plan_2024 = "2024年全省主要预期目标是：生产总值增长5%左右。"
    review_2023 = "2023年，全省生产总值增长5.6%。\n\n注：经最终核实，2022年全省生产总值为4000亿元，比上年增长4.6%。"
    folder = _write(
        tmp_path,
        a=work_report(REGION, 2022, "", plan_2022),
        b=work_report(REGION, 2023, "2022年，全省生产总值增长4.4%。", plan_2023),
        c=work_report(REGION, 2024, review_2023, plan_2024),
    )
    frame, _ = targets_of_paths([folder])
    gdp = frame[frame["indicator"] == "gdp"].set_index("year")
    first = gdp.loc[2022]
    # 4.4 was outside the 0.5 band of 5左右; the footnote's final 4.6 is inside it.
    assert (first["outcome_value"], first["outcome_report"], first["outcome_source"]) == (4.6, "c", "revised")
    assert (first["preliminary_value"], first["preliminary_report"], first["met"]) == (4.4, "b", "yes")
    assert "outcome revised by c; first stated as 4.4% by b" in first["note"]
    # The report of 2024 names 2023 as its own year: its figure is the first statement, not a revision.
    assert (gdp.loc[2023, "outcome_value"], gdp.loc[2023, "outcome_source"]) == (5.6, "preliminary")
    last = gdp.loc[2024]  # nobody states 2024 yet
    assert last["met"] == "not_reported" and last["outcome_report"] == ""
    assert last["note"] == f"no {REGION} report reviewing 2024 among the inputs"


def test_a_later_report_without_the_year_named_revises_nothing(tmp_path: Path) -> None:
    # 全省生产总值增长4.6% in the report of 2024 is of 2023 (its own year): never a revision of 2022.
    folder = _write(
        tmp_path,
        a=work_report(REGION, 2022, "", "2022年全省主要预期目标是：生产总值增长5%左右。"),
        b=work_report(REGION, 2023, "2022年，全省生产总值增长4.4%。", ""),
        c=work_report(REGION, 2024, "全省生产总值增长4.6%，比2022年提高0.2个百分点。", ""),
    )
    gdp = _pairs(folder, 2022)["gdp"]
    assert (gdp["outcome_value"], gdp["outcome_report"], gdp["met"]) == (4.4, "b", "no")


def test_a_target_in_one_unit_and_the_outcome_in_another(tmp_path: Path) -> None:
    plan = "2021年主要预期目标是：粮食产量稳定在80亿斤以上，城镇新增就业5万人。"
    review = "2021年，全市粮食产量420万吨，城镇新增就业5.2万人。"  # 420万吨 is 84亿斤
    folder = _write(tmp_path, a=work_report("样例市", 2021, "", plan), b=work_report("样例市", 2022, review, ""))
    grain = _pairs(folder, 2021)["grain_output"]
    assert (grain["unit"], grain["target_value"], grain["target_written"]) == ("亿斤", 80, "80亿斤以上")
    assert (grain["outcome_unit"], grain["outcome_value"], grain["met"]) == ("万吨", 420, "yes")
    assert "outcome written in 万吨, compared in 公斤" in grain["note"]
    short = review.replace("420万吨", "380万吨")  # 76亿斤
    (folder / "b.txt").write_text(work_report("样例市", 2022, short, ""), encoding="utf-8")
    assert _pairs(folder, 2021)["grain_output"]["met"] == "no"


def test_a_fall_is_kept_as_written(tmp_path: Path) -> None:
    plan = "2021年主要预期目标是：单位生产总值能耗下降3%以上，居民消费价格涨幅控制在3%左右。"
    folder = _write(tmp_path, a=work_report("样例市", 2021, "", plan))
    got = _pairs(folder, 2021)
    energy = got["energy_intensity"]
    assert (energy["target_value"], energy["target_qualifier"]) == (-3, "at_most")
    assert energy["target_written"] == "下降3%以上"
    assert got["cpi"]["target_written"] == "控制在3%左右"


def _with_note(r: RegionReport, year: str, note: str) -> RegionReport:
    """The report with a scope note on its GDP outcomes of ``year`` (rows built as the extractor will fill them)."""
    rows = r.rows.copy()
    mask = rows["indicator"].str.contains("生产总值") & (rows["kind"] == "actual") & (rows["period"] == year)
    rows.loc[mask, "note"] = note
    return RegionReport(r.report, rows, tuple(statements(r.report, rows)))


def test_a_target_and_an_outcome_of_different_scope_are_paired_and_said(tmp_path: Path) -> None:
    folder = _write(
        tmp_path,
        a=work_report(REGION, 2021, "", TARGETS_2021),
        b=work_report(REGION, 2022, REVIEW_2021, TARGETS_2022),
    )
    a, b = read_reports([folder])
    frame, _ = pair_targets([a, _with_note(b, "2021", "含新区")])
    gdp = frame[(frame["indicator"] == "gdp") & (frame["year"] == 2021)].iloc[0]
    assert (gdp["outcome_value"], gdp["met"]) == (6.6, "yes")
    assert "scope differs: target without a note, outcome 含新区" in gdp["note"]
    plain, _ = pair_targets([a, b])
    assert "scope differs" not in " ".join(plain["note"])
    # a basis every growth rate shares is no difference of scope
    basis, _ = pair_targets([a, _with_note(b, "2021", "按可比价格计算")])
    assert "scope differs" not in " ".join(basis["note"])


def test_series_points_of_different_scope_say_so(tmp_path: Path) -> None:
    a, b = read_reports([_write(tmp_path, **dict(zip("ab", _two_years(), strict=True)))])
    frame = series([a, _with_note(b, "2021", "按新口径")], codes=["gdp"])
    growth = frame[frame["measure"] == "change_pct"].set_index("year")
    assert growth.loc[2021, "scope_note"] == "按新口径"
    assert "scope differs from 2020 in a: 按新口径 here, without a note there" in growth.loc[2021, "note"]
    assert growth.loc[2020, "note"] == ""


def _two_years() -> tuple[str, str]:
    return (
        work_report(REGION, 2021, "2020年，全省生产总值增长3.9%。", ""),
        work_report(REGION, 2022, "2021年，全省生产总值增长6.6%。", ""),
    )


def test_two_first_statements_of_one_year_the_targets_own_next_report_counts(tmp_path: Path) -> None:
    # A plan report reviewing 2021 beside the work report: made together, neither revises the other.
    plan_report = (
        f"关于{REGION}2021年国民经济和社会发展计划执行情况与2022年计划草案的报告\n\n各位代表：\n\n"
        "一、2021年计划执行情况\n\n2021年，全省生产总值增长6.7%。\n\n"
        "二、2022年经济社会发展的主要目标\n\n2022年全省生产总值增长6%左右。\n\n" + "发展质量稳步提升。" * 200
    )
    folder = _write(
        tmp_path,
        a=work_report(REGION, 2021, "", TARGETS_2021),
        b=work_report(REGION, 2022, REVIEW_2021, TARGETS_2022),
        p=plan_report,
    )
    work = _pairs(folder, 2021)["gdp"]
    assert (work["target_report"], work["outcome_value"], work["outcome_report"]) == ("a", 6.6, "b")
    assert "also stated as 6.7% by p (first statement)" in work["note"]
