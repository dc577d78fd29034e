"""Tests for planbook.analysis.codes: names as the extractor writes them → English codes, or none."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook.analysis.codes import load_codebook, row_codes

NAMES = [
    ("地区生产总值", "gdp"),
    ("全省地区生产总值", "gdp"),
    ("河北省生产总值", "gdp"),  # the report's own region is trimmed
    ("生产总值预期", "gdp"),
    ("县域生产总值", ""),  # a part of the region
    ("人均生产总值", "gdp_per_capita"),
    ("全部财政收入按可比口径", "total_fiscal_revenue"),
    ("一般公共预算收入可比", "general_budget_revenue"),
    ("地方一般预算收入", "general_budget_revenue"),
    ("社会消费品零售总额要", "retail_sales"),
    ("居民消费价格总", "cpi"),
    ("居民消费价格指数", "cpi"),
    ("单位生产总值能耗比", "energy_intensity"),
    ("万元GDP能耗", "energy_intensity"),
    ("城镇登记失业率预计可", "urban_registered_unemployment_rate"),
    ("城镇调查失业率", "surveyed_unemployment_rate"),
    ("实际使用外资", "fdi_actual"),
    ("合同利用外资", ""),
    ("外直接投资", ""),  # 对外直接投资 cut short: outbound, not FDI
    ("全社会固定资产投资五年", ""),
    ("城镇常住居民人均可支配收入", "urban_disposable_income_per_capita"),
    ("农村居民人均可支配收入", "rural_disposable_income_per_capita"),
    ("农村牧区常住居民人均可支配收入", "rural_disposable_income_per_capita"),
    ("农牧民人均纯收入", "rural_net_income_per_capita"),
    ("公共财政预算收入", "general_budget_revenue"),  # its name before 2015
    ("地方公共财政预算收入", "general_budget_revenue"),
    ("全口径财政收入", "total_fiscal_revenue"),
    ("常住居民人均可支配收入", "disposable_income_per_capita"),
    ("居民人均可支配收入", "disposable_income_per_capita"),
    ("新建和改造提升高标准农田", "high_standard_farmland"),
    ("新增“专精特新”中小企业", "new_specialised_smes"),
    ("二氧化碳排放", ""),  # a total, not the intensity
    ("投资", ""),
]


@pytest.mark.parametrize(("name", "code"), NAMES)
def test_code_of_names(name: str, code: str) -> None:
    assert load_codebook().code_of(name, "河北省") == code


def _frame(rows: list[tuple[str, int, str]]) -> pd.DataFrame:
    """Rows of one sentence: (name, start, measure)."""
    return pd.DataFrame(
        [{"indicator": n, "start": s, "sentence_start": 0, "measure": m} for n, s, m in rows],
    )


def test_urban_and_rural_listed_with_fenbie_take_their_order() -> None:
    text = "城乡居民人均可支配收入分别增长7.5%和9%。"
    frame = _frame([("城乡居民人均可支配收入", 13, "change_pct"), ("城乡居民人均可支配收入", 18, "change_pct")])
    assert row_codes(frame, text) == [
        ("urban_disposable_income_per_capita",),
        ("rural_disposable_income_per_capita",),
    ]


def test_one_figure_for_two_quantities_with_jun() -> None:
    text = "二氧化硫排放量和化学需氧量均削减5.5%。"
    frame = _frame([("二氧化硫排放量和化学需氧量均削减", 17, "change_pct")])
    assert row_codes(frame, text) == [("so2_emissions", "cod_emissions")]


def test_a_joined_name_with_a_part_unknown_gets_no_code() -> None:
    text = "城镇和农村居民收入分别增长7%和8%。"
    frame = _frame([("城镇和农村居民收入", 11, "change_pct"), ("城镇和农村居民收入", 14, "change_pct")])
    assert row_codes(frame, text) == [(), ()]


def test_a_joined_name_with_the_wrong_count_gets_no_code() -> None:
    text = "城乡居民人均可支配收入增长8%。"
    frame = _frame([("城乡居民人均可支配收入", 13, "change_pct")])
    assert row_codes(frame, text) == [()]


def test_rows_of_one_code_agree_on_its_labels() -> None:
    book = load_codebook()
    for c in book.codes:
        first = book.get(c.code)
        assert (c.headline, c.label_zh, c.label_en) == (first.headline, first.label_zh, first.label_en), c.code
    assert {"gdp", "cpi", "new_urban_jobs", "pm25_concentration"} <= {c.code for c in book.codes}


@pytest.mark.parametrize(
    ("name", "clause", "code"),
    [
        ("二氧化碳排放", "单位GDP能耗和二氧化碳排放分别下降", "co2_intensity"),
        ("二氧化碳排放", "全省二氧化碳排放下降", ""),
        ("细颗粒物（PM2.5）浓度", "细颗粒物（PM2.5）浓度下降", "pm25_concentration"),
        ("居民消费价格指数涨幅", "居民消费价格指数涨幅控制在", "cpi"),
        ("二氧化硫", "二氧化硫平均浓度下降", ""),
    ],
)
def test_the_clause_decides_a_bare_name(name: str, clause: str, code: str) -> None:
    assert load_codebook().code_of(name, "河北省", clause) == code


def test_a_concentration_is_not_an_emission() -> None:
    text = "PM2.5、二氧化硫平均浓度分别下降12%、25.7%；二氧化硫排放量削减3%。"
    frame = pd.DataFrame(
        [
            {"indicator": "二氧化硫", "start": text.index("25.7"), "sentence_start": 0, "measure": "change_pct"},
            {"indicator": "二氧化硫排放量", "start": text.index("3%"), "sentence_start": 0, "measure": "change_pct"},
        ]
    )
    assert row_codes(frame, text) == [(), ("so2_emissions",)]
