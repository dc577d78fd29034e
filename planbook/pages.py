"""Generated book pages besides the chapters: landing, source text, data, method, glossary, book index.

Every function here is pure: it returns MyST markdown as a string and writes nothing; ``build.py``
decides where the text goes and writes it atomically. Report text never reaches the page as
markdown: it is HTML-escaped inside ``{raw} html`` blocks, or markdown-escaped in headings.
"""

from __future__ import annotations

import csv
import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from planbook.model import (
    COLUMNS,
    KINDS,
    MEASURES,
    QUALIFIERS,
    IndicatorRow,
    Report,
    Sentence,
    sentence_anchor,
    source_link,
)

MEASURE_DOC: dict[str, str] = {
    "level": "an amount in its unit (341.21亿元 of GDP, 1.2万人 employed)",
    "change_pct": "change on the previous period in per cent (同比增长4.5% → 4.5, 下降 → negative)",
    "change_pp": "change of a rate or share in percentage points (提高1.4个百分点)",
    "change_abs": "change as an amount in the indicator's unit (增加2000户)",
    "gap_pp": "distance to a benchmark in percentage points (高于全市平均水平1.4个百分点)",
    "rank": "a place in a ranking (全市排名第2位 → 2)",
    "share_pct": "a part of a whole in per cent (占比59.1%)",
    "ratio_pct": "a rate that is not a share: completion, coverage, compliance rates (达标率100%)",
}

KIND_DOC: dict[str, str] = {
    "actual": "what happened in the year under review (完成, 实现, 增长 …)",
    "target": "what the plan aims at (预期, 目标, 力争, 控制在 …)",
}

QUALIFIER_DOC: dict[str, str] = {
    "approx": "about (约, 左右)",
    "lower_bound": "at least / more than (以上, 超过)",
    "upper_bound": "at most / within (以内, 以下, 不超过)",
    "estimate": "estimated (预计)",
    "before": "the value before a change (由…)",
    "after": "the value after a change (…提高到…)",
    "range_low": "the low end of a range (5%-6% → 5)",
    "range_high": "the high end of a range (5%-6% → 6)",
}

COLUMN_DOC: dict[str, str] = {
    "report": "report id",
    "start": "offset of the number in the report text (characters)",
    "end": "offset just after the number",
    "text": "the number as written, report.text[start:end]",
    "indicator": "indicator name in Chinese, as the report calls it",
    "indicator_en": "indicator name in English (glossary)",
    "period": "year the figure refers to",
    "kind": "actual or target",
    "measure": "what kind of number it is (see Method)",
    "value": "the number, signed (declines are negative)",
    "unit": "unit as written (亿元, %, 个百分点 …)",
    "scale": "multiplier of the unit's 万/亿 prefix",
    "value_scaled": "value × scale",
    "unit_scaled": "unit without the prefix",
    "qualifier": "about / at least / range end … (see Method)",
    "chapter": "book chapter the row belongs to",
    "part": "report part heading (一、…)",
    "section": "report section heading ((一)…)",
    "sentence_start": "offset of the sentence holding the number",
    "sentence_end": "offset just after that sentence",
    "sentence": "the sentence holding the number",
}

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|$~^:&=@%\"'])")
_BLANK_LINE = re.compile(r"\n[ \t\r\u3000]*\n")


def md_escape(text: str) -> str:
    """Text safe for a markdown line: every ASCII punctuation backslash-escaped, newlines removed."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


def html_escape(text: str) -> str:
    """HTML-escaped text that also survives a MyST ``{raw}`` block (no backticks, no braces)."""
    return (
        html.escape(str(text), quote=True)
        .replace("`", "&#96;")
        .replace("{", "&#123;")
        .replace("}", "&#125;")
    )


def _table_cell(text: object) -> str:
    return md_escape("" if text is None else str(text))


def format_value(value: float) -> str:
    """A number as people write it: 341.21, -4.5, 2000 (no 2000.0, no exponent)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return format(float(value), ".12g")


def row_meaning(row: IndicatorRow) -> str:
    """One-line meaning of an extracted number (title attribute on the source page)."""
    name = row.indicator or "?"
    if row.indicator_en:
        name += f" ({row.indicator_en})"
    parts = [name, row.measure, f"{format_value(row.value)} {row.unit}".strip()]
    if row.period is not None:
        parts.append(str(row.period))
    parts.append(row.kind)
    if row.qualifier:
        parts.append(row.qualifier)
    return " · ".join(p for p in parts if p)


def _raw_html(markup: str) -> str:
    # The content has no backticks (html_escape), so a three-backtick fence cannot end early.
    return "```{raw} html\n" + markup + "\n```\n"


# --------------------------------------------------------------------------------------------
# Source text


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    title: str
    kind: str
    measure: str


def _marks(rows: Iterable[IndicatorRow], text_len: int) -> list[_Mark]:
    """One mark per distinct number span; rows sharing or nesting in a span share its title."""
    by_span: dict[tuple[int, int], list[IndicatorRow]] = {}
    for r in rows:
        if 0 <= r.start < r.end <= text_len:
            by_span.setdefault((r.start, r.end), []).append(r)
    marks: list[_Mark] = []
    for (s, e), group in sorted(by_span.items(), key=lambda kv: (kv[0][0], -kv[0][1])):
        title = "\n".join(row_meaning(r) for r in group)
        if marks and s < marks[-1].end:
            # Overlaps the previous mark: fold the meaning into it rather than nest <mark>s.
            last = marks[-1]
            merged = last.title + "\n" + title
            marks[-1] = _Mark(last.start, max(last.end, e), merged, last.kind, last.measure)
            continue
        marks.append(_Mark(s, e, title, group[0].kind, group[0].measure))
    return marks


def _blocks(report: Report, paragraphs: Sequence[tuple[int, int]] | None) -> list[tuple[int, int]]:
    """Display blocks covering all non-blank text: segment paragraphs, then lines of the rest."""
    text = report.text
    if not paragraphs:
        out, pos = [], 0
        for m in _BLANK_LINE.finditer(text):
            out.append((pos, m.start()))
            pos = m.end()
        out.append((pos, len(text)))
        return [(a, b) for a, b in out if text[a:b].strip()]
    covered = sorted((a, b) for a, b in paragraphs if b > a)
    out, pos = [], 0
    for a, b in [*covered, (len(text), len(text))]:
        if a > pos:
            line_start = pos
            for line in text[pos:a].split("\n"):
                ls, le = line_start, line_start + len(line)
                if line.strip():
                    out.append((ls, le))
                line_start = le + 1
        if b > a:
            out.append((a, b))
        pos = max(pos, b)
    return out


def _inline(text: str, a: int, b: int, marks: list[_Mark], points: list[int]) -> str:
    """text[a:b] escaped, with marks (clipped to the range) and zero-width anchors at points."""
    out: list[str] = []
    pos = a
    pts = [p for p in points if a <= p < b]
    for m in marks:
        ms, me = max(m.start, a), min(m.end, b)
        if me <= ms or ms < pos:
            continue
        while pts and pts[0] <= ms:
            p = pts.pop(0)
            out.append(_esc_block(text[pos:p]))
            out.append(f'<span class="pb-anchor" id="{sentence_anchor(p)}"></span>')
            pos = p
        out.append(_esc_block(text[pos:ms]))
        out.append(
            f'<mark class="pb-num pb-{html_escape(m.kind)} pb-{html_escape(m.measure)}" '
            f'title="{html_escape(m.title)}">{_esc_block(text[ms:me])}</mark>'
        )
        pos = me
        pts = [p for p in pts if p >= me]  # an anchor inside a number goes nowhere useful
    for p in pts:
        out.append(_esc_block(text[pos:p]))
        out.append(f'<span class="pb-anchor" id="{sentence_anchor(p)}"></span>')
        pos = p
    out.append(_esc_block(text[pos:b]))
    return "".join(out)


def _esc_block(s: str) -> str:
    return html_escape(s).replace("\r", "").replace("\n", "<br>")


def source_html(
    report: Report,
    rows: Sequence[IndicatorRow],
    sentences: Sequence[Sentence] | None = None,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    headings: Iterable[tuple[int, int, int]] = (),
) -> str:
    """The whole report as escaped HTML: numbers in <mark title=meaning>, sentences with ids.

    ``sentences`` come from ``planbook.segment``; without them the sentences are the rows'
    (sentence_start, sentence_end) spans. Every row's sentence_start gets an anchor either way, so
    links from chapter tables (``source.html#s-<start>``) always land. ``headings`` are
    (start, end, level) spans shown as headings.
    """
    text = report.text
    if sentences:
        spans = sorted({(s.start, s.end) for s in sentences if s.end > s.start})
    else:
        spans = sorted({(r.sentence_start, r.sentence_end) for r in rows})
    spans = [(s, e) for s, e in spans if e > s]
    # Drop spans overlapping an earlier one so that <span>s never cross.
    clean: list[tuple[int, int]] = []
    for s, e in spans:
        if not clean or s >= clean[-1][1]:
            clean.append((s, e))
    starts = {s for s, _ in clean}
    extra_points = sorted({r.sentence_start for r in rows} - starts)
    marks = _marks(rows, len(text))
    heading_level = {s: level for s, _, level in headings}
    body_start, body_stop = report.body_start, report.body_stop

    out = ['<div class="pb-source" lang="zh">']
    si = 0
    for a, b in _blocks(report, paragraphs):
        classes = ["pb-para"]
        if a < body_start or a >= body_stop:
            classes.append("pb-outside")
        if a in heading_level:
            classes.append(f"pb-heading pb-level-{heading_level[a]}")
        parts: list[str] = []
        pos = a
        while si < len(clean) and clean[si][1] <= a:
            si += 1
        j = si
        while j < len(clean) and clean[j][0] < b:
            s, e = clean[j]
            s, e = max(s, a), min(e, b)
            if s < pos:
                j += 1
                continue
            parts.append(_inline(text, pos, s, marks, extra_points))
            inner = _inline(text, s, e, marks, [p for p in extra_points if p != s])
            if s == clean[j][0]:
                parts.append(f'<span class="pb-sentence" id="{sentence_anchor(s)}">{inner}</span>')
            else:
                parts.append(f'<span class="pb-sentence">{inner}</span>')
            pos = e
            j += 1
        parts.append(_inline(text, pos, b, marks, extra_points))
        out.append(f'<p class="{" ".join(classes)}">{"".join(parts)}</p>')
    out.append("</div>")
    return "\n".join(out)


def source_page(
    report: Report,
    rows: Sequence[IndicatorRow],
    sentences: Sequence[Sentence] | None = None,
    paragraphs: Sequence[tuple[int, int]] | None = None,
    headings: Iterable[tuple[int, int, int]] = (),
) -> str:
    """MyST page ``source.md``: the report text with highlighted numbers and sentence anchors."""
    n_numbers = len({(r.start, r.end) for r in rows})
    return (
        f"({report.id}-source)=\n"
        f"# Source text\n\n"
        f"The whole report *{md_escape(report.title or report.id)}* as published "
        f"({md_escape(Path(report.path).name)}, {md_escape(report.encoding)}). "
        f"The {n_numbers} numbers the extractor read are highlighted: "
        "hover over one to see what it was read as (indicator · measure · value unit · year · kind); "
        "targets are underlined. Chapter tables link to the sentence each number comes from. "
        "Greyed lines lie outside the report body (title lines, web-page residue).\n\n"
        + _raw_html(source_html(report, rows, sentences, paragraphs, headings))
    )


# --------------------------------------------------------------------------------------------
# Landing page


@dataclass(frozen=True)
class Headline:
    """One headline figure: a level and, when the same sentence gives it, its change."""

    label: str
    value: str
    change: str
    sentence_start: int
    title: str


def headline_figures(rows: Sequence[IndicatorRow], year: int | None, limit: int = 4) -> list[Headline]:
    """The first actual levels of distinct indicators (overview chapter first), with their change."""
    levels = [
        r
        for r in rows
        if r.measure == "level" and r.kind == "actual" and (year is None or r.period in (year, None))
    ]
    levels.sort(key=lambda r: (r.chapter != "overview", r.start))
    picked: list[Headline] = []
    seen: set[str] = set()
    for r in levels:
        name = r.indicator or r.indicator_en
        if not name or name in seen:
            continue
        seen.add(name)
        change = next(
            (
                c
                for c in rows
                if c.sentence_start == r.sentence_start
                and c.start > r.start
                and c.indicator == r.indicator
                and c.measure in ("change_pct", "change_pp")
            ),
            None,
        )
        change_text = ""
        if change is not None:
            sign = "+" if change.value > 0 else "−" if change.value < 0 else "±"
            change_text = f"{sign}{format_value(abs(change.value))}{change.unit}"
        picked.append(
            Headline(
                label=name,
                value=f"{format_value(r.value)} {r.unit}".strip(),
                change=change_text,
                sentence_start=r.sentence_start,
                title=row_meaning(r),
            )
        )
        if len(picked) >= limit:
            break
    return picked


def _headline_html(figures: Sequence[Headline]) -> str:
    cards = []
    for f in figures:
        change = ""
        if f.change:
            cls = "pb-down" if f.change.startswith("−") else "pb-up"
            change = f'<span class="pb-change {cls}">{html_escape(f.change)}</span>'
        cards.append(
            f'<a class="pb-card" href="{html_escape(source_link(f.sentence_start))}" '
            f'title="{html_escape(f.title)}">'
            f'<span class="pb-label">{html_escape(f.label)}</span>'
            f'<span class="pb-value">{html_escape(f.value)}</span>{change}</a>'
        )
    return '<div class="pb-headlines">' + "".join(cards) + "</div>"


def landing_page(
    report: Report,
    rows: Sequence[IndicatorRow],
    chapters: Sequence[str],
    extra_pages: Sequence[str] = ("source", "data", "method"),
) -> str:
    """MyST page ``index.md`` of a report: what it is, headline figures, how to read the book."""
    meta = [
        ("Region", report.region),
        ("Year under review", "" if report.year is None else str(report.year)),
        ("Published by", report.publisher),
        ("Published", report.published),
        ("Source file", Path(report.path).name),
        ("Numbers read", str(len(rows))),
    ]
    lines = [
        f"({report.id}-index)=",
        f"# {md_escape(report.title or report.id)}",
        "",
        "| | |",
        "|---|---|",
    ]
    lines += [f"| {k} | {_table_cell(v) or '—'} |" for k, v in meta]
    lines.append("")
    figures = headline_figures(rows, report.year)
    if figures:
        lines += ["## Headline figures", "", _raw_html(_headline_html(figures))]
    lines += [
        "## How to read this book",
        "",
        "Each chapter gathers the numbers of one field (industry, investment, livelihoods …) from the "
        "report into tables and charts. Every number was read from the report text by a program, "
        "not typed by hand: each table row links to the sentence it comes from on the "
        "{doc}`source text <source>` page, where every number read is highlighted. "
        "Declines are negative; targets (planned figures) are kept apart from actual results. "
        "The {doc}`method <method>` page says how numbers are read and how well the reading "
        "scores against a hand-checked sample; the {doc}`data <data>` page has the tables as CSV.",
        "",
    ]
    if chapters:
        lines += ["Chapters:", ""]
        lines += [f"- {{doc}}`{c}`" for c in chapters]
        lines.append("")
    lines += [f"- {{doc}}`{p}`" for p in extra_pages]
    lines.append("")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Data, method, glossary, book index


def _count_rows(path: Path) -> int | None:
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return max(sum(1 for _ in csv.reader(f)) - 1, 0)
    except (OSError, UnicodeDecodeError, csv.Error):
        return None


def data_page(report: Report, data_files: Sequence[Path], page_dir: Path) -> str:
    """MyST page ``data.md``: every data file of the report as a download, and the columns."""
    import os

    lines = [
        f"({report.id}-data)=",
        "# Data",
        "",
        "The tables behind this book, one row per number read from the report. "
        "Offsets count characters of the report text, so `text` equals the report's text between "
        "`start` and `end`.",
        "",
    ]
    if not data_files:
        lines += ["No data files were written for this report.", ""]
    for p in data_files:
        rel = Path(os.path.relpath(p, page_dir)).as_posix()
        n = _count_rows(p) if p.suffix.lower() == ".csv" else None
        count = f" — {n} rows" if n is not None else ""
        lines.append(f"- {{download}}`{md_escape(p.name)} <{rel}>`{count}")
    lines += ["", "## Columns", "", "| column | meaning |", "|---|---|"]
    lines += [f"| `{c}` | {_table_cell(COLUMN_DOC.get(c, ''))} |" for c in COLUMNS]
    lines.append("")
    return "\n".join(lines)


def gold_scores(report: Report, rows: Sequence[IndicatorRow], gold_path: Path | None):
    """Score the rows against a gold table with ``planbook.evaluate`` (None without gold)."""
    if gold_path is None or not gold_path.is_file():
        return None
    import pandas as pd

    from planbook import evaluate

    pred = pd.DataFrame([r.as_dict() for r in rows], columns=list(COLUMNS))
    return evaluate.evaluate(evaluate.read_table(gold_path), pred)


def method_page(report: Report, rows: Sequence[IndicatorRow], scores=None, gold_name: str = "") -> str:
    """MyST page ``method.md``: how numbers are read, the vocabularies, the gold score."""
    lines = [
        f"({report.id}-method)=",
        "# Method",
        "",
        "## How numbers are read",
        "",
        "The report is cut into parts (一、), sections ((一)), paragraphs and sentences. In each "
        "sentence every number with a unit is found (Chinese numerals and 万/亿 prefixes included) "
        "and read as one row: the indicator it measures (the nearest name before it), the year, "
        "whether it is an actual result or a target, what kind of number it is (the *measure*), "
        "its value with sign (下降/减少 give negative changes) and unit. The row keeps the offsets "
        "of the number in the report, so every figure in the book can be traced back to the "
        "sentence it came from. Each row is then filed under a chapter by keywords of its "
        "indicator and section.",
        "",
        "## Measures",
        "",
        "| measure | meaning |",
        "|---|---|",
    ]
    lines += [f"| `{m}` | {_table_cell(MEASURE_DOC.get(m, ''))} |" for m in MEASURES]
    lines += ["", "## Kinds", "", "| kind | meaning |", "|---|---|"]
    lines += [f"| `{k}` | {_table_cell(KIND_DOC.get(k, ''))} |" for k in KINDS]
    lines += ["", "## Qualifiers", "", "| qualifier | meaning |", "|---|---|"]
    lines += [f"| `{q}` | {_table_cell(QUALIFIER_DOC.get(q, ''))} |" for q in QUALIFIERS]
    lines += ["", "## Score against a hand-checked sample", ""]
    if scores is None:
        lines += [
            "There is no hand-labelled (gold) table for this report, so its reading is not scored. "
            f"This build read {len(rows)} numbers.",
            "",
        ]
    else:
        lines += [
            f"The rows read for this report were compared with a hand-labelled table "
            f"({md_escape(gold_name)}): a row matches when it has the same offset, measure, unit and "
            "value as a gold row.",
            "",
            "| precision | recall | F1 | matched | read | gold |",
            "|---|---|---|---|---|---|",
            f"| {scores.precision:.3f} | {scores.recall:.3f} | {scores.f1:.3f} | "
            f"{scores.matched} | {scores.predicted} | {scores.gold} |",
            "",
        ]
        per = getattr(scores, "per_measure", None)
        if per is not None and len(per):
            lines += ["| measure | gold | matched | read |", "|---|---|---|---|"]
            for r in per.itertuples():
                lines.append(f"| `{r.measure}` | {r.gold} | {r.matched} | {r.predicted} |")
            lines.append("")
    return "\n".join(lines)


def read_glossary(path: Path) -> list[dict[str, str]]:
    """Rows of ``data/glossary.csv`` (zh, en[, note]); empty when the file is missing or unreadable."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return [
                {k: (v or "").strip() for k, v in row.items() if k}
                for row in csv.DictReader(f)
                if (row.get("zh") or "").strip()
            ]
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def glossary_page(entries: Sequence[dict[str, str]]) -> str:
    """MyST page ``glossary.md``: Chinese terms and their English names."""
    lines = ["(glossary)=", "# Glossary", ""]
    if not entries:
        return "\n".join([*lines, "No glossary is available (data/glossary.csv is missing or empty).", ""])
    lines += [
        "Chinese terms of the reports and the English names used in this book.",
        "",
        "| 中文 | English | note |",
        "|---|---|---|",
    ]
    for e in sorted(entries, key=lambda e: e["zh"]):
        cells = (e["zh"], e.get("en", ""), e.get("note", ""))
        lines.append("| " + " | ".join(_table_cell(c) for c in cells) + " |")
    lines.append("")
    return "\n".join(lines)


def index_page(reports: Sequence[Report], title: str = "planbook") -> str:
    """MyST root page of the book: what the book is and which reports it holds."""
    lines = [
        f"# {md_escape(title)}",
        "",
        "Analytical readings of Chinese local-government economic reports. Every figure in these "
        "pages was read from the report text by a program and links back to the sentence it came "
        "from.",
        "",
        "Reports in this book:",
        "",
    ]
    for r in reports:
        bits = [b for b in (r.region, str(r.year) if r.year else "", r.publisher) if b]
        extra = f" — {md_escape(', '.join(bits))}" if bits else ""
        lines.append(f"- {{doc}}`{md_escape(r.title or r.id)} <{r.id}/index>`{extra}")
    lines += ["", "See also the {doc}`glossary`.", ""]
    return "\n".join(lines)


CSS = """\
/* planbook: source-text page and landing cards */
.pb-source { line-height: 1.9; }
.pb-source .pb-para { margin: 0 0 0.8em 0; }
.pb-source .pb-outside { color: #888; font-size: 0.9em; }
.pb-source .pb-heading { font-weight: 600; }
.pb-source .pb-level-1 { font-size: 1.1em; margin-top: 1.2em; }
.pb-source .pb-sentence:target, .pb-source .pb-anchor:target + * {
  background: #fff3bf; outline: 2px solid #f2c94c; }
.pb-source mark.pb-num { background: #dbeafe; color: inherit; padding: 0 1px; border-radius: 2px; }
.pb-source mark.pb-target { background: #ede9fe; text-decoration: underline dotted; }
.pb-headlines { display: flex; flex-wrap: wrap; gap: 0.8rem; margin: 0.5rem 0 1.5rem 0; }
.pb-card { display: flex; flex-direction: column; min-width: 10rem; padding: 0.7rem 1rem;
  border: 1px solid #ddd; border-radius: 6px; text-decoration: none !important; color: inherit !important; }
.pb-card .pb-label { font-size: 0.85em; color: #555; }
.pb-card .pb-value { font-size: 1.35em; font-weight: 600; }
.pb-card .pb-change.pb-down { color: #b91c1c; }
.pb-card .pb-change.pb-up { color: #15803d; }
.planbook-vega { width: 100%; overflow-x: auto; }
"""

FAVICON_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">\
<rect width="16" height="16" rx="3" fill="#1d4ed8"/>\
<rect x="3" y="8" width="2.5" height="5" fill="#fff"/><rect x="6.75" y="5" width="2.5" height="8" fill="#fff"/>\
<rect x="10.5" y="3" width="2.5" height="10" fill="#fff"/></svg>
"""
