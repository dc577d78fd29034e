"""Years and dates as reports write them: 2019年, 二〇一九年一月十四日, 二0一九年 (for the header and the profile)."""

from __future__ import annotations

import re

_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "0": 0, "Ｏ": 0, "O": 0, "o": 0,
             "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
_CN_YEAR = "[〇○零0ＯOo一二三四五六七八九]"
_DAY_OR_MONTH = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_MONTH_DAY = rf"\s*{_DAY_OR_MONTH}\s*月\s*{_DAY_OR_MONTH}\s*日"
# A date down to the day: 2021年2月19日, 二〇一九年一月十四日.
DATE_RE = re.compile(rf"(?P<year>(?:19|20)\d{{2}}|{_CN_YEAR}{{4}})\s*年{_MONTH_DAY}")
# A date down to the month or the day, removed before place names are looked for (…1月在河北省…).
DATE_PART_RE = re.compile(
    rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR}{{4}})年{_DAY_OR_MONTH}月(?:{_DAY_OR_MONTH}日)?|(?<![\d年]){_DAY_OR_MONTH}月{_DAY_OR_MONTH}日"
)
# 2026-02-03 09:02:33 (spaces removed), 2024.3.25, 2024年3月25日
_NUMERIC_DATE_RE = re.compile(r"(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?")
_YEAR_MONTH_RE = re.compile(rf"(?:(?:19|20)\d{{2}}|{_CN_YEAR}{{4}})年{_DAY_OR_MONTH}月")
YEAR_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年")


def cn_year(s: str) -> int | None:
    """二〇一九 → 2019, 二0一九 → 2019, 2019 → 2019; None when it is not a year."""
    if s.isdigit() and len(s) == 4:
        return int(s)
    digits = [_CN_DIGIT.get(c) for c in s]
    if len(digits) != 4 or any(d is None for d in digits):
        return None
    year = int("".join(str(d) for d in digits))
    return year if 1949 <= year <= 2100 else None


def cn_number(s: str) -> int:
    """一 → 1, 十 → 10, 十四 → 14, 二十 → 20 (five-year plan ordinals)."""
    d = {c: i for c, i in _CN_DIGIT.items() if i}
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + d.get(s[1], 0)
    if "十" in s:
        tens, _, ones = s.partition("十")
        return d.get(tens, 0) * 10 + (d.get(ones, 0) if ones else 0)
    return d.get(s, 0)


def date_years(text: str) -> list[int]:
    """The years of the dates (down to the day) in text, in order."""
    years = []
    for m in DATE_RE.finditer(text):
        y = cn_year(m.group("year"))
        if y is not None:
            years.append(y)
    return years


def is_date_line(line: str) -> bool:
    """A line that is a date and nothing else: 2024年3月25日, （二〇〇五年一月十一日）, 2026-02-03 09:02:33."""
    # (2011年1月12日 某某): a date with the speaker's name after it is the date line all the same
    line = re.sub(r"\s+[\u4e00-\u9fff·]{2,5}\s*([）)]?)\s*$", r"\1", line)
    bare = re.sub(r"^[—–\-－―]+|[\s（）()【】\[\]]", "", line)
    if DATE_RE.fullmatch(bare) or _YEAR_MONTH_RE.fullmatch(bare):
        return True
    return _NUMERIC_DATE_RE.fullmatch(bare) is not None
