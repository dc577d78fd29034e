"""Read every quantity of a report, sentence by sentence, each in the context the earlier ones leave."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planbook.extract.amounts import AMOUNT_VERBS as _AMOUNT_VERBS
from planbook.extract.amounts import paid_for, spent_on
from planbook.extract.areas import compared, rank_name
from planbook.extract.counted import counts_things, is_joiner, sizes_a_class, unit_list
from planbook.extract.counted import list_names as counted_names
from planbook.extract.gate import name_flag
from planbook.extract.meaning import (
    CONTINUE_RE,
    PLAN_REF_RE,
    QUAL_AFTER_RE,
    SIGNED,
    measure_of,
    qualifier_of,
)
from planbook.extract.names import (
    KEEP_VERB_RE,
    NEW_RE,
    STOCK_RE,
    VERB_END_RE,
    canonical,
    closes_list,
    compose,
    is_scope,
    is_threshold,
    is_verb_only,
    item_name,
    lead_subject,
    list_names,
    noun_follows,
    post_noun,
    strip_subject,
)
from planbook.extract.notes import ESTIMATE_NOTE, Carried, Note, Place, attach, take_notes
from planbook.extract.numbers import (
    CAPACITY_UNITS,
    CJK_RE,
    LIST_SEPS,
    Num,
    ascii_figures,
    clause_start,
    compact,
    find_numbers,
    fuller_unit,
    has_candidate,
    is_skipped,
    list_length,
    names_a_capacity,
    quote_spans,
    rank_context,
    shared_unit,
    structure_rows,
    top_rank,
    unit_after,
)
from planbook.extract.pairs import HAS_FROM as _HAS_FROM
from planbook.extract.pairs import LAST_FROM as _last_from
from planbook.extract.pairs import TO_RE as _TO_RE
from planbook.extract.pairs import Pairs
from planbook.extract.passages import Timeline
from planbook.extract.periods import PairPeriods, When, period_kind, spanned
from planbook.extract.state import Cursor, Last, Meaning, Named, Names, Pair, UnitRead
from planbook.extract.topics import Topic, Topics
from planbook.model import STRUCTURAL_QUALIFIERS, IndicatorRow, Kind, Measure, Qualifier, Report, Segmented, Sentence
from planbook.model import rows_frame as to_frame  # noqa: F401 -- the row frame, by the name callers know
from planbook.prefilter import guarded
from planbook.text.segment import segment
from planbook.vocabulary import Unit, finder, pattern, rate_measure, translate, units_of, vocabulary, words

_RANGE_RE = pattern(r"(?:[-~～—–]|⟨range_word⟩)(?=\d)")
_GAP_LIST_RE = pattern(r"(?:⟨respectively⟩)(?:⟨gap_higher⟩|⟨gap_lower⟩)")
_FIND_RESPECTIVELY = finder("respectively")
_RATE_OR_LEVEL = (Measure.RATIO_PCT, Measure.LEVEL)  # a % figure named as a rate (rate_measure)
_REVISION_RE = pattern(r"⟨revision_word⟩")  # a note that states a revised outcome (经最终核实)
_BARE_UNITS, _LEVEL_CLASS = units_of("number"), words("level_class")  # 万, 亿, 万亿; 50亿级产业集群
_RANK_UNITS = words("rank_unit")  # 第三位, 第2名
_OF_RE = pattern(r"⟨attributive⟩")
_ATTRIBUTIVE = words("attributive")
_JOINERS = words("name_joiner")  # not 与: 与上年同期相比 is a comparison
_UNSET = "unset"  # a topic not yet looked up (None is a topic: no clear one)


# After a unit: a name (25条措施) or a size class (10亿元以上项目), in one test.
_NAME_AFTER_RE = re.compile(guarded(vocabulary().name_after_unit_re.pattern))
_THRESHOLD_AFTER_RE = re.compile(guarded(vocabulary().threshold_re.pattern))
_CLASS_AFTER_RE = vocabulary().class_re


@dataclass(frozen=True)
class ReportContext:
    """What the reader knows about the report as a whole."""

    report: Report
    text: str  # the report text with full-width digits made ASCII (the same offsets)
    timeline: Timeline  # the period and kind of every sentence's passage
    topics: Topics  # the chapter of every sentence
    units: dict[str, Unit]  # the unit table (vocabulary().units), looked up for every row
    carried: Carried  # notes written with 下同, for the quantity's later figures


# The records made per sentence and per number are slotted, not frozen: a frozen dataclass's __init__
# sets each field through object.__setattr__, three times the cost, and several are made per number.
@dataclass(slots=True)
class SentenceText:
    """One sentence in compact form with the numbers, quotes and clause breaks in it."""

    sentence: Sentence
    ctext: str
    cmap: list[int] | None  # report offset of every compact position (None: the same as the sentence's)
    nums: list[Num]
    quotes: list[tuple[int, int]]
    body: str  # the sentence as written in the report (every row of it carries it)
    notes: list[Note]  # scope and basis notes, taken out of ctext
    _lead: str | None = None

    @classmethod
    def of(cls, sent: Sentence, text: str, report: Report) -> SentenceText:
        ctext, cmap = compact(text, sent.start, sent.end, report.hidden)
        taken = take_notes(ctext, cmap, sent.start)
        notes: list[Note] = []
        if taken is not None:
            ctext, cmap, notes = taken.ctext, taken.cmap, taken.notes
        body = report.text[sent.start : sent.end]
        return cls(sent, ctext, cmap, find_numbers(ctext), quote_spans(ctext), body, notes)

    def lead(self) -> str:
        """The sentence's own subject, for figures that name none (found when first asked: most never ask)."""
        if self._lead is None:
            self._lead = lead_subject(self.ctext)
        return self._lead


class SentenceReader:
    """Reads the quantities of one sentence, left to right."""

    def __init__(self, ctx: ReportContext, s: SentenceText, paragraph_name: str) -> None:
        self.ctx, self.s = ctx, s
        self.names = Names(paragraph=paragraph_name)
        self.cur = Cursor()
        self.pairs = Pairs(ctx.timeline, s.ctext, s.nums, s.quotes)
        self.places: list[Place] = []  # where each row's figure stands, for its notes…
        self._places_wanted = bool(s.notes or ctx.carried.by_name)  # …when it has notes or earlier ones hold (下同)
        sent = s.sentence
        # What every row of the sentence shares, looked up once.
        self._part = sent.part.title if sent.part else ""
        self._section = sent.section.title if sent.section else ""
        self._topic: Topic | None | str = _UNSET  # looked up for the first row: a quarter of sentences make none
        self._frame = ctx.timeline.frame(sent)

    def _sentence_topic(self) -> Topic | None:
        if self._topic is _UNSET:
            self._topic = self.ctx.topics.sentence_topic(self.s.sentence)
        return self._topic  # type: ignore[return-value]

    def rows(self) -> list[IndicatorRow]:
        out = []
        for k, n in enumerate(self.s.nums):
            row = self._read(k, n)
            if row is not None:
                out.append(row)
        if self._places_wanted:
            attach(out, self.places, self.s.notes, self.ctx.carried)
        return out

    def _unit(self, k: int, n: Num) -> UnitRead | None:
        """The unit of nums[k], or None when it is no quantity."""
        ctext, nums, cur = self.s.ctext, self.s.nums, self.cur
        top = not n.cn and top_rank(ctext, n.i, n.j)
        rank = n.rank or top
        if n.cn and not rank and not n.amount:
            unit, approx, unit_end = ctext[n.j], "", n.j + 1
        elif rank or (ctext[n.i - 1 : n.i] == "第" and rank_context(ctext, n.i)):
            rank = True
            unit_end = n.j + next((len(w) for w in _RANK_UNITS if ctext.startswith(w, n.j)), 0)
            unit, approx = _RANK_UNITS[0], ""
        else:
            unit, approx, unit_end = unit_after(ctext, n.j)
        if n.i not in cur.structure and ctext[n.j : n.j + 1] == ":":
            for share in structure_rows(ctext, nums, k, cur.structure_end) or ():
                cur.structure[share.num.i], cur.structure_end = share, share.num.j
        # Ranges: 1-2个, 30－50项 → two rows sharing the second number's unit.
        range_role = ""
        nxt = nums[k + 1] if k + 1 < len(nums) else None
        # The unit may be written once (1-2个) or on both ends (8%—10%).
        sep = n.j if nxt is not None and nxt.i - n.j == 1 else unit_end
        if nxt is not None and not n.cn and nxt.i - sep == 1 and _RANGE_RE.match(ctext, sep):
            u2, approx2, end2 = unit_after(ctext, nxt.j)
            if u2 and unit in ("", u2):
                unit, approx, unit_end, range_role = u2, approx2, end2, Qualifier.RANGE_LOW
                cur.range_sep = sep
        if cur.last is not None and cur.last.range_role == Qualifier.RANGE_LOW and n.i - cur.last.end == 1:
            range_role = Qualifier.RANGE_HIGH
        if not unit and not n.cn and not range_role:
            unit, approx = shared_unit(ctext, nums, k)
        if n.i in cur.structure:
            return UnitRead("%", "", n.j, False, "")
        unit = fuller_unit(ctext, unit, unit_end, nxt)
        if not unit:
            return None
        if unit in _BARE_UNITS and (ctext.startswith(_LEVEL_CLASS, unit_end) or not post_noun(ctext, unit_end)[0]):
            return None  # 50亿级产业集群, 1000万…: a bare 万/亿 counts nothing named
        if _NAME_AFTER_RE.match(ctext, unit_end) or (
            not counts_things(unit) and _THRESHOLD_AFTER_RE.match(ctext, unit_end)
        ):
            return None  # 25条措施 names a document; 10亿元以上项目 is a size class (150家以上企业: a bound)
        if sizes_a_class(unit) and _CLASS_AFTER_RE.match(ctext, unit_end):
            return None  # 超200亿元的县 is a size class of counties (but 74%的村 is a share of villages)
        if unit in CAPACITY_UNITS and names_a_capacity(ctext, unit, unit_end):
            return None  # 年产700万吨项目: the capacity is part of the project's name
        return UnitRead(unit, approx, unit_end, rank, range_role, top)

    def _read(self, k: int, n: Num) -> IndicatorRow | None:
        s, cur = self.s, self.cur
        if n.i not in cur.structure and (n.i < cur.consumed or is_skipped(s.ctext, n, s.quotes)):
            return None
        u = self._unit(k, n)
        if u is None:
            return None
        clause = cur.clause = clause_start(s.ctext, n.i, cur.read_to, cur.clause)
        cur.read_to = n.i
        lo = max(clause, cur.consumed)
        ctx = s.ctext[lo : n.i - 1 if u.top else n.i]  # 居全国前10位: named as 居全国第10位 would be
        when = period_kind(self.ctx.timeline, self._frame, s.ctext, n.i, u.end, clause, u.unit)
        nxt = s.nums[k + 1] if k + 1 < len(s.nums) else None
        share = cur.structure.get(n.i) if cur.structure else None
        opens_pair = share is None and nxt is not None and _HAS_FROM(ctx) and _TO_RE.match(s.ctext[u.end : nxt.i])
        listed = self.pairs.in_list(k, u.end, ctx, when) if share is None and not opens_pair and nxt else None
        m = self._meaning(k, n, ctx, clause, u, allow_post=not (opens_pair or listed or k in self.pairs.pending))
        name, measure, sign, period, kind = m.name, m.measure, m.sign, when.period, when.kind
        # 10000个以上行政村: a bound written between the unit and a name after it is the figure's all the same
        qualifier = u.range_role or qualifier_of(s.ctext, ctx, u.end if m.post else m.end, u.approx)
        qualifier = Qualifier.UPPER_BOUND if u.top else qualifier  # 居全国前10位: 10th or better
        if m.post and not qualifier:
            qualifier = qualifier_of(s.ctext, ctx, m.end, u.approx)
        # Before/after pairs: 从5个减少到1个, 由原来公示45日压缩到20日, 从2015年的2.6万亿元增长到2020年的3.62万亿元.
        if (pair := self.pairs.pending.pop(k, None)) is not None:
            qualifier, name, measure, sign = Qualifier.AFTER, pair.name, pair.measure, 1
            period, kind = pair.periods.after_period or period, pair.periods.after_kind or kind
        elif (pair := self._before(k, ctx, m, when, opens_pair, listed)) is not None:
            qualifier, name, measure, sign = Qualifier.BEFORE, pair.name, pair.measure, 1
            period, kind = pair.periods.before_period or period, pair.periods.before_kind or kind
        elif not opens_pair:
            last_period = cur.last.period if cur.last is not None else ""
            measure, period = spanned(measure, period, ctx, when, u.unit, last_period, self.ctx.timeline, s.ctext)
        if share is not None:  # 由2012年的21.3:45.1:33.6调整到2013年的…: each ratio's year and role
            if share.last_year and period.isdigit():
                share.year = str(int(period) - 1)  # 由上年的18.6:49:32.4调整为…
            if share.year:
                period, kind = share.year, self.ctx.timeline.kind_of_year(int(share.year))
            qualifier = share.role or qualifier
        if when.partial and qualifier not in STRUCTURAL_QUALIFIERS:
            qualifier = Qualifier.PARTIAL_YEAR  # the caveat a reader must not miss: not the year's figure
        elif when.estimate and not qualifier:
            qualifier = Qualifier.ESTIMATE
        name, area = canonical(name), ""
        # 居全省第2位, 分别高于全国、全省0.1和1.6个百分点: the areas compared with
        if measure in (Measure.RANK, Measure.GAP_PP):
            c = compared(name, ctx, measure, cur.areas, cur.last.name if cur.last is not None else "")
            name, area, cur.areas = c.name, c.area, c.rest
        self._remember(n, name, measure, sign, u, m, period)
        # 预计…左右: approx, and an estimate
        estimate = when.estimate and qualifier not in (Qualifier.ESTIMATE, Qualifier.BEFORE)
        if self._places_wanted:
            self.places.append(Place(n.i, lo, u.end, cur.consumed, estimate))
        name = rank_name(name, ctx) if measure == Measure.RANK else name  # 增幅全省第一: the growth's rank
        row = self._row(n, name, period, kind, measure, sign, u.unit, qualifier)
        if area or estimate:
            row.area, row.note = area, ESTIMATE_NOTE if estimate else ""
        return row

    def _before(
        self, k: int, ctx: str, m: Meaning, when: When, opens_pair: bool, listed: tuple[int, PairPeriods] | None
    ) -> Pair | None:
        """The pair a before value opens (从5个减少到1个; 分别从771家、481家增加到…), its after value waiting; None
        for a number that is no before value."""
        measure = m.measure if m.measure in (Measure.RATIO_PCT, Measure.SHARE_PCT, Measure.RANK) else Measure.LEVEL
        if opens_pair and (opener := _last_from(ctx)) is not None:
            before = compose(strip_subject(ctx[: opener.start()]), self.names.paragraph, self.names.sentence)
            return self.pairs.open(k, before or m.name, measure, ctx, m.end, when)
        return self.pairs.wait(listed[0], m.name, measure, listed[1]) if listed is not None else None

    def _remember(self, n: Num, name: str, measure: str, sign: int, u: UnitRead, m: Meaning, period: str) -> None:
        """What the next figures of the sentence may lean on: this one's name, measure and place."""
        cur = self.cur
        if name:
            self.names.paragraph = self.names.sentence = name
            if measure == Measure.LEVEL:
                self.names.levels.append(name)
        end = cur.range_sep if u.range_role == Qualifier.RANGE_LOW else m.end
        cur.last = Last(name, measure, sign, u.unit, end, u.range_role, m.post, period)
        # A range's low end leaves its high end (and the shared unit) to the next row.
        if u.range_role == Qualifier.RANGE_LOW:
            cur.consumed = max(cur.consumed, n.j)
        else:
            qm = QUAL_AFTER_RE.match(self.s.ctext, m.end)
            cur.consumed = max(cur.consumed, qm.end() if qm else m.end)

    def _meaning(self, k: int, n: Num, ctx: str, clause: int, u: UnitRead, allow_post: bool = True) -> Meaning:
        """Name, measure and sign of nums[k] from the words before it (and after its unit)."""
        last, cur = self.cur.last, self.cur
        if n.i in cur.structure:
            return Meaning(cur.structure[n.i].sector, Measure.SHARE_PCT, 1, u.end, False)
        if u.range_role == Qualifier.RANGE_HIGH and last is not None:
            return Meaning(last.name, last.measure, 1, u.end, False)
        item = cur.items.get(n.i)
        if item is not None and is_joiner(ctx) and last is not None:
            return Meaning(item.name, last.measure, last.sign, item.end, True)  # named with the list's first item
        if ctx in LIST_SEPS and last is not None and (last.unit == u.unit or last.post) and not u.rank:
            return self._list_item(last, u)
        measure, sign = measure_of(ctx, u.unit, u.rank, self.s.ctext[clause : n.i])
        # 建议405件和政协委员提案590件: the 和 right after the figure before joins, it is no part of the name
        joiner = next((w for w in _JOINERS if ctx.startswith(w)), "") if last is not None else ""
        subject = strip_subject(ctx[len(joiner) :] if joiner and len(ctx) > len(joiner) + 1 else ctx)
        if (
            last is not None
            and measure in (Measure.LEVEL, Measure.CHANGE_PP)
            and last.measure in (Measure.CHANGE_PCT, Measure.GAP_PP)
            and last.unit == u.unit
            and not subject
            and CONTINUE_RE.fullmatch(ctx)
        ):
            # 增长6.5%左右,力争7% / 高于全国0.9个百分点、全省0.5个百分点: the same kind of figure again
            measure, sign = last.measure, last.sign
        if measure == Measure.RATIO_PCT and PLAN_REF_RE.search(ctx):
            subject = ""  # 完成年度计划的95%: the rate of the quantity just named
        self.names.listing = None
        if _FIND_RESPECTIVELY(ctx) >= 0:
            # 分别高于全国、全省0.1和1.6个百分点: a list of the areas compared with, the quantity is the one before
            gap_list = _GAP_LIST_RE.search(ctx) is not None
            subject = "" if gap_list else self._respectively(k, ctx) or subject
        named = self._named_after(k, ctx, subject, measure, u, allow_post)
        name = named.name
        if name and name == subject and last is not None:
            name = item_name(name, ctx, last, measure, u.unit)
        if not named.final:
            own = name
            name = compose(name, self.names.paragraph, self.names.sentence or self.s.lead)
            if name != own and not own and STOCK_RE.search(ctx) and NEW_RE.match(name):
                name = NEW_RE.sub("", name)  # 新增A 56家，累计达到312家: the stock of A, not more new ones
        if measure == Measure.LEVEL and u.unit in ("%", "‰") and not subject and rate_measure(name) in _RATE_OR_LEVEL:
            measure = rate_measure(name)  # 城镇化率提高1.6个百分点，达到45%: the rate named before
        return Meaning(name, measure, sign, named.end, named.post)

    def _list_item(self, last: Last, u: UnitRead) -> Meaning:
        """25%、12%、24% or 50家“六有”合作社、80家“六有”家庭农场: an item shares the list's context."""
        post, post_end = post_noun(self.s.ctext, u.end) if last.post else ("", u.end)
        if post:
            return Meaning(post, last.measure, last.sign, max(u.end, post_end), True)
        names = self.names
        if names.listing is not None and names.position < len(names.listing):
            names.position += 1
            return Meaning(names.listing[names.position - 1], last.measure, last.sign, u.end, False)
        return Meaning(last.name, last.measure, last.sign, u.end, False)

    def _respectively(self, k: int, ctx: str) -> str:
        """The first name of a 分别 list (its other names wait in ``names.listing``), or ""."""
        names = self.names
        head = strip_subject(ctx[: _FIND_RESPECTIVELY(ctx)], head_only=False)
        count = list_length(self.s.ctext, self.s.nums, k)
        # "…分别达到42000元和21000元,分别增长6.8%和8.2%": the second list repeats the first one's names.
        found = list_names(head, count) if head else None
        if found is None and not head and names.previous_list is not None and len(names.previous_list) == count:
            found = names.previous_list
        if found is None and not head:
            # "接待游客560万人次,旅游收入45.2亿元,分别增长15.3%和18.6%": the quantities just named.
            seen = list(dict.fromkeys(names.levels))
            found = seen[-count:] if len(seen) >= count else None
        names.listing = names.previous_list = found
        if not found:
            return ""
        names.position = 1
        return found[0]

    def _named_after(self, k: int, ctx: str, subject: str, measure: str, u: UnitRead, allow_post: bool) -> Named:
        """The name of a figure: the subject before it, or a noun after its unit ("动员5278名党员")."""
        ctext, names = self.s.ctext, self.names
        verb_only = is_verb_only(subject) if subject else False
        verb_end = VERB_END_RE.search(subject) if subject else None
        follows = (
            not subject
            or verb_only
            or verb_end is not None
            or ctx.endswith(_ATTRIBUTIVE)
            or is_scope(subject)
            or (names.listing is None and ("、" in subject or closes_list(ctx)))
        )
        bare = u.unit in _BARE_UNITS  # 11.5万村民: the noun after the number says what is counted
        if not (allow_post and not u.rank and measure in (Measure.LEVEL, Measure.RATIO_PCT) and (follows or bare)):
            return paid_for(self.s.ctext, subject, u.end) or Named(subject, u.end, False)
        post, post_end = self._post_name(k, u)
        if post:
            verb = verb_end.group() if verb_end is not None else ""
            prefix = subject if NEW_RE.fullmatch(subject) else (verb if KEEP_VERB_RE.fullmatch(verb) else "")
            return Named(prefix + post, max(u.end, post_end), True)
        if not subject and not ctx.strip() and counts_things(u.unit) and noun_follows(ctext, u.end):
            return Named("", u.end, False, final=True)  # 18个县(市)推行了…: not the last figure's name
        if (spent := spent_on(self.s.ctext, subject, u.end)) is not None:
            return spent
        if verb_only and subject in _AMOUNT_VERBS:
            return Named(subject, u.end, False)  # 全年投入14.5亿元: the amount put in is the quantity
        if not verb_only:
            return Named(subject, u.end, False)
        prev = names.sentence or names.paragraph
        if NEW_RE.fullmatch(subject) and prev and not NEW_RE.match(prev):
            return Named(subject + prev, u.end, False)  # 规上工业企业达到150家,新增20家 → 新增规上工业企业
        return Named("", u.end, False)

    def _post_name(self, k: int, u: UnitRead) -> tuple[str, int]:
        """The name written after the unit, and where it ends; a list's later items get theirs too."""
        s = self.s
        items = unit_list(s.ctext, s.nums, k, u.unit, u.end) if not u.range_role else []
        found = counted_names(items) if items and not all(it.phrase.empty for it in items) else []
        if not found or not found[0] or is_threshold(found[0]):
            return post_noun(s.ctext, u.end)
        for item, name in zip(items[1:], found[1:], strict=True):
            self.cur.items[item.num.i] = Named(name, item.phrase.end, True)
        return found[0], items[0].phrase.end

    def _row(
        self, n: Num, name: str, period: str, kind: str, measure: str, sign: int, unit: str, qualifier: str
    ) -> IndicatorRow:
        s = self.s
        sent, text, ctext = s.sentence, self.ctx.report.text, s.ctext
        value = n.value * sign if measure in SIGNED else n.value
        if n.i >= 1 and ctext[n.i - 1] in "-−" and (n.i < 2 or CJK_RE.match(ctext[n.i - 2])):
            value = -value  # 增长-4.5%: a negative number written with its sign (not 7%-8%, a range)
        if s.cmap is None:
            start, end = sent.start + n.i, sent.start + n.j
        else:
            start, end = s.cmap[n.i], s.cmap[n.j - 1] + 1
        u = self.ctx.units.get(unit)
        scale = u.scale if u else 1.0
        # Positional, in the order of model.COLUMNS (a call with 21 keywords costs a third more).
        return IndicatorRow(
            self.ctx.report.id,
            start,
            end,
            text[start:end],
            name,
            translate(name) if name else "",
            period,
            kind,
            measure,
            value,
            unit,
            scale,
            value * scale,
            u.base if u else unit,
            qualifier,
            "",
            "",
            name_flag(name),
            self.ctx.topics.chapter_of(sent, self._sentence_topic(), name),
            self._part,
            self._section,
            sent.start,
            sent.end,
            s.body,
        )


def extract(report: Report, seg: Segmented | None = None) -> list[IndicatorRow]:
    """One row per quantity in the report body, in text order."""
    seg = seg or segment(report)
    text = report.text
    text = ascii_figures(text)
    timeline = Timeline(report, seg)
    topics = Topics(seg, timeline.openings, timeline.span_openings)
    ctx = ReportContext(report, text, timeline, topics, vocabulary().units, Carried())
    rows: list[IndicatorRow] = []
    paragraph_name, para = "", -1
    for sent in seg.sentences:
        if not has_candidate(text, sent.start, sent.end):
            continue  # no number in it: not read at all
        if sent.paragraph != para:
            paragraph_name, para = "", sent.paragraph
        reader = SentenceReader(ctx, SentenceText.of(sent, text, report), paragraph_name)
        found = reader.rows()
        if sent.note and not _REVISION_RE.search(text, sent.start, sent.end):
            # Footnotes and 名词解释 explain words: a goal they state (到2025年GDP超过5000亿元) is kept,
            # but nothing in them is an outcome — unless the note revises one (经最终核实，2022年全市生产总值为…).
            found = [r for r in found if r.kind == Kind.TARGET]
        rows.extend(found)
        paragraph_name = reader.names.paragraph
    return rows
