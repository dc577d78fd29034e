"""Sample rows for the tests: the seed's hand-labelled gold as rows, and a small synthetic report."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from planbook.model import COLUMNS

REPO = Path(__file__).resolve().parents[1]
SEED_ID = "jingzhou-district-2020"
SEED_TEXT = REPO / "seeds" / f"{SEED_ID}.txt"
GOLD = REPO / "tests" / "fixtures" / f"{SEED_ID}.csv"  # a copy of shared/gold

SYNTH_ID = "testshire-county-2021"

_SENTENCE_END = "。；;！？!?\n"
_PART = re.compile(r"^[一二三四五六七八九十]+、")
_SECTION = re.compile(r"^[(（][一二三四五六七八九十]+[)）]")


def sentence_span(text: str, pos: int) -> tuple[int, int]:
    """Approximate sentence around ``pos``: cut at 。；; and line ends, end includes the stop mark."""
    a = pos
    while a > 0 and text[a - 1] not in _SENTENCE_END:
        a -= 1
    while a < pos and text[a] in " \t\r\n\u3000":
        a += 1
    b = pos
    while b < len(text) and text[b] not in _SENTENCE_END:
        b += 1
    if b < len(text) and text[b] != "\n":
        b += 1
    return a, b


def headings_at(text: str, pos: int) -> tuple[str, str]:
    """Titles of the part (一、) and section ((一)) headings above ``pos``."""
    part = section = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        if offset > pos:
            break
        stripped = line.strip()
        if _PART.match(stripped):
            part, section = stripped, ""
        elif _SECTION.match(stripped):
            section = stripped
        offset += len(line)
    return part, section


def qualifier_from_note(note: str) -> str:
    """The gold keeps qualifiers in free-text notes; map the obvious ones to model.QUALIFIERS."""
    n = note.lower()
    if "range" in n and "lower end" in n:
        return "range_low"
    if "range" in n and "upper end" in n:
        return "range_high"
    if n == "before" or n.startswith("before"):
        return "before"
    if n == "after" or n.startswith("after"):
        return "after"
    if "upper bound" in n or "以内" in note or "不超过" in note:
        return "upper_bound"
    if "lower bound" in n or "以上" in note or "突破" in note or "至少" in note:
        return "lower_bound"
    if "approx" in n or "more than" in n or "约" in note or "余" in note or "多" in note:
        return "approx"
    return ""


def scale_of(unit: str) -> tuple[float, str]:
    """Multiplier and base unit of a unit written with a 万/亿 prefix."""
    for prefix, mult in (("亿", 1e8), ("万", 1e4)):
        if unit.startswith(prefix) and len(unit) > 1:
            return mult, unit[len(prefix) :]
    return 1.0, unit


def make_row(report: str, text: str, start: int, literal: str, **kw) -> dict:
    """One row in model.COLUMNS order, with sentence and headings derived from the text."""
    s0, s1 = sentence_span(text, start)
    part, section = headings_at(text, start)
    scale, unit_scaled = scale_of(kw["unit"])
    value = float(kw["value"])
    row = {
        "report": report,
        "start": start,
        "end": start + len(literal),
        "text": literal,
        "indicator": kw["indicator"],
        "indicator_en": kw.get("indicator_en", ""),
        "period": int(kw["period"]),
        "kind": kw["kind"],
        "measure": kw["measure"],
        "value": value,
        "unit": kw["unit"],
        "scale": scale,
        "value_scaled": value * scale,
        "unit_scaled": unit_scaled,
        "qualifier": kw.get("qualifier", ""),
        "note": kw.get("note", ""),
        "area": kw.get("area", ""),
        "name_flag": kw.get("name_flag", ""),
        "chapter": kw["chapter"],
        "part": part,
        "section": section,
        "sentence_start": s0,
        "sentence_end": s1,
        "sentence": text[s0:s1],
    }
    return {c: row[c] for c in COLUMNS}


def gold_rows() -> pd.DataFrame:
    """The seed's gold indicator rows shaped like the extractor's CSV (plain columns, not yet typed)."""
    text = SEED_TEXT.read_text(encoding="utf-8")
    gold = pd.read_csv(GOLD, dtype=str, keep_default_na=False)
    out = []
    for g in gold[gold["label"] == "indicator"].itertuples():
        start = int(g.start)
        assert text[start : int(g.end)] == g.text
        out.append(
            make_row(
                SEED_ID,
                text,
                start,
                g.text,
                indicator=g.indicator,
                period=g.period,
                kind=g.kind,
                measure=g.measure,
                value=g.value,
                unit=g.unit,
                chapter=g.chapter,
                qualifier=qualifier_from_note(g.note),
            )
        )
    return pd.DataFrame(out, columns=list(COLUMNS))


# A tiny report written by hand: a few rows per chapter; ``environment`` has none at all.
# Each entry: sentence, then (literal, fields) for each number in it, in order.
SYNTH_TITLE = "测试县2021年国民经济和社会发展计划执行情况的报告"
SYNTH_SENTENCES: list[tuple[str, list[tuple[str, dict]]]] = [
    (
        "全县生产总值完成100.5亿元,同比增长3.2%,增幅在全省排名第5位,低于全省平均水平0.4个百分点。",
        [
            ("100.5", dict(indicator="生产总值", measure="level", value=100.5, unit="亿元")),
            ("3.2", dict(indicator="生产总值", measure="change_pct", value=3.2, unit="%")),
            ("5", dict(indicator="生产总值", measure="rank", value=5, unit="位")),
            ("0.4", dict(indicator="生产总值", measure="gap_pp", value=-0.4, unit="个百分点")),
        ],
    ),
    (
        "第一产业增加值20.1亿元,增长1.5%;第二产业增加值30.2亿元,下降2.5%;第三产业增加值50.2亿元,增长6%。",
        [
            ("20.1", dict(indicator="第一产业增加值", measure="level", value=20.1, unit="亿元")),
            ("1.5", dict(indicator="第一产业增加值", measure="change_pct", value=1.5, unit="%")),
            ("30.2", dict(indicator="第二产业增加值", measure="level", value=30.2, unit="亿元")),
            ("2.5", dict(indicator="第二产业增加值", measure="change_pct", value=-2.5, unit="%")),
            ("50.2", dict(indicator="第三产业增加值", measure="level", value=50.2, unit="亿元")),
            ("6", dict(indicator="第三产业增加值", measure="change_pct", value=6, unit="%")),
        ],
    ),
    (
        "三次产业结构为20:30:50。",
        [
            ("20", dict(indicator="第一产业增加值", measure="share_pct", value=20, unit="%")),
            ("30", dict(indicator="第二产业增加值", measure="share_pct", value=30, unit="%")),
            ("50", dict(indicator="第三产业增加值", measure="share_pct", value=50, unit="%")),
        ],
    ),
    (
        "城镇居民人均可支配收入30000元,增长5%。",
        [
            ("30000", dict(indicator="城镇居民人均可支配收入", measure="level", value=30000, unit="元")),
            ("5", dict(indicator="城镇居民人均可支配收入", measure="change_pct", value=5, unit="%")),
        ],
    ),
    (
        "粮食播种面积50万亩,粮食产量20万吨,生猪出栏8万头。",
        [
            (
                "50",
                dict(indicator="粮食播种面积", measure="level", value=50, unit="万亩", chapter="agriculture"),
            ),
            ("20", dict(indicator="粮食产量", measure="level", value=20, unit="万吨", chapter="agriculture")),
            ("8", dict(indicator="生猪出栏", measure="level", value=8, unit="万头", chapter="agriculture")),
        ],
    ),
    (
        "规上工业增加值增长4%,新增市场主体1200家。",
        [
            (
                "4",
                dict(indicator="规上工业增加值", measure="change_pct", value=4, unit="%", chapter="industry"),
            ),
            (
                "1200",
                dict(
                    indicator="新增市场主体",
                    measure="level",
                    value=1200,
                    unit="家",
                    chapter="industry",
                    qualifier="approx",
                ),
            ),
        ],
    ),
    (
        "社会消费品零售总额40亿元,下降1.2%。",
        [
            (
                "40",
                dict(indicator="社会消费品零售总额", measure="level", value=40, unit="亿元", chapter="commerce"),
            ),
            (
                "1.2",
                dict(
                    indicator="社会消费品零售总额",
                    measure="change_pct",
                    value=-1.2,
                    unit="%",
                    chapter="commerce",
                ),
            ),
        ],
    ),
    (
        "审批时限由10个工作日压缩到5个工作日,压缩50%。",
        [
            (
                "10",
                dict(
                    indicator="审批时限",
                    measure="level",
                    value=10,
                    unit="个工作日",
                    qualifier="before",
                    chapter="business_env",
                ),
            ),
            (
                "5",
                dict(
                    indicator="审批时限",
                    measure="level",
                    value=5,
                    unit="个工作日",
                    qualifier="after",
                    chapter="business_env",
                ),
            ),
            (
                "50",
                dict(indicator="审批时限", measure="change_pct", value=-50, unit="%", chapter="business_env"),
            ),
        ],
    ),
    (
        "城镇新增就业3000人,培训200人次。",
        [
            (
                "3000",
                dict(indicator="城镇新增就业", measure="level", value=3000, unit="人", chapter="livelihoods"),
            ),
            ("200", dict(indicator="培训", measure="level", value=200, unit="人次", chapter="livelihoods")),
        ],
    ),
    (
        "2022年主要目标:生产总值增长7%,城镇居民人均可支配收入增长8%,城镇新增就业3200人以上。",
        [
            (
                "7",
                dict(
                    indicator="全县生产总值",
                    measure="change_pct",
                    value=7,
                    unit="%",
                    kind="target",
                    period=2022,
                ),
            ),
            (
                "8",
                dict(
                    indicator="城镇居民人均可支配收入",
                    measure="change_pct",
                    value=8,
                    unit="%",
                    kind="target",
                    period=2022,
                ),
            ),
            (
                "3200",
                dict(
                    indicator="城镇新增就业",
                    measure="level",
                    value=3200,
                    unit="人",
                    kind="target",
                    period=2022,
                    qualifier="lower_bound",
                    chapter="livelihoods",
                ),
            ),
        ],
    ),
]


def synthetic_report() -> tuple[str, pd.DataFrame]:
    """The synthetic report's text and its rows (offsets index the text)."""
    lines = [SYNTH_TITLE, "", "一、2021年执行情况", ""]
    body_sentences = SYNTH_SENTENCES[:-1]
    lines.append("".join(s for s, _ in body_sentences))
    lines += ["", "二、2022年计划", "", SYNTH_SENTENCES[-1][0], ""]
    text = "\n".join(lines)
    rows = []
    for sentence, numbers in SYNTH_SENTENCES:
        s0 = text.index(sentence)
        pos = s0
        for literal, fields in numbers:
            start = text.index(literal, pos)
            pos = start + len(literal)
            f = {"period": 2021, "kind": "actual", "chapter": "overview", **fields}
            rows.append(make_row(SYNTH_ID, text, start, literal, **f))
    return text, pd.DataFrame(rows, columns=list(COLUMNS))
