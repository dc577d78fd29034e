"""Verdicts counted per year and indicator, and the summaries in English and Chinese (planbook.present)."""

from __future__ import annotations

import re

import pandas as pd

from planbook.model import ReportFacts
from planbook.present.summary import region_summary, report_summary, verdict_sentences
from planbook.present.verdicts import indicator_verdicts_html, verdict_counts, verdicts_chart, year_verdicts_html

LINK = "../r-{}/source.html#s-{}"


def _targets() -> pd.DataFrame:
    rows = [  # year, code, label, met, value, outcome link
        (2020, "gdp", "地区生产总值 gross regional product", "no", 6.0, LINK.format(2021, 40)),
        (2020, "cpi", "居民消费价格 consumer prices (CPI)", "yes", 3.0, LINK.format(2021, 80)),
        (2020, "new_urban_jobs", "城镇新增就业 new urban jobs", "not_reported", 5.0, ""),
        (2021, "gdp", "地区生产总值 gross regional product", "yes", 7.0, LINK.format(2022, 12)),
        (2021, "cpi", "居民消费价格 consumer prices (CPI)", "unclear", 3.0, LINK.format(2022, 30)),
    ]
    frame = pd.DataFrame(rows, columns=["year", "indicator", "label", "met", "target_value", "outcome_link"])
    return frame.assign(
        measure="change_pct", unit="%", target_qualifier="approx", target_written="", headline=True,
        target_link=[LINK.format(y - 1, 7) for y in frame["year"]],
    )  # fmt: skip


def _own() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "report": "r-2021",
                "year": 2020,
                "clause": "主要目标任务基本完成",
                "tone": "mostly",
                "link": LINK.format(2021, 3),
            }
        ]
    )


def test_verdicts_are_counted_per_year_and_per_indicator():
    by_year = verdict_counts(_targets(), "year")
    assert by_year.to_dict("records") == [
        {"year": 2020, "yes": 1, "no": 1, "unclear": 0, "not_reported": 1, "total": 3},
        {"year": 2021, "yes": 1, "no": 0, "unclear": 1, "not_reported": 0, "total": 2},
    ]
    by_label = verdict_counts(_targets(), "label")
    assert list(by_label["label"])[:2] == ["地区生产总值 gross regional product", "居民消费价格 consumer prices (CPI)"]
    assert verdict_counts(_targets().iloc[:0], "year").empty


def test_each_year_stands_beside_the_reports_own_words():
    html = year_verdicts_html(_targets(), _own())
    first = html.split("<tr>")[2]  # header row, then 2020
    assert re.findall(r"<td>(\d+)</td>", first) == ["2020", "1", "1", "0", "1", "3"]
    assert "主要目标任务基本完成" in first and f'href="{LINK.format(2021, 3)}"' in first
    assert "—" in html.split("<tr>")[3]  # no words of the report on 2021
    assert html.count("<tr>") == 3 and "planbook-table" in indicator_verdicts_html(_targets())


def test_the_chart_stacks_the_verdicts_of_each_year():
    spec = verdicts_chart(_targets()).to_dict()
    values = [r for d in spec["datasets"].values() for r in d]
    assert sorted((r["year"], r["verdict"], r["count"]) for r in values) == [
        ("2020", "未报告 not reported", 1), ("2020", "未达成 missed", 1), ("2020", "达成 met", 1),
        ("2021", "不确定 unclear", 1), ("2021", "达成 met", 1),
    ]  # fmt: skip


def test_the_verdicts_sentence_names_and_links_each_missed_target():
    en, zh = verdict_sentences(_targets(), 2020)
    assert en.startswith("Of the 3 targets set for 2020, 1 met, 1 missed, 1 not reported (missed: ")
    assert f'<a href="{LINK.format(2021, 40)}">gross regional product</a>' in en
    assert f'<a href="{LINK.format(2021, 40)}">地区生产总值</a>' in zh and "达成1项" in zh
    assert verdict_sentences(_targets(), 2019) == ("", "")


def test_a_region_summary_gives_the_latest_year_its_targets_and_verdicts():
    series = pd.DataFrame(
        [
            ("cpi", "居民消费价格 consumer prices (CPI)", 2021, 2.5, LINK.format(2022, 31)),
            ("gdp", "地区生产总值 gross regional product", 2021, 6.5, LINK.format(2022, 11)),
            ("gdp", "地区生产总值 gross regional product", 2020, 3.9, LINK.format(2021, 11)),
        ],
        columns=["indicator", "label", "year", "value", "link"],
    ).assign(measure="change_pct", unit="%")
    targets = pd.concat([_targets(), _targets().iloc[[0]].assign(year=2022, target_value=5.5)], ignore_index=True)
    s = region_summary("某省", series, targets, _own())
    assert s.en.startswith(f'某省, 2021: gross regional product <a href="{LINK.format(2022, 11)}">+6.5%</a>; consumer')
    assert "Targets for 2022: gross regional product <a" in s.en and "+5.5%" in s.en
    assert "Of the 2 targets set for 2021, 1 met, 1 unclear." in s.en
    assert s.zh.startswith("某省2021年：地区生产总值") and "2022年目标" in s.zh
    assert '<p lang="en">' in s.html() and '<p lang="zh">' in s.html()


def test_a_lone_report_summary_says_last_years_targets_are_not_judged():
    headline = pd.DataFrame(
        [{"indicator": "地区生产总值", "indicator_en": "gross regional product", "level": 341.21, "unit": "亿元",
          "change": -4.5, "change_unit": "%", "link": "source.html#s-9"}]
    )  # fmt: skip
    plan = pd.DataFrame(
        [{"indicator": "地区生产总值", "target_change": 10.0, "change_unit": "%", "target_level": float("nan"),
          "unit": "", "qualifier": "approx", "link": "source.html#s-70"}]
    )  # fmt: skip
    facts = ReportFacts(id="r-2021", review_year=2020, plan_year=2021)
    s = report_summary(
        headline, plan, facts, lambda name: "生产总值" in name, {"地区生产总值": "gross regional product"}
    )
    figures = '<a href="source.html#s-9">341.21 亿元</a> (<a href="source.html#s-9">−4.5%</a>)'
    assert f"In 2020: gross regional product {figures}." in s.en
    assert 'Targets for 2021: gross regional product <a href="source.html#s-70">+10%</a> (about).' in s.en
    assert "not judged here" in s.en and "无法判定" in s.zh
