"""Scope and basis notes written with a figure (1234.5亿元（含某新区）, 按可比价格计算, 固定资产投资（不含农户，下同）):
taken out of the text the reader reads, and kept with the figures they belong to (the row's ``note``).

A note is taken out of a sentence's compact text (its offsets stay mapped to the report), so that a name
holding one reads whole (固定资产投资（不含农户，下同）比上年下降3.2% names 固定资产投资) and a year in a price base
(按2005年可比价格计算) never dates a figure. Which figures a note belongs to depends on where it stands:

- right after a figure's unit (1234.5亿元（含某新区）): that figure;
- in a figure's clause before it (（扣除留抵退税因素）增长6.5%, 同口径增长7.3%): that figure; a bracketed note
  inside a name (固定资产投资（不含农户）) also the later figures of that quantity in the sentence;
- a clause of its own (按可比价格计算，比上年增长8.6%): every later figure of the sentence (or, at its end,
  every figure before it);
- with 下同 (the same below): also every later figure of that quantity in the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from planbook.model import IndicatorRow
from planbook.vocabulary import pattern, words

_BRACKET_RE = re.compile(r"[（(]([^（）()]{1,40})[）)]")
_OPEN_RE = pattern(r"(?:⟨note_open⟩)")
_BASIS_RE = pattern(r"(?:⟨basis_note⟩)", guard=True)
_SAME_BELOW_RE = pattern(r"[，,、；;]?(?:⟨same_below⟩)")
_YEAR_RE = re.compile(r"(?:19|20)\d\d年")
_DIGIT_RE = re.compile(r"\d")
_DELIMS = frozenset("，,；;：:。！？")
_JOINERS = frozenset("，,；;")  # the punctuation a note clause is set off with
_CJK_RE = re.compile(r"[\u4e00-\u9fffA-Za-z]")
# A bare 含 in brackets marks a bound as inclusive (500万元（含）以上): no note.
_BARE_OPENERS = frozenset(words("bound_bracket_word"))
NOTE_JOIN = "；"  # between two notes of one figure
# The note of an estimate whose qualifier says something else (预计增长6%左右: approx): the first estimate word.
ESTIMATE_NOTE = words("estimate_word")[0]


@dataclass(slots=True)
class Note:
    """A note taken out of a sentence, and where it stood."""

    pos: int  # position in the compact text without the notes where the note stood
    text: str  # the note's words as written, without brackets or 下同 ("" when it said nothing else)
    bracketed: bool
    in_name: bool  # bracketed right after a word (固定资产投资（不含农户）): the quantity's note
    standalone: bool  # a clause of its own (按可比价格计算，…)
    same_below: bool  # 下同: later figures of the quantity in the report carry it too


@dataclass(slots=True)
class Taken:
    """A sentence's compact text and offsets without its notes, and the notes."""

    ctext: str
    cmap: list[int]
    notes: list[Note]


@dataclass(slots=True)
class Place:
    """Where a figure stands in its sentence's compact text, for the notes to find it."""

    i: int  # the number's start
    lo: int  # the start of the words that are the figure's own (its clause, after the figure before)
    unit_end: int
    end: int  # the end of what the figure took (unit, a name after it, 以上/左右)
    estimate: bool  # a 预计 figure whose qualifier says something else (预计增长6%左右: approx)


@dataclass
class Carried:
    """Notes written with 下同: the quantity's name → its note, for the rest of the report."""

    by_name: dict[str, str] = field(default_factory=dict)

    def of(self, name: str) -> list[str]:
        if not self.by_name or not name:
            return []
        return [note for key, note in self.by_name.items() if name.startswith(key)]


def _has_note(ctext: str) -> bool:
    """Whether a sentence may hold a note (most hold no bracket and no basis words: one quick test each)."""
    return "（" in ctext or "(" in ctext or _BASIS_RE.search(ctext) is not None


def _bracketed(ctext: str) -> list[tuple[int, int, str]]:
    """Spans and bodies of the bracketed notes: a body that opens with a note word and counts nothing."""
    found = []
    for m in _BRACKET_RE.finditer(ctext):
        body = m.group(1)
        if body in _BARE_OPENERS or _OPEN_RE.match(body) is None:
            continue
        if _DIGIT_RE.search(_YEAR_RE.sub("", body)):
            continue  # （含某新区12亿元）: a figure of its own, left to be read
        found.append((m.start(), m.end(), body))
    return found


def take_notes(ctext: str, cmap: list[int] | None, offset: int) -> Taken | None:
    """The sentence without its notes (None when it holds none); ``offset`` is the report offset of a
    compact position when ``cmap`` is None."""
    if not _has_note(ctext):
        return None
    spans = [(a, b, body, True) for a, b, body in _bracketed(ctext)] if "（" in ctext or "(" in ctext else []
    for m in _BASIS_RE.finditer(ctext):
        if not any(a <= m.start() < b for a, b, _, _ in spans):
            spans.append((m.start(), m.end(), m.group(), False))
    if not spans:
        return None
    spans.sort()
    base = cmap if cmap is not None else list(range(offset, offset + len(ctext)))
    parts: list[str] = []
    kept: list[int] = []
    notes: list[Note] = []
    at = 0
    for a, b, body, bracketed in spans:
        if a < at:
            continue  # overlaps the note before
        before = ctext[a - 1] if a > 0 else ""
        after = ctext[b] if b < len(ctext) else ""
        standalone = (a == 0 or before in _DELIMS) and (not after or after in _DELIMS)
        if standalone and after in _JOINERS:
            b += 1  # 按可比价格计算，比上年增长8.6%: the clause goes with its comma
        elif standalone and before in _JOINERS and a - 1 >= at:
            a -= 1  # …增长8%，按可比价格计算。
        parts.append(ctext[at:a])
        kept.extend(base[at:a])
        text, same_below = _normalised(body)
        in_name = bracketed and not standalone and _CJK_RE.match(before) is not None
        notes.append(Note(len(kept), text, bracketed, in_name, standalone, same_below))
        at = b
    parts.append(ctext[at:])
    kept.extend(base[at:])
    return Taken("".join(parts), kept, notes)


def _normalised(body: str) -> tuple[str, bool]:
    """A note's words without 下同 and the punctuation around it, and whether it said 下同."""
    m = _SAME_BELOW_RE.search(body)
    if m is None:
        return body.strip("，,、；; "), False
    return (body[: m.start()] + body[m.end() :]).strip("，,、；; "), True


def attach(rows: list[IndicatorRow], places: list[Place], notes: list[Note], carried: Carried) -> None:
    """Set the ``note`` of each row of a sentence from the sentence's notes and those carried (下同)."""
    found: list[list[str]] = [[ESTIMATE_NOTE] if p.estimate else [] for p in places]
    claimed: set[int] = set()
    for k, p in enumerate(places):  # a note right after a figure's unit is that figure's
        for q, note in enumerate(notes):
            if q not in claimed and not note.standalone and p.unit_end <= note.pos <= p.end:
                found[k].append(note.text)
                claimed.add(q)
    of_name: dict[str, list[str]] = {}
    for k, (row, p) in enumerate(zip(rows, places, strict=True)):
        for q, note in enumerate(notes):
            if q in claimed or not (p.lo <= note.pos <= p.i or (note.standalone and note.pos <= p.i)):
                continue
            found[k].append(note.text)
            if note.in_name or note.same_below:
                of_name.setdefault(row.indicator, []).append(note.text)
            if note.same_below and row.indicator and note.text:
                carried.by_name[row.indicator] = note.text
        for name, noted in of_name.items():  # 固定资产投资（含新区）…增幅居全省第二: 固定资产投资增速 too
            if row.indicator.startswith(name):
                found[k].extend(noted)
        found[k].extend(carried.of(row.indicator))
    for note in notes:
        if note.standalone and all(note.pos > p.i for p in places):
            for words in found:  # …增长8%，按可比价格计算。: the figures before it
                words.append(note.text)
    for row, words in zip(rows, found, strict=True):
        row.note = NOTE_JOIN.join(w for w in dict.fromkeys(words) if w)
