"""The quick tests in front of the reader's patterns turn away only texts the patterns would not match.

Each is checked against the pattern alone on every prefix or position of the seed report's sentences.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest

from planbook.extract import extract, meaning, numbers, periods, reader
from planbook.extract.meaning import LastMatch
from planbook.extract.numbers import FULLWIDTH, compact, find_numbers, has_candidate
from planbook.text import load_report, report_from_text
from planbook.text.segment import segment

SEED = Path(__file__).resolve().parents[2] / "seeds" / "jingzhou-district-2020.txt"


@cache
def sentences() -> list[str]:
    """The compact sentences of the seed report that hold a number."""
    report = load_report(SEED)
    text = report.text.translate(FULLWIDTH)
    out = [compact(text, s.start, s.end)[0] for s in segment(report).sentences]
    return [s for s in out if find_numbers(s)]


def _plain_last(rx: re.Pattern[str], s: str) -> re.Match[str] | None:
    found = None
    for found in rx.finditer(s):  # noqa: B007 - the last one is wanted
        pass
    return found


LAST_MATCHES = [
    (f"{m.__name__}.{k}", v) for m in (meaning, periods, reader) for k, v in vars(m).items() if isinstance(v, LastMatch)
]


@pytest.mark.parametrize(("name", "last"), LAST_MATCHES)
def test_a_last_match_finds_what_the_pattern_finds(name, last):
    assert last.start is not None, name  # each has its quick test (else it is as slow as before)
    seen = 0
    for s in sentences():
        for k in range(len(s) + 1):
            found, expected = last(s[:k]), _plain_last(last.rx, s[:k])
            assert (found and found.span()) == (expected and expected.span()), (name, s[:k])
            seen += found is not None
    assert seen, f"{name} matches nowhere in the seed: the test would not notice a wrong quick test"


def test_the_task_test_agrees_with_the_task_pattern():
    texts = [*sentences(), "全年82项年度重点任务全部完成", "安排重点项目120个建设任务", "完成目标任务的95%"]
    hits = 0
    for s in texts:
        for j in range(len(s) + 1):
            expected = periods._TASK_AFTER_RE.match(s, j) is not None
            assert periods._task_after(s, j) == expected, (s, j)
            hits += expected
    assert hits


def test_every_sentence_with_a_number_is_a_candidate():
    for s in sentences():
        assert has_candidate(s, 0, len(s)), s
    for s in ["新增两家龙头企业", "全省排名第三", "三千亿元", "增长8%"]:
        assert has_candidate(s, 0, len(s)), s
    assert not has_candidate("坚持稳中求进工作总基调", 0, 11)


def test_numbers_are_ascii_digits_or_chinese_numerals():
    assert [n.value for n in find_numbers("增长8.4%，新增两家")] == [8.4, 2.0]
    assert find_numbers("٣٤") == []  # digits of other scripts are not read (full-width ones are made ASCII first)
    assert numbers.has_candidate("增长８％".translate(FULLWIDTH), 0, 4)


def test_an_amount_that_opens_with_ten_is_read():
    # 十二个 is the sentence's only number: the candidate test must not turn the sentence away
    assert has_candidate("全年建成十二个示范村。", 0, 11)
    rows = extract(report_from_text("标题：2021年某某省政府工作报告\n\n正文：\n\n全年共建成十二个省级示范村。"))
    assert [(r.text, r.value, r.unit) for r in rows] == [("十二", 12.0, "个")]
