"""Tests for the command line (``python -m planbook``): subcommands, output formats, bad input."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
import types
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from planbook import cli
from planbook.model import COLUMNS, IndicatorRow, Report
from tests.book.tiny import build_argv
from tests.system_errors import full_disk, read_only

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "jingzhou-district-2020.txt"
GOLD = Path("/work/shared/gold/jingzhou-district-2020.csv")
HAVE_EXTRACT = importlib.util.find_spec("planbook.extract") is not None
needs_extract = pytest.mark.skipif(not HAVE_EXTRACT, reason="planbook.extract is not written yet")


def run(*args: str | Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "planbook", *map(str, args)]
    return subprocess.run(command, capture_output=True, cwd=ROOT, env=env, timeout=300)


def assert_one_line_error(result: subprocess.CompletedProcess[bytes], name: str) -> None:
    err = result.stderr.decode("utf-8")
    assert result.returncode == 2
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
    assert err.startswith("planbook: ")
    assert name in err


# --- a stand-in extractor so the CLI plumbing is tested before planbook.extract exists ----------


def _stub_extract(report: Report) -> list[IndicatorRow]:
    """One row per Arabic number, in reverse order (the writer must sort by start)."""
    rows = []
    for m in re.finditer(r"\d+(?:\.\d+)?", report.text[report.body_start : report.body_stop]):
        start, end = m.start() + report.body_start, m.end() + report.body_start
        value = float(m.group())
        rows.append(
            IndicatorRow(report.id, start, end, m.group(), "指标", "indicator", 2020, "actual", "level",
                         value, "亿元", 1e8, value * 1e8, "元")
        )  # fmt: skip
    return rows[::-1]


@pytest.fixture
def stub_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    module = types.ModuleType("planbook.extract")
    module.extract = _stub_extract  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "planbook.extract", module)


def test_help_lists_the_subcommands() -> None:
    result = run("--help")
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    for command in ("extract", "text", "evaluate"):
        assert command in out


def test_text_prints_exactly_the_report_text() -> None:
    result = run("text", SEED)
    assert result.returncode == 0
    assert result.stdout == SEED.read_bytes()


def test_text_of_gbk_file_prints_utf8(tmp_path: Path) -> None:
    path = tmp_path / "gbk.txt"
    path.write_bytes(SEED.read_bytes().decode("utf-8").encode("gbk"))
    assert run("text", path).stdout == SEED.read_bytes()


def test_stub_extract_csv_is_sorted_and_formats_numbers(
    stub_extract: None, tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    out = tmp_path / "rows.csv"
    assert cli.main(["extract", str(SEED), "-o", str(out)]) == 0
    data = out.read_bytes()
    assert b"\r\n" not in data
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert list(frame["start"].astype(int)) == sorted(frame["start"].astype(int))
    assert "341.21" in set(frame["value"])
    assert "34121000000" in set(frame["value_scaled"])
    assert not any(v.endswith(".0") for v in frame["start"])


def test_stub_extract_takes_the_report_id(stub_extract: None, tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    assert cli.main(["extract", str(SEED), "--report-id", "jingzhou-2020", "-o", str(out)]) == 0
    assert set(pd.read_csv(out, dtype=str)["report"]) == {"jingzhou-2020"}


def test_stub_extract_is_deterministic(stub_extract: None, tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    cli.main(["extract", str(SEED), "-o", str(first)])
    cli.main(["extract", str(SEED), "-o", str(second)])
    assert first.read_bytes() == second.read_bytes()


def test_stub_extract_json_is_a_sorted_list_with_chinese_kept(
    stub_extract: None, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    assert cli.main(["extract", str(SEED), "--format", "json"]) == 0
    out = capsysbinary.readouterr().out.decode("utf-8")
    rows = json.loads(out)
    assert list(rows[0]) == list(COLUMNS)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)
    assert "指标" in out


def test_stub_extract_without_numbers_warns_and_exits_zero(
    stub_extract: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "words.txt"
    path.write_text("标题：没有数字的报告\n\n今年经济运行平稳向好。\n", encoding="utf-8")
    assert cli.main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert "warning" in captured.err
    assert str(path) in captured.err


def test_extract_of_a_chinese_file_name_says_its_id_holds_a_hash(
    stub_extract: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "荆州区2020年报告.txt"
    shutil.copy(SEED, path)
    out = tmp_path / "rows.csv"
    assert cli.main(["extract", str(path), "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"planbook: note: {path}: the report id is '2020-d03e98fc'" in err and "hash" in err
    assert set(pd.read_csv(out, dtype=str)["report"]) == {"2020-d03e98fc"}


def test_extract_says_what_it_removed_and_what_could_not_be_decoded(
    stub_extract: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = SEED.read_text(encoding="utf-8")
    path = tmp_path / "damaged.txt"
    path.write_bytes((text[:3000] + "\x00" + text[3000:6000] + "\ufffd" + text[6000:]).encode("utf-8"))
    assert cli.main(["extract", str(path), "-o", str(tmp_path / "rows.csv")]) == 0
    err = capsys.readouterr().err
    assert f"planbook: warning: {path}: 1 control character(s) (U+0000 ×1) replaced by spaces: line " in err
    assert f"planbook: warning: {path}: 1 character(s) could not be decoded and show as U+FFFD" in err


@needs_extract
def test_extract_csv_via_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "rows.csv"
    result = run("extract", SEED, "-o", out)
    assert result.returncode == 0, result.stderr.decode("utf-8")
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) > 0
    text = SEED.read_bytes().decode("utf-8")
    for row in frame.head(20).itertuples():
        assert text[int(row.start) : int(row.end)] == row.text


@needs_extract
def test_extract_csv_to_stdout_is_deterministic() -> None:
    first, second = run("extract", SEED), run("extract", SEED)
    assert first.returncode == 0
    assert first.stdout == second.stdout
    assert b"\r\n" not in first.stdout


@needs_extract
def test_extract_json_via_subprocess() -> None:
    result = run("extract", SEED, "--format", "json")
    assert result.returncode == 0
    rows = json.loads(result.stdout.decode("utf-8"))
    assert rows and list(rows[0]) == list(COLUMNS)
    assert [r["start"] for r in rows] == sorted(r["start"] for r in rows)


@needs_extract
def test_extract_text_without_numbers_warns_and_exits_zero(tmp_path: Path) -> None:
    path = tmp_path / "words.txt"
    path.write_text("标题：没有数字的报告\n\n今年经济运行平稳向好，各项事业全面进步。\n", encoding="utf-8")
    result = run("extract", path)
    assert result.returncode == 0
    assert "warning" in result.stderr.decode("utf-8")
    assert str(path) in result.stderr.decode("utf-8")


@needs_extract
def test_evaluate_extracted_rows_against_gold(tmp_path: Path) -> None:
    if not GOLD.exists():
        pytest.skip(f"gold not available at {GOLD}")
    out = tmp_path / "rows.csv"
    assert run("extract", SEED, "-o", out).returncode == 0
    result = run("evaluate", GOLD, out, "--details")
    assert result.returncode == 0
    assert result.stdout.decode("utf-8").startswith("precision ")


def test_evaluate_prints_scores(tmp_path: Path) -> None:
    if not GOLD.exists():
        pytest.skip(f"gold not available at {GOLD}")
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    pred = tmp_path / "pred.csv"
    gold[gold["label"] == "indicator"].to_csv(pred, index=False)
    result = run("evaluate", GOLD, pred, "--key")
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert out.startswith("precision 1.000  recall 1.000  f1 1.000  (matched 183 / predicted 183 / gold 183)")


def test_evaluate_missing_pred_is_one_line_error(tmp_path: Path) -> None:
    missing = tmp_path / "missing.csv"
    gold = tmp_path / "gold.csv"
    gold.write_text("start,measure,value,unit\n1,level,2,亿元\n", encoding="utf-8")
    assert_one_line_error(run("evaluate", gold, missing), "missing.csv")


def _docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return path


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.txt", b""),
        ("blank.txt", b" \n\n  \n"),
        ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10"),
        ("paper.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"),
        ("noise.txt", bytes((i * 37 + 11) % 255 + 1 for i in range(4000))),
        ("utf16-without-bom.txt", "地区生产总值 GDP 2020: 341.21亿元\n".encode("utf-16-le") * 50),
        ("nul-heavy.txt", "地区生产总值完成341.21亿元。\x00\x00\n".encode() * 50),
    ],
)
@pytest.mark.parametrize("command", ["text", "extract"])
def test_bad_input_is_one_line_error(tmp_path: Path, name: str, data: bytes, command: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert_one_line_error(run(command, path), name)


def test_docx_is_one_line_error_saying_convert(tmp_path: Path) -> None:
    result = run("text", _docx(tmp_path / "report.docx"))
    assert_one_line_error(result, "report.docx")
    assert "convert to text first" in result.stderr.decode("utf-8")


def test_missing_path_is_one_line_error(tmp_path: Path) -> None:
    assert_one_line_error(run("text", tmp_path / "absent.txt"), "absent.txt")


def test_directory_is_one_line_error(tmp_path: Path) -> None:
    assert_one_line_error(run("extract", tmp_path), str(tmp_path))


# --- errors of the system: one line naming the file (or stdout) and the problem, exit status 3 -----


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def test_text_to_a_full_device_is_one_line_error() -> None:
    with open("/dev/full", "wb") as full:
        command = [sys.executable, "-m", "planbook", "text", str(SEED)]
        result = subprocess.run(command, stdout=full, stderr=subprocess.PIPE, cwd=ROOT, env=_env(), timeout=300)
    assert result.returncode == cli.EXIT_FAILED_OUTPUT
    assert result.stderr.decode("utf-8") == "planbook: stdout: No space left on device\n"


def test_text_into_a_closed_pipe_is_one_line_error() -> None:
    command = [sys.executable, "-m", "planbook", "text", str(SEED)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT, env=_env())
    proc.stdout.close()  # the reader goes away before planbook writes (as `| head` that has had enough)
    err = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=300) == cli.EXIT_FAILED_OUTPUT
    assert err == "planbook: stdout: Broken pipe\n"


def test_extract_into_a_read_only_folder_is_one_line_error(
    stub_extract: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out" / "rows.csv"
    out.parent.mkdir()
    with read_only(monkeypatch, out.parent):
        assert cli.main(["extract", str(SEED), "-o", str(out)]) == cli.EXIT_FAILED_OUTPUT
    err = capsys.readouterr().err
    assert len(err.splitlines()) == 1 and err.startswith(f"planbook: {out}: ")
    assert list(out.parent.iterdir()) == []


def test_extract_onto_a_full_disk_keeps_the_old_file(
    stub_extract: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "rows.csv"
    out.write_text("the last good rows\n", encoding="utf-8")
    full_disk(monkeypatch, tmp_path)
    assert cli.main(["extract", str(SEED), "-o", str(out)]) == cli.EXIT_FAILED_OUTPUT
    assert capsys.readouterr().err == f"planbook: {out}: No space left on device\n"
    assert out.read_text(encoding="utf-8") == "the last good rows\n" and list(tmp_path.iterdir()) == [out]


# --- planbook build (on the tiny project of tests/book/tiny.py, with its stub extractor) ---------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from tests.book.tiny import make_project, patch_build

    patch_build(monkeypatch)
    return make_project(tmp_path)


@pytest.mark.slow
def test_build_of_a_bad_report_is_one_line_error_and_writes_nothing(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = project / "seeds" / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    folders = ["--seeds", "seeds", "--notebooks", "notebooks", "--data", "data", "--book", "book"]
    argv = ["build", str(bad), *[a if a.startswith("--") else str(project / a) for a in folders], "-q"]
    assert cli.main(argv) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err.startswith("planbook build: ") and "broken.txt" in err and len(err.splitlines()) == 1
    assert not (project / "book").exists()
    assert not (project / "data" / "broken").exists()


@pytest.mark.slow
def test_build_of_two_chinese_file_names_with_one_year_gives_two_parts(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tiny = project / "seeds" / "tiny-2020.txt"
    reports = [tiny.rename(project / "seeds" / "荆州区2020年报告.txt"), project / "seeds" / "保定市2020年报告.txt"]
    shutil.copy(reports[0], reports[1])
    assert cli.main(build_argv(project)) == cli.EXIT_OK
    err = capsys.readouterr().err
    for ident in ("2020-d03e98fc", "2020-cba31915"):
        assert f"planbook build: note: {ident}: the report id is '{ident}'" in err
        assert (project / "book" / "_build" / "html" / ident / "index.html").is_file()
        assert (project / "data" / ident / "indicators.csv").is_file()


def test_build_of_two_files_on_one_id_is_one_line_naming_both(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = project / "seeds" / "a b.txt", project / "seeds" / "a-b.txt"
    for p in (a, b):
        shutil.copy(project / "seeds" / "tiny-2020.txt", p)
    assert cli.main(build_argv(project, a, b, a)) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err.strip()
    assert err == f"planbook build: {a} and {b} both get the report id 'a-b'; rename one of them"
    assert not (project / "book").exists() and not (project / "data" / "a-b").exists()


@pytest.mark.slow
def test_build_says_where_to_open(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from planbook.book import site

    monkeypatch.chdir(project)
    shutil.copy(site.REPO / "_config.yml", project / "_config.yml")
    monkeypatch.setattr(site, "REPO", project)  # the build's default root and config
    argv = ["build", "--seeds", "seeds", "--notebooks", "notebooks", "--data", "data", "--book", "book", "-q"]
    assert cli.main(argv) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "1 notebook(s) executed, 0 reused" in out
    assert "index.html" in out


def test_every_command_is_in_the_readme_and_every_option_in_the_command_line_page() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "command-line.md").read_text(encoding="utf-8")
    parser = cli.build_parser()
    commands = next(a for a in parser._actions if isinstance(a, __import__("argparse")._SubParsersAction))
    for option in (o for a in parser._actions for o in a.option_strings if o.startswith("--") and o != "--help"):
        assert f"planbook {option}" in reference, option  # an option of planbook itself, before the command
    for name, sub in commands.choices.items():
        assert f"planbook {name}" in readme and f"planbook {name}" in reference, name
        for action in sub._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in reference, f"planbook {name} {option}"
