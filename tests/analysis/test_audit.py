"""Tests for planbook/analysis/audit.py: one passing and one failing case per check."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from planbook.analysis import audit
from planbook.model import COLUMNS, typed_rows

REPO = Path(__file__).resolve().parents[2]


def _rows(sentence: str, numbers: list[tuple[str, dict]], sentence_start: int = 0) -> pd.DataFrame:
    """Rows for the numbers of one sentence (offsets found in the sentence, in order)."""
    out, pos = [], 0
    for literal, f in numbers:
        i = sentence.index(literal, pos)
        pos = i + len(literal)
        unit = f.get("unit", "")
        scale = 1e8 if unit.startswith("亿") else 1e4 if unit.startswith("万") else 1.0
        row = {
            "report": "t",
            "start": sentence_start + i,
            "end": sentence_start + pos,
            "text": literal,
            "indicator": f["indicator"],
            "indicator_en": "",
            "period": f.get("period", 2020),
            "kind": f.get("kind", "actual"),
            "measure": f["measure"],
            "value": float(f["value"]),
            "unit": unit,
            "scale": scale,
            "value_scaled": float(f["value"]) * scale,
            "unit_scaled": unit[1:] if scale != 1.0 else unit,
            "qualifier": f.get("qualifier", ""),
            "chapter": "overview",
            "part": "",
            "section": "",
            "sentence_start": sentence_start,
            "sentence_end": sentence_start + len(sentence),
            "sentence": sentence,
        }
        out.append(row)
    return typed_rows(pd.DataFrame(out, columns=list(COLUMNS)))


def _one(df: pd.DataFrame) -> pd.Series:
    assert len(df) == 1, df
    return df.iloc[0]


def _sectors(gdp: str, shares: tuple[str, str, str] = ("20", "30", "50")) -> pd.DataFrame:
    s1 = f"生产总值{gdp}亿元,第一产业增加值20.1亿元,第二产业增加值30.2亿元,第三产业增加值50.2亿元。"
    a = _rows(
        s1,
        [
            (gdp, dict(indicator="地区生产总值", measure="level", value=gdp, unit="亿元")),
            ("20.1", dict(indicator="第一产业增加值", measure="level", value=20.1, unit="亿元")),
            ("30.2", dict(indicator="第二产业增加值", measure="level", value=30.2, unit="亿元")),
            ("50.2", dict(indicator="第三产业增加值", measure="level", value=50.2, unit="亿元")),
        ],
    )
    s2 = f"三次产业结构为{shares[0]}:{shares[1]}:{shares[2]}。"
    b = _rows(
        s2,
        [
            (v, dict(indicator=n, measure="share_pct", value=v, unit="%"))
            for v, n in zip(shares, ("第一产业增加值", "第二产业增加值", "第三产业增加值"), strict=True)
        ],
        sentence_start=len(s1),
    )
    return typed_rows(pd.concat([a, b], ignore_index=True))


def test_sector_sum_passes_within_rounding():
    r = _one(audit.sector_sum(_sectors("100.5")))
    assert r["status"] == "pass" and r["expected"] == 100.5 and r["stated"] == pytest.approx(100.5)


def test_sector_sum_flags_a_gap():
    r = _one(audit.sector_sum(_sectors("110.5")))
    assert r["status"] == "flag" and r["difference"] == pytest.approx(-10.0)


def test_sector_sum_on_seed_passes(seed_rows):
    assert _one(audit.sector_sum(seed_rows))["status"] == "pass"


def test_structure_shares_pass():
    res = audit.structure_shares(_sectors("100.5"))
    assert list(res["status"]) == ["pass"] * 3


def test_structure_shares_flag_a_wrong_share():
    res = audit.structure_shares(_sectors("100.5", ("25", "25", "50")))
    assert list(res["status"]) == ["flag", "flag", "pass"]


def _rate(found: str, fixed: str, rate: str) -> pd.DataFrame:
    s = f"巡查扬尘污染问题{found}个,整改完成{fixed}个,整改完成率{rate}%。"
    return _rows(
        s,
        [
            (found, dict(indicator="巡查扬尘污染问题", measure="level", value=found, unit="个")),
            (fixed, dict(indicator="扬尘污染问题整改完成", measure="level", value=fixed, unit="个")),
            (rate, dict(indicator="扬尘污染问题整改完成率", measure="ratio_pct", value=rate, unit="%")),
        ],
    )


def test_rate_parts_pass():
    r = _one(audit.rate_parts(_rate("943", "927", "98.3")))
    assert r["status"] == "pass" and r["expected"] == pytest.approx(98.3033, abs=1e-3)


def test_rate_parts_flag():
    r = _one(audit.rate_parts(_rate("943", "927", "95.3")))
    assert r["status"] == "flag" and r["difference"] == pytest.approx(-3.0033, abs=1e-3)


def test_rate_without_related_parts_is_not_checked(seed_rows):
    res = audit.rate_parts(seed_rows)
    assert list(res["subject"]) == ["扬尘污染问题整改完成率"]  # 复工复市率, 执结率: parts not identifiable


def _before_after(before: str, after: str, stated: str) -> pd.DataFrame:
    s = f"简易注销由原来公示{before}日压缩到{after}日,时间压缩{stated}%。"
    return _rows(
        s,
        [
            (
                before,
                dict(indicator="简易注销公示时间", measure="level", value=before, unit="日", qualifier="before"),
            ),
            (
                after,
                dict(indicator="简易注销公示时间", measure="level", value=after, unit="日", qualifier="after"),
            ),
            (stated, dict(indicator="简易注销公示时间", measure="change_pct", value=f"-{stated}", unit="%")),
        ],
    )


def test_before_after_pass():
    r = _one(audit.before_after(_before_after("50", "20", "60")))
    assert r["status"] == "pass" and r["expected"] == pytest.approx(-60)


def test_before_after_flags_the_seed_reduction(seed_rows):
    r = _one(audit.before_after(_before_after("45", "20", "60")))
    assert r["status"] == "flag" and r["expected"] == pytest.approx(-55.556, abs=1e-3)
    assert _one(audit.before_after(seed_rows))["status"] == "flag"


def test_change_sign_pass():
    df = _rows(
        "地区生产总值同比下降4.5%。",
        [("4.5", dict(indicator="地区生产总值", measure="change_pct", value=-4.5, unit="%"))],
    )
    assert _one(audit.change_sign(df))["status"] == "pass"


def test_change_sign_flags_a_decline_stored_positive():
    df = _rows(
        "地区生产总值同比下降4.5%。",
        [("4.5", dict(indicator="地区生产总值", measure="change_pct", value=4.5, unit="%"))],
    )
    r = _one(audit.change_sign(df))
    assert r["status"] == "flag" and r["expected"] == -4.5 and "下降" in r["detail"]


def test_change_sign_uses_nearest_word_in_clause():
    assert audit.wording_sign("增速同比下降22.5%", 8) == -1
    assert audit.wording_sign("下降后,增长3%", 7) == 1
    assert audit.wording_sign("高于全市平均水平1.4个百分点", 8) == 1
    assert audit.wording_sign("完成任务,达到20%", 9) == 0


def test_run_audit_on_seed_has_every_check_and_links(seed_rows):
    res = audit.run_audit(seed_rows)
    assert tuple(res.columns) == audit.AUDIT_COLUMNS
    assert set(res["check"]) == set(audit.CHECKS)
    assert res["link"].str.startswith("source.html#s-").all()
    assert audit.audit_summary(res)["flagged"] == 1  # 45 → 20 days is −55.6%, the text says 60%


def test_summary_counts_only_checks_between_figures_as_passed(seed_rows):
    res = audit.run_audit(seed_rows)
    summary = audit.audit_summary(res)
    figures, wording = audit.audit_part(res, "figures"), audit.audit_part(res, "wording")
    assert set(wording["check"]) == {"change_sign"} and "change_sign" not in set(figures["check"])
    assert summary["checks"] == len(figures) and summary["wording_checks"] == len(wording) > 0
    assert summary["passed"] + summary["flagged"] == summary["checks"]
    assert summary["wording_passed"] + summary["wording_flagged"] == summary["wording_checks"]


def test_run_audit_on_empty_rows():
    res = audit.run_audit(typed_rows(pd.DataFrame(columns=list(COLUMNS))))
    assert res.empty and tuple(res.columns) == audit.AUDIT_COLUMNS


def test_audit_of_the_extracted_seed():
    # The real extraction (not the gold fixture): what the book's audit chapter shows.
    from planbook.export import rows_to_csv
    from planbook.extract import extract
    from planbook.text import load_report

    csv = rows_to_csv(extract(load_report(REPO / "seeds" / "jingzhou-district-2020.txt")))
    rows = typed_rows(pd.read_csv(io.StringIO(csv), dtype=str, keep_default_na=False))
    res = audit.run_audit(rows)
    status = {(c, round(float(s), 1)): st for c, s, st in zip(res["check"], res["stated"], res["status"], strict=True)}
    assert status[("sector_sum", 341.2)] == "pass"
    assert status[("rate_parts", 98.3)] == "pass"
    assert status[("before_after", -60.0)] == "flag"
    assert audit.audit_summary(res)["flagged"] == 1
