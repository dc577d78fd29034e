"""Region names: never a fragment of the sentence around them, completed when the text has the full form, with
the level the division dataset gives, else their suffix (and the text); one suffix list in data/ for the profile,
the divisions and the indicator codes."""

from __future__ import annotations

import pytest

from planbook.analysis.codes import load_codebook
from planbook.text.regions import clean_name, complete_name, issuers_in, place_in, region_level, suffix_re


@pytest.mark.parametrize(
    ("fragment", "name"),
    [
        ("在某某省", "某某省"),
        ("日在某某区", "某某区"),
        ("政府工作报告在某某省", "某某省"),
        ("我代表某某县", "某某县"),
        ("和平区", "和平区"),  # a name that begins with a word that may stand before names keeps it
        ("本溪市", "本溪市"),
        ("年度某某市", "某某市"),
    ],
)
def test_words_glued_before_a_name_are_not_part_of_it(fragment: str, name: str) -> None:
    assert clean_name(fragment) == name


def test_a_clause_about_the_congress_names_no_region() -> None:
    lines = ["现在，我代表县人民政府向大会报告工作，请予审议。", "自觉接受县人民代表大会及其常委会的监督。"]
    assert issuers_in(lines) == {}
    assert issuers_in(["——2024年1月5日在某某县第十八届人民代表大会第三次会议上"]) == {"某某县": 1}


def test_the_most_specific_name_of_a_chain_and_a_date_before_it() -> None:
    assert place_in("——2019年3月4日在某某市某某区第十五届人民代表大会") == "某某区"
    assert place_in("政府工作报告——1月5日在某山区第五届人民代表大会") == "某山区"


def test_a_short_name_is_completed_by_its_full_form_in_the_text() -> None:
    assert complete_name("某州", "在某州省第十四届人民代表大会……某州省人民政府") == "某州省"
    assert complete_name("某州", "某州市统计局") == "某州市"
    assert complete_name("某州", "某州日报") == "某州"  # no full form: kept as found
    assert complete_name("某某区", "某某区市场") == "某某区"


@pytest.mark.parametrize(
    ("region", "text", "level"),
    [
        ("某某省", "", "province"),
        ("某某壮族自治区", "", "province"),
        ("北京市", "", "province"),  # a municipality is province-level
        ("重庆市", "", "province"),
        ("某某市", "某某省某某市人民政府", "city"),
        ("某某市", "某某市所辖3个县级市和5个区", "city"),  # 县级市 said of other towns
        ("某某市", "作为省会城市某某市要走在前列", "city"),
        ("某某自治州", "", "city"),
        ("某某盟", "", "city"),
        ("某某县", "", "county"),
        ("某某旗", "", "county"),
        ("某山市", "甲市某山市第十七届人民代表大会", "county"),  # a 市 under another 市 is a county-level city
        ("某山市", "某山市（县级市）位于……", "county"),
        ("某某区", "北京市某某区", "district"),  # a municipality's district
        ("某某区", "某某市某某区（市辖区）", "district"),
        ("", "", ""),
        # names the division dataset places: its level, whatever the suffix says
        ("昆山市", "", "county"),
        ("仙桃市", "", "county"),
        ("神农架林区", "", "county"),
        ("呼伦贝尔市", "", "city"),
    ],
)
def test_region_level(region: str, text: str, level: str) -> None:
    assert region_level(region, text) == level


def test_the_indicator_codes_trim_the_same_suffixes() -> None:
    """codes.py trims the report's own region name with the suffix list of data/regions.csv (one list)."""
    assert suffix_re().sub("", "某某林区") == "某某"
    # 浦东 of 浦东新区, not 浦东新: the report's name without its suffix is trimmed from a row's name
    assert load_codebook().trim("某某一般公共预算收入", region="某某新区") == "一般公共预算收入"
    assert load_codebook().trim("某某一般公共预算收入", region="某某自治旗") == "一般公共预算收入"
