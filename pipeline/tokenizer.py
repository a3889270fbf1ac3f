"""Keep spaCy's tokenizer linear on long runs of punctuation, with the same tokens.

spaCy splits a chunk of text without spaces by taking prefixes and suffixes off it one at a time, and looks
for a suffix with one regular expression of all the suffix patterns, each anchored with `$`. Python's `re`
tries that expression at every position of the chunk, so each step costs the length of the chunk times the
number of patterns, and a line of 20,000 '=' took over a minute. A suffix pattern of bounded width can only
match in the last few characters, so `FastSuffixSearch` looks there, and only the patterns of unbounded
width (`\\.\\.+` in Dutch) are searched over the whole chunk: the same match, found in a fraction of the time.

Even so, spaCy copies the rest of the chunk at every step, so a chunk of n characters costs n² in copying:
`LinearTokenizer` wraps the tokenizer and cuts a chunk that is one punctuation character repeated (a line of
'=' or '-') into one-character tokens itself, after checking that spaCy would do the same for that character
(`single_character_runs`), and leaves all other text to spaCy.

`linear_tokenizer(nlp)` installs both on a pipeline; tokens, whitespace and offsets do not change.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

if sys.version_info >= (3, 11):
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
else:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

#: Widths above this count as unbounded (sre reports MAXREPEAT for `+` and `*`).
UNBOUNDED_WIDTH = 10_000
#: Shortest run of one punctuation character that LinearTokenizer cuts itself (characters).
MIN_RUN = 256
#: Runs up to this length are tokenised by spaCy once per character to check it splits them into characters.
CHECKED_RUN = 64


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


_REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT, getattr(sre_constants, "POSSESSIVE_REPEAT", None)}


def last_characters(piece: str, flags: int) -> frozenset[str] | None:
    """The characters a match of `piece` (ending in `$`) can end with, when the pattern says so plainly: a
    literal, a class of literals, or a repetition (at least once) of one of those right before the `$`
    ("\\.\\.+$" → {"."}); None when it is not that simple."""
    if flags & re.IGNORECASE:
        return None
    items = list(sre_parse.parse(piece, flags))
    if len(items) < 2 or items[-1] != (sre_constants.AT, sre_constants.AT_END):
        return None
    op, av = items[-2]
    if op in _REPEATS:
        low, _, sub = av
        if low < 1 or len(sub) != 1:
            return None
        op, av = list(sub)[0]
    if op == sre_constants.LITERAL:
        return frozenset({chr(av)})
    if op == sre_constants.IN and all(o == sre_constants.LITERAL for o, _ in av):
        return frozenset(chr(a) for _, a in av)
    return None


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
        if compiled.flags & re.MULTILINE:
            raise ValueError("with MULTILINE, '$' also matches inside the string")
        flags = compiled.flags & ~re.UNICODE
        widths = [_max_width(p, flags) for p in pieces]
        bounded = [w for w in widths if w < UNBOUNDED_WIDTH]
        unbounded = [p for p, w in zip(pieces, widths, strict=True) if w >= UNBOUNDED_WIDTH]
        self.window = (max(bounded) if bounded else 0) + 1
        self.unbounded = re.compile("|".join(unbounded), compiled.flags) if unbounded else None
        # the characters an unbounded match can end with; None: any (then the search always runs)
        ends = [last_characters(p, flags) for p in unbounded]
        known = [e for e in ends if e is not None]
        self.unbounded_ends: frozenset[str] | None = frozenset().union(*known) if len(known) == len(ends) else None

    def __call__(self, string: str) -> re.Match[str] | None:
        start = max(0, len(string) - self.window)
        if start == 0:
            return self.compiled.search(string)
        if self.unbounded is not None and self._may_end_unbounded(string):
            early = self.unbounded.search(string)
            if early is not None and early.start() < start:
                return early
        return self.compiled.search(string, start)

    def _may_end_unbounded(self, string: str) -> bool:
        """Can an unbounded pattern match at the end? `$` ends a match at the end or before a final newline."""
        ends = self.unbounded_ends
        if ends is None:
            return True
        return string[-1] in ends or (string[-1] == "\n" and len(string) > 1 and string[-2] in ends)

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


def _joined(docs: list[Doc]) -> Doc:
    """The tokenizer's Docs of consecutive pieces of a text as one Doc, as if tokenised at once: `Doc.from_docs`
    marks the first token of every piece as a sentence start, which a tokenizer never does, so those marks are
    taken off again (sentence boundaries are for the pipeline's components to set)."""
    if len(docs) == 1:
        return docs[0]
    doc = Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor", "user_data", "spans"])  # type: ignore[call-arg]
    starts = doc.to_array([SENT_START])
    starts[:] = 0
    if len(starts):
        starts[0] = 1  # as in a Doc straight from the tokenizer
    doc.from_array([SENT_START], starts)  # type: ignore[arg-type]
    return doc


class LinearTokenizer:
    """A spaCy tokenizer that cuts long whitespace-delimited runs of one repeated character that is no letter
    or digit (at least `min_run` long: a line of '=', '_', ',,,,') itself, exactly as spaCy would, and passes
    all other text to spaCy. Everything else (vocab, explain, to_disk, …) is the wrapped tokenizer's.

    spaCy takes a run apart step by step: a prefix of p characters off the front and a suffix of q off the
    end, the same p and q at every step while the run is long, then the short rest as a chunk of its own.
    `_plan` reads p and q from the tokenizer's own patterns and checks on runs up to CHECKED_RUN characters
    that the tokens spaCy makes are exactly those steps (text and norm); the long run is then cut into
    [c*p] * k + tokens(short rest) + [c*q] * k without spaCy copying the rest of the run at every step."""

    def __init__(self, tokenizer: Tokenizer, *, min_run: int = MIN_RUN) -> None:
        self.tokenizer = tokenizer
        self.min_run = max(min_run, 2)
        # a whole chunk (between white space) of one character that is no letter or digit
        self._run = re.compile(rf"(?<!\S)([^\w\s]|_)\1{{{self.min_run - 1},}}(?!\S)")
        self._steps: dict[str, tuple[int, int] | None] = {}

    def __getattr__(self, name: str) -> Any:
        if name == "tokenizer" or name.startswith("__"):
            raise AttributeError(name)  # no delegation while unpickling, before `tokenizer` is set
        return getattr(self.tokenizer, name)

    def _affixes(self, char: str, m: int) -> tuple[int, int]:
        """The prefix and suffix lengths spaCy takes off a run of m characters (the suffix is looked for
        after the prefix is off, as spaCy does)."""
        tok = self.tokenizer
        prefix = tok.prefix_search(char * m) if tok.prefix_search is not None else None
        p = prefix.end() - prefix.start() if prefix is not None else 0
        suffix = tok.suffix_search(char * (m - p)) if tok.suffix_search is not None and m > p else None
        q = suffix.end() - suffix.start() if suffix is not None else 0
        return p, q

    def _words(self, text: str, spaces: bool = False) -> list[tuple[str, str]]:
        doc = Doc(self.tokenizer.vocab, words=[text], spaces=[spaces])
        return [(t.text, t.norm_) for t in doc]

    def _uniform_steps(self, char: str) -> tuple[int, int] | None:
        """(p, q) when spaCy takes runs of `char` apart in uniform steps, checked on runs of CHECKED_RUN / 2
        to CHECKED_RUN characters (longer than any special case); None otherwise."""
        tok = self.tokenizer
        if tok.token_match is not None or not getattr(tok, "faster_heuristics", True):
            return None
        if any(len(rule) >= CHECKED_RUN // 2 for rule in tok.rules or {}):
            return None
        p, q = self._affixes(char, CHECKED_RUN)
        if p + q == 0:
            return None  # no affix: spaCy reads the run once (infixes), nothing to do
        for m in range(CHECKED_RUN // 2, CHECKED_RUN + 1):
            if self._affixes(char, m) != (p, q):
                return None
            expected = (self._words(char * p) if p else []) + [(t.text, t.norm_) for t in tok(char * (m - p - q))]
            expected += self._words(char * q) if q else []
            if [(t.text, t.norm_) for t in tok(char * m)] != expected:
                return None
        return p, q

    def _plan(self, char: str, n: int) -> tuple[int, int] | None:
        if char not in self._steps:
            self._steps[char] = self._uniform_steps(char)
        steps = self._steps[char]
        if steps is None or self._affixes(char, n) != steps:
            return None
        return steps

    def _cut(self, char: str, n: int, steps: tuple[int, int], space: bool) -> Doc:
        """The tokens of a run of n `char`s (and one space after it, if `space`)."""
        p, q = steps
        vocab = self.tokenizer.vocab
        keep = CHECKED_RUN // 2  # the rest left to spaCy is at most this long and longer than keep - p - q
        k = -(-(n - keep) // (p + q)) if n > keep else 0
        rest = n - k * (p + q)
        parts: list[Doc] = []
        if k and p:
            parts.append(Doc(vocab, words=[char * p] * k, spaces=[False] * k))
        parts.append(self.tokenizer(char * rest + (" " if space and not (k and q) else "")))
        if k and q:
            parts.append(Doc(vocab, words=[char * q] * k, spaces=[False] * (k - 1) + [space]))
        return _joined(parts)

    def __call__(self, text: str) -> Doc:
        runs = []
        for m in self._run.finditer(text):
            steps = self._plan(m.group(1), m.end() - m.start())
            if steps is not None:
                runs.append((m, steps))
        if not runs:
            return self.tokenizer(text)
        docs: list[Doc] = []
        at = 0
        for m, steps in runs:
            start, end = m.span()
            if start > at:
                docs.append(self.tokenizer(text[at:start]))  # ends in white space: the run starts a chunk
            space = end < len(text) and text[end] == " "  # one space after a chunk belongs to its last token
            docs.append(self._cut(m.group(1), end - start, steps, space))
            at = end + space
        if at < len(text):
            docs.append(self.tokenizer(text[at:]))
        return _joined(docs)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)


def linear_tokenizer(nlp: Language, *, min_run: int = MIN_RUN) -> Language:
    """Make the pipeline's tokenizer linear on long punctuation runs (same tokens); returns `nlp`. A
    tokenizer that is not spaCy's own is left as it is."""
    if isinstance(nlp.tokenizer, Tokenizer):
        fast_suffix_search(nlp.tokenizer)
        nlp.tokenizer = LinearTokenizer(nlp.tokenizer, min_run=min_run)
    return nlp
