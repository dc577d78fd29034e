"""A report's own words on its targets (全年主要目标任务圆满完成, 主要经济指标基本完成, 未完成 …).

A clause of a sentence is such a verdict when it holds a ``subject`` word of
``data/self_verdict_words.csv`` and a word of completion (a ``phrase``, each with its tone: met,
mostly, missed), in either order, and

* names the year's targets in general (目标任务, 主要指标, 各项任务: never one target or task), and not
  as a noun that the clause goes on to describe (对未完成目标任务的地方),
* states no figure (完成年度目标的102% is one indicator's ratio, not a verdict on the year; a year
  such as 2020年 may stand),
* is no wish or plan (an ``intent`` word before the phrase: 确保完成, 力争, 今年; a ``before`` word
  right before it: 将完成, 为完成; an ``after`` word right after it: 完成好),
* is not about a plan of several years (a ``span`` word: 十三五规划目标任务全面完成), the plan year
  (``plan_year``: 今年, in a report delivered at the start of that year) or a quota assigned from above
  (``specific``: 排放量完成国家下达的目标任务).

The verdict is taken to be on the year the report reviews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from planbook.model import Report
from planbook.text import segment
from planbook.vocabulary import read_rows

WORDS_FILE = "self_verdict_words.csv"
COLUMNS = ("report", "year", "start", "end", "phrase", "tone", "clause", "sentence_start", "sentence_end")
_CLAUSE_END = re.compile(r"[，,；;：:。！？!?\n]")
_FIGURE = re.compile(r"[0-9０-９%％]")
_YEAR = re.compile(r"(?:19|20)\d\d年")


@dataclass(frozen=True)
class SelfVerdict:
    """One clause of a report judging its own targets."""

    report: str
    year: int | None
    start: int  # offsets of the phrase in the report text
    end: int
    phrase: str
    tone: str  # met, mostly or missed
    clause: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class _Words:
    subject: re.Pattern[str]
    phrase: re.Pattern[str]
    tones: dict[str, str]
    intent: tuple[str, ...]
    before: tuple[str, ...]
    after: tuple[str, ...]
    span: tuple[str, ...]  # with plan_year and specific: words anywhere in the clause that rule it out


@lru_cache(maxsize=1)
def _words() -> _Words:

    lists: dict[str, list[tuple[str, str]]] = {}
    for r in read_rows(WORDS_FILE):
        lists.setdefault(r["list"], []).append((r["word"], (r.get("note") or "").strip()))

    def alternation(name: str) -> re.Pattern[str]:
        words = sorted((w for w, _ in lists.get(name, [])), key=len, reverse=True)  # 圆满完成 before 完成
        return re.compile("|".join(map(re.escape, words)) or r"(?!)")

    return _Words(
        subject=alternation("subject"),
        phrase=alternation("phrase"),
        tones={w: note for w, note in lists.get("phrase", [])},
        intent=tuple(w for w, _ in lists.get("intent", [])),
        before=tuple(w for w, _ in lists.get("before", [])),
        after=tuple(w for w, _ in lists.get("after", [])),
        span=tuple(w for name in ("span", "plan_year", "specific") for w, _ in lists.get(name, [])),
    )


def clause_verdict(clause: str) -> tuple[int, str] | None:
    """(offset, phrase) of the completion phrase when the clause is a verdict on targets, else None."""
    w = _words()
    if _FIGURE.search(_YEAR.sub("", clause)) or any(s in clause for s in w.span):
        return None
    subject = w.subject.search(clause)
    if subject is None:
        return None
    for m in w.phrase.finditer(clause):
        head, tail = clause[: m.start()], clause[max(m.end(), subject.end()) :]
        # 对未完成目标任务的地方: the verdict only describes a noun that follows.
        after = clause[m.end() :]
        plan = any(word in head for word in w.intent) or head.endswith(w.before) or after.startswith(w.after)
        if plan or "的" in tail:
            continue
        return m.start(), m.group()
    return None


def self_verdicts(report: Report, year: int | None = None) -> list[SelfVerdict]:
    """Every clause of the report that judges its targets, in text order (``year``: the year it reviews)."""
    text, out = report.text, []
    for sentence in segment(report).sentences:
        a = sentence.start
        for piece in _CLAUSE_END.split(text[sentence.start : sentence.end]):
            found = clause_verdict(piece)
            if found is not None:
                offset, phrase = found
                start = a + offset
                tone = _words().tones.get(phrase, "")
                out.append(SelfVerdict(report.id, year, start, start + len(phrase), phrase, tone, piece.strip(),
                                       sentence.start, sentence.end))  # fmt: skip
            a += len(piece) + 1
    return out
