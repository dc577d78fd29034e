"""Tests for planbook/frames.py: tables built through their declaration, and shown by their declared kind."""

from __future__ import annotations

import pandas as pd

from planbook.analysis import plan
from planbook.frames import AUDIT_TABLE, PLAN_TABLE, TableKind, kind_of
from planbook.present.cells import html_cells


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
