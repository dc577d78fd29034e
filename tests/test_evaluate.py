"""Tests for planbook.evaluate: matching rule, key mode, agreements and the printed block."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planbook.evaluate import evaluate, format_scores, names_agree, read_table
from planbook.model import ReportError

GOLD_DIR = Path("/work/shared/gold")
IND = "indicator"


def gold_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            # start, end, text, label, indicator, period, kind, measure, value, unit, chapter
            (0, 4, "2020", "skip", "", None, "", "", None, "", ""),
            (10, 16, "341.21", IND, "全区地区生产总值", 2020, "actual", "level", 341.21, "亿元", "overview"),
            (20, 23, "4.5", IND, "地区生产总值", 2020, "actual", "change_pct", -4.5, "%", "overview"),
            (30, 34, "48.06", IND, "第一产业增加值", 2020, "actual", "level", 48.06, "亿元", "agriculture"),
            (40, 42, "10", IND, "规上工业增加值", 2021, "target", "change_pct", 10, "%", "industry"),
        ],
        columns=["start", "end", "text", "label", "indicator", "period", "kind", "measure", "value", "unit",
                 "chapter"],
    )  # fmt: skip


def pred_from_gold() -> pd.DataFrame:
    gold = gold_frame()
    return gold[gold["label"] == "indicator"].drop(columns=["label"]).reset_index(drop=True)


def test_perfect_match_scores_one() -> None:
    scores = evaluate(gold_frame(), pred_from_gold())
    assert (scores.precision, scores.recall, scores.f1) == (1.0, 1.0, 1.0)
    assert (scores.matched, scores.predicted, scores.gold) == (4, 4, 4)
    assert scores.agreement["name"].rate == 1.0
    assert scores.agreement["chapter"].total == 2  # only agriculture/industry gold rows count


def test_skip_rows_are_not_gold() -> None:
    assert evaluate(gold_frame(), pred_from_gold()).gold == 4


def test_wrong_value_does_not_match() -> None:
    pred = pred_from_gold()
    pred.loc[1, "value"] = 4.5  # sign lost on 下降4.5%
    scores = evaluate(gold_frame(), pred)
    assert scores.matched == 3
    assert scores.precision == pytest.approx(0.75)
    assert list(scores.missed["start"]) == [20]
    assert list(scores.unmatched["start"]) == [20]


def test_value_within_tolerance_matches() -> None:
    pred = pred_from_gold()
    pred.loc[0, "value"] = 341.21000000000004
    assert evaluate(gold_frame(), pred).matched == 4


def test_wrong_measure_or_unit_does_not_match() -> None:
    pred = pred_from_gold()
    pred.loc[1, "measure"] = "change_pp"
    pred.loc[2, "unit"] = "万元"
    scores = evaluate(gold_frame(), pred)
    assert scores.matched == 2
    per = scores.per_measure.set_index("measure")
    assert per.loc["change_pp", "predicted"] == 1
    assert per.loc["change_pp", "gold"] == 0
    assert per.loc["change_pct", "gold"] == 2


def test_duplicate_predictions_match_once() -> None:
    pred = pd.concat([pred_from_gold(), pred_from_gold().iloc[[0]]], ignore_index=True)
    scores = evaluate(gold_frame(), pred)
    assert scores.matched == 4
    assert scores.predicted == 5
    assert scores.precision == pytest.approx(0.8)
    assert scores.recall == 1.0


def test_key_mode_ignores_predictions_at_unlabelled_offsets() -> None:
    extra = pred_from_gold().iloc[[0]].assign(start=99, end=101)
    at_skip = pred_from_gold().iloc[[0]].assign(start=0, end=4)  # a labelled skip offset still counts
    pred = pd.concat([pred_from_gold(), extra, at_skip], ignore_index=True)
    plain = evaluate(gold_frame(), pred)
    key = evaluate(gold_frame(), pred, key=True)
    assert plain.predicted == 6
    assert key.predicted == 5
    assert key.precision == pytest.approx(0.8)
    assert key.recall == 1.0


@pytest.mark.parametrize(
    ("gold", "pred", "agree"),
    [
        ("全区地区生产总值", "地区生产总值", True),
        ("2020年地区生产总值", "地区生产总值", True),
        ("2023年全市全年粮食产量", "粮食产量", True),
        ("规上工业增加值", "工业增加值", True),
        ("地区生产总值", "财政收入", False),
        ("地区生产总值", "", False),
    ],
)
def test_name_rule(gold: str, pred: str, agree: bool) -> None:
    assert names_agree(gold, pred) is agree


def test_kind_period_and_chapter_disagreements_are_counted() -> None:
    pred = pred_from_gold()
    pred.loc[3, "kind"] = "actual"
    pred.loc[3, "period"] = 2020
    pred.loc[3, "chapter"] = "overview"
    scores = evaluate(gold_frame(), pred)
    assert (scores.agreement["kind"].agree, scores.agreement["kind"].total) == (3, 4)
    assert scores.agreement["period"].agree == 3
    assert (scores.agreement["chapter"].agree, scores.agreement["chapter"].total) == (1, 2)


def test_format_scores_headline_and_details() -> None:
    pred = pred_from_gold()
    pred.loc[1, "value"] = 4.5
    text = format_scores(evaluate(gold_frame(), pred), details=True)
    first = text.splitlines()[0]
    assert first == "precision 0.750  recall 0.750  f1 0.750  (matched 3 / predicted 4 / gold 4)"
    assert "name agreement" in text
    assert "change_pct" in text
    assert "missed gold rows (1):" in text
    assert "unmatched predicted rows (1):" in text
    assert "missed gold rows" not in format_scores(evaluate(gold_frame(), pred))


def test_read_table_keeps_literals_and_parses_numbers(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    gold_frame().assign(text=["02", "341.21", "4.5", "48.06", "10"]).to_csv(path, index=False)
    frame = read_table(path)
    assert frame.loc[0, "text"] == "02"
    assert evaluate(frame, pred_from_gold()).matched == 4


def test_read_table_missing_file_raises_report_error(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no such file"):
        read_table(tmp_path / "missing.csv")


def test_real_gold_scores_itself_perfectly() -> None:
    path = GOLD_DIR / "jingzhou-district-2020.csv"
    if not path.exists():
        pytest.skip(f"gold not available at {path}")
    gold = read_table(path)
    scores = evaluate(gold, gold[gold["label"] == "indicator"])
    assert scores.f1 == 1.0
    assert scores.gold == 183
