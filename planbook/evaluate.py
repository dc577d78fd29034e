"""Score predicted indicator rows against a hand-labelled gold table (rule: shared/gold/README.md)."""

from __future__ import annotations

import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planbook.analysis.names import normalise_name
from planbook.model import ReportError
from planbook.spreadsheet import raw_frame

VALUE_TOLERANCE = 1e-6
# Chapters whose keyword lists are distinctive enough for chapter agreement to be meaningful.
SCORED_CHAPTERS = frozenset({"agriculture", "industry", "environment", "livelihoods"})
NUMERIC_COLUMNS = ("start", "end", "value", "period")
DETAIL_COLUMNS = ("start", "text", "measure", "value", "unit", "indicator")


@dataclass
class Agreement:
    """How many matched rows agree on one attribute."""

    agree: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.agree / self.total if self.total else 0.0


@dataclass
class Scores:
    """Result of comparing predictions with gold: headline numbers, agreements and the rows behind them."""

    precision: float
    recall: float
    f1: float
    matched: int
    predicted: int
    gold: int
    key: bool = False
    agreement: dict[str, Agreement] = field(default_factory=dict)
    per_measure: pd.DataFrame = field(default_factory=pd.DataFrame)
    missed: pd.DataFrame = field(default_factory=pd.DataFrame)
    unmatched: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def all_right(self) -> float:
        """Share of gold rows found with every field a reader sees right: name, kind and period."""
        a = self.agreement.get("all")
        return a.agree / self.gold if a is not None and self.gold else 0.0


def names_agree(gold: object, pred: object) -> bool:
    """Two names agree when one contains the other once scope words and years are removed (names.py)."""
    g, p = normalise_name(_text(gold)), normalise_name(_text(pred))
    if not g or not p:
        return g == p
    return g in p or p in g


def evaluate(gold: pd.DataFrame, pred: pd.DataFrame, key: bool = False) -> Scores:
    """Match predicted rows to gold indicator rows on (start, measure, unit, value) and score them."""
    gold = _prepare(gold)
    pred = _prepare(pred)
    labelled = gold
    if "label" in gold.columns:
        gold = gold[gold["label"].map(_text) == "indicator"]
    if key:
        # Key-indicator gold labels only some sentences: judge only predictions at labelled offsets.
        offsets = set(labelled["start"].dropna().astype(int))
        pred = pred[pred["start"].isin(offsets)]
    gold = gold.reset_index(drop=True)
    pred = pred.sort_values("start", kind="stable").reset_index(drop=True)

    pairs = _match(gold, pred)
    matched_gold = {g for g, _ in pairs}
    matched_pred = {p for _, p in pairs}
    n_matched, n_pred, n_gold = len(pairs), len(pred), len(gold)
    precision = n_matched / n_pred if n_pred else 0.0
    recall = n_matched / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(
        precision=precision,
        recall=recall,
        f1=f1,
        matched=n_matched,
        predicted=n_pred,
        gold=n_gold,
        key=key,
        agreement=_agreement(gold, pred, pairs),
        per_measure=_per_measure(gold, pred, matched_gold),
        missed=gold.drop(index=sorted(matched_gold)).sort_values("start", kind="stable"),
        unmatched=pred.drop(index=sorted(matched_pred)),
    )


def _prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy with numeric offsets/values and text measure/unit, whatever the frame was read as."""
    frame = frame.copy()
    for col in NUMERIC_COLUMNS:
        if col in frame.columns:
            frame[col] = pd.to_numeric(frame[col], errors="coerce")
    for col in ("measure", "unit"):
        frame[col] = frame[col].map(_text) if col in frame.columns else ""
    if "start" not in frame.columns:
        raise ReportError("table has no 'start' column")
    return frame


def _match(gold: pd.DataFrame, pred: pd.DataFrame) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: each gold row is taken by the first prediction that fits it."""
    candidates: dict[tuple[int, str, str], list[tuple[int, float]]] = defaultdict(list)
    for g in gold.itertuples():
        if not math.isnan(g.start):
            candidates[(int(g.start), g.measure, g.unit)].append((g.Index, _float(g.value)))
    used: set[int] = set()
    pairs = []
    for p in pred.itertuples():
        if math.isnan(p.start):
            continue
        value = _float(getattr(p, "value", math.nan))
        for g_index, g_value in candidates.get((int(p.start), p.measure, p.unit), ()):
            if g_index not in used and abs(g_value - value) < VALUE_TOLERANCE:
                used.add(g_index)
                pairs.append((g_index, p.Index))
                break
    return pairs


def _agreement(gold: pd.DataFrame, pred: pd.DataFrame, pairs: list[tuple[int, int]]) -> dict[str, Agreement]:
    """Name, kind, period and chapter agreement on matched rows."""
    out = {name: Agreement() for name in ("name", "kind", "period", "chapter", "all")}
    for g_index, p_index in pairs:
        g, p = gold.loc[g_index], pred.loc[p_index]
        name = names_agree(g.get("indicator"), p.get("indicator"))
        kind = _text(g.get("kind")) == _text(p.get("kind"))
        period = same_period(g.get("period"), p.get("period"))
        _count(out["name"], name)
        _count(out["kind"], kind)
        _count(out["period"], period)
        _count(out["all"], name and kind and period)
        if _text(g.get("chapter")) in SCORED_CHAPTERS:
            _count(out["chapter"], _text(g.get("chapter")) == _text(p.get("chapter")))
    return out


def same_period(a: object, b: object) -> bool:
    """Periods agree as written: a year ("2020", also read as 2020.0) or a span ("2016-2020")."""
    return _period_text(a) == _period_text(b)


def _period_text(v: object) -> str:
    s = _text(v)
    return s[:-2] if s.endswith(".0") else s


def _count(agreement: Agreement, ok: bool) -> None:
    agreement.total += 1
    agreement.agree += int(ok)


def _per_measure(gold: pd.DataFrame, pred: pd.DataFrame, matched_gold: set[int]) -> pd.DataFrame:
    """Gold count, matched count and predicted count for every measure seen on either side."""
    measures = sorted(set(gold["measure"]) | set(pred["measure"]))
    rows = []
    for m in measures:
        in_gold = gold.index[gold["measure"] == m]
        rows.append(
            {
                "measure": m or "(none)",
                "gold": len(in_gold),
                "matched": sum(1 for i in in_gold if i in matched_gold),
                "predicted": int((pred["measure"] == m).sum()),
            }
        )
    return pd.DataFrame(rows, columns=["measure", "gold", "matched", "predicted"])


def format_scores(scores: Scores, details: bool = False) -> str:
    """Readable report: headline line, agreements, per-measure table, and optionally the misses."""
    lines = [
        f"precision {scores.precision:.3f}  recall {scores.recall:.3f}  f1 {scores.f1:.3f}  "
        f"(matched {scores.matched} / predicted {scores.predicted} / gold {scores.gold})"
    ]
    if scores.key:
        lines.append("key mode: precision counts only predictions at labelled gold offsets")
    for name, a in scores.agreement.items():
        if name == "all":
            continue
        scope = " (agriculture/industry/environment/livelihoods gold rows)" if name == "chapter" else ""
        lines.append(f"{name + ' agreement':<18} {a.rate:.3f}  ({a.agree} / {a.total}){scope}")
    lines.append(
        f"{'all fields right':<18} {scores.all_right:.3f}  ({scores.agreement['all'].agree} / {scores.gold}) "
        "(gold rows found with name, kind and period right)"
    )
    lines.append("")
    lines.append(f"{'measure':<12} {'gold':>5} {'matched':>8} {'predicted':>10}")
    for r in scores.per_measure.itertuples():
        lines.append(f"{r.measure:<12} {r.gold:>5} {r.matched:>8} {r.predicted:>10}")
    if details:
        lines += ["", f"missed gold rows ({len(scores.missed)}):"]
        lines += [_detail(r) for _, r in scores.missed.iterrows()]
        lines += ["", f"unmatched predicted rows ({len(scores.unmatched)}):"]
        lines += [_detail(r) for _, r in scores.unmatched.iterrows()]
    return "\n".join(lines)


def _detail(row: pd.Series) -> str:
    """One tab-separated debugging line: start, text, measure, value, unit, indicator."""
    cells = []
    for col in DETAIL_COLUMNS:
        v = row.get(col)
        if col in ("start", "value"):
            f = _float(v)
            cells.append("" if math.isnan(f) else f"{f:g}" if col == "value" else str(int(f)))
        else:
            cells.append(_text(v))
    return "  " + "\t".join(cells)


def read_table(path: str | Path) -> pd.DataFrame:
    """Read a gold or predicted table (CSV, or JSON list of rows); bad files raise ReportError."""
    p = Path(path)
    if not p.is_file():
        raise ReportError(f"{p}: no such file" if not p.exists() else f"{p}: not a file")
    try:
        if p.suffix.lower() == ".json":
            frame = pd.DataFrame(json.loads(p.read_text(encoding="utf-8")))
        else:
            # Everything as text first: literals such as "02" must survive; numbers are parsed later.
            frame = raw_frame(pd.read_csv(p, dtype=str, keep_default_na=False, encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise ReportError(f"{p}: cannot read table ({message})") from None
    missing = [c for c in ("start", "measure", "value", "unit") if c not in frame.columns]
    if missing and not frame.empty:
        raise ReportError(f"{p}: missing column(s) {', '.join(missing)}")
    if frame.empty:
        frame = pd.DataFrame(columns=["start", "measure", "value", "unit"])
    return frame


def _text(v: object) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return ""
    return str(v).strip()


def _float(v: object) -> float:
    try:
        return float(v)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return math.nan
