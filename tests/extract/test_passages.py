"""Periods and kinds of whole passages: parts, five-year reviews and plans, paragraphs that turn to another year."""

from __future__ import annotations

from planbook.extract import extract
from planbook.model import IndicatorRow
from planbook.text import report_from_text

WORK_REPORT = (
    "标题：2021年某某省政府工作报告\n\n正文：\n\n——2021年1月25日在某某省第十三届人民代表大会第四次会议上\n各位代表：\n"
)


def rows(body: str, head: str = WORK_REPORT) -> list[IndicatorRow]:
    report = report_from_text(head + body)
    found = extract(report)
    for r in found:
        assert report.text[r.start : r.end] == r.text
    return found


def by_text(found: list[IndicatorRow]) -> dict[str, IndicatorRow]:
    return {r.text: r for r in found}


def test_work_report_reviews_the_year_before_delivery_and_plans_the_year_of_delivery():
    r = by_text(
        rows(
            "一、过去一年工作回顾\n全省生产总值增长3.9%。\n"
            "二、2021年主要工作\n今年主要预期目标是：生产总值增长6.5%左右。\n"
        )
    )
    assert (r["3.9"].period, r["3.9"].kind) == ("2020", "actual")
    assert (r["6.5"].period, r["6.5"].kind) == ("2021", "target")


def test_five_year_paragraphs_give_spans_cumulative_changes_and_end_levels():
    r = by_text(
        rows(
            "一、2020年工作回顾和“十三五”时期发展成就\n2020年全省生产总值增长3.9%。\n"
            "这五年，全省生产总值从2015年的2.6万亿元增长到2020年的3.62万亿元，一般公共预算收入从2649.2亿元"
            "增长到3826.4亿元，单位GDP能耗五年下降21%，旅游业总收入年均增长26%，港口货物年吞吐量突破12亿吨，"
            "累计压减地下水超采量43.5亿立方米，优良断面比例提高28.4个百分点。\n"
        )
    )
    assert r["3.9"].period == "2020"
    assert (r["2.6"].period, r["2.6"].qualifier, r["3.62"].period) == ("2015", "before", "2020")
    assert (r["2649.2"].period, r["3826.4"].period) == ("2015", "2020")  # the same years, not written again
    assert (r["21"].measure, r["21"].value, r["21"].period) == ("cum_change_pct", -21.0, "2016-2020")
    assert (r["26"].measure, r["26"].period) == ("avg_change_pct", "2016-2020")
    assert r["12"].period == "2020"  # a level reached: the last year of the span
    assert r["43.5"].period == "2016-2020"  # a flow summed over the span
    assert (r["28.4"].measure, r["28.4"].period) == ("change_pp", "2016-2020")
    assert all(x.kind == "actual" for x in r.values())


def test_a_paragraph_turning_back_to_the_year_under_review():
    r = by_text(
        rows(
            "一、过去五年工作回顾\n过去的五年，全省城镇新增就业421万人。\n"
            "各位代表，刚刚过去的2020年，全省粮食产量达到760亿斤。\n一年来，新建农村公路5000公里。\n"
        )
    )
    assert r["421"].period == "2016-2020"
    assert r["760"].period == "2020"
    assert r["5000"].period == "2020"


def test_five_year_plan_targets_stock_at_the_end_year_and_flows_over_the_span():
    r = by_text(
        rows(
            "一、2020年工作回顾\n生产总值增长3.9%。\n二、“十四五”时期主要目标任务\n"
            "“十四五”时期全省生产总值年均增长6%左右。到2025年，常住人口城镇化率达到65%以上，"
            "万元GDP用水量、能耗分别降低15%、15%。新增城镇就业400万人以上。\n三、2021年主要工作\n生产总值增长6.5%。\n"
        )
    )
    assert (r["6"].measure, r["6"].period, r["6"].kind) == ("avg_change_pct", "2021-2025", "target")
    assert (r["65"].measure, r["65"].period) == ("ratio_pct", "2025")
    assert [x.measure for x in rows_named(r, "15")] == ["cum_change_pct"]
    assert r["400"].period == "2021-2025"
    assert (r["6.5"].period, r["6.5"].kind) == ("2021", "target")


def rows_named(r: dict[str, IndicatorRow], text: str) -> list[IndicatorRow]:
    return [x for t, x in r.items() if t == text]


def test_this_year_is_the_year_of_delivery_in_a_task_part_without_a_year():
    r = by_text(
        rows(
            "一、2020年工作回顾\n生产总值增长3.9%。\n二、2021年工作总体要求和主要目标\n生产总值增长6.5%。\n"
            "三、千方百计扩大有效投资\n今年全社会固定资产投资力争增长8%以上。\n"
        )
    )
    assert (r["8"].period, r["8"].kind) == ("2021", "target")


def test_plan_report_reviews_its_year_and_plans_the_next():
    head = "荆州区2020年国民经济和社会发展计划执行情况及2021年计划(草案)的报告\n\n"
    r = by_text(
        rows("一、2020年计划执行情况\n地区生产总值下降4.5%。\n二、2021年计划目标\n地区生产总值增长10%。\n", head)
    )
    assert (r["4.5"].period, r["4.5"].kind, r["4.5"].value) == ("2020", "actual", -4.5)
    assert (r["10"].period, r["10"].kind) == ("2021", "target")


def test_communique_figures_are_outcomes_of_its_year():
    head = "# 2021年\n某某市国民经济和社会\n发展统计公报[1]\n\n某某市统计局\n\n2022年3月25日\n\n"
    r = by_text(rows("## 一、综合\n全年地区生产总值1990.7亿元，比上年增长8.6%。到2025年目标另行公布。\n", head))
    assert (r["1990.7"].period, r["1990.7"].kind) == ("2021", "actual")


def test_notes_and_definitions_give_goals_but_no_outcomes():
    found = rows(
        "一、2020年工作回顾\n生产总值增长3.9%。\n名词解释\n[1]“5个1000”行动：即全市每年招商入库1000个项目。\n[2]“三步走”：到2025年，全市GDP超过5000亿元。\n"
    )
    assert [(r.text, r.kind) for r in found] == [("3.9", "actual"), ("5000", "target")]


def test_a_page_marker_inside_a_word_is_read_through():
    head = "# 2021年某某市国民经济和社会发展统计公报\n\n某某市统计局\n\n"
    found = rows("## 一、综合\n城镇污水处\n\n<!-- Page Page 16 -->\n\n理率 93.9% 。\n", head)
    assert [(r.indicator, r.measure, r.value) for r in found] == [("城镇污水处理率", "ratio_pct", 93.9)]


def test_html_table_repeating_the_prose_is_not_read():
    head = "# 2021年某某市国民经济和社会发展统计公报\n\n"
    table = "表1：2021年地区生产总值\n\n<table><tr><td>地区生产总值</td><td>19917.0</td></tr></table>\n\n"
    found = rows("## 一、综合\n全年实现地区生产总值19917.0亿元。\n\n" + table, head)
    assert [r.text for r in found] == ["19917.0"]


def test_a_speech_saved_twice_gives_every_row_once():
    speech = "一、2020年工作回顾\n全省生产总值增长3.9%，一般公共预算收入增长2.1%。\n"
    found = rows(speech + "网站首页\n版权所有：某某省人民政府\n" + speech)
    assert [r.text for r in found] == ["3.9", "2.1"]


def test_a_heading_broken_around_a_quoted_word():
    r = by_text(
        rows("一、2020年工作回顾\n生产总值增长3.9%。\n二、“\n十四五\n”时期主要目标\n生产总值年均增长6%左右。\n")
    )
    assert (r["6"].period, r["6"].kind) == ("2021-2025", "target")


def test_goals_reported_on_in_the_review_are_outcomes():
    r = by_text(
        rows(
            "一、2020年工作回顾\n82项年度重点任务全部完成。超额完成国家下达的保障性住房目标任务，开工建设38.5万套。"
            "登记失业率3.8%、控制在预期目标之内，农村劳动力转移就业总量达到1520万人。力争明年新增就业10万人。\n"
        )
    )
    assert [r[t].kind for t in ("82", "38.5", "3.8", "1520")] == ["actual"] * 4
    assert (r["10"].kind, r["10"].period) == ("target", "2022")


def test_a_year_on_year_change_and_a_lead_in_before_the_year_under_review():
    r = by_text(
        rows(
            "一、过去五年工作回顾\n这五年，2020年全省生产总值26575亿元，同比增长9.6%，比2015年增长65.8%。"
            "全部财政收入3479.3亿元，比2015年增长1.3倍。\n"
            "特别需要指出的是，刚刚过去的2020年，各条战线都取得了新成绩。全省生产总值增长13.4%。\n"
        )
    )
    assert (r["9.6"].measure, r["9.6"].period) == ("change_pct", "2020")
    assert (r["65.8"].measure, r["65.8"].period) == ("cum_change_pct", "2016-2020")
    assert r["3479.3"].period == "2020"
    assert (r["13.4"].measure, r["13.4"].period) == ("change_pct", "2020")


PLAN_REPORT = "标题：关于某区2021年国民经济和社会发展计划执行情况与2022年计划草案的报告\n\n正文：\n\n"


def test_a_plan_report_written_in_the_year_it_reviews_calls_that_year_this_year():
    r = by_text(
        rows(
            "一、2021年计划执行情况\n今年以来，全区经济稳中向好。预计全年地区生产总值520亿元。今年粮食产量18万吨。\n"
            "二、2022年主要目标\n明年地区生产总值增长7%。\n",
            PLAN_REPORT,
        )
    )
    assert (r["520"].period, r["520"].kind) == ("2021", "actual")
    assert (r["18"].period, r["18"].kind) == ("2021", "actual")
    assert (r["7"].period, r["7"].kind) == ("2022", "target")


def test_a_plan_report_that_never_says_so_is_read_as_delivered_in_its_plan_year():
    body = "一、2021年计划执行情况\n地区生产总值520亿元。\n二、2022年主要目标\n今年地区生产总值增长7%。\n"
    r = by_text(rows(body, PLAN_REPORT))
    assert (r["520"].period, r["520"].kind) == ("2021", "actual")
    assert (r["7"].period, r["7"].kind) == ("2022", "target")


def test_what_this_year_has_brought_so_far_is_an_outcome():
    r = by_text(rows("一、2021年主要工作\n今年以来，全省新开工项目120个。\n"))
    assert (r["120"].period, r["120"].kind) == ("2021", "actual")


OUTLINE = "标题：某市国民经济和社会发展第十四个五年规划和二〇三五年远景目标纲要\n\n正文：\n\n"


def test_an_outline_reviews_and_plans_five_years_under_headings_that_name_none():
    r = by_text(
        rows(
            "第一章 发展基础\n全市地区生产总值年均增长7.1%，人均地区生产总值达到6万元。\n"
            "第二章 主要目标\n地区生产总值年均增长6.5%左右；常住人口城镇化率达到68%；新增城镇就业30万人。\n",
            OUTLINE,
        )
    )
    assert (r["7.1"].period, r["7.1"].kind) == ("2016-2020", "actual")
    assert (r["6"].period, r["6"].kind) == ("2020", "actual")  # a stock: the span's last year
    assert (r["6.5"].period, r["6.5"].kind) == ("2021-2025", "target")
    assert (r["68"].period, r["68"].kind) == ("2025", "target")
    assert (r["30"].period, r["30"].kind) == ("2021-2025", "target")  # a flow: over the span


def test_a_flow_of_n_years_named_in_its_clause_is_of_those_years():
    body = "一、过去一年工作回顾\n新增国家级高新技术企业1800家，两年新增近3000家。五年共投入扶贫资金56亿元。\n"
    r = by_text(rows(body))
    assert (r["1800"].period, r["3000"].period, r["56"].period) == ("2020", "2019-2020", "2016-2020")


def test_an_item_of_a_list_in_a_five_year_passage_has_the_period_of_the_first():
    r = by_text(rows("一、过去五年工作回顾\n过去五年，城乡居民人均居住面积分别达到14和25平方米。\n"))
    assert (r["14"].period, r["25"].period) == ("2020", "2020")


def test_a_this_year_opening_a_sentence_mid_paragraph_dates_its_clauses():
    body = "一、过去一年工作回顾\n生产总值增长3.9%，财政收入增长5%。今年，生产总值预期增长6%，投资增长8%。\n"
    r = by_text(rows(body))
    assert [(r[t].period, r[t].kind) for t in ("3.9", "6", "8")] == [
        ("2020", "actual"),
        ("2021", "target"),
        ("2021", "target"),
    ]
    assert r["6"].indicator == "地区生产总值"  # 预期 is no part of the name


def test_a_paragraph_whose_greeting_is_a_sentence_of_its_own_still_names_its_year():
    r = by_text(
        rows(
            "一、“十三五”时期和2020年工作回顾\n过去五年，全省生产总值年均增长6.1%。\n"
            "各位代表！刚刚过去的2020年，是极不平凡的一年。全省生产总值增长3.6%，财政收入增长1.2%。\n"
        )
    )
    assert (r["6.1"].measure, r["6.1"].period) == ("avg_change_pct", "2016-2020")
    assert (r["3.6"].measure, r["3.6"].period) == ("change_pct", "2020")
    assert (r["1.2"].measure, r["1.2"].period) == ("change_pct", "2020")


def test_a_year_named_in_a_five_year_sentence_holds_for_its_later_clauses_but_not_a_base_year():
    r = by_text(
        rows(
            "一、过去五年工作回顾\n五年来，全省生产总值年均增长6.3%，2020年全省生产总值增长3.7%，财政收入增长2.4%。\n"
            "2020年全省粮食产量720亿斤，比2015年增长8.5%。\n"
        )
    )
    assert (r["3.7"].measure, r["3.7"].period) == ("change_pct", "2020")
    assert (r["2.4"].measure, r["2.4"].period) == ("change_pct", "2020")
    assert (r["8.5"].measure, r["8.5"].period) == ("cum_change_pct", "2016-2020")


def test_steadying_expectations_sets_no_goal():
    r = by_text(rows("一、2020年工作回顾\n我们着力稳就业、稳企业、稳预期，经济运行总体平稳，全省生产总值增长4.2%。\n"))
    assert (r["4.2"].kind, r["4.2"].period) == ("actual", "2020")


def test_a_change_on_a_base_year_long_before_is_cumulative_since_then():
    r = by_text(
        rows("一、2020年工作回顾\n2020年全省粮食产量720亿斤，比2015年增长8.5%，单位生产总值能耗比2015年下降16%。\n")
    )
    assert (r["8.5"].measure, r["8.5"].period) == ("cum_change_pct", "2016-2020")
    assert (r["16"].measure, r["16"].period, r["16"].indicator) == ("cum_change_pct", "2016-2020", "单位生产总值能耗")


def test_a_base_at_the_end_of_an_earlier_plan_is_that_years_level_and_the_changes_are_of_the_span():
    r = by_text(
        rows(
            "一、过去五年工作回顾\n五年来，全省地区生产总值达到8650.2亿元，较“十二五”末的6120.4亿元增加2529.8亿元，"
            "增长41.3%。\n"
        )
    )
    assert (r["6120.4"].indicator, r["6120.4"].period) == ("地区生产总值", "2015")
    assert (r["2529.8"].indicator, r["2529.8"].measure, r["2529.8"].period) == (
        "地区生产总值",
        "change_abs",
        "2016-2020",
    )
    assert (r["41.3"].indicator, r["41.3"].measure) == ("地区生产总值", "cum_change_pct")
