"""Adding to a panel: the tables are those of a panel built at once; a file as it was when a run hashed it is not
read again, and any change to it (even one that keeps its size and modification time) is."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

import planbook.corpus.work as work
from planbook.analysis.compare import compare_csv, compare_paths
from planbook.analysis.statements import statements
from planbook.analysis.targets import targets_csv, targets_of_paths
from planbook.corpus.panel import update_panel
from planbook.corpus.schema import COMPARE, FILES, STATEMENT_FIELDS, STATEMENTS, TARGETS
from planbook.extract import extract, to_frame
from planbook.text import load_report
from tests.corpus.helpers import HEBEI, copy_corpus, count_calls, tables


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files whose bytes were read (to hash or to load them) during the test."""
    return count_calls(monkeypatch, work, "read_bytes")


def corpus_with_copies(folder: Path, years: tuple[int, ...]) -> Path:
    """河北省 reports of these years, the two other regions, and two more files reading as 2022's report: its
    first half (a shorter text) and the whole with other numbers (as long): both set aside for the original."""
    copy_corpus(folder, years)
    text = (HEBEI / "hebei-province-2022.txt").read_text(encoding="utf-8")
    (folder / "hebei-province-2022-half.txt").write_text(text[: len(text) // 2], encoding="utf-8")
    (folder / "hebei-province-2022-again.txt").write_text(text.replace("7", "8"), encoding="utf-8")
    return folder


def test_a_panel_added_to_holds_the_tables_of_one_built_at_once(tmp_path: Path) -> None:
    corpus = corpus_with_copies(tmp_path / "in", (2021, 2022, 2023))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    shutil.copy(HEBEI / "hebei-province-2024.txt", corpus)
    run = update_panel([corpus], db)
    assert run.read == ["hebei-province-2024"]
    assert any(w.startswith("hebei-province-2022-half: read as the 河北省 report reviewing 2021") for w in run.warnings)
    fresh = tmp_path / "fresh.duckdb"
    update_panel([corpus], fresh)
    assert tables(db) == tables(fresh)
    # Pairing and compare load the figures only of the reports they use: the same pairs and rows as the commands.
    con = duckdb.connect(str(db), read_only=True)
    expected, _ = targets_of_paths([corpus])
    assert targets_csv(con.execute(TARGETS.select_sql()).df()) == targets_csv(expected)
    key = ["report", "start", "kind", "indicator"]
    stored = con.execute(COMPARE.select_sql()).df().sort_values(key).reset_index(drop=True)
    assert compare_csv(stored) == compare_csv(compare_paths([corpus]).frame.sort_values(key).reset_index(drop=True))


def test_statements_are_those_of_the_row_frame(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2025))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    con = duckdb.connect(str(db), read_only=True)
    for path in sorted(corpus.iterdir()):
        report = load_report(path)
        cursor = con.execute(STATEMENTS.select_sql("WHERE report = $id"), {"id": report.id})
        names = [d[0] for d in cursor.description]
        stored = [tuple(dict(zip(names, r, strict=True))[f] for f in STATEMENT_FIELDS) for r in cursor.fetchall()]
        expected = statements(report, to_frame(extract(report)))
        assert len(stored) > 10
        assert stored == [tuple(getattr(s, f) for f in STATEMENT_FIELDS) for s in expected], path.name


def test_files_unchanged_since_hashed_are_not_read(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work, "SETTLED_NS", 0)  # the copies were made just now
    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    before = tables(db)
    reads.clear()
    run = update_panel([corpus], db)
    assert reads == [] and run.read == [] and len(run.unchanged) == 4
    assert tables(db) == before


def test_a_change_keeping_size_and_mtime_is_read(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work, "SETTLED_NS", 0)
    corpus = copy_corpus(tmp_path / "in", (2021, 2022))
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    path = corpus / "hebei-province-2022.txt"
    old = os.stat(path)
    data = path.read_bytes()
    path.write_bytes(data.replace(b"7", b"8"))  # as many bytes
    os.utime(path, ns=(old.st_atime_ns, old.st_mtime_ns))  # the modification time put back (the ctime is now)
    assert os.stat(path).st_size == old.st_size and os.stat(path).st_mtime_ns == old.st_mtime_ns
    reads.clear()
    run = update_panel([corpus], db)
    assert run.replaced == ["hebei-province-2022"]
    assert sorted(set(reads)) == ["hebei-province-2022.txt"]
    fresh = tmp_path / "fresh.duckdb"
    update_panel([corpus], fresh)
    assert tables(db) == tables(fresh)


def test_files_changed_just_before_they_were_hashed_are_hashed_again(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A write within the same tick of the file system's clock may keep the times: such a hash is not trusted.
    monkeypatch.setattr(work, "SETTLED_NS", 3600 * 10**9)  # an hour, for "just before" on the slowest machine
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    reads.clear()
    run = update_panel([corpus], db)
    assert reads == ["hebei-province-2021.txt"] and run.read == []


def test_a_panel_without_the_record_of_its_files_is_completed(
    tmp_path: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(work, "SETTLED_NS", 0)
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    con = duckdb.connect(str(db))
    con.execute(f"DROP TABLE {FILES.name}")  # as an earlier planbook wrote it
    con.close()
    run = update_panel([corpus], db)
    assert run.unchanged == ["hebei-province-2021"]
    con = duckdb.connect(str(db), read_only=True)
    recorded = con.execute(f"SELECT file FROM {FILES.name}").fetchall()
    assert recorded == [(str((corpus / "hebei-province-2021.txt").resolve()),)]
    con.close()
    reads.clear()
    update_panel([corpus], db)
    assert reads == []
