"""What a rank or a gap is measured against (居全省第2位, 高于全国平均水平1.4个百分点: the row's ``area``), and
whose rank it is (增幅全省第一 ranks the growth, not the level)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planbook.extract.numbers import LIST_SEPS
from planbook.model import Measure
from planbook.text.regions import suffix_alternation
from planbook.vocabulary import pattern, words

# An area a figure is compared with, as data/words.csv lists them (全省, 中部六省, 同类城市 …) …
_AREA_RE = pattern(r"(?:⟨compare_area⟩)", guard=True)
# … or a place's own name, when it is all the words name (高于呼伦贝尔市平均水平): a region's suffix ends it.
_PLACE_RE = re.compile(rf"[\u4e00-\u9fff]{{1,7}}(?:{suffix_alternation()})")
# Words after the area that say what of it is compared (全国平均水平, 全省平均增速): not part of the area.
_FILLER_RE = pattern(r"(?:⟨area_filler⟩)+$")
# The ranking words between the area and 第 (居全省第2位, 全省排名第一, 上升至第三位).
_RANK_WORDS_RE = pattern(r"(?:(?:⟨rank_stay⟩|⟨rank_verb⟩|⟨rank_move⟩)+(?:⟨to_word⟩)?|(?:⟨rank_noun⟩)?(?:⟨from_word⟩))$")
_RANK_VERB_RE = pattern(r"⟨rank_stay⟩|⟨rank_verb⟩|⟨rank_move⟩")  # 并列 whole: 数量并列全国第一
# A gap: the comparison word, then the area up to the number (高于全国平均水平); or 比全省高.
_GAP_AREA_RE = pattern(
    r"(?:⟨gap_higher⟩|⟨gap_lower⟩)(?P<a>[^，,；;。]{1,16})$"
    r"|⟨than⟩(?P<b>(?:(?!⟨than⟩)[^，,；;。]){1,12}?)(?:⟨than_higher⟩|⟨than_lower⟩)(?:⟨than_tail⟩)?$"
)
_LIST_RE = pattern(r"、|⟨list_joiner⟩")
_DELIM_RE = re.compile(r"[，,；;：:。]")
_RANK_MARKS = ("第", *words("rank_top"))  # 居全国第3位, 居全国前10位
_GROWTH_RE = pattern(r"(?P<up>⟨growth_rate_up⟩|⟨rank_growth_up⟩)|(?P<down>⟨growth_rate_down⟩)")
_GROWTH_NAME_RE = pattern(r"(?:⟨growth_rate_up⟩|⟨growth_rate_down⟩|⟨growth_name_end⟩)$")
_GROWTH_NAME_UP, _GROWTH_NAME_DOWN = words("rank_growth_name_up")[0], words("rank_growth_name_down")[0]


def _area_in(words: str, at_end: bool = False) -> str:
    """The area the words name, the one nearest their end (全国同类城市 in 省内铁路里程居全国同类城市平均水平),
    "" when they name none; with ``at_end``, only one that ends them (增幅全省, not 全市粮食产量)."""
    words = _FILLER_RE.sub("", words) if words else words
    found = list(_AREA_RE.finditer(words)) if words else []
    if at_end and found and found[-1].end() != len(words):
        return ""
    if not found:
        verb = _last(_RANK_VERB_RE, words)
        own = words[verb.end() :] if verb is not None else words
        return own if _PLACE_RE.fullmatch(own) else ""
    start, end = found[-1].span()
    for m in reversed(found[:-1]):
        if m.end() != start:
            break
        start = m.start()  # 全国 + 同类城市
    return words[start:end]


def _last(rx: re.Pattern[str], words: str) -> re.Match[str] | None:
    found = None
    for found in rx.finditer(words):  # noqa: B007 - the last one is wanted
        pass
    return found


def areas_of(ctx: str, measure: str) -> list[str]:
    """The areas a rank or gap figure is compared with, from the words before it (several for a list:
    分别高于全国、全省0.1和1.6个百分点); [] when they name none (稳居第四位, 高于年度目标)."""
    if measure == Measure.RANK:
        return [a] if (a := _rank_area(ctx[:-1] if ctx.endswith(_RANK_MARKS) else ctx)) else []
    if measure != Measure.GAP_PP:
        return []
    m = _GAP_AREA_RE.search(ctx)
    words = (m.group("a") or m.group("b")) if m is not None else ctx  # 、全省0.5个百分点: the area alone
    items = [_area_in(item) for item in _LIST_RE.split(words)] if _LIST_RE.search(words) else []
    if len(items) > 1 and all(items):
        return items
    return [a] if (a := _area_in(words)) else []


def _rank_area(before: str) -> str:
    """The area of a rank from the words before its 第: after the last ranking word (居全国同类城市第5位), or
    right before the ranking words or the 第 (在全省排名第二, 增幅全省第一); never the subject's own scope
    (全市粮食产量稳居第三位)."""
    stripped = _RANK_WORDS_RE.sub("", before)
    if stripped != before:
        return _area_in(stripped, at_end=True)
    verb = _last(_RANK_VERB_RE, before)
    return _area_in(before, at_end=True) if verb is None else _area_in(before[verb.end() :])


def rank_name(name: str, ctx: str) -> str:
    """The name of a rank row: the growth of the quantity when the words rank its growth (增幅全省第一,
    增速居全省第二: 地区生产总值增速), else the name as read."""
    g = _GROWTH_RE.search(ctx)
    if g is None or not name or _GROWTH_NAME_RE.search(name):
        return name
    return name + (_GROWTH_NAME_DOWN if g.group("down") else _GROWTH_NAME_UP)


# Comparison words left at the end of a name once the area is cut from it (粮食产量居中部六省, 增速比全省高).
_COMPARED_TAIL_RE = pattern(
    r"(?:⟨rank_stay⟩|⟨rank_verb⟩|⟨rank_move⟩|⟨gap_higher⟩|⟨gap_lower⟩"
    r"|⟨than⟩(?:⟨than_higher⟩|⟨than_lower⟩)?(?:⟨than_tail⟩)?|⟨compared_tail⟩)+$"
)


@dataclass(slots=True)
class Compared:
    """A rank or gap row's name and area, and the areas of its list still to come."""

    name: str
    area: str
    rest: list[str]


def compared(name: str, ctx: str, measure: str, queued: list[str], previous: str) -> Compared:
    """Name and area of a rank or gap figure. A list item (分别高于全国、全省0.1和1.6个百分点) or the rank a
    rank moved to (从全国第12位升至第5位) takes the next ``queued`` area; an area read into the name is cut
    from it (粮食产量居中部六省第二位: 粮食产量), and a name that was only the comparison
    (高于呼伦贝尔市平均水平0.5个百分点) is the ``previous`` figure's."""
    follows = ctx in LIST_SEPS or (measure == Measure.RANK and _DELIM_RE.search(ctx) is None)
    areas = areas_of(ctx, measure) or (queued if follows else [])
    area = areas[0] if areas else ""
    cut = name.rfind(area) if area else -1
    inner = _AREA_RE.search(name) if cut < 0 and area else None
    if inner is not None and area.endswith(inner.group()):
        cut = inner.start()  # 居同类城市 for 居全国同类城市 (全国 was cut from the name already)
    if cut >= 0:
        name = name[:cut]
        verb = _last(_RANK_VERB_RE, name) if measure == Measure.RANK else None
        name = _COMPARED_TAIL_RE.sub("", name[: verb.start()] if verb is not None else name)
    elif _COMPARED_TAIL_RE.search(name):
        name = _COMPARED_TAIL_RE.sub("", name)  # 地区生产总值增速比全省高: the area was cut already
    rest = areas[1:] if len(areas) > 1 else areas  # one area holds for the list's other items
    return Compared(name if len(name) >= 2 else previous, area, rest)
