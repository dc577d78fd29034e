"""The exit-status table of ``planbook.cli``: every command that writes, into a path it cannot write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from planbook import cli
from planbook.corpus.integrity import DamagedError
from planbook.errors import BuildError, ExecutorError, PanelError, ReportError, StoreError

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"
NOWHERE = Path("/proc/nope")  # no folder can be made in /proc, not even by root

# Every command that writes a file or a folder (``text`` and ``evaluate`` write only to stdout), each
# pointed at NOWHERE for one of its outputs.
WRITERS = {
    "extract": ("extract", SEED, "-o", NOWHERE / "rows.csv"),
    "extract json": ("extract", SEED, "--format", "json", "-o", NOWHERE / "rows.json"),
    "targets": ("targets", SEED, "-o", NOWHERE / "targets.csv"),
    "targets json": ("targets", SEED, "--format", "json", "-o", NOWHERE / "targets.json"),
    "compare": ("compare", SEED, "-o", NOWHERE / "compare.csv"),
    "panel": ("panel", SEED, "-o", NOWHERE / "panel.duckdb"),
    "panel parquet": ("panel", SEED, "-o", "{tmp}/panel.duckdb", "--parquet", NOWHERE / "parquet"),
    "build data": ("build", SEED, "--data", NOWHERE / "data", "--book", "{tmp}/book", "--quiet"),
    "build book": ("build", SEED, "--data", "{tmp}/data", "--book", NOWHERE / "book", "--quiet"),
}


def run(args: tuple, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    argv = [str(a).replace("{tmp}", str(tmp)) for a in args]
    return subprocess.run(
        [sys.executable, "-m", "planbook", *argv], capture_output=True, text=True, cwd=ROOT, env=env, timeout=300
    )


@pytest.mark.parametrize("name", WRITERS)
def test_a_command_writing_where_it_cannot_says_so_in_one_line(name: str, tmp_path: Path) -> None:
    done = run(WRITERS[name], tmp_path)
    lines = done.stderr.splitlines()
    assert done.returncode == cli.EXIT_FAILED_OUTPUT, done.stderr
    assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
    prefix = "planbook build: " if name.startswith("build") else "planbook: "
    assert lines[0].startswith(f"{prefix}{NOWHERE}"), lines[0]  # the path, first: the folder that cannot be made
    assert "No such file or directory" in lines[0]


def test_targets_and_extract_fail_alike_on_one_path(tmp_path: Path) -> None:
    extract = run(("extract", SEED, "-o", NOWHERE / "t.csv"), tmp_path)
    targets = run(("targets", SEED, "-o", NOWHERE / "t.csv"), tmp_path)
    assert (targets.returncode, targets.stderr) == (extract.returncode, extract.stderr)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (ReportError("r.txt: no such file"), cli.EXIT_BAD_INPUT),
        (DamagedError("p.duckdb: damaged"), cli.EXIT_BAD_INPUT),
        (PanelError("r.txt: a PDF file"), cli.EXIT_BAD_INPUT),
        (ExecutorError("tcp://h:1: cannot reach the Dask scheduler"), cli.EXIT_BAD_INPUT),
        (StoreError("p.duckdb: cannot write the database (disk full)"), cli.EXIT_FAILED_OUTPUT),
        (OSError(28, "No space left on device", "f.csv"), cli.EXIT_FAILED_OUTPUT),
        (BuildError("1 notebook(s) failed"), cli.EXIT_BUILD_FAILED),
        (KeyboardInterrupt(), cli.EXIT_INTERRUPTED),
        (RuntimeError("a bug"), cli.EXIT_INTERNAL),
    ],
)
def test_each_error_class_has_its_row(error: BaseException, status: int) -> None:
    assert cli.exit_status(error) == status


@pytest.mark.parametrize("error", [ExecutorError, PanelError, StoreError])
def test_errors_of_the_corpus_are_not_bad_input_by_birth(error: type[Exception]) -> None:
    assert not issubclass(error, ReportError)  # their row is chosen by the table, not inherited


def test_a_bug_prints_its_traceback_and_one_line(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    def broken(args: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "cmd_text", broken)
    assert cli.main(["text", str(SEED)]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "Traceback" in err and err.splitlines()[-1].startswith("planbook: internal error (RuntimeError: a bug)")
