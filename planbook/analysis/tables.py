"""Chapter tables: indicator rows joined into one line per quantity (level, change, rank, gap, share).

Every function takes the typed row frame (``planbook.model.typed_rows``, as ``load_rows`` returns
it: sorted by offset) and returns a table with the columns TABLE_COLUMNS.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd

from planbook.frames import CHAPTER_TABLE
from planbook.model import CHANGE_MEASURES, STRUCTURAL_QUALIFIERS, Measure, Qualifier, named_rows, source_link
from planbook.terms import INDICATOR_TERMS, terms

# Columns of every chapter table, in order. ``link`` is a plain relative URL (see model.source_link).
TABLE_COLUMNS: tuple[str, ...] = CHAPTER_TABLE.columns
_LEVEL_SLOTS = ("level", "before", "level_high")
_VALUE_COLUMNS = ("level", "level_high", "before", "change", "rank", "gap_pp", "share_pct", "ratio_pct")

# What a slot holds, said after a note that is that slot's only (含某新区（数值）: the level's scope, not the change's).
SLOT_LABELS: dict[str, str] = {
    "before": "之前",
    "level": "数值",
    "level_high": "上限",
    "change": "变化",
    "rank": "排名",
    "gap_pp": "差距",
    "share_pct": "占比",
    "ratio_pct": "比率",
}
NOTE_JOIN = "；"

# Two sentences are adjacent when only the stop mark and spaces separate them.
ADJACENT_GAP = 3


@dataclass
class _Record:
    """Rows about one quantity, joined: level, change, rank, gap, share, ratio, before/after, range."""

    indicator: str
    period: str  # a year, a span or ""
    kind: str
    partial: bool  # of part of the year (qualifier partial_year): never joined with the year's figures
    sentences: set[int] = field(default_factory=set)
    last_sentence_end: int = 0
    slots: dict[str, dict] = field(default_factory=dict)
    qualifiers: list[str] = field(default_factory=list)

    def near(self, row: dict) -> bool:
        s = int(row["sentence_start"])
        return s in self.sentences or 0 <= s - self.last_sentence_end <= ADJACENT_GAP

    def accepts(self, slot: str, row: dict, period: str) -> bool:
        """The row is about this quantity, fills an empty slot, sits nearby and agrees on the unit."""
        same = self.indicator == row["indicator"] and self.period == period and self.kind == row["kind"]
        same = same and self.partial == (row["qualifier"] == Qualifier.PARTIAL_YEAR)
        return same and slot not in self.slots and self.near(row) and self._units_agree(slot, row)

    def _units_agree(self, slot: str, row: dict) -> bool:
        # Levels, their before value and range ends must share a unit to sit on one line.
        if slot not in _LEVEL_SLOTS:
            return True
        return all(self.slots[s]["unit"] == row["unit"] for s in _LEVEL_SLOTS if s in self.slots)

    def add(self, slot: str, row: dict) -> None:
        self.slots[slot] = row
        self.sentences.add(int(row["sentence_start"]))
        self.last_sentence_end = max(self.last_sentence_end, int(row["sentence_end"]))
        q = row["qualifier"]
        if q and q not in STRUCTURAL_QUALIFIERS and q not in self.qualifiers:
            self.qualifiers.append(q)

    def value(self, slot: str) -> float:
        r = self.slots.get(slot)
        return float(r["value"]) if r is not None else math.nan


def _slot(row: dict) -> str:
    m, q = row["measure"], row["qualifier"]
    if m == Measure.LEVEL:
        if q in (Qualifier.BEFORE, Qualifier.RANGE_HIGH):
            return "before" if q == Qualifier.BEFORE else "level_high"
        return "level"
    if m in CHANGE_MEASURES:
        return "change"
    return m  # rank, gap_pp, share_pct, ratio_pct


def _records(rows: pd.DataFrame) -> list[_Record]:
    """Join rows in text order: a row joins the latest open record of the same quantity nearby."""
    records: list[_Record] = []
    # The records a row may join, by quantity. In text order a record whose last sentence ended more
    # than ADJACENT_GAP before the row's can never be near again: it is dropped, so that the search
    # stays short however long the report (rows out of text order keep every record).
    open_records: dict[tuple[str, str, str, bool], list[_Record]] = {}
    in_order = bool(rows["sentence_start"].is_monotonic_increasing) if len(rows) else True
    for row in rows.to_dict("records"):  # plain dicts: iterrows builds a Series per row, ten times slower
        period = str(row["period"])
        slot = _slot(row)
        partial = row["qualifier"] == Qualifier.PARTIAL_YEAR
        key = (row["indicator"], period, row["kind"], partial)
        candidates = open_records.setdefault(key, [])
        if in_order:
            since = int(row["sentence_start"]) - ADJACENT_GAP
            candidates[:] = [rec for rec in candidates if rec.last_sentence_end >= since]
        target = next((rec for rec in reversed(candidates) if rec.accepts(slot, row, period)), None)
        if target is None:
            target = _Record(row["indicator"], period, row["kind"], partial)
            records.append(target)
            candidates.append(target)
        target.add(slot, row)
    return records


def _record_row(rec: _Record) -> dict:
    level_row = next((rec.slots[s] for s in _LEVEL_SLOTS if s in rec.slots), None)
    change_row = rec.slots.get("change")
    first = min(rec.slots.values(), key=lambda r: int(r["start"]))
    return {
        "indicator": rec.indicator,
        "indicator_en": next((r["indicator_en"] for r in rec.slots.values() if r["indicator_en"]), ""),
        "year": rec.period,
        "status": rec.kind,
        **{c: rec.value(c) for c in _VALUE_COLUMNS},
        "unit": level_row["unit"] if level_row is not None else "",
        "change_unit": change_row["unit"] if change_row is not None else "",
        "qualifier": ";".join(rec.qualifiers),
        "note": record_note(rec.slots),
        "rank_area": _area(rec.slots.get("rank")),
        # 居全国前10位: a place among the first ten, shown 前10位, never as the tenth place
        "rank_top": "rank" in rec.slots and rec.slots["rank"]["qualifier"] == Qualifier.UPPER_BOUND,
        "gap_area": _area(rec.slots.get("gap_pp")),
        "chapter": first["chapter"],
        "start": int(first["start"]),
        "sentence_start": int(first["sentence_start"]),
        "sentence": first["sentence"],
        "link": source_link(int(first["sentence_start"])),
    }


def record_note(slots: dict[str, dict]) -> str:
    """The notes of a line's rows: one note that every figure of the line carries as it is, else each note
    with the slots it belongs to (含某新区（数值）), so that a figure with a note never reads as one without."""
    notes = {slot: str(row.get("note", "") or "") for slot, row in slots.items()}
    written = [n for n in notes.values() if n]
    if not written:
        return ""
    if len(written) == len(notes) and len(set(written)) == 1:
        return written[0]
    by_note: dict[str, list[str]] = {}
    for slot in SLOT_LABELS:
        if notes.get(slot):
            by_note.setdefault(notes[slot], []).append(SLOT_LABELS[slot])
    return NOTE_JOIN.join(f"{note}（{'、'.join(labels)}）" for note, labels in by_note.items())


def _area(row: dict | None) -> str:
    return str(row.get("area", "") or "") if row is not None else ""


def indicator_table(rows: pd.DataFrame) -> pd.DataFrame:
    """All rows whose name passed the name gate joined into one line per quantity, in text order (columns
    TABLE_COLUMNS)."""
    out = CHAPTER_TABLE.frame([_record_row(r) for r in _records(named_rows(rows))])
    return out.sort_values(["start", "indicator"], kind="mergesort").reset_index(drop=True)


def chapter_rows(rows: pd.DataFrame, chapter: str | Sequence[str]) -> pd.DataFrame:
    """The rows of one chapter (or several)."""
    chapters = [chapter] if isinstance(chapter, str) else list(chapter)
    return rows[rows["chapter"].isin(chapters)].reset_index(drop=True)


def chapter_table(rows: pd.DataFrame, chapter: str | Sequence[str], kind: str | None = None) -> pd.DataFrame:
    """The table of one chapter (or several), optionally only ``actual`` or ``target`` lines."""
    df = chapter_rows(rows, chapter)
    if kind is not None:
        df = df[df["kind"] == kind]
    return indicator_table(df)


def rank_gap_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Lines that state a rank or a gap versus the comparison area."""
    t = indicator_table(rows)
    return t[t["rank"].notna() | t["gap_pp"].notna()].reset_index(drop=True)


def find_indicators(rows: pd.DataFrame, words: Iterable[str], kind: str | None = None) -> pd.DataFrame:
    """Lines whose indicator name contains any of ``words`` (e.g. 可支配收入), in any chapter."""
    words = tuple(words)
    df = rows[rows["indicator"].map(lambda n: any(w in n for w in words))]
    if kind is not None:
        df = df[df["kind"] == kind]
    return indicator_table(df)


def income_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Household incomes (the ``income`` terms of data/indicator_terms.csv), from whichever chapter."""
    return find_indicators(rows, terms(INDICATOR_TERMS, "income"))
