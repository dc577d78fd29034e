"""Report bytes to text: byte-order marks, UTF-8, GBK/GB18030 and other encodings, and text too damaged to read."""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

import charset_normalizer

from planbook.model import ReportError

BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)

# Characters that should not occur in a readable report (C0 controls except tab/newlines, DEL).
_CONTROL = "".join(chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F))

_BAD_CHAR = re.compile("[" + re.escape(_CONTROL) + "\ufffd]")

# A vertical tab or a form feed (pdftotext's page break) is read as a line break, silently; every other
# control character (C0 and C1, DEL) becomes a space, with a warning. One character for one: no
# offset moves, so rows still point into the text as decoded.
_PAGE_BREAKS = "\x0b\x0c"
_JUNK = re.compile("[" + re.escape("".join(c for c in _CONTROL if c not in _PAGE_BREAKS)) + "\x80-\x9f]")
_REPLACEMENT = re.compile("\ufffd")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# Where a warning points: the first few places.
PLACES_SHOWN = 5

MAX_BAD_SHARE = 0.01

MAX_REPAIRED_SHARE = 0.001


class Decoded(NamedTuple):
    """A report's text and the encoding it was read with."""

    text: str
    encoding: str


def decode_text(data: bytes, name: str) -> Decoded:
    """Decode report bytes: BOM, strict UTF-8, charset-normalizer, repair (U+FFFD left for clean_text to report)."""
    for bom, codec in BOMS:
        if data.startswith(bom):
            try:
                return Decoded(check_readable(data.decode(codec), name), codec)
            except UnicodeDecodeError:
                break
    try:
        return Decoded(check_readable(data.decode("utf-8"), name), "utf-8")
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
    return Decoded(check_readable(text, name), codec)


def repair_decode(data: bytes, name: str) -> Decoded:
    """Decode a file with a few corrupt bytes (a cut multibyte character) with U+FFFD in their place."""
    candidates = []
    for codec in ("utf-8", "gb18030"):
        text = data.decode(codec, errors="replace")
        candidates.append((text.count("\ufffd"), codec, text))
    bad, codec, text = min(candidates)
    # Random bytes leave far more holes than this; a damaged real file leaves a handful.
    if bad > MAX_REPAIRED_SHARE * len(text):
        raise ReportError(f"{name}: undecodable bytes (not UTF-8, GBK/GB18030 or another text encoding)")
    return Decoded(check_readable(text, name), codec)  # clean_text reports the U+FFFD and where they are


def check_readable(text: str, name: str) -> str:
    """Reject text that is mostly replacement or control characters (garbage decoded as text)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = len(_BAD_CHAR.findall(text))  # a regex scan is ~20x faster than str.translate here
    if text and bad / len(text) > MAX_BAD_SHARE:
        raise ReportError(f"{name}: undecodable bytes ({bad} of {len(text)} characters are unreadable)")
    return text


def clean_text(text: str) -> tuple[str, tuple[str, ...]]:
    """The text without control characters (page breaks read as line breaks, the others as spaces),
    and warnings that say how many there were and where, and how many characters show as U+FFFD
    (bytes that could not be decoded, here or by whatever converted the file before)."""
    warnings = []
    junk = [m.start() for m in _JUNK.finditer(text)]
    if junk:
        kinds = Counter(f"U+{ord(text[i]):04X}" for i in junk)
        listed = ", ".join(f"{code} ×{n}" for code, n in sorted(kinds.items()))
        warnings.append(f"{len(junk)} control character(s) ({listed}) replaced by spaces: {places(text, junk)}")
        text = _JUNK.sub(" ", text)
    if any(c in text for c in _PAGE_BREAKS):
        text = text.translate({ord(c): "\n" for c in _PAGE_BREAKS})
    holes = [m.start() for m in _REPLACEMENT.finditer(text)]
    if holes:
        warnings.append(f"{len(holes)} character(s) could not be decoded and show as U+FFFD (�): {places(text, holes)}")
    return text, tuple(warnings)


def places(text: str, offsets: list[int]) -> str:
    """``line 12 (offset 3456), …``: the first PLACES_SHOWN offsets with their line numbers."""
    shown, line, pos = [], 1, 0
    for offset in offsets[:PLACES_SHOWN]:
        line += len(_LINE_BREAK.findall(text, pos, offset))
        pos = offset
        shown.append(f"line {line} (offset {offset})")
    more = len(offsets) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")
