"""Structured summaries for communication staff: a paragraph, key points and who said what."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Span

from pipeline.sentences import doc_text
from pipeline.summaries.extractive import rank_sentences, select, tfidf_similarity
from pipeline.themes.scoring import bounds

KEY_POINTS = 5
KEY_POINT_WORDS = 20


@dataclass
class SpanSummary:
    """Chosen sentences and the ranked candidates they came from."""

    sentences: list[Span]
    key_points: list[str] = field(default_factory=list)


def sentence_count(n_candidates: int, *, sentences: int | None, ratio: float | None) -> int:
    """Summary length: a fixed number of sentences, or a share of the candidates (at least one)."""
    if ratio is not None:
        return max(1, round(n_candidates * ratio))
    return sentences if sentences is not None else 3


def shorten(text: str, limit: int = KEY_POINT_WORDS) -> str:
    """A key point: the sentence, or its first clause when it is long."""
    words = text.split()
    if len(words) <= limit:
        return text.strip()
    cut = " ".join(words[:limit])
    comma = cut.rfind(",")
    if comma > len(cut) // 3:
        cut = cut[:comma]
    return cut.rstrip(" ,;:") + " …"


def summarise_span(
    sentences: Sequence[Span], *, n: int | None = 3, ratio: float | None = None, unattributed: Sequence[tuple[int, int]] = ()
) -> SpanSummary:
    """Summary sentences in document order, and key points (the most salient sentences, shortened)."""
    ranked, similarity = rank_sentences(sentences, unattributed=unattributed)
    count = sentence_count(len(ranked), sentences=n, ratio=ratio)
    chosen = select(ranked, similarity, count)
    best = select(ranked, similarity, KEY_POINTS)
    order = sorted(best, key=lambda s: -next(r.score for r in ranked if r.sentence is s))
    return SpanSummary(chosen, [shorten(doc_text(s.doc)[slice(*bounds(s))]) for s in order])


def representative(quotes: Sequence[str], context: str) -> int:
    """Index of the quote closest to what the session is about (TF-IDF cosine to the whole session)."""
    if len(quotes) == 1:
        return 0
    similarity = tfidf_similarity([context.lower(), *(q.lower() for q in quotes)])
    scores = similarity[0, 1:]
    return int(max(range(len(quotes)), key=lambda i: (scores[i], -i)))
