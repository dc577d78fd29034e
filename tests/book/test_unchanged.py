"""Tests of planbook/book/unchanged.py: a rebuild that would change nothing returns at once, and only then."""

from __future__ import annotations

import os
import time

import pytest

from planbook.book import build as pb_build
from planbook.book.unchanged import RECORD
from tests.book.tiny import make_project, patch_build, run_build

pytestmark = pytest.mark.slow


@pytest.fixture
def project(tmp_path, monkeypatch):
    patch_build(monkeypatch)
    return make_project(tmp_path)


def _counting_loads(monkeypatch) -> list[int]:
    """Count the builds that read their reports (the full build's first step)."""
    calls: list[int] = []
    real = pb_build.load_reports

    def load_reports(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(pb_build, "load_reports", load_reports)
    return calls


def test_a_rebuild_of_an_unchanged_book_reads_no_report_and_says_what_the_full_rebuild_says(project, monkeypatch):
    first = run_build(project)
    full = run_build(project, force=False)  # the record is there, but reading the reports must give the same
    assert (project / "book" / "_build" / RECORD).is_file()
    loads = _counting_loads(monkeypatch)
    same = run_build(project)
    assert loads == []
    assert same.executed == [] and same.reused == first.executed == full.reused and same.html_rebuilt is False
    assert (same.reports, same.warnings, same.notes) == (full.reports, full.warnings, full.notes)
    # A report whose time stamp moved past its rows' (same bytes): its rows are still seen as current by a
    # lone chapter.
    seed, rows = project / "seeds" / "tiny-2020.txt", project / "data" / "tiny-2020" / "indicators.csv"
    now = time.time()
    os.utime(rows, (now - 100, now - 100))
    os.utime(seed, (now - 50, now - 50))
    run_build(project)
    assert loads == [] and rows.stat().st_mtime >= seed.stat().st_mtime


@pytest.mark.parametrize(
    "change",
    ["stray page", "edited data", "edited notebook", "shared data", "report", "html stamp"],
)
def test_any_change_to_what_the_build_read_or_left_runs_the_build(project, monkeypatch, change):
    run_build(project)
    book, data = project / "book", project / "data"
    rows = data / "tiny-2020" / "indicators.csv"
    good_rows = rows.read_bytes()
    notebook = book / "tiny-2020" / "overview.ipynb"
    good_notebook = notebook.read_bytes()
    if change == "stray page":
        (book / "tiny-2020" / "stray.md").write_text("# stray\n", encoding="utf-8")
    elif change == "edited data":
        rows.write_bytes(good_rows + b"\n")
    elif change == "edited notebook":
        notebook.write_bytes(good_notebook.replace(b"Overview", b"Overwritten"))
    elif change == "shared data":
        (data / "glossary.csv").write_text("zh,en\n工业,industry\n", encoding="utf-8")
    elif change == "report":
        seed = project / "seeds" / "tiny-2020.txt"
        seed.write_text(seed.read_text(encoding="utf-8") + "全区粮食产量增长3.1%。\n", encoding="utf-8")
    else:
        (book / "_build" / "html" / ".planbook-sources").write_text("another\n")
    loads = _counting_loads(monkeypatch)
    res = run_build(project)
    assert loads == [1]
    if change == "stray page":
        assert not (book / "tiny-2020" / "stray.md").exists()
    if change == "edited data":
        assert rows.read_bytes() == good_rows
    if change == "edited notebook":
        assert res.executed and notebook.read_bytes() == good_notebook
    if change == "html stamp":
        assert res.html_rebuilt
    run_build(project)
    assert loads == [1]  # and the build after it is a shortcut again
