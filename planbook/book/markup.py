"""Text from a report placed into a page so that it shows exactly as written, in each context.

* markdown text (headings, emphasis, table cells, link text): ``md_escape`` backslash-escapes
  punctuation, which markdown turns back into the character;
* a link to a page whose text is a title from a report: ``doc_link``, a markdown link — a role's
  text (``{doc}`text <target>```) is not markdown, so a backslash would show, and Sphinx takes the
  first ``<`` of the text for the start of the target;
* role text of names planbook makes itself (pages, data files): ``role``, nothing escaped;
* HTML (``{raw} html`` blocks): ``html_escape``;
* the table of contents is YAML written by ``yaml.safe_dump``, which quotes what YAML needs.
"""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~^:&=@%\"'])")
_BACKTICKS = re.compile(r"`+")


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


def doc_link(text: object, doc: str, suffix: str = ".md") -> str:
    """A markdown link to the page ``doc`` (its path without ``suffix``) whose text shows as written."""
    return f"[{md_escape(text)}]({doc}{suffix})"


def role(name: str, text: object = "", target: str = "") -> str:
    """A MyST role ``{name}`text <target>``` for a name planbook makes (shown as written, unescaped).

    Sphinx reads the text up to its first ``<`` as the title: such a text is refused.
    """
    content = one_line(text)
    if "<" in content:
        raise ValueError(f"role text {content!r} holds '<': use doc_link")
    if target:
        content = f"{content} <{target}>" if content else target
    fence = "`" * (1 + max((len(m.group()) for m in _BACKTICKS.finditer(content)), default=0))
    # A fence may not touch a backtick of the text.
    content = (" " if content.startswith("`") else "") + content + (" " if content.endswith("`") else "")
    return f"{{{name}}}{fence}{content}{fence}"
