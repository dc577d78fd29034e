"""Numbers written for each audience: one formatter for files, one for readers (cells, prose, charts).

* Files (CSV, JSON, the hover text that repeats a row's fields): ``file_number`` — plain ASCII, as
  many digits as the value needs and no binary noise (341.21 not 341.21000000000004, 34121000000
  not 34121000000.000004, 38505 not 38505.0), so the same inputs give the same bytes.
* Readers (table cells, prose, chart labels and cards): ``fmt_number`` and ``fmt_change`` — a true
  minus sign (−4.5), an optional plus sign, no trailing zeros.
"""

from __future__ import annotations

import math

import pandas as pd

from planbook.vocabulary import vocabulary

# Rows keep 15 significant digits (enough for a scaled 万亿 amount) and at most 6 decimals.
FILE_SIGNIFICANT = 15
FILE_DECIMALS = 6


def file_value(
    v: object, significant: int = FILE_SIGNIFICANT, decimals: int | None = FILE_DECIMALS
) -> int | float | None:
    """A number as files hold it: rounded to ``significant`` digits (and ``decimals``), integral ones
    as int; None for text, booleans, NaN and NA."""
    if v is None or isinstance(v, bool | str):
        return None
    if type(v) is int and significant >= 15 and -(10**15) < v < 10**15:  # offsets: already what a file holds
        return v
    try:
        f = float(f"{float(v):.{significant}g}")  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if decimals is not None:
        f = round(f, decimals)
    if not math.isfinite(f):
        return None
    return int(f) if f.is_integer() and abs(f) < 1e15 else f


def file_number(v: object, significant: int = FILE_SIGNIFICANT, decimals: int | None = FILE_DECIMALS) -> str:
    """File text of a value: 38505 not 38505.0, 341.21 not 341.21000000000004, "" for None/NaN/NA."""
    if isinstance(v, str):  # the common case, first (a file holds hundreds of thousands of cells)
        return v
    number = file_value(v, significant, decimals)
    if number is not None:
        return str(number)
    return "" if is_missing(v) else str(v)


def is_missing(v: object) -> bool:
    """None, NaN or NA (a scalar); never true for text."""
    return v is None or (pd.api.types.is_scalar(v) and bool(pd.isna(v)))


def fmt_number(v: float | int | None, signed: bool = False, digits: int = 10) -> str:
    """A number as a reader writes it: no trailing zeros, a true minus sign, optional plus sign."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    x = round(float(v), digits)
    s = f"{abs(x):.{digits}f}".rstrip("0").rstrip(".") or "0"
    if x < 0 and s != "0":
        return "−" + s
    return ("+" + s) if signed and x > 0 else s


def fmt_change(v: float, unit: str) -> str:
    """A signed change with its unit: +1.6%, −4.5%, +0.4个百分点."""
    s = fmt_number(v, signed=True)
    return f"{s}{unit}" if s else ""


# A bound in the words of the figure's size: 下降5%以上 bounds the size of a fall from below (at least 5), so it reads
# "−5% or more", never "≤ −5%" or "以内". Keys are the signed qualifiers of planbook.analysis.statements.
_BOUND_WORDS = {"approx": "or so", "at_least": "or more", "at_most": "or less"}


def fmt_bound(
    value: float, unit: str, qualifier: str, signed: bool, written: str = "", high: float | None = None
) -> str:
    """A target or outcome as readers see it: the signed figure, its bound in words of its size, then the report's
    own words when they say more: 下降5%以上 → "−5% or more (下降5%以上)", 80亿斤以上 → "80亿斤 or more"."""
    if is_missing(value):
        return ""
    figure = fmt_change(float(value), unit) if signed else f"{fmt_number(value)}{unit}"
    if qualifier == "range" and high is not None and not is_missing(high):
        figure = f"{fmt_number(value, signed=signed)}–{fmt_number(high)}{unit}"
    word = _BOUND_WORDS.get(qualifier, "")
    if word and qualifier != "approx" and float(value) < 0:
        word = _BOUND_WORDS["at_most" if qualifier == "at_least" else "at_least"]  # a bound on the size of a fall
    text = f"{figure} {word}".strip()
    plain = written.replace("％", "%").replace("．", ".")
    return f"{text} ({written})" if written and plain not in (figure, f"{fmt_number(value)}{unit}") else text


def in_unit(value: object, unit: str, target: str) -> float:
    """A value written in ``unit`` expressed in ``target`` (420万吨 in 亿斤: 84) through the base units of
    data/units.csv; NaN when either unit is unknown or they measure different things."""
    if is_missing(value):
        return math.nan
    if unit == target or not unit:
        return float(value)  # type: ignore[arg-type]
    units = vocabulary().units
    a, b = units.get(unit), units.get(target)
    if a is None or b is None or a.base != b.base:
        return math.nan
    return float(value) * a.scale / b.scale  # type: ignore[arg-type]
