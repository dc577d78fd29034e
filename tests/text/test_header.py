"""Metadata lines above a report body."""

from __future__ import annotations

import pytest

from planbook.text.header import normalize_date


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2021-02-23 10:38", "2021-02-23 10:38"), ("未知", ""), ("2021年2月3日", "2021-02-03")],
)
def test_normalize_date(raw: str, expected: str) -> None:
    assert normalize_date(raw) == expected
