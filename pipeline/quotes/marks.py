"""Find quotation-mark pairs in Dutch text, in every style, without tripping over apostrophes.

Styles: “…”, „…”, „…“, ‘…’, ‚…’, ,,…'', ,,…”, "…", '…', «…», »…«. A mark opens only at the start of a
word and closes only at the end of one, so z'n, auto's and 's avonds never open or close a quote. Marks of
another style inside a quote are kept as nested quotes. A mark that never closes is ignored, not an error.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Style:
    """A quotation style: its opening marks and the marks that may close it."""

    name: str
    openers: tuple[str, ...]
    closers: tuple[str, ...]


STYLES: tuple[Style, ...] = (
    Style("low-double", (",,",), ("''", "”", "“", '"')),
    Style("double", ("“", "„"), ("”", "“")),
    Style("straight-double", ('"',), ('"',)),
    Style("guillemet", ("«",), ("»",)),
    Style("guillemet-reversed", ("»",), ("«",)),
    Style("single", ("‘", "‚"), ("’", "‘")),
    Style("straight-single", ("'",), ("'",)),
)

# 's avonds, 't, 'n, 'ie, '80: an apostrophe at the start of a word, not an opening mark.
_ELISION = re.compile(r"^[’'](?:s|t|n|k|m|r|ie|tje|\d\d)(?![\w])", re.IGNORECASE)
_ELISION_AT = re.compile(_ELISION.pattern[1:], re.IGNORECASE)  # the same, matched at a position
_CLOSE_FOLLOW = set(" \t\n.,;:!?)]}–—-…/") | {"”", "’", "'", '"', "»", "«"}
_OPEN_PRECEDE = set(" \t\n([{–—-/:") | {"“", "„", "‘", "‚", '"', "'", "«", "»"}


#: Quotation marks as spaCy tokens (the Dutch tokenizer keeps ",," and "''" whole): marks that open a quote,
#: and marks that close one. Shared by the cue rules and the mention finder.
OPENING_TOKENS = frozenset({"‘", "“", "„", "'", '"', ",,", "«"})
CLOSING_TOKENS = frozenset({"’", "”", "'", '"', "''", "»"})


@dataclass(frozen=True)
class QuotePair:
    """An opening and closing mark: the quoted words are text[inner_start:inner_end]."""

    style: str
    open_start: int
    inner_start: int
    inner_end: int
    close_end: int


def _can_open(text: str, i: int, mark: str) -> bool:
    if i > 0 and text[i - 1] not in _OPEN_PRECEDE:
        return False
    after = i + len(mark)
    if after >= len(text) or text[after].isspace():
        return False
    # matched in place: a slice text[i:] would copy the rest of the text for every apostrophe
    return not (mark in ("’", "'", "‘") and _ELISION_AT.match(text, i))


def _can_close(text: str, i: int, mark: str) -> bool:
    if i == 0 or text[i - 1].isspace():
        return False
    after = i + len(mark)
    if after < len(text) and text[after] not in _CLOSE_FOLLOW:
        return False
    if mark in ("’", "'") and after < len(text) and text[i - 1].isalpha() and text[after].isalpha():
        return False
    return True


def _opener_at(text: str, i: int) -> tuple[Style, str] | None:
    for style in STYLES:
        for mark in style.openers:
            if text.startswith(mark, i) and _can_open(text, i, mark):
                return style, mark
    return None


def _first_chars(marks: Sequence[str]) -> re.Pattern[str]:
    return re.compile("[" + re.escape("".join(sorted({m[0] for m in marks}))) + "]")


#: Where a mark may start: positions without one of these characters are skipped in one regex step.
_OPENER_START = _first_chars([m for style in STYLES for m in style.openers])


class _Closers:
    """Every position inside the regions where a style can close, found once per style in one pass over
    the regions, so that looking for the close of an opening mark is a binary search instead of a scan to
    the end of the paragraph (a paragraph full of unclosed marks would otherwise take time quadratic in its
    length). Only the regions are read, so asking about a few paragraphs of a long text stays cheap."""

    def __init__(self, text: str, regions: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self._ranges: list[tuple[int, int]] = []  # the regions, sorted and merged where they overlap
        for start, end in sorted(r for r in regions if r[1] > r[0]):
            if self._ranges and start <= self._ranges[-1][1]:
                self._ranges[-1] = (self._ranges[-1][0], max(self._ranges[-1][1], end))
            else:
                self._ranges.append((start, end))
        self._found: dict[str, tuple[list[int], list[str]]] = {}

    def _of(self, style: Style) -> tuple[list[int], list[str]]:
        found = self._found.get(style.name)
        if found is None:
            positions: list[int] = []
            marks: list[str] = []
            first = _first_chars(style.closers)
            for start, end in self._ranges:
                for m in first.finditer(self.text, start, end):
                    i = m.start()
                    for mark in style.closers:  # the first closer of the style that fits here, as _find_close did
                        if self.text.startswith(mark, i) and _can_close(self.text, i, mark):
                            positions.append(i)
                            marks.append(mark)
                            break
            found = self._found[style.name] = (positions, marks)
        return found

    def first(self, style: Style, start: int, end: int) -> tuple[int, str] | None:
        """The first close of the style at a position in [start, end) (inside the regions), and its mark."""
        positions, marks = self._of(style)
        k = bisect_left(positions, start)
        if k < len(positions) and positions[k] < end:
            return positions[k], marks[k]
        return None


def find_quote_pairs(text: str, regions: Sequence[tuple[int, int]]) -> list[QuotePair]:
    """Outermost quote pairs inside the regions (paragraphs); a quote may run on into following paragraphs
    when each of them reopens with a mark of the same style (Dutch convention), as long as it does not close.

    Time linear in the length of the text (up to a logarithm): closing positions are found once per
    style, and the run-on through reopened paragraphs is remembered per style and paragraph."""
    pairs: list[QuotePair] = []
    closers = _Closers(text, regions)
    # (style, paragraph k) → where a quote of that style, running on into paragraph k, closes: the
    # paragraph and the close, or None. Paragraphs after the current one never change, so this holds.
    run_on: dict[tuple[str, int], tuple[int, tuple[int, str]] | None] = {}

    def close_after(style: Style, k: int) -> tuple[int, tuple[int, str]] | None:
        walked: list[int] = []
        result: tuple[int, tuple[int, str]] | None = None
        while k < len(regions):
            if (style.name, k) in run_on:
                result = run_on[(style.name, k)]
                break
            walked.append(k)
            nstart, nend = regions[k]
            reopened = _opener_at(text, nstart)
            if reopened is None or reopened[0].name != style.name:
                break
            close = closers.first(style, nstart + len(reopened[1]), nend)
            if close is not None:
                result = (k, close)
                break
            k += 1
        for w in walked:
            run_on[(style.name, w)] = result
        return result

    r = 0
    while r < len(regions):
        start, end = regions[r]
        i = start
        next_region = r + 1
        while i < end:
            candidate = _OPENER_START.search(text, i, end)
            if candidate is None:
                break
            i = candidate.start()
            found = _opener_at(text, i)
            if found is None:
                i += 1
                continue
            style, mark = found
            inner = i + len(mark)
            close = closers.first(style, inner, end)
            k = r
            if close is None:
                later = close_after(style, r + 1)
                if later is not None:
                    k, close = later
            if close is None:
                i = inner
                continue
            pos, closing = close
            pairs.append(QuotePair(style.name, i, inner, pos, pos + len(closing)))
            if k > r:
                next_region = k + 1
                if pos + len(closing) < regions[k][1]:
                    # carry on scanning the rest of the last paragraph of this quote
                    regions = list(regions[: k]) + [(pos + len(closing), regions[k][1])] + list(regions[k + 1 :])
                    next_region = k
                break
            i = pos + len(closing)
        r = next_region if next_region > r else r + 1
    return pairs
