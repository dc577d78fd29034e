"""A rebuild that would change nothing, known without doing it.

A build that succeeded records, in ``book/_build/.planbook-last-build.json``, a hash of everything it
read (each report file's bytes, the chapter templates, planbook's own files and word lists, the shared
data files, the configuration, the gold tables, Python, the size cap) and the hash of every file it
left (the book's sources, each report's and region's data folder, the book's panel) with the stamp of
the published HTML. The next build, when both are still as recorded, returns what that build would
have done (every notebook reused, the HTML unchanged) without reading a report; anything else, even
a stray file in the book, and the build runs as usual. A record matches only a book and data folder
byte for byte as that build left them, so a failed build (whose files are put back) leaves it as it is.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from planbook.analysis.chapter_data import touch_rows
from planbook.book.manifest import PACKAGE_DIR
from planbook.book.notebooks import relative
from planbook.book.publish import SOURCES_STAMP, build_lock, data_lock
from planbook.book.site import Folders, LoadedReport
from planbook.export import ROWS_FILE
from planbook.files import UNDO_PREFIX, write_atomic
from planbook.text.load import ReportFile
from planbook.text.reading import MAX_SIZE_ENV
from planbook.vocabulary import vocabulary_files

if TYPE_CHECKING:  # build.py imports this module
    from planbook.book.build import BuildResult
    from planbook.book.units import Unit

RECORD = ".planbook-last-build.json"
RECORD_VERSION = 1
PANEL_DIR = "panel"  # planbook.book.panel.PANEL_DIR (not imported: it brings DuckDB)


class NotRegular(Exception):
    """A path that is no regular file (a pipe, a device): only the full build may read it."""


@dataclass(frozen=True)
class LastBuild:
    """What the last successful build read and left, and what it reported."""

    inputs: str
    outputs: dict[str, str]  # absolute path -> SHA-256, every file the build left
    stamp: str  # the published HTML's SOURCES_STAMP
    reports: list[str]
    data_ids: list[str]  # the folders of data/ the build wrote (each report's, region's, comparison's)
    rows_files: dict[str, str]  # a report's indicators.csv -> its report file (their times are kept in order)
    reused: list[str]
    warnings: list[str]
    notes: list[str]


def _file_sha(path: Path) -> str:
    """SHA-256 of a regular file's bytes; NotRegular for anything else (never opened)."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    if not stat.S_ISREG(st.st_mode):
        raise NotRegular(str(path))
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _files_under(folder: Path, skip: Sequence[Path] = ()) -> Iterable[Path]:
    """Every file under ``folder`` (not under ``skip``, nor the old files a build's journal keeps until it
    ends), in a stable order; dot-files included."""
    skipped = {str(s) for s in skip}
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(
            d for d in dirnames if os.path.join(dirpath, d) not in skipped and not d.startswith(UNDO_PREFIX)
        )
        for name in sorted(filenames):
            yield Path(dirpath) / name


def _tree(folder: Path, top_only: bool = False, skip: Sequence[Path] = ()) -> list[tuple[str, str]]:
    """(path, SHA-256) of the files under ``folder`` (only those directly in it with ``top_only``);
    lock files and __pycache__ left out."""
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.iterdir() if p.is_file()) if top_only else _files_under(folder, skip)
    return [(str(p), _file_sha(p)) for p in files if "__pycache__" not in p.parts and not p.name.endswith(".lock")]


def inputs_hash(files: Sequence[ReportFile], folders: Folders, address: str) -> str:
    """Hash of everything a build reads; NotRegular when one of them is no regular file."""
    gold = [(str(p), _file_sha(p)) for d in folders.gold if d.is_dir() for p in sorted(d.glob("*.csv"))]
    doc = {
        "version": RECORD_VERSION,
        "python": [sys.executable, sys.version],
        "max_size": os.environ.get(MAX_SIZE_ENV, ""),
        "scheduler": address,
        "folders": [str(f) for f in (folders.root, folders.templates, folders.data, folders.book, folders.config)],
        "reports": [(str(f.path), f.listed, _file_sha(f.path)) for f in files],
        "templates": _tree(folders.templates),
        "package": _tree(PACKAGE_DIR),
        "vocabulary": [(str(p), _file_sha(p)) for p in vocabulary_files()],  # the shipped lists or an edited copy
        "shared_data": _tree(folders.data, top_only=True),
        "config": _file_sha(folders.config),
        "requirements": _file_sha(folders.root / "requirements.txt"),
        "gold": gold,
    }
    return hashlib.sha256(json.dumps(doc, sort_keys=True).encode("utf-8")).hexdigest()


def outputs(folders: Folders, data_ids: Iterable[str]) -> dict[str, str]:
    """SHA-256 of every file a build leaves: the book's sources (not _build), its panel, the units' data."""
    found = _tree(folders.book, skip=[folders.build_dir]) + _tree(folders.build_dir / PANEL_DIR)
    for ident in sorted(set(data_ids)):
        found += _tree(folders.data / ident)
    return dict(found)


def _record_path(folders: Folders) -> Path:
    return folders.build_dir / RECORD


def remember(last: LastBuild, folders: Folders) -> None:
    """Write the record of a build that succeeded; one that cannot be written only costs the next build
    its shortcut (an old record left behind matches no book this build left)."""
    with contextlib.suppress(OSError):
        write_atomic(_record_path(folders), json.dumps(asdict(last), sort_keys=True))


def published_stamp(folders: Folders) -> str:
    """The stamp of the published HTML ("" when there is none)."""
    try:
        return (folders.html_dir / SOURCES_STAMP).read_text().strip()
    except OSError:
        return ""


def unchanged(files: Sequence[ReportFile], folders: Folders, address: str) -> LastBuild | None:
    """The last build's record when nothing it read or left has changed since, else None."""
    try:
        last = LastBuild(**json.loads(_record_path(folders).read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None
    try:
        if last.inputs != inputs_hash(files, folders, address) or last.stamp != published_stamp(folders):
            return None
        if last.outputs != outputs(folders, last.data_ids):
            return None
    except (NotRegular, OSError, ValueError):
        return None
    return last


def last_result(files: Sequence[ReportFile], folders: Folders) -> dict | None:
    """The fields of the last build's BuildResult (nothing executed, every notebook reused, the HTML
    unchanged) when nothing it read or left has changed since; else None, and the build must run.
    Holds the book's and the data's locks while it looks."""
    if not _record_path(folders).is_file():  # a first build: no lock taken, no folder made before reading
        return None
    with build_lock(folders.build_dir), data_lock(folders.data):
        last = unchanged(files, folders, "")
        if last is None:
            return None
        for rows, report in last.rows_files.items():
            touch_rows(Path(rows), report)
    return {"reports": last.reports, "reused": last.reused, "html_rebuilt": False, "warnings": last.warnings,
            "notes": last.notes}  # fmt: skip


def remember_build(
    files: Sequence[ReportFile], folders: Folders, units: Sequence[Unit], loaded: Sequence[LoadedReport],
    result: BuildResult,
) -> None:  # fmt: skip
    """Record what a successful build read and left, for the next to find it unchanged."""
    notebooks = [relative(folders.book / u.id / f"{t.stem}.ipynb", folders.root) for u in units for t in u.templates]
    data_ids = sorted({u.id for u in units})
    try:
        inputs, left = inputs_hash(files, folders, ""), outputs(folders, data_ids)
    except (NotRegular, OSError):  # a pipe among the reports (read by the build, skipped with a warning)
        return  # no record: every build of these inputs runs
    last = LastBuild(
        inputs=inputs,
        outputs=left,
        stamp=published_stamp(folders),
        reports=result.reports,
        data_ids=data_ids,
        rows_files={str(folders.data / i.report.id / ROWS_FILE): str(i.report.path) for i in loaded},
        reused=notebooks,
        warnings=result.warnings,
        notes=result.notes,
    )
    remember(last, folders)
