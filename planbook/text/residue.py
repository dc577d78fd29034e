"""What lies inside a report's body but is not its prose: conversion markup and passages saved twice."""

from __future__ import annotations

import re

# Markup left by a PDF or OCR conversion: page markers, HTML tables (which repeat the prose figures),
# images and their captions, table and figure titles. None of it is prose; it is read as blank space.
MARKUP_RE = re.compile(
    r"<!--.*?-->"
    r"|<table\b.*?</table>"
    r"|!\[[^\]\n]*\]\([^)\n]*\)"
    r"|<center>[^\n]*?</center>"
    r"|(?m:^[ \t]*(?:表|图)[ \t]*\d{1,3}[ \t]*[：:][^\n。；]{0,80}$)",
    re.DOTALL | re.IGNORECASE,
)


def find_markup(text: str, start: int, stop: int) -> tuple[tuple[int, int], ...]:
    """Spans of conversion markup (page markers, HTML tables, images, captions) in text[start:stop]."""
    return tuple((m.start(), m.end()) for m in MARKUP_RE.finditer(text, start, stop))


# A repeated line shorter than this (各位代表：, a lone 大/中/小) only counts inside a longer repeat.
REPEAT_MIN_CHARS = 20
# A run of repeated lines with fewer characters and lines than these is no repeated passage: a running page header
# (某市2023年国民经济和社会发展统计公报) or a title block shown twice on a web page, not a speech saved twice.
REPEAT_MIN_PASSAGE = 100
REPEAT_MIN_LINES = 3
_SENTENCE_END = "。！？；;!?"  # a repeated line ending so is prose saved twice, never a page header

_BREAK = re.compile(r"\r\n|\r|\n")


def find_repeats(text: str, start: int, stop: int, seen_from: int | None = None) -> tuple[tuple[int, int], ...]:
    """Spans of text[start:stop] made of lines that already occurred earlier (a speech saved twice).

    A run of repeated lines counts when it holds at least one line of REPEAT_MIN_CHARS or more, and a
    sentence (a line ending in 。) or REPEAT_MIN_PASSAGE characters or REPEAT_MIN_LINES lines in all (a
    running page header or a title block shown twice is none); the span runs from the first to the last
    repeated line of the run. Lines of text[seen_from:start] (the header above the body) count as seen.
    """
    seen: set[str] = set()
    if seen_from is not None:
        seen.update(line.strip() for line in _BREAK.split(text[seen_from:start]) if line.strip())
    runs: list[tuple[int, int]] = []
    run: list[int] | None = None  # [start, end, has_long_line, characters, lines, has_sentence]
    pos = start
    while pos < stop:
        m = _BREAK.search(text, pos, stop)
        end, nxt = (stop, stop) if m is None else (m.start(), m.end())
        line = text[pos:end].strip()
        if line:
            if line in seen:
                if run is None:
                    run = [pos, end, 0, 0, 0, 0]
                run[1] = end
                run[2] |= len(line) >= REPEAT_MIN_CHARS
                run[5] |= line[-1] in _SENTENCE_END
                run[3] += len(line)
                run[4] += 1
            else:
                seen.add(line)
                _close(run, runs)
                run = None
        pos = nxt
    _close(run, runs)
    return tuple(runs)


def _close(run: list[int] | None, runs: list[tuple[int, int]]) -> None:
    """Keep a run of repeated lines that is a passage: a long line in it, and a sentence or enough characters or
    lines in all."""
    if run is not None and run[2] and (run[5] or run[3] >= REPEAT_MIN_PASSAGE or run[4] >= REPEAT_MIN_LINES):
        runs.append((run[0], run[1]))
