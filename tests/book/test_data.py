"""Tests of planbook/book/data.py: the data files of a report, and rows for a notebook run on its own."""

from __future__ import annotations

from pathlib import Path

from planbook.book import data
from planbook.model import CHAPTERS, typed_rows

REPO = Path(__file__).resolve().parents[2]


def test_derived_tables_are_deterministic_csv(seed_rows):
    first = {n: data.table_csv(t) for n, t in data.derived_tables(seed_rows).items()}
    shuffled = typed_rows(seed_rows.sample(frac=1, random_state=1))
    assert {n: data.table_csv(t) for n, t in data.derived_tables(shuffled).items()} == first
    assert {f"{c}.csv" for c in CHAPTERS} | {"headline.csv", "audit.csv", "plan_vs_outcome.csv"} <= set(first)
    text = first["overview.csv"]
    assert "\r" not in text and "source.html#s-320" in text and "<a " not in text and "341.21" in text
    assert ",-7.55957272," in first["plan_vs_outcome.csv"]  # derived values: 10 significant digits


def test_write_report_data_writes_rows_then_tables(tmp_path):
    csv = (REPO / "data" / "jingzhou-district-2020" / "indicators.csv").read_text(encoding="utf-8")
    written = data.write_report_data(tmp_path / "d", csv, "jingzhou-district-2020")
    assert written[0] == tmp_path / "d" / "indicators.csv" and len(written) == 1 + len(CHAPTERS) + 4
    committed = REPO / "data" / "jingzhou-district-2020" / "tables" / "audit.csv"
    assert (tmp_path / "d" / "tables" / "audit.csv").read_bytes() == committed.read_bytes()
