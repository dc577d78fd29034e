"""Report ids from file names: lower-case ``[a-z0-9-]``, distinct for distinct names, the same on every run.

A name of Latin letters, digits, spaces, dots, underscores and hyphens becomes its lower-case slug
(``Jingzhou District 2020`` → ``jingzhou-district-2020``). Any other character (Chinese, other
punctuation) cannot be spelled in an id, so the slug of the name's Latin letters and digits is
followed by a hash of the whole name (``荆州区2020年报告`` → ``2020-`` and eight hex digits): two
such names never share an id, and ``extract`` and ``build`` say that the id holds a hash.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from planbook.model import ReportError

_PLAIN = re.compile(r"[A-Za-z0-9 ._-]+")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")
HASH_DIGITS = 8


@dataclass(frozen=True)
class ReportId:
    """The id a name gives, and whether a hash stands in it for characters an id cannot hold."""

    name: str
    value: str
    hashed: bool

    def note(self) -> str:
        """A line saying where a hashed id comes from (empty for a readable one)."""
        if not self.hashed:
            return ""
        return (
            f"the report id is {self.value!r}, with a hash of the name {self.name!r} for its characters other "
            "than Latin letters and digits (name the file with those for a readable id)"
        )


def report_id(name: str) -> ReportId:
    """The id of a report named ``name`` (a file name without its extension, or a given id)."""
    # One Unicode form, so that a name typed on one system and saved on another gives one id.
    name = unicodedata.normalize("NFC", name)
    slug = _NOT_ALNUM.sub("-", name.encode("ascii", "ignore").decode().lower()).strip("-")
    if _PLAIN.fullmatch(name) and slug:
        return ReportId(name, slug, hashed=False)
    # A name that is not UTF-8 (a GBK file name on a UTF-8 system) holds surrogates: hashed as they are.
    digest = hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:HASH_DIGITS]
    return ReportId(name, f"{slug or 'report'}-{digest}", hashed=True)


def sanitize_id(raw: str) -> str:
    """Lower-case ``[a-z0-9-]`` id of a name (see ``report_id``)."""
    return report_id(raw).value


def check_names(paths: Iterable[str | Path]) -> None:
    """ReportError for a file name that is not UTF-8 (a book cannot show it, nor a notebook hold it), and
    naming both files when two report files would get the same id (``a b.txt``, ``a-b.txt``)."""
    seen: dict[str, Path] = {}
    for p in map(Path, paths):
        try:
            p.name.encode("utf-8")
        except UnicodeEncodeError:
            shown = str(p).encode("utf-8", "surrogateescape").decode("utf-8", "replace")
            raise ReportError(f"{shown}: the file name is not UTF-8; rename the file") from None
        ident = sanitize_id(p.stem)
        if ident in seen:
            raise ReportError(f"{seen[ident]} and {p} both get the report id {ident!r}; rename one of them")
        seen[ident] = p
