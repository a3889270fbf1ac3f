"""Odd input never crashes the analysis, and offsets always point at the reported text."""

from __future__ import annotations

import random

import pytest

PIECES = [
    "“", "”", "‘", "’", ",,", "''", '"', "'", "«", "»", "„", " ", "\n", "\n\n", "Jan de Vries", " zegt ", " volgens ",
    " dat ", "z'n", "auto's", ".", ",", ":", "Sessie 2", "De heer Bakker", "Hij", "vertrouwen", "ideeën", "\t",
    "[00:01:02] Piet: ", "Let op: ", "— ", "…", "?", "!",
]


@pytest.mark.parametrize("seed", range(60))
def test_random_quote_marks_and_cues(analyse, seed):
    rng = random.Random(seed)
    text = "".join(rng.choice(PIECES) for _ in range(rng.randint(5, 80)))
    if not text.strip():
        return
    from pipeline.ingest.encoding import normalise

    normalised = normalise(text)
    a = analyse(text)
    for q in a.quotes:
        assert normalised[q.start : q.end] == q.text
    for theme in a.themes:
        for e in theme.evidence:
            assert normalised[e.start : e.end] == e.text


def test_colon_glued_to_a_quote_mark(analyse):
    a = analyse("Sessie 2De heer Bakker….\"vertrouwen:«,,‘auto's?.vertrouwenauto's.: dat .…— “…'».")
    assert a.document.words > 0 and all(q.speaker is None or q.speaker_id for q in a.quotes)
