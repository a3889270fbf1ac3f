"""Theme scores per document, session and speaker, with evidence sentences.

A score is the share of content sentences (paragraphs and turns, not headings) that mention the theme, so
documents of different length compare directly. Negated mentions ("geen vertrouwen") count, because they
are about the theme, and are flagged on the evidence.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from pipeline.ingest.model import Block
from pipeline.intervals import Regions
from pipeline.sentences import doc_text, sentence_of, sentences
from pipeline.themes.matcher import TermMatch

DECIMALS = 4


@dataclass
class SentenceEvidence:
    """One sentence that mentions a theme."""

    theme: str
    start: int
    end: int
    text: str
    terms: list[str] = field(default_factory=list)
    negated: bool = False


_OPENING = "“„‘‚«"


def bounds(sent: Span) -> tuple[int, int]:
    """Character offsets of a sentence without surrounding white space, and without an opening quotation
    mark that the sentence splitter left at its end (it belongs to the next sentence)."""
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]  # `sent.text`, without joining its tokens again
    lead = len(text) - len(text.lstrip())
    body = text.strip()
    while len(body) > 1 and body[-1] in _OPENING:
        body = body[:-1].rstrip()
    return sent.start_char + lead, sent.start_char + lead + len(body)


def content_sentences(doc: Doc, blocks: Sequence[Block]) -> list[Span]:
    """Sentences that start inside a paragraph or turn."""
    regions = Regions([(b.start, b.end) for b in blocks if b.is_content])
    return [s for s in sentences(doc) if s.text.strip() and regions.covers(s.start_char)]


def evidence(doc: Doc, matches: Sequence[TermMatch], sentences: Sequence[Span]) -> list[SentenceEvidence]:
    """One evidence item per theme and sentence, with the terms found and whether all are negated."""
    by_key: dict[tuple[str, int], SentenceEvidence] = {}
    negations: dict[tuple[str, int], list[bool]] = {}
    starts = {s.start for s in sentences}
    for m in matches:
        sent = sentence_of(doc, m.start)
        if sent.start not in starts:
            continue
        key = (m.theme, sent.start)
        start, end = bounds(sent)
        item = by_key.setdefault(key, SentenceEvidence(m.theme, start, end, doc_text(doc)[start:end]))
        term_text = doc[m.start : m.end].text
        if term_text not in item.terms:
            item.terms.append(term_text)
        negations.setdefault(key, []).append(m.negated)
    for key, item in by_key.items():
        item.negated = all(negations[key])
    return sorted(by_key.values(), key=lambda e: (e.start, e.theme))


def share(items: Sequence[SentenceEvidence], sentences: Sequence[Span], keep: Callable[[int], bool] = lambda _: True) -> dict[str, float]:
    """Per theme: the share of the kept sentences that mention it."""
    total = sum(1 for s in sentences if keep(bounds(s)[0]))
    if total == 0:
        return {}
    counts: dict[str, int] = {}
    for item in items:
        if keep(item.start):
            counts[item.theme] = counts.get(item.theme, 0) + 1
    return {theme: round(n / total, DECIMALS) for theme, n in counts.items()}
