"""What the reader keeps while it reads a sentence: the records of one figure, the names met so far, and where
reading stands.

The records made per number are slotted, not frozen: a frozen dataclass's __init__ sets each field through
object.__setattr__, three times the cost, and several are made per number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from planbook.extract.numbers import Share
from planbook.extract.periods import PairPeriods


@dataclass(slots=True)
class UnitRead:
    """The unit of a number and what stands around it."""

    unit: str
    approx: str  # 多 or 余 inside the unit (2800多名)
    end: int  # compact position after the unit
    rank: bool
    range_role: str  # range_low, range_high or ""
    top: bool = False  # a place among the first N (居全国前10位): the rank is at most N


@dataclass(slots=True)
class Meaning:
    """Name, measure and sign of a number, and how far the words it used reach."""

    name: str
    measure: str
    sign: int
    end: int  # compact end of the words used (the unit, or a noun after it)
    post: bool  # the name came after the unit


@dataclass(slots=True)
class Named:
    """A name and how far the words it took reach."""

    name: str
    end: int
    post: bool  # taken from after the unit
    final: bool = False  # no name to fill in from the figures before (what is counted follows, unreadable)


@dataclass(slots=True)
class Last:
    """The previous quantity of the sentence, for lists, ranges and elliptical names."""

    name: str
    measure: str
    sign: int
    unit: str
    end: int  # end of its unit (start of what follows); a range's separator for its low end
    range_role: str
    post: bool  # its name came after the unit
    period: str


@dataclass(slots=True)
class Pair:
    """A before/after pair (从X增长到Y) waiting for its second number."""

    index: int  # position of the after value among the sentence's numbers
    name: str
    measure: str
    periods: PairPeriods


@dataclass(slots=True)  # one per sentence read, like the cursor
class Names:
    """Names met so far, for figures whose name the text leaves out."""

    paragraph: str = ""  # the last name in the paragraph (carried across sentences)
    sentence: str = ""  # the last name in this sentence
    levels: list[str] = field(default_factory=list)  # names of the sentence's levels, in order
    listing: list[str] | None = None  # names of the current 分别 list
    previous_list: list[str] | None = None  # names of the sentence's previous 分别 list
    position: int = 0  # the next item of the listing


@dataclass(slots=True)
class Cursor:
    """Where reading stands in the sentence and what waits for a later number."""

    consumed: int = 0  # compact position up to which words belong to an earlier figure
    range_sep: int = 0  # where the current range's separator stands (1-2个, 8%—10%)
    last: Last | None = None
    structure: dict[int, Share] = field(default_factory=dict)  # positions of a 三次产业结构's shares → share
    structure_end: int = -1  # where the last structure ratio ended
    areas: list[str] = field(default_factory=list)  # the areas of a gap list not yet used (分别高于全国、全省…)
    items: dict[int, Named] = field(default_factory=dict)  # positions of a list's later items → their names
    read_to: int = 0  # the start of the last figure read…
    clause: int = 0  # …and of its clause
