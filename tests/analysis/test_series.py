"""Tests for planbook.analysis.series: a region's figures across reports, and the audit across years."""

from __future__ import annotations

from pathlib import Path

import pytest

from planbook.analysis.regions import read_reports
from planbook.analysis.series import CROSS_YEAR_COLUMNS, SERIES_COLUMNS, cross_year_audit, half_unit, series
from tests.analysis.targets_helpers import work_report, write_region

REVIEW_2020 = "2020年，一般公共预算收入完成3000亿元，社会消费品零售总额12000亿元，全省生产总值2万亿元。"
REVIEW_2021 = (
    "2021年，一般公共预算收入完成3150亿元，增长5%。社会消费品零售总额13500亿元，增长6%。2020年全省生产总值20394.3亿元。"
)


@pytest.fixture
def levels_dir(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(work_report("测试省", 2021, REVIEW_2020, ""), encoding="utf-8")
    (tmp_path / "b.txt").write_text(work_report("测试省", 2022, REVIEW_2021, ""), encoding="utf-8")
    return tmp_path


def test_a_year_stated_differently_is_superseded_then_revised(tmp_path: Path) -> None:
    write_region(tmp_path)
    frame = series(read_reports([tmp_path]), codes=["gdp"])
    assert list(frame.columns) == list(SERIES_COLUMNS)
    growth_2020 = frame[(frame["measure"] == "change_pct") & (frame["year"] == 2020)]
    assert list(zip(growth_2020["report"], growth_2020["value"], growth_2020["status"], strict=True)) == [
        ("r-a", 3.9, "superseded"),
        ("r-b", 3.7, "revised"),
    ]
    assert growth_2020.iloc[1]["note"] == "first stated as 3.9 by r-a"
    assert frame[frame["year"] == 2021]["status"].tolist() == ["single"]


def test_each_point_links_to_its_sentence(tmp_path: Path) -> None:
    paths = write_region(tmp_path)
    frame = series(read_reports([tmp_path]))
    texts = {p.stem: p.read_text(encoding="utf-8") for p in paths}
    for _, row in frame.iterrows():
        text = texts[row["report"]]
        assert float(text[row["start"] : row["end"]]) == abs(row["value"])
        assert row["sentence_start"] <= row["start"]


def test_the_same_level_in_another_scale_is_confirmed(levels_dir: Path) -> None:
    frame = series(read_reports([levels_dir]), codes=["gdp"])
    level = frame[(frame["measure"] == "level") & (frame["year"] == 2020)]
    assert level["unit"].tolist() == ["万亿元", "亿元"]
    assert level["status"].tolist() == ["confirmed", "confirmed"]
    assert level["value_scaled"].tolist() == [2e12, pytest.approx(2.03943e12)]


def test_growth_chain_passes_and_flags(levels_dir: Path) -> None:
    audit = cross_year_audit(read_reports([levels_dir]))
    assert list(audit.columns) == list(CROSS_YEAR_COLUMNS)
    chain = audit[audit["check"] == "growth_chain"].set_index("indicator")
    assert chain.loc["general_budget_revenue", "status"] == "pass"  # 3000 × 1.05 = 3150
    assert chain.loc["retail_sales", "status"] == "flag"  # 12000 × 1.06 = 12720, not 13500
    row = chain.loc["retail_sales"]
    assert (row["base_report"], row["base_value"], row["value_report"], row["growth"]) == ("a", 12000, "b", 6)
    assert row["expected_low"] < 12720 < row["expected_high"]
    assert "gdp" not in chain.index  # real growth cannot grow a nominal level


def test_a_restated_figure_is_a_revision_not_an_error(tmp_path: Path) -> None:
    write_region(tmp_path)
    audit = cross_year_audit(read_reports([tmp_path]))
    restated = audit[audit["check"] == "restated"]
    assert len(restated) == 1
    row = restated.iloc[0]
    assert (row["indicator"], row["year"], row["status"]) == ("gdp", 2020, "revised")
    assert (row["base_value"], row["base_report"], row["value"], row["value_report"]) == (3.9, "r-a", 3.7, "r-b")
    assert "a revision, not an error" in row["note"]
    assert not (audit["status"] == "flag").any()


@pytest.mark.parametrize(
    ("text", "scale", "half"), [("6.3", 1, 0.05), ("2", 1e12, 0.5e12), ("20394.3", 1e8, 0.05e8), ("2-3", 1, 0.5)]
)
def test_half_unit_of_the_last_digit(text: str, scale: float, half: float) -> None:
    assert half_unit(text, scale) == pytest.approx(half)
