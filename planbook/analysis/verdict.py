"""Whether a target was met: the rule read from ``data/target_rules.csv``, applied, and written out for the book.

A target and an outcome are each a :class:`Figure`: a signed value with a qualifier (``exact``,
``approx``, ``at_least``, ``at_most``, ``range``). The target's qualifier chooses a *judgement*
(reach X in the desirable direction, stay inside a band, stay above a floor …); an outcome that is
itself a bound (超800家, 下降5%以上) stands for every value inside it, and the verdict is ``unclear``
when those values would give different answers.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from planbook.analysis.codes import load_codebook
from planbook.vocabulary import DATA_DIR, VocabularyError, data_path, read_rows

RULES_FILE = DATA_DIR / "target_rules.csv"

QUALIFIERS: tuple[str, ...] = ("exact", "approx", "at_least", "at_most", "range")
VERDICTS: tuple[str, ...] = ("yes", "no", "unclear", "not_reported")
# How a target qualifier can be judged: the name used in the rules file → what it means.
JUDGEMENTS: dict[str, str] = {
    "desirable": "met when the outcome reaches X in the desirable direction (≥ X; lower is better: ≤ X)",
    "band": "met when the outcome is no more than the band short of X (≥ X − band; lower is better: ≤ X + band)",
    "floor": "met when the outcome ≥ X",
    "ceiling": "met when the outcome ≤ X",
    "near_end": "met when the outcome reaches the less demanding end of X–Y (≥ X; lower is better: ≤ Y)",
    "within": "met when X ≤ outcome ≤ Y",
}
# Values closer than this (relative) are equal: 5.9 − 0.5 must equal 5.4.
_EPS = 1e-9


@dataclass(frozen=True)
class Figure:
    """A signed value with its qualifier; ``high`` is the upper end of a range."""

    value: float
    qualifier: str = "exact"
    high: float | None = None

    def interval(self) -> tuple[float, float]:
        """The values this figure allows: a point, a half-line for a bound, or the range."""
        if self.qualifier == "at_least":
            return self.value, math.inf
        if self.qualifier == "at_most":
            return -math.inf, self.value
        if self.qualifier == "range" and self.high is not None:
            return min(self.value, self.high), max(self.value, self.high)
        return self.value, self.value


@dataclass(frozen=True)
class Verdict:
    """``met`` and a short reason for the note column."""

    met: str
    reason: str = ""


@dataclass(frozen=True)
class Rules:
    """The verdict rule: which indicators are better low, how each qualifier is judged, the band of 左右."""

    lower_is_better: frozenset[str]
    judge: dict[str, str]  # target qualifier → judgement name (a key of JUDGEMENTS)
    band_points: dict[str, float]  # unit → absolute band of X左右
    band_share: float  # band of X左右 for other units, as a share of |X|
    inside_band: str  # "met" or "unclear"
    cross_scale: bool
    qualifier_words: dict[str, str] = field(default_factory=dict)  # 多 → at_least
    explanations: dict[tuple[str, str], str] = field(default_factory=dict)
    cross_unit: bool = False  # compare figures in different units of one quantity (亿斤 and 万吨) in base units

    def band(self, target: float, unit: str) -> float:
        """The tolerance of X左右 in the unit of X."""
        if unit in self.band_points:
            return self.band_points[unit]
        return abs(target) * self.band_share


@lru_cache(maxsize=4)
def load_rules(path: Path = RULES_FILE) -> Rules:
    """Read the rule file (once per process); a bad row raises ValueError naming the file and line."""
    path = data_path(path)  # the user's edited copy when there is one: errors name the file read
    lower: set[str] = set()
    judge: dict[str, str] = {}
    band_points: dict[str, float] = {}
    band_share = 0.05
    inside_band = "met"
    cross_scale = cross_unit = False
    words: dict[str, str] = {}
    explanations: dict[tuple[str, str], str] = {}
    for line, r in enumerate(read_rows(path), start=2):
        rule, subject, value = r["rule"].strip(), r["subject"].strip(), r["value"].strip()
        explanations[(rule, subject)] = r.get("note", "").strip()
        try:
            if rule == "lower_is_better":
                lower.add(subject)
            elif rule == "judge":
                if subject not in QUALIFIERS or value not in JUDGEMENTS:
                    raise ValueError(f"judge {subject!r} as {value!r}")
                judge[subject] = value
            elif rule == "band":
                band_points[subject] = float(value)
            elif rule == "band_share":
                band_share = float(value)
            elif rule == "inside_band":
                if value not in ("met", "unclear"):
                    raise ValueError(f"inside_band must be met or unclear, not {value!r}")
                inside_band = value
            elif rule == "cross_scale":
                cross_scale = value == "yes"
            elif rule == "cross_unit":
                cross_unit = value == "yes"
            elif rule == "qualifier_word":
                if value not in QUALIFIERS:
                    raise ValueError(f"qualifier {value!r}")
                words[subject] = value
            else:
                raise ValueError(f"unknown rule {rule!r}")
        except ValueError as exc:
            raise VocabularyError(f"{path}:{line}: {exc}") from None
    missing = [q for q in QUALIFIERS if q not in judge]
    if missing:
        raise VocabularyError(f"{path}: no judge rule for {', '.join(missing)}")
    return Rules(frozenset(lower), judge, band_points, band_share, inside_band, cross_scale, words, explanations,
                 cross_unit)  # fmt: skip


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


def _point_verdict(o: float, target: Figure, judgement: str, lower: bool, band: float, inside_band: str) -> str:
    """The verdict for an outcome known exactly."""
    x = target.value
    lo_x, hi_x = target.interval() if target.qualifier == "range" else (x, x)
    eps = _EPS * max(1.0, abs(x))

    def ge(a: float, b: float) -> bool:
        return a >= b - eps

    def le(a: float, b: float) -> bool:
        return a <= b + eps

    if judgement == "desirable":
        return "yes" if (le(o, x) if lower else ge(o, x)) else "no"
    if judgement == "floor":
        return "yes" if ge(o, x) else "no"
    if judgement == "ceiling":
        return "yes" if le(o, x) else "no"
    if judgement == "near_end":
        return "yes" if (le(o, hi_x) if lower else ge(o, lo_x)) else "no"
    if judgement == "within":
        return "yes" if ge(o, lo_x) and le(o, hi_x) else "no"
    if judgement == "band":
        reached = le(o, x) if lower else ge(o, x)
        in_band = le(o, x + band) if lower else ge(o, x - band)
        if reached:
            return "yes"
        if in_band:
            return "yes" if inside_band == "met" else "unclear"
        return "no"
    raise ValueError(f"unknown judgement {judgement!r}")


def judge(target: Figure, outcome: Figure, unit: str, code: str, rules: Rules | None = None) -> Verdict:
    """Was the target met by the outcome? Values are signed and in the same unit."""
    rules = rules or load_rules()
    lower = code in rules.lower_is_better
    judgement = rules.judge[target.qualifier if target.qualifier in rules.judge else "exact"]
    band = rules.band(target.value, unit)
    point: Callable[[float], str] = lambda o: _point_verdict(o, target, judgement, lower, band, rules.inside_band)  # noqa: E731
    lo, hi = outcome.interval()
    ends = {point(lo), point(hi)}
    lo_x, hi_x = target.interval() if target.qualifier == "range" else (target.value, target.value)
    if judgement == "within" and lo < lo_x and hi > hi_x:
        ends.add("unclear")  # both ends miss, on opposite sides: the values between them meet it
    reasons = []
    if lower:
        reasons.append("lower is better")
    if len(ends) == 1:
        met = ends.pop()
        if judgement == "band" and met == "yes" and point(lo) == "yes" and not _reached(lo, hi, target, lower):
            reasons.append(f"within the {_fmt(band)} band of {_fmt(target.value)}左右")
        elif judgement == "band" and met == "no":
            reasons.append(f"beyond the {_fmt(band)} band of {_fmt(target.value)}左右")
    else:
        met = "unclear"
        reasons.append("the outcome is a bound: values inside it would give different answers")
    return Verdict(met, "; ".join(reasons))


def _reached(lo: float, hi: float, target: Figure, lower: bool) -> bool:
    """Whether the outcome reaches X itself (not only the band around it)."""
    x = target.value
    eps = _EPS * max(1.0, abs(x))
    return hi <= x + eps if lower else lo >= x - eps


def rule_markdown(rules: Rules | None = None, labels: dict[str, str] | None = None) -> str:
    """The verdict rule as Markdown for the book's Method page (the same rule the CSV was judged by)."""
    rules = rules or load_rules()
    if labels is None:
        labels = {c.code: c.label_en for c in load_codebook().codes}
    lines = [
        "A target for year N, stated in the report of year N, is compared with the outcome for year N "
        "stated by the region's later reports: the same quantity, in the same form (a growth rate "
        "with a growth rate, a level with a level) and the same printed unit. Values are signed: a fall "
        "(下降 X%) is −X.",
        "",
        "**Which outcome**: the report that reviews year N states it first (the next work or plan report, or "
        "a report delivered in N+1 on a five-year plan ending in N): a preliminary figure. The statistical "
        "communiqué of year N, and any later report whose sentence names year N (经最终核实，N年全市生产总值为…), "
        "may state it again. The verdict uses the latest of these (of several that agree, the first), the "
        "table names it (`outcome_source`: preliminary, communique, revised) and keeps the first statement "
        "beside it (`preliminary_*`). A target and an outcome with different scope or basis notes (含某新区, "
        "不含农户) are paired, and the note says so.",
        "",
        "**Lower is better** for: "
        + ", ".join(f"{labels.get(c, c)} (`{c}`)" for c in sorted(rules.lower_is_better))
        + "; higher is better for every other indicator.",
        "",
        "**How a target is judged**, by the qualifier written with it:",
        "",
    ]
    for q in QUALIFIERS:
        judgement = rules.judge[q]
        words = rules.explanations.get(("judge", q), "")
        text = JUDGEMENTS[judgement]
        lines.append(f"* `{q}`{f' ({words})' if words else ''}: {text}.")
    points = ", ".join(f"{_fmt(v)} in {u}" for u, v in sorted(rules.band_points.items()))
    lines += [
        "",
        f"**The band of X左右**: {points}; for a level in any other unit, {_fmt(rules.band_share * 100)}% of X. "
        + (
            "An outcome inside the band but short of X counts as met."
            if rules.inside_band == "met"
            else "An outcome inside the band but short of X is `unclear`."
        ),
        "",
        "**An outcome that is itself a bound** (超800家, 下降5%以上, 保持在80%以上) stands for every value inside "
        "it: the verdict is `yes` or `no` when all those values give the same answer, and `unclear` otherwise. "
        "An outcome written X左右 is read as X.",
        "",
        "**Units**: "
        + (
            "a target and an outcome written in units of different scale (1万亿元 and 12300亿元) are compared "
            "in base units."
            if rules.cross_scale
            else "a target and an outcome written in units of different scale (1万亿元 and 12300亿元) are not "
            "paired; the target is `not_reported`."
        )
        + (
            " Figures written in different units of one quantity (80亿斤 and 3800万吨; a 斤 is 0.5 公斤) are "
            "compared in the base unit of `data/units.csv`, each shown as written."
            if rules.cross_unit
            else " Figures written in different units of one quantity (亿斤 and 万吨) are not paired."
        ),
        "",
        "**Not reported**: when no report gives a figure of the same form for the year (only a level, "
        "a five-year average, a total over several years, a rank, another year), when the report reviewing "
        "the year is missing, or when it is a stub, a summary or an abridged version, the target is `not_reported` and "
        "the note says why. The reports' own verdicts (较好完成) are not used. Only targets of indicators "
        "with a code in `data/indicator_codes.csv` are listed.",
    ]
    if rules.qualifier_words:
        words = ", ".join(f"X{w} as `{q}`" for w, q in sorted(rules.qualifier_words.items()))
        lines += ["", f"**Words read as bounds**: {words}."]
    return "\n".join(lines) + "\n"
