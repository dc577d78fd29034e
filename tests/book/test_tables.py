"""Interactive tables served from the book (planbook.book.tables) and the table of all figures."""

from __future__ import annotations

import pytest

from planbook.book.figures import GATE_PASSED, figures_table_html
from planbook.book.tables import AssetError, classic_script, exported_names, write_table_assets
from planbook.model import IndicatorRow


def test_the_module_bundle_becomes_a_classic_script_publishing_datatables():
    module = "var a=1;function D(){};var J={};export{D as default,J as jQuery,a as other};\n/*! licence */\n"
    assert exported_names(module) == {"default": "D", "jQuery": "J", "other": "a"}
    script = classic_script(module)
    assert "export" not in script.replace("licences", "")
    assert "window.planbookDataTables = {DataTable: D, jQuery: J};" in script
    assert script.rstrip().endswith("})();") and "/*! licence */" in script
    with pytest.raises(AssetError):
        classic_script("var a=1;")
    with pytest.raises(AssetError):
        classic_script("var D;export{D as default};")


def test_the_installed_itables_bundle_is_written_into_static(tmp_path):
    names = write_table_assets(tmp_path)
    assert names == [
        "datatables/datatables-bundle.js",
        "datatables/datatables-bundle.css",
        "datatables/LICENSE-itables.txt",
    ]
    script = (tmp_path / names[0]).read_text(encoding="utf-8")
    assert "window.planbookDataTables" in script and "\nexport{" not in script
    assert "MIT" in (tmp_path / names[2]).read_text(encoding="utf-8")
    before = (tmp_path / names[0]).stat().st_mtime_ns
    write_table_assets(tmp_path)  # unchanged bytes: the files are left as they are
    assert (tmp_path / names[0]).stat().st_mtime_ns == before


def _row(indicator: str, flag: str = "", start: int = 10) -> IndicatorRow:
    return IndicatorRow(
        report="r", start=start, end=start + 3, text="5.0", indicator=indicator, indicator_en="x", period="2020",
        kind="actual", measure="change_pct", value=5.0, unit="%", name_flag=flag, chapter="overview",
        sentence_start=start - 5, sentence_end=start + 10,
    )  # fmt: skip


def test_the_table_of_all_figures_keeps_flagged_names_and_says_why():
    html = figures_table_html([_row("地区生产总值"), _row("按照<b>`x`", flag="opens with a preposition", start=40)])
    assert html.count("<tr>") == 3 and 'class="planbook-table planbook-figures"' in html
    assert GATE_PASSED in html and "opens with a preposition" in html
    assert "&lt;b&gt;" in html and "`" not in html  # escaped, and no backtick can close the page's fence
    assert 'href="source.html#s-5"' in html and 'href="source.html#s-35"' in html
