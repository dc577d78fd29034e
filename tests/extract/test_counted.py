"""What a number counts when the name is written after its unit (planbook.extract.counted).

Every sentence here is written for its shape, not taken from a report.
"""

from __future__ import annotations

import pytest

from planbook.extract.counted import counted_name, phrase_after
from tests.extract.test_reader import rows_of


def names(text: str) -> list[tuple[str, str]]:
    return [(r.text, r.indicator) for r in rows_of(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A count of things named by the work done on them (the work first).
        ("今年完成6所中学迁建。", [("6", "迁建中学")]),
        ("全年完成15家企业征收任务。", [("15", "征收企业")]),
        ("推动120家以上企业智能化改造。", [("120", "企业智能化改造")]),  # 改造 is a construction work
        ("启动8家医院“智慧医院”创建。", [("8", "“智慧医院”创建医院")]),
        ("全面完成城区内95座10蒸吨以下的各类燃煤锅炉淘汰工作。", [("95", "淘汰燃煤锅炉")]),
        # Construction works keep the order they are written in.
        ("完成42个老旧小区改造。", [("42", "老旧小区改造")]),
        # A count reaching an event: the thing and the event.
        ("城区7条主干道实现通车。", [("7", "主干道通车")]),
        ("2300户、5100人实现全部脱贫。", [("2300", "脱贫户"), ("5100", "脱贫人口")]),
        # People or households with a problem solved; a noun of people counts itself.
        ("解决了4200人的安全饮水问题。", [("4200", "安全饮水人口")]),
        ("为1.2万户住房困难的低保家庭提供保障。", [("1.2", "住房困难户")]),
        ("320户家庭入住保障性住房。", [("320", "入住保障性住房家庭")]),
        ("完成了2.4万人易地扶贫搬迁。", [("2.4", "易地扶贫搬迁")]),
        # What is counted, then 的 and the work: a place names the work, a thing is named before it.
        ("完成12个村的人居环境整治工程。", [("12", "人居环境整治工程村")]),
        ("完成26条背街小巷的综合改造。", [("26", "背街小巷综合改造")]),
        # An attribute before 的, and a size class, are no part of the name.
        ("建成6座标准化的污水处理站。", [("6", "建成污水处理站")]),
    ],
)
def test_the_name_is_what_the_words_after_the_unit_count(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Items with no words of their own share the last item's name: one work measured twice.
        ("完成了新城区14条、21.6公里道路拓宽改造。", [("14", "道路拓宽改造"), ("21.6", "道路拓宽改造")]),
        ("完成31条、总长度46.2公里的农村公路改造。", [("31", "农村公路改造"), ("46.2", "农村公路改造")]),
        # Short items share the head written after the item that closes them.
        (
            "实施了城区18公里供水、35公里排水、12公里燃气管网改造。",
            [("18", "供水管网改造"), ("35", "排水管网改造"), ("12", "燃气管网改造")],
        ),
        ("完成9所小学、4所初中教学质量监测。", [("9", "教学质量监测小学"), ("4", "教学质量监测初中")]),
        # A class of level or size shares the head of the item closing the list.
        ("建成3个国家级、11个省级农业产业园。", [("3", "建成国家级农业产业园"), ("11", "省级农业产业园")]),
        # Items with names of their own keep them (no shift of one item's name to the next).
        ("培育120家省级专精特新企业、35家单项冠军企业。", [("120", "培育省级专精特新企业"), ("35", "单项冠军企业")]),
    ],
)
def test_items_of_a_list_each_with_its_unit(text: str, expected: list[tuple[str, str]]) -> None:
    assert names(text) == expected


def test_a_short_item_without_a_shared_work_keeps_its_own_name() -> None:
    # 矿山 and 储料场粉尘治理 share no work: the tail is not cut at the first item's length
    assert names("完成210个矿山、1300个储料场粉尘治理。") == [("210", "矿山"), ("1300", "储料场粉尘治理")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("总投资12亿元的滨河商业综合体项目开工建设。", "滨河商业综合体项目投资"),
        ("推进投资3.6亿元的城市供热二期工程建设。", "城市供热二期工程投资"),
        ("开工建设投资8000万元的日处理300吨餐厨垃圾处理厂工程。", "日处理300吨餐厨垃圾处理厂工程投资"),
    ],
)
def test_the_investment_of_a_project_named_after_the_amount(text: str, expected: str) -> None:
    rows = rows_of(text)
    assert [r.indicator for r in rows] == [expected]  # a capacity inside the project's name is no figure


def test_a_bound_before_what_is_counted_stays_the_figures() -> None:
    (row,) = rows_of("推动120家以上企业智能化改造。")
    assert row.qualifier == "lower_bound"  # 以上企业 after a count is a bound, not a size class


def test_a_count_of_projects_after_的_is_no_project_name() -> None:
    rows = rows_of("推进投资10亿元以上的22个重大项目。")
    assert ("22", "重大项目") in [(r.text, r.indicator) for r in rows]


@pytest.mark.parametrize(
    "text",
    ["完成了老城区8条道路提升改造。", "组团内9条主次干道实现通车。", "完成二期170万平方米供热改造任务。"],
)
def test_a_place_or_batch_before_the_number_scopes_what_follows(text: str) -> None:
    (row,) = rows_of(text)
    assert row.indicator in ("道路提升改造", "主次干道通车", "供热改造")


def test_an_amount_verb_alone_is_the_quantity() -> None:
    (row,) = rows_of("全年投入9.8亿元。")
    assert row.indicator == "投入"


def test_a_length_after_的_is_no_size_class() -> None:
    # 的城市 is a size class after an amount of money (超百亿元的城市), not after a length
    rows = rows_of("完成总长度57.9公里的城市道路改造。")
    assert [r.text for r in rows] == ["57.9"]


def test_the_phrase_before_a_later_figure_is_its_subject() -> None:
    phrase = phrase_after("个先导区集聚企业超150家", 1)
    assert phrase.empty


def test_a_name_of_one_character_is_no_name() -> None:
    assert counted_name(phrase_after("个县(市)推行", 1), "个") == ""
