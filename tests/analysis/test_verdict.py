"""Tests for planbook.analysis.verdict: the met rule of data/target_rules.csv, against examples and the chain golds."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planbook.analysis.verdict import Figure, judge, load_rules, rule_markdown

FIXTURE_CHAINS = Path(__file__).resolve().parent / "fixtures" / "chains"
SHARED_CHAINS = Path("/work/shared/gold/chains")
RULES = Path(__file__).resolve().parents[2] / "planbook" / "vocab" / "target_rules.csv"

# (target, outcome, unit, indicator, expected met)
EXAMPLES = [
    (Figure(6, "approx"), Figure(5.5), "%", "gdp", "yes"),  # at the edge of the 0.5 band
    (Figure(6, "approx"), Figure(5.4), "%", "gdp", "no"),
    (Figure(8, "approx"), Figure(6.3), "%", "retail_sales", "no"),
    (Figure(6.5), Figure(6.5), "%", "gdp", "yes"),  # exact: reached
    (Figure(6.5), Figure(6.4), "%", "gdp", "no"),  # exact: no band
    (Figure(3, "approx"), Figure(3.4), "%", "cpi", "yes"),  # lower is better: ≤ X + band
    (Figure(3, "approx"), Figure(3.6), "%", "cpi", "no"),
    (Figure(-3), Figure(-5, "at_most"), "%", "energy_intensity", "yes"),  # 下降5%以上 meets 下降3%
    (Figure(-3, "at_most"), Figure(-2.5), "%", "pm25_concentration", "no"),
    (Figure(4.6, "at_most"), Figure(4, "at_most"), "%", "urban_registered_unemployment_rate", "yes"),
    (Figure(81), Figure(80, "at_least"), "%", "surface_water_good_share", "unclear"),  # a floor below X
    (Figure(800), Figure(800, "at_least"), "家", "new_high_tech_enterprises", "yes"),  # 超800家
    (Figure(1000, "approx"), Figure(960), "亿元", "technology_contract_value", "yes"),  # 5% of X
    (Figure(1000, "approx"), Figure(940), "亿元", "technology_contract_value", "no"),
    (Figure(6, "range", 6.5), Figure(6.1), "%", "gdp", "yes"),  # reaches the lower end
    (Figure(2, "range", 3), Figure(3.2), "%", "cpi", "no"),  # lower is better: beyond the upper end
    (Figure(-3, "at_least"), Figure(-2), "%", "energy_intensity", "yes"),  # 下降3%以内
]


@pytest.mark.parametrize(("target", "outcome", "unit", "code", "met"), EXAMPLES)
def test_examples(target: Figure, outcome: Figure, unit: str, code: str, met: str) -> None:
    assert judge(target, outcome, unit, code).met == met


def _gold_chains() -> pd.DataFrame:
    folder = SHARED_CHAINS if SHARED_CHAINS.is_dir() else FIXTURE_CHAINS
    files = [f for f in sorted(folder.glob("*.csv")) if not f.name.endswith(".unmatched.csv")]
    return pd.concat([pd.read_csv(f, dtype=str, keep_default_na=False) for f in files], ignore_index=True)


def test_every_gold_met_is_reproduced() -> None:
    gold = _gold_chains()
    assert len(gold) >= 100
    wrong = []
    for g in gold.itertuples():
        target = Figure(float(g.target_value), g.target_qualifier)
        outcome = Figure(float(g.outcome_value), g.outcome_qualifier)
        got = judge(target, outcome, g.unit, g.indicator).met
        if got != g.met:
            wrong.append((g.year, g.indicator, g.target_value, g.outcome_value, got, g.met))
    assert wrong == []


def test_the_rule_file_decides(tmp_path: Path) -> None:
    text = RULES.read_text(encoding="utf-8")
    edited = tmp_path / "rules.csv"
    edited.write_text(text.replace("inside_band,,met,", "inside_band,,unclear,").replace("band,%,0.5,", "band,%,1,"))
    rules = load_rules(edited)
    assert judge(Figure(6, "approx"), Figure(5.5), "%", "gdp", rules).met == "unclear"
    assert judge(Figure(6, "approx"), Figure(5.1), "%", "gdp", rules).met == "unclear"
    assert judge(Figure(6, "approx"), Figure(4.9), "%", "gdp", rules).met == "no"
    markdown = rule_markdown(rules)
    assert "1 in %" in markdown and "short of X is `unclear`" in markdown


def test_a_bad_rule_names_the_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "rules.csv"
    bad.write_text(RULES.read_text(encoding="utf-8") + "judge,exact,sometimes,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules.csv:\d+: judge 'exact' as 'sometimes'"):
        load_rules(bad)


def test_the_markdown_states_the_rule() -> None:
    markdown = rule_markdown()
    rules = load_rules()
    for code in rules.lower_is_better:
        assert f"`{code}`" in markdown
    for qualifier in ("exact", "approx", "at_least", "at_most", "range"):
        assert f"* `{qualifier}`" in markdown
    assert "0.5 in %" in markdown and "5% of X" in markdown and "not paired" in markdown
