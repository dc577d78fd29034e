"""planbook installs anywhere: its wheel, built offline and installed into a fresh venv, extracts a report from
any folder with the vocabulary it ships, and reads a user's edited copy of some vocabulary files instead."""

from __future__ import annotations

import csv
import io
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "seeds" / "jingzhou-district-2020.txt"
OWN_GLOSSARY = "zh,en,note\n地区生产总值,regional product (my glossary),\n"


def _env(**extra: str) -> dict[str, str]:
    """The environment of a command run as a user would: no path into the checkout, no vocabulary of ours."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PLANBOOK_VOCABULARY")}
    return {**env, **extra}


def _run(argv: list[str | Path], cwd: Path, **extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], cwd=cwd, env=_env(**extra), capture_output=True, text=True)


def _rows(out: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(out)))


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bin folder of a fresh venv with planbook's wheel installed; its dependencies are this interpreter's
    (a .pth line adds this venv's site-packages after the new venv's own, without their .pth files, so an
    editable install of the checkout stays out)."""
    tmp = tmp_path_factory.mktemp("install")
    src = tmp / "src"  # a copy: building in place would leave build/ and an egg-info in the checkout
    shutil.copytree(REPO / "planbook", src / "planbook", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", src)
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    wheel = _run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index", "-w", tmp / "wheel", src], tmp)
    assert wheel.returncode == 0, wheel.stderr
    made = _run([sys.executable, "-m", "venv", "--without-pip", tmp / "venv"], tmp)
    assert made.returncode == 0, made.stderr
    python = tmp / "venv" / "bin" / "python"
    purelib = _run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], tmp).stdout.strip()
    Path(purelib, "planbook-test-dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    (whl,) = (tmp / "wheel").glob("planbook-*.whl")
    installed = _run([*pip, "--python", python, "install", "--no-deps", "--no-index", whl], tmp)
    assert installed.returncode == 0, installed.stderr
    return tmp / "venv" / "bin"


@pytest.mark.slow
def test_the_wheel_extracts_a_report_from_another_folder(venv: Path, tmp_path: Path) -> None:
    where = _run([venv / "python", "-c", "import planbook.vocabulary as v; print(v.VOCAB_DIR)"], tmp_path)
    assert where.stdout.strip().startswith(str(venv.parent)), where  # the installed package, not the checkout
    assert Path(where.stdout.strip(), "units.csv").is_file()
    shutil.copy(SEED, tmp_path / "report.txt")
    done = _run([venv / "planbook", "extract", "report.txt", "-o", "rows.csv"], tmp_path)
    assert done.returncode == 0, done.stderr
    rows = _rows((tmp_path / "rows.csv").read_text(encoding="utf-8"))
    assert len(rows) > 100 and {r["report"] for r in rows} == {"report"}
    # the same rows as the checkout gives: the wheel reads every word list the checkout reads
    here = _run([sys.executable, "-m", "planbook", "extract", SEED, "--report-id", "report"], REPO)
    assert (tmp_path / "rows.csv").read_text(encoding="utf-8") == here.stdout


@pytest.mark.slow
def test_the_wheel_reads_an_edited_copy_of_some_vocabulary_files(venv: Path, tmp_path: Path) -> None:
    own = tmp_path / "my-words"
    own.mkdir()
    (own / "glossary.csv").write_text(OWN_GLOSSARY, encoding="utf-8")
    shipped = _rows(_run([venv / "planbook", "extract", SEED], tmp_path).stdout)
    flag = _rows(_run([venv / "planbook", "--vocabulary", "my-words", "extract", SEED], tmp_path).stdout)
    variable = _rows(_run([venv / "planbook", "extract", SEED], tmp_path, PLANBOOK_VOCABULARY=str(own)).stdout)
    for rows in (flag, variable):
        assert len(rows) == len(shipped)  # every other file is the shipped one: the same figures
        gdp = [r["indicator_en"] for r in rows if r["indicator"] == "地区生产总值"]
        assert gdp and set(gdp) == {"regional product (my glossary)"}


def test_an_edited_vocabulary_changes_what_is_read(tmp_path: Path) -> None:
    """In the checkout too: an edited units.csv without 亿元 leaves the figures in 亿元 unread."""
    own = tmp_path / "voc"
    own.mkdir()
    units = (REPO / "planbook" / "vocab" / "units.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (own / "units.csv").write_text("".join(u for u in units if not u.startswith("亿元,")), encoding="utf-8")
    plain = _rows(_run([sys.executable, "-m", "planbook", "extract", SEED], REPO).stdout)
    edited = _rows(_run([sys.executable, "-m", "planbook", "extract", SEED], REPO, PLANBOOK_VOCABULARY=str(own)).stdout)
    assert any(r["unit"] == "亿元" for r in plain)
    assert not any(r["unit"] == "亿元" for r in edited) and edited


@pytest.mark.parametrize(
    ("make", "said"),
    [
        (lambda d: None, "no such folder of vocabulary files"),
        (lambda d: (d.mkdir(), (d / "word.csv").write_text("list,word,note\n")), "word.csv: not a vocabulary file"),
        (lambda d: (d.mkdir(), (d / "words.csv").write_bytes(b"\xff\xfe\x00bad")), "words.csv: cannot read"),
    ],
)
def test_a_bad_vocabulary_folder_is_one_line_and_exit_2(tmp_path: Path, make, said: str) -> None:
    own = tmp_path / "voc"
    make(own)
    done = _run([sys.executable, "-m", "planbook", "--vocabulary", own, "extract", SEED], REPO)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and said in done.stderr and str(own) in done.stderr, done.stderr
