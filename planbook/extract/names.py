"""The indicator a number measures: the words before it (or after its unit), completed from earlier names."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from planbook.extract.counted import adds_up
from planbook.extract.numbers import DELIM_RE, unit_after
from planbook.model import Measure
from planbook.prefilter import word_ends
from planbook.vocabulary import ending, mentions, pattern, vocabulary, words

if TYPE_CHECKING:
    from planbook.extract.state import Last

# Context words stripped from the right end of a subject ("地区生产总值完成" → "地区生产总值").
_RSTRIP_RE = pattern(r"(?:⟨subject_end⟩)+$")

# Most subjects end with none of those words: they are left as they are without trying the pattern everywhere.
_SUBJECT_END = word_ends(words("subject_end"))

_LSTRIP_RE = pattern(r"^(?:⟨subject_start⟩)+")

# Verbs that add nothing to a name ("帮助农业产业化企业申请贷款" → "农业产业化企业贷款").
_WEAK_VERB_RE = pattern(r"⟨weak_verb⟩(?!⟨weak_verb_not_before⟩)")

# \d{4} spelt out: re skips to a digit. 3年, 3年来: a count of years is a span, not a name (3年增长41.2%).
_YEAR_WORD_RE = pattern(r"(?:\d\d\d\d|(?<!\d)\d{1,2})年(?:⟨year_suffix⟩|⟨year_count_suffix⟩)?")
# A date (7月底, 3月15日) and the marks a page or a list leaves in the text (—9—, ①, ⑵) are no part of a name.
_DATE_MARK_RE = pattern(
    r"(?<!\d)\d{1,2}月(?:\d{1,2}日)?(?:⟨month_suffix⟩)?|(?<!\d)\d{1,2}日|[—–-]\s*\d{1,3}\s*[—–-]|[①-⒇㈠-㈩]"
    r"|^\d{1,2}[.．、](?!\d)"
)
_TO_YEAR_RE = pattern(r"(?:⟨deadline_word⟩)(?=\d\d\d\d年)")  # 到2025年: the 到 goes with its year
_HAS_DEADLINE = mentions("deadline_word")
_HAS_PART_OF_YEAR = mentions("part_of_year_mark")

_PART_OF_YEAR_RE = pattern(r"⟨part_of_year⟩")

# A name that only says "its growth / its rank" stands for the previous quantity's name.
_GENERIC_RE = pattern(r"^⟨generic_name⟩*$")

_LEVEL_WORD_RE = pattern(r"^⟨level_word⟩")


# A bare measure noun borrows the entity of the previous name ("蔬菜面积…总产量" → 蔬菜总产量).
_HEAD_RE = pattern(r"^⟨head_noun⟩$")

_TAIL_RE = pattern(r"⟨head_noun⟩$")

NEW_RE = pattern(r"^⟨new_word⟩")
STOCK_RE = pattern(r"⟨stock_word⟩")
NEW_VERB_RE = pattern(r"^⟨new_word⟩(?:、?(?:⟨new_word⟩|⟨renew_word⟩))*")  # 新建、改造 as one verb

# A noun phrase after the unit (动员5278名党员…下沉) ends where its predicate starts; the 以上 of a size
# class (规模以上, 亿元以上项目, 限额以上) is inside it.
_POST_STOP_RE = pattern(
    r"⟨predicate_start⟩|(?:⟨rise⟩|⟨fall⟩|⟨abs_change_verb⟩)(?=(?:⟨perfective⟩)?(?:⟨figure_lead⟩)?\d)"
    r"|(?:⟨list_joiner⟩)(?=\d)|(?<!⟨size_class_before⟩)(?:⟨lower_bound_after⟩)|⟨approx_after⟩|、(?=\d)|[，,；;。：:（(]",
    guard=True,
)

# 等 closing a list (A、B等产业): not the 等 of a word (高等学校, 中等职业, 同等, 等级).
DENG_RE = pattern(
    r".*(?:⟨list_end⟩)(?<!(?:⟨list_end_not_after⟩)(?:⟨list_end⟩))(?!⟨list_end_not_before⟩)(?:⟨list_end_place⟩)?"
)
_HAS_LIST_END = mentions("list_end")
_LAST_LIST_END_RE = pattern(r"(.*)(?:⟨list_end⟩)(.*)", re.DOTALL)  # the words before the last 等, and after

_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")

_AREA_RE = pattern(r"(?:⟨whole_area⟩)(?!⟨whole_area_not_before⟩)|(?<!⟨year_point_not_after⟩)(?:⟨year_point⟩)")
_HAS_WHOLE_AREA, _HAS_YEAR_POINT = mentions("whole_area"), mentions("year_point")

# A subject ending in an action verb ("各乡镇打造1-2个…沟渠") names its object after the unit.
VERB_END_RE = ending(r"⟨action_verb⟩$")

KEEP_VERB_RE = pattern(r"⟨kept_verb⟩")

_LEAD_CUT_RE = pattern(r"⟨subject_cut⟩")

_DIGIT_RE = re.compile(r"\d")
_MARK_RE = re.compile(r"[①-⒇㈠-㈩]")
_CJK_START_RE = re.compile(r"[\u4e00-\u9fff]")
_VERB_START_RE = pattern(r"⟨predicate_start⟩|⟨action_verb⟩|⟨not_a_noun_start⟩")

_NOUN_RE = re.compile(r"[\u4e00-\u9fff“”《》\"A-Za-z、]{2,}")  # "僵尸企业": quotes as some reports type them

_ANY_LEVEL_RE = pattern(r"⟨admin_level⟩")

_COUNTED_LEAD_RE = pattern(r"^(?:⟨counted_lead⟩)")

_THEN_TOTAL_RE = pattern(r"⟨total_word⟩\d+(?:\.\d+)?")

_POST_TRAIL_RE = pattern(r"⟨name_end⟩$")

_THRESHOLD_RE = pattern(r"(?:⟨threshold_lead⟩)?⟨threshold_noun⟩")

_ITEM_SPLIT_RE = pattern(r"、|⟨name_joiner⟩")
_LIST_JOINER_RE = pattern(r"⟨list_joiner⟩")

_SHARED_HEAD_RE = pattern(r"(?:⟨shared_head⟩)$")

_SECTOR_LIST_RE = pattern(r"^第?([一二三](?:(?:、|⟨name_joiner⟩)?第?[一二三])+)(⟨sector_noun⟩)(.*)$")
_SECTOR_DIGIT_RE = re.compile("[一二三]")
_URBAN_RURAL, _URBAN, _RURAL = words("urban_rural"), words("urban")[0], words("rural")[0]
_STRIP_CHARS = "".join(words("attributive")) + "、，,（）()"

_VERB_ONLY_RE = pattern(r"⟨verb_only⟩+")


@lru_cache(maxsize=4096)
def strip_subject(s: str, head_only: bool = True) -> str:
    """The indicator name inside the words that precede a number.

    With ``head_only``, "A、B等产业增加值" names the head noun after 等 only.
    """
    # A character test first: most subjects hold no year, parenthesis, area word or 等.
    if "年" in s:
        if _HAS_DEADLINE(s):
            s = _TO_YEAR_RE.sub("", s)
        s = _YEAR_WORD_RE.sub("", s)
    if _HAS_PART_OF_YEAR(s):
        s = _PART_OF_YEAR_RE.sub("", s)  # 3月份规模以上工业企业复工率: the period is no part of the name
    if _DIGIT_RE.search(s) or _MARK_RE.search(s):
        s = _DATE_MARK_RE.sub("", s)
    if "(" in s or "（" in s:
        s = _PAREN_RE.sub("", s)
    if _HAS_WHOLE_AREA(s) or _HAS_YEAR_POINT(s):
        s = _AREA_RE.sub("", s)
    s = _lstrip(_rstrip(s))
    m = DENG_RE.search(s) if head_only and _HAS_LIST_END(s) else None
    if m:
        s = s[m.end() :] or s
    s = _rstrip(_lstrip(_WEAK_VERB_RE.sub("", s)))
    s = s.strip(_STRIP_CHARS)
    return s if len(s) >= 2 else ""  # 以12个片区…: a lone preposition is no name


def closes_list(s: str) -> bool:
    """The words end in a list closed by 等 (A、B等): what is counted follows."""
    return _HAS_LIST_END(s) and DENG_RE.match(s) is not None


def _rstrip(s: str) -> str:
    """s without its trailing context words."""
    return _RSTRIP_RE.sub("", s) if _SUBJECT_END.may_match(s) else s


def _lstrip(s: str) -> str:
    """s without its leading context words: one match at the start (sub would try every position)."""
    m = _LSTRIP_RE.match(s)
    return s[m.end() :] if m is not None else s


_POST_NOUN_LEAD = words("post_noun_lead")


def post_noun(ctext: str, k: int) -> tuple[str, int]:
    """The noun phrase that follows a unit (5278名党员…), and where it ends."""
    k0 = k
    for w in _POST_NOUN_LEAD:
        if ctext.startswith(w, k):
            k += len(w)
    m = _POST_STOP_RE.search(ctext, k)
    end = m.start() if m else len(ctext)
    dm = _DIGIT_RE.search(ctext, k, end)
    if dm:
        end = dm.start()
    noun = _POST_TRAIL_RE.sub("", ctext[k:end])
    if _THRESHOLD_RE.fullmatch(noun):
        return "", k0  # 跨越4000亿元台阶: a mark passed, not what is measured
    if not _NOUN_RE.fullmatch(noun or "") or noun.startswith("、"):
        # "15批次共计1160人次体验团": the noun comes after the total.
        m = _THEN_TOTAL_RE.match(ctext, k)
        if m:
            unit, _, unit_end = unit_after(ctext, m.end())
            if unit:
                noun, _ = post_noun(ctext, unit_end)
                return noun, k0
        return "", k0
    return noun, end


def noun_follows(ctext: str, k: int) -> bool:
    """Words, not a verb, punctuation or number, follow position k (74个地表水国考断面…): what a
    count opening its clause counts is written after it, even when no name can be cut out there."""
    return bool(_CJK_START_RE.match(ctext, k)) and not (_VERB_START_RE.match(ctext, k) or _POST_STOP_RE.match(ctext, k))


def canonical(name: str) -> str:
    """The usual name of an indicator written in a variant (data/aliases.csv); other names stay as written."""
    return vocabulary().aliases.get(name, name)


def compose(name: str, prev: str, sent_prev: str | Callable[[], str]) -> str:
    """Fill in a name left elliptical by the text, from the previous quantity's name.

    ``prev`` is the last name in the paragraph, ``sent_prev`` the last one in this sentence, or a function
    that finds the sentence's own subject: called only for a name that needs it (most names are whole).
    """
    if not name or _GENERIC_RE.match(name):
        return _given(sent_prev) or prev or name
    if _HEAD_RE.match(name):
        sent_prev = _given(sent_prev)
        if sent_prev and not name.startswith(sent_prev):
            entity = NEW_RE.sub("", _TAIL_RE.sub("", sent_prev))
            return entity + name if entity else name
    m = _LEVEL_WORD_RE.match(name)
    if m is None or len(name) > len(m.group()) + 1:
        return name
    prev = _given(sent_prev) or prev
    if not prev:
        return name
    level = m.group()
    pm = _LEVEL_WORD_RE.search(prev) or _ANY_LEVEL_RE.search(prev)
    if pm:
        return prev[: pm.start()] + level + prev[pm.end() :]
    # "两化融合试点示范项目31家,其中国家级1家" → 国家级两化融合试点示范项目
    stem = _COUNTED_LEAD_RE.sub("", prev)
    return prev[: len(prev) - len(stem)] + level + stem


def _given(value: str | Callable[[], str]) -> str:
    return value if isinstance(value, str) else value()


def list_names(subject: str, count: int) -> list[str] | None:
    """'A、B和C' before 分别 → names A, B, C; a trailing '等产业增加值' is shared by all."""
    if count < 2:
        return None
    suffix = ""
    last_end = _LAST_LIST_END_RE.match(subject) if _HAS_LIST_END(subject) else None
    if last_end is not None:
        subject, suffix = last_end.group(1), last_end.group(2)
    sectors = _SECTOR_LIST_RE.match(subject)
    if sectors and count == len(_SECTOR_DIGIT_RE.findall(sectors.group(1))):
        # 第一、二、三产业增加值分别为… → 第一产业增加值, 第二产业增加值, 第三产业增加值
        return [f"第{n}{sectors.group(2)}{sectors.group(3)}" for n in _SECTOR_DIGIT_RE.findall(sectors.group(1))]
    items = [x for x in subject.split("、") if x]
    both = next((w for w in _URBAN_RURAL if subject.startswith(w)), None)
    if len(items) == 1 and count == 2 and both is not None:
        return [_URBAN + subject[len(both) :], _RURAL + subject[len(both) :]]  # 城乡居民收入分别达到…和…
    if len(items) + 1 == count and _LIST_JOINER_RE.search(items[-1]):
        items = items[:-1] + [x for x in _LIST_JOINER_RE.split(items[-1]) if x]
    if len(items) == 1 and count > 1:
        items = [x for x in _ITEM_SPLIT_RE.split(subject) if x]
    if len(items) != count:
        return None
    if suffix:
        return [x + suffix for x in items]
    return _share_head(items)


# Items of a list longer than this are names of their own (实际利用外资和外贸出口), not a sector, place or
# substance waiting for the last item's head noun (工业、服务业增加值).
_SHORT_ITEM = 5


def _share_head(items: list[str]) -> list[str]:
    """Short items before the last share its head noun: 工业、服务业增加值 → 工业增加值; 城镇和农村居民人均
    可支配收入 → 城镇居民人均可支配收入. The head is a listed one (data/words.csv, shared_head) or, with none,
    what follows the last item's first characters when every short item has that many (进口、出口总额)."""
    *short, last = items
    if not short or any(len(x) > _SHORT_ITEM for x in short):
        return items
    if short == [_URBAN] and last.startswith(_RURAL):
        return [_URBAN + last[len(_RURAL) :], last]  # 城镇和农村常住居民…: the whole of the rural name after 农村
    m = _SHARED_HEAD_RE.search(last)
    if m is not None and m.start() > 0:
        tail = last[m.start() :]
    elif all(len(x) == len(short[0]) <= 3 for x in short) and len(last) > len(short[0]) + 1:
        tail = last[len(short[0]) :]
    else:
        return items
    return [x if x.endswith(tail) else x + tail for x in short] + [last]


def lead_subject(ctext: str) -> str:
    """The subject of a sentence's first clause (地区生产总值首次突破三千亿元 → 地区生产总值), or ""."""
    m = DELIM_RE.search(ctext)
    first = ctext[: m.start()] if m else ctext
    if "年" in first:
        first = _YEAR_WORD_RE.sub("", first)
    cut = _LEAD_CUT_RE.search(first)
    if cut is None or _DIGIT_RE.search(first[: cut.start()]):
        return ""
    return strip_subject(first[: cut.start()])


def is_verb_only(subject: str) -> bool:
    """A subject that is only a verb (新增, 建设, 启动…): the name follows the unit."""
    return _VERB_ONLY_RE.fullmatch(subject) is not None


# A subject that only says where or which batch (老城区, 组团内, 完成了中心城区, 二期): what is counted follows.
_SCOPE_RE = pattern(
    r"(?:⟨verb_only⟩)*(?:⟨perfective⟩)?(?:[\u4e00-\u9fff]{0,4}(?:⟨scope_place⟩)(?:⟨place_side⟩)?|⟨scope_phase⟩)"
)


def is_scope(subject: str) -> bool:
    """A subject that is only a place or a batch: the name is written after the number."""
    return _SCOPE_RE.fullmatch(subject) is not None


def is_threshold(noun: str) -> bool:
    """A mark passed (4000亿元台阶), not what is measured."""
    return _THRESHOLD_RE.fullmatch(noun) is not None


# An item borrowing the head noun of the one before is short: a sector, a kind of firm, a place.
_BARE_ITEM = 8


def item_name(name: str, ctx: str, last: Last, measure: str, unit: str) -> str:
    """The name of a figure after another in one sentence, completed from the one before where the text
    leaves out what they share (a verb of addition, a head noun)."""
    if ctx[:1] == "、":
        name = shared_new(name, ctx, last, measure, unit)
    return borrowed_head(name, last, measure, unit)


def borrowed_head(name: str, last: Last, measure: str, unit: str) -> str:
    """第一产业增加值增长4.1%，第二产业增长6.2%; 国有控股企业增加值增长4%，股份制企业增长7%: an item of the same
    class as the figure before (its last characters are the same: 产业, 企业, 业) and the same kind of figure
    leaves out the head noun it shares (data/words.csv, shared_head) — 第二产业增加值, 股份制企业增加值."""
    if measure != last.measure or unit != last.unit or not name or len(name) > _BARE_ITEM:
        return name
    m = _SHARED_HEAD_RE.search(last.name)
    if m is None or m.start() == 0 or _SHARED_HEAD_RE.search(name) or _HEAD_RE.match(name):
        return name
    entity = last.name[: m.start()]
    if name == entity or name[-1] != entity[-1] or not _CJK_START_RE.match(name[-1]):
        return name
    return name + last.name[m.start() :]


def shared_new(name: str, ctx: str, last: Last, measure: str, unit: str) -> str:
    """新增高新技术企业60家、科技型中小企业500家; 新建通村公路45公里、桥梁6座: a bare item of a list of things added
    is added too (新增科技型中小企业, 新建桥梁) — not a rate (新增就业5000人、失业率3.2%)."""
    new = NEW_VERB_RE.match(last.name)
    if (
        new is None
        or measure != Measure.LEVEL
        or last.measure != Measure.LEVEL
        or not (adds_up(unit) and adds_up(last.unit))
    ):
        return name
    if NEW_RE.match(name) or VERB_END_RE.search(ctx) or is_verb_only(name) or STOCK_RE.search(ctx):
        return name  # an item with a verb or a stock word of its own says what it counts
    return new.group() + name
