"""Word lists a reader may adjust, read from ``data/`` (list files: ``list,word,note``), once per process.

``data/indicator_terms.csv`` holds the words the tables use on indicator names (scope words, headline
indicators, household incomes); ``data/audit_vocabulary.csv`` the words of the audit (the total and
the three sectors, words of rise and fall). Code asks for a list by name and never spells the words.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from planbook.model import ReportError
from planbook.vocabulary import DATA_DIR, read_lists

INDICATOR_TERMS = "indicator_terms.csv"
AUDIT_VOCABULARY = "audit_vocabulary.csv"


@lru_cache(maxsize=8)
def word_lists(name: str, data_dir: str | Path = DATA_DIR) -> dict[str, tuple[str, ...]]:
    """The lists of ``data_dir/name`` by name, in file order; a missing or malformed file is a clear error."""
    try:
        return read_lists(Path(data_dir) / name)
    except ValueError as exc:
        raise ReportError(str(exc)) from None


def terms(name: str, list_name: str) -> tuple[str, ...]:
    """The words of one list of one file (empty when the file has no such list)."""
    return word_lists(name).get(list_name, ())
