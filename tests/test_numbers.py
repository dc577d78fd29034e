"""Tests for planbook/numbers.py: one number format for files, one for readers."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from planbook.numbers import file_number, fmt_bound, fmt_change, fmt_number, in_unit


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


@pytest.mark.parametrize(
    ("args", "text"),
    [
        ((-5.0, "%", "at_most", True, "下降5%以上"), "−5% or more (下降5%以上)"),
        ((-3.0, "%", "at_least", True, "下降3%以内"), "−3% or less (下降3%以内)"),
        ((3.0, "%", "at_most", True, "控制在3%以内"), "+3% or less (控制在3%以内)"),
        ((6.5, "%", "approx", True, "6.5%"), "+6.5% or so"),  # the words add nothing: not repeated
        ((80.0, "亿斤", "at_least", False, "80亿斤以上"), "80亿斤 or more (80亿斤以上)"),
        ((86.0, "万人", "exact", False, "86万人"), "86万人"),
        ((86.0, "万人", "exact", False, ""), "86万人"),
    ],
)
def test_fmt_bound_reads_a_bound_on_the_size_of_the_figure(args, text):
    assert fmt_bound(*args) == text


def test_in_unit_converts_through_the_base_unit():
    assert in_unit(420, "万吨", "亿斤") == pytest.approx(84)  # a 斤 is half a 公斤
    assert in_unit(12300, "亿元", "万亿元") == pytest.approx(1.23)
    assert in_unit(5, "%", "%") == 5
    assert math.isnan(in_unit(5, "万人", "万元")) and math.isnan(in_unit(None, "万吨", "亿斤"))
