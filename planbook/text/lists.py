"""The words the report's facts are read with (``data/report_facts.csv``): web-page residue, header labels,
issuers, the openings of a review and of a plan. ``⟨list⟩`` slots in a template take a list's words."""

from __future__ import annotations

import re
from functools import lru_cache

from planbook.vocabulary import DATA_DIR, read_rows

FACTS_FILE = "report_facts.csv"
_SLOT = re.compile(r"⟨(\w+)⟩")


@lru_cache(maxsize=1)
def fact_lists() -> dict[str, tuple[str, ...]]:
    """The lists of ``data/report_facts.csv`` by name, each in file order."""
    lists: dict[str, list[str]] = {}
    for r in read_rows(FACTS_FILE):
        lists.setdefault(r["list"], []).append(r["word"])
    return {name: tuple(words) for name, words in lists.items()}


def fact_words(name: str) -> tuple[str, ...]:
    """One list's words; a missing list is an error naming the file."""
    try:
        return fact_lists()[name]
    except KeyError:
        raise KeyError(f"{DATA_DIR / FACTS_FILE}: no word list {name!r}") from None


@lru_cache(maxsize=64)
def fact_pattern(template: str) -> re.Pattern[str]:
    """Compile a template whose ``⟨list⟩`` slots are the alternation of that list's words."""
    source = _SLOT.sub(lambda m: "(?:" + "|".join(fact_words(m.group(1))) + ")", template)
    try:
        return re.compile(source)
    except re.error as exc:
        raise ValueError(f"{DATA_DIR / FACTS_FILE}: a word breaks the pattern {template!r} ({exc})") from None
