"""Synthetic work reports of a province, one of its cities and a county and a district of that city
(written for these tests, in the shape of a 政府工作报告), for the regions-compared tests."""

from __future__ import annotations

from pathlib import Path

from tests.analysis.targets_helpers import work_report

# (file stem, region as the date line names it, review of 2021, targets for 2022)
REPORTS = (
    (
        "province",
        "湖北省",
        "2021年，全省生产总值增长12.9%，一般公共预算收入增长28%，城镇新增就业93万人。",
        "2022年全省经济社会发展的主要预期目标是：生产总值增长7%左右，城镇调查失业率控制在5.5%以内，"
        "居民消费价格涨幅3%左右，城镇新增就业70万人以上。",
    ),
    (
        "city",
        "荆州市",
        "2021年，全市地区生产总值增长12.5%，一般公共预算收入增长20.6%。",
        "2022年全市经济社会发展的主要预期目标是：地区生产总值增长8%以上，一般公共预算收入增长8%。",
    ),
    (
        "county",
        "荆州市公安县",
        "2021年，全县地区生产总值增长11%，一般公共预算收入下降2.5%。",
        "2022年全县经济社会发展的主要预期目标是：地区生产总值增长8.5%—9%，一般公共预算收入增长6%左右。",
    ),
    (
        "district",
        "荆州区",
        "2021年，全区地区生产总值增长10.2%。",
        "2022年全区经济社会发展的主要预期目标是：地区生产总值增长7.5%左右。",
    ),
)


def write_hierarchy(folder: Path) -> dict[str, Path]:
    """The four reports (2022, reviewing 2021) as ``<stem>.txt`` in ``folder``; their paths by stem."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for stem, region, review, plan in REPORTS:
        path = folder / f"{stem}.txt"
        path.write_text(work_report(region, 2022, review, plan), encoding="utf-8")
        paths[stem] = path
    return paths


def write_report(folder: Path, stem: str, region: str, review: str, plan: str, delivered: int = 2022) -> Path:
    """One more report in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}.txt"
    path.write_text(work_report(region, delivered, review, plan), encoding="utf-8")
    return path
