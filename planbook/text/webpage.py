"""A saved government web page reduced to its article text, with what the page says about itself."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

from planbook.text.decode import Decoded, check_readable, decode_text

META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)

HTML_SNIFF = re.compile(rb"<(?:!doctype\s+html|html|head|body|p|div|meta)[\s>]", re.IGNORECASE)

BLOCK_TAGS = (
    "p", "div", "br", "li", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
    "section", "article", "table", "blockquote", "pre", "dd", "dt",
)  # fmt: skip

DROP_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "iframe", "form", "select")

# trafilatura unescapes the text that lxml has already unescaped once, so that "&amp;lt;" (which a
# browser shows as "&lt;") would read "<". An escaped ampersand is kept out of its reach as a
# stand-in character that the page does not use (trafilatura keeps these symbols), and put back.
_AMP_ENTITY = re.compile(r"&(?:amp|#0*38|#x0*26);", re.IGNORECASE)
_AMP_STANDINS = ("\u2426", "\u2425", "\u2423", "\u2422")


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


def decode_html(data: bytes, name: str) -> Decoded:
    """Decode a page with its BOM or ``<meta charset>`` when they work, else like a text file."""
    m = META_CHARSET.search(data[:8192])
    if m and not data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        codec = m.group(1).decode("ascii").lower()
        codec = "gb18030" if codec in {"gb2312", "gbk", "x-gbk"} else codec
        try:
            return Decoded(check_readable(data.decode(codec), name), codec)
        except (UnicodeDecodeError, LookupError):
            pass  # a wrong meta charset is common; fall back to detection
    return decode_text(data, name)


def html_to_text(data: bytes, name: str) -> PageText:
    """Reduce a government web page to its article text, one paragraph per block, blank-line separated."""
    import trafilatura  # only web pages need it, and it takes longer to import than a report to read

    markup, encoding = decode_html(data, name)
    # lxml refuses str input that carries an XML encoding declaration.
    markup = re.sub(r"^\s*<\?xml[^>]*>", "", markup)
    standin = next((c for c in _AMP_STANDINS if c not in markup), "")
    if standin:
        markup = _AMP_ENTITY.sub(standin, markup)
    warnings: list[str] = []
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
    if standin:
        extracted, title = extracted.replace(standin, "&"), title.replace(standin, "&")
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
