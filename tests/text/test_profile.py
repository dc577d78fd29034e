"""The report model read from the text: genre, region, years delivered/reviewed/planned, five-year spans."""

from __future__ import annotations

import pytest

from planbook.text.profile import cn_year, five_year_span, read_profile, region_of, spans_named


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("荆州区2020年国民经济和社会发展计划执行情况 及2021年计划(草案)的报告", "荆州区"),
        ("2022年保定市政府工作报告", "保定市"),
        ("2023年保定市国民经济和社会发展统计公报", "保定市"),
        ("湖北省荆州市荆州区2020年统计公报", "荆州区"),
        ("关于蠡县2021年国民经济和社会发展计划执行情况的报告", "蠡县"),
        ("内蒙古自治区2022年政府工作报告", "内蒙古自治区"),
        ("政府工作报告——2008年1月在河北省第十一届人民代表大会第一次会议上", "河北省"),
        ("政府工作报告——二〇一二年一月六日在河北省第十一届人民代表大会第五次会议上", "河北省"),
    ],
)
def test_region_from_title(title: str, region: str) -> None:
    assert region_of(title, "") == region


def test_region_from_the_speech_when_the_title_names_none() -> None:
    head = "——2023年1月15日在高阳县第十七届人民代表大会第三次会议上\n高阳县人民政府县长 某某\n各位代表："
    assert region_of("政府工作报告", head) == "高阳县"


def test_work_report_delivered_in_n_reviews_n_minus_1_and_plans_n() -> None:
    head = "——2023年1月11日在某某市第十五届人民代表大会第二次会议上\n各位代表：\n"
    p = read_profile("某某市政府工作报告", head, headings=["过去一年工作回顾", "2023年主要工作"])
    assert (p.genre, p.delivered_year, p.review_year, p.plan_year) == ("work_report", 2023, 2022, 2023)


def test_speech_date_in_chinese_numerals_beats_the_header_year() -> None:
    head = "二〇一九年一月十四日在河北省第十三届人民代表大会第二次会议上\n各位代表：\n一、2018年工作回顾\n"
    p = read_profile("2018年河北省政府工作报告", head, headings=["2018年工作回顾"])
    assert (p.delivered_year, p.review_year, p.plan_year) == (2019, 2018, 2019)
    assert any("header says 2018" in w for w in p.warnings)


def test_plan_report_reviews_n_and_plans_n_plus_1() -> None:
    p = read_profile(
        "荆州区2020年国民经济和社会发展计划执行情况及2021年计划(草案)的报告", "一、2020年…", published="2021-02-23"
    )
    assert (p.genre, p.review_year, p.plan_year, p.delivered_year) == ("plan_report", 2020, 2021, 2021)


def test_communique_title_broken_over_lines_and_footnoted() -> None:
    text = "# 2021年\n成都市国民经济和社会\n发展统计公报[1]\n\n成都市统计局\n\n2022年3月25日\n\n2021年，全市…"
    p = read_profile("", text)
    assert (p.genre, p.review_year, p.delivered_year, p.plan_year) == ("communique", 2021, 2022, None)
    assert p.region == "成都市"


def test_five_year_spans_in_headings() -> None:
    head = "——2021年2月19日在河北省第十三届人民代表大会第四次会议上\n"
    p = read_profile(
        "2021年河北省政府工作报告",
        head,
        headings=["2020年工作回顾和“十三五”时期发展成就", "“十四五”时期发展的总体思路和重点任务", "2021年主要工作"],
    )
    assert (p.review_span, p.plan_span) == ("2016-2020", "2021-2025")


def test_past_five_years_is_the_span_before_delivery() -> None:
    p = read_profile(
        "政府工作报告",
        "——2023年1月11日在某省第十四届人民代表大会第一次会议上\n各位代表：",
        headings=["过去五年工作回顾", "今后五年政府工作总体安排"],
    )
    assert (p.review_span, p.plan_span) == ("2018-2022", "2023-2027")


def test_unknown_genre_warns() -> None:
    p = read_profile("关于某事的说明", "一、2020年情况\n")
    assert p.genre == "unknown"
    assert any("genre" in w for w in p.warnings)


def test_stub_warns() -> None:
    p = read_profile("2016年某省政府工作报告", "各位代表：\n生产总值增长6.5%左右。\n", headings=[])
    assert p.partial == "stub" and any("stub" in w for w in p.warnings)
    tiny = read_profile("2016年某省政府工作报告", "各位代表：\n", headings=["2015年工作回顾"])
    assert tiny.partial == "stub"  # hardly any text, even with a review heading


def test_a_short_report_with_a_review_is_no_stub() -> None:
    text = "各位代表：\n" + "生产总值增长6.5%左右，一般公共预算收入增长6%。" * 60
    p = read_profile("2019年某省政府工作报告", text, headings=["2018年工作回顾", "2019年目标任务"])
    assert p.partial == "" and not any("stub" in w for w in p.warnings)
    # ...but the reader is told it is short, unlike for a whole report.
    assert any("short text" in w for w in p.warnings)
    whole = read_profile("2019年某省政府工作报告", text * 3, headings=["2018年工作回顾", "2019年目标任务"])
    assert not whole.warnings


@pytest.mark.parametrize(
    ("ordinal", "span"), [(9, "1996-2000"), (10, "2001-2005"), (13, "2016-2020"), (14, "2021-2025")]
)
def test_five_year_span(ordinal: int, span: str) -> None:
    assert five_year_span(ordinal) == span


def test_spans_named_in_quotes_and_in_words() -> None:
    assert spans_named("“十三五”时期和第十四个五年规划") == ["2016-2020", "2021-2025"]
    assert spans_named("一、“九五”回顾") == ["1996-2000"]
    assert spans_named("二十五个项目") == []


@pytest.mark.parametrize(("s", "year"), [("二〇一九", 2019), ("二0一九", 2019), ("2005", 2005), ("一二三", None)])
def test_cn_year(s: str, year: int | None) -> None:
    assert cn_year(s) == year
