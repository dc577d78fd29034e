"""Cut a report into parts (一、), sections ((一)), paragraphs and sentences, all with offsets."""

from __future__ import annotations

import re

from planbook.model import Heading, Report, Segmented, Sentence

_CN_DIGITS = "一二三四五六七八九十"
PART_RE = re.compile(rf"[ \t\u3000]*([{_CN_DIGITS}]{{1,3}})、")
SECTION_RE = re.compile(rf"[ \t\u3000]*[(（]([{_CN_DIGITS}]{{1,3}})[)）]")
# A line that ends like this is complete; anything else was wrapped (text converted from PDF).
_LINE_END = "。！？；;!?：:”’」）)…"
# Sentence ends, and list-item openers (一是, 二要 …) that start a new sentence after a comma.
_SENT_END_RE = re.compile(r"[。！？；;!?]+[”’」』）)]*")
_ITEM_RE = re.compile(rf"(?<=[，,：:])(?:[{_CN_DIGITS}]{{1,2}}[是要])|(?<=[，,：:])——")


def cn_small_int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十三 → 23 (headings only go that far)."""
    d = {c: i + 1 for i, c in enumerate(_CN_DIGITS)}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + d[s[1]]
    if len(s) >= 2 and s[1] == "十":
        return d[s[0]] * 10 + (d[s[2]] if len(s) > 2 else 0)
    return d.get(s[0], 0)


def _lines(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """Non-blank lines of text[start:stop] as (start, end) offsets, end excluding the newline."""
    out = []
    pos = start
    while pos < stop:
        nl = text.find("\n", pos, stop)
        end = stop if nl < 0 else nl
        s, e = pos, end
        while s < e and text[s] in " \t\r\u3000\ufeff":
            s += 1
        while e > s and text[e - 1] in " \t\r\u3000":
            e -= 1
        if e > s:
            out.append((s, e))
        pos = end + 1
    return out


def _heading(text: str, s: int, e: int) -> Heading | None:
    line = text[s:e]
    for level, rx in ((1, PART_RE), (2, SECTION_RE)):
        m = rx.match(line)
        if m:
            # An inline heading ("(一)深入推进…工程。围绕…") ends at its first full stop.
            stop = line.find("。")
            title_end = e if stop < 0 else s + stop
            return Heading(level, cn_small_int(m.group(1)), text[s + m.end() : title_end].strip(), s, title_end)
    return None


def _paragraphs(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int, Heading | None]]:
    """Merge lines wrapped mid-sentence (PDF text) into paragraphs; headings stand alone."""
    paras: list[tuple[int, int, Heading | None]] = []
    cur: list[int] | None = None
    for s, e in lines:
        h = _heading(text, s, e)
        if h is not None:
            if cur:
                paras.append((cur[0], cur[1], None))
            cur = None
            paras.append((s, e, h))
            continue
        if cur is None:
            cur = [s, e]
        else:
            cur[1] = e
        if text[e - 1] in _LINE_END:
            paras.append((cur[0], cur[1], None))
            cur = None
    if cur:
        paras.append((cur[0], cur[1], None))
    return paras


def _sentences(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Sentence spans inside one paragraph."""
    cuts = {s, e}
    for m in _SENT_END_RE.finditer(text, s, e):
        cuts.add(m.end())
    for m in _ITEM_RE.finditer(text, s, e):
        cuts.add(m.start())
    pts = sorted(c for c in cuts if s <= c <= e)
    spans = []
    for a, b in zip(pts, pts[1:], strict=False):
        while a < b and text[a] in " \t\r\n\u3000":
            a += 1
        if b > a:
            spans.append((a, b))
    return spans


def segment(report: Report) -> Segmented:
    """Headings, paragraphs and sentences of the report body."""
    text = report.text
    seg = Segmented(report=report)
    part: Heading | None = None
    section: Heading | None = None
    for pi, (s, e, h) in enumerate(_paragraphs(text, _lines(text, report.body_start, report.body_stop))):
        if h is not None:
            seg.headings.append(h)
            if h.level == 1:
                part, section = h, None
            else:
                section = h
        seg.paragraphs.append((s, e))
        for a, b in _sentences(text, s, e):
            seg.sentences.append(Sentence(a, b, pi, part, section))
    return seg
