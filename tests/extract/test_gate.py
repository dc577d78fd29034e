"""The name gate (planbook.extract.gate): names a reader can use pass; fragments of a clause are flagged and
kept out of every table, headline, target and series."""

from __future__ import annotations

import pandas as pd
import pytest

from planbook.analysis.tables import indicator_table
from planbook.extract.gate import FLAGS, name_flag
from planbook.model import named_rows
from tests.extract.test_reader import rows_of


@pytest.mark.parametrize(
    "name",
    [
        "地区生产总值",
        "城镇新增就业",
        "GDP",
        "PM2.5平均浓度",
        "4S店",
        "5G基站",
        "行政村",
        "乡镇",
        "投入",  # a verb that is the amount it names
        "对外贸易进出口总额",
        "在建项目",
        "从业人员",
        "和美乡村",
        "和田地区矿业权出让收益",  # a place whose name opens with 和
        "等级公路",
        "“三品一标”认证产品",
        "管理费用",
        "植被覆盖率",
        "规模以上工业增加值",
    ],
)
def test_names_a_reader_uses_pass(name: str) -> None:
    assert name_flag(name) == ""


@pytest.mark.parametrize(
    ("name", "flag"),
    [
        ("", "no_name"),
        ("区", "too_short"),
        ("/月", "too_short"),
        ("实际利用外—12—资金额", "page_marker"),
        ("②新建学校", "list_mark"),
        ("固定资产投资（不含农户", "bracket"),
        ("“专精特新", "bracket"),
        ("8月底上级下达", "date"),
        ("4年", "number"),
        ("城区内", "place_or_time"),
        ("主城区", "place_or_time"),
        ("每次", "place_or_time"),
        ("下同", "place_or_time"),
        ("全年", "place_or_time"),
        ("低于全年", "comparison"),
        ("了老城区", "fragment"),
        ("以长协价", "fragment"),
        ("指标未", "fragment"),
        ("招商引资和", "fragment"),
        ("A公司、B公司等", "fragment"),
        ("工业增加值连续", "fragment"),
        ("按照省委部署", "fragment"),
        ("在北方地区", "fragment"),
        ("区首次", "fragment"),
        ("12大类", "number"),
        ("推进投资", "verb_only"),
        ("圆满", "verb_only"),
    ],
)
def test_fragments_are_flagged_with_why(name: str, flag: str) -> None:
    assert name_flag(name) == flag
    assert flag in FLAGS


def test_the_reader_flags_a_row_it_cannot_name_and_keeps_it() -> None:
    rows = rows_of("组团内有9处。全区地区生产总值增长6.5%。")
    flags = {r.text: r.name_flag for r in rows}
    assert flags["6.5"] == ""
    assert flags["9"] != ""  # kept in indicators.csv, with the reason


def test_flagged_rows_are_in_no_table() -> None:
    rows = rows_of("组团内有9处。全区地区生产总值增长6.5%。")
    frame = pd.DataFrame([r.as_dict() for r in rows])
    assert len(named_rows(frame)) == 1
    assert list(indicator_table(frame)["indicator"]) == ["地区生产总值"]


def test_rows_read_before_the_gate_all_pass() -> None:
    frame = pd.DataFrame({"indicator": ["地区生产总值", ""]})
    assert len(named_rows(frame)) == 2
