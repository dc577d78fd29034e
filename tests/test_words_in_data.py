"""Every Chinese word the reader matches lives in data/: the patterns of planbook/text and planbook/extract hold
shapes only (punctuation, digits, ⟨list⟩ slots, character ranges, the marks of a date and of a numeral)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from planbook.extract.numbers import find_numbers, is_skipped
from planbook.text.header import PUBLISHED
from planbook.vocabulary import mentions

PACKAGE = Path(__file__).resolve().parents[1] / "planbook"
_CJK = re.compile(r"[\u3400-\u9fff]")
# What a shape may spell: the marks of a date and a time (2020年3月5日 10时), an ordinal (第三), a session (第十届),
# a plan's ordinal (第十四个五年) and the digits of a numeral.
_SHAPE_CHARS = re.compile(r"[年月日时分号第届个一二三四五六七八九十两百千万亿零〇○]")
_RE_FUNCTIONS = frozenset({"compile", "search", "match", "fullmatch", "sub", "subn", "findall", "finditer", "split"})


def _is_pattern_call(call: ast.Call) -> bool:
    f = call.func
    if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name):
        return f.value.id == "re" and f.attr in _RE_FUNCTIONS
    return isinstance(f, ast.Name) and f.id in ("pattern", "ending")


def _strings(node: ast.AST, constants: dict[str, list[str]]) -> list[str]:
    """The string literals a pattern argument is made of (module constants it names too)."""
    found = []
    for n in ast.walk(node):
        if isinstance(n, ast.Constant) and isinstance(n.value, str):
            found.append(n.value)
        elif isinstance(n, ast.Name) and n.id in constants:
            found.extend(constants[n.id])
    return found


def _words_spelled(source: str) -> list[str]:
    """A pattern's Chinese characters that are no shape (slots, \\u ranges and shape characters left out): a
    class of words ([比较]) is words too."""
    bare = re.sub(r"⟨\w+⟩|\\u[0-9a-fA-F]{4}", "", source)
    return _CJK.findall(_SHAPE_CHARS.sub("", bare))


def _module_constants(tree: ast.Module) -> dict[str, list[str]]:
    constants: dict[str, list[str]] = {}
    for st in tree.body:
        if isinstance(st, ast.Assign) and len(st.targets) == 1 and isinstance(st.targets[0], ast.Name):
            if not any(isinstance(n, ast.Call) for n in ast.walk(st.value)):
                constants[st.targets[0].id] = [
                    n.value for n in ast.walk(st.value) if isinstance(n, ast.Constant) and isinstance(n.value, str)
                ]
    return constants


@pytest.mark.parametrize(
    "path", sorted([*(PACKAGE / "text").glob("*.py"), *(PACKAGE / "extract").glob("*.py")]), ids=lambda p: p.name
)
def test_no_pattern_of_the_reader_spells_a_chinese_word(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = _module_constants(tree)
    spelled = [
        (node.lineno, "".join(w for s in _strings(node.args[0], constants) for w in _words_spelled(s)))
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and _is_pattern_call(node) and node.args
    ]
    assert [(line, words) for line, words in spelled if words] == [], "move the words to a list of data/"


def test_the_shape_test_sees_a_word_and_passes_a_shape() -> None:
    assert _words_spelled("(?:比|较)(\\d{4})年") == ["比", "较"]
    assert _words_spelled("[\\u4e00-\\u9fff]{1,3}[内外]") == ["内", "外"]
    assert _words_spelled("第([一二三]{1,3})个五年(?:⟨fyp_long_name⟩)[\\u4e00-\\u9fff]") == []


def test_a_four_digit_number_before_a_range_word_is_a_year() -> None:
    # range_word lists 至 and 到: 2016到2020年 is a span of years, as 2016至2020年 is
    for text in ("2016至2020年", "2016到2020年"):
        first = find_numbers(text)[0]
        assert is_skipped(text, first, [])


def test_a_publication_date_ends_where_a_publisher_label_begins() -> None:
    m = PUBLISHED.search("发布时间：2021-02-23发布机构：某县人民政府")
    assert m is not None and m.group(1) == "2021-02-23"


def test_a_quick_test_of_a_list_looks_for_its_words_as_written() -> None:
    assert mentions("net_word")("净增加120户") and not mentions("net_word")("增加120户")
    assert mentions("part_of_year")("1-11月") and not mentions("part_of_year")("全年")  # patterns: searched for
