"""Headline figures, by one rule kept in ``data/indicator_terms.csv``: the Overview's table and the cards.

A headline line is an outcome of the year under review (the report's own ``review_year``, read from
its text by ``planbook.text.profile``) whose indicator names one of the headline terms (GDP, the
three sectors, fiscal revenue, investment, retail, industry, trade, incomes, prices, jobs) and none of
the ``not_headline`` terms (单位生产总值能耗 names GDP but is no headline figure). Never a target, a
five-year span, the start of a 从…到 pair, a count of programmes, a size class (财政收入过亿元的县) or a
fragment of a sentence. Lines keep the order of the terms in the file, one line per indicator; a line
may hold a change alone when the report states no level. The landing page's cards are the first lines
of the same table.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from planbook.analysis.names import adds_an_amount, normalise_name
from planbook.analysis.tables import NOTE_JOIN, SLOT_LABELS, indicator_table
from planbook.frames import CHAPTER_TABLE
from planbook.model import NOT_WHOLE_PERIOD, Kind, Measure, is_year
from planbook.terms import INDICATOR_TERMS, terms

# Measures a headline line is made of; a card shows a level with a relative change beside it.
HEADLINE_MEASURES = (
    Measure.LEVEL,
    Measure.CHANGE_PCT,
    Measure.CHANGE_PP,
    Measure.CHANGE_ABS,
    Measure.RANK,
    Measure.GAP_PP,
)
CARD_CHANGES = ("%", "个百分点")
CARDS = 4


def headline_rank(name: str) -> int | None:
    """Place of the first headline term the name holds (its order in the data file), or None."""
    if any(t in name for t in terms(INDICATOR_TERMS, "not_headline")):
        return None
    found = next(((k, t) for k, t in enumerate(terms(INDICATOR_TERMS, "headline")) if t in name), None)
    if found is None or adds_an_amount(name, found[1]):
        return None  # 财政收入过亿元的县: a count of counties, not the revenue
    return found[0]


def is_headline(name: str) -> bool:
    """True when the name is a headline indicator of data/indicator_terms.csv."""
    return headline_rank(name) is not None


def headline_table(rows: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """The headline outcomes of ``year``: one line per headline indicator, in the order of the terms."""
    if year is None:
        return indicator_table(rows.iloc[0:0])
    keep = (
        (rows["kind"] == Kind.ACTUAL)
        & rows["period"].map(lambda p: is_year(p, year)).astype(bool)
        & rows["measure"].isin(HEADLINE_MEASURES)
        & ~rows["qualifier"].isin(NOT_WHOLE_PERIOD)
        & rows["indicator"].map(is_headline).astype(bool)
    )
    lines = indicator_table(rows[keep])
    lines = _one_line_each(lines[lines["level"].notna() | lines["change"].notna()])
    order = lines["indicator"].map(headline_rank)
    return (
        lines.assign(_order=order)
        .sort_values(["_order", "start"], kind="mergesort")
        .drop(columns="_order")
        .reset_index(drop=True)
    )


def _one_line_each(lines: pd.DataFrame) -> pd.DataFrame:
    """One line per indicator (生产总值 = 地区生产总值): the first that states a level, completed with
    the change another sentence states for the same year when its own gives none."""
    if lines.empty:
        return lines
    key = lines["indicator"].map(normalise_name)
    out = []
    for _, group in lines.groupby(key, sort=False):
        with_level = group[group["level"].notna()]
        line = (with_level if not with_level.empty else group).iloc[0].copy()
        changes = group[group["change"].notna()]
        if pd.isna(line["change"]) and not changes.empty:
            line["change"], line["change_unit"] = changes.iloc[0]["change"], changes.iloc[0]["change_unit"]
            line["note"] = _with_change_note(str(line.get("note", "") or ""), changes.iloc[0])
        out.append(line)
    return CHAPTER_TABLE.mark(pd.DataFrame(out, columns=lines.columns)).sort_values("start", kind="mergesort")


def _with_change_note(note: str, change_line: pd.Series) -> str:
    """A line's note with the note of the change it borrows from another line, said to be the change's."""
    borrowed = str(change_line.get("note", "") or "")
    if not borrowed or borrowed in note:
        return note
    if not borrowed.endswith("）"):
        borrowed = f"{borrowed}（{SLOT_LABELS['change']}）"
    return NOTE_JOIN.join(x for x in (note, borrowed) if x)


@dataclass(frozen=True)
class HeadlineCard:
    """A landing card: the level of a headline line (or its change when no level is stated)."""

    label: str
    value: float
    unit: str
    change: float | None  # shown beside the value
    change_unit: str
    value_is_change: bool  # no level is stated: the value is the change (GDP +6.5%)
    sentence_start: int
    sentence: str
    note: str = ""  # the scope or basis notes of the line (含某新区, 按可比价格计算（变化）)


def headline_cards(table: pd.DataFrame, limit: int = CARDS) -> list[HeadlineCard]:
    """The first lines of a headline table as cards (GDP first when the report states it)."""
    cards = []
    for r in table.head(limit).to_dict("records"):
        has_level = pd.notna(r["level"])
        change = r["change"] if pd.notna(r["change"]) and r["change_unit"] in CARD_CHANGES else None
        cards.append(
            HeadlineCard(
                label=r["indicator"],
                value=r["level"] if has_level else r["change"],
                unit=r["unit"] if has_level else r["change_unit"],
                change=change if has_level else None,
                change_unit=r["change_unit"],
                value_is_change=not has_level,
                sentence_start=int(r["sentence_start"]),
                sentence=r["sentence"],
                note=str(r.get("note", "") or ""),
            )
        )
    return cards
