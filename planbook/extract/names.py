"""The indicator a number measures: the words before it (or after its unit), completed from earlier names."""

from __future__ import annotations

import re
from functools import lru_cache

from planbook.extract.numbers import CN_NUM, DELIM_RE, unit_after
from planbook.vocabulary import vocabulary

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
    rf"^(?:其中|连续[{CN_NUM}\d]+年|使|让|促使|推动|我省|本省|本市|(?:今年|年底|年内|入冬|汛期|春节|节前|[{CN_NUM}\d]{{1,2}}月底?)前|[{CN_NUM}]是|[{CN_NUM}]要|(?:[{CN_NUM}]|多|近)年(?:来|以来)|[{CN_NUM}]年(?:平均)?|过去[{CN_NUM}]年|今年以来|全年|全区|全市|全县|全州|全省|全国|今年|当年|年内|明年|去年|"
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

NEW_RE = re.compile(r"^(?:新增|新建|新培育)")

# A noun phrase after the unit (动员5278名党员…下沉) ends where its predicate starts.
_POST_STOP_RE = re.compile(
    r"实行|奔赴|下沉|参与|相继|陆续|全部|均|已|进行|开展|实现|完成|获得|被|入选|发放|落户|按期|投入|"
    r"纳入|达到|通过|开工|建成|启动|实施|参加|受益|享受|受到|荣获|列入|评为|获|共计|合计|累计|共|的|等(?=[，,；;。、]|$)|"
    r"快速|持续|全面|不断|深入|扎实|有效|基本|圆满|成功|加紧|加快|有序|顺利|正在|稳步|按时|如期|"
    r"[和及与](?=\d)|以上|左右|"
    r"、(?=\d)|[，,；;。：:（(]"
)

DENG_RE = re.compile(r".*等(?:地|处)?")

_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")

_AREA_RE = re.compile(r"全(?:县|区|市|省|国|州|盟|旗)(?!平均|第)|(?<![上去])年(?:末|初|底)")

# A subject ending in an action verb ("各乡镇打造1-2个…沟渠") names its object after the unit.
VERB_END_RE = re.compile(
    r"(?:打造|建设|完成|创建|培育|建成|实施|推进|开展|组织|动员|引进|认定|评定|改造|发放|办理|举办|新建|新增|"
    r"启动|安排|争创|创成|建立|成立|设立|打通|开通|落实|吸引|招引|签约|培训|帮扶|救助|资助|慰问|走访)$"
)

KEEP_VERB_RE = re.compile(r"新增|新建|创建|培育|引进|建成|认定|争创|创成|招引|签约")

_LEAD_CUT_RE = re.compile(r"首次|突破|达到|完成|实现|增长|下降|连续|跨越|同比|比上年|较上年|由|从|达|超过|占|为|是")

_DIGIT_RE = re.compile(r"\d")

_THEN_TOTAL_RE = re.compile(r"(?:共计|合计|累计|共)\d+(?:\.\d+)?")

_POST_TRAIL_RE = re.compile(r"(?:建设任务|建设|任务|工作|创建|改造)$")

_ITEM_SPLIT_RE = re.compile(r"、|和|及")

_SECTOR_LIST_RE = re.compile(r"^第?([一二三](?:[、和及]?第?[一二三])+)产业(.*)$")

_VERB_ONLY_RE = re.compile(
    r"(?:动员|组织|对|完成|建成|打造|落实|培育|开办|帮助|为|向|给|共|累计|新增|新建|新培育|创建|引进|启动|"
    r"确保|实施|举办|开展|办理|争取|推进|建设|投入|安排|设立|认定|评定|改造|服务|惠及|带动|保障|"
    r"吸纳|资助|救助|慰问|走访|接待|培训|发放|拨付|筹集|募集|捐赠|实现|达到|有|剩余|已开工的|"
    r"我区|我市|我县|全区|全市|力争|计划)+"
)


@lru_cache(maxsize=4096)
def strip_subject(s: str, head_only: bool = True) -> str:
    """The indicator name inside the words that precede a number.

    With ``head_only``, "A、B等产业增加值" names the head noun after 等 only.
    """
    s = _RSTRIP_RE.sub("", _AREA_RE.sub("", _PAREN_RE.sub("", _YEAR_WORD_RE.sub("", s))))
    s = _LSTRIP_RE.sub("", s)
    m = DENG_RE.search(s) if head_only else None
    if m:
        s = s[m.end() :] or s
    s = _RSTRIP_RE.sub("", _LSTRIP_RE.sub("", _WEAK_VERB_RE.sub("", s)))
    s = s.strip("的、，,（）()")
    return s if len(s) >= 2 else ""  # 以12个片区…: a lone preposition is no name


def post_noun(ctext: str, k: int) -> tuple[str, int]:
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
            unit, _, unit_end = unit_after(ctext, m.end())
            if unit:
                noun, _ = post_noun(ctext, unit_end)
                return noun, k0
        return "", k0
    return noun, end


def canonical(name: str) -> str:
    """The usual name of an indicator written in a variant (data/aliases.csv); other names stay as written."""
    return vocabulary().aliases.get(name, name)


def compose(name: str, prev: str, sent_prev: str) -> str:
    """Fill in a name left elliptical by the text, from the previous quantity's name.

    ``prev`` is the last name in the paragraph, ``sent_prev`` the last one in this sentence.
    """
    if not name or _GENERIC_RE.match(name):
        return sent_prev or prev or name
    if _HEAD_RE.match(name) and sent_prev and not name.startswith(sent_prev):
        entity = NEW_RE.sub("", _TAIL_RE.sub("", sent_prev))
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


def list_names(subject: str, count: int) -> list[str] | None:
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


def lead_subject(ctext: str) -> str:
    """The subject of a sentence's first clause (地区生产总值首次突破三千亿元 → 地区生产总值), or ""."""
    m = DELIM_RE.search(ctext)
    first = _YEAR_WORD_RE.sub("", ctext[: m.start()] if m else ctext)
    cut = _LEAD_CUT_RE.search(first)
    if cut is None or _DIGIT_RE.search(first[: cut.start()]):
        return ""
    return strip_subject(first[: cut.start()])


def is_verb_only(subject: str) -> bool:
    """A subject that is only a verb (新增, 建设, 启动…): the name follows the unit."""
    return _VERB_ONLY_RE.fullmatch(subject) is not None
