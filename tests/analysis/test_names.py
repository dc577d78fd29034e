"""Tests for planbook/analysis/names.py: names compared without scope words, years and quotes."""

from __future__ import annotations

import pytest

from planbook.analysis.names import NameIndex, name_match, normalise_name


@pytest.mark.parametrize(
    ("name", "normal"),
    [
        ("全区地区生产总值", "地区生产总值"),
        ("全社会固定资产投资", "固定资产投资"),
        ("规模以上工业增加值", "工业增加值"),
        ("2021年全年规上工业增加值", "工业增加值"),
        ("“十四五”项目", "十四五项目"),
        ("全区", "全区"),  # a scope word alone is the name
    ],
)
def test_normalise_name_strips_scope_prefixes(name, normal):
    assert normalise_name(name) == normal


def test_name_match_exact_then_containment():
    assert name_match("地区生产总值", "地区生产总值") == 2
    assert name_match("全县生产总值", "生产总值") == 2
    assert name_match("全社会消费品零售总额", "社会消费品零售总额") == 1
    assert name_match("一般公共预算收入", "一般预算收入") == 0


def test_name_index_pairs_exactly_the_names_name_match_pairs(seed_rows, synthetic_rows):
    names = sorted({*seed_rows["indicator"], *synthetic_rows["indicator"], "", "2020年", "全区"})
    index = NameIndex(names)
    for a in names:
        expected = {b: name_match(a, b) for b in names if name_match(a, b)}
        assert index.matches(a) == expected, a
