"""Indicator names compared as a reader would: scope words, years and quotes do not change the quantity."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from planbook.terms import INDICATOR_TERMS, terms

_YEAR_PREFIX = re.compile(r"^\d{4}年度?")
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")


@lru_cache(maxsize=1)
def _scope_words() -> tuple[str, ...]:
    # Longest first, so that 规模以上 is removed before 规上 would be tried.
    return tuple(sorted(terms(INDICATOR_TERMS, "scope"), key=lambda w: (-len(w), w)))


@lru_cache(maxsize=65536)  # tables and the audit compare the same few names again and again
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


# A number or a money unit in a name beside another name's words (营业收入超百亿元县域特色产业集群, 财政收入过亿元
# 的县, 万元国内生产总值综合能耗): it names a size class or an intensity, not the quantity those words name.
_AMOUNT_RE = re.compile(r"[0-9]|[元亿]")


def adds_an_amount(name: str, part: str) -> bool:
    """Whether ``name``, holding ``part``, adds a number or a money unit to it."""
    return _AMOUNT_RE.search(name.replace(part, "", 1)) is not None


def within_a_word(name: str, part: str) -> bool:
    """Whether ``part`` stands in ``name`` only inside a word of the ``compound`` terms (出口总值 in 进出口总值)."""
    at = name.find(part)
    for word in terms(INDICATOR_TERMS, "compound"):
        k = name.find(word)
        while k >= 0:
            if k < at < k + len(word):
                return True
            k = name.find(word, k + 1)
    return False


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


class NameIndex:
    """Many names, and for any other name the ones ``name_match`` pairs it with, found without
    comparing it to each: normalised names are looked up whole and by their substrings."""

    def __init__(self, names: Iterable[str]) -> None:
        self._raw = set(names)
        self._by_norm: dict[str, set[str]] = {}
        for name in self._raw:
            self._by_norm.setdefault(normalise_name(name), set()).add(name)
        self._by_norm.pop("", None)  # an empty normalised name matches only itself as written
        # Every substring of every normalised name → the normalised names holding it.
        self._holders: dict[str, set[str]] = {}
        for norm in self._by_norm:
            for sub in _substrings(norm):
                self._holders.setdefault(sub, set()).add(norm)
        self._cache: dict[str, dict[str, int]] = {}

    def matches(self, name: str) -> dict[str, int]:
        """The indexed names with a non-zero ``name_match(name, indexed)``, and that score."""
        found = self._cache.get(name)
        if found is not None:
            return found
        found = {}
        norm = normalise_name(name)
        if norm:
            inside = {s for s in _substrings(norm) if s in self._by_norm}  # names within this one
            for other in inside | self._holders.get(norm, set()):  # … and names holding it
                score = 2 if other == norm else 1
                for raw in self._by_norm[other]:
                    found[raw] = score
        if name in self._raw:
            found[name] = 2
        self._cache[name] = found
        return found


def _substrings(text: str) -> set[str]:
    """Every non-empty substring of ``text``."""
    return {text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1)}
