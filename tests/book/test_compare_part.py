"""The part 地区比较 Regions compared: its notebook runs on reports given by path, and the part stands first
in the book only when the reports cover more than one region."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from planbook.analysis.compare_data import PART_TITLE, ComparePart, compare_part
from planbook.analysis.region_data import members_of_paths
from planbook.book import pages
from planbook.text import load_report
from tests.analysis.compare_helpers import write_hierarchy
from tests.samples import REPO

TEMPLATE = REPO / "notebooks" / "compare" / "compare.ipynb"


def _outputs(path: Path) -> list[dict]:
    nb = json.loads(path.read_text(encoding="utf-8"))
    return [o for c in nb["cells"] for o in c.get("outputs", [])]


@pytest.mark.slow
def test_the_notebook_runs_on_reports_given_by_path(tmp_path: Path) -> None:
    import papermill as pm

    write_hierarchy(tmp_path / "reports")
    out = tmp_path / "out.ipynb"
    params = {"report_paths": str(tmp_path / "reports"), "compare_dir": str(tmp_path / "data")}
    pm.execute_notebook(str(TEMPLATE), str(out), parameters=params, kernel_name="python3", progress_bar=False)
    outputs = _outputs(out)
    assert not [o for o in outputs if o["output_type"] == "error"]
    html = "".join("".join(o.get("data", {}).get("text/html", "")) for o in outputs)
    assert html.count("<table") >= 3  # the year, the hierarchy, the verdicts
    assert "8.5%—9%" in html and "8%以上" in html and "source.html#s-" in html
    from tests.book.test_notebooks import _has_chart

    assert _has_chart(outputs)
    assert (tmp_path / "data" / "gaps.csv").is_file()


def test_the_template_is_stored_clean() -> None:
    nb = json.loads(TEMPLATE.read_text(encoding="utf-8"))
    cells = nb["cells"]
    assert "parameters" in cells[0]["metadata"]["tags"]
    assert all(k in "".join(cells[0]["source"]) for k in ("compare_dir", "report_paths"))
    for c in cells:
        if c["cell_type"] == "code":
            assert c["outputs"] == [] and c["execution_count"] is None
        else:  # numbers in prose come from glue
            assert not re.search(r"\d", "".join(c["source"]))


def test_the_part_stands_first_only_for_more_than_one_region(tmp_path: Path) -> None:
    paths = write_hierarchy(tmp_path)
    members = members_of_paths([paths["province"], paths["city"]])
    reports, rows = [m.report for m in members], [m.rows for m in members]
    assert compare_part(reports[:1] * 2, rows[:1] * 2, ("compare",), set()) is None  # one region
    assert compare_part(reports, rows, (), set()) is None  # no template
    part = compare_part(reports, rows, ("compare",), {"regions-compared"})
    assert part is not None and part.id == "regions-compared-part"  # never a report's id
    toc = yaml.safe_load(pages.toc_yaml(reports, ["overview"], (), part))
    assert toc["parts"][0] == {"caption": PART_TITLE, "chapters": [{"file": "regions-compared-part/compare"}]}
    assert "regions-compared-part/compare" in pages.index_page(reports, "planbook", (), part)


def test_the_part_counts_regions_as_placed(tmp_path: Path) -> None:
    # 贵州 and 贵州省 are one region: no part.
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    from tests.analysis.targets_helpers import work_report

    review, plan = "2021年，全省生产总值增长8%。", "2022年目标：生产总值增长7%。"
    a.write_text(work_report("贵州", 2022, review, plan), encoding="utf-8")
    later = work_report("贵州省", 2023, review.replace("2021", "2022"), plan.replace("2022", "2023"))
    b.write_text(later, encoding="utf-8")
    reports = [load_report(a), load_report(b)]
    assert compare_part(reports, [None, None], ("compare",), set()) is None  # type: ignore[list-item]
    assert isinstance(ComparePart("x", ("compare",), {}), ComparePart)
