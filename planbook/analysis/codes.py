"""English codes for headline quantities (gdp, cpi, new_urban_jobs …), read from ``data/indicator_codes.csv``.

A row's Chinese name, as the extractor wrote it, is trimmed of scope and verb words
(``data/indicator_name_trim.csv``) and must then match one code's pattern *whole*: a name with
anything more (县域生产总值, 合同利用外资, 全社会固定资产投资五年) has no code, so that two different
quantities never share one. A name that joins several quantities (城乡居民人均可支配收入,
A和B均削减) is split, and its parts are given to the numbers of the sentence in order (分别) or
all to one number (均).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from planbook.model import Measure
from planbook.text.regions import suffix_re as region_suffix_re
from planbook.vocabulary import DATA_DIR, VocabularyError, data_path, read_lists, read_rows

CODES_FILE = DATA_DIR / "indicator_codes.csv"
TRIM_FILE = DATA_DIR / "indicator_name_trim.csv"

# Characters that never change what a name measures (quotes around 专精特新, line breaks, spaces).
_NOISE_RE = re.compile(r"[\s“”\"‘’'《》「」]")
# A note in brackets: 细颗粒物（PM2.5）浓度, 固定资产投资（不含农户）.
_PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")
_SPLIT_RE = re.compile(r"[、和及与]")
# 城乡居民X = 城镇居民X and 农村居民X, in that order (the order 分别 lists follow).
_URBAN_RURAL_RE = re.compile(r"^城乡(居民)?(.+)$")
# 均 as "each, alike" (均削减5.5%), not inside 人均, 平均 or 年均.
_JUN_RE = re.compile(r"(?<![人平年])均")
# Forms whose unit is the quantity's own (a level, a rate, a change in units): the code's units apply to them.
_UNIT_FORMS = frozenset({Measure.LEVEL, Measure.RATIO_PCT, Measure.CHANGE_ABS})


@dataclass(frozen=True)
class IndicatorCode:
    """One code: the names that mean it, whether it is a headline indicator, and how its growth is measured."""

    code: str
    pattern: re.Pattern[str]
    clause_requires: re.Pattern[str] | None  # the clause before the number must match this …
    clause_excludes: re.Pattern[str] | None  # … and must not match this (二氧化硫 emissions, not 浓度)
    headline: bool
    growth_basis: str  # "nominal", "real" or "" (growth of a rate or count)
    label_zh: str
    label_en: str
    units: frozenset[str] = frozenset()  # base units a level of it is measured in (人, 元, %); empty: any

    def measured_in(self, form: str, unit_scaled: str) -> bool:
        """Whether a figure of this form and base unit can be this quantity: 城镇新增就业 is counted in 人, never
        in 人次 (training) or in % (完成年计划的118.2% is the share of a plan done); a change in % always can."""
        if not self.units or form not in _UNIT_FORMS:
            return True
        return unit_scaled in self.units


@dataclass(frozen=True)
class CodeBook:
    """All codes in file order (the first whole match wins) and the trim patterns."""

    codes: tuple[IndicatorCode, ...]
    prefix_re: re.Pattern[str]
    suffix_re: re.Pattern[str]
    # Names repeat (a large report names 地区生产总值 a thousand times): their trimmed form and the codes whose
    # pattern matches it are looked up once.
    _trimmed: dict[tuple[str, str], str] = field(default_factory=dict, compare=False, repr=False)
    _matching: dict[str, tuple[IndicatorCode, ...]] = field(default_factory=dict, compare=False, repr=False)

    def get(self, code: str) -> IndicatorCode | None:
        """The code's first row, or None (a code may have several rows, one per way of naming it)."""
        return next((c for c in self.codes if c.code == code), None)

    def trim(self, name: str, region: str = "") -> str:
        """The name without noise, scope/verb prefixes, trailing verbs and the report's own region name."""
        key = (name or "", region)
        if key not in self._trimmed:
            self._trimmed[key] = self._trim(*key)
        return self._trimmed[key]

    def _trim(self, name: str, region: str) -> str:
        name = _PAREN_RE.sub("", _NOISE_RE.sub("", name))
        # Longest first: 河北省 before 河北.
        # The report's own region name, with and without its suffix (河北省, 河北; data/regions.csv).
        regions = sorted(
            {r for r in (region, region_suffix_re().sub("", region)) if len(r) >= 2}, key=len, reverse=True
        )
        previous = None
        while previous != name:
            previous = name
            for r in regions:
                if name.startswith(r) and len(name) > len(r):
                    name = name[len(r) :]
            name = self.prefix_re.sub("", name, count=1) or name
            name = self.suffix_re.sub("", name, count=1) or name
        return name

    def code_of(self, name: str, region: str = "", clause: str = "") -> str:
        """The code of the first row whose pattern matches the whole trimmed name and whose words fit the clause.

        ``clause`` is the text before the number in its clause; a row's required words may also
        stand in the name itself (二氧化硫排放量), its excluded words only in the clause.
        """
        trimmed = self.trim(name, region)
        if trimmed not in self._matching:
            self._matching[trimmed] = tuple(c for c in self.codes if c.pattern.fullmatch(trimmed))
        for c in self._matching[trimmed]:
            if _fits(c, trimmed + " " + clause, clause):
                return c.code
        return ""

    def parts_of(self, name: str, region: str = "", clause: str = "") -> tuple[str, ...]:
        """Codes of the quantities a joined name lists (城乡…, A、B和C…); () unless every part has a code."""
        trimmed = self.trim(name, region)
        m = _URBAN_RURAL_RE.match(trimmed)
        if m:
            resident = "居民" if m.group(1) else ""
            parts = [f"城镇{resident}{m.group(2)}", f"农村{resident}{m.group(2)}"]
        else:
            parts = [p for p in _SPLIT_RE.split(trimmed) if p]
        if len(parts) < 2:
            return ()
        codes = tuple(self.code_of(p, region, clause) for p in parts)
        return codes if all(codes) else ()


def _fits(c: IndicatorCode, context: str, clause: str) -> bool:
    """Whether a row's required words stand in the context and its excluded words not in the clause."""
    if c.clause_requires is not None and not c.clause_requires.search(context):
        return False
    return c.clause_excludes is None or not c.clause_excludes.search(clause)


def _compile_alternatives(words: list[str], anchor: str) -> re.Pattern[str]:
    alternatives = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    body = "|".join(re.escape(w) for w in alternatives) or "(?!)"
    return re.compile(f"^(?:{body})" if anchor == "prefix" else f"(?:{body})$")


@lru_cache(maxsize=4)
def load_codebook(codes_path: Path = CODES_FILE, trim_path: Path = TRIM_FILE) -> CodeBook:
    """Read and compile the code list and the trim words (once per process)."""
    codes_path = data_path(codes_path)  # the user's edited copy when there is one: errors name the file read
    codes = []
    for line, r in enumerate(read_rows(codes_path), start=2):
        try:
            pattern = re.compile(r["pattern"])
            requires = re.compile(r["clause_requires"]) if r.get("clause_requires") else None
            excludes = re.compile(r["clause_excludes"]) if r.get("clause_excludes") else None
        except re.error as exc:
            raise VocabularyError(f"{codes_path}:{line}: bad pattern for {r['code']}: {exc}") from None
        codes.append(
            IndicatorCode(
                r["code"], pattern, requires, excludes, r["headline"].strip() == "yes",
                r["growth_basis"].strip(), r["label_zh"], r["label_en"],
                frozenset(u.strip() for u in (r.get("units") or "").split("|") if u.strip()),
            )
        )  # fmt: skip
    trim = read_lists(trim_path)
    return CodeBook(
        tuple(codes),
        _compile_alternatives(list(trim.get("prefix", ())), "prefix"),
        _compile_alternatives(list(trim.get("suffix", ())), "suffix"),
    )


def row_codes(frame: pd.DataFrame, text: str, region: str = "", book: CodeBook | None = None) -> list[tuple[str, ...]]:
    """Codes each row of one report's frame stands for: (), one code, or several (均: one figure for two).

    A joined name is resolved within its sentence: when as many rows of that sentence carry the
    name with the same measure as the name lists quantities, they take the parts in order (分别);
    a single row takes them all only when 均 stands next to it. Anything else gets no code.
    """
    return codes_of(
        frame["indicator"].fillna("").astype(str).tolist(),
        frame["sentence_start"].tolist(),
        frame["measure"].tolist(),
        frame["start"].astype(int).tolist(),
        text,
        region,
        book,
    )


def codes_of(names: Sequence[str], sentence_starts: Sequence[int], measures: Sequence[str], starts: Sequence[int],
             text: str, region: str = "", book: CodeBook | None = None) -> list[tuple[str, ...]]:  # fmt: skip
    """:func:`row_codes` of rows given as columns: each row's name, sentence start, measure and start."""
    book = book or load_codebook()
    out: list[tuple[str, ...]] = []
    groups: dict[tuple, list[int]] = defaultdict(list)
    for i, key in enumerate(zip(names, sentence_starts, measures, strict=True)):
        groups[key].append(i)
    for i, name in enumerate(names):
        clause = _clause(text, int(sentence_starts[i]), starts[i])
        siblings = groups[(name, sentence_starts[i], measures[i])]
        out.append(_row_codes(book, name, region, clause, i, siblings, starts, text))
    return out


def _clause(text: str, sentence_start: int, start: int) -> str:
    """The text of the clause before a number: from the last ，；。： of its sentence."""
    before = text[sentence_start:start]
    cut = max(map(before.rfind, "，,；;。：:"))
    return before[cut + 1 :]


def _row_codes(book: CodeBook, name: str, region: str, clause: str, i: int, group: list[int],
               starts: Sequence[int], text: str) -> tuple[str, ...]:  # fmt: skip
    """The codes of one row from its name, and for a joined name from its place among its siblings (``group``:
    the rows of its sentence with its name and measure)."""
    code = book.code_of(name, region, clause)
    if code:
        return (code,)
    parts = book.parts_of(name, region, clause)
    if not parts:
        return ()
    siblings = sorted(group, key=lambda j: starts[j])
    if len(siblings) == len(parts):
        return (parts[siblings.index(i)],)
    if len(siblings) == 1 and (_JUN_RE.search(name) or _JUN_RE.search(text[max(0, starts[i] - 6) : starts[i]])):
        return parts
    return ()
