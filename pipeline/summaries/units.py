"""Quote-aware summary units: sentences merged so that quotation marks balance.

A sentence splitter that ignores quotation marks cuts a quote that runs over several sentences into
halves ("Luister, wij kunnen dit jaar winnen. | Maar het wordt zwaar," zegt hij.) and leaves the opening
mark of the next sentence at the end of the previous one (… een algehele stop. " | Dat …). A unit is a run
of consecutive sentences such that

- a quotation (a pair from `pipeline.quotes.marks`, any Dutch style: “…”, „…”, ‘…’, ,,…'', "…") lies
  wholly inside one unit;
- an opening mark belongs to the sentence it opens, never to the end of the previous one;
- a sentence ending in ':' followed by a sentence that opens with a quotation mark is one unit with it.

Everything here is a pure function of (text, sentence character offsets), so the rest of the pipeline can
use it later for evidence and who-said-what as well.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.quotes.marks import QuotePair, _can_open, find_quote_pairs

#: Characters that may open a quotation (",," is two commas; "''" only closes).
OPENING_MARKS = frozenset("“„‘‚\"'«»")
#: Characters that may close a quotation.
CLOSING_MARKS = frozenset("”“’‘\"'»«")
#: A unit never grows beyond this many sentences: a mark that seems to stay open longer is a stray one,
#: and the sentences stay apart (the publishability check then turns the unbalanced one away).
MAX_UNIT_SENTENCES = 8


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The lines of text[start:end] as (start, end) character offsets, empty lines left out."""
    regions = []
    i = start
    while i < end:
        j = text.find("\n", i, end)
        j = end if j < 0 else j
        if text[i:j].strip():
            regions.append((i, j))
        i = j + 1
    return regions


def _trailing_opener(text: str, start: int, end: int) -> int | None:
    """Offset of an opening mark left at the end of text[start:end] (after white space), if any."""
    k = end
    while k > start and text[k - 1].isspace():
        k -= 1
    if k - start < 2:
        return None
    if text.startswith(",,", k - 2) and (k - 2 == start or text[k - 3].isspace()):
        return k - 2
    mark = text[k - 1]
    if mark in OPENING_MARKS and text[k - 2].isspace():
        return k - 1
    return None


def _leading_opener(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] opens with a quotation mark (after white space)."""
    i = start
    while i < end and text[i].isspace():
        i += 1
    if text.startswith(",,", i):
        return True
    return i < end and text[i] in OPENING_MARKS and _can_open(text, i, text[i])


def quote_units(text: str, sentences: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge consecutive sentences into units whose quotation marks balance.

    `sentences` are (start, end) character offsets into `text`, in order and not overlapping. Returns
    (start, end) character offsets of the units, in order: every sentence lies in exactly one unit, except
    that an opening mark stranded at the end of a sentence moves to the unit it opens, and white space at
    either end of a unit is left out. Linear in the length of the text covered (plus the quote-pair search).
    """
    if not sentences:
        return []
    bounds = [list(s) for s in sentences]
    # an opening mark at the end of a sentence belongs to the next one
    for i in range(len(bounds) - 1):
        mark = _trailing_opener(text, bounds[i][0], bounds[i][1])
        if mark is not None and bounds[i + 1][0] >= bounds[i][1]:
            bounds[i][1] = mark
            bounds[i + 1][0] = mark
    starts = [b[0] for b in bounds]
    pairs = find_quote_pairs(text, _lines(text, bounds[0][0], bounds[-1][1]))
    # join[i]: sentence i and i + 1 belong to the same unit
    join = [False] * (len(bounds) - 1)

    def index_of(offset: int) -> int:
        lo, hi = 0, len(starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    for pair in pairs:
        first, last = index_of(pair.open_start), index_of(pair.close_end - 1)
        if 0 < last - first < MAX_UNIT_SENTENCES:
            for k in range(first, last):
                join[k] = True
    for i in range(len(bounds) - 1):
        body = text[bounds[i][0] : bounds[i][1]].rstrip()
        if body.endswith(":") and _leading_opener(text, bounds[i + 1][0], bounds[i + 1][1]):
            join[i] = True
    units = []
    begin = 0
    for i in range(len(bounds)):
        if i < len(join) and join[i] and i + 1 - begin < MAX_UNIT_SENTENCES:
            continue
        units.append(_strip(text, bounds[begin][0], bounds[i][1]))
        begin = i + 1
    return [u for u in units if u[1] > u[0]]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def quote_pairs(text: str) -> list[QuotePair]:
    """The outermost quotation pairs of a unit's text (each line a paragraph)."""
    return find_quote_pairs(text, _lines(text, 0, len(text)))


def unbalanced(text: str, pairs: Sequence[QuotePair] | None = None) -> bool:
    """Whether a quotation mark in `text` opens or closes nothing: an opening mark without its closing one, or
    a closing double mark without its opening one. Apostrophes (z'n, auto's, 's avonds, Anders') are not marks.
    `pairs` are the text's `quote_pairs` when the caller has them already.
    """
    if pairs is None:
        pairs = quote_pairs(text)
    used: set[int] = set()
    for p in pairs:
        used.update(range(p.open_start, p.inner_start))
        used.update(range(p.inner_end, p.close_end))
    for i, ch in enumerate(text):
        if i in used:
            continue
        if ch in "“„«»\"”":
            return True
        if ch in OPENING_MARKS and (i == 0 or text[i - 1].isspace()) and (i + 1 == len(text) or text[i + 1].isspace()):
            return True  # a mark standing alone between spaces
        if ch == "," and text.startswith(",,", i) and i + 1 not in used:
            return True
        if ch in "‘‚" and _can_open(text, i, ch):
            return True
        if ch in "'’" and _can_open(text, i, ch) and not (i > 0 and text[i - 1].isalnum()):
            return True
        if ch in "'’" and i > 0 and text[i - 1] in ".,!?…" and not text.startswith("''", i - 1):
            return True  # a single closing mark after punctuation: the end of a quote opened elsewhere
    return False
