"""Five-year spans: named in words (十四五 → 2021-2025), and those a report's headings review and plan."""

from __future__ import annotations

import re

from planbook.model import Period
from planbook.text.numerals import cn_int
from planbook.vocabulary import pattern

# Ordinal of a five-year plan in words (十四五, 第十四个五年规划) → its first year.
_FYP_RE = pattern(
    r"[“\"]\s*([一二三四五六七八九十]{1,3})\s*五\s*[”\"]"
    r"|(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})五(?=⟨fyp_after⟩)"
)
_FYP_LONG_RE = pattern(r"第([一二三四五六七八九十]{1,3})个五年(?:⟨fyp_long_name⟩)")
PAST_FIVE_RE = pattern(r"⟨past_five⟩|⟨this_term⟩")
NEXT_FIVE_RE = pattern(r"⟨plan_span_open⟩")
_REVIEW_MARK_RE = pattern(r"⟨review_mark⟩")

REVIEW_HEADING_RE = pattern(r"⟨review_heading⟩")
PLAN_HEADING_RE = pattern(r"⟨plan_heading⟩")


def five_year_span(ordinal: int) -> str:
    """The years of the N-th five-year plan (from the third, 1966-1970, they follow each other)."""
    if ordinal < 3:
        return ""
    start = 1966 + 5 * (ordinal - 3)
    return str(Period(start, start + 4))


def spans_named(text: str) -> list[str]:
    """Five-year spans named in a text (十三五 → 2016-2020), in order of appearance."""
    found: list[tuple[int, str]] = []
    for rx in (_FYP_RE, _FYP_LONG_RE):
        for m in rx.finditer(text):
            span = five_year_span(cn_int(next(g for g in m.groups() if g)) or 0)
            if span:
                found.append((m.start(), span))
    return [s for _, s in sorted(found)]


def spans(headings: tuple[str, ...], delivered: int | None) -> tuple[str, str]:
    """Five-year spans reviewed and planned, from headings (十三五 …, 过去五年, 今后五年)."""
    review_span = plan_span = ""
    for h in headings:
        h = re.split(r"[，。；\s]", h, maxsplit=1)[0][:30]  # a heading run into its paragraph
        named = spans_named(h)
        if REVIEW_HEADING_RE.search(h) or _REVIEW_MARK_RE.search(h):
            if named and not review_span:
                review_span = named[0]
            elif not review_span and delivered and PAST_FIVE_RE.search(h):
                review_span = str(Period(delivered - 5, delivered - 1))
        elif PLAN_HEADING_RE.search(h) or named:
            if named and not plan_span:
                plan_span = named[-1]
            elif not plan_span and delivered and NEXT_FIVE_RE.search(h):
                plan_span = str(Period(delivered, delivered + 4))
    return review_span, plan_span


def outline_spans(named: list[str], review_span: str, plan_span: str) -> tuple[str, str]:
    """A five-year plan's spans: the one its title names, and the five years before it."""
    plan_span = named[0] if named else plan_span
    if plan_span and not review_span:
        planned = Period.parse(plan_span)
        if planned is not None:
            review_span = str(Period(planned.start - 5, planned.start - 1))
    return review_span, plan_span
