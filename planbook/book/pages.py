"""The book's generated pages besides the chapters, rendered from the Jinja2 templates in ``templates/``.

Landing page, source text, data, method, glossary, book index and ``_toc.yml``. Every function is
pure: it returns the page's text and writes nothing. Report text reaches a page only through the
escaping of its context (``planbook.book.markup``).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import jinja2
import yaml

from planbook import evaluate
from planbook.analysis.compare_data import PART_TITLE, ComparePart
from planbook.analysis.headline import HeadlineCard, headline_cards, headline_table
from planbook.analysis.region_data import RegionPart
from planbook.analysis.verdict import rule_markdown
from planbook.book.docs import COLUMN_DOC, KIND_DOC, MEASURE_DOC, QUALIFIER_DOC
from planbook.book.figures import figures_table_html
from planbook.book.markup import doc_link, html_escape, md_cell, md_escape, one_line, role
from planbook.book.source import source_html
from planbook.model import (
    COLUMNS,
    KINDS,
    MEASURES,
    QUALIFIERS,
    IndicatorRow,
    Report,
    Segmented,
    rows_frame,
    source_link,
)
from planbook.numbers import fmt_change, fmt_number
from planbook.text.profile import GENRE_LABELS
from planbook.vocabulary import read_rows

TEMPLATES = Path(__file__).resolve().parent / "templates"
REPORT_PAGES = ("index", "source", "data", "method")  # generated for every report besides the chapters
BOOK_DATA_PAGE = "data"  # the book's own data page (the panel of all its reports), beside the glossary


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,  # markdown pages: each value is escaped for its context by a filter
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters.update(md=md_escape, cell=md_cell, h=html_escape)
    env.globals.update(role=role, doc_link=doc_link)
    return env


def render(template: str, **values: object) -> str:
    """A template of ``templates/`` filled with ``values``."""
    return _environment().get_template(template).render(**values)


@dataclass(frozen=True)
class Card:
    """A headline card as shown: label, value, change and where it links."""

    label: str
    value: str
    change: str
    change_class: str
    href: str
    title: str
    note: str = ""  # scope or basis note shown under the figure (含某新区)


def _card(card: HeadlineCard) -> Card:
    if card.value_is_change:
        value, change_text = fmt_change(card.value, card.unit), ""
    else:
        value = f"{fmt_number(card.value)} {card.unit}".strip()
        change_text = fmt_change(card.change, card.change_unit) if card.change is not None else ""
    shown = change_text or (value if card.value_is_change else "")
    return Card(
        label=card.label,
        value=value,
        change=change_text,
        change_class="pb-down" if shown.startswith("−") else "pb-up",
        href=source_link(card.sentence_start),
        title=one_line(card.sentence),
        note=card.note,
    )


_YEAR_IN_TITLE = re.compile(r"(?:19|20)\d\d年|[〇零一二三四五六七八九]{4}年")


def shown_title(report: Report) -> str:
    """The report's title as a reader tells it from the others: as written when it names its region and year;
    else with them before it (政府工作报告 of 海拉尔区 delivered in 2015 → 海拉尔区2015年政府工作报告)."""
    title = report.title or report.id
    if not report.region:
        return title
    year = report.delivered_year if report.genre == "work_report" else report.review_year
    has_year = _YEAR_IN_TITLE.search(title) is not None
    if report.region[:2] in title and (has_year or year is None):
        return title
    return f"{report.region}{title}" if has_year or year is None else f"{report.region}{year}年{title}"


def landing_page(report: Report, rows: Sequence[IndicatorRow], chapters: Sequence[str]) -> str:
    """MyST page ``<id>/index.md``: what the report is, headline figures, how to read the book."""
    meta = [
        ("Region", f"{report.region} ({report.level})" if report.region and report.level else report.region),
        ("Genre", GENRE_LABELS.get(report.genre, report.genre)),
        ("Year under review", _years(report.review_year, report.review_span)),
        ("Plan year", _years(report.plan_year, report.plan_span)),
        ("Delivered", "" if report.delivered_year is None else str(report.delivered_year)),
        ("Published by", report.publisher),
        ("Published", report.published),
        ("Source file", Path(report.path).name),
        ("Numbers read", str(len(rows))),
    ]
    if report.title and shown_title(report) != report.title:
        meta.insert(0, ("Title as written", report.title))
    cards = [_card(c) for c in headline_cards(headline_table(rows_frame(rows), report.review_year))]
    html = render("cards.html.j2", cards=cards).strip() if cards else ""
    extra = [p for p in REPORT_PAGES if p != "index"]
    return render(
        "landing.md.j2",
        report=report,
        title=shown_title(report),
        meta=meta,
        warnings=report.warnings,
        cards=html,
        chapters=chapters,
        extra_pages=extra,
    )


def _years(year: int | None, span: str) -> str:
    """A year and, when the report also speaks of one, its five-year span: 2020 (and 2016-2020)."""
    text = "" if year is None else str(year)
    return f"{text} (and {span})" if text and span else text or span


def source_page(report: Report, rows: Sequence[IndicatorRow], segmented: Segmented | None = None) -> str:
    """MyST page ``source.md``: the report text with highlighted numbers and sentence anchors."""
    return render(
        "source.md.j2",
        report=report,
        file_name=Path(report.path).name,
        n_numbers=len({(r.start, r.end) for r in rows}),
        source_html=source_html(report, rows, segmented),
    )


@dataclass(frozen=True)
class DataFile:
    """A file on the data page: its name, its link from the page, its number of rows (CSV only)."""

    name: str
    link: str
    rows: int | None


def _count_rows(path: Path) -> int | None:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return max(sum(1 for _ in csv.reader(f)) - 1, 0)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def _data_files(paths: Sequence[Path], page_dir: Path, rows: dict[str, int] | None = None) -> list[DataFile]:
    """Files as a page in ``page_dir`` links them, with their rows (counted for a CSV, else from ``rows``)."""
    return [
        DataFile(
            name=p.name,
            link=Path(os.path.relpath(p, page_dir)).as_posix(),
            rows=_count_rows(p) if p.suffix.lower() == ".csv" else (rows or {}).get(p.stem),
        )
        for p in paths
    ]


def data_page(report: Report, data_files: Sequence[Path], page_dir: Path, rows: Sequence[IndicatorRow] = ()) -> str:
    """MyST page ``data.md``: every data file of the report as a download, the table of all its figures
    (sortable and filterable in the browser), and the columns."""
    columns = [(c, COLUMN_DOC.get(c, "")) for c in COLUMNS]
    return render(
        "data.md.j2",
        report=report,
        files=_data_files(data_files, page_dir),
        columns=columns,
        figures=figures_table_html(rows),
        n_rows=len(rows),
        n_flagged=sum(1 for r in rows if r.name_flag),
        book_data=f"/{BOOK_DATA_PAGE}",
    )


def book_data_page(panel_files: Sequence[Path], counts: dict[str, int], n_reports: int, page_dir: Path,
                   pages: Sequence[tuple[str, str]]) -> str:  # fmt: skip
    """MyST page ``data.md`` of the book: the panel of all its reports (DuckDB and Parquet) as downloads,
    and links to each report's and region's pages with their own CSVs (``pages``: label, page)."""
    files = _data_files(panel_files, page_dir, counts)
    database = files[0].name if files else ""
    return render("book_data.md.j2", files=files, n_reports=n_reports, database=database, pages=pages)


def gold_scores(rows: Sequence[IndicatorRow], gold_path: Path | None):
    """Score the rows against a gold table with ``planbook.evaluate`` (None without gold)."""
    if gold_path is None or not gold_path.is_file():
        return None

    return evaluate.evaluate(evaluate.read_table(gold_path), rows_frame(list(rows)))


def method_page(report: Report, rows: Sequence[IndicatorRow], scores=None, gold_name: str = "") -> str:
    """MyST page ``method.md``: how numbers are read, the vocabularies, the gold score."""
    vocabularies = [
        ("Measures", "measure", [(m, MEASURE_DOC.get(m, "")) for m in MEASURES]),
        ("Kinds", "kind", [(k, KIND_DOC.get(k, "")) for k in KINDS]),
        ("Qualifiers", "qualifier", [(q, QUALIFIER_DOC.get(q, "")) for q in QUALIFIERS]),
    ]
    per = getattr(scores, "per_measure", None)
    return render(
        "method.md.j2",
        report=report,
        vocabularies=vocabularies,
        scores=scores,
        gold_name=gold_name,
        n_rows=len(rows),
        per_measure=list(per.itertuples()) if per is not None and len(per) else [],
        verdict_rule=_verdict_rule(),
    )


@lru_cache(maxsize=1)
def _verdict_rule() -> str:

    return rule_markdown()


def read_glossary(path: Path) -> list[dict[str, str]]:
    """Rows of ``data/glossary.csv`` (zh, en[, note]); empty when the file is missing or unreadable."""
    try:
        rows = read_rows(path)
    except ValueError:
        return []
    return [{k: (v or "").strip() for k, v in row.items() if k} for row in rows if (row.get("zh") or "").strip()]


def glossary_page(entries: Sequence[dict[str, str]]) -> str:
    """MyST page ``glossary.md``: Chinese terms and their English names."""
    rows = [
        {"zh": e["zh"], "en": e.get("en", ""), "note": e.get("note", "")}
        for e in sorted(entries, key=lambda e: e["zh"])
    ]
    return render("glossary.md.j2", entries=rows)


@dataclass(frozen=True)
class _Listed:
    """A report as the book's index lists it."""

    id: str
    title: str
    about: str


@dataclass(frozen=True)
class _ListedRegion:
    """A region's part as the book's index lists it: its pages and its reports."""

    id: str
    caption: str
    pages: tuple[tuple[str, str], ...]  # (chapter, its link text)
    reports: tuple[_Listed, ...]


# Link texts of the region chapters on the index page (a chapter not named here is linked by its name).
REGION_CHAPTER_TITLES = {"targets": "目标与实绩 Targets and outcomes", "series": "历年 Over the years"}
COMPARE_CHAPTER_TITLES = {"compare": PART_TITLE}


def _listed(r: Report) -> _Listed:
    bits = [b for b in (r.region, str(r.review_year) if r.review_year else "", r.publisher) if b]
    return _Listed(r.id, shown_title(r), ", ".join(bits))


def index_page(
    reports: Sequence[Report],
    title: str = "planbook",
    parts: Sequence[RegionPart] = (),
    compared: ComparePart | None = None,
) -> str:
    """MyST root page of the book: what the book is, the regions compared, the regions whose reports sit
    side by side, and every report."""
    regions = [
        _ListedRegion(
            p.id,
            p.caption,
            tuple((c, REGION_CHAPTER_TITLES.get(c, c)) for c in p.chapters),
            tuple(_listed(m.report) for m in p.members),
        )
        for p in parts
    ]
    in_regions = {m.report.id for p in parts for m in p.members}
    alone = [_listed(r) for r in reports if r.id not in in_regions]
    compare_pages = (
        [(f"{compared.id}/{c}", COMPARE_CHAPTER_TITLES.get(c, c)) for c in compared.chapters] if compared else []
    )
    return render("index.md.j2", title=title, compared=compare_pages, regions=regions, reports=alone)


def toc_yaml(
    reports: Sequence[Report],
    chapters: Sequence[str],
    parts: Sequence[RegionPart] = (),
    compared: ComparePart | None = None,
) -> str:
    """``_toc.yml``: book index; the regions compared (when there are several regions); a part per region
    of several reports (its two chapters, then each report with its pages as sections); a part per other
    report; the glossary."""
    files = ["index", *chapters, *REPORT_PAGES[1:]]
    toc_parts = []
    if compared is not None:
        toc_parts.append(
            {"caption": PART_TITLE, "chapters": [{"file": f"{compared.id}/{c}"} for c in compared.chapters]}
        )
    for part in parts:
        chapters_of = [{"file": f"{part.id}/{page}"} for page in part.chapters]
        for rid in part.report_ids:
            sections = [{"file": f"{rid}/{f}"} for f in files[1:]]
            chapters_of.append({"file": f"{rid}/index", "sections": sections})
        toc_parts.append({"caption": one_line(part.caption), "chapters": chapters_of})
    in_regions = {rid for part in parts for rid in part.report_ids}
    for r in reports:
        if r.id in in_regions:
            continue
        toc_parts.append({"caption": one_line(shown_title(r)), "chapters": [{"file": f"{r.id}/{f}"} for f in files]})
    toc_parts.append({"caption": "Reference", "chapters": [{"file": BOOK_DATA_PAGE}, {"file": "glossary"}]})
    toc = {"format": "jb-book", "root": "index", "parts": toc_parts}
    return "# Generated by `planbook build`; do not edit.\n" + yaml.safe_dump(
        toc, allow_unicode=True, sort_keys=False, width=1000
    )
