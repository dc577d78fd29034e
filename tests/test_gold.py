"""The seed report against its hand-labelled gold, and the second report against its key figures."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from planbook.evaluate import evaluate
from planbook.extract import extract, to_frame
from planbook.report import load_report

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"
SEED = REPO / "seeds" / "jingzhou-district-2020.txt"
SECOND = FIXTURES / "baoding-city-2022-government-work-report.txt"


def _gold(name: str) -> pd.DataFrame:
    return pd.read_csv(FIXTURES / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def seed_scores():
    return evaluate(_gold("jingzhou-district-2020.csv"), to_frame(extract(load_report(SEED))))


@pytest.fixture(scope="module")
def second_scores():
    pred = to_frame(extract(load_report(SECOND)))
    return evaluate(_gold("baoding-city-2022-government-work-report.csv"), pred, key=True)


def test_seed_precision_and_recall(seed_scores):
    assert seed_scores.precision >= 0.97
    assert seed_scores.recall >= 0.97


def test_seed_meaning_agrees_with_gold(seed_scores):
    a = seed_scores.agreement
    assert a["name"].rate >= 0.85
    assert a["kind"].rate >= 0.95
    assert a["period"].rate >= 0.95
    assert a["chapter"].rate >= 0.85


def test_second_report_key_figures(second_scores):
    assert second_scores.recall >= 0.90
    assert second_scores.precision >= 0.95


def test_gbk_copy_gives_the_same_rows(tmp_path: Path):
    text = SEED.read_text(encoding="utf-8")
    gbk = tmp_path / "seed-gbk.txt"
    gbk.write_bytes(text.encode("gbk"))
    a = to_frame(extract(load_report(SEED)))
    b = to_frame(extract(load_report(gbk, report_id=load_report(SEED).id)))
    pd.testing.assert_frame_equal(a, b)


def test_rows_point_at_their_text():
    report = load_report(SECOND)
    for row in extract(report):
        assert report.text[row.start : row.end] == row.text
        assert report.text[row.sentence_start : row.sentence_end] == row.sentence
        assert row.sentence_start <= row.start < row.end <= row.sentence_end
