"""Slow: papermill executes every chapter template on the seed fixture, on the second real report
(extracted by planbook) and on the synthetic report."""

from __future__ import annotations

import ast
import html
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.samples import REPO, SEED_ID, SEED_TEXT, SYNTH_ID, gold_rows, synthetic_report

NOTEBOOKS = REPO / "notebooks"
TEMPLATES = ("overview", "agriculture", "industry", "environment", "livelihoods", "plan", "audit")
INPUTS = ("seed", "second", "synthetic")
SECOND = REPO / "tests" / "fixtures" / "baoding-city-2022-government-work-report.txt"
WORKERS = 4
# The synthetic report has no environment rows at all: that chapter must say so rather than fail.
EMPTY = {("environment", "synthetic")}

pytestmark = pytest.mark.slow


# A kernel binds the ports jupyter_client chose for it a moment before; with several kernels starting
# at once, another connection may take one first and the kernel dies before it answers (seen in CI).
# That is a failed start, not a failed notebook: papermill does not retry it, so the test starts the
# notebook once more, as the build's kernel pool does (planbook.book.kernels.PORT_CLASH).
START_DIED = "Kernel died before replying to kernel_info"


def _execute(template: Path, output: Path, params: dict) -> str | None:
    import papermill as pm

    for attempt in (1, 2):
        try:
            pm.execute_notebook(
                str(template),
                str(output),
                parameters=params,
                kernel_name="python3",
                progress_bar=False,
                log_output=False,
            )
        except Exception as exc:  # noqa: BLE001 — reported per notebook by the tests below
            if attempt == 1 and START_DIED in str(exc):
                continue
            return f"{type(exc).__name__}: {exc}"
        return None
    raise AssertionError("unreachable")


@pytest.fixture(scope="module")
def executed(tmp_path_factory) -> dict[tuple[str, str], tuple[Path, str | None]]:
    """Every template run on both inputs (in parallel threads): {(template, input): (output, error)}."""
    base = tmp_path_factory.mktemp("notebooks")
    params = {}
    seed_dir = base / "data" / SEED_ID
    seed_dir.mkdir(parents=True)
    gold_rows().to_csv(seed_dir / "indicators.csv", index=False, lineterminator="\n")
    params["seed"] = {"report_path": str(SEED_TEXT), "report_id": SEED_ID, "data_dir": str(seed_dir)}
    from planbook.export import write_rows
    from planbook.extract import extract
    from planbook.text import load_report

    second = load_report(SECOND)
    second_dir = base / "data" / second.id
    second_dir.mkdir(parents=True)
    write_rows(extract(second), second_dir / "indicators.csv")
    params["second"] = {"report_path": str(SECOND), "report_id": second.id, "data_dir": str(second_dir)}
    text, rows = synthetic_report()
    synth_dir = base / "data" / SYNTH_ID
    synth_dir.mkdir(parents=True)
    rows.to_csv(synth_dir / "indicators.csv", index=False, lineterminator="\n")
    (base / f"{SYNTH_ID}.txt").write_text(text, encoding="utf-8")
    params["synthetic"] = {
        "report_path": str(base / f"{SYNTH_ID}.txt"),
        "report_id": SYNTH_ID,
        "data_dir": str(synth_dir),
    }
    jobs = {(t, i): (NOTEBOOKS / f"{t}.ipynb", base / f"{i}-{t}.ipynb", params[i]) for t in TEMPLATES for i in INPUTS}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        futures = {k: pool.submit(_execute, *job) for k, job in jobs.items()}
        return {k: (jobs[k][1], f.result()) for k, f in futures.items()}


def _outputs(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [o for c in nb["cells"] for o in c.get("outputs", [])]


def _has_table(outputs: list[dict]) -> bool:
    return any("<table" in "".join(o.get("data", {}).get("text/html", "")) for o in outputs)


def _has_chart(outputs: list[dict]) -> bool:
    for o in outputs:
        for mime, payload in o.get("data", {}).items():
            text = "".join(payload) if isinstance(payload, list) else json.dumps(payload)
            if "vegalite" in mime or "vegaEmbed" in text or "vega-lite" in text or "<svg" in text:
                return True
    return False


@pytest.mark.parametrize("source", INPUTS)
@pytest.mark.parametrize("template", TEMPLATES)
def test_template_executes(executed, template, source):
    output, error = executed[(template, source)]
    assert error is None, error
    outputs = _outputs(output)
    assert not [o for o in outputs if o["output_type"] == "error"]
    if (template, source) in EMPTY:
        assert _has_note(outputs)  # the chapter says its subject is absent instead of showing a table
    else:
        assert _has_table(outputs), f"{template} on {source} shows no table"
    if template != "audit":
        assert _has_chart(outputs), f"{template} on {source} shows no chart"


def _has_note(outputs: list[dict]) -> bool:
    return any("not stated in this report" in "".join(o.get("data", {}).get("text/markdown", "")) for o in outputs)


def test_absent_chapter_says_so(executed):
    output, error = executed[("environment", "synthetic")]
    assert error is None
    assert _has_note(_outputs(output))


def test_outputs_have_no_random_style_ids(executed):
    for output, error in executed.values():
        if error is None:
            assert 'id=\\"T_' not in output.read_text(encoding="utf-8")


@pytest.mark.parametrize("template", TEMPLATES)
def test_templates_are_stored_clean(template):
    nb = json.loads((NOTEBOOKS / f"{template}.ipynb").read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    cells = nb["cells"]
    assert "parameters" in cells[0]["metadata"]["tags"]
    src = "".join(cells[0]["source"])
    assert all(k in src for k in ("report_path", "report_id", "data_dir"))
    preamble = cells[1]
    assert "remove-cell" in preamble["metadata"]["tags"]
    assert "from planbook.notebook import *" in "".join(preamble["source"])
    assert sum("planbook.notebook import" in "".join(c["source"]) for c in cells) == 1
    for c in cells:
        if c["cell_type"] == "code":
            assert c["outputs"] == [] and c["execution_count"] is None
    # numbers in prose come from glue, never typed by hand: no digits in markdown outside glue roles
    for c in cells:
        if c["cell_type"] == "markdown":
            text = "".join(c["source"])
            assert not any(ch.isdigit() for ch in text.replace("100%", "")), text


def _papermill(template: str, cwd: Path, *params: str) -> subprocess.CompletedProcess[str]:
    """``papermill notebooks/<template>.ipynb out.ipynb -p …`` as a user runs it, in ``cwd``."""
    command = [str(Path(sys.executable).with_name("papermill")), str(NOTEBOOKS / f"{template}.ipynb"), "out.ipynb"]
    for pair in params:
        command += ["-p", *pair.split("=", 1)]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_a_chapter_runs_on_a_new_report_given_only_its_path(tmp_path):
    shutil.copy(SECOND, tmp_path / "Baoding 2022.txt")
    done = _papermill("overview", tmp_path, "report_path=Baoding 2022.txt")
    assert done.returncode == 0, done.stderr[-2000:]
    rows = tmp_path / "data" / "baoding-2022" / "indicators.csv"
    assert rows.is_file() and "baoding-2022," in rows.read_text(encoding="utf-8")
    outputs = _outputs(tmp_path / "out.ipynb")
    assert _has_table(outputs) and _has_chart(outputs)
    assert not [o for o in outputs if o["output_type"] == "error"]


def test_a_chapter_refuses_another_reports_rows(tmp_path):
    shutil.copy(SECOND, tmp_path / "baoding.txt")
    (tmp_path / "seed").mkdir()
    shutil.copy(REPO / "data" / SEED_ID / "indicators.csv", tmp_path / "seed" / "indicators.csv")
    done = _papermill("plan", tmp_path, "report_path=baoding.txt", "data_dir=seed")
    assert done.returncode != 0
    assert f"holds the rows of report {SEED_ID}, not of baoding" in done.stderr


# ---------------------------------------------------------------- read in plain Jupyter

_PLACEHOLDER = re.compile(r"\{glue:text\}`([^`]+)`|```\{glue:figure\}\s+(\S+)|```\{glue\}\s+(\S+)")
_RECORD = "application/papermill.record/"


def unrendered_glue(path: Path) -> list[str]:
    """The glue placeholders of a papermill-run chapter that nothing else in it shows in plain Jupyter (which
    renders neither ``{glue:…}`` roles nor ``application/papermill.record/…`` outputs)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    outputs = [o for c in nb["cells"] if c["cell_type"] == "code" for o in c.get("outputs", [])]
    visible = ["".join(v) for o in outputs for k, v in o.get("data", {}).items() if not k.startswith(_RECORD)]
    shown = {o.get("metadata", {}).get("scrapbook", {}).get("name"): o for o in outputs}
    missing = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        for text_name, figure_name, block_name in _PLACEHOLDER.findall("".join(cell["source"])):
            if text_name:
                value = ast.literal_eval("".join(shown[text_name]["data"][_RECORD + "text/plain"]))
                ok = any(f"<code>{text_name}</code></td><td>{html.escape(value)}</td>" in v for v in visible)
            else:
                data = shown.get(figure_name or block_name, {}).get("data", {})
                ok = "text/html" in data and ("<svg" in "".join(data["text/html"]) or not figure_name)
            if not ok:
                missing.append(text_name or figure_name or block_name)
    return missing


def test_a_papermill_run_chapter_shows_every_glued_figure_in_plain_jupyter(executed):
    for (template, source), (output, error) in executed.items():
        assert error is None, error
        assert unrendered_glue(output) == [], f"{template} on {source}"


def test_the_check_finds_a_figure_shown_only_through_its_placeholder(executed, tmp_path):
    output, _ = executed[("overview", "seed")]
    nb = json.loads(output.read_text(encoding="utf-8"))
    for cell in nb["cells"]:  # what a chapter gluing with display=False and no table of values would hold
        for o in cell.get("outputs", []):
            if "planbook-glued" in "".join(o.get("data", {}).get("text/html", "")):
                o["data"] = {}
    (tmp_path / "bare.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    assert "ov_n_headline" in unrendered_glue(tmp_path / "bare.ipynb")


@pytest.fixture(scope="module")
def region_chapters(tmp_path_factory) -> dict[str, Path]:
    """The region chapters run with papermill on the two 河北省 seed reports, in a folder of their own."""
    import papermill as pm

    cwd = tmp_path_factory.mktemp("region")
    reports = json.dumps([str(REPO / "seeds" / f"hebei-province-{y}.txt") for y in (2022, 2023)])
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PYTHONPATH", str(REPO))  # the kernel runs in another folder: this planbook, not another
        for name in ("targets", "series"):
            out[name] = cwd / f"{name}.ipynb"
            pm.execute_notebook(
                str(NOTEBOOKS / "region" / f"{name}.ipynb"), str(out[name]), parameters={"report_paths": reports},
                kernel_name="python3", progress_bar=False, log_output=False, cwd=str(cwd),
            )  # fmt: skip
    return out


def test_the_region_targets_chapter_counts_verdicts_by_year_and_sums_up(region_chapters):
    path = region_chapters["targets"]
    assert unrendered_glue(path) == []
    html_out = "".join("".join(o.get("data", {}).get("text/html", "")) for o in _outputs(path))
    assert "报告自评 The report&#x27;s own words" in html_out or "报告自评 The report's own words" in html_out
    assert '<div class="planbook-summary"><p lang="en">河北省, 2022: ' in html_out
    assert "Of the " in html_out and "targets set for 2022" in html_out
    assert (path.parent / "data" / "hebei-province" / "own_words.csv").is_file()


def test_the_region_series_chapter_reads_in_plain_jupyter(region_chapters):
    assert unrendered_glue(region_chapters["series"]) == []
