"""Tests for planbook.corpus.schema: the tables are declared once and the database has exactly them."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import duckdb
import pytest

from planbook.analysis.statements import Statement
from planbook.analysis.targets import TARGET_COLUMNS
from planbook.corpus import schema
from planbook.corpus.panel import update_panel
from planbook.model import COLUMNS
from tests.corpus.helpers import copy_corpus


def test_tables_have_the_columns_of_extract_and_targets() -> None:
    assert schema.INDICATORS.names == COLUMNS
    assert schema.TARGETS.names == TARGET_COLUMNS
    assert set(schema.STATEMENTS.names) == {f.name for f in fields(Statement)} | {"seq"}
    assert schema.REPORTS.names[:12] == (
        "id", "file", "sha256", "characters", "region", "genre", "delivered_year", "review_year", "plan_year",
        "review_span", "plan_span", "warnings",
    )  # fmt: skip
    for table in schema.TABLES:
        assert set(table.order) <= set(table.names), table.name


def test_a_column_without_a_type_is_refused() -> None:
    with pytest.raises(AssertionError, match=r"untyped columns \['b'\]"):
        schema._table("t", ("a", "b"), {"a": "VARCHAR"}, ("a",))


def test_the_database_has_the_declared_columns_and_types(tmp_path: Path) -> None:
    db = tmp_path / "panel.duckdb"
    update_panel([copy_corpus(tmp_path / "in", (2021,), others=False)], db)
    con = duckdb.connect(str(db), read_only=True)
    for table in schema.TABLES:
        found = con.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
            "ORDER BY ordinal_position",
            [table.name],
        ).fetchall()
        assert found == [(c.name, c.type) for c in table.columns], table.name
        assert con.execute(f"SELECT count(*) FROM {table.name}").fetchone()[0] > 0, table.name
