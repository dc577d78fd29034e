"""Names of figures: lists whose items share a head noun, marks passed, comparisons and verbs left out."""

from __future__ import annotations

import pytest

from planbook.extract.names import list_names
from tests.extract.test_reader import one, rows_of


@pytest.mark.parametrize(
    ("subject", "names"),
    [
        ("工业、服务业增加值", ["工业增加值", "服务业增加值"]),  # items of other lengths: a listed head
        ("城镇和农村居民人均可支配收入", ["城镇居民人均可支配收入", "农村居民人均可支配收入"]),
        ("养老、失业和医疗保险参保人数", ["养老保险参保人数", "失业保险参保人数", "医疗保险参保人数"]),
        ("化学需氧量、氨氮排放量", ["化学需氧量排放量", "氨氮排放量"]),
        ("东盟、欧盟进出口总额", ["东盟进出口总额", "欧盟进出口总额"]),  # the longest listed head
        ("固定、移动电话用户", ["固定电话用户", "移动电话用户"]),  # no listed head: items of one length
        # Items that are names of their own take nothing from the last one.
        ("实际利用外资和外贸出口", ["实际利用外资", "外贸出口"]),
        ("全部财政收入和一般预算收入", ["全部财政收入", "一般预算收入"]),
        ("专利申请量、授权量", ["专利申请量", "授权量"]),
    ],
)
def test_short_items_of_a_list_share_the_head_noun_of_the_last(subject: str, names: list[str]) -> None:
    assert list_names(subject, len(names)) == names


def test_a_list_joined_by_和_before_分别_names_each_figure() -> None:
    rows = rows_of("城镇和农村居民人均可支配收入分别增长6.5%、8.2%。")
    assert [r.indicator for r in rows] == ["城镇居民人均可支配收入", "农村居民人均可支配收入"]


@pytest.mark.parametrize(
    "text",
    [
        "地区生产总值增长6%，跨越400亿元台阶。",
        "地区生产总值增长6%，突破400亿元大关。",
        "地区生产总值迈上400亿元新台阶，增长6%。",
    ],
)
def test_a_mark_passed_is_a_lower_bound_of_the_quantity_named_before(text: str) -> None:
    level = next(r for r in rows_of(text) if r.unit == "亿元")
    assert (level.indicator, level.qualifier, level.value) == ("地区生产总值", "lower_bound", 400.0)


@pytest.mark.parametrize("comparison", ["比上年同期", "较去年同期", "与上年同期相比", "与去年相比"])
def test_a_comparison_with_last_year_is_no_name(comparison: str) -> None:
    rows = rows_of(f"社会消费品零售总额98.7亿元，{comparison}增长3%。")
    assert [(r.indicator, r.measure) for r in rows] == [
        ("社会消费品零售总额", "level"),
        ("社会消费品零售总额", "change_pct"),
    ]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("抽调1000名干部驻村帮扶。", "干部驻村帮扶"),
        ("健全7套信息化系统。", "信息化系统"),
        ("督促4家失信企业完成信用修复。", "失信企业"),
    ],
)
def test_more_verbs_alone_before_a_count_name_what_follows(text: str, name: str) -> None:
    one(text, indicator=name)


@pytest.mark.parametrize("verb", ["削减", "下滑", "回升"])
def test_a_word_of_change_is_no_part_of_the_name(verb: str) -> None:
    row = one(f"二氧化硫排放量和化学需氧量均{verb}5.5%。")
    assert row.indicator == "二氧化硫排放量和化学需氧量"
    assert row.value == (-5.5 if verb in ("削减", "下滑") else 5.5)


def test_the_size_of_the_economy_is_its_output() -> None:
    row = one("全省经济总量迈上4.5万亿元新台阶。")
    assert (row.indicator, row.qualifier) == ("地区生产总值", "lower_bound")
    assert one("全市经济增长6.5%。").indicator == "地区生产总值"  # the economy alone: its output


@pytest.mark.parametrize(
    ("text", "name"), [("全市共有普通高等学校25所。", "普通高等学校"), ("中等职业学校12所。", "中等职业学校")]
)
def test_the_等_of_a_word_closes_no_list(text: str, name: str) -> None:
    one(text, indicator=name)


def test_the_到_of_a_target_year_is_no_part_of_the_name() -> None:
    row = one("", "到2025年人均地区生产总值达到10万元。")
    assert (row.indicator, row.period, row.kind) == ("人均地区生产总值", "2025", "target")


def test_a_bound_between_the_unit_and_the_name_after_it_is_kept() -> None:
    row = one("", "到“十四五”末力争完成1000个以上行政村的新民居建设任务。")
    assert (row.indicator, row.qualifier) == ("新民居建设行政村", "lower_bound")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("地区生产总值增长4.5%，低于年初计划2.5个百分点。", -2.5),
        ("固定资产投资增长12%，高于年度目标2个百分点。", 2.0),
        ("登记失业率为3.8%，低于调控目标0.8个百分点。", -0.8),
        ("一般公共预算收入增长7.2%，超计划1.2个百分点。", 1.2),
    ],
)
def test_a_gap_to_the_goal_is_an_outcome_of_the_quantity_before(text: str, value: float) -> None:
    first, gap = rows_of(text)
    assert (gap.indicator, gap.kind, gap.measure, gap.value) == (first.indicator, "actual", "gap_pp", value)


def test_a_leap_to_a_rank_is_no_part_of_the_name() -> None:
    one("县域经济综合实力跃居全省第15位。", indicator="县域经济综合实力", measure="rank", value=15.0)


@pytest.mark.parametrize(
    ("text", "name", "qualifier"),
    [
        ("1.3万家规模以上工业企业实现技改全覆盖。", "规模以上工业企业", ""),  # 以上 of 规模以上: no bound
        ("力争引进30个以上亿元以上项目落户园区。", "引进亿元以上项目", "lower_bound"),
    ],
)
def test_以上_inside_a_name_after_the_unit_is_part_of_it(text: str, name: str, qualifier: str) -> None:
    row = rows_of(text)[0]
    assert name in row.indicator and row.qualifier == qualifier, (row.indicator, row.qualifier)


def test_a_multiple_of_a_base_is_of_the_quantity_before() -> None:
    rows = rows_of("新增信贷投入4400亿元，是上年同期的2.2倍。")
    assert [(r.indicator, r.unit) for r in rows] == [("新增信贷投入", "亿元"), ("新增信贷投入", "倍")]


def test_price_indices_in_latin_letters_are_named_as_in_chinese() -> None:
    rows = rows_of("全年CPI上涨2.0%，PPI下降1.2%。")
    assert [(r.indicator, r.value) for r in rows] == [("居民消费价格", 2.0), ("工业生产者出厂价格", -1.2)]


def test_a_unit_written_once_after_the_last_item_is_every_items() -> None:
    rows = rows_of("城镇和农村居民人均可支配收入分别达到4.2和2.1万元。")
    assert [(r.indicator, r.value, r.unit) for r in rows] == [
        ("城镇居民人均可支配收入", 4.2, "万元"),
        ("农村居民人均可支配收入", 2.1, "万元"),
    ]


@pytest.mark.parametrize("joiner", ["和", "、"])
def test_a_list_of_areas_compared_with_gives_gaps_of_the_quantity_before(joiner: str) -> None:
    rows = rows_of(f"地区生产总值增长8.2%，分别高于全国、全省0.1{joiner}1.6个百分点。")
    assert [(r.indicator, r.measure, r.value) for r in rows] == [
        ("地区生产总值", "change_pct", 8.2),
        ("地区生产总值", "gap_pp", 0.1),
        ("地区生产总值", "gap_pp", 1.6),
    ]


def test_a_bound_restated_after_the_figure_is_no_name() -> None:
    rows = rows_of("城镇调查失业率5.2%，控制在5.5%以内。")
    assert [(r.indicator, r.qualifier) for r in rows] == [("城镇调查失业率", ""), ("城镇调查失业率", "upper_bound")]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("①现有养老机构42家。", "养老机构"),  # a list mark is no part of a name
        ("3.城镇新增就业6200人。", "城镇新增就业"),
        ("8月底上级下达造林任务2万亩。", "上级下达造林任务"),  # a date is no part of a name
        ("实际利用外—7—资金额9亿美元。", "实际利用外资金额"),  # a page marker inside a word
        ("城区内有14处。", "城区内"),  # 有 closes no name (the name is flagged: only a place)
    ],
)
def test_marks_dates_and_verbs_of_having_are_no_part_of_a_name(text: str, name: str) -> None:
    assert one("", text).indicator == name


def test_a_gap_to_the_years_growth_goal_is_of_the_growth_named_before() -> None:
    rows = rows_of("规模以上工业增加值同比增长11%，高于全年增速目标3.5个百分点。")
    assert [(r.indicator, r.measure, r.kind) for r in rows] == [
        ("规模以上工业增加值", "change_pct", "actual"),
        ("规模以上工业增加值", "gap_pp", "actual"),
    ]


@pytest.mark.parametrize("count", ["3年", "三年"])
def test_a_change_over_a_count_of_years_is_cumulative_and_of_the_quantity_before(count: str) -> None:
    rows = rows_of(f"财政收入达到760亿元，{count}增长38.5%。")
    growth = rows[-1]
    assert (growth.indicator, growth.measure, growth.period) == ("财政收入", "cum_change_pct", "2018-2020")


def test_a_monthly_rise_per_person_is_a_change_in_its_unit() -> None:
    row = one("", "困难职工生活补助人均月增150元。")
    assert (row.indicator, row.measure, row.value) == ("困难职工生活补助", "change_abs", 150)


def test_per_person_per_month_closes_no_name() -> None:
    assert one("", "农村低保标准提高到每人每月520元。").indicator == "农村低保标准"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("十二是新建农村供水工程85处。", "新建农村供水工程"),  # an enumeration past ten opens no name
        ("建成紧密型城市医共体12个。", "建成紧密型城市医共体"),  # 共 inside a word ends nothing
        ("新增公共充电桩3000个。", "新增公共充电桩"),
    ],
)
def test_enumerations_and_words_holding_共(text: str, name: str) -> None:
    assert one("", text).indicator == name


@pytest.mark.parametrize(
    ("text", "value", "name", "qualifier"),
    [
        ("全省地区生产总值跨过4万亿元、增长5.1%。", "4", "地区生产总值", "lower_bound"),
        ("全省地区生产总值达到4.2万亿元、稳居全国前十强、增长5.1%。", "5.1", "地区生产总值", ""),
        ("全省地区生产总值达到4.2万亿元、位居全国第8位、增长5.1%。", "5.1", "地区生产总值", ""),
    ],
)
def test_a_mark_passed_or_a_rank_in_words_between_a_name_and_its_figure(
    text: str, value: str, name: str, qualifier: str
) -> None:
    row = next(r for r in rows_of(text) if r.text == value)
    assert (row.indicator, row.qualifier) == (name, qualifier)


def test_a_target_drawn_up_by_a_growth_rate_names_the_quantity() -> None:
    (row,) = rows_of("无。", "今年主要预期目标是：地区生产总值按增长5.5%安排。")
    assert (row.indicator, row.kind, row.period) == ("地区生产总值", "target", "2021")


@pytest.mark.parametrize(
    ("text", "name"),
    [("重点项目完成投资210亿元。", "重点项目完成投资"), ("主要农作物良种覆盖率达到97%。", "主要农作物良种覆盖率")],
)
def test_key_and_main_as_adjectives_stay_in_the_name(text: str, name: str) -> None:
    assert one(text).indicator == name


def test_freight_and_passenger_turnover_keep_their_units() -> None:
    row = one("货物周转量2.3亿吨公里。")
    assert (row.unit, row.unit_scaled) == ("亿吨公里", "吨公里")


def test_a_stock_after_an_addition_drops_the_word_of_adding() -> None:
    rows = rows_of("新增专精特新中小企业48家，累计达到265家。")
    assert [r.indicator for r in rows] == ["新增专精特新中小企业", "专精特新中小企业"]


def test_a_ratio_to_another_quantity_is_of_the_quantity_before() -> None:
    rows = rows_of("研究与试验发展经费支出98.6亿元，相当于地区生产总值的2.31%。")
    assert [r.indicator for r in rows] == ["研究与试验发展经费支出"] * 2


def test_a_bare_item_of_a_list_of_things_built_is_built_too_but_not_a_rate() -> None:
    rows = rows_of("新建通村公路38公里、桥梁4座，新增城镇就业4200人、城镇登记失业率3.1%。")
    assert [r.indicator for r in rows] == ["新建通村公路", "新建桥梁", "城镇新增就业", "城镇登记失业率"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("城镇居民人均可支配收入28650元，年均递增9.8%。", ["城镇居民人均可支配收入"] * 2),
        ("削减行政审批事项48项，精简26.5%。", ["削减行政审批事项"] * 2),
        ("办理人大代表建议310件和政协委员提案420件。", ["办理人大代表建议", "政协委员提案"]),
        ("家庭农场发展到260家。", ["家庭农场"]),
        ("新建农村公路65条，总里程128.6公里。", ["新建农村公路", "农村公路总里程"]),
    ],
)
def test_words_of_change_and_of_lists_close_or_open_no_name(text: str, names: list[str]) -> None:
    assert [r.indicator for r in rows_of(text)] == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "第一产业增加值增长3.2%，第二产业增长5.1%，第三产业增长6.4%。",
            ["第一产业增加值", "第二产业增加值", "第三产业增加值"],
        ),
        ("集体企业产量下降2%，私营企业增长9%。", ["集体企业产量", "私营企业产量"]),
        ("服务业增加值增长6%，金融业增长4.5%。", ["服务业增加值", "金融业增加值"]),
        # another class of thing (工业 after 固定资产), another kind of figure or a name with a head of its own
        ("固定资产投资增长8%，工业增长10%。", ["固定资产投资", "工业"]),
        ("农业增加值增长3%，种植业达到120亿元。", ["农业增加值", "种植业"]),
        ("规模以上工业增加值增长7%，工业用电量增长5%。", ["规模以上工业增加值", "工业用电量"]),
    ],
)
def test_an_item_of_the_same_class_borrows_the_head_noun_of_the_figure_before(text: str, names: list[str]) -> None:
    assert [r.indicator for r in rows_of(text)] == names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("优良天数比例提高6.1个百分点。", "优良天数比例"),
        ("地表水国考断面优良水体比例提高2.3个百分点。", "地表水国考断面优良水体比例"),
        ("社会物流总费用与地区生产总值的比率下降1.1个百分点。", "社会物流总费用与地区生产总值的比率"),
    ],
)
def test_the_比_of_a_proportion_is_no_comparison(text: str, name: str) -> None:
    one(text, indicator=name, measure="change_pp")


@pytest.mark.parametrize(
    "text",
    ["水利建设投资翻番、达2734.3亿元。", "进出口总值翻一番达到2206亿元。", "民营经济增加值翻了两番、达到900亿元。"],
)
def test_doubling_said_before_the_level_is_no_part_of_the_name(text: str) -> None:
    row = one(text, measure="level")
    assert "翻" not in row.indicator and row.indicator.endswith(("投资", "总值", "增加值"))


@pytest.mark.parametrize(
    ("text", "name"),
    [("每年高质量办成10件为民实事。", "为民实事"), ("实施好200项以上战略性新兴产业项目。", "战略性新兴产业项目")],
)
def test_a_resultative_verb_before_a_count_names_what_follows(text: str, name: str) -> None:
    one(text, indicator=name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("投资2.5亿元，实施俄罗斯风情精品街项目。", "俄罗斯风情精品街项目投资"),
        ("投资6.6亿元，实施两河圣山文化旅游景区的基础设施建设。", "两河圣山文化旅游景区基础设施投资"),
        ("投资1亿元，启动实施黑羊站水厂改扩建工程。", "黑羊站水厂改扩建工程投资"),
        ("投资3.06亿元实施了供水、供热管网改造。", "供水、供热管网改造投资"),
        ("投资3.5亿元，实施了次干道路、变电站等基础设施工程。", "基础设施工程投资"),
    ],
)
def test_an_amount_spent_is_named_for_the_deed_it_paid_for(text: str, name: str) -> None:
    one(text, indicator=name, measure="level")


def test_the_figures_of_the_deed_keep_their_own_names() -> None:
    rows = rows_of("投资4.7亿元，完成65条、总长度57.9公里的城市道路新建改造。")
    assert [r.indicator for r in rows] == ["城市道路新建改造投资", "城市道路新建改造", "城市道路新建改造"]


def test_an_amount_with_no_deed_named_after_it_keeps_its_word() -> None:
    one("投资4360万元，对城区雨水管网进行全面改造。", indicator="投资")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("社会消费品零售总额要增长17%。", "社会消费品零售总额"),
        ("城镇登记失业率控制到3.9%。", "城镇登记失业率"),
        ("保交房项目提前3个月实现100%交付。", "保交房项目"),
        ("新增ESI全球前1‰学科1个。", "新增ESI全球前1‰学科"),
    ],
)
def test_a_modal_a_deed_ahead_of_time_and_a_rankings_bound_are_no_figures_or_names(text: str, name: str) -> None:
    one(text, indicator=name)


_RATES = ["学前教育毛入园率", "义务教育巩固率", "高中阶段毛入学率"]
_INCOMES = ["城镇常住居民人均可支配收入", "农村常住居民人均可支配收入"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("、".join(_RATES) + "分别达到95%左右、96%以上、93%以上。", _RATES),
        ("文化惠民工程、全民健身工程分别惠及3500万、2300万人次。", ["文化惠民工程", "全民健身工程"]),
        ("城镇和农村常住居民人均可支配收入分别增长4%和6%。", _INCOMES),
    ],
)
def test_items_of_a_respectively_list_with_bounds_prefixes_or_a_long_rural_name(text: str, names: list[str]) -> None:
    assert [r.indicator for r in rows_of(text)] == names


def test_the_个_of_个百分点_written_on_an_earlier_item_is_the_same_unit() -> None:
    rows = rows_of("地区生产总值增速分别高于全国、全省3.4个和1个百分点。")
    assert [(r.measure, r.unit) for r in rows] == [("gap_pp", "个百分点"), ("gap_pp", "个百分点")]


def test_a_name_in_straight_quotes_after_the_count() -> None:
    one('完成4家"僵尸企业"出清。', indicator='"僵尸企业"出清')
