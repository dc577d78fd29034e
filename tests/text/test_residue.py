"""Conversion markup and repeated passages: found so that the reader can leave them out."""

from __future__ import annotations

from planbook.text.residue import find_markup, find_repeats


def test_a_speech_saved_twice_is_read_once() -> None:
    speech = "各位代表：\n一、2020年工作回顾\n全年地区生产总值完成341.21亿元，同比下降4.5%。\n各位代表：\n"
    first = "标题：报告\n\n" + speech + "网站首页\n"
    text = first + speech
    assert find_repeats(text, 0, len(text)) == ((len(first), len(text) - 1),)


def test_short_repeated_lines_are_not_a_repeat() -> None:
    text = "各位代表：\n今年地区生产总值增长6%。\n各位代表：\n谢谢。\n"
    assert find_repeats(text, 0, len(text)) == ()


def test_page_markers_tables_images_and_captions_are_markup() -> None:
    text = (
        "增长 8.6% 。\n<!-- Page Page 2 -->\n表1：2021年地区生产总值\n"
        "<table><tr><td>1</td></tr></table>\n![](a.jpg)\n<center>图1：x</center>\n正文"
    )
    spans = find_markup(text, 0, len(text))
    assert [text[a:b][:4] for a, b in spans] == ["<!--", "表1：2", "<tab", "![](", "<cen"]
