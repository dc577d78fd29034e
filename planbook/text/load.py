"""Load a report file (plain text or a saved government web page) into a ``Report``: bytes, text, id, profile."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planbook.model import Report, ReportError
from planbook.shown import shown
from planbook.text.decode import clean_text, decode_text
from planbook.text.header import find_body_end, normalize_date, parse_header
from planbook.text.ids import sanitize_id
from planbook.text.profile import read_profile
from planbook.text.reading import check_not_empty, folder_entries, is_folder, read_bytes, real_path
from planbook.text.residue import find_markup, find_repeats
from planbook.text.webpage import html_to_text, sniff_html

HTML_SUFFIXES = {".html", ".htm", ".shtml", ".xhtml"}

# Office and other formats we do not read: the user must save them as text first.
CONVERT_SUFFIXES = {
    ".pdf": "a PDF",
    ".doc": "a Word DOC",
    ".docx": "a Word DOCX",
    ".xls": "an Excel XLS",
    ".xlsx": "an Excel XLSX",
    ".ppt": "a PowerPoint PPT",
    ".pptx": "a PowerPoint PPTX",
    ".wps": "a WPS",
    ".odt": "an OpenDocument",
    ".rtf": "an RTF",
}

# Leading bytes of binary formats, checked before any decoding is attempted.
MAGIC: tuple[tuple[bytes, str, bool], ...] = (
    (b"%PDF", "a PDF file", True),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Office (DOC/XLS) file", True),
    (b"{\\rtf", "an RTF file", True),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", False),
    (b"\xff\xd8\xff", "a JPEG image", False),
    (b"GIF87a", "a GIF image", False),
    (b"GIF89a", "a GIF image", False),
    (b"\x1f\x8b", "a gzip archive", False),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive", False),
    (b"Rar!", "a RAR archive", False),
    (b"\x7fELF", "an executable", False),
)

REPORT_SUFFIXES = (".txt", ".html", ".htm")


@dataclass(frozen=True)
class ReportFile:
    """A report file to read; ``listed`` when it was found by listing a folder the user named, so that
    one bad file among many is a warning (and is skipped) rather than the end of the run."""

    path: Path
    listed: bool = False


def report_files(paths: Iterable[str | Path]) -> list[ReportFile]:
    """Files as given; a directory gives its .txt/.html entries in name order (a special file among them
    too: reading it names it). A file named twice is listed once. ReportError for a directory without reports."""
    out: list[ReportFile] = []
    seen: set[str] = set()
    for p in map(Path, paths):
        if is_folder(p):
            found = folder_entries(p, REPORT_SUFFIXES)
            if not found:
                raise ReportError(f"{shown(p)}: no reports (.txt, .html) in this directory")
            files = [ReportFile(f, listed=True) for f in found]
        else:
            files = [ReportFile(p)]
        for f in files:
            key = real_path(f.path)
            if key not in seen:
                seen.add(key)
                out.append(f)
    return out


# Bytes that are control characters in every encoding read here (tab, line breaks, page breaks aside).
CONTROL_BYTES = (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F)
# More of them than this in the first 64 KiB, NULs among them, and the file is binary.
MAX_CONTROL_SHARE = 0.01


def load_report(path: str | Path, report_id: str | None = None, data: bytes | None = None) -> Report:
    """Read a report file, decode it and find its metadata, body start and body end.

    ``data``, when given, is the file's content already read (by a client that sent it to a
    worker without the file); ``path`` then only names the report in messages and ``Report.path``.
    """
    p = Path(path)
    data = read_bytes(p) if data is None else check_not_empty(shown(p), data)
    _reject_binary(p, data)
    warnings: list[str] = []
    if p.suffix.lower() in HTML_SUFFIXES or (p.suffix.lower() != ".txt" and sniff_html(data)):
        page = html_to_text(data, str(p))
        text, encoding, source_format = page.text, page.encoding, "html"
        warnings.extend(page.warnings)
        meta_title, meta_date = page.title, page.date
    else:
        text, encoding = decode_text(data, str(p))
        source_format, meta_title, meta_date = "txt", "", ""
    if not text.strip():
        raise ReportError(f"{p}: no text found in the file")
    text, clean_warnings = clean_text(text)
    warnings.extend(clean_warnings)
    return report_from_text(
        text,
        path=str(p),
        report_id=report_id if report_id else p.stem,
        encoding=encoding,
        source_format=source_format,
        meta_title=meta_title,
        meta_date=meta_date,
        warnings=tuple(warnings),
    )


def report_from_text(
    text: str,
    path: str = "<text>",
    report_id: str = "inline",
    encoding: str = "utf-8",
    source_format: str = "txt",
    meta_title: str = "",
    meta_date: str = "",
    warnings: tuple[str, ...] = (),
) -> Report:
    """A Report for text already in memory: metadata, body start and body end found as for a file."""
    from planbook.text.segment import part_titles  # segment imports model only; no cycle

    header = parse_header(text)
    title = header.title or meta_title
    body_start, body_end = header.body_start, find_body_end(text)
    repeats = find_repeats(text, body_start, body_end, seen_from=0)
    if repeats:
        chars = sum(b - a for a, b in repeats)
        warnings = (
            *warnings,
            f"{len(repeats)} passage(s) of {chars} characters repeat earlier text (from offset "
            f"{repeats[0][0]}) and were read once",
        )
    hidden = find_markup(text, body_start, body_end)
    published = header.published or normalize_date(meta_date)
    profile = read_profile(
        title,
        text,
        body_start,
        headings=[t for a, b in _read_once(body_start, body_end, repeats) for t in part_titles(text, a, b)],
        publisher=header.publisher,
        published=published,
        body_chars=body_end - body_start - sum(b - a for a, b in repeats),
        header_lines=header.lines,
    )
    return Report(
        id=sanitize_id(report_id),
        path=path,
        text=text,
        encoding=encoding,
        source_format=source_format,
        title=profile.title,
        region=profile.region,
        level=profile.level,
        review_year=profile.review_year,
        genre=profile.genre,
        delivered_year=profile.delivered_year,
        plan_year=profile.plan_year,
        review_span=profile.review_span,
        plan_span=profile.plan_span,
        partial=profile.partial,
        repeats=repeats,
        hidden=hidden,
        publisher=header.publisher,
        published=published,
        body_start=body_start,
        body_end=body_end,
        warnings=(*warnings, *profile.warnings),
    )


def _read_once(start: int, stop: int, repeats: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """The spans of text[start:stop] outside the passages that repeat earlier text (each read once)."""
    spans, pos = [], start
    for a, b in repeats:
        if a > pos:
            spans.append((pos, a))
        pos = max(pos, b)
    if pos < stop:
        spans.append((pos, stop))
    return spans


def _reject_binary(p: Path, data: bytes) -> None:
    """Refuse PDFs, Office files, images and other binaries with a message saying what to do."""
    head = data[:8]
    for magic, what, convertible in MAGIC:
        if head.startswith(magic):
            hint = "convert to text first" if convertible else "not a text report"
            raise ReportError(f"{p}: {what}, {hint}")
    if head.startswith(b"PK\x03\x04"):
        head_zip = data[:65536]
        what = "a Word DOCX file" if b"word/" in head_zip else "an Excel XLSX file" if b"xl/" in head_zip else ""
        what = what or "a ZIP archive"
        raise ReportError(f"{p}: {what}, convert to text first")
    suffix = p.suffix.lower()
    if suffix in CONVERT_SUFFIXES:
        raise ReportError(f"{p}: {CONVERT_SUFFIXES[suffix]} file, convert to text first")
    # NUL bytes never occur in UTF-8/GBK text (UTF-16 is only accepted with its BOM): NULs among many
    # control bytes make a binary file; a few stray ones are removed with the others (clean_text).
    head = data[:65536]
    if b"\x00" in head and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        controls = sum(head.count(bytes([b])) for b in CONTROL_BYTES)
        if controls > MAX_CONTROL_SHARE * len(head):
            raise ReportError(f"{p}: binary file (contains NUL bytes), not a text report")
