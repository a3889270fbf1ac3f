"""Lookups over half-open character ranges [start, end) in logarithmic time, for rules that ask them once
per sentence or quote (a scan of every range per question grows with the square of a document's length).

Each lookup gives exactly the answer of the plain scan it replaces, also for ranges that overlap or are
out of order (then it falls back to the scan).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate, pairwise


class Regions:
    """Is an offset inside any of the ranges? `covers(x)` == `any(a <= x < b for a, b in ranges)`; is a range
    inside one of them? `holds(start, end)`."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(ranges)
        self._starts = [a for a, _ in ordered]
        self._reach = list(accumulate((b for _, b in ordered), max))  # furthest end among ranges so far

    def covers(self, x: int) -> bool:
        k = bisect_right(self._starts, x)  # the ranges with start <= x
        return k > 0 and self._reach[k - 1] > x

    def holds(self, start: int, end: int) -> bool:
        """Does one range hold all of [start, end)? `any(a <= start and end <= b for a, b in ranges)`."""
        k = bisect_right(self._starts, start)
        return k > 0 and self._reach[k - 1] >= end


def _sorted_disjoint(ranges: Sequence[tuple[int, int]]) -> bool:
    return all(a <= b for a, b in ranges) and all(r[1] <= s[0] for r, s in pairwise(ranges))


class Locator:
    """Index of the first range (in the given order) that holds an offset, -1 if none:
    `index(x)` == `next((i for i, (a, b) in enumerate(ranges) if a <= x < b), -1)`."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._ranges = list(ranges)
        self._fast = _sorted_disjoint(self._ranges)
        self._starts = [a for a, _ in self._ranges]

    def index(self, x: int) -> int:
        if not self._fast:
            return next((i for i, (a, b) in enumerate(self._ranges) if a <= x < b), -1)
        # sorted and disjoint: only the last range that starts at or before x can hold it
        k = bisect_right(self._starts, x) - 1
        return k if k >= 0 and x < self._ranges[k][1] else -1


class Coverage:
    """How many characters of [start, end) the ranges cover, counting overlaps between ranges twice:
    `covered(start, end)` == `sum(max(0, min(b, end) - max(a, start)) for a, b in ranges)`."""

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._ranges = sorted(ranges)
        self._fast = _sorted_disjoint(self._ranges)
        self._starts = [a for a, _ in self._ranges]
        self._ends = [b for _, b in self._ranges]

    def covered(self, start: int, end: int) -> int:
        if not self._fast:
            return sum(max(0, min(b, end) - max(a, start)) for a, b in self._ranges)
        # sorted and disjoint, so the ends are sorted too: the ranges that reach past start and begin before end
        lo = bisect_right(self._ends, start)
        hi = bisect_left(self._starts, end)
        return sum(max(0, min(self._ends[k], end) - max(self._starts[k], start)) for k in range(lo, hi))
