"""Every table the package writes or shows, declared once: its kind, its columns and their dtypes.

The analysis builds each through its declaration (``Table.frame``), which marks the frame with its kind
(``frame.attrs["table"]``); display code (``planbook.present.cells.html_cells``) takes that kind and never
guesses a table from its columns. A table read back from its CSV file is marked with ``Table.mark``.
The indicator rows themselves are declared in ``planbook.model`` (COLUMNS, ROW_DTYPES).

dtypes: "float64", "int64" and "Int64" (an integer that may be missing) as pandas spells them; "str" is
text with "" for a missing value; "object" is kept as built (text, or a number where one was found).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

NUMERIC_DTYPES = frozenset({"float64", "int64", "Int64"})
ATTR = "table"  # the key of DataFrame.attrs that holds a frame's TableKind


class TableKind(StrEnum):
    """What a table is: the key display code chooses its cells by."""

    CHAPTER = "chapter"
    PLAN = "plan"
    AUDIT = "audit"
    TARGETS = "targets"
    SERIES = "series"
    CROSS_YEAR = "cross_year"
    COMPARE = "compare"
    GAPS = "gaps"
    COUNTS = "counts"
    VERDICT_COUNTS = "verdict_counts"
    OWN_WORDS = "own_words"


@dataclass(frozen=True)
class Table:
    """A declared table: its kind and its columns in order, each with its dtype."""

    kind: TableKind
    dtypes: Mapping[str, str]

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(self.dtypes)

    @property
    def numeric(self) -> frozenset[str]:
        """The columns declared as numbers."""
        return frozenset(c for c, dtype in self.dtypes.items() if dtype in NUMERIC_DTYPES)

    def frame(self, records: Iterable[Mapping[str, object]] | pd.DataFrame) -> pd.DataFrame:
        """The records as a frame of exactly the declared columns, each in its dtype, marked with the kind."""
        df = pd.DataFrame(records, columns=list(self.columns))
        for column, dtype in self.dtypes.items():
            if dtype == "str":
                df[column] = df[column].fillna("").astype(str)
            elif dtype != "object":
                df[column] = df[column].astype(dtype)
        return self.mark(df)

    def mark(self, df: pd.DataFrame) -> pd.DataFrame:
        """The frame marked as this kind of table (a table read back from its file); returned for chaining."""
        df.attrs[ATTR] = self.kind
        return df


def kind_of(df: pd.DataFrame) -> TableKind | None:
    """The declared kind of a table built or marked through its declaration, None for any other frame."""
    kind = df.attrs.get(ATTR)
    return TableKind(kind) if kind is not None else None


# One line per quantity of a chapter (planbook.analysis.tables.indicator_table); the headline and
# rank/gap tables are lines of it too.
CHAPTER_TABLE = Table(
    TableKind.CHAPTER,
    {
        "indicator": "object",
        "indicator_en": "object",
        "year": "str",
        "status": "object",
        "level": "float64",
        "level_high": "float64",
        "before": "float64",
        "unit": "object",
        "change": "float64",
        "change_unit": "object",
        "rank": "float64",
        "gap_pp": "float64",
        "share_pct": "float64",
        "ratio_pct": "float64",
        "qualifier": "object",
        "note": "object",
        "rank_area": "object",
        "rank_top": "bool",
        "gap_area": "object",
        "chapter": "object",
        "start": "int64",
        "sentence_start": "int64",
        "sentence": "object",
        "link": "object",
    },
)

# Each target beside the outcome it continues (planbook.analysis.plan.plan_vs_outcome).
PLAN_TABLE = Table(
    TableKind.PLAN,
    {
        "indicator": "object",
        "outcome_indicator": "object",
        "outcome_year": "str",
        "target_year": "str",
        "outcome_level": "float64",
        "target_level": "float64",
        "unit": "object",
        "outcome_change": "float64",
        "target_change": "float64",
        "change_unit": "object",
        "outcome_rate": "float64",
        "target_rate": "float64",
        "jump": "float64",
        "implied_level": "float64",
        "implied_change": "float64",
        "qualifier": "object",
        "start": "object",
        "sentence_start": "object",
        "sentence": "object",
        "link": "object",
        "outcome_link": "object",
    },
)

# The checks between a report's figures and against its wording (planbook.analysis.audit).
AUDIT_TABLE = Table(
    TableKind.AUDIT,
    {
        "check": "object",
        "scope": "object",
        "subject": "object",
        "expected": "float64",
        "stated": "float64",
        "difference": "float64",
        "status": "object",
        "detail": "object",
        "link": "object",
        "start": "int64",
    },
)

# Each target of a region beside the outcome a later report states (planbook.analysis.targets).
TARGETS_TABLE = Table(
    TableKind.TARGETS,
    {
        "region": "object",
        "year": "Int64",
        "indicator": "object",
        "measure": "object",
        "unit": "object",
        "target_value": "float64",
        "target_qualifier": "object",
        "target_written": "object",
        "target_report": "object",
        "target_start": "Int64",
        "target_end": "Int64",
        "outcome_value": "float64",
        "outcome_unit": "object",
        "outcome_qualifier": "object",
        "outcome_source": "object",
        "outcome_report": "object",
        "outcome_start": "Int64",
        "outcome_end": "Int64",
        "preliminary_value": "float64",
        "preliminary_unit": "object",
        "preliminary_qualifier": "object",
        "preliminary_report": "object",
        "preliminary_start": "Int64",
        "preliminary_end": "Int64",
        "met": "object",
        "note": "object",
    },
)

# A region's outcomes year by year, with how later reports restate them (planbook.analysis.series).
SERIES_TABLE = Table(
    TableKind.SERIES,
    {
        "region": "object",
        "indicator": "object",
        "measure": "object",
        "unit": "object",
        "year": "object",
        "value": "object",
        "qualifier": "object",
        "value_scaled": "object",
        "unit_scaled": "object",
        "report": "object",
        "delivered_year": "object",
        "start": "object",
        "end": "object",
        "sentence_start": "object",
        "preliminary": "object",
        "status": "object",
        "scope_note": "object",
        "note": "object",
    },
)

# The checks across a region's years: growth chains and restated figures (planbook.analysis.series).
CROSS_YEAR_TABLE = Table(
    TableKind.CROSS_YEAR,
    {
        "check": "object",
        "region": "object",
        "indicator": "object",
        "unit": "object",
        "year": "object",
        "status": "object",
        "value": "object",
        "value_report": "object",
        "value_start": "object",
        "value_end": "object",
        "value_sentence_start": "object",
        "base_year": "object",
        "base_value": "object",
        "base_unit": "object",
        "base_report": "object",
        "base_start": "object",
        "base_end": "object",
        "base_sentence_start": "object",
        "growth": "object",
        "growth_report": "object",
        "growth_start": "object",
        "growth_end": "object",
        "growth_sentence_start": "object",
        "expected_low": "object",
        "expected_high": "object",
        "note": "object",
    },
)

# The headline figures of several regions side by side (planbook.analysis.compare); the last four
# columns (analysis.compare.EXTRA_COLUMNS) are shown, not written.
COMPARE_TABLE = Table(
    TableKind.COMPARE,
    {
        "region": "object",
        "level": "object",
        "parent": "object",
        "year": "Int64",
        "indicator": "object",
        "measure": "object",
        "kind": "object",
        "value": "float64",
        "value_high": "float64",
        "qualifier": "object",
        "unit": "object",
        "report": "object",
        "start": "Int64",
        "end": "Int64",
        "written": "object",
        "sentence_start": "Int64",
        "genre": "object",
        "delivered_year": "Int64",
    },
)

# A region's target rate beside its parent's (planbook.analysis.hierarchy).
GAPS_TABLE = Table(
    TableKind.GAPS,
    {
        "year": "object",
        "indicator": "object",
        "measure": "object",
        "region": "object",
        "level": "object",
        "parent": "object",
        "parent_level": "object",
        "written": "object",
        "parent_written": "object",
        "value": "object",
        "parent_value": "object",
        "gap_pp": "object",
        "met": "object",
        "parent_met": "object",
        "report": "object",
        "sentence_start": "object",
        "parent_report": "object",
        "parent_sentence_start": "object",
    },
)

# Per region, the targets of the latest year reviewed by verdict (planbook.analysis.hierarchy).
COUNTS_TABLE = Table(
    TableKind.COUNTS,
    {
        "region": "object",
        "level": "object",
        "year": "object",
        "targets": "object",
        "met": "object",
        "missed": "object",
        "unclear": "object",
        "not_reported": "object",
    },
)

# A region's targets counted by verdict, per year or per indicator (planbook.present.verdicts); the key
# column is kept as built (a year, or an indicator's label).
_VERDICT_COUNTS = {"yes": "int64", "no": "int64", "unclear": "int64", "not_reported": "int64", "total": "int64"}
VERDICTS_BY_YEAR = Table(TableKind.VERDICT_COUNTS, {"year": "object", **_VERDICT_COUNTS})
VERDICTS_BY_LABEL = Table(TableKind.VERDICT_COUNTS, {"label": "object", **_VERDICT_COUNTS})

# The reports' own words on their targets, one row per clause (planbook.analysis.self_verdict), with a link.
OWN_WORDS_TABLE = Table(
    TableKind.OWN_WORDS,
    {
        "report": "object",
        "year": "object",
        "start": "object",
        "end": "object",
        "phrase": "object",
        "tone": "object",
        "clause": "object",
        "sentence_start": "object",
        "sentence_end": "object",
        "link": "object",
    },
)
