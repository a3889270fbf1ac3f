"""Keep spaCy's tokenizer linear on long runs of punctuation, with the same tokens.

spaCy splits a chunk of text without spaces by taking prefixes and suffixes off it one at a time, and looks
for a suffix with one regular expression of all the suffix patterns, each anchored with `$`. Python's `re`
tries that expression at every position of the chunk, so each step costs the length of the chunk times the
number of patterns, and a line of 20,000 '=' took over a minute. A suffix pattern of bounded width can only
match in the last few characters, so `FastSuffixSearch` looks there, and only the patterns of unbounded
width (`\\.\\.+` in Dutch) are searched over the whole chunk: the same match, found in a fraction of the time.

`linear_tokenizer(nlp)` installs it on a pipeline's tokenizer; tokens and offsets do not change.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from spacy.language import Language
from spacy.tokenizer import Tokenizer

if sys.version_info >= (3, 11):
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

#: Widths above this count as unbounded (sre reports MAXREPEAT for `+` and `*`).
UNBOUNDED_WIDTH = 10_000


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression ("a$|b$" → ["a$", "b$"]), respecting escapes,
    character classes and groups."""
    pieces: list[str] = []
    depth = 0
    in_class = False
    start = 0
    i = 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
            if pattern.startswith("]", i + 1) or pattern.startswith("^]", i + 1):
                i += 2 if pattern[i + 1] == "]" else 3  # a ']' right after '[' or '[^' is a literal
                continue
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    pieces.append(pattern[start:])
    return pieces


def _max_width(piece: str, flags: int) -> int:
    return int(sre_parse.parse(piece, flags).getwidth()[1])


class FastSuffixSearch:
    """A drop-in for `tokenizer.suffix_search` (a compiled pattern's `search`) that returns the same match.

    A match of a bounded pattern must start within its width of the end (one more: `$` also matches before
    a final newline), so the whole expression is searched from there; a match that starts earlier can only
    come from an unbounded pattern, and the unbounded patterns alone are searched over the whole string.
    Where the earliest unbounded match starts before the window, it is the leftmost match of the whole
    expression, found by the same alternative, so it is the match `re` would return."""

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self.compiled = compiled
        pieces = split_alternatives(compiled.pattern)
        if "|".join(pieces) != compiled.pattern:  # pragma: no cover - split_alternatives only cuts at '|'
            raise ValueError("could not split the suffix pattern into alternatives")
        if not all(p.endswith("$") and not p.endswith("\\$") for p in pieces):
            raise ValueError("a suffix pattern is not anchored at the end with '$'")
        flags = compiled.flags & ~re.UNICODE
        widths = [_max_width(p, flags) for p in pieces]
        bounded = [w for w in widths if w < UNBOUNDED_WIDTH]
        unbounded = [p for p, w in zip(pieces, widths, strict=True) if w >= UNBOUNDED_WIDTH]
        self.window = (max(bounded) if bounded else 0) + 1
        self.unbounded = re.compile("|".join(unbounded), compiled.flags) if unbounded else None

    def __call__(self, string: str) -> re.Match[str] | None:
        start = max(0, len(string) - self.window)
        if start == 0:
            return self.compiled.search(string)
        if self.unbounded is not None:
            early = self.unbounded.search(string)
            if early is not None and early.start() < start:
                return early
        return self.compiled.search(string, start)

    # spaCy serialises `suffix_search.__self__.pattern`; keep those reachable for to_bytes/to_disk
    @property
    def __self__(self) -> re.Pattern[str]:  # type: ignore[override]
        return self.compiled


def fast_suffix_search(tokenizer: Tokenizer) -> None:
    """Replace the tokenizer's suffix search by a `FastSuffixSearch` of the same pattern (once)."""
    search: Any = tokenizer.suffix_search
    if search is None or isinstance(search, FastSuffixSearch):
        return
    compiled = getattr(search, "__self__", None)
    if not isinstance(compiled, re.Pattern):
        return  # a custom callable: left as it is
    try:
        tokenizer.suffix_search = FastSuffixSearch(compiled)
    except (ValueError, re.error):
        return  # a pattern this class cannot reason about: spaCy's own search stays


def linear_tokenizer(nlp: Language) -> Language:
    """Make the pipeline's tokenizer linear on long punctuation runs (same tokens); returns `nlp`."""
    if isinstance(nlp.tokenizer, Tokenizer):
        fast_suffix_search(nlp.tokenizer)
    return nlp
