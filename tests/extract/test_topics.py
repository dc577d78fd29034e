"""Chapter of a quantity from the keyword taxonomy and the report's topic structure."""

from __future__ import annotations

from planbook.extract.topics import Topics, classify
from planbook.text import report_from_text
from planbook.text.segment import segment


def test_keywords_pick_a_chapter():
    assert classify("全年粮食播种面积")[0] == "agriculture"
    assert classify("环境空气优良率")[0] == "environment"
    assert classify("城镇新增就业")[0] == "livelihoods"
    assert classify("坚持稳中求进") is None


def test_strong_name_keyword_leaves_an_overview_section():
    text = "报告\n\n一、2020年执行情况\n\n(一)主要经济指标\n\n地区生产总值增长5%,环境空气优良率86.9%。\n"
    report = report_from_text(text)
    seg = segment(report)
    topics = Topics(seg)
    sent = next(s for s in seg.sentences if "优良率" in report.text[s.start : s.end])
    assert topics.chapter(sent, "地区生产总值") == "overview"
    assert topics.chapter(sent, "环境空气优良率") == "environment"


def test_headline_sentence_sets_the_topic_of_its_paragraph():
    text = (
        "报告\n\n一、执行情况\n\n(三)产业稳步恢复\n\n"
        "农业经济有新举措。新增龙头企业1家。\n\n工业经济稳步复苏。新增龙头企业1家。\n"
    )
    report = report_from_text(text)
    seg = segment(report)
    topics = Topics(seg)
    chapters = [topics.chapter(s, "龙头企业") for s in seg.sentences if "1家" in report.text[s.start : s.end]]
    assert chapters == ["agriculture", "industry"]
