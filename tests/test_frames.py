"""Tests for planbook/frames.py: tables built through their declaration, and shown by their declared kind."""

from __future__ import annotations

import pandas as pd

from planbook.analysis import plan
from planbook.analysis.region_data import own_words_frame
from planbook.frames import (
    AUDIT_TABLE,
    OWN_WORDS_TABLE,
    PLAN_TABLE,
    VERDICTS_BY_LABEL,
    VERDICTS_BY_YEAR,
    TableKind,
    kind_of,
)
from planbook.present.cells import html_cells
from planbook.present.verdicts import verdict_counts


def test_a_table_has_exactly_its_declared_columns_and_dtypes_even_when_empty():
    for records in ([], [{"check": "sector_sum", "expected": 1, "stated": 2, "start": 3.0}]):
        df = AUDIT_TABLE.frame(records)
        assert tuple(df.columns) == AUDIT_TABLE.columns
        assert (str(df["stated"].dtype), str(df["start"].dtype)) == ("float64", "int64")
        assert kind_of(df) == TableKind.AUDIT


def test_text_columns_declared_str_hold_empty_text_not_missing():
    df = PLAN_TABLE.frame([{"indicator": "地区生产总值", "outcome_year": None}])
    assert df.loc[0, "outcome_year"] == "" and df.loc[0, "target_year"] == ""


def test_the_kind_survives_the_selections_the_chapters_make(seed_rows):
    p = plan.plan_vs_outcome(seed_rows, 2020, 2021)
    assert kind_of(p) == TableKind.PLAN and kind_of(plan.implied_levels(p)) == TableKind.PLAN


def test_display_takes_the_declared_kind_and_never_guesses_it_from_the_columns(seed_rows):
    p = plan.plan_vs_outcome(seed_rows, 2020, 2021)
    assert "目标 Target" in html_cells(p).columns  # the plan's own cells
    undeclared = pd.DataFrame({c: ["<x>"] for c in PLAN_TABLE.columns})  # the plan's columns, no kind
    assert kind_of(undeclared) is None
    cells = html_cells(undeclared)
    assert list(cells.columns) == list(PLAN_TABLE.columns) and cells.iloc[0, 0] == "&lt;x&gt;"  # escaped text


def test_the_verdict_counts_and_the_reports_own_words_are_declared_tables() -> None:
    targets = pd.DataFrame({"year": [2020, 2020, 2021], "label": ["GDP", "CPI", "GDP"], "met": ["yes", "no", "yes"]})
    by_year, by_label = verdict_counts(targets, "year"), verdict_counts(targets, "label")
    assert kind_of(by_year) == TableKind.VERDICT_COUNTS and tuple(by_year.columns) == VERDICTS_BY_YEAR.columns
    assert tuple(by_label.columns) == VERDICTS_BY_LABEL.columns and by_label["total"].tolist() == [2, 1]
    assert by_year.dtypes["unclear"] == "int64" and kind_of(verdict_counts(targets.iloc[:0], "year")) is not None
    own = own_words_frame([])
    assert kind_of(own) == TableKind.OWN_WORDS and tuple(own.columns) == OWN_WORDS_TABLE.columns
