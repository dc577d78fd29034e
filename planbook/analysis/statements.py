"""Coded figures of one report: which quantity (an indicator code), in which form, signed value and bound.

This is the common ground of the target → outcome pairs, the series across years and the audit
across years. Each :class:`Statement` comes from one extracted row (a range from two), keeps its
offsets into the report, and is left out when it lies in a passage that repeats earlier text
(a web page saved twice): only the first copy of a speech is read.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from planbook.analysis.codes import CodeBook, codes_of, load_codebook, row_codes
from planbook.analysis.verdict import Figure, Rules, load_rules
from planbook.model import NOT_WHOLE_PERIOD, IndicatorRow, Kind, Measure, Qualifier, Report, named_rows, year_of
from planbook.spans import Spans
from planbook.vocabulary import DATA_DIR, VocabularyError, data_path, pattern, read_rows, vocabulary, word_lists

SPAN_WORDS_FILE = DATA_DIR / "span_words.csv"
_NOTE_PARTS_RE = re.compile(r"[，,；;、]")
_BASIS_RE = pattern(r"⟨shared_basis⟩")
# The clause of a figure begins after the last of these before it.
_CLAUSE_STOP_RE = re.compile(r"[，,；;。：:！？!?\n]")
# A change measured against a base year: 比2005年下降20% is a change over five years, not one.
_BASE_YEAR_RE = re.compile(r"(?:比|较|是|为|相当于|从|由)((?:19|20)\d{2})年")
# A year written out before a figure; the word before it tells a base year (比2022年, 与2022年相比) from the
# figure's own year (2022年全市生产总值…, 增加到2022年的…).
_YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})年(?!以来|来)")
_BASE_BEFORE = frozenset("比较从由与同自")

# Extractor measures → the forms compared across years. A level in % or ‰ is a rate.
_FORMS = {
    "change_pct": "change_pct",
    "change_pp": "change_pp",
    "change_abs": "change_abs",
    "ratio_pct": "ratio_pct",
    "share_pct": "ratio_pct",
}
RATE_UNITS = frozenset({"%", "‰"})
# Forms a target can be paired in; ranks, gaps to other places and multi-year averages or totals never.
PAIRABLE_FORMS = frozenset(
    {Measure.CHANGE_PCT, Measure.CHANGE_PP, Measure.CHANGE_ABS, Measure.LEVEL, Measure.RATIO_PCT}
)
CHANGE_FORMS = frozenset({Measure.CHANGE_PCT, Measure.CHANGE_PP, Measure.CHANGE_ABS})


@dataclass(frozen=True)
class Statement:
    """One coded figure: ``report.text[start:end]`` is the number literal (the whole X–Y for a range)."""

    report: str
    start: int
    end: int
    text: str  # the number literal as written (X–Y for a range)
    code: str
    indicator: str  # the Chinese name as extracted
    form: str  # change_pct, level, ratio_pct, change_pp, change_abs, or the extractor's measure otherwise
    unit: str
    unit_scaled: str
    scale: float
    value: float  # signed, in ``unit``
    qualifier: str  # exact, approx, at_least, at_most, range
    high: float | None  # upper end of a range
    kind: str  # actual or target
    period: str  # "2021" or "2021-2025"
    raw_qualifier: str
    sentence_start: int
    sentence_end: int
    preliminary: bool  # 预计 before it in its sentence
    multi_year: bool = False  # its wording speaks of several years (年均, 累计, 五年, 比2005年, a 十四五 heading)
    note: str = ""  # the row's scope or basis note (含某新区, 扣除留抵退税因素, 不含农户, 按可比价格计算)
    year_named: bool = False  # its sentence names its year before it (2022年全市生产总值…), not as a base (比2022年)
    written: str = ""  # the figure as written, with the words that sign or bound it (下降5%以上)

    @property
    def scope(self) -> str:
        """What the figure covers: its note without the words of basis every such figure shares (按可比价格计算,
        预计); two figures of one quantity compare as they are when their scopes agree."""
        if not self.note:
            return ""
        return "，".join(p for p in _NOTE_PARTS_RE.split(self.note) if p and not _BASIS_RE.fullmatch(p))

    @property
    def figure(self) -> Figure:
        """The value with its bound, for the verdict."""
        return Figure(self.value, self.qualifier, self.high)

    @property
    def pairable(self) -> bool:
        """A single year's figure in a form that can be set against a target."""
        return (
            self.form in PAIRABLE_FORMS
            and year_of(self.period) is not None
            and self.raw_qualifier not in NOT_WHOLE_PERIOD
            and not self.multi_year
        )

    def scaled(self, v: float | None) -> float | None:
        """A value of this statement in base units (亿元 → 元)."""
        return None if v is None else v * self.scale


def period_text(v: object) -> str:
    """A period as text: 2021 → "2021", "2016-2020" kept, missing → ""."""
    if v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA:
        return ""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v).strip()


def _text(v: object) -> str:
    """A text cell as text: missing (None, NaN) is ""."""
    return "" if v is None or v != v else str(v).strip()


def in_repeats(report: Report, offset: int) -> bool:
    """Whether an offset lies in a passage that repeats earlier text."""
    return offset in Spans(report.repeats)


def first_copy(report: Report, frame: pd.DataFrame) -> pd.DataFrame:
    """The rows outside repeated passages, in start order."""
    if frame.empty:
        return frame
    keep = ~Spans(report.repeats).mask(frame["start"].to_numpy(dtype="int64"))
    return frame[keep].sort_values("start", kind="stable").reset_index(drop=True)


@dataclass(frozen=True)
class SpanWords:
    """Patterns of wording that makes a figure one of several years (``data/span_words.csv``)."""

    clause: re.Pattern[str]
    sentence: re.Pattern[str]
    heading: re.Pattern[str]


@lru_cache(maxsize=2)
def load_span_words(path: Path = SPAN_WORDS_FILE) -> SpanWords:
    """Compile the span words by scope (once per process)."""
    path = data_path(path)  # the user's edited copy when there is one: errors name the file read
    patterns: dict[str, list[str]] = {"clause": [], "sentence": [], "heading": []}
    for line, r in enumerate(read_rows(path), start=2):
        scope = r["list"].strip()
        if scope not in patterns:
            raise VocabularyError(f"{path}:{line}: unknown list {scope!r}")
        patterns[scope].append(f"(?:{r['word']})")
    try:
        return SpanWords(*(re.compile("|".join(patterns[s]) or "(?!)") for s in ("clause", "sentence", "heading")))
    except re.error as exc:
        raise VocabularyError(f"{path}: a word is no pattern ({exc})") from None


def multi_year(
    text: str,
    sentence_start: int,
    start: int,
    *,
    period: str,
    kind: str,
    form: str,
    headings: tuple[str, ...] = (),
    words: SpanWords | None = None,
) -> bool:
    """Whether the wording around a figure makes it a figure of several years, whatever its period says.

    The clause before it (年均, 累计, 五年, 2003年以来), a change against a year before the last
    (比2005年下降20%), for an outcome a sentence about five years, for a target a heading about
    a five-year plan that does not name the target's year.
    """
    words = words or load_span_words()
    before = text[sentence_start:start]
    stops = list(_CLAUSE_STOP_RE.finditer(before))
    clause = before[stops[-1].end() :] if stops else before
    if words.clause.search(clause):
        return True
    if year_of(period) is not None and form in CHANGE_FORMS:
        for m in _BASE_YEAR_RE.finditer(clause):
            if int(m.group(1)) < int(period) - 1:
                return True
    if kind == Kind.ACTUAL:
        # A sentence about five years, unless the figure's own year is named after the five years were
        # (五年来…，2020年全省生产总值增长3.9%，一般公共预算收入增长2.1%: both of 2020).
        five = [m.end() for m in words.sentence.finditer(before)]
        if five and not names_year(before[five[-1] :], period):
            return True
    if kind == Kind.TARGET:
        for h in headings:
            if h and words.heading.search(h) and (year_of(period) is None or period not in h):
                return True
    return False


def names_year(text: str, period: str) -> bool:
    """Whether ``text`` names the year ``period`` as the figure's own year (2022年…, 到2022年的…), not as a
    base (比2022年, 与2022年相比) or a start (2022年以来)."""
    if year_of(period) is None:
        return False
    for m in _YEAR_RE.finditer(text):
        if m.group(1) == period and (m.start() == 0 or text[m.start() - 1] not in _BASE_BEFORE):
            return True
    return False


# Full-width digits and signs as the reader reads them (planbook.extract.numbers.FULLWIDTH).
_HALF_WIDTH = str.maketrans("０１２３４５６７８９．％：－∶", "0123456789.%:-:")


@lru_cache(maxsize=1)
def _written_words() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Words before a figure that sign or bound it (下降, 增长, 控制在), and bounds after its unit (以上, 左右)."""
    lists = word_lists()
    before = [w for name in ("fall", "rise", "upper_bound_before", "lower_bound_before", "approx_before")
              for w in lists.get(name, ())]  # fmt: skip
    after = [w for w in lists.get("qualifier_after", ()) if w not in ("多", "余")]
    return (
        re.compile("(?:" + "|".join(f"(?:{w})" for w in before) + ")$"),
        re.compile("(?:" + "|".join(f"(?:{w})" for w in after) + ")") if after else re.compile("(?!)"),
    )


def as_written(text: str, s: Statement) -> str:
    """The figure as the report writes it, with the words that sign or bound it: 下降5%以上, 控制在3%以内."""
    return _written_at(text, s.start, s.end, s.unit)


def _written_at(text: str, start: int, end: int, unit_text: str) -> str:
    """:func:`as_written` of the literal ``text[start:end]`` in ``unit_text``."""
    before, after = _written_words()
    # Read in half-width (６．８％ as 6.8%, one character for one: offsets hold); returned as written.
    lo, hi = max(0, start - 4), min(len(text), end + 2 * len(unit_text) + 4)
    window = text[lo:hi].translate(_HALF_WIDTH)
    m = before.search(window, 0, start - lo)
    left = m.start() if m else start - lo
    right = end - lo
    if unit_text:
        u = _unit_re(unit_text).match(window, right)
        if u:
            right = u.end()
            b = after.match(window, right)
            right = b.end() if b else right
    return text[lo + left : lo + right]


@lru_cache(maxsize=256)
def _unit_re(unit: str) -> re.Pattern[str]:
    """The unit as written, 多/余 allowed before it and inside it (50多万人, 1.3万多人)."""
    return re.compile("[多余]?" + "".join(re.escape(c) + "[多余]?" for c in unit))


def _form(measure: str, unit: str) -> str:
    if measure == Measure.LEVEL:
        return Measure.RATIO_PCT if unit in RATE_UNITS else Measure.LEVEL
    return _FORMS.get(measure, measure)


def _qualifier(raw: str, value: float, text: str, end: int, unit: str, rules: Rules) -> str:
    """The bound in signed terms: 下降3%以上 (−3, at least a fall of 3) is at most −3."""
    if raw == Qualifier.APPROX:
        window = text[end : end + len(unit) + 1]
        for word, qualifier in rules.qualifier_words.items():
            if word in window:
                return qualifier
        return "approx"
    if raw in (Qualifier.LOWER_BOUND, Qualifier.UPPER_BOUND):
        at_least = raw == Qualifier.LOWER_BOUND
        if value < 0:
            at_least = not at_least
        return "at_least" if at_least else "at_most"
    if raw in (Qualifier.RANGE_LOW, Qualifier.RANGE_HIGH):
        return "range"
    return "exact"


def statements(report: Report, frame: pd.DataFrame, book: CodeBook | None = None,
               rules: Rules | None = None) -> list[Statement]:  # fmt: skip
    """The coded figures among a report's extracted rows (first copy only), in text order."""
    book = book or load_codebook()
    frame = named_rows(first_copy(report, frame))  # a fragment for a name is never a target or a point
    if frame.empty:
        return []
    codes = row_codes(frame, report.text, report.region, book)
    return _coded(report, frame.itertuples(index=False), codes, book, rules or load_rules())


def row_statements(report: Report, rows: Sequence[IndicatorRow], book: CodeBook | None = None,
                   rules: Rules | None = None) -> list[Statement]:  # fmt: skip
    """:func:`statements` of ``extract(report)`` read from the rows themselves, without the row frame (the
    panel codes every report it reads: building a frame only to iterate it costs as much as coding)."""
    book = book or load_codebook()
    repeats = Spans(report.repeats)
    # The frame's order (rows_frame: start, end, measure; first_copy keeps it), its first copy, its named rows.
    kept = [
        r for r in sorted(rows, key=lambda r: (r.start, r.end, r.measure)) if not r.name_flag and r.start not in repeats
    ]
    if not kept:
        return []
    codes = codes_of(
        [r.indicator for r in kept],
        [r.sentence_start for r in kept],
        [r.measure for r in kept],
        [r.start for r in kept],
        report.text,
        report.region,
        book,
    )
    return _coded(report, kept, codes, book, rules or load_rules())


def _coded(report: Report, rows: Iterable[Any], codes: list[tuple[str, ...]], book: CodeBook,
           rules: Rules) -> list[Statement]:  # fmt: skip
    """The statements of the rows (frame tuples or IndicatorRows, each with its codes), in text order."""
    words = load_span_words()
    units = vocabulary().units
    text = report.text
    # Each statement's fields, completed here (a range's upper end, the written form) before the frozen
    # Statement is made once: thousands per report, where dataclasses.replace made each again.
    out: list[dict[str, Any]] = []
    open_range: dict[tuple, int] = {}  # (code, sentence, form) → index in out of a range_low waiting for its end
    for row, row_code in zip(rows, codes, strict=True):
        if not row_code:
            continue
        start, end = int(row.start), int(row.end)
        unit = str(row.unit or "")
        value = float(row.value)
        raw = str(row.qualifier or "")
        note = _text(getattr(row, "note", ""))
        form = _form(str(row.measure), unit)
        sentence_start = int(row.sentence_start)
        unit_scaled = str(row.unit_scaled or unit)
        base = units[unit].base if unit in units else unit_scaled
        for code in row_code:
            c = book.get(code)
            if c is not None and not c.measured_in(form, base):
                continue  # 开展职业技能培训3万人次 is no count of jobs; 完成年计划的118% no level of anything
            key = (code, sentence_start, form)
            if raw == Qualifier.RANGE_HIGH and key in open_range:
                low = out[open_range.pop(key)]
                low.update(end=end, high=value, text=text[low["start"] : end])
                continue
            scale = float(row.scale) if row.scale == row.scale and row.scale else 1.0
            period = period_text(row.period)
            kind = str(row.kind)
            headings = tuple(h if isinstance(h, str) else "" for h in (row.part, row.section))
            before = text[sentence_start:start]
            out.append(
                {
                    "report": report.id,
                    "start": start,
                    "end": end,
                    "text": str(row.text),
                    "code": code,
                    "indicator": str(row.indicator),
                    "form": form,
                    "unit": unit,
                    "unit_scaled": unit_scaled,
                    "scale": scale,
                    "value": value,
                    "qualifier": _qualifier(raw, value, text, end, unit, rules),
                    "high": None,
                    "kind": kind,
                    "period": period,
                    "raw_qualifier": raw,
                    "sentence_start": sentence_start,
                    "sentence_end": int(row.sentence_end),
                    "preliminary": raw == Qualifier.ESTIMATE or "预计" in before,
                    "multi_year": multi_year(
                        text,
                        sentence_start,
                        start,
                        period=period,
                        kind=kind,
                        form=form,
                        headings=headings,
                        words=words,
                    ),  # fmt: skip
                    "note": note,
                    "year_named": names_year(before, period),
                }
            )
            if raw == Qualifier.RANGE_LOW:
                open_range[key] = len(out) - 1
    # A range whose upper end never came is no range: read its lower end as a plain figure.
    for i in open_range.values():
        out[i]["qualifier"] = "exact"
    return [Statement(**f, written=_written_at(text, f["start"], f["end"], f["unit"])) for f in out]
