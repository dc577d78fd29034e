"""Shared fixtures: the typed row frames of the seed's gold and of a small synthetic report."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so that a test run (and CI) cannot fail by chance;
# HYPOTHESIS_PROFILE=explore draws new ones each time, to look for cases not yet found.
settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # `pytest` (not `python -m pytest`) does not put the repo root on the path
    sys.path.insert(0, str(REPO))

from planbook.model import typed_rows  # noqa: E402
from tests.samples import gold_rows, synthetic_report  # noqa: E402


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: takes seconds (notebooks run by papermill, a wheel built and installed); runs by default"
    )


@pytest.fixture(scope="session")
def seed_rows() -> pd.DataFrame:
    """Gold-derived rows of the seed report, typed (copy before mutating)."""
    return typed_rows(gold_rows())


@pytest.fixture(scope="session")
def synthetic_rows() -> pd.DataFrame:
    """Rows of the hand-written synthetic report, typed."""
    return typed_rows(synthetic_report()[1])


@pytest.fixture(scope="session")
def synthetic_text() -> str:
    return synthetic_report()[0]
