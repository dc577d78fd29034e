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


def test_a_running_page_header_is_no_repeated_passage() -> None:
    running = "某市2023年国民经济和社会发展统计公报"
    pages = [f"{running}\n全年第{n}类产品产量比上年增长{n}.5%，其中出口增长{n}.1%。\n" for n in range(1, 6)]
    text = "".join(pages)
    assert find_repeats(text, 0, len(text)) == ()


def test_a_title_block_shown_twice_is_no_repeated_passage_but_a_speech_saved_twice_is() -> None:
    block = "某某省2025年政府工作报告\n2025年1月21日在某某省第十四届人民代表大会第三次会议上\n"
    text = block + "首页\n>\n" + block + "各位代表：\n"
    assert find_repeats(text, 0, len(text)) == ()
    speech = "".join(f"第{n}项工程完成投资{n}.5亿元，比上年增长{n}.2%。\n" for n in range(8))
    text = speech + "网站首页\n" + speech
    assert find_repeats(text, 0, len(text)) == ((len(speech) + 5, len(text) - 1),)


def test_lines_of_the_header_count_as_seen() -> None:
    speech = "".join(f"第{n}项工程完成投资{n}.5亿元，比上年增长{n}.2%。\n" for n in range(8))
    text = speech + speech
    assert find_repeats(text, len(speech), len(text)) == ()
    assert find_repeats(text, len(speech), len(text), seen_from=0) == ((len(speech), len(text) - 1),)
