"""The look-ahead put in front of a pattern names every character a match can start with, and changes no match."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

import planbook
from planbook.prefilter import first_chars, guarded, last_chars, longest_match, start_class, word_ends
from planbook.vocabulary import Ending, _alt, ending, pattern, word_lists

FIRST_CHARS = [
    ("增长|下降", "增下"),
    ("(?<!安)排", "排"),  # a look-behind consumes nothing
    ("(?:年初)?(?:预期)?目标", "年预目"),  # optional groups: what follows may come first
    (r"\d+|第[一二三]", r"\d第"),
    ("[比较]年初", "比较"),
    (r"[\u4e00-\u9fff]{1,2}是", r"\u4e00-\u9fff"),
    ("占[^占]{0,12}?比重", "占"),  # a negated class after the first character does not matter
    (r"\-", r"\-"),
]

NO_LOOKAHEAD = [
    "a?",  # may match nothing
    "[^占]比重",  # may start with almost anything
    ".x",
    "(?i)ab",  # a flag is not followed
    r"(a)\1",
    "a|",
]


@pytest.mark.parametrize(("source", "chars"), FIRST_CHARS)
def test_first_chars_of_a_pattern(source, chars):
    assert first_chars(source) == chars


@pytest.mark.parametrize("source", NO_LOOKAHEAD)
def test_no_first_chars_when_unsure(source):
    assert first_chars(source) is None


def test_a_quantifier_after_a_guarded_group_applies_to_its_lookahead():
    rx = re.compile("x" + guarded("ab|cd") + "?y")
    assert rx.fullmatch("xy") and rx.fullmatch("xaby") and not rx.fullmatch("xcy")


TEXTS = [
    "全区地区生产总值完成312.5亿元，比上年增长8.1%，增速高于全省平均水平1.2个百分点。",
    "新增两家高新技术企业，全市排名第一，城镇化率提高到61.2%，力争7%。",
    "一是农业稳中有进；二要加快建设，占年度计划的108%，比2019年末下降0.3个百分点以内",
    "力争增长6.5%左右，确保完成年度计划的95%，增幅收窄2个百分点，提高到61.2%，较上年减少了约3000人",
    "是2005年的2.3倍，控制在5%以内，不低于1000亿元，接近200家，比全省高0.5个百分点，净增加120户",
]


@pytest.mark.parametrize("template", [rf"(?:⟨{name}⟩)+$" for name in word_lists()] + [rf"⟨{n}⟩" for n in word_lists()])
def test_guarded_word_lists_find_what_the_plain_lists_find(template):
    plain = re.compile(re.sub(r"⟨(\w+)⟩", lambda m: "(?:" + "|".join(word_lists()[m.group(1)]) + ")", template))
    fast = pattern(template, guard=True)
    for text in TEXTS:
        for k in range(len(text)):
            assert [m.span() for m in fast.finditer(text, k)] == [m.span() for m in plain.finditer(text, k)]
            assert fast.sub("#", text[k:]) == plain.sub("#", text[k:])


def test_word_trie_matches_the_longest_word_like_the_sorted_alternation():
    words = ["增长", "增", "增长率", "下降", "下", "率"]
    longest_first = "|".join(sorted(words, key=lambda w: (-len(w), w)))
    text = "增长率下降增率下增长"
    assert [m.group() for m in re.finditer(_alt(words), text)] == [m.group() for m in re.finditer(longest_first, text)]


@pytest.mark.parametrize("name", list(word_lists()))
def test_a_text_turned_away_by_word_ends_has_no_run_of_words_at_its_end(name):
    rx = re.compile(r"(?:" + "|".join(word_lists()[name]) + r")+$")
    ends = word_ends(word_lists()[name])
    for text in TEXTS:
        for a in range(len(text)):
            for b in range(a, min(len(text), a + 30) + 1):
                if not ends.may_match(text[a:b]):
                    assert rx.search(text[a:b]) is None


def test_word_ends_reads_the_last_character_or_else_the_first():
    ends = word_ends(["增加(?!值)", "比上年末?", "较[^较，]{1,10}?", "[降升](?=[至到])"])
    assert ends.last == frozenset("加年末降升") and ends.anchors == frozenset("较") and not ends.anything
    assert not ends.may_match("工业产值") and ends.may_match("较上年同期高") and ends.may_match("比上年")
    assert word_ends(["(?:ab|cd)+", "目标(?:任务)?"]).last == frozenset("bd标务")  # groups are followed
    assert word_ends([r"\d+"]).anything  # a class of no plain characters: every text may match
    assert word_ends(["(?i)ab"]).anything  # a flag is not followed


@pytest.mark.parametrize(
    ("source", "longest"),
    [
        ("增长|下降了", 3),
        ("[^，]{0,6}?(?:建设)?(?:任务|目标)(?![^，]{0,6}完成)", 10),  # a look-around adds nothing
        (r"\d{2,4}年", 5),
        ("(?P<a>比)?较?$", 2),
        ("比.*年", None),
        (r"(a)\1", None),  # a back-reference is not followed
    ],
)
def test_longest_match_of_a_pattern(source, longest):
    assert longest_match(source) == longest


def test_no_module_reads_patterns_with_the_private_parser_of_re():
    root = Path(planbook.__file__).parent
    private = re.compile(r"\bfrom re import _|\bre\._[a-z]|\bsre_(?:parse|constants|compile)\b")
    assert [str(p) for p in root.rglob("*.py") if private.search(p.read_text(encoding="utf-8"))] == []


@pytest.mark.parametrize("name", list(word_lists()))
def test_an_ending_finds_what_a_search_from_the_start_finds(name):
    fast = ending(rf"⟨{name}⟩$")
    plain = pattern(rf"⟨{name}⟩$")
    for text in TEXTS:
        for k in range(len(text) + 1):
            found, expected = fast.search(text[:k]), plain.search(text[:k])
            assert (found and found.span()) == (expected and expected.span())


LAST_CHARS = [
    ("(?:增加|减少)了?(?:约|近)?$", "加少了约近"),  # optional items at the end: what is before them may end a match
    ("(?<![提])(?P<d>高|低)出?$", "高低出"),  # a look-behind consumes nothing
    ("(?:(?=[计目])(?:计划|目标))的$", "的"),
    (r"[-~至](?=\d)", "-~至"),  # a hyphen first in a class is a character
    (r"(?:[\n。]|\u3000)$", "\n。\u3000"),
]


@pytest.mark.parametrize(("source", "chars"), LAST_CHARS)
def test_last_chars_of_a_pattern(source, chars):
    assert last_chars(source) == frozenset(chars)


@pytest.mark.parametrize("source", ["a?$", "a[^b]$", "(?:x|)$", r"\d$", "a.$", r"(a)\1$", r"[\u4e00-\u9fff]$"])
def test_no_last_chars_when_unsure(source):
    assert last_chars(source) is None


@pytest.mark.parametrize("name", list(word_lists()))
def test_a_text_without_a_start_character_holds_no_match(name):
    rx = pattern(rf"⟨{name}⟩", guard=True)
    start = start_class(rx)
    for text in TEXTS:
        for k in range(len(text)):
            if start is not None and start.search(text, k) is None:
                assert rx.search(text, k) is None, (name, text[k:])


def _module_endings() -> list[tuple[str, Ending]]:
    """Every Ending the reader's modules search with (the composed ones, not only single word lists)."""
    from planbook.extract import meaning, names, periods

    return [
        (f"{m.__name__}.{k}", v) for m in (meaning, names, periods) for k, v in vars(m).items() if isinstance(v, Ending)
    ]


@pytest.mark.parametrize(("name", "end"), _module_endings())
def test_the_last_character_test_of_an_ending_turns_away_no_match(name, end):
    assert end.last is not None, name  # every ending of the reader has one (a pattern it cannot read would be slow)
    for text in TEXTS:
        for k in range(len(text) + 1):
            found, expected = end.search(text[:k]), end.rx.search(text[:k])
            assert (found and found.span()) == (expected and expected.span()), (name, text[:k])


def test_every_word_list_the_reader_strips_from_a_name_keeps_its_quick_test():
    # A word written as a pattern that ends in a group (…目标(?:任务)?) leaves no last character to test: the
    # whole list then loses its test, and every name pays for the full pattern.
    names = importlib.import_module("planbook.extract.names")
    lists = {k: v for k, v in vars(names).items() if type(v).__name__ == "WordEnds"}
    assert lists and [k for k, v in lists.items() if v.anything] == []


@pytest.mark.parametrize(
    "template",
    [
        "⟨admin_level⟩",  # opens the pattern: bare, re skips to its first characters
        "(?:⟨next_figure_lead⟩)$",
        "(?:⟨share_verb⟩)[^，]{0,14}?(?:⟨share_noun⟩)|⟨share_word⟩|⟨gap_higher⟩",  # whole branches: bare among them
        "、|⟨list_joiner⟩",
        "⟨predicate_start⟩|⟨action_verb⟩|⟨not_a_noun_start⟩",  # a branch of patterns: every list grouped
        "⟨verb_only⟩+",  # repeated: grouped and guarded
        "(?:⟨whole_area⟩)(?!⟨whole_area_not_before⟩)|(?<!⟨year_point_not_after⟩)(?:⟨year_point⟩)",
    ],
)
def test_a_list_filled_in_bare_finds_what_its_group_finds(template):
    plain = re.compile(re.sub(r"⟨(\w+)⟩", lambda m: "(?:" + "|".join(word_lists()[m.group(1)]) + ")", template))
    filled = pattern(template)
    for text in [*TEXTS, "国家级示范区和省级园区，全县年末常住人口，占比达到超过"]:
        for k in range(len(text)):
            assert [m.span() for m in filled.finditer(text, k)] == [m.span() for m in plain.finditer(text, k)]
