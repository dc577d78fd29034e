"""The report model read from the text: genre, region, years delivered/reviewed/planned, five-year spans."""

from __future__ import annotations

import pytest

from planbook.text.load import report_from_text
from planbook.text.profile import cn_year, five_year_span, genre_of, read_profile, region_of, spans_named


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


# -- report facts from poor headers (issue 16, point 1): each shape a text of its own -----------------------------

COMMUNIQUE_BODY = (
    "2023年，全市上下坚持稳中求进工作总基调，经济运行持续回升向好。\n"
    "一、综合\n"
    "初步核算，全年全市地区生产总值1234.5亿元，比上年增长5.6%。其中，第一产业增加值98.7亿元，增长3.1%。\n"
    "全年居民消费价格比上年上涨0.4%。全年城镇新增就业2.1万人，比上年增加0.2万人。\n"
)


def _lines(first: int, n: int) -> str:
    """n different lines of figures (a text of one line repeated would be a passage saved twice)."""
    return "".join(
        f"第{k}项重点工程完成投资{k}.5亿元，比上年增长{k % 9}.2%，带动就业{k * 3}人。\n"
        for k in range(first, first + n)
    )


def test_a_communique_whose_title_line_a_pdf_conversion_lost() -> None:
    text = "2023 [1]\n\n某市统计局 国家统计局某市调查队\n\n2024年3月25日\n\n" + COMMUNIQUE_BODY * 3
    r = report_from_text(text)
    assert (r.genre, r.region, r.level) == ("communique", "某市", "city")
    assert (r.review_year, r.delivered_year, r.plan_year) == (2023, 2024, None)
    assert r.title == "某市2023年国民经济和社会发展统计公报"
    assert any("no title line found" in w and "made from the report's facts" in w for w in r.warnings)
    assert r.publisher == "某市统计局 国家统计局某市调查队"


def test_a_communique_never_has_a_plan_year() -> None:
    head = "2023年，全县经济平稳运行。\n全年地区生产总值比上年增长5%。\n2024年主要预期目标：生产总值增长6%。\n"
    p = read_profile("某县2023年国民经济和社会发展统计公报", head, headings=["2024年主要目标任务"])
    assert (p.genre, p.review_year, p.plan_year) == ("communique", 2023, None)


def test_a_complete_communique_with_a_running_page_header_is_no_stub() -> None:
    running = "某市2023年国民经济和社会发展统计公报"
    pages = "".join(f"{running}\n— {n} —\n{_lines(n * 20, 20)}" for n in range(1, 12))
    r = report_from_text(f"{running}\n某市统计局\n2024年3月20日\n{pages}")
    assert len(pages) > 2000
    assert r.partial == "" and not any("stub" in w or "repeat" in w for w in r.warnings)
    assert r.repeats == ()


def test_a_title_block_shown_twice_does_not_cut_the_body() -> None:
    title, date = "某某省2025年政府工作报告", "2025年1月21日在某某省第十四届人民代表大会第三次会议上 某某省省长 王某"
    body = "各位代表：\n一、2024年工作回顾\n" + _lines(0, 200)
    text = f"分享:\n{title}\n{date}\n首页\n>\n政府工作报告\n{title}\n{date}\n时间：\n2025-01-30 09:20\n{body}"
    r = report_from_text(text)
    assert (r.title, r.region, r.review_year, r.plan_year) == (title, "某某省", 2024, 2025)
    assert r.partial == "" and r.repeats == ()
    assert not [w for w in r.warnings if "stub" in w or "no title" in w or "repeat" in w]


def test_web_residue_and_a_photo_caption_are_never_the_title() -> None:
    residue = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
    caption = "政府工作报告。 某某日报记者 王某 摄\n"
    body = "各位代表：\n一、2024年工作回顾\n" + _lines(0, 200)
    for head in (residue + "2025年某某省政府工作报告\n", caption + "政府工作报告\n"):
        r = report_from_text(head + "——2025年1月21日在某某省第十四届人民代表大会第三次会议上\n省长 赵某\n" + body)
        assert r.title in ("2025年某某省政府工作报告", "政府工作报告")
        assert (r.region, r.level, r.delivered_year) == ("某某省", "province", 2025)


def test_a_work_report_without_a_title_line_gets_one_made_from_its_facts() -> None:
    text = (
        "　—2016年2月3日在某某区第九届人民代表大会第五次会议上\n\n　　某某区人民政府区长 赵某\n\n各位代表:\n"
        "　　现在,我代表某某区人民政府向大会作工作报告,请予审议。\n"
    )
    r = report_from_text(text + "　　一、2015年工作回顾\n" + _lines(0, 200))
    assert (r.genre, r.region, r.level, r.delivered_year, r.review_year) == (
        "work_report",
        "某某区",
        "district",
        2016,
        2015,
    )
    assert r.title == "某某区2016年政府工作报告"
    assert any("no title line found: the title “某某区2016年政府工作报告”" in w for w in r.warnings)


@pytest.mark.parametrize(
    ("header", "region"),
    [
        ("——1月5日在某某区第五届人民代表大会第二次会议上", "某某区"),  # 日在某某区
        ("2025年1月31日在某某省第十四届人民代表大会第四次会议上", "某某省"),  # 在某某省
        ("（2025年1月27日在某州省第十四届人民代表大会第四次会议上）", "某州省"),
    ],
)
def test_the_region_is_never_a_fragment_of_the_date_line(header: str, region: str) -> None:
    assert region_of("政府工作报告", "各位代表：\n现在，我代表县人民政府向大会报告工作。", header=header) == region


def test_a_short_province_name_in_the_title_is_completed_from_the_text() -> None:
    head = "——2025年1月21日在某州省第十四届人民代表大会第三次会议上\n各位代表："
    assert region_of("某州政府工作报告", head) == "某州省"


def test_a_work_report_that_cites_the_five_year_outline_is_a_work_report() -> None:
    head = (
        "各位代表：\n现在，我代表省人民政府，向大会报告工作，请与《某某省国民经济和社会发展第十五个五年规划纲要（草案）》"
        "一并审议，并请省政协委员提出意见。\n“十四五”时期工作回顾\n"
    )
    assert genre_of("", head) == "work_report"
    assert genre_of("某某省国民经济和社会发展第十五个五年规划纲要", "") == "five_year_plan"


@pytest.mark.parametrize(
    ("head", "review", "plan"),
    [
        # the body names the year reviewed
        ("一、2022年国民经济和社会发展计划执行情况\n2022年，面对……\n", 2022, 2023),
        # …or only the plan's year
        ("今年以来……\n二、2024年国民经济和社会发展计划（草案）\n", 2023, 2024),
        # no year at all: a December session speaks of 今年 and 明年, so it reviews its own year
        (
            "——2023年12月20日在某区人民代表大会常务委员会第十五次会议上\n今年以来，全区经济稳中向好。明年是……\n",
            2023,
            2024,
        ),
        # …a session early in the year speaks of 去年: it reviews the year before
        ("——2024年1月8日在某区第三届人民代表大会第四次会议上\n去年，全区经济稳中向好。\n", 2023, 2024),
    ],
)
def test_a_plan_report_whose_years_are_only_in_its_body(head: str, review: int, plan: int) -> None:
    p = read_profile("关于国民经济和社会发展计划执行情况与计划草案的报告", head)
    assert (p.genre, p.review_year, p.plan_year) == ("plan_report", review, plan)


def test_a_plan_report_whose_title_names_only_its_plan_year() -> None:
    p = read_profile("某县2025年国民经济和社会发展计划草案的报告", "一、……\n")
    assert (p.genre, p.review_year, p.plan_year) == ("plan_report", 2024, 2025)


EXCERPT = (
    "今年政府工作的总体要求是：坚持稳中求进工作总基调，推动高质量发展。\n"
    "今年全县经济社会发展的主要预期目标是：地区生产总值增长6%左右，一般公共预算收入增长5%。\n"
    "（一）扩大有效投资。实施重点项目120个，完成投资85亿元。\n"
)


def test_a_work_report_saved_without_its_review_part() -> None:
    p = read_profile("2024年某县政府工作报告（节选）", EXCERPT)
    assert (p.genre, p.delivered_year, p.plan_year, p.partial) == ("work_report", 2024, 2024, "excerpt")
    assert any("no review of the past year" in w for w in p.warnings)
    # with no year in its title, the year its targets are for is the year of delivery
    undated = read_profile("政府工作报告（摘选）", "做好2024年政府工作，要……\n" + EXCERPT)
    assert (undated.delivered_year, undated.plan_year, undated.partial) == (2024, 2024, "excerpt")
    # …and a whole report that opens with its review is no excerpt
    whole = read_profile(
        "2024年某县政府工作报告", "各位代表：\n过去一年，全县……\n" + EXCERPT, headings=["2023年工作回顾"]
    )
    assert whole.partial != "excerpt" and not any("no review" in w for w in whole.warnings)


def test_the_plan_year_is_decided_once_as_the_year_after_the_review() -> None:
    for title in ("某区2020年国民经济和社会发展计划执行情况与2021年计划草案的报告", "2021年某区政府工作报告"):
        p = read_profile(title, "——2021年1月10日在某区第五届人民代表大会第六次会议上\n")
        assert p.plan_year == p.review_year + 1
