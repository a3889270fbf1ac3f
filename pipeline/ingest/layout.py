"""Classify the lines of a prose report: title, headings, pull quotes, link residue, paragraphs."""

from __future__ import annotations

import re

from pipeline.ingest.model import Block, BlockKind
from pipeline.resources import patterns

OPENING_MARKS = "“„‘‚«\"'"
CLOSING_MARKS = "”“’‘»\"'"
_WORD = re.compile(r"\w+(?:[-’']\w+)*")
_TERMINAL = re.compile(r"[.:;,][”’\"'»)]*$")  # a closing mark may follow: “Prima zo.”
MAX_HEADING_WORDS = 8


def words(text: str) -> list[str]:
    """Word-like pieces of a text, for counting and comparing."""
    return _WORD.findall(text)


def is_noise(line: str) -> bool:
    """Link or caption residue such as "verslag Clusters 5"."""
    return any(p.search(line) for p in patterns("noise_lines.txt"))


def is_session_heading(line: str) -> bool:
    """A heading that opens a session: "Sessie 2", "Deelsessie …", "06. Vaststellen agenda"."""
    return any(p.search(line) for p in patterns("session_headings.txt"))


def is_heading(line: str) -> bool:
    """Short line without closing punctuation, standing alone."""
    stripped = line.strip()
    if not stripped or is_wholly_quoted(stripped):
        return False
    n = len(words(stripped))
    return 0 < n <= MAX_HEADING_WORDS and not _TERMINAL.search(stripped)


def is_wholly_quoted(line: str) -> bool:
    """The line is one quotation from its first to its last character."""
    stripped = line.strip()
    if len(stripped) < 3 or stripped[0] not in OPENING_MARKS:
        return False
    body = stripped.rstrip(".!?")
    if body[-1] not in CLOSING_MARKS:
        return False
    inner = body[1:-1]
    return not any(mark in inner for mark in "“”„«»\"")


def quote_key(text: str) -> str:
    """Lower-cased words, for finding the same sentence again."""
    return " ".join(w.lower() for w in words(text))


def classify_lines(text: str) -> list[Block]:
    """Split a prose report into blocks (each non-empty line, or a run of wrapped lines) and classify them."""
    raw: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            start = offset + (len(line) - len(line.lstrip()))
            raw.append((start, offset + len(line)))
        offset += len(line) + 1
    blocks: list[Block] = []
    content_keys = [quote_key(text[s:e]) for s, e in raw]
    for i, (start, end) in enumerate(raw):
        line = text[start:end]
        kind = _classify(line, i, content_keys)
        blocks.append(Block(kind=kind, start=start, end=end, text=line))
    return _merge_wrapped(blocks, text)


def _classify(line: str, index: int, keys: list[str]) -> BlockKind:
    if is_noise(line):
        return BlockKind.NOISE
    if index == 0 and len(keys) > 1 and len(words(line)) <= 25 and not re.search(r"[.!?:][”’\"'»]?$", line.rstrip()):
        return BlockKind.TITLE
    if is_wholly_quoted(line):
        key = quote_key(line)
        if key and any(key in other for j, other in enumerate(keys) if j != index and len(other) > len(key)):
            return BlockKind.PULL_QUOTE
        if len(words(line)) <= MAX_HEADING_WORDS and not re.search(r"[.!?…][”’\"'»]?$", line.strip()):
            return BlockKind.HEADING  # a quoted subheading: ‘Geen vakantie, geen middag vrij’
        return BlockKind.PARAGRAPH
    if is_heading(line):
        return BlockKind.HEADING
    return BlockKind.PARAGRAPH


def _merge_wrapped(blocks: list[Block], text: str) -> list[Block]:
    """Join hard-wrapped lines of one paragraph (no blank line between them) into one block."""
    merged: list[Block] = []
    for block in blocks:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.kind is BlockKind.PARAGRAPH
            and block.kind is BlockKind.PARAGRAPH
            and "\n\n" not in text[prev.end : block.start]
            and not re.search(r"[.!?:”’\"']$", prev.text)
        ):
            merged[-1] = Block(BlockKind.PARAGRAPH, prev.start, block.end, text[prev.start : block.end])
        else:
            merged.append(block)
    return merged
