"""Tests for planbook.analysis.statements: signed bounds, ranges, first copy only, and figures of several years."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook.analysis.statements import multi_year, statements
from planbook.model import COLUMNS, Report


def _report(text: str, repeats: tuple[tuple[int, int], ...] = ()) -> Report:
    return Report(id="t", path="t.txt", text=text, encoding="utf-8", source_format="txt", region="测试省",
                  repeats=repeats)  # fmt: skip


def _row(text: str, literal: str, occurrence: int = 0, **kw: object) -> dict:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(literal, start + 1)
    row = {c: "" for c in COLUMNS}
    row.update(report="t", start=start, end=start + len(literal), text=literal, period=2021, kind="target",
               scale=1.0, sentence_start=0, sentence_end=len(text), sentence=text)  # fmt: skip
    row.update(kw)
    row["value_scaled"] = row["value"]
    row["unit_scaled"] = row["unit"]
    return row


def _statements(text: str, rows: list[dict], repeats: tuple[tuple[int, int], ...] = ()) -> list:
    return statements(_report(text, repeats), pd.DataFrame(rows, columns=list(COLUMNS)))


def test_a_fall_with_a_lower_bound_is_at_most_the_negative() -> None:
    text = "PM2.5平均浓度下降3%以上。"
    (s,) = _statements(text, [_row(text, "3", indicator="PM2.5平均浓度", measure="change_pct", value=-3.0,
                                   unit="%", qualifier="lower_bound")])  # fmt: skip
    assert (s.code, s.value, s.qualifier) == ("pm25_concentration", -3.0, "at_most")


def test_duo_after_the_number_is_at_least() -> None:
    text = "城镇新增就业50多万人。"
    (s,) = _statements(text, [_row(text, "50", indicator="城镇新增就业", measure="level", value=50.0, unit="万人",
                                   qualifier="approx")])  # fmt: skip
    assert s.qualifier == "at_least"


def test_a_range_is_one_statement_spanning_both_numbers() -> None:
    text = "居民消费价格涨幅2-3%。"
    rows = [
        _row(text, "2", indicator="居民消费价格", measure="change_pct", value=2.0, unit="%", qualifier="range_low"),
        _row(text, "3", indicator="居民消费价格", measure="change_pct", value=3.0, unit="%", qualifier="range_high"),
    ]
    (s,) = _statements(text, rows)
    assert (s.value, s.high, s.qualifier, s.text) == (2.0, 3.0, "range", "2-3")
    assert text[s.start : s.end] == "2-3"


def test_rows_in_a_repeated_passage_are_left_out() -> None:
    text = "地区生产总值增长6%。地区生产总值增长6%。"
    rows = [
        _row(text, "6", 0, indicator="地区生产总值", measure="change_pct", value=6.0, unit="%"),
        _row(text, "6", 1, indicator="地区生产总值", measure="change_pct", value=6.0, unit="%"),
    ]
    got = _statements(text, rows, repeats=((11, len(text)),))
    assert [s.start for s in got] == [text.index("6")]


def test_a_level_in_percent_is_a_rate() -> None:
    text = "城镇调查失业率5.5%左右。"
    (s,) = _statements(text, [_row(text, "5.5", indicator="城镇调查失业率", measure="level", value=5.5, unit="%",
                                   qualifier="approx")])  # fmt: skip
    assert (s.form, s.qualifier) == ("ratio_pct", "approx")


@pytest.mark.parametrize(
    ("text", "literal", "kind", "form", "headings", "expected"),
    [
        ("居民人均可支配收入年均增长6%左右。", "6", "target", "change_pct", (), True),
        ("单位生产总值能耗比2005年下降20%。", "20", "actual", "change_pct", (), True),
        ("单位生产总值能耗比上年下降4%。", "4", "actual", "change_pct", (), False),
        ("全省生产总值比2020年增长6.5%。", "6.5", "actual", "change_pct", (), False),  # the year before 2021
        ("五年新增国家级开发区4个，实际利用外资170.7亿美元。", "170.7", "actual", "level", (), True),
        ("2003年以来城镇新增就业116万人。", "116", "actual", "level", (), True),
        ("全省生产总值从2015年的2.9万亿元增加到3.6万亿元。", "3.6", "actual", "level", (), False),
        ("新增城镇就业400万人以上。", "400", "target", "level", ("“十四五”时期发展的总体思路和重点任务",), True),
        ("城镇新增就业86万人。", "86", "target", "level", ("2021年主要工作",), False),
        ("城镇新增就业86万人。", "86", "actual", "level", ("过去五年工作回顾",), False),
        # A sentence about five years: its figures are of the five years, unless their own year is named after
        # the five years were (2021年 as a base, 比2021年, names nothing).
        ("五年来，全省生产总值年均增长6.8%，2021年全省生产总值增长3.9%。", "3.9", "actual", "change_pct", (), False),
        ("五年来，2021年全省生产总值增长3.9%，一般公共预算收入增长2.1%。", "2.1", "actual", "change_pct", (), False),
        ("五年来，全省生产总值从2016年的2.6万亿元增长到2021年的3.6万亿元。", "3.6", "actual", "level", (), False),
        ("五年来，与2021年相比全省生产总值增长38%。", "38", "actual", "change_pct", (), True),
        ("2021年是五年规划的收官之年，五年来全省生产总值增长38%。", "38", "actual", "change_pct", (), True),
    ],
)
def test_figures_of_several_years(
    text: str, literal: str, kind: str, form: str, headings: tuple[str, ...], expected: bool
) -> None:
    start = text.rindex(literal)
    assert multi_year(text, 0, start, period="2021", kind=kind, form=form, headings=headings) is expected


@pytest.mark.parametrize(
    ("text", "literal", "measure", "unit", "code"),
    [
        ("城镇新增就业1.2万人。", "1.2", "level", "万人", "new_urban_jobs"),
        # A name of jobs on a count of training, or on the share of a plan done, is no count of jobs.
        ("城镇新增就业培训3万人次。", "3", "level", "万人次", ""),
        ("城镇新增就业完成年计划的118.2%。", "118.2", "ratio_pct", "%", ""),
        ("城镇新增就业增长5%。", "5", "change_pct", "%", "new_urban_jobs"),
        ("粮食产量80亿斤。", "80", "level", "亿斤", "grain_output"),
        ("粮食产量80亿元。", "80", "level", "亿元", ""),
    ],
)
def test_a_code_holds_only_figures_in_its_units(text: str, literal: str, measure: str, unit: str, code: str) -> None:
    name = "粮食产量" if text.startswith("粮食") else "城镇新增就业"
    got = _statements(text, [_row(text, literal, indicator=name, measure=measure, value=float(literal), unit=unit)])
    assert [s.code for s in got] == ([code] if code else [])


def test_a_note_and_the_year_named_are_kept() -> None:
    text = "2021年全省生产总值（含新区）增长6%，比2020年提高1个百分点。"
    rows = [
        _row(text, "6", indicator="全省生产总值", measure="change_pct", value=6.0, unit="%", note="含新区"),
        _row(text, "1", 1, indicator="全省生产总值", measure="change_pp", value=1.0, unit="个百分点", period=2020),
    ]
    growth, points = _statements(text, rows)
    assert (growth.note, growth.year_named) == ("含新区", True)
    assert (points.note, points.year_named) == ("", False)  # 比2020年 is a base, not the figure's year
