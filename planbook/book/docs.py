"""What the book's Data and Method pages say about each column, measure, kind and qualifier of a row."""

from __future__ import annotations

MEASURE_DOC: dict[str, str] = {
    "level": "an amount in its unit (341.21亿元 of GDP, 1.2万人 employed)",
    "change_pct": "change on the previous period in per cent (同比增长4.5% → 4.5, 下降 → negative)",
    "change_pp": "change of a rate or share in percentage points (提高1.4个百分点)",
    "change_abs": "change as an amount in the indicator's unit (增加2000户)",
    "gap_pp": "distance to a benchmark in percentage points (高于全市平均水平1.4个百分点)",
    "rank": "a place in a ranking (全市排名第2位 → 2)",
    "share_pct": "a part of a whole in per cent (占比59.1%)",
    "ratio_pct": "a rate that is not a share: completion, coverage, compliance rates (达标率100%)",
    "avg_change_pct": "average yearly change over a span in per cent (年均增长6.8% → 6.8, period 2016-2020)",
    "cum_change_pct": "change over a whole span in per cent (累计下降15%, 五年累计 → −15)",
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
    "partial_year": "of part of the year only (1-11月, 前三季度, 上半年, 3月份): not the year's figure",
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
    "note": "scope or basis note written with the figure (含…新区, 不含农户, 按可比价格计算)",
    "area": "area a rank or gap is measured against (全省, 全国)",
    "name_flag": "why the name is not a usable indicator name (empty: it is); such rows are kept here only",
    "chapter": "book chapter the row belongs to",
    "part": "report part heading (一、…)",
    "section": "report section heading ((一)…)",
    "sentence_start": "offset of the sentence holding the number",
    "sentence_end": "offset just after that sentence",
    "sentence": "the sentence holding the number",
}
