"""Indicator names compared as a reader would: scope words, years and quotes do not change the quantity."""

from __future__ import annotations

import re
from functools import lru_cache

from planbook.terms import INDICATOR_TERMS, terms

_YEAR_PREFIX = re.compile(r"^\d{4}年度?")
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")


@lru_cache(maxsize=1)
def _scope_words() -> tuple[str, ...]:
    # Longest first, so that 规模以上 is removed before 规上 would be tried.
    return tuple(sorted(terms(INDICATOR_TERMS, "scope"), key=lambda w: (-len(w), w)))


def normalise_name(name: str) -> str:
    """Indicator name without leading scope words (全区, 全社会, 规上 … in data/), years and quotes."""
    s = str(name).translate(_QUOTES).strip()
    scopes = _scope_words()
    changed = True
    while changed:
        changed = False
        m = _YEAR_PREFIX.match(s)
        if m:
            s, changed = s[m.end() :], True
        for p in scopes:
            if s.startswith(p) and len(s) > len(p):
                s, changed = s[len(p) :], True
                break
    return s


def name_match(a: str, b: str) -> int:
    """2 when the names are equal, 1 when one contains the other after normalising, else 0."""
    if a == b:
        return 2
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0
    if na == nb:
        return 2
    return 1 if (na in nb or nb in na) else 0
