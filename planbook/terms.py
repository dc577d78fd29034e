"""Word lists a reader may adjust, read from ``data/`` (CSV with ``role,term[,note]``), once per process.

``data/indicator_terms.csv`` holds the words the tables use on indicator names (scope words, headline
indicators, household incomes); ``data/audit_vocabulary.csv`` the words of the audit (the total and
the three sectors, words of rise and fall). Code asks for a list by role and never spells the words.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from planbook.model import ReportError
from planbook.vocabulary import DATA_DIR, read_rows

INDICATOR_TERMS = "indicator_terms.csv"
AUDIT_VOCABULARY = "audit_vocabulary.csv"


@lru_cache(maxsize=8)
def word_lists(name: str, data_dir: str | Path = DATA_DIR) -> dict[str, tuple[str, ...]]:
    """Terms by role from ``data_dir/name``, in file order; a missing or malformed file is a clear error."""
    path = Path(data_dir) / name
    try:
        rows = read_rows(path)
    except ValueError as exc:
        raise ReportError(str(exc)) from None
    if rows and not {"role", "term"} <= set(rows[0]):
        raise ReportError(f"{path}: needs the columns role and term")
    lists: dict[str, list[str]] = {}
    for row in rows:
        role, term = (row.get("role") or "").strip(), (row.get("term") or "").strip()
        if role and term:
            lists.setdefault(role, []).append(term)
    return {role: tuple(terms) for role, terms in sorted(lists.items())}


def terms(name: str, role: str) -> tuple[str, ...]:
    """The terms of one role in one list (empty when the list has none)."""
    return word_lists(name).get(role, ())
