"""The table of all a report's figures on its Data page: every row of ``indicators.csv``, the rows
whose name failed the name gate included (and marked, so a reader can filter them in or out)."""

from __future__ import annotations

import html
from collections.abc import Sequence

from planbook.model import IndicatorRow, source_link
from planbook.numbers import fmt_number
from planbook.present.cells import QUALIFIER_LABELS, STATUS_LABELS, link_html

GATE_PASSED = "通过 passed"
COLUMNS = (
    "指标 Indicator",
    "English",
    "年份 Period",
    "实绩/目标 Kind",
    "度量 Measure",
    "数值 Value",
    "说明 Qualifier",
    "章节 Chapter",
    "口径 Note",
    "比较范围 Area",
    "名称检查 Name gate",
    "原文 Source",
)


def _qualifier(q: str) -> str:
    return "、".join(QUALIFIER_LABELS.get(x, x) for x in q.split(";") if x)


def _cells(r: IndicatorRow) -> list[str]:
    """A row's cells, each escaped (the source link is HTML)."""
    value = f"{fmt_number(r.value)} {r.unit}".strip()
    texts = [
        r.indicator,
        r.indicator_en,
        r.period,
        STATUS_LABELS.get(r.kind, r.kind),
        r.measure,
        value,
        _qualifier(r.qualifier),
        r.chapter,
        r.note,
        r.area,
        r.name_flag or GATE_PASSED,
    ]
    # A backtick as an entity: the table sits in a fenced raw block of the page, which ``` would close.
    return [html.escape(str(t)).replace("`", "&#96;") for t in texts] + [link_html(source_link(r.sentence_start))]


def figures_table_html(rows: Sequence[IndicatorRow], caption: str = "全部数字 All figures") -> str:
    """Every row as a plain HTML table (``planbook-table``: sortable and filterable in the browser)."""
    head = "".join(f"<th>{html.escape(c)}</th>" for c in COLUMNS)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in _cells(r)) + "</tr>" for r in rows)
    return (
        f'<table class="planbook-table planbook-figures"><caption>{html.escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
