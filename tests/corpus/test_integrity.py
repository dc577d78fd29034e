"""The panel database kept whole: one run at a time (a lock taken before anything is made), databases
planbook did not write completely refused before anything is added, Parquet copies that change with
the database, and what killed runs left removed by the next run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

import planbook.corpus.store as store
from planbook.corpus.integrity import DamagedError
from planbook.corpus.panel import update_panel
from planbook.corpus.schema import MARK, TABLES
from tests.corpus.helpers import ROOT, copy_corpus, tables

# A run that holds the lock of its (new) database, once its rows are in, until the test lets it go: another
# run started meanwhile must wait for it, then add its own reports to what it wrote.
SLOW_RUN = """
import os, sys, time
from planbook.corpus.store import Store
from planbook.cli import main
put = Store.put_reports
def put_then_wait(self, results):
    put(self, results)
    open(sys.argv[1] + ".started", "w").close()  # says: the rows are in, the lock is held
    deadline = time.monotonic() + 120
    while not os.path.exists(sys.argv[1] + ".release") and time.monotonic() < deadline:
        time.sleep(0.05)
Store.put_reports = put_then_wait
sys.exit(main(sys.argv[2:]))
"""


def _env() -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k != "PLANBOOK_SCHEDULER"}, "PYTHONPATH": str(ROOT)}


def _wait_for(check, seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while not check() and time.monotonic() < deadline:
        time.sleep(0.05)
    return bool(check())


def test_two_runs_creating_one_database_at_once_keep_both_runs_reports(tmp_path: Path) -> None:
    first = copy_corpus(tmp_path / "a", (2021,), others=False)
    second = copy_corpus(tmp_path / "b", (2022,), others=False)
    db, signal = tmp_path / "panel.duckdb", tmp_path / "signal"
    command = [sys.executable, "-m", "planbook", "panel"]
    slow = subprocess.Popen([sys.executable, "-c", SLOW_RUN, str(signal), "panel", str(first), "-o", str(db)],
                            cwd=ROOT, env=_env(), stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert _wait_for(lambda: Path(f"{signal}.started").exists() or slow.poll() is not None)
        assert slow.poll() is None, slow.stderr.read()
        other = subprocess.Popen([*command, str(second), "-o", str(db)], cwd=ROOT, env=_env(),
                                 stderr=subprocess.PIPE, text=True)  # fmt: skip
        said: list[str] = []
        reader = threading.Thread(target=lambda: said.extend(other.stderr), daemon=True)
        reader.start()
        # The second run says it waits for the lock (it has not made a file of its own meanwhile) …
        assert _wait_for(lambda: any("waiting" in line for line in said) or other.poll() is not None)
        assert said[0] == f"planbook: waiting for {tmp_path / '.panel.duckdb.lock'}: another run is writing {db}\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == [".panel.duckdb.lock", f".panel.duckdb.tmp-{slow.pid}",
                                                              "a", "b", "signal.started"]  # fmt: skip
    finally:
        Path(f"{signal}.release").touch()  # … until the first run ends
    assert slow.wait(timeout=300) == 0 and other.wait(timeout=300) == 0, said
    reader.join(10)
    assert [r[0] for r in tables(db)["reports"]] == ["hebei-province-2021", "hebei-province-2022"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "panel.duckdb", "signal.release", "signal.started"]


def test_leftovers_of_a_killed_first_run_are_removed_by_the_next(tmp_path: Path) -> None:
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    (tmp_path / ".panel.duckdb.tmp-999999").write_bytes(b"half a database")
    (tmp_path / ".panel.duckdb.tmp-999999.wal").write_bytes(b"x" * 4096)
    update_panel([corpus], tmp_path / "panel.duckdb")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "panel.duckdb"]


@pytest.fixture
def panel(tmp_path: Path) -> tuple[Path, Path]:
    """A panel of one report, and a folder with a second report beside it."""
    corpus = copy_corpus(tmp_path / "in", (2021,), others=False)
    db = tmp_path / "panel.duckdb"
    update_panel([corpus], db)
    copy_corpus(tmp_path / "in", (2022,), others=False)
    return corpus, db


def _used_block(db: Path) -> int:
    """The file offset of a block that holds the indicators' rows."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        blocks = con.execute(
            "SELECT DISTINCT block_id FROM pragma_storage_info('indicators') WHERE block_id >= 0 ORDER BY 1"
        ).fetchall()
        size = con.execute("SELECT block_size FROM pragma_database_size()").fetchone()[0]
    finally:
        con.close()
    return 3 * 4096 + blocks[0][0] * size + 1024  # after the three header pages


def test_junk_written_into_the_database_is_refused_before_anything_is_added(panel) -> None:
    corpus, db = panel
    with open(db, "r+b") as f:
        f.seek(_used_block(db))
        f.write(b"junk" * 256)
    damaged = db.read_bytes()
    with pytest.raises(DamagedError) as err:
        update_panel([corpus], db)
    message = str(err.value)
    assert message.startswith(f"{db}: damaged, or not as planbook wrote it (the table indicators cannot be read: ")
    assert "checksum" in message and "\n" not in message
    assert db.read_bytes() == damaged  # nothing added, nothing rewritten
    done = subprocess.run(
        [sys.executable, "-m", "planbook", "panel", str(corpus), "-o", str(db)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 2 and done.stderr.count("\n") == 1 and "damaged" in done.stderr


def test_a_database_without_the_mark_or_with_other_rows_is_refused(panel, tmp_path: Path) -> None:
    corpus, db = panel
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    con = duckdb.connect(str(db))
    con.execute("DELETE FROM indicators WHERE start < 1000")  # another program changed the rows
    con.close()
    with pytest.raises(DamagedError, match=r"the table indicators holds \d+ rows where its mark says \d+"):
        update_panel([corpus], db)
    con = duckdb.connect(str(copy))
    con.execute(f"DELETE FROM {MARK.name}")  # a run that never got to its commit
    con.close()
    with pytest.raises(DamagedError, match="no mark of a complete planbook panel"):
        update_panel([corpus], copy)


def test_a_run_killed_between_the_commit_and_the_parquet_renames_is_finished_by_the_next(
    panel, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = panel
    folder = db.parent / "pq"
    update_panel([corpus / "hebei-province-2021.txt"], db, parquet=folder)
    real = os.replace

    def killed_after_one(src, dst):
        if str(dst).endswith(".parquet") and not killed_after_one.done:
            killed_after_one.done = True
            real(src, dst)
            raise KeyboardInterrupt  # the process stops here: one file renamed, the others not
        return real(src, dst)

    killed_after_one.done = False
    monkeypatch.setattr(store.os, "replace", killed_after_one)
    with pytest.raises(KeyboardInterrupt):
        update_panel([corpus], db, parquet=folder)
    monkeypatch.undo()
    # The database has both reports; the Parquet set is half old, half under temporary names.
    assert len(tables(db)["reports"]) == 2
    assert any(p.name.startswith(".") for p in folder.iterdir())
    run = update_panel([corpus], db)  # a run without --parquet: it finishes the committed set
    assert run.read == []
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t.name}.parquet" for t in TABLES)
    for t in TABLES:
        rows = duckdb.sql(f"SELECT count(*) FROM '{folder / f'{t.name}.parquet'}'").fetchall()[0][0]
        assert rows == len(tables(db)[t.name]), t.name
