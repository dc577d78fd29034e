"""Tests of planbook/book/pages.py and markup.py: generated pages, each value escaped for its context."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from planbook.book import markup, pages
from planbook.book.notebooks import chapter_key
from planbook.model import Report


def report_of(text: str, title: str = "T", id: str = "r") -> Report:
    """A report of ``text`` with a title."""
    return Report(id=id, path=f"{id}.txt", text=text, encoding="utf-8", source_format="txt", title=title)


def test_md_escape_neutralises_markdown():
    assert markup.md_escape("a*b*_c_ {{x}} <i>") == r"a\*b\*\_c\_ \{\{x\}\} \<i\>"


def test_role_text_is_not_escaped_and_backticks_get_a_longer_fence():
    assert markup.role("download", "plan_vs_outcome.csv", "../x.csv") == "{download}`plan_vs_outcome.csv <../x.csv>`"
    assert markup.role("doc", "a `b` c", "t") == "{doc}``a `b` c <t>``"
    assert markup.role("doc", "`a`") == "{doc}`` `a` ``"
    with pytest.raises(ValueError, match="doc_link"):
        markup.role("doc", "a <b>", "t")


def test_index_links_titles_with_markdown_link_text():
    page = pages.index_page([report_of("x", title="计划(草案)_报告 <b>")], "planbook")
    assert "- [计划\\(草案\\)\\_报告 \\<b\\>](r/index.md)" in page


def test_glossary_page_without_file(tmp_path):
    assert "No glossary" in pages.glossary_page(pages.read_glossary(tmp_path / "missing.csv"))


def test_glossary_page_escapes_cells(tmp_path):
    path = tmp_path / "glossary.csv"
    path.write_text("zh,en,note\n乙,b|c,\n甲,a,*note*\n", encoding="utf-8")
    page = pages.glossary_page(pages.read_glossary(path))
    assert "| 乙 | b\\|c |  |\n| 甲 | a | \\*note\\* |" in page  # by code point


def test_chapter_order_follows_model():
    names = [p.stem for p in sorted(map(Path, ["z.ipynb", "industry.ipynb", "overview.ipynb"]), key=chapter_key)]
    assert names == ["overview", "industry", "z"]


def test_toc_has_a_part_per_report_with_its_title_as_written():
    reps = [report_of("x", title="T (草案) *a*_b_"), report_of("y", title="B", id="b")]
    toc = yaml.safe_load(pages.toc_yaml(reps, ["overview"]))
    assert [p["caption"] for p in toc["parts"]] == ["T (草案) *a*_b_", "B", "Reference"]
    assert toc["parts"][1]["chapters"][1] == {"file": "b/overview"}


def test_data_page_lists_files_with_their_rows(tmp_path):
    csv = tmp_path / "data" / "r" / "indicators.csv"
    csv.parent.mkdir(parents=True)
    csv.write_text("a,b\n1,2\n3,4\n", encoding="utf-8")
    page = pages.data_page(report_of("x"), [csv], tmp_path / "book" / "r")
    assert "- {download}`indicators.csv <../../data/r/indicators.csv>` — 2 rows\n" in page


# --- escaping, fuzzed: markdown-it (the parser MyST is built on) shows escaped text as written ------

_MARKUP_TEXT = st.text(
    alphabet=st.sampled_from(list("<>&`{}$*_[]|\\#+-.!()~^:=@%\"' \t\nab报告1")) | st.characters(), max_size=60
)


def _shown(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", rendered))


@settings(max_examples=300, deadline=None)
@given(_MARKUP_TEXT)
def test_any_text_escaped_for_markdown_shows_as_written(text):
    # Text that markdown-it would change on its own (NUL, surrogates) is outside what a report holds.
    assume("\x00" not in text and not any(0xD800 <= ord(c) <= 0xDFFF for c in text))
    md = MarkdownIt("commonmark")
    expected = markup.one_line(text)
    assert _shown(md.renderInline(markup.md_escape(text))) == expected
    link = md.renderInline(markup.doc_link(text, "r/index"))
    assert _shown(link) == expected and 'href="r/index.md"' in link


@settings(max_examples=300, deadline=None)
@given(_MARKUP_TEXT)
def test_any_text_escaped_for_html_shows_as_written_and_opens_no_role(text):
    escaped = markup.html_escape(text)
    assert not set("<>`{}") & set(escaped)
    assert html.unescape(escaped) == text


def test_the_method_page_says_what_every_measure_kind_and_qualifier_means():
    from planbook.book.docs import KIND_DOC, MEASURE_DOC, QUALIFIER_DOC
    from planbook.model import KINDS, MEASURES, QUALIFIERS

    for values, doc in ((MEASURES, MEASURE_DOC), (KINDS, KIND_DOC), (QUALIFIERS, QUALIFIER_DOC)):
        assert [v for v in values if not doc.get(v)] == []


@pytest.mark.parametrize(
    ("title", "region", "genre", "delivered", "year", "shown"),
    [
        ("政府工作报告", "某山县", "work_report", 2024, 2023, "某山县2024年政府工作报告"),
        ("2026年政府工作报告", "某南省", "work_report", 2026, 2025, "某南省2026年政府工作报告"),
        (
            "2023年某江市国民经济和社会发展统计公报",
            "某江市",
            "communique",
            2024,
            2023,
            "2023年某江市国民经济和社会发展统计公报",
        ),
        ("政府工作报告", "", "work_report", 2024, 2023, "政府工作报告"),
    ],
)
def test_a_title_that_names_no_region_or_year_is_shown_with_them(title, region, genre, delivered, year, shown):
    from planbook.book.pages import shown_title
    from planbook.model import Report

    report = Report("r", "r.txt", "", "utf-8", "txt", title=title, region=region, genre=genre,
                    delivered_year=delivered, review_year=year)  # fmt: skip
    assert shown_title(report) == shown
