"""One reader of Chinese numerals: headings, ranks, counts, amounts and years all go through cn_int."""

from __future__ import annotations

import pytest

from planbook.extract.numbers import find_numbers
from planbook.text import report_from_text
from planbook.text.numerals import cn_int
from planbook.text.segment import segment


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一", 1),
        ("九", 9),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("二十三", 23),
        ("两", 2),
        ("一百零八", 108),
        ("三千", 3000),
        ("一万二千", 12000),
        ("2019", 2019),
        ("二三", None),  # two or three: no number
        ("两百", None),  # reports write 二百
        ("十二十", None),
    ],
)
def test_numerals_read_by_place_value(numeral: str, value: int | None) -> None:
    assert cn_int(numeral) == value


@pytest.mark.parametrize(
    ("numeral", "value"),
    [("二〇一九", 2019), ("二0一九", 2019), ("二○○五", 2005), ("一九九八", 1998), ("二十", None)],
)
def test_years_read_digit_by_digit(numeral: str, value: int | None) -> None:
    assert cn_int(numeral, by_digit=True) == value


def test_headings_ranks_counts_and_amounts_share_the_reader() -> None:
    seg = segment(report_from_text("标题\n\n十二、综合\n\n正文。\n"))
    assert [h.number for h in seg.headings] == [12]
    ctext = "排名第十二位，新增两家，新建三四个，完成一百零八项"
    values = [(ctext[n.i : n.j], n.value) for n in find_numbers(ctext)]
    assert values == [("十二", 12.0), ("两", 2.0), ("一百零八", 108.0)]
