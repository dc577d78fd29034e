"""The vocabulary, loaded once: units, the words the reader looks for, taxonomy, glossary and the other edited lists.

The vocabulary ships inside the package (``planbook/vocab/*.csv``, package data). A user's own edited copy is a
folder named by ``PLANBOOK_VOCABULARY`` (or ``planbook --vocabulary DIR``): each file it holds replaces the shipped
file of that name, and the files it does not hold are the shipped ones.

The reader's patterns keep their structure in code and take their words from ``words.csv``:
``pattern(r"(?P<neg>⟨fall⟩)|(?P<pos>⟨rise⟩)")`` puts the words of the lists ``fall`` and ``rise`` in
place of ``⟨fall⟩`` and ``⟨rise⟩``, in the order the file gives them (where one word begins another,
the longer goes first). A word may carry a condition in regular-expression syntax (增加(?!值)).
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from planbook.prefilter import guarded, last_chars, longest_match

VOCAB_DIR = Path(__file__).resolve().parent / "vocab"  # the shipped vocabulary (package data)
DATA_DIR = VOCAB_DIR  # the name the modules that build paths on the shipped vocabulary import
VOCABULARY_ENV = "PLANBOOK_VOCABULARY"  # a folder of edited vocabulary files that replace the shipped ones


class VocabularyError(ValueError):
    """A vocabulary file or folder that cannot be used (bad input: the message names the file)."""


def own_vocabulary() -> Path | None:
    """The folder of the user's edited vocabulary (``PLANBOOK_VOCABULARY``), None when it is not set."""
    value = os.environ.get(VOCABULARY_ENV, "")
    return Path(value) if value else None


def shipped_files() -> list[str]:
    """The names of the shipped vocabulary files, sorted."""
    return sorted(p.name for p in VOCAB_DIR.glob("*.csv"))


def check_vocabulary(folder: Path) -> None:
    """A folder of edited vocabulary files must exist and hold only files of the shipped names (a misspelt
    name would be left unread, silently); a VocabularyError names what is wrong."""
    if not folder.is_dir():
        raise VocabularyError(f"{folder}: no such folder of vocabulary files ({VOCABULARY_ENV} or --vocabulary)")
    known = set(shipped_files())
    for path in sorted(folder.glob("*.csv")):
        if path.name not in known:
            raise VocabularyError(f"{path}: not a vocabulary file (the files are {', '.join(sorted(known))})")


def data_path(name: str | Path) -> Path:
    """A vocabulary file by name (or by its path in the shipped folder): the user's edited copy when their folder
    (``PLANBOOK_VOCABULARY``) holds one, else the shipped file; any other path as given."""
    path = Path(name)
    if not (isinstance(name, str) and "/" not in name) and path.parent != VOCAB_DIR:
        return path
    own = own_vocabulary()
    if own is not None and (own / path.name).is_file():
        return own / path.name
    return VOCAB_DIR / path.name


def vocabulary_files() -> list[Path]:
    """Every vocabulary file in effect, in the order of their names (what a fingerprint of the vocabulary hashes)."""
    return [data_path(name) for name in shipped_files()]


def read_rows(name: str | Path) -> list[dict[str, str]]:
    """The rows of a CSV vocabulary file (a file name, see :func:`data_path`, or a path) as dicts, header as keys:
    the one loader of every word list and rule file. A file that cannot be read is a VocabularyError naming it."""
    path = data_path(name)
    try:
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise VocabularyError(f"{path}: cannot read this data file ({exc})") from None
    shipped = VOCAB_DIR / path.name
    if path.parent != VOCAB_DIR and shipped.is_file():
        _check_columns(path, reader.fieldnames or [], shipped)
    return rows


def _check_columns(path: Path, columns: list[str], shipped: Path) -> None:
    """An edited copy keeps every column of the shipped file: a column left out would otherwise stop the reader
    later with a bare KeyError, far from the file that caused it."""
    with shipped.open(encoding="utf-8", newline="") as f:
        wanted = next(csv.reader(f), [])
    missing = [c for c in wanted if c not in columns]
    if missing:
        raise VocabularyError(
            f"{path}: the columns {', '.join(missing)} are missing (the file needs {', '.join(wanted)})"
        )


def read_lists(name: str | Path) -> dict[str, tuple[str, ...]]:
    """The word lists of a list file (``list,word[,…],note``: one word a row) by list name, each in file order."""
    rows = read_rows(name)
    if rows and not {"list", "word"} <= set(rows[0]):
        raise VocabularyError(f"{data_path(name)}: a list file needs the columns list and word")
    lists: dict[str, list[str]] = {}
    for r in rows:
        lists.setdefault(r["list"], []).append(r["word"])
    return {name: tuple(words) for name, words in lists.items()}


@dataclass(frozen=True)
class Unit:
    """A unit as written (万亩), its prefix multiplier (1e4) and base unit (亩)."""

    unit: str
    scale: float
    base: str
    dimension: str


@dataclass(frozen=True)
class Vocabulary:
    """All word lists, loaded once."""

    units: dict[str, Unit]
    unit_re: re.Pattern[str]
    taxonomy: tuple[tuple[str, str, int], ...]  # (chapter, keyword, weight)
    taxonomy_re: re.Pattern[str]
    keyword_chapter: dict[str, tuple[str, int]]
    aliases: dict[str, str]
    rates: dict[str, str]  # name suffix → measure of a rate with that suffix (ratio_pct, level, change)
    rate_re: re.Pattern[str]  # the suffixes, longest first, at the end of a name
    name_after_unit_re: re.Pattern[str]  # a number and unit then one of these words is a name (25条措施)
    threshold_re: re.Pattern[str]  # 10亿元以上(的)项目: a size class, not a quantity
    class_re: re.Pattern[str]  # 超200亿元的县: an amount then 的 and one of these nouns is a size class too
    glossary: dict[str, str]
    glossary_re: re.Pattern[str] | None  # glossary words, longest first


# What may follow the noun of a size class (超200亿元的县达到10个, 的企业数, 的企业由…增加到…).
_CLASS_FOLLOW = "达|有|共|增|减|数|由|从|超|突破|已|占|总数|个数|数量"

_PREFIXED_DIMENSIONS = frozenset({"count", "people", "households", "livestock", "mass", "length", "area", "volume"})
_UNPREFIXED = frozenset({"位", "期", "例", "起", "对"})


def _alt(words: list[str]) -> str:
    """An alternation of the words that matches the longest one at each place, written as a trie.

    ``a|ab|abc`` longest first would try every word in turn at every position of a text; the trie
    ``a(?:b(?:c)?)?`` matches the same longest word, and a tree of look-aheads on the first
    character finds the branch to try in a few tests instead of one test per branch.
    """
    trie: dict[str, dict] = {}
    for w in set(words):
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}  # a word ends here
    return _trie_source(trie)


def _trie_source(node: dict[str, dict]) -> str:
    """The pattern of a trie node: its branches, optional when a word ends at the node (longer words first)."""
    branches = [(ch, re.escape(ch) + _trie_source(child)) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = _dispatch(branches)
    return f"(?:{body})?" if "" in node else body


_FANOUT = 8  # branches tried one by one; more are split by a look-ahead on their first characters


def _dispatch(branches: list[tuple[str, str]]) -> str:
    """Branches that each start with a character of their own, as a tree of look-aheads on that character."""
    if len(branches) <= _FANOUT:
        return branches[0][1] if len(branches) == 1 else "(?:" + "|".join(src for _, src in branches) + ")"
    half = len(branches) // 2
    left, right = branches[:half], branches[half:]
    return f"(?:(?={_class(left)}){_dispatch(left)}|(?={_class(right)}){_dispatch(right)})"


def _class(branches: list[tuple[str, str]]) -> str:
    return "[" + "".join(re.escape(ch) for ch, _ in branches) + "]"


def _stem(u: Unit, units: dict[str, Unit]) -> str:
    """The unit as written without its 万/亿 prefix (万吨 → 吨), whatever base it converts to.

    Most units are their base with a prefix (万亩 → 亩); a unit converted to another base (吨 and
    斤 to 公斤) is written on its own, and its prefixed forms (万吨, 亿斤) stand on it.
    """
    if u.unit.endswith(u.base):
        return u.base
    inside = [v for v in units if v != u.unit and u.unit.endswith(v) and units[v].dimension == u.dimension]
    return min(inside, key=len) if inside else u.unit  # 百万吨 stands on 吨, not on 万吨


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Load every list of the vocabulary (cached: the files are read once per process)."""
    units = {r["unit"]: Unit(r["unit"], float(r["scale"]), r["base"], r["dimension"]) for r in read_rows("units.csv")}
    # Every counted unit also comes with 万 and 亿 (40.12万座, 1.2亿株) without a line of its own.
    for u in list(units.values()):
        if _stem(u, units) == u.unit and u.dimension in _PREFIXED_DIMENSIONS and u.unit not in _UNPREFIXED:
            for prefix, scale in (("万", 1e4), ("亿", 1e8)):
                units.setdefault(prefix + u.unit, Unit(prefix + u.unit, scale * u.scale, u.base, u.dimension))
    skips = read_lists("not_quantities.csv")
    # 多/余 may stand between the number and the unit or inside it (2800多名, 1.3万多人).
    stems = {u.unit: _stem(u, units) for u in units.values()}
    prefixes = sorted({unit[: len(unit) - len(stem)] for unit, stem in stems.items() if unit != stem})
    bases = sorted(set(stems.values()))
    more = "|".join(words("approx_more"))
    unit_re = re.compile(rf"(?P<q1>{more})?(?P<pre>{_alt(prefixes)})?(?P<q2>{more})?(?P<base>{_alt(bases)})")
    taxonomy = tuple((r["chapter"], r["keyword"], int(r["weight"])) for r in read_rows("taxonomy.csv"))
    keyword_chapter = {k: (c, w) for c, k, w in taxonomy}
    aliases = {r["variant"]: r["canonical"] for r in read_rows("aliases.csv")}
    rates = {r["suffix"]: r["measure"] for r in read_rows("rates.csv")}
    glossary_rows = read_rows("glossary.csv") if data_path("glossary.csv").exists() else []
    glossary = {r["zh"]: r["en"] for r in glossary_rows if r.get("zh")}
    return Vocabulary(
        units=units,
        unit_re=unit_re,
        taxonomy=taxonomy,
        taxonomy_re=re.compile(_alt([k for _, k, _ in taxonomy])),
        keyword_chapter=keyword_chapter,
        aliases=aliases,
        rates=rates,
        rate_re=re.compile(f"(?:{_alt(list(rates))})$"),
        name_after_unit_re=re.compile(_alt(list(skips["name_after_unit"]))),
        # 10亿元以上项目, 500万元（含）以上项目; 2000万元及以上的工业企业, （年主营业务收入2000万元及以上）: a
        # class's bound, not a figure
        threshold_re=re.compile(
            "(?:及|[(（]含[)）])?(?:以上|以下)(?:的)?(?:"
            + _alt(list(skips["threshold_head"]))
            + ")|及(?:以上|以下)(?:的|[)）])"
        ),
        # The class noun ends there (超200亿元的县达到10个): 3.6亿元的城市供热工程 names a project, not a class.
        class_re=re.compile(
            "的(?:" + _alt(list(skips["class_head"])) + r")(?![\u4e00-\u9fff])"
            "|的(?:" + _alt(list(skips["class_head"])) + ")(?=" + _CLASS_FOLLOW + ")"
        ),
        glossary=glossary,
        glossary_re=re.compile(_alt([k for k in glossary if len(k) >= 2])) if glossary else None,
    )


def rate_measure(name: str) -> str:
    """Measure of a figure named by a rate (城镇化率 → ratio_pct, 失业率 → level), "" when no rate is named."""
    voc = vocabulary()
    m = voc.rate_re.search(name)
    return voc.rates[m.group()] if m else ""


# The lists that fill ``⟨list⟩`` slots: the reader's words, and the words a report's facts are read with (header,
# genre, years). A list lives in one of the two.
SLOT_FILES = ("words.csv", "report_facts.csv")


@lru_cache(maxsize=1)
def word_lists() -> dict[str, tuple[str, ...]]:
    """The lists of ``words.csv`` and ``report_facts.csv`` by name, each in file order."""
    found: dict[str, tuple[str, ...]] = {}
    where: dict[str, str] = {}
    for name in SLOT_FILES:
        for list_name, listed in read_lists(name).items():
            # Each word compiles on its own: a word cut short (a comma left unquoted) is not hidden by the words
            # it would be joined with.
            for word in listed:
                try:
                    re.compile(word)
                except re.error as exc:
                    where_word = f"{data_path(name)}: the word {word!r} of {list_name!r}"
                    raise VocabularyError(f"{where_word} is no pattern ({exc})") from None
            if list_name in found:
                raise VocabularyError(f"{data_path(name)}: the list {list_name!r} is in {where[list_name]} too")
            found[list_name], where[list_name] = listed, name
    return found


def _slot_files() -> str:
    return " or ".join(str(data_path(name)) for name in SLOT_FILES)


def words(name: str) -> tuple[str, ...]:
    """The words of one list of ``words.csv`` or ``report_facts.csv``; a missing list is an error
    naming the files."""
    try:
        return word_lists()[name]
    except KeyError:
        raise KeyError(f"{_slot_files()}: no word list {name!r}") from None


_SLOT = re.compile(r"⟨(\w+)⟩")


_GUARDED = 4  # a list of this many words or more is searched behind a look-ahead on its first characters


def _slot(name: str, where: str = "") -> str:
    """The alternation of a list's words, in file order; a long list behind a look-ahead on their first characters.

    The look-ahead (``prefilter.guarded``) changes no match: it spares trying every word at every position. It is
    left out where ``re`` does as well by itself, for words that each open with a character as written: where the
    list opens the pattern (``where`` "head") or is a whole branch of it ("branch"), re skips to those characters
    (a whole branch stands bare among the others: X|a|b, not X|(?:a|b), which re cannot skip to); words of one
    character re tests as a class, and a first character all words share it tests once.
    """
    listed = words(name)
    literal = all(_LITERAL_START.match(w) for w in listed)
    if where and literal:
        return "|".join(listed) if where == "branch" else "(?:" + "|".join(listed) + ")"
    alternation = "(?:" + "|".join(listed) + ")"
    if len(listed) < _GUARDED or (literal and (all(len(w) == 1 for w in listed) or len({w[0] for w in listed}) == 1)):
        return alternation
    return guarded(alternation)


# A word that opens with a character as written, not made optional or repeated by what follows it.
_LITERAL_START = re.compile(r"[^\\\[\](){}|.^$*+?](?![*+?{])")


def _branches(template: str) -> list[str]:
    """The template's top-level alternatives (split at | outside groups, classes and escapes)."""
    out, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(template):
        c = template[k]
        if c == "\\":
            k += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(template[start:k])
            start = k + 1
        k += 1
    return [*out, template[start:]]


def _head(template: str) -> str:
    """The list a template opens with (⟨list⟩ or (?:⟨list⟩), not made optional or repeated), or ""."""
    m = _HEAD.match(template)
    if m is None or template[m.end() : m.end() + 1] in ("*", "+", "?", "{"):
        return ""
    return m.group(1) or m.group(2)


def _opens_literally(branch: str) -> bool:
    """The branch opens with a character as written, or with a list whose words all do."""
    head = _head(branch)
    return all(_LITERAL_START.match(w) for w in words(head)) if head else _LITERAL_START.match(branch) is not None


def _fill(template: str) -> str:
    """The template with its slots filled (see _slot for where a slot stands bare)."""
    branches = _branches(template)
    if len(branches) > 1:
        if not all(_opens_literally(b) for b in branches):
            return _SLOT.sub(_plain_slot, template)
        # every branch opens with a character as written: re skips to them by itself
        return "|".join(_slot(b[1:-1], "branch") if _SLOT.fullmatch(b) else _fill(b) for b in branches)
    head = _head(template)
    if not head:
        return _SLOT.sub(_plain_slot, template)
    rest = template[_HEAD.match(template).end() :]  # type: ignore[union-attr]
    return _slot(head, "head") + _SLOT.sub(_plain_slot, rest)


def _plain_slot(m: re.Match[str]) -> str:
    return _slot(m.group(1))


_HEAD = re.compile(r"⟨(\w+)⟩|\(\?:⟨(\w+)⟩\)")  # a slot the template opens with, alone or in a group of its own


def pattern(template: str, flags: int = 0, guard: bool = False) -> re.Pattern[str]:
    """Compile a pattern whose ``⟨list⟩`` slots are the alternation of that list's words.

    ``guard`` puts the whole pattern behind a look-ahead on its first characters: for a pattern that is
    searched for and opens with what ``re`` cannot skip to by itself (a look-behind, \\d, many branches).
    """
    source = _fill(template)
    if guard:
        source = guarded(source)
    try:
        return re.compile(source, flags)
    except re.error as exc:
        raise VocabularyError(f"{_slot_files()}: a word breaks the pattern {template!r} ({exc})") from None


@dataclass(frozen=True)
class Ending:
    """A pattern that ends in ``$``, searched for in the last characters of a text only.

    ``re`` tries a pattern at every position of the text; a match that must end at the end, and is at most
    ``reach`` characters long, can only start in the last ``reach`` (a look-behind still sees what is before).
    A text whose last character no match can end with is turned away before ``re`` is asked at all.
    """

    rx: re.Pattern[str]
    reach: int | None  # None: matches may be of any length
    last: frozenset[str] | None = None  # what a match can end with (None: anything)

    def search(self, s: str) -> re.Match[str] | None:
        last = self.last
        if last is not None and (not s or (s[-1] not in last and s[-1] != "\n")):
            return None  # ($ also matches before a final line break)
        reach = self.reach
        return self.rx.search(s, len(s) - reach if reach is not None and len(s) > reach else 0)


def ending(template: str) -> Ending:
    """``pattern(template)`` for a template that ends in ``$``, searched for where its matches can start."""
    rx = pattern(template)
    longest = longest_match(rx.pattern)
    # +1: $ also matches before a line break that ends the text
    last = last_chars(rx.pattern) if not rx.flags & re.IGNORECASE else None  # a set of characters has one case
    return Ending(rx, None if longest is None else longest + 1, last)


@lru_cache(maxsize=8192)
def translate(name: str) -> str:
    """English for an indicator name: exact glossary entry, else the longest glossary word it contains."""
    voc = vocabulary()
    if name in voc.glossary:
        return voc.glossary[name]
    if voc.glossary_re is None:
        return ""
    found = [m.group() for m in voc.glossary_re.finditer(name)]
    return voc.glossary[max(found, key=len)] if found else ""


def unit_stem(unit: str) -> str:
    """A unit as written without its 万/亿 prefix (亿斤 → 斤, 万亿元 → 元); an unknown unit is its own stem."""
    units = vocabulary().units
    return _stem(units[unit], units) if unit in units else unit


def units_of(dimension: str) -> frozenset[str]:
    """The units of one dimension as written (pp: 个百分点, 千分点 …; ratio: 倍; number: 万, 亿, 万亿)."""
    return frozenset(u for u, v in vocabulary().units.items() if v.dimension == dimension)


def mentions(name: str) -> Callable[[str], object]:
    """Whether a text holds a word of a list (``mentions("net_word")(ctx)``: 净 stands in ctx): a quick test to ask
    before a longer pattern of the list is searched for. Most lists have a few plain words: a substring test each
    (as fast as the tests written out); more words, or a word that is a pattern, are searched for."""
    listed = words(name)
    if not all(re.escape(w) == w for w in listed) or len(listed) > 3:
        return pattern(f"⟨{name}⟩").search
    if len(listed) == 1:
        (a,) = listed
        return lambda s: a in s
    if len(listed) == 2:
        a, b = listed
        return lambda s: a in s or b in s
    a, b, c = listed
    return lambda s: a in s or b in s or c in s


def finder(name: str) -> Callable[[str], int]:
    """Where a word of a list first stands in a text, or -1 (``str.find`` for a list of one plain word)."""
    listed = words(name)
    if len(listed) == 1 and re.escape(listed[0]) == listed[0]:
        (word,) = listed
        return lambda s: s.find(word)
    rx = pattern(f"⟨{name}⟩")
    return lambda s: m.start() if (m := rx.search(s)) is not None else -1


def first_chars_of(*names: str) -> frozenset[str] | None:
    """The characters the words of the lists open with, when each opens with a character as written; else None."""
    listed = [w for name in names for w in words(name)]
    return frozenset(w[0] for w in listed) if all(_LITERAL_START.match(w) for w in listed) else None
