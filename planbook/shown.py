"""Names and messages as printed: control characters escaped, so that a file name cannot move the cursor,
clear the terminal, start a new line or reverse the text of what follows it.

A file may be named with any byte but ``/`` and NUL: ``report\\x1b[2J.txt`` or a name with a newline in
it would otherwise act on the terminal, or forge a second message line. Every line planbook prints
about a file goes through :func:`shown` (a name) or :func:`printable` (a whole message line).
"""

from __future__ import annotations

import os
import unicodedata

# Format characters that reorder what is shown (bidirectional embeddings, overrides and isolates).
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in NAMED:
        return NAMED[ch]
    code = ord(ch)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _hidden(ch: str) -> bool:
    """A control character (C0, DEL, C1), a line or paragraph separator, a bidi control, or an unpaired
    surrogate (a byte of a name that was not UTF-8)."""
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp", "Cs") or ch in BIDI


def printable(text: str, keep_newlines: bool = False) -> str:
    """``text`` with every control character escaped as ``\\x1b``, ``\\n``, ``\\u202e`` … (newlines kept
    when asked: a message of several lines)."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == "\n" and keep_newlines:
            out.append(ch)
        elif _hidden(ch):
            out.append(_escape(ch) if not 0xDC80 <= ord(ch) <= 0xDCFF else f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch)
    return "".join(out)


def shown(path: str | os.PathLike[str]) -> str:
    """A file name as printed in a message (control characters escaped)."""
    return printable(os.fspath(path))
