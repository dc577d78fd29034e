"""Where the outcome of a year is stated: every report of the region that states it, in the order they were made.

The outcome of year Y is first stated by a report that reviews Y — the next work or plan report, or
a report delivered in Y+1 that reviews a 五年规划 span ending in Y (it reviews Y as the last year of
the span as well as the five years): a *preliminary* figure (预计, 初步). Then the region's
statistical communiqué of Y states it (*communique*), and any later report may restate it, *revised*
(经最终核实，2022年全市生产总值为…), when its sentence names the year. Each report is read on its own;
the verdict uses the latest figure (of several that agree, the first of them), and the first
statement is kept beside it when it differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planbook.analysis.regions import RegionReport
from planbook.analysis.statements import Statement
from planbook.analysis.verdict import Rules
from planbook.model import Kind, Period
from planbook.numbers import file_number
from planbook.vocabulary import unit_stem

# In the order a year's outcome is stated: the first statement, the communiqué, then later reports.
SOURCE_KINDS: tuple[str, ...] = ("preliminary", "communique", "revised")
SOURCE_WORDS = {"preliminary": "first statement", "communique": "communiqué", "revised": "revised"}


@dataclass(frozen=True)
class Source:
    """A report that may state the outcome of a year, and as what (one of SOURCE_KINDS)."""

    report: RegionReport
    kind: str


@dataclass(frozen=True)
class Found:
    """What one source states for a target: its figure, or None when it states different figures and none is
    its summary; the note says which was chosen or why none was."""

    source: Source
    statement: Statement | None
    note: str = ""


@dataclass(frozen=True)
class Outcome:
    """The figure the verdict uses, the first statement when that is another, and what the other sources said."""

    used: Found
    first: Found | None
    notes: tuple[str, ...]


def _number(v: float) -> str:
    return str(file_number(v))


def _span_end(span: str) -> int | None:
    p = Period.parse(span)
    return p.end if p is not None else None


def _kind(r: RegionReport, year: int) -> str:
    """As what a report may state the outcome of ``year``: SOURCE_KINDS, or "" when it cannot."""
    reviewed = r.review_year
    if r.report.genre == "communique":
        if reviewed == year:
            return "communique"
    elif reviewed == year or _span_end(r.report.review_span) == year:
        return "preliminary"
    if reviewed is not None and reviewed > year:
        return "revised"
    return ""


def outcome_sources(reports: Sequence[RegionReport], year: int, first: RegionReport | None = None) -> list[Source]:
    """The region's reports that may state the outcome of ``year``, in the order their statements were made:
    reports reviewing the year (``first``, the target's own next report, before others), the communiqué of
    the year, then later reports by the year they review (a work report before that year's communiqué)."""
    found = [Source(r, k) for r in reports if (k := _kind(r, year))]
    order = {k: i for i, k in enumerate(SOURCE_KINDS)}

    def key(s: Source) -> tuple:
        r = s.report
        return (order[s.kind], r is not first, r.review_year or 0, r.report.genre == "communique",
                r.report.delivered_year or 0, r.id)  # fmt: skip

    return sorted(found, key=key)


def same_unit(t: Statement, o: Statement, rules: Rules) -> bool:
    """Whether an outcome is in the target's unit, or in the same base unit when the rules compare it there:
    another scale of the same unit (亿元 and 万亿元: ``cross_scale``) or another unit of the quantity (亿斤
    and 万吨: ``cross_unit``)."""
    if t.unit == o.unit:
        return True
    if not t.unit_scaled or t.unit_scaled != o.unit_scaled:
        return False
    return rules.cross_scale if unit_stem(t.unit) == unit_stem(o.unit) else rules.cross_unit


def signature(s: Statement) -> tuple:
    """The value in base units with its bound: two statements with one signature state the same figure."""
    return (round(s.value * s.scale, 9), s.qualifier, None if s.high is None else round(s.high * s.scale, 9))


def find_outcome(t: Statement, year: int, source: Source, rules: Rules) -> Found | None:
    """The source's figure for the target's quantity, form and unit in ``year``; None when it states none.

    A later report's figure counts only where its sentence names the year (2022年全市生产总值…): a year
    read from context in a report about another year is not trusted to be this one.
    """
    r = source.report
    candidates = [
        s
        for s in r.by_code.get(t.code, ())  # (the target's code only: a look-up, not a scan of every figure)
        if s.kind == Kind.ACTUAL
        and s.period == str(year)
        and s.pairable
        and s.form == t.form
        and same_unit(t, s, rules)
        and (source.kind != "revised" or s.year_named)
    ]
    if not candidates:
        return None
    signatures: dict[tuple, Statement] = {}
    for s in candidates:
        signatures.setdefault(signature(s), s)
    if len(signatures) == 1:
        return Found(source, candidates[0])
    o = summary_choice(list(signatures.values()), r, year)
    if o is None:
        # Two different figures for one quantity and year, neither in the report's summary: a guess.
        listed = ", ".join(f"{_number(s.value)} at {s.start}" for s in signatures.values())
        return Found(source, None, f"{r.id} states different figures: {listed}")
    others = ", ".join(f"{_number(s.value)} at {s.start}" for s in signatures.values() if s is not o)
    return Found(source, o, f"the summary figure; also stated as {others}")


def summary_choice(options: list[Statement], r: RegionReport, year: int) -> Statement | None:
    """Of different figures for one quantity, the one whose sentence states the most coded figures of the year.

    A report opens its review with a summary of the headline figures; a figure restated later
    with another value is almost always of a part (a new area, a sector) whose name the sentence
    leaves out. Only a strict winner is chosen.
    """

    def weight(s: Statement) -> int:
        return len({x.code for x in r.statements if x.sentence_start == s.sentence_start and x.kind == Kind.ACTUAL
                    and x.period == str(year)})  # fmt: skip

    ranked = sorted(options, key=lambda s: (-weight(s), s.start))
    if len(ranked) > 1 and weight(ranked[0]) == weight(ranked[1]):
        return None
    return ranked[0]


def choose(found: Sequence[Found]) -> Outcome:
    """The latest figure of the sources (the first of the run that agrees with it), the first statement when it
    is another, and notes on the rest. ``found`` holds figures only, in the order of the sources.

    Statements of one kind made together (a work report and a plan report reviewing the same year) do not
    supersede each other: of the first statements, the target's own next report's (the first) counts.
    """
    main = [found[0], *(f for f in found[1:] if f.source.kind != "preliminary")]
    i = len(main) - 1
    while i > 0 and signature(main[i - 1].statement) == signature(main[i].statement):  # type: ignore[arg-type]
        i -= 1
    used = main[i]
    notes = []
    for f in found:
        s, rid = f.statement, f.source.report.id
        if f is used or (f is main[0] and i > 0) or s is None:
            continue
        if any(f is m for m in main[i + 1 :]):
            notes.append(f"confirmed by {rid} ({SOURCE_WORDS[f.source.kind]})")
        else:
            notes.append(f"also stated as {_number(s.value)}{s.unit} by {rid} ({SOURCE_WORDS[f.source.kind]})")
    return Outcome(used, main[0] if i > 0 else None, tuple(notes))
