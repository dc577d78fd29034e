"""Cut a report into parts (一、), sections ((一)), paragraphs and sentences, all with offsets."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from planbook.model import Heading, Report, Segmented, Sentence
from planbook.spans import Spans
from planbook.text.numerals import cn_int
from planbook.vocabulary import pattern, words

_CN_DIGITS = "一二三四五六七八九十"
# A heading may carry Markdown marks (## 一、综合) when the text was converted from PDF.
_MARKS = r"[ \t\u3000]*(?:#{1,6}[ \t\u3000]*)?"
PART_RE = re.compile(rf"{_MARKS}([{_CN_DIGITS}]{{1,3}})、")
SECTION_RE = re.compile(rf"{_MARKS}[(（]([{_CN_DIGITS}]{{1,3}})[)）]")
# The parts and sections of an outline (纲要): 第一篇 / 第三章 / 第二部分 …, and 第一节, on a short line of their own.
CHAPTER_RE = pattern(rf"{_MARKS}第([{_CN_DIGITS}]{{1,3}})(⟨outline_part⟩|⟨outline_section⟩)[ \t\u3000]*")
_SECTION_WORDS = frozenset(words("outline_section"))
_CHAPTER_MAX = 40
# An unnumbered part heading: a short line naming a review or a plan (2015年工作回顾：, 2026年主要工作,
# “十四五”时期经济社会发展回顾, ## 2023年计划).
_UNNUMBERED_RE = pattern(r"⟨unnumbered_heading⟩")
_UNNUMBERED_MAX = 30
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACE_RE = re.compile(r"\s+")
_OPENERS = "“‘《（(「『【"
_CLOSERS = "”’》）)」』】"
# A line that ends like this is complete; anything else was wrapped (text converted from PDF).
_LINE_END = "。！？；;!?：:”’」）)…"
# Sentence ends (a run of stops), and list-item openers (一是, 二要 …) that start a new sentence after a comma:
# the comma or colon before one, where the new sentence starts. Both in one pass over the text; the pattern
# opens with the class of both marks, so that the search skips to them, and the mark just taken says which.
_STOPS = "。！？；;!?"
_COMMAS = "，,：:"
_CUT_RE = pattern(
    rf"[{_STOPS}{_COMMAS}](?:(?<=[{_STOPS}])[{_STOPS}]*[”’」』）)]*|(?<=[{_COMMAS}])(?=[{_CN_DIGITS}]{{1,2}}(?:⟨item_verb⟩)|——))"
)


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:stop] as (start, end) offsets, end excluding the line break.

    LF, CRLF and CR-only line ends all end a line, so the three give the same lines.
    """
    out = []
    pos = start
    lf_only = "\r" not in text  # then str.find finds each line end, faster than the pattern
    while pos < stop:
        if lf_only:
            end = text.find("\n", pos, stop)
            end, nxt = (stop, stop) if end < 0 else (end, end + 1)
        else:
            m = _LINE_BREAK.search(text, pos, stop)
            end, nxt = (stop, stop) if m is None else (m.start(), m.end())
        s, e = pos, end
        while s < e and text[s] in " \t\u3000\ufeff":
            s += 1
        while e > s and text[e - 1] in " \t\u3000":
            e -= 1
        if e > s:
            out.append((s, e))
        pos = nxt
    return out


def _heading(text: str, s: int, e: int) -> Heading | None:
    line = text[s:e]
    for level, rx in ((1, PART_RE), (2, SECTION_RE)):
        m = rx.match(line)
        if m:
            # An inline heading ("(一)深入推进…工程。围绕…") ends at its first full stop.
            stop = line.find("。")
            title_end = e if stop < 0 else s + stop
            return Heading(level, cn_int(m.group(1)) or 0, text[s + m.end() : title_end].strip(), s, title_end)
    m = CHAPTER_RE.match(line)
    if m and len(line) <= _CHAPTER_MAX and not re.search(r"[，,。；;！？!?]", line):
        level = 2 if m.group(2) in _SECTION_WORDS else 1
        return Heading(level, cn_int(m.group(1)) or 0, line[m.end() :].strip(), s, e)
    bare = line.lstrip("# \t\u3000").rstrip("：: \t\u3000")
    if len(bare) <= _UNNUMBERED_MAX and _UNNUMBERED_RE.search(bare) and not re.search(r"[，,。；;！？!?]", bare):
        return Heading(1, 0, bare, s, e)
    return None


def part_titles(text: str, start: int, stop: int) -> list[str]:
    """Titles of the part headings (一、…, or an unnumbered review/plan heading) of text[start:stop]."""
    return [h.title for _, _, h in _paragraphs(text, _lines(text, start, stop)) if h is not None and h.level == 1]


def _paragraphs(
    text: str, lines: list[tuple[int, int]], breaks: frozenset[int] = frozenset()
) -> list[tuple[int, int, Heading | None]]:
    """Merge lines wrapped mid-sentence (PDF text) into paragraphs; a heading starts a paragraph.

    A heading line stands alone; a heading run into its text ("(一)经济稳步恢复。全年…") opens a
    paragraph that goes on over wrapped lines like any other. A paragraph never goes on over a
    line start in ``breaks`` (where a repeated passage was left out).
    """
    paras: list[tuple[int, int, Heading | None]] = []
    cur: list[int] | None = None
    head: Heading | None = None
    k = 0
    while k < len(lines):
        s, e = lines[k]
        k += 1
        if s in breaks and cur:
            paras.append((cur[0], cur[1], head))
            cur, head = None, None
        if _NOTES_HEADING_RE.fullmatch(text[s:e]):
            if cur:
                paras.append((cur[0], cur[1], head))
            cur, head = None, None
            paras.append((s, e, None))  # 名词解释 stands alone: the notes below it are paragraphs of their own
            continue
        h = _heading(text, s, e)
        if h is not None:
            if cur:
                paras.append((cur[0], cur[1], head))
            cur, head = None, None
            whole_line = h.end == e
            # A word in quotes broken onto lines of its own (二、“ / 十四五 / ”时期…) belongs to the heading.
            while whole_line and k < len(lines) and (text[e - 1] in _OPENERS or text[lines[k][0]] in _CLOSERS):
                e = lines[k][1]
                k += 1
            if whole_line:
                if e != h.end:
                    h = Heading(h.level, h.number, h.title + _SPACE_RE.sub("", text[h.end : e]), h.start, e)
                paras.append((s, e, h))
                continue
            head = h
        if cur is None:
            cur = [s, e]
        else:
            cur[1] = e
        if text[e - 1] in _LINE_END:
            paras.append((cur[0], cur[1], head))
            cur, head = None, None
    if cur:
        paras.append((cur[0], cur[1], head))
    return paras


def _cuts(text: str, start: int, stop: int, hidden: tuple[tuple[int, int], ...] = ()) -> list[int]:
    """Where sentences may end in text[start:stop], in order: after a run of stops, and at an item opener
    after its comma. One pass over the whole body, not one per paragraph (no mark runs over a line break, so a
    paragraph's cuts are those inside it); a mark inside conversion markup (<!--) cuts nothing."""
    found = _CUT_RE.finditer(text, start, stop)  # in order, without overlaps: every cut once
    if not hidden:
        return [m.end() for m in found]
    # a stop mark stands at its start, an opener at its end
    marks = [(m.end() if text[m.start()] in _COMMAS else m.start(), m.end()) for m in found]
    starts, ends = _merged(hidden)
    return [cut for at, cut in marks if (k := bisect_right(starts, at) - 1) < 0 or at >= ends[k]]


def _merged(spans: tuple[tuple[int, int], ...]) -> tuple[list[int], list[int]]:
    """The starts and ends of the union of spans, in order (a position is looked up by bisection, not by a
    test of every span: a long text has thousands of page markers)."""
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(spans):
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _sentences(text: str, s: int, e: int, cuts: list[int]) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph, from the body's cuts."""
    inner = cuts[bisect_right(cuts, s) : bisect_left(cuts, e)]  # the paragraph's own bounds are cuts anyway
    spans = []
    a = s
    for b in [*inner, e]:
        while a < b and text[a] in " \t\r\n\u3000":
            a += 1
        if b > a:
            spans.append((a, b))
        a = b
    return spans


def segment(report: Report) -> Segmented:
    """Headings, paragraphs and sentences of the report body."""
    text = report.text
    seg = Segmented(report=report)
    part: Heading | None = None
    section: Heading | None = None
    lines = _lines(text, report.body_start, report.body_stop)
    breaks: frozenset[int] = frozenset()
    if report.repeats:
        # A passage that repeats earlier text (a page saved twice) is read once: its lines are left out,
        # and no paragraph runs over the gap.
        repeated, first_end = Spans(report.repeats), min(b for _, b in report.repeats)  # (logarithmic look-ups)
        kept = [(s, e) for s, e in lines if s not in repeated]
        breaks = frozenset(s for s, _ in kept if s >= first_end)
        lines = kept
    if report.hidden:
        lines = _visible(text, lines, report.hidden)
    notes = False
    cuts = _cuts(text, report.body_start, report.body_stop, report.hidden)
    for pi, (s, e, h) in enumerate(_paragraphs(text, lines, breaks)):
        if h is not None:
            seg.headings.append(h)
            if h.level == 1:
                part, section = h, None
                notes = False
            else:
                section = h
        elif _NOTES_HEADING_RE.fullmatch(text[s:e].strip()):
            notes = True  # 名词解释, 注释：… everything below explains words; nothing is a figure
        seg.paragraphs.append((s, e))
        note = notes or _NOTE_RE.match(text, s) is not None
        for a, b in _sentences(text, s, e, cuts):
            seg.sentences.append(Sentence(a, b, pi, part, section, note))
    return seg


# Notes: a heading that opens them, and a paragraph that is one ([1]…, 注：…).
_NOTES_HEADING_RE = pattern(r"[#\s]*⟨notes_heading⟩[：:]?")
_NOTE_RE = pattern(r"[ \t\u3000]*(?:\[\d{1,2}\]|［\d{1,2}］|(?:⟨footnote_word⟩)\s*\d{0,2}\s*[：:])")


def _visible(text: str, lines: list[tuple[int, int]], hidden: tuple[tuple[int, int], ...]) -> list[tuple[int, int]]:
    """Lines without the conversion markup at their ends; lines that are nothing but markup are dropped."""
    out = []
    k = 0
    for s, e in lines:
        while k < len(hidden) and hidden[k][1] <= s:
            k += 1
        j = k
        while j < len(hidden) and hidden[j][0] < e:
            a, b = hidden[j]
            if a <= s:
                s = max(s, b)
            elif b >= e:
                e = min(e, a)
            j += 1
        while s < e and text[s] in " \t\u3000":
            s += 1
        while e > s and text[e - 1] in " \t\u3000":
            e -= 1
        if e > s:
            out.append((s, e))
    return out
