"""The period and kind of one figure: its passage's frame, an explicit year beside it, or the span it sums over."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planbook.extract.meaning import last_match_of
from planbook.extract.numbers import LIST_SEPS
from planbook.extract.passages import Frame, Timeline
from planbook.model import Kind, Measure, Period, span_years, year_of
from planbook.prefilter import longest_match
from planbook.text.numerals import cn_int
from planbook.text.profile import spans_named
from planbook.vocabulary import ending, mentions, pattern, units_of, words

# A year not inside a longer number: the look-behind after the digits, so that the pattern opens with them (re
# skips to a 1 or 2 instead of trying the look-behind at every position).
_YEAR_RE = pattern(r"((?:19|20)\d{2})(?<![\d.]\d{4})年(⟨year_suffix⟩)?")
_SINCE = frozenset(words("since_suffix"))
_NOT_OWN_YEAR_BEFORE = words("not_own_year_before")  # 比2020年提高, 从2015年的, 按2005年价格: a base, a reference
_DEADLINE_BEFORE = words("deadline_word")
_OF = words("attributive")
_RATIO_UNITS = units_of("ratio")  # 倍
_RATIO_OR_SHARE = _RATIO_UNITS | {"%", "‰"}

_TARGET_RE = pattern(r"⟨goal_word⟩")

# 82项年度重点任务全部完成: a task done is an outcome, not a target.
_TASK_AFTER_RE = pattern(r"[^，,；;。]{0,6}?(?:⟨task_lead⟩)?⟨task_noun⟩(?![^，,；;。]{0,6}⟨task_done⟩)")
# The task noun ends within this many characters of the figure: a search for it there turns most figures away
# (when the nouns are plain words: a condition of a word might look past the reach).
_TASK_NOUN_RE = pattern(r"⟨task_noun⟩")
_TASK_REACH = longest_match(_TASK_AFTER_RE.pattern) if all(re.escape(w) == w for w in words("task_noun")) else None

# Words that report a target met (超额完成…目标任务): the target noun before them names no new goal.
_DONE_RE = pattern(r"⟨goal_met⟩")

_last_target = last_match_of(_TARGET_RE)

_WEAK_TARGET_WORDS = frozenset(words("weak_goal_word"))

_WITHIN_RE = pattern(r"[^，,；;。]{0,3}⟨within⟩")

# A gap word just before a goal noun (高于年度目标, 低于年初计划): the goal is what an outcome is compared with.
_GOAL_COMPARED_RE = pattern(r"(?:⟨gap_higher⟩|⟨gap_lower⟩|⟨goal_compared⟩)⟨goal_qualifier⟩*$")

_ESTIMATE_RE = pattern(r"⟨estimate_word⟩")

_PART_OF_YEAR_RE = pattern(r"⟨part_of_year⟩")
_WHOLE_YEAR_RE = pattern(r"⟨whole_year⟩")
# What may stand before part-of-year words that open a sentence: its year and its region (2022年全县1-11月).
_SENTENCE_OPENING_RE = pattern(r"(?:(?:19|20)\d\d年)?(?:⟨own_region⟩)?")
_HAS_PART_OF_YEAR = mentions("part_of_year_mark")


@dataclass(slots=True)  # one per number: slotted, not frozen (a frozen __init__ costs three times as much)
class When:
    """The period and kind of one figure, and where its period came from."""

    period: str
    kind: str
    estimate: bool
    partial: bool  # of part of the year only (1-11月, 前三季度, 上半年, 3月份)
    explicit: str  # "clause": a year in the figure's clause; "sentence": earlier in the sentence; ""
    frame: Frame


def period_kind(timeline: Timeline, frame: Frame, ctext: str, i: int, unit_end: int, clause: int, unit: str) -> When:
    """Year the figure refers to, actual/target, whether it is an estimate, and where the year came from.

    ``frame`` is the frame of the figure's sentence (``timeline.frame(sentence)``).
    """
    kind, period = frame.kind, frame.period
    before = ctext[:i]
    dated, where = _dated(timeline, before, i, clause, unit)
    if dated is not None:
        year, to = dated
        period = str(year)
        kind = _kind_of_year(timeline, year, to, kind)
    if kind == Kind.ACTUAL and (_names_a_goal(before) or _task_after(ctext, unit_end)):
        kind = Kind.TARGET
    estimate = kind == Kind.ACTUAL and _ESTIMATE_RE.search(before) is not None
    return When(period, kind, estimate, _of_part_of_year(before, clause), where, frame)


_Dated = tuple[int, bool]  # a year and whether it is a deadline (到2025年)


def _dated(timeline: Timeline, before: str, i: int, clause: int, unit: str) -> tuple[_Dated | None, str]:
    """The year the words before a figure give it, and where they stand ("clause" or "sentence"), or (None, "")."""
    has_year = "年" in before  # both year patterns need it: most figures have none before them
    in_clause, in_sentence = _years_written(before, i, clause, unit) if has_year else (None, None)
    if in_clause is not None:
        return in_clause, "clause"
    # 今年全社会固定资产投资力争完成1万亿元: 今年 is the year of delivery, whatever the passage
    m = _LAST_RELATIVE_RE.search(before, clause) if has_year else None
    year = timeline.relative_year(m.group(1)) if m else None
    if year is not None:
        return (year, False), "clause"
    if in_sentence is None and _HAS_RELATIVE_YEAR(before):
        # 今年，地区生产总值预期增长6%，固定资产投资增长8%: a 今年 earlier in the sentence dates its later clauses
        m = _LAST_RELATIVE_RE.search(before, 0, clause)
        year = timeline.relative_year(m.group(1)) if m else None
        in_sentence = (year, False) if year is not None else None
    return (in_sentence, "sentence") if in_sentence is not None else (None, "")


def _years_written(before: str, i: int, clause: int, unit: str) -> tuple[_Dated | None, _Dated | None]:
    """The last year written in the figure's clause, and the first written earlier in its sentence."""
    in_clause: _Dated | None = None
    in_sentence: _Dated | None = None
    for m in _YEAR_RE.finditer(before):
        year = _year_of(before, m, i, unit)
        if year is None:
            continue
        if m.start() >= clause:
            in_clause = year
        elif in_sentence is None:
            in_sentence = year
    return in_clause, in_sentence


def _year_of(before: str, m: re.Match[str], i: int, unit: str) -> _Dated | None:
    """The year a match of _YEAR_RE gives the figure, or None when it is a base, a reference or a span."""
    if (m.group(2) or "") in _SINCE:
        return None
    if before.endswith(_NOT_OWN_YEAR_BEFORE, 0, m.start()):
        return None  # a base year (比2020年提高, 从2015年的…, 按2005年价格): the figure is not of that year
    of_end = next((m.end() + len(w) for w in _OF if before.startswith(w, m.end())), None)
    if of_end is not None and (of_end != i or unit in _RATIO_OR_SHARE):
        return None  # 恢复到2019年的97%, 是2005年的2.3倍: a year of reference; but 2018年的1856亿元 is a 2018 figure
    if _YEAR_RANGE_AFTER_RE.match(before, m.end()):
        return None  # 2016—2020年 names a span, not one year
    return int(m.group(1)), before.endswith(_DEADLINE_BEFORE, 0, m.start())


def _kind_of_year(timeline: Timeline, year: int, deadline: bool, kind: str) -> str:
    """Actual or target for a figure dated ``year``: a later year than the one reviewed is planned."""
    if timeline.report.genre == "communique":
        return Kind.ACTUAL
    if timeline.review_year is not None and year > timeline.review_year:
        return Kind.TARGET
    return Kind.ACTUAL if not deadline or kind == Kind.ACTUAL else kind


def _of_part_of_year(before: str, clause: int) -> bool:
    """The figure after ``before`` (its sentence so far; its clause from ``clause``) is of part of the year:
    words such as 1-11月 or 前三季度 stand in its clause or open the sentence (1至11月，全县完成…，增长12%),
    and no whole-year words (全年, 年末) since them. Elsewhere they set a scene (在上半年价格下滑的情况下，
    粮食总产量达到…) or date another deed of a long sentence."""
    if not _HAS_PART_OF_YEAR(before):
        return False  # every part_of_year word holds a part_of_year_mark: most sentences have none
    last = None
    for last in _PART_OF_YEAR_RE.finditer(before):  # noqa: B007 - the last one is wanted
        pass
    if last is None or _WHOLE_YEAR_RE.search(before, last.end()) is not None:
        return False
    return last.start() >= clause or _SENTENCE_OPENING_RE.fullmatch(before, 0, last.start()) is not None


def _task_after(ctext: str, unit_end: int) -> bool:
    """A count of tasks or goals follows the figure (82项年度重点任务)."""
    if _TASK_REACH is not None and _TASK_NOUN_RE.search(ctext, unit_end, unit_end + _TASK_REACH) is None:
        return False
    return _TASK_AFTER_RE.match(ctext, unit_end) is not None


def _names_a_goal(before: str) -> bool:
    """The words before a figure set a goal (力争, 确保, 目标是 …), not report one met (超额完成…目标任务)."""
    m = _last_target(before)
    if m is None:
        return False
    if _GOAL_COMPARED_RE.search(before, max(0, m.start() - 6), m.start()):
        return False  # 低于年初计划2.5个百分点: an outcome set against its goal, not a goal
    if m.group() in _WEAK_TARGET_WORDS:
        # 超额完成…目标任务, 控制在预期目标之内, 未完成预期目标: a goal reported on, not set
        if _DONE_RE.search(before, max(0, m.start() - 12), m.start()) or _WITHIN_RE.match(before, m.end()):
            return False
    return True


_LAST_RELATIVE_RE = pattern(r"(⟨dating_relative_year⟩)(?!⟨since_suffix⟩)")
_HAS_RELATIVE_YEAR = mentions("dating_relative_year")

_YEAR_RANGE_AFTER_RE = pattern(r"(?:[-—–~]|⟨range_word⟩)(?:19|20)\d{2}年")

STATE_RE = pattern(r"⟨state_word⟩")

FLOW_RE = pattern(r"⟨flow_word⟩")

MULTIPLE_GROWTH_RE = ending(r"⟨multiple_growth⟩(?:⟨perfective⟩)?(?:⟨multiple_lead⟩)?$")

YEAR_ON_YEAR_RE = pattern(r"⟨year_on_year⟩")

AVG_RE = pattern(r"⟨average_word⟩")

CUM_RE = pattern(r"⟨cumulative_word⟩")

_SPAN_WORDS_RE = pattern(
    r"(?:⟨recent_years_lead⟩)([两二三四五六七八九十])年|([两二三四五六七八九十]|(?<!\d)[2-9](?!\d))年"
    r"(?:⟨years_span_after⟩)|((?:19|20)\d{2})年(?:⟨since_year⟩)"
)

PAIR_FROM_YEAR_RE = pattern(r"(?:⟨from_word⟩)((?:19|20)\d{2})年(?:⟨year_end⟩)?(?:⟨attributive⟩)?$")

PAIR_TO_YEAR_RE = pattern(r"(?:⟨to_word⟩)((?:19|20)\d{2})年(?:⟨year_end⟩)?(?:⟨attributive⟩)?")


def local_span(ctx: str, frame: Frame, ref: int | None) -> str:
    """A span named next to an average or cumulative change: 近三年, 五年来, 2016年以来, 十三五以来; else the
    passage's span, or ""."""
    return _span_named_in(ctx, ref) or (frame.period if frame.is_span else "")


def _span_named_in(ctx: str, ref: int | None) -> str:
    """The span the words before a figure name (五年累计, 近三年, 2016年以来, 十三五), ending in ``ref``, or ""."""
    named = spans_named(ctx)
    if named:
        return named[-1]
    m = _SPAN_WORDS_RE.search(ctx)
    if m and ref:
        if m.group(3):
            return str(Period(int(m.group(3)), ref))
        count = m.group(1) or m.group(2) or ""
        n = int(count) if count.isdigit() else cn_int(count) or 0
        if n:
            return str(Period(ref - n + 1, ref))
    return ""


def _review_span_to(period: str, timeline: Timeline) -> str:
    """The span under review when it ends in ``period``, the year under review, or "": an average change that
    names no span of its own (全部财政收入年均增长10％ under 过去五年回顾和2002年工作情况) is one over the years
    the report reviews, never over one year."""
    if timeline.report.genre == "communique" or timeline.review_year is None or period != str(timeline.review_year):
        return ""
    span = timeline.review_span()
    bounds = span_years(span)
    return span if bounds is not None and bounds[1] == timeline.review_year else ""


@dataclass(frozen=True)
class PairPeriods:
    """Periods and kinds of the two values of a before/after pair (从X增长到Y), and the years written."""

    before_period: str
    before_kind: str
    after_period: str
    after_kind: str
    years: tuple[str, str] | None  # the years the pair names (从2015年的…到2020年的…), for the next pair


def pair_periods(
    timeline: Timeline, when: When, from_text: str, to_text: str, known: tuple[str, str] | None
) -> PairPeriods:
    """Periods of a before/after pair: its own years, the years of the sentence's last pair, or the span.

    ``from_text`` are the words before the first value, ``to_text`` those between the two values;
    ``known`` the years of an earlier pair in the sentence (一般公共预算收入从2649.2亿元增长到3826.4亿元
    after 从2015年的…到2020年的…: the same years apply).
    """
    m_from = PAIR_FROM_YEAR_RE.search(from_text)
    m_to = PAIR_TO_YEAR_RE.search(to_text)
    years = known
    if m_from or m_to:
        years = (m_from.group(1) if m_from else "", m_to.group(1) if m_to else "")
    bounds = span_years(when.frame.period) if when.explicit != "clause" else None
    first, last = years if years else ("", "")
    if bounds:
        # 这五年…从6333公里增加到7809公里: from the year before the span to its last year
        first, last = first or str(bounds[0] - 1), last or str(bounds[1])
    return PairPeriods(
        before_period=first,
        before_kind=timeline.kind_of_year(int(first)) if first else "",
        after_period=last,
        after_kind=timeline.kind_of_year(int(last)) if last else "",
        years=years,
    )


# A year named in a sentence (2020年全省…): not a base (比2015年), a start (2016年以来) or a deadline.
_SENTENCE_YEAR_RE = pattern(r"(?<!⟨year_not_after⟩)((?:19|20)\d\d)年(?!⟨year_not_before⟩|[-—–]|⟨range_word⟩)")


_CHANGES = frozenset({Measure.CHANGE_PCT, Measure.CHANGE_ABS, Measure.CHANGE_PP})
_BASE_AT_SPAN_END_RE = pattern(
    r"(?:⟨base_word⟩)(“?十[一二三四五六七八九]五”?)(?:⟨span_period⟩)?(?:⟨span_end⟩)(?:⟨attributive⟩)?$"
)
_HAS_SPAN_END = mentions("span_end")
_BASE_RE = pattern(r"(?:⟨base_word⟩)((?:19|20)\d\d)年(?:⟨year_end⟩)?(?:⟨base_tail⟩)?[^，,；;。]{0,6}$")


def _since_base(ctx: str, period: str) -> str | None:
    """The span from the year after a base year named before the figure to the figure's year, when the base is
    more than a year before it (比2015年增长8.5% in 2020 → 2016-2020), else None."""
    year = year_of(period)
    m = _BASE_RE.search(ctx) if year and "年" in ctx else None
    if m is None or int(m.group(1)) >= year - 1:
        return None
    return str(Period(int(m.group(1)) + 1, year))


_BASE_YEAR_RE = pattern(r"(?:⟨base_year_word⟩)(?:19|20)\d\d年")  # 比2007年增长65.8%: a change over the span


def _year_said_before(sentence: str, ctx: str, bounds: tuple[int, int]) -> int | None:
    """A single year of the span named earlier in the sentence than the clause ``ctx``, else None."""
    at = sentence.find(ctx) if ctx else -1
    if at <= 0:
        return None
    found = None
    for m in _SENTENCE_YEAR_RE.finditer(sentence, 0, at):
        year = int(m.group(1))
        found = year if bounds[0] <= year <= bounds[1] else None
    return found


def spanned(
    measure: str, period: str, ctx: str, when: When, unit: str, last_period: str, timeline: Timeline, sentence: str
) -> tuple[str, str]:
    """Measure and period of a figure in a passage about a span, or of an average or cumulative change.

    In a five-year passage a change is cumulative (五年下降21%, 降幅近40%) and a level without a
    year of its own holds for the span (粮食产量稳定在700亿斤以上, 五年城镇新增就业421万人);
    年均增长 is an average over the span wherever it stands. ``last_period`` is the period of the
    sentence's previous figure (an item of a list repeats it); ``sentence`` the whole compact sentence.
    """
    found = _by_its_words(measure, period, ctx, when, unit, last_period, timeline)
    if found is not None:
        return found
    return _in_passage(measure, period, ctx, when, last_period, timeline, sentence)


def _by_its_words(
    measure: str, period: str, ctx: str, when: When, unit: str, last_period: str, timeline: Timeline
) -> tuple[str, str] | None:
    """Measure and period the words right before a figure give it (a base, an average, a multiple), or None."""
    frame = when.frame
    base = _BASE_AT_SPAN_END_RE.search(ctx) if _HAS_SPAN_END(ctx) else None
    if base is not None:
        named = spans_named(base.group(1))  # 较“十三五”末的9323.1亿元: the level at the end of that span
        bounds = span_years(named[0]) if named else None
        if bounds:
            return measure, str(bounds[1])
    since = _since_base(ctx, period) if measure in _CHANGES else None
    if since is not None:
        # 2020年粮食产量…，比2015年增长8.5%: a change over the years since the base, not one year's
        return (Measure.CUM_CHANGE_PCT if measure == Measure.CHANGE_PCT else measure), since
    if measure in (Measure.AVG_CHANGE_PCT, Measure.CUM_CHANGE_PCT):
        # an item of a list (分别降低15%、15%、19%) that repeats the first item's measure and period
        return measure, last_period or (frame.period if frame.is_span else period)
    in_span = frame.is_span and when.explicit != "clause"
    if unit in _RATIO_UNITS and in_span and MULTIPLE_GROWTH_RE.search(ctx):
        return Measure.CUM_CHANGE_PCT, frame.period  # 国家级高新技术企业…增长近5倍: a five-year multiple
    if measure == Measure.CHANGE_PCT and AVG_RE.search(ctx):
        span = local_span(ctx, frame, year_of(period) or timeline.review_year) or _review_span_to(period, timeline)
        return Measure.AVG_CHANGE_PCT, span or period
    return None


def _in_passage(
    measure: str, period: str, ctx: str, when: When, last_period: str, timeline: Timeline, sentence: str
) -> tuple[str, str]:
    """Measure and period of a figure from the passage it stands in (a five-year review, a year named before)."""
    frame, review = when.frame, timeline.review_year
    in_span = frame.is_span and when.explicit != "clause"
    if in_span and last_period and ctx in LIST_SEPS:
        return measure, last_period  # 分别达到14和25平方米: an item of a list has the period of the first
    bounds = span_years(frame.period) if in_span else None
    if in_span and bounds and measure == Measure.CHANGE_PCT and YEAR_ON_YEAR_RE.search(ctx):
        return measure, str(bounds[1])  # 这五年…2012年生产总值同比增长9.6%: the last year's change
    year = _year_said_before(sentence, ctx, bounds) if bounds and not _BASE_YEAR_RE.search(ctx) else None
    if year is not None:
        return measure, str(year)  # 五年来…，2020年生产总值增长3.9%，财政收入增长2.1%: the year said before
    if measure == Measure.CHANGE_PCT and (in_span or CUM_RE.search(ctx)):
        span = local_span(ctx, frame, year_of(period) or review) if not in_span else frame.period
        return (Measure.CUM_CHANGE_PCT, span) if span else (measure, period)
    if in_span and measure in (Measure.CHANGE_PP, Measure.CHANGE_ABS):
        return measure, frame.period
    if measure == Measure.LEVEL and not in_span and when.explicit != "clause" and FLOW_RE.search(ctx):
        # 全社会固定资产投资五年累计完成9325亿元: a flow summed over the span its words name, not one year's
        span = _span_named_in(ctx, year_of(period) or review)
        if span:
            return measure, span
    if in_span and not when.explicit:
        return measure, _span_or_its_end(measure, ctx, frame, bounds, sentence)
    return measure, period


@lru_cache(maxsize=64)
def _level_base_re(year: int) -> re.Pattern[str]:
    """比2007年, 是2005年的, 相当于2015年: the year set as the base of a level."""
    return pattern(rf"(?:⟨level_base_word⟩){year}年")


def _span_or_its_end(measure: str, ctx: str, frame: Frame, bounds: tuple[int, int] | None, sentence: str) -> str:
    """A state reached (突破12亿吨, 居全国第3位, 占比超30%) is the span's last year; a flow summed over the span
    (累计压减, 新增3954万亩) or a state held throughout (稳定在700亿斤以上) is the span."""
    base = bounds and _level_base_re(bounds[0] - 1).search(sentence)
    if bounds and (measure == Measure.RANK or STATE_RE.search(ctx) or base) and not FLOW_RE.search(ctx):
        # 全部财政收入3479.3亿元…比2007年增长1.3倍: a level set against the year before the span is its last year's
        return str(bounds[1])
    return frame.period
