"""A build that fails leaves data/ and the book as they were; two builds never share a data folder; what a
killed build left is removed by the next; special files among the reports are named, never dropped."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

import pytest

from planbook import cli
from planbook.book import publish
from planbook.book.errors import BuildError
from planbook.locks import file_lock
from tests.book.tiny import build_argv, make_project, patch_build, run_build


@pytest.fixture
def project(tmp_path, monkeypatch):
    patch_build(monkeypatch)
    return make_project(tmp_path)


def _everything(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under root: inode, time stamp and bytes (a rewrite with the same bytes shows too). The
    book's panel (``_build/panel``, the source of its Data page's downloads, which the published HTML holds
    copies of) is left out: a build makes it again whenever the reports changed."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file() and "_build/panel" not in p.relative_to(root).as_posix()
    }


def _folders(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def _changed_report(root: Path) -> None:
    seed = root / "seeds" / "tiny-2020.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "全区粮食产量增长3.1%。\n", encoding="utf-8")


JUPYTER_BOOK_ON_A_FULL_DISK = """\
Running Jupyter-Book v1.0.4
Traceback (most recent call last):
  File "sphinx/builders/html/__init__.py", line 1234, in copy_static_files
OSError: [Errno 28] No space left on device: '{path}'
"""


@pytest.mark.slow
def test_a_full_disk_in_jupyter_book_is_exit_3_naming_the_path_and_changes_nothing(
    project, monkeypatch, capsys
) -> None:
    run_build(project)
    before = _everything(project / "data"), _everything(project / "book"), _folders(project)
    _changed_report(project)  # the data and the notebook change: both must come back as they were
    full = project / "book" / "_build" / ".stage-1" / "_build" / "html" / "_static" / "pygments.css"
    real = subprocess.run

    def jupyter_book_fails(cmd, *args, **kwargs):
        if "planbook.book.jbrun" in map(str, cmd):  # jupyter-book, run through planbook's wrapper
            return subprocess.CompletedProcess(cmd, 1, "", JUPYTER_BOOK_ON_A_FULL_DISK.format(path=full))
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(publish.subprocess, "run", jupyter_book_fails)
    status = cli.main(build_argv(project))
    err = capsys.readouterr().err.strip()
    assert status == cli.EXIT_SYSTEM_ERROR and len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert err.startswith(f"planbook build: {full}: No space left on device;")
    assert (_everything(project / "data"), _everything(project / "book"), _folders(project)) == before


@pytest.mark.slow
def test_an_interrupted_build_puts_the_data_back(project, monkeypatch) -> None:
    from planbook.book import build as pb_build

    run_build(project)
    before = _everything(project / "data"), _everything(project / "book")
    _changed_report(project)

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(pb_build, "install_notebooks", interrupted)  # after data/ and the pages were written
    with pytest.raises(KeyboardInterrupt):
        run_build(project)
    assert (_everything(project / "data"), _everything(project / "book")) == before


@pytest.mark.slow
def test_a_failing_notebook_keeps_what_succeeded(project) -> None:
    from tests.book.tiny import write_template

    write_template(project / "notebooks" / "industry.ipynb", title="Industry")
    run_build(project)
    _changed_report(project)
    write_template(project / "notebooks" / "industry.ipynb", title="Industry", extra_code="raise ValueError('x')")
    with pytest.raises(BuildError, match="1 notebook"):
        run_build(project)
    # The data and the notebook that ran are kept (the next build reuses them), as before the journal.
    assert "3.1" in (project / "data" / "tiny-2020" / "indicators.csv").read_text(encoding="utf-8")
    assert "3.1" in (project / "book" / "tiny-2020" / "overview.ipynb").read_text(encoding="utf-8")


def test_a_build_on_a_data_folder_in_use_is_an_error_naming_it(project) -> None:
    data = project / "data"
    with file_lock(data / publish.LOCK_NAME, wait=False), pytest.raises(BuildError) as err:
        run_build(project)
    assert str(err.value).startswith(f"another build is using the data folder {data} (its lock ")
    assert sorted(p.name for p in data.iterdir()) == ["glossary.csv"]  # nothing written


def test_a_build_on_a_book_in_use_is_an_error(project) -> None:
    build_dir = project / "book" / "_build"
    build_dir.mkdir(parents=True)
    with file_lock(build_dir / publish.LOCK_NAME, wait=False), pytest.raises(BuildError, match="another build"):
        run_build(project)


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


@pytest.mark.slow
def test_leftovers_of_a_killed_build_are_removed_by_the_next(project) -> None:
    run_build(project)
    dead = _dead_pid()
    leftovers = [
        project / "data" / f".planbook-undo-{dead}" / "0",
        project / "book" / f".planbook-undo-{dead}" / "3",
        project / "data" / "tiny-2020" / f".indicators.csv.{dead}.1401.tmp",
        project / "book" / "tiny-2020" / f".overview.ipynb.{dead}.77.tmp",
    ]
    for p in leftovers:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("left by a killed build")
    alive = project / "data" / "tiny-2020" / f".indicators.csv.{os.getpid()}.1.tmp"  # a live process's
    alive.write_text("being written")
    run_build(project)
    assert [p for p in leftovers if p.exists()] == [] and not (project / "data" / f".planbook-undo-{dead}").exists()
    assert alive.exists()


@pytest.mark.slow
def test_special_files_among_the_reports_are_named_in_warnings(project, capsys) -> None:
    seeds = project / "seeds"
    os.mkfifo(seeds / "pipe.txt")
    (seeds / "gone.txt").symlink_to(seeds / "nowhere.txt")
    (seeds / "loop.txt").symlink_to("loop.txt")
    status = cli.main(build_argv(project))
    err = capsys.readouterr().err
    assert status == cli.EXIT_OK, err
    for name, problem in (
        ("pipe.txt", "a named pipe, not a report file"),
        ("gone.txt", "a link to a missing file"),
        ("loop.txt", "a loop of symbolic links"),
    ):
        assert f"planbook build: warning: {seeds / name}: {problem}" in err


def test_jupyter_books_system_errors_are_read_from_its_output(tmp_path: Path) -> None:
    found = publish.system_refusal("x\nOSError: [Errno 28] No space left on device: '/b/_static/x.css'\n", tmp_path)
    assert isinstance(found, OSError) and found.errno == errno.ENOSPC and found.filename == "/b/_static/x.css"
    found = publish.system_refusal("PermissionError: [Errno 13] Permission denied\n", tmp_path)
    assert found is not None and found.filename == str(tmp_path)
    assert publish.system_refusal("WARNING: undefined label: 'x'\nsphinx failed", tmp_path) is None


@pytest.mark.slow
def test_data_changed_while_the_notebooks_ran_is_never_installed_nor_reused(project) -> None:
    from tests.book.tiny import write_template

    run_build(project)
    nb = project / "book" / "tiny-2020" / "overview.ipynb"
    before = nb.read_bytes()
    _changed_report(project)
    # Another program (another build, a chapter run on its own) writes the data while the notebook runs.
    write_template(
        project / "notebooks" / "overview.ipynb",
        extra_code=f"open({str(project / 'data' / 'tiny-2020' / 'indicators.csv')!r}, 'a').write('x\\n')",
    )
    with pytest.raises(BuildError, match=r"tiny-2020/indicators.csv changed while the notebooks ran"):
        run_build(project)
    assert nb.read_bytes() == before  # not installed: a rebuild cannot reuse what read other figures
