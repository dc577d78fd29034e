"""What a report is, read from its text: genre, issuing region, and the years it was delivered, reviews and plans.

One place decides these facts; every later stage (periods of rows, headline figures, the landing
page, the plan and the audit) reads them from ``Report`` and so cannot disagree. The rules hold
across genres:

* a 政府工作报告 delivered in year N reviews N−1 and plans N, whatever its headings look like;
* a 计划执行情况报告 reviews N and plans N+1 (both years are in its title);
* a 统计公报 states year N (its title, even when broken over lines or footnoted), released in N+1;
* a 五年规划纲要 plans a five-year span (十四五 = 2021-2025) and reviews the one before.

The year of delivery comes from the speech's own date line (``——2021年2月19日在…会议上``,
``二〇一九年一月十四日``) when there is one, because collectors' headers and file names are
sometimes wrong; a header that disagrees with the body gives a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from planbook.vocabulary import pattern

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

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "0": 0, "Ｏ": 0, "O": 0, "o": 0,
             "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_YEAR = "[〇○零0ＯOo一二三四五六七八九]"
_MONTH_DAY = r"\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
DATE_RE = re.compile(rf"(?P<year>(?:19|20)\d{{2}}|{_CN_YEAR}{{4}})\s*年{_MONTH_DAY}")
# A date down to the month or the day, removed before place names are looked for (…1月在河北省…).
_DATE_PART_RE = re.compile(
    rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR}{{4}})年(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})月(?:(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})日)?"
)
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")

# Ordinal of a five-year plan in words (十四五, 第十四个五年规划) → its first year.
_FYP_RE = re.compile(
    r"[“\"]\s*([一二三四五六七八九十]{1,3})\s*五\s*[”\"]"
    r"|(?<![一二三四五六七八九十])([一二三四五六七八九十]{1,3})五(?=时期|规划|计划|期间|以来|末|目标|回顾)"
)
_FYP_LONG_RE = re.compile(r"第([一二三四五六七八九十]{1,3})个五年(?:规划|计划)")
PAST_FIVE_RE = re.compile(r"过去五年|五年来|本届政府")
NEXT_FIVE_RE = re.compile(r"今后五年|未来五年")

REVIEW_HEADING_RE = pattern(r"⟨review_heading⟩")
PLAN_HEADING_RE = pattern(r"⟨plan_heading⟩")

# A place name: Chinese characters before an administrative suffix, not followed by another suffix.
_SUFFIX = "特别行政区|自治区|自治州|自治县|自治旗|新区|省|市|区|县|旗|州|盟"
PLACE_RE = re.compile(rf"[\u4e00-\u9fff]{{1,10}}?(?:{_SUFFIX})(?![省市区县旗州盟])")
# Words that end in a suffix character but are no place, and words that may stand before a name.
NOT_PLACES = frozenset(
    "全区 全市 全县 全省 全州 本市 我市 我区 我县 我省 城市 地区 社区 园区 市区 城区 新区 辖区 景区 "
    "开发区 示范区 试验区 自贸区 保税区 高新区 经济区 行政区 片区 城乡 各省 各市 各区 各县 省市 市县 区县".split()
)
_LEAD_WORDS = re.compile(r"^(?:关于|在|对|全|本|我|各|年|度|的|和|与|及)+")
# Where the issuing body names itself: 河北省人民政府, 保定市第十六届人民代表大会, 成都市统计局.
_ISSUER_RE = re.compile(
    rf"((?:[\u4e00-\u9fff]{{1,10}}?(?:{_SUFFIX}))+)(?:人民政府|人民代表大会|第[一二三四五六七八九十]+届|统计局|发展和改革|发展改革|政府)"
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
    partial: str = ""  # "stub" (a few thousand characters: a summary) or "abridged" (摘登), "" for a whole text
    warnings: tuple[str, ...] = ()


def cn_year(s: str) -> int | None:
    """二〇一九 → 2019, 二0一九 → 2019, 2019 → 2019; None when it is not a year."""
    if s.isdigit() and len(s) == 4:
        return int(s)
    digits = [_CN_DIGIT.get(c) for c in s]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    year = int("".join(str(d) for d in digits))
    return year if 1949 <= year <= 2100 else None


def _cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 十四 → 14, 二十 → 20 (five-year plan ordinals)."""
    d = {c: i for c, i in _CN_DIGIT.items() if i}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + d.get(s[1], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return d.get(tens, 0) * 10 + (d.get(ones, 0) if ones else 0)
    return d.get(s, 0)


def five_year_span(ordinal: int) -> str:
    """The years of the N-th five-year plan (from the third, 1966-1970, they follow each other)."""
    if ordinal < 3:
        return ""
    start = 1966 + 5 * (ordinal - 3)
    return f"{start}-{start + 4}"


def spans_named(text: str) -> list[str]:
    """Five-year spans named in a text (十三五 → 2016-2020), in order of appearance."""
    found: list[tuple[int, str]] = []
    for rx in (_FYP_RE, _FYP_LONG_RE):
        for m in rx.finditer(text):
            span = five_year_span(_cn_number(next(g for g in m.groups() if g)))
            if span:
                found.append((m.start(), span))
    return [s for _, s in sorted(found)]


def compact(text: str) -> str:
    """Text without whitespace, Markdown heading marks and footnote markers (a title broken by PDF)."""
    text = re.sub(r"\[\d{1,2}\]|［\d{1,2}］|<[^>]{0,80}>|[#*]", "", text)
    return re.sub(r"\s+", "", text)


def genre_of(title: str, head: str) -> str:
    """The genre named by the title, else by the first lines of the text."""
    for text in (compact(title), compact(head)[:600]):
        if "统计公报" in text:
            return "communique"
        if re.search(r"五年规划.{0,20}纲要|五年规划纲要", text):
            return "five_year_plan"
        if re.search(r"计划执行情况|计划\(?（?草案", text):
            return "plan_report"
        if "政府工作报告" in text:
            return "work_report"
    if re.search(r"各位代表", head) and re.search(r"政府工作|报告工作|作工作报告", head):
        return "work_report"
    return "unknown"


def _date_years(head: str) -> list[int]:
    years = []
    for m in DATE_RE.finditer(head):
        y = cn_year(m.group("year"))
        if y is not None:
            years.append(y)
    return years


def region_of(title: str, head: str, publisher: str = "") -> str:
    """The issuing region: the most specific place name of the title, else of the issuer lines."""
    for source in (title, publisher):
        name = _place_in(_DATE_PART_RE.sub("", compact(source)))
        if name:
            return name
    issuers: Counter[str] = Counter()
    for m in _ISSUER_RE.finditer(_DATE_PART_RE.sub("", compact(head))):
        name = _place_in(m.group(1))
        if name:
            issuers[name] += 1
    return issuers.most_common(1)[0][0] if issuers else ""


def _place_in(text: str) -> str:
    """The last (most specific) place name of the first run of place names in text."""
    names: list[str] = []
    prev_end = 0
    for m in PLACE_RE.finditer(text):
        name = _LEAD_WORDS.sub("", m.group())
        # Strip words glued before the name: 政府工作报告在河北省 → 河北省 (keep the last plausible name).
        name = re.sub(r"^.*?(?:报告|会议|公报|纲要|草案|执行情况|计划)", "", name)
        if len(name) < 2 or name in NOT_PLACES or name[:-1] in ("", "本", "我"):
            if names:
                break
            continue
        if names and m.start() != prev_end:
            break
        names.append(name)
        prev_end = m.end()
    return names[-1] if names else ""


def _heading_years(headings: list[str]) -> tuple[int | None, int | None]:
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


def _spans(headings: list[str], head: str, delivered: int | None) -> tuple[str, str]:
    """Five-year spans reviewed and planned, from headings (十三五 …, 过去五年, 今后五年)."""
    review_span = plan_span = ""
    for h in headings:
        h = re.split(r"[，。；\s]", h, maxsplit=1)[0][:30]  # a heading run into its paragraph
        named = spans_named(h)
        if REVIEW_HEADING_RE.search(h) or "回顾" in h:
            if named and not review_span:
                review_span = named[0]
            elif not review_span and delivered and PAST_FIVE_RE.search(h):
                review_span = f"{delivered - 5}-{delivered - 1}"
        elif PLAN_HEADING_RE.search(h) or named:
            if named and not plan_span:
                plan_span = named[-1]
            elif not plan_span and delivered and NEXT_FIVE_RE.search(h):
                plan_span = f"{delivered}-{delivered + 4}"
    return review_span, plan_span


def _is_stub(genre: str, chars: int, has_review: bool) -> bool:
    """A text too short to be the whole report: a few thousand characters and no review part, or
    hardly any text at all (a communiqué has no review part: only its length tells)."""
    if genre == "communique":
        return chars < STUB_CHARS_COMMUNIQUE
    return chars < TINY_CHARS or (chars < STUB_CHARS and not has_review)


def read_profile(
    title: str,
    text: str,
    body_start: int = 0,
    headings: list[str] | None = None,
    publisher: str = "",
    published: str = "",
    body_chars: int | None = None,
) -> Profile:
    """Genre, region and years of a report from its title, its first lines and its part headings."""
    headings = headings or []
    head = text[body_start : body_start + HEAD_CHARS]
    genre = genre_of(title, head)
    title_years = [int(y) for y in YEAR_RE.findall(compact(title))]
    if not title_years and genre == "communique":
        m = re.search(r"((?:19|20)\d{2})年.{0,24}?统计公报", compact(head)[:600])
        title_years = [int(m.group(1))] if m else []
    dates = _date_years(compact(text[: body_start + 800]))
    date_year = dates[0] if dates else None
    pub_year = int(published[:4]) if published[:4].isdigit() else None
    h_review, h_plan = _heading_years(headings)
    warnings: list[str] = []

    delivered = review = plan = None
    if genre == "work_report":
        delivered = date_year or (h_review + 1 if h_review else None) or (title_years[0] if title_years else None)
        delivered = delivered or pub_year
        if delivered:
            review, plan = delivered - 1, delivered
        if title_years and delivered and title_years[0] != delivered:
            warnings.append(
                f"the header says {title_years[0]}, but the text is the report delivered in {delivered} "
                f"(reviewing {delivered - 1}); read as {delivered}"
            )
    elif genre == "plan_report":
        review = title_years[0] if title_years else h_review
        plan = title_years[1] if len(title_years) > 1 else (h_plan or (review + 1 if review else None))
        delivered = date_year or pub_year or plan
    elif genre == "communique":
        review = title_years[0] if title_years else h_review
        delivered = date_year or pub_year or (review + 1 if review else None)
    elif genre == "five_year_plan":
        spans = spans_named(compact(title)) or spans_named(compact(head)[:600])
        plan_span = spans[0] if spans else ""
        delivered = int(plan_span[:4]) if plan_span else (date_year or pub_year)
        review = delivered - 1 if delivered else None
        plan = delivered
    else:
        review = h_review or (title_years[0] if title_years else None)
        plan = h_plan or (review + 1 if review else None)
        delivered = date_year or pub_year
        warnings.append("genre not recognised (not a plan report, work report, communiqué or five-year plan)")

    review_span, plan_span = _spans(headings, head, delivered)
    if genre == "five_year_plan":
        spans = spans_named(compact(title)) or spans_named(compact(head)[:600])
        plan_span = spans[0] if spans else plan_span
        if plan_span and not review_span:
            start = int(plan_span[:4]) - 5
            review_span = f"{start}-{start + 4}"
    chars = body_chars if body_chars is not None else len(text) - body_start
    partial = ""
    if re.search(r"摘登|摘要|要点", compact(title) + compact(head)[:300]):
        partial = "abridged"
        warnings.append("an abridged version (摘登/摘要): many figures of the full report are missing")
    elif _is_stub(genre, chars, any(REVIEW_HEADING_RE.search(h) for h in headings)):
        partial = "stub"
        warnings.append(f"a stub or summary ({chars} characters): few figures can be read")
    elif genre != "communique" and chars < STUB_CHARS:
        # A review part is there, so its figures are read and paired; the reader is told the text is short.
        warnings.append(f"a short text ({chars} characters), perhaps a summary: some figures may be missing")
    region = region_of(title, head, publisher)
    if not region:
        warnings.append("no issuing region found in the title or the first lines")
    return Profile(genre, region, delivered, review, plan, review_span, plan_span, partial, tuple(warnings))
