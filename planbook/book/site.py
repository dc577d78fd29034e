"""The book's folders, and the generated pages and static files written into its source folder."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from planbook.analysis.compare_data import ComparePart
from planbook.analysis.region_data import RegionPart
from planbook.book import pages
from planbook.book.panel import PANEL_DIR, book_panel
from planbook.book.tables import write_table_assets
from planbook.files import remove_file, write_atomic
from planbook.model import IndicatorRow, Report
from planbook.present.vega import write_vega_assets
from planbook.text import segment
from planbook.vocabulary import data_path

REPO = Path(__file__).resolve().parents[2]
STATIC = Path(__file__).resolve().parent / "static"  # the book's CSS and favicon, copied to book/_static
THEME = Path(__file__).resolve().parent / "theme"  # Sphinx templates over the theme's, copied to book/_templates


@dataclass(frozen=True)
class BuildOptions:
    """What to build, where and how: folders default to the repository's seeds/, notebooks/, data/,
    book/, _config.yml and tests/fixtures/ (gold tables); notebooks run with ``root`` as their folder."""

    root: Path | None = None
    seeds_dir: Path | None = None
    templates_dir: Path | None = None
    data_dir: Path | None = None
    book_dir: Path | None = None
    config: Path | None = None
    gold_dirs: Sequence[Path] | None = None
    jobs: int | None = None  # notebooks run in parallel (default: number of CPUs)
    scheduler: str | None = None  # a Dask scheduler's address: the notebooks run on its workers
    force: bool = False  # re-execute every notebook and rebuild the HTML
    progress: bool = True


@dataclass(frozen=True)
class Folders:
    """The folders of a build, absolute (jupyter-book resolves --toc against the book folder)."""

    root: Path
    seeds: Path
    templates: Path
    data: Path
    book: Path
    config: Path
    gold: tuple[Path, ...]

    @property
    def build_dir(self) -> Path:
        return self.book / "_build"

    @property
    def html_dir(self) -> Path:
        return self.build_dir / "html"


def resolve_folders(options: BuildOptions) -> Folders:
    """The options' folders, made absolute, with the repository's defaults."""
    root = Path(options.root).resolve() if options.root else REPO

    def folder(given: Path | None, default: Path) -> Path:
        return Path(given).resolve() if given else default

    return Folders(
        root=root,
        seeds=folder(options.seeds_dir, root / "seeds"),
        templates=folder(options.templates_dir, root / "notebooks"),
        data=folder(options.data_dir, root / "data"),
        book=folder(options.book_dir, root / "book"),
        config=folder(options.config, REPO / "_config.yml"),
        gold=tuple(options.gold_dirs) if options.gold_dirs is not None else (root / "tests" / "fixtures",),
    )


@dataclass(frozen=True)
class LoadedReport:
    """A report read and extracted: the report, its rows and their CSV text (data/<id>/indicators.csv)."""

    report: Report
    rows: list[IndicatorRow]
    rows_csv: str


@dataclass
class WrittenPages:
    """The files ``write_pages`` generated (pages, table of contents, static files, chart scripts)."""

    files: list[Path] = field(default_factory=list)

    def put(self, path: Path, content: str | bytes) -> None:
        write_atomic(path, content)
        self.files.append(path)


def find_gold(report_id: str, dirs: Sequence[Path]) -> Path | None:
    """The gold table of a report: ``<dir>/<report-id>.csv`` in the first folder that has one."""
    return next((d / f"{report_id}.csv" for d in dirs if (d / f"{report_id}.csv").is_file()), None)


def _report_pages(item: LoadedReport, chapters: Sequence[str], folders: Folders, written: WrittenPages) -> None:
    """A report's landing, source-text, data and method pages; stray pages in its folder removed."""
    report, rows = item.report, item.rows
    out_dir = folders.book / report.id
    written.put(out_dir / "index.md", pages.landing_page(report, rows, chapters))
    written.put(out_dir / "source.md", pages.source_page(report, rows, segment(report)))
    data_files = sorted(
        p for p in (folders.data / report.id).rglob("*") if p.is_file() and p.suffix in (".csv", ".json")
    )
    written.put(out_dir / "data.md", pages.data_page(report, data_files, out_dir, rows))
    gold = find_gold(report.id, folders.gold)
    scores = pages.gold_scores(rows, gold)
    written.put(out_dir / "method.md", pages.method_page(report, rows, scores, gold.name if gold else ""))
    # Remove chapters whose template is gone and stray pages (the folder is generated).
    keep = {f"{c}.ipynb" for c in chapters} | {f"{p}.md" for p in pages.REPORT_PAGES}
    for p in out_dir.iterdir():
        if p.is_file() and p.suffix in (".ipynb", ".md") and p.name not in keep:
            remove_file(p)  # (put back if the build fails)


def write_pages(
    loaded: Sequence[LoadedReport],
    chapters: Sequence[str],
    folders: Folders,
    parts: Sequence[RegionPart] = (),
    compared: ComparePart | None = None,
) -> WrittenPages:
    """Every generated page (each report's, the book index, glossary, _toc.yml) and the static files."""
    written = WrittenPages()
    for item in loaded:
        _report_pages(item, chapters, folders, written)
    reports = [item.report for item in loaded]
    title = (yaml.safe_load(folders.config.read_text(encoding="utf-8")) or {}).get("title", "planbook")
    written.put(folders.book / "index.md", pages.index_page(reports, title, parts, compared))
    glossary = pages.read_glossary(data_path("glossary.csv"))
    written.put(folders.book / "glossary.md", pages.glossary_page(glossary))
    written.put(folders.book / "_toc.yml", pages.toc_yaml(reports, chapters, parts, compared))
    for source, target in ((STATIC, folders.book / "_static"), (THEME, folders.book / "_templates")):
        for name in sorted(os.listdir(source)):
            written.put(target / name, (source / name).read_bytes())
    static = folders.book / "_static"
    written.files += [static / a for a in write_vega_assets(static)]
    written.files += [static / a for a in write_table_assets(static)]
    _book_data_page(loaded, parts, compared, folders, written)
    return written


def _book_data_page(
    loaded: Sequence[LoadedReport], parts: Sequence[RegionPart], compared: ComparePart | None, folders: Folders,
    written: WrittenPages,
) -> None:  # fmt: skip
    """The book's data page: the panel of all its reports (made again only when a report changed) and
    the pages that offer each report's and region's CSVs."""
    panel = book_panel([Path(item.report.path) for item in loaded], folders.build_dir / PANEL_DIR)
    links = [(f"{c} {compared.id}", f"{compared.id}/{c}", ".ipynb") for c in compared.chapters] if compared else []
    links += [(f"{p.caption}: {c}", f"{p.id}/{c}", ".ipynb") for p in parts for c in p.chapters]
    links += [(item.report.title or item.report.id, f"{item.report.id}/data", ".md") for item in loaded]
    page = pages.book_data_page(panel.files, panel.counts, len(panel.reports), folders.book, links)
    written.put(folders.book / f"{pages.BOOK_DATA_PAGE}.md", page)
