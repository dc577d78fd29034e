"""Score target → outcome pairs against the chain golds (``python -m planbook evaluate --targets GOLD_DIR PRED``).

A gold folder holds ``<name>-<N>-to-<N+1>.csv`` (targets with their outcome and ``met``) and
``<name>-<N>-to-<N+1>.unmatched.csv`` (targets report N+1 gives no outcome for). A predicted row is
matched to a gold row by the target's place (report and offset of the literal). The scores:

* headline recall: gold pairs whose note does not start with ``[secondary]`` that are predicted
  with the outcome at the same place;
* precision: of the predicted pairs (rows with an outcome) whose target is labelled in the gold,
  the share whose outcome is at the gold's place;
* met: agreement of the verdict on the correctly paired rows;
* invented: predicted outcomes where the gold has none, or at another place than the gold's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from planbook.model import ReportError
from planbook.shown import shown
from planbook.spreadsheet import raw_frame
from planbook.text import sanitize_id

_PAIR_RE = re.compile(r"-(\d{4})-to-(\d{4})(?:\.unmatched)?\.csv$")
TARGETS = {"headline_recall": 0.90, "precision": 0.95, "met": 0.95}


@dataclass
class PairScore:
    """Counts for one report pair (or all of them)."""

    name: str
    headline: int = 0
    headline_found: int = 0
    labelled_predicted: int = 0
    correct: int = 0
    met_total: int = 0
    met_agree: int = 0
    invented: int = 0
    unmatched: int = 0
    unmatched_not_paired: int = 0
    problems: list[str] = field(default_factory=list)

    def add(self, other: PairScore) -> None:
        """Add another pair's counts (for the overall line)."""
        for name in ("headline", "headline_found", "labelled_predicted", "correct", "met_total", "met_agree",
                     "invented", "unmatched", "unmatched_not_paired"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.problems.extend(other.problems)

    @property
    def headline_recall(self) -> float:
        return self.headline_found / self.headline if self.headline else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.labelled_predicted if self.labelled_predicted else 0.0

    @property
    def met(self) -> float:
        return self.met_agree / self.met_total if self.met_total else 0.0


def _id(name: object) -> str:
    """A report column of either table as a report id (a file name loses its extension)."""
    text = "" if name is None or (isinstance(name, float) and name != name) else str(name).strip()
    return sanitize_id(Path(text).stem if Path(text).suffix.lower() in (".txt", ".html", ".htm") else text)


def _offset(v: object) -> int | None:
    try:
        return int(float(v))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def read_predictions(path: str | Path) -> pd.DataFrame:
    """A predicted table (CSV or JSON from ``planbook targets``)."""
    p = Path(path)
    if not p.is_file():  # a named pipe would be waited on; a device read without end
        raise ReportError(f"{shown(p)}: no such file" if not p.exists() else f"{shown(p)}: not a regular file")
    try:
        if p.suffix.lower() == ".json":
            frame = pd.DataFrame(json.loads(p.read_text(encoding="utf-8")))
        else:
            frame = raw_frame(pd.read_csv(p, dtype=str, keep_default_na=False))
    except (OSError, ValueError) as exc:
        raise ReportError(f"{path}: cannot read predictions ({exc})") from None
    missing = {"target_report", "target_start", "outcome_report", "outcome_start", "met"} - set(frame.columns)
    if missing:
        raise ReportError(f"{path}: not a targets table (no {', '.join(sorted(missing))} column)")
    return frame.fillna("")


def read_gold(gold_dir: str | Path) -> list[tuple[str, pd.DataFrame, pd.DataFrame]]:
    """The gold pairs: (name, chain rows, unmatched rows), in name order."""
    d = Path(gold_dir)
    if not d.is_dir():
        raise ReportError(f"{gold_dir}: not a directory of chain golds")
    out = []
    for chain in sorted(d.glob("*.csv")):
        if chain.name.endswith(".unmatched.csv") or not _PAIR_RE.search(chain.name) or not chain.is_file():
            continue
        unmatched = chain.with_name(chain.name[: -len(".csv")] + ".unmatched.csv")
        rows = pd.read_csv(chain, dtype=str, keep_default_na=False)
        extra = pd.read_csv(unmatched, dtype=str, keep_default_na=False) if unmatched.exists() else pd.DataFrame()
        out.append((chain.name[: -len(".csv")], rows, extra))
    if not out:
        raise ReportError(f"{gold_dir}: no <name>-<N>-to-<N+1>.csv chain golds")
    return out


_Key = tuple[str, int | None]  # a target's report id and offset


def _by_target(frame: pd.DataFrame) -> dict[_Key, dict]:
    """Gold rows keyed by their target's report and offset."""
    rows = frame.to_dict("records") if not frame.empty else []
    return {(_id(g["target_report"]), _offset(g["target_start"])): g for g in rows}


def _place(row: dict, side: str) -> _Key:
    """Where the target or outcome side of a pair stands: report id and offset."""
    return _id(row.get(f"{side}_report", "")), _offset(row.get(f"{side}_start", ""))


def score_pair(name: str, gold: pd.DataFrame, unmatched: pd.DataFrame, pred: pd.DataFrame) -> PairScore:
    """Scores of the predictions for one gold report pair."""
    s = PairScore(name)
    gold_targets, unmatched_targets = _by_target(gold), _by_target(unmatched)
    target_reports = {k[0] for k in gold_targets} | {k[0] for k in unmatched_targets}
    predicted: dict[_Key, list[dict]] = {}
    for p in pred.to_dict("records"):
        key = (_id(p["target_report"]), _offset(p["target_start"]))
        if key[0] in target_reports:
            predicted.setdefault(key, []).append(p)  # type: ignore[arg-type]
    for key, g in gold_targets.items():
        _score_labelled(s, key, g, predicted.get(key, []))
    for key, g in unmatched_targets.items():
        _score_unmatched(s, key, g, predicted.get(key, []))
    return s


def _score_labelled(s: PairScore, key: _Key, g: dict, rows: list[dict]) -> None:
    """Count the predictions for a labelled target: its headline found, its outcome right or invented."""
    name = s.name
    if not str(g.get("note", "")).startswith("[secondary]"):
        hit = [p for p in rows if _place(p, "outcome") == _place(g, "outcome")]
        s.headline += 1
        s.headline_found += bool(hit)
        if not hit:
            got = "; ".join(f"{p['met']} {p.get('note', '')}".strip() for p in rows) or "target not predicted"
            s.problems.append(f"{name}: missed headline {g['indicator']} at {key[1]}: {got}")
    for p in rows:
        if _place(p, "outcome")[1] is None:
            continue
        s.labelled_predicted += 1
        if _place(p, "outcome") != _place(g, "outcome"):
            s.invented += 1
            s.problems.append(
                f"{name}: invented outcome for {g['indicator']} at {key[1]}: predicted "
                f"{p['outcome_value']} at {_place(p, 'outcome')[1]}, "
                f"gold {g['outcome_value']} at {g['outcome_start']}"
            )
            continue
        s.correct += 1
        s.met_total += 1
        if p["met"] == g["met"]:
            s.met_agree += 1
        else:
            s.problems.append(f"{name}: met {p['met']} ≠ gold {g['met']} for {g['indicator']} at {key[1]}")


def _score_unmatched(s: PairScore, key: _Key, g: dict, rows: list[dict]) -> None:
    """Count the predictions for a target the gold says has no outcome: any outcome paired is invented."""
    s.unmatched += 1
    paired = [p for p in rows if _place(p, "outcome")[1] is not None]
    if not paired:
        s.unmatched_not_paired += 1
    for p in paired:
        s.labelled_predicted += 1
        s.invented += 1
        s.problems.append(
            f"{s.name}: invented outcome for unmatched {g['indicator']} at {key[1]}: predicted "
            f"{p['outcome_value']} at {_place(p, 'outcome')[1]}"
        )


def score_targets(gold_dir: str | Path, pred: pd.DataFrame) -> list[PairScore]:
    """One score per gold pair, then the overall line (name "overall")."""
    scores = [score_pair(name, g, u, pred) for name, g, u in read_gold(gold_dir)]
    total = PairScore("overall")
    for s in scores:
        total.add(s)
    return [*scores, total]


def format_target_scores(scores: list[PairScore], details: bool = False) -> str:
    """A plain-text table of the scores (and the problems behind them when asked)."""
    header = f"{'pair':<34} {'headline':>12} {'precision':>12} {'met':>10} {'invented':>8} {'unmatched ok':>12}"
    lines = [header]
    for s in scores:
        lines.append(
            f"{s.name:<34} {s.headline_found:>3}/{s.headline:<3} {s.headline_recall:>4.2f} "
            f"{s.correct:>3}/{s.labelled_predicted:<3} {s.precision:>4.2f} "
            f"{s.met_agree:>3}/{s.met_total:<3}{s.met:>4.2f} {s.invented:>8} "
            f"{s.unmatched_not_paired:>5}/{s.unmatched:<5}"
        )
    total = scores[-1]
    goals = (
        f"targets: headline recall ≥ {TARGETS['headline_recall']}, precision ≥ {TARGETS['precision']}, "
        f"met ≥ {TARGETS['met']}, invented 0"
    )
    lines.append(goals)
    if details:
        lines.append("")
        lines.extend(total.problems)
    return "\n".join(lines)
