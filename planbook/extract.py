"""Find every quantity in a report and say what it means: indicator, period, kind, measure, value, unit.

Each sentence is read in a *compact* form (whitespace removed, full-width digits made ASCII) so
that text converted from PDF (``增\\n长8.4%``) reads like any other; every position in the compact
form maps back to an offset of ``report.text``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from planbook import chapters
from planbook.model import COLUMNS, IndicatorRow, Report, Segmented, Sentence
from planbook.passages import Frame, Timeline, span_bounds
from planbook.profile import spans_named
from planbook.segment import cn_small_int, segment
from planbook.vocabulary import rate_measure, translate, vocabulary

# Full-width digits and signs → ASCII, one character for one (offsets stay valid).
_FULLWIDTH = str.maketrans("０１２３４５６７８９．％：－", "0123456789.%:-")
_SPACE_RE = re.compile(r"\s+")
_FULLWIDTH_RE = re.compile("[０-９．％：－]")
NUM_RE = re.compile(r"(?<![\d.])\d+(?:[,，]\d{3}(?![\d]))*(?:\.\d+)?(?![\d])")
_CN_NUM = "一二三四五六七八九十两"
# Ranks in words: 全市排名第一, 增长7.2%、全省第一, 位居全国第三.
RANK_CN_RE = re.compile(
    rf"(?:(?:全国|全省|全市|全区|全县|全州|全盟|省内|市内|同类[\u4e00-\u9fff]{{0,4}})"
    rf"(?:排名|排位|位居|位列|排|居|列)?|排名|排位|位居|位列)第([{_CN_NUM}]{{1,3}})(?:位|名)?"
    r"(?![\u4e00-\u9fff])"
)
# An amount in Chinese numerals of more than one digit (一百零八家, 三千亿元, 十二个); its unit is checked
# separately. 十 alone (十个方面) and single digits (三大, 四个) are words more often than figures.
CN_AMOUNT_RE = re.compile(
    r"(?:[一二两三四五六七八九]?十[一二三四五六七八九]|[一二两三四五六七八九十][百千万][零〇一二两三四五六七八九十百千万]*)"
)
# A counted quantity in Chinese numerals after a verb of adding: 新增两家, 建成十四个.
COUNT_CN_RE = re.compile(r"(?:新增|新建|建成|培育|引进|创建|新培育)([两二三四五六七八九十]{1,3})(家|个|所|座|条|项)")
_DELIM_RE = re.compile(r"[，,；;：:。！？]")
_CANDIDATE_RE = re.compile(
    rf"\d+|第[{_CN_NUM}]|(?:新增|新建|建成|培育|引进|创建|新培育)[两二三四五六七八九十]|[{_CN_NUM}][十百千万]"
)
_RATIO_RE = re.compile(r"\d+(?:\.\d+)?(?::\d+(?:\.\d+)?){1,3}")
_QUOTE_RE = re.compile(r"“[^“”]{0,60}”|《[^《》]{0,80}》|\"[^\"]{0,60}\"|「[^「」]{0,60}」|‘[^‘’]{0,60}’")
_YEAR_RE = re.compile(r"(?<![\d.])((?:19|20)\d{2})年(度|来|以来|底|末|初)?")

_NEG = "下降|减少|降低|回落|下滑|下跌|压缩|缩减|缩短|收缩|减产|减收|减|降"
_POS = "增长|增加(?!值)|提高|上升|提升|上涨|扩大|增产|增收|增|升|加快|回升"
_CHANGE_RE = re.compile(rf"(?:{_NEG}|{_POS}|增幅|增速|降幅|涨幅|增长率|速度)")
_SIGN_RE = re.compile(rf"(?P<neg>{_NEG})|(?P<pos>{_POS})")
_GAP_RE = re.compile(
    r"(?P<dir>高于|低于|快于|慢于|超出|领先|落后|高出|低出)"
    r"|比(?!上年|去年|年初|上半年|一季度|前三季度)[^，,；;。比]{1,12}?(?<![提])(?P<dir2>高|低|快|慢)出?$"
)
# 增幅/降幅 收窄 or 扩大: the sign of the change in the growth rate depends on which rate it is.
_NARROW_RE = re.compile(r"(?P<rate>增幅|增速|涨幅|降幅|跌幅)[^，,；;。]{0,10}?(?P<way>收窄|缩小|扩大|加大)$")
# 提高到61.2%, 降低至4.9%: the level reached, not a change.
_REACH_RE = re.compile(r"(?:提高|提升|降低|下降|增长|增加|上升|回落|减少|降|升|增|减)(?:到|至)$")
# 完成年度计划的95%, 为年度预算的102.1%: the rate of the quantity just named, not a new name.
_PLAN_REF_RE = re.compile(r"(?:计划|目标|预算|任务)的$")
# 力争7%, 全省0.5个百分点: words that leave the previous quantity's measure in force.
_CONTINUE_RE = re.compile(r"(?:、|，|,)?(?:力争|争取|确保|努力|达到|全省|全国|全市|全区|全州|全县)*$")
_SHARE_RE = re.compile(r"占[^，,；;。]{0,14}?(?:比重|比例|份额)|比重|占比|结构比|占[^，,；;。]{1,16}的$")
# A share of units that meet a standard (水质优良断面占比) is a compliance rate, not a structure share.
_QUALITY_RE = re.compile(r"优良|达标|合格|水质|[IⅠ][~～\-—至][IⅢ]+类|Ⅰ～Ⅲ类")
_ABS_VERB_RE = re.compile(r"(?:增加|减少|增长|下降|降低|提高|压缩|缩短|缩减|扩大|缩小)了?(?:约|近)?$")
_NET_RE = re.compile(r"净(?:增加|增|(减少|减))$")
_PLAN_SHARE_RE = re.compile(r"占[^，,；;。]{0,10}(?:计划|目标|任务)")
_COMPARE_RE = re.compile(r"(?:比上年末?|比去年|较上年|较去年|同比|比\d{4}年|[比较]年初)")
_TARGET_RE = re.compile(
    r"力争|确保(?!了)|(?<![”」行比动年划])计划(?!执行|单列|生育|的)|(?<![”」])目标(?=是|为|:|：|任务|\d)|(?<![于比初])预期|力求|拟|"
    r"要(?=[\u4e00-\u9fff]{0,3}(?:达到|实现|完成|增长|新增|控制))"
)
# 82项年度重点任务全部完成: a task done is an outcome, not a target.
_TASK_AFTER_RE = re.compile(
    r"^[^，,；;。]{0,6}?(?:建设)?(?:任务|目标)(?![^，,；;。]{0,6}(?:完成|实现|落实|达到|达标|之内|以内))"
)
# Words that report a target met (超额完成…目标任务): the target noun before them names no new goal.
_DONE_RE = re.compile(r"完成|实现|达到|超额|提前|如期|圆满|顺利")
_WEAK_TARGET_WORDS = ("计划", "目标", "预期")
_WITHIN_RE = re.compile(r"[^，,；;。]{0,3}(?:之内|以内|范围内)")
_ESTIMATE_RE = re.compile(r"预计")

# Context words stripped from the right end of a subject ("地区生产总值完成" → "地区生产总值").
_RSTRIP_RE = re.compile(
    r"(?:(?:同比|比上年末?|比去年|较上年|较去年|与上年相比|比\d{4}年|[比较]年初|"
    r"增长|下降|增加(?!值)|减少|提高|降低|回落|上升|上涨|提升|压缩|缩减|缩短|扩大|[降升增减](?=[至到])|"
    r"增幅|增速|降幅|涨幅|分别|高于|低于|快于|慢于|超出|高出|领先|平均水平|平均|水平|"
    r"全国|全省|全市|全区|全县|在|排名|排位|位居|位列|居|第|完成|实现|达到|达|为|是|至|到|"
    r"首次|突破|超过|不超过|不低于|不少于|至少|最长|最多|约|近|接近|共计|共|累计|合计|总计|控制在|保持在|保持|稳定在|"
    r"占[^占]{0,12}?比重|占[^占]{1,16}的|比重|占比|结构比|年均|净增|净减少?|力争|确保|计划|预计|的|了|逾|超|仅|只|再|均|已|各|"
    r"总量|规模|稳居|连续[一二三四五六七八九十两\d]+年|(?<!安)排|安排|增产|减产|增收|减收|收窄|缩小|加大|"
    r"比[^比，,；;。]{1,12}?[高低快慢]出?|较[^较，,；;。]{1,10}?|(?:年初)?(?:预期)?目标|年度计划|年度预算|"
    r"从|由|，|,|、|：|:|-|−))+$"
)
_LSTRIP_RE = re.compile(
    rf"^(?:其中|连续[{_CN_NUM}\d]+年|使|让|促使|推动|我省|本省|本市|(?:今年|年底|年内|入冬|汛期|春节|节前|[{_CN_NUM}\d]{{1,2}}月底?)前|[{_CN_NUM}]是|[{_CN_NUM}]要|(?:[{_CN_NUM}]|多|近)年(?:来|以来)|[{_CN_NUM}]年(?:平均)?|过去[{_CN_NUM}]年|今年以来|全年|全区|全市|全县|全州|全省|全国|今年|当年|年内|明年|去年|"
    r"累计|共有|共|各级各类|各级|各类|各|我区|我市|我县|对|为|已|并|且|同时|此外|另外|力争|确保|计划|预计|预期|"
    r"落实|组织|动员|帮助|推动|加快|全力|积极|大力|持续|进一步|着力|努力|继续|重点|全面|主要|完成|开展|"
    r"——|—|-|，|,|、|：|:|；|;|\s)+"
)
# Verbs that add nothing to a name ("帮助农业产业化企业申请贷款" → "农业产业化企业贷款").
_WEAK_VERB_RE = re.compile(r"(?:实现|落实|发放|申请|达成|收集整理|累计|帮助|争取到位|争取到|争取)(?![率值额量数度])")
_YEAR_WORD_RE = re.compile(r"\d{4}年(?:度|来|以来|底|末|初)?")
# A name that only says "its growth / its rank" stands for the previous quantity's name.
_GENERIC_RE = re.compile(
    r"^(?:增速|增幅|增长|速度|降幅|涨幅|比重|排名|位次|同比|其中|总量|规模|数量|合计|分别|净增|净减)*$"
)
_LEVEL_WORD_RE = re.compile(r"^(?:国家级|省级|市级|区级|县级|镇级|村级|乡级|省市级|市区级|省级以上|市级以上)")
# A bare measure noun borrows the entity of the previous name ("蔬菜面积…总产量" → 蔬菜总产量).
_HEADS = "总产量|产量|播种面积|面积|年产值|总产值|产值|增加值|收入|存栏|出栏|总额|总投资|投资|总数|时间|时限"
_HEAD_RE = re.compile(rf"^(?:{_HEADS})$")
_TAIL_RE = re.compile(rf"(?:{_HEADS})$")
_NEW_RE = re.compile(r"^(?:新增|新建|新培育)")
# A noun phrase after the unit (动员5278名党员…下沉) ends where its predicate starts.
_POST_STOP_RE = re.compile(
    r"实行|奔赴|下沉|参与|相继|陆续|全部|均|已|进行|开展|实现|完成|获得|被|入选|发放|落户|按期|投入|"
    r"纳入|达到|通过|开工|建成|启动|实施|参加|受益|享受|受到|荣获|列入|评为|获|共计|合计|累计|共|的|等(?=[，,；;。、]|$)|"
    r"快速|持续|全面|不断|深入|扎实|有效|基本|圆满|成功|加紧|加快|有序|顺利|正在|稳步|按时|如期|"
    r"[和及与](?=\d)|以上|左右|"
    r"、(?=\d)|[，,；;。：:（(]"
)
_DENG_RE = re.compile(r".*等(?:地|处)?")
_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")
_AREA_RE = re.compile(r"全(?:县|区|市|省|国|州|盟|旗)(?!平均|第)|(?<![上去])年(?:末|初|底)")
# A subject ending in an action verb ("各乡镇打造1-2个…沟渠") names its object after the unit.
_VERB_END_RE = re.compile(
    r"(?:打造|建设|完成|创建|培育|建成|实施|推进|开展|组织|动员|引进|认定|评定|改造|发放|办理|举办|新建|新增|"
    r"启动|安排|争创|创成|建立|成立|设立|打通|开通|落实|吸引|招引|签约|培训|帮扶|救助|资助|慰问|走访)$"
)
_KEEP_VERB_RE = re.compile(r"新增|新建|创建|培育|引进|建成|认定|争创|创成|招引|签约")
_DATE_BEFORE_RE = re.compile(r"(?:19|20)\d{2}[-/.](?:\d{1,2}[-/.])?$")
_CJK_RE = re.compile(r"[\u4e00-\u9fff]")
_QUAL_AFTER_RE = re.compile(r"以上|以下|以内|之内|左右|多|余")
_LEAD_CUT_RE = re.compile(r"首次|突破|达到|完成|实现|增长|下降|连续|跨越|同比|比上年|较上年|由|从|达|超过|占|为|是")
_DIGIT_RE = re.compile(r"\d")
_THEN_TOTAL_RE = re.compile(r"(?:共计|合计|累计|共)\d+(?:\.\d+)?")
_POST_TRAIL_RE = re.compile(r"(?:建设任务|建设|任务|工作|创建|改造)$")
_SKIP_AFTER_RE = re.compile(r"(?:周年|周岁|届|版|国道|省道|县道|乡道|通道|高速|号线|号|路|街|次会议)")
_HOURS_NAME_RE = re.compile(r"小时(?!内|以内|之内)[\u4e00-\u9fff]")
_APPROX_BEFORE = re.compile(r"(?:约|近|大约|接近|将近)$")
_LOWER_BEFORE = re.compile(r"(?:突破|超过|逾|不少于|至少|不低于|超)$")
_UPPER_BEFORE = re.compile(r"(?:不超过|不高于|控制在|最长不超过|最多|以内)$")
_LIST_SEP_RE = re.compile(r"^[、和及与]$")
_ITEM_SPLIT_RE = re.compile(r"、|和|及")
_FROM_RE = re.compile(r"(?:从|由)(?:原来)?")
_TO_RE = re.compile(
    r"^[^，,；;。]{0,8}?(?:减少|减|压缩|降低|降|缩短|提高|提升|增加|增长|扩大|上升|下降)?(?:到|至|为)"
    r"(?:\d{4}年(?:底|末)?的?|第)?$"
)
_RANGE_RE = re.compile(r"[-~～—–至到](?=\d)")
_SECTOR_LIST_RE = re.compile(r"^第?([一二三](?:[、和及]?第?[一二三])+)产业(.*)$")
_SECTOR_RE = re.compile(r"产业结构|结构比|三产|三次产业")
_SECTORS = ("第一产业增加值", "第二产业增加值", "第三产业增加值")
_BARE_UNITS = ("万", "亿", "万亿")
_SIGNED = ("change_pct", "change_pp", "change_abs", "gap_pp", "avg_change_pct", "cum_change_pct")


@dataclass
class _Num:
    """A number literal found in a sentence's compact text."""

    i: int  # compact start
    j: int  # compact end
    value: float
    cn: bool = False  # written in Chinese numerals
    rank: bool = False  # a rank in words (全市排名第一)
    amount: bool = False  # an amount in Chinese numerals with a unit (三千亿元, 一百零八家)


@dataclass
class _Context:
    """What the extractor knows about the report as a whole."""

    report: Report
    review_year: int | None
    timeline: Timeline  # the period and kind of every sentence's passage


@dataclass(frozen=True)
class _When:
    """The period and kind of one figure, and where its period came from."""

    period: str
    kind: str
    estimate: bool
    explicit: str  # "clause": a year in the figure's clause; "sentence": earlier in the sentence; ""
    frame: Frame


def _compact(text: str, s: int, e: int, hidden: tuple[tuple[int, int], ...] = ()) -> tuple[str, list[int] | None]:
    """Sentence text without whitespace or conversion markup, and the offset of each kept character.

    The offsets are None when nothing was removed. Spaces between two digits are kept (one
    character) so that table columns do not fuse into one number; a line break between two digits
    is dropped (a number wrapped in text from PDF). Markup (a page marker inside a sentence, even
    inside a word: 城镇污水处 <!-- Page 16 --> 理率) is skipped like whitespace.
    """
    raw = text[s:e]
    skip = [(max(a, s) - s, min(b, e) - s) for a, b in hidden if a < e and b > s]
    if not skip and not _SPACE_RE.search(raw):
        return raw, None
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
            if nxt <= last and raw[nxt].isdigit() and "\n" not in raw[k:nxt]:
                keep.append(k)
        k += 1
    return "".join(raw[k] for k in keep), [s + k for k in keep]


def _context(report: Report, seg: Segmented) -> _Context:
    return _Context(report, report.year, Timeline(report, seg))


def _numbers(ctext: str) -> list[_Num]:
    nums = []
    for m in NUM_RE.finditer(ctext):
        lit = m.group().replace(",", "").replace("，", "")
        nums.append(_Num(m.start(), m.end(), float(lit)))
    for m in RANK_CN_RE.finditer(ctext):
        nums.append(_Num(m.start(1), m.end(1), float(cn_small_int(m.group(1))), cn=True, rank=True))
    for m in COUNT_CN_RE.finditer(ctext):
        lit = m.group(1)
        val = 2 if lit == "两" else cn_small_int(lit)
        if val >= 2:
            nums.append(_Num(m.start(1), m.end(1), float(val), cn=True))
    taken = {n.i for n in nums}
    for m in CN_AMOUNT_RE.finditer(ctext):
        value = _cn_amount(m.group())
        before, after = ctext[m.start() - 1 : m.start()], ctext[m.end() : m.end() + 1]
        if before in ("月", "年") or after in ("年", "月") or (after == "日" and before in ("月", "〇", "○")):
            continue  # 二〇〇五年一月十一日: a date
        if value is not None and m.start() not in taken and before != "第":
            if _unit(ctext, m.end())[0]:
                nums.append(_Num(m.start(), m.end(), value, cn=True, amount=True))
    nums.sort(key=lambda n: n.i)
    return nums


def _cn_amount(lit: str) -> float | None:
    """一百零八 → 108, 三千 → 3000, 一万二千 → 12000 (cn2an); None when it is no number."""
    import cn2an  # imported when a report has such a figure: the library takes a tenth of a second to load

    try:
        return float(cn2an.cn2an(lit, "strict"))
    except (ValueError, KeyError):
        return None


def _quote_spans(ctext: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTE_RE.finditer(ctext)]


def _is_skipped(ctext: str, n: _Num, quotes: list[tuple[int, int]]) -> bool:
    """Numbers that are not quantities: dates, times, names, codes, footnote markers."""
    i, j = n.i, n.j
    before = ctext[i - 1] if i > 0 else ""
    after = ctext[j] if j < len(ctext) else ""
    lit = ctext[i:j]
    if n.cn:
        return any(a <= i < b for a, b in quotes)
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True  # H7N9, PM2.5, 5G, R1线, 4A
    if (before and before in "+×*/^") or (after and after in "+×*/"):
        return True  # 6+1, 2+26, 7×24
    if before and after and before in "[【" and after in "]】":
        return True  # footnote markers
    if any(a <= i < b for a, b in quotes):
        return True  # “5210”, “九大行动20项任务”, “5个1000”
    rest = ctext[j : j + 6]
    if len(lit) == 4 and lit[:2] in ("19", "20") and "." not in lit:
        if rest[:1] in ("年", "-", "/", ".", "—", "~", "至") or re.match(r"、\d{4}年", rest):
            return True
    if rest[:1] == "月":
        return True
    if rest[:1] in ("日", "号") and before == "月":
        return True
    if after == ":" and re.match(r":\d{2}(?!\.)", ctext[j : j + 4]) and len(lit) <= 2:
        return True  # 10:38
    if before == ":" and i >= 3 and re.match(r"\d{1,2}:$", ctext[max(0, i - 3) : i]) and len(lit) == 2:
        return True
    if before and before in "-/." and _DATE_BEFORE_RE.search(ctext, max(0, i - 8), i):
        return True  # 2021-02-23
    if _SKIP_AFTER_RE.match(rest):
        return True
    if _HOURS_NAME_RE.match(rest):
        return True  # 24小时值班: a name, not a duration
    if before == "第" and not _rank_context(ctext, i):
        return True  # ordinals: 第3季度
    return False


def _rank_context(ctext: str, i: int) -> bool:
    window = ctext[max(0, i - 8) : i]
    if re.search(r"(?:排名|排位|位居|位列|全国|全省|全市|全区|全县|同类|居)[^，,；;。]{0,4}第$", window):
        return True
    # 由第9位前移至第4位: the rank it moved to
    return bool(re.search(r"[位名](?:前移|后移|上升|下降|提升|跃升|跃居|升|降|进)(?:至|到|为)第$", window))


def _unit(ctext: str, j: int) -> tuple[str, str, int]:
    """Unit after a number: (unit, approx-word, compact end of the unit)."""
    m = vocabulary().unit_re.match(ctext, j)
    if not m:
        return "", "", j
    unit = (m.group("pre") or "") + m.group("base")
    if unit not in vocabulary().units:
        return "", "", j
    q = m.group("q1") or m.group("q2") or ""
    return unit, q, m.end()


@lru_cache(maxsize=4096)
def _strip_subject(s: str, head_only: bool = True) -> str:
    """The indicator name inside the words that precede a number.

    With ``head_only``, "A、B等产业增加值" names the head noun after 等 only.
    """
    s = _RSTRIP_RE.sub("", _AREA_RE.sub("", _PAREN_RE.sub("", _YEAR_WORD_RE.sub("", s))))
    s = _LSTRIP_RE.sub("", s)
    m = _DENG_RE.search(s) if head_only else None
    if m:
        s = s[m.end() :] or s
    s = _RSTRIP_RE.sub("", _LSTRIP_RE.sub("", _WEAK_VERB_RE.sub("", s)))
    s = s.strip("的、，,（）()")
    return s if len(s) >= 2 else ""  # 以12个片区…: a lone preposition is no name


def _post_noun(ctext: str, k: int) -> tuple[str, int]:
    """The noun phrase that follows a unit (5278名党员…), and where it ends."""
    k0 = k
    for w in ("以上", "左右", "的"):
        if ctext.startswith(w, k):
            k += len(w)
    m = _POST_STOP_RE.search(ctext, k)
    end = m.start() if m else len(ctext)
    dm = re.compile(r"\d").search(ctext, k, end)
    if dm:
        end = dm.start()
    noun = _POST_TRAIL_RE.sub("", ctext[k:end])
    if not re.fullmatch(r"[\u4e00-\u9fff“”《》A-Za-z、]{2,}", noun or "") or noun.startswith("、"):
        # "15批次共计1160人次体验团": the noun comes after the total.
        m = _THEN_TOTAL_RE.match(ctext, k)
        if m:
            unit, _, unit_end = _unit(ctext, m.end())
            if unit:
                noun, _ = _post_noun(ctext, unit_end)
                return noun, k0
        return "", k0
    return noun, end


def _canonical(name: str) -> str:
    """The usual name of an indicator written in a variant (data/aliases.csv); other names stay as written."""
    return vocabulary().aliases.get(name, name)


def _compose(name: str, prev: str, sent_prev: str) -> str:
    """Fill in a name left elliptical by the text, from the previous quantity's name.

    ``prev`` is the last name in the paragraph, ``sent_prev`` the last one in this sentence.
    """
    if not name or _GENERIC_RE.match(name):
        return sent_prev or prev or name
    if _HEAD_RE.match(name) and sent_prev and not name.startswith(sent_prev):
        entity = _NEW_RE.sub("", _TAIL_RE.sub("", sent_prev))
        return entity + name if entity else name
    prev = sent_prev or prev
    if not prev:
        return name
    m = _LEVEL_WORD_RE.match(name)
    if m and len(name) <= len(m.group()) + 1:
        level = m.group()
        pm = _LEVEL_WORD_RE.search(prev) or re.search(r"(?:国家级|省级|市级|区级|县级)", prev)
        if pm:
            return prev[: pm.start()] + level + prev[pm.end() :]
        # "两化融合试点示范项目31家,其中国家级1家" → 国家级两化融合试点示范项目
        stem = re.sub(r"^(?:新增|新建|全区共有|共有)", "", prev)
        return prev[: len(prev) - len(stem)] + level + stem
    return name


def _qualifier(ctext: str, ctx: str, unit_end: int, approx_word: str) -> str:
    rest = ctext[unit_end : unit_end + 4]
    if rest.startswith("以上"):
        return "lower_bound"
    if rest[:1] in ("多", "余") and not _CJK_RE.match(rest[1:2]):
        return "approx"
    if rest.startswith(("以内", "以下", "之内")):
        return "upper_bound"
    if rest.startswith("左右") or approx_word:
        return "approx"
    if _UPPER_BEFORE.search(ctx) or re.search(r"(?:控制在|不超过)[^，,；;。]{0,3}$", ctx):
        return "upper_bound"
    if _LOWER_BEFORE.search(ctx):
        return "lower_bound"
    if _APPROX_BEFORE.search(ctx):
        return "approx"
    return ""


def _last_match(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = None
    for found in rx.finditer(s):  # noqa: B007 - the last one is wanted
        pass
    return found


def _measure(ctx: str, unit: str, rank: bool, lead: str) -> tuple[str, int]:
    """Measure and sign of a number, from the words between the previous quantity and it.

    ``lead`` is the whole clause before the number (``ctx`` may start later, after an earlier quantity).
    """
    if rank:
        return "rank", 1
    sign_m = _last_match(_SIGN_RE, ctx)
    sign = -1 if sign_m is not None and sign_m.group("neg") else 1
    if unit in ("个百分点", "百分点", "个千分点", "千分点"):
        g = _last_match(_GAP_RE, ctx)
        if g is not None:
            word = g.group("dir") or g.group("dir2")
            return "gap_pp", (-1 if word in ("低于", "慢于", "落后", "低出", "低", "慢") else 1)
        narrow = _NARROW_RE.search(ctx)
        if narrow is not None:
            slower = (narrow.group("way") in ("收窄", "缩小")) == (narrow.group("rate") in ("增幅", "增速", "涨幅"))
            return "change_pp", (-1 if slower else 1)
        return "change_pp", sign
    if unit == "倍":
        return "level", 1  # 增长1.8倍 / 是上年的1.6倍: a multiple, kept as written
    if unit in ("%", "‰"):
        subject = _strip_subject(ctx)
        if _SHARE_RE.search(ctx):
            # 占年度计划的108%: a completion rate; 水质优良断面占比: the share meeting a standard is a rate
            ratio = _PLAN_SHARE_RE.search(ctx) or _QUALITY_RE.search(subject)
            return ("ratio_pct" if ratio else "share_pct"), 1
        rate = rate_measure(subject)
        if rate and rate != "change":
            tail = ctx[ctx.rfind(subject[-1]) + 1 :] if subject else ctx
            if not _CHANGE_RE.search(tail):
                return rate, 1
        if _CHANGE_RE.search(ctx) and not _REACH_RE.search(ctx):
            return "change_pct", sign
        if ctx.endswith("的") or lead.endswith("的"):
            return "ratio_pct", 1  # 恢复到2019年的97%, 完成全年计划的141.7%
        return "level", 1
    # A count or amount right after a change verb: 比上年增加6.1万人, 常住人口增加3.2万人, 时限压缩2天.
    if sign_m is not None and sign_m.end() >= len(ctx) - 1 and (_COMPARE_RE.search(ctx) or _ABS_VERB_RE.search(ctx)):
        return "change_abs", sign
    net = _NET_RE.search(ctx)
    if net is not None:
        return "change_abs", (-1 if net.group(1) else 1)
    return "level", 1


def _period_kind(c: _Context, sent: Sentence, ctext: str, i: int, unit_end: int, clause: int, unit: str) -> _When:
    """Year the figure refers to, actual/target, whether it is an estimate, and where the year came from."""
    frame = c.timeline.frame(sent)
    kind, period = frame.kind, frame.period
    before = ctext[:i]
    explicit: tuple[int, bool] | None = None
    where = ""
    sentence_year: tuple[int, bool] | None = None
    for m in _YEAR_RE.finditer(before):
        suffix = m.group(2) or ""
        if suffix in ("来", "以来"):
            continue
        pre = before[max(0, m.start() - 1) : m.start()]
        if pre in ("比", "较", "与", "同", "从", "自", "由"):
            continue  # a base year (比2020年提高, 从2015年的…): the figure is not of that year
        if before[m.end() : m.end() + 1] == "的" and (m.end() + 1 != i or unit in ("%", "‰")):
            continue  # 恢复到2019年的97%: a year of reference; but 2018年的1856亿元 is a 2018 figure
        if _YEAR_RANGE_AFTER_RE.match(before, m.end()):
            continue  # 2016—2020年 names a span, not one year
        year = (int(m.group(1)), pre in ("到", "至"))
        if m.start() >= clause:
            explicit, where = year, "clause"
        elif sentence_year is None:
            sentence_year = year
    if explicit is None:
        # 今年全社会固定资产投资力争完成1万亿元: 今年 is the year of delivery, whatever the passage
        m = _LAST_RELATIVE_RE.search(before, clause)
        year = c.timeline.relative_year(m.group(1)) if m else None
        if year is not None:
            explicit, where = (year, False), "clause"
    if explicit is None and sentence_year is not None:
        explicit, where = sentence_year, "sentence"
    if explicit is not None:
        year, to = explicit
        period = str(year)
        later = c.review_year is not None and year > c.review_year
        if c.report.genre == "communique":
            kind = "actual"
        elif later:
            kind = "target"
        elif not to or kind == "actual":
            kind = "actual"
    if kind == "actual" and (_names_a_goal(before) or _TASK_AFTER_RE.match(ctext[unit_end:])):
        kind = "target"
    estimate = kind == "actual" and _ESTIMATE_RE.search(before) is not None
    return _When(period, kind, estimate, where, frame)


def _names_a_goal(before: str) -> bool:
    """The words before a figure set a goal (力争, 确保, 目标是 …), not report one met (超额完成…目标任务)."""
    m = _last_match(_TARGET_RE, before)
    if m is None:
        return False
    if m.group() in _WEAK_TARGET_WORDS:
        # 超额完成…目标任务, 控制在预期目标之内, 未完成预期目标: a goal reported on, not set
        if _DONE_RE.search(before, max(0, m.start() - 12), m.start()) or _WITHIN_RE.match(before, m.end()):
            return False
    return True


_LAST_RELATIVE_RE = re.compile(r"(今年|明年)(?!以来|来)")
_YEAR_RANGE_AFTER_RE = re.compile(r"[-—–~至到](?:19|20)\d{2}年")
_STATE_RE = re.compile(
    r"突破|达到|达|居|位居|位列|占|超过|超|提高到|提升到|降至|降到|增加到|升至|跃升|首次|跃居|比重|占比"
)
_FLOW_RE = re.compile(
    r"累计|新增|五年|连续|稳定在|保持在|共计|总计|合计|完成|实施|建成|淘汰|压减|退出|搬迁|脱贫|培训|引进|承接|改造|整治|创建|发放"
)
_MULTIPLE_GROWTH_RE = re.compile(r"(?:增长|增加|提高|扩大|翻)(?:了)?(?:近|约|超过|超)?$")
_AVG_RE = re.compile(r"年均|平均每年|年平均|平均年")
_CUM_RE = re.compile(r"累计|五年|[两三四五六七八九十]年来|近[两三四五六七八九十]年|以来")
_SPAN_WORDS_RE = re.compile(
    r"(?:近|过去|最近)([两二三四五六七八九十])年|([两二三四五六七八九十])年(?:来|平均|年均|间|累计)|((?:19|20)\d{2})年以来"
)
_CN_COUNT = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_PAIR_FROM_YEAR_RE = re.compile(r"(?:从|由)((?:19|20)\d{2})年(?:底|末)?的?$")
_PAIR_TO_YEAR_RE = re.compile(r"(?:到|至|为)((?:19|20)\d{2})年(?:底|末)?的?")


def _local_span(ctx: str, frame: Frame, ref: int | None) -> str:
    """A span named next to an average or cumulative change: 近三年, 五年来, 2016年以来, 十三五以来."""
    m = _SPAN_WORDS_RE.search(ctx)
    named = spans_named(ctx)
    if named:
        return named[-1]
    if m and ref:
        if m.group(3):
            return f"{m.group(3)}-{ref}"
        n = _CN_COUNT.get(m.group(1) or m.group(2) or "", 0)
        if n:
            return f"{ref - n + 1}-{ref}"
    return frame.period if frame.is_span else ""


def _offsets(sent: Sentence, cmap: list[int] | None, i: int, j: int) -> tuple[int, int]:
    if cmap is None:
        return sent.start + i, sent.start + j
    return cmap[i], cmap[j - 1] + 1


def _clause_start(ctext: str, i: int, delims: list[int] | None = None) -> int:
    """Start of the clause holding position i (after the last comma, colon or stop)."""
    if delims is None:
        delims = [m.end() for m in _DELIM_RE.finditer(ctext, 0, i)]
    at = bisect_right(delims, i) - 1
    return delims[at] if at >= 0 else 0


def _structure_rows(ctext: str, nums: list[_Num], idx: int) -> list[tuple[_Num, str]] | None:
    """三产业结构比为14.1:26.8:59.1 → one share per sector."""
    n = nums[idx]
    m = _RATIO_RE.match(ctext, n.i)
    if not m or m.group().count(":") != 2:
        return None
    if not _SECTOR_RE.search(ctext[max(0, n.i - 20) : n.i]):
        return None
    parts = [p for p in nums[idx:] if p.i < m.end()]
    if len(parts) != 3:
        return None
    return list(zip(parts, _SECTORS, strict=True))


def _list_names(subject: str, count: int) -> list[str] | None:
    """'A、B和C' before 分别 → names A, B, C; a trailing '等产业增加值' is shared by all."""
    if count < 2:
        return None
    suffix = ""
    if "等" in subject:
        subject, _, suffix = subject.rpartition("等")
    sectors = _SECTOR_LIST_RE.match(subject)
    if sectors and count == len(re.findall("[一二三]", sectors.group(1))):
        # 第一、二、三产业增加值分别为… → 第一产业增加值, 第二产业增加值, 第三产业增加值
        return [f"第{n}产业{sectors.group(2)}" for n in re.findall("[一二三]", sectors.group(1))]
    items = [x for x in subject.split("、") if x]
    if len(items) == 1 and count == 2 and subject.startswith("城乡"):
        return ["城镇" + subject[2:], "农村" + subject[2:]]  # 城乡居民收入分别达到…和…
    if len(items) == count > 1 and all(len(x) <= 3 for x in items[:-1]) and len(items[-1]) > len(items[0]) + 1:
        # 城镇、农村居民人均可支配收入 → the short items share the last item's head noun
        tail = items[-1][len(items[0]) :]
        return [x + tail for x in items[:-1]] + [items[-1]]
    if len(items) + 1 == count and re.search(r"[和及与]", items[-1]):
        items = items[:-1] + [x for x in re.split(r"[和及与]", items[-1]) if x]
    if len(items) == 1 and count > 1:
        items = [x for x in _ITEM_SPLIT_RE.split(subject) if x]
    if len(items) != count:
        return None
    if suffix:
        return [x + suffix for x in items]
    return items


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


def _year(period: str) -> int | None:
    return int(period) if period.isdigit() else None


class _SentenceReader:
    """Reads the quantities of one sentence, left to right, each in the context the earlier ones leave."""

    def __init__(self, c: _Context, topics: chapters.Topics, sent: Sentence, text: str, prev_name: str) -> None:
        self.c, self.topics, self.sent = c, topics, sent
        self.ctext, self.cmap = _compact(text, sent.start, sent.end, c.report.hidden)
        self.nums = _numbers(self.ctext)
        self.quotes = _quote_spans(self.ctext)
        self.delims = [m.end() for m in _DELIM_RE.finditer(self.ctext)]
        self.prev_name = prev_name  # last name in the paragraph
        self.sent_prev = ""  # last name in this sentence
        self.lead = _lead_subject(self.ctext)  # the sentence's own subject, for figures that name none
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

    def _unit(self, k: int, n: _Num) -> tuple[str, str, int, bool, str] | None:
        """(unit, approx word, end of unit, is rank, range role) of nums[k], or None if not a quantity."""
        ctext = self.ctext
        rank = n.rank
        if n.cn and not rank and not n.amount:
            unit, approx, unit_end = ctext[n.j], "", n.j + 1
        elif rank or (ctext[n.i - 1 : n.i] == "第" and _rank_context(ctext, n.i)):
            rank = True
            unit_end = n.j + (1 if ctext[n.j : n.j + 1] in ("位", "名") else 0)
            unit, approx = "位", ""
        else:
            unit, approx, unit_end = _unit(ctext, n.j)
        if n.i not in self.structure and ctext[n.j : n.j + 1] == ":":
            for p, sector in _structure_rows(ctext, self.nums, k) or ():
                self.structure[p.i] = sector
        # Ranges: 1-2个, 30－50项 → two rows sharing the second number's unit.
        range_role = ""
        nxt = self.nums[k + 1] if k + 1 < len(self.nums) else None
        # The unit may be written once (1-2个) or on both ends (8%—10%).
        sep = n.j if nxt is not None and nxt.i - n.j == 1 else unit_end
        if nxt is not None and not n.cn and nxt.i - sep == 1 and _RANGE_RE.match(ctext, sep):
            u2, approx2, end2 = _unit(ctext, nxt.j)
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
        if unit in _BARE_UNITS and (ctext[unit_end : unit_end + 1] == "级" or not _post_noun(ctext, unit_end)[0]):
            return None  # 50亿级产业集群, 1000万…: a bare 万/亿 counts nothing named
        voc = vocabulary()
        if voc.name_after_unit_re.match(ctext, unit_end) or voc.threshold_re.match(ctext, unit_end):
            return None  # 25条措施 names a document; 10亿元以上项目 is a size class of projects

        return unit, approx, unit_end, rank, range_role

    def _read(self, k: int, n: _Num) -> IndicatorRow | None:
        ctext, sent = self.ctext, self.sent
        if n.i not in self.structure and (n.i < self.consumed or _is_skipped(ctext, n, self.quotes)):
            return None
        found = self._unit(k, n)
        if found is None:
            return None
        unit, approx, unit_end, rank, range_role = found
        clause = _clause_start(ctext, n.i, self.delims)
        ctx = ctext[max(clause, self.consumed) : n.i]
        when = _period_kind(self.c, sent, ctext, n.i, unit_end, clause, unit)
        period, kind = when.period, when.kind
        nxt = self.nums[k + 1] if k + 1 < len(self.nums) else None
        opens_pair = (
            nxt is not None and _FROM_RE.search(ctx) is not None and _TO_RE.match(ctext[unit_end : nxt.i]) is not None
        )
        name, measure, sign, unit_end, used_post = self._meaning(
            k, n, ctx, clause, unit, unit_end, rank, range_role, allow_post=not opens_pair
        )
        qualifier = range_role or _qualifier(ctext, ctx, unit_end, approx)
        # Before/after pairs: 从5个减少到1个, 由原来公示45日压缩到20日, 从2015年的2.6万亿元增长到2020年的3.62万亿元.
        if self.pending_after is not None and self.pending_after.index == k:
            pair = self.pending_after
            qualifier, name, measure, sign = "after", pair.name, pair.measure, 1
            period, kind = pair.after_period or period, pair.after_kind or kind
            self.pending_after = None
        elif opens_pair:
            opener = _last_match(_FROM_RE, ctx)
            if opener is not None:
                before = _compose(_strip_subject(ctx[: opener.start()]), self.prev_name, self.sent_prev)
                measure = measure if measure in ("ratio_pct", "share_pct", "rank") else "level"
                qualifier, name, sign = "before", before or name, 1
                # The after value is the next quantity (由2018年的1856亿元增加到2023年的2567亿元: not 2023).
                after = next(
                    (q for q in range(k + 1, len(self.nums)) if not _is_skipped(ctext, self.nums[q], self.quotes)),
                    k + 1,
                )
                self.pending_after = self._pair(after, name, measure, ctx, unit_end, when)
                period, kind = self.pending_after.before_period or period, self.pending_after.before_kind or kind
        else:
            measure, period = self._spanned(measure, period, ctx, when, unit)
        if when.estimate and not qualifier:
            qualifier = "estimate"
        name = _canonical(name)
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
            qm = _QUAL_AFTER_RE.match(ctext, unit_end)
            self.consumed = max(self.consumed, qm.end() if qm else unit_end)
        return self._row(n, name, period, kind, measure, sign, unit, qualifier)

    def _pair(self, after: int, name: str, measure: str, ctx: str, unit_end: int, when: _When) -> _Pair:
        """Periods of a before/after pair: its own years, the years of the sentence's last pair, or the span."""
        m_from = _PAIR_FROM_YEAR_RE.search(ctx)
        to_text = self.ctext[unit_end : self.nums[after].i] if after < len(self.nums) else ""
        m_to = _PAIR_TO_YEAR_RE.search(to_text)
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

    def _spanned(self, measure: str, period: str, ctx: str, when: _When, unit: str) -> tuple[str, str]:
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
        if unit == "倍" and in_span and _MULTIPLE_GROWTH_RE.search(ctx):
            return "cum_change_pct", frame.period  # 国家级高新技术企业…增长近5倍: a five-year multiple
        if measure == "change_pct" and _AVG_RE.search(ctx):
            span = _local_span(ctx, frame, _year(period) or self.c.review_year)
            return "avg_change_pct", span or period
        if measure == "change_pct" and (in_span or _CUM_RE.search(ctx)):
            span = _local_span(ctx, frame, _year(period) or self.c.review_year) if not in_span else frame.period
            if span:
                return "cum_change_pct", span
            return measure, period
        if in_span and measure in ("change_pp", "change_abs"):
            return measure, frame.period
        if in_span and not when.explicit:
            # A state reached (突破12亿吨, 居全国第3位, 占比超30%) is the span's last year; a flow summed
            # over the span (累计压减, 新增3954万亩) or a state held throughout (稳定在700亿斤以上) is the span.
            bounds = span_bounds(frame.period)
            if bounds and (measure == "rank" or _STATE_RE.search(ctx)) and not _FLOW_RE.search(ctx):
                return measure, str(bounds[1])
            return measure, frame.period
        return measure, period

    def _meaning(
        self,
        k: int,
        n: _Num,
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
            post, post_end = _post_noun(ctext, unit_end) if last.post else ("", unit_end)
            if post:
                return post, last.measure, last.sign, max(unit_end, post_end), True
            if self.list_names is not None and self.list_pos < len(self.list_names):
                self.list_pos += 1
                return self.list_names[self.list_pos - 1], last.measure, last.sign, unit_end, False
            return last.name, last.measure, last.sign, unit_end, False
        measure, sign = _measure(ctx, unit, rank, ctext[clause : n.i])
        subject = _strip_subject(ctx)
        if (
            last is not None
            and measure in ("level", "change_pp")
            and last.measure in ("change_pct", "gap_pp")
            and last.unit == unit
            and not subject
            and _CONTINUE_RE.fullmatch(ctx)
        ):
            # 增长6.5%左右,力争7% / 高于全国0.9个百分点、全省0.5个百分点: the same kind of figure again
            measure, sign = last.measure, last.sign
        if measure == "ratio_pct" and _PLAN_REF_RE.search(ctx):
            subject = ""  # 完成年度计划的95%: the rate of the quantity just named
        self.list_names = None
        if "分别" in ctx:
            head = _strip_subject(ctx[: ctx.find("分别")], head_only=False)
            count = _list_length(ctext, self.nums, k)
            # "…分别达到42000元和21000元,分别增长6.8%和8.2%": the second list repeats the first one's names.
            names = _list_names(head, count) if head else None
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
        verb_only = _is_verb_only(subject)
        verb_end = _VERB_END_RE.search(subject)
        # "动员5278名党员", "X、Y和Z 5个还建项目", "已开工的14条道路": the name follows the unit.
        follows = (
            not name
            or verb_only
            or verb_end is not None
            or ctx.endswith("的")
            or (self.list_names is None and ("、" in name or _DENG_RE.match(ctx) is not None))
        )
        bare = unit in _BARE_UNITS  # 11.5万村民: the noun after the number says what is counted
        if allow_post and not rank and measure in ("level", "ratio_pct") and (follows or bare):
            post, post_end = _post_noun(ctext, unit_end)
            if post:
                verb = verb_end.group() if verb_end is not None else ""
                prefix = subject if _NEW_RE.fullmatch(subject) else (verb if _KEEP_VERB_RE.fullmatch(verb) else "")
                name, unit_end, used_post = prefix + post, max(unit_end, post_end), True
            elif verb_only:
                name = ""
                prev = self.sent_prev or self.prev_name
                if _NEW_RE.fullmatch(subject) and prev and not _NEW_RE.match(prev):
                    name = subject + prev  # 规上工业企业达到150家,新增20家 → 新增规上工业企业
        name = _compose(name, self.prev_name, self.sent_prev or self.lead)
        if measure == "level" and unit in ("%", "‰") and not subject and rate_measure(name) in ("ratio_pct", "level"):
            measure = rate_measure(name)  # 城镇化率提高1.6个百分点，达到45%: the rate named before
        return name, measure, sign, unit_end, used_post

    def _row(
        self, n: _Num, name: str, period: str, kind: str, measure: str, sign: int, unit: str, qualifier: str
    ) -> IndicatorRow:
        sent, text = self.sent, self.c.report.text
        value = n.value * sign if measure in _SIGNED else n.value
        if n.i >= 1 and self.ctext[n.i - 1] in "-−" and (n.i < 2 or _CJK_RE.match(self.ctext[n.i - 2])):
            value = -value  # 增长-4.5%: a negative number written with its sign (not 7%-8%, a range)
        start, end = _offsets(sent, self.cmap, n.i, n.j)
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
    if _FULLWIDTH_RE.search(text):
        text = text.translate(_FULLWIDTH)
    # Where numbers may be: sentences without any are not read at all.
    candidates = [m.start() for m in _CANDIDATE_RE.finditer(text, report.body_start, report.body_stop)]
    topics = chapters.Topics(seg, c.timeline.openings)
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


def _lead_subject(ctext: str) -> str:
    """The subject of a sentence's first clause (地区生产总值首次突破三千亿元 → 地区生产总值), or ""."""
    m = _DELIM_RE.search(ctext)
    first = _YEAR_WORD_RE.sub("", ctext[: m.start()] if m else ctext)
    cut = _LEAD_CUT_RE.search(first)
    if cut is None or _DIGIT_RE.search(first[: cut.start()]):
        return ""
    return _strip_subject(first[: cut.start()])


def _list_length(ctext: str, nums: list[_Num], k: int) -> int:
    """How many numbers from nums[k] on form one list (25%、12%和24%)."""
    count = 1
    for q in nums[k + 1 :]:
        between = ctext[nums[k + count - 1].j : q.i]
        unit, _, end = _unit(ctext, nums[k + count - 1].j)
        if unit:
            between = ctext[end : q.i]
        if _LIST_SEP_RE.match(between):
            count += 1
        else:
            break
    return count


_VERB_ONLY_RE = re.compile(
    r"(?:动员|组织|对|完成|建成|打造|落实|培育|开办|帮助|为|向|给|共|累计|新增|新建|新培育|创建|引进|启动|"
    r"确保|实施|举办|开展|办理|争取|推进|建设|投入|安排|设立|认定|评定|改造|服务|惠及|带动|保障|"
    r"吸纳|资助|救助|慰问|走访|接待|培训|发放|拨付|筹集|募集|捐赠|实现|达到|有|剩余|已开工的|"
    r"我区|我市|我县|全区|全市|力争|计划)+"
)


def _is_verb_only(subject: str) -> bool:
    """A subject that is only a verb (新增, 建设, 启动…): the name follows the unit."""
    return _VERB_ONLY_RE.fullmatch(subject) is not None


def to_frame(rows: list[IndicatorRow]) -> pd.DataFrame:
    """Rows as a DataFrame with the columns of ``model.COLUMNS``, in text order."""
    df = pd.DataFrame([r.as_dict() for r in rows], columns=list(COLUMNS))
    if not df.empty:
        df = df.sort_values(["start", "end", "measure"], kind="stable").reset_index(drop=True)
    df["period"] = df["period"].astype(str)
    return df


__all__ = ["extract", "to_frame"]
