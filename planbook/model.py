"""The one data model passed through the pipeline: report → sections → sentences → indicator rows."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field, fields
from enum import StrEnum
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # pandas is imported where a frame is built: loading a report does not need it
    import pandas as pd

# Column order of every indicators CSV/JSON the project writes.
COLUMNS: tuple[str, ...] = (
    "report",
    "start",
    "end",
    "text",
    "indicator",
    "indicator_en",
    "period",
    "kind",
    "measure",
    "value",
    "unit",
    "scale",
    "value_scaled",
    "unit_scaled",
    "qualifier",
    "note",
    "area",
    "name_flag",
    "chapter",
    "part",
    "section",
    "sentence_start",
    "sentence_end",
    "sentence",
)


class Measure(StrEnum):
    """What a figure measures (the ``measure`` column); the value is the text written to files."""

    LEVEL = "level"
    CHANGE_PCT = "change_pct"
    CHANGE_PP = "change_pp"
    CHANGE_ABS = "change_abs"
    GAP_PP = "gap_pp"
    RANK = "rank"
    SHARE_PCT = "share_pct"
    RATIO_PCT = "ratio_pct"
    AVG_CHANGE_PCT = "avg_change_pct"
    CUM_CHANGE_PCT = "cum_change_pct"


class Kind(StrEnum):
    """Whether a figure reports an outcome or sets a target (the ``kind`` column)."""

    ACTUAL = "actual"
    TARGET = "target"


class Qualifier(StrEnum):
    """How a figure is qualified (the ``qualifier`` column, several joined by ";")."""

    APPROX = "approx"
    LOWER_BOUND = "lower_bound"
    UPPER_BOUND = "upper_bound"
    ESTIMATE = "estimate"
    BEFORE = "before"
    AFTER = "after"
    RANGE_LOW = "range_low"
    RANGE_HIGH = "range_high"
    PARTIAL_YEAR = "partial_year"


class CheckResult(StrEnum):
    """The result of an audit check (the audit tables' ``status`` column)."""

    PASS = "pass"
    FLAG = "flag"
    REVISED = "revised"  # across years: a figure a later report restates (not a pass or a flag)


class SeriesStatus(StrEnum):
    """How the reports of a region agree on a figure of the series (the series table's ``status`` column)."""

    SINGLE = "single"
    CONFIRMED = "confirmed"
    SUPERSEDED = "superseded"
    REVISED = "revised"
    AMBIGUOUS = "ambiguous"


MEASURES: tuple[str, ...] = tuple(Measure)

# Measures that say how a quantity moved on the previous period (signed: declines are negative).
CHANGE_MEASURES: tuple[str, ...] = (
    Measure.CHANGE_PCT,
    Measure.CHANGE_PP,
    Measure.CHANGE_ABS,
    Measure.AVG_CHANGE_PCT,
    Measure.CUM_CHANGE_PCT,
)

KINDS: tuple[str, ...] = tuple(Kind)

QUALIFIERS: tuple[str, ...] = tuple(Qualifier)

# Qualifiers that say which slot of a line a row fills (before/after, range ends), rather than
# qualifying the row's number.
STRUCTURAL_QUALIFIERS: frozenset[str] = frozenset(
    {Qualifier.BEFORE, Qualifier.AFTER, Qualifier.RANGE_LOW, Qualifier.RANGE_HIGH}
)
# A row that is not the figure of its period as a whole: the start of a 从…到 change (its year is
# rarely read right) or a figure of part of the year (1-11月). Neither is a headline, nor set
# beside a target, nor a point of a series.
NOT_WHOLE_PERIOD: frozenset[str] = frozenset({Qualifier.BEFORE, Qualifier.PARTIAL_YEAR})

CHAPTERS: tuple[str, ...] = (
    "overview",
    "agriculture",
    "industry",
    "commerce",
    "investment",
    "business_env",
    "environment",
    "livelihoods",
    "epidemic_flood",
    "risk_poverty",
)


class ReportError(Exception):
    """Bad input: the message names the file and the problem (shown to the user without a traceback)."""


@dataclass(frozen=True)
class Report:
    """A loaded report. All offsets anywhere in planbook index ``text``."""

    id: str
    path: str
    text: str
    encoding: str
    source_format: str  # "txt" or "html"
    title: str = ""
    region: str = ""
    level: str = ""  # of the region: province, city, county or district (see planbook.text.regions)
    review_year: int | None = None  # the year under review (2020 for a 2020 执行情况 report; see planbook.text.profile)
    genre: str = "unknown"  # plan_report, work_report, communique, five_year_plan or unknown
    delivered_year: int | None = None  # the year the report was delivered or released
    plan_year: int | None = None  # the year whose targets it sets
    review_span: str = ""  # a five-year span it reviews ("2016-2020")
    plan_span: str = ""  # a five-year span it plans ("2021-2025")
    # "stub" (a summary of a few thousand characters), "abridged" (摘登), "excerpt" (no review part), "" when whole
    partial: str = ""
    repeats: tuple[tuple[int, int], ...] = ()  # spans that repeat an earlier passage (not read)
    hidden: tuple[tuple[int, int], ...] = ()  # conversion markup (page markers, HTML tables): not prose
    publisher: str = ""
    published: str = ""  # publication date/time as written, ISO-like where possible
    body_start: int = 0  # first offset of the report body (after title/metadata lines)
    body_end: int = -1  # end of the body (before web-page residue such as 打印| 关闭); -1 = len(text)
    warnings: tuple[str, ...] = ()

    @property
    def body_stop(self) -> int:
        return len(self.text) if self.body_end < 0 else self.body_end


@dataclass(frozen=True)
class Heading:
    """A part (一、) or section ((一)) heading."""

    level: int  # 1 = part, 2 = section
    number: int  # 1 for 一 / (一)
    title: str
    start: int
    end: int


class Sentence(NamedTuple):
    """A sentence (or list item) with its place in the heading tree.

    Immutable like the other records, but a NamedTuple: a report has hundreds of sentences, and a frozen
    dataclass's __init__ (one object.__setattr__ per field) costs three times as much to make one.
    """

    start: int
    end: int
    paragraph: int  # index of the paragraph in the report
    part: Heading | None = None
    section: Heading | None = None
    note: bool = False  # a footnote or 名词解释 entry: read for the source page, never as a figure

    @property
    def heading_path(self) -> tuple[str, ...]:
        return tuple(h.title for h in (self.part, self.section) if h is not None)


@dataclass
class Segmented:
    """A report cut into headings, paragraphs and sentences."""

    report: Report
    headings: list[Heading] = field(default_factory=list)
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)


@dataclass(slots=True)  # hundreds per report: slotted (a cheaper __init__)
class IndicatorRow:
    """One quantity found in the report. ``text == report.text[start:end]`` always holds."""

    report: str
    start: int
    end: int
    text: str
    indicator: str
    indicator_en: str
    period: str  # "2020", a span "2016-2020", or "" when the report does not say
    kind: str
    measure: str
    value: float
    unit: str
    scale: float = 1.0  # multiplier of the unit's 万/亿 prefix (亿元 → 1e8)
    value_scaled: float = 0.0  # value × scale, in unit_scaled
    unit_scaled: str = ""  # unit without the 万/亿 prefix (元, 亩, 人 …)
    qualifier: str = ""
    note: str = ""  # scope or basis note kept with the figure (含某新区, 扣除留抵退税因素, 按2005年可比价格计算)
    area: str = ""  # the area a rank or gap is measured against (全省, 全国), "" when none
    name_flag: str = ""  # why the name fails the name gate (planbook.extract.gate), "" when it passes
    chapter: str = ""
    part: str = ""
    section: str = ""
    sentence_start: int = 0
    sentence_end: int = 0
    sentence: str = ""

    def as_dict(self) -> dict:
        # Every field is a plain value: no deep copy (dataclasses.asdict) needed, which costs most of to_frame.
        return {c: getattr(self, c) for c in COLUMNS}


assert tuple(f.name for f in fields(IndicatorRow)) == COLUMNS


def sentence_anchor(sentence_start: int) -> str:
    """HTML id of a sentence on the book's source-text page (``source.html``)."""
    return f"s-{sentence_start}"


def source_link(sentence_start: int) -> str:
    """Relative link from a chapter page of a report to the sentence on its source-text page."""
    return f"source.html#{sentence_anchor(sentence_start)}"


# ---------------------------------------------------------------------------------------------
# The row frame: indicator rows as a pandas DataFrame, one column per field of IndicatorRow.

# The dtype of each column, declared once. Text is never missing (""), offsets are plain integers,
# the period is text (a year "2020", a span "2016-2020", "" when not stated), numbers are floats.
ROW_DTYPES: dict[str, str] = {
    "report": "str",
    "start": "int64",
    "end": "int64",
    "text": "str",
    "indicator": "str",
    "indicator_en": "str",
    "period": "str",
    "kind": "str",
    "measure": "str",
    "value": "float64",
    "unit": "str",
    "scale": "float64",
    "value_scaled": "float64",
    "unit_scaled": "str",
    "qualifier": "str",
    "note": "str",
    "area": "str",
    "name_flag": "str",
    "chapter": "str",
    "part": "str",
    "section": "str",
    "sentence_start": "int64",
    "sentence_end": "int64",
    "sentence": "str",
}

assert tuple(ROW_DTYPES) == COLUMNS


def typed_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The row frame: every column of COLUMNS present with its ROW_DTYPES dtype, sorted by offset.

    Accepts rows from anywhere (a CSV read as text, JSON, a hand-made frame with some columns):
    missing text is "", a missing offset 0, a missing number NaN, a missing period "".
    """
    # pandas only where a frame is built (see the top): loading a report does not need it
    import pandas as pd

    df = frame.copy()
    for column, dtype in ROW_DTYPES.items():
        if column not in df.columns:
            df[column] = "" if dtype == "str" else pd.NA
        if dtype == "str":
            df[column] = df[column].fillna("").astype(str)
        else:
            number = pd.to_numeric(df[column], errors="coerce")
            df[column] = number.fillna(0).astype(dtype) if dtype == "int64" else number.astype(dtype)
    df = df[list(COLUMNS)]
    return df.sort_values(["start", "end"], kind="mergesort").reset_index(drop=True)


def rows_frame(rows: list[IndicatorRow]) -> pd.DataFrame:
    """Indicator rows as the row frame, in text order (ties by end, then measure)."""
    # pandas only where a frame is built (see the top): loading a report does not need it
    import pandas as pd

    df = pd.DataFrame([r.as_dict() for r in rows], columns=list(COLUMNS))
    df = df.sort_values(["start", "end", "measure"], kind="stable")
    return typed_rows(df)


def named_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows whose name passed the name gate (planbook.extract.gate): the only ones any table, chart,
    headline, target or series uses. Rows read before the gate existed (no ``name_flag`` column) all pass."""
    if "name_flag" not in frame.columns:
        return frame
    return frame[frame["name_flag"].fillna("").astype(str) == ""]


_PERIOD_RE = re.compile(r"(\d{4})(?:-(\d{4}))?")


@dataclass(frozen=True, slots=True)
class Period:
    """The period a figure is of: one year (``start == end``) or a span of years. The ``period``
    column holds its text (``str``): "2020", "2016-2020"; "" when the report does not say."""

    start: int
    end: int

    @classmethod
    def parse(cls, text: object) -> Period | None:
        """The one parser of period text: "2020" → 2020, "2016-2020" → 2016–2020, anything else → None."""
        return _parse_period(text if isinstance(text, str) else str(text))

    @property
    def is_span(self) -> bool:
        return self.end != self.start

    def is_year(self, year: int | None) -> bool:
        """True when the period is that one year (not a span holding it)."""
        return year is not None and not self.is_span and self.start == year

    def __str__(self) -> str:
        """The one formatter: "2020" for a year, "2016-2020" for a span."""
        return f"{self.start}-{self.end}" if self.is_span else str(self.start)


@lru_cache(maxsize=4096)  # a report has a few dozen distinct periods, read for every row
def _parse_period(text: str) -> Period | None:
    m = _PERIOD_RE.fullmatch(text)
    if m is None:
        return None
    start = int(m.group(1))
    return Period(start, int(m.group(2)) if m.group(2) else start)


def year_of(period: object) -> int | None:
    """The year of a one-year period ("2020" → 2020); None for a span or nothing."""
    p = Period.parse(period)
    return p.start if p is not None and not p.is_span else None


def span_years(period: object) -> tuple[int, int] | None:
    """(first, last) year of a span "2016-2020"; None for a single year or nothing."""
    p = Period.parse(period)
    return (p.start, p.end) if p is not None and p.is_span else None


def is_year(period: object, year: int | None) -> bool:
    """True when the period is that one year (not a span holding it)."""
    p = Period.parse(period)
    return p is not None and p.is_year(year)


def plan_year_of(review_year: int | None, plan_year: int | None = None, genre: str = "") -> int | None:
    """The one rule of a report's plan year: as read, else the year after the one under review; a
    communiqué states outcomes only and plans no year."""
    if plan_year is not None:
        return plan_year
    if review_year is None or genre == "communique":
        return None
    return review_year + 1


@dataclass(frozen=True)
class ReportFacts:
    """What a report is, as ``planbook.text.profile`` read it from the text: the one place the landing
    page, the chapters, the plan and the audit take the year under review and the plan year from."""

    id: str
    title: str = ""
    region: str = ""
    level: str = ""
    genre: str = "unknown"
    delivered_year: int | None = None
    review_year: int | None = None
    plan_year: int | None = None
    review_span: str = ""
    plan_span: str = ""
    publisher: str = ""
    published: str = ""
    warnings: tuple[str, ...] = ()

    @classmethod
    def of(cls, report: Report) -> ReportFacts:
        return cls(
            id=report.id,
            title=report.title,
            region=report.region,
            level=report.level,
            genre=report.genre,
            delivered_year=report.delivered_year,
            review_year=report.review_year,
            plan_year=report.plan_year,
            review_span=report.review_span,
            plan_span=report.plan_span,
            publisher=report.publisher,
            published=report.published,
            warnings=report.warnings,
        )

    def to_json(self) -> str:
        """The facts as deterministic JSON text (``data/<id>/report.json``)."""
        return json.dumps(asdict(self), ensure_ascii=False, indent=1, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ReportFacts:

        doc = json.loads(text)
        known = {f.name for f in fields(cls)}
        doc = {k: v for k, v in doc.items() if k in known}
        doc["warnings"] = tuple(doc.get("warnings", ()))
        return cls(**doc)
