"""A work report saved without its review part: its figures are the plan year's targets, never a year early, and
the reader is told (the CLI's warnings, the landing page)."""

from __future__ import annotations

from pathlib import Path

from planbook import cli
from planbook.book.pages import landing_page
from planbook.extract import extract
from planbook.text.load import report_from_text

EXCERPT = (
    "某县政府工作报告（节选）\n"
    "——2024年1月10日在某县第十八届人民代表大会第三次会议上\n"
    "主要预期目标：地区生产总值增长6%左右，一般公共预算收入增长5%，城镇新增就业3000人。\n"
    "围绕上述目标，重点抓好以下工作：\n"
    "（一）扩大有效投资。实施重点项目120个，完成投资85亿元。\n"
    "（二）促进消费。社会消费品零售总额增长7%。\n"
)


def test_the_targets_of_an_excerpt_are_the_plan_years() -> None:
    report = report_from_text(EXCERPT, report_id="excerpt")
    assert (report.partial, report.delivered_year, report.plan_year) == ("excerpt", 2024, 2024)
    rows = extract(report)
    assert rows and {(r.period, r.kind) for r in rows} == {("2024", "target")}


def test_a_whole_report_still_reads_its_review_as_the_year_before() -> None:
    text = EXCERPT.replace(
        "主要预期目标", "一、2023年工作回顾\n全县地区生产总值增长5.5%。\n二、2024年工作安排\n主要预期目标"
    )
    report = report_from_text(text, report_id="whole")
    assert report.partial != "excerpt"
    assert ("2023", "actual") in {(r.period, r.kind) for r in extract(report)}


def test_the_excerpt_warning_reaches_the_cli_and_the_landing_page(tmp_path: Path, capsys) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(EXCERPT, encoding="utf-8")
    assert cli.main(["extract", str(path), "-o", str(tmp_path / "rows.csv")]) == cli.EXIT_OK
    assert "no review of the past year" in capsys.readouterr().err
    report = report_from_text(EXCERPT, report_id="excerpt")
    page = landing_page(report, extract(report), [])
    assert "no review of the past year" in page
    assert r"| Region | 某县 \(county\) |" in page
