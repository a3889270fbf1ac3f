"""Who said what in a turn transcript: each main speaker's position, in their own most representative sentence.

In a transcript nobody is quoted: the speakers hold turns. A speaker's position is the publishable unit of
their own turns that is most central among everything they said in the session (LexRank on the sparse
TF-IDF lemma graph of their units, as the summaries use, plus the similarity to the mean of their units and
to that of the session's), so a greeting, thanks to the chair, a filler opening ("Dank u, voorzitter.",
"Nou, …", "Ja.") or a unit that refers back ("Ook toen …") is never it (`publishable`). Main speakers are
those with the most words in the session.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from spacy.tokens import Span

from pipeline.sentences import doc_text
from pipeline.summaries.extractive import lemma_texts, lexrank, similarity_graph, tfidf_matrix, units_of
from pipeline.summaries.publishable import needs_predecessor, rejection

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
    candidates = {
        speaker: [u for u in own[speaker] if _can_stand_alone(text[u.start_char : u.end_char])] for speaker in main
    }
    pool = [u for speaker in main for u in candidates[speaker]]
    if not pool:
        return []
    # one TF-IDF space for the session's candidate units: each speaker's rows are compared among themselves
    matrix = tfidf_matrix([lem or u.text.lower() for lem, u in zip(lemma_texts(pool), pool, strict=True)])
    session = _unit_vector(np.asarray(matrix.mean(axis=0)).ravel())
    positions = []
    row = 0
    for speaker in main:
        count = len(candidates[speaker])
        if count:
            best = candidates[speaker][_most_representative(matrix[row : row + count], session)]
            positions.append(SpeakerPosition(speaker, text[best.start_char : best.end_char], best.start_char, best.end_char))
        row += count
    return sorted(positions, key=lambda p: own[p.speaker][0].start_char)


def _can_stand_alone(text: str) -> bool:
    """A publishable unit that does not refer back to the one before it ("Ook toen …", "Daarmee …")."""
    return rejection(text) is None and not needs_predecessor(text)


def _unit_vector(vector: np.ndarray) -> np.ndarray:
    norm = float(np.linalg.norm(vector))
    return vector / norm if norm > 0 else vector


def _most_representative(rows: sp.csr_matrix, session: np.ndarray) -> int:
    """Index of the speaker's unit (TF-IDF rows) with the highest LexRank centrality among their own units plus
    cosine similarity to the mean of their units and to that of the session; the earliest on a tie."""
    if rows.shape[0] == 1:
        return 0
    centrality = lexrank(similarity_graph(rows))
    own = _unit_vector(np.asarray(rows.mean(axis=0)).ravel())
    score = centrality + np.asarray(rows @ own).ravel() + np.asarray(rows @ session).ravel()
    return int(max(range(rows.shape[0]), key=lambda i: (round(float(score[i]), 9), -i)))
