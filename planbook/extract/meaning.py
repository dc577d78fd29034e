"""What kind of figure a number is (level, change, gap, rank, share, rate), its sign and its qualifier."""

from __future__ import annotations

import re

from planbook.extract.names import strip_subject
from planbook.extract.numbers import CJK_RE
from planbook.vocabulary import rate_measure

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
PLAN_REF_RE = re.compile(r"(?:计划|目标|预算|任务)的$")

# 力争7%, 全省0.5个百分点: words that leave the previous quantity's measure in force.
CONTINUE_RE = re.compile(r"(?:、|，|,)?(?:力争|争取|确保|努力|达到|全省|全国|全市|全区|全州|全县)*$")

_SHARE_RE = re.compile(r"占[^，,；;。]{0,14}?(?:比重|比例|份额)|比重|占比|结构比|占[^，,；;。]{1,16}的$")

# A share of units that meet a standard (水质优良断面占比) is a compliance rate, not a structure share.
_QUALITY_RE = re.compile(r"优良|达标|合格|水质|[IⅠ][~～\-—至][IⅢ]+类|Ⅰ～Ⅲ类")

_ABS_VERB_RE = re.compile(r"(?:增加|减少|增长|下降|降低|提高|压缩|缩短|缩减|扩大|缩小)了?(?:约|近)?$")

_NET_RE = re.compile(r"净(?:增加|增|(减少|减))$")

_PLAN_SHARE_RE = re.compile(r"占[^，,；;。]{0,10}(?:计划|目标|任务)")

_COMPARE_RE = re.compile(r"(?:比上年末?|比去年|较上年|较去年|同比|比\d{4}年|[比较]年初)")

QUAL_AFTER_RE = re.compile(r"以上|以下|以内|之内|左右|多|余")

_APPROX_BEFORE = re.compile(r"(?:约|近|大约|接近|将近)$")

_LOWER_BEFORE = re.compile(r"(?:突破|超过|逾|不少于|至少|不低于|超)$")

_UPPER_BEFORE = re.compile(r"(?:不超过|不高于|控制在|最长不超过|最多|以内)$")

SIGNED = ("change_pct", "change_pp", "change_abs", "gap_pp", "avg_change_pct", "cum_change_pct")


def qualifier_of(ctext: str, ctx: str, unit_end: int, approx_word: str) -> str:
    rest = ctext[unit_end : unit_end + 4]
    if rest.startswith("以上"):
        return "lower_bound"
    if rest[:1] in ("多", "余") and not CJK_RE.match(rest[1:2]):
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


def last_match(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = None
    for found in rx.finditer(s):  # noqa: B007 - the last one is wanted
        pass
    return found


def measure_of(ctx: str, unit: str, rank: bool, lead: str) -> tuple[str, int]:
    """Measure and sign of a number, from the words between the previous quantity and it.

    ``lead`` is the whole clause before the number (``ctx`` may start later, after an earlier quantity).
    """
    if rank:
        return "rank", 1
    sign_m = last_match(_SIGN_RE, ctx)
    sign = -1 if sign_m is not None and sign_m.group("neg") else 1
    if unit in ("个百分点", "百分点", "个千分点", "千分点"):
        g = last_match(_GAP_RE, ctx)
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
        subject = strip_subject(ctx)
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
