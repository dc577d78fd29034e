"""Before/after pairs written as lists: A、B分别从771家、481家增加到1076家、636家."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from planbook.extract.meaning import last_match_of
from planbook.extract.numbers import LIST_SEPS, Num, is_skipped, unit_after
from planbook.extract.passages import Timeline
from planbook.extract.periods import PairPeriods, When, pair_periods
from planbook.extract.state import Pair
from planbook.vocabulary import mentions, pattern

LAST_FROM = last_match_of(pattern(r"(?:⟨from_word⟩)(?:⟨from_before⟩)?"))  # 从, 由: a before value follows
HAS_FROM = mentions("from_word")
# The words between a before value and its after value: 增加到, 提高到2025年的, 上升至第.
TO_RE = pattern(r"^[^，,；;。]{0,8}?(?:⟨pair_verb⟩)?(?:⟨to_word⟩)(?:\d{4}年(?:⟨year_end⟩)?(?:⟨attributive⟩)?|第)?$")


@dataclass(frozen=True)
class ListPair:
    """The positions of a list pair's before values and after values, and the words between the two lists."""

    befores: list[int]
    afters: list[int]
    to_text: str


def list_run(ctext: str, nums: Sequence[Num], k: int, end: int) -> tuple[list[int], int]:
    """The positions of the values of a list that starts with nums[k] (whose unit ends at ``end``), each joined
    to the one before by 、 or 和 alone, and where the last one's unit ends."""
    run = [k]
    while run[-1] + 1 < len(nums) and ctext[end : nums[run[-1] + 1].i] in LIST_SEPS:
        run.append(run[-1] + 1)
        end = unit_after(ctext, nums[run[-1]].j).end
    return run, end


def list_pair(
    ctext: str, nums: Sequence[Num], quotes: list[tuple[int, int]], k: int, unit_end: int
) -> ListPair | None:
    """The list pair whose first before value is nums[k]: n ≥ 2 values joined by 、 or 和, the words of a 到
    (a year among them is the after values'), then as many values joined alike; None for any other shape."""
    befores, end = list_run(ctext, nums, k, unit_end)
    first = next((q for q in range(befores[-1] + 1, len(nums)) if not is_skipped(ctext, nums[q], quotes)), None)
    if len(befores) < 2 or first is None:
        return None
    to_text = ctext[end : nums[first].i]
    afters, _ = list_run(ctext, nums, first, unit_after(ctext, nums[first].j).end)
    if not TO_RE.match(to_text) or len(afters) < len(befores):
        return None
    return ListPair(befores, afters, to_text)


class Pairs:
    """The before/after pairs of one sentence (从5个减少到1个, 由2018年的1856亿元增加到2023年的2567亿元, list pairs):
    the after values waiting, by their position, and the years of the sentence's last pair."""

    def __init__(self, timeline: Timeline, ctext: str, nums: Sequence[Num], quotes: list[tuple[int, int]]) -> None:
        self.timeline, self.ctext, self.nums, self.quotes = timeline, ctext, nums, quotes
        self.pending: dict[int, Pair] = {}  # after values waiting, by their position
        self.listed: dict[int, tuple[int, PairPeriods]] = {}  # a list pair's later before values
        self.years: tuple[str, str] | None = None  # 一般公共预算收入从…增长到… after 从2015年的…到2020年的…

    def wait(self, after: int, name: str, measure: str, periods: PairPeriods) -> Pair:
        """Keep a pair until its after value, nums[after], is read."""
        pair = self.pending[after] = Pair(after, name, measure, periods)
        return pair

    def open(self, k: int, name: str, measure: str, ctx: str, unit_end: int, when: When) -> Pair:
        """A pair opened by nums[k]: its after value is the next quantity (由2018年的…增加到2023年的…: not 2023)."""
        nums = self.nums
        after = next((q for q in range(k + 1, len(nums)) if not is_skipped(self.ctext, nums[q], self.quotes)), k + 1)
        to_text = self.ctext[unit_end : nums[after].i] if after < len(nums) else ""
        periods = pair_periods(self.timeline, when, ctx, to_text, self.years)
        self.years = periods.years
        return self.wait(after, name, measure, periods)

    def in_list(self, k: int, unit_end: int, ctx: str, when: When) -> tuple[int, PairPeriods] | None:
        """For a before value of a list pair, the position of its after value and the pair's periods; None for
        any other number."""
        if k in self.listed:
            return self.listed.pop(k)
        if not HAS_FROM(ctx) or LAST_FROM(ctx) is None:
            return None
        found = list_pair(self.ctext, self.nums, self.quotes, k, unit_end)
        if found is None:
            return None
        periods = pair_periods(self.timeline, when, ctx, found.to_text, self.years)
        self.years = periods.years
        self.listed = {b: (a, periods) for b, a in zip(found.befores[1:], found.afters[1:], strict=False)}
        return found.afters[0], periods
