"""Chapter tables: indicator rows joined into one line per quantity (level, change, rank, gap, share)."""

from __future__ import annotations

import html
import math
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planbook.model import CHAPTERS, COLUMNS, source_link

# Prefixes that name the scope rather than the quantity (全区生产总值 = 生产总值). Longest first so that
# 规模以上 is removed before 规上 would be tried.
NAME_PREFIXES: tuple[str, ...] = (
    "规模以上",
    "全社会",
    "全区",
    "全市",
    "全县",
    "全省",
    "全州",
    "全旗",
    "全年",
    "规上",
)
_YEAR_PREFIX = re.compile(r"^\d{4}年度?")
_QUOTES = str.maketrans("", "", "“”\"'‘’《》")

# Standard statistical vocabulary of headline indicators (not names from any one report): a row whose
# name contains one of these is a headline figure wherever the report states it.
HEADLINE_TERMS: tuple[str, ...] = (
    "生产总值",
    "产业增加值",
    "财政总收入",
    "预算收入",
    "固定资产投资",
    "工业总产值",
    "工业增加值",
    "消费品零售总额",
    "可支配收入",
)

# Standard vocabulary for household incomes, gathered from every chapter into the livelihoods page.
INCOME_TERMS: tuple[str, ...] = ("可支配收入", "人均收入", "人均纯收入", "平均工资")

CHANGE_MEASURES = ("change_pct", "change_pp", "change_abs")

# Columns of every chapter table, in order. ``link`` is a plain relative URL (see model.source_link).
TABLE_COLUMNS: tuple[str, ...] = (
    "indicator",
    "indicator_en",
    "year",
    "status",
    "level",
    "level_high",
    "before",
    "unit",
    "change",
    "change_unit",
    "rank",
    "gap_pp",
    "share_pct",
    "ratio_pct",
    "qualifier",
    "chapter",
    "start",
    "sentence_start",
    "sentence",
    "link",
)

PLAN_COLUMNS: tuple[str, ...] = (
    "indicator",
    "outcome_indicator",
    "outcome_year",
    "target_year",
    "outcome_level",
    "target_level",
    "unit",
    "outcome_change",
    "target_change",
    "change_unit",
    "outcome_rate",
    "target_rate",
    "jump",
    "implied_level",
    "implied_change",
    "qualifier",
    "start",
    "sentence_start",
    "sentence",
    "link",
    "outcome_link",
)

QUALIFIER_LABELS: dict[str, str] = {
    "approx": "约",
    "lower_bound": "以上 (≥)",
    "upper_bound": "以内 (≤)",
    "estimate": "预计",
    "before": "之前",
    "after": "之后",
    "range_low": "区间下限",
    "range_high": "区间上限",
}
_STRUCTURAL_QUALIFIERS = {"before", "after", "range_low", "range_high"}

_STRING_COLUMNS = (
    "report",
    "text",
    "indicator",
    "indicator_en",
    "kind",
    "measure",
    "unit",
    "unit_scaled",
    "qualifier",
    "chapter",
    "part",
    "section",
    "sentence",
)
_INT_COLUMNS = ("start", "end", "sentence_start", "sentence_end")
_FLOAT_COLUMNS = ("value", "scale", "value_scaled")

# Two sentences are adjacent when only the stop mark and spaces separate them.
ADJACENT_GAP = 3


def prepare_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """Rows with every model column present and typed (strings never NaN), sorted by offset."""
    df = rows.copy()
    for c in COLUMNS:
        if c not in df.columns:
            df[c] = "" if c in _STRING_COLUMNS else pd.NA
    for c in _STRING_COLUMNS:
        df[c] = df[c].fillna("").astype(str)
    for c in _INT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").fillna(0).astype(int)
    for c in _FLOAT_COLUMNS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype(float)
    df["period"] = pd.to_numeric(df["period"], errors="coerce").astype("Int64")
    return df[list(COLUMNS)].sort_values(["start", "end"], kind="mergesort").reset_index(drop=True)


def normalise_name(name: str) -> str:
    """Indicator name without scope prefixes (全区/全市/全社会/全年/规上/规模以上…), years and quotes."""
    s = str(name).translate(_QUOTES).strip()
    changed = True
    while changed:
        changed = False
        m = _YEAR_PREFIX.match(s)
        if m:
            s, changed = s[m.end() :], True
        for p in NAME_PREFIXES:
            if s.startswith(p) and len(s) > len(p):
                s, changed = s[len(p) :], True
                break
    return s


def name_match(a: str, b: str) -> int:
    """2 when the names are equal, 1 when one contains the other after normalising, else 0."""
    if a == b:
        return 2
    na, nb = normalise_name(a), normalise_name(b)
    if not na or not nb:
        return 0
    if na == nb:
        return 2
    return 1 if (na in nb or nb in na) else 0


def main_year(rows: pd.DataFrame) -> int | None:
    """The year under review: the most frequent period of actual rows (latest on a tie)."""
    df = prepare_rows(rows)
    periods = df.loc[df["kind"] == "actual", "period"].dropna()
    if periods.empty:
        return None
    counts = periods.astype(int).value_counts()
    best = counts.max()
    return int(max(p for p, n in counts.items() if n == best))


@dataclass
class _Record:
    """Rows about one quantity, joined: level, change, rank, gap, share, ratio, before/after, range."""

    indicator: str
    period: int | None
    kind: str
    first: pd.Series
    sentences: set[int] = field(default_factory=set)
    last_sentence_end: int = 0
    slots: dict[str, pd.Series] = field(default_factory=dict)
    qualifiers: list[str] = field(default_factory=list)

    def near(self, row: pd.Series) -> bool:
        s = int(row["sentence_start"])
        return s in self.sentences or 0 <= s - self.last_sentence_end <= ADJACENT_GAP

    def add(self, slot: str, row: pd.Series) -> None:
        self.slots[slot] = row
        self.sentences.add(int(row["sentence_start"]))
        self.last_sentence_end = max(self.last_sentence_end, int(row["sentence_end"]))
        q = row["qualifier"]
        if q and q not in _STRUCTURAL_QUALIFIERS and q not in self.qualifiers:
            self.qualifiers.append(q)


def _slot(row: pd.Series) -> str:
    m, q = row["measure"], row["qualifier"]
    if m == "level":
        if q in ("before", "range_high"):
            return "before" if q == "before" else "level_high"
        return "level"
    if m in CHANGE_MEASURES:
        return "change"
    return m  # rank, gap_pp, share_pct, ratio_pct


def _records(df: pd.DataFrame) -> list[_Record]:
    """Join rows in text order: a row joins the latest open record of the same quantity nearby."""
    records: list[_Record] = []
    for row in df.to_dict("records"):  # plain dicts: iterrows builds a Series per row, ten times slower
        period = None if pd.isna(row["period"]) else int(row["period"])
        slot = _slot(row)
        target = None
        for rec in reversed(records):
            if (
                rec.indicator == row["indicator"]
                and rec.period == period
                and rec.kind == row["kind"]
                and slot not in rec.slots
                and rec.near(row)
                and _units_agree(rec, slot, row)
            ):
                target = rec
                break
        if target is None:
            target = _Record(row["indicator"], period, row["kind"], row)
            records.append(target)
        target.add(slot, row)
    return records


def _units_agree(rec: _Record, slot: str, row: pd.Series) -> bool:
    """Levels, their before value and range ends must share a unit to sit on one line."""
    if slot not in ("level", "before", "level_high"):
        return True
    return all(
        rec.slots[s]["unit"] == row["unit"] for s in ("level", "before", "level_high") if s in rec.slots
    )


def _value(rec: _Record, slot: str) -> float:
    r = rec.slots.get(slot)
    return float(r["value"]) if r is not None else math.nan


def _record_row(rec: _Record) -> dict:
    level_row = next((rec.slots[s] for s in ("level", "before", "level_high") if s in rec.slots), None)
    change_row = rec.slots.get("change")
    first = min(rec.slots.values(), key=lambda r: int(r["start"]))
    rank = rec.slots.get("rank")
    return {
        "indicator": rec.indicator,
        "indicator_en": next((r["indicator_en"] for r in rec.slots.values() if r["indicator_en"]), ""),
        "year": rec.period,
        "status": rec.kind,
        "level": _value(rec, "level"),
        "level_high": _value(rec, "level_high"),
        "before": _value(rec, "before"),
        "unit": level_row["unit"] if level_row is not None else "",
        "change": _value(rec, "change"),
        "change_unit": change_row["unit"] if change_row is not None else "",
        "rank": float(rank["value"]) if rank is not None else math.nan,
        "gap_pp": _value(rec, "gap_pp"),
        "share_pct": _value(rec, "share_pct"),
        "ratio_pct": _value(rec, "ratio_pct"),
        "qualifier": ";".join(rec.qualifiers),
        "chapter": first["chapter"],
        "start": int(first["start"]),
        "sentence_start": int(first["sentence_start"]),
        "sentence": first["sentence"],
        "link": source_link(int(first["sentence_start"])),
    }


def _table(df: pd.DataFrame) -> pd.DataFrame:
    out = pd.DataFrame([_record_row(r) for r in _records(df)], columns=list(TABLE_COLUMNS))
    out["year"] = out["year"].astype("Int64")
    for c in ("level", "level_high", "before", "change", "rank", "gap_pp", "share_pct", "ratio_pct"):
        out[c] = out[c].astype(float)
    out["start"] = out["start"].astype(int)
    out["sentence_start"] = out["sentence_start"].astype(int)
    return out.sort_values(["start", "indicator"], kind="mergesort").reset_index(drop=True)


def load_rows(data_dir: str | Path, report_id: str) -> pd.DataFrame:
    """Rows of ``report_id`` from ``data_dir/indicators.csv`` (or ``data_dir/<id>/indicators.csv``)."""
    d = Path(data_dir)
    for path in (d / "indicators.csv", d / report_id / "indicators.csv"):
        if path.exists():
            break
    else:
        raise FileNotFoundError(
            f"{d / 'indicators.csv'}: no indicator rows; run the extractor for {report_id}"
        )
    df = pd.read_csv(path, dtype=str, keep_default_na=False)  # prepare_rows types the numeric columns
    if report_id and "report" in df.columns and (df["report"] != "").any():
        df = df[df["report"] == report_id]
    return prepare_rows(df)


def indicator_table(rows: pd.DataFrame) -> pd.DataFrame:
    """All rows joined into one line per quantity, in text order (columns TABLE_COLUMNS)."""
    return _table(prepare_rows(rows))


def chapter_rows(rows: pd.DataFrame, chapter: str | Sequence[str]) -> pd.DataFrame:
    """The prepared rows of one chapter (or several)."""
    chapters = [chapter] if isinstance(chapter, str) else list(chapter)
    df = prepare_rows(rows)
    return df[df["chapter"].isin(chapters)].reset_index(drop=True)


def chapter_table(rows: pd.DataFrame, chapter: str | Sequence[str], kind: str | None = None) -> pd.DataFrame:
    """The table of one chapter (or several), optionally only ``actual`` or ``target`` lines."""
    chapters = [chapter] if isinstance(chapter, str) else list(chapter)
    df = prepare_rows(rows)
    df = df[df["chapter"].isin(chapters)]
    if kind is not None:
        df = df[df["kind"] == kind]
    return _table(df)


def is_headline(name: str) -> bool:
    """True when the name is a standard headline indicator (GDP, value added, revenue, investment …)."""
    return any(t in name for t in HEADLINE_TERMS)


def headline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """This year's headline outcomes: the overview chapter's actuals plus headline indicators elsewhere."""
    df = prepare_rows(rows)
    year = main_year(df)
    keep = (df["kind"] == "actual") & ((df["chapter"] == "overview") | df["indicator"].map(is_headline))
    if year is not None:
        keep &= df["period"].fillna(year).astype(int) == year
    return _table(df[keep])


def rank_gap_table(rows: pd.DataFrame) -> pd.DataFrame:
    """Lines that state a rank or a gap versus the comparison area."""
    t = indicator_table(rows)
    return t[t["rank"].notna() | t["gap_pp"].notna()].reset_index(drop=True)


def find_indicators(rows: pd.DataFrame, terms: Iterable[str], kind: str | None = None) -> pd.DataFrame:
    """Lines whose indicator name contains any of ``terms`` (e.g. 可支配收入), in any chapter."""
    terms = tuple(terms)
    df = prepare_rows(rows)
    df = df[df["indicator"].map(lambda n: any(t in n for t in terms))]
    if kind is not None:
        df = df[df["kind"] == kind]
    return _table(df)


def plan_vs_outcome(rows: pd.DataFrame) -> pd.DataFrame:
    """Every target beside the latest earlier outcome of the same indicator (names matched loosely)."""
    t = indicator_table(rows)
    targets = t[t["status"] == "target"]
    actuals = t[t["status"] == "actual"]
    out = []
    candidates = actuals.to_dict("records")
    for tg in targets.to_dict("records"):
        best = _best_outcome(tg, candidates)
        out.append(_plan_row(tg, best))
    df = pd.DataFrame(out, columns=list(PLAN_COLUMNS))
    for c in ("outcome_year", "target_year"):
        df[c] = df[c].astype("Int64")
    for c in (
        "outcome_level",
        "target_level",
        "outcome_change",
        "target_change",
        "outcome_rate",
        "target_rate",
        "jump",
        "implied_level",
        "implied_change",
    ):
        df[c] = df[c].astype(float)
    return df.sort_values(["start", "indicator"], kind="mergesort").reset_index(drop=True)


def implied_levels(plan: pd.DataFrame) -> pd.DataFrame:
    """Plan lines where a level and a target growth imply next year's level (341.21亿元 × 1.10)."""
    return plan[plan["implied_level"].notna()].reset_index(drop=True)


def _comparable(tg: pd.Series, ac: pd.Series) -> bool:
    if pd.notna(tg["change"]) and (
        pd.notna(ac["level"]) or (pd.notna(ac["change"]) and ac["change_unit"] == tg["change_unit"])
    ):
        return True
    if pd.notna(_rate(tg)) and pd.notna(_rate(ac)):
        return True
    return pd.notna(tg["level"]) and pd.notna(ac["level"]) and ac["unit"] == tg["unit"]


def _best_outcome(tg: dict, actuals: list[dict]) -> dict | None:
    best, best_key = None, None
    for ac in actuals:
        score = name_match(tg["indicator"], ac["indicator"])
        if not score or not _comparable(tg, ac):
            continue
        if pd.notna(tg["year"]) and pd.notna(ac["year"]) and ac["year"] >= tg["year"]:
            continue
        year = int(ac["year"]) if pd.notna(ac["year"]) else -1
        key = (score, year, pd.notna(ac["change"]) and pd.notna(ac["level"]), -int(ac["start"]))
        if best_key is None or key > best_key:
            best, best_key = ac, key
    return best


def _rate(r: pd.Series) -> float:
    """A share or rate in % (share first): 占GDP比重 3%, 覆盖率 70%."""
    return r["share_pct"] if pd.notna(r["share_pct"]) else r["ratio_pct"]


def _plan_row(tg: pd.Series, ac: pd.Series | None) -> dict:
    nan = math.nan
    row = {
        "indicator": tg["indicator"],
        "outcome_indicator": "" if ac is None else ac["indicator"],
        "outcome_year": None if ac is None else ac["year"],
        "target_year": tg["year"],
        "outcome_level": nan if ac is None else ac["level"],
        "target_level": tg["level"],
        "unit": tg["unit"] or ("" if ac is None else ac["unit"]),
        "outcome_change": nan,
        "target_change": tg["change"],
        "change_unit": tg["change_unit"],
        "outcome_rate": nan if ac is None else _rate(ac),
        "target_rate": _rate(tg),
        "jump": nan,
        "implied_level": nan,
        "implied_change": nan,
        "qualifier": tg["qualifier"],
        "start": int(tg["start"]),
        "sentence_start": int(tg["sentence_start"]),
        "sentence": tg["sentence"],
        "link": tg["link"],
        "outcome_link": "" if ac is None else ac["link"],
    }
    if ac is None:
        return row
    if pd.notna(tg["change"]) and ac["change_unit"] == tg["change_unit"]:
        row["outcome_change"] = ac["change"]
        row["jump"] = tg["change"] - ac["change"] if pd.notna(ac["change"]) else nan
    if pd.notna(tg["level"]) and ac["unit"] != tg["unit"]:
        row["outcome_level"] = nan
    if pd.isna(tg["level"]) and tg["change_unit"] == "%" and pd.notna(ac["level"]):
        row["implied_level"] = ac["level"] * (1 + tg["change"] / 100)
        row["unit"] = ac["unit"]
    if pd.notna(tg["level"]) and pd.notna(row["outcome_level"]) and row["outcome_level"]:
        row["implied_change"] = (tg["level"] / row["outcome_level"] - 1) * 100
    return row


# ---------------------------------------------------------------- formatting for readers


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


def link_html(url: str, label: str = "原文") -> str:
    """An HTML anchor to a source sentence (empty when there is no URL)."""
    return f'<a href="{html.escape(url)}">{html.escape(label)}</a>' if url else ""


def _level_text(r: pd.Series) -> str:
    lv, unit = fmt_number(r["level"]), r["unit"]
    if r.get("before") is not None and pd.notna(r.get("before")):
        return f"{fmt_number(r['before'])} → {lv} {unit}".strip()
    if pd.notna(r.get("level_high")):
        return f"{lv}–{fmt_number(r['level_high'])} {unit}".strip()
    return f"{lv} {unit}".strip() if lv else ""


def _rank_gap_text(r: pd.Series) -> str:
    parts = []
    if pd.notna(r["rank"]):
        parts.append(f"第{fmt_number(r['rank'])}位")
    if pd.notna(r["gap_pp"]):
        parts.append(fmt_change(r["gap_pp"], "个百分点"))
    return "; ".join(parts)


def _share_text(r: pd.Series) -> str:
    parts = []
    if pd.notna(r["share_pct"]):
        parts.append(f"占比 {fmt_number(r['share_pct'])}%")
    if pd.notna(r["ratio_pct"]):
        parts.append(f"{fmt_number(r['ratio_pct'])}%")
    return "; ".join(parts)


def _qualifier_text(q: str) -> str:
    return "、".join(QUALIFIER_LABELS.get(x, x) for x in q.split(";") if x)


def display_table(table: pd.DataFrame) -> pd.DataFrame:
    """A chapter table as reader-facing text cells (HTML-escaped, link as <a>), empty columns dropped."""
    e = html.escape
    cols = {
        "指标 Indicator": lambda r: e(r["indicator"]),
        "English": lambda r: e(r["indicator_en"]),
        "年份 Year": lambda r: "" if pd.isna(r["year"]) else str(int(r["year"])),
        "实绩/目标 Status": lambda r: {"actual": "实绩 actual", "target": "目标 target"}.get(
            r["status"], r["status"]
        ),
        "数值 Level": lambda r: e(_level_text(r)),
        "变化 Change": lambda r: e(fmt_change(r["change"], r["change_unit"])),
        "排名/差距 Rank/gap": lambda r: e(_rank_gap_text(r)),
        "占比/比率 Share/rate": lambda r: e(_share_text(r)),
        "说明 Qualifier": lambda r: e(_qualifier_text(r["qualifier"])),
        "原文 Source": lambda r: link_html(r["link"]),
    }
    out = pd.DataFrame({k: [f(r) for _, r in table.iterrows()] for k, f in cols.items()}, columns=list(cols))
    keep = [c for c in out.columns if c.startswith("指标") or c.startswith("原文") or (out[c] != "").any()]
    return out[keep]


def display_plan(plan: pd.DataFrame) -> pd.DataFrame:
    """The plan-vs-outcome table as reader-facing text cells."""
    e = html.escape

    def level(v: float, unit: str) -> str:
        s = fmt_number(v)
        return f"{s} {unit}".strip() if s else ""

    def side(r: pd.Series, which: str) -> str:
        parts = [level(r[f"{which}_level"], r["unit"]), fmt_change(r[f"{which}_change"], r["change_unit"])]
        rate = fmt_number(r[f"{which}_rate"])
        parts.append(f"{rate}%" if rate else "")
        text = "; ".join(x for x in parts if x)
        year = r[f"{which}_year"]
        return f"{text} ({int(year)})" if text and pd.notna(year) else text

    cols = {
        "指标 Indicator": lambda r: e(r["indicator"]),
        "对应实绩 Outcome of": lambda r: e(r["outcome_indicator"]),
        "实绩 Outcome": lambda r: e(side(r, "outcome")),
        "目标 Target": lambda r: e(side(r, "target")),
        "跃升 Jump": lambda r: e(fmt_change(r["jump"], r["change_unit"])),
        "隐含水平 Implied level": lambda r: e(level(round(r["implied_level"], 2), r["unit"])),
        "隐含变化 Implied change": lambda r: e(fmt_change(round(r["implied_change"], 1), "%")),
        "说明 Qualifier": lambda r: e(_qualifier_text(r["qualifier"])),
        "目标原文 Target source": lambda r: link_html(r["link"]),
        "实绩原文 Outcome source": lambda r: link_html(r["outcome_link"]),
    }
    out = pd.DataFrame({k: [f(r) for _, r in plan.iterrows()] for k, f in cols.items()}, columns=list(cols))
    keep = [c for c in out.columns if c.startswith("指标") or (out[c] != "").any()]
    return out[keep]


# ---------------------------------------------------------------- CSV output

CSV_FLOAT_FORMAT = "%.10g"


def write_csv(df: pd.DataFrame, path: Path) -> Path:
    """Write a table deterministically: LF line ends, stable float format, UTF-8, no index."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Whole file or nothing: written under a temporary name, then renamed over the old one.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    df.to_csv(tmp, index=False, lineterminator="\n", float_format=CSV_FLOAT_FORMAT, encoding="utf-8")
    os.replace(tmp, path)
    return path


def _csv_view(table: pd.DataFrame) -> pd.DataFrame:
    # The sentence text is in the rows CSV already; table CSVs carry the link instead.
    return table.drop(columns=["sentence"])


def write_tables(rows: pd.DataFrame, data_dir: str | Path) -> list[Path]:
    """Write every chapter table, the headline, rank/gap and plan tables as CSV under data_dir/tables."""
    out_dir = Path(data_dir) / "tables"
    written = []
    for ch in CHAPTERS:
        written.append(write_csv(_csv_view(chapter_table(rows, ch)), out_dir / f"{ch}.csv"))
    written.append(write_csv(_csv_view(headline_table(rows)), out_dir / "headline.csv"))
    written.append(write_csv(_csv_view(rank_gap_table(rows)), out_dir / "rank_gap.csv"))
    written.append(
        write_csv(plan_vs_outcome(rows).drop(columns=["sentence"]), out_dir / "plan_vs_outcome.csv")
    )
    return written
