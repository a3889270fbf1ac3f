"""Find quotation-mark pairs in Dutch text, in every style, without tripping over apostrophes.

Styles: “…”, „…”, „…“, ‘…’, ‚…’, ,,…'', ,,…”, "…", '…', «…», »…«. A mark opens only at the start of a
word and closes only at the end of one, so z'n, auto's and 's avonds never open or close a quote. Marks of
another style inside a quote are kept as nested quotes. A mark that never closes is ignored, not an error.
"""

from __future__ import annotations

import re
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
    return not (mark in ("’", "'", "‘") and _ELISION.match(text[i:]))


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


def _find_close(text: str, style: Style, start: int, end: int) -> tuple[int, str] | None:
    i = start
    while i < end:
        for mark in style.closers:
            if text.startswith(mark, i) and _can_close(text, i, mark):
                return i, mark
        i += 1
    return None


def find_quote_pairs(text: str, regions: Sequence[tuple[int, int]]) -> list[QuotePair]:
    """Outermost quote pairs inside the regions (paragraphs); a quote may run on into following paragraphs
    when each of them reopens with a mark of the same style (Dutch convention), as long as it does not close."""
    pairs: list[QuotePair] = []
    r = 0
    while r < len(regions):
        start, end = regions[r]
        i = start
        next_region = r + 1
        while i < end:
            found = _opener_at(text, i)
            if found is None:
                i += 1
                continue
            style, mark = found
            inner = i + len(mark)
            close = _find_close(text, style, inner, end)
            k = r
            while close is None and k + 1 < len(regions):
                nstart, nend = regions[k + 1]
                reopened = _opener_at(text, nstart)
                if reopened is None or reopened[0].name != style.name:
                    break
                k += 1
                close = _find_close(text, style, nstart + len(reopened[1]), nend)
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
