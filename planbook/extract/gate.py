"""The name gate: is an indicator name a name a reader could use, or a fragment of the clause around a number?

A row whose name fails stays in ``indicators.csv`` with ``name_flag`` saying why, and is left out of every
table, chart, headline, target and series (:func:`planbook.model.named_rows`). The checks are on the shape
of a name, never on one report's wording: a page marker, a list mark, an unmatched bracket, a date, a count
of years, only a place or a time, a comparison, or a function word at either end.
"""

from __future__ import annotations

import re
from functools import lru_cache

from planbook.vocabulary import pattern, words

_LATIN_RE = re.compile(r"[A-Za-z]")  # GDP, CPI, PM2.5, 4S店, 5G基站: letters make a name of their own
_PAGE_MARK_RE = re.compile(r"[—–-]\s*\d{1,3}\s*[—–-]|<!--|-->")
_LIST_MARK_RE = re.compile(r"[①-⒇㈠-㈩]|^[（(]?\d{1,2}[）).、]")
_DATE_RE = re.compile(r"(?<!\d)\d{1,2}月(?:\d{1,2}日)?|(?<!\d)\d{1,2}日|(?:19|20)\d\d年")
_NUMBER_RE = re.compile(r"^\d[\d.]*[\u4e00-\u9fff]{0,2}$")  # 3年, 20., 10大类: a number, not a name
# What the four patterns above need (a digit, a dash of <!-- or -->, a circled number): one scan for all four.
_MARKED_RE = re.compile(r"[\d<\-①-⒇㈠-㈩]")
_PAIRS = (("（", "）"), ("(", ")"), ("《", "》"), ("“", "”"), ("【", "】"), ("「", "」"))
_BRACKET_RE = re.compile("[" + re.escape("".join(a + b for a, b in _PAIRS)) + "]")  # most names hold none
_ONLY_SCOPE_RE = pattern(r"(?:⟨gate_scope⟩|[\u4e00-\u9fff]{1,3}(?:⟨place_side⟩)|⟨scope_phase⟩)+")
_OPENS_RE = pattern(r"^(?:⟨gate_open⟩)")
_CLOSES_RE = pattern(r"(?:⟨gate_close⟩)$")
_COMPARES_RE = pattern(r"^(?:⟨gap_higher⟩|⟨gap_lower⟩)")
_VERBS_ONLY_RE = pattern(r"(?:⟨verb_only⟩|⟨subject_start⟩|⟨amount_verb⟩)+")
_AMOUNT_VERBS = frozenset(words("amount_verb"))  # 投入, 投资: a verb that is the amount it names
_MIN_CJK = 2
_TWO_CJK_RE = re.compile(r"[\u4e00-\u9fff].*?[\u4e00-\u9fff]", re.DOTALL)  # _MIN_CJK of them, without a list

FLAGS: dict[str, str] = {
    "no_name": "no name was found",
    "too_short": "a name of one character",
    "page_marker": "holds a page marker",
    "list_mark": "holds a list mark (①, ⑵, 1.)",
    "bracket": "holds an unmatched bracket or quote",
    "date": "holds a date",
    "number": "only a number",
    "place_or_time": "only a place or a time",
    "comparison": "a comparison, not what is compared",
    "fragment": "opens or closes with a word that cannot end a name (了, 以, 和, 等 …)",
    "verb_only": "only verbs or adverbs (推进, 圆满)",
}


@lru_cache(maxsize=16384)
def name_flag(name: str) -> str:
    """Why ``name`` is no usable indicator name (a key of FLAGS), or "" when it passes."""
    if not name:
        return "no_name"
    marked = _MARKED_RE.search(name) is not None  # most names hold no digit nor mark: four tests spared
    if marked and _PAGE_MARK_RE.search(name):
        return "page_marker"
    if marked and _LIST_MARK_RE.search(name):
        return "list_mark"
    if not _balanced(name):
        return "bracket"
    if marked and _DATE_RE.search(name):
        return "date"
    if marked and _NUMBER_RE.match(name):
        return "number"
    if _TWO_CJK_RE.search(name) is None and not (_LATIN_RE.search(name) and len(name) >= _MIN_CJK):
        return "too_short"
    if _ONLY_SCOPE_RE.fullmatch(name):
        return "place_or_time"
    if _COMPARES_RE.match(name):
        return "comparison"
    if _OPENS_RE.match(name) or _CLOSES_RE.search(name):
        return "fragment"
    if name not in _AMOUNT_VERBS and _VERBS_ONLY_RE.fullmatch(name):
        return "verb_only"
    return ""


def _balanced(name: str) -> bool:
    """Every bracket and quote opened in the name is closed in it, in order."""
    if _BRACKET_RE.search(name) is None:
        return True  # one scan in C, not one Python loop over the name per pair
    for left, right in _PAIRS:
        if left not in name and right not in name:
            continue
        depth = 0
        for ch in name:
            if ch == left:
                depth += 1
            elif ch == right:
                depth -= 1
                if depth < 0:
                    return False
        if depth:
            return False
    return True
