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

_BREAK = re.compile(r"\r\n|\r|\n")


def find_repeats(text: str, start: int, stop: int) -> tuple[tuple[int, int], ...]:
    """Spans of text[start:stop] made of lines that already occurred earlier (a speech saved twice).

    A run of repeated lines counts when it holds at least one line of REPEAT_MIN_CHARS or more; the
    span runs from the first to the last repeated line of the run.
    """
    seen: set[str] = set()
    runs: list[tuple[int, int]] = []
    run: list[int] | None = None  # [start, end, has_long_line]
    pos = start
    while pos < stop:
        m = _BREAK.search(text, pos, stop)
        end, nxt = (stop, stop) if m is None else (m.start(), m.end())
        line = text[pos:end].strip()
        if line:
            if line in seen:
                if run is None:
                    run = [pos, end, 0]
                run[1] = end
                run[2] |= len(line) >= REPEAT_MIN_CHARS
            else:
                seen.add(line)
                if run is not None and run[2]:
                    runs.append((run[0], run[1]))
                run = None
        pos = nxt
    if run is not None and run[2]:
        runs.append((run[0], run[1]))
    return tuple(runs)
