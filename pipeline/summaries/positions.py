"""Who said what in a turn transcript: each main speaker's position, in their own most representative sentence.

In a transcript nobody is quoted: the speakers hold turns. A speaker's position is the publishable unit of
their own turns that is most central among everything they said in the session (LexRank on the sparse
TF-IDF lemma graph of their units, as the summaries use, plus the similarity to the mean of their units),
so a greeting, thanks to the chair or a filler opening ("Dank u, voorzitter.", "Nou, …", "Ja.") is never
it (`publishable.rejection`). Main speakers are those with the most words in the session.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Span

from pipeline.sentences import doc_text
from pipeline.summaries.extractive import lemma_texts, lexrank, similarity_graph, tfidf_matrix, units_of
from pipeline.summaries.publishable import rejection

#: At most this many speakers of a session get a position (those with the most words).
MAIN_SPEAKERS = 6
#: A speaker with fewer words than this in the session is no main speaker (a chair who only gives the floor).
MIN_SPEAKER_WORDS = 15

__all__ = ["MAIN_SPEAKERS", "MIN_SPEAKER_WORDS", "SpeakerPosition", "speaker_positions"]


@dataclass(frozen=True)
class SpeakerPosition:
    """A speaker's most representative unit: its text and character offsets [start, end) in the document."""

    speaker: str
    text: str
    start: int
    end: int


def speaker_positions(
    sentences: Sequence[Span], turns: Sequence[tuple[int, int, str]], *, limit: int = MAIN_SPEAKERS
) -> list[SpeakerPosition]:
    """Each main speaker's position, in the order in which they first speak.

    `sentences` are the candidate sentences of one session (spans of one Doc, in order); `turns` are the
    session's turns as (start, end, speaker) character ranges, in order. A unit belongs to the turn its first
    character lies in; units outside every turn belong to no one. At most `limit` speakers, those with the
    most words and at least `MIN_SPEAKER_WORDS`; a speaker without a publishable unit gets no position.
    Returns an empty list when there are no turns.
    """
    if not sentences or not turns:
        return []
    ordered = sorted(turns)
    starts = [t[0] for t in ordered]
    text = doc_text(sentences[0].doc)
    own: dict[str, list[Span]] = {}
    words: dict[str, int] = {}
    for unit in units_of(sentences):
        k = bisect.bisect_right(starts, unit.start_char) - 1
        if k < 0 or unit.start_char >= ordered[k][1]:
            continue
        speaker = ordered[k][2]
        own.setdefault(speaker, []).append(unit)
        words[speaker] = words.get(speaker, 0) + sum(1 for t in unit if t.is_alpha)
    main = sorted((s for s in own if words[s] >= MIN_SPEAKER_WORDS), key=lambda s: (-words[s], own[s][0].start_char))[:limit]
    positions = []
    for speaker in sorted(main, key=lambda s: own[s][0].start_char):
        candidates = [u for u in own[speaker] if rejection(text[u.start_char : u.end_char]) is None]
        if not candidates:
            continue
        best = candidates[_most_representative(candidates)]
        positions.append(SpeakerPosition(speaker, text[best.start_char : best.end_char], best.start_char, best.end_char))
    return positions


def _most_representative(units: Sequence[Span]) -> int:
    """Index of the unit with the highest LexRank centrality plus similarity to the mean of the units; the
    earliest on a tie."""
    if len(units) == 1:
        return 0
    matrix = tfidf_matrix([lem or u.text.lower() for lem, u in zip(lemma_texts(units), units, strict=True)])
    centrality = lexrank(similarity_graph(matrix))
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    to_centroid = matrix @ (centroid / norm) if norm > 0 else np.zeros(len(units))
    score = centrality + np.asarray(to_centroid).ravel()
    return int(max(range(len(units)), key=lambda i: (round(float(score[i]), 9), -i)))
