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


def test_a_heading_of_several_chapters_leaves_each_figure_its_own():
    text = (
        "2023年某省国民经济和社会发展统计公报\n\n十二、资源、环境和安全生产\n\n"
        "细颗粒物平均浓度为35微克/立方米，生产安全事故死亡456人，年末水库蓄水量12亿立方米。\n"
    )
    report = report_from_text(text)
    seg = segment(report)
    topics = Topics(seg)
    sent = next(s for s in seg.sentences if "细颗粒物" in report.text[s.start : s.end])
    assert topics.chapter(sent, "细颗粒物平均浓度") == "environment"
    assert topics.chapter(sent, "生产安全事故死亡") == "risk_poverty"
    # a heading of one chapter still decides against the name's words
    one = report_from_text(text.replace("资源、环境和安全生产", "安全生产"))
    seg = segment(one)
    sent = next(s for s in seg.sentences if "细颗粒物" in one.text[s.start : s.end])
    assert Topics(seg).chapter(sent, "细颗粒物平均浓度") == "risk_poverty"
