"""A tiny project for the build tests: one small report, a chapter template, a stub extractor.

The extractor is replaced by a small regex stub, so the build tests exercise the build (papermill,
caching, jupyter-book, atomic publication) and the generated pages whatever state the real
extractor is in.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat

from planbook.book import build as pb_build
from planbook.book.build import BuildOptions
from planbook.model import IndicatorRow, Report

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


TEMPLATE_CODE = """\
import altair as alt
import pandas as pd
from planbook.present import vega

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
        nbformat.v4.new_markdown_cell(f"# {title}\n\nA tiny chapter." + (f"\n\n{extra_md}" if extra_md else "")),
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
    """seeds/, notebooks/ and an empty data/ under root (the glossary is the vocabulary's); returns root."""
    (root / "seeds").mkdir(parents=True, exist_ok=True)
    (root / "seeds" / "tiny-2020.txt").write_text(TINY_REPORT, encoding="utf-8")
    write_template(root / "notebooks" / "overview.ipynb")
    (root / "data").mkdir(exist_ok=True)
    return root


def patch_build(monkeypatch) -> None:
    """Stub extractor; constant source hash (other people edit planbook/ while tests run)."""
    monkeypatch.setattr(pb_build, "extract_rows", stub_extract)
    monkeypatch.setattr(pb_build, "source_hash", lambda *a, **k: "fixed")


def run_build(root: Path, **kw) -> pb_build.BuildResult:
    """Build the tiny project (no progress bar)."""
    return pb_build.build(options=BuildOptions(root=root, progress=False, **kw))


def build_argv(root: Path, *reports: Path) -> list[str]:
    """``planbook build`` arguments for the tiny project at ``root`` (its folders, no progress bar)."""
    folders = ["--seeds", "seeds", "--notebooks", "notebooks", "--data", "data", "--book", "book"]
    return ["build", *map(str, reports), *[a if a.startswith("--") else str(root / a) for a in folders], "-q"]
