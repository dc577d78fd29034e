"""Write indicator rows as deterministic CSV or JSON (same input → identical bytes)."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import IO

import pandas as pd

from planbook.model import COLUMNS, IndicatorRow

FORMATS = ("csv", "json")
DECIMALS = 6


def format_value(v: object) -> str:
    """CSV cell text: 38505 not 38505.0, 341.21 not 341.21000000000004, "" for None/NaN."""
    number = _number(v)
    if number is not None:
        return str(number)
    return "" if _missing(v) else str(v)


def _number(v: object) -> int | float | None:
    """Numbers at 15 significant digits and 6 decimals, integral ones as int; None for text, NaN, NA."""
    if v is None or isinstance(v, bool | str):
        return None
    try:
        # 15 significant digits drop binary noise in scaled values (341.21 × 1e8 → 34121000000).
        f = round(float(f"{float(v):.15g}"), DECIMALS)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    if not math.isfinite(f):
        return None
    return int(f) if f.is_integer() and abs(f) < 1e15 else f


def _missing(v: object) -> bool:
    return v is None or (pd.api.types.is_scalar(v) and bool(pd.isna(v)))


def _records(rows: Iterable[IndicatorRow] | pd.DataFrame) -> list[dict]:
    """Rows as dicts in COLUMNS order, stably sorted by start offset."""
    if isinstance(rows, pd.DataFrame):
        frame = rows.reindex(columns=list(COLUMNS))
        records = [dict(zip(COLUMNS, values, strict=True)) for values in frame.itertuples(index=False)]
    else:
        records = [
            r.as_dict() if isinstance(r, IndicatorRow) else {c: r.get(c) for c in COLUMNS} for r in rows
        ]
    return sorted(records, key=lambda r: _number(r["start"]) or 0)


def _as_record(row: IndicatorRow | Mapping) -> dict:
    if isinstance(row, IndicatorRow):
        return row.as_dict()
    return {c: row.get(c) for c in COLUMNS}


def rows_to_csv(rows: Iterable[IndicatorRow] | pd.DataFrame) -> str:
    """CSV text with a header of COLUMNS and "\\n" line endings."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in _records(rows):
        writer.writerow([format_value(record[c]) for c in COLUMNS])
    return buffer.getvalue()


def rows_to_json(rows: Iterable[IndicatorRow] | pd.DataFrame) -> str:
    """JSON list of objects with COLUMNS keys, non-ASCII kept, one key per line."""
    records = [{c: _json_value(r[c]) for c in COLUMNS} for r in _records(rows)]
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _json_value(v: object) -> object:
    number = _number(v)
    if number is not None:
        return number
    if _missing(v):
        return None
    return v if isinstance(v, str | bool) else str(v)


def write_rows(
    rows: Iterable[IndicatorRow] | pd.DataFrame | Iterable[Mapping],
    path_or_buffer: str | Path | IO[str],
    fmt: str = "csv",
) -> None:
    """Write rows as CSV or JSON to a path (UTF-8, no BOM) or an open text buffer."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    content = rows_to_csv(rows) if fmt == "csv" else rows_to_json(rows)  # type: ignore[arg-type]
    if isinstance(path_or_buffer, str | Path):
        Path(path_or_buffer).write_text(content, encoding="utf-8", newline="")
    else:
        path_or_buffer.write(content)
