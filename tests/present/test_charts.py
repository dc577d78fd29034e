"""Tests for planbook/present/charts.py: valid Vega-Lite, encodings, sign colours, one unit per axis, determinism."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
import pytest

from planbook.analysis import tables
from planbook.analysis.headline import headline_table
from planbook.analysis.plan import plan_vs_outcome
from planbook.model import typed_rows
from planbook.present import charts


def _walk(spec):
    """Every single-view spec (with an ``encoding``) inside a composed spec."""
    if isinstance(spec, dict):
        if "encoding" in spec:
            yield spec
        for v in spec.values():
            yield from _walk(v)
    elif isinstance(spec, list):
        for v in spec:
            yield from _walk(v)


def _datasets(spec: dict) -> list[list[dict]]:
    return list(spec.get("datasets", {}).values())


def _x_titles(spec: dict) -> list[str]:
    return [v["encoding"]["x"].get("title") for v in _walk(spec) if "title" in v["encoding"].get("x", {})]


@pytest.fixture(scope="module")
def headline(seed_rows):
    return headline_table(seed_rows, 2020)


def test_theme_is_enabled_with_cjk_font_and_okabe_ito(headline):
    spec = charts.change_bars(headline).to_dict()
    assert alt.theme.active == charts.THEME
    assert spec["config"]["font"].startswith('"Noto Sans CJK SC"')
    assert spec["config"]["range"]["category"] == list(charts.OKABE_ITO)


def test_change_bars_colour_falls_and_rises_apart(headline):
    spec = charts.change_bars(headline).to_dict()
    colours = [v["encoding"]["color"] for v in _walk(spec) if "color" in v["encoding"]]
    assert colours[0]["scale"] == {
        "domain": [charts.RISE, charts.FALL],
        "range": [charts.POSITIVE, charts.NEGATIVE],
    }
    rows = [r for d in _datasets(spec) for r in d if "direction" in r]
    gdp = next(r for r in rows if r["indicator"] == "地区生产总值")
    first = next(r for r in rows if r["indicator"] == "第一产业增加值")
    assert gdp["direction"] == charts.FALL and gdp["label"] == "−4.5%"
    assert first["direction"] == charts.RISE and first["label"] == "+1.6%"


def test_change_bars_tooltip_has_value_unit_and_sentence(headline):
    spec = charts.change_bars(headline).to_dict()
    tips = next(v["encoding"]["tooltip"] for v in _walk(spec) if "tooltip" in v["encoding"])
    fields = {t["field"] for t in tips}
    assert {"label", "sentence", "indicator"} <= fields
    assert any("(%)" in t["title"] for t in tips)
    assert "change (%)" in _x_titles(spec)[0]


def test_level_bars_never_mix_units_on_one_axis(seed_rows):
    t = tables.chapter_table(seed_rows, "agriculture", kind="actual")
    spec = charts.level_bars(t).to_dict()
    assert "vconcat" in spec
    titles = _x_titles(spec)
    assert any("万亩" in x for x in titles) and any("万吨" in x for x in titles)
    assert len(spec["vconcat"]) == t["unit"].nunique()
    for d in _datasets(spec):  # each panel's dataset holds one unit
        units = {r["unit"] for r in d if "unit" in r}
        assert len(units) <= 1, units


def test_share_bars_stack_to_100_percent(seed_rows):
    spec = charts.share_bars(tables.indicator_table(seed_rows)).to_dict()
    xs = [v["encoding"]["x"] for v in _walk(spec)]
    assert all(x.get("stack") == "normalize" for x in xs)
    shares = [r for d in _datasets(spec) for r in d if "share" in r]
    assert sum(r["share"] for r in shares) == pytest.approx(100.0)


def test_share_groups_add_other_remainder():
    t = tables.indicator_table(
        typed_rows(
            pd.DataFrame(
                [
                    {
                        "start": i,
                        "end": i + 1,
                        "text": "1",
                        "indicator": n,
                        "period": 2020,
                        "kind": "actual",
                        "measure": "share_pct",
                        "value": v,
                        "unit": "%",
                        "sentence_start": 0,
                        "sentence_end": 20,
                        "sentence": "s",
                    }
                    for i, (n, v) in enumerate([("a", 30.0), ("b", 50.0)])
                ]
            )
        )
    )
    g = charts.share_groups(t)
    assert list(g["indicator"]) == ["a", "b", "其他 other"]
    assert g["share"].sum() == pytest.approx(100)


def test_jump_chart_draws_outcome_to_target(seed_rows):
    plan = plan_vs_outcome(seed_rows, 2020, 2021)
    spec = charts.jump_chart(plan).to_dict()
    rules = [v for v in _walk(spec) if v.get("mark", {}).get("type") == "rule" and "x2" in v["encoding"]]
    assert rules and rules[0]["encoding"]["x"]["field"] == "outcome" and rules[0]["encoding"]["x2"]["field"] == "target"
    rows = [r for d in _datasets(spec) for r in d if "outcome" in r]
    gdp = next(r for r in rows if r["indicator"] == "地区生产总值")
    assert (gdp["outcome"], gdp["target"], gdp["direction"]) == (-4.5, 10.0, charts.FALL)


def test_audit_chart_counts_only_checks_between_figures(seed_rows):
    from planbook.analysis.audit import run_audit

    audit = run_audit(seed_rows)
    assert set(audit["scope"]) == {"figures", "wording"}
    spec = charts.audit_chart(audit).to_dict()
    assert spec["encoding"]["color"]["scale"]["range"] == [charts.PASS, charts.FLAG]
    counted = sum(r["count"] for d in _datasets(spec) for r in d if "count" in r)
    assert counted == int((audit["scope"] == "figures").sum())
    # Without checks between figures the chart says so, whatever the self-checks of the reading.
    wording_only = charts.audit_chart(audit[audit["scope"] == "wording"]).to_dict()
    assert wording_only["mark"]["type"] == "text"


@pytest.mark.parametrize("builder", [charts.change_bars, charts.level_bars, charts.share_bars, charts.jump_chart])
def test_empty_data_gives_a_valid_chart(builder, synthetic_rows):
    empty = tables.chapter_table(synthetic_rows, "environment")
    if builder is charts.jump_chart:
        empty = plan_vs_outcome(synthetic_rows.iloc[:0], 2021, 2022)
    spec = builder(empty).to_dict()
    assert spec["mark"]["type"] == "text"
    assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_specs_are_deterministic_and_small(seed_rows):
    t = tables.indicator_table(seed_rows)
    a = charts.level_bars(t).to_json()
    b = charts.level_bars(tables.indicator_table(typed_rows(seed_rows.sample(frac=1, random_state=3)))).to_json()
    assert a == b
    assert "view_" not in a and "param_" not in a
    keys = {k for d in _datasets(json.loads(a)) for r in d for k in r}
    assert keys <= {"indicator", "year", "status", "level", "unit", "label", "note", "sentence"}


def test_specs_compile_with_vl_convert(seed_rows):
    vlc = pytest.importorskip("vl_convert")
    plan = plan_vs_outcome(seed_rows, 2020, 2021)
    for chart in (
        charts.change_bars(headline_table(seed_rows, 2020)),
        charts.jump_chart(plan),
        charts.share_bars(tables.indicator_table(seed_rows)),
        charts.empty_chart("x"),
    ):
        assert vlc.vegalite_to_svg(chart.to_dict()).startswith("<svg")
