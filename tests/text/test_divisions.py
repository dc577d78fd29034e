"""Where a region read from a text lies: official name, level and parent from the divisions dataset."""

from __future__ import annotations

import pytest

from planbook.text.divisions import clean_name, load_words, place, short_form


@pytest.mark.parametrize(
    ("given", "name", "level", "parent"),
    [
        ("河北", "河北省", "province", ""),
        ("宁夏", "宁夏回族自治区", "province", ""),
        ("内蒙古", "内蒙古自治区", "province", ""),
        ("新疆", "新疆维吾尔自治区", "province", ""),
        ("贵州", "贵州省", "province", ""),
        ("在黑龙江省", "黑龙江省", "province", ""),
        ("河北省人民政府", "河北省", "province", ""),
        ("北京市", "北京市", "province", ""),  # a municipality is a province
        ("保定市", "保定市", "city", "河北省"),
        ("恩施", "恩施土家族苗族自治州", "city", "湖北省"),
        ("海拉尔区", "海拉尔区", "district", "呼伦贝尔市"),
        ("呼伦贝尔市海拉尔区", "海拉尔区", "district", "呼伦贝尔市"),
        ("荆州区", "荆州区", "district", "荆州市"),
        ("公安县", "公安县", "county", "荆州市"),
        ("石首市", "石首市", "county", "荆州市"),  # a county-level city is a county
        ("仙桃市", "仙桃市", "county", "湖北省"),  # directly under the province
        ("浦东新区", "浦东新区", "district", "上海市"),
        ("城口县", "城口县", "county", "重庆市"),
    ],
)
def test_a_region_is_placed_with_its_level_and_parent(given: str, name: str, level: str, parent: str) -> None:
    p = place(given)
    assert (p.name, p.level, p.parent, p.note) == (name, level, parent, "")
    assert len(p.code) == 6 and p.code.isdigit()


def test_a_short_form_names_the_highest_division() -> None:
    # 河北 is also what 天津's 河北区 is without its suffix; 吉林 is 吉林省 and 吉林市.
    assert place("河北").level == "province"
    assert place("吉林").name == "吉林省"
    assert place("吉林市").level == "city"


def test_a_name_it_cannot_place_gets_a_note_and_no_level() -> None:
    for name in ("雄安新区", "测试省", "某某区"):
        p = place(name)
        assert p.level == "" and p.parent == "" and name in p.note
    assert place("").note and not place("").name


def test_divisions_sharing_a_name_are_told_apart_by_the_text_only() -> None:
    unknown = place("鼓楼区")
    assert unknown.level == "district" and unknown.parent == "" and "4 divisions" in unknown.note
    assert place("鼓楼区", "——在福州市鼓楼区第十八届人民代表大会上").parent == "福州市"
    assert place("朝阳区", "长春市委、市政府的坚强领导下").parent == "长春市"
    assert place("朝阳区", "北京市朝阳区人民政府；对口支援长春市").parent == "北京市"  # beside it wins


def test_national_names() -> None:
    assert place("全国").level == "national"


def test_short_forms_and_cleaning() -> None:
    words = load_words()
    assert short_form("广西壮族自治区", words) == "广西"
    assert short_form("西藏自治区", words) == "西藏"
    assert short_form("长阳土家族自治县", words) == "长阳"
    assert short_form("蔚县", words) == ""  # one character is no short form
    assert clean_name(" 在 陕西省 ") == "陕西省"
