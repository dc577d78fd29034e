"""A chapter of tens of thousands of figures still gives charts: the largest drawn, the subtitle says so."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

from planbook.present import charts
from planbook.present.limits import MAX_BARS, first_groups, largest

ROWS = 12_000  # more than Altair's 5,000 (MaxRowsError) and than a chart can show


def _changes(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "indicator": [f"指标{i}" for i in range(n)],
            "year": [2020] * n,
            "change": [((i * 7919) % 2001 - 1000) / 10 for i in range(n)],
            "change_unit": ["%" if i % 3 else "个百分点" for i in range(n)],
            "level": [float(i % 997) for i in range(n)],
            "unit": ["亿元" if i % 2 else "万吨" for i in range(n)],
            "status": ["actual"] * n,
            "target_year": [2021] * n,
            "outcome_change": [float(i % 13) for i in range(n)],
            "target_change": [float(i % 17) - 8 for i in range(n)],
            "sentence": [f"第{i}句。" for i in range(n)],
        }
    )


def _rows_drawn(spec: dict) -> int:
    return sum(len(v) for v in spec.get("datasets", {}).values())


def _subtitles(spec: dict) -> list[str]:
    title = spec.get("title")
    return title.get("subtitle", []) if isinstance(title, dict) else []


@pytest.mark.parametrize(
    ("build", "by"),
    [(charts.change_bars, "change"), (charts.level_bars, "level"), (charts.jump_chart, "target_change")],
)
def test_a_chart_of_too_many_figures_draws_the_largest_and_says_so(build, by) -> None:
    table = _changes(ROWS)
    spec = build(table).to_dict()  # Altair refused this (MaxRowsError) before
    assert _rows_drawn(spec) <= MAX_BARS + 1  # (+1: the zero rule's own datum)
    assert _subtitles(spec) == [
        f"显示绝对值最大的 {MAX_BARS:,} 项（共 {ROWS:,} 项）— the {MAX_BARS:,} largest of {ROWS:,} figures are "
        "drawn; the table lists every one"
    ]
    small = build(table.head(50)).to_dict()
    assert _subtitles(small) == [] and _rows_drawn(small) >= 50


def test_largest_keeps_the_order_and_the_largest_magnitudes() -> None:
    df = pd.DataFrame({"v": [1.0, -9.0, 3.0, 9.0, -2.0, None]})
    drawn = largest(df, "v", limit=3)
    assert drawn.rows["v"].tolist() == [-9.0, 3.0, 9.0] and "3 largest of 6" in drawn.note
    assert largest(df, "v", limit=6).note == ""


def test_share_groups_past_the_limit_draw_the_first_groups() -> None:
    df = pd.DataFrame({"group": [f"g{i // 2}" for i in range(10)], "share": [50.0] * 10})
    drawn = first_groups(df, "group", limit=3)
    assert drawn.rows["group"].unique().tolist() == ["g0", "g1", "g2"] and "first 3 of 5 groups" in drawn.note


def test_altair_still_refuses_what_the_charts_no_longer_give_it() -> None:
    with pytest.raises(alt.MaxRowsError):  # the limit the charts keep under is real
        alt.Chart(_changes(ROWS)).mark_bar().encode(x="change:Q").to_dict()
