"""Tests for failing panel runs: unreadable reports, runs killed halfway, OS errors, and the command's exit codes."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

import planbook.corpus.store as store
from planbook.corpus.integrity import DamagedError
from planbook.corpus.panel import PanelError, update_panel
from planbook.corpus.schema import TABLES
from planbook.corpus.store import Store, StoreError
from tests.corpus.helpers import ROOT, copy_corpus, tables


def run_cli(*args: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k != "PLANBOOK_SCHEDULER"}
    environment.update({"PYTHONPATH": str(ROOT), **(env or {})})
    return subprocess.run(
        [sys.executable, "-m", "planbook", "panel", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=300,
    )


def one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def corpus_with_a_bad_file(tmp_path: Path) -> Path:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022), others=False)
    (corpus / "broken-2020.txt").write_bytes(b"%PDF-1.4 not text")
    return corpus


def test_an_unreadable_report_stops_the_run_before_anything_is_written(
    tmp_path: Path, corpus_with_a_bad_file: Path
) -> None:
    db = tmp_path / "panel.duckdb"
    with pytest.raises(PanelError, match="broken-2020.txt: a PDF file"):
        update_panel([corpus_with_a_bad_file], db)
    assert not db.exists() and list(tmp_path.glob(".panel.duckdb*")) == []


def test_keep_going_skips_the_unreadable_report_and_names_it(tmp_path: Path, corpus_with_a_bad_file: Path) -> None:
    db = tmp_path / "panel.duckdb"
    lines: list[str] = []
    run = update_panel([corpus_with_a_bad_file], db, keep_going=True, log=lines.append)
    assert [f.id for f in run.skipped] == ["broken-2020"]
    assert any("skipped" in line and "broken-2020.txt" in line for line in lines)
    assert [r[0] for r in tables(db)["reports"]] == ["hebei-province-2021", "hebei-province-2022"]


def test_a_report_failing_on_the_worker_is_skipped_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021, 2022), others=False)
    import planbook.extract

    original = planbook.extract.extract

    def fails_on_2022(report):
        if report.id.endswith("2022"):
            raise RuntimeError("a bug")
        return original(report)

    monkeypatch.setattr("planbook.extract.extract", fails_on_2022)
    db = tmp_path / "panel.duckdb"
    with pytest.raises(PanelError, match=r"2022.txt: planbook failed on this report .RuntimeError: a bug"):
        update_panel([corpus], db)
    assert not db.exists()
    run = update_panel([corpus], db, keep_going=True)
    assert [f.id for f in run.skipped] == ["hebei-province-2022"] and "RuntimeError" in run.skipped[0].traceback
    assert run.read == ["hebei-province-2021"]


@pytest.fixture
def existing(tmp_path: Path) -> tuple[Path, Path, dict]:
    """A panel of two reports, a folder with a third beside them, and the panel's tables."""
    corpus = copy_corpus(tmp_path / "in", (2021, 2022), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    copy_corpus(tmp_path / "in", (2023,), others=False)
    return corpus, db, tables(db)


def test_a_run_failing_while_it_writes_leaves_the_database_as_it_was(existing, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, db, before = existing

    def fail(*args, **kwargs):
        raise RuntimeError("interrupted")

    # After the new report's rows went into the transaction, before the targets are replaced.
    monkeypatch.setattr(Store, "put_targets", fail)
    with pytest.raises(RuntimeError):
        update_panel([corpus], db)
    assert tables(db) == before


def test_a_run_failing_after_the_parquet_copies_leaves_the_old_ones(existing, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, db, before = existing
    pq = db.parent / "pq"
    update_panel([corpus / "hebei-province-2021.txt"], db, parquet=pq)
    old = {p.name: p.read_bytes() for p in pq.iterdir()}
    write = Store.write_parquet

    def write_then_fail(self, folder):
        write(self, folder)
        # The old copies and the new ones under temporary names.
        assert len(list(Path(folder).iterdir())) == 2 * len(TABLES)
        raise RuntimeError("interrupted")

    monkeypatch.setattr(Store, "write_parquet", write_then_fail)
    with pytest.raises(RuntimeError):
        update_panel([corpus], db, parquet=pq)
    assert tables(db) == before
    assert {p.name: p.read_bytes() for p in pq.iterdir()} == old


def test_a_new_database_failing_while_it_is_written_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    monkeypatch.setattr(Store, "put_targets", lambda *a, **k: (_ for _ in ()).throw(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        update_panel([corpus], tmp_path / "panel.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


KILL_MIDWAY = """
import os, signal, sys
from planbook.corpus.store import Store
from planbook.cli import main
put = Store.put_reports
def put_then_die(self, results):
    put(self, results)
    os.kill(os.getpid(), signal.SIGKILL)  # the rows are in the transaction, nothing is committed
Store.put_reports = put_then_die
main(sys.argv[1:])
"""


def test_a_run_killed_halfway_leaves_the_database_as_it_was(existing) -> None:
    corpus, db, before = existing
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", KILL_MIDWAY, "panel", str(corpus), "-o", str(db)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        timeout=300,
    )
    assert done.returncode == -signal.SIGKILL
    assert tables(db) == before
    # and the next run completes it
    assert update_panel([corpus], db).read == ["hebei-province-2023"]


def test_a_full_disk_while_writing_is_one_line_and_rolls_back(existing, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, db, before = existing

    def disk_full(self, table, rows):
        raise duckdb.IOException('IO Error: Could not write file "panel.duckdb": No space left on device\nmore')

    monkeypatch.setattr(Store, "_insert", disk_full)
    with pytest.raises(StoreError) as err:
        update_panel([corpus], db)
    assert (
        str(err.value) == f'{db}: cannot write the database (Could not write file "panel.duckdb": No space '
        f"left on device)"
    )
    monkeypatch.undo()
    assert tables(db) == before


def test_a_full_disk_when_the_file_is_renamed_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)

    def no_space(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(dst))

    monkeypatch.setattr(store.os, "replace", no_space)
    with pytest.raises(StoreError, match=rf"^{tmp_path / 'panel.duckdb'}: cannot write \(No space left on device\)$"):
        update_panel([corpus], tmp_path / "panel.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]


def test_a_read_only_folder_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    target = tmp_path / "ro" / "panel.duckdb"
    target.parent.mkdir()

    # As root a chmod does not stop a write, so the refusal DuckDB gives for a read-only folder is simulated.
    def refuse(path, *args, **kwargs):
        raise duckdb.IOException(f'IO Error: Cannot open file "{path}": Read-only file system')

    monkeypatch.setattr(store.duckdb, "connect", refuse)
    with pytest.raises(StoreError, match=r"ro/panel.duckdb: cannot open the database \(Cannot open file .*Read-only"):
        update_panel([corpus], target)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_a_really_read_only_folder_is_one_line(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        done = run_cli(corpus, "-o", folder / "panel.duckdb")
    finally:
        folder.chmod(0o755)
    assert done.returncode == 2
    assert str(folder) in one_line(done.stderr)


def test_cli_exit_codes_and_one_line_errors(tmp_path: Path, corpus_with_a_bad_file: Path) -> None:
    db = tmp_path / "panel.duckdb"
    done = run_cli(corpus_with_a_bad_file, "-o", db)
    assert done.returncode == 2 and not db.exists()
    assert (
        one_line(done.stderr) == f"planbook: {corpus_with_a_bad_file / 'broken-2020.txt'}: a PDF file, convert "
        f"to text first"
    )
    done = run_cli(corpus_with_a_bad_file, "-o", db, "--keep-going", "--quiet")
    assert done.returncode == 1
    assert "broken-2020.txt" in one_line(done.stderr)
    done = run_cli(corpus_with_a_bad_file / "hebei-province-2021.txt", "-o", db, "--quiet")
    assert done.returncode == 0 and done.stderr == ""
    # The folder of -o, or of --parquet, is a file: output that failed (3).
    done = run_cli(corpus_with_a_bad_file / "hebei-province-2021.txt", "-o", db / "inside.duckdb")
    assert done.returncode == 3 and one_line(done.stderr) == f"planbook: {db}: not a folder"
    done = run_cli(corpus_with_a_bad_file / "hebei-province-2021.txt", "-o", db, "--parquet", db)
    assert done.returncode == 3 and one_line(done.stderr) == f"planbook: {db}: not a folder"
    # A real OS error below it: a folder cannot be made inside a file.
    done = run_cli(corpus_with_a_bad_file / "hebei-province-2021.txt", "-o", db / "a" / "b.duckdb")
    assert done.returncode == 3 and "Not a directory" in one_line(done.stderr) and str(db) in done.stderr
    done = run_cli(tmp_path / "missing.txt", "-o", db)
    assert done.returncode == 2 and one_line(done.stderr) == f"planbook: {tmp_path / 'missing.txt'}: no such file"


def test_a_file_that_is_not_a_panel_is_refused(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE reports (id VARCHAR)")
    con.close()
    with pytest.raises(DamagedError, match="not a panel of this planbook"):
        update_panel([corpus], other)
    text = tmp_path / "notes.duckdb"
    text.write_text("not a database " * 100)
    with pytest.raises(DamagedError, match="notes.duckdb: cannot open the database"):
        update_panel([corpus], text)
    assert text.read_text() == "not a database " * 100
