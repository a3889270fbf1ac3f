"""Extractive summaries: sentence centrality on a TF-IDF lemma graph (LexRank style), a lead bonus,
quote awareness and MMR against redundancy; the chosen sentences are returned in document order.

Only content sentences are candidates (headings, pull quotes and link residue are blocks of other kinds),
and procedural lines ("Klik op de titel …", "Vaststellen agenda") are left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span

from pipeline.resources import patterns
from pipeline.themes.discovery import lemma_text  # takes any token sequence

DAMPING = 0.85
ITERATIONS = 60
#: Weight of centrality against position: news and reports put the gist first. Chosen on the 15 NOS
#: development articles with benchmarks/summary_rouge.py (a small grid over these three constants).
CENTRALITY_WEIGHT = 0.3
POSITION_WEIGHT = 0.7
#: Penalty for a direct quote whose speaker is not named in the sentence itself ("“Dat kan niet.”").
UNATTRIBUTED_QUOTE_PENALTY = 0.5
MMR_LAMBDA = 0.6
MIN_WORDS = 5
MAX_WORDS = 60


@dataclass(frozen=True)
class Ranked:
    """A candidate sentence with its salience."""

    sentence: Span
    score: float
    order: int


def is_procedural(text: str) -> bool:
    """Procedure or page furniture rather than content."""
    return any(p.search(text.strip()) for p in patterns("procedural_lines.txt"))


def tfidf_similarity(texts: Sequence[str]) -> np.ndarray:
    """Cosine similarity of TF-IDF vectors (smoothed idf, as scikit-learn's); numpy only, since building a
    vectorizer per session costs more than the whole ranking."""
    rows = [text.split() for text in texts]
    vocabulary: dict[str, int] = {}
    for row in rows:
        for word in row:
            vocabulary.setdefault(word, len(vocabulary))
    counts = np.zeros((len(rows), max(1, len(vocabulary))))
    for i, row in enumerate(rows):
        for word in row:
            counts[i, vocabulary[word]] += 1
    df = (counts > 0).sum(axis=0)
    idf = np.log((1 + len(rows)) / (1 + df)) + 1
    weights = counts * idf
    norms = np.linalg.norm(weights, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    unit = weights / norms
    return unit @ unit.T


def rank_sentences(
    sentences: Sequence[Span], *, unattributed: Sequence[tuple[int, int]] = ()
) -> tuple[list[Ranked], np.ndarray]:
    """Salience of each candidate sentence and their pairwise similarity."""
    candidates = [
        s for s in sentences
        if MIN_WORDS <= sum(1 for t in s if t.is_alpha) <= MAX_WORDS and not is_procedural(s.text)
    ]
    if not candidates:
        return [], np.zeros((0, 0))
    texts = [lemma_text(s) or s.text.lower() for s in candidates]
    similarity = tfidf_similarity(texts)
    np.fill_diagonal(similarity, 0.0)
    rows = similarity.sum(axis=1, keepdims=True)
    rows[rows == 0] = 1.0
    transition = similarity / rows
    n = len(candidates)
    centrality = np.full(n, 1 / n)
    for _ in range(ITERATIONS):
        centrality = (1 - DAMPING) / n + DAMPING * transition.T @ centrality
    centrality = centrality / centrality.max() if centrality.max() > 0 else centrality
    ranked = []
    for i, sent in enumerate(candidates):
        position = 1.0 / (1.0 + i)
        score = CENTRALITY_WEIGHT * centrality[i] + POSITION_WEIGHT * position
        if any(s < sent.end_char and sent.start_char < e for s, e in unattributed):
            score *= UNATTRIBUTED_QUOTE_PENALTY
        ranked.append(Ranked(sent, float(score), i))
    return ranked, similarity


def select(ranked: Sequence[Ranked], similarity: np.ndarray, n: int) -> list[Span]:
    """Maximal marginal relevance: salient sentences that do not repeat each other, in document order."""
    chosen: list[int] = []
    remaining = list(range(len(ranked)))
    while remaining and len(chosen) < n:
        def mmr(i: int) -> float:
            redundancy = max((similarity[i, j] for j in chosen), default=0.0)
            return MMR_LAMBDA * ranked[i].score - (1 - MMR_LAMBDA) * redundancy

        best = max(remaining, key=lambda i: (mmr(i), -i))
        chosen.append(best)
        remaining.remove(best)
    return [ranked[i].sentence for i in sorted(chosen, key=lambda i: ranked[i].order)]


def summarise(sentences: Sequence[Span], n: int, *, unattributed: Sequence[tuple[int, int]] = ()) -> list[Span]:
    """The n sentences that best summarise the given ones, in document order."""
    if n <= 0:
        return []
    ranked, similarity = rank_sentences(sentences, unattributed=unattributed)
    return select(ranked, similarity, n)
