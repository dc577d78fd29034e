"""What a number counts when the text names it after the unit: 完成5所学校迁建, 9条主次干道实现通车.

The noun phrase after a unit is read in three pieces: what is counted (学校), the work done on it (迁建,
“国医堂”创建) and an event it reached (实现通车). A reader names a count of things by the work done on them
(迁建学校: the schools relocated) and a count reaching an event by the thing and the event (主次干道通车);
an amount or a length keeps the phrase as written (170万平方米供热改造 → 供热改造). A list of items each
with its unit (26公里供水、117公里供热、20公里燃气管网铺设) shares the last item's head; items with no
words of their own (8条、12.3公里道路提升改造) share the last item's name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from planbook.extract.numbers import Num, unit_after
from planbook.vocabulary import pattern, vocabulary, words

# Where the phrase after a unit ends: a predicate, punctuation, a number (but 4S店, 5G基站 are words) or a
# list joiner before the next number.
_STOP_RE = pattern(
    r"⟨predicate_start⟩|⟨counted_end⟩|(?:⟨rise⟩|⟨fall⟩|⟨abs_change_verb⟩)(?=(?:⟨perfective⟩)?(?:⟨figure_lead⟩)?\d)"
    r"|(?:⟨list_joiner⟩)(?=\d)|⟨approx_after⟩|[，,；;。：:（(、]|\d(?![A-Za-z])",
    guard=True,
)
# The phrase is the subject of a figure that follows (10个先导区集聚企业超150家): not what the first one counts.
_NEXT_FIGURE_RE = pattern(r"(?:⟨next_figure_lead⟩)$")
# Bound and linking words right after a unit (150家以上企业, 23万平方米的建材城).
_LEAD_RE = pattern(r"(?:⟨unit_lead⟩)+")
_OF = words("attributive")
_OF_RE = pattern(r"⟨attributive⟩")
# A size class of what is counted (178座10蒸吨及以下的燃煤锅炉): not part of its name.
_CLASS_RE = pattern(
    r"(?:\d+(?:\.\d+)?(?:(?!⟨attributive⟩)[^\d，,；;。、]){1,3}?(?:⟨class_bound⟩)"
    r"|(?:⟨class_lead⟩)\d+(?:\.\d+)?(?:(?!⟨attributive⟩)[^\d，,；;。、]){1,3}?(?:⟨class_money_unit⟩))(?:⟨attributive⟩)?"
)
# An attribute before 的 (现代化的垃圾中转站, 标准化的): the thing counted follows it.
_ATTRIBUTE_RE = pattern(r"[\u4e00-\u9fff]{1,3}(?:⟨attribute_suffix⟩)(?:⟨attributive⟩)")
_EACH_RE = pattern(r"⟨counted_each⟩")
# An event the counted things reached (实现通车, 实现全部脱贫): the event, without its light verb.
_EVENT_RE = pattern(r"(?:⟨event_verb⟩)(?:⟨perfective⟩)?(?:⟨event_adverb⟩)?([\u4e00-\u9fff]{1,4})(?=[，,；;。]|$)")
_WORK_RE = pattern(r"⟨work_word⟩")
_TRAIL_RE = pattern(r"(?:⟨work_end⟩)$")
_PROBLEM_RE = pattern(r"(?:⟨problem_word⟩)$")
_PROBLEM_NOUN = words("problem_word")[0]
# The work done in what was counted, written after 的 (5个村的饮水安全工程, 240栋建筑物的立面修复).
_WORK_TAIL_RE = pattern(r"[\u4e00-\u9fff“”]{0,6}(?:⟨work_word⟩|⟨work_noun⟩|⟨project_head⟩)(?:⟨work_end⟩)?")
# A noun of people or households (居民, 党员, 贫困人口, 家庭): the count counts them.
_AGENT_RE = pattern(r"(?:⟨agent_suffix⟩)$")
# A run of short items closing with the work done on them (12所小学、8所初中国家义务教育质量监测).
_WORK_END_RE = pattern(r"(?:⟨work_word⟩)$")
# The work's modifier or quoted name goes with it: 智能化改造, “国医堂”创建.
_WORK_LEAD_RE = pattern(r"(?:“[^”]{1,12}”|[\u4e00-\u9fff]{2}(?:⟨work_lead_suffix⟩))$")
_JOINER_RE = pattern(r"⟨list_joiner⟩|、")  # 淘汰和清洁能源替代, 退城入园、易地发展: the first work
# Between two items of a list: a joiner, perhaps with the second item's measure (65条、总长度57.9公里).
_JOIN_RE = pattern(r"(?:、|⟨list_joiner⟩)(?:⟨item_measure⟩)?")
_NOUN_RE = re.compile(r"[\u4e00-\u9fff“”《》A-Za-z0-9]+")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_PEOPLE = frozenset({"people"})
_HOUSEHOLDS = frozenset({"households"})
_COUNTED = frozenset({"count", "people", "households"})


@dataclass(slots=True)  # one or more per number read: slotted, not frozen (a frozen __init__ costs three times as much)
class Phrase:
    """The words after a unit: what is counted, the work done on it, an event it reached."""

    noun: str
    work: str
    event: str
    end: int  # where the phrase (with its event) ends
    of: bool = False  # 的 right after the unit (3948人的安全饮水问题): the phrase is what the counted have
    problem: bool = False  # the phrase names a problem solved for the counted (安全饮水问题)

    @property
    def empty(self) -> bool:
        return not (self.noun or self.work or self.event)


def phrase_after(ctext: str, k: int) -> Phrase:
    """The phrase that follows a unit ending at compact position k (empty when none does)."""
    m = _LEAD_RE.match(ctext, k)
    of = False
    if m:
        k, of = m.end(), m.group().endswith(_OF)
    for rx in (_CLASS_RE, _EACH_RE, _ATTRIBUTE_RE):
        m = rx.match(ctext, k)
        if m:
            k = m.end()
    stop = _STOP_RE.search(ctext, k)  # 5278名党员、公职人员: the first noun of a list says what is counted
    end = stop.start() if stop else len(ctext)
    words_ = ctext[k:end]
    if words_ and (not _NOUN_RE.fullmatch(words_) or _ahead_of_figure(ctext, end)):
        return Phrase("", "", "", k)
    problem = _PROBLEM_RE.search(words_) is not None
    if problem and words_.endswith(_PROBLEM_NOUN):
        words_ = words_[: -len(_PROBLEM_NOUN)]  # 安全饮水问题 → 安全饮水(人口); 住房困难 stays
    noun, work = _split_work(words_)
    of_at = _OF_RE.match(ctext, end) if noun and not work else None
    if of_at is not None:
        # 5个村的饮水安全工程: what is counted, then the work done in it
        tail = _WORK_TAIL_RE.match(ctext, of_at.end())
        if tail is not None and _ends_phrase(ctext, tail.end()):
            work = _TASK_END_RE.sub("", tail.group())
            if _PLACE_END_RE.search(noun) or _WORK_END_RE.search(work):
                return Phrase(noun, work, "", tail.end(), of)  # 3个片区的老旧小区改造 → 老旧小区改造片区
            return Phrase(noun + work, "", "", tail.end(), of)  # 36个老旧小区的节能改造 → 老旧小区节能改造
    event = _EVENT_RE.match(ctext, end)
    if event:
        return Phrase(noun, work, event.group(1), event.end(), of, problem)
    return Phrase(noun, work, "", end, of, problem)


def _ahead_of_figure(ctext: str, end: int) -> bool:
    """The phrase closes with a verb of amount before a number: it is that figure's subject."""
    return end < len(ctext) and ctext[end].isdigit() and _NEXT_FIGURE_RE.search(ctext, max(0, end - 2), end) is not None


# Places counted (片区, 村): the work after 的 was done in them, and names them (老旧小区改造片区).
_PLACE_END_RE = pattern(r"(?:⟨scope_place⟩)$")
_TASK_END_RE = pattern(r"(?:⟨task_end⟩)$")  # 新民居建设任务 → 新民居建设 (the work stays whole)


def _ends_phrase(ctext: str, k: int) -> bool:
    """Nothing of the phrase goes on at k: the text ends, or punctuation or a predicate follows."""
    stop = _STOP_RE.match(ctext, k)
    return k == len(ctext) or stop is not None


def _split_work(phrase: str) -> tuple[str, str]:
    """学校迁建 → (学校, 迁建); 企业智能化改造 → (企业, 智能化改造); a phrase with no work word stays whole."""
    phrase = _TRAIL_RE.sub("", phrase)
    m = _WORK_RE.search(phrase, 1)
    if m is None:
        return phrase, ""
    cut = m.start()
    lead = _WORK_LEAD_RE.search(phrase[:cut])
    if lead and lead.start() > 0:
        cut = lead.start()
    work = _JOINER_RE.split(phrase[cut:])[0]  # 淘汰和清洁能源替代 → 淘汰
    return phrase[:cut], _TRAIL_RE.sub("", work)


def counted_name(phrase: Phrase, unit: str) -> str:
    """The name a reader gives the count or amount before the phrase ("" for less than two characters)."""
    name = _name_of(phrase, unit)
    return name if len(_CJK_RE.findall(name)) >= 2 or len(name) >= 3 else ""


def _name_of(phrase: Phrase, unit: str) -> str:
    dimension = _dimension(unit)
    noun, work, event = phrase.noun, phrase.work, phrase.event
    if dimension in _PEOPLE | _HOUSEHOLDS and noun and not _AGENT_RE.search(noun):
        # 3948人的安全饮水问题 → 安全饮水人口, 3.08万户住房困难 → 住房困难户; but 36户国家重点企业, 100万人的队伍
        return noun + work + event + (_unit_noun(dimension, unit) if phrase.problem else "")
    if dimension not in _COUNTED:
        return noun + work + event  # an amount or a length: the phrase as written
    if noun and event:
        return work + noun + event if work else noun + event
    if noun:
        return work + noun
    if event or work:
        return (event or work) + _unit_noun(dimension, unit)
    return ""


_CLASS_DIMENSIONS = frozenset({"money", "people", "count", "households"})


def counts_things(unit: str) -> bool:
    """A unit that counts things (个, 家, 人, 户 …)."""
    return _dimension(unit) in _COUNTED


_FLOW_DIMENSIONS = frozenset(
    {"count", "people", "households", "length", "area", "volume", "mass", "power", "livestock"}
)


def adds_up(unit: str) -> bool:
    """A unit of things that can be added (座, 公里, 万亩, 千瓦 …): not a rate, a price or a money amount."""
    return _dimension(unit) in _FLOW_DIMENSIONS


def sizes_a_class(unit: str) -> bool:
    """A unit that can size a class of places or firms (超200亿元的县, 百万人口的城市): not a share (74%的村) nor a
    length or area (57.9公里的城市道路)."""
    return _dimension(unit) in _CLASS_DIMENSIONS


# unit → its dimension, looked up several times for every number (the vocabulary is read once per process)
_DIMENSIONS = {unit: u.dimension for unit, u in vocabulary().units.items()}


def _dimension(unit: str) -> str:
    return _DIMENSIONS.get(unit, "")


def _unit_noun(dimension: str, unit: str) -> str:
    """What a count with no noun counts: people (脱贫人口), households (脱贫户), else the unit itself."""
    if dimension in _PEOPLE:
        return words("people_noun")[0]
    if dimension in _HOUSEHOLDS:
        return words("household_noun")[0]
    return unit


@dataclass(slots=True)
class Item:
    """One item of a list of figures each with its unit: the phrase after its unit."""

    num: Num
    unit: str
    unit_end: int
    phrase: Phrase


def is_joiner(words_: str) -> bool:
    """The words between two items of a list (、 / 和 / 、总长度)."""
    return _JOIN_RE.fullmatch(words_) is not None


def unit_list(ctext: str, nums: list[Num], k: int, unit: str, unit_end: int) -> list[Item]:
    """nums[k] (its unit read already) and the figures after it that form a list of 'number unit phrase',
    joined by 、/和/及."""
    items: list[Item] = []
    for q in range(k, len(nums)):
        if q > k:
            unit, _, unit_end = unit_after(ctext, nums[q].j)
        if not unit:
            break
        phrase = phrase_after(ctext, unit_end)
        items.append(Item(nums[q], unit, unit_end, phrase))
        nxt = nums[q + 1] if q + 1 < len(nums) else None
        joiner = _JOIN_RE.match(ctext, phrase.end)
        if nxt is None or joiner is None or joiner.end() != nxt.i:
            break
    return items


def list_names(items: list[Item]) -> list[str]:
    """The name of each item of a list: its own phrase, the last item's head, or the last item's name."""
    last = items[-1]
    earlier = [it.phrase for it in items[:-1]]
    if all(p.empty for p in earlier):
        # 8条、12.3公里道路提升改造: one thing measured twice; 96户、183人实现脱贫: each counts its own unit
        if last.phrase.noun:
            return [counted_name(last.phrase, last.unit)] * len(items)
        return [counted_name(last.phrase, it.unit) for it in items]
    names = [counted_name(it.phrase, it.unit) for it in items]
    _share_class_head(items, names)
    run = _short_run(items)
    if run:
        # 26公里供水、117公里供热、20公里燃气管网铺设 / 12所小学、8所初中国家义务教育质量监测: the short
        # items share what the item closing them writes after a noun of their length
        width = len(items[0].phrase.noun)
        closing = items[run].phrase
        whole = closing.noun + closing.work
        tail = _TRAIL_RE.sub("", whole[width:])
        heads = [it.phrase.noun for it in items[:run]] + [whole[:width]]
        for q, (head, it) in enumerate(zip(heads, items, strict=False)):
            names[q] = tail + head if _dimension(it.unit) in _COUNTED else head + tail
    return names


# A class of level or size (国家级, 省级, 千亿级): items of a list that are only a class share the head noun
# written after the class of the item closing them (4个国家级、8个省级外贸转型示范基地).
_CLASS_ONLY_RE = pattern(r"[\u4e00-\u9fff]{1,3}(?:⟨level_class⟩)(?:⟨level_class_tail⟩)?")
_CLASS_HEAD_RE = pattern(r"[\u4e00-\u9fff]{1,3}(?:⟨level_class⟩)(?:⟨level_class_tail⟩)?(?P<head>[\u4e00-\u9fff“”]{2,})")


def _share_class_head(items: list[Item], names: list[str]) -> None:
    """国家级、省级区域医疗中心 → 国家级区域医疗中心, 省级区域医疗中心 (names changed in place)."""
    for q, it in enumerate(items[:-1]):
        if not _CLASS_ONLY_RE.fullmatch(it.phrase.noun) or it.phrase.work or it.phrase.event:
            continue
        closing = next((later for later in items[q + 1 :] if not _CLASS_ONLY_RE.fullmatch(later.phrase.noun)), None)
        m = _CLASS_HEAD_RE.fullmatch(closing.phrase.noun) if closing is not None else None
        if m is not None:
            names[q] = counted_name(Phrase(it.phrase.noun + m.group("head"), "", "", 0), it.unit)


_SHORT = 3  # items of a list this short are a sector, place or kind waiting for a shared head


def _short_run(items: list[Item]) -> int:
    """How many items open the list with bare nouns of one short length before an item that is longer."""
    width = len(items[0].phrase.noun)
    if not 0 < width <= _SHORT:
        return 0
    counts = _dimension(items[0].unit) in _COUNTED
    for q, it in enumerate(items):
        p = it.phrase
        if p.work or p.event or len(p.noun) != width:
            whole = p.noun + p.work
            if counts and not _WORK_END_RE.search(_TRAIL_RE.sub("", whole)):
                return 0  # 307个矿山、3060个储煤场粉尘治理: no work shared, each names its own
            return q if q > 0 and len(whole) > width + 1 else 0
    return 0


_PROJECT_RE = pattern(r".*(?:⟨project_head⟩)")


_CLAUSE_END_RE = re.compile(r"[，,；;。：:]")
_DIGIT_RE = re.compile(r"\d")


_DEED_RE = pattern(r"[，,]?(?:⟨deed_adverb⟩)?(?:⟨deed_verb⟩)+(?:⟨perfective⟩)?")
_DEED_CUTS = words("deed_cut")
_DEED_TRAIL_RE = pattern(r"(?:⟨deed_trail⟩)$")
_DEED_NOUN_RE = re.compile(r"[\u4e00-\u9fff“”《》A-Za-z、]+")  # 供水、供热管网改造
_DEED_LONGEST = 16  # longer objects are descriptions, not names


def deed_after(ctext: str, k: int) -> str:
    """What an amount spent paid for, when the next words say (投资4.7亿元，完成…的城市道路新建改造 →
    城市道路新建改造; 投资2.5亿元，实施俄罗斯风情精品街项目 → 俄罗斯风情精品街项目), or ""."""
    m = _DEED_RE.match(ctext, k)
    if m is None:
        return ""
    clause = _CLAUSE_END_RE.search(ctext, m.end())
    deed = ctext[m.end() : clause.start() if clause else len(ctext)]
    for cut in _DEED_CUTS:
        at = deed.rfind(cut)
        if at >= 0:
            # 总长度57.9公里的城市道路…, 道路、变电站等基础设施工程: the object follows; 景区的基础设施: one name
            keep = cut == _DEED_CUTS[0] and not _DIGIT_RE.search(deed, 0, at)
            deed = deed[:at] + deed[at + len(cut) :] if keep else deed[at + len(cut) :]
    deed = _DEED_TRAIL_RE.sub("", deed)
    ok = 2 <= len(deed) <= _DEED_LONGEST and _DEED_NOUN_RE.fullmatch(deed) and not _DIGIT_RE.search(deed)
    return deed if ok else ""


def project_after(ctext: str, k: int) -> str:
    """The project named from k on (时代广场商业项目主体完工 → 时代广场商业项目; 日处理80吨污泥焚烧厂工程: a
    capacity inside a project's name is part of it), or ""."""
    clause = _CLAUSE_END_RE.search(ctext, k)
    m = _PROJECT_RE.match(ctext[k : clause.start() if clause else len(ctext)])
    if m:
        words_ = m.group()
    else:
        stop = _STOP_RE.search(ctext, k)
        words_ = ctext[k : stop.start() if stop else len(ctext)]
    ok = len(words_) >= 2 and _NOUN_RE.fullmatch(words_) and not words_[0].isdigit()  # 的22个项目: a count
    return words_ if ok else ""
