"""Tests for planbook.analysis.targets and regions: targets of year N against the outcomes report N+1 states."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from planbook.analysis.regions import chains, read_reports, report_paths
from planbook.analysis.targets import TARGET_COLUMNS, pair_targets, targets_csv, targets_of_paths
from planbook.model import ReportError
from tests.analysis.targets_helpers import (
    EXPECTED_2021,
    REVIEW_2021,
    TARGETS_2021,
    TARGETS_2022,
    work_report,
    write_region,
)

ROOT = Path(__file__).resolve().parents[2]  # the checkout: the CLI runs its planbook, not an installed one
OUTCOME_VALUE = TARGET_COLUMNS.index("outcome_value")


def run(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "planbook", *map(str, args)], capture_output=True, cwd=ROOT, env=env, timeout=300
    )


def by_indicator(frame: pd.DataFrame, year: int = 2021) -> dict[str, pd.Series]:
    rows = frame[frame["year"] == year]
    return {r["indicator"]: r for _, r in rows.iterrows()}


@pytest.fixture
def region_dir(tmp_path: Path) -> Path:
    write_region(tmp_path / "reports")
    return tmp_path / "reports"


def test_targets_meet_outcomes_of_the_next_report(region_dir: Path) -> None:
    frame, warnings = targets_of_paths([region_dir])
    assert warnings == []
    got = by_indicator(frame)
    for code, (outcome, met) in EXPECTED_2021.items():
        row = got[code]
        assert row["met"] == met, code
        assert targets_csv(pd.DataFrame([row])).splitlines()[1].split(",")[OUTCOME_VALUE] == outcome, code
        assert row["target_report"] == "r-a"
        assert row["outcome_report"] == ("r-b" if outcome else "")


def test_offsets_point_at_the_number_literals(region_dir: Path) -> None:
    frame, _ = targets_of_paths([region_dir])
    texts = {p.stem: p.read_text(encoding="utf-8") for p in region_dir.iterdir()}
    for _, row in frame.iterrows():
        literal = texts[row["target_report"]][row["target_start"] : row["target_end"]]
        assert float(literal) == abs(row["target_value"])
        if row["outcome_report"]:
            literal = texts[row["outcome_report"]][row["outcome_start"] : row["outcome_end"]]
            assert float(literal) == abs(row["outcome_value"])


def test_lower_is_better_and_the_signed_fall(region_dir: Path) -> None:
    got = by_indicator(targets_of_paths([region_dir])[0])
    energy = got["energy_intensity"]
    assert (energy["target_value"], energy["outcome_value"]) == (-3, -4.5)
    assert "lower is better" in energy["note"]
    assert got["cpi"]["met"] == "yes" and got["cpi"]["outcome_value"] == 1.2


def test_an_unreported_target_has_empty_outcome_and_a_reason(region_dir: Path) -> None:
    row = by_indicator(targets_of_paths([region_dir])[0])["surveyed_unemployment_rate"]
    assert row["met"] == "not_reported"
    assert row["outcome_report"] == "" and pd.isna(row["outcome_start"]) and pd.isna(row["outcome_value"])
    assert "r-b gives no rate" in row["note"]


def test_targets_of_the_last_year_are_not_reported(region_dir: Path) -> None:
    rows = targets_of_paths([region_dir])[0]
    last = rows[rows["year"] == 2022]
    assert len(last) == 2
    assert set(last["met"]) == {"not_reported"}
    assert all("no 测试省 report reviewing 2022" in n for n in last["note"])


def test_file_names_do_not_decide_the_order(tmp_path: Path) -> None:
    # The 2022 report is named first: the years come from the text.
    (tmp_path / "z.txt").write_text(work_report("测试省", 2021, "", TARGETS_2021), encoding="utf-8")
    (tmp_path / "a.txt").write_text(work_report("测试省", 2022, REVIEW_2021, TARGETS_2022), encoding="utf-8")
    got = by_indicator(targets_of_paths([tmp_path])[0])
    assert got["gdp"]["target_report"] == "z" and got["gdp"]["outcome_report"] == "a"
    assert got["gdp"]["met"] == "yes"


def test_a_stub_next_report_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(work_report("测试省", 2021, "", TARGETS_2021), encoding="utf-8")
    stub = "政府工作报告\n——2022年1月18日在测试省第十三届人民代表大会第五次会议上\n测试省人民政府\n\n"
    stub += "2021年全省生产总值增长6.6%。2022年主要预期目标是：生产总值增长6%左右。\n"
    (tmp_path / "b.txt").write_text(stub, encoding="utf-8")
    rows = targets_of_paths([tmp_path])[0]
    rows = rows[rows["year"] == 2021]
    assert len(rows) == len(EXPECTED_2021)
    assert set(rows["met"]) == {"not_reported"}
    assert all(n.startswith("b is not the whole report") for n in rows["note"])


def test_two_regions_in_one_folder_do_not_mix(tmp_path: Path) -> None:
    write_region(tmp_path, "测试省", "t")
    # 样例省 has only its 2021 report: its targets must not meet 测试省's outcomes.
    (tmp_path / "s-a.txt").write_text(work_report("样例省", 2021, "", TARGETS_2021), encoding="utf-8")
    rows, _ = targets_of_paths([tmp_path])
    other = rows[rows["region"] == "样例省"]
    assert len(other) == len(EXPECTED_2021)
    assert set(other["met"]) == {"not_reported"}
    assert all("no 样例省 report reviewing 2021" in n for n in other["note"])
    mine = by_indicator(rows[rows["region"] == "测试省"])
    assert {c: r["met"] for c, r in mine.items()} == {c: m for c, (_, m) in EXPECTED_2021.items()}


def test_two_files_of_one_year_one_is_used_and_said(region_dir: Path) -> None:
    summary = work_report("测试省", 2022, "2021年，全省生产总值增长6.6%。", "2022年，生产总值增长6%左右。")
    (region_dir / "r-c.txt").write_text(summary, encoding="utf-8")
    reports = read_reports([region_dir])
    groups, warnings = chains(reports)
    assert len(groups) == 1
    assert [r.id for r in groups[0].reports] == ["r-a", "r-b"]
    assert warnings == ["r-c: read as the 测试省 report reviewing 2021, like r-b; r-b is used"]
    frame, _ = pair_targets(reports)
    gdp = by_indicator(frame)["gdp"]
    assert gdp["outcome_report"] == "r-b"
    assert "r-c also reads as reviewing 2021; r-b used (the longer text)" in gdp["note"]


def test_no_level_or_average_against_a_growth_target(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(work_report("测试省", 2021, "", TARGETS_2021), encoding="utf-8")
    review = (
        "2021年，全省生产总值达到3万亿元，年均增长6.8%。一般公共预算收入完成3150亿元。城镇新增就业五年累计410万人。"
    )
    (tmp_path / "b.txt").write_text(work_report("测试省", 2022, review, TARGETS_2022), encoding="utf-8")
    got = by_indicator(targets_of_paths([tmp_path])[0])
    for code in ("gdp", "general_budget_revenue", "new_urban_jobs"):
        assert got[code]["met"] == "not_reported", code
        assert got[code]["outcome_report"] == ""
    note = got["gdp"]["note"]
    assert note.startswith("b gives no growth rate in % for 2021, only: level in 万亿元; ")
    assert "average growth rate in % for 2017-2021" in note  # the five years under review, not one year


@pytest.mark.parametrize("cross_scale", [False, True])
def test_a_level_target_in_another_scale(tmp_path: Path, cross_scale: bool) -> None:
    from dataclasses import replace

    from planbook.analysis.verdict import load_rules

    plan = "2021年全省经济社会发展的主要预期目标是：全社会固定资产投资力争完成1万亿元以上。"
    (tmp_path / "a.txt").write_text(work_report("测试省", 2021, "", plan), encoding="utf-8")
    review = "2021年，全省全社会固定资产投资12300亿元。"
    (tmp_path / "b.txt").write_text(work_report("测试省", 2022, review, TARGETS_2022), encoding="utf-8")
    rules = replace(load_rules(), cross_scale=cross_scale)
    row = by_indicator(targets_of_paths([tmp_path], rules)[0])["fixed_asset_investment"]
    if cross_scale:  # 12300亿元 against at least 1万亿元, in 元
        assert (row["met"], row["outcome_value"], row["outcome_report"]) == ("yes", 12300, "b")
        assert "compared in 元" in row["note"]
    else:  # the figures as printed: no pair, and the note names the figure and the rule
        assert (row["met"], row["outcome_report"]) == ("not_reported", "")
        assert "12300亿元" in row["note"] and "cross_scale" in row["note"]


def test_output_is_deterministic_and_sorted(region_dir: Path) -> None:
    first = targets_csv(targets_of_paths([region_dir])[0])
    second = targets_csv(targets_of_paths([region_dir / "r-b.txt", region_dir / "r-a.txt"])[0])
    assert first == second
    assert first.splitlines()[0] == ",".join(TARGET_COLUMNS)


def test_report_paths_expand_directories(region_dir: Path) -> None:
    (region_dir / "notes.md").write_text("not a report", encoding="utf-8")
    assert [p.name for p in report_paths([region_dir])] == ["r-a.txt", "r-b.txt"]
    empty = region_dir / "empty"
    empty.mkdir()
    with pytest.raises(ReportError, match="no reports"):
        report_paths([empty])


# --- the command line ---------------------------------------------------------------------------


def test_cli_writes_csv_and_json(region_dir: Path, tmp_path: Path) -> None:
    out_csv, out_json = tmp_path / "t.csv", tmp_path / "t.json"
    assert run("targets", region_dir, "-o", out_csv).returncode == 0
    assert run("targets", region_dir, "-o", out_json, "--format", "json").returncode == 0
    table = pd.read_csv(out_csv, dtype=str, keep_default_na=False)
    records = json.loads(out_json.read_text(encoding="utf-8"))
    assert list(table.columns) == list(TARGET_COLUMNS)
    assert len(records) == len(table) == len(EXPECTED_2021) + 2
    gdp = next(r for r in records if r["indicator"] == "gdp" and r["year"] == 2021)
    assert gdp["target_value"] == 6.5 and gdp["outcome_value"] == 6.6 and gdp["met"] == "yes"
    unemployment = next(r for r in records if r["indicator"] == "surveyed_unemployment_rate")
    assert unemployment["outcome_start"] is None and unemployment["outcome_report"] == ""


def test_cli_output_is_byte_identical(region_dir: Path, tmp_path: Path) -> None:
    a = run("targets", region_dir)
    b = run("targets", region_dir / "r-b.txt", region_dir / "r-a.txt")
    assert a.returncode == b.returncode == 0
    assert a.stdout == b.stdout and a.stdout


@pytest.mark.parametrize("bad", ["missing.txt", "empty.txt"])
def test_cli_bad_file_gives_one_line_and_exit_2(region_dir: Path, tmp_path: Path, bad: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("targets", region_dir, tmp_path / bad)
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert len(err.strip().splitlines()) == 1 and err.startswith("planbook: ") and bad in err
    assert "Traceback" not in err


def test_cli_warns_about_a_file_set_aside(region_dir: Path) -> None:
    (region_dir / "r-c.txt").write_text(work_report("测试省", 2022, "2021年，全省生产总值增长6.6%。", ""), "utf-8")
    result = run("targets", region_dir)
    assert result.returncode == 0
    assert "planbook: warning: r-c: read as the 测试省 report reviewing 2021" in result.stderr.decode("utf-8")


def test_a_range_target_and_bounds_in_a_city_report(tmp_path: Path) -> None:
    plan = "2021年主要预期目标是：全市地区生产总值增长6-6.5%，居民消费价格涨幅不超过3%，城镇新增就业3万多人。"
    review = "2021年，全市地区生产总值增长6.2%，居民消费价格上涨2.5%，城镇新增就业3.2万人。"
    (tmp_path / "a.txt").write_text(work_report("样例市", 2021, "", plan), encoding="utf-8")
    (tmp_path / "b.txt").write_text(work_report("样例市", 2022, review, TARGETS_2022), encoding="utf-8")
    got = by_indicator(targets_of_paths([tmp_path])[0])
    gdp = got["gdp"]
    assert (gdp["target_qualifier"], gdp["target_value"], gdp["met"]) == ("range", 6, "yes")
    assert plan[gdp["target_start"] - plan_offset(tmp_path / "a.txt", plan) :].startswith("6-6.5")
    assert "target range 6 to 6.5" in gdp["note"]
    assert (got["cpi"]["target_qualifier"], got["cpi"]["met"]) == ("at_most", "yes")
    assert (got["new_urban_jobs"]["target_qualifier"], got["new_urban_jobs"]["met"]) == ("at_least", "yes")


def plan_offset(path: Path, plan: str) -> int:
    return path.read_text(encoding="utf-8").index(plan)
