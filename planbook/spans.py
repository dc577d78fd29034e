"""Whether offsets fall in a set of text spans (a report's repeated passages), in logarithmic time.

A report saved many times over has as many repeated passages: testing every offset against every
span would make reading it quadratic in its size.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

import numpy as np


class Spans:
    """Half-open spans ``[a, b)``, merged and sorted for look-ups."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for a, b in sorted((int(a), int(b)) for a, b in spans if b > a):
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        self.starts = [a for a, _ in merged]
        self.ends = [b for _, b in merged]

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ends[i]

    def mask(self, offsets: np.ndarray) -> np.ndarray:
        """A boolean array: which of the offsets fall in a span."""
        offsets = np.asarray(offsets, dtype=np.int64)
        if not self.starts:
            return np.zeros(len(offsets), dtype=bool)
        i = np.searchsorted(np.asarray(self.starts, dtype=np.int64), offsets, side="right") - 1
        ends = np.asarray(self.ends, dtype=np.int64)
        return (i >= 0) & (offsets < ends[np.maximum(i, 0)])
