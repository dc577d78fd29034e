"""Number literals in a sentence and the units after them; the numbers that are no quantity (dates, names, codes).

Each sentence is read in a *compact* form (whitespace and conversion markup removed, full-width
digits made ASCII) so that text converted from PDF (``增\\n长8.4%``) reads like any other; every
position in the compact form maps back to an offset of ``report.text``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from planbook.text.numerals import cn_int
from planbook.vocabulary import pattern, read_lists, units_of, vocabulary, words

# Full-width digits and signs → ASCII, one character for one (offsets stay valid).
FULLWIDTH = str.maketrans("０１２３４５６７８９．％：－∶", "0123456789.%:-:")  # ∶ (U+2236) in 11.7∶43.7∶44.6

_SPACE_RE = re.compile(r"\s")  # one is enough to know; a class first lets re skip to it (\s+ does not)
_SPACES_RE = re.compile(r"\s+")

FULLWIDTH_RE = re.compile("[０-９．％：－∶]")
_FULLWIDTH_PAIRS = tuple((chr(wide), chr(narrow)) for wide, narrow in FULLWIDTH.items())


def ascii_figures(text: str) -> str:
    """``text`` with its full-width digits and signs made ASCII (FULLWIDTH), offsets unchanged.

    One str.replace per character present: str.translate looks every character of a Chinese text up in the
    table, fifty times slower on a report (most hold only the colon ：).
    """
    for wide, narrow in _FULLWIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, narrow)
    return text


# Digits are ASCII (full-width ones are made ASCII before reading); digits of other scripts are not read.
_NUM = r"(?<![0-9.])[0-9]+(?:[,，][0-9]{3}(?![0-9]))*(?:\.[0-9]+)?(?![0-9])"
NUM_RE = re.compile(_NUM)

CN_NUM = "一二三四五六七八九十两"

# Ranks in words: 全市排名第一, 增长7.2%、全省第一, 位居全国第三, 稳居第四位, 上升至第三位, 居中部六省第二位,
# 由第九位前移至第四位 (a rank moved from; the 位 or 名 of a rank may be followed by words, a bare 第一 not).
_RANK_CN = (
    r"(?:⟨rank_area⟩⟨rank_verb⟩?|⟨rank_word⟩|⟨rank_at⟩(?:⟨compare_area⟩)?|⟨rank_move⟩(?:⟨to_word⟩)|⟨from_word⟩)"
    r"第(?P<rank_n>[" + CN_NUM + r"]{1,3})(?:⟨rank_unit⟩|(?![\u4e00-\u9fff]))"
)

# An amount in Chinese numerals of more than one digit (一百零八家, 三千亿元, 十二个); its unit is checked
# separately. 十 alone (十个方面) and single digits (三大, 四个) are words more often than figures.
_CN_AMOUNT = (
    r"(?:[一二两三四五六七八九]?十[一二三四五六七八九]"  # 十二, 二十五
    r"|[一二两三四五六七八九十][百千万][零〇一二两三四五六七八九十百千万]*)"  # 一百零八, 三千
)

# A counted quantity in Chinese numerals after a verb of adding: 新增两家, 建成十四个.
_COUNT_CN = r"⟨count_verb⟩(?P<count_n>[两二三四五六七八九十]{1,3})(⟨count_unit⟩)"

DELIM_RE = re.compile(r"[，,；;：:。！？]")
_UP_TO_DELIM_RE = re.compile(r".*[，,；;：:。！？]", re.DOTALL)  # everything up to the last delimiter

# The four kinds of number in one pass over a sentence (a match of one kind hides the others inside it).
_ANY_NUMBER_RE = pattern(
    "(?P<num>" + _NUM + ")|(?P<rank>" + _RANK_CN + ")|(?P<count>" + _COUNT_CN + ")|(?P<amount>" + _CN_AMOUNT + ")",
    guard=True,
)

# What a number can start with (a digit, 第一, 新增两家, 三千): branches that each open with one character, so
# that re skips to those characters (it cannot through a look-ahead or a branch that opens with a class: each
# digit is a branch of its own).
_CANDIDATE_RE = re.compile(
    "|".join(
        list("0123456789")
        + ["第[" + CN_NUM + "]"]
        + [w + "[两二三四五六七八九十]" for w in words("count_verb")]  # a word as written (it may hold a condition)
        + [re.escape(c) + "[十百千万]" for c in CN_NUM]
        + ["十[一二三四五六七八九]"]  # 十二: an amount that opens with 十
    )
)


def has_candidate(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] may hold a number: a digit, or the start of a number in words."""
    return _CANDIDATE_RE.search(text, start, end) is not None


_RATIO_RE = re.compile(r"\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,3}")

_QUOTE_RE = re.compile(r"“[^“”]{0,60}”|《[^《》]{0,80}》|\"[^\"]{0,60}\"|「[^「」]{0,60}」|‘[^‘’]{0,60}’")

_DATE_BEFORE_RE = re.compile(r"(?:19|20)\d{2}[-/.](?:\d{1,2}[-/.])?$")

CJK_RE = re.compile(r"[\u4e00-\u9fff]")

_SKIP_AFTER_RE = pattern(r"⟨skip_after_word⟩")
_STREAK, _STREAK_UNITS = words("streak_word"), words("streak_unit")
_TOP, _SHARE_MARKS = frozenset(words("rank_top")), ("%", "‰")

_HOURS_NAME_RE = pattern(r"(?:⟨hours_word⟩)(?!⟨hours_within⟩)[\u4e00-\u9fff]")
_HOURS = words("hours_word")

_SECTOR_RE = pattern(r"⟨structure_word⟩")

_RANK_LEAD_RE = pattern(r"⟨rank_lead⟩[^，,；;。]{0,4}第$")
_TOP_LEAD_RE = pattern(r"(?:⟨rank_verb⟩)[^，,；;。]{0,6}(?:⟨rank_top⟩)$")
_TOP_UNITS = words("rank_unit")

_RANK_MOVE_RE = pattern(r"(?:⟨rank_unit⟩)⟨rank_move⟩(?:⟨to_word⟩)第$")

_RANK_FROM_RE = pattern(r"\d{1,3}(?:⟨rank_unit⟩)")
_FROM_RANK = tuple(w + "第" for w in words("from_word"))  # 由第9位: the rank moved from

_NEXT_YEAR_IN_RUN_RE = re.compile(r"、\d{4}年")  # 2019、2020年: a run of years
_MINUTES_RE = re.compile(r":\d{2}(?!\.)")  # 10:38
_HOURS_RE = re.compile(r"\d{1,2}:$")

LIST_SEPS = frozenset(("、", *words("list_joiner")))  # what stands between two items of a list (25%、12%和24%)

_SECTORS = words("sector_value_added")
_YEAR_RUN = ("-", "/", ".", "—", "~", *words("range_word"))  # after 2016: a year of a range or a date (2016-2020年)
_GLUED_DATE_UNITS = ("", *words("glued_date_after"))


# A page number left in the text by a PDF conversion: a line holding only it (— 9 —, 9, -9-), or one set
# between dashes inside a line of prose (实际利用外—9—资金额). Read as blank space, so that it neither
# glues to a value on the next line (达到\n9\n1234.5亿元) nor makes a range (增长—9—8.5%).
_PAGE_HINT_RE = re.compile(r"\n|[—－]")
_BLANK = r"[ \t\u3000]*"
_PAGE_MARK_RE = re.compile(
    rf"\n{_BLANK}(?:[—－-]{_BLANK})?\d{{1,3}}(?:{_BLANK}[—－-])?{_BLANK}(?=\r?\n)"
    rf"|(?<=[\u4e00-\u9fff])[—－]{_BLANK}\d{{1,3}}{_BLANK}[—－](?=\s*[\u4e00-\u9fff\d])"
)


@dataclass(slots=True)  # several per sentence: slotted (a cheaper __init__)
class Num:
    """A number literal found in a sentence's compact text."""

    i: int  # compact start
    j: int  # compact end
    value: float
    cn: bool = False  # written in Chinese numerals
    rank: bool = False  # a rank in words (全市排名第一)
    amount: bool = False  # an amount in Chinese numerals with a unit (三千亿元, 一百零八家)


_LINE_BREAK_RE = re.compile(r"[\n\r\u2028\u2029]")  # CR alone ends a line too (old Mac files)


def compact(text: str, s: int, e: int, hidden: tuple[tuple[int, int], ...] = ()) -> tuple[str, list[int] | None]:
    """Sentence text without whitespace or conversion markup, and the offset of each kept character.

    The offsets are None when nothing was removed. Spaces between two digits are kept (one
    character) so that table columns do not fuse into one number; a line break between two digits
    is dropped (a number wrapped in text from PDF). Markup (a page marker inside a sentence, even
    inside a word: 城镇污水处 <!-- Page 16 --> 理率) is skipped like whitespace.
    """
    raw = text[s:e]
    skip = [(max(a, s) - s, min(b, e) - s) for a, b in hidden if a < e and b > s] if hidden else []
    if _PAGE_HINT_RE.search(raw) is not None:
        marks = [m.span() for m in _PAGE_MARK_RE.finditer(raw)]
        skip = sorted(skip + marks) if marks else skip
    if not skip:
        return (raw, None) if _SPACE_RE.search(raw) is None else _without_spaces(raw, s)
    keep = []
    last = len(raw) - 1
    k = 0
    spans = iter(skip)
    nxt_skip = next(spans, None)
    while k <= last:
        if nxt_skip is not None and k >= nxt_skip[0]:
            k = max(k, nxt_skip[1])
            nxt_skip = next(spans, None)
            continue
        ch = raw[k]
        if not ch.isspace():
            keep.append(k)
        elif keep and raw[keep[-1]].isdigit() and keep[-1] == k - 1:
            nxt = k + 1
            while nxt <= last and raw[nxt].isspace():
                nxt += 1
            # Spaces between digits separate table columns; a line break inside a number is a PDF wrap.
            if nxt <= last and raw[nxt].isdigit() and not _LINE_BREAK_RE.search(raw, k, nxt):
                keep.append(k)
        k += 1
    return "".join(raw[k] for k in keep), [s + k for k in keep]


def _without_spaces(raw: str, s: int) -> tuple[str, list[int]]:
    """``compact`` of a sentence with no markup to skip: the words between its runs of whitespace are copied whole
    (a loop over the runs, not over every character); a run between two digits leaves its first character
    unless it holds a line break."""
    kept: list[str] = []
    offsets: list[int] = []
    a = 0
    for m in _SPACES_RE.finditer(raw):
        i, j = m.span()
        between_digits = 0 < i and raw[i - 1].isdigit() and j < len(raw) and raw[j].isdigit()
        if between_digits and not _LINE_BREAK_RE.search(raw, i, j):
            i += 1  # table columns: 12 34 stays two numbers
        kept.append(raw[a:i])
        offsets.extend(range(s + a, s + i))
        a = j
    kept.append(raw[a:])
    offsets.extend(range(s + a, s + len(raw)))
    return "".join(kept), offsets


def find_numbers(ctext: str) -> list[Num]:
    """Every number literal of a sentence, in order: Arabic digits, ranks and counts and amounts in words."""
    nums = []
    for m in _ANY_NUMBER_RE.finditer(ctext):
        kind = m.lastgroup
        if kind == "num":
            lit = m.group()
            if "," in lit or "，" in lit:  # 1,234: thousands separators (most literals have none)
                lit = lit.replace(",", "").replace("，", "")
            nums.append(Num(m.start(), m.end(), float(lit)))
        elif kind == "rank":
            rank = cn_int(m.group("rank_n"))
            if rank is not None:
                nums.append(Num(m.start("rank_n"), m.end("rank_n"), float(rank), cn=True, rank=True))
        elif kind == "count":
            val = cn_int(m.group("count_n"))
            if val is not None and val >= 2:  # 二三家 (two or three) is no count
                nums.append(Num(m.start("count_n"), m.end("count_n"), float(val), cn=True))
        else:
            amount = _amount(ctext, m.start(), m.end())
            if amount is not None:
                nums.append(amount)
    return nums


def _amount(ctext: str, i: int, j: int) -> Num | None:
    """An amount in Chinese numerals with a unit after it (三千亿元), or None (a date, an ordinal, no unit)."""
    before, after = ctext[i - 1 : i], ctext[j : j + 1]
    if before in ("月", "年", "第") or after in ("年", "月") or (after == "日" and before in ("月", "〇", "○")):
        return None  # 二〇〇五年一月十一日: a date; 第十二: an ordinal
    if not unit_after(ctext, j).unit:
        return None
    value = cn_int(ctext[i:j])
    return None if value is None else Num(i, j, float(value), cn=True, amount=True)


_QUOTE_OPENER_RE = re.compile('[“《"「‘]')


def quote_spans(ctext: str) -> list[tuple[int, int]]:
    """Spans of the quoted words and titles of a sentence (most sentences have none: one test for an opener first)."""
    if _QUOTE_OPENER_RE.search(ctext) is None:
        return []
    return [m.span() for m in _QUOTE_RE.finditer(ctext)]


def is_skipped(ctext: str, n: Num, quotes: list[tuple[int, int]]) -> bool:
    """Numbers that are not quantities: dates, times, names, codes, footnote markers."""
    i, j = n.i, n.j
    if quotes and any(a <= i < b for a, b in quotes):
        return True  # “5210”, “九大行动20项任务”, “5个1000”
    if n.cn:
        return False
    before = ctext[i - 1] if i > 0 else ""
    after = ctext[j] if j < len(ctext) else ""
    if (before in _ODD_BEFORE or after in _ODD_AFTER) and _marked(ctext, i, j, before, after):
        return True
    rest = ctext[j : j + 6]
    if j - i == 4 and ctext[i : i + 2] in ("19", "20") and "." not in ctext[i:j]:
        if rest[:1] == "年" or rest.startswith(_YEAR_RUN) or _NEXT_YEAR_IN_RUN_RE.match(rest):
            return True
    if rest[:1] == "月":
        return True
    if j - i == 8 and _is_glued_date(ctext[i:j]) and unit_after(ctext, j).unit in _GLUED_DATE_UNITS:
        return True  # 20221215日: a date written without its 年月日, never a level
    if _SKIP_AFTER_RE.match(rest):
        return True
    if ctext.endswith(_STREAK, max(0, i - 4), i) and rest.startswith(_STREAK_UNITS):
        return True  # 连续30个月居全国前10位: how long a streak lasted, like 连续5年
    if before in _TOP and rest[:1] in _SHARE_MARKS:
        return True  # 进入ESI全球前1%的学科: the bound of a ranking, part of a name
    return rest.startswith(_HOURS) and _HOURS_NAME_RE.match(rest) is not None  # 24小时值班: a name, not a duration


def _is_glued_date(digits: str) -> bool:
    """Eight digits that read as a date, year month day (20221215)."""
    if digits[:2] not in ("19", "20") or not digits.isdigit():
        return False
    month, day = int(digits[4:6]), int(digits[6:8])
    return 1 <= month <= 12 and 1 <= day <= 31


# The characters beside a number that may make it no quantity (most numbers stand between words: one test).
_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_ODD_BEFORE = _LETTERS | frozenset("+×*/^[【:-.第月")
_ODD_AFTER = _LETTERS | frozenset("+×*/]】:")


def _marked(ctext: str, i: int, j: int, before: str, after: str) -> bool:
    """A number that a letter, an operator, a bracket or a date or time mark beside it makes no quantity."""
    if before in _LETTERS or (after in _LETTERS and not unit_after(ctext, j).unit):
        return True  # H7N9, PM2.5, 5G, R1线, 4A (but 35ug/m3 is a concentration)
    if before in _OPERATORS_BEFORE or after in _OPERATORS_AFTER:
        return True  # 6+1, 2+26, 7×24
    if before in ("[", "【") and after in ("]", "】"):
        return True  # footnote markers
    if before == "月" and after in ("日", "号"):
        return True  # 3月15日
    if after == ":" and _MINUTES_RE.match(ctext, j, j + 4) and j - i <= 2:
        return True  # 10:38
    if before == ":" and i >= 3 and _HOURS_RE.match(ctext, max(0, i - 3), i) and j - i == 2:
        return True
    if before in ("-", "/", ".") and _DATE_BEFORE_RE.search(ctext, max(0, i - 8), i):
        return True  # 2021-02-23
    return before == "第" and not rank_context(ctext, i)  # ordinals: 第3季度


_OPERATORS_BEFORE = frozenset("+×*/^")
_OPERATORS_AFTER = frozenset("+×*/")


def top_rank(ctext: str, i: int, j: int) -> bool:
    """A number that closes a place among the first ones (居全国前10位, 全省前5名): a rank of at most that."""
    return ctext.startswith(_TOP_UNITS, j) and _TOP_LEAD_RE.search(ctext, max(0, i - 8), i) is not None


def rank_context(ctext: str, i: int) -> bool:
    window = ctext[max(0, i - 8) : i]
    if _RANK_LEAD_RE.search(window):
        return True
    # 由第9位前移至第4位: the rank it moved to, and the one it moved from
    if _RANK_MOVE_RE.search(window):
        return True
    return window.endswith(_FROM_RANK) and _RANK_FROM_RE.match(ctext, i) is not None


class UnitAt(NamedTuple):
    """The unit written after a number ("" when none), the 多/余 inside it, and where it ends."""

    unit: str
    approx: str
    end: int


_UNIT_RE, _UNITS = vocabulary().unit_re, vocabulary().units

# A capacity written into a project's name (大唐700万吨露天矿, 日处理鲜奶500吨生产加工项目): a unit of mass or
# volume, then within a few characters a head noun of data/not_quantities.csv (capacity_head). Units of power
# are left out: 建成402万千瓦机组 counts the units built. Any of the three before 级 is a class (30万吨级泊位,
# 30万千瓦级煤电机组), never a figure.
_CAPACITY_DIMENSIONS = frozenset({"mass", "volume"})
_CLASS_DIMENSIONS = frozenset({"mass", "volume", "power"})
_CAPACITY_HEADS = sorted(set(read_lists("not_quantities.csv")["capacity_head"]), key=lambda w: (len(w), w))
_LEVEL_CLASS = words("level_class")  # 30万吨级泊位: a class, never a figure
CAPACITY_UNITS = frozenset(u for u, v in _UNITS.items() if v.dimension in _CLASS_DIMENSIONS)  # a quick first test
_CAPACITY_RE = re.compile(r"[\u4e00-\u9fff]{0,8}?(?:" + "|".join(map(re.escape, reversed(_CAPACITY_HEADS))) + ")")


def names_a_capacity(ctext: str, unit: str, unit_end: int) -> bool:
    """The figure before ``unit_end`` is the capacity in a project's name (年产700万吨项目), not a quantity."""
    u = _UNITS.get(unit)
    if u is None or u.dimension not in _CLASS_DIMENSIONS:
        return False
    if ctext.startswith(_LEVEL_CLASS, unit_end):
        return True
    return u.dimension in _CAPACITY_DIMENSIONS and _CAPACITY_RE.match(ctext, unit_end) is not None


def unit_after(ctext: str, j: int) -> UnitAt:
    """The unit after a number that ends at compact position j."""
    m = _UNIT_RE.match(ctext, j)
    if m is None:
        return UnitAt("", "", j)
    pre, base = m.group("pre", "base")
    unit = pre + base if pre else base
    if unit not in _UNITS:
        return UnitAt("", "", j)
    q1, q2 = m.group("q1", "q2")
    return UnitAt(unit, q1 or q2 or "", m.end())


@dataclass(slots=True)
class Share:
    """One sector's share in a 三次产业结构 ratio, and the year and before/after role the words give it."""

    num: Num
    sector: str
    year: str  # 由2012年的21.3:45.1:33.6调整到2013年的…: the year written before the ratio, or ""
    role: str  # "before" (由/从…), "after" (…调整到/为 after a ratio), or ""
    last_year: bool  # 由上年的…: the year before the figure's own


_STRUCTURE_ROLE_RE = pattern(
    r"(?:(?P<from>⟨from_word⟩)|(?P<to>⟨to_word⟩))"
    r"(?:(?P<year>(?:19|20)\d\d)年(?:⟨year_end⟩)?|(?P<last>⟨last_year_word⟩)(?:⟨year_end⟩)?)?(?:⟨attributive⟩)?$"
)
_STRUCTURE_GAP_RE = re.compile(r"[^；;。]{0,16}")  # what may stand between the two ratios of a 由…调整到…


def structure_rows(ctext: str, nums: list[Num], idx: int, last_end: int = -1) -> list[Share] | None:
    """三产业结构比为14.1:26.8:59.1 → one share per sector; ``last_end`` is where the sentence's last
    structure ratio ended (-1: none), so that the second ratio of 由…调整到… is read without its own sector word."""
    n = nums[idx]
    m = _RATIO_RE.match(ctext, n.i)
    if not m or m.group().count(":") != 2:
        return None
    follows = 0 <= last_end <= n.i and _STRUCTURE_GAP_RE.fullmatch(ctext, last_end, n.i) is not None
    if not follows and not _SECTOR_RE.search(ctext[max(0, n.i - 20) : n.i]):
        return None
    parts = [p for p in nums[idx:] if p.i < m.end()]
    if len(parts) != 3:
        return None
    role = _STRUCTURE_ROLE_RE.search(ctext, max(0, n.i - 10), n.i)
    year = role.group("year") or "" if role else ""
    kind = "" if role is None else "before" if role.group("from") else "after" if follows else ""
    last = role is not None and role.group("last") is not None
    return [Share(p, sector, year, kind, last) for p, sector in zip(parts, _SECTORS, strict=True)]


def clause_start(ctext: str, i: int, after: int = 0, start: int = 0) -> int:
    """Start of the clause holding position i (after the last comma, colon or stop before it).

    ``after`` is a position before i whose clause starts at ``start`` (the previous figure's): only the text
    between the two is looked at, so that a sentence of many figures is read in linear time.
    """
    m = _UP_TO_DELIM_RE.match(ctext, after, i)  # one step back from i per character, in C
    return m.end() if m is not None else start


def list_length(ctext: str, nums: list[Num], k: int) -> int:
    """How many numbers from nums[k] on form one list (25%、12%和24%)."""
    count = 1
    for q in nums[k + 1 :]:
        between = ctext[nums[k + count - 1].j : q.i]
        unit, _, end = unit_after(ctext, nums[k + count - 1].j)
        if unit:
            between = ctext[end : q.i]
        if (bound := _QUAL_AFTER_START.match(between)) is not None:
            between = between[bound.end() :]  # 95%左右、96%以上: each item with its own bound
        if between in LIST_SEPS:
            count += 1
        else:
            break
    return count


_QUAL_AFTER_START = pattern(r"(?:⟨qualifier_after⟩)")

_NUMBER_WORDS = units_of("number")  # 万, 亿: a prefix written alone
_POINTS = units_of("pp")  # 个百分点: its 个 may be written alone on an earlier item


def fuller_unit(ctext: str, unit: str, unit_end: int, nxt: Num | None) -> str:
    """The unit of an item of a list written with only the start of the next item's (3500万、2300万人次 →
    万人次; 9.4个和8.1个百分点 → 个百分点), else ``unit``."""
    if nxt is None or ctext[unit_end : nxt.i] not in LIST_SEPS:
        return unit
    after = unit_after(ctext, nxt.j).unit
    fuller = after.startswith(unit) and (unit in _NUMBER_WORDS or after in _POINTS)
    return after if fuller else unit


# Items of a list whose unit is written once, after the last (0.1和1.6个百分点, 4.2、2.1万元): at most this many.
_SHARED_UNIT_ITEMS = 6


def shared_unit(ctext: str, nums: list[Num], k: int) -> tuple[str, str]:
    """The unit and its approx word written after a later item of the list nums[k] opens, or ("", "")."""
    for q in range(k, min(k + _SHARED_UNIT_ITEMS, len(nums) - 1)):
        joiner = ctext[nums[q].j : nums[q + 1].i]
        if joiner not in LIST_SEPS or nums[q + 1].cn:
            return "", ""
        unit, approx, _ = unit_after(ctext, nums[q + 1].j)
        if unit:
            return unit, approx
    return "", ""
