"""Which year or five-year span each passage of a report speaks about, and whether it reports or plans.

A report is read as a series of passages. A part heading opens one (一、2020年工作回顾 → 2020,
actual; 二、“十四五”时期主要目标任务 → 2021-2025, target; 三、2021年主要工作 → 2021, target), and
the first words of a paragraph can turn to another (这五年 / 过去五年 → the span under review;
刚刚过去的2022年 / 一年来 → the year under review; 今年 → the year of delivery). The passage holds
until the next part or the next such opening. Every figure starts from its sentence's frame; an
explicit year next to the figure (到2025年, 从2015年的…) then wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from planbook.model import Heading, Kind, Period, Report, Segmented, Sentence, plan_year_of, span_years
from planbook.text.profile import spans_named
from planbook.vocabulary import mentions, pattern, words

YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年")
REVIEW_HEADING_RE = pattern(r"⟨review_heading⟩")
PLAN_HEADING_RE = pattern(r"⟨plan_heading⟩")
# Openings of a paragraph that turn the passage to another period.
_LEAD_RE = pattern(r"^⟨paragraph_lead⟩")
REVIEW_SPAN_OPEN = pattern(r"^⟨review_span_open⟩")
PLAN_SPAN_OPEN = pattern(r"^⟨plan_span_open⟩")
PLAN_NAMED_OPEN = pattern(r"^[“\"]?[一二三四五六七八九十]{1,3}五[”\"]?(?:⟨fyp_open_after⟩)")
REVIEW_YEAR_OPEN = pattern(r"^⟨review_year_open⟩")
YEAR_OPEN = pattern(r"^(?:⟨past_year_lead⟩)?((?:19|20)\d{2})年(?!⟨year_open_not_after⟩)")
THIS_YEAR_OPEN = pattern(r"^⟨this_year_open⟩")
YEAR_SO_FAR_OPEN = pattern(r"^⟨year_so_far_open⟩")
_WRITTEN_IN_REVIEW_YEAR_RE = pattern(r"⟨written_in_review_year⟩")
_HAS_REVIEW_YEAR_MARK = mentions("review_year_mark")  # every written_in_review_year word holds one
_PAST_FIVE_RE = pattern(r"⟨past_five⟩")
_NEXT_FIVE_RE = pattern(r"⟨plan_span_open⟩")  # 今后五年, 未来五年: in a heading too
# 今年, 明年, 去年 counted from the year the report speaks in
_RELATIVE_YEARS = {
    **dict.fromkeys(words("this_year_word"), 0),
    **dict.fromkeys(words("next_year_word"), 1),
    **dict.fromkeys(words("last_year_word"), -1),
}
NEXT_YEAR_OPEN = pattern(r"^⟨next_year_open⟩")
_OPENING_REACH = 80  # characters of a paragraph's start that can name its period

# Any of the openings above: most paragraphs open none, and one test turns them away.
_OPENINGS = (
    REVIEW_SPAN_OPEN,
    PLAN_SPAN_OPEN,
    PLAN_NAMED_OPEN,
    REVIEW_YEAR_OPEN,
    YEAR_OPEN,
    YEAR_SO_FAR_OPEN,
    THIS_YEAR_OPEN,
)
_ANY_OPEN = re.compile("|".join(f"(?:{rx.pattern})" for rx in (*_OPENINGS, NEXT_YEAR_OPEN)))
_LEAD_IN_RE = re.compile(r"[^，,：:。；\d]{1,12}[，,：:]")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Frame:
    """The period a passage speaks about and whether it reports (actual) or plans (target)."""

    period: str  # "2020", "2016-2020" or "" when unknown
    kind: str  # actual | target

    @cached_property  # asked for every figure (a frozen dataclass without slots keeps it in its __dict__)
    def is_span(self) -> bool:
        return span_years(self.period) is not None


def _after_lead_in(s: str) -> str:
    """The words after a short lead-in clause (特别需要指出的是，刚刚过去的2005年…), or ""."""
    m = _LEAD_IN_RE.match(s)
    return s[m.end() :] if m else ""


class Timeline:
    """The frame of every sentence of a segmented report, computed once in reading order."""

    def __init__(self, report: Report, seg: Segmented) -> None:
        self.report = report
        self.review_year = report.review_year
        self.delivered = report.delivered_year
        self.now = self._this_year()
        self.plan_year = plan_year_of(self.review_year, report.plan_year, report.genre)
        self._frames: dict[int, Frame] = {}
        self.openings: set[int] = set()  # paragraphs whose first words turn to another period
        self.span_openings: set[int] = set()  # …to a five-year span (这五年…, 过去五年…)
        # An excerpt without its review part (partial "excerpt", see planbook.text.profile) plans from its first words.
        opens_at_plan = report.partial == "excerpt"
        current = self.plan_frame() if opens_at_plan else self.review_frame()
        self._seen_plan = opens_at_plan  # parts after the first plan part plan too (三、千方百计促进经济增长)
        part_start = section_start = -1
        para = -1
        for sent in seg.sentences:
            if sent.part is not None and sent.part.start != part_start:
                part_start = sent.part.start
                current = self.heading_frame(sent.part, self.plan_frame() if opens_at_plan else self.review_frame())
                self._seen_plan = self._seen_plan or current.kind == Kind.TARGET
            if sent.section is not None and sent.section.start != section_start:
                section_start = sent.section.start
                current = self.heading_frame(sent.section, current, default_only=False)
            if sent.paragraph != para:
                para = sent.paragraph
                # the paragraph's first words, not its first sentence: 各位代表！ may be a sentence of its own
                end = seg.paragraphs[para][1] if para < len(seg.paragraphs) else sent.end
                opened = self.opening_frame(report.text[sent.start : min(end, sent.start + _OPENING_REACH)])
                if opened is not None:
                    self.openings.add(para)
                    if opened.is_span:
                        self.span_openings.add(para)
                    current = opened
            self._frames[sent.start] = current

    def frame(self, sent: Sentence) -> Frame:
        """The frame of a sentence (the review year when the sentence is unknown)."""
        frame = self._frames.get(sent.start)
        return frame if frame is not None else self.review_frame()

    # -- frames -------------------------------------------------------------------------------

    def review_frame(self) -> Frame:
        if self.report.genre == "five_year_plan" and self.report.review_span:
            return Frame(self.report.review_span, Kind.ACTUAL)  # an outline reviews five years, not one
        return Frame(str(self.review_year) if self.review_year else "", Kind.ACTUAL)

    def plan_frame(self) -> Frame:
        if self.report.genre == "five_year_plan" and self.report.plan_span:
            return Frame(self.report.plan_span, Kind.TARGET)  # …and plans five: a stock at the end, a flow over them
        return Frame(str(self.plan_year) if self.plan_year else "", Kind.TARGET)

    def relative_year(self, word: str) -> int | None:
        """今年, 明年, 去年 as a year, counted from the year the report speaks in (``now``)."""
        if self.now is None:
            return None
        return self.now + _RELATIVE_YEARS.get(word, 0)

    def _this_year(self) -> int | None:
        """The year 今年 names: the year of delivery; but a plan report read as delivered in its plan year that
        speaks of 明年 or of 今年以来 was written in the year it reviews (a December session)."""
        r = self.report
        if r.genre != "plan_report" or r.review_year is None or r.delivered_year != r.plan_year:
            return r.delivered_year
        body = r.text[r.body_start : r.body_stop]
        # a substring test first: the pattern is tried only on a text that holds 明年 or 今年 at all
        written_then = _HAS_REVIEW_YEAR_MARK(body) and _WRITTEN_IN_REVIEW_YEAR_RE.search(body) is not None
        return r.review_year if written_then else r.delivered_year

    def kind_of_year(self, year: int) -> str:
        """A figure for a year after the one under review is a target; any other is an outcome."""
        if self.report.genre == "communique":
            return Kind.ACTUAL
        return Kind.TARGET if self.review_year is not None and year > self.review_year else Kind.ACTUAL

    def kind_of_span(self, span: str) -> str:
        bounds = span_years(span)
        if bounds is None or self.report.genre == "communique":
            return Kind.ACTUAL
        ref = self.review_year if self.review_year is not None else (self.delivered or bounds[1])
        return Kind.ACTUAL if bounds[1] <= ref else Kind.TARGET

    def review_span(self) -> str:
        if self.report.review_span:
            return self.report.review_span
        return str(Period(self.delivered - 5, self.delivered - 1)) if self.delivered else ""

    def plan_span(self) -> str:
        if self.report.plan_span:
            return self.report.plan_span
        return str(Period(self.delivered, self.delivered + 4)) if self.delivered else ""

    def heading_frame(self, h: Heading, current: Frame, default_only: bool = True) -> Frame:
        """The frame a heading opens: its year, its five-year span, or plan/review by its words.

        A section heading (``default_only=False``) changes the frame only when it names a period.
        """
        title = re.split(r"[。；]", h.title, maxsplit=1)[0][:40]
        m = YEAR_RE.search(title)
        if m:
            year = int(m.group(1))
            return Frame(str(year), self.kind_of_year(year))
        named = spans_named(title)
        if named:
            span = named[0]
            return Frame(span, self.kind_of_span(span))
        if _PAST_FIVE_RE.search(title):
            return Frame(self.review_span(), Kind.ACTUAL)
        if _NEXT_FIVE_RE.search(title):
            return Frame(self.plan_span(), Kind.TARGET)
        if not default_only:
            return current
        if REVIEW_HEADING_RE.search(title):
            return self.review_frame()
        if PLAN_HEADING_RE.search(title) or self._seen_plan:
            return self.plan_frame()
        return self.review_frame()

    def opening_frame(self, sentence: str) -> Frame | None:
        """The frame the first words of a paragraph turn to, or None when they name no period."""
        s = _LEAD_RE.sub("", _SPACE_RE.sub("", sentence[:60]))
        for start in (s, _after_lead_in(s)):
            frame = self._opened(start)
            if frame is not None:
                return frame
        return None

    def _opened(self, s: str) -> Frame | None:
        """The frame named by the words at the start of s."""
        if not _ANY_OPEN.match(s):
            return None
        if REVIEW_SPAN_OPEN.match(s):
            return Frame(self.review_span(), Kind.ACTUAL)
        if PLAN_SPAN_OPEN.match(s):
            return Frame(self.plan_span(), Kind.TARGET)
        if PLAN_NAMED_OPEN.match(s):
            named = spans_named(s[:12])
            if named:
                return Frame(named[0], self.kind_of_span(named[0]))
        if REVIEW_YEAR_OPEN.match(s):
            return self.review_frame()
        m = YEAR_OPEN.match(s)
        if m:
            year = int(m.group(1))
            return Frame(str(year), self.kind_of_year(year))
        if YEAR_SO_FAR_OPEN.match(s) and self.now:
            return Frame(str(self.now), Kind.ACTUAL)  # 今年以来: what the year has brought so far
        if THIS_YEAR_OPEN.match(s) and self.now:
            return Frame(str(self.now), self.kind_of_year(self.now))
        if NEXT_YEAR_OPEN.match(s) and self.now:
            return Frame(str(self.now + 1), self.kind_of_year(self.now + 1))
        return None
