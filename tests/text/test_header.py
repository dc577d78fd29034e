"""The header above a report body: metadata, web-page residue and the title block."""

from __future__ import annotations

import pytest

from planbook.text.header import normalize_date, parse_header


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("2021-02-23 10:38", "2021-02-23 10:38"), ("未知", ""), ("2021年2月3日", "2021-02-03")],
)
def test_normalize_date(raw: str, expected: str) -> None:
    assert normalize_date(raw) == expected


# -- the header above the body: residue, labels, the title block -------------------------------------------------

WEB_RESIDUE = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
SPEECH = "各位代表：\n现在，我代表省人民政府向大会报告工作，请予审议。\n一、2024年工作回顾\n"


def _body(text: str) -> str:
    return text[parse_header(text).body_start :]


def test_web_residue_above_the_title_is_never_the_title() -> None:
    text = (
        WEB_RESIDUE + "2025年某某省政府工作报告\n——2025年1月20日在某某省第十四届人民代表大会第三次会议上\n"
        "来源：某某日报\n时间：2025-01-26\n某某省人民政府省长 张某\n" + SPEECH
    )
    h = parse_header(text)
    assert h.title == "2025年某某省政府工作报告"
    assert (h.publisher, h.published) == ("某某日报", "2025-01-26")
    assert _body(text).startswith("各位代表：")
    assert "——2025年1月20日在某某省第十四届人民代表大会第三次会议上" in h.lines


def test_a_breadcrumb_and_a_column_name_above_a_title_without_a_region() -> None:
    text = (
        "您的位置:\n首页\n>\n要闻\n要闻\n2025年政府工作报告\n来源：某某日报\n2025-01-28 08:30:00\n"
        "【字体：\n大\n中\n小\n】\n"
        "——2025年1月22日在某某省第十四届人民代表大会第三次会议上\n省长　李某\n" + SPEECH
    )
    h = parse_header(text)
    assert h.title == "2025年政府工作报告"
    assert h.published == "2025-01-28 08:30:00"
    assert _body(text).startswith("各位代表：")


def test_a_title_block_shown_twice_around_a_breadcrumb_stays_in_the_header() -> None:
    title, date = "某某省2025年政府工作报告", "2025年1月21日在某某省第十四届人民代表大会第三次会议上 某某省省长 王某"
    text = (
        f"分享:\n{title}\n{date}\n首页\n>\n政府信息公开\n>\n政府工作报告\n{title}\n{date}\n"
        "时间：\n2025-01-30 09:20\n来源：\n某某省人民政府\n分享:\n省长王某作政府工作报告\n" + SPEECH
    )
    h = parse_header(text)
    assert (h.title, h.publisher, h.published) == (title, "某某省人民政府", "2025-01-30 09:20")
    assert _body(text).startswith("各位代表：")


def test_a_photo_caption_above_the_title_is_not_the_title() -> None:
    text = (
        "政府工作报告。 某某日报记者 王某 摄\n政府工作报告\n（2025年1月21日在某某省第十四届人民代表大会第三次会议上）\n"
        "省长 赵某\n" + SPEECH
    )
    assert parse_header(text).title == "政府工作报告"
    assert _body(text).startswith("各位代表：")


@pytest.mark.parametrize("marker", ["— 1 —", "- 2 -", "第1页", "第 3 页 共 12 页"])
def test_a_page_marker_is_not_the_title(marker: str) -> None:
    text = f"{marker}\n某县2024年国民经济和社会发展计划执行情况与2025年计划草案的报告\n一、2024年计划执行情况\n"
    assert parse_header(text).title == "某县2024年国民经济和社会发展计划执行情况与2025年计划草案的报告"


def test_what_a_pdf_left_of_a_communique_title_is_no_title() -> None:
    text = "2023 [1]\n\n某市统计局 国家统计局某市调查队\n\n2024年3月25日\n\n2023年，全市上下坚持稳中求进。\n"
    h = parse_header(text)
    assert h.title == ""
    assert (h.publisher, h.published) == ("某市统计局 国家统计局某市调查队", "2024-03-25")
    assert _body(text).startswith("2023年，全市")


def test_a_title_broken_over_lines_is_joined() -> None:
    text = "# 2022年\n某市国民经济和社会\n发展统计公报[1]\n\n某市统计局\n\n2023年3月20日\n\n2022年，全市…\n"
    assert parse_header(text).title == "2022年某市国民经济和社会发展统计公报"


@pytest.mark.parametrize("dash", ["　—", "——", "--", "―"])
def test_a_date_line_without_a_title_is_no_title(dash: str) -> None:
    text = f"{dash}2016年2月3日在某某区第九届人民代表大会第五次会议上 \n\n　　某某区人民政府区长 赵某 \n\n各位代表:\n"
    h = parse_header(text)
    assert h.title == ""
    assert _body(text).startswith("各位代表:")


def test_collectors_metadata_then_the_body() -> None:
    text = "标题：2020年某市政府工作报告\n发文单位：某市人民政府\n发文时间：2020-01-10\n\n正文：\n\n各位代表：\n"
    h = parse_header(text)
    assert (h.title, h.publisher, h.published) == ("2020年某市政府工作报告", "某市人民政府", "2020-01-10")
    assert _body(text).startswith("各位代表：")


def test_a_text_that_starts_with_its_body_has_no_header() -> None:
    text = "2023年，全县地区生产总值增长6%，财政收入增长5%。\n"
    assert parse_header(text).body_start == 0 and parse_header(text).title == ""


def test_a_title_that_names_the_meeting_is_still_the_title() -> None:
    text = (
        "政府工作报告——在某某省第十届人民代表大会第三次会议上\n某某省省长 某某\n（二〇〇五年一月十一日）\n各位代表：\n"
    )
    assert parse_header(text).title == "政府工作报告——在某某省第十届人民代表大会第三次会议上"
    assert _body(text).startswith("各位代表：")


def test_a_line_of_a_web_page_above_the_title_gives_way_to_the_title() -> None:
    text = (
        "某某县人民政府门户网站\n首页\n>\n政务公开\n某某县2024年政府工作报告\n——2024年1月8日在某某县第十八届人民代表大会第三次会议上\n"
        + SPEECH
    )
    assert parse_header(text).title == "某某县2024年政府工作报告"
    assert _body(text).startswith("各位代表：")


def test_a_month_and_an_issuer_above_a_communique_are_no_title() -> None:
    text = "二〇二三年三月\n某市统计局\n2022年，全市经济运行总体平稳。\n"
    h = parse_header(text)
    assert (h.title, h.publisher) == ("", "某市统计局")
    assert _body(text).startswith("2022年，全市")


@pytest.mark.parametrize("line", ["首页 > 政府信息公开 > 政府工作报告", "首页>要闻>正文", "当前位置：首页 » 政务公开"])
def test_a_breadcrumb_on_one_line_is_no_title(line: str) -> None:
    text = f"{line}\n2024年某市政府工作报告\n" + SPEECH
    assert parse_header(text).title == "2024年某市政府工作报告"


def test_a_title_with_angle_brackets_is_no_breadcrumb() -> None:
    assert parse_header("某区2020年<计划>报告\n" + SPEECH).title == "某区2020年<计划>报告"


def test_a_disclosure_page_header_with_labels_on_one_line() -> None:
    text = (
        "名称：某县2023年政府工作报告\n索引号：000000/2023-00012  主题分类：政府工作报告\n"
        "发布时间：2023-02-10 来源：某县人民政府办公室 浏览次数：1234\n【打印本页】 【关闭窗口】\n"
        "——2023年1月5日在某县第十八届人民代表大会第二次会议上\n某县人民政府县长 某某\n" + SPEECH
    )
    h = parse_header(text)
    assert (h.title, h.publisher, h.published) == ("某县2023年政府工作报告", "某县人民政府办公室", "2023-02-10")
    assert _body(text).startswith("各位代表：")


def test_a_title_on_two_lines_is_joined() -> None:
    text = (
        "关于某区2022年国民经济和社会发展计划执行情况\n与2023年计划草案的报告\n"
        "——2023年1月10日在某区第三届人民代表大会第二次会议上\n某区发展和改革局局长 某某\n" + SPEECH
    )
    assert parse_header(text).title == "关于某区2022年国民经济和社会发展计划执行情况与2023年计划草案的报告"
    assert _body(text).startswith("各位代表：")


@pytest.mark.parametrize(
    "lines",
    ["某某省省长 某某（2002年1月24日）", "2006年2月16日 某某某", "（2011年1月12日 某某某）"],
)
def test_a_speaker_or_a_date_with_a_name_is_header(lines: str) -> None:
    text = f"标题：某某省2002年政府工作报告\n正文：\n——在某某省第九届人民代表大会第五次会议上\n{lines}\n" + SPEECH
    assert _body(text).startswith("各位代表：")


def test_a_long_web_page_menu_above_the_title_block() -> None:
    menu = "".join(f"栏目{n}\n\n" for n in range(40))
    text = f"标题：某某省2002年政府工作报告\n正文：\n{menu}当前位置：\n\n首页\n\n>>\n\n政府工作报告\n\n" + SPEECH
    assert _body(text).startswith("各位代表：")


def test_a_title_set_in_spaced_letters_reads_as_one_word():
    from planbook.text.header import parse_header

    assert (
        parse_header("政 府 工 作 报 告\n——2024年1月在某县人民代表大会上\n各位代表：\n现在报告工作。\n").title
        == "政府工作报告"
    )
