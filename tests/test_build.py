"""Tests of planbook/build.py and planbook/pages.py on a tiny synthetic project in a temporary folder.

The extractor is replaced by a small regex stub, so these tests exercise the build (papermill,
caching, jupyter-book, atomic publication) and the generated pages whatever state the real
extractor is in. test_browser.py reuses the helpers below.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import nbformat
import pytest

from planbook import build as pb_build
from planbook import pages
from planbook.model import IndicatorRow, Report, ReportError

TINY_REPORT = """\
测试区2020年国民经济和社会发展计划执行情况的报告

信息来源: 测试区人民政府 | 发布时间: 2021-02-23 10:38

一、2020年国民经济和社会发展计划执行情况

2020年,全区地区生产总值完成341.21亿元,同比下降4.5%。固定资产投资完成205.7亿元,同比增长7.2%。

网页上的代码<script>alert(1)</script>不应执行,`反引号`与{{花括号}}和$符号照原样显示。

二、2021年工作安排

预期目标:地区生产总值增长10%左右。
"""

_NUM = re.compile(r"(\d+(?:\.\d+)?)(亿元|%)")
_NAMES = ("地区生产总值", "固定资产投资")


def stub_extract(report: Report) -> list[IndicatorRow]:
    """Rows for every number followed by 亿元 or % (a stand-in for planbook.extract)."""
    text = report.text
    rows = []
    for m in _NUM.finditer(text):
        s0 = max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
        e0 = text.find("。", m.end())
        e0 = len(text) if e0 < 0 else e0 + 1
        sentence = text[s0:e0]
        name = next((n for n in _NAMES if n in sentence), "其他")
        pct = m.group(2) == "%"
        value = float(m.group(1))
        if pct and "下降" in text[s0 : m.start()]:
            value = -value
        rows.append(
            IndicatorRow(
                report=report.id,
                start=m.start(1),
                end=m.end(1),
                text=m.group(1),
                indicator=name,
                indicator_en="GDP" if name == "地区生产总值" else "investment",
                period=2021 if "预期" in sentence else 2020,
                kind="target" if "预期" in sentence else "actual",
                measure="change_pct" if pct else "level",
                value=value,
                unit=m.group(2),
                chapter="overview",
                sentence_start=s0,
                sentence_end=e0,
                sentence=sentence,
            )
        )
    return rows


def stub_csv(rows) -> str:
    """CSV text without planbook.export (same columns)."""
    import csv
    import io

    from planbook.model import COLUMNS

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for r in rows:
        d = r.as_dict()
        w.writerow(["" if d[c] is None else d[c] for c in COLUMNS])
    return buf.getvalue()


TEMPLATE_CODE = """\
import altair as alt
import pandas as pd
from planbook import vega

vega.enable()
df = pd.read_csv(f"{data_dir}/indicators.csv")
print(len(df), "rows")"""

CHART_CODE = """\
alt.Chart(df).mark_bar().encode(
    x=alt.X("value:Q", title="value"),
    y=alt.Y("text:N", title="number"),
    tooltip=["sentence"],
).properties(title="Numbers of " + report_id)"""


def write_template(path: Path, title: str = "Overview", extra_code: str = "", extra_md: str = "") -> None:
    """A chapter template: parameters cell, heading, data loading, a chart, optional extra cells."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    cells = [
        nbformat.v4.new_code_cell(
            'report_path = "seeds/x.txt"\nreport_id = "x"\ndata_dir = "data/x"',
            metadata={"tags": ["parameters"]},
        ),
        nbformat.v4.new_markdown_cell(
            f"# {title}\n\nA tiny chapter." + (f"\n\n{extra_md}" if extra_md else "")
        ),
        nbformat.v4.new_code_cell(TEMPLATE_CODE),
        nbformat.v4.new_code_cell(CHART_CODE),
    ]
    if extra_code:
        cells.append(nbformat.v4.new_code_cell(extra_code))
    for i, c in enumerate(cells):
        c["id"] = f"cell-{i}"
    nb.cells = cells
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))


def make_project(root: Path) -> Path:
    """seeds/, notebooks/, data/glossary.csv under root; returns root."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / "tiny-2020.txt").write_text(TINY_REPORT, encoding="utf-8")
    write_template(root / "notebooks" / "overview.ipynb")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "glossary.csv").write_text(
        "zh,en\n地区生产总值,gross regional product\n", encoding="utf-8"
    )
    return root


def patch_build(monkeypatch) -> None:
    """Stub extractor; constant source hash (other people edit planbook/ while tests run)."""
    monkeypatch.setattr(pb_build, "extract_rows", stub_extract)
    monkeypatch.setattr(pb_build, "source_hash", lambda *a, **k: "fixed")
    try:
        from planbook.export import write_rows  # noqa: F401
    except ImportError:
        monkeypatch.setattr(pb_build, "rows_csv", stub_csv)


def run_build(root: Path, **kw) -> pb_build.BuildResult:
    """Build the tiny project (no progress bar)."""
    return pb_build.build(root=root, progress=False, **kw)


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
    assert pb_build.external_references(_html(root), links=True) == []
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
    report = pb_build.load(root / "seeds" / "tiny-2020.txt")
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
    fresh_kernel = pb_build.execute_notebook
    monkeypatch.setattr(pb_build, "execute_notebook", lambda task, root, pool=None: fresh_kernel(task, root))
    run_build(project, jobs=1, force=True)
    assert {p.name: p.read_bytes() for p in sorted(folder.glob("*.ipynb"))} == warm
    assert len(warm) == 2


@pytest.mark.slow
def test_failing_notebook_leaves_published_book_untouched(project):
    run_build(project)
    before = _snapshot(_html(project))
    nb_before = (project / "book" / "tiny-2020" / "overview.ipynb").read_bytes()
    write_template(project / "notebooks" / "overview.ipynb", extra_code="raise ValueError('boom')")
    with pytest.raises(pb_build.BuildError, match="overview.ipynb failed for tiny-2020.*ValueError: boom"):
        run_build(project)
    assert _snapshot(_html(project)) == before
    assert (project / "book" / "tiny-2020" / "overview.ipynb").read_bytes() == nb_before
    assert not list((project / "book" / "_build").glob(".stage-*"))


@pytest.mark.slow
def test_sphinx_warning_fails_build_and_leaves_book_untouched(project):
    run_build(project)
    before = _snapshot(_html(project))
    write_template(project / "notebooks" / "overview.ipynb", extra_md="See {doc}`no-such-page`.")
    with pytest.raises(pb_build.BuildError, match="jupyter-book failed"):
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


def test_publish_swaps_folders(tmp_path):
    old, new = tmp_path / "html", tmp_path / "new"
    old.mkdir()
    (old / "a").write_text("old")
    new.mkdir()
    (new / "a").write_text("new")
    pb_build.publish(new, old)
    assert (old / "a").read_text() == "new" and not new.exists()
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    pb_build.publish(fresh, tmp_path / "other" / "html")
    assert (tmp_path / "other" / "html").is_dir()


@pytest.mark.slow
def test_bad_report_is_one_line_error_and_writes_nothing(project, capsys):
    bad = project / "seeds" / "broken.txt"
    bad.write_bytes(b"\x00\x01\x02\x03" * 100)
    args = _parse(
        [
            str(bad),
            "--seeds",
            str(project / "seeds"),
            "--notebooks",
            str(project / "notebooks"),
            "--data",
            str(project / "data"),
            "--book",
            str(project / "book"),
            "-q",
        ]
    )
    assert pb_build.run(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("planbook build: ") and "broken.txt" in err and len(err.splitlines()) == 1
    assert not (project / "book").exists()
    assert not (project / "data" / "broken").exists()


@pytest.mark.slow
def test_no_reports_is_an_error(tmp_path, monkeypatch):
    patch_build(monkeypatch)
    (tmp_path / "seeds").mkdir()
    with pytest.raises(ReportError, match="no reports"):
        run_build(tmp_path)


def _parse(argv):
    import argparse

    parser = argparse.ArgumentParser()
    pb_build.add_arguments(parser)
    return parser.parse_args(argv)


@pytest.mark.slow
def test_cli_builds_and_says_where_to_open(project, capsys, monkeypatch):
    monkeypatch.chdir(project)
    args = _parse(["--seeds", "seeds", "--notebooks", "notebooks", "--data", "data", "--book", "book", "-q"])
    shutil.copy(pb_build.REPO / "_config.yml", project / "_config.yml")
    monkeypatch.setattr(pb_build, "REPO", project)  # the CLI's root and default config
    assert pb_build.run(args) == 0
    out = capsys.readouterr().out
    assert "1 notebook(s) executed, 0 reused" in out
    assert "index.html" in out


# ---------------------------------------------------------------------------------------------
# Pages (pure functions)


def _report(text: str) -> Report:
    return Report(id="r", path="r.txt", text=text, encoding="utf-8", source_format="txt", title="T")


def _row(text: str, number: str, sentence: tuple[int, int], **kw) -> IndicatorRow:
    s = text.index(number)
    fields = dict(
        report="r",
        start=s,
        end=s + len(number),
        text=number,
        indicator="产值",
        indicator_en="output",
        period=2020,
        kind="actual",
        measure="level",
        value=float(number),
        unit="亿元",
        sentence_start=sentence[0],
        sentence_end=sentence[1],
        sentence=text[slice(*sentence)],
    )
    fields.update(kw)
    return IndicatorRow(**fields)


def test_source_html_escapes_markup_and_marks_numbers():
    text = "产值<b>12</b>亿元。第二句5亿元。"
    rows = [_row(text, "12", (0, 15)), _row(text, "5", (15, 21))]
    out = pages.source_html(_report(text), rows)
    assert "&lt;b&gt;" in out and "<b>" not in out
    assert '<span class="pb-sentence" id="s-0">' in out and 'id="s-15"' in out
    assert out.count("<mark") == 2


def test_source_html_anchors_row_sentences_missing_from_segmentation():
    text = "甲乙丙。产值12亿元。"
    rows = [_row(text, "12", (4, 11))]
    from planbook.model import Sentence

    out = pages.source_html(_report(text), rows, sentences=[Sentence(0, 11, 0)])
    assert 'id="s-4"' in out and 'id="s-0"' in out


def test_overlapping_numbers_share_one_mark():
    text = "产值12亿元。"
    rows = [_row(text, "12", (0, 7)), _row(text, "12", (0, 7), measure="rank")]
    out = pages.source_html(_report(text), rows)
    assert out.count("<mark") == 1 and "level" in out and "rank" in out


def test_md_escape_neutralises_markdown():
    assert pages.md_escape("a*b*_c_ {{x}} <i>") == r"a\*b\*\_c\_ \{\{x\}\} \<i\>"


def test_glossary_page_without_file(tmp_path):
    assert "No glossary" in pages.glossary_page(pages.read_glossary(tmp_path / "missing.csv"))


def test_chapter_order_follows_model():
    names = [
        p.stem
        for p in sorted(map(Path, ["z.ipynb", "industry.ipynb", "overview.ipynb"]), key=pb_build.chapter_key)
    ]
    assert names == ["overview", "industry", "z"]


def test_toc_has_a_part_per_report():
    import yaml

    reps = [
        _report("x"),
        Report(id="b", path="b.txt", text="y", encoding="utf-8", source_format="txt", title="B"),
    ]
    toc = yaml.safe_load(pb_build.toc_yaml(reps, ["overview"]))
    assert [p["caption"] for p in toc["parts"]] == ["T", "B", "Reference"]
    assert toc["parts"][1]["chapters"][1] == {"file": "b/overview"}




@pytest.mark.slow
def test_method_page_scores_against_gold(project):
    gold = project / "gold"
    gold.mkdir()
    report = pb_build.load(project / "seeds" / "tiny-2020.txt")
    (gold / "tiny-2020.csv").write_text(pb_build.rows_csv(stub_extract(report)), encoding="utf-8")
    run_build(project, gold_dirs=[gold])
    page = (_html(project) / "tiny-2020" / "method.html").read_text(encoding="utf-8")
    assert "tiny-2020.csv" in page and "1.000" in page


def test_source_html_keeps_every_character_of_the_report():
    import html

    report = _report(TINY_REPORT)
    out = pages.source_html(report, stub_extract(report))
    shown = html.unescape(re.sub(r"<[^>]+>", "", out.replace("<br>", "\n")))
    assert re.sub(r"\s", "", shown) == re.sub(r"\s", "", TINY_REPORT)
