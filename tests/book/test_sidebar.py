"""The sidebar drawn once per folder (planbook.book.sidebar) is the theme's own sidebar of every page."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from planbook.book.publish import jupyter_book
from planbook.book.sidebar import FolderSidebar
from planbook.book.site import REPO

UNMARKED = """<ul class="nav bd-sidenav">
<li class="toctree-l1 has-children"><a class="reference internal" href="index.html">A</a><details><ul>
<li class="toctree-l2"><a class="reference internal" href="one.html">One</a></li>
</ul>
</details></li>
<li class="toctree-l1"><a class="reference internal" href="../b/x.html">X</a></li>
</ul>
"""


def test_a_page_and_the_entries_above_it_are_marked_current_and_opened():
    sidebar = FolderSidebar.of(UNMARKED)
    page = sidebar.marked("one.html")
    assert page is not None
    assert '<ul class="current nav bd-sidenav">' in page
    assert '<li class="toctree-l1 current active has-children">' in page
    assert '<details open="open">' in page and '<ul class="current">' in page
    assert '<li class="toctree-l2 current active"><a class="current reference internal" href="#">One</a>' in page
    assert '<li class="toctree-l1"><a class="reference internal" href="../b/x.html">X</a>' in page  # not on the way


def test_a_page_with_pages_under_it_opens_them_without_marking_their_list():
    page = FolderSidebar.of(UNMARKED).marked("index.html")
    assert page is not None
    assert '<a class="current reference internal" href="#">A</a><details open="open">' in page
    assert '<ul>\n<li class="toctree-l2">' in page  # its own pages are not on the way to it


def test_a_page_not_in_the_sidebar_marks_nothing_and_a_doubled_link_is_left_to_the_theme():
    sidebar = FolderSidebar.of(UNMARKED)
    assert sidebar.marked("glossary.html") == UNMARKED
    doubled = FolderSidebar.of(UNMARKED.replace("../b/x.html", "one.html"))
    assert doubled.marked("one.html") is None


def _book(folder: Path) -> Path:
    """A small book: pages at the top and in folders, a part whose chapter has sections, two parts more."""
    pages = {
        "index": "# Book",
        "glossary": "# Glossary",
        "r/targets": "# Targets",
        "a/index": "# Report A",
        "a/one": "# One\n\nText.",
        "a/two": "# Two",
        "b/index": "# Report B",
        "b/one": "# B one",
    }
    (folder / "_static").mkdir(parents=True)
    (folder / "_static" / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>", encoding="utf-8")
    for name, text in pages.items():
        (folder / f"{name}.md").parent.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.md").write_text(text + "\n", encoding="utf-8")
    toc = {
        "format": "jb-book",
        "root": "index",
        "parts": [
            {"caption": "Region", "chapters": [
                {"file": "r/targets"}, {"file": "a/index", "sections": [{"file": "a/one"}, {"file": "a/two"}]}]},
            {"caption": "B", "chapters": [{"file": "b/index"}, {"file": "b/one"}]},
            {"caption": "Reference", "chapters": [{"file": "glossary"}]},
        ],
    }  # fmt: skip
    (folder / "_toc.yml").write_text(yaml.safe_dump(toc, sort_keys=False), encoding="utf-8")
    return folder


def _pages(html: Path) -> dict[str, bytes]:
    return {p.relative_to(html).as_posix(): p.read_bytes() for p in sorted(html.rglob("*.html"))}


@pytest.mark.slow
def test_every_page_has_the_sidebar_the_theme_draws_for_it(tmp_path):
    book = _book(tmp_path / "book")
    ours = REPO / "_config.yml"
    text = ours.read_text(encoding="utf-8")
    assert "planbook.book.sidebar" in text
    theirs = tmp_path / "theirs.yml"
    theirs.write_text(text.replace("      - planbook.book.sidebar\n", ""), encoding="utf-8")
    jupyter_book(book, ours, book / "_toc.yml", tmp_path / "ours", jobs=2)
    jupyter_book(book, theirs, book / "_toc.yml", tmp_path / "theirs")
    built, expected = _pages(tmp_path / "ours" / "_build" / "html"), _pages(tmp_path / "theirs" / "_build" / "html")
    assert built.keys() == expected.keys() and len(built) >= 8
    for name in expected:
        assert built[name] == expected[name], name
    assert b'class="current reference internal" href="#">One' in built["a/one.html"]
