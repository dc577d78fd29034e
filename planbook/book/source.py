"""The source-text page's HTML: the whole report, every number read marked with its meaning, every
sentence an anchor that chapter tables link to (``source.html#s-<offset>``)."""

from __future__ import annotations

import bisect
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from planbook.book.markup import html_escape
from planbook.model import IndicatorRow, Report, Segmented, sentence_anchor
from planbook.numbers import file_number

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# A blank line between two line breaks of any kind (LF, CRLF, CR-only).
_BLANK_LINE = re.compile(r"(?:\r\n|\r|\n)[ \t\u3000]*(?:\r\n|\r|\n)")


def row_meaning(row: IndicatorRow) -> str:
    """One-line meaning of an extracted number, its fields as the CSV holds them (hover text)."""
    name = row.indicator or "?"
    if row.indicator_en:
        name += f" ({row.indicator_en})"
    parts = [name, row.measure, f"{file_number(row.value)} {row.unit}".strip()]
    if row.period is not None:
        parts.append(str(row.period))
    parts.append(row.kind)
    if row.qualifier:
        parts.append(row.qualifier)
    return " · ".join(p for p in parts if p)


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


def _lines(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[a:b]; LF, CRLF and CR-only line ends all end a line."""
    out, pos = [], a
    for m in _LINE_BREAK.finditer(text, a, b):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, b))
    return [(s, e) for s, e in out if text[s:e].strip()]


def _blocks(text: str, paragraphs: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Display blocks covering all non-blank text: segment paragraphs, then lines of the rest."""
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
            out.extend(_lines(text, pos, a))
        if b > a:
            out.append((a, b))
        pos = max(pos, b)
    return out


def _esc_block(s: str) -> str:
    return _LINE_BREAK.sub("<br>", html_escape(s))


def _anchor(point: int) -> str:
    return f'<span class="pb-anchor" id="{sentence_anchor(point)}"></span>'


@dataclass(frozen=True)
class _Layout:
    """Where the page's pieces go: sentence spans (never crossing), extra anchors, marks, headings.

    Marks never overlap and both lists are sorted, so the pieces of a stretch of text are found by
    bisection: the page costs time in proportion to the report, not to its square.
    """

    spans: list[tuple[int, int]]
    extra_points: list[int]
    marks: list[_Mark]
    mark_ends: list[int]
    heading_level: dict[int, int]

    def marks_within(self, a: int, b: int) -> Iterator[_Mark]:
        """The marks that overlap text[a:b], in order."""
        i = bisect.bisect_right(self.mark_ends, a)
        while i < len(self.marks) and self.marks[i].start < b:
            yield self.marks[i]
            i += 1

    def points_within(self, a: int, b: int) -> deque[int]:
        """The extra anchor points p with a <= p < b, in order."""
        pts = self.extra_points
        return deque(pts[bisect.bisect_left(pts, a) : bisect.bisect_left(pts, b)])


def _inline(text: str, a: int, b: int, layout: _Layout) -> str:
    """text[a:b] escaped, with marks (clipped to the range) and zero-width anchors at extra points."""
    out: list[str] = []
    pos = a
    pts = layout.points_within(a, b)
    for m in layout.marks_within(a, b):
        ms, me = max(m.start, a), min(m.end, b)
        if me <= ms or ms < pos:
            continue
        while pts and pts[0] <= ms:
            p = pts.popleft()
            out += [_esc_block(text[pos:p]), _anchor(p)]
            pos = p
        out.append(_esc_block(text[pos:ms]))
        out.append(
            f'<mark class="pb-num pb-{html_escape(m.kind)} pb-{html_escape(m.measure)}" '
            f'title="{html_escape(m.title)}">{_esc_block(text[ms:me])}</mark>'
        )
        pos = me
        while pts and pts[0] < me:
            pts.popleft()  # an anchor inside a number goes nowhere useful
    for p in pts:
        out += [_esc_block(text[pos:p]), _anchor(p)]
        pos = p
    out.append(_esc_block(text[pos:b]))
    return "".join(out)


def _layout(report: Report, rows: Sequence[IndicatorRow], segmented: Segmented | None) -> _Layout:
    if segmented and segmented.sentences:
        spans = sorted({(s.start, s.end) for s in segmented.sentences if s.end > s.start})
    else:
        spans = sorted({(r.sentence_start, r.sentence_end) for r in rows})
    # Drop spans overlapping an earlier one so that <span>s never cross.
    clean: list[tuple[int, int]] = []
    for s, e in spans:
        if e > s and (not clean or s >= clean[-1][1]):
            clean.append((s, e))
    starts = {s for s, _ in clean}
    headings = segmented.headings if segmented else []
    marks = _marks(rows, len(report.text))
    return _Layout(
        spans=clean,
        extra_points=sorted({r.sentence_start for r in rows} - starts),
        marks=marks,
        mark_ends=[m.end for m in marks],
        heading_level={h.start: h.level for h in headings},
    )


def _block_html(text: str, a: int, b: int, layout: _Layout, first: int) -> str:
    """One paragraph's inner HTML: sentences from ``layout.spans[first:]`` that start before ``b``."""
    parts: list[str] = []
    pos = a
    for j in range(first, len(layout.spans)):
        span_start, span_end = layout.spans[j]
        if span_start >= b:
            break
        s, e = max(span_start, a), min(span_end, b)
        if s < pos:
            continue
        parts.append(_inline(text, pos, s, layout))
        inner = _inline(text, s, e, layout)
        anchor = f' id="{sentence_anchor(s)}"' if s == span_start else ""
        parts.append(f'<span class="pb-sentence"{anchor}>{inner}</span>')
        pos = e
    parts.append(_inline(text, pos, b, layout))
    return "".join(parts)


def source_html(report: Report, rows: Sequence[IndicatorRow], segmented: Segmented | None = None) -> str:
    """The whole report as escaped HTML: numbers in <mark title=meaning>, sentences with ids.

    Sentences, paragraphs and headings come from ``planbook.text.segment``; without them the sentences
    are the rows' (sentence_start, sentence_end) spans. Every row's sentence_start gets an anchor
    either way, so links from chapter tables always land.
    """
    text, layout = report.text, _layout(report, rows, segmented)
    out = ['<div class="pb-source" lang="zh">']
    first = 0
    for a, b in _blocks(text, segmented.paragraphs if segmented else []):
        classes = ["pb-para"]
        if a < report.body_start or a >= report.body_stop:
            classes.append("pb-outside")
        if a in layout.heading_level:
            classes.append(f"pb-heading pb-level-{layout.heading_level[a]}")
        while first < len(layout.spans) and layout.spans[first][1] <= a:
            first += 1
        out.append(f'<p class="{" ".join(classes)}">{_block_html(text, a, b, layout, first)}</p>')
    out.append("</div>")
    return "\n".join(out)
