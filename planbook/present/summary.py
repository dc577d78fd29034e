"""A few sentences in English, and the same in Chinese, that sum a report or a region up: the year
under review's headline outcomes, the plan year's targets and the verdicts on last year's targets.

Generated from the very rows the chapters' tables show (the Overview's headline table, the Plan
table, a region's series and target pairs), never by a model; each figure links to its sentence.
The chapter glues the paragraphs (``glue_summary``), so the summary and the tables cannot disagree.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from planbook.analysis.codes import load_codebook
from planbook.numbers import fmt_change, fmt_number
from planbook.present.cells import _figure, link_html

HEADLINES = 4  # figures of each kind a summary names
QUALIFIER_WORDS = {"approx": "about", "lower_bound": "or more", "upper_bound": "or less", "estimate": "estimated"}
VERDICT_WORDS = {"yes": ("met", "达成"), "no": ("missed", "未达成"), "unclear": ("unclear", "不确定"),
                 "not_reported": ("not reported", "未报告")}  # fmt: skip


@dataclass(frozen=True)
class Summary:
    """The summary as two HTML paragraphs: English, then Chinese."""

    en: str
    zh: str

    def html(self) -> str:
        return f'<div class="planbook-summary"><p lang="en">{self.en}</p><p lang="zh">{self.zh}</p></div>'


def _a(text: str, link: str) -> str:
    """A figure linked to its sentence (escaped text; no link, no anchor)."""
    return link_html(link, text) if link else html.escape(text)


def _series(items: Sequence[str], none: str, sep: str = "; ") -> str:
    return sep.join(items) if items else none


def _level_text(line: pd.Series) -> str:
    level = fmt_number(line["level"])
    return f"{level} {line['unit']}".strip() if level else ""


def outcome_phrases(headline: pd.DataFrame) -> tuple[list[str], list[str]]:
    """The first headline lines as phrases, English and Chinese: "gross regional product 341.21 亿元 (−4.5%)"."""
    en, zh = [], []
    for _, line in headline.head(HEADLINES).iterrows():
        figures = [t for t in (_level_text(line), fmt_change(line["change"], line["change_unit"])) if t]
        if not figures:
            continue
        shown = _a(figures[0], line["link"]) + (f" ({_a(figures[1], line['link'])})" if len(figures) > 1 else "")
        name_en = str(line.get("indicator_en") or "") or str(line["indicator"])
        en.append(f"{html.escape(name_en)} {shown}")
        zh.append(f"{html.escape(str(line['indicator']))} {shown}")
    return en, zh


def target_phrases(plan: pd.DataFrame, is_headline, english: dict[str, str]) -> tuple[list[str], list[str]]:
    """The plan year's headline targets as phrases: "gross regional product +6% (about)" (``english``: the
    rows' English names)."""
    en, zh = [], []
    for _, line in plan[plan["indicator"].map(is_headline).astype(bool)].head(HEADLINES).iterrows():
        figure = fmt_change(line["target_change"], line["change_unit"]) or (
            f"{fmt_number(line['target_level'])} {line['unit']}".strip() if fmt_number(line["target_level"]) else ""
        )
        if not figure:
            continue
        words = [QUALIFIER_WORDS.get(w, w) for w in str(line.get("qualifier", "") or "").split(";") if w]
        shown = _a(figure, line["link"])
        name = str(line["indicator"])
        en.append(
            f"{html.escape(english.get(name) or name)} {shown}" + (f" ({html.escape(', '.join(words))})" * bool(words))
        )
        zh.append(f"{html.escape(name)} {shown}")
    return en, zh


def verdict_sentences(targets: pd.DataFrame, year: int | None) -> tuple[str, str]:
    """The verdicts on the targets set for ``year``: counts, and each missed target linked to its outcome."""
    if targets is None or year is None or targets.empty:
        return "", ""
    judged = targets[targets["year"] == year]
    if judged.empty:
        return "", ""
    counts = judged["met"].value_counts()
    parts_en = [f"{int(counts[k])} {VERDICT_WORDS[k][0]}" for k in VERDICT_WORDS if counts.get(k, 0)]
    parts_zh = [f"{VERDICT_WORDS[k][1]}{int(counts[k])}项" for k in VERDICT_WORDS if counts.get(k, 0)]
    missed = judged[judged["met"] == "no"]
    names = [_names(str(r.get("label") or r["indicator"])) for _, r in missed.iterrows()]
    links = [str(r.get("outcome_link", "") or "") for _, r in missed.iterrows()]
    missed_en = ", ".join(_a(en, link) for (_, en), link in zip(names, links, strict=True))
    missed_zh = "、".join(_a(zh, link) for (zh, _), link in zip(names, links, strict=True))
    en = f"Of the {len(judged)} targets set for {year}, {', '.join(parts_en)}"
    en += f" (missed: {missed_en})." if names else "."
    zh = f"{year}年的{len(judged)}项目标：{'，'.join(parts_zh)}" + (f"（未达成：{missed_zh}）。" if names else "。")
    return en, zh


def _names(label: str) -> tuple[str, str]:
    """A region table's label (地区生产总值 gross regional product) as its Chinese and its English name."""
    zh, _, en = label.partition(" ")
    return zh, en or zh


def _code_order() -> dict[str, int]:
    """Indicator codes in the order of ``data/indicator_codes.csv`` (GDP first)."""
    return {c.code: i for i, c in enumerate(load_codebook().codes)}


def own_words_sentences(own: pd.DataFrame) -> tuple[str, str]:
    """The report's own words on its targets, quoted and linked."""
    if own is None or own.empty:
        return "", ""
    quotes = "; ".join(f"「{_a(str(r['clause']), str(r['link']))}」" for _, r in own.head(2).iterrows())
    return f"In its own words: {quotes}.", f"报告自评：{quotes}。"


def report_summary(
    headline: pd.DataFrame, plan: pd.DataFrame, facts, is_headline, english: dict[str, str], targets=None, own=None
) -> Summary:  # fmt: skip
    """A report's summary from its headline table, its Plan table and (for a report of a region) the
    region's target pairs; the report's own words on its targets quoted."""
    year, plan_year = facts.review_year, facts.plan_year
    out_en, out_zh = outcome_phrases(headline)
    tg_en, tg_zh = target_phrases(plan, is_headline, english)
    en = [f"In {year or 'the year under review'}: {_series(out_en, 'no headline figure is stated')}."]
    zh = [f"{year or ''}年：{_series(out_zh, '未给出主要指标', '；')}。"]
    if plan_year is not None:
        en.append(f"Targets for {plan_year}: {_series(tg_en, 'no headline target is stated')}.")
        zh.append(f"{plan_year}年目标：{_series(tg_zh, '未给出主要目标', '；')}。")
    v_en, v_zh = verdict_sentences(targets, year)
    if not v_en:
        v_en = "No earlier report of the region is in this book, so last year's targets are not judged here."
        v_zh = "本书没有该地区上一年的报告，无法判定上年目标完成情况。"
    w_en, w_zh = own_words_sentences(own)
    return Summary(" ".join(x for x in (*en, v_en, w_en) if x), "".join(x for x in (*zh, v_zh, w_zh) if x))


def region_outcomes(series: pd.DataFrame, year: int) -> tuple[list[str], list[str]]:
    """A region's headline figures of ``year``, the first stated per indicator (growth rates first)."""
    points = series[(series["year"] == year)] if len(series) else series
    order = _code_order()
    points = points.assign(_order=points["indicator"].map(lambda c: order.get(c, len(order))))
    points = points.sort_values("_order", kind="mergesort").drop_duplicates("indicator")
    en, zh = [], []
    for _, p in points.head(HEADLINES).iterrows():
        figure = _a(_figure(p["value"], p["unit"], "", p["measure"]), str(p.get("link", "") or ""))
        zh_name, en_name = _names(str(p.get("label") or p["indicator"]))
        en.append(f"{html.escape(en_name)} {figure}")
        zh.append(f"{html.escape(zh_name)} {figure}")
    return en, zh


def region_targets(targets: pd.DataFrame, year: int) -> tuple[list[str], list[str]]:
    """A region's headline targets for ``year`` as written, linked."""
    rows = targets[(targets["year"] == year) & targets.get("headline", True)] if len(targets) else targets
    en, zh = [], []
    for _, t in rows.head(HEADLINES).iterrows():
        written = str(t.get("target_written", "") or "")
        figure = _figure(t["target_value"], t["unit"], t["target_qualifier"], t["measure"], written)
        zh_name, en_name = _names(str(t.get("label") or t["indicator"]))
        en.append(f"{html.escape(en_name)} {_a(figure, str(t.get('target_link', '') or ''))}")
        zh.append(f"{html.escape(zh_name)} {_a(figure, str(t.get('target_link', '') or ''))}")
    return en, zh


def region_summary(name: str, series: pd.DataFrame, targets: pd.DataFrame, own: pd.DataFrame) -> Summary:
    """A region's summary: the latest year reviewed, the targets set for the year after it, the verdicts."""
    years = sorted({int(y) for y in series["year"].dropna()}) if len(series) else []
    if not years:
        return Summary(f"{html.escape(name)}: no headline figure is stated.", f"{html.escape(name)}：未给出主要指标。")
    year = years[-1]
    out_en, out_zh = region_outcomes(series, year)
    tg_en, tg_zh = region_targets(targets, year + 1)
    v_en, v_zh = verdict_sentences(targets, year)
    w_en, w_zh = own_words_sentences(own[own["year"] == year] if len(own) else own)
    en = [f"{html.escape(name)}, {year}: {_series(out_en, 'no headline figure is stated')}."]
    en.append(f"Targets for {year + 1}: {_series(tg_en, 'none stated in these reports')}.")
    zh = [f"{html.escape(name)}{year}年：{_series(out_zh, '未给出主要指标', '；')}。"]
    zh.append(f"{year + 1}年目标：{_series(tg_zh, '本书报告未给出', '；')}。")
    return Summary(" ".join(x for x in (*en, v_en, w_en) if x), "".join(x for x in (*zh, v_zh, w_zh) if x))
