"""Tests for planbook/model.py: the period value, the plan-year rule and the closed sets of the row columns."""

from __future__ import annotations

import pytest

from planbook.model import (
    KINDS,
    MEASURES,
    Kind,
    Measure,
    Period,
    is_year,
    plan_year_of,
    span_years,
    year_of,
)


@pytest.mark.parametrize("text", ["2020", "2016-2020", "1998-2002"])
def test_period_text_parses_and_formats_back_unchanged(text):
    assert str(Period.parse(text)) == text


@pytest.mark.parametrize("text", ["", "20", "2020年", "2016-", "2016-20", "nan", "2020.0"])
def test_anything_but_a_year_or_a_span_is_no_period(text):
    assert Period.parse(text) is None


def test_a_year_is_not_a_span_and_a_span_is_not_its_last_year():
    assert (year_of("2020"), span_years("2020")) == (2020, None)
    assert (year_of("2016-2020"), span_years("2016-2020")) == (None, (2016, 2020))
    assert is_year("2020", 2020) and not is_year("2016-2020", 2020) and not is_year("", None)


def test_plan_year_is_the_year_after_review_unless_read_or_a_communique():
    assert plan_year_of(2020) == 2021
    assert plan_year_of(2020, 2022) == 2022  # as the report says
    assert plan_year_of(2020, genre="communique") is None
    assert plan_year_of(None) is None


def test_enum_values_are_the_text_written_to_files():
    assert Measure.LEVEL == "level" and f"{Kind.TARGET}" == "target"
    assert MEASURES[0] == "level" and KINDS == ("actual", "target")
