"""CSV cells a spreadsheet would run as a formula are written with a leading apostrophe, and read back raw.

Report text can begin with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return (``+全区…增长6.5%``,
``@SUM(1+1)``), and so can a cell of ``indicators.csv`` or a table that quotes it. Excel, LibreOffice
and Google Sheets take such a cell for a formula (and a formula can fetch a URL or start a program), so
every CSV planbook writes puts an apostrophe before it: the usual mark that makes the cell text, shown
without the apostrophe. A negative number (``-4.5``) stays a number. Reading a CSV back
(:func:`raw_frame`, used by every reader of planbook's own CSV files) removes the apostrophe, so the
pages, the tables and the panel show the text as the report wrote it. The mark is reversible: a cell
that starts with apostrophes before such a character gets one more, and loses exactly one when read.
"""

from __future__ import annotations

import re

import pandas as pd

# The start of a cell a spreadsheet would evaluate: = + @ tab CR, or a minus that does not begin a plain
# number; after any apostrophes already there (so that writing and reading are exact inverses).
_FORMULA = re.compile(r"'*(?:[=+@\t\r]|-(?!\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\Z))")
_MARKED = re.compile(r"'" + _FORMULA.pattern)
MARK = "'"
_FIRST = frozenset("=+-@\t\r'")  # a cell that starts otherwise is safe (a quick test before the pattern)


def is_formula_like(text: str) -> bool:
    """A spreadsheet would read ``text`` as a formula (or it is such a text already marked)."""
    return _FORMULA.match(text) is not None


def csv_cell(value: object) -> object:
    """The value as a CSV cell: text that a spreadsheet would evaluate gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in _FIRST and _FORMULA.match(value):
        return MARK + value
    return value


def raw_cell(value: object) -> object:
    """The text a CSV cell written by :func:`csv_cell` stands for (its apostrophe removed)."""
    return value[1:] if isinstance(value, str) and _MARKED.match(value) else value


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its text cells marked as :func:`csv_cell` does (a copy; numbers untouched)."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column].dtype):
            out[column] = out[column].map(csv_cell)
    return out


def raw_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame read from planbook's CSV (every column text) with the marks removed (in place, returned)."""
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values.dtype):
            marked = values.str.match(_MARKED.pattern).fillna(False).astype(bool)
            if marked.any():
                frame[column] = values.where(~marked, values.str.slice(1))
    return frame
