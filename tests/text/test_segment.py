"""Parts, sections, paragraphs and sentences with offsets."""

from __future__ import annotations

from planbook.text import report_from_text
from planbook.text.segment import segment

TEXT = (
    "某区2020年国民经济和社会发展计划执行情况的报告\n\n"
    "一、2020年计划执行情况\n\n"
    "(一)经济运行稳步恢复\n\n"
    "一是经济企稳。地区生产总值完成341.21亿元;二是投资回升,三是消费恢复。\n\n"
    "二、2021年计划目标\n\n"
    "——地区生产总值增长10%。\n"
    "（二）深入推进品质城市提升工程。围绕中心城市建设,打造宜居城市。\n"
)


def test_headings_have_level_number_and_title():
    seg = segment(report_from_text(TEXT))
    assert [(h.level, h.number, h.title) for h in seg.headings] == [
        (1, 1, "2020年计划执行情况"),
        (2, 1, "经济运行稳步恢复"),
        (1, 2, "2021年计划目标"),
        (2, 2, "深入推进品质城市提升工程"),
    ]


def test_sentences_split_at_stops_and_list_items():
    report = report_from_text(TEXT)
    seg = segment(report)
    texts = [report.text[s.start : s.end] for s in seg.sentences]
    assert "一是经济企稳。" in texts
    assert "地区生产总值完成341.21亿元;" in texts
    assert "二是投资回升," in texts
    assert "三是消费恢复。" in texts
    assert "——地区生产总值增长10%。" in texts


def test_sentences_know_their_heading_path():
    report = report_from_text(TEXT)
    seg = segment(report)
    s = next(s for s in seg.sentences if report.text[s.start : s.end].startswith("地区生产总值完成"))
    assert s.heading_path == ("2020年计划执行情况", "经济运行稳步恢复")
    t = next(s for s in seg.sentences if "增长10%" in report.text[s.start : s.end])
    assert t.heading_path == ("2021年计划目标",)


def test_pdf_line_wraps_join_into_one_paragraph():
    report = report_from_text(
        "标题\n\n一、情况\n\n全区地区生产总值完成341.21亿元，同比增\n长8.4%，第三产业\n增加值201.76亿元。\n"
    )
    seg = segment(report)
    texts = [report.text[a:b] for a, b in seg.paragraphs]
    assert "全区地区生产总值完成341.21亿元，同比增\n长8.4%，第三产业\n增加值201.76亿元。" in texts


def test_the_chapters_of_an_outline_are_headings_and_a_sentence_that_opens_with_第_is_not():
    text = (
        "某市国民经济和社会发展第十四个五年规划纲要\n\n第一章 发展基础\n\n地区生产总值2500亿元。\n\n"
        "第一节 经济实力\n\n人均地区生产总值6万元。\n\n第三章规定的任务，全部完成。\n"
    )
    seg = segment(report_from_text(text))
    assert [(h.level, h.number, h.title) for h in seg.headings] == [(1, 1, "发展基础"), (2, 1, "经济实力")]
