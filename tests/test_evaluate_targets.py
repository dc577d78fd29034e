"""Tests for planbook.evaluate_targets, and the targets of the 河北省 fixtures scored against their chain golds."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from planbook.analysis.targets import targets_csv, targets_of_paths
from planbook.evaluate_targets import TARGETS, format_target_scores, read_gold, score_targets
from planbook.model import ReportError

ROOT = Path(__file__).resolve().parent.parent
CHAINS = ROOT / "tests" / "fixtures" / "chains"
REPORTS = ROOT / "tests" / "fixtures" / "hebei-province"


def gold_as_predictions() -> pd.DataFrame:
    frames = []
    for _, chain, unmatched in read_gold(CHAINS):
        frames += [chain, unmatched.assign(met="not_reported")]
    return pd.concat(frames, ignore_index=True).fillna("")


def test_the_gold_scores_perfectly_against_itself() -> None:
    total = score_targets(CHAINS, gold_as_predictions())[-1]
    assert total.name == "overall"
    assert (total.headline_recall, total.precision, total.met, total.invented) == (1.0, 1.0, 1.0, 0)
    assert total.headline == 45 and total.unmatched == total.unmatched_not_paired == 30


def test_an_outcome_for_an_unmatched_target_is_invented() -> None:
    pred = gold_as_predictions()
    i = pred.index[(pred["met"] == "not_reported")][0]
    pred.loc[i, ["outcome_report", "outcome_start", "met"]] = ["hebei-province-2010.txt", "723", "yes"]
    total = score_targets(CHAINS, pred)[-1]
    assert total.invented == 1 and total.precision < 1.0
    assert any("invented outcome for unmatched" in p for p in total.problems)


def test_an_outcome_at_another_place_is_invented_and_a_wrong_met_counted() -> None:
    pred = gold_as_predictions()
    headline = pred.index[(pred["met"] != "not_reported") & ~pred["note"].str.startswith("[secondary]")]
    pred.loc[headline[0], "outcome_start"] = "1"
    pred.loc[headline[1], "met"] = "unclear"
    total = score_targets(CHAINS, pred)[-1]
    assert total.invented == 1
    assert total.headline_found == total.headline - 1
    assert total.met_agree == total.met_total - 1


def test_a_folder_without_chains_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no <name>-<N>-to-<N"):
        read_gold(tmp_path)


def test_the_fixture_reports_meet_the_targets() -> None:
    frame, _ = targets_of_paths([REPORTS])
    scores = score_targets(CHAINS, frame.astype(object))
    total = scores[-1]
    report = format_target_scores(scores, details=True)
    assert total.invented == 0, report
    assert total.headline_recall >= TARGETS["headline_recall"], report
    assert total.precision >= TARGETS["precision"], report
    assert total.met >= TARGETS["met"], report


def test_cli_scores_a_targets_file(tmp_path: Path) -> None:
    pred = tmp_path / "pred.csv"
    pred.write_text(targets_csv(targets_of_paths([REPORTS])[0]), encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "planbook", "evaluate", "--targets", CHAINS, pred, "--details"],
                            capture_output=True, cwd=ROOT, env=env, timeout=300)  # fmt: skip
    out = result.stdout.decode("utf-8")
    assert result.returncode == 0, result.stderr
    assert "hebei-province-2021-to-2022" in out and out.splitlines()[0].startswith("pair")
    assert any(line.startswith("overall") for line in out.splitlines())
