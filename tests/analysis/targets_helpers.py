"""Small synthetic work reports for the target, series and audit tests (written into a tmp folder)."""

from __future__ import annotations

from pathlib import Path

CN_DIGITS = "〇一二三四五六七八九"
# Prose without figures, so that a synthetic report has the length of a real one (a text of a few
# hundred characters is read as a stub, whose targets are never paired).
PROSE = "我们坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，统筹发展和安全，推动经济社会高质量发展。" * 24


def work_report(region: str, delivered: int, review: str, plan: str, *, review_heading: bool = True) -> str:
    """A 政府工作报告 delivered in ``delivered``: a date line, a review of the year before, the year's plan."""
    lines = [
        "政府工作报告",
        f"——{delivered}年1月20日在{region}第十三届人民代表大会第四次会议上",
        f"{region}人民政府",
        "",
        "各位代表：",
        "",
        PROSE,
        "",
    ]
    if review_heading:
        lines += [f"一、{delivered - 1}年工作回顾", "", review, ""]
    lines += [f"二、{delivered}年工作安排", "", plan, ""]
    return "\n".join(lines)


TARGETS_2021 = (
    "2021年全省经济社会发展的主要预期目标是：生产总值增长6.5%左右，一般公共预算收入增长6%，"
    "社会消费品零售总额增长8%，城镇新增就业80万人以上，居民消费价格涨幅控制在3%左右，"
    "单位生产总值能耗下降3%，城镇调查失业率5.5%左右。"
)
REVIEW_2020 = "2020年，全省生产总值增长3.9%，一般公共预算收入增长2.1%，城镇新增就业75万人。"
# Met: GDP (6.6 ≥ 6.5 − 0.5), jobs (85 ≥ 80), CPI and energy (lower is better).
# Missed: budget revenue (5 < 6), retail sales (6.3 < 8 − 0.5). Not reported: unemployment.
# Restated: GDP growth of 2020 was 3.9 in the 2021 report and is 3.7 in the 2022 report.
REVIEW_2021 = (
    "2021年，全省生产总值增长6.6%，一般公共预算收入增长5%，社会消费品零售总额增长6.3%，"
    "城镇新增就业85万人，居民消费价格上涨1.2%，单位生产总值能耗下降4.5%。2020年全省生产总值增长3.7%。"
)
TARGETS_2022 = "2022年全省经济社会发展的主要预期目标是：生产总值增长6%左右，一般公共预算收入增长5%左右。"

EXPECTED_2021 = {
    "gdp": ("6.6", "yes"),
    "general_budget_revenue": ("5", "no"),
    "retail_sales": ("6.3", "no"),
    "new_urban_jobs": ("85", "yes"),
    "cpi": ("1.2", "yes"),
    "energy_intensity": ("-4.5", "yes"),
    "surveyed_unemployment_rate": ("", "not_reported"),
}


def write_region(folder: Path, region: str = "测试省", prefix: str = "r") -> list[Path]:
    """Two consecutive reports of one region: 2021 (targets for 2021) and 2022 (outcomes of 2021)."""
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / f"{prefix}-a.txt"
    b = folder / f"{prefix}-b.txt"
    a.write_text(work_report(region, 2021, REVIEW_2020, TARGETS_2021), encoding="utf-8")
    b.write_text(work_report(region, 2022, REVIEW_2021, TARGETS_2022), encoding="utf-8")
    return [a, b]


def communique(region: str, year: int, body: str) -> str:
    """A 统计公报 of ``year`` (released the year after): its title and the body."""
    lines = [
        f"{region}{year}年国民经济和社会发展统计公报",
        "",
        body,
        "",
        COMMUNIQUE_PROSE,
        "",
    ]
    return "\n".join(lines)


# A communiqué's prose without figures (a communiqué shorter than 1,500 characters is read as a stub).
COMMUNIQUE_PROSE = "全年全市经济运行总体平稳，发展质量稳步提升，民生保障有力有效，社会大局和谐稳定。" * 45
