"""The characters a regular expression can start a match with, and a look-ahead on them put in front of it.

Python's ``re`` tries a pattern at every position of a text, and every branch of an alternation in
turn: a list of words from ``data/`` (or a pattern that opens with a look-behind) is slow to search.
A look-ahead on the characters its matches can start with, ``(?=[增减降…])``, turns most positions
away with one test. It never changes a match: it states only what the pattern requires anyway.
The reading is conservative: where a match may start with anything (``.``, ``[^…]``) or with
something not followed here (a flag, a back-reference), there is no look-ahead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants as _op
from re import _parser

_BRACES = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_CLASS_ESCAPES = "dsw"  # \d \s \w: classes that may stand inside a class
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


class _Unknown(Exception):
    """The pattern uses syntax this reading does not follow."""


@dataclass(frozen=True)
class _Start:
    """What a piece of pattern can start with."""

    chars: tuple[str, ...] | None  # pieces of a character class (a character, \d, a range …); None: anything
    nullable: bool  # it can match the empty string, so what follows may give the first character


def first_chars(source: str) -> str | None:
    """The body of a character class holding the first character of every match of ``source``.

    None when the pattern can match the empty string, or uses something not followed here.
    """
    try:
        start, end = _alternation(source, 0)
    except (_Unknown, IndexError):
        return None
    if end != len(source) or start.nullable or not start.chars:
        return None
    return "".join(dict.fromkeys(start.chars))


def guarded(source: str) -> str:
    """``source`` behind a look-ahead on its first characters (the same matches, found faster), as one group.

    One group, so that a quantifier after it (``⟨list⟩?``) applies to the look-ahead too.
    """
    chars = first_chars(source)
    return source if chars is None else f"(?:(?=[{chars}])(?:{source}))"


def _union(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    return None if a is None or b is None else a + b


def _alternation(s: str, i: int) -> tuple[_Start, int]:
    """Branches separated by | up to a closing parenthesis or the end."""
    chars: tuple[str, ...] | None = ()
    nullable = False
    while True:
        branch, i = _sequence(s, i)
        chars, nullable = _union(chars, branch.chars), nullable or branch.nullable
        if i < len(s) and s[i] == "|":
            i += 1
            continue
        return _Start(chars, nullable), i


def _sequence(s: str, i: int) -> tuple[_Start, int]:
    """Items one after another: their first characters up to the first item that cannot be empty."""
    chars: tuple[str, ...] | None = ()
    nullable = True
    while i < len(s) and s[i] not in "|)":
        item, i = _item(s, i)
        if nullable:
            chars, nullable = _union(chars, item.chars), item.nullable
    return _Start(chars, nullable), i


def _item(s: str, i: int) -> tuple[_Start, int]:
    """One atom and its quantifier."""
    c = s[i]
    if c == "(":
        atom, i = _group(s, i)
    elif c == "[":
        atom, i = _class(s, i)
    elif c == "\\":
        atom, i = _escape(s, i)
    elif c in "^$":
        atom, i = _Start((), True), i + 1  # an anchor consumes nothing
    elif c == ".":
        atom, i = _Start(None, False), i + 1
    elif c in "*+?{":
        raise _Unknown(c)
    else:
        atom, i = _Start((re.escape(c),), False), i + 1
    if i >= len(s) or s[i] not in "*+?{":
        return atom, i
    if s[i] == "{":
        m = _BRACES.match(s, i)
        if m is None:
            raise _Unknown("{")
        nullable, i = int(m.group(1) or 0) == 0, m.end()
    else:
        nullable, i = s[i] != "+", i + 1
    if i < len(s) and s[i] in "?+":
        i += 1  # lazy or possessive: the same first characters
    return _Start(atom.chars, atom.nullable or nullable), i


def _group(s: str, i: int) -> tuple[_Start, int]:
    """A group; a look-around consumes nothing (what it demands is left out: fewer tests, never wrong)."""
    look = next((p for p in _LOOKAROUNDS if s.startswith(p, i)), None)
    if look is not None:
        inner = i + len(look)
    elif s.startswith("(?:", i):
        inner = i + 3
    elif s.startswith("(?P<", i):
        inner = s.index(">", i) + 1
    elif s.startswith("(?", i):
        raise _Unknown("(?")
    else:
        inner = i + 1
    start, j = _alternation(s, inner)
    if s[j] != ")":
        raise _Unknown("(")
    return (_Start((), True) if look is not None else start), j + 1


def _class(s: str, i: int) -> tuple[_Start, int]:
    """A character class: its body as written, or None (anything) when it is negated or not simple."""
    j = i + 1
    simple = s[j] not in "^]-"
    j += 1 if s[j] == "^" else 0
    j += 1 if s[j] == "]" else 0  # a ] first in the class is a character
    while s[j] != "]":
        if s[j] == "\\":
            e = s[j + 1]
            simple = simple and not (e.isalnum() and e not in _CLASS_ESCAPES and e != "u")
            j += 6 if e == "u" else 2
        else:
            simple = simple and s[j] != "["
            j += 1
    body = s[i + 1 : j]
    if body.endswith("-") and not body.endswith("\\-"):
        simple = False  # a hyphen at the end would make a range with the next class's first character
    return _Start((body,) if simple else None, False), j + 1


def _escape(s: str, i: int) -> tuple[_Start, int]:
    """An escape: a class (\\d), a character by its code (\\u4e00), an anchor (\\b) or an escaped mark (\\-)."""
    e = s[i + 1]
    if e in _CLASS_ESCAPES:
        return _Start((s[i : i + 2],), False), i + 2
    if e == "u":
        return _Start((s[i : i + 6],), False), i + 6
    if e in "bBAZ":
        return _Start((), True), i + 2
    if e.isdigit() or e in "xNU":
        raise _Unknown("\\" + e)  # a back-reference or a character code of another length
    if e.isalnum():
        return _Start(None, False), i + 2  # \D, \S, \n …: not followed here
    return _Start((s[i : i + 2],), False), i + 2


# -- the characters a match ends with ---------------------------------------------------------------

_ZERO_WIDTH = (_op.ASSERT, _op.ASSERT_NOT, _op.AT)  # consume nothing: what they demand is left out (never wrong)


@dataclass(frozen=True)
class WordEnds:
    """What a text must hold for a pattern ``(?:word|word…)+$`` to match in it: a last character some word can
    end with, or (for a word whose last characters are not one set, 较[^较，]{1,10}?) the character that word
    starts with. A test of this spares trying the pattern at every position of a text that cannot match."""

    last: frozenset[str]
    anchors: frozenset[str]
    anything: bool  # a word this reading does not follow: every text may match

    def may_match(self, s: str) -> bool:
        if self.anything or s.endswith("\n"):  # $ also matches before a final line break
            return True
        return bool(s) and (s[-1] in self.last or any(c in s for c in self.anchors))


def word_ends(words: Iterable[str]) -> WordEnds:
    """The ``WordEnds`` of a list of words, each plain text or a small pattern (增加(?!值), [比较]年初 …)."""
    last: set[str] = set()
    anchors: set[str] = set()
    for word in words:
        items = list(_parser.parse(word))
        ends = _chars_at(reversed(items), at_end=True)
        starts = _chars_at(iter(items), at_end=False) if ends is None else None
        if ends is None and starts is None:
            return WordEnds(frozenset(), frozenset(), True)
        (last if ends is not None else anchors).update(ends if ends is not None else starts or ())
    return WordEnds(frozenset(last), frozenset(anchors), False)


def _chars_at(items: Iterable[tuple], at_end: bool) -> set[str] | None:
    """The characters the first of ``items`` that consumes one can be (with those of optional items before it
    when ``at_end``), or None when it is not a character or a plain class."""
    found: set[str] = set()
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        lo, item = 1, (op, av)
        if op in (_op.MAX_REPEAT, _op.MIN_REPEAT) and at_end:
            lo, _, sub = av
            if len(sub) != 1:
                return None
            item = sub[0]
        chars = _plain_chars(*item)
        if chars is None:
            return None
        found |= chars
        if lo >= 1:
            return found
    return None


def _plain_chars(op: object, av: object) -> set[str] | None:
    """The characters a literal or a class of literals matches; None for anything else."""
    if op is _op.LITERAL:
        return {chr(av)}  # type: ignore[arg-type]
    if op is _op.IN and all(o is _op.LITERAL for o, _ in av):  # type: ignore[attr-defined]
        return {chr(a) for _, a in av}  # type: ignore[attr-defined]
    return None


# -- the last character of a match that ends at the end ----------------------------------------------


def last_chars(source: str) -> frozenset[str] | None:
    """The characters every non-empty match of ``source`` can end with; None when the reading does not follow
    the pattern (or it can match the empty string). For a pattern ending in ``$`` searched in many short texts
    (the words before a figure): a text whose last character is not one of them cannot match."""
    try:
        found = _ends(list(_parser.parse(source)))
    except _Unknown:
        return None
    return None if found is None or found.nullable else frozenset(found.chars)


@dataclass(frozen=True)
class _End:
    chars: frozenset[str]  # what the last consumed character can be
    nullable: bool  # the items can consume nothing: what comes before them may give the last character


def _ends(items: list[tuple]) -> _End | None:
    """The last characters of a sequence of parsed items, from its end backwards."""
    chars: set[str] = set()
    for op, av in reversed(items):
        if op in _ZERO_WIDTH:
            continue
        item = _item_end(op, av)
        if item is None:
            return None
        chars |= item.chars
        if not item.nullable:
            return _End(frozenset(chars), False)
    return _End(frozenset(chars), True)


def _item_end(op: object, av: object) -> _End | None:
    plain = _plain_chars(op, av)
    if plain is not None:
        return _End(frozenset(plain), False)
    if op is _op.SUBPATTERN:
        return _ends(list(av[-1]))  # type: ignore[index]
    if op is _op.BRANCH:
        branches = [_ends(list(b)) for b in av[1]]  # type: ignore[index]
        if any(b is None for b in branches):
            return None
        return _End(
            frozenset().union(*(b.chars for b in branches)),  # type: ignore[union-attr]
            any(b.nullable for b in branches),  # type: ignore[union-attr]
        )
    if op in (_op.MAX_REPEAT, _op.MIN_REPEAT, _op.POSSESSIVE_REPEAT):
        lo, _, sub = av  # type: ignore[misc]
        inner = _ends(list(sub))
        return None if inner is None else _End(inner.chars, inner.nullable or lo == 0)
    raise _Unknown(str(op))


def start_class(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters a match of ``rx`` starts with, compiled: ``re`` scans for a class that opens a
    pattern without trying a match at every position (it cannot skip to a look-ahead). A text it finds nothing in
    holds no match of ``rx``. None when the characters are not known."""
    chars = first_chars(rx.pattern)
    return re.compile(f"[{chars}]", rx.flags) if chars else None
