"""Tests for planbook.corpus.panel: the tables hold what extract and targets give; runs add to them incrementally."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

import planbook.corpus.work as work
from planbook.analysis.compare import compare_csv, compare_paths
from planbook.analysis.targets import targets_csv, targets_of_paths
from planbook.corpus.panel import PanelError, update_panel
from planbook.corpus.schema import COMPARE, INDICATORS, REPORTS, TARGETS
from planbook.export import rows_to_csv
from planbook.extract import extract, to_frame
from planbook.text import load_report
from tests.corpus.helpers import copy_corpus, count_calls, tables


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the reports loaded (load + extract) during the test, in order."""
    return count_calls(monkeypatch, work, "load_report")


def query(db: Path, sql: str, params: object = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params).fetchall()
    finally:
        con.close()


def test_indicators_are_the_rows_of_extract(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    con = duckdb.connect(str(db), read_only=True)
    for path in sorted(corpus.iterdir()):
        report = load_report(path)
        stored = con.execute(INDICATORS.select_sql("WHERE report = $id"), {"id": report.id}).df()
        assert len(stored) > 0
        assert rows_to_csv(stored) == rows_to_csv(to_frame(extract(report))), path.name


def test_targets_are_the_pairs_of_the_targets_command(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in")
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute(TARGETS.select_sql()).df()
    expected, _ = targets_of_paths([corpus])
    assert len(expected) > 20
    assert targets_csv(stored) == targets_csv(expected)


def test_compare_is_the_table_of_the_compare_command(tmp_path: Path) -> None:
    from tests.analysis.compare_helpers import write_hierarchy

    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    write_hierarchy(corpus)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute(COMPARE.select_sql()).df()
    expected = compare_paths([corpus]).frame
    assert len(expected) > 20 and set(expected["level"]) == {"province", "city", "county", "district"}
    key = ["report", "start", "kind", "indicator"]
    ordered = stored.sort_values(key).reset_index(drop=True)
    assert compare_csv(ordered) == compare_csv(expected.sort_values(key).reset_index(drop=True))
    placed = dict(con.execute("SELECT id, level || ' ' || parent FROM reports").fetchall())
    assert placed["county"] == "county 荆州市" and placed["jingzhou-district-2020"] == "district 荆州市"
    assert placed["hebei-province-2022"] == "province "


def test_reports_table_holds_file_hash_and_profile(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2023,), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    path = corpus / "hebei-province-2023.txt"
    report = load_report(path)
    con = duckdb.connect(str(db), read_only=True)
    cursor = con.execute(REPORTS.select_sql())
    names = [d[0] for d in cursor.description]
    (row,) = [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]
    import hashlib

    assert row["id"] == report.id and row["file"] == str(path.resolve())
    assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert row["characters"] == len(report.text)
    assert (row["region"], row["genre"], row["delivered_year"], row["review_year"], row["plan_year"]) == (
        report.region,
        report.genre,
        report.delivered_year,
        report.review_year,
        report.plan_year,
    )
    assert (row["review_span"], row["plan_span"]) == (report.review_span, report.plan_span)
    assert tuple(row["warnings"]) == report.warnings
    assert row["rows"] == len(extract(report))


def test_adding_a_report_reads_only_that_report(tmp_path: Path, loads: list[str]) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022, 2023))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    assert len(loads) == 5
    loads.clear()
    shutil.copy(copy_corpus(tmp_path / "all") / "hebei-province-2024.txt", corpus)
    run = update_panel([corpus], db)
    assert loads == ["hebei-province-2024.txt"]
    assert run.read == ["hebei-province-2024"] and len(run.unchanged) == 5
    # The same tables as one run over the five reports at once, the targets for 2023 now met by the 2024 report.
    fresh = tmp_path / "fresh.duckdb"
    update_panel([corpus], fresh)
    assert tables(db) == tables(fresh)
    assert query(db, "SELECT count(*) FROM targets WHERE year = 2023 AND outcome_report = 'hebei-province-2024'")[0][0]


def test_a_second_run_reads_nothing(tmp_path: Path, loads: list[str]) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    before = tables(db)
    loads.clear()
    run = update_panel([corpus], db)
    assert loads == [] and run.read == [] and sorted(run.unchanged) == ["hebei-province-2021", "hebei-province-2022"]
    assert tables(db) == before


def test_a_changed_file_replaces_its_rows(tmp_path: Path, loads: list[str]) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    path = corpus / "hebei-province-2022.txt"
    text = path.read_text(encoding="utf-8")
    old = query(db, "SELECT value FROM indicators WHERE report = 'hebei-province-2022' ORDER BY start")
    # Drop the second half of the report: fewer rows, and the text differs.
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    loads.clear()
    run = update_panel([corpus], db)
    assert loads == ["hebei-province-2022.txt"] and run.replaced == ["hebei-province-2022"]
    new = query(db, "SELECT value FROM indicators WHERE report = 'hebei-province-2022' ORDER BY start")
    assert 0 < len(new) < len(old)
    assert query(db, "SELECT rows FROM reports WHERE id = 'hebei-province-2022'") == [(len(new),)]
    fresh = tmp_path / "fresh.duckdb"
    update_panel([corpus], fresh)
    assert tables(db) == tables(fresh)


def test_other_planbook_code_reads_the_report_again(
    tmp_path: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    loads.clear()
    import planbook.corpus.panel as panel

    for module in (panel, work):
        monkeypatch.setattr(module, "planbook_fingerprint", lambda: "0123456789abcdef")
    update_panel([corpus], db)
    assert loads == ["hebei-province-2021.txt"]
    assert query(db, "SELECT DISTINCT planbook FROM reports") == [("0123456789abcdef",)]


def test_a_moved_file_with_the_same_bytes_is_not_read(tmp_path: Path, loads: list[str]) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    moved = tmp_path / "elsewhere"
    shutil.move(corpus, moved)
    loads.clear()
    update_panel([moved], db)
    assert loads == []
    assert query(db, "SELECT file FROM reports") == [(str((moved / "hebei-province-2021.txt").resolve()),)]


def test_one_id_from_another_file_is_an_error_naming_both(tmp_path: Path) -> None:
    first = copy_corpus(tmp_path / "a", (2021,), others=False)
    second = tmp_path / "b"
    second.mkdir()
    text = (first / "hebei-province-2021.txt").read_text(encoding="utf-8")
    (second / "hebei-province-2021.txt").write_text(text[: len(text) // 2], encoding="utf-8")
    db = tmp_path / "panel.duckdb"
    update_panel([first], db)
    before = tables(db)
    with pytest.raises(PanelError) as err:
        update_panel([second], db)
    assert str(first / "hebei-province-2021.txt") in str(err.value) and str(second) in str(err.value)
    assert tables(db) == before
    run = update_panel([second], db, replace=True)
    assert run.replaced == ["hebei-province-2021"]
    assert query(db, "SELECT file FROM reports") == [(str((second / "hebei-province-2021.txt").resolve()),)]


def test_two_files_with_one_id_in_a_run(tmp_path: Path, loads: list[str]) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    text = (corpus / "hebei-province-2021.txt").read_text(encoding="utf-8")
    copy = tmp_path / "copy"
    copy.mkdir()
    (copy / "Hebei_Province_2021.txt").write_text(text, encoding="utf-8")  # the same id, the same bytes
    db = tmp_path / "panel.duckdb"
    update_panel([corpus, copy], db)
    assert loads == ["hebei-province-2021.txt"]
    (copy / "Hebei_Province_2021.txt").write_text(text[:5000], encoding="utf-8")
    with pytest.raises(PanelError, match="both give the report id hebei-province-2021") as err:
        update_panel([corpus, copy], tmp_path / "other.duckdb")
    assert "Hebei_Province_2021.txt" in str(err.value)
    assert not (tmp_path / "other.duckdb").exists()


def test_parquet_holds_the_same_tables(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db, parquet=tmp_path / "pq")
    con = duckdb.connect()
    for name, rows in tables(db).items():
        path = str(tmp_path / "pq" / f"{name}.parquet")
        assert con.execute(f"SELECT * FROM read_parquet('{path}')").fetchall() == rows, name
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        "compare.parquet",
        "indicators.parquet",
        "reports.parquet",
        "statements.parquet",
        "targets.parquet",
    ]
