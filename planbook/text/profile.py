"""What a report is, read from its text: genre, issuing region and its level, the years it was delivered,
reviews and plans, its five-year spans, and its title.

One place decides these facts; every later stage (periods of rows, headline figures, the landing
page, the plan and the audit) reads them from ``Report`` and so cannot disagree. The rules hold
across genres:

* a 政府工作报告 delivered in year N reviews N−1 and plans N, whatever its headings look like, even
  when the text is an excerpt without its review part (it then says so);
* a 计划执行情况报告 reviews N and plans N+1 (in its title, its headings or its body);
* a 统计公报 states year N (its title, even when broken over lines or lost: the body's first year),
  released in N+1; it never has a plan year;
* a 五年规划纲要 plans a five-year span (十四五 = 2021-2025) and reviews the one before.

The plan year of a yearly report is the year after the one under review, decided once
(``_consecutive``). The year of delivery comes from the speech's own date line (``——2021年2月19日在…
会议上``, ``二〇一九年一月十四日``) when there is one, because collectors' headers and file names are
sometimes wrong; a header that disagrees with the body gives a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planbook.model import Period, plan_year_of
from planbook.text.dates import YEAR_RE, cn_year, date_years
from planbook.text.regions import complete_name, issuers_in, place_in, region_level
from planbook.text.spans import PLAN_HEADING_RE, REVIEW_HEADING_RE, five_year_span, outline_spans, spans, spans_named
from planbook.vocabulary import pattern

__all__ = ["GENRES", "GENRE_LABELS", "Profile", "cn_year", "five_year_span", "read_profile", "region_of", "spans_named"]

GENRES: tuple[str, ...] = ("plan_report", "work_report", "communique", "five_year_plan", "unknown")
GENRE_LABELS: dict[str, str] = {
    "plan_report": "计划执行情况报告 plan report",
    "work_report": "政府工作报告 government work report",
    "communique": "统计公报 statistical communiqué",
    "five_year_plan": "五年规划纲要 five-year plan",
    "unknown": "unknown genre",
}

# Characters of the text in which the title, the date line and the first headings are looked for.
HEAD_CHARS = 2500
# A text shorter than this that has no review part is a stub or a summary, not a whole report.
STUB_CHARS = 4000
STUB_CHARS_COMMUNIQUE = 1500
TINY_CHARS = 1000  # below this even a text with a review part is a stub
OPENING_CHARS = 300  # where an excerpt's plan part opens: within these characters of the body's first words

_WRITTEN_IN_REVIEW_YEAR_RE = pattern(r"⟨written_in_review_year⟩")
_WORK_REPORT_PHRASE = pattern(r"⟨work_report_phrase⟩")
_STATISTICS_ISSUER = pattern(r"⟨statistics_issuer⟩")
_WHOLE_YEAR = pattern(r"⟨whole_year_sentence⟩")
_PLAN_OPENING = pattern(r"⟨plan_opening⟩")
_REVIEW_OPENING = pattern(r"⟨review_opening⟩")
_REVIEW_YEAR_PHRASE = pattern(r"⟨review_year_phrase⟩")
_PLAN_YEAR_PHRASE = pattern(r"⟨plan_year_phrase⟩")
_QUOTED_TITLE = re.compile(r"《[^》]{0,80}》")  # another document named in the text (请与《…纲要》一并审议)
_SPEECH_OPENING = pattern(r"^(?:⟨speech_greeting⟩)[:：].{0,120}?(?:⟨speech_greeting_end⟩)[。！]")
_SPEECH_GREETING = pattern(r"⟨speech_greeting⟩")
_WORK_REPORT_WORD = pattern(r"⟨work_report_word⟩")
_ABRIDGED = pattern(r"⟨abridged_word⟩")
_COMMUNIQUE_YEAR = pattern(r"((?:19|20)\d{2})年.{0,24}?(?:⟨communique_title⟩)")
# The genre a title's words name, in this order.
_GENRE_TITLES = (
    ("communique", pattern(r"⟨communique_title⟩")),
    ("five_year_plan", pattern(r"⟨five_year_plan_title⟩")),
    ("plan_report", pattern(r"⟨plan_report_title⟩")),
    ("work_report", pattern(r"⟨work_report_title⟩")),
)


@dataclass(frozen=True)
class Profile:
    """The facts about a report that every later stage relies on."""

    genre: str = "unknown"
    region: str = ""
    delivered_year: int | None = None
    review_year: int | None = None  # the year whose outcomes it reports
    plan_year: int | None = None  # the year whose targets it sets (None for a communiqué)
    review_span: str = ""  # a five-year span it reviews, "2016-2020"
    plan_span: str = ""  # a five-year span it plans, "2021-2025"
    partial: str = ""  # "stub", "abridged" (摘登), "excerpt" (no review part), "" for a whole text
    warnings: tuple[str, ...] = ()
    level: str = ""  # of the region: province, city, county or district
    title: str = ""  # the title line, or one made from these facts when the text has none


@dataclass(frozen=True)
class Source:
    """What the facts are read from: the title, the header's lines, the body's first characters."""

    title: str
    header: str  # the lines of the title block above the body (title, date line, speaker, issuer)
    head: str  # the first HEAD_CHARS characters of the body
    opening: str  # the text up to a little into the body, where the date line is
    headings: tuple[str, ...]
    publisher: str
    published: str
    chars: int  # of the body, read once

    @property
    def title_years(self) -> list[int]:
        return [int(y) for y in YEAR_RE.findall(compact(self.title))]

    @property
    def date_year(self) -> int | None:
        dates = date_years(compact(self.opening))
        return dates[0] if dates else None

    @property
    def pub_year(self) -> int | None:
        return int(self.published[:4]) if self.published[:4].isdigit() else None


@dataclass(frozen=True)
class Years:
    """The years of a report, and what was noticed while reading them."""

    delivered_year: int | None = None
    review_year: int | None = None
    plan_year: int | None = None
    warnings: tuple[str, ...] = field(default=())


def compact(text: str) -> str:
    """Text without whitespace, Markdown heading marks and footnote markers (a title broken by PDF)."""
    text = re.sub(r"\[\d{1,2}\]|［\d{1,2}］|<[^>]{0,80}>|[#*]", "", text)
    return re.sub(r"\s+", "", text)


# -- genre ------------------------------------------------------------------------------------------


def genre_of(title: str, head: str, header: str = "") -> str:
    """The genre named by the title, else by the header and first lines (not by a document they cite),
    else by what the text says: a speech's opening, or a statistics bureau's whole-year figures."""
    near = _QUOTED_TITLE.sub("", compact(header) + compact(head)[:600])
    for text in (compact(title), near):
        named = _genre_named(text)
        if named:
            return named
    if _SPEECH_GREETING.search(head) and _WORK_REPORT_WORD.search(head):
        return "work_report"
    if _WORK_REPORT_PHRASE.search(near):
        return "work_report"
    if _STATISTICS_ISSUER.search(compact(header) + compact(head)[:200]) and len(_WHOLE_YEAR.findall(head)) >= 2:
        return "communique"
    return "unknown"


def _genre_named(text: str) -> str:
    """The genre a title's words name, "" for none."""
    return next((genre for genre, rx in _GENRE_TITLES if rx.search(text)), "")


# -- years --------------------------------------------------------------------------------------------


def _consecutive(review: int | None, plan: int | None) -> tuple[int | None, int | None]:
    """The one rule of a yearly report's years: the plan year is the year after the one under review."""
    if review is not None:
        return review, plan_year_of(review)
    if plan is not None:
        return plan - 1, plan
    return None, None


def _phrase_year(rx: re.Pattern[str], text: str) -> int | None:
    """The year a phrase names (each phrase of the list has one group, the year)."""
    m = rx.search(text)
    return int(next(g for g in m.groups() if g)) if m else None


def _heading_years(headings: tuple[str, ...]) -> tuple[int | None, int | None]:
    """Years named in review headings and in plan headings (the first of each)."""
    review = plan = None
    for h in headings:
        m = YEAR_RE.search(h)
        if not m:
            continue
        y = int(m.group(1))
        if REVIEW_HEADING_RE.search(h) and review is None:
            review = y
        elif PLAN_HEADING_RE.search(h) and plan is None:
            plan = y
    return review, plan


def _work_report_years(src: Source) -> Years:
    """Delivered in N (its date line, a review heading's year + 1, its header, the year its targets are
    for, its publication); reviews N−1, plans N."""
    h_review, _ = _heading_years(src.headings)
    title_year = src.title_years[0] if src.title_years else None
    delivered = (
        src.date_year
        or (h_review + 1 if h_review else None)
        or title_year
        or _phrase_year(_PLAN_YEAR_PHRASE, compact(src.head))
        or src.pub_year
    )
    warnings: tuple[str, ...] = ()
    if title_year and delivered and title_year != delivered:
        warnings = (
            f"the header says {title_year}, but the text is the report delivered in {delivered} "
            f"(reviewing {delivered - 1}); read as {delivered}",
        )
    if delivered is None:
        return Years(warnings=warnings)
    review, plan = _consecutive(delivered - 1, None)
    return Years(delivered, review, plan, warnings)


def _plan_report_years(src: Source) -> Years:
    """Reviews N and plans N+1: from the title, else the headings, else the body's words; with none of them,
    from the date: a report that speaks of 明年 or 今年以来 was written in the year it reviews."""
    title, head = compact(src.title), compact(src.head)
    h_review, h_plan = _heading_years(src.headings)
    plan = _phrase_year(_PLAN_YEAR_PHRASE, title)
    # The title's first year is the one reviewed unless the title names it as the plan's (2022年计划草案的报告).
    first = src.title_years[0] if src.title_years else None
    review = _phrase_year(_REVIEW_YEAR_PHRASE, title) or (first if first != plan else None)
    review = review or h_review or _phrase_year(_REVIEW_YEAR_PHRASE, head)
    plan = plan or h_plan or _phrase_year(_PLAN_YEAR_PHRASE, head)
    written = src.date_year or src.pub_year
    if review is None and plan is None and written is not None:
        review = written if _WRITTEN_IN_REVIEW_YEAR_RE.search(head) else written - 1
    review, plan = _consecutive(review, plan)
    return Years(src.date_year or src.pub_year or plan, review, plan)


def _communique_years(src: Source) -> Years:
    """States N (its title, a title in its first lines, the body's first year), released in N+1; no plan year."""
    review = src.title_years[0] if src.title_years else None
    head = compact(src.head)[:600]
    if review is None and (m := _COMMUNIQUE_YEAR.search(compact(src.header) + head)):
        review = int(m.group(1))
    delivered = src.date_year or src.pub_year
    if review is None:
        review = _heading_years(src.headings)[0] or _first_year(src.head, delivered)
    if delivered is None and review is not None:
        delivered = review + 1
    if review is None and delivered is not None:
        review = delivered - 1
    return Years(delivered, review, None)


def _first_year(head: str, before: int | None) -> int | None:
    """The first year the body names (2023年，全市…), when it is not after the release."""
    m = YEAR_RE.search(head[:200])
    year = int(m.group(1)) if m else None
    return year if year is not None and (before is None or year <= before) else None


def _five_year_plan_years(src: Source, named: list[str]) -> Years:
    """Delivered in the first year of the span it plans; reviews the year before."""
    first = Period.parse(named[0]) if named else None
    delivered = first.start if first is not None else (src.date_year or src.pub_year)
    review, plan = _consecutive(delivered - 1 if delivered else None, None)
    return Years(delivered, review, plan)


def _unknown_years(src: Source) -> Years:
    h_review, h_plan = _heading_years(src.headings)
    review, plan = _consecutive(h_review or (src.title_years[0] if src.title_years else None), h_plan)
    return Years(
        src.date_year or src.pub_year,
        review,
        plan,
        ("genre not recognised (not a plan report, work report, communiqué or five-year plan)",),
    )


def _years(genre: str, src: Source, named: list[str]) -> Years:
    if genre == "work_report":
        return _work_report_years(src)
    if genre == "plan_report":
        return _plan_report_years(src)
    if genre == "communique":
        return _communique_years(src)
    if genre == "five_year_plan":
        return _five_year_plan_years(src, named)
    return _unknown_years(src)


# -- completeness -------------------------------------------------------------------------------------


def _is_stub(genre: str, chars: int, has_review: bool) -> bool:
    """A text too short to be the whole report: a few thousand characters and no review part, or
    hardly any text at all (a communiqué has no review part: only its length tells)."""
    if genre == "communique":
        return chars < STUB_CHARS_COMMUNIQUE
    return chars < TINY_CHARS or (chars < STUB_CHARS and not has_review)


def opens_at_plan(genre: str, head: str, headings: tuple[str, ...]) -> bool:
    """A work report saved without its review part: no review heading, and its first words (after the
    speech's opening) are the year's plan (今年政府工作的总体要求, 主要预期目标), before any review words."""
    if genre != "work_report" or any(REVIEW_HEADING_RE.search(h) for h in headings):
        return False
    body = _SPEECH_OPENING.sub("", compact(head))
    plan = _PLAN_OPENING.search(body[:OPENING_CHARS])
    if plan is None:
        return False
    review = _REVIEW_OPENING.search(body)
    return review is None or review.start() > plan.start()


def _partial(genre: str, src: Source) -> tuple[str, tuple[str, ...]]:
    """Whether the text is less than the whole report (abridged, an excerpt, a stub) and what to tell the reader."""
    chars = src.chars
    if _ABRIDGED.search(compact(src.title) + compact(src.header) + compact(src.head)[:300]):
        return "abridged", ("an abridged version (摘登/摘要): many figures of the full report are missing",)
    if opens_at_plan(genre, src.head, src.headings):
        return "excerpt", (
            "an excerpt with no review of the past year: the text opens at the year's plan, so its figures "
            "are read as the plan year's and the year under review has none",
        )
    if _is_stub(genre, chars, any(REVIEW_HEADING_RE.search(h) for h in src.headings)):
        return "stub", (f"a stub or summary ({chars} characters): few figures can be read",)
    if genre != "communique" and chars < STUB_CHARS:
        # A review part is there, so its figures are read and paired; the reader is told the text is short.
        return "", (f"a short text ({chars} characters), perhaps a summary: some figures may be missing",)
    return "", ()


# -- region and title ------------------------------------------------------------------------------------


def region_of(title: str, head: str, publisher: str = "", header: str = "") -> str:
    """The issuing region: the most specific place name of the title, else of the title block's lines (the
    date line, the speaker, the issuer), else of the publisher, else of the issuer named in the first lines;
    completed by its full form in the text (贵州 → 贵州省)."""
    name = place_in(compact(title))
    if not name:
        found = issuers_in(header.splitlines())
        name = found.most_common(1)[0][0] if found else ""
    name = name or place_in(compact(publisher))
    if not name:
        found = issuers_in(head.splitlines())
        name = found.most_common(1)[0][0] if found else ""
    return complete_name(name, header + head)


def made_title(genre: str, region: str, years: Years, plan_span: str) -> str:
    """A title as a reader would write it from the facts (某市2023年国民经济和社会发展统计公报), "" when the
    genre is not known."""

    def year(y: int | None) -> str:
        return f"{y}年" if y else ""

    if genre == "work_report":
        return f"{region}{year(years.delivered_year)}政府工作报告"
    if genre == "communique":
        return f"{region}{year(years.review_year)}国民经济和社会发展统计公报"
    if genre == "plan_report":
        plan = f"与{year(years.plan_year)}计划（草案）" if years.plan_year else ""
        return f"{region}{year(years.review_year)}国民经济和社会发展计划执行情况{plan}的报告"
    if genre == "five_year_plan":
        return f"{region}国民经济和社会发展五年规划纲要" + (f"（{plan_span}）" if plan_span else "")
    return ""


def _title(title: str, genre: str, region: str, years: Years, plan_span: str) -> tuple[str, tuple[str, ...]]:
    """The title line; when the text has none, one made from the facts, and a warning that says so."""
    if title:
        return title, ()
    made = made_title(genre, region, years, plan_span)
    if not made:
        return "", ("no title line found",)
    return made, (f"no title line found: the title “{made}” was made from the report's facts",)


# -- the facts, in order ----------------------------------------------------------------------------------


def read_profile(
    title: str,
    text: str,
    body_start: int = 0,
    headings: list[str] | None = None,
    publisher: str = "",
    published: str = "",
    body_chars: int | None = None,
    header_lines: list[str] | None = None,
) -> Profile:
    """Genre, region and its level, years, spans, completeness and title of a report, each by its own step."""
    src = Source(
        title=title,
        header="\n".join(header_lines or []),
        head=text[body_start : body_start + HEAD_CHARS],
        opening=text[: body_start + 800],
        headings=tuple(headings or ()),
        publisher=publisher,
        published=published,
        chars=body_chars if body_chars is not None else len(text) - body_start,
    )
    genre = genre_of(src.title, src.head, src.header)
    named = (spans_named(compact(title)) or spans_named(compact(src.head)[:600])) if genre == "five_year_plan" else []
    years = _years(genre, src, named)
    review_span, plan_span = spans(src.headings, years.delivered_year)
    if genre == "five_year_plan":
        review_span, plan_span = outline_spans(named, review_span, plan_span)
    partial, partial_warnings = _partial(genre, src)
    region = region_of(title, src.head, publisher, src.header)
    shown_title, title_warnings = _title(title, genre, region, years, plan_span)
    warnings = (*title_warnings, *years.warnings, *partial_warnings)
    if not region:
        warnings = (*warnings, "no issuing region found in the title or the first lines")
    return Profile(
        genre=genre,
        region=region,
        level=region_level(region, text),
        delivered_year=years.delivered_year,
        review_year=years.review_year,
        plan_year=years.plan_year,
        review_span=review_span,
        plan_span=plan_span,
        partial=partial,
        warnings=warnings,
        title=shown_title,
    )
