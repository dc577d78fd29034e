"""Extraction patterns, one small sentence each, plus properties that must hold for any text."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from planbook.extract import extract, to_frame
from planbook.model import COLUMNS, IndicatorRow
from planbook.text import report_from_text

TITLE = "测试区2020年国民经济和社会发展计划执行情况及2021年计划(草案)的报告\n\n"
PARTS = "一、2020年国民经济和社会发展计划执行情况\n\n{actual}\n\n二、2021年国民经济和社会发展计划目标\n\n{target}\n"


def rows_of(actual: str, target: str = "") -> list[IndicatorRow]:
    """Rows of a report whose 2020 review part says ``actual`` and whose 2021 plan part says ``target``."""
    report = report_from_text(TITLE + PARTS.format(actual=actual, target=target or "无。"))
    rows = extract(report)
    for r in rows:
        assert report.text[r.start : r.end] == r.text
    return rows


def one(actual: str, target: str = "", **expected: object) -> IndicatorRow:
    rows = rows_of(actual, target)
    assert len(rows) == 1, [(r.text, r.indicator, r.measure) for r in rows]
    row = rows[0]
    for key, value in expected.items():
        assert getattr(row, key) == value, (key, getattr(row, key), value)
    return row


def test_level_keeps_unit_as_written():
    one("全区地区生产总值完成341.21亿元。", indicator="地区生产总值", measure="level", value=341.21, unit="亿元")


def test_scaled_value_uses_unit_prefix():
    row = one("全区地区生产总值完成341.21亿元。")
    assert row.scale == 1e8 and row.unit_scaled == "元"
    assert math.isclose(row.value_scaled, 341.21e8)


def test_decline_gives_negative_change():
    rows = rows_of("全区地区生产总值完成341.21亿元,同比下降4.5%。")
    assert [(r.measure, r.value, r.indicator) for r in rows] == [
        ("level", 341.21, "地区生产总值"),
        ("change_pct", -4.5, "地区生产总值"),
    ]


def test_growth_speed_that_fell_is_a_negative_change():
    rows = rows_of("社会消费品零售总额完成205.9亿元,增速同比下降22.5%。")
    assert (rows[1].measure, rows[1].value, rows[1].indicator) == ("change_pct", -22.5, "社会消费品零售总额")


def test_percentage_point_rise_is_change_pp():
    one("城镇化率比上年提高0.83个百分点。", measure="change_pp", value=0.83, unit="个百分点", indicator="城镇化率")


def test_absolute_change_against_last_year():
    rows = rows_of("年末常住人口45.3万人,比上年末增加6.1万人。")
    assert (rows[1].measure, rows[1].value, rows[1].unit, rows[1].indicator) == ("change_abs", 6.1, "万人", "常住人口")


def test_absolute_decrease_is_negative():
    rows = rows_of("粮食总产量34.2万吨,比上年减少1.2万吨。")
    assert (rows[1].measure, rows[1].value) == ("change_abs", -1.2)


def test_gap_above_the_comparison_area():
    rows = rows_of("地区生产总值同比下降4.5%,高于全市平均水平1.4个百分点。")
    assert (rows[1].measure, rows[1].value, rows[1].indicator) == ("gap_pp", 1.4, "地区生产总值")


def test_gap_below_is_negative():
    rows = rows_of("一般预算收入同比增长3%,低于全省平均水平0.6个百分点。")
    assert (rows[1].measure, rows[1].value) == ("gap_pp", -0.6)


def test_rank_in_digits_and_in_words():
    rows = rows_of("固定资产投资同比增长7.2%,增幅在全市排名第2位;规上工业增加值增长5%,全市排名第一。")
    ranks = [(r.text, r.value, r.unit, r.indicator) for r in rows if r.measure == "rank"]
    # 增幅在全市排名第2位 ranks the growth of the investment, not its level
    assert ranks == [("2", 2.0, "位", "固定资产投资增速"), ("一", 1.0, "位", "规上工业增加值")]
    assert [r.area for r in rows if r.measure == "rank"] == ["全市", "全市"]


def test_ordinal_that_is_not_a_rank_gives_no_row():
    assert rows_of("全力组织第3批省级特色小镇申报工作,召开第十七届运动会。") == []


def test_structure_ratio_gives_one_share_per_sector():
    rows = rows_of("三产业结构比为14.1:26.8:59.1。")
    assert [(r.indicator, r.measure, r.value, r.unit) for r in rows] == [
        ("第一产业增加值", "share_pct", 14.1, "%"),
        ("第二产业增加值", "share_pct", 26.8, "%"),
        ("第三产业增加值", "share_pct", 59.1, "%"),
    ]


def test_share_of_gdp():
    one("数字经济核心产业增加值占GDP比重达3%。", measure="share_pct", value=3.0, indicator="数字经济核心产业增加值")


def test_completion_rate_is_ratio_pct():
    rows = rows_of("巡查扬尘污染问题943个,整改完成927个,整改完成率98.3%。")
    assert [r.measure for r in rows] == ["level", "level", "ratio_pct"]
    assert rows[2].indicator.endswith("完成率")


def test_recovery_to_a_share_of_a_past_year_is_ratio_pct():
    row = one("旅游收入恢复到2019年的97%。", measure="ratio_pct", value=97.0)
    assert row.period == "2020"


def test_a_rate_is_ratio_pct_but_unemployment_a_level():
    one("环境空气优良率86.9%。", measure="ratio_pct", value=86.9, indicator="环境空气优良率")
    one("常住人口城镇化率达到61.2%。", measure="ratio_pct", value=61.2)
    one("人口自然增长率6.5‰。", measure="ratio_pct", value=6.5, unit="‰")
    one("城镇登记失业率3.2%。", measure="level", value=3.2, indicator="城镇登记失业率")


def test_a_growth_rate_is_a_change():
    one("地区生产总值增长率为5.2%。", measure="change_pct", value=5.2)


def test_explicit_earlier_year_sets_the_period():
    rows = rows_of("完成2019年2.65万亩高标准农田建设项目。")
    assert (rows[0].period, rows[0].kind, rows[0].value) == ("2019", "actual", 2.65)


def test_plan_part_gives_next_year_targets():
    row = one("无。", "——地区生产总值增长10%。", period="2021", kind="target", measure="change_pct", value=10.0)
    assert row.indicator == "地区生产总值"


def test_target_words_in_the_review_part():
    row = one("力争新增规上企业10家。", kind="target", indicator="新增规上企业")
    assert row.period == "2020"


def test_by_a_future_year_is_a_target_of_that_year():
    one("到2025年,全市GDP超过5000亿元。", period="2025", kind="target", qualifier="lower_bound", value=5000.0)


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("共争取到位各类项目资金约9.3亿元。", "approx"),
        ("组织2800多名干部群众奔赴一线。", "approx"),
        ("各首席代表累计走访企业700余次。", "approx"),
        ("全区工业技改增速达到20%以上。", "lower_bound"),
        ("全区网络零售总额突破30亿元。", "lower_bound"),
        ("城镇登记失业率控制在5%以内。", "upper_bound"),
        ("其他项目审批最长不超过120个工作日。", "upper_bound"),
        ("社会消费品零售总额增长8.5%左右。", "approx"),
        ("预计全年地区生产总值增长5.1%。", "estimate"),
    ],
)
def test_qualifiers(sentence: str, qualifier: str):
    rows = rows_of(sentence)
    assert rows[-1].qualifier == qualifier, [(r.text, r.qualifier) for r in rows]


def test_before_and_after_pair():
    rows = rows_of("企业开办审批环节从5个减少到1个,简易注销由原来公示45日压缩到20日,时间压缩60%。")
    assert [(r.value, r.qualifier) for r in rows[:4]] == [(5, "before"), (1, "after"), (45, "before"), (20, "after")]
    assert rows[0].indicator == rows[1].indicator == "企业开办审批环节"
    assert (rows[4].measure, rows[4].value) == ("change_pct", -60.0)


@pytest.mark.parametrize(
    "sentence",
    [
        "发布时间: 2021-02-23 10:38。",
        "从元月22日有序封闭重要通道,至2月19日再无新增确诊病例。",
        "推动“6+1”劳务协作。",
        "抓好人感染H7N9禽流感防控。",
        "推进318国道万城段、428省道改扩建。",
        "确保PM2.5浓度持续下降。",
        "推动5G基站建设。",
        "聚焦“三步走”战略目标^[1]、部署[2]。",
        "启动全区“十四五”规划编制工作,实行24小时值班制度。",
        "是建党100周年,学习借鉴5.0版经验。",
        "2020年,面对突如其来的疫情。",
    ],
)
def test_numbers_that_are_not_quantities_give_no_row(sentence: str):
    assert rows_of(sentence) == []


def test_list_with_respectively_names_each_number():
    rows = rows_of("固定资产投资、规模以上工业增加值、社会消费品零售总额分别同比增长25%、12%、24%。")
    assert [(r.indicator, r.value) for r in rows] == [
        ("固定资产投资", 25.0),
        ("规模以上工业增加值", 12.0),
        ("社会消费品零售总额", 24.0),
    ]


def test_list_with_shared_suffix():
    rows = rows_of("节能环保、汽车及零部件、新材料等产业增加值分别同比增长29.2%、16.5%和16%。")
    assert [r.indicator for r in rows] == ["节能环保产业增加值", "汽车及零部件产业增加值", "新材料产业增加值"]


def test_range_gives_low_and_high_rows():
    rows = rows_of("各乡镇打造1-2个区级样板示范沟渠。")
    assert [(r.value, r.unit, r.qualifier) for r in rows] == [(1.0, "个", "range_low"), (2.0, "个", "range_high")]


def test_full_width_digits_and_separators():
    rows = rows_of("地区生产总值完成３４１．２１亿元,受理执行案件1,467件,接待游客1，200万人次。")
    assert [(r.text, r.value) for r in rows] == [("３４１．２１", 341.21), ("1,467", 1467.0), ("1，200", 1200.0)]


def test_chinese_numeral_counts():
    rows = rows_of("新增两家国家级高新技术企业,建成十四个村级服务站。")
    assert [(r.text, r.value, r.unit) for r in rows] == [("两", 2.0, "家"), ("十四", 14.0, "个")]


def test_line_breaks_inside_words_and_numbers():
    rows = rows_of("第二产业增加值91.39亿元,同比增\n长8.4\n%。")
    assert (rows[1].text, rows[1].measure, rows[1].value) == ("8.4", "change_pct", 8.4)
    assert rows[1].indicator == "第二产业增加值"


def test_name_follows_the_unit_after_a_verb():
    row = one("动员5278名党员、公职人员下沉村、社区防控一线。", unit="名")
    assert row.indicator == "党员"  # the list's first noun: a name that reads alone


def test_elliptical_names_borrow_from_the_previous_one():
    rows = rows_of("全年粮食播种面积69.78万亩,产量28.42万吨,新增省级重点龙头企业1家,市级3家。")
    assert [r.indicator for r in rows] == ["粮食播种面积", "粮食产量", "新增省级重点龙头企业", "新增市级重点龙头企业"]


def test_english_name_from_glossary():
    row = one("全区地区生产总值完成341.21亿元。")
    assert row.indicator_en


def test_chapters_from_headings_and_keywords():
    rows = rows_of(
        "(三)产业发展\n\n农业经济有新举措。全年粮食播种面积69.78万亩。\n\n工业经济稳步复苏。新增规上工业企业9家。"
    )
    assert [r.chapter for r in rows] == ["agriculture", "industry"]


def test_residue_after_the_body_gives_no_row():
    report = report_from_text(TITLE + "一、执行情况\n\n地区生产总值完成341.21亿元。\n\n打印| 关闭\n0\n")
    assert [r.text for r in extract(report)] == ["341.21"]


def test_frame_has_the_documented_columns():
    df = to_frame(rows_of("全区地区生产总值完成341.21亿元,同比下降4.5%。"))
    assert tuple(df.columns) == COLUMNS
    assert len(df) == 2


def test_text_without_numbers_gives_no_rows():
    assert rows_of("坚持稳中求进工作总基调。") == []


# Characters that make up report sentences, so random strings hit the extractor's patterns often.
REPORT_ALPHABET = list("0123456789.,，%万亿元个家第一二三两十增长下降同比高于个百分点")
REPORT_ALPHABET += list("从到比上年年月日“”、:：\n 全市排名位以上约-")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(REPORT_ALPHABET), max_size=200))
def test_any_text_gives_valid_rows(text: str):
    report = report_from_text(text)
    for r in extract(report):
        assert report.text[r.start : r.end] == r.text
        assert math.isfinite(r.value)
        assert r.measure and r.kind in ("actual", "target")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text_never_raises(text: str):
    report = report_from_text(text)
    for r in extract(report):
        assert report.text[r.start : r.end] == r.text
        assert math.isfinite(r.value)


def test_negative_number_written_with_its_sign():
    rows = rows_of("全区地区生产总值1.2万亿元,比上年增长-4.5%。")
    assert [(r.text, r.measure, r.value, r.unit) for r in rows] == [
        ("1.2", "level", 1.2, "万亿元"),
        ("4.5", "change_pct", -4.5, "%"),
    ]
    assert rows[1].indicator == "地区生产总值"


def test_table_columns_do_not_fuse_into_one_number():
    rows = rows_of("地区生产总值 3725.0 7.2\n全年粮食产量 28.4 万吨。")
    assert [(r.text, r.value, r.unit) for r in rows] == [("28.4", 28.4, "万吨")]


def test_urban_and_rural_pair_and_a_repeated_list():
    rows = rows_of("城乡居民人均可支配收入分别达到42000元和21000元,分别增长6.8%和8.2%。")
    names = [r.indicator for r in rows]
    assert names[0] == names[2] and names[1] == names[3] and names[0] != names[1]
    assert names[0].startswith("城镇") and names[1].startswith("农村")
    assert [r.measure for r in rows] == ["level", "level", "change_pct", "change_pct"]


def test_net_increase_is_an_absolute_change_of_the_previous_level():
    rows = rows_of("全市规上工业企业达到1523家,净增210家。")
    assert [(r.indicator, r.measure, r.value) for r in rows] == [
        ("规上工业企业", "level", 1523.0),
        ("规上工业企业", "change_abs", 210.0),
    ]


def test_annual_average_growth_and_fell_to_a_level():
    rows = rows_of("五年来地区生产总值年均增长7.1%,PM2.5平均浓度降至38微克/立方米。")
    assert [(r.indicator, r.measure, r.unit, r.period) for r in rows] == [
        ("地区生产总值", "avg_change_pct", "%", "2016-2020"),
        ("PM2.5平均浓度", "level", "微克/立方米", "2020"),
    ]


def test_sector_list_and_shared_head_noun():
    rows = rows_of(
        "第一、二、三产业增加值分别为48.1亿元、91.4亿元和201.8亿元。城镇、农村居民人均可支配收入分别为42000元和21000元。"
    )
    assert [r.indicator for r in rows[:3]] == ["第一产业增加值", "第二产业增加值", "第三产业增加值"]
    assert rows[3].indicator.startswith("城镇") and rows[4].indicator.startswith("农村")
    assert rows[3].indicator.endswith("人均可支配收入")


def test_new_additions_of_the_previous_quantity():
    rows = rows_of("规上工业企业达到150家,新增20家以上。")
    assert [(r.indicator, r.value, r.qualifier) for r in rows] == [
        ("规上工业企业", 150.0, ""),
        ("新增规上工业企业", 20.0, "lower_bound"),
    ]


def test_respectively_after_named_levels_takes_their_names():
    rows = rows_of("接待游客560万人次,实现旅游综合收入45.2亿元,分别增长15.3%和18.6%。")
    assert [(r.indicator, r.measure) for r in rows] == [
        ("接待游客", "level"),
        ("旅游综合收入", "level"),
        ("接待游客", "change_pct"),
        ("旅游综合收入", "change_pct"),
    ]


def test_change_since_the_start_of_the_year_and_share_of_the_plan():
    rows = rows_of("金融机构各项存款余额520.3亿元,比年初增加45.6亿元。完成投资156亿元,占年度计划的108%。")
    assert [(r.measure, r.value) for r in rows] == [
        ("level", 520.3),
        ("change_abs", 45.6),
        ("level", 156.0),
        ("ratio_pct", 108.0),
    ]


def test_years_of_a_run_are_not_a_quantity():
    rows = rows_of("粮食总产量达到45.6万吨,连续5年稳定在45万吨以上,两年平均增长2.1%。")
    assert [(r.text, r.indicator, r.measure) for r in rows] == [
        ("45.6", "粮食总产量", "level"),
        ("45", "粮食总产量", "level"),
        ("2.1", "粮食总产量", "avg_change_pct"),
    ]
    assert rows[2].period == "2019-2020"


def test_rate_of_the_annual_plan_keeps_the_quantity_name():
    rows = rows_of("全县固定资产投资完成320亿元,完成年度计划的95%,同比增长5.6%,增幅排全市第1。")
    measures = ("level", "ratio_pct", "change_pct")
    assert [(r.indicator, r.measure) for r in rows] == [("固定资产投资", m) for m in measures] + [
        ("固定资产投资增速", "rank")  # 增幅排全市第1: the growth's rank
    ]


def test_rose_to_a_rate_is_the_rates_level():
    # as 达到: the rate's own measure (rates.csv: 城镇化率 a ratio, 失业率 a level), not a change
    rows = rows_of("常住人口城镇化率提高到61.2%,城镇调查失业率降低至4.9%。")
    assert [(r.measure, r.value) for r in rows] == [("ratio_pct", 61.2), ("level", 4.9)]


def test_gap_written_as_lower_than_and_a_list_of_gaps():
    rows = rows_of(
        "城镇居民人均可支配收入增长4.5%,比计划低1.5个百分点。"
        "规上工业增加值增长6.1%,高于全国0.9个百分点、全省0.5个百分点。"
    )
    assert [(r.measure, r.value, r.kind) for r in rows] == [
        ("change_pct", 4.5, "actual"),
        ("gap_pp", -1.5, "actual"),
        ("change_pct", 6.1, "actual"),
        ("gap_pp", 0.9, "actual"),
        ("gap_pp", 0.5, "actual"),
    ]


def test_narrowing_of_a_growth_rate_and_of_a_fall():
    rows = rows_of("工业投资降幅较一季度收窄2.1个百分点,增幅较上半年收窄1.3个百分点。")
    assert [(r.measure, r.value) for r in rows] == [("change_pp", 2.1), ("change_pp", -1.3)]


def test_target_ranges_with_the_unit_on_both_ends_and_a_stretch_target():
    rows = rows_of("无。", "——地区生产总值增长6.5%左右,力争7%;社会消费品零售总额增长7%-8%。")
    assert [(r.measure, r.value, r.qualifier) for r in rows] == [
        ("change_pct", 6.5, "approx"),
        ("change_pct", 7.0, ""),
        ("change_pct", 7.0, "range_low"),
        ("change_pct", 8.0, "range_high"),
    ]


def test_from_a_past_year_to_this_year():
    rows = rows_of("地区生产总值由2016年的1856亿元增加到2020年的2567亿元。")
    assert [(r.indicator, r.period, r.value, r.qualifier) for r in rows] == [
        ("地区生产总值", "2016", 1856.0, "before"),
        ("地区生产总值", "2020", 2567.0, "after"),
    ]


def test_number_wrapped_across_lines_and_a_subject_with_a_figure_in_words():
    rows = rows_of("地区生产总值首次突破三千亿元,达到3012亿元,比上年增长1\n2.5%。")
    assert [(r.indicator, r.value) for r in rows] == [
        ("地区生产总值", 3000.0),
        ("地区生产总值", 3012.0),
        ("地区生产总值", 12.5),
    ]
    assert rows[0].qualifier == "lower_bound"


# Meaning on unseen wording: (sentence in the review part, expected (text, indicator, measure, value, unit, qualifier)).
MEANING_EXAMPLES = [
    ("新开通国际航线156个、中欧班列909列，增长15%。", ("15", "中欧班列", "change_pct", 15.0, "%", "")),
    ("办理时限压缩2天。", ("2", "办理时限", "change_abs", -2.0, "天", "")),
    ("审批时限压缩至1个工作日。", ("1", "审批时限", "level", 1.0, "个工作日", "")),
    ("年末常住人口增加3.2万人。", ("3.2", "常住人口", "change_abs", 3.2, "万人", "")),
    ("全市财政收入达到三千亿元。", ("三千", "财政收入", "level", 3000.0, "亿元", "")),
    ("新增一百零八家企业。", ("一百零八", "新增企业", "level", 108.0, "家", "")),
    ("综合排名由第9位前移至第4位。", ("4", "综合", "rank", 4.0, "位", "after")),
    ("改造提升户厕40.12万座。", ("40.12", "改造提升户厕", "level", 40.12, "万座", "")),
    ("10亿元以上项目投资增长35%。", ("35", "10亿元以上项目投资", "change_pct", 35.0, "%", "")),
    ("全省城镇化率提高1.6个百分点，达到45%。", ("45", "城镇化率", "ratio_pct", 45.0, "%", "")),
    ("地表水I～III类水质断面占比97.4%。", ("97.4", "地表水I～III类水质断面", "ratio_pct", 97.4, "%", "")),
    ("科技进步贡献率从46%提高到60%。", ("60", "科技进步贡献率", "ratio_pct", 60.0, "%", "after")),
]


@pytest.mark.parametrize(("sentence", "expected"), MEANING_EXAMPLES)
def test_meaning_of_unseen_wording(sentence: str, expected: tuple) -> None:
    text = expected[0]
    rows = [r for r in rows_of(sentence) if r.text == text]
    assert rows, [(r.text, r.indicator, r.measure) for r in rows_of(sentence)]
    r = rows[-1]
    assert (r.text, r.indicator, r.measure, r.value, r.unit, r.qualifier) == expected


@pytest.mark.parametrize(
    "sentence",
    ["贯彻金融支持民营经济发展壮大的25条措施。", "重点做好十个方面工作。", "民营企业500强。"],
)
def test_names_that_hold_numbers_give_no_row(sentence: str) -> None:
    assert rows_of(sentence) == []


def test_an_amount_before_的_and_a_class_noun_is_a_size_class():
    # 超200亿元的县: the 200亿元 describes which counties are counted; only the count is a figure.
    row = one("生产总值超200亿元的县达到34个。", value=34, unit="个")
    assert row.indicator == "生产总值超200亿元的县"
    # A share of a class is a figure: 74%的村卫生室.
    assert [r.value for r in rows_of("74%的村卫生室实施了基本药物制度。")] == [74]


def test_a_count_opening_its_clause_does_not_take_the_last_figures_name():
    rows = rows_of("PM2.5平均浓度下降5.8%。74个地表水国考断面Ⅲ类以上水质比例提高4.1个百分点。")
    count = next(r for r in rows if r.value == 74)
    assert count.indicator != "PM2.5平均浓度"
    # ...while an elliptical change still does: 增长6.5% after a level is the level's growth.
    rows = rows_of("粮食产量达到15万吨，增长6.5%。")
    assert {r.indicator for r in rows} == {"粮食产量"}


def test_growth_as_a_multiple_is_a_change_and_a_multiple_of_a_base_year_is_not_that_years():
    rise = one("规模以上工业增加值增长1.1倍。", measure="change_pct", value=1.1, unit="倍")
    assert rise.period == "2020"
    rows = rows_of("2020年，高新技术产业增加值达到1220亿元、是2015年的3.5倍。")
    multiple = next(r for r in rows if r.unit == "倍")
    assert (multiple.measure, multiple.period) == ("level", "2020")


def _meaning(r) -> tuple:
    return (r.start, r.end, r.indicator, r.period, r.kind, r.measure, r.value, r.chapter, r.part, r.section)


REPORT_PIECES = st.sampled_from([*REPORT_ALPHABET, "。", "一、", "(一)", "2021年工作安排\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(REPORT_PIECES, max_size=120).map("".join))
@example("2021年工作安排\n0\n0元")  # a number wrapped across a CR-only line break is one number, as across LF
def test_cr_only_and_crlf_lines_give_the_rows_of_lf_lines(text: str):
    rows = [_meaning(r) for r in extract(report_from_text(text))]
    assert [_meaning(r) for r in extract(report_from_text(text.replace("\n", "\r")))] == rows
    crlf = [_meaning(r) for r in extract(report_from_text(text.replace("\n", "\r\n")))]
    assert [r[2:] for r in crlf] == [r[2:] for r in rows]  # CRLF moves offsets, not meanings


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("新增高新技术企业60家、科技型中小企业500家。", ["新增高新技术企业", "新增科技型中小企业"]),
        ("新建、改造县级医疗机构69个、乡镇卫生院295个。", ["新建、改造县级医疗机构", "新建、改造乡镇卫生院"]),
        # An item with a stock word or a verb of its own counts something else.
        ("新增高新技术企业3家、累计科技型企业20家。", ["新增高新技术企业", "科技型企业"]),
        ("新增高新技术企业3家、总数达到20家。", ["新增高新技术企业", "高新技术企业总数"]),
        # Only counts share the verb: a rate after a count of new jobs is no new rate.
        ("新增就业5万人、城镇登记失业率3.5%。", ["新增就业", "城镇登记失业率"]),
    ],
)
def test_list_of_counts_shares_its_word_of_adding(text: str, names: list[str]) -> None:
    assert [r.indicator for r in rows_of(text)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("与京津共建4家科技平台示范基地。", "共建科技平台示范基地"),
        ("组建12个科技特派团。", "组建科技特派团"),
    ],
)
def test_a_verb_of_founding_names_what_follows_the_count(text: str, name: str) -> None:
    one(text, indicator=name, measure="level")


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("全市现有12个省级示范村。", "省级示范村", 12.0),
        ("全区现有十二个省级示范村。", "省级示范村", 12.0),  # 十二: the sentence's only number, in words
        ("各类社会福利机构300个，拥有床位4.4万张。", "床位", 4.4),
    ],
)
def test_a_verb_of_having_names_what_is_had(text: str, name: str, value: float) -> None:
    last = rows_of(text)[-1]
    assert (last.indicator, last.value) == (name, value)


def work_report_rows(year: int, body: str) -> list[IndicatorRow]:
    """Rows of a government work report delivered in ``year`` (it reviews year − 1 and the five years before)."""
    return extract(report_from_text(f"标题：{year}年某某省政府工作报告\n\n正文：\n\n{body}"))


def test_an_average_change_without_a_span_of_its_own_is_over_the_years_reviewed():
    rows = work_report_rows(2003, "过去五年回顾和2002年工作情况\n\n全部财政收入544亿元，按可比口径年均增长10%。")
    assert [r.period for r in rows if r.measure == "avg_change_pct"] == ["1998-2002"]


def test_an_average_change_never_covers_a_single_year():
    body = (
        "一、“十一五”时期经济社会发展取得重大成就\n\n2010年是“十一五”规划的最后一年。\n\n"
        "预计2010年，全省生产总值达到2万亿元、年均增长11.7%。"
    )
    avg = [r for r in work_report_rows(2011, body) if r.measure == "avg_change_pct"]
    assert [r.period for r in avg] == ["2006-2010"]


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("确定今年生产总值增长9%以上的预期目标。", "地区生产总值"),
        ("提出“十四五”时期全省生产总值年均增长6%左右。", "地区生产总值"),
        ("“十二五”末社会消费品零售总额达到15400亿元。", "社会消费品零售总额"),
        ("全社会固定资产投资五年累计完成9325亿元。", "全社会固定资产投资"),
    ],
)
def test_verbs_of_deciding_and_spans_are_no_part_of_a_name(body: str, name: str) -> None:
    assert [r.indicator for r in work_report_rows(2021, body)][:1] == [name]


def test_a_comparison_with_the_five_years_before_keeps_the_name_of_the_figure():
    rows = work_report_rows(2003, "累计实际使用外资74.2亿美元，比前五年增加13.8亿美元。")
    assert [r.indicator for r in rows] == ["实际使用外资", "实际使用外资"]


def test_a_plan_named_sets_no_goal_but_a_plan_to_do_does():
    assert one("实施科技倍增计划，新增国家级高新技术企业1800家。").kind == "actual"
    assert one("实施县域特色产业振兴计划，县域特色产业集群主营业务收入增长15%。").kind == "actual"
    assert one("计划新建国家级高新技术企业500家。").kind == "target"


def test_a_heading_of_proposals_opens_the_plan():
    body = (
        "过去五年回顾和2002年工作情况\n\n全省生产总值增长9.6%。\n\n对今后五年和2003年政府工作的建议\n\n"
        "一、继续坚持扩大内需方针\n\n确保全社会固定资产投资增长10%以上。"
    )
    last = work_report_rows(2003, body)[-1]
    assert (last.indicator, last.period, last.kind) == ("全社会固定资产投资", "2003", "target")


def test_a_flow_summed_over_the_years_its_words_name_is_of_that_span():
    body = "2002年工作回顾\n\n全社会固定资产投资完成2100亿元。全社会固定资产投资五年累计完成9325亿元。"
    assert [(r.value, r.period) for r in work_report_rows(2003, body)] == [(2100, "2002"), (9325, "1998-2002")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("年内解决373万人饮水安全问题。", "饮水安全人口"),
        ("聚焦12个省级主导产业。", "省级主导产业"),
        ("振兴107个重点县域特色产业集群。", "重点县域特色产业集群"),
        ("以秦皇岛为龙头，搞好8条旅游主线路。", "旅游主线路"),
    ],
)
def test_a_verb_alone_before_a_count_names_what_follows_it(text: str, name: str) -> None:
    one(text, indicator=name)


@pytest.mark.parametrize(
    "text",
    [
        "跨国公司地区总部、外资研发中心分别从771家、481家增加到1076家、636家。",
        "跨国公司地区总部和外资研发中心分别由2015年的771家和481家增加到2020年的1076家和636家。",
    ],
)
def test_a_list_pair_gives_each_item_its_before_and_after_value(text: str) -> None:
    rows = rows_of(text)
    got = [(r.indicator, r.value, r.qualifier) for r in rows]
    assert got == [
        ("跨国公司地区总部", 771.0, "before"),
        ("外资研发中心", 481.0, "before"),
        ("跨国公司地区总部", 1076.0, "after"),
        ("外资研发中心", 636.0, "after"),
    ]
    if "2015年" in text:
        assert [r.period for r in rows] == ["2015", "2015", "2020", "2020"]


def test_a_list_with_fewer_values_after_the_到_is_no_list_pair() -> None:
    rows = rows_of("高速公路里程、铁路里程分别从5000公里、3000公里增加到8000公里。")
    assert all(r.qualifier != "before" for r in rows)


@pytest.mark.parametrize(
    "text",
    [
        "制定实施《服务业振兴计划》，服务业增加值2763.2亿元，增长12.5%。",
        "本届政府计划建成的15条高速公路全部开工，在建里程1205公里。",
    ],
)
def test_a_plan_named_or_described_sets_no_goal_for_the_figures_after_it(text: str) -> None:
    rows = rows_of(text)
    assert rows and {r.kind for r in rows} == {"actual"}


def test_a_plan_set_is_still_a_target() -> None:
    assert {r.kind for r in rows_of("今年计划投资1000亿元。")} == {"target"}


def test_the_前_of_a_deadline_is_no_part_of_the_name() -> None:
    rows = rows_of("到2020年底前实现农村贫困人口96户、183人全部稳定脱贫。")
    assert [r.indicator for r in rows] == ["农村贫困人口", "农村贫困人口"]
