"""Read every quantity of a report, sentence by sentence, each in the context the earlier ones leave."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import pandas as pd

from planbook.extract.meaning import (
    CONTINUE_RE,
    PLAN_REF_RE,
    QUAL_AFTER_RE,
    SIGNED,
    last_match,
    measure_of,
    qualifier_of,
)
from planbook.extract.names import (
    DENG_RE,
    KEEP_VERB_RE,
    NEW_RE,
    VERB_END_RE,
    canonical,
    compose,
    is_verb_only,
    lead_subject,
    list_names,
    post_noun,
    strip_subject,
)
from planbook.extract.numbers import (
    CANDIDATE_RE,
    CJK_RE,
    DELIM_RE,
    FULLWIDTH,
    FULLWIDTH_RE,
    Num,
    clause_start,
    compact,
    find_numbers,
    is_skipped,
    quote_spans,
    rank_context,
    structure_rows,
    text_offsets,
    unit_after,
)
from planbook.extract.passages import Timeline, span_bounds
from planbook.extract.periods import (
    AVG_RE,
    CUM_RE,
    FLOW_RE,
    MULTIPLE_GROWTH_RE,
    PAIR_FROM_YEAR_RE,
    PAIR_TO_YEAR_RE,
    STATE_RE,
    When,
    local_span,
    period_kind,
    year_of,
)
from planbook.extract.topics import Topics
from planbook.model import COLUMNS, IndicatorRow, Report, Segmented, Sentence
from planbook.text.segment import segment
from planbook.vocabulary import rate_measure, translate, vocabulary

_FROM_RE = re.compile(r"(?:从|由)(?:原来)?")

_TO_RE = re.compile(
    r"^[^，,；;。]{0,8}?(?:减少|减|压缩|降低|降|缩短|提高|提升|增加|增长|扩大|上升|下降)?(?:到|至|为)"
    r"(?:\d{4}年(?:底|末)?的?|第)?$"
)

_RANGE_RE = re.compile(r"[-~～—–至到](?=\d)")

_LIST_SEP_RE = re.compile(r"^[、和及与]$")

_BARE_UNITS = ("万", "亿", "万亿")


@dataclass
class _Context:
    """What the extractor knows about the report as a whole."""

    report: Report
    review_year: int | None
    timeline: Timeline  # the period and kind of every sentence's passage


def _context(report: Report, seg: Segmented) -> _Context:
    return _Context(report, report.year, Timeline(report, seg))


@dataclass
class _Last:
    """The previous quantity of the sentence, for lists, ranges and elliptical names."""

    name: str
    measure: str
    sign: int
    unit: str
    j: int
    end: int  # end of its unit (start of what follows)
    range_role: str
    post: bool  # its name came after the unit
    period: str = ""


@dataclass(frozen=True)
class _Pair:
    """A before/after pair (从X增长到Y) waiting for its second number."""

    index: int  # position of the after value among the sentence's numbers
    name: str
    measure: str
    before_period: str
    before_kind: str
    after_period: str
    after_kind: str


class _SentenceReader:
    """Reads the quantities of one sentence, left to right, each in the context the earlier ones leave."""

    def __init__(self, c: _Context, topics: Topics, sent: Sentence, text: str, prev_name: str) -> None:
        self.c, self.topics, self.sent = c, topics, sent
        self.ctext, self.cmap = compact(text, sent.start, sent.end, c.report.hidden)
        self.nums = find_numbers(self.ctext)
        self.quotes = quote_spans(self.ctext)
        self.delims = [m.end() for m in DELIM_RE.finditer(self.ctext)]
        self.prev_name = prev_name  # last name in the paragraph
        self.sent_prev = ""  # last name in this sentence
        self.lead = lead_subject(self.ctext)  # the sentence's own subject, for figures that name none
        self.consumed = 0  # compact position up to which words belong to an earlier quantity
        self.last: _Last | None = None
        self.list_names: list[str] | None = None
        self.prev_list: list[str] | None = None
        self.levels: list[str] = []  # names of the sentence's levels, in order
        self.list_pos = 0
        self.structure: dict[int, str] = {}
        self.pending_after: _Pair | None = None
        self.pair_years: tuple[str, str] | None = None  # years of the sentence's last 从…到 pair
        self.range_sep = 0  # where the separator of the current range (1-2个, 8%—10%) stands

    def rows(self) -> list[IndicatorRow]:
        out = []
        for k, n in enumerate(self.nums):
            row = self._read(k, n)
            if row is not None:
                out.append(row)
        return out

    def _unit(self, k: int, n: Num) -> tuple[str, str, int, bool, str] | None:
        """(unit, approx word, end of unit, is rank, range role) of nums[k], or None if not a quantity."""
        ctext = self.ctext
        rank = n.rank
        if n.cn and not rank and not n.amount:
            unit, approx, unit_end = ctext[n.j], "", n.j + 1
        elif rank or (ctext[n.i - 1 : n.i] == "第" and rank_context(ctext, n.i)):
            rank = True
            unit_end = n.j + (1 if ctext[n.j : n.j + 1] in ("位", "名") else 0)
            unit, approx = "位", ""
        else:
            unit, approx, unit_end = unit_after(ctext, n.j)
        if n.i not in self.structure and ctext[n.j : n.j + 1] == ":":
            for p, sector in structure_rows(ctext, self.nums, k) or ():
                self.structure[p.i] = sector
        # Ranges: 1-2个, 30－50项 → two rows sharing the second number's unit.
        range_role = ""
        nxt = self.nums[k + 1] if k + 1 < len(self.nums) else None
        # The unit may be written once (1-2个) or on both ends (8%—10%).
        sep = n.j if nxt is not None and nxt.i - n.j == 1 else unit_end
        if nxt is not None and not n.cn and nxt.i - sep == 1 and _RANGE_RE.match(ctext, sep):
            u2, approx2, end2 = unit_after(ctext, nxt.j)
            if u2 and unit in ("", u2):
                unit, approx, unit_end, range_role = u2, approx2, end2, "range_low"
                self.range_sep = sep
        last = self.last
        if last is not None and last.range_role == "range_low" and n.i - last.end == 1:  # last.end: the separator
            range_role = "range_high"
        if n.i in self.structure:
            return "%", "", n.j, False, ""
        if not unit:
            return None
        if unit in _BARE_UNITS and (ctext[unit_end : unit_end + 1] == "级" or not post_noun(ctext, unit_end)[0]):
            return None  # 50亿级产业集群, 1000万…: a bare 万/亿 counts nothing named
        voc = vocabulary()
        if voc.name_after_unit_re.match(ctext, unit_end) or voc.threshold_re.match(ctext, unit_end):
            return None  # 25条措施 names a document; 10亿元以上项目 is a size class of projects

        return unit, approx, unit_end, rank, range_role

    def _read(self, k: int, n: Num) -> IndicatorRow | None:
        ctext, sent = self.ctext, self.sent
        if n.i not in self.structure and (n.i < self.consumed or is_skipped(ctext, n, self.quotes)):
            return None
        found = self._unit(k, n)
        if found is None:
            return None
        unit, approx, unit_end, rank, range_role = found
        clause = clause_start(ctext, n.i, self.delims)
        ctx = ctext[max(clause, self.consumed) : n.i]
        when = period_kind(self.c.timeline, sent, ctext, n.i, unit_end, clause, unit)
        period, kind = when.period, when.kind
        nxt = self.nums[k + 1] if k + 1 < len(self.nums) else None
        opens_pair = (
            nxt is not None and _FROM_RE.search(ctx) is not None and _TO_RE.match(ctext[unit_end : nxt.i]) is not None
        )
        name, measure, sign, unit_end, used_post = self._meaning(
            k, n, ctx, clause, unit, unit_end, rank, range_role, allow_post=not opens_pair
        )
        qualifier = range_role or qualifier_of(ctext, ctx, unit_end, approx)
        # Before/after pairs: 从5个减少到1个, 由原来公示45日压缩到20日, 从2015年的2.6万亿元增长到2020年的3.62万亿元.
        if self.pending_after is not None and self.pending_after.index == k:
            pair = self.pending_after
            qualifier, name, measure, sign = "after", pair.name, pair.measure, 1
            period, kind = pair.after_period or period, pair.after_kind or kind
            self.pending_after = None
        elif opens_pair:
            opener = last_match(_FROM_RE, ctx)
            if opener is not None:
                before = compose(strip_subject(ctx[: opener.start()]), self.prev_name, self.sent_prev)
                measure = measure if measure in ("ratio_pct", "share_pct", "rank") else "level"
                qualifier, name, sign = "before", before or name, 1
                # The after value is the next quantity (由2018年的1856亿元增加到2023年的2567亿元: not 2023).
                after = next(
                    (q for q in range(k + 1, len(self.nums)) if not is_skipped(ctext, self.nums[q], self.quotes)),
                    k + 1,
                )
                self.pending_after = self._pair(after, name, measure, ctx, unit_end, when)
                period, kind = self.pending_after.before_period or period, self.pending_after.before_kind or kind
        else:
            measure, period = self._spanned(measure, period, ctx, when, unit)
        if when.estimate and not qualifier:
            qualifier = "estimate"
        name = canonical(name)
        if name:
            self.prev_name = self.sent_prev = name
            if measure == "level":
                self.levels.append(name)
        end = self.range_sep if range_role == "range_low" else unit_end
        self.last = _Last(name, measure, sign, unit, n.j, end, range_role, used_post, period)
        # A range's low end leaves its high end (and the shared unit) to the next row.
        if range_role == "range_low":
            self.consumed = max(self.consumed, n.j)
        else:
            qm = QUAL_AFTER_RE.match(ctext, unit_end)
            self.consumed = max(self.consumed, qm.end() if qm else unit_end)
        return self._row(n, name, period, kind, measure, sign, unit, qualifier)

    def _pair(self, after: int, name: str, measure: str, ctx: str, unit_end: int, when: When) -> _Pair:
        """Periods of a before/after pair: its own years, the years of the sentence's last pair, or the span."""
        m_from = PAIR_FROM_YEAR_RE.search(ctx)
        to_text = self.ctext[unit_end : self.nums[after].i] if after < len(self.nums) else ""
        m_to = PAIR_TO_YEAR_RE.search(to_text)
        years = self.pair_years
        if m_from or m_to:
            years = (m_from.group(1) if m_from else "", m_to.group(1) if m_to else "")
            self.pair_years = years
        bounds = span_bounds(when.frame.period) if when.explicit != "clause" else None
        first, last = years if years else ("", "")
        if bounds:
            # 这五年…从6333公里增加到7809公里: from the year before the span to its last year
            first, last = first or str(bounds[0] - 1), last or str(bounds[1])
        tl = self.c.timeline
        return _Pair(
            index=after,
            name=name,
            measure=measure,
            before_period=first,
            before_kind=tl.kind_of_year(int(first)) if first else "",
            after_period=last,
            after_kind=tl.kind_of_year(int(last)) if last else "",
        )

    def _spanned(self, measure: str, period: str, ctx: str, when: When, unit: str) -> tuple[str, str]:
        """Measure and period of a figure in a passage about a span, or of an average or cumulative change.

        In a five-year passage a change is cumulative (五年下降21%, 降幅近40%) and a level without a
        year of its own holds for the span (粮食产量稳定在700亿斤以上, 五年城镇新增就业421万人);
        年均增长 is an average over the span wherever it stands.
        """
        frame = when.frame
        in_span = frame.is_span and when.explicit != "clause"
        if measure in ("avg_change_pct", "cum_change_pct"):
            # an item of a list (分别降低15%、15%、19%) that repeats the first item's measure and period
            last_period = self.last.period if self.last is not None else ""
            return measure, last_period or (frame.period if frame.is_span else period)
        if unit == "倍" and in_span and MULTIPLE_GROWTH_RE.search(ctx):
            return "cum_change_pct", frame.period  # 国家级高新技术企业…增长近5倍: a five-year multiple
        if measure == "change_pct" and AVG_RE.search(ctx):
            span = local_span(ctx, frame, year_of(period) or self.c.review_year)
            return "avg_change_pct", span or period
        if measure == "change_pct" and (in_span or CUM_RE.search(ctx)):
            span = local_span(ctx, frame, year_of(period) or self.c.review_year) if not in_span else frame.period
            if span:
                return "cum_change_pct", span
            return measure, period
        if in_span and measure in ("change_pp", "change_abs"):
            return measure, frame.period
        if in_span and not when.explicit:
            # A state reached (突破12亿吨, 居全国第3位, 占比超30%) is the span's last year; a flow summed
            # over the span (累计压减, 新增3954万亩) or a state held throughout (稳定在700亿斤以上) is the span.
            bounds = span_bounds(frame.period)
            if bounds and (measure == "rank" or STATE_RE.search(ctx)) and not FLOW_RE.search(ctx):
                return measure, str(bounds[1])
            return measure, frame.period
        return measure, period

    def _meaning(
        self,
        k: int,
        n: Num,
        ctx: str,
        clause: int,
        unit: str,
        unit_end: int,
        rank: bool,
        range_role: str,
        allow_post: bool = True,
    ) -> tuple[str, str, int, int, bool]:
        """(name, measure, sign, end of the words used, name came after the unit) of nums[k]."""
        ctext, last = self.ctext, self.last
        if n.i in self.structure:
            return self.structure[n.i], "share_pct", 1, unit_end, False
        if range_role == "range_high" and last is not None:
            return last.name, last.measure, 1, unit_end, False
        if _LIST_SEP_RE.match(ctx) and last is not None and (last.unit == unit or last.post) and not rank:
            # 25%、12%、24% or 50家“六有”合作社、80家“六有”家庭农场: the list shares its context.
            post, post_end = post_noun(ctext, unit_end) if last.post else ("", unit_end)
            if post:
                return post, last.measure, last.sign, max(unit_end, post_end), True
            if self.list_names is not None and self.list_pos < len(self.list_names):
                self.list_pos += 1
                return self.list_names[self.list_pos - 1], last.measure, last.sign, unit_end, False
            return last.name, last.measure, last.sign, unit_end, False
        measure, sign = measure_of(ctx, unit, rank, ctext[clause : n.i])
        subject = strip_subject(ctx)
        if (
            last is not None
            and measure in ("level", "change_pp")
            and last.measure in ("change_pct", "gap_pp")
            and last.unit == unit
            and not subject
            and CONTINUE_RE.fullmatch(ctx)
        ):
            # 增长6.5%左右,力争7% / 高于全国0.9个百分点、全省0.5个百分点: the same kind of figure again
            measure, sign = last.measure, last.sign
        if measure == "ratio_pct" and PLAN_REF_RE.search(ctx):
            subject = ""  # 完成年度计划的95%: the rate of the quantity just named
        self.list_names = None
        if "分别" in ctx:
            head = strip_subject(ctx[: ctx.find("分别")], head_only=False)
            count = _list_length(ctext, self.nums, k)
            # "…分别达到42000元和21000元,分别增长6.8%和8.2%": the second list repeats the first one's names.
            names = list_names(head, count) if head else None
            if names is None and not head and self.prev_list is not None and len(self.prev_list) == count:
                names = self.prev_list
            if names is None and not head:
                # "接待游客560万人次,旅游收入45.2亿元,分别增长15.3%和18.6%": the quantities just named.
                seen = list(dict.fromkeys(self.levels))
                names = seen[-count:] if len(seen) >= count else None
            self.list_names = self.prev_list = names
            if names:
                subject, self.list_pos = names[0], 1
        name, used_post = subject, False
        verb_only = is_verb_only(subject)
        verb_end = VERB_END_RE.search(subject)
        # "动员5278名党员", "X、Y和Z 5个还建项目", "已开工的14条道路": the name follows the unit.
        follows = (
            not name
            or verb_only
            or verb_end is not None
            or ctx.endswith("的")
            or (self.list_names is None and ("、" in name or DENG_RE.match(ctx) is not None))
        )
        bare = unit in _BARE_UNITS  # 11.5万村民: the noun after the number says what is counted
        if allow_post and not rank and measure in ("level", "ratio_pct") and (follows or bare):
            post, post_end = post_noun(ctext, unit_end)
            if post:
                verb = verb_end.group() if verb_end is not None else ""
                prefix = subject if NEW_RE.fullmatch(subject) else (verb if KEEP_VERB_RE.fullmatch(verb) else "")
                name, unit_end, used_post = prefix + post, max(unit_end, post_end), True
            elif verb_only:
                name = ""
                prev = self.sent_prev or self.prev_name
                if NEW_RE.fullmatch(subject) and prev and not NEW_RE.match(prev):
                    name = subject + prev  # 规上工业企业达到150家,新增20家 → 新增规上工业企业
        name = compose(name, self.prev_name, self.sent_prev or self.lead)
        if measure == "level" and unit in ("%", "‰") and not subject and rate_measure(name) in ("ratio_pct", "level"):
            measure = rate_measure(name)  # 城镇化率提高1.6个百分点，达到45%: the rate named before
        return name, measure, sign, unit_end, used_post

    def _row(
        self, n: Num, name: str, period: str, kind: str, measure: str, sign: int, unit: str, qualifier: str
    ) -> IndicatorRow:
        sent, text = self.sent, self.c.report.text
        value = n.value * sign if measure in SIGNED else n.value
        if n.i >= 1 and self.ctext[n.i - 1] in "-−" and (n.i < 2 or CJK_RE.match(self.ctext[n.i - 2])):
            value = -value  # 增长-4.5%: a negative number written with its sign (not 7%-8%, a range)
        start, end = text_offsets(sent, self.cmap, n.i, n.j)
        u = vocabulary().units.get(unit)
        scale = u.scale if u else 1.0
        return IndicatorRow(
            report=self.c.report.id,
            start=start,
            end=end,
            text=text[start:end],
            indicator=name,
            indicator_en=translate(name) if name else "",
            period=period,
            kind=kind,
            measure=measure,
            value=value,
            unit=unit,
            scale=scale,
            value_scaled=value * scale,
            unit_scaled=u.base if u else unit,
            qualifier=qualifier,
            chapter=self.topics.chapter(sent, name),
            part=sent.part.title if sent.part else "",
            section=sent.section.title if sent.section else "",
            sentence_start=sent.start,
            sentence_end=sent.end,
            sentence=text[sent.start : sent.end],
        )


def extract(report: Report, seg: Segmented | None = None) -> list[IndicatorRow]:
    """One row per quantity in the report body, in text order."""
    seg = seg or segment(report)
    c = _context(report, seg)
    text = report.text
    if FULLWIDTH_RE.search(text):
        text = text.translate(FULLWIDTH)
    # Where numbers may be: sentences without any are not read at all.
    candidates = [m.start() for m in CANDIDATE_RE.finditer(text, report.body_start, report.body_stop)]
    topics = Topics(seg, c.timeline.openings)
    rows: list[IndicatorRow] = []
    prev_name, prev_para = "", -1
    for sent in seg.sentences:
        at = bisect_left(candidates, sent.start)
        if at == len(candidates) or candidates[at] >= sent.end:
            continue
        if sent.paragraph != prev_para:
            prev_name, prev_para = "", sent.paragraph
        reader = _SentenceReader(c, topics, sent, text, prev_name)
        found = reader.rows()
        if sent.note:
            # Footnotes and 名词解释 explain words: a goal they state (到2025年GDP超过5000亿元) is kept,
            # but nothing in them is an outcome.
            found = [r for r in found if r.kind == "target"]
        rows.extend(found)
        prev_name = reader.prev_name
    return rows


def _list_length(ctext: str, nums: list[Num], k: int) -> int:
    """How many numbers from nums[k] on form one list (25%、12%和24%)."""
    count = 1
    for q in nums[k + 1 :]:
        between = ctext[nums[k + count - 1].j : q.i]
        unit, _, end = unit_after(ctext, nums[k + count - 1].j)
        if unit:
            between = ctext[end : q.i]
        if _LIST_SEP_RE.match(between):
            count += 1
        else:
            break
    return count


def to_frame(rows: list[IndicatorRow]) -> pd.DataFrame:
    """Rows as a DataFrame with the columns of ``model.COLUMNS``, in text order."""
    df = pd.DataFrame([r.as_dict() for r in rows], columns=list(COLUMNS))
    if not df.empty:
        df = df.sort_values(["start", "end", "measure"], kind="stable").reset_index(drop=True)
    df["period"] = df["period"].astype(str)
    return df
