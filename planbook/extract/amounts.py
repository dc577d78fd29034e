"""What an amount of money is for, when the words around it say: a project named after it, a deed it paid for."""

from __future__ import annotations

from planbook.extract.counted import deed_after, project_after
from planbook.extract.state import Named
from planbook.vocabulary import pattern, words

AMOUNT_VERBS = frozenset(words("amount_verb"))  # verbs that are the amount they name (投入, 投资)
_INVEST_WORD = words("investment_word")[0]
_INVEST_END_RE = pattern(r"(?:⟨investment_word⟩)$")
_OF_RE = pattern(r"⟨attributive⟩")


def spent_on(ctext: str, subject: str, unit_end: int) -> Named | None:
    """投资2.5亿元，实施俄罗斯风情精品街项目: the amount is what it paid for's (俄罗斯风情精品街项目投资)."""
    deed = deed_after(ctext, unit_end) if subject in AMOUNT_VERBS else ""
    return Named(deed + subject, unit_end, False) if deed else None


def paid_for(ctext: str, subject: str, unit_end: int) -> Named | None:
    """The name of an amount by what it is for: 总投资7亿元的时代广场商业项目 (the investment of the project named
    after the amount), else :func:`spent_on`."""
    of = _OF_RE.match(ctext, unit_end) if _INVEST_END_RE.search(subject) else None
    project = project_after(ctext, of.end()) if of is not None else ""
    if project:
        return Named(project + _INVEST_WORD, of.end() + len(project), True)
    return spent_on(ctext, subject, unit_end)
