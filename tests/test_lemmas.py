"""Lemma conventions applied after the parser: separable verbs and proper names (UD Dutch)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

import pipeline.lemmas  # noqa: F401


def annotated(words, pos, heads, deps, lemmas):
    nlp = spacy.blank("nl")
    doc = Doc(nlp.vocab, words=words, pos=pos, heads=heads, deps=deps, lemmas=lemmas)
    nlp.add_pipe("notulist_lemma_rules")
    return nlp.get_pipe("notulist_lemma_rules")(doc)


def test_separated_particle_joins_the_verb_lemma():
    doc = annotated(
        ["Hij", "komt", "morgen", "terug", "."],
        ["PRON", "VERB", "ADV", "ADP", "PUNCT"],
        [1, 1, 1, 1, 1],
        ["nsubj", "ROOT", "advmod", "compound:prt", "punct"],
        ["hij", "komen", "morgen", "terug", "."],
    )
    assert doc[1].lemma_ == "terugkomen"
    assert doc[3].lemma_ == "terug"


def test_particle_already_in_the_lemma_is_not_doubled():
    doc = annotated(
        ["Zij", "belt", "op", "."],
        ["PRON", "VERB", "ADP", "PUNCT"],
        [1, 1, 1, 1],
        ["nsubj", "ROOT", "compound:prt", "punct"],
        ["zij", "opbellen", "op", "."],
    )
    assert doc[1].lemma_ == "opbellen"


def test_preposition_is_not_a_particle():
    doc = annotated(
        ["Hij", "komt", "op", "tijd", "."],
        ["PRON", "VERB", "ADP", "NOUN", "PUNCT"],
        [1, 1, 3, 1, 1],
        ["nsubj", "ROOT", "case", "obl", "punct"],
        ["hij", "komen", "op", "tijd", "."],
    )
    assert doc[1].lemma_ == "komen"


def test_proper_names_keep_their_form():
    doc = annotated(
        ["Uitgeverij", "Klooster", "groeit", "."],
        ["PROPN", "PROPN", "VERB", "PUNCT"],
        [2, 0, 2, 2],
        ["nsubj", "flat", "ROOT", "punct"],
        ["uitgeverij", "klooster", "groeien", "."],
    )
    assert [t.lemma_ for t in doc[:2]] == ["Uitgeverij", "Klooster"]
    assert doc[2].lemma_ == "groeien"
