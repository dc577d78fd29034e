"""What kind of figure a number is (level, change, gap, rank, share, rate), its sign and its qualifier."""

from __future__ import annotations

import re
from dataclasses import dataclass

from planbook.extract.names import strip_subject
from planbook.model import Measure, Qualifier
from planbook.prefilter import start_class
from planbook.vocabulary import ending, first_chars_of, mentions, pattern, rate_measure, units_of, words

_CHANGE_RE = pattern(r"⟨fall⟩|⟨rise⟩|⟨change_noun⟩", guard=True)

_SIGN_RE = pattern(r"(?P<neg>⟨fall⟩)|(?P<pos>⟨rise⟩)", guard=True)

# 高于全市平均水平1.4个百分点 / 比全省高0.5个百分点: a gap to another place, not a change.
_GAP_RE = pattern(
    r"(?P<dir>⟨gap_higher⟩|⟨gap_lower⟩)"
    r"|⟨than⟩(?!⟨earlier_period⟩)(?:(?!⟨than⟩)[^，,；;。]){1,12}?(?<!⟨than_not_after⟩)"
    r"(?P<dir2>⟨than_higher⟩|⟨than_lower⟩)(?:⟨than_tail⟩)?$",
    guard=True,
)
_GAP_LOWER = frozenset(words("gap_lower")) | frozenset(words("than_lower"))

# 增幅/降幅 收窄 or 扩大: the sign of the change in the growth rate depends on which rate it is.
_NARROW_RE = ending(r"(?P<rate>⟨growth_rate_up⟩|⟨growth_rate_down⟩)[^，,；;。]{0,10}?(?P<way>⟨narrowing⟩|⟨widening⟩)$")
_NARROWING = frozenset(words("narrowing"))
_GROWTH_RATES_UP = frozenset(words("growth_rate_up"))

# 提高到61.2%, 降低至4.9%: the level reached, not a change.
_REACH_RE = ending(r"⟨reach_verb⟩(?:⟨reach_to⟩)$")

# 完成年度计划的95%, 为年度预算的102.1%: the rate of the quantity just named, not a new name.
PLAN_REF_RE = ending(r"⟨plan_noun⟩(?:⟨attributive⟩)$")
_OF = words("attributive")

# 力争7%, 全省0.5个百分点: words that leave the previous quantity's measure in force.
CONTINUE_RE = pattern(r"(?:、|，|,)?⟨continue_word⟩*$")

_SHARE_RE = pattern(
    r"(?:⟨share_verb⟩)[^，,；;。]{0,14}?(?:⟨share_noun⟩)|⟨share_word⟩|(?:⟨share_verb⟩)[^，,；;。]{1,16}(?:⟨attributive⟩)$"
)

# A share of units that meet a standard (水质优良断面占比) is a compliance rate, not a structure share.
_QUALITY_RE = pattern(r"⟨quality⟩")

_ABS_VERB_RE = ending(r"⟨abs_change_verb⟩(?:⟨perfective⟩)?(?:⟨change_approx⟩)?$")

_NET_RE = pattern(r"(?:⟨net_word⟩)(?:⟨net_rise⟩|(⟨net_fall⟩))$")
_HAS_NET = mentions("net_word")

_PLAN_SHARE_RE = pattern(r"(?:⟨share_verb⟩)[^，,；;。]{0,10}⟨plan_share_noun⟩")

_COMPARE_RE = pattern(r"⟨comparison⟩")

QUAL_AFTER_RE = pattern(r"⟨qualifier_after⟩")

_APPROX_BEFORE = ending(r"⟨approx_before⟩$")

_LOWER_BEFORE = ending(r"⟨lower_bound_before⟩$")

_UPPER_BEFORE = ending(r"⟨upper_bound_before⟩$")

# Any of the three: most figures have none of them before, and one search turns them away.
_BOUND_BEFORE = ending(r"(?:⟨upper_bound_before⟩|⟨lower_bound_before⟩|⟨approx_before⟩)$")

_UPPER_NEAR_RE = pattern(r"(?:⟨upper_near⟩)[^，,；;。]{0,3}$")  # 控制在5%左右以内
_HAS_UPPER_NEAR = mentions("upper_near")

_PP_UNITS = units_of("pp")  # 个百分点, 千分点 …
_RATIO_UNITS = units_of("ratio")  # 倍

SIGNED = (
    Measure.CHANGE_PCT,
    Measure.CHANGE_PP,
    Measure.CHANGE_ABS,
    Measure.GAP_PP,
    Measure.AVG_CHANGE_PCT,
    Measure.CUM_CHANGE_PCT,
)


# The word right after a unit that bounds the figure (5%以内, 500亿元以上, 6%左右), perhaps after a 及
# (60亿斤及以上: the bound with its 及); 多 or 余 ending the number's words (20余家) makes it approximate.
_WORD_AFTER_RE = pattern(
    r"(?:⟨bound_join⟩)?(?:(?P<lower_bound>⟨lower_bound_after⟩)|(?P<upper_bound>⟨upper_bound_after⟩)"
    r"|(?P<approx>⟨approx_after⟩|(?:⟨approx_more⟩)(?![\u4e00-\u9fff])))"
)
_AFTER_UNIT_FIRST = first_chars_of(
    "bound_join", "lower_bound_after", "upper_bound_after", "approx_after", "approx_more"
)


def qualifier_of(ctext: str, ctx: str, unit_end: int, approx_word: str) -> str:
    ahead = _AFTER_UNIT_FIRST is None or ctext[unit_end : unit_end + 1] in _AFTER_UNIT_FIRST  # most figures: none
    word = _WORD_AFTER_RE.match(ctext, unit_end) if ahead else None
    if word is not None:
        return word.lastgroup or ""
    if approx_word:
        return Qualifier.APPROX
    if _HAS_UPPER_NEAR(ctx) and _UPPER_NEAR_RE.search(ctx):
        return Qualifier.UPPER_BOUND
    if _BOUND_BEFORE.search(ctx) is None:
        return ""
    if _UPPER_BEFORE.search(ctx):
        return Qualifier.UPPER_BOUND
    if _LOWER_BEFORE.search(ctx):
        return Qualifier.LOWER_BOUND
    if _APPROX_BEFORE.search(ctx):
        return Qualifier.APPROX
    return ""


@dataclass(frozen=True)
class LastMatch:
    """A pattern whose last match in a text is wanted, with a quick test that turns away texts holding none."""

    rx: re.Pattern[str]
    start: re.Pattern[str] | None  # the characters a match starts with (prefilter.start_class)

    def __call__(self, s: str) -> re.Match[str] | None:
        if self.start is not None and self.start.search(s) is None:
            return None  # no character a match starts with (most texts): one quick scan, no match tried
        found = None
        for found in self.rx.finditer(s):  # noqa: B007 - the last one is wanted
            pass
        return found


def last_match_of(rx: re.Pattern[str]) -> LastMatch:
    """A function giving the last match of ``rx`` in a text, or None."""
    return LastMatch(rx, start_class(rx))


_last_sign = last_match_of(_SIGN_RE)
_last_gap = last_match_of(_GAP_RE)


_MULTIPLE_CHANGE_RE = ending(r"⟨multiple_growth⟩(?:⟨perfective⟩)?(?:⟨multiple_lead⟩)?$")


def measure_of(ctx: str, unit: str, rank: bool, lead: str) -> tuple[str, int]:
    """Measure and sign of a number, from the words between the previous quantity and it.

    ``lead`` is the whole clause before the number (``ctx`` may start later, after an earlier quantity).
    """
    if rank:
        return Measure.RANK, 1
    sign_m = _last_sign(ctx)
    sign = -1 if sign_m is not None and sign_m.group("neg") else 1
    if unit in _PP_UNITS:
        g = _last_gap(ctx)
        if g is not None:
            word = g.group("dir") or g.group("dir2")
            return Measure.GAP_PP, (-1 if word in _GAP_LOWER else 1)
        narrow = _NARROW_RE.search(ctx)
        if narrow is not None:
            slower = (narrow.group("way") in _NARROWING) == (narrow.group("rate") in _GROWTH_RATES_UP)
            return Measure.CHANGE_PP, (-1 if slower else 1)
        return Measure.CHANGE_PP, sign
    if unit in _RATIO_UNITS:
        # 增长1.8倍 is a change written as a multiple (+180%, kept in 倍 as written); 是上年的1.6倍 is
        # the level as a multiple of the base.
        return (Measure.CHANGE_PCT, 1) if _MULTIPLE_CHANGE_RE.search(ctx) else (Measure.LEVEL, 1)
    if unit in ("%", "‰"):
        subject = strip_subject(ctx)
        if _SHARE_RE.search(ctx):
            # 占年度计划的108%: a completion rate; 水质优良断面占比: the share meeting a standard is a rate
            ratio = _PLAN_SHARE_RE.search(ctx) or _QUALITY_RE.search(subject)
            return (Measure.RATIO_PCT if ratio else Measure.SHARE_PCT), 1
        rate = rate_measure(subject)
        if rate and rate != "change":
            tail = ctx[ctx.rfind(subject[-1]) + 1 :] if subject else ctx
            if not _CHANGE_RE.search(tail) or _REACH_RE.search(tail):
                return rate, 1  # 普及率达到95%, 普及率提高到95%: the rate's level; 提高5%: a change
        if _CHANGE_RE.search(ctx) and not _REACH_RE.search(ctx):
            return Measure.CHANGE_PCT, sign
        if ctx.endswith(_OF) or lead.endswith(_OF):
            return Measure.RATIO_PCT, 1  # 恢复到2019年的97%, 完成全年计划的141.7%
        return Measure.LEVEL, 1
    # A count or amount right after a change verb: 比上年增加6.1万人, 常住人口增加3.2万人, 时限压缩2天.
    if sign_m is not None and sign_m.end() >= len(ctx) - 1 and (_COMPARE_RE.search(ctx) or _ABS_VERB_RE.search(ctx)):
        return Measure.CHANGE_ABS, sign
    net = _NET_RE.search(ctx) if _HAS_NET(ctx) else None
    if net is not None:
        return Measure.CHANGE_ABS, (-1 if net.group(1) else 1)
    return Measure.LEVEL, 1
