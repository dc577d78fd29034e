"""A report's own words on its targets: clauses of the shape written here, not copied from any report."""

from __future__ import annotations

import pytest

from planbook.analysis.self_verdict import clause_verdict, self_verdicts
from planbook.text import load_report


@pytest.mark.parametrize(
    ("clause", "phrase"),
    [
        ("全年经济社会发展主要目标任务圆满完成", "圆满完成"),
        ("基本完成县十届人大二次会议确定的各项目标任务", "基本完成"),
        ("较好完成了年初确定的主要预期目标", "较好完成"),
        ("主要经济指标全面完成", "全面完成"),
        ("但仍有部分主要指标未完成", "未完成"),
        ("工业增加值等指标没有达到预期目标", "没有达到"),
        ("2019年目标任务超额完成", "超额完成"),
    ],
)
def test_a_clause_judging_the_years_targets_is_found(clause, phrase):
    found = clause_verdict(clause)
    assert found is not None and found[1] == phrase
    assert clause[found[0] : found[0] + len(phrase)] == phrase


@pytest.mark.parametrize(
    "clause",
    [
        "确保完成全年主要目标任务",  # a wish: nothing judged yet
        "力争全面完成各项目标任务",
        "全面完成今年的各项目标任务",  # the plan year of a report delivered at its start
        "将圆满完成各项目标任务",
        "为完成全年目标任务奠定基础",
        "完成好各项目标任务",  # an exhortation
        "十四五规划主要目标任务全面完成",  # a plan of several years
        "化债目标任务按期完成",  # one target, not the year's
        "排放量完成省下达的目标任务",  # a quota assigned from above
        "完成年度目标的102%",  # one indicator's ratio
        "对未完成各项目标任务的单位严肃问责",  # a noun the clause goes on to describe
        "新建学校任务全面完成",  # one task
    ],
)
def test_a_wish_a_plan_or_one_target_is_no_verdict(clause):
    assert clause_verdict(clause) is None


def test_verdicts_of_a_report_are_located_in_its_text(tmp_path):
    body = (
        "一、2020年工作回顾\n过去一年，全县主要目标任务基本完成，地区生产总值增长3%。\n"
        "二、2021年工作安排\n确保完成全年各项目标任务。\n"
    )
    path = tmp_path / "x-2021.txt"
    path.write_text("某县2021年政府工作报告\n" + body, encoding="utf-8")
    report = load_report(path)
    text = report.text
    found = self_verdicts(report, 2020)
    assert [(v.phrase, v.tone, v.year) for v in found] == [("基本完成", "mostly", 2020)]
    v = found[0]
    assert text[v.start : v.end] == "基本完成"
    assert v.sentence_start <= v.start < v.end <= v.sentence_end
    assert v.clause == "全县主要目标任务基本完成"
