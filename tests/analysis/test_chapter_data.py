"""Tests of planbook/analysis/chapter_data.py: the data files of a report, and rows for a notebook run on its own."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from planbook.analysis import chapter_data as data
from planbook.export import table_csv
from planbook.model import CHAPTERS, ReportError, ReportFacts, typed_rows
from tests.book.tiny import TINY_REPORT

REPO = Path(__file__).resolve().parents[2]
SEED_FACTS = ReportFacts("jingzhou-district-2020", genre="plan_report", review_year=2020, plan_year=2021)


def test_derived_tables_are_deterministic_csv(seed_rows):
    first = {n: table_csv(t) for n, t in data.derived_tables(seed_rows, SEED_FACTS).items()}
    shuffled = typed_rows(seed_rows.sample(frac=1, random_state=1))
    assert {n: table_csv(t) for n, t in data.derived_tables(shuffled, SEED_FACTS).items()} == first
    assert {f"{c}.csv" for c in CHAPTERS} | {"headline.csv", "audit.csv", "plan_vs_outcome.csv"} <= set(first)
    text = first["overview.csv"]
    assert "\r" not in text and "source.html#s-320" in text and "<a " not in text and "341.21" in text
    assert ",-7.55957272," in first["plan_vs_outcome.csv"]  # derived values: 10 significant digits


def test_write_report_data_writes_rows_then_tables(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("x", encoding="utf-8")
    csv = (REPO / "data" / "jingzhou-district-2020" / "indicators.csv").read_text(encoding="utf-8")
    written = data.write_report_data(tmp_path / "d", csv, SEED_FACTS, report)
    assert written[:2] == [tmp_path / "d" / "report.json", tmp_path / "d" / "indicators.csv"]
    assert len(written) == 2 + len(CHAPTERS) + 4
    assert ReportFacts.from_json((tmp_path / "d" / "report.json").read_text(encoding="utf-8")) == SEED_FACTS
    committed = REPO / "data" / "jingzhou-district-2020" / "tables" / "audit.csv"
    assert (tmp_path / "d" / "tables" / "audit.csv").read_bytes() == committed.read_bytes()


def test_unchanged_rows_file_is_kept_but_marked_current(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text("x", encoding="utf-8")
    rows = tmp_path / "d" / "indicators.csv"
    data.write_report_data(tmp_path / "d", "report,start\n", ReportFacts("r"), report)
    os.utime(rows, (1, 1))  # older than the report
    data.write_report_data(tmp_path / "d", "report,start\n", ReportFacts("r"), report)
    assert rows.stat().st_mtime >= report.stat().st_mtime


@pytest.fixture
def fresh_report(tmp_path, monkeypatch) -> Path:
    """A copy of the tiny report in an empty folder, which is the working directory."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "New Report 2020.txt"
    path.write_text(TINY_REPORT, encoding="utf-8")
    return path


def test_report_data_extracts_a_missing_table_into_data_of_the_file_id(fresh_report):
    found = data.report_data(fresh_report)
    rows = found.rows
    folder = fresh_report.parent / "data" / "new-report-2020"
    assert (folder / "indicators.csv").is_file() and (folder / "tables" / "overview.csv").is_file()
    assert not rows.empty and set(rows["report"]) == {"new-report-2020"}
    assert str(rows["start"].dtype) == "int64" and set(rows["period"]) <= {"2020", "2021"}
    assert (found.facts.id, found.facts.review_year, found.facts.plan_year) == ("new-report-2020", 2020, 2021)


def test_report_data_reads_a_current_table_without_extracting(fresh_report, monkeypatch):
    data.report_data(fresh_report)
    import planbook.extract

    monkeypatch.setattr(planbook.extract, "extract", lambda report: pytest.fail("extracted again"))
    assert not data.report_data(fresh_report, "new-report-2020", "data/new-report-2020").rows.empty


def test_report_data_extracts_again_when_the_report_changed(fresh_report):
    before = data.report_data(fresh_report).rows
    folder = fresh_report.parent / "data" / "new-report-2020"
    os.utime(folder / "indicators.csv", (1, 1))
    fresh_report.write_text(TINY_REPORT.replace("341.21亿元", "350.5亿元"), encoding="utf-8")
    after = data.report_data(fresh_report).rows
    assert 341.21 in set(before["value"]) and 350.5 in set(after["value"])


def test_report_data_refuses_another_reports_table(fresh_report):
    folder = fresh_report.parent / "elsewhere"
    folder.mkdir()
    shutil.copy(REPO / "data" / "jingzhou-district-2020" / "indicators.csv", folder / "indicators.csv")
    before = (folder / "indicators.csv").read_bytes()
    with pytest.raises(ReportError, match="jingzhou-district-2020.*new-report-2020"):
        data.report_data(fresh_report, data_dir=folder)
    assert (folder / "indicators.csv").read_bytes() == before
