"""Text from a report placed into a page so that it shows exactly as written, in each context.

* markdown text (headings, emphasis, table cells): ``md_escape`` backslash-escapes punctuation,
  which markdown turns back into the character;
* HTML (``{raw} html`` blocks): ``html_escape``;
* the table of contents is YAML written by ``yaml.safe_dump``, which quotes what YAML needs.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~^:&=@%\"'])")


def one_line(text: object) -> str:
    """The text with every run of white space (newlines included) as one space, trimmed."""
    return " ".join(str(text).split())


def md_escape(text: object) -> str:
    """Text safe for a markdown line: every ASCII punctuation backslash-escaped, newlines removed."""
    return _MD_SPECIAL.sub(r"\\\1", one_line(text))


def md_cell(text: object) -> str:
    """A markdown table cell (escaped; None is empty)."""
    return md_escape("" if text is None else text)


def html_escape(text: object) -> str:
    """HTML-escaped text that also survives a MyST ``{raw}`` block (no backticks, no braces)."""
    return html.escape(str(text), quote=True).replace("`", "&#96;").replace("{", "&#123;").replace("}", "&#125;")
