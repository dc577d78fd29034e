"""CSV cells a spreadsheet would run as a formula are marked in every CSV planbook writes, and read back raw."""

from __future__ import annotations

import io
import json

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from planbook.analysis.chapter_data import report_data, write_report_data
from planbook.analysis.compare import compare_csv
from planbook.analysis.targets import TARGET_COLUMNS, targets_csv
from planbook.export import parse_rows, rows_to_csv, rows_to_json, table_csv
from planbook.model import IndicatorRow, ReportFacts
from planbook.spreadsheet import csv_cell, is_formula_like, raw_cell, raw_frame

FORMULAS = ["=1+1", "+全区生产总值增长6.5%", "@SUM(1+1)", "-全区", "-1+cmd|' /C calc'!A0", "\tx", "\rx", "-"]
SAFE = ["全区生产总值", "-4.5", "-12", "-1.5e3", "6.5%", "", "'quoted", "a=b", " =1"]


def test_formula_starts_are_marked_and_plain_text_and_negative_numbers_are_not() -> None:
    for text in FORMULAS:
        assert is_formula_like(text) and csv_cell(text) == "'" + text, text
    for text in SAFE:
        assert csv_cell(text) == text, text
    assert csv_cell(-4.5) == -4.5 and csv_cell(None) is None


@given(st.text(alphabet="'=+-@\t\r0123456789.e全区", max_size=8))
def test_marking_and_reading_back_are_exact_inverses(text: str) -> None:
    cell = csv_cell(text)
    assert raw_cell(cell) == text
    assert not is_formula_like(cell) or cell.startswith("'")  # a spreadsheet never sees a formula start
    assert cell == text or (cell.startswith("'") and is_formula_like(text))


def _row(sentence: str, indicator: str = "地区生产总值") -> IndicatorRow:
    return IndicatorRow("r", 1, 4, "6.5", indicator, "GDP", "2020", "actual", "change_pct", 6.5, "%",
                        sentence_start=0, sentence_end=len(sentence), sentence=sentence)  # fmt: skip


def test_indicator_rows_are_marked_in_csv_raw_in_json_and_raw_when_read_back() -> None:
    rows = [_row("+全区生产总值增长6.5%。"), _row("@SUM(1+1)增长6.5%。", indicator="=HYPERLINK(1)")]
    text = rows_to_csv(rows)
    cells = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    assert list(cells["sentence"]) == ["'+全区生产总值增长6.5%。", "'@SUM(1+1)增长6.5%。"]
    assert list(cells["indicator"]) == ["地区生产总值", "'=HYPERLINK(1)"]
    assert [r["sentence"] for r in json.loads(rows_to_json(rows))] == ["+全区生产总值增长6.5%。", "@SUM(1+1)增长6.5%。"]
    back = parse_rows(text, "r")
    assert list(back["sentence"]) == [r.sentence for r in rows] and list(back["indicator"])[1] == "=HYPERLINK(1)"


def test_tables_targets_and_compare_csvs_are_marked() -> None:
    table = pd.DataFrame({"indicator": ["=A1", "GDP"], "value": [-4.5, 6.5]})
    assert table_csv(table) == "indicator,value\n'=A1,-4.5\nGDP,6.5\n"
    frame = pd.DataFrame([{c: "" for c in TARGET_COLUMNS} | {"indicator": "+x", "note": "-y"}])
    lines = targets_csv(frame).splitlines()
    assert "'+x" in lines[1].split(",") and "'-y" in lines[1].split(",")
    assert "'@r" in compare_csv(pd.DataFrame([{"region": "@r", "value": -5.0}])).splitlines()[1].split(",")
    assert raw_frame(pd.read_csv(io.StringIO(table_csv(table)), dtype=str))["indicator"].tolist() == ["=A1", "GDP"]


def test_a_chapter_reads_the_text_as_the_report_wrote_it(tmp_path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("+全区生产总值增长6.5%。\n", encoding="utf-8")
    facts = ReportFacts(id="r", title="t", region="", genre="", review_year=2020, plan_year=2021)
    write_report_data(tmp_path / "data" / "r", rows_to_csv([_row("+全区生产总值增长6.5%。")]), facts, report)
    assert "'+全区" in (tmp_path / "data" / "r" / "indicators.csv").read_text(encoding="utf-8")
    rows = report_data(report, "r", tmp_path / "data" / "r").rows
    assert list(rows["sentence"]) == ["+全区生产总值增长6.5%。"]
