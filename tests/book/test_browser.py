"""Real-browser test of the built book: Debian's chromium driven by playwright, served on 127.0.0.1.

Every chapter page is opened; the test waits until vega-embed has drawn every chart and records
that no request leaves 127.0.0.1 and that no console error or page error appears. It runs on the
tiny synthetic book of tests/book/tiny.py, and on the repository's book/_build/html when that exists.
Without /usr/bin/chromium (scripts/install-browser.sh installs it) the tests are skipped, except
under CI=true where that is a failure.
"""

from __future__ import annotations

import functools
import html as htmllib
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from planbook.book.site import REPO

CHROMIUM = Path(os.environ.get("PLANBOOK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
GENERATED = {"index", "source", "data", "method"}


def _require_browser():
    if not CHROMIUM.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing (run scripts/install-browser.sh)")
        pytest.skip(f"{CHROMIUM} is missing (run scripts/install-browser.sh)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    return sync_playwright


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def serve():
    servers = []

    def start(folder: Path) -> str:
        handler = functools.partial(_Quiet, directory=str(folder))
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}"

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


def chapter_pages(book_dir: Path) -> list[str]:
    """Chapter pages (from _toc.yml), each report's landing and source page, index, glossary, search."""
    toc = yaml.safe_load((book_dir / "_toc.yml").read_text(encoding="utf-8"))
    files = [c["file"] for part in toc.get("parts", []) for c in part.get("chapters", [])]
    chapters = [f for f in files if "/" in f and f.split("/")[-1] not in GENERATED]
    extra = [f for f in files if f.endswith(("/index", "/source"))]
    return [f"{f}.html" for f in [*chapters, *extra, "index", "glossary"]] + ["search.html?q=2020"]


def broken_source_links(html_dir: Path) -> list[str]:
    """Links ``source.html#s-<start>`` (on a report's own pages, or ``../<report>/source.html#…`` on a
    region's pages) whose anchor is not on that source page."""
    ids = {
        source.parent.name: set(re.findall(r'id="(s-\d+)"', source.read_text(encoding="utf-8")))
        for source in html_dir.glob("*/source.html")
    }
    broken = []
    for page in sorted(html_dir.glob("*/*.html")):
        text = page.read_text(encoding="utf-8")
        for folder, anchor in re.findall(r'href="(?:\.\./([\w-]+)/)?source\.html#(s-\d+)"', text):
            if anchor not in ids.get(folder or page.parent.name, set()):
                broken.append(f"{page.relative_to(html_dir)} → {folder or '.'}/{anchor}")
    return broken


def check_pages(sync_playwright, base: str, pages: list[str]) -> dict[str, int]:
    """Open each page; return charts drawn per page. Fails on outside requests and console errors."""
    host = urlsplit(base).netloc
    outside: list[str] = []
    errors: list[str] = []
    drawn: dict[str, int] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            context = browser.new_context()

            def route(r):
                if urlsplit(r.request.url).netloc == host or r.request.url.startswith(("data:", "blob:")):
                    r.continue_()
                else:
                    outside.append(r.request.url)
                    r.abort()

            context.route("**/*", route)
            page = context.new_page()
            page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
            for name in pages:
                response = page.goto(f"{base}/{name}", wait_until="load")
                assert response is not None and response.ok, name
                n = page.locator(".planbook-vega").count()
                if n:
                    # vega-embed replaces the div's static picture with an svg (or canvas) per chart and
                    # marks the div vega-embed.
                    page.wait_for_function(
                        "n => [...document.querySelectorAll('.planbook-vega')]"
                        ".filter(d => d.classList.contains('vega-embed') && d.querySelector('svg.marks, canvas.marks'))"
                        ".length === n",
                        arg=n,
                        timeout=20_000,
                    )
                page.wait_for_load_state("networkidle")
                drawn[name] = n
        finally:
            browser.close()
    assert outside == [], f"requests left 127.0.0.1: {outside}"
    assert errors == [], f"console errors: {errors}"
    return drawn


@pytest.mark.slow
def test_tiny_book_draws_every_chart_offline(tmp_path_factory, serve):
    sync_playwright = _require_browser()
    from tests.book.tiny import make_project, patch_build, run_build

    mp = pytest.MonkeyPatch()
    try:
        patch_build(mp)
        root = make_project(tmp_path_factory.mktemp("browser"))
        run_build(root)
    finally:
        mp.undo()
    base = serve(root / "book" / "_build" / "html")
    pages = chapter_pages(root / "book")
    assert "tiny-2020/overview.html" in pages
    drawn = check_pages(sync_playwright, base, pages)
    assert drawn["tiny-2020/overview.html"] == 1
    assert broken_source_links(root / "book" / "_build" / "html") == []


@pytest.mark.slow
def test_repository_book_draws_every_chart_offline(serve):
    book = REPO / "book"
    html = book / "_build" / "html"
    if not (html / "index.html").is_file() or not (book / "_toc.yml").is_file():
        pytest.skip("the repository's book is not built (python -m planbook build)")
    assert broken_source_links(html) == []
    sync_playwright = _require_browser()
    pages = chapter_pages(book)
    drawn = check_pages(sync_playwright, serve(html), pages)
    # Every region's targets and series chapters draw their chart.
    region_pages = [p for p in pages if p.endswith(("/targets.html", "/series.html"))]
    assert region_pages and all(drawn[p] >= 1 for p in region_pages), {p: drawn[p] for p in region_pages}


# ---------------------------------------------------------------- search and long tables

SEARCH_WORDS = ("生产总值", "城镇新增就业", "GDP")
_ARTICLE = re.compile(r'<article class="bd-article"[^>]*>(.*?)</article>', re.DOTALL)
_HIDDEN = re.compile(r"<(script|style)\b.*?</\1>", re.DOTALL | re.IGNORECASE)


def pages_holding(html_dir: Path, word: str) -> set[str]:
    """Pages whose text (the article, without scripts and styles, as the search index reads it) holds the word:
    a Chinese word anywhere, a Latin one as a word of its own (GDP, not GDPR)."""
    if re.fullmatch(r"[A-Za-z0-9_]+", word):
        pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(word)}(?![A-Za-z0-9_])", re.IGNORECASE)
    else:
        pattern = re.compile(re.escape(word))
    found = set()
    for page in sorted(html_dir.rglob("*.html")):
        name = page.relative_to(html_dir).as_posix()
        if name.startswith("_") or name in ("search.html", "genindex.html"):
            continue
        article = _ARTICLE.search(page.read_text(encoding="utf-8"))
        text = htmllib.unescape(re.sub(r"<[^>]+>", "", _HIDDEN.sub("", article.group(1)))) if article else ""
        if pattern.search(text):
            found.add(name)
    return found


def search_results(sync_playwright, base: str, words: tuple[str, ...]) -> dict[str, set[str]]:
    """The pages the book's search page lists for each word."""
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            for word in words:
                page.goto(f"{base}/search.html?q={word}", wait_until="load")
                page.wait_for_function(
                    "() => { const s = document.querySelector('#search-results .search-summary');"
                    " return s && /found/.test(s.textContent); }",
                    timeout=30_000,
                )
                hrefs = page.eval_on_selector_all("#search-results ul.search li a", "as => as.map(a => a.href)")
                out[word] = {urlsplit(h).path.lstrip("/") for h in hrefs}
        finally:
            browser.close()
    return out


def _long_table_filters(sync_playwright, url: str, word: str) -> tuple[int, int, int]:
    """On a page with a long table: rows shown before and after searching the table for ``word``, and rows
    shown that do not hold it."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(url, wait_until="load")
            page.wait_for_selector("div.dt-container table.planbook-table", timeout=20_000)
            table = "div.dt-container table.planbook-table tbody tr"
            before = page.locator(table).count()
            page.fill("div.dt-container .dt-search input", word)
            page.wait_for_timeout(500)
            rows = page.locator(table).all_inner_texts()
            return before, len(rows), sum(1 for r in rows if word not in r)
        finally:
            browser.close()


@pytest.mark.slow
def test_repository_book_search_finds_every_page_holding_the_word(serve):
    html = REPO / "book" / "_build" / "html"
    if not (html / "search.html").is_file():
        pytest.skip("the repository's book is not built (python -m planbook build)")
    sync_playwright = _require_browser()
    found = search_results(sync_playwright, serve(html), SEARCH_WORDS)
    for word in SEARCH_WORDS:
        holding = pages_holding(html, word)
        assert holding, f"no page of the book holds {word}"
        assert holding <= found[word], f"{word}: pages not found {sorted(holding - found[word])}"


@pytest.mark.slow
def test_repository_book_long_tables_are_searchable_in_the_page(serve):
    html = REPO / "book" / "_build" / "html"
    pages = sorted(html.glob("*/data.html"))
    if not pages:
        pytest.skip("the repository's book is not built (python -m planbook build)")
    sync_playwright = _require_browser()
    base = serve(html)
    before, after, stray = _long_table_filters(
        sync_playwright, f"{base}/{pages[0].relative_to(html).as_posix()}", "生产总值"
    )
    assert before > after > 0 and stray == 0
