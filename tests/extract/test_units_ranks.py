"""Units, ranks and their areas, structures, dates, size classes, page numbers, capacities in names (issue 16,
points 5 and 6): sentences written for these tests."""

from __future__ import annotations

import pytest

from planbook.extract import extract
from planbook.extract.numbers import find_numbers, unit_after
from planbook.model import IndicatorRow
from planbook.text import report_from_text
from planbook.vocabulary import vocabulary

TITLE = "某某市2023年国民经济和社会发展计划执行情况及2024年计划(草案)的报告\n\n"
PARTS = "一、2023年国民经济和社会发展计划执行情况\n\n{actual}\n\n二、2024年国民经济和社会发展计划目标\n\n无。\n"


def rows_of(actual: str) -> list[IndicatorRow]:
    report = report_from_text(TITLE + PARTS.format(actual=actual))
    rows = extract(report)
    for r in rows:
        assert report.text[r.start : r.end] == r.text
    return rows


@pytest.mark.parametrize(
    ("written", "unit", "base"),
    [
        ("33μg/m3", "μg/m3", "微克/立方米"),
        ("33μg/m³", "μg/m³", "微克/立方米"),
        ("33ug/m3", "ug/m3", "微克/立方米"),
        ("33微克/立方米", "微克/立方米", "微克/立方米"),
        ("0.8毫克/升", "毫克/升", "毫克/升"),
        ("21.4克/千克", "克/千克", "克/千克"),
        ("6.1‰", "‰", "‰"),
    ],
)
def test_units_of_concentration_and_content_are_read(written: str, unit: str, base: str):
    text = f"浓度为{written}，"
    n = find_numbers(text)[0]
    assert unit_after(text, n.j).unit == unit and vocabulary().units[unit].base == base
    rows = rows_of(f"细颗粒物年均浓度为{written}。")
    assert [(r.value, r.unit, r.unit_scaled) for r in rows] == [(float(written[: n.j - n.i]), unit, base)]


def test_a_letter_unit_after_a_number_is_no_code():
    rows = rows_of("二氧化氮年均浓度24ug/m3，下降4%；5G基站新建1200个。")
    assert [(r.text, r.indicator, r.unit) for r in rows] == [
        ("24", "二氧化氮年均浓度", "ug/m3"),
        ("4", "二氧化氮年均浓度", "%"),
        ("1200", "5G基站新建", "个"),
    ]


@pytest.mark.parametrize(
    ("sentence", "value", "area"),
    [
        ("全市粮食产量稳居第三位。", 3, ""),
        ("外贸进出口总额跃居全省第一。", 1, "全省"),
        ("社会消费品零售总额排位上升至第二位。", 2, ""),
        ("规上工业增加值排名全省第4位。", 4, "全省"),
        ("农村居民人均可支配收入居西部十二省区第五位。", 5, "西部十二省区"),
        ("一般公共预算收入居全国同类城市第7位。", 7, "全国同类城市"),
    ],
)
def test_ranks_in_words_give_rank_rows_with_their_area(sentence: str, value: int, area: str):
    ranks = [r for r in rows_of(sentence) if r.measure == "rank"]
    assert [(r.value, r.area) for r in ranks] == [(value, area)]
    name = ranks[0].indicator
    assert name and not name.endswith(("居", "列", "位")) and "第" not in name and not (area and area in name)


def test_a_rank_with_no_number_gives_no_row():
    assert rows_of("全市经济总量位居全省前列。") == []


def test_a_rank_of_the_growth_names_the_growth():
    rows = rows_of("全市生产总值增长6.1%，增速居全省第二；规上工业增加值增长8%，增幅全省第一。")
    assert [(r.indicator, r.measure, r.area) for r in rows if r.measure == "rank"] == [
        ("地区生产总值增速", "rank", "全省"),
        ("规上工业增加值增速", "rank", "全省"),
    ]
    assert [r.indicator for r in rows if r.measure == "change_pct"] == ["地区生产总值", "规上工业增加值"]


def test_a_rank_moved_gives_both_places():
    rows = rows_of("全市生产总值增长6.1%，全省排位由第六位前移至第三位；规上工业营收从全省第12位升至第9位。")
    assert [(r.value, r.qualifier, r.indicator, r.area) for r in rows if r.measure == "rank"] == [
        (6, "before", "地区生产总值", "全省"),
        (3, "after", "地区生产总值", "全省"),
        (12, "before", "规上工业营收", "全省"),
        (9, "after", "规上工业营收", "全省"),
    ]


def test_gaps_name_the_area_they_are_measured_against():
    rows = rows_of(
        "城镇居民人均可支配收入增长5.2%，高于全国平均水平0.4个百分点，比全省高0.2个百分点；"
        "农村居民人均可支配收入增长7%，分别高于全国、全省0.7和0.3个百分点，高于年初目标0.5个百分点。"
    )
    gaps = [(r.value, r.area, r.indicator) for r in rows if r.measure == "gap_pp"]
    assert gaps == [
        (0.4, "全国", "城镇居民人均可支配收入"),
        (0.2, "全省", "城镇居民人均可支配收入"),
        (0.7, "全国", "农村居民人均可支配收入"),
        (0.3, "全省", "农村居民人均可支配收入"),
        (0.5, "", "农村居民人均可支配收入"),  # a goal is no area
    ]


def test_a_gap_to_a_named_place_keeps_the_quantitys_name():
    rows = rows_of("全市生产总值增长6.1%，高于某某省平均水平0.9个百分点。")
    assert [(r.indicator, r.area) for r in rows if r.measure == "gap_pp"] == [("地区生产总值", "某某省")]


def test_a_structure_restated_gives_both_years_shares():
    rows = rows_of("三次产业结构由2018年的12.4:40.1:47.5调整到2023年的10.9:38.6:50.5。")
    assert [(r.indicator, r.period, r.value, r.qualifier) for r in rows] == [
        ("第一产业增加值", "2018", 12.4, "before"),
        ("第二产业增加值", "2018", 40.1, "before"),
        ("第三产业增加值", "2018", 47.5, "before"),
        ("第一产业增加值", "2023", 10.9, "after"),
        ("第二产业增加值", "2023", 38.6, "after"),
        ("第三产业增加值", "2023", 50.5, "after"),
    ]
    assert {r.measure for r in rows} == {"share_pct"}


def test_a_structure_restated_against_last_year():
    rows = rows_of("三次产业结构由上年的11.2:39.0:49.8，调整为10.9:38.6:50.5。")
    assert [(r.period, r.qualifier) for r in rows] == [("2022", "before")] * 3 + [("2023", "after")] * 3


def test_a_share_of_the_province_that_rose_is_a_share_not_a_growth():
    rows = rows_of("全市数字经济增加值增长11%，占全省比重由8.2%提高到9.6%。")
    assert [(r.measure, r.value, r.qualifier) for r in rows] == [
        ("change_pct", 11, ""),
        ("share_pct", 8.2, "before"),
        ("share_pct", 9.6, "after"),
    ]


def test_a_date_glued_together_is_no_level():
    rows = rows_of("20231215日，全市生产总值突破千亿元，增长6.1%。")
    assert [r.text for r in rows] == ["6.1"]


def test_a_threshold_of_a_size_class_is_no_figure():
    rows = rows_of(
        "规模以上工业（年主营业务收入2000万元及以上）增加值增长7.5%。"
        "计划总投资500万元及以上的项目完成投资120亿元。粮食产量稳定在30万吨及以上。"
    )
    assert [(r.text, r.qualifier) for r in rows] == [("7.5", ""), ("120", ""), ("30", "lower_bound")]


@pytest.mark.parametrize(
    "sentence",
    [
        "全市生产总值达到\n— 12 —\n1520.3亿元，增长6.1%。",
        "全市生产总值达到\n12\n1520.3亿元，增长6.1%。",
        "全市生产总值增长\n-12-\n6.1%，总量达到1520.3亿元。",
    ],
)
def test_a_page_number_glued_to_a_value_is_no_figure(sentence: str):
    rows = rows_of(sentence)
    assert sorted(r.value for r in rows) == [6.1, 1520.3]
    assert all(r.qualifier == "" for r in rows)


def test_a_page_number_inside_a_word_leaves_the_word_whole():
    rows = rows_of("实际使用外—7—资3.2亿美元。")
    assert [(r.indicator, r.value) for r in rows] == [("实际使用外资", 3.2)]


@pytest.mark.parametrize(
    "sentence",
    [
        "某某能源120万吨露天煤矿完成核准。",
        "加快建设年产30万吨乙二醇项目。",
        "日处理生活垃圾800吨焚烧发电项目开工。",
        "某某港10万吨级泊位投入使用。",
        "关停淘汰5万千瓦及以下燃煤机组。",
    ],
)
def test_a_capacity_in_a_projects_name_is_no_figure(sentence: str):
    assert rows_of(sentence) == []


def test_a_capacity_built_is_a_figure():
    rows = rows_of("新增风电装机120万千瓦，建成投运燃气发电机组60万千瓦，全年粮食产量达到120万吨。")
    assert [r.value for r in rows] == [120, 60, 120]


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("粮食产量居全国前5位。", "粮食产量", 5.0),
        ("进出口总额居中部六省前2位。", "进出口总额", 2.0),
        ("规模以上工业增加值增速居全国前10位。", "规模以上工业增加值增速", 10.0),
        ("人均GDP进入全国前8位。", "人均GDP", 8.0),
    ],
)
def test_a_place_among_the_first_n_is_a_rank_of_at_most_n(text: str, name: str, value: float) -> None:
    rows = rows_of(text)
    assert [(r.indicator, r.measure, r.value, r.qualifier) for r in rows] == [(name, "rank", value, "upper_bound")]


def test_the_first_n_of_a_class_is_no_rank() -> None:
    rows = rows_of("全市前10名企业营业收入达到100亿元。")
    assert all(r.measure != "rank" for r in rows)


@pytest.mark.parametrize(
    "text",
    ["工业投资连续54个月保持两位数增长。", "商品房销售面积连续13个月正增长。", "居民收入增速连续16个季度高于全国。"],
)
def test_how_long_a_streak_lasted_is_no_figure(text: str) -> None:
    assert rows_of(text) == []


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("农村自来水普及率提高到95%。", "ratio_pct"),
        ("城乡环卫一体化覆盖率、农村自来水普及率分别提高到60%、92%。", "ratio_pct"),
        ("城镇登记失业率下降到3.5%。", "level"),
        ("农村自来水普及率提高5%。", "change_pct"),
    ],
)
def test_a_rate_raised_to_a_figure_is_the_rates_level(text: str, measure: str) -> None:
    assert {r.measure for r in rows_of(text)} == {measure}
