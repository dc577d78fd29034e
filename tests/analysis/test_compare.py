"""Regions side by side (``planbook compare``): levels and parents, bounds and ranges, the hierarchy,
duplicates, unknown regions — on synthetic reports of a province, its city, a county and a district."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from planbook.analysis.compare import COMPARE_COLUMNS, compare_csv, compare_paths
from planbook.analysis.hierarchy import hierarchy_gaps, midpoint
from tests.analysis.compare_helpers import write_hierarchy, write_report
from tests.samples import REPO


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("regions")
    write_hierarchy(root)
    return root


@pytest.fixture(scope="module")
def rows(folder: Path) -> pd.DataFrame:
    return compare_paths([folder]).frame


def one(rows: pd.DataFrame, region: str, indicator: str, kind: str) -> pd.Series:
    found = rows[(rows["region"] == region) & (rows["indicator"] == indicator) & (rows["kind"] == kind)]
    assert len(found) == 1, found
    return found.iloc[0]


def test_levels_and_parents_come_from_the_divisions(rows: pd.DataFrame) -> None:
    placed = rows.drop_duplicates("region").set_index("region")[["level", "parent"]]
    assert placed.to_dict("index") == {
        "湖北省": {"level": "province", "parent": ""},
        "荆州市": {"level": "city", "parent": "湖北省"},
        "公安县": {"level": "county", "parent": "荆州市"},
        "荆州区": {"level": "district", "parent": "荆州市"},
    }


def test_outcome_of_the_review_year_and_target_of_the_plan_year(rows: pd.DataFrame) -> None:
    actual = one(rows, "湖北省", "gdp", "actual")
    target = one(rows, "湖北省", "gdp", "target")
    assert (actual["year"], actual["value"], actual["qualifier"]) == (2021, 12.9, "exact")
    assert (target["year"], target["value"], target["qualifier"], target["written"]) == (2022, 7, "approx", "7%左右")
    assert one(rows, "荆州市", "gdp", "target")[["value", "qualifier", "written"]].tolist() == [8, "at_least", "8%以上"]
    jobs = one(rows, "湖北省", "new_urban_jobs", "target")
    assert (jobs["measure"], jobs["unit"], jobs["qualifier"]) == ("level", "万人", "at_least")


def test_a_range_and_a_bound_and_a_fall(rows: pd.DataFrame) -> None:
    county = one(rows, "公安县", "gdp", "target")
    assert (county["value"], county["value_high"], county["qualifier"]) == (8.5, 9, "range")
    assert county["written"] == "8.5%—9%"
    unemployment = one(rows, "湖北省", "surveyed_unemployment_rate", "target")
    expected = (5.5, "at_most", "控制在5.5%以内")
    assert (unemployment["value"], unemployment["qualifier"], unemployment["written"]) == expected
    fall = one(rows, "公安县", "general_budget_revenue", "actual")
    assert (fall["value"], fall["written"]) == (-2.5, "−2.5%")
    assert pd.isna(one(rows, "湖北省", "gdp", "target")["value_high"])


def test_offsets_point_at_the_number_literals(folder: Path, rows: pd.DataFrame) -> None:
    from planbook.text import load_report

    for r in rows.itertuples(index=False):
        text = load_report(folder / f"{r.report}.txt").text
        literal = text[r.start : r.end]
        assert literal.startswith(("8.5", "−", *"0123456789")) and literal.rstrip("%").split("—")[0]
        assert float(literal.split("—")[0].rstrip("%")) == abs(r.value)


def test_targets_down_the_hierarchy(rows: pd.DataFrame) -> None:
    gaps = hierarchy_gaps(rows)
    gdp = gaps[gaps["indicator"] == "gdp"].set_index("region")
    assert gdp.loc["荆州市", ["parent", "gap_pp"]].tolist() == ["湖北省", 1]  # 8%以上 − 7%左右
    assert gdp.loc["公安县", ["parent", "gap_pp"]].tolist() == ["荆州市", 0.75]  # the midpoint of 8.5%—9% − 8%
    assert gdp.loc["荆州区", "gap_pp"] == -0.5
    assert "湖北省" not in gdp.index  # a province has no parent
    revenue = gaps[gaps["indicator"] == "general_budget_revenue"].set_index("region")
    assert revenue.loc["公安县", "gap_pp"] == -2  # 6%左右 − 8%
    assert midpoint(5, None) == 5 and midpoint(5, 5.5) == 5.25


def test_the_verdict_of_each_level_when_the_outcome_is_known(tmp_path: Path) -> None:
    write_hierarchy(tmp_path)
    review, plan = "2022年，全市地区生产总值增长7.5%。", "2023年预期目标：地区生产总值增长7%。"
    write_report(tmp_path, "city-2023", "荆州市", review, plan, 2023)
    from planbook.analysis.compare_data import compare_files
    from planbook.analysis.region_data import members_of_paths
    from planbook.analysis.regions import report_paths

    members = members_of_paths(report_paths([tmp_path]))
    files = compare_files([m.report for m in members], [m.rows for m in members])
    gaps = pd.read_csv(pd.io.common.StringIO(files["gaps.csv"]), keep_default_na=False)
    city = gaps[(gaps["region"] == "荆州市") & (gaps["indicator"] == "gdp") & (gaps["year"] == 2022)].iloc[0]
    assert city["met"] == "no" and city["parent_met"] == ""  # 7.5 < 8以上; no 湖北省 report reviews 2022
    verdicts = pd.read_csv(pd.io.common.StringIO(files["verdicts.csv"])).set_index("region")
    assert verdicts.loc["荆州市", ["year", "missed"]].tolist() == [2022, 1]


def test_two_reports_of_one_region_and_year_one_is_used_and_said(tmp_path: Path) -> None:
    write_hierarchy(tmp_path)
    # A second 荆州市 report reviewing 2021, shorter: the first is used, and the warning says why.
    review, plan = "2021年，全市地区生产总值增长12%。", "2022年目标：地区生产总值增长9%。"
    write_report(tmp_path, "city-copy", "荆州市", review, plan)
    result = compare_paths([tmp_path])
    city = result.frame[result.frame["region"] == "荆州市"]
    assert set(city["report"]) == {"city"}
    assert any("city-copy: like city, a 荆州市 report reviewing 2021; city is used (the longer text)" in w
               for w in result.warnings)  # fmt: skip


def test_a_report_of_unknown_region_is_kept_and_listed_apart(tmp_path: Path) -> None:
    write_hierarchy(tmp_path)
    review, plan = "2021年，全市地区生产总值增长11%。", "2022年全市预期目标：地区生产总值增长6%左右。"
    write_report(tmp_path, "nowhere", "", review, plan)
    write_report(tmp_path, "fiction", "测试省", "2021年，全省生产总值增长9%。", "2022年全省预期目标：生产总值增长6%。")
    result = compare_paths([tmp_path])
    assert result.unknown == ["fiction", "nowhere"]
    kept = result.frame[result.frame["report"].isin(["nowhere", "fiction"])]
    assert set(kept["region"]) == {"", "测试省"} and set(kept["level"]) == {""}
    assert len(kept[kept["indicator"] == "gdp"]) == 4
    assert any(w.startswith("fiction: 测试省: not a division") for w in result.warnings)
    assert any("region unknown" in w and "nowhere" in w for w in result.warnings)


def test_a_region_placed_differently_by_different_files(tmp_path: Path) -> None:
    review, plan = "2021年，全区地区生产总值增长8%。", "2022年全区预期目标：地区生产总值增长6%。"
    write_report(tmp_path, "a", "北京市朝阳区", review, plan)
    write_report(tmp_path, "b", "长春市朝阳区", review, plan)
    write_report(tmp_path, "c", "朝阳区", review, plan)
    result = compare_paths([tmp_path])
    placed = result.frame.drop_duplicates("report").set_index("report")[["level", "parent"]]
    assert placed.to_dict("index") == {
        "a": {"level": "district", "parent": "北京市"},
        "b": {"level": "district", "parent": "长春市"},
        "c": {"level": "district", "parent": ""},
    }
    conflict = [w for w in result.warnings if w.startswith("朝阳区: placed differently")]
    assert len(conflict) == 1 and "under 北京市 in a" in conflict[0] and "in c" in conflict[0]


def run(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "planbook", *map(str, args)], cwd=REPO, capture_output=True)


def test_cli_writes_the_columns_as_csv_and_json(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "compare.csv"
    done = run("compare", folder, "-o", out)
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, keep_default_na=False)
    assert tuple(table.columns) == COMPARE_COLUMNS
    assert out.read_text(encoding="utf-8") == compare_csv(compare_paths([folder]).frame)
    assert "公安县,county,荆州市,2022,gdp,change_pct,target,8.5,9,range,%,county," in out.read_text(encoding="utf-8")
    as_json = json.loads(run("compare", folder, "--format", "json").stdout)
    assert as_json[0].keys() == set(COMPARE_COLUMNS) and isinstance(as_json[0]["value"], float | int)
    again = run("compare", folder / "district.txt", folder / "county.txt", folder / "city.txt", folder / "province.txt")
    assert again.stdout == out.read_bytes()  # the order of the inputs does not matter


def test_cli_bad_file_gives_one_line_and_exit_2(folder: Path, tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    done = run("compare", folder, bad)
    assert done.returncode == 2
    assert done.stderr.decode().strip().count("\n") == 0 and "empty.txt" in done.stderr.decode()
