"""Tests of planbook/book/build.py (and the pages it writes) on a tiny project in a temporary folder."""

from __future__ import annotations

import html
import os
import re
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path

import nbformat
import pytest

from planbook import cli
from planbook.book import kernels
from planbook.book.publish import external_references
from planbook.errors import BuildError
from planbook.export import rows_to_csv
from planbook.model import ReportError
from planbook.text import load_report, sanitize_id
from tests.book.tiny import build_argv, make_project, patch_build, run_build, stub_extract, write_template
from tests.system_errors import full_disk, read_only

# ---------------------------------------------------------------------------------------------
# One built book shared by the read-only tests


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The tiny project built once: (root, BuildResult)."""
    mp = pytest.MonkeyPatch()
    try:
        patch_build(mp)
        root = make_project(tmp_path_factory.mktemp("book"))
        yield root, run_build(root)
    finally:
        mp.undo()


def _html(root: Path) -> Path:
    return root / "book" / "_build" / "html"


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_ino, p.read_bytes())
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.mark.slow
def test_build_publishes_every_page(built):
    root, res = built
    html = _html(root)
    assert res.reports == ["tiny-2020"]
    assert res.executed == ["book/tiny-2020/overview.ipynb"] and res.reused == []
    for page in (
        "index",
        "glossary",
        "tiny-2020/index",
        "tiny-2020/overview",
        "tiny-2020/source",
        "tiny-2020/data",
        "tiny-2020/method",
    ):
        assert (html / f"{page}.html").is_file(), page
    assert (root / "data" / "tiny-2020" / "indicators.csv").is_file()
    assert not list((root / "book" / "_build").glob(".stage-*"))


@pytest.mark.slow
def test_built_html_references_no_other_host(built):
    root, _ = built
    assert external_references(_html(root), links=True) == []
    text = "\n".join(p.read_text(encoding="utf-8") for p in _html(root).rglob("*.html"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)


@pytest.mark.slow
def test_vega_bundle_is_loaded_once_on_chart_pages(built):
    root, _ = built
    page = (_html(root) / "tiny-2020" / "overview.html").read_text(encoding="utf-8")
    assert page.count("vega/vega-bundle.js") == 1
    assert 'class="planbook-vega"' in page and "altair-viz-" not in page
    # The bundle is loaded in <head>, before the chart's script in the body.
    assert page.index("vega/vega-bundle.js") < page.index('class="planbook-vega"')


@pytest.mark.slow
def test_script_in_report_is_shown_as_text(built):
    root, _ = built
    page = (_html(root) / "tiny-2020" / "source.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page
    assert "{{花括号}}" in page.replace("&#123;", "{").replace("&#125;", "}")


@pytest.mark.slow
def test_every_row_sentence_has_an_anchor_and_numbers_are_marked(built):
    root, _ = built
    page = (_html(root) / "tiny-2020" / "source.html").read_text(encoding="utf-8")
    report = load_report(root / "seeds" / "tiny-2020.txt")
    rows = stub_extract(report)
    assert rows
    for r in rows:
        assert f'id="s-{r.sentence_start}"' in page
    assert page.count('<mark class="pb-num') == len({(r.start, r.end) for r in rows})
    assert 'title="地区生产总值 (GDP) · level · 341.21 亿元 · 2020 · actual"' in page


@pytest.mark.slow
def test_data_page_offers_the_csv(built):
    root, _ = built
    page = (_html(root) / "tiny-2020" / "data.html").read_text(encoding="utf-8")
    links = re.findall(r'href="([^"]*indicators\.csv)"', page)
    assert links
    target = (_html(root) / "tiny-2020" / links[0]).resolve()
    assert target.read_bytes() == (root / "data" / "tiny-2020" / "indicators.csv").read_bytes()


@pytest.mark.slow
def test_landing_page_shows_metadata_and_headlines(built):
    root, _ = built
    page = (_html(root) / "tiny-2020" / "index.html").read_text(encoding="utf-8")
    for text in ("测试区", "2020", "测试区人民政府", "2021-02-23", "341.21 亿元", "−4.5%", "source.html#s-"):
        assert text in page


@pytest.mark.slow
def test_glossary_page_lists_terms(built):
    root, _ = built
    assert "gross regional product" in (_html(root) / "glossary.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# Builds that change things (each in its own folder)


@pytest.fixture
def project(tmp_path, monkeypatch):
    patch_build(monkeypatch)
    return make_project(tmp_path)


@pytest.mark.slow
def test_rebuild_reuses_notebooks_and_html(project):
    first = run_build(project)
    before = _snapshot(_html(project))
    second = run_build(project)
    assert first.executed and second.executed == []
    assert second.reused == first.executed
    assert second.html_rebuilt is False
    assert _snapshot(_html(project)) == before


def _everything(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file under root: inode, time stamp and bytes (a rewrite with the same bytes shows too)."""
    return {
        p.relative_to(root).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _one_line(err: str, status: int, expected: int) -> str:
    assert status == expected and len(err.strip().splitlines()) == 1 and "Traceback" not in err, err
    return err.strip()


@pytest.mark.slow
def test_noop_rebuild_writes_nothing_even_into_a_read_only_data_folder(project, monkeypatch):
    run_build(project)
    before = _everything(project)
    with read_only(monkeypatch, project / "data") as refused:
        res = run_build(project)
    assert res.executed == [] and res.html_rebuilt is False and refused == []
    assert _everything(project) == before


@pytest.mark.slow
def test_read_only_data_folder_is_one_line_error_and_keeps_book_and_data(project, monkeypatch, capsys):
    run_build(project)
    before = _everything(project / "data"), _snapshot(_html(project))
    seed = project / "seeds" / "tiny-2020.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "全区粮食产量增长3.1%。\n", encoding="utf-8")
    with read_only(monkeypatch, project / "data"):
        status = cli.main(build_argv(project))
    err = _one_line(capsys.readouterr().err, status, cli.EXIT_FAILED_OUTPUT)
    assert err.startswith(f"planbook build: {project / 'data' / 'tiny-2020'}/")
    assert "the published book was not changed" in err
    assert (_everything(project / "data"), _snapshot(_html(project))) == before


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["data", "book"])
def test_full_disk_is_one_line_error_and_leaves_nothing_half_written(project, monkeypatch, capsys, folder):
    run_build(project)
    data_before, html_before = _everything(project / "data"), _snapshot(_html(project))
    seed = project / "seeds" / "tiny-2020.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "全区粮食产量增长3.1%。\n", encoding="utf-8")
    refused = full_disk(monkeypatch, project / folder)
    status = cli.main(build_argv(project))
    err = _one_line(capsys.readouterr().err, status, cli.EXIT_FAILED_OUTPUT)
    assert refused and err.startswith(f"planbook build: {project / folder}/") and "No space left on device" in err
    assert _snapshot(_html(project)) == html_before
    assert not [p for p in project.rglob("*.tmp")]
    assert _everything(project / "data") == data_before  # a full book folder puts the data written before back


@pytest.mark.slow
def test_build_with_stdout_on_a_full_device_is_one_line_error(project, monkeypatch, capsys):
    run_build(project)
    with open("/dev/full", "w", encoding="utf-8") as full:
        monkeypatch.setattr(sys, "stdout", full)
        status = cli.main(build_argv(project))
    err = capsys.readouterr().err  # the report's warnings, then what went wrong
    assert status == cli.EXIT_FAILED_OUTPUT and "Traceback" not in err
    assert [line for line in err.splitlines() if "warning" not in line] == ["planbook: stdout: No space left on device"]


@pytest.mark.slow
def test_control_characters_and_undecodable_bytes_are_reported_on_the_landing_page(project, capsys):
    seed = project / "seeds" / "tiny-2020.txt"
    text = seed.read_text(encoding="utf-8").replace("不应执行", "不应\x00执行").replace("照原样", "照\ufffd原样")
    seed.write_bytes(text.encode("utf-8"))
    assert cli.main(build_argv(project)) == cli.EXIT_OK
    err = capsys.readouterr().err
    landing = html.unescape((_html(project) / "tiny-2020" / "index.html").read_text(encoding="utf-8"))
    for warning in ("1 control character(s) (U+0000 ×1) replaced by spaces: line", "show as U+FFFD"):
        assert warning in err and warning in landing
    assert "\x00" not in (project / "book" / "tiny-2020" / "source.md").read_text(encoding="utf-8")


def _kernels_of_this_process() -> list[int]:
    """Pids of the ipykernel processes this process started that are still running."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == os.getpid() and fields[0] != "Z" and b"ipykernel" in cmdline:
            pids.append(int(stat.parent.name))
    return pids


@pytest.mark.slow
def test_terminated_build_stops_its_kernels_and_removes_their_connection_files(project, capsys):
    run_build(project)
    before = _snapshot(_html(project))
    write_template(project / "notebooks" / "overview.ipynb", extra_code="import time; time.sleep(120)")
    runtimes = f"{kernels.RUNTIME_PREFIX}{os.getpid()}-*"

    def terminate_once_a_kernel_runs() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(Path(tempfile.gettempdir()).glob(f"{runtimes}/kernel-*.json")):
            time.sleep(0.2)
        time.sleep(3)  # the notebook is running by now
        os.kill(os.getpid(), signal.SIGTERM)

    killer = threading.Thread(target=terminate_once_a_kernel_runs, daemon=True)
    started = time.monotonic()
    killer.start()
    status = cli.main(build_argv(project))
    killer.join()
    assert status == cli.EXIT_INTERRUPTED and "interrupted" in capsys.readouterr().err
    assert time.monotonic() - started < 90  # the sleeping notebook was stopped, not waited for
    assert not list(Path(tempfile.gettempdir()).glob(runtimes))  # connection files gone
    assert _kernels_of_this_process() == []
    assert _snapshot(_html(project)) == before


@pytest.mark.slow
def test_changed_template_reexecutes_only_its_notebook(project):
    write_template(project / "notebooks" / "industry.ipynb", title="Industry")
    run_build(project)
    write_template(project / "notebooks" / "industry.ipynb", title="Industry and more")
    res = run_build(project)
    assert res.executed == ["book/tiny-2020/industry.ipynb"]
    assert res.reused == ["book/tiny-2020/overview.ipynb"]
    assert "Industry and more" in (_html(project) / "tiny-2020" / "industry.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_builds_are_deterministic(project):
    run_build(project)
    nb = project / "book" / "tiny-2020" / "overview.ipynb"
    csv = project / "data" / "tiny-2020" / "indicators.csv"
    first = (nb.read_bytes(), csv.read_bytes())
    run_build(project, force=True)
    assert (nb.read_bytes(), csv.read_bytes()) == first
    doc = nbformat.reads(first[0].decode("utf-8"), as_version=4)
    assert "start_time" not in str(doc.metadata) and "duration" not in str(doc.metadata)
    for cell in doc.cells:
        assert "execution" not in cell.metadata
        assert not {"start_time", "end_time", "duration"} & set(cell.metadata.get("papermill", {}))
    assert doc.metadata.papermill.output_path == "book/tiny-2020/overview.ipynb"
    # Paths are relative to the notebook's own folder, where nbval re-runs it.
    assert doc.metadata.papermill.parameters == {
        "report_path": "../../seeds/tiny-2020.txt",
        "report_id": "tiny-2020",
        "data_dir": "../../data/tiny-2020",
    }


@pytest.mark.slow
def test_warm_kernel_gives_the_notebooks_a_fresh_kernel_gives(project, monkeypatch):
    # Two chapters with the same chart run one after the other in one warm kernel (jobs=1); without
    # the reset between them the second would get another chart id and other execution counts.
    write_template(project / "notebooks" / "industry.ipynb", title="Industry")
    run_build(project, jobs=1)
    folder = project / "book" / "tiny-2020"
    warm = {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))}
    from planbook.book import runs

    fresh_kernel = runs.execute_notebook
    monkeypatch.setattr(runs, "execute_notebook", lambda task, root, pool=None: fresh_kernel(task, root))
    run_build(project, jobs=1, force=True)
    assert {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))} == warm
    assert len(warm) == 2


@pytest.mark.slow
def test_failing_notebook_leaves_published_book_untouched(project):
    run_build(project)
    before = _snapshot(_html(project))
    nb_before = (project / "book" / "tiny-2020" / "overview.ipynb").read_bytes()
    write_template(project / "notebooks" / "overview.ipynb", extra_code="raise ValueError('boom')")
    with pytest.raises(BuildError, match="overview.ipynb failed for tiny-2020.*ValueError: boom"):
        run_build(project)
    assert _snapshot(_html(project)) == before
    assert (project / "book" / "tiny-2020" / "overview.ipynb").read_bytes() == nb_before
    assert not list((project / "book" / "_build").glob(".stage-*"))


@pytest.mark.slow
def test_sphinx_warning_fails_build_and_leaves_book_untouched(project):
    run_build(project)
    before = _snapshot(_html(project))
    write_template(project / "notebooks" / "overview.ipynb", extra_md="See {doc}`no-such-page`.")
    with pytest.raises(BuildError, match="jupyter-book failed"):
        run_build(project)
    assert _snapshot(_html(project)) == before
    assert not list((project / "book" / "_build").glob(".stage-*"))


@pytest.mark.slow
def test_killed_build_leftovers_are_cleaned_and_book_kept(project):
    run_build(project)
    before = _snapshot(_html(project))
    stale = project / "book" / "_build" / ".stage-99999" / "_build" / "html"
    stale.mkdir(parents=True)
    (stale / "index.html").write_text("half")
    (project / "notebooks" / "overview.ipynb").touch()
    res = run_build(project)
    assert not (project / "book" / "_build" / ".stage-99999").exists()
    assert res.html_rebuilt is False and _snapshot(_html(project)) == before


@pytest.mark.slow
def test_no_reports_is_an_error(tmp_path, monkeypatch):
    patch_build(monkeypatch)
    (tmp_path / "seeds").mkdir()
    with pytest.raises(ReportError, match="no reports"):
        run_build(tmp_path)


@pytest.mark.slow
def test_method_page_scores_against_gold(project):
    gold = project / "gold"
    gold.mkdir()
    report = load_report(project / "seeds" / "tiny-2020.txt")
    (gold / "tiny-2020.csv").write_text(rows_to_csv(stub_extract(report)), encoding="utf-8")
    run_build(project, gold_dirs=[gold])
    page = (_html(project) / "tiny-2020" / "method.html").read_text(encoding="utf-8")
    assert "tiny-2020.csv" in page and "1.000" in page


# A title with every character that markdown, MyST roles, YAML or HTML would read as markup.
ODD_TITLE = r"测试区2020年<计划>&amp;`代码`{花括号}{{替换}}$1$ *星* _下_ [方](括)|竖|\斜 报告(草案)"


def _texts(page: str, pattern: str) -> list[str]:
    """The text (tags removed, entities decoded) of every match of ``pattern``'s first group."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m)).strip() for m in re.findall(pattern, page, re.S)]


# A file name with the same characters (an id cannot hold them: it gets a hash of the name).
ODD_NAME = r"测试<计划>&`代码`{x}$1$ *星* _下_ [方]|竖|\斜 2020.html"


def _odd_page(text: str) -> str:
    """The tiny report as a government web page: the title (escaped) in <title> and <h1>, a <p> per line."""
    title, *lines = [line for line in text.splitlines() if line.strip()]
    ps = "".join(f"<p>{html.escape(line)}</p>\n" for line in lines)
    head = f"<head><meta charset='utf-8'><title>{html.escape(ODD_TITLE)}</title></head>"
    return f"<html>{head}<body><div class='article'><h1>{html.escape(ODD_TITLE)}</h1>\n{ps}</div></body></html>"


@pytest.mark.slow
@pytest.mark.parametrize("form", ["txt", "html"])
def test_titles_render_exactly_as_written(project, form):
    seed = project / "seeds" / "tiny-2020.txt"
    text = seed.read_text(encoding="utf-8").replace(load_report(seed).title, ODD_TITLE)
    if form == "html":  # a saved web page under an odd file name, its title escaped as pages do (&lt;计划&gt;)
        seed.unlink()
        seed = project / "seeds" / ODD_NAME
        seed.write_text(_odd_page(text), encoding="utf-8")
    else:
        seed.write_text(text, encoding="utf-8")
    assert load_report(seed).title == ODD_TITLE
    ident = sanitize_id(seed.stem)
    res = run_build(project)  # -W: a title read as markup would be a warning, and fail the build
    assert res.reports == [ident]
    root_page = (_html(project) / "index.html").read_text(encoding="utf-8")
    landing = (_html(project) / ident / "index.html").read_text(encoding="utf-8")
    source = (_html(project) / ident / "source.html").read_text(encoding="utf-8")
    data = (_html(project) / ident / "data.html").read_text(encoding="utf-8")
    assert _texts(root_page, rf'<a class="reference internal" href="{ident}/index.html">(.*?)</a>')[0] == ODD_TITLE
    assert _texts(root_page, r'<span class="caption-text">(.*?)</span>')[0] == ODD_TITLE
    assert _texts(landing, rf'<span id="{ident}-index"></span><h1>(.*?)<a class="headerlink"')[0] == ODD_TITLE
    assert _texts(landing, r"<title>(.*?) &#8212;")[0] == ODD_TITLE
    assert _texts(landing, r'<div id="jb-print-docs-body" class="onlyprint">\s*<h1>(.*?)</h1>')[0] == ODD_TITLE
    assert _texts(landing, r"<td><p>Source file</p></td>\s*<td><p>(.*?)</p></td>")[0] == seed.name
    assert _texts(source, r"The whole report <em>(.*?)</em>")[0] == ODD_TITLE
    assert _texts(source, r"</em> as published \((.*?), utf-8\)")[0] == seed.name
    assert _texts(source, r'<p class="pb-para pb-outside">(.*?)</p>')[0] == ODD_TITLE
    assert "indicators.csv" in _texts(data, r'<a class="reference download internal"[^>]*>(.*?)</a>')
    for page in (root_page, landing, source, data):
        shown = html.unescape(re.sub(r"<[^>]+>", "", page)).replace("\\斜", "")
        assert not re.search(r"\\[(\[_.]", shown)
