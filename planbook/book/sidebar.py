"""Sphinx extension (listed in ``_config.yml``): the book's sidebar drawn once per folder, not once per page.

The theme (pydata-sphinx-theme under sphinx-book-theme) draws the sidebar of every page from the
whole table of contents: Sphinx copies and resolves the book's table for the page, renders it and
the theme parses the result again to add its classes. That is work in proportion to the whole
book for each page — half of jupyter-book's time for a book of 23 reports, and it grows with the
square of the number of reports.

The sidebars of two pages differ only in links and marks: links are relative to the page's folder,
and the page's own entry, with the entries above it, is marked current (and opened). So the theme
draws the sidebar once per folder, for a page name no page has (nothing marked), and each page's
sidebar is that text with its own marks put in — the same text the theme draws for it, which
``tests/book/test_sidebar.py`` checks on a built book.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from pydata_sphinx_theme import toctree

# A page name that no page of the book has: the sidebar drawn for it marks nothing.
UNMARKED = "\x00planbook-sidebar"
_TAG = re.compile(r"<(/?)(li|ul|details|a)\b([^>]*)>")
_HREF = re.compile(r'\bhref="([^"]*)"')


@dataclass
class _Element:
    """An element of the sidebar: its name, where its start tag is, the element it is in, its <details>."""

    name: str
    start: int
    end: int
    parent: int
    details: int = -1  # (li) index of the <details> just inside it, -1 when none


@dataclass
class FolderSidebar:
    """The sidebar drawn for a folder, and where each link stands in it."""

    html: str
    elements: list[_Element] = field(default_factory=list)
    links: dict[str, list[int]] = field(default_factory=dict)  # href → indexes of its <a> elements

    @classmethod
    def of(cls, html: str) -> FolderSidebar:
        """Index the start tags of a sidebar's li, ul, details and a elements."""
        sidebar = cls(html)
        stack: list[int] = []
        for m in _TAG.finditer(html):
            closing, name = m.group(1), m.group(2)
            if closing:
                if name != "a":
                    stack.pop()
                continue
            parent = stack[-1] if stack else -1
            index = len(sidebar.elements)
            sidebar.elements.append(_Element(name, m.start(), m.end(), parent))
            if name == "a":
                href = _HREF.search(m.group(3))
                sidebar.links.setdefault(href.group(1) if href else "", []).append(index)
                continue
            if name == "details" and parent >= 0 and sidebar.elements[parent].name == "li":
                sidebar.elements[parent].details = index
            stack.append(index)
        return sidebar

    def marked(self, href: str) -> str | None:
        """The sidebar of the page the link ``href`` leads to; None when no link or several lead there."""
        found = self.links.get(href, [])
        if len(found) != 1:
            return None if found else self.html
        link = self.elements[found[0]]
        edits = {found[0]: _current_link(self.tag(link))}
        i = link.parent
        while i >= 0:
            element = self.elements[i]
            if element.name == "li":
                edits[i] = _current_item(self.tag(element))
                if element.details >= 0:
                    edits[element.details] = self.tag(self.elements[element.details]).replace(
                        "<details", '<details open="open"', 1
                    )
            elif element.name == "ul":
                edits[i] = _current_list(self.tag(element))
            i = element.parent
        out, last = [], 0
        for index in sorted(edits, key=lambda k: self.elements[k].start):
            element = self.elements[index]
            out += [self.html[last : element.start], edits[index]]
            last = element.end
        out.append(self.html[last:])
        return "".join(out)

    def tag(self, element: _Element) -> str:
        return self.html[element.start : element.end]


def _current_link(tag: str) -> str:
    """The page's own link: marked current, pointing at the page itself (Sphinx writes ``#``)."""
    tag = tag.replace('class="', 'class="current ', 1)
    return _HREF.sub('href="#"', tag, count=1)


def _current_item(tag: str) -> str:
    """An entry on the way to the page: Sphinx's ``current`` and the theme's ``active`` after its level."""
    return re.sub(r'class="(toctree-l\d+)', r'class="\1 current active', tag, count=1)


def _current_list(tag: str) -> str:
    """A list on the way to the page: Sphinx's ``current`` first among its classes."""
    if 'class="' in tag:
        return tag.replace('class="', 'class="current ', 1)
    return tag.replace("<ul", '<ul class="current"', 1)


def _page_href(app: Any, pagename: str, folder_page: str) -> str:
    """The link to ``pagename`` as the sidebar of a page in ``folder_page``'s folder writes it."""
    return app.builder.get_relative_uri(folder_page, pagename)


def _wrap_toctree_functions(add_toctree_functions: Any) -> Any:
    """The theme's page set-up, with its sidebar drawn from the folder's sidebar."""
    drawn: dict[tuple, FolderSidebar] = {}

    def add(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
        add_toctree_functions(app, pagename, templatename, context, doctree)
        theirs = context["generate_toctree_html"]

        def generate_toctree_html(kind: str, startdepth: int = 1, show_nav_level: int = 1, **kwargs: Any) -> Any:
            if kind != "sidebar" or startdepth != 0 or kwargs.get("collapse", True):
                return theirs(kind, startdepth, show_nav_level, **kwargs)
            folder_page = posixpath.join(posixpath.dirname(pagename), UNMARKED)
            key = (folder_page, show_nav_level, tuple(sorted(kwargs.items())))
            if key not in drawn:
                drawn[key] = FolderSidebar.of(_unmarked(app, folder_page, templatename, doctree, context, key))
            html = drawn[key].marked(_page_href(app, pagename, folder_page))
            return theirs(kind, startdepth, show_nav_level, **kwargs) if html is None else Markup(html)

        context["generate_toctree_html"] = generate_toctree_html

    def _unmarked(app: Any, folder_page: str, templatename: str, doctree: Any, context: dict, key: tuple) -> str:
        _, show_nav_level, items = key
        unmarked: dict[str, Any] = {
            "toctree": lambda **kw: app.builder._get_local_toctree(folder_page, **kw),
            "theme_external_links": context.get("theme_external_links", []),
        }
        add_toctree_functions(app, folder_page, templatename, unmarked, doctree)
        return str(unmarked["generate_toctree_html"]("sidebar", 0, show_nav_level, **dict(items)))

    return add


def _install(app: Any) -> None:
    """Put the folder-wise sidebar in place of the theme's own page set-up (when the theme is the one known)."""
    listeners = app.events.listeners.get("html-page-context", [])
    theirs = next((x for x in listeners if x.handler is toctree.add_toctree_functions), None)
    if theirs is None:
        return
    app.disconnect(theirs.id)
    # Before the theme's other set-up of the page, which draws the sidebar to see whether it is empty.
    app.connect("html-page-context", _wrap_toctree_functions(theirs.handler), priority=theirs.priority - 1)


def setup(app: Any) -> dict[str, Any]:
    """Install the sidebar once every extension is set up."""
    app.connect("builder-inited", _install)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
