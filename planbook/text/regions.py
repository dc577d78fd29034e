"""Region names: where a report's issuing region is named, how a name ends, and the level it has.

A region is an administrative name: characters before a suffix (省, 自治区, 市, 州, 盟, 县, 旗, 区 …). The
suffixes are the ``suffix`` rows of ``data/divisions.csv`` (the one list: the divisions and the indicator
codes read it too), each with the level a name ending in it has when nothing else is known.
``data/regions.csv`` holds the rest: the four municipalities (province-level), the wording of a
county-level city, words that end like a place but name none (全市, 开发区), and words no name holds,
so that what runs up to one of them is glued before the name (在河北省, 日在某区, 我代表某县).

The level is the administrative-division dataset's when it places the name (planbook.text.divisions:
昆山市 is a county-level city, 海拉尔区 a district of 呼伦贝尔市); else the suffix's, told apart by the text
for a 市 (a 市 named under another 市, or called 县级市, is a county).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from planbook.text.dates import DATE_PART_RE
from planbook.text.divisions import place
from planbook.vocabulary import read_rows

REGIONS_FILE = "regions.csv"
SUFFIX_FILE = "divisions.csv"  # its ``suffix`` rows: what ends a region's name, and the level it gives
LEVELS: tuple[str, ...] = ("province", "city", "county", "district")


@dataclass(frozen=True)
class RegionWords:
    """The lists of ``data/regions.csv``."""

    suffixes: tuple[tuple[str, str], ...]  # (suffix, level), longest first
    municipalities: frozenset[str]
    county_city_words: tuple[str, ...]
    not_places: frozenset[str]
    short_suffixes: frozenset[str]  # a name ending in one may be short for a longer one (贵州 → 贵州省)
    glued_before: tuple[str, ...]  # words no name holds (在, 代表, 接受): what runs up to one is glued before a name
    issuer_words: tuple[str, ...]  # after a name: the body that issues a report (人民政府, 统计局)
    lead_words: tuple[str, ...]  # may stand before a name (全, 本, 我)
    county_city_suffixes: tuple[str, ...]  # 市: a name ending in one may be a county-level city


@lru_cache(maxsize=1)
def region_words() -> RegionWords:
    """The region lists, read once."""
    rows = read_rows(REGIONS_FILE)

    def kind(k: str) -> list[dict[str, str]]:
        return [r for r in rows if r["list"] == k]

    # The one suffix list (planbook.text.divisions and codes.py read it too), with each suffix's level.
    listed = [(r["word"], r["level"]) for r in read_rows(SUFFIX_FILE) if r["list"] == "suffix"]
    suffixes = sorted(listed, key=lambda s: -len(s[0]))
    return RegionWords(
        suffixes=tuple(suffixes),
        municipalities=frozenset(r["word"] for r in kind("municipality")),
        county_city_words=tuple(r["word"] for r in kind("county_city")),
        not_places=frozenset(r["word"] for r in kind("not_place")),
        short_suffixes=frozenset(r["word"] for r in kind("short_suffix")),
        glued_before=tuple(r["word"] for r in kind("glued_before")),
        issuer_words=tuple(r["word"] for r in kind("issuer_word")),
        lead_words=tuple(r["word"] for r in kind("lead_word")),
        county_city_suffixes=tuple(r["word"] for r in kind("county_city_suffix")),
    )


def suffix_alternation() -> str:
    """The suffixes as one alternation, longest first (自治区 before 区)."""
    return "|".join(re.escape(s) for s, _ in region_words().suffixes)


@lru_cache(maxsize=1)
def suffix_re() -> re.Pattern[str]:
    """A suffix at the end of a name (河北省 → 省): what is trimmed to compare names (河北)."""
    return re.compile(f"(?:{suffix_alternation()})$")


@lru_cache(maxsize=1)
def place_re() -> re.Pattern[str]:
    """A place name: Chinese characters before a suffix, not followed by another one-character suffix."""
    singles = "".join(s for s, _ in region_words().suffixes if len(s) == 1)
    return re.compile(rf"[\u4e00-\u9fff]{{1,10}}?(?:{suffix_alternation()})(?![{singles}])")


@lru_cache(maxsize=1)
def issuer_re() -> re.Pattern[str]:
    """Where the issuer names itself: 河北省人民政府, 保定市第十六届人民代表大会, 成都市统计局, 甘肃省十四届人大."""
    issuers = "|".join(map(re.escape, region_words().issuer_words))
    return re.compile(
        rf"((?:[\u4e00-\u9fff]{{1,10}}?(?:{suffix_alternation()}))+)(?:{issuers}|第?[一二三四五六七八九十]+届)"
    )


@lru_cache(maxsize=1)
def _lead_re() -> re.Pattern[str]:
    """Words that may stand before a name (全, 本, 我 …); stripped only when a name of two characters or more
    remains, for some names begin with them (和平区, 本溪市, 全椒县)."""
    return re.compile("^(?:" + "|".join(map(re.escape, region_words().lead_words)) + ")+")


@lru_cache(maxsize=1)
def _glued_re() -> re.Pattern[str]:
    """What is glued before a name in a line: all up to the last word no name holds (…报告在河北省, 我代表某县)."""
    return re.compile("^.*(?:" + "|".join(map(re.escape, region_words().glued_before)) + ")")


def suffix_of(name: str) -> str:
    """The longest suffix the name ends with, "" for none."""
    return next((s for s, _ in region_words().suffixes if name.endswith(s)), "")


def _stem_chars(name: str) -> int:
    return len(name) - len(suffix_of(name))


def clean_name(name: str) -> str:
    """A name without the words glued before it (在陕西省 → 陕西省, 日在某区 → 某区, 我代表县 → "")."""
    name = _glued_re().sub("", name)
    m = _lead_re().match(name)
    if m and _stem_chars(name[m.end() :]) >= 2:
        name = name[m.end() :]
    return name


def _is_place(name: str) -> bool:
    """A name of a place: a stem before the suffix that is no lead word and no generic word (全市, 开发区)."""
    words = region_words()
    stem = name[: len(name) - len(suffix_of(name))]
    return len(stem) >= 1 and name not in words.not_places and not _lead_re().fullmatch(stem)


def place_chain(text: str) -> list[str]:
    """The names of the first run of place names in text (湖北省荆州市荆州区 → all three), cleaned."""
    names: list[str] = []
    prev_end = 0
    for m in place_re().finditer(text):
        start = m.start()
        if text[start] in "日月年" and start > 0 and text[start - 1].isdigit():
            start += 1  # 5日海拉尔区: the day of a date, not the name's first character
        name = clean_name(text[start : m.end()])
        if not _is_place(name):
            if names:
                break
            continue
        if names and m.start() != prev_end:
            break
        names.append(name)
        prev_end = m.end()
    return names


def place_in(text: str) -> str:
    """The last (most specific) place name of the first run of place names in text."""
    names = place_chain(DATE_PART_RE.sub("", text))
    return names[-1] if names else ""


def issuers_in(lines: list[str]) -> Counter[str]:
    """Names of issuing bodies in lines (each line read on its own: a name never runs over a line break)."""
    found: Counter[str] = Counter()
    for line in lines:
        for part in DATE_PART_RE.sub("", line).split():  # spaces part names (某市统计局 国家统计局某市调查队)
            for m in issuer_re().finditer(part):
                name = place_in(m.group(1))
                if name:
                    found[name] += 1
    return found


def complete_name(name: str, text: str) -> str:
    """A short name completed by its full form in the text (贵州 → 贵州省 when the text says 贵州省)."""
    if not name:
        return name
    forms: Counter[str] = Counter()
    for s, level in region_words().suffixes:
        if level in ("province", "city") and len(s) == 1 and not name.endswith(s):
            n = text.count(name + s)
            if n and _stem_chars(name + s) > _stem_chars(name):
                forms[name + s] = n
    if not forms or suffix_of(name) not in region_words().short_suffixes:
        return name
    return forms.most_common(1)[0][0]


def region_level(region: str, text: str = "") -> str:
    """province, city, county or district: the division dataset's, else from the name's suffix, the
    municipalities, and the text for a 市."""
    if not region:
        return ""
    placed = place(region, text).level
    return placed or suffix_level(region, text)


def suffix_level(region: str, text: str = "") -> str:
    """The level a name's suffix gives (a 市 told apart by the text), for a name the dataset does not place."""
    words = region_words()
    if not region:
        return ""
    if region in words.municipalities:
        return "province"
    suffix = suffix_of(region)
    level = next((lv for s, lv in words.suffixes if s == suffix), "")
    if level == "city" and suffix in words.county_city_suffixes and _county_city(region, text):
        return "county"
    return level


def _county_city(region: str, text: str) -> bool:
    """A 市 that is a county-level city: the text names it under another 市 (某市某市) or calls it 县级市."""
    words = region_words()
    for m in re.finditer(re.escape(region), text):
        before = text[max(0, m.start() - 12) : m.start()]
        parent = [p for p in place_re().finditer(before) if p.end() == len(before)]
        if parent:
            name = clean_name(parent[-1].group())
            parent_city = name.endswith(words.county_city_suffixes)
            if parent_city and name != region and name not in words.municipalities and _is_place(name):
                return True
    # 县级市某山市, 某山市（县级市）: the wording next to the name (not 某市所辖3个县级市, said of other towns)
    named = "|".join(map(re.escape, words.county_city_words))
    if named and re.search(rf"(?:{named}){re.escape(region)}|{re.escape(region)}[（(](?:{named})", text):
        return True
    return False
