"""Internal consistency checks of a report's numbers: sums, shares, rates, reductions and signs."""

from __future__ import annotations

import bisect
import re
from itertools import permutations

import pandas as pd

from planbook.analysis.names import normalise_name
from planbook.frames import AUDIT_TABLE
from planbook.model import CHANGE_MEASURES, CheckResult, Measure, Qualifier, source_link
from planbook.numbers import fmt_number
from planbook.terms import AUDIT_VOCABULARY, word_lists

AUDIT_COLUMNS: tuple[str, ...] = AUDIT_TABLE.columns

CHECKS: tuple[str, ...] = ("sector_sum", "structure_shares", "rate_parts", "before_after", "change_sign")
# Checks between figures can catch a wrong number; a sign-against-wording check only tests the reader
# against itself (both sides come from the same clause), so it is shown apart and never counted as "passed".
WORDING_CHECKS: frozenset[str] = frozenset({"change_sign"})
# Measures whose sign the wording states: the changes, and the gap to the comparison area (高于/低于).
SIGNED_MEASURES: tuple[str, ...] = (*CHANGE_MEASURES, Measure.GAP_PP)
# Where a clause ends: the wording that qualifies a number sits between the last of these and the number.
_CLAUSE_BREAK = re.compile(r"[,，;；:：、。!！?？]")


def _decimals(literal: str, value: float) -> int:
    s = str(literal).strip()
    if not re.fullmatch(r"[-+]?\d+(?:\.\d+)?", s):
        s = fmt_number(value)
    return len(s.split(".")[1]) if "." in s else 0


def half_unit(row: pd.Series) -> float:
    """Rounding uncertainty of a stated number: half a unit of its last written digit."""
    return 0.5 * 10 ** -_decimals(row["text"], row["value"])


def _result(
    check: str, subject: str, expected: float, stated: float, tolerance: float, detail: str, row: pd.Series
) -> dict:
    diff = stated - expected
    return {
        "check": check,
        "scope": "wording" if check in WORDING_CHECKS else "figures",
        "subject": subject,
        "expected": round(expected, 4),
        "stated": stated,
        "difference": round(diff, 4),
        "status": CheckResult.PASS if abs(diff) <= tolerance + 1e-9 else CheckResult.FLAG,
        "detail": detail,
        "link": source_link(int(row["sentence_start"])),
        "start": int(row["start"]),
    }


def _frame(results: list[dict]) -> pd.DataFrame:
    return AUDIT_TABLE.frame(results)


def _role_of(name: str, vocab: dict[str, tuple[str, ...]]) -> str:
    n = normalise_name(name)
    for role in ("total", "sector1", "sector2", "sector3"):
        if n in vocab.get(role, ()) or name in vocab.get(role, ()):
            return role
    return ""


def _levels_by_role(df: pd.DataFrame) -> dict[tuple, dict[str, pd.Series]]:
    """GDP and sector levels keyed by (period, kind): the first stated level of each role."""
    vocab = word_lists(AUDIT_VOCABULARY)
    out: dict[tuple, dict[str, pd.Series]] = {}
    lv = df[(df["measure"] == Measure.LEVEL) & (df["qualifier"].isin(["", Qualifier.APPROX, Qualifier.ESTIMATE]))]
    for _, r in lv.iterrows():
        role = _role_of(r["indicator"], vocab)
        if role:
            out.setdefault((r["period"], r["kind"]), {}).setdefault(role, r)
    return out


def sector_sum(rows: pd.DataFrame) -> pd.DataFrame:
    """The three sectors' value added sum to GDP within the rounding of the stated figures."""
    results = []
    for (period, _kind), roles in sorted(_levels_by_role(rows).items(), key=lambda kv: str(kv[0])):
        if not {"total", "sector1", "sector2", "sector3"} <= set(roles):
            continue
        total = roles["total"]
        parts = [roles[s] for s in ("sector1", "sector2", "sector3")]
        scaled = [float(p["value_scaled"]) if pd.notna(p["value_scaled"]) else float(p["value"]) for p in parts]
        t_scale = float(total["scale"]) if pd.notna(total["scale"]) and total["scale"] else 1.0
        stated_sum = sum(scaled) / t_scale  # in the unit GDP is written in
        tol = half_unit(total) + sum(half_unit(p) * (p["scale"] or 1.0) / t_scale for p in parts)
        detail = " + ".join(f"{fmt_number(p['value'])}{p['unit']}" for p in parts)
        detail += f" = {fmt_number(round(stated_sum, 6))}{total['unit']}; {total['indicator']} "
        detail += f"{fmt_number(total['value'])}{total['unit']}"
        subject = f"{total['indicator']} {period}".strip()
        results.append(_result("sector_sum", subject, float(total["value"]), stated_sum, tol, detail, total))
    return _frame(results)


def structure_shares(rows: pd.DataFrame) -> pd.DataFrame:
    """Shares stated together (e.g. 三产业结构比) match each level's share of the levels' total."""
    results = []
    shares = rows[rows["measure"] == Measure.SHARE_PCT]
    levels = rows[
        (rows["measure"] == Measure.LEVEL) & (rows["qualifier"].isin(["", Qualifier.APPROX, Qualifier.ESTIMATE]))
    ]
    first_level = _first_level_of(levels)
    for _, g in shares.groupby(["sentence_start", "period", "kind"], sort=True):
        if len(g) < 2 or abs(g["value"].sum() - 100) > 0.5 * len(g):
            continue  # only a complete structure (shares adding to 100) names its own whole
        found = []
        for _, s in g.iterrows():
            same = first_level.get((s["period"], s["kind"], normalise_name(s["indicator"])))
            if same is None:
                break
            found.append((s, levels.loc[same]))
        if len(found) != len(g):
            continue
        units = {lv["unit_scaled"] or lv["unit"] for _, lv in found}
        if len(units) != 1:
            continue
        vals = [float(lv["value_scaled"]) if pd.notna(lv["value_scaled"]) else float(lv["value"]) for _, lv in found]
        whole = sum(vals)
        for (s, lv), v in zip(found, vals, strict=True):
            computed = v / whole * 100
            rel = half_unit(lv) * (lv["scale"] or 1.0) / v if v else 0.0
            tol = half_unit(s) + computed * 2 * rel
            detail = f"{fmt_number(lv['value'])}{lv['unit']} / {fmt_number(round(whole / (lv['scale'] or 1), 6))}"
            detail += f"{lv['unit']} = {fmt_number(round(computed, 2))}%; stated {fmt_number(s['value'])}%"
            results.append(_result("structure_shares", s["indicator"], computed, float(s["value"]), tol, detail, s))
    return _frame(results)


def _first_level_of(levels: pd.DataFrame) -> dict[tuple, object]:
    """The index label of the first level of each (period, kind, normalised name)."""
    first: dict[tuple, object] = {}
    names = levels["indicator"].map(normalise_name)
    for label, key in zip(levels.index, zip(levels["period"], levels["kind"], names, strict=True), strict=True):
        first.setdefault(key, label)
    return first


def _bigrams(name: str) -> set[str]:
    n = normalise_name(name).rstrip("率")
    return {n[i : i + 2] for i in range(len(n) - 1)}


def rate_parts(rows: pd.DataFrame) -> pd.DataFrame:
    """A rate (ratio_pct) equals part/whole of two levels in its sentence that share wording with it."""
    results = []
    levels = rows[rows["measure"] == Measure.LEVEL]
    by_sentence = dict(tuple(levels.groupby("sentence_start", sort=False)))
    for _, r in rows[rows["measure"] == Measure.RATIO_PCT].iterrows():
        words = _bigrams(r["indicator"])
        cands = by_sentence.get(r["sentence_start"], levels.iloc[0:0])
        cands = cands[(cands["period"] == r["period"]) & (cands["kind"] == r["kind"])]
        named = cands[[bool(words & _bigrams(n)) for n in cands["indicator"]]]
        # The parts' names often differ from the rate's (巡查问题943个, 整改完成927个, 整改完成率98.3%):
        # without two named candidates, take the sentence's levels that share a unit.
        if len(named) >= 2:
            cands = named
        else:
            cands = cands[cands.groupby("unit")["unit"].transform("size") >= 2]
        pairs = []
        for (_, a), (_, b) in permutations(list(cands.iterrows()), 2):
            if a["unit"] != b["unit"] or not b["value"] or a["value"] > b["value"]:
                continue
            q = a["value"] / b["value"] * 100
            tol = half_unit(r) + q * (half_unit(a) / a["value"] + half_unit(b) / b["value"] if a["value"] else 0)
            pairs.append((abs(q - r["value"]) - tol, q, tol, a, b))
        if not pairs:
            continue
        pairs.sort(key=lambda p: (p[0], int(p[3]["start"]), int(p[4]["start"])))
        score, q, tol, a, b = pairs[0]
        if score > 0 and len(cands) != 2:
            continue  # several candidate parts and none fits: we cannot tell which two the rate is about
        detail = (
            f"{a['indicator']} {fmt_number(a['value'])}{a['unit']} / {b['indicator']} "
            f"{fmt_number(b['value'])}{b['unit']} = {fmt_number(round(q, 2))}%; "
            f"stated {fmt_number(r['value'])}%"
        )
        results.append(_result("rate_parts", r["indicator"], q, float(r["value"]), tol, detail, r))
    return _frame(results)


def _near(a: pd.Series, b: pd.Series) -> bool:
    return a["sentence_start"] == b["sentence_start"] or 0 <= b["sentence_start"] - a["sentence_end"] <= 3


class _AfterIndex:
    """The ``after`` levels by (indicator, unit), to find the first one after a ``before`` without a scan."""

    def __init__(self, afters: pd.DataFrame) -> None:
        self.afters = afters
        self.groups: dict[tuple, list[tuple[int, int]]] = {}  # (start, position) in the frame's order
        keys = zip(afters["indicator"], afters["unit"], strict=True)
        for pos, (key, start) in enumerate(zip(keys, afters["start"], strict=True)):
            self.groups.setdefault(key, []).append((int(start), pos))
        self.sorted = {key: g == sorted(g) for key, g in self.groups.items()}

    def first(self, before: pd.Series) -> pd.Series | None:
        """The first after (in the frame's order) of the before's indicator and unit that starts after it."""
        key = (before["indicator"], before["unit"])
        group = self.groups.get(key, [])
        start = int(before["start"])
        if self.sorted.get(key):
            i = bisect.bisect_right(group, (start, len(self.afters)))
            hit = group[i] if i < len(group) else None
        else:
            hit = next((g for g in group if g[0] > start), None)
        return None if hit is None else self.afters.iloc[hit[1]]


def before_after(rows: pd.DataFrame) -> pd.DataFrame:
    """A stated change (压缩60%) matches the before → after pair of the same indicator (45 → 20 = −55.6%)."""
    results = []
    befores = rows[(rows["measure"] == Measure.LEVEL) & (rows["qualifier"] == Qualifier.BEFORE)]
    afters = rows[(rows["measure"] == Measure.LEVEL) & (rows["qualifier"] == Qualifier.AFTER)]
    change_starts = set(rows.loc[(rows["measure"] == Measure.CHANGE_PCT) & (rows["unit"] == "%"), "start"])
    after_of = _AfterIndex(afters)
    in_order = rows.sort_values("start", kind="stable")
    starts = list(in_order["start"])
    for _, b in befores.iterrows():
        a = after_of.first(b)
        if a is None or not b["value"]:
            continue
        # The stated change is the quantity right after the pair (45日压缩到20日,时间压缩60%); it may
        # name the quantity differently, and a change after several pairs belongs to the last one only.
        k = bisect.bisect_right(starts, a["start"])
        if k == len(starts):
            continue
        c = in_order.iloc[k]
        if c["start"] not in change_starts or not _near(a, c):
            continue
        computed = (a["value"] - b["value"]) / b["value"] * 100
        tol = (
            half_unit(c)
            + abs(computed) * (half_unit(a) / a["value"] if a["value"] else 0)
            + 100 * a["value"] * half_unit(b) / b["value"] ** 2
        )
        detail = (
            f"{fmt_number(b['value'])} → {fmt_number(a['value'])}{a['unit']} = "
            f"{fmt_number(round(computed, 1), signed=True)}%; stated {fmt_number(c['value'], signed=True)}%"
        )
        results.append(_result("before_after", c["indicator"], computed, float(c["value"]), tol, detail, c))
    return _frame(results)


def wording_sign(sentence: str, offset: int) -> int:
    """+1 or −1 from the direction word nearest before ``offset`` in its clause (0 when there is none)."""
    return wording_direction(sentence, offset)[0]


def wording_direction(sentence: str, offset: int) -> tuple[int, str]:
    """The direction word nearest before ``offset`` in its clause and its sign (0, "" when none)."""
    vocab = word_lists(AUDIT_VOCABULARY)
    clause = sentence[:offset]
    m = list(_CLAUSE_BREAK.finditer(clause))
    if m:
        clause = clause[m[-1].end() :]
    best = (-1, 0, 0, "")  # (end position, length, sign, word): the nearest, then the longest word wins
    for role, sign in (("fall", -1), ("rise", 1)):
        for term in vocab.get(role, ()):
            i = clause.rfind(term)
            if i >= 0:
                best = max(best, (i + len(term), len(term), sign, term))
    return best[2], best[3]


def change_sign(rows: pd.DataFrame) -> pd.DataFrame:
    """A change's sign agrees with its wording: 下降/减少/回落 negative, 增长/提高 positive."""
    results = []
    for _, r in rows[rows["measure"].isin(SIGNED_MEASURES)].iterrows():
        offset = int(r["start"]) - int(r["sentence_start"])
        sentence = r["sentence"]
        if not sentence or not 0 <= offset <= len(sentence) or not r["value"]:
            continue
        sign, word = wording_direction(sentence, offset)
        if not sign:
            continue
        stated = float(r["value"])
        expected = sign * abs(stated)
        reads = "negative" if sign < 0 else "positive"
        detail = f"“{word}” reads {reads}; value {fmt_number(stated, signed=True)}{r['unit']}"
        results.append(_result("change_sign", r["indicator"], expected, stated, 0.0, detail, r))
    return _frame(results)


def run_audit(rows: pd.DataFrame) -> pd.DataFrame:
    """Every check on the rows, one result per line (columns AUDIT_COLUMNS), in check then text order."""
    parts = [
        sector_sum(rows),
        structure_shares(rows),
        rate_parts(rows),
        before_after(rows),
        change_sign(rows),
    ]
    df = pd.concat([p for p in parts if not p.empty] or [_frame([])], ignore_index=True)
    df["_order"] = df["check"].map(CHECKS.index)
    df = df.sort_values(["_order", "start", "subject"], kind="mergesort").drop(columns="_order")
    return df.reset_index(drop=True)


def audit_summary(audit: pd.DataFrame) -> dict[str, int]:
    """Counts for prose. ``checks``/``passed``/``flagged`` count the checks between figures only; the
    sign-against-wording checks are counted apart as ``wording_*``."""
    out: dict[str, int] = {}
    for scope, prefix in (("figures", ""), ("wording", "wording_")):
        part = audit[audit["scope"] == scope] if len(audit) else audit
        flags = int((part["status"] == CheckResult.FLAG).sum()) if len(part) else 0
        out |= {f"{prefix}checks": len(part), f"{prefix}passed": len(part) - flags, f"{prefix}flagged": flags}
    return out


def audit_part(audit: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The checks of one scope: ``figures`` (between figures) or ``wording`` (sign against wording)."""
    return audit[audit["scope"] == scope].reset_index(drop=True)
