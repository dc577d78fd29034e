"""Tests for planbook/present/numbers.py: one number format for files, one for readers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planbook.present.numbers import file_number, fmt_change, fmt_number


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (38505.0, "38505"),
        (341.21, "341.21"),
        (341.21 * 1e8, "34121000000"),
        (-4.5, "-4.5"),
        (0.1 + 0.2, "0.3"),
        (None, ""),
        (math.nan, ""),
        (pd.NA, ""),
        ("02", "02"),
    ],
)
def test_file_number_drops_binary_noise_and_keeps_text(value, text):
    assert file_number(value) == text


def test_file_number_with_fewer_digits_for_derived_values():
    implied = (4500 / 4868 - 1) * 100
    assert file_number(implied, significant=10, decimals=None) == "-7.55957272"
    assert file_number(implied) == "-7.559573"


def test_fmt_number_uses_true_minus_and_plus():
    assert fmt_number(-4.5) == "−4.5"
    assert fmt_number(1.6, signed=True) == "+1.6"
    assert fmt_number(341.21) == "341.21"
    assert fmt_number(float("nan")) == ""
    assert fmt_number(0.0, signed=True) == "0"


def test_fmt_change_carries_its_unit():
    assert fmt_change(-4.5, "%") == "−4.5%"
    assert fmt_change(0.4, "个百分点") == "+0.4个百分点"
    assert fmt_change(math.nan, "%") == ""
