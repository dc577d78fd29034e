"""What a regular expression's matches start and end with, and how long they are: quick tests put in front of it.

Python's ``re`` tries a pattern at every position of a text, and every branch of an alternation in
turn: a list of words from ``data/`` (or a pattern that opens with a look-behind) is slow to search.
A look-ahead on the characters its matches can start with, ``(?=[增减降…])``, turns most positions
away with one test. It never changes a match: it states only what the pattern requires anyway.

The patterns are read by a small parser of the syntax the reader's patterns and word lists use (characters,
classes, groups, look-arounds, anchors, quantifiers), into a tree of ``_Char``, ``_Zero``, ``_Seq``, ``_Alt``
and ``_Repeat``. The reading is conservative: where a match may start with anything (``.``, ``[^…]``) or
with something not followed here (a flag, a back-reference), there is no quick test.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_BRACES = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_CLASS_ESCAPES = "dsw"  # \d \s \w: classes that may stand inside a class
_LOOKAROUNDS = ("(?=", "(?!", "(?<=", "(?<!")


class _Unknown(Exception):
    """The pattern uses syntax this reading does not follow."""


# -- the tree ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Char:
    """One character: a literal, a class, an escape or ``.``."""

    piece: str | None  # as it may stand in a class (a character, \d, a class's body); None: anything
    plain: frozenset[str] | None  # the characters it matches when it is literal ones only (比, [比较]); else None


@dataclass(frozen=True)
class _Zero:
    """A look-around or an anchor: it consumes nothing (what it demands is left out: fewer tests, never wrong)."""


@dataclass(frozen=True)
class _Seq:
    items: tuple[_Node, ...]


@dataclass(frozen=True)
class _Alt:
    branches: tuple[_Node, ...]


@dataclass(frozen=True)
class _Repeat:
    item: _Node
    lo: int
    hi: int | None  # None: no upper bound


_Node = _Char | _Zero | _Seq | _Alt | _Repeat

_ANY = _Char(None, None)


@lru_cache(maxsize=4096)
def _parse(source: str) -> _Node:
    """The tree of a whole pattern; _Unknown when it uses syntax not followed here."""
    try:
        node, end = _alternation(source, 0)
    except IndexError:
        raise _Unknown("an unfinished pattern") from None
    if end != len(source):
        raise _Unknown(")")
    return node


def _alternation(s: str, i: int) -> tuple[_Node, int]:
    """Branches separated by | up to a closing parenthesis or the end."""
    branches = []
    while True:
        branch, i = _sequence(s, i)
        branches.append(branch)
        if i < len(s) and s[i] == "|":
            i += 1
            continue
        return (branches[0] if len(branches) == 1 else _Alt(tuple(branches))), i


def _sequence(s: str, i: int) -> tuple[_Node, int]:
    """Items one after another, up to | or a closing parenthesis."""
    items = []
    while i < len(s) and s[i] not in "|)":
        item, i = _item(s, i)
        items.append(item)
    return _Seq(tuple(items)), i


def _item(s: str, i: int) -> tuple[_Node, int]:
    """One atom and its quantifier."""
    c = s[i]
    if c == "(":
        atom, i = _group(s, i)
    elif c == "[":
        atom, i = _class(s, i)
    elif c == "\\":
        atom, i = _escape(s, i)
    elif c in "^$":
        atom, i = _Zero(), i + 1
    elif c == ".":
        atom, i = _ANY, i + 1
    elif c in "*+?{":
        raise _Unknown(c)
    else:
        atom, i = _Char(re.escape(c), frozenset(c)), i + 1
    if i >= len(s) or s[i] not in "*+?{":
        return atom, i
    if s[i] == "{":
        m = _BRACES.match(s, i)
        if m is None:
            raise _Unknown("{")
        lo = int(m.group(1) or 0)
        hi = lo if m.group(2) is None else int(m.group(2)) if m.group(2) else None  # {3}, {2,6}, {2,}
        i = m.end()
    else:
        lo, hi, i = (0 if s[i] != "+" else 1), (1 if s[i] == "?" else None), i + 1
    if i < len(s) and s[i] in "?+":
        i += 1  # lazy or possessive: the same characters and lengths
    return _Repeat(atom, lo, hi), i


def _group(s: str, i: int) -> tuple[_Node, int]:
    """A group, or a look-around (read, so that the pattern after it is found, and then left out)."""
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
    node, j = _alternation(s, inner)
    if s[j] != ")":
        raise _Unknown("(")
    return (_Zero() if look is not None else node), j + 1


def _class(s: str, i: int) -> tuple[_Node, int]:
    """A character class: its body as written, or anything when it is negated or not simple."""
    j = i + 1
    negated = s[j] == "^"
    simple = s[j] not in "^]-"
    j += 1 if negated else 0
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
    plain = None if negated else _plain_class(body)
    return _Char(body if simple else None, plain), j + 1


_CONTROL = {"n": "\n", "r": "\r", "t": "\t", "f": "\f", "v": "\v"}  # escapes of one character each


def _plain_class(body: str) -> frozenset[str] | None:
    """The characters of a class body of literal characters only (比较, \\u4e00, \\-, and - first or last);
    None for a range or a class escape (\\u4e00-\\u9fff, \\d)."""
    chars: set[str] = set()
    k = 0
    while k < len(body):
        c = body[k]
        if c == "\\":
            e = body[k + 1]
            if e == "u":
                chars.add(chr(int(body[k + 2 : k + 6], 16)))
                k += 6
                continue
            if e.isalnum() and e not in _CONTROL:
                return None  # \d, \w …
            chars.add(_CONTROL.get(e, e))
            k += 2
            continue
        if c == "-" and 0 < k < len(body) - 1:
            return None  # a range
        chars.add(c)
        k += 1
    return frozenset(chars)


def _escape(s: str, i: int) -> tuple[_Node, int]:
    """An escape: a class (\\d), a character by its code (\\u4e00), an anchor (\\b) or an escaped mark (\\-)."""
    e = s[i + 1]
    if e in _CLASS_ESCAPES:
        return _Char(s[i : i + 2], None), i + 2
    if e == "u":
        return _Char(s[i : i + 6], frozenset(chr(int(s[i + 2 : i + 6], 16)))), i + 6
    if e in "bBAZ":
        return _Zero(), i + 2
    if e.isdigit() or e in "xNU":
        raise _Unknown("\\" + e)  # a back-reference or a character code of another length
    if e in _CONTROL:
        return _Char(None, frozenset(_CONTROL[e])), i + 2  # \n: a character, not followed as a first one
    if e.isalnum():
        return _ANY, i + 2  # \D, \S …: not followed here
    return _Char(s[i : i + 2], frozenset(e)), i + 2


# -- the characters a match starts with ------------------------------------------------------------


@dataclass(frozen=True)
class _Start:
    """What a piece of pattern can start with."""

    chars: tuple[str, ...] | None  # pieces of a character class (a character, \d, a range …); None: anything
    nullable: bool  # it can match the empty string, so what follows may give the first character


def _union(a: tuple[str, ...] | None, b: tuple[str, ...] | None) -> tuple[str, ...] | None:
    return None if a is None or b is None else a + b


def _start(node: _Node) -> _Start:
    """The pieces of class the first character of a match of ``node`` is one of."""
    if isinstance(node, _Char):
        return _Start(None if node.piece is None else (node.piece,), False)
    if isinstance(node, _Zero):
        return _Start((), True)
    if isinstance(node, _Repeat):
        inner = _start(node.item)
        return _Start(inner.chars, inner.nullable or node.lo == 0)
    chars: tuple[str, ...] | None = ()
    if isinstance(node, _Alt):
        nullable = False
        for branch in node.branches:
            start = _start(branch)
            chars, nullable = _union(chars, start.chars), nullable or start.nullable
        return _Start(chars, nullable)
    nullable = True
    for item in node.items:  # up to the first item that cannot be empty
        start = _start(item)
        chars, nullable = _union(chars, start.chars), start.nullable
        if not nullable:
            break
    return _Start(chars, nullable)


def first_chars(source: str) -> str | None:
    """The body of a character class holding the first character of every match of ``source``.

    None when the pattern can match the empty string, or uses something not followed here.
    """
    try:
        start = _start(_parse(source))
    except _Unknown:
        return None
    if start.nullable or not start.chars:
        return None
    return "".join(dict.fromkeys(start.chars))


def guarded(source: str) -> str:
    """``source`` behind a look-ahead on its first characters (the same matches, found faster), as one group.

    One group, so that a quantifier after it (``⟨list⟩?``) applies to the look-ahead too.
    """
    chars = first_chars(source)
    return source if chars is None else f"(?:(?=[{chars}])(?:{source}))"


def start_class(rx: re.Pattern[str]) -> re.Pattern[str] | None:
    """A class of the characters a match of ``rx`` starts with, compiled: ``re`` scans for a class that opens a
    pattern without trying a match at every position (it cannot skip to a look-ahead). A text it finds nothing in
    holds no match of ``rx``. None when the characters are not known."""
    chars = first_chars(rx.pattern)
    return re.compile(f"[{chars}]", rx.flags) if chars else None


# -- the characters a match ends with ---------------------------------------------------------------


@dataclass(frozen=True)
class _End:
    chars: frozenset[str]  # what the last (or, read forwards, the first) consumed character can be
    nullable: bool  # the items can consume nothing: what comes before (after) them may give the character


def _plain_end(node: _Node, backwards: bool = True) -> _End | None:
    """The literal characters a match of ``node`` can end with (with ``backwards`` False: start with); None when
    one of them is not a plain character (a class escape, a range, anything)."""
    if isinstance(node, _Char):
        return None if node.plain is None else _End(node.plain, False)
    if isinstance(node, _Zero):
        return _End(frozenset(), True)
    if isinstance(node, _Repeat):
        inner = _plain_end(node.item, backwards)
        return None if inner is None else _End(inner.chars, inner.nullable or node.lo == 0)
    if isinstance(node, _Alt):
        branches = [_plain_end(b, backwards) for b in node.branches]
        if any(b is None for b in branches):
            return None
        return _End(
            frozenset().union(*(b.chars for b in branches)),  # type: ignore[union-attr]
            any(b.nullable for b in branches),  # type: ignore[union-attr]
        )
    chars: set[str] = set()
    for item in reversed(node.items) if backwards else node.items:
        end = _plain_end(item, backwards)
        if end is None:
            return None
        chars |= end.chars
        if not end.nullable:
            return _End(frozenset(chars), False)
    return _End(frozenset(chars), True)


def last_chars(source: str) -> frozenset[str] | None:
    """The characters every non-empty match of ``source`` can end with; None when the reading does not follow
    the pattern (or it can match the empty string). For a pattern ending in ``$`` searched in many short texts
    (the words before a figure): a text whose last character is not one of them cannot match."""
    try:
        found = _plain_end(_parse(source))
    except _Unknown:
        return None
    return None if found is None or found.nullable else found.chars


@dataclass(frozen=True)
class WordEnds:
    """What a text must hold for a pattern ``(?:word|word…)+$`` to match in it: a last character some word can
    end with, or (for a word whose last characters are not one set, 较[^较，]{1,10}?) the character that word
    starts with. A test of this spares trying the pattern at every position of a text that cannot match."""

    last: frozenset[str]
    anchors: frozenset[str]
    anything: bool  # a word this reading does not follow: every text may match

    def may_match(self, s: str) -> bool:
        if self.anything:
            return True
        if not s:
            return False
        if s[-1] in self.last or s[-1] == "\n":  # $ also matches before a final line break
            return True
        for c in self.anchors:  # a loop, not any(): asked for most subjects, and most lists have one anchor
            if c in s:
                return True
        return False


def word_ends(words: Iterable[str]) -> WordEnds:
    """The ``WordEnds`` of a list of words, each plain text or a small pattern (增加(?!值), [比较]年初 …)."""
    last: set[str] = set()
    anchors: set[str] = set()
    for word in words:
        try:
            tree = _parse(word)
        except _Unknown:
            return WordEnds(frozenset(), frozenset(), True)
        ends = _plain_end(tree)
        if ends is not None and not ends.nullable:
            last |= ends.chars
            continue
        starts = _plain_end(tree, backwards=False)
        if starts is None or starts.nullable:
            return WordEnds(frozenset(), frozenset(), True)
        anchors |= starts.chars
    return WordEnds(frozenset(last), frozenset(anchors), False)


# -- the length of a match --------------------------------------------------------------------------


def _longest(node: _Node) -> int | None:
    """The most characters a match of ``node`` can hold; None when there is no bound."""
    if isinstance(node, _Char):
        return 1
    if isinstance(node, _Zero):
        return 0
    if isinstance(node, _Repeat):
        inner = _longest(node.item)
        return None if inner is None or (node.hi is None and inner) else inner * (node.hi or 0)
    parts = [_longest(n) for n in (node.branches if isinstance(node, _Alt) else node.items)]
    if any(p is None for p in parts):
        return None
    if isinstance(node, _Alt):
        return max(parts)  # type: ignore[type-var]
    return sum(parts)  # type: ignore[arg-type]


def longest_match(source: str) -> int | None:
    """The most characters a match of ``source`` can hold; None when there is no bound or the pattern is not
    followed here. A match that must end at a place can only start this far before it."""
    try:
        return _longest(_parse(source))
    except _Unknown:
        return None
