"""Plan against outcome: every target for the plan year beside the outcome of the year under review.

Both years come from the report's facts (``planbook.text.profile``). A target of a five-year span or
of a later year is not on this page (the five-year goals are in the chapters); an outcome of a span
(年均, 累计) is never set beside a one-year target.
"""

from __future__ import annotations

import math

import pandas as pd

from planbook.analysis.names import name_match
from planbook.analysis.tables import indicator_table
from planbook.model import is_year, period_years
from planbook.vocabulary import words

PLAN_COLUMNS: tuple[str, ...] = (
    "indicator",
    "outcome_indicator",
    "outcome_year",
    "target_year",
    "outcome_level",
    "target_level",
    "unit",
    "outcome_change",
    "target_change",
    "change_unit",
    "outcome_rate",
    "target_rate",
    "jump",
    "implied_level",
    "implied_change",
    "qualifier",
    "start",
    "sentence_start",
    "sentence",
    "link",
    "outcome_link",
)
_FLOAT_COLUMNS = (
    "outcome_level",
    "target_level",
    "outcome_change",
    "target_change",
    "outcome_rate",
    "target_rate",
    "jump",
    "implied_level",
    "implied_change",
)


def plan_vs_outcome(rows: pd.DataFrame, review_year: int | None, plan_year: int | None) -> pd.DataFrame:
    """Every target for ``plan_year`` beside the outcome of the same indicator (names matched loosely),
    of ``review_year`` when the report states one, else of the latest earlier single year."""
    t = indicator_table(rows)
    plan = plan_year if plan_year is not None else (review_year + 1 if review_year is not None else None)
    targets = t[(t["status"] == "target") & t["year"].map(lambda y: plan is None or is_year(y, plan)).astype(bool)]
    actuals = t[(t["status"] == "actual") & t["year"].map(lambda y: "-" not in str(y)).astype(bool)]
    candidates = actuals.to_dict("records")
    out = [_plan_row(tg, _best_outcome(tg, candidates, review_year)) for tg in targets.to_dict("records")]
    df = pd.DataFrame(out, columns=list(PLAN_COLUMNS))
    for c in ("outcome_year", "target_year"):
        df[c] = df[c].fillna("").astype(str)
    for c in _FLOAT_COLUMNS:
        df[c] = df[c].astype(float)
    return df.sort_values(["start", "indicator"], kind="mergesort").reset_index(drop=True)


def implied_levels(plan: pd.DataFrame) -> pd.DataFrame:
    """Plan lines where a level and a target growth imply next year's level (341.21亿元 × 1.10)."""
    return plan[plan["implied_level"].notna()].reset_index(drop=True)


def _comparable(tg: dict, ac: dict) -> bool:
    if pd.notna(tg["change"]) and (
        pd.notna(ac["level"]) or (pd.notna(ac["change"]) and ac["change_unit"] == tg["change_unit"])
    ):
        return True
    if pd.notna(_rate(tg)) and pd.notna(_rate(ac)):
        return True
    return pd.notna(tg["level"]) and pd.notna(ac["level"]) and ac["unit"] == tg["unit"]


def _best_outcome(tg: dict, actuals: list[dict], review_year: int | None) -> dict | None:
    best, best_key = None, None
    target_years = period_years(tg["year"])
    for ac in actuals:
        score = name_match(tg["indicator"], ac["indicator"])
        if not score or not _comparable(tg, ac) or _is_new(tg["indicator"]) != _is_new(ac["indicator"]):
            continue
        years = period_years(ac["year"])
        if target_years and years and years[1] >= target_years[0]:
            continue
        year = years[1] if years else -1
        key = (score, year == review_year, year, pd.notna(ac["change"]) and pd.notna(ac["level"]), -int(ac["start"]))
        if best_key is None or key > best_key:
            best, best_key = ac, key
    return best


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
