"""Plan against outcome: every target for the plan year beside the outcome of the year under review.

Both years come from the report's facts (``planbook.text.profile``). A target of a five-year span or
of a later year is not on this page (the five-year goals are in the chapters); an outcome of a span
(年均, 累计) is never set beside a one-year target.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from planbook.analysis.codes import TRIM_FILE, CodeBook, load_codebook
from planbook.analysis.names import NameIndex, adds_an_amount, normalise_name, within_a_word
from planbook.analysis.tables import indicator_table
from planbook.frames import PLAN_TABLE
from planbook.model import NOT_WHOLE_PERIOD, Kind, Period, is_year, plan_year_of
from planbook.terms import INDICATOR_TERMS, terms
from planbook.vocabulary import read_lists, words

PLAN_COLUMNS: tuple[str, ...] = PLAN_TABLE.columns


def plan_vs_outcome(rows: pd.DataFrame, review_year: int | None, plan_year: int | None) -> pd.DataFrame:
    """Every target for ``plan_year`` beside the outcome of the same indicator (names matched loosely),
    of ``review_year`` when the report states one, else of the latest earlier single year."""
    t = indicator_table(rows)
    plan = plan_year_of(review_year, plan_year)
    targets = t[(t["status"] == Kind.TARGET) & t["year"].map(lambda y: plan is None or is_year(y, plan)).astype(bool)]
    # An outcome of one whole year: not a span, not part of a year (1-11月, model.NOT_WHOLE_PERIOD).
    whole = ~t["qualifier"].str.split(";").map(lambda qs: bool(NOT_WHOLE_PERIOD.intersection(qs)))
    one_year = t["year"].map(lambda y: "-" not in str(y)).astype(bool)  # a year or nothing, not a span
    actuals = t[(t["status"] == Kind.ACTUAL) & one_year & whole]
    outcomes = _Outcomes(actuals.to_dict("records"), review_year)
    out = [_plan_row(tg, outcomes.best(tg)) for tg in targets.to_dict("records")]
    df = PLAN_TABLE.frame(out)
    return df.sort_values(["start", "indicator"], kind="mergesort").reset_index(drop=True)


def _years(period: str) -> tuple[int, int] | None:
    """First and last year of a period ("2020" → (2020, 2020)), None when there is none."""
    p = Period.parse(period)
    return None if p is None else (p.start, p.end)


def implied_levels(plan: pd.DataFrame) -> pd.DataFrame:
    """Plan lines where a level and a target growth imply next year's level (341.21亿元 × 1.10)."""
    return plan[plan["implied_level"].notna()].reset_index(drop=True)


@dataclass(frozen=True)
class _Candidate:
    """An outcome line with what ranks it (after the names' match): review year, year, both figures, first."""

    line: dict
    years: tuple[int, int] | None
    rank: tuple


class _Outcomes:
    """The one-year outcomes a target may be set beside, indexed so that each target's best one is found
    without looking at every outcome: by indicator name, then by what a target of each form is compared
    with (a level, a change in a unit, a rate, a level in a unit), each list best first."""

    def __init__(self, actuals: list[dict], review_year: int | None) -> None:
        self.names = NameIndex(ac["indicator"] for ac in actuals)
        self.lists: dict[tuple[str, str, str], list[_Candidate]] = {}
        for i, ac in enumerate(actuals):
            years = _years(ac["year"])
            year = years[1] if years else -1
            both = bool(pd.notna(ac["change"]) and pd.notna(ac["level"]))
            # Equal ranks keep the earlier line, as a scan in text order would.
            cand = _Candidate(ac, years, (year == review_year, year, both, -int(ac["start"]), -i))
            for form in self._forms(ac):
                self.lists.setdefault((ac["indicator"], *form), []).append(cand)
        for cands in self.lists.values():
            cands.sort(key=lambda c: c.rank, reverse=True)

    @staticmethod
    def _forms(ac: dict) -> list[tuple[str, str]]:
        forms = []
        if pd.notna(ac["level"]):
            forms += [("level", ""), ("level_in", ac["unit"])]
        if pd.notna(ac["change"]):
            forms.append(("change_in", ac["change_unit"]))
        if pd.notna(_rate(ac)):
            forms.append(("rate", ""))
        return forms

    def best(self, tg: dict) -> dict | None:
        """The best-matched, best-ranked outcome comparable with the target: a change beside a level or a
        change in its unit, a rate beside a rate, a level beside a level in its unit; never a later year."""
        wanted = []
        if pd.notna(tg["change"]):
            wanted += [("level", ""), ("change_in", tg["change_unit"])]
        if pd.notna(_rate(tg)):
            wanted.append(("rate", ""))
        if pd.notna(tg["level"]):
            wanted.append(("level_in", tg["unit"]))
        target_years = _years(tg["year"])
        new = _is_new(tg["indicator"])
        best, best_key = None, None
        if _bare(tg["indicator"]):
            return None  # 总投资10亿元 (of one project) is set beside no other project's 总投资
        for name, score in self.names.matches(tg["indicator"]).items():
            if _is_new(name) != new or (score == 1 and not _loosely_same(tg["indicator"], name)):
                continue
            for form in wanted:
                for cand in self.lists.get((name, *form), ()):
                    if target_years and cand.years and cand.years[1] >= target_years[0]:
                        continue  # not before the target's year
                    key = (score, *cand.rank)
                    if best_key is None or key > best_key:
                        best, best_key = cand.line, key
                    break  # the list is best first
        return best


# A name of fewer characters says too little to stand for a longer one holding it: a bare measure or head
# noun (投资, 项目, 出口) is matched only by itself.
_LOOSE_MIN = 3


def _alternation(*lists: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted({w for ws in lists for w in ws}, key=lambda w: (-len(w), w)) if w)


@dataclass(frozen=True)
class _Neutral:
    """Words around a name that leave its quantity as it is: verbs of doing (实施, 推进, 建设) and the hedges the
    code list trims (力争, 确保) before it; a measure word (总值, 人数) or a trailing verb (可, 达到) after it; and
    the bare head nouns (总投资, 产值) that name no quantity on their own."""

    before: re.Pattern[str]
    after: re.Pattern[str]
    bare: frozenset[str]


@lru_cache(maxsize=1)
def _neutral() -> _Neutral:
    trim = read_lists(TRIM_FILE)
    verbs = [w for w in words("action_verb") if w not in words("new_word")]
    return _Neutral(
        re.compile(f"(?:{_alternation(verbs, trim.get('prefix', ()))})*"),
        re.compile(f"(?:{_alternation(terms(INDICATOR_TERMS, 'measure_word'), trim.get('suffix', ()))})*"),
        frozenset(words("head_noun")) | frozenset(words("generic_name")),
    )


def _bare(name: str) -> bool:
    """A name that, without its verbs, is only a head noun (实施总投资, 产值): whose total, it does not say."""
    n = normalise_name(name)
    m = _neutral().before.match(n)
    return n[m.end() :] in _neutral().bare if m else n in _neutral().bare


def _loosely_same(a: str, b: str) -> bool:
    """Whether two names, one holding the other, may name the same quantity: the shorter says enough
    (投资 ≠ 固定资产投资), it is not a piece of a word of the longer (出口总值 ≠ 进出口总值), the longer
    adds no number or money unit to it (营业收入 ≠ 营业收入超百亿元县域特色产业集群), and it adds nothing that
    names a part or another quantity (see :func:`_adds_only_neutral_words`); two names with indicator codes
    are the same quantity when their codes are (登记失业率 = 城镇登记失业率, 地区生产总值 ≠ 单位地区生产总值能耗)."""
    ca, cb = _code(a), _code(b)
    if ca and cb:
        return ca == cb
    na, nb = normalise_name(a), normalise_name(b)
    short, long = (na, nb) if len(na) <= len(nb) else (nb, na)
    if len(short) < _LOOSE_MIN or adds_an_amount(long, short) or within_a_word(long, short):
        return False
    return _adds_only_neutral_words(long, short)


def _adds_only_neutral_words(long: str, short: str) -> bool:
    """Whether ``long`` is ``short`` with only a verb or hedge before it (实施, 推进, 力争) and a measure word or
    a verb after it (总值, 人数, 可): a qualifier (区本级, 农村, 装备, 县域特色产业集群, 单位) names a part or
    another quantity, and 全社会固定资产投资 is no 区本级固定资产投资."""
    at = long.find(short)
    before, after = long[:at], long[at + len(short) :]
    neutral = _neutral()
    return neutral.before.fullmatch(before) is not None and neutral.after.fullmatch(after) is not None


def _code(name: str) -> str:
    """The indicator code of a name (data/indicator_codes.csv), "" when it has none."""
    return _codes().code_of(name)


@lru_cache(maxsize=1)
def _codes() -> CodeBook:
    return load_codebook()


def _is_new(name: str) -> bool:
    """新增国家级高新技术企业 counts the new ones of a year, 国家级高新技术企业 all of them: never a pair."""
    return any(name.startswith(w) for w in words("new_word"))


def _rate(r: dict) -> float:
    """A share or rate in % (share first): 占GDP比重 3%, 覆盖率 70%."""
    return r["share_pct"] if pd.notna(r["share_pct"]) else r["ratio_pct"]


def _plan_row(tg: dict, ac: dict | None) -> dict:
    nan = math.nan
    row = {
        "indicator": tg["indicator"],
        "outcome_indicator": "" if ac is None else ac["indicator"],
        "outcome_year": None if ac is None else ac["year"],
        "target_year": tg["year"],
        "outcome_level": nan if ac is None else ac["level"],
        "target_level": tg["level"],
        "unit": tg["unit"] or ("" if ac is None else ac["unit"]),
        "outcome_change": nan,
        "target_change": tg["change"],
        "change_unit": tg["change_unit"],
        "outcome_rate": nan if ac is None else _rate(ac),
        "target_rate": _rate(tg),
        "jump": nan,
        "implied_level": nan,
        "implied_change": nan,
        "qualifier": tg["qualifier"],
        "start": int(tg["start"]),
        "sentence_start": int(tg["sentence_start"]),
        "sentence": tg["sentence"],
        "link": tg["link"],
        "outcome_link": "" if ac is None else ac["link"],
    }
    if ac is None:
        return row
    if pd.notna(tg["change"]) and ac["change_unit"] == tg["change_unit"]:
        row["outcome_change"] = ac["change"]
        row["jump"] = tg["change"] - ac["change"] if pd.notna(ac["change"]) else nan
    if pd.notna(tg["level"]) and ac["unit"] != tg["unit"]:
        row["outcome_level"] = nan
    if pd.isna(tg["level"]) and tg["change_unit"] == "%" and pd.notna(ac["level"]):
        row["implied_level"] = ac["level"] * (1 + tg["change"] / 100)
        row["unit"] = ac["unit"]
    if pd.notna(tg["level"]) and pd.notna(row["outcome_level"]) and row["outcome_level"]:
        row["implied_change"] = (tg["level"] / row["outcome_level"] - 1) * 100
    return row
