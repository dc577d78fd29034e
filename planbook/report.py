"""Load a report file (plain text or a saved government web page) into a ``Report``."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
import lxml.html

from planbook.model import Report, ReportError
from planbook.profile import read_profile

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

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Characters that should not occur in a readable report (C0 controls except tab/newlines, DEL).
_CONTROL = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))
_BAD_CHAR = re.compile("[" + re.escape(_CONTROL) + "\ufffd]")
MAX_BAD_SHARE = 0.01
MAX_REPAIRED_SHARE = 0.001

# Metadata lines written by collectors and government sites above the report body.
META_LINE = re.compile(
    r"^\s*(?:标题|题目|发文单位|发布单位|发布机构|发文机关|发文时间|发布时间|发布日期|成文日期|"
    r"来源URL|来源网址|原文链接|URL|信息来源|来源|文章来源|作者|正文|索引号|浏览次数|字体)\s*[:：]"
)
TITLE_LINE = re.compile(r"^\s*(?:标题|题目)\s*[:：]\s*(.+?)\s*$")
PUBLISHER = re.compile(
    r"(?:信息来源|文章来源|发文单位|发布单位|发布机构|发文机关|来源(?!URL|网址))\s*[:：]\s*([^|｜\s][^|｜]*?)\s*"
    r"(?=$|[|｜]|\s{2,}|发布时间|发文时间|发布日期)"
)
PUBLISHED = re.compile(r"(?:发布时间|发文时间|发布日期|成文日期)\s*[:：]\s*([^|｜]*?)\s*(?=$|[|｜]|\s{2,}|来源)")
DATE = re.compile(
    r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?"
)

# Trailing web-page residue: print/close links, share widgets, editor credits, page counters.
RESIDUE_LINE = re.compile(
    r"^\s*(?:[【\[]?\s*打印\s*[】\]]?\s*(?:[|｜/]\s*)?[【\[]?\s*关闭(?:窗口|本页)?\s*[】\]]?"
    r"|[【\[]\s*(?:打印|关闭|关闭窗口|返回顶部|收藏|纠错)\s*[】\]].*"
    r"|分享到.*|扫一扫.*|返回顶部|关闭窗口|打印本页|\d{1,4}|[（(]?\s*责任编辑\s*[:：].*|编辑\s*[:：].{0,20}"
    r"|上一篇.*|下一篇.*|相关(?:链接|文章|阅读).*|版权所有.*|.*ICP备.*|【?字体\s*[:：].*|浏览次数.*)\s*$"
)
HEADING_START = re.compile(r"^\s*(?:[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）])")

HEADER_SCAN_LINES = 40
TAIL_SCAN_LINES = 40
MAX_TITLE_CHARS = 120


def load_report(path: str | Path, report_id: str | None = None) -> Report:
    """Read a report file, decode it and find its metadata, body start and body end."""
    p = Path(path)
    data = _read_bytes(p)
    _reject_binary(p, data)
    warnings: list[str] = []
    if p.suffix.lower() in HTML_SUFFIXES or (p.suffix.lower() != ".txt" and sniff_html(data)):
        page = html_to_text(data, str(p))
        text, encoding, source_format = page.text, page.encoding, "html"
        warnings.extend(page.warnings)
        meta_title, meta_date = page.title, page.date
    else:
        text, encoding, decode_warnings = decode_text(data, str(p))
        warnings.extend(decode_warnings)
        source_format, meta_title, meta_date = "txt", "", ""
    if not text.strip():
        raise ReportError(f"{p}: no text found in the file")
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
    from planbook.segment import part_titles  # segment imports model only; no cycle

    header = parse_header(text)
    title = header["title"] or meta_title
    if not title:
        warnings = (*warnings, "no title line found")
    body_start, body_end = int(header["body_start"]), find_body_end(text)
    repeats = find_repeats(text, body_start, body_end)
    if repeats:
        chars = sum(b - a for a, b in repeats)
        warnings = (
            *warnings,
            f"{len(repeats)} passage(s) of {chars} characters repeat earlier text (from offset "
            f"{repeats[0][0]}) and were read once",
        )
    hidden = find_markup(text, body_start, body_end)
    stop = repeats[0][0] if repeats else body_end
    published = header["published"] or normalize_date(meta_date)
    profile = read_profile(
        title,
        text,
        body_start,
        headings=part_titles(text, body_start, stop),
        publisher=str(header["publisher"]),
        published=published,
        body_chars=stop - body_start - sum(b - a for a, b in repeats if b <= stop),
    )
    return Report(
        id=sanitize_id(report_id),
        path=path,
        text=text,
        encoding=encoding,
        source_format=source_format,
        title=title,
        region=profile.region,
        year=profile.review_year,
        genre=profile.genre,
        delivered_year=profile.delivered_year,
        plan_year=profile.plan_year,
        review_span=profile.review_span,
        plan_span=profile.plan_span,
        repeats=repeats,
        hidden=hidden,
        publisher=header["publisher"],
        published=published,
        body_start=body_start,
        body_end=body_end,
        warnings=(*warnings, *profile.warnings),
    )


# Markup left by a PDF or OCR conversion: page markers, HTML tables (which repeat the prose figures),
# images and their captions, table and figure titles. None of it is prose; it is read as blank space.
MARKUP_RE = re.compile(
    r"<!--.*?-->"
    r"|<table\b.*?</table>"
    r"|!\[[^\]\n]*\]\([^)\n]*\)"
    r"|<center>[^\n]*?</center>"
    r"|(?m:^[ \t]*(?:表|图)[ \t]*\d{1,3}[ \t]*[：:][^\n。；]{0,80}$)",
    re.DOTALL | re.IGNORECASE,
)


def find_markup(text: str, start: int, stop: int) -> tuple[tuple[int, int], ...]:
    """Spans of conversion markup (page markers, HTML tables, images, captions) in text[start:stop]."""
    return tuple((m.start(), m.end()) for m in MARKUP_RE.finditer(text, start, stop))


# A repeated line shorter than this (各位代表：, a lone 大/中/小) only counts inside a longer repeat.
REPEAT_MIN_CHARS = 20
_BREAK = re.compile(r"\r\n|\r|\n")


def find_repeats(text: str, start: int, stop: int) -> tuple[tuple[int, int], ...]:
    """Spans of text[start:stop] made of lines that already occurred earlier (a speech saved twice).

    A run of repeated lines counts when it holds at least one line of REPEAT_MIN_CHARS or more; the
    span runs from the first to the last repeated line of the run.
    """
    seen: set[str] = set()
    runs: list[tuple[int, int]] = []
    run: list[int] | None = None  # [start, end, has_long_line]
    pos = start
    while pos < stop:
        m = _BREAK.search(text, pos, stop)
        end, nxt = (stop, stop) if m is None else (m.start(), m.end())
        line = text[pos:end].strip()
        if line:
            if line in seen:
                if run is None:
                    run = [pos, end, 0]
                run[1] = end
                run[2] |= len(line) >= REPEAT_MIN_CHARS
            else:
                seen.add(line)
                if run is not None and run[2]:
                    runs.append((run[0], run[1]))
                run = None
        pos = nxt
    if run is not None and run[2]:
        runs.append((run[0], run[1]))
    return tuple(runs)


def _read_bytes(p: Path) -> bytes:
    """Read the whole file, turning every OS failure into a one-line ReportError."""
    if not p.exists():
        raise ReportError(f"{p}: no such file")
    if p.is_dir():
        raise ReportError(f"{p}: is a directory, not a report file")
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ReportError(f"{p}: cannot read file ({exc.strerror or exc})") from None
    if not data.strip():
        raise ReportError(f"{p}: file is empty")
    return data


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
    # NUL bytes never occur in UTF-8/GBK text; UTF-16 is only accepted with its BOM.
    if b"\x00" in data[:65536] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReportError(f"{p}: binary file (contains NUL bytes), not a text report")


def decode_text(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode report bytes: BOM, strict UTF-8, charset-normalizer, repair; (text, encoding, warnings)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return check_readable(data.decode(codec), name), codec, ()
            except UnicodeDecodeError:
                break
    try:
        return check_readable(data.decode("utf-8"), name), "utf-8", ()
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return repair_decode(data, name)
    codec = best.encoding
    # GB2312 and GBK are subsets of GB18030: decoding with the superset loses nothing.
    if codec in {"gb2312", "gbk", "hz"}:
        codec = "gb18030"
    try:
        text = data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        text = str(best)
    return check_readable(text, name), codec, ()


def repair_decode(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode a file with a few corrupt bytes (a cut multibyte character) with U+FFFD in their place."""
    candidates = []
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        candidates.append((text.count("\ufffd"), codec, text))
    bad, codec, text = min(candidates)
    # Random bytes leave far more holes than this; a damaged real file leaves a handful.
    if bad > MAX_REPAIRED_SHARE * len(text):
        raise ReportError(f"{name}: undecodable bytes (not UTF-8, GBK/GB18030 or another text encoding)")
    return check_readable(text, name), codec, (f"{bad} undecodable byte sequence(s) replaced by U+FFFD",)


def check_readable(text: str, name: str) -> str:
    """Reject text that is mostly replacement or control characters (garbage decoded as text)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = len(_BAD_CHAR.findall(text))  # a regex scan is ~20x faster than str.translate here
    if text and bad / len(text) > MAX_BAD_SHARE:
        raise ReportError(f"{name}: undecodable bytes ({bad} of {len(text)} characters are unreadable)")
    return text


def parse_header(text: str) -> dict[str, str | int]:
    """Find title, publisher, publication date and body start in the first lines of the text."""
    title = publisher = published = ""
    body_start = 0
    pos = 0
    for i, line in enumerate(_lines(text, HEADER_SCAN_LINES)):
        start, end = pos, pos + len(line)
        pos = end
        stripped = line.strip()
        if not stripped:
            continue
        if m := TITLE_LINE.match(stripped):
            title = m.group(1)
        elif META_LINE.match(stripped) or PUBLISHER.search(stripped) and PUBLISHED.search(stripped):
            pass
        elif not title and i < 5 and _looks_like_title(stripped):
            title = stripped
        else:
            body_start = start + (len(line) - len(line.lstrip()))
            break
        if not publisher and (m := PUBLISHER.search(stripped)):
            publisher = m.group(1)
        if not published and (m := PUBLISHED.search(stripped)):
            published = normalize_date(m.group(1))
    else:
        body_start = 0 if not title else pos
    return {"title": title, "publisher": publisher, "published": published, "body_start": body_start}


def _lines(text: str, limit: int) -> list[str]:
    """The first ``limit`` lines of text, each keeping its line ending (offsets add up)."""
    head = text[: 400 * limit]
    return head.splitlines(keepends=True)[:limit]


def _looks_like_title(line: str) -> bool:
    """A title is short, is not a numbered heading and does not end like a sentence."""
    return len(line) <= MAX_TITLE_CHARS and not HEADING_START.match(line) and line[-1] not in "。；;，,：:"


def normalize_date(raw: str) -> str:
    """``2021-02-23 10:38`` style date (and time when given); "" for 未知 or no date."""
    m = DATE.search(raw or "")
    if not m:
        return ""
    y, mo, d, hh, mm, ss = m.groups()
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if hh is not None:
        out += f" {int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
    return out


def find_body_end(text: str) -> int:
    """Offset where trailing web-page residue (打印| 关闭, 分享到, a page counter…) starts."""
    tail_start = max(0, len(text) - 200 * TAIL_SCAN_LINES)
    # Start the tail on a line boundary so every line below is whole.
    nl = text.rfind("\n", 0, tail_start) + 1 if tail_start else 0
    lines = text[nl:].splitlines(keepends=True)
    offsets = []
    pos = nl
    for line in lines:
        offsets.append(pos)
        pos += len(line)
    body_end = len(text)
    # A lone number (a page-view counter) is residue only below a real residue line such as 打印| 关闭.
    seen_residue = False
    for line, start in zip(reversed(lines), reversed(offsets), strict=True):
        stripped = line.strip()
        if not stripped:
            continue
        if RESIDUE_LINE.match(stripped) and not (seen_residue and stripped.isdigit()):
            seen_residue = seen_residue or not stripped.isdigit()
            body_end = start
            continue
        break
    if not seen_residue:
        return len(text)
    # End the body after the last real line, dropping the blank lines before the residue.
    return len(text[:body_end].rstrip()) or body_end


def sanitize_id(raw: str) -> str:
    """Lower-case ``[a-z0-9-]`` id; names without Latin letters get a stable hash-based id."""
    ident = re.sub(r"[^a-z0-9]+", "-", raw.lower()).strip("-")
    if ident:
        return ident
    return "report-" + hashlib.sha1(raw.encode("utf-8")).hexdigest()[:8]


# --- HTML pages -------------------------------------------------------------------------------

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)
HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|meta)[\s>]", re.IGNORECASE)
BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "table", "blockquote", "pre", "dd", "dt",
)  # fmt: skip
DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select")


@dataclass(frozen=True)
class PageText:
    """Article text of a web page with what the page says about itself."""

    text: str
    encoding: str
    title: str
    date: str
    warnings: tuple[str, ...]


def sniff_html(data: bytes) -> bool:
    """True when the bytes look like an HTML document rather than plain text."""
    return data.lstrip()[:1] == b"<" and bool(HTML_SNIFF.search(data[:4096]))


def decode_html(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """Decode a page with its BOM or ``<meta charset>`` when they work, else like a text file."""
    m = META_CHARSET.search(data[:8192])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        codec = m.group(1).decode("ascii").lower()
        codec = "gb18030" if codec in {"gb2312", "gbk", "x-gbk"} else codec
        try:
            return check_readable(data.decode(codec), name), codec, ()
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong meta charset is common; fall back to detection
    return decode_text(data, name)


def html_to_text(data: bytes, name: str) -> PageText:
    """Reduce a government web page to its article text, one paragraph per block, blank-line separated."""
    import trafilatura  # only web pages need it, and it takes longer to import than a report to read

    markup, encoding, decode_warnings = decode_html(data, name)
    # lxml refuses str input that carries an XML encoding declaration.
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    warnings = list(decode_warnings)
    extracted = trafilatura.extract(
        markup,
        output_format="txt",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not extracted or not extracted.strip():
        extracted = _block_text(markup)
        warnings.append("trafilatura found no article; used the whole page text")
    meta = trafilatura.extract_metadata(markup)
    title = (meta.title or "").strip() if meta else ""
    date = (meta.date or "") if meta else ""
    paragraphs = [line.strip() for line in extracted.splitlines() if line.strip()]
    # trafilatura keeps the <h1> title as metadata only; the report text starts with its title.
    if title and paragraphs and title not in paragraphs[0] and paragraphs[0] not in title:
        paragraphs.insert(0, title)
    return PageText("\n\n".join(paragraphs), encoding, title, date, tuple(warnings))


def _block_text(markup: str) -> str:
    """Visible text of a page with a newline after every block element (fallback extractor)."""
    try:
        root = lxml.html.document_fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return ""
    for el in list(root.iter(*DROP_TAGS)):
        el.drop_tree()
    for el in root.iter(*BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
    body = root.find("body")
    return (body if body is not None else root).text_content()
